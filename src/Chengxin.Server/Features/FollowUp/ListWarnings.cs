using Chengxin.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.FollowUp;

/// <summary>
/// The warnings the caller's scope reaches: the office's board, and on a unit's home page its own. Active ones first; <c>active=true</c>
/// lists only those.
/// </summary>
public static class ListWarnings
{
    public static async Task<IResult> List(bool? active, ChengxinDbContext db, CancellationToken ct)
    {
        var warnings = await db.FollowUpWarnings.AsNoTracking().Where(w => active != true || w.ClearedAt == null)
            .OrderBy(w => w.ClearedAt != null).ThenByDescending(w => w.RaisedAt).ThenByDescending(w => w.Id).Take(2000).ToListAsync(ct);
        var names = await FollowUpContext.UnitNamesAsync(db, warnings.Select(w => w.UnitId), ct);
        return TypedResults.Ok(warnings.Select(w => FollowUpContext.View(w, names[w.UnitId])).ToList());
    }
}
