using System.Text.Json;
using Chengxin.Domain.Campaigns;
using Chengxin.Server.Data;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Chengxin.Server.Features.Results;

/// <summary>One unit's line of the ranking table: totals, ranks and grade, without its items (those come per unit, on demand).</summary>
public sealed record UnitRankingView(long UnitId, string Name, string SchemeClass, string? SchemeClassName, decimal Base, decimal Bonus, decimal Total,
    string? Grade, IReadOnlyList<string> Vetoes, int Rank, int ClassRank, decimal SelfTotal, bool IsLate);

/// <summary>
/// One page of a campaign's ranking table in the caller's scope; ranks are those of the whole campaign. <see cref="RanksRefreshing"/>: a write
/// came in since the campaign was last ranked, and the ranks shown are the last ones while they are being refreshed (排名更新中);
/// a unit never ranked yet has rank 0 and comes last. <see cref="Total"/>: the lines the page's filters keep (the pager's count),
/// of which <see cref="Units"/> are those from <see cref="Offset"/> on, at most <see cref="Limit"/>; <see cref="Classes"/>: the
/// scheme classes holding the caller's units, each with its count (the page's tabs). <see cref="UnitCount"/> is the campaign's.
/// </summary>
public sealed record CampaignRankingView(long CampaignId, string Name, string SchemeId, int SchemeVersion, string SchemeSha256, string PeriodKey,
    string PeriodLabel, int UnitCount, IReadOnlyList<UnitRankingView> Units, bool RanksRefreshing, int Total, int Offset, int Limit,
    IReadOnlyList<ResultClassCount> Classes);

/// <summary>
/// The results page at a province's size (issue 19): the ranking table a page at a time (<see cref="ResultPages"/>: rank order,
/// one class or all, a name search) without the items, and one unit's result with its items and their explanations when the
/// office opens it. Both read the stored rows (ADR 0007) with their stored ranks (<see cref="StoredRanks"/>): the table
/// in rank order from an index, one unit its own row; when a write has made the ranks due, the first read ranks a small campaign
/// once, and a large one is ranked by the ranks worker (<see cref="RankRefresh"/>) while the table shows its last ranks as being
/// refreshed. One unit's result is always ranked final: it ranks the campaign itself when the worker has not yet.
/// </summary>
public static class ResultRanking
{
    /// <summary>One line of the ranking table as stored.</summary>
    internal sealed record RankedLine(long UnitId, string Name, string SchemeClass, decimal Base, decimal Bonus, decimal Total, string? Grade,
        string VetoesJson, int? Rank, int? ClassRank, decimal SelfTotal, bool IsLate);

    /// <summary>
    /// The ranking table's lines in rank order: the campaign's range of <c>IX_UnitResults_CampaignId_Rank_UnitId_IsStale</c>, each
    /// row's unit asked after by its key through the unit scope (which keeps the caller's units and gives their names). Asked per
    /// row rather than joined: as a join, SQLite's planner started from the scope's units (all of a province's for its admin) and
    /// sorted what it found.
    /// </summary>
    internal static IQueryable<RankedLine> LinesQuery(ChengxinDbContext db, long campaignId) =>
        db.UnitResults.AsNoTracking().Where(r => r.CampaignId == campaignId && db.Units.Any(u => u.Id == r.UnitId))
            .OrderBy(r => r.Rank).ThenBy(r => r.UnitId)
            .Select(r => new RankedLine(r.UnitId, db.Units.Where(u => u.Id == r.UnitId).Select(u => u.Name).First(), r.SchemeClass, r.Base, r.Bonus,
                r.Total, r.Grade, r.VetoesJson, r.Rank, r.ClassRank, r.SelfTotal, r.IsLate));

