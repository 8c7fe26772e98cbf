using Chengxin.Domain.Campaigns;
using Chengxin.Domain.Scoring;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Dashboard;
using Chengxin.Server.Features.Results;
using Chengxin.Server.Features.Workspace;
using Chengxin.Server.Infrastructure;
using Chengxin.Server.Tests.Infrastructure;
using Chengxin.Server.Tests.Walkthroughs;

namespace Chengxin.Server.Tests.Scale;

/// <summary>
/// The dashboard counts in SQL and reads the stored rows' totals (issue 19) where it used to read the whole results and the
/// whole progress board. On a campaign with a unit in every status, across two counties, it must still say what those say:
/// the board's counts, the results' ranks, totals and grades, each unit's category points adding up to its items' scores;
/// and a county's admin is given its own county's units only, with the ranks of the whole campaign.
/// </summary>
public abstract class DashboardCountsTests(AppFixture app)
{
    private sealed record World(Walk Walk, Member OnTime, Member Late, Member Missing, Member Returned, HttpClient County);

    /// <summary>Three towns of county A-C1 and one of A-C2: on time, late, never, and late then returned in review.</summary>
    private async Task<World> CampaignAsync()
    {
        var walk = await Walk.StartAsync(app, TestWorld.SchemeId);
        var county = await walk.UserAsync("dash-county-" + Guid.NewGuid().ToString("N")[..8], "县信用办管理员", Roles.OfficeAdmin, walk.County, ScopeKind.Subtree);
        var onTime = await walk.UnitAsync("看板按时镇", "Town", "乡镇");
        var late = await walk.UnitAsync("看板逾期镇", "Town", "乡镇");
        var missing = await walk.UnitAsync("看板未报镇", "Town", "乡镇");
        var returned = await walk.UnitAsync("看板退回镇", "Town", "乡镇", app.World.Unit("A-C2").Id);
        await walk.OpenAsync("看板计数测试", "2022Q1", [onTime, late, missing, returned], walk.Now.AddHours(2), [walk.ReviewerId]);
        await walk.SaveAsync(onTime, JiaxianTownsCampaignTests.MiddlingTown);
        await walk.SubmitAsync(onTime);
        walk.Advance(TimeSpan.FromHours(3));
        await walk.SaveAsync(late, Walk.With(JiaxianTownsCampaignTests.MiddlingTown, ("dedicated_printer", true)));
        await walk.SubmitAsync(late);
        await walk.SaveAsync(returned, JiaxianTownsCampaignTests.MiddlingTown);
        await walk.SubmitAsync(returned);
        await walk.StartReviewAsync();
        await walk.ReviewAsync(walk.Reviewer, returned.Id, "1.1", "return", 0, reason: "请补充制度文件", supplementDue: walk.Now.AddDays(2));
        return new World(walk, onTime, late, missing, returned, county);
    }

    private static async Task<CampaignDashboardView> DashboardAsync(HttpClient client, long campaignId) =>
        await (await client.GetAsync($"/api/dashboard/campaigns/{campaignId}")).ReadAsync<CampaignDashboardView>();

    [Fact]
    public async Task Dashboard_UnitInEveryStatus_CountsAsTheProgressBoardAndRanksAsTheResults()
    {
        var w = await CampaignAsync();
        await using var walk = w.Walk;

        var board = await DashboardAsync(walk.Admin, walk.CampaignId);
        var progress = await (await walk.Admin.GetAsync($"/api/campaigns/{walk.CampaignId}/progress")).ReadAsync<CampaignProgressView>();
        board.Progress.ShouldBe(new SubmissionProgressView(progress.UnitCount, progress.Pending, progress.Missing, progress.Submitted, progress.Late,
            progress.Returned));
        board.Progress.ShouldBe(new SubmissionProgressView(4, 0, 1, 1, 1, 1));

        var results = await walk.ResultsAsync();
        board.Ranking.Select(r => (r.UnitId, r.Name, r.Total, r.Grade, r.Rank, r.ClassRank))
            .ShouldBe(results.Units.Select(u => (u.UnitId, u.Name, u.Total, u.Grade, u.Rank, u.ClassRank)));
        foreach (var unit in results.Units)
            board.UnitCategories.Single(c => c.UnitId == unit.UnitId).Scores.Sum()
                .ShouldBe(unit.Items.Where(i => i.Status != ItemStatus.NotApplicable).Sum(i => i.Score));
        board.Grades.Sum(g => g.Count).ShouldBe(4);
    }

    [Fact]
    public async Task Dashboard_CountyAdmin_CountsItsCountysUnitsOnly_WithTheWholeCampaignsRanks()
    {
        var w = await CampaignAsync();
        await using var walk = w.Walk;

        var city = await DashboardAsync(walk.Admin, walk.CampaignId);
        var county = await DashboardAsync(w.County, walk.CampaignId);

        county.Progress.ShouldBe(new SubmissionProgressView(3, 0, 1, 1, 1, 0));
        county.Ranking.Select(r => r.UnitId).ShouldBe(city.Ranking.Select(r => r.UnitId).Where(id => id != w.Returned.Id));
        county.Ranking.ShouldAllBe(r => city.Ranking.Contains(r));
        county.UnitCategories.Select(u => (u.UnitId, string.Join(",", u.Scores)))
            .ShouldBe(city.UnitCategories.Where(u => u.UnitId != w.Returned.Id).Select(u => (u.UnitId, string.Join(",", u.Scores))));
        county.Grades.Sum(g => g.Count).ShouldBe(3);
        county.Categories[0].Average.ShouldBe(Math.Round(county.UnitCategories.Average(u => u.Scores[0]), 2, MidpointRounding.AwayFromZero));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class DashboardCountsTestsOnSqlite(SqliteApp app) : DashboardCountsTests(app);

[Collection(PostgresCollection.Name)]
public sealed class DashboardCountsTestsOnPostgres(PostgresApp app) : DashboardCountsTests(app);
