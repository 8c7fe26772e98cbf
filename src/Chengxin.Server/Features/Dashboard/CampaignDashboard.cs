using Chengxin.Domain.Campaigns;
using Chengxin.Domain.Scoring;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Features.Results;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Chengxin.Server.Features.Dashboard;

public sealed record GradeCountView(string Grade, int Count);

public sealed record RankingEntryView(long UnitId, string Name, string SchemeClass, decimal Total, string? Grade, int Rank, int ClassRank);

public sealed record CategoryAverageView(string Id, string Title, decimal Max, decimal Average);

/// <summary>A unit's points per first-level category, in the order of <see cref="CampaignDashboardView.Categories"/>.</summary>
public sealed record UnitCategoryScoresView(long UnitId, string Name, IReadOnlyList<decimal> Scores);

/// <summary>Where the units stand, in the words and counts of the campaign's progress board (they add up to units).</summary>
public sealed record SubmissionProgressView(int Units, int Pending, int Missing, int Submitted, int Late, int Returned);

/// <summary>
/// <see cref="RanksRefreshing"/>: a write came in since the campaign was last ranked, and the ranks shown are the last ones while the
/// ranks worker refreshes them (排名更新中); totals, grades and category points are current.
/// </summary>
public sealed record CampaignDashboardView(long CampaignId, string Name, string SchemeId, string SchemeFamily, string PeriodLabel, CampaignState State,
    bool Published, IReadOnlyList<GradeCountView> Grades, IReadOnlyList<RankingEntryView> Ranking, IReadOnlyList<CategoryAverageView> Categories,
    IReadOnlyList<UnitCategoryScoresView> UnitCategories, SubmissionProgressView Progress, bool RanksRefreshing);

/// <summary>
/// A leader's view of one campaign. Published campaigns are shown as published (the frozen snapshot); others live,
/// since leaders and the office may see results before publication. Only units in the caller's scope are counted.
/// A live campaign is read from its stored rows' few columns (totals, grades, ranks) and the per-item scores of the rows in
/// scope, and its progress is counted in SQL (issue 19): a province's campaign has thousands of units, and the dashboard
/// needs counts, averages and one line per unit, not every item's explanation.
/// </summary>
public static class CampaignDashboard
{
    public const string Ungraded = "未定等次";

    public static async Task<IResult> Get(long id, ChengxinDbContext db, SchemeVersions versions, TimeProvider clock, IOptions<ResultSettings> settings,
        CancellationToken ct)
    {
        // The campaign alone: its members are read only where the ranks must be made here (a small campaign after a write).
        var campaign = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (campaign is null)
            return ProblemResponses.NotFound("评价批次");
        var now = clock.GetUtcNow();
        var version = await db.SchemeVersions.AsNoTracking().FirstAsync(v => v.Id == campaign.SchemeVersionId, ct);
        var scheme = versions.Compile(version);
        var published = campaign.State == CampaignState.Published ? await ResultQueries.LatestSnapshotAsync(db, id, ct) : null;
        var (periodLabel, units, refreshing) = published is not null
            ? await FromSnapshotAsync(db, scheme, published, ct)
            : await LiveAsync(db, versions, scheme, campaign, now.UtcDateTime, settings.Value.RankOnReadUpTo, ct);

        var grades = scheme.Scheme.Grades.Select(g => g.Name).ToList();
        var gradeCounts = grades.Select(g => new GradeCountView(g, units.Count(u => u.Entry.Grade == g))).ToList();
        var ungraded = units.Count(u => u.Entry.Grade is null || !grades.Contains(u.Entry.Grade));
        if (ungraded > 0)
            gradeCounts.Add(new GradeCountView(Ungraded, ungraded));

        var categories = scheme.Scheme.Categories;
        var unitScores = units.Select(u => new UnitCategoryScoresView(u.Entry.UnitId, u.Entry.Name, u.Categories)).ToList();
        var categoryViews = categories.Select((c, i) => new CategoryAverageView(c.Id, c.Title, c.Max,
            unitScores.Count == 0 ? 0m : Math.Round(unitScores.Average(u => u.Scores[i]), 2, MidpointRounding.AwayFromZero))).ToList();

        return TypedResults.Ok(new CampaignDashboardView(id, campaign.Name, version.SchemeId, Domain.Schemes.SchemeFamily.Of(version.SchemeId),
            periodLabel, campaign.State, published is not null, gradeCounts, units.Select(u => u.Entry).ToList(), categoryViews, unitScores,
            await ProgressAsync(db, campaign, now, ct), refreshing));
    }

