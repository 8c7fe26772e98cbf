using System.Net;
using System.Text.Json;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Audit;
using Chengxin.Server.Features.Results;
using Chengxin.Server.Features.Reviews;
using Chengxin.Server.Features.Submissions;
using Chengxin.Server.Features.Workspace;
using Chengxin.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Chengxin.Server.Tests.Walkthroughs.ReviewWorlds;

namespace Chengxin.Server.Tests;

/// <summary>
/// A reviewer's correction outranks the unit's answer whichever is newer, until the reviewer acts again. Confirming an item the
/// unit has answered anew since the correction adopts that answer: the correction's facts no longer count, the reviewed score and
/// the stored result read the unit's value, and the review (and the audit chain) says so. Without a newer answer a confirmation
/// leaves the correction standing, and a reviewer's judgement (评审给分) keeps its points.
/// </summary>
public abstract class ReviewAdoptionTests(AppFixture app)
{
    private const string Activities = "integrity_education_activities";
    private const string Adopted = "确认采纳单位更新后的答复，此前评审修正的「自主开展并经网站、报刊等媒体报道推广的诚信宣传教育活动次数」不再计入。";

    private static Dictionary<string, JsonElement> Facts(string key, object value) => new() { [key] = JsonSerializer.SerializeToElement(value, Http.Json) };

    private sealed record Corrected(HttpClient Admin, HttpClient Reviewer, long CampaignId, long UnitId, string Url)
    {
        public async Task<ItemReviewView> ReviewAsync(string item = "4.1") => await (await Reviewer.GetAsync($"{Url}/items/{item}/review")).ReadAsync<ItemReviewView>();
    }

    /// <summary>
    /// A village's submission in review whose unit reported 5 integrity-education activities for 4.1 (a point each); the reviewer has corrected 4.1 to 4
    /// (review version 1) and, when <paramref name="returned"/>, returned 1.1 for supplement, which sends the submission back.
    /// </summary>
    private async Task<Corrected> CorrectedAsync(string name, bool returned = true)
    {
        var (admin, campaignId, unitId, url) = await VillageInReviewAsync(app, name, "RA", "4.1", Facts(Activities, 5));

        var reviewer = await app.SessionAsync("a-reviewer");
        var corrected = await reviewer.PostJsonAsync($"{url}/items/4.1/review", new ReviewItemRequest("correct", 0, Facts(Activities, 4), "核实只有4次经媒体报道", null));
        corrected.StatusCode.ShouldBe(HttpStatusCode.OK, await corrected.Content.ReadAsStringAsync());
        (await corrected.ReadAsync<ItemReviewView>()).ReviewedScore.ShouldBe(4m);
        if (returned)
        {
            var back = await reviewer.PostJsonAsync($"{url}/items/1.1/review",
                new ReviewItemRequest("return", 0, null, "请补充工作制度", app.Clock.GetUtcNow().AddDays(3).ToString("o")));
            back.StatusCode.ShouldBe(HttpStatusCode.OK, await back.Content.ReadAsStringAsync());
        }
        return new Corrected(admin, reviewer, campaignId, unitId, url);
    }

    /// <summary>The unit answers 4.1 again with <paramref name="pieces"/> and submits its supplement.</summary>
    private static async Task AnswerAsync(Corrected c, int pieces)
    {
        (await c.Admin.PutJsonAsync($"{c.Url}/items/4.1", new SaveItemRequest(Facts(Activities, pieces), null))).EnsureSuccessStatusCode();
        (await c.Admin.PostAsync($"{c.Url}/submit", null)).EnsureSuccessStatusCode();
    }

    private static Task<HttpResponseMessage> ConfirmAsync(Corrected c, long expected, string item = "4.1") =>
        c.Reviewer.PostJsonAsync($"{c.Url}/items/{item}/review", new ReviewItemRequest("confirm", expected, null, null, null));

