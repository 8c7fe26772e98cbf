using System.Net;
using System.Text.Json;
using Chengxin.Domain.Campaigns;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Features.Reviews;
using Chengxin.Server.Features.Submissions;
using Chengxin.Server.Tests.Infrastructure;

namespace Chengxin.Server.Tests;

/// <summary>Review item by item: confirm, correct with a reason, return for supplement; conflicts and staleness from the domain.</summary>
public abstract class ReviewTests(AppFixture app)
{
    private static Dictionary<string, JsonElement> Facts(params (string Key, object Value)[] facts) =>
        facts.ToDictionary(f => f.Key, f => JsonSerializer.SerializeToElement(f.Value, Http.Json));

    /// <summary>A campaign in review whose unit A-C1-T1 submitted 1.1 (five of six parts → 4) and 2.1 (7 reports → 7); a-reviewer assigned.</summary>
    private async Task<(long CampaignId, string Url)> SubmittedAsync()
    {
        var admin = await app.SessionAsync("a-admin");
        var unit = app.World.Unit("A-C1-T1").Id;
        var campaign = await (await admin.PostJsonAsync("/api/campaigns", CampaignTests.OpenRequest("复核测试", [unit],
            reviewers: [app.World.Users["a-reviewer"].Id], evidenceDue: app.Clock.GetUtcNow().AddDays(3).ToString("o")))).ReadAsync<CampaignResponse>();
        (await admin.PostAsync($"/api/campaigns/{campaign.Id}/open", null)).EnsureSuccessStatusCode();
        var url = $"/api/campaigns/{campaign.Id}/units/{unit}/submission";
        var liaison = await app.SessionAsync("a-liaison");
        (await liaison.PutJsonAsync($"{url}/items/1.1", new SaveItemRequest(Facts(("leader_assigned", true), ("lead_office_assigned", true),
            ("liaison_assigned", true), ("dedicated_computer", true), ("dedicated_printer", false), ("work_rules", true)), null))).EnsureSuccessStatusCode();
        // 2.1's fact is supplied by 县信用办, not the unit: the office enters it on the unit's behalf.
        var office = await app.SessionAsync("a-admin");
        (await office.PutJsonAsync($"{url}/items/2.1", new SaveItemRequest(Facts(("reports_on_time", 7)), null))).EnsureSuccessStatusCode();
        (await liaison.PostAsync($"{url}/submit", null)).EnsureSuccessStatusCode();
        (await admin.PostJsonAsync($"/api/campaigns/{campaign.Id}/start-review", Overrides.GoOn)).EnsureSuccessStatusCode();
        return (campaign.Id, url);
    }

    [Fact]
    public async Task TwoReviewersOnTheSameItem_TheSecondGets409_AndNothingIsLost()
    {
        var (_, url) = await SubmittedAsync();
        var reviewer = await app.SessionAsync("a-reviewer");
        var admin = await app.SessionAsync("a-admin");

        var first = await (await reviewer.PostJsonAsync($"{url}/items/2.1/review", new ReviewItemRequest("confirm", 0, null, null, null)))
            .ReadAsync<ItemReviewView>();
        first.State.ShouldBe(ItemReviewState.Confirmed);
        first.Version.ShouldBe(1);

        var second = await (await admin.PostJsonAsync($"{url}/items/2.1/review",
            new ReviewItemRequest("correct", 0, Facts(("reports_on_time", 5)), "两篇稿件逾期", null))).ProblemAsync(HttpStatusCode.Conflict);
        second.GetProperty("detail").GetString()!.ShouldContain("已被其他评审员更新");
        var kept = await (await admin.GetAsync($"{url}/items/2.1/review")).ReadAsync<ItemReviewView>();
        kept.State.ShouldBe(ItemReviewState.Confirmed);
        kept.ReviewedScore.ShouldBe(7m);
    }

