using Chengxin.Domain.Schemes;
using Chengxin.Domain.Scoring;

namespace Chengxin.Domain.Tests.Scoring;

/// <summary>Composites over periods and points that stay valid for several periods.</summary>
public class PeriodTests
{
    private const string Annual = """
        id: annual-test
        title: 年度考评
        period: year
        total: 100
        classes: [ { id: county, name: 县（市、区） } ]
        composite: { from: monthly-test, periods: 9, aggregate: average, factor: 1, label: 9个月考评平均得分 }
        categories:
          - id: innovation
            title: 创新性举措
            max: 30
            items:
              - id: innovation.1
                title: 创新性举措
                max: 30
                facts: [ { key: innovations, label: 认定的创新性举措项数, type: count, supplier: reviewer } ]
                rule: [ perOccurrence: { fact: innovations, each: 5, cap: 30 } ]
        """;

    [Fact]
    public void Score_AnnualComposite_AveragesNineMonthsAndAddsTheInnovationItems()
    {
        // "任务完成情况得分为9个月考评平均得分 …; 创新性举措 … 每项可加5分，加满为止"
        var scheme = new CompiledScheme(SchemeLoader.Parse(Annual));
        decimal?[] months = [60, 62, 64, 66, 68, 70, 58, 56, 54];
        var r = Scorer.Score(scheme.NewFacts("c1", "county").Set("innovations", FactValue.Count(2)), new CompositeInput(months));
        // (60+62+64+66+68+70+58+56+54) = 558; 558 / 9 = 62; + 2 × 5 = 72
        r.Composite.ShouldBe(62m);
        r.Total.ShouldBe(72m);
        Explainer.ExplainTotal(r).ShouldContain("9个月考评平均得分：9 期合计 558 ÷ 9 = 62");
    }

    [Fact]
    public void Score_AnnualCompositeWithAMissingMonth_CountsItAsZeroAndSaysSo()
    {
        var scheme = new CompiledScheme(SchemeLoader.Parse(Annual));
        decimal?[] months = [63, 63, 63, 63, 63, 63, 63, 63, null];
        var r = Scorer.Score(scheme.NewFacts("c1", "county").Set("innovations", FactValue.Count(9)), new CompositeInput(months));
        // 8 × 63 = 504; 504 / 9 = 56; innovation 9 × 5 = 45, capped at 30 → 86
        r.Composite.ShouldBe(56m);
        r.Total.ShouldBe(86m);
        r.CompositeNote!.ShouldContain("缺 1 期，按 0 计");
    }

    private static readonly CompiledScheme Quarterly = TestSupport.Compile("examples/every-part.yaml");

    private static UnitResult Quarter(string period, int firms) =>
        Scorer.Score(Quarterly.NewFacts("t1", "town", period: period).Set("pledging_firms", FactValue.Count(firms)));

    [Fact]
    public void CarryOver_PointsEarnedInQ1_StayValidThroughQ4ButNotTheNextQ1()
    {
        // "此项分值有效期至次年同月认定的前一季度止": valid for 4 quarters including the one earned.
        var q1 = Quarter("2022Q1", 4);                  // 4 × 0.5 = 2 (full)
        var q2 = CarryOver.Apply(Quarter("2022Q2", 0), [q1]);
        var q4 = CarryOver.Apply(Quarter("2022Q4", 0), [q1, Quarter("2022Q2", 0), Quarter("2022Q3", 0)]);
        var next = CarryOver.Apply(Quarter("2023Q1", 0), [q1, Quarter("2022Q2", 0), Quarter("2022Q3", 0), Quarter("2022Q4", 0)]);

        q1["2.6"].Score.ShouldBe(2m);
        q2["2.6"].Score.ShouldBe(2m);
        q2["2.6"].CarriedFrom.ShouldBe("2022Q1");
        q4["2.6"].Score.ShouldBe(2m);
        next["2.6"].Score.ShouldBe(0m);
        next["2.6"].CarriedFrom.ShouldBeNull();
        Explainer.Explain(q2, "2.6").ShouldContain("沿用2022年第一季度的有效得分");
    }

    [Fact]
    public void CarryOver_BetterScoreThisPeriod_KeepsThisPeriods()
    {
        var q1 = Quarter("2022Q1", 1);
        var q2 = CarryOver.Apply(Quarter("2022Q2", 3), [q1]);
        q2["2.6"].Score.ShouldBe(1.5m);
        q2["2.6"].CarriedFrom.ShouldBeNull();
    }

    [Fact]
    public void CarryOver_RecomputesTheTotal()
    {
        var q1 = Quarter("2022Q1", 4);
        var q2 = Quarter("2022Q2", 0);
        var before = q2.Total;
        CarryOver.Apply(q2, [q1]);
        q2.Total.ShouldBe(before + 2m);
    }

    [Fact]
    public void CarryOver_ChainedResults_NeverCarryPastTheValidity()
    {
        // Callers may pass results that were themselves carried: Q4's copy of Q1's points must not reach 2023Q1.
        var q1 = Quarter("2022Q1", 4);
        var q2 = CarryOver.Apply(Quarter("2022Q2", 0), [q1]);
        var q3 = CarryOver.Apply(Quarter("2022Q3", 0), [q1, q2]);
        var q4 = CarryOver.Apply(Quarter("2022Q4", 0), [q1, q2, q3]);
        var next = CarryOver.Apply(Quarter("2023Q1", 0), [q1, q2, q3, q4]);
        q4["2.6"].Score.ShouldBe(2m);
        next["2.6"].Score.ShouldBe(0m);
    }
}
