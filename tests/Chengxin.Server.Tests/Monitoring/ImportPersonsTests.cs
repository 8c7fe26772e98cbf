using System.Net;
using System.Text;
using Chengxin.Domain.Monitoring;
using Chengxin.Server.Features.DishonestLists;
using Chengxin.Server.Tests.Infrastructure;
using Chengxin.Server.Tests.Walkthroughs;
using static Chengxin.Server.Tests.Monitoring.MonitoringData;

namespace Chengxin.Server.Tests.Monitoring;

/// <summary>
/// Seed 001 item 15 「新录用、调任公务员……失信被执行人」: the persons to screen come from a file (XLSX or GBK CSV) with 姓名, 身份证号码,
/// 单位, 类别 and 日期; a bad row refuses the file with its row, column and reason and stores nobody; imported persons are screened.
/// </summary>
public abstract class ImportPersonsTests(AppFixture app)
{
    private static async Task<List<ScreenedPersonView>> PersonsAsync(Walk walk) =>
        await (await walk.Admin.GetAsync("/api/lists/persons")).ReadAsync<List<ScreenedPersonView>>();

    [Fact]
    public async Task Import_FileWithBadRows_NamesEachRowAndStoresNobody()
    {
        await using var walk = await Walk.StartAsync(app, "heihe-grassroots-2023");
        var code = "IP" + Tag();
        await UnitAsync(walk, $"录用单位{code}", code);
        var good = IdNumber();
        var before = (await PersonsAsync(walk)).Count;
        var bad = Workbook(ImportPersons.Header,
            ["张某", good, code, "录用", "2025-03-01"],
            ["李某", good[..17] + (good[17] == '1' ? "2" : "1"), code, "录用", "2025-03-01"],
            ["", IdNumber(), "不存在的单位", "借调", "2025-13-01"],
            ["张某", good, code, "调任", "2025-03-02"]);

        var errors = (await (await walk.Admin.PostAsync("/api/lists/persons/import", bad)).ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
        errors.GetProperty("row3")[0].GetString()!.ShouldStartWith("第 3 行「身份证号码」：");
        errors.GetProperty("row4").EnumerateArray().Select(e => e.GetString()).ShouldBe(
        [
            "第 4 行「姓名」：不能为空。",
            "第 4 行「单位」：“不存在的单位”不是您权限范围内的单位编码或名称（重名的单位请写编码）。",
            "第 4 行「类别」：须为录用或调任。",
            "第 4 行「日期」：须为 2000–2100 年间的日期（如 2023-06-30）。",
        ]);
        errors.GetProperty("row5")[0].GetString().ShouldBe("第 5 行「身份证号码」：该单位已登记此身份证号码的人员（或文件中重复）。");
        (await PersonsAsync(walk)).Count.ShouldBe(before);
    }

    [Fact]
    public async Task Import_GbkCsvAndWorkbook_StoresThePersonsWhoAreThenScreenedWithMasks()
    {
        await using var walk = await Walk.StartAsync(app, "heihe-grassroots-2023");
        var code = "IP" + Tag();
        var unit = await UnitAsync(walk, $"调任单位{code}", code);
        var (first, second) = (IdNumber(), IdNumber());
        var csv = $"姓名,身份证号码,单位,类别,日期\n赵某,{first},{code},调任,2025/4/1\n";
        (await (await walk.Admin.PostAsync("/api/lists/persons/import", Csv(csv, Gbk))).ReadAsync<ImportPersonsResult>()).Created.ShouldBe(1);
        var workbook = Workbook(["序号", "姓名", "身份证号码", "单位", "类别", "日期"], [1, "钱某", second, $"调任单位{code}", "录用", "2025-04-02"]);
        (await (await walk.Admin.PostAsync("/api/lists/persons/import", workbook)).ReadAsync<ImportPersonsResult>()).Created.ShouldBe(1);

        var mine = (await PersonsAsync(walk)).Where(p => p.UnitId == unit.Id).OrderBy(p => p.Id).ToList();
        mine.Select(p => (p.Name, p.IdNumberMasked, p.Reason)).ShouldBe([("赵某", Masked(first), "调任"), ("钱某", Masked(second), "录用")]);

        var snapshot = await (await walk.Admin.PostAsync("/api/lists/snapshots/import?listKind=dishonest-debtor&source=x&snapshotDate=2025-05-01&fileName=a.csv",
            Csv($"被执行人姓名/名称,身份证号码/组织机构代码\n赵某,{Masked(first)}\n", Encoding.UTF8))).ReadAsync<ListSnapshotView>();
        var hit = (await (await walk.Admin.PostAsync($"/api/lists/snapshots/{snapshot.Id}/screen", null)).ReadAsync<ScreeningResult>())
            .New.Single(h => h.UnitId == unit.Id);
        (hit.SubjectName, hit.IsPerson, hit.Match, hit.State).ShouldBe(("赵某", true, MatchKind.MaskedIdentifier, HitState.Candidate));
    }

    [Fact]
    public async Task Import_Liaison_IsForbiddenAndStoresNobody()
    {
        await using var walk = await Walk.StartAsync(app, "heihe-grassroots-2023");
        var member = await walk.UnitAsync($"联络单位{Tag()}", "Department", "部门");
        var before = (await PersonsAsync(walk)).Count;
        var file = Workbook(ImportPersons.Header, ["孙某", IdNumber(), member.Name, "录用", "2025-03-01"]);
        (await member.Liaison.PostAsync("/api/lists/persons/import", file)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await PersonsAsync(walk)).Count.ShouldBe(before);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ImportPersonsTestsOnSqlite(SqliteApp app) : ImportPersonsTests(app);

[Collection(PostgresCollection.Name)]
public sealed class ImportPersonsTestsOnPostgres(PostgresApp app) : ImportPersonsTests(app);
