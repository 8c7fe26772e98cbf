using Chengxin.Domain.Linting;
using Chengxin.Domain.Schemes;
using Chengxin.Domain.Scoring;
using static Chengxin.Domain.Tests.TestSupport;

namespace Chengxin.Domain.Tests.Seeds;

/// <summary>
/// Seed 003, 附件2 考评细则（试行）二(二) 年度考评: 任务完成情况 (70) from the nine monthly totals of
/// heihe-taskforce-monthly-2022 (April–December 2022), 创新性举措 (30) at 5 a case, 加满为止.
/// </summary>
public class HeiheTaskforceAnnualTests
{
    private const string File = "003-heihe-taskforce-annual-2022.yaml";
    private static readonly CompiledScheme Scheme = Compile(File);
    private static readonly CompiledScheme Monthly = Compile("003-heihe-taskforce-monthly-2022.yaml");

    private static readonly string[] Kinds =
        ["inspection_praise", "replicated_or_praised", "leader_endorsement", "business_env_excellent", "demonstration_city", "xinhua_award"];

    private static FactValue Approved(int approved, int rejected = 0) => LedgerOf(approved, rejected, "approved");

    /// <summary>A county with the given number of approved cases of each of the six kinds (1)–(6).</summary>
    private static UnitFacts County(string id, params int[] perKind)
    {
        var f = Scheme.NewFacts(id, "county");
        for (var k = 0; k < Kinds.Length; k++)
            f.Set(Kinds[k], Approved(k < perKind.Length ? perKind[k] : 0));
        return f;
    }

    private static CompositeInput Months(params decimal?[] totals) => new(totals);

    // ---- the scheme as written ------------------------------------------------------------

    [Fact]
    public void Load_BuiltInScheme_IsTheYearBuiltOnNineMonths()
    {
        var s = LoadScheme(File);
        s.Id.ShouldBe("heihe-taskforce-annual-2022");
        s.Period.ShouldBe(PeriodKind.Year);
        s.Total.ShouldBe(100m);
        s.Scale.ShouldBeNull();
        s.RoundingDigits.ShouldBe(2);
        var c = s.Composite!;
        c.From.ShouldBe(Monthly.Scheme.Id);
        c.Periods.ShouldBe(9);
        c.Aggregate.ShouldBe(AggregateKind.Average);
        c.Factor.ShouldBe(1 / 0.7m);
        s.Categories.Select(x => (x.No, x.Title, x.Max)).ShouldBe([("2", "创新性举措", 30m)]);
        var item = s.Items.Single();
        (item.Id, item.Max).ShouldBe(("2.1", 30m));
        item.Wording.Scoring.ShouldBe("经各县（市、区）专班申报，市专班审核认定，属于（1）—（6）项情形之一的，每项可加5分，加满为止。");
        item.Wording.Content!.ShouldContain("（6）参加国家组织的“新华信用杯”大赛并获奖的。");
        item.Facts.Select(f => f.Key).ShouldBe(Kinds);
        s.Campaign.SelfAssessment.ShouldBeTrue();
        s.Campaign.Schedule.ShouldContain(e => e.Due == "2022年4月—12月");
        s.Grades.ShouldBeEmpty();
        s.Vetoes.ShouldBeEmpty();
    }

    [Fact]
    public void Write_ParseWrite_GivesTheSameText()
    {
        var first = SchemeWriter.Write(LoadScheme(File));
        var second = SchemeWriter.Write(SchemeLoader.Parse(first));
        second.ShouldBe(first);
    }

    // ---- 2 创新性举措（30 分） -------------------------------------------------------------------