    /// <summary>
    /// One page of the ranking table in rank order (the class and name filters the page offers, and the counts of its pager and
    /// tabs), read as a page from the stored ranks; the rows ranked on read, when ranks could not be stored, are paged in memory.
    /// </summary>
    public static async Task<IResult> List(long id, ChengxinDbContext db, SchemeVersions versions, TimeProvider clock, IOptions<ResultSettings> settings,
        CancellationToken ct, int? offset = null, int? limit = null, string? schemeClass = null, string? q = null)
    {
        var (ask, problem) = ResultPages.Parse(offset, limit, schemeClass, q);
        if (ask is null)
            return problem!;
        var campaign = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (campaign is null)
            return ProblemResponses.NotFound("评价批次");
        var now = clock.GetUtcNow().UtcDateTime;
        var current = await StoredRanks.EnsureAsync(db, versions, now, campaign, ct, settings.Value.RankOnReadUpTo);
        var classNames = current.Scheme.Scheme.Classes.ToDictionary(k => k.Id, k => k.Name, StringComparer.Ordinal);
        var version = current.Version;
        CampaignRankingView Answer(List<UnitRankingView> units, int total, List<ResultClassCount> classes) =>
            new(campaign.Id, campaign.Name, version.SchemeId, version.Version, version.Sha256, campaign.PeriodKey, Period.ParseKey(campaign.PeriodKey).Label,
                current.UnitCount, units, current.Refreshing, total, ask.Offset, ask.Limit, classes);
        if (current.Unstored is null)
        {
            var (total, ranked, classes) = await ResultPages.CountsAsync(db, id, ask, classNames, current.Refreshing, ct);
            var lines = await ResultPages.LinesQuery(db, id, ask).ToListAsync(ct);
            // While the ranks are being refreshed, a unit never ranked yet (a new member) comes after the last ranked one, without a rank.
            if (current.Refreshing && lines.Count < ask.Limit && ranked < total)
                lines.AddRange(await ResultPages.UnrankedQuery(db, id, ask, Math.Max(0, ask.Offset - ranked), ask.Limit - lines.Count).ToListAsync(ct));
            // A write between the check and this read leaves a line without a rank: then the rows are ranked here, as before.
            if (current.Refreshing || (ranked == total && lines.All(l => l.Rank is not null && l.ClassRank is not null)))
                return TypedResults.Ok(Answer([.. lines.Select(l => Line(l, classNames))], total, classes));
        }
        var all = await RankedOnReadAsync(db, current.Unstored ?? await ReadAllAsync(db, versions, now, campaign, ct), classNames, ct);
        var (page, count, inMemory) = ResultPages.InMemory(all, ask, u => u.SchemeClass, u => u.Name, classNames);
        return TypedResults.Ok(Answer(page, count, inMemory));
    }

    private static UnitRankingView Line(RankedLine l, Dictionary<string, string> classNames) =>
        new(l.UnitId, l.Name, l.SchemeClass, classNames.GetValueOrDefault(l.SchemeClass), l.Base, l.Bonus, l.Total, l.Grade, Vetoes(l.VetoesJson),
            l.Rank ?? 0, l.ClassRank ?? 0, l.SelfTotal, l.IsLate);

    /// <summary>One unit's result with its items, ranked within the whole campaign; a unit outside the caller's scope is not found.</summary>
    public static async Task<IResult> Unit(long id, long unitId, ChengxinDbContext db, SchemeVersions versions, TimeProvider clock, CancellationToken ct)
    {
        var campaign = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        var view = campaign is null ? null : await UnitViewAsync(db, versions, clock.GetUtcNow().UtcDateTime, campaign, unitId, ct);
        return view is null ? ProblemResponses.NotFound("单位的评价结果") : TypedResults.Ok(view);
    }

