using Chengxin.Server.Data;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Units;

/// <summary>How many active units of one class a part of the tree holds.</summary>
public sealed record UnitClassCount(string Class, int Count);

/// <summary>
/// "All units of class X under Y" without the tree in the browser: the campaign wizard shows the classes a chosen unit's subtree
/// holds and how many units each would bring, and the server chooses the same units when the campaign is opened.
/// </summary>
public static class SubtreeClasses
{
    public static async Task<IResult> Handle(long id, ChengxinDbContext db, CancellationToken ct)
    {
        var top = await db.Units.AsNoTracking().Where(u => u.Id == id).Select(u => u.Path).FirstOrDefaultAsync(ct);
        if (top is null)
            return ProblemResponses.NotFound("单位");
        // The subtree is one range of IX_Units_TenantId_Path, the unit itself included, as the campaign's choice counts it.
        var counts = await db.Units.AsNoTracking()
            .Where(u => u.IsActive && u.Class != null && u.Path.StartsWith(top))
            .GroupBy(u => u.Class!)
            .Select(g => new UnitClassCount(g.Key, g.Count()))
            .ToListAsync(ct);
        return TypedResults.Ok(counts.OrderBy(c => c.Class, StringComparer.Ordinal).ToList());
    }
}