    [Theory]
    // "经各县（市、区）专班申报，市专班审核认定，属于（1）—（6）项情形之一的，每项可加5分，加满为止。"
    [InlineData(new[] { 0, 0, 0, 0, 0, 0 }, 0)]
    [InlineData(new[] { 1, 0, 0, 0, 0, 0 }, 5)]
    [InlineData(new[] { 0, 1, 0, 0, 0, 0 }, 5)]
    [InlineData(new[] { 0, 0, 1, 0, 0, 0 }, 5)]
    [InlineData(new[] { 0, 0, 0, 1, 0, 0 }, 5)]
    [InlineData(new[] { 0, 0, 0, 0, 1, 0 }, 5)]
    [InlineData(new[] { 0, 0, 0, 0, 0, 1 }, 5)]
    [InlineData(new[] { 2, 0, 0, 0, 0, 0 }, 10)]  // two cases of one kind: each 5
    [InlineData(new[] { 1, 1, 1, 1, 1, 0 }, 25)]
    [InlineData(new[] { 1, 1, 1, 1, 1, 1 }, 30)]  // six cases: full
    [InlineData(new[] { 3, 3, 0, 0, 0, 0 }, 30)]
    [InlineData(new[] { 3, 3, 1, 0, 0, 0 }, 30)]  // 35 → 加满为止 at 30
    [InlineData(new[] { 9, 9, 9, 9, 9, 9 }, 30)]
    public void Score_Innovation_AddsFivePerApprovedCaseUntilFull(int[] perKind, decimal expected)
    {
        ItemScore(County("c", perKind), "2.1").ShouldBe(expected);
    }

    [Fact]
    public void Score_Innovation_CountsOnlyCasesTheCityTaskForceApproved()
    {
        // 申报 (1) 2 cases, 1 approved; (6) 1 case, not approved → 5
        var f = County("c").Set("inspection_praise", Approved(1, 1)).Set("xinhua_award", Approved(0, 1));
        ItemScore(f, "2.1").ShouldBe(5m);
    }

    // ---- 1 任务完成情况（70 分）: monthly → annual ----------------------------------------------

    [Fact]
    public void Score_NineFullMonths_GiveTheSeventyPoints()
    {
        // nine months of 49 (= 70 × 70%): 441 ÷ 9 = 49; ÷ 70% = 70; innovation 0 → 70
        var r = Scorer.Score(County("c"), Months(49, 49, 49, 49, 49, 49, 49, 49, 49));
        r.Total.ShouldBe(70m);
        r.Base.ShouldBe(0m);
        r.Composite!.Value.ShouldBe(70m, 0.000000000001m);
    }

    [Fact]
    public void Score_FullMonthsAndFullInnovation_GiveOneHundred()
    {
        // 70 + 30 = 100, as the seed states
        var r = Scorer.Score(County("c", 1, 1, 1, 1, 1, 1), Months(49, 49, 49, 49, 49, 49, 49, 49, 49));
        r.Total.ShouldBe(100m);
    }

    [Fact]
    public void Score_MonthlyTotalsFromTheMonthlyScheme_AverageIntoTheYear()
    {
        // April–June everything done (1—4项之和 70 → 49), July–September 50 (→ 35), October–December 35 (→ 24.5).
        var months = new List<decimal?>();
        foreach (var (done, notDone, late, period) in new[]
                 {
                     (12, 0, 0, "2022-04"), (12, 0, 0, "2022-05"), (12, 0, 0, "2022-06"),
                     (5, 0, 0, "2022-07"), (5, 0, 0, "2022-08"), (5, 0, 0, "2022-09"),
                     (6, 2, 2, "2022-10"), (6, 2, 2, "2022-11"), (6, 2, 2, "2022-12"),
                 })
        {
            var full = done == 12;
            var f = Monthly.NewFacts("c", "county", period: period)
                .Set("measures", LedgerOf(done, notDone))
                .Set("spot_unfinished", FactValue.Count(0))
                .Set("late_or_missing_reports", FactValue.Count(late))
                .Set("info_reports", FactValue.Ledger([.. Enumerable.Range(0, full ? 3 : 2).Select(i =>
                    Row(("high_quality", FactValue.Bool(true)), ("adopted", FactValue.Bool(full && i < 2))))]))
                .Set("added_tasks", Approved(full ? 20 : 3))
                .Set("raised_targets", Approved(0))
                .Set("local_firsts", Approved(0));
            months.Add(Scorer.Score(f).Total);
        }
        // 4–6月: 40 + 5 + 5 + 20 = 70 → 49; 7–9月: 40 + 5 + 2 + 3 = 50 → 35; 10–12月: 30 + 3 + 2 + 3 = 38 → 26.6
        months.ShouldBe([49m, 49m, 49m, 35m, 35m, 35m, 26.6m, 26.6m, 26.6m]);

        var r = Scorer.Score(County("c", 1, 0, 1), new CompositeInput(months));
        // (3 × 49 + 3 × 35 + 3 × 26.6) ÷ 9 = 331.8 ÷ 9 = 36.8666…; ÷ 70% = 52.6666… (= (70 + 50 + 38) ÷ 3)
        // innovation (1) + (3) = 10; total 62.6666… → 62.67
        r.Base.ShouldBe(10m);
        r.Total.ShouldBe(62.67m);
    }

