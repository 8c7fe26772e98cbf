using System.Net;
using System.Text.Json;
using Chengxin.Domain.Campaigns;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Features.Results;
using Chengxin.Server.Features.Reviews;
using Chengxin.Server.Features.Submissions;
using Chengxin.Server.Features.Users;
using Chengxin.Server.Features.Workspace;
using Chengxin.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Chengxin.Server.Tests;

/// <summary>
/// 评审给分 (5.1 诚信案例宣传 in the towns scheme, 0 to 10 points): the reviewer gives the points the rule allows with a
/// reason, in the item's own review; an unscored judgement cannot be confirmed as 0; an upheld appeal reopens it.
/// </summary>
public abstract class JudgementReviewTests(AppFixture app)
{
    /// <summary>A campaign in review whose unit A-C1-T1 submitted 2.1; a-reviewer assigned. 5.1 has no facts of the unit's own.</summary>
    private async Task<(long CampaignId, long UnitId, string Url)> SubmittedAsync()
    {
        var admin = await app.SessionAsync("a-admin");
        var unit = app.World.Unit("A-C1-T1").Id;
        var campaign = await (await admin.PostJsonAsync("/api/campaigns", CampaignTests.OpenRequest("评审给分测试", [unit],
            reviewers: [app.World.Users["a-reviewer"].Id], evidenceDue: app.Clock.GetUtcNow().AddDays(3).ToString("o")))).ReadAsync<CampaignResponse>();
        (await admin.PostAsync($"/api/campaigns/{campaign.Id}/open", null)).EnsureSuccessStatusCode();
        var url = $"/api/campaigns/{campaign.Id}/units/{unit}/submission";
        (await admin.PutJsonAsync($"{url}/items/2.1", new SaveItemRequest(
            new() { ["reports_on_time"] = JsonSerializer.SerializeToElement(7) }, null))).EnsureSuccessStatusCode();
        var liaison = await app.SessionAsync("a-liaison");
        // A report with nothing of the unit's own is not taken: the liaison explains one item.
        (await liaison.PutJsonAsync($"{url}/items/1.1", new SaveItemRequest(null, "本期无此项工作，无法提供"))).EnsureSuccessStatusCode();
        (await liaison.PostAsync($"{url}/submit", null)).EnsureSuccessStatusCode();
        (await admin.PostAsync($"/api/campaigns/{campaign.Id}/start-review", null)).EnsureSuccessStatusCode();
        return (campaign.Id, unit, url);
    }

    private static ReviewItemRequest Score(decimal? points, string? reason, long expected = 0) => new("score", expected, null, reason, null, points);

    [Fact]
    public async Task Score_PointsWithinTheRuleAndAReason_CountAsTheReviewedScore_TheSelfScoreStaysZero()
    {
        var (_, _, url) = await SubmittedAsync();
        var reviewer = await app.SessionAsync("a-reviewer");

        var before = await (await reviewer.GetAsync($"{url}/items/5.1/review")).ReadAsync<ItemReviewView>();
        (before.IsJudgement, before.JudgementMax, before.Points).ShouldBe((true, 10m, (decimal?)null));

        var scored = await (await reviewer.PostJsonAsync($"{url}/items/5.1/review", Score(7.5m, "市级媒体专题报道诚信案例两篇"))).ReadAsync<ItemReviewView>();
        scored.State.ShouldBe(ItemReviewState.Corrected);
        scored.StateName.ShouldBe("已评分");
        (scored.ReviewedScore, scored.SelfScore, scored.Points).ShouldBe((7.5m, 0m, (decimal?)7.5m));
        scored.Reason.ShouldBe("市级媒体专题报道诚信案例两篇");
        // The explanation is in words: the reviewer's points and reason, never a fact key.
        scored.ReviewedExplanation.ShouldContain("市级媒体专题报道诚信案例两篇");
        scored.ReviewedExplanation.ShouldNotContain("integrity_case_publicity");

        // Scored again with the version just seen, the new points replace the old.
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        var rescored = await (await reviewer.PostJsonAsync($"{url}/items/5.1/review", Score(0m, "报道与本单位无关", scored.Version))).ReadAsync<ItemReviewView>();
        (rescored.ReviewedScore, rescored.Version).ShouldBe((0m, 2L));
    }

