using Chengxin.Server.Data;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Results;

/// <summary>One scheme class of a campaign's results, with how many of the caller's units it holds (the page's tabs).</summary>
public sealed record ResultClassCount(string Id, string Name, int Count);

/// <summary>
/// Which page of a campaign's results is asked for (issue 19): <paramref name="Offset"/> lines skipped in rank order, at most
/// <paramref name="Limit"/> answered, only units of one scheme class and only units whose name holds <paramref name="Name"/>.
/// </summary>
internal sealed record ResultPageAsk(int Offset, int Limit, string? SchemeClass, string? Name);

/// <summary>
/// The results page a page at a time (issue 19): a province's campaign has thousands of units, and its ranking table or its full
/// results read whole grew with the campaign (610 KB and 12 MB at 3,000 units). A page is the campaign's stored rows in the
/// caller's scope (each row's unit asked after by its key through the scope filter, as <see cref="ResultRanking.LinesQuery"/>
/// does), in stored rank order from the campaign's range of <c>IX_UnitResults_CampaignId_Rank_UnitId_IsStale</c>, skipped and
/// taken in SQL; the pager's counts are counts in SQL over the same rows. Ranks stay those of the whole campaign.
/// </summary>
internal static class ResultPages
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;

    /// <summary>The page asked for, or the problem with it (in Chinese, by field).</summary>
    public static (ResultPageAsk? Ask, IResult? Problem) Parse(int? offset, int? limit, string? schemeClass, string? q)
    {
        var validation = new Validation()
            .Check(offset is null or >= 0, "offset", "起始位置不能为负数。")
            .Check(limit is null or (>= 1 and <= MaxLimit), "limit", $"每页单位数须在 1 到 {MaxLimit} 之间。")
            .Optional("schemeClass", schemeClass, "类别", 100)
            .Optional("q", q, "单位名称", 100);
        if (!validation.IsValid)
            return (null, validation.Problem());
        return (new ResultPageAsk(offset ?? 0, limit ?? DefaultLimit, string.IsNullOrWhiteSpace(schemeClass) ? null : schemeClass.Trim(),
            string.IsNullOrWhiteSpace(q) ? null : q.Trim()), null);
    }

    /// <summary>
    /// The campaign's rows the caller sees that the page's filters keep: the class is a column of the row, the name its unit's,
    /// read by the unit's key through the scope filter (a county admin's rows are its subtree's).
    /// </summary>
    public static IQueryable<UnitResultRow> Rows(ChengxinDbContext db, long campaignId, string? schemeClass, string? name)
    {
        var rows = db.UnitResults.AsNoTracking().Where(r => r.CampaignId == campaignId);
        if (schemeClass is not null)
            rows = rows.Where(r => r.SchemeClass == schemeClass);
        return name is null
            ? rows.Where(r => db.Units.Any(u => u.Id == r.UnitId))
            : rows.Where(r => db.Units.Any(u => u.Id == r.UnitId && u.Name.Contains(name)));
    }

    /// <summary>
    /// The ranking lines of one page: the ranked rows in rank order, skipped and taken in SQL. A unit not ranked yet (a new member
    /// while the ranks are being refreshed) has no place among them and is read by <see cref="UnrankedQuery"/> after the last.
    /// </summary>
    public static IQueryable<ResultRanking.RankedLine> LinesQuery(ChengxinDbContext db, long campaignId, ResultPageAsk ask) =>
        Ranked(db, campaignId, ask).Skip(ask.Offset).Take(ask.Limit)
            .Select(r => new ResultRanking.RankedLine(r.UnitId, db.Units.Where(u => u.Id == r.UnitId).Select(u => u.Name).First(), r.SchemeClass,
                r.Base, r.Bonus, r.Total, r.Grade, r.VetoesJson, r.Rank, r.ClassRank, r.SelfTotal, r.IsLate));

    /// <summary>The lines after the ranked ones: units not ranked yet, in unit order, from the page's first unranked line on.</summary>
    public static IQueryable<ResultRanking.RankedLine> UnrankedQuery(ChengxinDbContext db, long campaignId, ResultPageAsk ask, int skip, int take) =>
        Rows(db, campaignId, ask.SchemeClass, ask.Name).Where(r => r.Rank == null).OrderBy(r => r.UnitId).Skip(skip).Take(take)
            .Select(r => new ResultRanking.RankedLine(r.UnitId, db.Units.Where(u => u.Id == r.UnitId).Select(u => u.Name).First(), r.SchemeClass,
                r.Base, r.Bonus, r.Total, r.Grade, r.VetoesJson, r.Rank, r.ClassRank, r.SelfTotal, r.IsLate));

    /// <summary>One unit's full result as stored, with its items and explanation: a line of the full results' page.</summary>
    internal sealed record DetailedLine(long UnitId, string Name, string SchemeClass, decimal Base, decimal Bonus, decimal Total, string? Grade,
        string VetoesJson, int? Rank, int? ClassRank, decimal SelfTotal, bool IsLate, string Explanation, string ItemsJson, bool IsStale);

    /// <summary>The full results of one page: the ranked rows in rank order with their items, skipped and taken in SQL.</summary>
    public static IQueryable<DetailedLine> DetailedQuery(ChengxinDbContext db, long campaignId, ResultPageAsk ask) =>
        Ranked(db, campaignId, ask).Skip(ask.Offset).Take(ask.Limit)
            .Select(r => new DetailedLine(r.UnitId, db.Units.Where(u => u.Id == r.UnitId).Select(u => u.Name).First(), r.SchemeClass, r.Base,
                r.Bonus, r.Total, r.Grade, r.VetoesJson, r.Rank, r.ClassRank, r.SelfTotal, r.IsLate, r.Explanation, r.ItemsJson, r.IsStale));

    /// <summary>How many of the caller's units each scheme class holds: one group by over the campaign's rows in scope.</summary>
    public static IQueryable<KeyValuePair<string, int>> ClassCountsQuery(ChengxinDbContext db, long campaignId) =>
        Rows(db, campaignId, null, null).GroupBy(r => r.SchemeClass).Select(g => new KeyValuePair<string, int>(g.Key, g.Count()));

    /// <summary>
    /// The pager's counts: the lines the filters keep, and of them those ranked (all of them unless the ranks are being refreshed
    /// and a new member has none yet), with the classes' counts, in the scheme's class order.
    /// </summary>
    public static async Task<(int Total, int Ranked, List<ResultClassCount> Classes)> CountsAsync(ChengxinDbContext db, long campaignId,
        ResultPageAsk ask, IReadOnlyDictionary<string, string> classNames, bool refreshing, CancellationToken ct)
    {
        var counts = await ClassCountsQuery(db, campaignId).ToDictionaryAsync(c => c.Key, c => c.Value, ct);
        // Without a name searched, the classes' counts are the pager's too: the campaign's rows are probed against the scope once.
        var total = ask.Name is not null ? await Rows(db, campaignId, ask.SchemeClass, ask.Name).CountAsync(ct)
            : ask.SchemeClass is not null ? counts.GetValueOrDefault(ask.SchemeClass) : counts.Values.Sum();
        var ranked = refreshing ? await Rows(db, campaignId, ask.SchemeClass, ask.Name).CountAsync(r => r.Rank != null, ct) : total;
        return (total, ranked, Classes(classNames, counts));
    }

    /// <summary>The classes of the scheme in its order that hold one of the caller's units, then any class the scheme no longer names.</summary>
    public static List<ResultClassCount> Classes(IReadOnlyDictionary<string, string> classNames, IReadOnlyDictionary<string, int> counts) =>
        [.. classNames.Keys.Where(counts.ContainsKey).Concat(counts.Keys.Where(k => !classNames.ContainsKey(k)).Order(StringComparer.Ordinal))
            .Select(k => new ResultClassCount(k, classNames.GetValueOrDefault(k) ?? k, counts[k]))];

    /// <summary>The page of lines already in memory (the rows ranked on read), with the same filters and counts as the SQL page.</summary>
    public static (List<T> Page, int Total, List<ResultClassCount> Classes) InMemory<T>(IReadOnlyList<T> lines, ResultPageAsk ask,
        Func<T, string> schemeClass, Func<T, string> name, IReadOnlyDictionary<string, string> classNames)
    {
        var counts = lines.GroupBy(schemeClass).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var kept = lines.Where(l => (ask.SchemeClass is null || schemeClass(l) == ask.SchemeClass)
            && (ask.Name is null || name(l).Contains(ask.Name, StringComparison.Ordinal))).ToList();
        return ([.. kept.Skip(ask.Offset).Take(ask.Limit)], kept.Count, Classes(classNames, counts));
    }

    private static IQueryable<UnitResultRow> Ranked(ChengxinDbContext db, long campaignId, ResultPageAsk ask) =>
        Rows(db, campaignId, ask.SchemeClass, ask.Name).Where(r => r.Rank != null).OrderBy(r => r.Rank).ThenBy(r => r.UnitId);
}
