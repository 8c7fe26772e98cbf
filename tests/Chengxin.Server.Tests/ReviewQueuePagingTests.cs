using System.Net;
using System.Text.Json;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Features.Reviews;
using Chengxin.Server.Features.Submissions;
using Chengxin.Server.Features.Units;
using Chengxin.Server.Features.Workspace;
using Chengxin.Server.Infrastructure;
using Chengxin.Server.Tests.Infrastructure;

namespace Chengxin.Server.Tests;

/// <summary>
/// The review queue at a province's size (issue 19): a page at a time in the order campaign, unit, item; the counts per campaign
/// for the tabs; the filters applied on the server; the self-score beside each item read from the stored results.
/// </summary>
public abstract class ReviewQueuePagingTests(AppFixture app)
{
    private const string Queue = "/api/workspace/review-queue";

    private static Dictionary<string, JsonElement> Facts(params (string Key, object Value)[] facts) =>
        facts.ToDictionary(f => f.Key, f => JsonSerializer.SerializeToElement(f.Value, Http.Json));

    /// <summary>Three towns under review, assigned to a-reviewer; each answered 1.1 (two of them fully) and submitted.</summary>
    private async Task<(long CampaignId, List<long> Units)> UnderReviewAsync(string name)
    {
        var admin = await app.SessionAsync("a-admin");
        var units = new List<long>();
        foreach (var town in new[] { "甲", "乙", "丙" })
        {
            var created = await admin.PostJsonAsync("/api/units", new CreateUnitRequest(app.World.Unit("A-C1").Id, $"{name}{town}镇",
                "RQ" + Guid.NewGuid().ToString("N")[..10], "Town", "乡镇"));
            created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
            units.Add((await created.ReadAsync<UnitResponse>()).Id);
        }
        var response = await admin.PostJsonAsync("/api/campaigns", CampaignTests.OpenRequest(name, units, classMap: new() { ["乡镇"] = "town" },
            reviewers: [app.World.Users["a-reviewer"].Id], evidenceDue: app.Clock.GetUtcNow().AddDays(1).ToString("o")));
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var campaign = await response.ReadAsync<CampaignResponse>();
        (await admin.PostAsync($"/api/campaigns/{campaign.Id}/open", null)).EnsureSuccessStatusCode();
        for (var i = 0; i < units.Count; i++)
        {
            var url = $"/api/campaigns/{campaign.Id}/units/{units[i]}/submission";
            var facts = i < 2
                ? Facts(("leader_assigned", true), ("lead_office_assigned", true), ("liaison_assigned", true), ("dedicated_computer", true),
                    ("dedicated_printer", true), ("work_rules", true))
                : Facts(("work_rules", true));
            (await admin.PutJsonAsync($"{url}/items/1.1", new SaveItemRequest(facts, null))).EnsureSuccessStatusCode();
            (await admin.PostAsync($"{url}/submit", null)).EnsureSuccessStatusCode();
        }
        (await admin.PostJsonAsync($"/api/campaigns/{campaign.Id}/start-review", Overrides.GoOn)).EnsureSuccessStatusCode();
        return (campaign.Id, units);
    }

    private static async Task<List<ReviewQueuePage>> AllPagesAsync(HttpClient client, string query, int size)
    {
        var pages = new List<ReviewQueuePage>();
        string? after = null;
        do
        {
            var page = await (await client.GetAsync($"{Queue}?{query}&limit={size}" + (after is null ? "" : $"&after={after}"))).ReadAsync<ReviewQueuePage>();
            pages.Add(page);
            after = page.Next;
        }
        while (after is not null && pages.Count < 100);
        return pages;
    }

    [Fact]
    public async Task ReviewQueue_PagesOfTwo_FollowEachOtherToTheWholeQueueInUnitAndItemOrder()
    {
        var (campaignId, units) = await UnderReviewAsync("分页复核");
        var reviewer = await app.SessionAsync("a-reviewer");

        var whole = await (await reviewer.GetAsync($"{Queue}?campaignId={campaignId}&limit={ReviewQueue.MaxPage}")).ReadAsync<ReviewQueuePage>();
        var pages = await AllPagesAsync(reviewer, $"campaignId={campaignId}", 2);

        whole.Next.ShouldBeNull();
        whole.Items.Count.ShouldBe(whole.Total);
        whole.Items.Select(q => q.UnitId).Distinct().ShouldBe(units.Order());
        pages.ShouldAllBe(p => p.Total == whole.Total);
        pages.SkipLast(1).ShouldAllBe(p => p.Items.Count == 2);
        pages.SelectMany(p => p.Items).Select(q => (q.UnitId, q.ItemId)).ShouldBe(whole.Items.Select(q => (q.UnitId, q.ItemId)));
        whole.Items.Where(q => q.UnitId == units[0]).Select(q => q.ItemId).First().ShouldBe("1.1");
    }

