using System.Net;
using System.Text.Json;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Features.Reviews;
using Chengxin.Server.Features.Schemes;
using Chengxin.Server.Features.Submissions;
using Chengxin.Server.Features.Units;
using Chengxin.Server.Features.Users;
using Chengxin.Server.Features.Workspace;
using Chengxin.Server.Infrastructure;
using Chengxin.Server.Tests.Infrastructure;
using Chengxin.Server.Tests.Walkthroughs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Chengxin.Server.Tests;

/// <summary>
/// The review queue counted by the database (issue 19): the tabs, the filters' choices, the totals and every page agree with the
/// queue worked out item by item over the whole campaign (<see cref="ReviewQueue.BuildAsync"/>), on a campaign with verdicts of
/// every kind — confirmed, corrected, scored, returned and not yet answered, returned and resubmitted, stale after the facts
/// changed — a unit still in draft, and units outside a town reviewer's scope. The counts are the rows the saves keep
/// (<see cref="ReviewQueueCounts"/>), checked against a full recount after every kind of write.
/// </summary>
public abstract class ReviewQueueCountTests(AppFixture app)
{
    private const string Queue = "/api/workspace/review-queue";

    private static Dictionary<string, JsonElement> Facts(params (string Key, object Value)[] facts) =>
        facts.ToDictionary(f => f.Key, f => JsonSerializer.SerializeToElement(f.Value, Http.Json));

    private static readonly Dictionary<string, JsonElement> FullOneOne = Facts(("leader_assigned", true), ("lead_office_assigned", true),
        ("liaison_assigned", true), ("dedicated_computer", true), ("dedicated_printer", true), ("work_rules", true));