    [Theory]
    [InlineData("10.5", "评审得分须在 0 至 10 分之间。")]
    [InlineData("-1", "评审得分须在 0 至 10 分之间。")]
    [InlineData("3.333", "评审得分最多保留两位小数。")]
    public async Task Score_OutsideTheRule_Returns400OnPoints_AndNothingIsRecorded(string points, string message)
    {
        var (_, _, url) = await SubmittedAsync();
        var reviewer = await app.SessionAsync("a-reviewer");
        var problem = await (await reviewer.PostJsonAsync($"{url}/items/5.1/review", Score(decimal.Parse(points, System.Globalization.CultureInfo.InvariantCulture), "理由")))
            .ProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").GetProperty("points")[0].GetString().ShouldBe(message);
        (await (await reviewer.GetAsync($"{url}/items/5.1/review")).ReadAsync<ItemReviewView>()).Version.ShouldBe(0);
    }

    [Fact]
    public async Task Score_WithoutReasonOrPoints_Returns400_OnAnItemScoredFromFacts_Returns400OnAction()
    {
        var (_, _, url) = await SubmittedAsync();
        var reviewer = await app.SessionAsync("a-reviewer");
        (await (await reviewer.PostJsonAsync($"{url}/items/5.1/review", Score(5m, "  "))).ProblemAsync(HttpStatusCode.BadRequest))
            .GetProperty("errors").GetProperty("reason")[0].GetString().ShouldBe("评审给分须说明理由。");
        (await (await reviewer.PostJsonAsync($"{url}/items/5.1/review", Score(null, "有报道"))).ProblemAsync(HttpStatusCode.BadRequest))
            .GetProperty("errors").GetProperty("points")[0].GetString().ShouldBe("请填写评审得分（0 至 10 分）。");
        (await (await reviewer.PostJsonAsync($"{url}/items/2.1/review", Score(5m, "有报道"))).ProblemAsync(HttpStatusCode.BadRequest))
            .GetProperty("errors").GetProperty("action")[0].GetString().ShouldBe("指标「工作报送」不是评审给分指标，请确认或修正事实。");
    }

