using System.Net;
using System.Text;
using Chengxin.Domain.Monitoring;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Events;
using Chengxin.Server.Features.Tokens;
using Chengxin.Server.Infrastructure;
using Chengxin.Server.Tests.Infrastructure;
using Chengxin.Server.Tests.Walkthroughs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Chengxin.Server.Tests.Monitoring.MonitoringData;

namespace Chengxin.Server.Tests.Monitoring;

/// <summary>
/// The register of complaints and negative public opinion through HTTP: recorded, verified 属实 / 不属实 with a reason (a race is a
/// 409), imported from a file with every bad row named, pushed by another system with an API token; a unit sees only the events
/// about itself.
/// </summary>
public abstract class EventRegisterTests(AppFixture app)
{
    private static RecordEventRequest Complaint(long unitId, string content, string category = "政务公开") =>
        new(EventKind.Complaint, "12345热线", "2025-06-01", content, category, [unitId]);

    [Fact]
    public async Task Verify_PendingEvent_BecomesConfirmedOnceWithItsReasonAudited()
    {
        await using var walk = await Walk.StartAsync(app, "heihe-grassroots-2023");
        var unit = await walk.UnitAsync($"核实单位{Tag()}", "Department", "部门");
        var recorded = await (await walk.Admin.PostJsonAsync("/api/events", Complaint(unit.Id, "办事窗口推诿"))).ReadAsync<EventView>();
        (recorded.StateName, recorded.KindName, recorded.Units.Single().Name).ShouldBe(("待核实", "投诉", unit.Name));

        (await (await walk.Admin.PostJsonAsync($"/api/events/{recorded.Id}/verify", new VerifyEventRequest(true, "", 0)))
            .ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("reason")[0].GetString().ShouldBe("核实理由不能为空。");
        var verified = await (await walk.Admin.PostJsonAsync($"/api/events/{recorded.Id}/verify", new VerifyEventRequest(true, "回访当事人属实", 0)))
            .ReadAsync<EventView>();
        (verified.StateName, verified.VerifyReason, verified.VerifiedByName, verified.Version).ShouldBe(("属实", "回访当事人属实", "市信用办管理员", 1));
        (await (await walk.Admin.PostJsonAsync($"/api/events/{recorded.Id}/verify", new VerifyEventRequest(false, "改判", 1)))
            .ProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString().ShouldBe("该事件已核实为“属实”，不能再次核实。");

        using var scope = app.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ChengxinDbContext>();
        var audit = await db.AuditEvents.IgnoreQueryFilters().Where(e => e.EntityType == "monitoring-event" && e.EntityId == recorded.Id.ToString())
            .OrderBy(e => e.Sequence).Select(e => new { e.Action, e.After }).ToListAsync();
        audit.Select(a => a.Action).ShouldBe(["monitoring-event.created", "monitoring-event.updated"]);
        audit[1].After!.ShouldContain("回访当事人属实");
    }

    [Fact]
    public async Task Verify_TwoRacingVerifications_OneIsStoredTheOtherIsAConflict()
    {
        await using var walk = await Walk.StartAsync(app, "heihe-grassroots-2023");
        var unit = await walk.UnitAsync($"竞争单位{Tag()}", "Department", "部门");
        var recorded = await (await walk.Admin.PostJsonAsync("/api/events", Complaint(unit.Id, "承诺未兑现", "失信违诺"))).ReadAsync<EventView>();
        var racing = await Task.WhenAll(
            walk.Admin.PostJsonAsync($"/api/events/{recorded.Id}/verify", new VerifyEventRequest(true, "属实", 0)),
            walk.SecondAdmin.PostJsonAsync($"/api/events/{recorded.Id}/verify", new VerifyEventRequest(false, "不属实", 0)));
        racing.Select(r => r.StatusCode).Order().ShouldBe([HttpStatusCode.OK, HttpStatusCode.Conflict]);
        var listed = await (await walk.Admin.GetAsync("/api/events")).ReadAsync<List<EventView>>();
        listed.Single(e => e.Id == recorded.Id).Version.ShouldBe(1);
    }

    [Fact]
    public async Task Intake_WithAnApiToken_StoresPendingEventsOrRefusesTheWholeBatch()
    {
        await using var walk = await Walk.StartAsync(app, "heihe-grassroots-2023");
        var code = "EV" + Tag();
        await UnitAsync(walk, $"推送单位{code}", code);
        var created = await (await walk.Admin.PostJsonAsync("/api/tokens", new TokenEndpoints.CreateTokenRequest("舆情监测推送", 30)))
            .ReadAsync<TokenEndpoints.CreatedTokenResponse>();
        using var machine = app.NewClient();
        machine.DefaultRequestHeaders.Authorization = new("Bearer", created.Secret);

        var bad = await (await machine.PostJsonAsync("/api/events/intake", new IntakeEventsRequest(
        [
            new IntakeEvent(EventKind.Opinion, "网信办舆情监测", "2025-05-01", "某局拖欠工程款引发舆情", "失信违诺", [code]),
            new IntakeEvent(EventKind.Opinion, "网信办舆情监测", "2025-13-01", "", "失信违诺", ["NOPE"]),
        ]))).ProblemAsync(HttpStatusCode.BadRequest);
        var errors = bad.GetProperty("errors");
        errors.GetProperty("events[1].occurredOn")[0].GetString()!.ShouldStartWith("第 2 个事件「日期」须为");
        errors.GetProperty("events[1].content")[0].GetString().ShouldBe("第 2 个事件「内容」不能为空。");
        errors.GetProperty("events[1].unitCodes")[0].GetString().ShouldBe("第 2 个事件「涉及单位」编码“NOPE”不存在或不在令牌权限范围内。");

        var taken = await (await machine.PostJsonAsync("/api/events/intake", new IntakeEventsRequest(
            [new IntakeEvent(EventKind.Opinion, "网信办舆情监测", "2025-05-01", "某局拖欠工程款引发舆情", "失信违诺", [code])])))
            .ReadAsync<IntakeEventsResult>();
        taken.Created.ShouldBe(1);
        var listed = await (await walk.Admin.GetAsync("/api/events?kind=Opinion&state=Pending")).ReadAsync<List<EventView>>();
        var pushed = listed.Single(e => e.Id == taken.Ids[0]);
        (pushed.KindName, pushed.StateName, pushed.RecordedByName).ShouldBe(("负面舆情", "待核实", "市信用办管理员"));
    }

    [Theory]
    [InlineData("99")]
    [InlineData("\"Rumour\"")]
    public async Task Record_UndefinedKind_Returns400NamingTheFieldAndStoresNothing(string kind)
    {
        await using var walk = await Walk.StartAsync(app, "heihe-grassroots-2023");
        var content = "枚举" + Tag();
        var unit = await UnitAsync(walk, $"枚举单位{content}", "EN" + Tag());
        var body = new StringContent(
            $$"""{"kind":{{kind}},"source":"12345热线","occurredOn":"2025-06-01","content":"{{content}}","category":"政务公开","unitIds":[{{unit.Id}}]}""",
            Encoding.UTF8, "application/json");
        var problem = await (await walk.Admin.PostAsync("/api/events", body)).ProblemAsync(HttpStatusCode.BadRequest);
        // A number is read and refused as the field's value; a word that is no kind does not read as the body at all. Either way the
        // answer says so in Chinese, and nothing is stored.
        if (problem.TryGetProperty("errors", out var errors))
            errors.EnumerateObject().Select(p => p.Name).ShouldContain(n => n.Contains("kind", StringComparison.OrdinalIgnoreCase));
        else
            problem.GetProperty("title").GetString()!.ShouldMatch(@"\p{IsCJKUnifiedIdeographs}");
        (await (await walk.Admin.GetAsync("/api/events")).Content.ReadAsStringAsync()).ShouldNotContain(content);
    }

    [Fact]
    public async Task Intake_UndefinedKind_Returns400AndStoresNothing()
    {
        await using var walk = await Walk.StartAsync(app, "heihe-grassroots-2023");
        var code = "EK" + Tag();
        await UnitAsync(walk, $"推送单位{code}", code);
        var created = await (await walk.Admin.PostJsonAsync("/api/tokens", new TokenEndpoints.CreateTokenRequest("舆情监测推送", 30)))
            .ReadAsync<TokenEndpoints.CreatedTokenResponse>();
        using var machine = app.NewClient();
        machine.DefaultRequestHeaders.Authorization = new("Bearer", created.Secret);
        var content = "枚举推送" + code;
        var body = new StringContent(
            $$"""{"events":[{"kind":99,"source":"网信办舆情监测","occurredOn":"2025-05-01","content":"{{content}}","category":"失信违诺","unitCodes":["{{code}}"]}]}""",
            Encoding.UTF8, "application/json");
        (await machine.PostAsync("/api/events/intake", body)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await (await walk.Admin.GetAsync("/api/events")).Content.ReadAsStringAsync()).ShouldNotContain(content);
    }

    [Fact]
    public async Task Import_FileWithBadRows_NamesEachAndStoresNothing_GoodFileIsStored()
    {
        await using var walk = await Walk.StartAsync(app, "heihe-grassroots-2023");
        var code = "IM" + Tag();
        await UnitAsync(walk, $"导入单位{code}", code);
        var before = await CountAsync();
        var bad = Workbook(ImportEvents.Header,
            ["投诉", "12345热线", "2025-03-01", "窗口推诿", "政务公开", code],
            ["表扬", "12345热线", "2025-03-01", "窗口推诿", "政务公开", code],
            ["投诉", "12345热线", "2025-03-01", "窗口推诿", "乱收费", "不存在的单位"]);
        var errors = (await (await walk.Admin.PostAsync("/api/events/import", bad)).ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
        errors.GetProperty("row3")[0].GetString().ShouldBe("第 3 行「类型」：须为投诉或负面舆情。");
        errors.GetProperty("row4").EnumerateArray().Select(e => e.GetString()).ShouldBe(
            ["第 4 行「类别」：须为失信违诺、政务公开、政务服务、其他之一。", "第 4 行「涉及单位」：“不存在的单位”不是您权限范围内的单位编码或名称（重名的单位请写编码）。"]);
        (await CountAsync()).ShouldBe(before);

        var csv = $"类型,来源,日期,内容,类别,涉及单位\n投诉,市长信箱,2025/3/2,\"反映“承诺办结”逾期\",失信违诺,{code}\n";
        (await (await walk.Admin.PostAsync("/api/events/import", Csv(csv, Gbk))).ReadAsync<ImportEventsResult>()).Created.ShouldBe(1);
        (await CountAsync()).ShouldBe(before + 1);
    }

    [Fact]
    public async Task List_Liaison_SeesOnlyEventsAboutItsOwnUnitAndCannotRecord()
    {
        await using var walk = await Walk.StartAsync(app, "heihe-grassroots-2023");
        var own = await walk.UnitAsync($"本单位{Tag()}", "Department", "部门");
        var other = await walk.UnitAsync($"他单位{Tag()}", "Department", "部门");
        var mine = await (await walk.Admin.PostJsonAsync("/api/events", Complaint(own.Id, "关于本单位"))).ReadAsync<EventView>();
        var theirs = await (await walk.Admin.PostJsonAsync("/api/events", Complaint(other.Id, "关于他单位"))).ReadAsync<EventView>();
        var both = await (await walk.Admin.PostJsonAsync("/api/events",
            new RecordEventRequest(EventKind.Opinion, "网信办", "2025-06-02", "两单位", "失信违诺", [own.Id, other.Id]))).ReadAsync<EventView>();

        var seen = await (await own.Liaison.GetAsync("/api/events")).ReadAsync<List<EventView>>();
        seen.Select(e => e.Id).Order().ShouldBe([mine.Id, both.Id]);
        // An event about another unit as well names only the caller's own.
        seen.Single(e => e.Id == both.Id).Units.Select(u => u.Name).ShouldBe([own.Name]);
        seen.ShouldNotContain(e => e.Id == theirs.Id);
        (await own.Liaison.PostJsonAsync("/api/events", Complaint(own.Id, "自己登记"))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await own.Liaison.PostJsonAsync($"/api/events/{mine.Id}/verify", new VerifyEventRequest(false, "不属实", 0))).StatusCode
            .ShouldBe(HttpStatusCode.Forbidden);
        var foreign = app.World.Unit("B-C1").Id;
        await (await walk.Admin.PostJsonAsync("/api/events", Complaint(foreign, "他办单位"))).ProblemAsync(HttpStatusCode.NotFound);
    }

    private async Task<int> CountAsync()
    {
        using var scope = app.Factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ChengxinDbContext>().MonitoringEvents.IgnoreQueryFilters().CountAsync();
    }
}

[Collection(SqliteCollection.Name)]
public sealed class EventRegisterTestsOnSqlite(SqliteApp app) : EventRegisterTests(app);

[Collection(PostgresCollection.Name)]
public sealed class EventRegisterTestsOnPostgres(PostgresApp app) : EventRegisterTests(app);
