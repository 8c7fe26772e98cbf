using Chengxin.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.DishonestLists;

/// <summary>The office's imported snapshots, newest first.</summary>
public static class ListSnapshots
{
    public static async Task<IResult> List(ChengxinDbContext db, CancellationToken ct)
    {
        var snapshots = await db.ListSnapshots.AsNoTracking().OrderByDescending(s => s.SnapshotDate).ThenByDescending(s => s.Id).ToListAsync(ct);
        return TypedResults.Ok(snapshots.Select(ImportListSnapshot.View).ToList());
    }
}