    [Fact]
    public async Task Confirm_AnUnscoredJudgement_Returns400_AfterScoring_ConfirmKeepsThePoints()
    {
        var (_, _, url) = await SubmittedAsync();
        var reviewer = await app.SessionAsync("a-reviewer");
        (await (await reviewer.PostJsonAsync($"{url}/items/5.1/review", new ReviewItemRequest("confirm", 0, null, null, null)))
            .ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("action")[0].GetString()
            .ShouldBe("指标「诚信案例宣传」由评审给分，请先给出得分并说明理由（可给 0 分）。");

        var scored = await (await reviewer.PostJsonAsync($"{url}/items/5.1/review", Score(6m, "县级报道一篇"))).ReadAsync<ItemReviewView>();
        var confirmed = await (await reviewer.PostJsonAsync($"{url}/items/5.1/review", new ReviewItemRequest("confirm", scored.Version, null, null, null)))
            .ReadAsync<ItemReviewView>();
        (confirmed.State, confirmed.ReviewedScore).ShouldBe((ItemReviewState.Confirmed, 6m));
    }

    [Fact]
    public async Task Correct_AJudgementBeyondItsMax_Returns400_NamingTheFact()
    {
        var (_, _, url) = await SubmittedAsync();
        var reviewer = await app.SessionAsync("a-reviewer");
        var facts = new Dictionary<string, JsonElement> { ["integrity_case_publicity"] = JsonSerializer.SerializeToElement(new { points = 12, reason = "很多" }) };
        (await (await reviewer.PostJsonAsync($"{url}/items/5.1/review", new ReviewItemRequest("correct", 0, facts, "多篇报道", null)))
            .ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("facts.integrity_case_publicity")[0].GetString()
            .ShouldBe("评审得分须在 0 至 10 分之间。");
    }

    [Fact]
    public async Task UpheldAppealOnAJudgement_ReturnsItToTheQueue_TheReviewerScoresItAgain_TheNextPublicationCarriesIt()
    {
        var (campaignId, unitId, url) = await SubmittedAsync();
        var admin = await app.SessionAsync("a-admin");
        var reviewer = await app.SessionAsync("a-reviewer");
        var scored = await (await reviewer.PostJsonAsync($"{url}/items/5.1/review", Score(2m, "仅有一篇转载"))).ReadAsync<ItemReviewView>();
        var name = "jr-admin-" + Guid.NewGuid().ToString("N")[..6];
        (await admin.PostJsonAsync("/api/users", new CreateUserRequest(name, "复核管理员", TestWorld.Password,
            app.World.Unit("A-C1").Id, "office-admin", ScopeKind.Subtree, null))).EnsureSuccessStatusCode();
        var second = await app.SignInAsync(name);
        (await admin.PostJsonAsync($"/api/campaigns/{campaignId}/publication/request", Overrides.GoOn)).EnsureSuccessStatusCode();
        (await second.PostJsonAsync($"/api/campaigns/{campaignId}/publication/approve", Overrides.GoOn)).EnsureSuccessStatusCode();

        var liaison = await app.SessionAsync("a-liaison");
        // The appeal is decided after the verdict it reopens, and the new verdict after the decision (the test clock stands still otherwise).
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        var appeal = await (await liaison.PostJsonAsync($"/api/campaigns/{campaignId}/units/{unitId}/appeals",
            new FileAppealRequest("5.1", "另有省级媒体报道两篇未计入"))).ReadAsync<AppealView>();
        (await admin.PostJsonAsync($"/api/campaigns/{campaignId}/appeals/{appeal.Id}/uphold", new DecideAppealRequest("报道属实，重新评审"))).EnsureSuccessStatusCode();

        var waiting = (await (await reviewer.GetAsync($"/api/workspace/review-queue?campaignId={campaignId}&limit={ReviewQueue.MaxPage}")).ReadAsync<ReviewQueuePage>()).Items
            .Single(q => q.CampaignId == campaignId && q.ItemId == "5.1");
        (waiting.ItemId, waiting.ReviewStateName, waiting.IsAppealed, waiting.IsJudgement, waiting.ExpectedVersion)
            .ShouldBe(("5.1", "申诉成立待重新复核", true, true, scored.Version));
        // The queue's kept counts saw the appeal decided: every row not marked stale equals a full recount.
        await using (var services = app.Factory.Services.CreateAsyncScope())
            (await ReviewQueueCounts.CheckAsync(services.ServiceProvider.GetRequiredService<ChengxinDbContext>(),
                services.ServiceProvider.GetRequiredService<Chengxin.Server.Infrastructure.SchemeVersions>(), CancellationToken.None)).ShouldBeEmpty();

        app.Clock.Advance(TimeSpan.FromMinutes(10));
        var rescored = await (await reviewer.PostJsonAsync($"{url}/items/5.1/review", Score(8m, "省级媒体报道两篇，县级一篇", waiting.ExpectedVersion)))
            .ReadAsync<ItemReviewView>();
        rescored.ReviewedScore.ShouldBe(8m);
        (await (await reviewer.GetAsync($"/api/workspace/review-queue?campaignId={campaignId}&limit={ReviewQueue.MaxPage}")).ReadAsync<ReviewQueuePage>()).Items.ShouldNotContain(q => q.CampaignId == campaignId && q.ItemId == "5.1");
        var results = await (await admin.GetAsync($"/api/campaigns/{campaignId}/results")).ReadAsync<CampaignResultView>();
        results.Units.Single().Bonus.ShouldBe(8m);
        app.Clock.Advance(-TimeSpan.FromMinutes(20));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class JudgementReviewTestsOnSqlite(SqliteApp app) : JudgementReviewTests(app);

[Collection(PostgresCollection.Name)]
public sealed class JudgementReviewTestsOnPostgres(PostgresApp app) : JudgementReviewTests(app);
