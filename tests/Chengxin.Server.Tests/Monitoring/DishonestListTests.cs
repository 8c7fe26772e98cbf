using System.Net;
using System.Text;
using Chengxin.Domain.Monitoring;
using Chengxin.Server.Data;
using Chengxin.Server.Features.DishonestLists;
using Chengxin.Server.Tests.Infrastructure;
using Chengxin.Server.Tests.Walkthroughs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Chengxin.Server.Tests.Monitoring.MonitoringData;

namespace Chengxin.Server.Tests.Monitoring;

/// <summary>
/// Dishonesty lists through HTTP: snapshots imported from CSV (UTF-8, GBK) and XLSX, bad rows refused with row, column and
/// reason; units screened by credit code then name, persons by id number with masks honoured; candidates confirmed or
/// dismissed (audited, a race is a 409); a new snapshot's screening shows what changed.
/// </summary>
public abstract class DishonestListTests(AppFixture app)
{
    private static string ImportUrl(string date, string kind = "dishonest-debtor", string file = "名单.csv") =>
        $"/api/lists/snapshots/import?listKind={kind}&source={Uri.EscapeDataString("中国执行信息公开网")}&snapshotDate={date}&fileName={Uri.EscapeDataString(file)}";

    private static async Task<ListSnapshotView> ImportAsync(Walk walk, HttpContent content, string date, string kind = "dishonest-debtor") =>
        await (await walk.Admin.PostAsync(ImportUrl(date, kind), content)).ReadAsync<ListSnapshotView>();

    private static async Task<ScreeningResult> ScreenAsync(Walk walk, long snapshotId) =>
        await (await walk.Admin.PostAsync($"/api/lists/snapshots/{snapshotId}/screen", null)).ReadAsync<ScreeningResult>();

    private static async Task<ScreenedPersonView> PersonAsync(Walk walk, long unitId, string name, string id) =>
        await (await walk.Admin.PostJsonAsync("/api/lists/persons", new AddPersonRequest(unitId, name, id, "录用", "2025-09-01")))
            .ReadAsync<ScreenedPersonView>();

    [Fact]
    public async Task Import_Utf8AndGbkCsvAndXlsx_AreReadAndNamesScreenIntact()
    {
        await using var walk = await Walk.StartAsync(app, "heihe-grassroots-2023");
        var tag = Tag();
        var units = new[] { $"哈尔滨某局{tag}", $"黑河某局（{tag}）", $"爱辉某局{tag}" };
        foreach (var name in units)
            await UnitAsync(walk, name, null);
        var utf8 = await ImportAsync(walk, Csv($"\uFEFF被执行人姓名/名称,身份证号码/组织机构代码\r\n{units[0]},\r\n", Encoding.UTF8), "2024-01-01");
        var gbk = await ImportAsync(walk, Csv($"被执行人姓名/名称,身份证号码/组织机构代码\n\"黑河某局({tag})\",\n", Gbk), "2024-01-02");
        var xlsx = await ImportAsync(walk, Workbook(["序号", "被执行人姓名/名称", "证件号码"], [1, units[2], null]), "2024-01-03", "joint-punishment");
        (utf8.EntryCount, gbk.EntryCount, xlsx.EntryCount, xlsx.ListName, gbk.Source).ShouldBe((1, 1, 1, "联合惩戒对象", "中国执行信息公开网"));

        // Names compare with brackets folded: the GBK row's (…) finds the unit's （…）, read back from GBK without damage.
        foreach (var (snapshot, unit) in new[] { (utf8, units[0]), (gbk, units[1]), (xlsx, units[2]) })
        {
            var result = await ScreenAsync(walk, snapshot.Id);
            var hit = result.New.Single(h => h.SubjectName == unit);
            (hit.MatchName, hit.StateName).ShouldBe(("仅名称一致", "待确认"));
        }
        var listed = await (await walk.Admin.GetAsync("/api/lists/snapshots")).ReadAsync<List<ListSnapshotView>>();
        listed.Select(s => s.Id).ShouldContain(gbk.Id);
    }

