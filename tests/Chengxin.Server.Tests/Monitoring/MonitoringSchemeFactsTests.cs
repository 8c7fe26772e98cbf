using System.Net;
using System.Text;
using Chengxin.Domain.Monitoring;
using Chengxin.Server.Features.DishonestLists;
using Chengxin.Server.Features.Units;
using Chengxin.Server.Tests.Infrastructure;
using Chengxin.Server.Tests.Walkthroughs;
using static Chengxin.Server.Tests.Monitoring.MonitoringData;

namespace Chengxin.Server.Tests.Monitoring;

/// <summary>
/// The schemes' monitoring facts read from the screening of the lists, with nobody typing them: seed 001 item 15 (a dishonest
/// hire) and item 23's index (dishonest civil servants per population, the population kept per unit), seed 004 towns 三1
/// (listed as 失信被执行人 or 联合惩戒对象, each from its own list).
/// </summary>
public abstract class MonitoringSchemeFactsTests(AppFixture app)
{
    private static string ImportUrl(string date, string kind) =>
        $"/api/lists/snapshots/import?listKind={kind}&source={Uri.EscapeDataString("中国执行信息公开网")}&snapshotDate={date}&fileName=list.csv";

    private static async Task<ScreeningResult> ImportAndScreenAsync(Walk walk, string csv, string date, string kind = "dishonest-debtor")
    {
        var snapshot = await (await walk.Admin.PostAsync(ImportUrl(date, kind), Csv(csv, Encoding.UTF8))).ReadAsync<ListSnapshotView>();
        return await (await walk.Admin.PostAsync($"/api/lists/snapshots/{snapshot.Id}/screen", null)).ReadAsync<ScreeningResult>();
    }

    private static async Task<ScreenedPersonView> HireAsync(Walk walk, long unitId, string name, string id, string joinedOn) =>
        await (await walk.Admin.PostJsonAsync("/api/lists/persons", new AddPersonRequest(unitId, name, id, "录用", joinedOn))).ReadAsync<ScreenedPersonView>();

    [Fact]
    public async Task Item15And23_ConfirmedPersonHits_CostPointsAndTheExplanationMasksIdNumbers()
    {
        await using var walk = await Walk.StartAsync(app, "heihe-third-party-2023");
        var tag = Tag();
        var county = await walk.UnitAsync($"监测县{tag}", "County", "县区政府", walk.City);
        var department = await walk.UnitAsync($"监测县人社局{tag}", "Department", "部门", county.Id);
        await walk.OpenAsync("第三方评价（名单比对）", "2025-07-01..2026-06-30", [county], walk.Now.AddDays(1), [walk.ReviewerId],
            new() { ["县区政府"] = "county" });

        // Hired in the period by the county's department, on the list by full number: confirmed by the screening itself.
        var hired = IdNumber();
        await HireAsync(walk, department.Id, $"甲{tag}", hired, "2025-09-01");
        // Hired before the period: not item 15's question, but a dishonest civil servant of the county for item 23.
        var earlier = IdNumber();
        await HireAsync(walk, county.Id, $"乙{tag}", earlier, "2025-05-01");
        // On the list with a masked number: a candidate, which the office dismisses (another number behind the mask).
        var namesake = IdNumber();
        await HireAsync(walk, county.Id, $"丙{tag}", namesake, "2025-10-01");
        var result = await ImportAndScreenAsync(walk,
            $"被执行人姓名/名称,身份证号码/组织机构代码\n甲{tag},{hired}\n乙{tag},{earlier}\n丙{tag},{Masked(namesake)}\n", "2025-12-01");
        var candidate = result.New.Single(h => h.SubjectName == $"丙{tag}");
        candidate.State.ShouldBe(HitState.Candidate);
        (await walk.Admin.PostJsonAsync($"/api/lists/hits/{candidate.Id}/dismiss", new DecideHitRequest("出生日期不符，非同一人", 0))).EnsureSuccessStatusCode();

        await walk.SaveAsync(county, [("integrity_training_departments", 2)]);
        await walk.SubmitAsync(county);
        await walk.StartReviewAsync();
        // No population on record yet: the index cannot be computed, and item 23 says which fact it lacks rather than guess a band.
        var before = (await walk.ResultsAsync()).Of(county);
        before.Items.Single(i => i.ItemId == "15").Score.ShouldBe(0m);
        before.Items.Single(i => i.ItemId == "23").Explanation.ShouldStartWith("缺少事实：公务员失信负面舆情指数所在档次");

        (await walk.Admin.PutJsonAsync($"/api/units/{county.Id}/population", new SetUnitPopulationRequest(150_000))).EnsureSuccessStatusCode();
        var unit = (await walk.ResultsAsync()).Of(county);
        // 15 「是得3分，否得0分」: a dishonest person was hired in the period, so the check was not made: 0.
        var recruits = unit.Items.Single(i => i.ItemId == "15");
        recruits.Score.ShouldBe(0m);
        recruits.Explanation.ShouldContain($"甲{tag}（{Masked(hired)[..4]}");
        recruits.Explanation.ShouldContain(hired[^4..] + "，2025-09-01录用）");
        recruits.Explanation.ShouldNotContain(hired);
        recruits.Explanation.ShouldNotContain($"乙{tag}");
        // 23: two dishonest civil servants (the dismissed candidate is not one) in 150,000 people: 1.33 per 100,000 → band 2 → −2.
        var opinion = unit.Items.Single(i => i.ItemId == "23");
        opinion.Explanation.ShouldContain("第 2 档");
        opinion.Explanation.ShouldContain($"乙{tag}");
        opinion.Explanation.ShouldNotContain($"丙{tag}");
        opinion.Explanation.ShouldNotContain(earlier);
        unit.Total.ShouldBeLessThan(before.Total);
    }

