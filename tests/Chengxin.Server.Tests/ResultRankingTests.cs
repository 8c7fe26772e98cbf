using System.Net;
using Chengxin.Server.Features.Results;
using Chengxin.Server.Infrastructure;
using Chengxin.Server.Tests.Infrastructure;
using Chengxin.Server.Tests.Walkthroughs;
using static Chengxin.Server.Tests.Walkthroughs.Walk;

namespace Chengxin.Server.Tests;

/// <summary>
/// The results page at a province's size (issue 19): the ranking table without items, and one unit's items on demand, both the
/// very figures the whole results answer.
/// </summary>
public abstract class ResultRankingTests(AppFixture app)
{
    private static readonly (string Key, object Value)[] Facts =
    [
        ("measures", Rows("name", "措施", "done", 4, 0)), ("spot_unfinished", 0),
        ("info_reports", new List<Dictionary<string, object>>()),
        ("added_tasks", Rows("name", "新增任务", "approved", 1)), ("raised_targets", Rows("name", "调高指标", "approved", 0)),
        ("local_firsts", Rows("name", "首创举措", "approved", 0)),
    ];

    private async Task<(Walk Walk, Member Mine, Member Theirs)> ReviewingAsync(string name)
    {
        var walk = await StartAsync(app, "heihe-taskforce-monthly-2022");
        var mine = await walk.UnitAsync("本专班", "County", "县区政府", walk.City);
        var theirs = await walk.UnitAsync("他专班", "County", "县区政府", walk.City);
        await walk.OpenAsync(name, "2022-09", [mine, theirs], walk.Now.AddHours(1), [walk.ReviewerId], new() { ["县区政府"] = "county" });
        await walk.SaveAsync(mine, Facts);
        await walk.SubmitAsync(mine);
        await walk.SaveAsync(theirs, Walk.With(Facts, ("added_tasks", Rows("name", "新增任务", "approved", 3))));
        await walk.SubmitAsync(theirs);
        await walk.StartReviewAsync();
        return (walk, mine, theirs);
    }

    [Fact]
    public async Task Ranking_EachUnit_HasTheTotalsRanksAndGradeOfTheWholeResults()
    {
        var (walk, mine, theirs) = await ReviewingAsync("排名表");
        await using var _ = walk;

        var whole = await (await walk.Admin.GetAsync($"/api/campaigns/{walk.CampaignId}/results")).ReadAsync<CampaignResultView>();
        var ranking = await (await walk.Admin.GetAsync($"/api/campaigns/{walk.CampaignId}/results/ranking")).ReadAsync<CampaignRankingView>();

        ranking.Units.Select(u => (u.UnitId, u.Name, u.Base, u.Bonus, u.Total, u.Grade, u.Rank, u.ClassRank, u.SelfTotal, u.IsLate, u.SchemeClassName))
            .ShouldBe(whole.Units.Select(u => (u.UnitId, u.Name, u.Base, u.Bonus, u.Total, u.Grade, u.Rank, u.ClassRank, u.SelfTotal, u.IsLate, u.SchemeClassName)));
        ranking.Units.Select(u => u.UnitId).ShouldBe([theirs.Id, mine.Id]);
        (ranking.UnitCount, ranking.PeriodLabel, ranking.SchemeSha256).ShouldBe((whole.UnitCount, whole.PeriodLabel, whole.SchemeSha256));
    }

    [Fact]
    public async Task UnitResult_OneUnit_IsItsLineOfTheWholeResultsWithItemsAndExplanations()
    {
        var (walk, mine, _) = await ReviewingAsync("单位明细");
        await using var _w = walk;

        var whole = (await (await walk.Admin.GetAsync($"/api/campaigns/{walk.CampaignId}/results")).ReadAsync<CampaignResultView>()).Of(mine);
        var one = await (await walk.Admin.GetAsync($"/api/campaigns/{walk.CampaignId}/results/units/{mine.Id}")).ReadAsync<UnitResultView>();

        one.Items.ShouldNotBeEmpty();
        one.Items.Select(i => (i.ItemId, i.No, i.Title, i.Status, i.Score, i.SelfScore, i.Explanation))
            .ShouldBe(whole.Items.Select(i => (i.ItemId, i.No, i.Title, i.Status, i.Score, i.SelfScore, i.Explanation)));
        (one.Total, one.Rank, one.ClassRank, one.Grade, one.Explanation, one.Name).ShouldBe((whole.Total, whole.Rank, whole.ClassRank, whole.Grade, whole.Explanation, whole.Name));
    }

    [Fact]
    public async Task UnitResult_UnitOutsideTheCampaignOrTheScope_Returns404()
    {
        var (walk, mine, _) = await ReviewingAsync("范围外明细");
        await using var _w = walk;
        var outsider = await walk.UnitAsync("未参评专班", "County", "县区政府", walk.City);
        var otherOffice = await app.SessionAsync("b-admin");

        (await walk.Admin.GetAsync($"/api/campaigns/{walk.CampaignId}/results/units/{outsider.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await otherOffice.GetAsync($"/api/campaigns/{walk.CampaignId}/results/units/{mine.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await otherOffice.GetAsync($"/api/campaigns/{walk.CampaignId}/results/ranking")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await mine.Liaison.GetAsync($"/api/campaigns/{walk.CampaignId}/results/ranking")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ResultRankingTestsOnSqlite(SqliteApp app) : ResultRankingTests(app);

[Collection(PostgresCollection.Name)]
public sealed class ResultRankingTestsOnPostgres(PostgresApp app) : ResultRankingTests(app);