    [Fact]
    public async Task ReviewQueue_SelfScoreBesideEachItem_EqualsTheItemReviewsOwnComputation()
    {
        var (campaignId, units) = await UnderReviewAsync("自评对照");
        var reviewer = await app.SessionAsync("a-reviewer");

        var page = await (await reviewer.GetAsync($"{Queue}?campaignId={campaignId}&limit={ReviewQueue.MaxPage}")).ReadAsync<ReviewQueuePage>();

        page.Items.ShouldContain(q => q.SelfScore > 0);
        foreach (var q in page.Items.Where(q => q.ItemId is "1.1" or "1.2" or "2.1"))
        {
            var review = await (await reviewer.GetAsync($"/api/campaigns/{campaignId}/units/{q.UnitId}/submission/items/{q.ItemId}/review"))
                .ReadAsync<ItemReviewView>();
            q.SelfScore.ShouldBe(review.SelfScore, $"{q.UnitId} {q.ItemId}");
        }
        page.Items.Single(q => q.UnitId == units[0] && q.ItemId == "1.1").SelfScore
            .ShouldBeGreaterThan(page.Items.Single(q => q.UnitId == units[2] && q.ItemId == "1.1").SelfScore);
    }

    [Fact]
    public async Task ReviewQueue_ReturnedItemAnsweredWithMoreFacts_ShowsTheNewSelfScore()
    {
        var (campaignId, units) = await UnderReviewAsync("自评更新");
        var reviewer = await app.SessionAsync("a-reviewer");
        var first = await (await reviewer.GetAsync($"{Queue}?campaignId={campaignId}&limit={ReviewQueue.MaxPage}")).ReadAsync<ReviewQueuePage>();
        var full = first.Items.Single(q => q.UnitId == units[0] && q.ItemId == "1.1").SelfScore;
        var partial = first.Items.Single(q => q.UnitId == units[2] && q.ItemId == "1.1");

        // Returned, answered in full and resubmitted: the unit's stored row went stale with the new facts.
        var url = $"/api/campaigns/{campaignId}/units/{units[2]}/submission";
        (await reviewer.PostJsonAsync($"{url}/items/1.1/review", new ReviewItemRequest("return", partial.ExpectedVersion, null, "请补充",
            app.Clock.GetUtcNow().AddDays(3).ToString("o")))).EnsureSuccessStatusCode();
        var admin = await app.SessionAsync("a-admin");
        (await admin.PutJsonAsync($"{url}/items/1.1", new SaveItemRequest(Facts(("leader_assigned", true), ("lead_office_assigned", true),
            ("liaison_assigned", true), ("dedicated_computer", true), ("dedicated_printer", true), ("work_rules", true)), null))).EnsureSuccessStatusCode();
        (await admin.PostAsync($"{url}/submit", null)).EnsureSuccessStatusCode();
        var again = (await (await reviewer.GetAsync($"{Queue}?campaignId={campaignId}&unitId={units[2]}")).ReadAsync<ReviewQueuePage>())
            .Items.Single(q => q.ItemId == "1.1");

        partial.SelfScore.ShouldBeLessThan(full);
        again.IsResubmitted.ShouldBeTrue();
        again.SelfScore.ShouldBe(full);
    }

    [Fact]
    public async Task ReviewQueue_ReviewerNotAssigned_SeesNoTabAndNoItemOfTheCampaign()
    {
        var (campaignId, _) = await UnderReviewAsync("未分配复核");
        var firm = await app.SessionAsync("a-firm");
        var reviewer = await app.SessionAsync("a-reviewer");

        var theirs = await (await firm.GetAsync($"{Queue}?campaignId={campaignId}")).ReadAsync<ReviewQueuePage>();
        var assigned = await (await reviewer.GetAsync($"{Queue}?campaignId={campaignId}")).ReadAsync<ReviewQueuePage>();

        theirs.Campaigns.ShouldNotContain(c => c.CampaignId == campaignId);
        theirs.Items.ShouldBeEmpty();
        theirs.Total.ShouldBe(0);
        var tab = assigned.Campaigns.Single(c => c.CampaignId == campaignId);
        (tab.Units, tab.Items).ShouldBe((3, assigned.Total));
    }

    [Fact]
    public async Task ReviewQueue_FilteredByUnitAndKeyword_OnTheServer_TabsStillCountTheWholeCampaign()
    {
        var (campaignId, units) = await UnderReviewAsync("筛选复核");
        var reviewer = await app.SessionAsync("a-reviewer");
        var whole = await (await reviewer.GetAsync($"{Queue}?campaignId={campaignId}&limit={ReviewQueue.MaxPage}")).ReadAsync<ReviewQueuePage>();
        var title = whole.Items.First(q => q.ItemId == "1.1").Title;

        var oneUnit = await (await reviewer.GetAsync($"{Queue}?campaignId={campaignId}&unitId={units[1]}&limit={ReviewQueue.MaxPage}")).ReadAsync<ReviewQueuePage>();
        var byWords = await (await reviewer.GetAsync($"{Queue}?campaignId={campaignId}&keyword={Uri.EscapeDataString(title)}")).ReadAsync<ReviewQueuePage>();
        var byState = await (await reviewer.GetAsync($"{Queue}?campaignId={campaignId}&state={Uri.EscapeDataString("评审给分")}")).ReadAsync<ReviewQueuePage>();

        oneUnit.Items.ShouldAllBe(q => q.UnitId == units[1]);
        oneUnit.Total.ShouldBe(whole.Items.Count(q => q.UnitId == units[1]));
        byWords.Items.Select(q => q.ItemId).Distinct().ShouldBe(["1.1"]);
        byWords.Total.ShouldBe(3);
        byState.Items.ShouldAllBe(q => q.ReviewStateName == "评审给分");
        oneUnit.Campaigns.Single(c => c.CampaignId == campaignId).Items.ShouldBe(whole.Total);
    }