    [Fact]
    public async Task SetPopulation_BadFigureOrForeignUnit_IsRefused_AndClearingRemovesIt()
    {
        await using var walk = await Walk.StartAsync(app, "heihe-third-party-2023");
        var county = await walk.UnitAsync($"人口县{Tag()}", "County", "县区政府", walk.City);
        var bad = await (await walk.Admin.PutJsonAsync($"/api/units/{county.Id}/population", new SetUnitPopulationRequest(0))).ProblemAsync(HttpStatusCode.BadRequest);
        bad.GetProperty("errors").GetProperty("population")[0].GetString().ShouldBe("人口须为 1 至 20 亿之间的整数。");
        await (await walk.Admin.PutJsonAsync($"/api/units/{app.World.Unit("B-C1").Id}/population", new SetUnitPopulationRequest(1000)))
            .ProblemAsync(HttpStatusCode.NotFound);
        (await county.Liaison.PutJsonAsync($"/api/units/{county.Id}/population", new SetUnitPopulationRequest(1000))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var set = await (await walk.Admin.PutJsonAsync($"/api/units/{county.Id}/population", new SetUnitPopulationRequest(286_000))).ReadAsync<UnitPopulationView>();
        (set.Population, set.UnitName, set.UpdatedByName).ShouldBe((286_000L, county.Name, "市信用办管理员"));
        (await (await walk.Admin.GetAsync("/api/units/populations")).ReadAsync<List<UnitPopulationView>>()).ShouldContain(p => p.UnitId == county.Id);
        (await walk.Admin.PutJsonAsync($"/api/units/{county.Id}/population", new SetUnitPopulationRequest(null))).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await (await walk.Admin.GetAsync("/api/units/populations")).ReadAsync<List<UnitPopulationView>>()).ShouldNotContain(p => p.UnitId == county.Id);
    }

    [Fact]
    public async Task TownsItem31_ListedOnEitherList_IsReadFromTheConfirmedHitOfThatList()
    {
        await using var walk = await Walk.StartAsync(app, "jiaxian-towns-2022");
        var tag = Tag();
        var listed = await walk.UnitAsync($"名单镇{tag}", "Town", "乡镇");
        var clean = await walk.UnitAsync($"清白镇{tag}", "Town", "乡镇");
        await walk.OpenAsync("2022年第一季度乡镇考核（名单）", "2022Q1", [listed, clean], walk.Now.AddDays(1), [walk.ReviewerId]);
        // 联合惩戒对象 by name only: a candidate until the office confirms it.
        var result = await ImportAndScreenAsync(walk, $"名称\n名单镇{tag}\n", "2022-02-15", "joint-punishment");
        var hit = result.New.Single(h => h.UnitId == listed.Id);
        (await walk.Admin.PostJsonAsync($"/api/lists/hits/{hit.Id}/confirm", new DecideHitRequest("经核对统一社会信用代码一致", 0))).EnsureSuccessStatusCode();

        foreach (var town in new[] { listed, clean })
        {
            var draft = await walk.SaveAsync(town, JiaxianTownsCampaignTests.MiddlingTown);
            var item = draft.Items.Single(i => i.ItemId == "3.1");
            item.Facts.Select(f => f.EnteredRole).ShouldAllBe(r => r == "system");
            await walk.SubmitAsync(town);
        }
        await walk.StartReviewAsync();
        var results = await walk.ResultsAsync();
        // 「信用良好的单位得5分，被列入失信被执行人或联合惩戒对象的单位不得分」.
        var listedItem = results.Of(listed).Items.Single(i => i.ItemId == "3.1");
        listedItem.Score.ShouldBe(0m);
        listedItem.Explanation.ShouldContain($"联合惩戒对象名单“名单镇{tag}”");
        results.Of(clean).Items.Single(i => i.ItemId == "3.1").Score.ShouldBe(5m);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class MonitoringSchemeFactsTestsOnSqlite(SqliteApp app) : MonitoringSchemeFactsTests(app);

[Collection(PostgresCollection.Name)]
public sealed class MonitoringSchemeFactsTestsOnPostgres(PostgresApp app) : MonitoringSchemeFactsTests(app);
