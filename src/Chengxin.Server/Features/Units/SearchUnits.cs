using System.Globalization;
using Chengxin.Domain;
using Chengxin.Server.Data;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Units;

/// <summary>
/// A unit found by name or code, with the names above it down from the top of the caller's scope (市 / 县 / 镇), so that two
/// towns of one name in two counties are told apart. <paramref name="AncestorIds"/> are those of the named units above it (a picker
/// that may not offer a unit's own subtree, when moving it, tells its hits apart by them).
/// </summary>
public sealed record UnitHit(long Id, long? ParentId, string Name, string? Code, UnitLevel Level, string LevelName, string? Class, bool IsActive,
    IReadOnlyList<string> PathNames, IReadOnlyList<long> AncestorIds);

/// <summary>The pickers' search box: the caller's units whose name contains the words typed, or whose code starts with them.</summary>
public static class SearchUnits
{
    /// <summary>The most hits one search answers; a picker shows a short list, and a person types more to narrow it.</summary>
    public const int MaxHits = 100;

    /// <summary>
    /// A code is looked up as a prefix (IX_Units_TenantId_Code, a range on both providers); a name as a part of it, checked on
    /// the rows of the scope's path range (IX_Units_TenantId_Path). No index serves a name's middle: Chinese place names are
    /// searched by one to three characters, shorter than the trigrams of PostgreSQL's pg_trgm, and SQLite has no such index; the
    /// scan stops at the limit, and at a province's 40,000 rows it stays a few milliseconds.
    /// </summary>
    public static async Task<IResult> Handle(ChengxinDbContext db, CancellationToken ct, string? q = null, int? limit = null, bool? includeInactive = null)
    {
        var words = q?.Trim() ?? "";
        var validation = new Validation()
            .Check(words.Length > 0, "q", "请输入单位名称或编码。")
            .Check(words.Length <= 100, "q", "搜索词不能超过 100 个字符。")
            .Check(limit is null or (>= 1 and <= MaxHits), "limit", $"每次最多返回 1 到 {MaxHits} 个单位。");
        if (!validation.IsValid)
            return validation.Problem();

        var query = db.Units.AsNoTracking().Where(u => u.Name.Contains(words) || (u.Code != null && u.Code.StartsWith(words)));
        if (includeInactive != true)
            query = query.Where(u => u.IsActive);
        // Shallow units first (a county before its towns of a like name), then in the order they were made.
        var hits = await query.OrderBy(u => u.Path.Length).ThenBy(u => u.Id).Take(limit ?? 20).ToListAsync(ct);

        var above = hits.SelectMany(h => AncestorIds(h.Path)).Distinct().ToList();
        // Only the units the caller sees are named: a county admin's paths start at the county.
        var names = above.Count == 0 ? [] : await db.Units.AsNoTracking().Where(u => above.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        return TypedResults.Ok(hits.Select(h =>
        {
            var shown = AncestorIds(h.Path).Where(names.ContainsKey).ToList();
            return new UnitHit(h.Id, h.ParentId, h.Name, h.Code, h.Level, UnitRules.LevelNames[h.Level], h.Class, h.IsActive,
                [.. shown.Select(id => names[id]), h.Name], shown);
        }).ToList());
    }

    /// <summary>The ids above a unit, from the top of the office's tree: its path without its own id ("/1/5/23/" → 1, 5).</summary>
    internal static IEnumerable<long> AncestorIds(string path)
    {
        var ids = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return ids.Take(ids.Length - 1).Select(id => long.Parse(id, CultureInfo.InvariantCulture));
    }
}