    [Fact]
    public async Task ReviewQueueUnits_AsTheReviewerTypes_FindsTheCampaignsWaitingUnitsByNameOrCode_AFewAtATime()
    {
        var (campaignId, units) = await UnderReviewAsync("查找复核");
        var reviewer = await app.SessionAsync("a-reviewer");

        var all = await (await reviewer.GetAsync($"{Queue}/units?campaignId={campaignId}")).ReadAsync<List<ReviewQueueUnit>>();
        var typed = await (await reviewer.GetAsync($"{Queue}/units?campaignId={campaignId}&q={Uri.EscapeDataString("查找复核乙")}")).ReadAsync<List<ReviewQueueUnit>>();
        var two = await (await reviewer.GetAsync($"{Queue}/units?campaignId={campaignId}&limit=2")).ReadAsync<List<ReviewQueueUnit>>();
        var none = await (await reviewer.GetAsync($"{Queue}/units?campaignId={campaignId}&q={Uri.EscapeDataString("无此单位")}")).ReadAsync<List<ReviewQueueUnit>>();

        all.Select(u => (u.UnitId, u.UnitName)).ShouldBe([(units[0], "查找复核甲镇"), (units[1], "查找复核乙镇"), (units[2], "查找复核丙镇")]);
        typed.Select(u => u.UnitId).ShouldBe([units[1]]);
        two.Select(u => u.UnitId).ShouldBe([units[0], units[1]]);
        none.ShouldBeEmpty();
    }

    [Fact]
    public async Task ReviewQueueUnits_CampaignTheReviewerIsNotAssigned_Returns404()
    {
        var (campaignId, _) = await UnderReviewAsync("未分配查找");
        var idle = await app.SessionAsync("a-idle-reviewer");

        var response = await idle.GetAsync($"{Queue}/units?campaignId={campaignId}");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).ShouldContain("评价批次不存在或不在您的权限范围内");
    }

    [Fact]
    public async Task ReviewQueueUnits_CampaignStillCollecting_FindsNoUnitWaiting()
    {
        var admin = await app.SessionAsync("a-admin");
        var created = await admin.PostJsonAsync("/api/campaigns", CampaignTests.OpenRequest("收集中查找", [app.World.Unit("A-C1-T1").Id], classMap: new() { ["乡镇"] = "town" },
            reviewers: [app.World.Users["a-reviewer"].Id], evidenceDue: app.Clock.GetUtcNow().AddDays(1).ToString("o")));
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var campaign = await created.ReadAsync<CampaignResponse>();
        (await admin.PostAsync($"/api/campaigns/{campaign.Id}/open", null)).EnsureSuccessStatusCode();

        var response = await admin.GetAsync($"{Queue}/units?campaignId={campaign.Id}");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.ReadAsync<List<ReviewQueueUnit>>()).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("limit=0", "每次查找的单位数须在 1 到 50 之间")]
    [InlineData("limit=51", "每次查找的单位数须在 1 到 50 之间")]
    [InlineData("limit=abc", "每页条数须为整数")]
    public async Task ReviewQueueUnits_MalformedLimit_Returns400InChinese(string query, string message)
    {
        var (campaignId, _) = await UnderReviewAsync("查找限额");
        var reviewer = await app.SessionAsync("a-reviewer");

        var response = await reviewer.GetAsync($"{Queue}/units?campaignId={campaignId}&{query}");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain(message);
    }

    [Theory]
    [InlineData("after=abc", "翻页位置无效")]
    [InlineData("after=1.2", "翻页位置无效")]
    [InlineData("after=-1.2.3", "翻页位置无效")]
    [InlineData("limit=0", "每页指标数须在 1 到 500 之间")]
    [InlineData("limit=501", "每页指标数须在 1 到 500 之间")]
    public async Task ReviewQueue_MalformedPaging_Returns400InChinese(string query, string message)
    {
        var reviewer = await app.SessionAsync("a-reviewer");

        var response = await reviewer.GetAsync($"{Queue}?{query}");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain(message);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ReviewQueuePagingTestsOnSqlite(SqliteApp app) : ReviewQueuePagingTests(app);

[Collection(PostgresCollection.Name)]
public sealed class ReviewQueuePagingTestsOnPostgres(PostgresApp app) : ReviewQueuePagingTests(app);