    /// <summary>
    /// Seven villages under two towns, assigned to a-reviewer, six submitted with 1.1 answered, then reviewed so that every kind of
    /// verdict stands somewhere; the seventh stays in draft.
    /// </summary>
    private async Task<(long CampaignId, List<long> Units)> ReviewedAsync(string name, Guid? alsoReviewer = null)
    {
        var admin = await app.SessionAsync("a-admin");
        var units = new List<long>();
        foreach (var (village, town) in new[] { ("甲", "A-C1-T1"), ("乙", "A-C1-T1"), ("丙", "A-C1-T2"), ("丁", "A-C1-T1"), ("戊", "A-C1-T2"), ("己", "A-C1-T1"), ("庚", "A-C1-T1") })
        {
            var created = await admin.PostJsonAsync("/api/units", new CreateUnitRequest(app.World.Unit(town).Id, $"{name}{village}村",
                "RC" + Guid.NewGuid().ToString("N")[..10], "Village", "乡镇"));
            created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
            units.Add((await created.ReadAsync<UnitResponse>()).Id);
        }
        var response = await admin.PostJsonAsync("/api/campaigns", CampaignTests.OpenRequest(name, units, classMap: new() { ["乡镇"] = "town" },
            reviewers: [app.World.Users["a-reviewer"].Id, .. alsoReviewer is { } other ? [other] : Array.Empty<Guid>()], evidenceDue: app.Clock.GetUtcNow().AddDays(1).ToString("o")));
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var campaign = await response.ReadAsync<CampaignResponse>();
        (await admin.PostAsync($"/api/campaigns/{campaign.Id}/open", null)).EnsureSuccessStatusCode();
        string Url(int i) => $"/api/campaigns/{campaign.Id}/units/{units[i]}/submission";
        for (var i = 0; i < units.Count - 1; i++)
        {
            (await admin.PutJsonAsync($"{Url(i)}/items/1.1", new SaveItemRequest(i % 2 == 0 ? FullOneOne : Facts(("work_rules", true)), null)))
                .EnsureSuccessStatusCode();
            (await admin.PostAsync($"{Url(i)}/submit", null)).EnsureSuccessStatusCode();
        }
        // 己 takes its submission back while the campaign collects and hands it in again.
        (await admin.PostAsync($"{Url(5)}/withdraw", null)).EnsureSuccessStatusCode();
        (await admin.PostAsync($"{Url(5)}/submit", null)).EnsureSuccessStatusCode();
        (await admin.PostJsonAsync($"/api/campaigns/{campaign.Id}/start-review", Overrides.GoOn)).EnsureSuccessStatusCode();

        var reviewer = await app.SessionAsync("a-reviewer");
        async Task<ItemReviewView> Review(int unit, string item, ReviewItemRequest request)
        {
            var answer = await reviewer.PostJsonAsync($"{Url(unit)}/items/{item}/review", request);
            answer.StatusCode.ShouldBe(HttpStatusCode.OK, await answer.Content.ReadAsStringAsync());
            return await answer.ReadAsync<ItemReviewView>();
        }
        var due = app.Clock.GetUtcNow().AddDays(3).ToString("o");
        // 甲: confirmed, scored (a judgement), a verdict left pending by nobody — the rest of its items have no verdict.
        await Review(0, "1.1", new ReviewItemRequest("confirm", 0, null, null, null));
        await Review(0, "5.1", new ReviewItemRequest("score", 0, null, "县级报道一篇", null, 4m));
        // 乙: 1.1 confirmed and 2.2 returned; the unit answers 1.1 anew and resubmits: 1.1 stale, 2.2 resubmitted.
        await Review(1, "1.1", new ReviewItemRequest("confirm", 0, null, null, null));
        await Review(1, "2.2", new ReviewItemRequest("return", 0, null, "请补充", due));
        // 丙: returned and not yet answered — it waits for the unit, not the reviewer.
        await Review(2, "1.1", new ReviewItemRequest("return", 0, null, "请补充", due));
        // 丁: 1.1 corrected and 5.1 scored, then 2.1 returned; the unit answers again and resubmits (the correction's facts stand).
        await Review(3, "1.1", new ReviewItemRequest("correct", 0, FullOneOne, "核实后补全", null));
        await Review(3, "5.1", new ReviewItemRequest("score", 0, null, "市级报道两篇", null, 6m));
        await Review(3, "2.1", new ReviewItemRequest("return", 0, null, "请补充", due));
        // 戊: every item confirmed but one.
        var waiting = (await (await reviewer.GetAsync($"{Queue}?campaignId={campaign.Id}&unitId={units[4]}&limit={ReviewQueue.MaxPage}"))
            .ReadAsync<ReviewQueuePage>()).Items;
        foreach (var item in waiting.Skip(1).Where(q => !q.IsJudgement))
            await Review(4, item.ItemId, new ReviewItemRequest("confirm", item.ExpectedVersion, null, null, null));
        foreach (var (unit, facts) in new[] { (1, Facts(("work_rules", true), ("leader_assigned", true))), (3, Facts(("work_rules", true))) })
        {
            (await admin.PutJsonAsync($"{Url(unit)}/items/1.1", new SaveItemRequest(facts, null))).EnsureSuccessStatusCode();
            (await admin.PostAsync($"{Url(unit)}/submit", null)).EnsureSuccessStatusCode();
        }
        return (campaign.Id, units);
    }

    /// <summary>The queue worked out item by item, as the caller's own request would see it, and its counts as the tasks read them.</summary>
    private async Task<(List<ReviewQueueItem> Whole, ReviewQueueCampaign? Counts)> WholeAndCountsAsync(Guid id, long campaignId)
    {
        await using var services = app.Factory.Services.CreateAsyncScope();
        var db = services.ServiceProvider.GetRequiredService<ChengxinDbContext>();
        var user = await db.Users.IgnoreQueryFilters().AsNoTracking().SingleAsync(u => u.Id == id);
        var units = await AccessScopeMiddleware.VisibleUnitsAsync(db, user.TenantId, user.UnitId, user.ScopeUnitId, user.ScopeKind, CancellationToken.None);
        var campaigns = await db.CampaignReviewers.AsNoTracking().Where(r => r.UserId == user.Id).Select(r => r.CampaignId).ToListAsync();
        services.ServiceProvider.GetRequiredService<AccessScope>().SetUser(user.Id, user.DisplayName, user.Role, user.TenantId, user.UnitId, units, campaigns);
        var versions = services.ServiceProvider.GetRequiredService<SchemeVersions>();
        var scope = services.ServiceProvider.GetRequiredService<AccessScope>();
        var whole = (await ReviewQueue.BuildAsync(db, versions, scope, CancellationToken.None)).Where(q => q.CampaignId == campaignId).ToList();
        return (whole, (await ReviewQueue.CountsAsync(db, versions, CancellationToken.None)).SingleOrDefault(c => c.CampaignId == campaignId));
    }