    [Fact]
    public async Task Import_BadRows_AreRefusedWithRowColumnAndReasonAndNothingIsStored()
    {
        await using var walk = await Walk.StartAsync(app, "heihe-grassroots-2023");
        var before = await CountAsync();
        var id = IdNumber();
        var wrongCheck = WrongCheckIdNumber();
        var csv = $"被执行人姓名/名称,身份证号码/组织机构代码\n张某,{id}\n,{IdNumber()}\n李某,{wrongCheck}\n王某,2301****1234\n赵某,{Masked(IdNumber())}\n";
        var problem = await (await walk.Admin.PostAsync(ImportUrl("2024-02-01"), Csv(csv, Encoding.UTF8))).ProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        errors.GetProperty("row3")[0].GetString().ShouldBe("第 3 行「被执行人姓名/名称」：不能为空。");
        errors.GetProperty("row4")[0].GetString()!.ShouldStartWith("第 4 行「身份证号码/组织机构代码」：公民身份号码校验位应为");
        errors.GetProperty("row5")[0].GetString().ShouldBe("第 5 行「身份证号码/组织机构代码」：遮挡的证件号码应为 18 位，实为 12 位。");
        errors.EnumerateObject().Select(p => p.Name).Order().ShouldBe(["row3", "row4", "row5"]);
        (await CountAsync()).ShouldBe(before);

        var noHeader = await (await walk.Admin.PostAsync(ImportUrl("2024-02-01"), Csv("甲,乙\n", Encoding.UTF8))).ProblemAsync(HttpStatusCode.BadRequest);
        noHeader.GetProperty("errors").GetProperty("file")[0].GetString()!.ShouldStartWith("表头须有姓名或名称一列");
        var noDate = await (await walk.Admin.PostAsync("/api/lists/snapshots/import?listKind=dishonest-debtor&source=x&fileName=a.csv",
            Csv(csv, Encoding.UTF8))).ProblemAsync(HttpStatusCode.BadRequest);
        noDate.GetProperty("errors").GetProperty("snapshotDate")[0].GetString()!.ShouldContain("名单日期");
    }

    [Fact]
    public async Task Screen_UnitByCodeIsAHit_NameOnlyAndMaskedIdAreCandidates()
    {
        await using var walk = await Walk.StartAsync(app, "heihe-grassroots-2023");
        var tag = Tag();
        var code = CreditCode();
        var listedByCode = await UnitAsync(walk, $"某县财政局{tag}", code);
        var listedByName = await UnitAsync(walk, $"某县水务局{tag}", CreditCode());
        var person = IdNumber();
        var hired = await PersonAsync(walk, listedByName.Id, "王某", person);
        hired.IdNumberMasked.ShouldBe(Masked(person));
        var csv = $"被执行人姓名/名称,身份证号码/组织机构代码\n某县财政局（曾用名）,{code}\n某县水务局{tag},\n王某,{Masked(person)}\n";
        var snapshot = await ImportAsync(walk, Csv(csv, Encoding.UTF8), "2024-03-01");

        var result = await ScreenAsync(walk, snapshot.Id);
        var mine = result.New.Where(h => h.UnitId == listedByCode.Id || h.UnitId == listedByName.Id).OrderBy(h => h.Match).ToList();
        mine.Select(h => (h.SubjectName, h.IsPerson, h.Match, h.State)).ShouldBe(
        [
            ($"某县财政局{tag}", false, MatchKind.Identifier, HitState.Confirmed),
            ($"某县水务局{tag}", false, MatchKind.NameOnly, HitState.Candidate),
            ("王某", true, MatchKind.MaskedIdentifier, HitState.Candidate),
        ]);
        var queue = await (await walk.Admin.GetAsync("/api/lists/hits?state=Candidate")).ReadAsync<List<ScreeningHitView>>();
        queue.Where(h => h.SnapshotId == snapshot.Id && (h.UnitId == listedByName.Id)).Count().ShouldBe(2);

        // A snapshot is screened once; a second screening is refused and changes nothing.
        (await (await walk.Admin.PostAsync($"/api/lists/snapshots/{snapshot.Id}/screen", null)).ProblemAsync(HttpStatusCode.Conflict))
            .GetProperty("detail").GetString()!.ShouldStartWith("该名单已比对过");
    }

