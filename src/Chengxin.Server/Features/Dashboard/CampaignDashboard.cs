using Chengxin.Domain.Campaigns;
using Chengxin.Domain.Scoring;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Features.Results;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Dashboard;

public sealed record GradeCountView(string Grade, int Count);

public sealed record RankingEntryView(long UnitId, string Name, string SchemeClass, decimal Total, string? Grade, int Rank, int ClassRank);

public sealed record CategoryAverageView(string Id, string Title, decimal Max, decimal Average);

/// <summary>A unit's points per first-level category, in the order of <see cref="CampaignDashboardView.Categories"/>.</summary>
public sealed record UnitCategoryScoresView(long UnitId, string Name, IReadOnlyList<decimal> Scores);

/// <summary>Where the units stand, in the words and counts of the campaign's progress board (they add up to units).</summary>
public sealed record SubmissionProgressView(int Units, int Pending, int Missing, int Submitted, int Late, int Returned);

public sealed record CampaignDashboardView(long CampaignId, string Name, string SchemeId, string SchemeFamily, string PeriodLabel, CampaignState State,
    bool Published, IReadOnlyList<GradeCountView> Grades, IReadOnlyList<RankingEntryView> Ranking, IReadOnlyList<CategoryAverageView> Categories,
    IReadOnlyList<UnitCategoryScoresView> UnitCategories, SubmissionProgressView Progress);

/// <summary>
/// A leader's view of one campaign. Published campaigns are shown as published (the frozen snapshot); others live,
/// since leaders and the office may see results before publication. Only units in the caller's scope are counted.
/// </summary>
public static class CampaignDashboard
{
    public const string Ungraded = "未定等次";

    public static async Task<IResult> Get(long id, ChengxinDbContext db, SchemeVersions versions, TimeProvider clock, CancellationToken ct)
    {
        var campaign = await StoredResults.FindCampaignAsync(db, id, ct);
        if (campaign is null)
            return ProblemResponses.NotFound("评价批次");
        var version = await db.SchemeVersions.AsNoTracking().FirstAsync(v => v.Id == campaign.SchemeVersionId, ct);
        var scheme = versions.Compile(version);
        var published = campaign.State == CampaignState.Published ? await ResultQueries.LatestSnapshotAsync(db, id, ct) : null;
        var result = await ResultQueries.InScopeAsync(db, published ?? await ResultQueries.ReadAsync(db, versions, clock.GetUtcNow().UtcDateTime, campaign, ct), ct);

        var grades = scheme.Scheme.Grades.Select(g => g.Name).ToList();
        var gradeCounts = grades.Select(g => new GradeCountView(g, result.Units.Count(u => u.Grade == g))).ToList();
        var ungraded = result.Units.Count(u => u.Grade is null || !grades.Contains(u.Grade));
        if (ungraded > 0)
            gradeCounts.Add(new GradeCountView(Ungraded, ungraded));

        // First-level categories: a unit's points there are the sum of its applicable items under it.
        var categories = scheme.Scheme.Categories;
        var itemCategory = scheme.Items.ToDictionary(ci => ci.Item.Id, ci => scheme.Nodes[ci.AncestorNodes[0]].Id, StringComparer.Ordinal);
        var unitScores = result.Units.Select(u => new UnitCategoryScoresView(u.UnitId, u.Name, categories.Select(c => u.Items
            .Where(i => i.Status != ItemStatus.NotApplicable && itemCategory.GetValueOrDefault(i.ItemId) == c.Id).Sum(i => i.Score)).ToList())).ToList();
        var categoryViews = categories.Select((c, i) => new CategoryAverageView(c.Id, c.Title, c.Max,
            unitScores.Count == 0 ? 0m : Math.Round(unitScores.Average(u => u.Scores[i]), 2, MidpointRounding.AwayFromZero))).ToList();

        // One set of words with the campaign's progress board: the same statuses, counted the same way, over the same units.
        var board = await Workspace.CampaignProgress.BuildAsync(db, versions, campaign, clock.GetUtcNow(), ct);
        var progress = new SubmissionProgressView(board.UnitCount, board.Pending, board.Missing, board.Submitted, board.Late, board.Returned);

        return TypedResults.Ok(new CampaignDashboardView(id, campaign.Name, version.SchemeId, Domain.Schemes.SchemeFamily.Of(version.SchemeId),
            result.PeriodLabel, campaign.State, published is not null, gradeCounts,
            result.Units.Select(u => new RankingEntryView(u.UnitId, u.Name, u.SchemeClass, u.Total, u.Grade, u.Rank, u.ClassRank)).ToList(),
            categoryViews, unitScores, progress));
    }
}