    [Fact]
    public async Task Correct_RecordsTheReviewersFact_AndTheEngineRecomputes_SelfScoreStaysBeside()
    {
        var (_, url) = await SubmittedAsync();
        var reviewer = await app.SessionAsync("a-reviewer");

        var corrected = await (await reviewer.PostJsonAsync($"{url}/items/2.1/review",
            new ReviewItemRequest("correct", 0, Facts(("reports_on_time", 5)), "两篇稿件逾期，不计入按时报送", null))).ReadAsync<ItemReviewView>();

        corrected.State.ShouldBe(ItemReviewState.Corrected);
        corrected.SelfScore.ShouldBe(7m);
        corrected.ReviewedScore.ShouldBe(5m);
        corrected.Reason.ShouldBe("两篇稿件逾期，不计入按时报送");
        corrected.IsStale.ShouldBeFalse();
        corrected.CurrentFactsVersion.ShouldBe(2);
        // The unit's own answer is untouched: its self-score still reads 7 on 2.1.
        var liaison = await app.SessionAsync("a-liaison");
        (await (await liaison.GetAsync(url)).ReadAsync<SubmissionResponse>()).Items.Single(i => i.ItemId == "2.1").Score.ShouldBe(7m);
    }

    [Fact]
    public async Task Return_SendsTheSubmissionBack_TheUnitSupplements_AndAnEarlierConfirmationGoesStale()
    {
        var (_, url) = await SubmittedAsync();
        var reviewer = await app.SessionAsync("a-reviewer");
        (await reviewer.PostJsonAsync($"{url}/items/1.1/review", new ReviewItemRequest("confirm", 0, null, null, null))).EnsureSuccessStatusCode();

        var returned = await (await reviewer.PostJsonAsync($"{url}/items/2.1/review",
            new ReviewItemRequest("return", 0, null, "请补充报送稿件清单", "2026-03-09T17:00"))).ReadAsync<ItemReviewView>();
        returned.State.ShouldBe(ItemReviewState.Returned);

        var liaison = await app.SessionAsync("a-liaison");
        var submission = await (await liaison.GetAsync(url)).ReadAsync<SubmissionResponse>();
        submission.State.ShouldBe(SubmissionState.Returned);
        submission.ReturnReason!.ShouldContain("请补充报送稿件清单");
        submission.ReturnDue.ShouldBe(new DateTimeOffset(2026, 3, 9, 17, 0, 0, TimeSpan.FromHours(8)));

        (await liaison.PutJsonAsync($"{url}/items/1.1", new SaveItemRequest(Facts(("dedicated_printer", true)), null))).EnsureSuccessStatusCode();
        var resubmitted = await (await liaison.PostAsync($"{url}/submit", null)).ReadAsync<SubmissionResponse>();
        resubmitted.State.ShouldBe(SubmissionState.Resubmitted);
        resubmitted.Round.ShouldBe(2);

        var stale = await (await reviewer.GetAsync($"{url}/items/1.1/review")).ReadAsync<ItemReviewView>();
        stale.IsStale.ShouldBeTrue();
        stale.FactsVersionSeen.ShouldBe(1);
        stale.CurrentFactsVersion.ShouldBe(2);
        stale.ReviewedScore.ShouldBe(5m);
    }

    [Fact]
    public async Task Correct_WithoutReason_Returns400_ReturnWithoutDeadline_Returns400()
    {
        var (_, url) = await SubmittedAsync();
        var reviewer = await app.SessionAsync("a-reviewer");
        (await (await reviewer.PostJsonAsync($"{url}/items/2.1/review", new ReviewItemRequest("correct", 0, Facts(("reports_on_time", 5)), " ", null)))
            .ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("reason")[0].GetString().ShouldBe("修正事实须说明理由。");
        (await (await reviewer.PostJsonAsync($"{url}/items/2.1/review", new ReviewItemRequest("return", 0, null, "补充", null)))
            .ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("supplementDue")[0].GetString().ShouldBe("退回补充须给出补充期限。");
    }

    [Fact]
    public async Task ReviewerNotAssignedToTheCampaign_Gets404()
    {
        var admin = await app.SessionAsync("a-admin");
        var unit = app.World.Unit("A-C1-T1").Id;
        var campaign = await (await admin.PostJsonAsync("/api/campaigns", CampaignTests.OpenRequest("未指派", [unit]))).ReadAsync<CampaignResponse>();
        var reviewer = await app.SessionAsync("a-reviewer");
        await (await reviewer.PostJsonAsync($"/api/campaigns/{campaign.Id}/units/{unit}/submission/items/2.1/review",
            new ReviewItemRequest("confirm", 0, null, null, null))).ProblemAsync(HttpStatusCode.NotFound);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ReviewTestsOnSqlite(SqliteApp app) : ReviewTests(app);

[Collection(PostgresCollection.Name)]
public sealed class ReviewTestsOnPostgres(PostgresApp app) : ReviewTests(app);
