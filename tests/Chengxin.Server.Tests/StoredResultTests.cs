using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Features.Periods;
using Chengxin.Server.Features.Providers;
using Chengxin.Server.Features.Results;
using Chengxin.Server.Features.Reviews;
using Chengxin.Server.Features.SpotChecks;
using Chengxin.Server.Features.Submissions;
using Chengxin.Server.Features.Units;
using Chengxin.Server.Features.Users;
using Chengxin.Server.Infrastructure;
using Chengxin.Server.Tests.Infrastructure;
using Chengxin.Server.Tests.Walkthroughs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Chengxin.Server.Tests.Walkthroughs.Walk;

namespace Chengxin.Server.Tests;

/// <summary>
/// Results are stored when facts change and read from there (ADR 0007). After every writer of facts, each stored row of the
/// campaign that is not marked stale equals a computation made afresh, and the units the write touched are not stale: no
/// writer can leave a row behind. A row still stale (or tampered with) is recomputed on read; the office re-scores on demand.
/// </summary>
public abstract class StoredResultTests(AppFixture app)
{
    private long T1 => app.World.Unit("A-C1-T1").Id;
    private long T2 => app.World.Unit("A-C1-T2").Id;

    private static Dictionary<string, JsonElement> Facts(params (string Key, object Value)[] facts) =>
        facts.ToDictionary(f => f.Key, f => JsonSerializer.SerializeToElement(f.Value, Http.Json));

    private static readonly (string Key, object Value)[] Organisation =
    [
        ("leader_assigned", true), ("lead_office_assigned", true), ("liaison_assigned", true), ("dedicated_computer", true),
        ("dedicated_printer", false), ("work_rules", true),
    ];

    /// <summary>What a row holds, without when it was computed: two rows with equal figures and words compare equal.</summary>
    private static string Figures(UnitResultRow r) => JsonSerializer.Serialize(new
    {
        r.UnitId, r.SchemeVersionId, r.SchemeClass, Base = r.Base.ToString(CultureInfo.InvariantCulture), Bonus = r.Bonus.ToString(CultureInfo.InvariantCulture),
        Total = r.Total.ToString(CultureInfo.InvariantCulture), r.Grade, r.VetoesJson, Self = r.SelfTotal.ToString(CultureInfo.InvariantCulture),
        ReviewedOnly = r.ReviewedOnlyTotal?.ToString(CultureInfo.InvariantCulture), r.IsLate, r.Explanation, r.ItemsJson, r.TieBreakJson,
        Composite = r.Composite?.ToString(CultureInfo.InvariantCulture), r.CompositeNote, r.PeriodSourcesJson,
    });

    /// <summary>
    /// The stored rows of the campaign after a write: every row not marked stale equals what a computation makes of the facts now
    /// (the write marked every row it touched); then, read through the reader (a save only marks, ADR 0011), the touched units'
    /// rows exist and are fresh, and again every row equals a fresh computation. Returns the stored rows by unit, as read.
    /// </summary>
    private async Task<Dictionary<long, UnitResultRow>> StoredMatchesFreshAsync(long campaignId, params long[] touched)
    {
        await StoredMatchesFreshAsync(campaignId, read: false, touched);
        return await StoredMatchesFreshAsync(campaignId, read: true, touched);
    }

