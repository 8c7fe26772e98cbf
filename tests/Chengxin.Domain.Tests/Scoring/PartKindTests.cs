using Chengxin.Domain.Scoring;
using static Chengxin.Domain.Tests.TestSupport;

namespace Chengxin.Domain.Tests.Scoring;

/// <summary>Every rule part kind at its edges, on the example scheme that uses each once.</summary>
public class PartKindTests
{
    private static readonly CompiledScheme Scheme = Compile("examples/every-part.yaml");

    private static UnitFacts Town(string id = "t1") => Scheme.NewFacts(id, "town");

    [Theory]
    // "成立得1分，不成立不得分；创建工作会议不少于4次的得2分，每少1次扣0.5分。"
    [InlineData(true, 4, 3)]
    [InlineData(true, 9, 3)]
    [InlineData(true, 3, 2.5)]
    [InlineData(true, 2, 2)]
    [InlineData(false, 1, 0.5)]
    [InlineData(false, 0, 0)]
    public void Score_AllOrNothingAndShortfall_FollowTheSeedSentence(bool groupSetUp, int meetings, decimal expected)
    {
        var f = Town().Set("group_set_up", FactValue.Bool(groupSetUp)).Set("meetings", FactValue.Count(meetings));
        ItemScore(f, "1.1").ShouldBe(expected);
    }

    [Theory]
    // "张贴诚信宣传标语得1分 … 制作诚信宣传栏得1分 … 印发诚信宣传单得1分 … 宣传诚信典型事迹得1分"
    [InlineData(true, true, true, true, 4)]
    [InlineData(true, false, true, false, 2)]
    [InlineData(false, false, false, false, 0)]
    public void Score_Checklist_SumsTheTrueParts(bool a, bool b, bool c, bool d, decimal expected)
    {
        var f = Town().Set("slogans", FactValue.Bool(a)).Set("boards", FactValue.Bool(b))
            .Set("leaflets", FactValue.Bool(c)).Set("models", FactValue.Bool(d));
        ItemScore(f, "1.2").ShouldBe(expected);
    }

    [Theory]
    // "每开展一次，得1.5分，最高得8分"
    [InlineData(0, 0)]
    [InlineData(1, 1.5)]
    [InlineData(5, 7.5)]
    [InlineData(6, 8)]
    [InlineData(20, 8)]
    public void Score_PerOccurrence_StopsAtTheCap(int events, decimal expected)
    {
        var rows = Enumerable.Range(0, events).Select(i => Row(("name", FactValue.OfText($"活动{i}")))).ToArray();
        var f = Town().Set("campaigns", Ledger(rows));
        ItemScore(f, "1.3").ShouldBe(expected);
    }

    [Theory]
    // "被投诉1次扣0.5分，扣完为止"
    [InlineData(0, 4)]
    [InlineData(1, 3.5)]
    [InlineData(7, 0.5)]
    [InlineData(8, 0)]
    [InlineData(30, 0)]
    public void Score_Deduction_StopsAtZero(int complaints, decimal expected)
    {
        ItemScore(Town().Set("complaints", FactValue.Count(complaints)), "1.4").ShouldBe(expected);
    }

    [Theory]
    // "群众满意度测评90分以上得4分，每少10个百分点扣1分，扣完为止。"
    [InlineData(100, 4)]
    [InlineData(90, 4)]
    [InlineData(89.9, 3)]
    [InlineData(80, 3)]
    [InlineData(79, 2)]
    [InlineData(55, 0)]
    [InlineData(50, 0)]
    [InlineData(0, 0)]
    public void Score_Steps_DeductPerStepShortOfTheThreshold(decimal satisfaction, decimal expected)
    {
        ItemScore(Town().Set("satisfaction", FactValue.Num(satisfaction)), "2.1").ShouldBe(expected);
    }

    [Theory]
    [InlineData(0, 5)]
    [InlineData(10, 5)]
    [InlineData(10.01, 3)]
    [InlineData(30, 3)]
    [InlineData(30.5, 0)]
    [InlineData(100, 0)]
    public void Score_Bands_TakeTheBandHoldingTheValue(decimal rate, decimal expected)
    {
        ItemScore(Town().Set("correction_rate", FactValue.Percent(rate)), "2.2").ShouldBe(expected);
    }

    [Theory]
    // "得分=7*增速，最多得7分"
    [InlineData(0, 0)]
    [InlineData(0.5, 3.5)]
    [InlineData(1, 7)]
    [InlineData(1.6, 7)]
    [InlineData(-0.2, 0)]
    public void Score_Formula_ComputesWithExactDecimals(decimal growth, decimal expected)
    {
        ItemScore(Town().Set("loan_growth", FactValue.Num(growth)), "2.3").ShouldBe(expected);
    }