    private async Task<List<ReviewQueueItem>> WholeAsync(Guid id, long campaignId) => (await WholeAndCountsAsync(id, campaignId)).Whole;

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
        while (after is not null && pages.Count < 200);
        return pages;
    }

    private static object Key(ReviewQueueItem q) => (q.UnitId, q.ItemId, q.ReviewState, q.ReviewStateName, q.IsStale, q.ExpectedVersion, q.SubmissionState,
        q.IsResubmitted, q.IsAppealed, q.IsJudgement, q.UnitName, q.Title);

    [Fact]
    public async Task ReviewQueue_VerdictsOfEveryKind_CountsAndPagesEqualTheItemByItemQueue()
    {
        var (campaignId, units) = await ReviewedAsync("计数复核");
        var reviewer = await app.SessionAsync("a-reviewer");
        var (whole, counts) = await WholeAndCountsAsync(app.World.Users["a-reviewer"].Id, campaignId);

        var first = await (await reviewer.GetAsync($"{Queue}?campaignId={campaignId}&limit=1")).ReadAsync<ReviewQueuePage>();

        whole.Select(q => q.ReviewStateName).Distinct().ShouldBe(["已确认", "补充后重新提交", "待复核"], ignoreOrder: true);
        whole.ShouldContain(q => q.UnitId == units[1] && q.ItemId == "1.1" && q.IsStale);
        var tab = first.Campaigns.Single(c => c.CampaignId == campaignId);
        (tab.Units, tab.Items).ShouldBe((whole.Select(q => q.UnitId).Distinct().Count(), whole.Count));
        counts.ShouldBe(tab);
        first.Total.ShouldBe(whole.Count);
        first.States.ShouldBe(whole.Select(q => q.ReviewStateName).Distinct(), ignoreOrder: true);
        (await (await reviewer.GetAsync($"{Queue}/units?campaignId={campaignId}&limit=50")).ReadAsync<List<ReviewQueueUnit>>())
            .Select(u => u.UnitId).ShouldBe(whole.Select(q => q.UnitId).Distinct());
        whole.ShouldNotContain(q => q.UnitId == units[2] && q.ItemId == "1.1");
        whole.ShouldNotContain(q => q.UnitId == units[6]);
        foreach (var size in new[] { 1, 4, 7, ReviewQueue.MaxPage })
        {
            var pages = await AllPagesAsync(reviewer, $"campaignId={campaignId}", size);
            pages.SelectMany(p => p.Items).Select(Key).ShouldBe(whole.Select(Key), $"pages of {size}");
            pages.ShouldAllBe(p => p.Total == whole.Count);
            pages.SkipLast(1).ShouldAllBe(p => p.Items.Count == size);
        }
    }

    /// <summary>The consistency check: every stored row not marked stale set against its submission worked out afresh.</summary>
    private async Task<List<string>> DifferencesAsync()
    {
        await using var services = app.Factory.Services.CreateAsyncScope();
        var db = services.ServiceProvider.GetRequiredService<ChengxinDbContext>();
        return await ReviewQueueCounts.CheckAsync(db, services.ServiceProvider.GetRequiredService<SchemeVersions>(), CancellationToken.None);
    }

    private async Task<int> StaleRowsAsync(long campaignId)
    {
        await using var services = app.Factory.Services.CreateAsyncScope();
        var db = services.ServiceProvider.GetRequiredService<ChengxinDbContext>();
        return await db.ReviewQueueCounts.IgnoreQueryFilters().CountAsync(q => q.CampaignId == campaignId && q.IsStale);
    }

    [Fact]
    public async Task ReviewQueueCounts_EveryWritePath_StoredRowsEqualAFullRecountAndTheItemByItemQueue()
    {
        var (campaignId, units) = await ReviewedAsync("一致计数");
        var admin = await app.SessionAsync("a-admin");
        var reviewer = await app.SessionAsync("a-reviewer");
        string Url(int i) => $"/api/campaigns/{campaignId}/units/{units[i]}/submission";
        async Task AfterAsync(string write, HttpResponseMessage? response)
        {
            if (response is not null)
                response.StatusCode.ShouldBe(HttpStatusCode.OK, $"{write}: {await response.Content.ReadAsStringAsync()}");
            (await DifferencesAsync()).ShouldBeEmpty(write);
            var page = await (await reviewer.GetAsync($"{Queue}?campaignId={campaignId}&limit=1")).ReadAsync<ReviewQueuePage>();
            (await StaleRowsAsync(campaignId)).ShouldBe(0, write);
            (await DifferencesAsync()).ShouldBeEmpty(write);
            var (whole, counts) = await WholeAndCountsAsync(app.World.Users["a-reviewer"].Id, campaignId);
            (page.Total, counts?.Items ?? 0, counts?.Units ?? 0).ShouldBe((whole.Count, whole.Count, whole.Select(q => q.UnitId).Distinct().Count()), write);
            page.States.ShouldBe(whole.Select(q => q.ReviewStateName).Distinct(), ignoreOrder: true, write);
        }

        await AfterAsync("the first read", null);
        var waiting = (await (await reviewer.GetAsync($"{Queue}?campaignId={campaignId}&unitId={units[5]}&limit={ReviewQueue.MaxPage}"))
            .ReadAsync<ReviewQueuePage>()).Items.Where(q => !q.IsJudgement).Take(3).ToList();
        await AfterAsync("a batch confirmation", await reviewer.PostJsonAsync($"/api/campaigns/{campaignId}/reviews/confirm",
            new ConfirmItemsRequest([.. waiting.Select(q => new ConfirmItemEntry(q.UnitId, q.ItemId, q.ExpectedVersion))])));
        await AfterAsync("a correction", await reviewer.PostJsonAsync($"{Url(5)}/items/1.1/review",
            new ReviewItemRequest("correct", waiting.Single(q => q.ItemId == "1.1").ExpectedVersion + 1, FullOneOne, "核实后补全", null)));
        await AfterAsync("the office's return of a whole submission", await admin.PostJsonAsync($"{Url(4)}/return",
            new ReturnSubmissionRequest("材料不全", app.Clock.GetUtcNow().AddDays(2).ToString("o"))));
        await AfterAsync("the unit's answer to the return", await admin.PutJsonAsync($"{Url(4)}/items/2.1", new SaveItemRequest(null, "已补充说明")));
        await AfterAsync("the unit's changed facts", await admin.PutJsonAsync($"{Url(4)}/items/1.1", new SaveItemRequest(Facts(("work_rules", true)), null)));
        await AfterAsync("the resubmission", await admin.PostAsync($"{Url(4)}/submit", null));
    }

    [Fact]
    public async Task ReviewQueue_EachStateUnitAndKeywordFilter_TotalAndPagesEqualTheItemByItemQueueFiltered()
    {
        var (campaignId, units) = await ReviewedAsync("筛选计数");
        var reviewer = await app.SessionAsync("a-reviewer");
        var whole = await WholeAsync(app.World.Users["a-reviewer"].Id, campaignId);
        var title = whole.First(q => q.ItemId == "2.1").Title;

        var filters = whole.Select(q => q.ReviewStateName).Distinct().Select(s => ($"state={Uri.EscapeDataString(s)}", whole.Where(q => q.ReviewStateName == s)))
            .Concat(units.Select(u => ($"unitId={u}", whole.Where(q => q.UnitId == u))))
            .Append(($"keyword={Uri.EscapeDataString(title)}", whole.Where(q => q.Title.Contains(title, StringComparison.Ordinal))))
            .Append(($"keyword={Uri.EscapeDataString("筛选计数乙村")}", whole.Where(q => q.UnitId == units[1])))
            .Append(($"keyword={Uri.EscapeDataString("筛选计数")}", whole))
            .Append(($"keyword=1.&unitId={units[3]}&state={Uri.EscapeDataString("待复核")}",
                whole.Where(q => q.UnitId == units[3] && q.ReviewStateName == "待复核" && (q.ItemId.Contains("1.", StringComparison.Ordinal) || q.Title.Contains("1.", StringComparison.Ordinal)))))
            .Append(($"keyword={Uri.EscapeDataString("无此指标")}", []));
        foreach (var (query, expected) in filters)
        {
            var pages = await AllPagesAsync(reviewer, $"campaignId={campaignId}&{query}", 3);
            pages.SelectMany(p => p.Items).Select(Key).ShouldBe(expected.Select(Key), query);
            pages.ShouldAllBe(p => p.Total == expected.Count(), query);
        }
    }

    [Fact]
    public async Task ReviewQueue_ReviewerOfOneTown_CountsAndPagesOnlyItsUnits_AsTheItemByItemQueueDoes()
    {
        var admin = await app.SessionAsync("a-admin");
        var userName = "rc-" + Guid.NewGuid().ToString("N")[..8];
        var created = await admin.PostJsonAsync("/api/users", new CreateUserRequest(userName, "片区复核员", TestWorld.Password, app.World.Unit("A-C1-T2").Id,
            Roles.Reviewer, ScopeKind.Subtree, null));
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = (await created.ReadAsync<UserResponse>()).Id;
        var (campaignId, units) = await ReviewedAsync("片区计数", id);
        var townReviewer = await app.SignInAsync(userName);
        var whole = await WholeAsync(id, campaignId);

        var pages = await AllPagesAsync(townReviewer, $"campaignId={campaignId}", 2);

        whole.Select(q => q.UnitId).Distinct().ShouldBe([units[2], units[4]]);
        pages.SelectMany(p => p.Items).Select(Key).ShouldBe(whole.Select(Key));
        pages[0].Campaigns.Single(c => c.CampaignId == campaignId).Items.ShouldBe(whole.Count);
        // The unit filter finds only the units in the reviewer's scope with items waiting.
        (await (await townReviewer.GetAsync($"{Queue}/units?campaignId={campaignId}")).ReadAsync<List<ReviewQueueUnit>>())
            .Select(u => u.UnitId).ShouldBe([units[2], units[4]]);
    }

    [Fact]
    public async Task ReviewQueue_ItemWithAResponsibilityList_CountsItForTheNamedDepartmentOnly_AsTheItemByItemQueueDoes()
    {
        await using var walk = await Walk.StartAsync(app, "test-responsibility-and-period");
        var finance = await walk.UnitAsync("责任清单财政局", "Department", "县直单位");
        var archives = await walk.UnitAsync("责任清单档案馆", "Department", "县直单位");
        await walk.OpenAsync("2023年第四季度责任单位复核", "2023Q4", [finance, archives], walk.Now.AddDays(10), [walk.ReviewerId],
            new() { ["县直单位"] = "dept" });
        foreach (var member in new[] { finance, archives })
        {
            await walk.ExplainOneAsync(member);
            await walk.SubmitAsync(member);
        }
        await walk.StartReviewAsync();
        await walk.ConfirmAsync(finance.Id, "1.1");
        var whole = await WholeAsync(walk.ReviewerId, walk.CampaignId);

        var pages = await AllPagesAsync(walk.Reviewer, $"campaignId={walk.CampaignId}", 1);

        whole.Where(q => q.UnitId == finance.Id).Select(q => q.ItemId).ShouldBe(["1.2", "1.3"]);
        whole.Where(q => q.UnitId == archives.Id).Select(q => q.ItemId).ShouldBe(["1.1"]);
        pages.SelectMany(p => p.Items).Select(Key).ShouldBe(whole.Select(Key));
        (pages[0].Campaigns.Single(c => c.CampaignId == walk.CampaignId).Items, pages[0].Total).ShouldBe((3, 3));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ReviewQueueCountTestsOnSqlite(SqliteApp app) : ReviewQueueCountTests(app);

[Collection(PostgresCollection.Name)]
public sealed class ReviewQueueCountTestsOnPostgres(PostgresApp app) : ReviewQueueCountTests(app);