    private async Task<Dictionary<long, UnitResultRow>> StoredMatchesFreshAsync(long campaignId, bool read, long[] touched)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChengxinDbContext>();
        var versions = scope.ServiceProvider.GetRequiredService<SchemeVersions>();
        if (read)
        {
            var members = await db.Campaigns.IgnoreQueryFilters().AsNoTracking().Include(c => c.Units).FirstAsync(c => c.Id == campaignId);
            await StoredResults.ReadAsync(db, versions, app.Clock.GetUtcNow().UtcDateTime, members, default);
        }
        var stored = await db.UnitResults.AsNoTracking().Where(r => r.CampaignId == campaignId).ToDictionaryAsync(r => r.UnitId);
        if (!read)
            touched = [];
        foreach (var unitId in touched)
            stored.ShouldContainKey(unitId, $"unit {unitId} has a stored result after the write");
        touched.Where(id => stored[id].IsStale).ShouldBeEmpty("rows of the units the write touched are fresh");
        var campaign = await db.Campaigns.IgnoreQueryFilters().AsNoTracking().Include(c => c.Units).FirstAsync(c => c.Id == campaignId);
        var fresh = (await StoredResults.ComputeAsync(db, versions, app.Clock.GetUtcNow().UtcDateTime, campaign, null, default))
            .ToDictionary(r => r.UnitId);
        stored.Keys.Where(id => !fresh.ContainsKey(id)).ShouldBeEmpty("no stored result for a unit outside the campaign");
        foreach (var row in stored.Values.Where(r => !r.IsStale))
            Figures(row).ShouldBe(Figures(fresh[row.UnitId]), $"unit {row.UnitId}'s stored result equals a fresh computation");
        return stored;
    }

    private async Task<T> InDbAsync<T>(Func<ChengxinDbContext, Task<T>> read)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<ChengxinDbContext>());
    }

    private async Task<HttpClient> SecondAdminAsync(HttpClient admin)
    {
        var name = "sr-admin-" + Guid.NewGuid().ToString("N")[..6];
        (await admin.PostJsonAsync("/api/users", new CreateUserRequest(name, "第二管理员", TestWorld.Password,
            app.World.Unit("A-C1").Id, "office-admin", ScopeKind.Subtree, null))).EnsureSuccessStatusCode();
        return await app.SignInAsync(name);
    }

    private async Task<HttpClient> ProviderAsync(HttpClient admin)
    {
        var unit = await (await admin.PostJsonAsync("/api/units", new CreateUnitRequest(app.World.Unit("A-C1").Id, "县信用办",
            "SR" + Guid.NewGuid().ToString("N")[..10], "Department", null))).ReadAsync<UnitResponse>();
        var userName = "sr" + Guid.NewGuid().ToString("N")[..10];
        (await admin.PostJsonAsync("/api/users", new CreateUserRequest(userName, "县信用办数据员", TestWorld.Password, unit.Id,
            Roles.DataProvider, ScopeKind.OwnUnit, null))).EnsureSuccessStatusCode();
        return await app.SignInAsync(userName);
    }

    private static HttpContent Workbook(IReadOnlyList<string> header, params string?[][] rows)
    {
        var content = new ByteArrayContent(Xlsx.Write("数据来源", header, rows));
        content.Headers.ContentType = new MediaTypeHeaderValue(Xlsx.ContentType);
        return content;
    }

    [Fact]
    public async Task EveryWriterOfFacts_LeavesTheStoredResultsEqualToAFreshComputation()
    {
        var admin = await app.SessionAsync("a-admin");
        var liaison = await app.SessionAsync("a-liaison");
        var reviewer = await app.SessionAsync("a-reviewer");
        var now = app.Clock.GetUtcNow();
        var created = await (await admin.PostJsonAsync("/api/campaigns", CampaignTests.OpenRequest("存储结果", [T1],
            reviewers: [app.World.Users["a-reviewer"].Id], evidenceDue: now.AddDays(3).ToString("o")))).ReadAsync<CampaignResponse>();
        var id = created.Id;
        var opened = await (await admin.PostAsync($"/api/campaigns/{id}/open", null)).ReadAsync<CampaignResponse>();
        await StoredMatchesFreshAsync(id, T1);

        // The campaign edited: a unit added has its row, a unit taken out loses it.
        var edited = await (await admin.PutJsonAsync($"/api/campaigns/{id}", new EditCampaignRequest(opened.Revision, null, null, [T1, T2], null, null, "增加乙镇")))
            .ReadAsync<CampaignResponse>();
        await StoredMatchesFreshAsync(id, T1, T2);
        edited = await (await admin.PutJsonAsync($"/api/campaigns/{id}", new EditCampaignRequest(edited.Revision, null, null, [T1], null, null, "乙镇撤并")))
            .ReadAsync<CampaignResponse>();
        (await StoredMatchesFreshAsync(id, T1)).ShouldNotContainKey(T2);
        await admin.PutJsonAsync($"/api/campaigns/{id}", new EditCampaignRequest(edited.Revision, null, null, [T1, T2], null, null, "乙镇恢复"));

        // The unit's own save, and a fact the office enters on the unit's behalf.
        var url = $"/api/campaigns/{id}/units/{T1}/submission";
        (await liaison.PutJsonAsync($"{url}/items/1.1", new SaveItemRequest(Facts(Organisation), null))).EnsureSuccessStatusCode();
        (await StoredMatchesFreshAsync(id, T1))[T1].SelfTotal.ShouldBeGreaterThan(0m);
        (await admin.PutJsonAsync($"{url}/items/2.1", new SaveItemRequest(Facts(("reports_on_time", 7)), null))).EnsureSuccessStatusCode();
        await StoredMatchesFreshAsync(id, T1);

        // The provider's cell and its import.
        var provider = await ProviderAsync(admin);
        (await provider.PutJsonAsync($"/api/campaigns/{id}/provider-grid/cells", new ProviderCellsRequest(
            [new ProviderCellRequest(T2, "reports_on_time", JsonSerializer.SerializeToElement(4))], AllOrNothing: true))).EnsureSuccessStatusCode();
        await StoredMatchesFreshAsync(id, T2);
        var header = ProviderGrid.FixedHeader.Append("按时向县信用办报送的工作总结、工作简报、宣传稿件篇数").ToList();
        (await provider.PostAsync($"/api/campaigns/{id}/provider-grid/import",
            Workbook(header, [app.World.Unit("A-C1-T2").Name, "A-C1-T2", "6"]))).EnsureSuccessStatusCode();
        (await StoredMatchesFreshAsync(id, T2))[T2].ItemsJson.ShouldContain("\"score\":6");

        // The submission's report record; then the office closes collection past T2, which never reported (逾期未报 → 漏报).
        (await liaison.PostAsync($"{url}/submit", null)).EnsureSuccessStatusCode();
        await StoredMatchesFreshAsync(id, T1);
        (await admin.PostJsonAsync($"/api/campaigns/{id}/start-review", Overrides.GoOn)).EnsureSuccessStatusCode();
        (await StoredMatchesFreshAsync(id, T1, T2))[T2].Explanation.ShouldStartWith("逾期未报，按漏报计 0 分");

        // The reviewer's correction.
        var corrected = await (await reviewer.PostJsonAsync($"{url}/items/2.1/review",
            new ReviewItemRequest("correct", 0, Facts(("reports_on_time", 5)), "两篇稿件逾期", null))).ReadAsync<ItemReviewView>();
        corrected.ReviewedScore.ShouldBe(5m);
        var reviewed = (await StoredMatchesFreshAsync(id, T1))[T1];
        (await (await admin.GetAsync($"/api/campaigns/{id}/results")).ReadAsync<CampaignResultView>()).Units.Single(u => u.UnitId == T1).Total
            .ShouldBe(reviewed.Total);

        // Published, appealed, upheld: review reopens and a second correction is stored as the first was.
        var second = await SecondAdminAsync(admin);
        (await admin.PostJsonAsync($"/api/campaigns/{id}/publication/request", Overrides.GoOn)).EnsureSuccessStatusCode();
        (await second.PostJsonAsync($"/api/campaigns/{id}/publication/approve", Overrides.GoOn)).EnsureSuccessStatusCode();
        var appeal = await (await liaison.PostJsonAsync($"/api/campaigns/{id}/units/{T1}/appeals", new FileAppealRequest("2.1", "逾期稿件实为按时报送")))
            .ReadAsync<AppealView>();
        (await admin.PostJsonAsync($"/api/campaigns/{id}/appeals/{appeal.Id}/uphold", new DecideAppealRequest("经核实，重新复核"))).EnsureSuccessStatusCode();
        await StoredMatchesFreshAsync(id, T1);
        (await reviewer.PostJsonAsync($"{url}/items/2.1/review",
            new ReviewItemRequest("correct", corrected.Version, Facts(("reports_on_time", 7)), "经申诉核实均按时报送", null))).EnsureSuccessStatusCode();
        (await StoredMatchesFreshAsync(id, T1))[T1].Total.ShouldBeGreaterThan(reviewed.Total);
    }

    /// <summary>Seed 003 monthly facts: 1 40 × 6 / 8 = 30; 2(1) 5; 2(2) 4; 3 3 → 42 × 70 % = 29.4.</summary>
    private static readonly (string Key, object Value)[] Month =
    [
        ("measures", Rows("name", "措施", "done", 6, 2)), ("spot_unfinished", 0),
        ("info_reports", new List<Dictionary<string, object>>
        {
            new() { ["title"] = "信息1", ["high_quality"] = true, ["adopted"] = false },
            new() { ["title"] = "信息2", ["high_quality"] = true, ["adopted"] = false },
            new() { ["title"] = "信息3", ["high_quality"] = true, ["adopted"] = true },
        }),
        ("added_tasks", Rows("name", "新增任务", "approved", 2)), ("raised_targets", Rows("name", "调高指标", "approved", 1)),
        ("local_firsts", Rows("name", "首创举措", "approved", 0, 1)),
    ];

    [Fact]
    public async Task SpotCheckRecordAndCompletion_StoreTheSpotCheckedResult_WithTheReviewedTotalBeside()
    {
        await using var walk = await StartAsync(app, "heihe-taskforce-monthly-2022");
        var unit = await walk.UnitAsync("存储抽查专班", "County", "县区政府", walk.City);
        await walk.OpenAsync("存储抽查", "2022-08", [unit], walk.Now.AddHours(1), [walk.ReviewerId], new() { ["县区政府"] = "county" }, spotCheckShare: 1m);
        await walk.SaveAsync(unit, Month);
        await walk.SubmitAsync(unit);
        await walk.StartReviewAsync();
        (await walk.Admin.PostAsync($"/api/campaigns/{walk.CampaignId}/spot-check", null)).EnsureSuccessStatusCode();
        var url = $"/api/campaigns/{walk.CampaignId}/units/{unit.Id}/spot-check";
        (await walk.Reviewer.PostAsync(url + "/open", null)).StatusCode.ShouldBe(HttpStatusCode.Created);
        await StoredMatchesFreshAsync(walk.CampaignId, unit.Id);

        (await walk.Reviewer.PutJsonAsync(url + "/items/1.1", new RecordSpotCheckItemRequest(Json([("spot_unfinished", 1)]), "现场查看，措施3未完成")))
            .EnsureSuccessStatusCode();
        // A finding counts once the check is complete; until then the reviewed result is stored.
        (await StoredMatchesFreshAsync(walk.CampaignId, unit.Id))[unit.Id].Total.ShouldBe(29.4m);
        (await walk.Admin.PostJsonAsync(url + "/complete", new CompleteSpotCheckRequest("抽查核实一项措施未完成"))).EnsureSuccessStatusCode();
        var row = (await StoredMatchesFreshAsync(walk.CampaignId, unit.Id))[unit.Id];
        (row.Total, row.ReviewedOnlyTotal).ShouldBe((25.9m, 29.4m));
        (await walk.ResultsAsync()).Of(unit).Explanation.ShouldStartWith("抽查结果替代复核结果（复核总分 29.4；抽查结论：抽查核实一项措施未完成）；");
    }

    [Fact]
    public async Task Read_AStaleOrTamperedRow_IsRecomputed_AndReScoreRewritesTheCampaignAndIsAudited()
    {
        var admin = await app.SessionAsync("a-admin");
        var liaison = await app.SessionAsync("a-liaison");
        var created = await (await admin.PostJsonAsync("/api/campaigns", CampaignTests.OpenRequest("过期结果", [T1, T2],
            evidenceDue: app.Clock.GetUtcNow().AddDays(3).ToString("o")))).ReadAsync<CampaignResponse>();
        var id = created.Id;
        (await admin.PostAsync($"/api/campaigns/{id}/open", null)).EnsureSuccessStatusCode();
        (await liaison.PutJsonAsync($"/api/campaigns/{id}/units/{T1}/submission/items/1.1", new SaveItemRequest(Facts(Organisation), null)))
            .EnsureSuccessStatusCode();
        var before = await (await admin.GetAsync($"/api/campaigns/{id}/results")).Content.ReadAsStringAsync();
        var t1Total = (await StoredMatchesFreshAsync(id, T1))[T1].Total;

        // A stale row with a wrong figure, as if a write had marked it and no refresh had run: the read recomputes it.
        await InDbAsync(db => db.UnitResults.Where(r => r.CampaignId == id && r.UnitId == T1)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Total, 1m).SetProperty(r => r.IsStale, true)));
        (await (await admin.GetAsync($"/api/campaigns/{id}/results")).Content.ReadAsStringAsync()).ShouldBe(before);
        (await StoredMatchesFreshAsync(id, T1))[T1].Total.ShouldBe(t1Total);

        // A row changed behind the application's back is not stale, so reads serve it; a re-score puts it right, in the audit chain.
        await InDbAsync(db => db.UnitResults.Where(r => r.CampaignId == id && r.UnitId == T1).ExecuteUpdateAsync(s => s.SetProperty(r => r.Total, 1m)));
        (await (await admin.GetAsync($"/api/campaigns/{id}/results")).ReadAsync<CampaignResultView>()).Units.Single(u => u.UnitId == T1).Total.ShouldBe(1m);
        var receipt = await (await admin.PostAsync($"/api/campaigns/{id}/results/rescore", null)).ReadAsync<RescoreReceipt>();
        (receipt.CampaignId, receipt.UnitCount).ShouldBe((id, 2));
        receipt.ComputedAt.Offset.ShouldBe(BeijingTime.Offset);
        (await (await admin.GetAsync($"/api/campaigns/{id}/results")).Content.ReadAsStringAsync()).ShouldBe(before);
        var audit = await InDbAsync(db => db.AuditEvents.IgnoreQueryFilters()
            .Where(e => e.EntityType == "campaign" && e.EntityId == id.ToString(CultureInfo.InvariantCulture) && e.Action == Rescore.Action)
            .Select(e => e.After!).ToListAsync());
        JsonDocument.Parse(audit.ShouldHaveSingleItem()).RootElement.GetProperty("unitCount").GetInt32().ShouldBe(2);

        // Those who may not manage the campaign cannot re-score it, and nothing is written for them.
        (await liaison.PostAsync($"/api/campaigns/{id}/results/rescore", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await app.SessionAsync("b-admin")).PostAsync($"/api/campaigns/{id}/results/rescore", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await InDbAsync(db => db.AuditEvents.IgnoreQueryFilters().CountAsync(e => e.EntityId == id.ToString(CultureInfo.InvariantCulture)
            && e.Action == Rescore.Action))).ShouldBe(1);
    }

    [Fact]
    public async Task Read_ShowsEveryStoredItemAndVeto_AsTheStoredJsonHoldsThem()
    {
        // The read parses a row's items by hand for speed (StoredResults.View); it must agree with the serializer that wrote them.
        var admin = await app.SessionAsync("a-admin");
        var liaison = await app.SessionAsync("a-liaison");
        var created = await (await admin.PostJsonAsync("/api/campaigns", CampaignTests.OpenRequest("逐项读取", [T1, T2],
            evidenceDue: app.Clock.GetUtcNow().AddDays(3).ToString("o")))).ReadAsync<CampaignResponse>();
        var id = created.Id;
        (await admin.PostAsync($"/api/campaigns/{id}/open", null)).EnsureSuccessStatusCode();
        (await liaison.PutJsonAsync($"/api/campaigns/{id}/units/{T1}/submission/items/1.1", new SaveItemRequest(Facts(Organisation), null)))
            .EnsureSuccessStatusCode();
        var read = await (await admin.GetAsync($"/api/campaigns/{id}/results")).ReadAsync<CampaignResultView>();
        var rows = await InDbAsync(db => db.UnitResults.AsNoTracking().Where(r => r.CampaignId == id).ToDictionaryAsync(r => r.UnitId));

        read.Units.Count.ShouldBe(2);
        foreach (var unit in read.Units)
        {
            var row = rows[unit.UnitId];
            unit.Vetoes.ShouldBe(JsonSerializer.Deserialize<List<string>>(row.VetoesJson)!);
            var stored = StoredResults.Items(row);
            unit.Items.Select(i => (i.ItemId, i.Status, i.Score, i.SelfScore, i.Explanation))
                .ShouldBe(stored.Select(i => (i.ItemId, i.Status, i.Score, i.SelfScore, i.Explanation)));
        }
        // Both kinds of item are on the path: one scored from the liaison's facts, others still missing them.
        read.Units.Single(u => u.UnitId == T1).Items.Single(i => i.ItemId == "1.1").Status.ShouldBe(Chengxin.Domain.Scoring.ItemStatus.Scored);
        read.Units.SelectMany(u => u.Items).ShouldContain(i => i.Status != Chengxin.Domain.Scoring.ItemStatus.Scored && i.Explanation != "");
    }

    [Fact]
    public async Task PublicationOfAnEarlierMonth_MakesTheAnnualCompositeRecompute_OnTheNextRead()
    {
        await using var walk = await StartAsync(app, "heihe-taskforce-monthly-2022");
        var unit = await walk.UnitAsync("存储年度专班", "County", "县区政府", walk.City);
        var county = new Dictionary<string, string> { ["县区政府"] = "county" };
        await walk.OpenAsync("2022-04 存储月度", "2022-04", [unit], walk.Now.AddHours(1), [walk.ReviewerId], county);
        await walk.SaveAsync(unit, Month);
        await walk.SubmitAsync(unit);
        await walk.StartReviewAsync();
        (await walk.PublishAsync()).Of(unit).Total.ShouldBe(29.4m);

        await using var annual = await StartAsync(app, "heihe-taskforce-annual-2022");
        var innovation = annual.Scheme.Items.Single().Facts.Select(f => (f.Key, (object)Rows("name", "举措", "approved", f.Key == "inspection_praise" ? 1 : 0)))
            .ToArray();
        await annual.OpenAsync("2022年度存储", "2022", [unit], annual.Now.AddHours(1), [annual.ReviewerId], county);
        await annual.SaveAsync(unit, innovation);
        var april = (await annual.ResultsAsync()).Units.Single();
        var stored = (await StoredMatchesFreshAsync(annual.CampaignId, unit.Id))[unit.Id];

        // May is published after the annual results were stored: the stored inputs no longer match, and the read recomputes.
        await walk.OpenAsync("2022-05 存储月度", "2022-05", [unit], walk.Now.AddHours(1), [walk.ReviewerId], county);
        await walk.SaveAsync(unit, Month);
        await walk.SubmitAsync(unit);
        await walk.StartReviewAsync();
        await walk.PublishAsync();
        (await InDbAsync(db => db.UnitResults.AsNoTracking().SingleAsync(r => r.CampaignId == annual.CampaignId)))
            .PeriodSourcesJson.ShouldBe(stored.PeriodSourcesJson);

        var both = (await annual.ResultsAsync()).Units.Single();
        both.Total.ShouldBeGreaterThan(april.Total);
        var inputs = await (await annual.Admin.GetAsync($"/api/campaigns/{annual.CampaignId}/period-inputs")).ReadAsync<PeriodInputsView>();
        inputs.Composite!.Units.Single().PeriodTotals.Where(t => t is not null).ShouldBe([29.4m, 29.4m]);
        (await StoredMatchesFreshAsync(annual.CampaignId, unit.Id))[unit.Id].PeriodSourcesJson.ShouldNotBe(stored.PeriodSourcesJson);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class StoredResultTestsOnSqlite(SqliteApp app) : StoredResultTests(app);

[Collection(PostgresCollection.Name)]
public sealed class StoredResultTestsOnPostgres(PostgresApp app) : StoredResultTests(app);