    [Fact]
    public void Score_SplitOverThreeTasksTwoDone_GivesTwoThirdsExactly()
    {
        // "根据…每月所列主要工作措施项目数量平均分配考评分值，全部按计划完成得满分"
        var r = Scorer.Score(Town().Set("tasks", LedgerOf(2, 1)));
        r["2.4"].Score.ShouldBe(8m);
        Scorer.Score(Town().Set("tasks", LedgerOf(3, 0)))["2.4"].Score.ShouldBe(12m);
        Scorer.Score(Town().Set("tasks", LedgerOf(0, 4)))["2.4"].Score.ShouldBe(0m);
    }

    [Fact]
    public void Score_SplitOverSevenTasks_IsExactAndSumsBackToTheFullPoints()
    {
        var one = Scorer.Score(Town().Set("tasks", LedgerOf(1, 6)))["2.4"].Score;
        (one * 7).ShouldBe(12m, tolerance: 0.0000000000000000000000001m);
        Scorer.Score(Town().Set("tasks", LedgerOf(7, 0)))["2.4"].Score.ShouldBe(12m);
    }

    [Fact]
    public void Score_SplitOverAnEmptyLedger_GivesFullPoints()
    {
        Scorer.Score(Town().Set("tasks", FactValue.Ledger([])))["2.4"].Score.ShouldBe(12m);
    }

    [Fact]
    public void Score_PenaltyBeyondTheItem_TakesPointsBelowZero()
    {
        // "被…通报或被举报信息漏报瞒报情况属实的，倒扣10分"
        var f = Town().Set("reported_in_time", FactValue.Bool(false)).Set("concealed_reports", FactValue.Count(2))
            .Set("added_tasks", FactValue.Count(0)).Set("listed_dishonest", FactValue.Bool(false));
        var r = Scorer.Score(f);
        r["2.5"].Score.ShouldBe(0m);
        r["2.5"].Penalty.ShouldBe(-20m);
        r.SubtotalOf("2.5").ShouldBe(-20m);
    }

    [Fact]
    public void Score_BonusPart_GoesToTheBonusUpToItsCap()
    {
        var f = Town().Set("reported_in_time", FactValue.Bool(true)).Set("concealed_reports", FactValue.Count(0))
            .Set("added_tasks", FactValue.Count(9)).Set("listed_dishonest", FactValue.Bool(false));
        var r = Scorer.Score(f);
        r["2.5"].Score.ShouldBe(10m);
        r["2.5"].Bonus.ShouldBe(5m);
        r.BonusRaw.ShouldBe(5m);
    }

    [Theory]
    [InlineData(3, ItemStatus.Scored, 3)]
    [InlineData(5, ItemStatus.Scored, 5)]
    [InlineData(6, ItemStatus.Error, 0)]
    [InlineData(-1, ItemStatus.Error, 0)]
    public void Score_ManualJudgement_MustLieWithinTheItem(decimal points, ItemStatus status, decimal expected)
    {
        var r = Scorer.Score(Town().Set("innovation", FactValue.OfJudgement(new Judgement(points, "被市级部门推广"))));
        r["3.1"].Status.ShouldBe(status);
        r["3.1"].Score.ShouldBe(expected);
    }

    [Fact]
    public void Score_ManualJudgementWithoutReason_IsRefused()
    {
        var r = Scorer.Score(Town().Set("innovation", FactValue.OfJudgement(new Judgement(2, " "))));
        r["3.1"].Status.ShouldBe(ItemStatus.Error);
        Explainer.Explain(r, "3.1").ShouldContain("须说明理由");
    }

    [Fact]
    public void Score_MissingFact_ScoresZeroAndNamesTheFact()
    {
        var r = Scorer.Score(Town().Set("group_set_up", FactValue.Bool(true)));
        r["1.1"].Status.ShouldBe(ItemStatus.Missing);
        r["1.1"].Score.ShouldBe(0m);
        Explainer.Explain(r, "1.1").ShouldContain("缺少事实：创建工作会议次数");
    }

    [Fact]
    public void Score_ItemForAnotherClass_NeitherScoresNorCountsInTheMax()
    {
        var dept = Scheme.NewFacts("d1", "dept").Set("complaints", FactValue.Count(0));
        var r = Scorer.Score(dept);
        r["1.4"].Status.ShouldBe(ItemStatus.NotApplicable);
        r.ApplicableMax.ShouldBe(60m - 4m - 2m);
        Explainer.Explain(r, "1.4").ShouldContain("不适用");
    }
}
