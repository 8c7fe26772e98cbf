using System.Net;
using System.Text.Json;
using Chengxin.Domain.Campaigns;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Features.Reviews;
using Chengxin.Server.Features.Submissions;
using Chengxin.Server.Features.Workspace;
using Chengxin.Server.Tests.Infrastructure;

namespace Chengxin.Server.Tests;

/// <summary>The reviewer's queue (self-scores, why an item waits) and batch confirmation: all or nothing, each item authorised and versioned.</summary>
public abstract class ReviewToolsTests(AppFixture app)
{
    private static Dictionary<string, JsonElement> Facts(params (string Key, object Value)[] facts) =>
        facts.ToDictionary(f => f.Key, f => JsonSerializer.SerializeToElement(f.Value, Http.Json));

    /// <summary>A campaign in review whose unit A-C1-T1 submitted 1.1 (five of six parts → 4) and 2.1 (7 reports → 7); a-reviewer assigned.</summary>
    private async Task<(long CampaignId, long UnitId, string Url)> SubmittedAsync()
    {
        var admin = await app.SessionAsync("a-admin");
        var unit = app.World.Unit("A-C1-T1").Id;
        var campaign = await (await admin.PostJsonAsync("/api/campaigns", CampaignTests.OpenRequest("批量确认测试", [unit],
            reviewers: [app.World.Users["a-reviewer"].Id], evidenceDue: app.Clock.GetUtcNow().AddDays(3).ToString("o")))).ReadAsync<CampaignResponse>();
        (await admin.PostAsync($"/api/campaigns/{campaign.Id}/open", null)).EnsureSuccessStatusCode();
        var url = $"/api/campaigns/{campaign.Id}/units/{unit}/submission";
        var liaison = await app.SessionAsync("a-liaison");
        (await liaison.PutJsonAsync($"{url}/items/1.1", new SaveItemRequest(Facts(("leader_assigned", true), ("lead_office_assigned", true),
            ("liaison_assigned", true), ("dedicated_computer", true), ("dedicated_printer", false), ("work_rules", true)), null))).EnsureSuccessStatusCode();
        (await admin.PutJsonAsync($"{url}/items/2.1", new SaveItemRequest(Facts(("reports_on_time", 7)), null))).EnsureSuccessStatusCode();
        (await liaison.PostAsync($"{url}/submit", null)).EnsureSuccessStatusCode();
        (await admin.PostAsync($"/api/campaigns/{campaign.Id}/start-review", null)).EnsureSuccessStatusCode();
        return (campaign.Id, unit, url);
    }

    private static async Task<List<ReviewQueueItem>> QueueAsync(HttpClient client, long campaignId) =>
        (await (await client.GetAsync($"/api/workspace/review-queue?campaignId={campaignId}&limit={ReviewQueue.MaxPage}")).ReadAsync<ReviewQueuePage>()).Items.Where(q => q.CampaignId == campaignId).ToList();

    [Fact]
    public async Task Queue_ShowsEachItemsSelfScore_AndMarksTheJudgement()
    {
        var (campaignId, _, _) = await SubmittedAsync();
        var queue = await QueueAsync(await app.SessionAsync("a-reviewer"), campaignId);
        queue.Single(q => q.ItemId == "1.1").SelfScore.ShouldBe(4m);
        queue.Single(q => q.ItemId == "2.1").SelfScore.ShouldBe(7m);
        queue.Single(q => q.ItemId == "5.1").IsJudgement.ShouldBeTrue();
        queue.Where(q => q.ItemId != "5.1").ShouldAllBe(q => !q.IsJudgement && q.ReviewStateName == "待复核");
    }

    [Fact]
    public async Task BatchConfirm_UnchangedItems_ConfirmedInOneRequest_AndLeaveTheQueue()
    {
        var (campaignId, unitId, url) = await SubmittedAsync();
        var reviewer = await app.SessionAsync("a-reviewer");

        var result = await (await reviewer.PostJsonAsync($"/api/campaigns/{campaignId}/reviews/confirm", new ConfirmItemsRequest(
            [new ConfirmItemEntry(unitId, "1.1", 0), new ConfirmItemEntry(unitId, "2.1", 0)]))).ReadAsync<ConfirmItemsResult>();

        result.Confirmed.ShouldBe(2);
        result.Items.Select(i => (i.ItemId, i.Version, i.StateName)).ShouldBe([("1.1", 1L, "已确认"), ("2.1", 1L, "已确认")]);
        var review = await (await reviewer.GetAsync($"{url}/items/2.1/review")).ReadAsync<ItemReviewView>();
        (review.State, review.ReviewedScore).ShouldBe((ItemReviewState.Confirmed, 7m));
        review.ReviewerName!.ShouldStartWith("a-reviewer");
        (await QueueAsync(reviewer, campaignId)).ShouldNotContain(q => q.ItemId == "1.1" || q.ItemId == "2.1");
    }