    [Fact]
    public void Score_MissingMonth_CountsZeroAndStillDividesByNine()
    {
        // eight months of 35 and one without a result: 280 ÷ 9 = 31.111…; ÷ 70% = 44.444…; + (2) 5 + (5) 5 = 54.444… → 54.44
        var r = Scorer.Score(County("c", 0, 1, 0, 0, 1), Months(35, 35, 35, null, 35, 35, 35, 35, 35));
        r.Total.ShouldBe(54.44m);
        Explainer.ExplainTotal(r).ShouldContain("缺 1 期，按 0 计");
        // had the month been 35 too: 315 ÷ 9 = 35; ÷ 70% = 50; + 10 = 60
        Scorer.Score(County("c", 0, 1, 0, 0, 1), Months(35, 35, 35, 35, 35, 35, 35, 35, 35)).Total.ShouldBe(60m);
    }

    [Fact]
    public void Score_NoMonthlyResults_LeaveOnlyTheInnovationPoints()
    {
        var r = Scorer.Score(County("c", 2, 1));
        // no month scored: 0 ÷ 9 = 0; innovation 3 × 5 = 15
        r.Total.ShouldBe(15m);
    }

    [Fact]
    public void Explain_Total_NamesTheNineMonthsAverage()
    {
        var r = Scorer.Score(County("c", 1), Months(42, 42, 42, 42, 42, 42, 42, 42, 42));
        // 378 ÷ 9 = 42; ÷ 70% = 60; + 5 = 65
        r.Total.ShouldBe(65m);
        Explainer.ExplainTotal(r).ShouldContain("1.任务完成情况：9个月（2022年4月—12月）月度考评平均得分 ÷ 70%：9 期合计 378 ÷ 9");
    }

    // ---- whole counties, scored by hand ----------------------------------------------------

    [Fact]
    public void Score_CountyWithUnevenMonths_ByHand()
    {
        // monthly totals (each already × 70%): 30.1, 33.6, 35, 28, 38.5, 42, 45.5, 49, 49
        // Σ = 350.7; ÷ 9 = 38.9666…; ÷ 70% = 55.6666… (= the 1—4项之和 43, 48, 50, 40, 55, 60, 65, 70, 70 averaged: 501 ÷ 9)
        // innovation: (2) 复制推广 1, (4) 营商环境优秀 2 → 3 × 5 = 15
        // total 55.6666… + 15 = 70.6666… → 70.67
        var r = Scorer.Score(County("c", 0, 1, 0, 2), Months(30.1m, 33.6m, 35m, 28m, 38.5m, 42m, 45.5m, 49m, 49m));
        r["2.1"].Score.ShouldBe(15m);
        r.Total.ShouldBe(70.67m);
    }

