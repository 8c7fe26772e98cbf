using Chengxin.Server.Features.Periods;
using Chengxin.Server.Tests.Infrastructure;
using Chengxin.Server.Tests.Walkthroughs;
using static Chengxin.Server.Tests.Walkthroughs.Walk;

namespace Chengxin.Server.Tests;

/// <summary>
/// Results across periods, each from published campaigns only: seed 003's annual composite (monthly average ÷ 70 % plus
/// the innovation items), seed 002's 诚信镇 points valid for four quarters, seed 004's quarters as the year's reference.
/// </summary>
public abstract class PeriodTests(AppFixture app)
{
    private static readonly Dictionary<string, string> County = new() { ["县区政府"] = "county" };

    /// <summary>Seed 003 monthly facts: 1 40 × 6 / 8 = 30; 2(1) 5 (on time); 2(2) 4; 3 added + 1 raised.</summary>
    private static (string Key, object Value)[] Month(int added) =>
    [
        ("measures", Rows("name", "措施", "done", 6, 2)), ("spot_unfinished", 0),
        ("info_reports", new List<Dictionary<string, object>>
        {
            new() { ["title"] = "信息1", ["high_quality"] = true, ["adopted"] = false },
            new() { ["title"] = "信息2", ["high_quality"] = true, ["adopted"] = false },
            new() { ["title"] = "信息3", ["high_quality"] = true, ["adopted"] = true },
        }),
        ("added_tasks", Rows("name", "新增任务", "approved", added)), ("raised_targets", Rows("name", "调高指标", "approved", 1)),
        ("local_firsts", Rows("name", "首创举措", "approved", 0, 1)),
    ];

    private async Task PublishedMonthAsync(Walk walk, string period, Member unit, int added, decimal expected)
    {
        await walk.OpenAsync($"{period} 月度考评", period, [unit], walk.Now.AddHours(1), [walk.ReviewerId], County);
        await walk.SaveAsync(unit, Month(added));
        await walk.SubmitAsync(unit);
        await walk.StartReviewAsync();
        (await walk.PublishAsync()).Of(unit).Total.ShouldBe(expected);
    }

    [Fact]
    public async Task Seed003_AnnualComposite_AveragesThePublishedMonths_Over9_Divided_By70Percent_PlusInnovation()
    {
        await using var walk = await StartAsync(app, "heihe-taskforce-monthly-2022");
        var unit = await walk.UnitAsync("年度专班", "County", "县区政府", walk.City);
        // April: 30 + 5 + 4 + 3 = 42 → 29.4; May: one more added task, 43 → 30.1.
        await PublishedMonthAsync(walk, "2022-04", unit, 2, 29.4m);
        await PublishedMonthAsync(walk, "2022-05", unit, 3, 30.1m);
        // An unpublished June does not count.
        await walk.OpenAsync("2022-06 月度考评", "2022-06", [unit], walk.Now.AddHours(1), [walk.ReviewerId], County);
        await walk.SaveAsync(unit, Month(20));

        await using var annual = await StartAsync(app, "heihe-taskforce-annual-2022");
        var innovation = annual.Scheme.Items.Single().Facts.Select(f => (f.Key, (object)Rows("name", "举措", "approved", f.Key == "inspection_praise" ? 1 : 0)))
            .ToArray();
        var campaign = await annual.OpenAsync("2022年度考评", "2022", [new Member(unit.Id, unit.Name, unit.UserName, unit.Liaison)], annual.Now.AddHours(1),
            [annual.ReviewerId], County);
        campaign.PeriodKey.ShouldBe("2022");
        await annual.SaveAsync(unit, innovation);
        await annual.SubmitAsync(unit);
        await annual.StartReviewAsync();

        var inputs = await (await annual.Admin.GetAsync($"/api/campaigns/{annual.CampaignId}/period-inputs")).ReadAsync<PeriodInputsView>();
        var composite = inputs.Composite.ShouldNotBeNull();
        (composite.From, composite.Periods).ShouldBe(("heihe-taskforce-monthly-2022", 9));
        // Other tests of the collection publish months of their own units; this unit has results in April and May only.
        composite.PeriodKeys.ShouldContain("2022-04");
        composite.PeriodKeys.ShouldNotContain("2022-06");
        var row = composite.Units.Single();
        row.PeriodTotals.Where(t => t is not null).ShouldBe([29.4m, 30.1m]);
        row.PeriodTotals[composite.PeriodKeys.ToList().IndexOf("2022-05")].ShouldBe(30.1m);
        // (29.4 + 30.1) ÷ 9 × (1 ÷ 70 %) = 9.444…; the missing seven months count 0.
        Math.Round(row.Composite!.Value, 6).ShouldBe(9.444444m);
        row.Note!.ShouldContain("缺 7 期");
        inputs.CarryOver.ShouldBeNull();

        // 创新性举措 one approved praise: 5; total 5 + 9.444… rounded to two places.
        var result = (await annual.ResultsAsync()).Units.Single();
        (result.Total, result.Items.Single().Score).ShouldBe((14.44m, 5m));
        result.Explanation.ShouldContain("9个月");
    }