    [Fact]
    public async Task Decide_CandidateWithReason_IsAuditedAndARacingDecisionIsAConflict()
    {
        await using var walk = await Walk.StartAsync(app, "heihe-grassroots-2023");
        var tag = Tag();
        var a = await UnitAsync(walk, $"甲局{tag}", null);
        var b = await UnitAsync(walk, $"乙局{tag}", null);
        var snapshot = await ImportAsync(walk, Csv($"名称\n甲局{tag}\n乙局{tag}\n", Encoding.UTF8), "2024-04-01");
        var hits = (await ScreenAsync(walk, snapshot.Id)).New.Where(h => h.UnitId == a.Id || h.UnitId == b.Id).ToDictionary(h => h.UnitId);

        (await (await walk.Admin.PostJsonAsync($"/api/lists/hits/{hits[a.Id].Id}/confirm", new DecideHitRequest(" ", 0)))
            .ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("reason")[0].GetString().ShouldBe("理由不能为空。");
        var dismissed = await (await walk.Admin.PostJsonAsync($"/api/lists/hits/{hits[a.Id].Id}/dismiss", new DecideHitRequest("同名不同单位，代码不符", 0)))
            .ReadAsync<ScreeningHitView>();
        (dismissed.StateName, dismissed.Reason, dismissed.DecidedByName).ShouldBe(("已排除", "同名不同单位，代码不符", "市信用办管理员"));
        (await (await walk.Admin.PostJsonAsync($"/api/lists/hits/{hits[a.Id].Id}/confirm", new DecideHitRequest("再看", 1)))
            .ProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString()!.ShouldContain("已排除");

        using (var scope = app.Factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ChengxinDbContext>();
            var audit = await db.AuditEvents.IgnoreQueryFilters().Where(e => e.EntityType == "screening-hit" && e.EntityId == hits[a.Id].Id.ToString())
                .OrderBy(e => e.Sequence).Select(e => e.Action).ToListAsync();
            audit.ShouldBe(["screening-hit.created", "screening-hit.updated"]);
        }

        // Two decisions on the same version: one is stored, the other answers 409 and changes nothing.
        var racing = await Task.WhenAll(
            walk.Admin.PostJsonAsync($"/api/lists/hits/{hits[b.Id].Id}/confirm", new DecideHitRequest("营业执照一致", 0)),
            walk.SecondAdmin.PostJsonAsync($"/api/lists/hits/{hits[b.Id].Id}/dismiss", new DecideHitRequest("不是本单位", 0)));
        racing.Select(r => r.StatusCode).Order().ShouldBe([HttpStatusCode.OK, HttpStatusCode.Conflict]);
        var after = (await (await walk.Admin.GetAsync($"/api/lists/hits?snapshotId={snapshot.Id}")).ReadAsync<List<ScreeningHitView>>())
            .Single(h => h.UnitId == b.Id);
        after.Version.ShouldBe(1);
    }

    [Fact]
    public async Task Screen_NewSnapshot_ShowsNewHitsAndHitsGoneAndKeepsDecisions()
    {
        await using var walk = await Walk.StartAsync(app, "heihe-grassroots-2023");
        var tag = Tag();
        var stays = await UnitAsync(walk, $"留局{tag}", null);
        var leaves = await UnitAsync(walk, $"出局{tag}", null);
        var arrives = await UnitAsync(walk, $"入局{tag}", null);
        var first = await ImportAsync(walk, Csv($"名称\n留局{tag}\n出局{tag}\n", Encoding.UTF8), "2025-01-01", "joint-punishment");
        var firstHits = (await ScreenAsync(walk, first.Id)).New.Where(h => h.SubjectName.EndsWith(tag, StringComparison.Ordinal)).ToList();
        await (await walk.Admin.PostJsonAsync($"/api/lists/hits/{firstHits.Single(h => h.UnitId == stays.Id).Id}/dismiss",
            new DecideHitRequest("同名，非本单位", 0))).ReadAsync<ScreeningHitView>();

        var second = await ImportAsync(walk, Csv($"名称\n留局{tag}\n入局{tag}\n", Encoding.UTF8), "2025-02-01", "joint-punishment");
        var result = await ScreenAsync(walk, second.Id);
        result.Previous!.Id.ShouldBe(first.Id);
        result.New.Where(h => h.SubjectName.EndsWith(tag, StringComparison.Ordinal)).Select(h => h.UnitId).ShouldBe([arrives.Id]);
        result.Gone.Where(h => h.SubjectName.EndsWith(tag, StringComparison.Ordinal)).Select(h => h.UnitId).ShouldBe([leaves.Id]);
        var kept = (await (await walk.Admin.GetAsync($"/api/lists/hits?snapshotId={second.Id}")).ReadAsync<List<ScreeningHitView>>())
            .Single(h => h.UnitId == stays.Id);
        (kept.StateName, kept.Reason).ShouldBe(("已排除", "沿用上一期名单的处理：同名，非本单位"));
    }

    [Fact]
    public async Task Persons_LiaisonAndOutOfScopeUnit_AreRefused()
    {
        await using var walk = await Walk.StartAsync(app, "heihe-grassroots-2023");
        var unit = await walk.UnitAsync($"录用单位{Tag()}", "Department", "部门");
        (await unit.Liaison.PostJsonAsync("/api/lists/persons", new AddPersonRequest(unit.Id, "某", IdNumber(), "录用", "2025-01-01")))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var foreign = app.World.Unit("B-C1").Id;
        await (await walk.Admin.PostJsonAsync("/api/lists/persons", new AddPersonRequest(foreign, "某", IdNumber(), "录用", "2025-01-01")))
            .ProblemAsync(HttpStatusCode.NotFound);
        var bad = await (await walk.Admin.PostJsonAsync("/api/lists/persons", new AddPersonRequest(unit.Id, "某", "230102199001011231", "晋升", "2025-01-01")))
            .ProblemAsync(HttpStatusCode.BadRequest);
        bad.GetProperty("errors").GetProperty("idNumber")[0].GetString()!.ShouldStartWith("公民身份号码校验位应为");
        bad.GetProperty("errors").GetProperty("reason")[0].GetString().ShouldBe("请选择录用或调任。");
    }

    private async Task<(int Snapshots, int Entries)> CountAsync()
    {
        using var scope = app.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ChengxinDbContext>();
        return (await db.ListSnapshots.IgnoreQueryFilters().CountAsync(), await db.ListEntries.IgnoreQueryFilters().CountAsync());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class DishonestListTestsOnSqlite(SqliteApp app) : DishonestListTests(app);

[Collection(PostgresCollection.Name)]
public sealed class DishonestListTestsOnPostgres(PostgresApp app) : DishonestListTests(app);