    [Fact]
    public async Task BatchConfirm_OneItemDecidedMeanwhile_Returns409_AndNoItemIsConfirmed()
    {
        var (campaignId, unitId, url) = await SubmittedAsync();
        var reviewer = await app.SessionAsync("a-reviewer");
        var admin = await app.SessionAsync("a-admin");
        (await admin.PostJsonAsync($"{url}/items/2.1/review", new ReviewItemRequest("correct", 0, Facts(("reports_on_time", 5)), "两篇逾期", null)))
            .EnsureSuccessStatusCode();

        (await (await reviewer.PostJsonAsync($"/api/campaigns/{campaignId}/reviews/confirm", new ConfirmItemsRequest(
            [new ConfirmItemEntry(unitId, "1.1", 0), new ConfirmItemEntry(unitId, "2.1", 0)]))).ProblemAsync(HttpStatusCode.Conflict))
            .GetProperty("detail").GetString()!.ShouldContain("已被其他评审员更新");

        (await (await reviewer.GetAsync($"{url}/items/1.1/review")).ReadAsync<ItemReviewView>()).State.ShouldBe(ItemReviewState.Pending);
        var kept = await (await reviewer.GetAsync($"{url}/items/2.1/review")).ReadAsync<ItemReviewView>();
        (kept.State, kept.ReviewedScore).ShouldBe((ItemReviewState.Corrected, 5m));
    }

    [Fact]
    public async Task BatchConfirm_AnUnscoredJudgement_Returns400NamingUnitAndItem_AndNoItemIsConfirmed()
    {
        var (campaignId, unitId, url) = await SubmittedAsync();
        var reviewer = await app.SessionAsync("a-reviewer");
        var problem = await (await reviewer.PostJsonAsync($"/api/campaigns/{campaignId}/reviews/confirm", new ConfirmItemsRequest(
            [new ConfirmItemEntry(unitId, "1.1", 0), new ConfirmItemEntry(unitId, "5.1", 0)]))).ProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").GetProperty("items[1].itemId")[0].GetString()!.ShouldContain("「诚信案例宣传」由评审给分");
        (await (await reviewer.GetAsync($"{url}/items/1.1/review")).ReadAsync<ItemReviewView>()).State.ShouldBe(ItemReviewState.Pending);
    }

    [Fact]
    public async Task BatchConfirm_AUnitNotInTheCampaign_Returns404_AndNoItemIsConfirmed()
    {
        var (campaignId, unitId, url) = await SubmittedAsync();
        var reviewer = await app.SessionAsync("a-reviewer");
        await (await reviewer.PostJsonAsync($"/api/campaigns/{campaignId}/reviews/confirm", new ConfirmItemsRequest(
            [new ConfirmItemEntry(unitId, "1.1", 0), new ConfirmItemEntry(app.World.Unit("A-C1-T2").Id, "1.1", 0)]))).ProblemAsync(HttpStatusCode.NotFound);
        (await (await reviewer.GetAsync($"{url}/items/1.1/review")).ReadAsync<ItemReviewView>()).State.ShouldBe(ItemReviewState.Pending);
    }

    [Fact]
    public async Task BatchConfirm_EmptyOrRepeated_Returns400()
    {
        var (campaignId, unitId, _) = await SubmittedAsync();
        var reviewer = await app.SessionAsync("a-reviewer");
        (await (await reviewer.PostJsonAsync($"/api/campaigns/{campaignId}/reviews/confirm", new ConfirmItemsRequest([])))
            .ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("items")[0].GetString().ShouldBe("请选择要确认的指标。");
        (await (await reviewer.PostJsonAsync($"/api/campaigns/{campaignId}/reviews/confirm", new ConfirmItemsRequest(
            [new ConfirmItemEntry(unitId, "1.1", 0), new ConfirmItemEntry(unitId, "1.1", 0)])))
            .ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("items")[0].GetString().ShouldBe("同一单位的同一指标只能列出一次。");
    }

    [Fact]
    public async Task ReturnedItemAnswered_WaitsInTheQueueAs补充后重新提交()
    {
        var (campaignId, _, url) = await SubmittedAsync();
        var reviewer = await app.SessionAsync("a-reviewer");
        (await reviewer.PostJsonAsync($"{url}/items/1.1/review", new ReviewItemRequest("return", 0, null, "请补充工作制度文件",
            app.Clock.GetUtcNow().AddDays(5).ToString("o")))).EnsureSuccessStatusCode();
        (await QueueAsync(reviewer, campaignId)).ShouldNotContain(q => q.ItemId == "1.1");

        var liaison = await app.SessionAsync("a-liaison");
        (await liaison.PutJsonAsync($"{url}/items/1.1", new SaveItemRequest(Facts(("dedicated_printer", true)), null))).EnsureSuccessStatusCode();
        (await liaison.PostAsync($"{url}/submit", null)).EnsureSuccessStatusCode();

        var back = (await QueueAsync(reviewer, campaignId)).Single(q => q.ItemId == "1.1");
        (back.ReviewStateName, back.IsResubmitted, back.SelfScore).ShouldBe(("补充后重新提交", true, 5m));
        (await (await reviewer.GetAsync($"{url}/items/1.1/review")).ReadAsync<ItemReviewView>()).StateName.ShouldBe("补充后重新提交");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ReviewToolsTestsOnSqlite(SqliteApp app) : ReviewToolsTests(app);

[Collection(PostgresCollection.Name)]
public sealed class ReviewToolsTestsOnPostgres(PostgresApp app) : ReviewToolsTests(app);
