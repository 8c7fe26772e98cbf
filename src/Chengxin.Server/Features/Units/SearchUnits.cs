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

    /// <summary>How many units whose name holds the words are read in tree order before the shallow ones are picked.</summary>
    private const int Candidates = 500;

    /// <summary>
    /// A code is looked up as a prefix (IX_Units_TenantId_Code); a name as a part of it, checked on the rows of the scope's path
    /// range (IX_Units_TenantId_Path) in the index's order, which stops after <see cref="Candidates"/> hits. No index serves a
    /// name's middle: Chinese place names are searched by one to three characters, shorter than the trigrams of PostgreSQL's
    /// pg_trgm, and SQLite has no such index; a name nothing has still reads the scope's names once (issue 19's figures).
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

        var scoped = db.Units.AsNoTracking();
        if (includeInactive != true)
            scoped = scoped.Where(u => u.IsActive);
        var take = limit ?? 20;
        // A code by its own query, so that an index serves it (an OR with the name would read every unit of the scope). SQLite's
        // LIKE ignores case and so cannot use the code's index; the same prefix as a range of it can.
        var codes = scoped.Where(u => u.Code != null && u.Code.StartsWith(words));
        if (db.Database.IsSqlite())
        {
            var end = words + '\uffff';
            codes = codes.Where(u => string.Compare(u.Code, words) >= 0 && string.Compare(u.Code, end) < 0);
        }
        var byCode = await codes.OrderBy(u => u.Code).Take(take).ToListAsync(ct);
        // A name's middle: the scope's range read in its index's order stops at the first Candidates hits (a name every town
        // shares no longer sorts every town); of those the shallow ones first (a county before its towns of a like name).
        var byName = await scoped.Where(u => u.Name.Contains(words)).OrderBy(u => u.Path).Take(Candidates)
            .OrderBy(u => u.Path.Length).ThenBy(u => u.Id).Take(take).ToListAsync(ct);
        var hits = byCode.Concat(byName).DistinctBy(u => u.Id).OrderBy(u => u.Path.Length).ThenBy(u => u.Id).Take(take).ToList();

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
