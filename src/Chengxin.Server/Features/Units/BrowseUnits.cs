using Chengxin.Domain;
using Chengxin.Server.Data;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Units;

/// <summary>A unit as a lazily loaded tree shows it: whether it has children in the caller's scope decides its expand arrow.</summary>
public sealed record UnitNode(long Id, long? ParentId, string Name, string? Code, UnitLevel Level, string LevelName, string? Class, bool IsActive,
    bool HasChildren);

/// <summary>How many active units the caller's scope holds (the home page's figure).</summary>
public sealed record UnitCountView(int Count);

/// <summary>
/// The unit tree a piece at a time, as the web's pickers and units page open it: the tops of the caller's scope first, then one
/// page of a unit's children per expand. A province's 40,000 units never travel at once; each answer costs the same wherever
/// in the tree it is asked.
/// </summary>
public static class BrowseUnits
{
    /// <summary>The most units one page of children holds.</summary>
    public const int MaxPage = 1000;

    /// <summary>
    /// The units of the caller's scope whose parent the caller does not see: the scope's own unit for a part of the tree (one row
    /// of IX_Units_TenantId_Path), the office's top units for the whole office, the campaign units for an external firm.
    /// </summary>
    public static async Task<IResult> Roots(ChengxinDbContext db, AccessScope scope, CancellationToken ct, bool? includeInactive = null)
    {
        var roots = RootsQuery(db, scope.Units);
        if (includeInactive != true)
            roots = roots.Where(u => u.IsActive);
        return TypedResults.Ok(await NodesAsync(db, await roots.OrderBy(u => u.Id).Take(MaxPage).ToListAsync(ct), includeInactive == true, ct));
    }

    /// <summary>The active units of the caller's scope, counted over the scope's range of IX_Units_TenantId_Path.</summary>
    public static async Task<IResult> Count(ChengxinDbContext db, CancellationToken ct) =>
        TypedResults.Ok(new UnitCountView(await db.Units.CountAsync(u => u.IsActive, ct)));

    internal static IQueryable<Unit> RootsQuery(ChengxinDbContext db, VisibleUnits visible) => visible.PathPattern switch
    {
        "%" => db.Units.AsNoTracking().Where(u => u.ParentId == null),
        // A subtree's pattern is its top unit's path and a wildcard; a unit alone is its path: either way one unit heads the scope.
        [.. var top, '%'] => db.Units.AsNoTracking().Where(u => u.Path == top),
        { } own => db.Units.AsNoTracking().Where(u => u.Path == own),
        // A firm's campaign units: those whose parent is not among them (the inner query is filtered by the same scope).
        null => db.Units.AsNoTracking().Where(u => u.ParentId == null || !db.Units.Any(p => p.Id == u.ParentId)),
    };

    /// <summary>
    /// One page of a unit's children in the caller's scope in the order of their ids, after <paramref name="afterId"/> (keyset:
    /// a town has hundreds of villages, and a page costs the same wherever it starts), at most <paramref name="limit"/> (200, up
    /// to 1,000). A unit outside the scope is not found, as everywhere else.
    /// </summary>
    public static async Task<IResult> Children(long id, ChengxinDbContext db, CancellationToken ct,
        long? afterId = null, int? limit = null, bool? includeInactive = null)
    {
        if (limit is < 1 or > MaxPage)
            return new Validation().Check(false, "limit", $"每页单位数须在 1 到 {MaxPage} 之间。").Problem();
        if (!await db.Units.AnyAsync(u => u.Id == id, ct))
            return ProblemResponses.NotFound("单位");
        var page = await ChildrenPage(db, id, afterId, limit ?? 200, includeInactive == true).ToListAsync(ct);
        return TypedResults.Ok(await NodesAsync(db, page, includeInactive == true, ct));
    }

    /// <summary>One page of a unit's children in the caller's scope, served by IX_Units_TenantId_ParentId_Id.</summary>
    internal static IQueryable<Unit> ChildrenPage(ChengxinDbContext db, long parentId, long? afterId, int limit, bool includeInactive)
    {
        var after = afterId ?? 0;
        var query = db.Units.AsNoTracking().Where(u => u.ParentId == parentId && u.Id > after);
        if (!includeInactive)
            query = query.Where(u => u.IsActive);
        return query.OrderBy(u => u.Id).Take(limit);
    }

    /// <summary>The units as nodes: which of them have children in the scope is one query over IX_Units_TenantId_ParentId_Id.</summary>
    internal static async Task<List<UnitNode>> NodesAsync(ChengxinDbContext db, IReadOnlyList<Unit> units, bool includeInactive, CancellationToken ct)
    {
        var ids = units.Select(u => (long?)u.Id).ToList();
        var parents = db.Units.AsNoTracking().Where(u => ids.Contains(u.ParentId));
        if (!includeInactive)
            parents = parents.Where(u => u.IsActive);
        var withChildren = ids.Count == 0 ? [] : (await parents.Select(u => u.ParentId!.Value).Distinct().ToListAsync(ct)).ToHashSet();
        return units.Select(u => Node(u, withChildren.Contains(u.Id))).ToList();
    }

    internal static UnitNode Node(Unit u, bool hasChildren) =>
        new(u.Id, u.ParentId, u.Name, u.Code, u.Level, UnitRules.LevelNames[u.Level], u.Class, u.IsActive, hasChildren);
}
