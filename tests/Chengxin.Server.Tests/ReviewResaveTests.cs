using System.Net;
using System.Text.Json;
using Chengxin.Server.Features.Reviews;
using Chengxin.Server.Features.Submissions;
using Chengxin.Server.Features.Workspace;
using Chengxin.Server.Tests.Infrastructure;
using static Chengxin.Server.Tests.Walkthroughs.ReviewWorlds;

namespace Chengxin.Server.Tests;

/// <summary>
/// A reviewer's correction, then a return: the unit's later save of the corrected item. A save that changes the unit's answer makes
/// the correction stale and the item waits for review again (the verdict was given on facts the unit has changed since); a save
/// of the very answer the unit had changes no fact, so the correction stands.
/// </summary>
public abstract class ReviewResaveTests(AppFixture app)
{
    private static Dictionary<string, JsonElement> Facts(params (string Key, object Value)[] facts) =>
        facts.ToDictionary(f => f.Key, f => JsonSerializer.SerializeToElement(f.Value, Http.Json));

    private static readonly Dictionary<string, JsonElement> Corrected = Facts(("leader_assigned", true), ("lead_office_assigned", true),
        ("liaison_assigned", true), ("dedicated_computer", true), ("dedicated_printer", true), ("work_rules", true));

    /// <summary>One village's submission with 1.1 answered, its 1.1 corrected by the reviewer and its 2.1 returned for supplement.</summary>
    private async Task<(HttpClient Admin, HttpClient Reviewer, long CampaignId, long UnitId, string Url)> CorrectedThenReturnedAsync(string name)
    {
        var (admin, campaignId, unitId, url) = await VillageInReviewAsync(app, name, "RR", "1.1", Facts(("work_rules", true)));

        var reviewer = await app.SessionAsync("a-reviewer");
        var due = app.Clock.GetUtcNow().AddDays(3).ToString("o");
        foreach (var (item, request) in new[] { ("1.1", new ReviewItemRequest("correct", 0, Corrected, "核实后补全", null)),
                     ("2.1", new ReviewItemRequest("return", 0, null, "请补充", due)) })
        {
            var answer = await reviewer.PostJsonAsync($"{url}/items/{item}/review", request);
            answer.StatusCode.ShouldBe(HttpStatusCode.OK, await answer.Content.ReadAsStringAsync());
        }
        return (admin, reviewer, campaignId, unitId, url);
    }

    private static async Task<List<ReviewQueueItem>> QueueAsync(HttpClient reviewer, long campaignId, long unitId) =>
        [.. (await (await reviewer.GetAsync($"/api/workspace/review-queue?campaignId={campaignId}&unitId={unitId}&limit={ReviewQueue.MaxPage}"))
            .ReadAsync<ReviewQueuePage>()).Items];

    [Fact]
    public async Task SaveItem_UnitChangesACorrectedItemAfterAReturn_CorrectionIsStaleAndTheItemWaitsAgain()
    {
        var (admin, reviewer, campaignId, unitId, url) = await CorrectedThenReturnedAsync("修正后重报");
        (await QueueAsync(reviewer, campaignId, unitId)).ShouldNotContain(q => q.ItemId == "1.1");

        (await admin.PutJsonAsync($"{url}/items/1.1", new SaveItemRequest(Facts(("work_rules", true), ("leader_assigned", true)), null)))
            .EnsureSuccessStatusCode();
        (await admin.PostAsync($"{url}/submit", null)).EnsureSuccessStatusCode();

        var review = await (await reviewer.GetAsync($"{url}/items/1.1/review")).ReadAsync<ItemReviewView>();
        (review.StateName, review.IsStale, review.CurrentFactsVersion > review.FactsVersionSeen).ShouldBe(("已修正", true, true));
        var waiting = (await QueueAsync(reviewer, campaignId, unitId)).Where(q => q.ItemId == "1.1").ShouldHaveSingleItem();
        (waiting.ReviewStateName, waiting.IsStale, waiting.ExpectedVersion).ShouldBe(("已修正", true, review.Version));
    }

    [Fact]
    public async Task SaveItem_UnitSavesACorrectedItemUnchangedAfterAReturn_CorrectionStands()
    {
        var (admin, reviewer, campaignId, unitId, url) = await CorrectedThenReturnedAsync("修正后原样保存");

        (await admin.PutJsonAsync($"{url}/items/1.1", new SaveItemRequest(Facts(("work_rules", true)), null))).EnsureSuccessStatusCode();
        (await admin.PostAsync($"{url}/submit", null)).EnsureSuccessStatusCode();

        var review = await (await reviewer.GetAsync($"{url}/items/1.1/review")).ReadAsync<ItemReviewView>();
        (review.StateName, review.IsStale).ShouldBe(("已修正", false));
        (await QueueAsync(reviewer, campaignId, unitId)).ShouldNotContain(q => q.ItemId == "1.1");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ReviewResaveTestsOnSqlite(SqliteApp app) : ReviewResaveTests(app);

[Collection(PostgresCollection.Name)]
public sealed class ReviewResaveTestsOnPostgres(PostgresApp app) : ReviewResaveTests(app);
