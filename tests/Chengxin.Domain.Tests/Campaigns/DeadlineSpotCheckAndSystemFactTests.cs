using Chengxin.Domain.Campaigns;
using Chengxin.Domain.Linting;
using Chengxin.Domain.Schemes;
using Chengxin.Domain.Scoring;

namespace Chengxin.Domain.Tests.Campaigns;

/// <summary>Deadlines of every kind, the system supplier, the deeper spot check and vetoes in the ranking.</summary>
public class DeadlineSpotCheckAndSystemFactTests
{
    private static readonly DateTimeOffset Due = new(2022, 6, 5, 17, 0, 0, TimeSpan.FromHours(8));

    [Theory]
    [InlineData(-1, ReportStatus.OnTime)]
    [InlineData(0, ReportStatus.OnTime)]
    [InlineData(1, ReportStatus.Late)]
    public void Deadline_AtExactlyTheDeadlineIsOnTime_OneSecondAfterIsLate(int secondsAfter, ReportStatus expected)
    {
        Deadline.StatusOf(Due, Due.AddSeconds(secondsAfter)).ShouldBe(expected);
        Deadline.IsLate(Due, Due.AddSeconds(secondsAfter)).ShouldBe(expected == ReportStatus.Late);
        Deadline.StatusOf(Due, null).ShouldBe(ReportStatus.Missing);
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, false)]
    [InlineData(1, true)]
    public void Return_ASupplementDeadlineMustLieAfterNow(int secondsAfterNow, bool accepted)
    {
        var now = Due.AddDays(1);
        var s = new Submission("u1", Due);
        s.Submit(Due);
        if (accepted)
        {
            s.Return("补充台账", now.AddSeconds(secondsAfterNow), now);
            s.State.ShouldBe(SubmissionState.Returned);
        }
        else
        {
            Should.Throw<DomainRuleException>(() => s.Return("补充台账", now.AddSeconds(secondsAfterNow), now)).Message.ShouldBe("补充期限须晚于当前时间");
            s.State.ShouldBe(SubmissionState.Submitted);
        }
    }

    [Fact]
    public void SystemFacts_CountLateAndMissingReports()
    {
        ReportStatus[] reports = [ReportStatus.OnTime, ReportStatus.Late, ReportStatus.Missing, ReportStatus.Late];
        SystemFacts.Count(SystemFacts.LateOrMissingReports, reports).ShouldBe(3);
        SystemFacts.Count(SystemFacts.LateReports, reports).ShouldBe(2);
        SystemFacts.Count(SystemFacts.MissingReports, reports).ShouldBe(1);
        Should.Throw<DomainRuleException>(() => SystemFacts.Count("weather", reports));
        RuleText.SupplierName("system:late-or-missing-reports").ShouldBe("系统统计：迟报、漏报次数（按报送记录统计）");
    }

    private static string SchemeWith(string supplier, string type = "count") => $$"""
        id: system-test
        title: 系统事实
        period: month
        total: 5
        categories:
          - id: a
            title: 材料报送
            max: 5
            items:
              - id: a1
                title: 按时报送
                max: 5
                facts: [ { key: late, label: 迟报漏报次数, type: {{type}}, supplier: "{{supplier}}" } ]
                rule: [ deduction: { fact: late, base: 5, each: 1 } ]
        """;

    [Fact]
    public void Loader_AcceptsASystemSupplier_AndTheLinterChecksItsKindAndType()
    {
        var scheme = SchemeLoader.Parse(SchemeWith("system:late-or-missing-reports"));
        scheme.Facts.Single().Supplier.ShouldBe("system:late-or-missing-reports");
        Linter.Lint(scheme).Where(f => f.Code == "system-fact-unknown").ShouldBeEmpty();

        var unknown = Linter.Lint(SchemeLoader.Parse(SchemeWith("system:weather")));
        unknown.Single(f => f.Code == "system-fact-unknown").Message.ShouldContain("system:weather");
        var notCount = Linter.Lint(SchemeLoader.Parse(SchemeWith("system:late-reports", "number")));
        notCount.Single(f => f.Code == "system-fact-unknown").Message.ShouldContain("类型应为 count");
        Should.Throw<SchemeLoadException>(() => SchemeLoader.Parse(SchemeWith("system:")));
    }

    private static Campaign Reviewing()
    {
        var c = new Campaign("s", 1, Period.Month(2022, 5), new CampaignSchedule(null, Due, null, null, TimeSpan.FromDays(10)));
        c.Open();
        c.StartReview();
        return c;
    }

    [Fact]
    public void SpotCheck_OnlyADrawnUnitDuringReview_RecordsItemsUntilCompleted()
    {
        var open = new Campaign("s", 1, Period.Month(2022, 5), new CampaignSchedule(null, Due, null, null, TimeSpan.Zero));
        open.Open();
        Should.Throw<DomainRuleException>(() => UnitSpotCheck.Open(open, ["1"], "1")).Message.ShouldContain("复核中");
        var campaign = Reviewing();
        Should.Throw<DomainRuleException>(() => UnitSpotCheck.Open(campaign, [], "1")).Message.ShouldBe("本批次尚未抽取抽查单位");
        Should.Throw<DomainRuleException>(() => UnitSpotCheck.Open(campaign, ["2"], "1")).Message.ShouldBe("该单位不在本批次抽取的抽查单位之中");

        var check = UnitSpotCheck.Open(campaign, ["1", "2"], "1");
        check.State.ShouldBe(SpotCheckState.Open);
        Should.Throw<DomainRuleException>(() => check.Record("1.1", " "));
        check.Record("1.1", "现场查看措施3未完成");
        check.Items.Keys.ShouldBe(["1.1"]);
        Should.Throw<DomainRuleException>(() => check.Complete(""));
        check.Complete("抽查核实一项未完成");
        check.State.ShouldBe(SpotCheckState.Completed);
        Should.Throw<DomainRuleException>(() => check.Record("1.2", "再记")).Message.ShouldBe("抽查已完成，不能再记录指标结果");
        Should.Throw<DomainRuleException>(() => check.Complete("再完成"));
    }

    [Fact]
    public void RequestPublication_WaitsWhileASpotCheckIsOpen()
    {
        var campaign = Reviewing();
        Should.Throw<DomainRuleException>(() => campaign.RequestPublication("a", 1)).Message.ShouldBe("还有 1 个单位的抽查尚未完成，不能申请发布");
        campaign.State.ShouldBe(CampaignState.Reviewing);
        campaign.RequestPublication("a", 0);
        campaign.State.ShouldBe(CampaignState.PendingPublication);
    }

    private const string VetoYaml = """
        id: veto-rank
        title: 否决排名
        period: quarter
        total: 10
        grades:
          - { name: 红名单, min: 8 }
          - { name: 黄名单, min: 0 }
        vetoes:
          - { fact: dishonest, grade: 黄名单, label: 严重失信 }
        categories:
          - id: a
            title: 甲
            max: 10
            items:
              - id: a1
                title: 甲一
                max: 10
                facts:
                  - { key: x, label: 甲, type: number, supplier: unit }
                  - { key: dishonest, label: 严重失信, type: bool, supplier: reviewer }
                rule: [ formula: { expr: "x" } ]
        """;

    [Fact]
    public void Ranking_AVetoedUnitRanksBelowEveryUnitWithoutAVeto()
    {
        var scheme = new CompiledScheme(SchemeLoader.Parse(VetoYaml));
        UnitResult Unit(string id, decimal x, bool dishonest) =>
            Scorer.Score(scheme.NewFacts(id, "").Set("x", FactValue.Num(x)).Set("dishonest", FactValue.Bool(dishonest)));
        var results = new[] { Unit("u1", 10, true), Unit("u2", 6, false), Unit("u3", 9, false), Unit("u4", 7, true) };

        Ranking.Rank(results).Select(r => (r.Result.UnitId, r.Rank)).ShouldBe([("u1", 3), ("u2", 2), ("u3", 1), ("u4", 4)]);
        new RankTable(results).InOrder.Select(r => r.UnitId).ShouldBe(["u3", "u2", "u1", "u4"]);
        results[0].Grade.ShouldBe("黄名单");
    }
}