    /// <summary>One unit on the dashboard: its line of the ranking and its points per first-level category.</summary>
    private sealed record DashboardUnit(RankingEntryView Entry, IReadOnlyList<decimal> Categories);

    /// <summary>The frozen snapshot, kept to the caller's scope (ranks stay those of the whole campaign).</summary>
    private static async Task<(string PeriodLabel, List<DashboardUnit> Units, bool Refreshing)> FromSnapshotAsync(ChengxinDbContext db, CompiledScheme scheme,
        CampaignResultView published, CancellationToken ct)
    {
        var result = await ResultQueries.InScopeAsync(db, published, ct);
        var categories = scheme.Scheme.Categories;
        var itemCategory = scheme.Items.ToDictionary(ci => ci.Item.Id, ci => scheme.Nodes[ci.AncestorNodes[0]].Id, StringComparer.Ordinal);
        return (result.PeriodLabel, result.Units.Select(u => new DashboardUnit(
            new RankingEntryView(u.UnitId, u.Name, u.SchemeClass, u.Total, u.Grade, u.Rank, u.ClassRank),
            categories.Select(c => u.Items.Where(i => i.Status != ItemStatus.NotApplicable && itemCategory.GetValueOrDefault(i.ItemId) == c.Id)
                .Sum(i => i.Score)).ToList())).ToList(), false);
    }

    /// <summary>One unit's line of a live dashboard as stored: its ranks, and its points per category (or its item list, for a row
    /// computed before they were stored).</summary>
    internal sealed record LiveLine(long UnitId, string Name, string SchemeClass, decimal Total, string? Grade, int? Rank, int? ClassRank,
        string? CategoryScoresJson, string? ItemsJson);

    /// <summary>
    /// The dashboard's lines of a live campaign in rank order: the campaign's range of the rank index, each row's unit asked after
    /// through the unit scope as the ranking table does (<see cref="ResultRanking.LinesQuery"/>), with the row's stored category
    /// points; the item list is read only for a row without them.
    /// </summary>
    internal static IQueryable<LiveLine> LinesQuery(ChengxinDbContext db, long campaignId) =>
        db.UnitResults.AsNoTracking().Where(r => r.CampaignId == campaignId && db.Units.Any(u => u.Id == r.UnitId))
            .OrderBy(r => r.Rank).ThenBy(r => r.UnitId)
            .Select(r => new LiveLine(r.UnitId, db.Units.Where(u => u.Id == r.UnitId).Select(u => u.Name).First(), r.SchemeClass, r.Total, r.Grade,
                r.Rank, r.ClassRank, r.CategoryScoresJson, r.CategoryScoresJson == null ? r.ItemsJson : null));

    /// <summary>
    /// The live results of the units in scope, in rank order, read from the stored rows with their stored ranks and category
    /// points (issue 19): work in proportion to the units shown, not to the campaign's item lists. The ranks are made current
    /// first the way the ranking table does (<see cref="StoredRanks"/>); a large campaign whose ranks the worker is refreshing shows
    /// its last ranks so marked. Only when the ranks could not be stored (a write came in between) are the rows ranked here.
    /// </summary>
    private static async Task<(string PeriodLabel, List<DashboardUnit> Units, bool Refreshing)> LiveAsync(ChengxinDbContext db, SchemeVersions versions,
        CompiledScheme scheme, Data.Campaign campaign, DateTime now, int rankOnReadUpTo, CancellationToken ct)
    {
        var label = Period.ParseKey(campaign.PeriodKey).Label;
        var categoryOf = StoredResults.CategoryOfItems(scheme);
        var count = scheme.Scheme.Categories.Count;
        var current = await StoredRanks.EnsureAsync(db, versions, now, campaign, ct, rankOnReadUpTo);
        if (current.Unstored is null)
        {
            var lines = await LinesQuery(db, campaign.Id).ToListAsync(ct);
            if (current.Refreshing || lines.All(l => l.Rank is not null && l.ClassRank is not null))
                return (label, [.. lines.OrderBy(l => l.Rank is null).Select(l => new DashboardUnit(new RankingEntryView(l.UnitId, l.Name, l.SchemeClass,
                    l.Total, l.Grade, l.Rank ?? 0, l.ClassRank ?? 0), StoredResults.CategoryScores(l.CategoryScoresJson, l.ItemsJson, categoryOf, count)))],
                    current.Refreshing);
        }
        campaign.Units = await db.CampaignUnits.AsNoTracking().Where(cu => cu.CampaignId == campaign.Id).OrderBy(cu => cu.UnitId).ToListAsync(ct);
        var stored = current.Unstored ?? await StoredResults.ReadAsync(db, versions, now, campaign, ct, withItems: false);
        var (_, overall, byClass) = StoredResults.Ranks(stored.Rows);
        // The scope filter decides which members the caller sees; their names come with them.
        var visible = await db.Units.AsNoTracking().Where(u => db.CampaignUnits.Any(cu => cu.CampaignId == campaign.Id && cu.UnitId == u.Id))
            .Select(u => new { u.Id, u.Name }).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var points = await db.UnitResults.AsNoTracking()
            .Where(r => r.CampaignId == campaign.Id && db.Units.Any(u => u.Id == r.UnitId))
            .Select(r => new { r.UnitId, r.CategoryScoresJson, ItemsJson = r.CategoryScoresJson == null ? r.ItemsJson : null })
            .ToDictionaryAsync(r => r.UnitId, ct);
        return (label, [.. stored.Rows.Select((row, i) => (Row: row, Rank: overall[i], ClassRank: byClass[i]))
            .Where(x => visible.ContainsKey(x.Row.UnitId))
            .OrderBy(x => x.Rank).ThenBy(x => x.Row.UnitId)
            .Select(x => new DashboardUnit(new RankingEntryView(x.Row.UnitId, visible[x.Row.UnitId], x.Row.SchemeClass, x.Row.Total, x.Row.Grade, x.Rank,
                x.ClassRank), points.TryGetValue(x.Row.UnitId, out var p)
                    ? StoredResults.CategoryScores(p.CategoryScoresJson, p.ItemsJson, categoryOf, count)
                    : new decimal[count]))], false);
    }

