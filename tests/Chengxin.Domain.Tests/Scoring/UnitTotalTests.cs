using Chengxin.Domain.Scoring;
using static Chengxin.Domain.Tests.TestSupport;

namespace Chengxin.Domain.Tests.Scoring;

public class UnitTotalTests
{
    private static readonly CompiledScheme Scheme = Compile("examples/every-part.yaml");

    /// <summary>A town that does everything well, with the arithmetic written out.</summary>
    private static UnitFacts GoodTown(string id = "good") => Scheme.NewFacts(id, "town", "城关镇")
        .Set("group_set_up", FactValue.Bool(true)).Set("meetings", FactValue.Count(4))          // 1 + 2 = 3
        .Set("slogans", FactValue.Bool(true)).Set("boards", FactValue.Bool(true))
        .Set("leaflets", FactValue.Bool(true)).Set("models", FactValue.Bool(false))              // 3
        .Set("campaigns", Ledger(Row(("name", FactValue.OfText("进校园"))), Row(("name", FactValue.OfText("进企业"))))) // 3
        .Set("complaints", FactValue.Count(1))                                                     // 3.5
        .Set("satisfaction", FactValue.Num(92))                                                    // 4
        .Set("correction_rate", FactValue.Percent(5))                                              // 5
        .Set("loan_growth", FactValue.Num(0.5m))                                                   // 3.5
        .Set("tasks", LedgerOf(3, 1))                                                              // 9
        .Set("reported_in_time", FactValue.Bool(true)).Set("concealed_reports", FactValue.Count(0))
        .Set("added_tasks", FactValue.Count(2)).Set("listed_dishonest", FactValue.Bool(false))   // 10, bonus 2
        .Set("pledging_firms", FactValue.Count(3))                                                 // 1.5
        .Set("innovation", FactValue.OfJudgement(new Judgement(5, "被省级推广")))                   // bonus 5
        .Set("serious_dishonesty", FactValue.Bool(false));

    [Fact]
    public void Score_GoodTown_AddsUpItemsBonusAndGrade()
    {
        var r = Scorer.Score(GoodTown());
        // base: 3 + 3 + 3 + 3.5 + 4 + 5 + 3.5 + 9 + 10 + 1.5 = 45.5
        r.Base.ShouldBe(45.5m);
        r.ApplicableMax.ShouldBe(60m);
        // bonus: 2 (added tasks) + 5 (innovation) = 7, capped at 6
        r.BonusRaw.ShouldBe(7m);
        r.Bonus.ShouldBe(6m);
        r.Total.ShouldBe(51.5m);
        r.Grade.ShouldBe("优秀");
        r.SubtotalOf("1").ShouldBe(12.5m);
        Explainer.ExplainTotal(r).ShouldContain("附加分 7，封顶 6");
    }

    [Fact]
    public void Score_SchemeVeto_ForcesTheLowestGrade()
    {
        var r = Scorer.Score(GoodTown().Set("serious_dishonesty", FactValue.Bool(true)));
        r.Total.ShouldBe(51.5m);
        r.Grade.ShouldBe("不合格");
        r.Vetoes.ShouldContain("本单位存在严重失信行为 → 不合格");
    }

    [Fact]
    public void Score_ItemVeto_ForcesItsGrade()
    {
        var r = Scorer.Score(GoodTown().Set("listed_dishonest", FactValue.Bool(true)));
        r.Grade.ShouldBe("不合格");
        Explainer.Explain(r, "2.5").ShouldContain("否决");
    }

    [Theory]
    [InlineData(50, "优秀")]
    [InlineData(49.99, "合格")]
    [InlineData(30, "合格")]
    [InlineData(29.5, "不合格")]
    [InlineData(0, "不合格")]
    public void Grade_AtEveryThreshold_IncludesTheLowerEdge(decimal total, string grade)
    {
        Totals.GradeOf(Scheme.Scheme, total).ShouldBe(grade);
    }

    [Fact]
    public void Score_PenaltiesBelowZero_FloorTheTotalAtZero()
    {
        var f = Scheme.NewFacts("bad", "dept")
            .Set("reported_in_time", FactValue.Bool(false)).Set("concealed_reports", FactValue.Count(3))
            .Set("added_tasks", FactValue.Count(0)).Set("listed_dishonest", FactValue.Bool(false));
        var r = Scorer.Score(f);
        r.Base.ShouldBe(-30m);
        r.Total.ShouldBe(0m);
    }

    [Fact]
    public void Explain_EveryScoredItem_NamesItsFactValuesAndScore()
    {
        var r = Scorer.Score(GoodTown());
        Explainer.Explain(r, "1.1").ShouldBe("成立领导小组：是否成立领导小组 = 是 → +1（为“是”时得 1 分）；创建工作会议：创建工作会议次数 = 4，达到 4 → 2；得分 3 / 4");
        Explainer.Explain(r, "2.4").ShouldContain("共 4 项，完成 3 项，12 × 3 / 4 → 9");
        Explainer.Explain(r, "2.2").ShouldContain("区间为默认设置");
        Explainer.Explain(r, "1.3").ShouldContain("2 次 × 1.5 → 3");
    }

    [Fact]
    public void Score_NormalisedClassWithAPenalty_TakesThePenaltyOffUnscaled()
    {
        // 县直单位: applicable max 54 (1.4 and 2.6 are towns' only); the scheme normalises to 60.
        var f = Scheme.NewFacts("d", "dept")
            .Set("reported_in_time", FactValue.Bool(true)).Set("concealed_reports", FactValue.Count(1))
            .Set("added_tasks", FactValue.Count(0)).Set("listed_dishonest", FactValue.Bool(false))
            .Set("tasks", LedgerOf(1, 0));
        var r = Scorer.Score(f);
        // items: 10 (双公示) + 12 (tasks) = 22 of 54 → 22 × 60 / 54 = 24.444…; then 倒扣 10 off, unscaled.
        r.ApplicableMax.ShouldBe(54m);
        r.ComparedBase.ShouldBe(22m * 60m / 54m - 10m);
        r.Base.ShouldBe(12m);
    }
}