    [Fact]
    public void Score_CountyWithManyInnovations_ByHand()
    {
        // months 24.5 each (1—4项之和 35): average 24.5; ÷ 70% = 35
        // innovation: 2 + 2 + 1 + 1 + 1 + 1 = 8 cases × 5 = 40 → 加满为止 30
        // total 35 + 30 = 65
        var r = Scorer.Score(County("c", 2, 2, 1, 1, 1, 1), Months(24.5m, 24.5m, 24.5m, 24.5m, 24.5m, 24.5m, 24.5m, 24.5m, 24.5m));
        r.RawOf("2.1").ShouldBe(40m);
        r["2.1"].Score.ShouldBe(30m);
        r.Total.ShouldBe(65m);
    }

    // ---- grades, vetoes, classes -----------------------------------------------------------

    [Fact]
    public void Score_NoGradesOrVetoes_TheSeedSetsNone()
    {
        var r = Scorer.Score(County("c", 1), Months(49, 49, 49, 49, 49, 49, 49, 49, 49));
        r.Grade.ShouldBeNull();
        r.Vetoes.ShouldBeEmpty();
    }

    [Fact]
    public void Score_TheItem_AppliesToTheOnlyClassAndItsMaxIsThirty()
    {
        Scheme.Scheme.Items.ShouldAllBe(i => i.Classes.Count == 0 && i.AppliesTo("county"));
        var r = Scorer.Score(County("c"));
        r.ApplicableMax.ShouldBe(30m);
    }

    // ---- the seed's faults, as the linter sees them -----------------------------------------

    [Fact]
    public void Lint_BuiltInScheme_HasNoUnresolvedError()
    {
        var findings = Linter.Lint(LoadScheme(File)).Where(f => f.Code != "recorded-reading").ToList();
        findings.Where(f => f.Severity == LintSeverity.Error && !f.IsResolved)
            .ShouldBeEmpty(string.Join("\n", findings.Select(Linter.Format)));
    }

    [Fact]
    public void Lint_Findings_AreExactlyTheSeedsFaults()
    {
        var findings = Linter.Lint(LoadScheme(File)).Where(f => f.Code != "recorded-reading").ToList();
        findings.Select(f => $"{f.Code} {f.NodeId ?? "scheme"}").Order(StringComparer.Ordinal).ToList().ShouldBe(
        [
            "class-total-mismatch scheme",
            "item-max-exceeded 2.1",
            "scheme-total-mismatch scheme",
        ], string.Join("\n", findings.Select(Linter.Format)));
    }

    [Theory]
    // "任务完成情况（70分）……9个月考评平均得分按70%比例记入分数" over monthly scores already × 70 %;
    // the year's own items are only 创新性举措（30分）.
    [InlineData("scheme-total-mismatch", null, "各大类合计 30 分", "÷ 70%")]
    [InlineData("class-total-mismatch", null, "适用指标满分合计 30 分", "由 composite 计入总分")]
    // "每项可加5分，加满为止" with no per-kind limit → shared cap 30
    [InlineData("item-max-exceeded", "2.1", "可得分无上限", "以本项 30 分封顶")]
    public void Lint_SeedFault_IsReportedAndResolved(string code, string? nodeId, string message, string does)
    {
        var finding = Linter.Lint(LoadScheme(File)).Where(f => f.Code != "recorded-reading").ToList().Single(f => f.Code == code && f.NodeId == nodeId);
        finding.Message.ShouldContain(message);
        finding.IsResolved.ShouldBeTrue();
        finding.Resolution!.Does.ShouldContain(does);
    }

    [Theory]
    [InlineData("未说明某月没有考评结果", "缺少结果的月份按 0 分计入")]
    [InlineData("未规定年度得分的小数位数", "四舍五入保留两位小数")]
    public void Lint_ReadingsOutsideTheLintersReach_AreRecorded(string text, string does)
    {
        LoadScheme(File).Resolutions.ShouldContain(r => r.Code == null && r.Text.Contains(text) && r.Does.Contains(does));
    }
}