    /// <summary>Units of one submission state, lateness and side of their deadline.</summary>
    internal sealed class ProgressGroup
    {
        public SubmissionState State { get; init; }
        public bool IsLate { get; init; }
        public bool Overdue { get; init; }
        public int Count { get; init; }
    }

    /// <summary>
    /// The campaign's members in the caller's scope (the unit filter on the join), each with its submission if any, grouped:
    /// one pass over the campaign's members and its submissions' index, however many units (pinned in TaskQueryTests).
    /// </summary>
    internal static IQueryable<ProgressGroup> ProgressQuery(ChengxinDbContext db, long campaignId, DateTime evidenceDue, DateTime utcNow) =>
        (from cu in db.CampaignUnits.AsNoTracking()
         where cu.CampaignId == campaignId
         join u in db.Units.AsNoTracking() on cu.UnitId equals u.Id
         from s in db.Submissions.AsNoTracking().Where(s => s.CampaignId == campaignId && s.UnitId == cu.UnitId).DefaultIfEmpty()
         select new
         {
             State = s == null ? SubmissionState.Draft : s.State,
             IsLate = s != null && s.IsLate,
             Overdue = (s == null ? evidenceDue : s.Due) < utcNow,
         })
        .GroupBy(x => new { x.State, x.IsLate, x.Overdue })
        .Select(g => new ProgressGroup { State = g.Key.State, IsLate = g.Key.IsLate, Overdue = g.Key.Overdue, Count = g.Count() });

    /// <summary>
    /// Where the units in scope stand, in the progress board's words and by its rule (<see cref="Workspace.CampaignProgress.StatusOf"/>),
    /// counted in SQL: one group per submission state, lateness and whether the unit's deadline has passed.
    /// </summary>
    private static async Task<SubmissionProgressView> ProgressAsync(ChengxinDbContext db, Data.Campaign campaign, DateTimeOffset now, CancellationToken ct)
    {
        var groups = await ProgressQuery(db, campaign.Id, campaign.EvidenceDue, now.UtcDateTime).ToListAsync(ct);
        var closed = campaign.State is not (CampaignState.Draft or CampaignState.Open);
        var counts = groups.GroupBy(g => Workspace.CampaignProgress.StatusOf(g.State, g.IsLate, g.Overdue ? DateTimeOffset.MinValue : DateTimeOffset.MaxValue,
            now, closed)).ToDictionary(g => g.Key, g => g.Sum(x => x.Count));
        int Count(string status) => counts.GetValueOrDefault(status);
        return new SubmissionProgressView(counts.Values.Sum(), Count(Workspace.CampaignProgress.Pending), Count(Workspace.CampaignProgress.Missing),
            Count(Workspace.CampaignProgress.Submitted), Count(Workspace.CampaignProgress.Late), Count(Workspace.CampaignProgress.Returned));
    }
}
