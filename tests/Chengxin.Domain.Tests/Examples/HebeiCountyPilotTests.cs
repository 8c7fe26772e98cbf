using Chengxin.Domain.Linting;
using Chengxin.Domain.Scoring;
using static Chengxin.Domain.Tests.TestSupport;

namespace Chengxin.Domain.Tests.Examples;

/// <summary>
/// schemes/examples/hebei-county-pilot-departments.yaml, from 《河北省社会信用体系建设典型城市县级试点建设标准》, scores
/// each department on the rows whose 责任单位 names it, rescaled to 100 by its applicable max. Every expected score is
/// worked out by hand in the comment above it.
/// </summary>
public class HebeiCountyPilotTests
{
    private static readonly CompiledScheme Scheme = Compile("examples/hebei-county-pilot-departments.yaml");

    // 行政审批局 is named in 1.1 (5), 2.1 (3) and 2.2 (3): applicable max 11.
    private static UnitFacts Approvals(int reposted, int implemented, int missed, bool coordination = true, bool funding = true) =>
        Scheme.NewFacts("xzspj", "dept", "县行政审批局")
            .Set("national_reposted", FactValue.Count(reposted)).Set("national_implemented", FactValue.Count(implemented))
            .Set("provincial_missed", FactValue.Count(missed))
            .Set("coordination_set_up", FactValue.Bool(coordination)).Set("funding_secured", FactValue.Bool(funding));

    [Fact]
    public void Lint_HebeiExample_IsCleanWithoutTheDivideByTwelveFalsePositive()
    {
        var findings = Linter.Lint(LoadScheme("examples/hebei-county-pilot-departments.yaml"));
        findings.Where(f => f.Severity is LintSeverity.Error or LintSeverity.Warning && !f.IsResolved).ShouldBeEmpty();
    }

    [Theory]
    // 「转载占1分，得分=转载数量/12*1；落实占4分，得分=落实数量/12*4。省内文件少转发1个扣0.1分」
    [InlineData(12, 12, 0, 5)]       // 12/12 × 1 + 12/12 × 4 = 5 exactly
    [InlineData(6, 9, 0, 3.5)]       // 0.5 + 3
    [InlineData(7, 5, 2, 2.05)]      // 7/12 + 20/12 = 27/12 = 2.25, − 0.2
    [InlineData(12, 12, 3, 4.7)]     // 5 − 0.3
    [InlineData(0, 1, 8, 0)]         // 4/12 = 0.33 − 0.8 → 0: the row's own 0 is the floor
    [InlineData(15, 12, 0, 5)]       // more than the 12 documents counts as 12
    public void Score_TopLevelDocuments_ScoreByTwelfthsLessMissedProvincialFiles(int reposted, int implemented, int missed, decimal expected)
    {
        ItemScore(Approvals(reposted, implemented, missed), "1.1").ShouldBe(expected);
    }

    [Fact]
    public void Score_ApprovalsBureauInFull_ScoresOneHundred()
    {
        var r = Scorer.Score(Approvals(12, 12, 0));
        r.ApplicableMax.ShouldBe(11m);
        r.Total.ShouldBe(100m);
        r.Grade.ShouldBe("达标");
    }

    [Fact]
    public void Score_ApprovalsBureauPartly_RescalesByItsApplicableMaxToTwoDigits()
    {
        // 2.05 + 0 (no coordination) + 3 = 5.05 of 11 → 5.05 × 100 / 11 = 45.909… → 45.91, 未达标.
        var r = Scorer.Score(Approvals(7, 5, 2, coordination: false));
        r.Base.ShouldBe(5.05m);
        r.Total.ShouldBe(45.91m);
        r.Grade.ShouldBe("未达标");
    }

    [Fact]
    public void Score_FinanceBureau_IsScoredOnlyOnTheRowThatNamesIt()
    {
        // 县财政局 is named only in 经费保障情况 (3): 3 of 3 → 100, without any fact of the rows it is not named in.
        var r = Scorer.Score(Scheme.NewFacts("czj", "dept", "县财政局").Set("funding_secured", FactValue.Bool(true)));
        r["1.1"].Applicable.ShouldBeFalse();
        r["1.2"].Applicable.ShouldBeFalse();
        r["2.1"].Applicable.ShouldBeFalse();
        r["2.2"].Score.ShouldBe(3m);
        r.ApplicableMax.ShouldBe(3m);
        r.Total.ShouldBe(100m);
        Explainer.Explain(r, "1.1").ShouldContain("本项的责任单位为 县行政审批局，不含本单位，不计分也不计入满分");
    }

    [Fact]
    public void Score_PublicityDepartmentWithoutPersonalCreditPoints_ScoresZeroOfFive()
    {
        var r = Scorer.Score(Scheme.NewFacts("xcb", "dept", "县委宣传部").Set("personal_points_built", FactValue.Bool(false)));
        r.ApplicableMax.ShouldBe(5m);
        r.Total.ShouldBe(0m);
        r.Grade.ShouldBe("未达标");
    }

    [Fact]
    public void Score_DepartmentNamedInNoRow_HasNothingToScore()
    {
        var r = Scorer.Score(Scheme.NewFacts("dag", "dept", "县档案馆"));
        r.ApplicableMax.ShouldBe(0m);
        r.Total.ShouldBe(0m);
        foreach (var id in new[] { "1.1", "1.2", "2.1", "2.2" }) r[id].Applicable.ShouldBeFalse();
    }

    [Fact]
    public void Score_ResponsibilityListByUnitId_AppliesLikeByName()
    {
        // A unit is matched by its name or its id; a list naming 县财政局 does not reach a unit called otherwise.
        var item = LoadScheme("examples/hebei-county-pilot-departments.yaml").Categories[1].Items[1];
        item.AppliesTo("dept", "czj", "县财政局").ShouldBeTrue();
        item.AppliesTo("dept", "xzspj", "县行政审批局").ShouldBeTrue();
        item.AppliesTo("dept", "dag", "县档案馆").ShouldBeFalse();
    }
}
