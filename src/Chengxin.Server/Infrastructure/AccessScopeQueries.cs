using Chengxin.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Infrastructure;

/// <summary>Questions about the caller's scope that a handler asks of the database, since the scope is no list to look in.</summary>
public static class AccessScopeQueries
{
    /// <summary>Whether every one of these units is in the caller's scope (the unit filter decides, as for any read).</summary>
    public static async Task<bool> SeesAllUnitsAsync(this ChengxinDbContext db, IReadOnlyCollection<long> unitIds, CancellationToken ct)
    {
        var distinct = unitIds.Distinct().ToList();
        return await db.Units.CountAsync(u => distinct.Contains(u.Id), ct) == distinct.Count;
    }
}