    /// <summary>
    /// One unit's live result with its items, ranked final within the whole campaign (the results page's unit, and the score sheet of one
    /// unit): that unit's stored row alone when the campaign's ranks are current, which it makes them if a write came in since. Null when the
    /// unit is outside the caller's scope or not a member of the campaign. The campaign is one the caller may see.
    /// </summary>
    internal static async Task<UnitResultView?> UnitViewAsync(ChengxinDbContext db, SchemeVersions versions, DateTime now, Data.Campaign campaign,
        long unitId, CancellationToken ct)
    {
        var id = campaign.Id;
        // The unit filter decides whether the caller sees the unit at all.
        var name = await db.Units.AsNoTracking().Where(u => u.Id == unitId).Select(u => u.Name).FirstOrDefaultAsync(ct);
        if (name is null || !await db.CampaignUnits.AnyAsync(cu => cu.CampaignId == id && cu.UnitId == unitId, ct))
            return null;
        var current = await StoredRanks.EnsureAsync(db, versions, now, campaign, ct);
        var classNames = current.Scheme.Scheme.Classes.ToDictionary(k => k.Id, k => k.Name, StringComparer.Ordinal);
        if (current.Unstored is null)
        {
            var row = await db.UnitResults.AsNoTracking().FirstOrDefaultAsync(r => r.CampaignId == id && r.UnitId == unitId, ct);
            if (row is { IsStale: false, Rank: { } rank, ClassRank: { } classRank })
                return new UnitResultView(unitId, name, row.SchemeClass, row.Base, row.Bonus, row.Total, row.Grade, Vetoes(row.VetoesJson),
                    rank, classRank, row.SelfTotal, row.IsLate, row.Explanation, StoredResults.ItemViews(current.Scheme, row.ItemsJson),
                    classNames.GetValueOrDefault(row.SchemeClass));
        }
        // The ranks could not be stored, or a write came in since: the unit is ranked among the rows as read, as before.
        var stored = current.Unstored ?? await ReadAllAsync(db, versions, now, campaign, ct);
        var (vetoes, overall, byClass) = StoredResults.Ranks(stored.Rows);
        var index = stored.Rows.ToList().FindIndex(r => r.UnitId == unitId);
        var found = stored.Rows[index];
        // The row was brought up to date by the read: its items and explanation are read as stored, or taken from the computation
        // the read served when another reader stored the row first.
        var full = found.ItemsJson != "[]" ? found : await db.UnitResults.AsNoTracking().FirstAsync(r => r.CampaignId == id && r.UnitId == unitId, ct);
        return new UnitResultView(unitId, name, found.SchemeClass, found.Base, found.Bonus, found.Total, found.Grade, vetoes[index], overall[index],
            byClass[index], found.SelfTotal, found.IsLate, full.Explanation, StoredResults.ItemViews(stored.Scheme, full.ItemsJson),
            classNames.GetValueOrDefault(found.SchemeClass));
    }

    private static async Task<StoredCampaignResults> ReadAllAsync(ChengxinDbContext db, SchemeVersions versions, DateTime now, Data.Campaign campaign,
        CancellationToken ct)
    {
        campaign.Units = await db.CampaignUnits.AsNoTracking().Where(cu => cu.CampaignId == campaign.Id).OrderBy(cu => cu.UnitId).ToListAsync(ct);
        return await StoredResults.ReadAsync(db, versions, now, campaign, ct, withItems: false);
    }

    /// <summary>The table ranked from the rows as read (what every read did before the ranks were stored), kept to the caller's scope.</summary>
    private static async Task<List<UnitRankingView>> RankedOnReadAsync(ChengxinDbContext db, StoredCampaignResults stored,
        Dictionary<string, string> classNames, CancellationToken ct)
    {
        var id = stored.Campaign.Id;
        var names = await StoredResults.NamesAsync(db, id, ct);
        var visible = await ResultQueries.VisibleAsync(db, id, stored.Rows.Select(r => r.UnitId), ct);
        var (vetoes, overall, byClass) = StoredResults.Ranks(stored.Rows);
        return [.. stored.Rows.Select((r, i) => (Row: r, Index: i)).Where(x => visible.Contains(x.Row.UnitId))
            .Select(x => new UnitRankingView(x.Row.UnitId, names[x.Row.UnitId], x.Row.SchemeClass, classNames.GetValueOrDefault(x.Row.SchemeClass),
                x.Row.Base, x.Row.Bonus, x.Row.Total, x.Row.Grade, vetoes[x.Index], overall[x.Index], byClass[x.Index], x.Row.SelfTotal, x.Row.IsLate))
            .OrderBy(u => u.Rank).ThenBy(u => u.UnitId)];
    }

    /// <summary>The vetoes that fired, in the scheme's words; a row without one (nearly all) is not parsed.</summary>
    internal static IReadOnlyList<string> Vetoes(string json) =>
        json == "[]" ? [] : JsonSerializer.Deserialize<List<string>>(json, ManageResults.SnapshotJson)!;
}