public class PeriodAggregateTests
{
    [Fact]
    public void CarryWindow_IsTheKMinusOnePeriodsBefore_OldestFirst()
    {
        PeriodAggregates.CarryWindow(Period.Quarter(2022, 2), 4).Select(p => p.Key).ShouldBe(["2021Q3", "2021Q4", "2022Q1"]);
        PeriodAggregates.CarryWindow(Period.Month(2022, 1), 2).Select(p => p.Key).ShouldBe(["2021-12"]);
        PeriodAggregates.CarryWindow(Period.Quarter(2022, 2), 1).ShouldBeEmpty();
        Should.Throw<DomainRuleException>(() => PeriodAggregates.CarryWindow(Period.Quarter(2022, 2), 0));
    }

    [Fact]
    public void Within_MonthsAndQuartersOfTheYear()
    {
        PeriodAggregates.Within(Period.Month(2022, 4), Period.Year(2022)).ShouldBeTrue();
        PeriodAggregates.Within(Period.Quarter(2022, 4), Period.Year(2022)).ShouldBeTrue();
        PeriodAggregates.Within(Period.Month(2023, 1), Period.Year(2022)).ShouldBeFalse();
    }

    [Fact]
    public void Average_OfThePresentPeriodsOnly()
    {
        PeriodAggregates.Average([80m, null, 91m]).ShouldBe(85.5m);
        PeriodAggregates.Average([null, null]).ShouldBeNull();
    }
}