    private async Task<List<SubmissionFact>> ReviewerFactsAsync(Corrected c, string item = "4.1")
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChengxinDbContext>();
        return await db.SubmissionFacts.IgnoreQueryFilters().AsNoTracking()
            .Where(f => f.UnitId == c.UnitId && f.ItemId == item && f.Source == ItemReviews.ReviewSource).ToListAsync();
    }

    [Fact]
    public async Task Confirm_UnitChangedItsAnswerAfterTheCorrection_AdoptsTheUnitsAnswer()
    {
        var c = await CorrectedAsync("修正后改答");
        await AnswerAsync(c, 6);
        var waiting = await c.ReviewAsync();
        // Until the reviewer acts, the correction keeps counting: the reviewer's word stands until the reviewer changes it.
        (waiting.IsStale, waiting.ReviewedScore, waiting.SelfScore, waiting.ConfirmAdoptsUnitAnswer).ShouldBe((true, 4m, 6m, true));

        var response = await ConfirmAsync(c, waiting.Version);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var confirmed = await response.ReadAsync<ItemReviewView>();
        (confirmed.StateName, confirmed.IsStale, confirmed.ReviewedScore, confirmed.ConfirmAdoptsUnitAnswer).ShouldBe(("已确认", false, 6m, false));
        waiting.ReviewedExplanation.ShouldContain("活动次数 = 4，");
        confirmed.ReviewedExplanation.ShouldContain("活动次数 = 6，");
        confirmed.Reason.ShouldBe(Adopted);
        (await ReviewerFactsAsync(c)).ShouldBeEmpty();
        (await c.ReviewAsync()).ShouldBe(confirmed);
    }

    [Fact]
    public async Task Confirm_UnitChangedItsAnswerAfterTheCorrection_TheStoredResultCountsTheUnitsAnswer()
    {
        var c = await CorrectedAsync("修正后改答结果");
        await AnswerAsync(c, 6);
        var before = await (await c.Admin.GetAsync($"/api/campaigns/{c.CampaignId}/results/units/{c.UnitId}")).ReadAsync<UnitResultView>();
        before.Items.Single(i => i.ItemId == "4.1").Score.ShouldBe(4m);

        (await ConfirmAsync(c, (await c.ReviewAsync()).Version)).EnsureSuccessStatusCode();

        var after = await (await c.Admin.GetAsync($"/api/campaigns/{c.CampaignId}/results/units/{c.UnitId}")).ReadAsync<UnitResultView>();
        (after.Items.Single(i => i.ItemId == "4.1").Score, after.Total - before.Total).ShouldBe((6m, 2m));
    }

    [Fact]
    public async Task Confirm_AdoptingTheUnitsAnswer_IsOnTheAuditChain_TheRetiredCorrectionAndTheReviewsNote()
    {
        var c = await CorrectedAsync("修正后改答审计");
        await AnswerAsync(c, 6);
        var correction = (await ReviewerFactsAsync(c)).ShouldHaveSingleItem();

        (await ConfirmAsync(c, (await c.ReviewAsync()).Version)).EnsureSuccessStatusCode();

        var retired = await (await c.Admin.GetAsync($"/api/audit?entityType=submission-fact&entityId={correction.Id}")).ReadAsync<AuditPage>();
        var deleted = retired.Items.First();
        (deleted.Action, deleted.ActorId, deleted.After).ShouldBe(("submission-fact.deleted", (Guid?)app.World.Users["a-reviewer"].Id, (string?)null));
        deleted.Before!.ShouldContain("\"ValueJson\":\"4\"");
        long reviewId;
        await using (var scope = app.Factory.Services.CreateAsyncScope())
            reviewId = await scope.ServiceProvider.GetRequiredService<ChengxinDbContext>().ItemReviews.IgnoreQueryFilters()
                .Where(r => r.UnitId == c.UnitId && r.ItemId == "4.1").Select(r => r.Id).SingleAsync();
        var verdict = (await (await c.Admin.GetAsync($"/api/audit?entityType=item-review&entityId={reviewId}")).ReadAsync<AuditPage>()).Items.First();
        verdict.Action.ShouldBe("item-review.updated");
        verdict.After!.ShouldContain(Adopted);
        verdict.After!.ShouldContain("\"State\":\"Confirmed\"");
    }

    [Fact]
    public async Task Confirm_UnitSavedItsAnswerUnchanged_ItemDoesNotWait_AndConfirmingKeepsTheCorrection()
    {
        var c = await CorrectedAsync("修正后原样重报");
        await AnswerAsync(c, 5);
        var review = await c.ReviewAsync();
        (review.IsStale, review.ReviewedScore, review.ConfirmAdoptsUnitAnswer).ShouldBe((false, 4m, false));
        var queue = await (await c.Reviewer.GetAsync($"/api/workspace/review-queue?campaignId={c.CampaignId}&unitId={c.UnitId}&limit={ReviewQueue.MaxPage}"))
            .ReadAsync<ReviewQueuePage>();
        queue.Items.ShouldNotContain(q => q.ItemId == "4.1");

        var confirmed = await (await ConfirmAsync(c, review.Version)).ReadAsync<ItemReviewView>();

        (confirmed.StateName, confirmed.ReviewedScore, confirmed.Reason).ShouldBe(("已确认", 4m, (string?)null));
        (await ReviewerFactsAsync(c)).ShouldHaveSingleItem().ValueJson.ShouldBe("4");
    }

    [Fact]
    public async Task Confirm_CorrectedItemWithoutANewerAnswer_KeepsTheCorrection()
    {
        var c = await CorrectedAsync("修正后确认", returned: false);

        var confirmed = await (await ConfirmAsync(c, 1)).ReadAsync<ItemReviewView>();

        (confirmed.StateName, confirmed.ReviewedScore, confirmed.SelfScore, confirmed.Reason).ShouldBe(("已确认", 4m, 5m, (string?)null));
        (await ReviewerFactsAsync(c)).ShouldHaveSingleItem().ValueJson.ShouldBe("4");
    }

    [Fact]
    public async Task Confirm_ReviewerCorrectedAgainAfterTheUnitsAnswer_KeepsTheNewCorrection()
    {
        var c = await CorrectedAsync("改答后再修正");
        await AnswerAsync(c, 6);
        var recorrected = await (await c.Reviewer.PostJsonAsync($"{c.Url}/items/4.1/review",
            new ReviewItemRequest("correct", (await c.ReviewAsync()).Version, Facts(Activities, 3), "新增两次未经媒体报道", null))).ReadAsync<ItemReviewView>();
        recorrected.ConfirmAdoptsUnitAnswer.ShouldBeFalse();

        var confirmed = await (await ConfirmAsync(c, recorrected.Version)).ReadAsync<ItemReviewView>();

        (confirmed.ReviewedScore, confirmed.Reason).ShouldBe((3m, (string?)null));
    }

    [Fact]
    public async Task Confirm_StaleExpectedVersion_Returns409_AndTheCorrectionStillCounts()
    {
        var c = await CorrectedAsync("改答后旧版本确认");
        await AnswerAsync(c, 6);
        var before = await c.ReviewAsync();

        await (await ConfirmAsync(c, before.Version - 1)).ProblemAsync(HttpStatusCode.Conflict);

        (await c.ReviewAsync()).ShouldBe(before);
        (await ReviewerFactsAsync(c)).ShouldHaveSingleItem().ValueJson.ShouldBe("4");
    }

    [Fact]
    public async Task ConfirmItems_BatchWithAnItemTheUnitAnsweredAnew_AdoptsItAsOneAtATimeDoes()
    {
        var c = await CorrectedAsync("批量确认改答");
        await AnswerAsync(c, 6);
        var review = await c.ReviewAsync();

        var response = await c.Reviewer.PostJsonAsync($"/api/campaigns/{c.CampaignId}/reviews/confirm",
            new ConfirmItemsRequest([new ConfirmItemEntry(c.UnitId, "4.1", review.Version)]));

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var confirmed = await c.ReviewAsync();
        (confirmed.StateName, confirmed.ReviewedScore, confirmed.Reason).ShouldBe(("已确认", 6m, Adopted));
        (await ReviewerFactsAsync(c)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Confirm_JudgementScoredThenReturnedAndResubmitted_KeepsTheReviewersPoints()
    {
        var c = await CorrectedAsync("评审给分后确认");
        var scored = await (await c.Reviewer.PostJsonAsync($"{c.Url}/items/5.1/review",
            new ReviewItemRequest("score", 0, null, "市级媒体报道两篇", null, 7.5m))).ReadAsync<ItemReviewView>();
        await AnswerAsync(c, 6);

        var response = await ConfirmAsync(c, scored.Version, "5.1");

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var confirmed = await response.ReadAsync<ItemReviewView>();
        (confirmed.StateName, confirmed.ReviewedScore, confirmed.Points, confirmed.Reason).ShouldBe(("已确认", 7.5m, (decimal?)7.5m, (string?)null));
        (await ReviewerFactsAsync(c, "5.1")).ShouldHaveSingleItem();
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ReviewAdoptionTestsOnSqlite(SqliteApp app) : ReviewAdoptionTests(app);

[Collection(PostgresCollection.Name)]
public sealed class ReviewAdoptionTestsOnPostgres(PostgresApp app) : ReviewAdoptionTests(app);