    [Fact]
    public async Task Seed002_PointsValidForFourQuarters_CarryIntoTheNextQuarter_FromItsPublishedResult()
    {
        await using var walk = await StartAsync(app, "huaian-quarterly-2022");
        var town = await walk.UnitAsync("跨期镇", "Town", "乡镇");
        var map = new Dictionary<string, string> { ["乡镇"] = "town" };
        await walk.OpenAsync("2022年第一季度", "2022Q1", [town], walk.Now.AddHours(1), [walk.ReviewerId], map);
        await walk.SaveAsync(town, [("town_creation_plan", true), ("credit_villages_accepted", 1), ("credit_village_on_record", false), ("new_honest_households", 0)]);
        await walk.SubmitAsync(town);
        await walk.StartReviewAsync();
        (await walk.PublishAsync()).Of(town).Items.Single(i => i.ItemId == "5.1").Score.ShouldBe(20m);

        await walk.OpenAsync("2022年第二季度", "2022Q2", [town], walk.Now.AddHours(1), [walk.ReviewerId], map);
        // No new village this quarter: 5 earned, the 20 of 2022Q1 still valid.
        var self = await walk.SaveAsync(town, [("town_creation_plan", true), ("credit_villages_accepted", 0), ("credit_village_on_record", true), ("new_honest_households", 0)]);
        self.Items.Single(i => i.ItemId == "5.1").Score.ShouldBe(5m);
        await walk.SubmitAsync(town);
        await walk.StartReviewAsync();

        var item = (await walk.ResultsAsync()).Of(town).Items.Single(i => i.ItemId == "5.1");
        item.Score.ShouldBe(20m);
        item.Explanation.ShouldContain("沿用2022年第一季度的有效得分");
        var inputs = await (await walk.Admin.GetAsync($"/api/campaigns/{walk.CampaignId}/period-inputs")).ReadAsync<PeriodInputsView>();
        var carry = inputs.CarryOver.ShouldNotBeNull();
        carry.Window.ShouldBe(4);
        carry.Campaigns.Select(c => c.PeriodKey).ShouldContain("2022Q1");
        carry.Items.Single().ShouldBe(new CarriedItemView(town.Id, "5.1", 20m, 5m, "2022Q1"));
        inputs.Composite.ShouldBeNull();
    }

    private static (string Key, object Value)[] Organisation(int present) =>
        [.. new[] { "leader_assigned", "lead_office_assigned", "liaison_assigned", "dedicated_computer", "dedicated_printer", "work_rules" }
            .Select((k, i) => (k, (object)(i < present)))];

    [Fact]
    public async Task Seed004_QuarterlyResults_AreTheYearsReference()
    {
        await using var walk = await StartAsync(app, "jiaxian-departments-2022");
        var a = await walk.UnitAsync("参考甲局", "Department", "县直单位");
        var b = await walk.UnitAsync("参考乙局", "Department", "县直单位");
        // 2022Q1: 甲 all six in place 5, 乙 four 3; 2022Q2 (乙 not evaluated): 甲 four 3. Item 2.1 (双公示, 7.5) is counted by the
        // platform from the departments' records: none late or wrong in either quarter, so it is full. Other items have no facts: 0.
        await walk.OpenAsync("2022年第一季度", "2022Q1", [a, b], walk.Now.AddHours(1), [walk.ReviewerId]);
        await walk.SaveAsync(a, Organisation(6));
        await walk.SaveAsync(b, Organisation(4));
        await walk.SubmitAsync(a);
        await walk.SubmitAsync(b);
        await walk.StartReviewAsync();
        await walk.PublishAsync();
        await walk.OpenAsync("2022年第二季度", "2022Q2", [a], walk.Now.AddHours(1), [walk.ReviewerId]);
        await walk.SaveAsync(a, Organisation(4));
        await walk.SubmitAsync(a);
        await walk.StartReviewAsync();
        await walk.PublishAsync();

        var reference = await (await walk.Admin.GetAsync("/api/periods/year-reference?schemeId=jiaxian-departments-2022&year=2022"))
            .ReadAsync<YearReferenceView>();
        // Other tests' departments may have quarters of their own; this unit's rows follow the period keys.
        var q1 = reference.PeriodKeys.ToList().IndexOf("2022Q1");
        var q2 = reference.PeriodKeys.ToList().IndexOf("2022Q2");
        var rowA = reference.Units.Single(u => u.UnitId == a.Id);
        (rowA.Periods[q1]!.Total, rowA.Periods[q2]!.Total).ShouldBe((12.5m, 10.5m));
        (rowA.PeriodCount, rowA.Average).ShouldBe((2, 11.5m));
        rowA.Periods[q1]!.Rank.ShouldBe(1);
        var rowB = reference.Units.Single(u => u.UnitId == b.Id);
        (rowB.Periods[q1]!.Total, rowB.Periods[q2], rowB.Average, rowB.PeriodCount).ShouldBe((10.5m, (PeriodResultView?)null, 10.5m, 1));

        var bad = await walk.Admin.GetAsync("/api/periods/year-reference?schemeId=heihe-taskforce-annual-2022&year=2022");
        (await bad.ProblemAsync(System.Net.HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("schemeId")[0].GetString()!.ShouldContain("不按季度或月度评价");
        // A liaison holds no result:read: refused.
        (await a.Liaison.GetAsync("/api/periods/year-reference?schemeId=jiaxian-departments-2022&year=2022")).StatusCode
            .ShouldBe(System.Net.HttpStatusCode.Forbidden);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class PeriodTestsOnSqlite(SqliteApp app) : PeriodTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PeriodTestsOnPostgres(PostgresApp app) : PeriodTests(app);
