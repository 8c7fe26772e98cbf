using Chengxin.Domain.Linting;
using Chengxin.Domain.Schemes;
using Chengxin.Domain.Scoring;
using static Chengxin.Domain.Tests.TestSupport;

namespace Chengxin.Domain.Tests.Seeds;

/// <summary>
/// Seed 003 (黑河市政务守信践诺工作专班工作制度, 2022-04-18), 附件2 考评细则（试行）二(一) 月度考评工作:
/// every scoring sentence at its edges, two counties scored by hand, the × 70 % scale, the campaign template.
/// </summary>
public class HeiheTaskforceMonthlyTests
{
    private const string File = "003-heihe-taskforce-monthly-2022.yaml";
    private static readonly CompiledScheme Scheme = Compile(File);

    private static UnitFacts County(string id = "aihui") => Scheme.NewFacts(id, "county");

    /// <summary>A ledger of report rows flagged 高质量 and/or 被编发采用.</summary>
    private static FactValue Info(int highQualityOnly, int adoptedOnly, int both = 0, int neither = 0) =>
        FactValue.Ledger([
            .. Enumerable.Range(0, highQualityOnly).Select(_ => Row(("high_quality", FactValue.Bool(true)), ("adopted", FactValue.Bool(false)))),
            .. Enumerable.Range(0, adoptedOnly).Select(_ => Row(("high_quality", FactValue.Bool(false)), ("adopted", FactValue.Bool(true)))),
            .. Enumerable.Range(0, both).Select(_ => Row(("high_quality", FactValue.Bool(true)), ("adopted", FactValue.Bool(true)))),
            .. Enumerable.Range(0, neither).Select(_ => Row(("high_quality", FactValue.Bool(false)), ("adopted", FactValue.Bool(false)))),
        ]);

    private static FactValue Approved(int approved, int rejected = 0) => LedgerOf(approved, rejected, "approved");

    /// <summary>Every fact set, so that each test changes only what it is about.</summary>
    private static UnitFacts Complete(string id = "aihui") => County(id)
        .Set("measures", LedgerOf(5, 0))
        .Set("spot_unfinished", FactValue.Count(0))
        .Set("late_or_missing_reports", FactValue.Count(0))
        .Set("info_reports", Info(0, 0))
        .Set("added_tasks", Approved(0))
        .Set("raised_targets", Approved(0))
        .Set("local_firsts", Approved(0));

    // ---- the scheme as written ------------------------------------------------------------

    [Fact]
    public void Load_BuiltInScheme_ReadsLikeTheSeedTable()
    {
        var s = LoadScheme(File);
        s.Id.ShouldBe("heihe-taskforce-monthly-2022");
        s.Period.ShouldBe(PeriodKind.Month);
        s.Date.ShouldBe("2022-04-18");
        s.Issuer!.ShouldStartWith("黑河市政务守信践诺工作专班办公室");
        s.Total.ShouldBe(70m);
        s.Scale.ShouldBe(0.7m);
        s.Classes.Select(c => c.Name).ShouldBe(["县（市、区）政务守信践诺专班"]);
        s.Categories.Select(c => (c.No, c.Title, c.Max)).ShouldBe(
        [
            ("1", "工作完成情况", 40m),
            ("2", "工作材料报送情况", 10m),
            ("3", "动态调整目标任务情况", 20m),
            ("4", "减分项", 0m),
        ]);
        s.Items.Select(i => (i.Id, i.No, i.Title, i.Max)).ShouldBe(
        [
            ("1.1", "1", "工作完成情况", 40m),
            ("2.1", "（1）", "相关材料报送情况", 5m),
            ("2.2", "（2）", "工作信息报送情况", 5m),
            ("3.1", "3", "动态调整目标任务情况", 20m),
        ]);
        foreach (var item in s.Items)
        {
            item.Wording.Scoring.ShouldNotBeNullOrWhiteSpace();
            item.Method.ShouldNotBeNullOrWhiteSpace();
            item.Source.ShouldNotBeNullOrWhiteSpace();
            item.Evidence.ShouldNotBeEmpty();
        }
        s.Items.First().Wording.Scoring.ShouldBe("根据各市（地）优化营商环境重点工作任务总台账每月所列主要工作措施项目数量平均分配考评分值，全部按计划完成得 40 分。");
        s.Categories[3].Items.ShouldBeEmpty();
        s.Grades.ShouldBeEmpty();
        s.Vetoes.ShouldBeEmpty();
    }

    [Fact]
    public void Load_Facts_HaveTheirSuppliers()
    {
        var facts = LoadScheme(File).Facts.ToDictionary(f => f.Key);
        facts["measures"].Type.ShouldBe(FactType.Ledger);
        facts["measures"].Columns.Single(c => c.Key == "done").Type.ShouldBe(FactType.Bool);
        facts["measures"].Supplier.ShouldBe("unit");
        facts["spot_unfinished"].Supplier.ShouldBe("reviewer");
        facts["late_or_missing_reports"].Supplier.ShouldBe("system:late-or-missing-reports");
        facts["info_reports"].Columns.Select(c => c.Key).ShouldBe(["title", "date", "high_quality", "adopted"]);
        foreach (var key in new[] { "added_tasks", "raised_targets", "local_firsts" })
            facts[key].Columns.Single(c => c.Key == "approved").Type.ShouldBe(FactType.Bool);
    }

    [Fact]
    public void Load_Campaign_KeepsTheReportTemplateScheduleAndFollowUp()
    {
        var c = LoadScheme(File).Campaign;
        c.SelfAssessment.ShouldBeTrue();
        c.SpotCheckShare.ShouldBeNull(); // 市专班每月选择部分县（市、区）进行抽查: no share stated
        c.CommitmentLetter.ShouldBeNull();
        c.Report!.Title.ShouldBe("市政务守信践诺专项行动月度工作推进情况（自评报告）");
        var h = c.Report.Headings;
        h.Count.ShouldBe(14);
        h[0].ShouldBe("一、工作完成情况");
        h[1].ShouldStartWith("（一）持续打造“诚信黑河”品牌");
        h[8].ShouldBe("（八）鼓励市场主体应用“码上诚信”展示自身信用状况，累计赋码占比不低于全市市场主体 25%。");
        h[10].ShouldBe("（十）开展“优化营商环境宣传年活动”。");
        h.Skip(11).ShouldBe(["二、工作存在的问题", "三、下月工作计划", "落款、签章"]);
        c.Schedule.Select(e => (e.Key, e.Due)).ShouldBe(
        [
            ("monthly-report", "自4月起，每月20日前"),
            ("self-assessment", "当月23日前"),
            ("evaluation-period", "2022年4月—12月"),
        ]);
        foreach (var word in new[] { "提示单", "督办单", "挂牌督办", "预警提示", "约谈提醒", "严肃追责", "抽查", "每月通报" })
            c.FollowUp!.ShouldContain(word);
    }

    [Fact]
    public void Load_Note_KeepsTheSelfAssessmentFormColumnsButNoMailbox()
    {
        var s = LoadScheme(File);
        var note = s.Note!;
        note.ShouldContain("序号 | 项目 | 内容 | 台账内容 | 佐证材料清单 | 自评分");
        note.ShouldNotContain("@");
    }

    [Fact]
    public void Write_ParseWrite_GivesTheSameText()
    {
        var first = SchemeWriter.Write(LoadScheme(File));
        var second = SchemeWriter.Write(SchemeLoader.Parse(first));
        second.ShouldBe(first);
    }

    // ---- 1 工作完成情况（40 分） -------------------------------------------------------------

    [Theory]
    // "根据……每月所列主要工作措施项目数量平均分配考评分值，全部按计划完成得 40 分。"
    [InlineData(5, 0, 40)]    // 全部按计划完成
    [InlineData(4, 1, 32)]    // 40 × 4 / 5
    [InlineData(1, 4, 8)]     // 40 × 1 / 5
    [InlineData(0, 5, 0)]
    [InlineData(3, 5, 15)]    // 40 × 3 / 8
    [InlineData(1, 0, 40)]    // a single measure carries all 40
    [InlineData(0, 1, 0)]
    [InlineData(0, 0, 40)]    // no measure listed this month: 全部按计划完成 holds, whenEmpty full
    public void Score_WorkCompletion_SplitsFortyOverTheMonthsMeasures(int done, int notDone, decimal expected)
    {
        ItemScore(Complete().Set("measures", LedgerOf(done, notDone)), "1.1").ShouldBe(expected);
    }

    [Fact]
    public void Score_WorkCompletion_TwoOfThreeIsTwoThirdsOfForty()
    {
        var score = ItemScore(Complete().Set("measures", LedgerOf(2, 1)), "1.1");
        score.ShouldBe(40m * 2 / 3);
        Math.Round(score, 2).ShouldBe(26.67m);
    }

    [Theory]
    // "4.减分项 市级专班在抽查和验证过程中，发现有未完成具体措施情形的，减除该市（地）相应得分。"
    // 相应得分 = the measure's share 40 ÷ 台账项数.
    [InlineData(5, 0, 0, 40)]
    [InlineData(5, 0, 1, 32)]   // 40 − 40 × 1 / 5
    [InlineData(5, 0, 2, 24)]   // 40 − 40 × 2 / 5
    [InlineData(5, 0, 5, 0)]    // every measure found unfinished
    [InlineData(5, 0, 7, 0)]    // more findings than measures: the deduction stops at the item's 40
    [InlineData(4, 4, 1, 15)]   // 40 × 4 / 8 − 40 × 1 / 8 = 20 − 5
    [InlineData(4, 4, 4, 0)]    // 20 − 20
    [InlineData(0, 0, 0, 40)]   // empty ledger, nothing found
    public void Score_SpotCheckFindings_RemoveEachMeasuresShare(int done, int notDone, int found, decimal expected)
    {
        var f = Complete().Set("measures", LedgerOf(done, notDone)).Set("spot_unfinished", FactValue.Count(found));
        ItemScore(f, "1.1").ShouldBe(expected);
    }

    [Fact]
    public void Score_SpotCheckNotEntered_LeavesTheItemMissing()
    {
        var f = County().Set("measures", LedgerOf(5, 0));
        var r = Scorer.Score(f)["1.1"];
        r.Status.ShouldBe(ItemStatus.Missing);
        r.Score.ShouldBe(0m);
    }

    [Fact]
    public void Explain_WorkCompletion_ShowsTheSplitAndTheDeduction()
    {
        var r = Scorer.Score(Complete().Set("measures", LedgerOf(6, 2)).Set("spot_unfinished", FactValue.Count(1)));
        var text = Explainer.Explain(r, "1.1");
        text.ShouldContain("共 8 项，完成 6 项，40 × 6 / 8 → 30");
        text.ShouldContain("4.减分项：抽查发现未完成具体措施，减除相应得分");
        text.ShouldContain("→ -5");
        text.ShouldContain("得分 25 / 40");
    }

    [Fact]
    public void Score_DeductionCategory_HasNoItemsAndAddsNothingOfItsOwn()
    {
        var r = Scorer.Score(Complete().Set("spot_unfinished", FactValue.Count(1)));
        r.SubtotalOf("4").ShouldBe(0m);
        r.SubtotalOf("1").ShouldBe(32m);
    }

    // ---- 2 工作材料报送情况（10 分） ------------------------------------------------------------

    [Theory]
    // "（1）……按时报送相关文件材料的得 5 分，迟报、漏报每出现 1 次，扣 1 分，扣完为止。"
    [InlineData(0, 5)]
    [InlineData(1, 4)]
    [InlineData(2, 3)]
    [InlineData(4, 1)]
    [InlineData(5, 0)]
    [InlineData(6, 0)]   // 扣完为止
    [InlineData(20, 0)]
    public void Score_OnTimeReports_DeductOnePerLateOrMissingReport(int lateOrMissing, decimal expected)
    {
        ItemScore(Complete().Set("late_or_missing_reports", FactValue.Count(lateOrMissing)), "2.1").ShouldBe(expected);
    }

    [Theory]
    // "（2）每月报送高质量信息，每条得 1 分，最多得 3 分；经市专班推荐，被市优化营商环境领导小组办公室编发采用，
    //  或报送省级专班的，每条得 1 分，最多得 2 分。"
    [InlineData(0, 0, 0, 0, 0)]
    [InlineData(0, 0, 0, 4, 0)]   // reports that are neither count nothing
    [InlineData(1, 0, 0, 0, 1)]
    [InlineData(2, 0, 0, 0, 2)]
    [InlineData(3, 0, 0, 0, 3)]
    [InlineData(4, 0, 0, 0, 3)]   // 最多得 3 分
    [InlineData(0, 1, 0, 0, 1)]
    [InlineData(0, 2, 0, 0, 2)]
    [InlineData(0, 3, 0, 0, 2)]   // 最多得 2 分
    [InlineData(0, 0, 1, 0, 2)]   // a high-quality report also adopted: 1 + 1
    [InlineData(3, 2, 0, 0, 5)]
    [InlineData(1, 0, 2, 0, 5)]   // high quality 3 → 3, adopted 2 → 2
    [InlineData(6, 6, 6, 0, 5)]
    public void Score_InformationReports_CountEachKindUpToItsCap(int highQualityOnly, int adoptedOnly, int both, int neither, decimal expected)
    {
        ItemScore(Complete().Set("info_reports", Info(highQualityOnly, adoptedOnly, both, neither)), "2.2").ShouldBe(expected);
    }

    // ---- 3 动态调整目标任务情况（20 分） --------------------------------------------------------

    [Theory]
    // "（1）……每增加1项工作任务，并按月度计划组织落实的，加1分。（2）……每调高1项工作指标或标准，并按月度计划组织落实的，加1分。
    //  （3）……属于地方首创的创新性举措的，每项加1分。" — "经县（市、区）专班申报，市专班审核认定后，纳入考评体系。"
    [InlineData(0, 0, 0, 0)]
    [InlineData(1, 0, 0, 1)]
    [InlineData(0, 1, 0, 1)]
    [InlineData(0, 0, 1, 1)]
    [InlineData(2, 3, 4, 9)]
    [InlineData(10, 5, 4, 19)]
    [InlineData(10, 5, 5, 20)]
    [InlineData(10, 6, 5, 20)]   // 21 → the item's 20
    [InlineData(30, 0, 0, 20)]
    public void Score_DynamicAdjustment_AddsOnePerApprovedCaseUpToTwenty(int added, int raised, int firsts, decimal expected)
    {
        var f = Complete().Set("added_tasks", Approved(added)).Set("raised_targets", Approved(raised)).Set("local_firsts", Approved(firsts));
        ItemScore(f, "3.1").ShouldBe(expected);
    }

    [Fact]
    public void Score_DynamicAdjustment_CountsOnlyWhatTheCityTaskForceApproved()
    {
        // 申报 3 + 2 + 2, of which 市专班审核认定 1 + 0 + 1.
        var f = Complete().Set("added_tasks", Approved(1, 2)).Set("raised_targets", Approved(0, 2)).Set("local_firsts", Approved(1, 1));
        ItemScore(f, "3.1").ShouldBe(2m);
    }

    [Fact]
    public void Explain_DynamicAdjustment_ShowsTheClampAtTwenty()
    {
        var r = Scorer.Score(Complete().Set("added_tasks", Approved(12)).Set("raised_targets", Approved(9)).Set("local_firsts", Approved(1)));
        Explainer.Explain(r, "3.1").ShouldContain("小计 22，限定在 0 至 20 分之间 → 20 分");
    }

    // ---- whole counties, scored by hand ----------------------------------------------------

    [Fact]
    public void Score_CountyWithSpotCheckFinding_ByHand()
    {
        var f = County("county-a")
            .Set("measures", LedgerOf(6, 2))                  // 1: 40 × 6 / 8 = 30
            .Set("spot_unfinished", FactValue.Count(1))       //    减分项: − 40 × 1 / 8 = −5 → 25
            .Set("late_or_missing_reports", FactValue.Count(2)) // 2(1): 5 − 2 × 1 = 3
            .Set("info_reports", Info(3, 0, 1, 2))            // 2(2): high quality 4 → 3, adopted 1 → 1: 4
            .Set("added_tasks", Approved(2))                  // 3: 2 + 1 + 0 = 3
            .Set("raised_targets", Approved(1))
            .Set("local_firsts", Approved(0, 1));
        var r = Scorer.Score(f);
        r["1.1"].Score.ShouldBe(25m);
        r["2.1"].Score.ShouldBe(3m);
        r["2.2"].Score.ShouldBe(4m);
        r["3.1"].Score.ShouldBe(3m);
        // 1—4项得分之和 = 25 + 3 + 4 + 3 = 35; × 70% = 24.5
        r.Base.ShouldBe(35m);
        r.ApplicableMax.ShouldBe(70m);
        r.Total.ShouldBe(24.5m);
        r.SubtotalOf("2").ShouldBe(7m);
        r.Grade.ShouldBeNull();
        Explainer.ExplainTotal(r).ShouldBe("基础得分 35（适用满分 70）；× 70%；总分 24.5");
    }

    [Fact]
    public void Score_CountyWithEverythingDone_ByHand()
    {
        var f = County("county-b")
            .Set("measures", LedgerOf(12, 0))                 // 1: 全部按计划完成 40
            .Set("spot_unfinished", FactValue.Count(0))
            .Set("late_or_missing_reports", FactValue.Count(0)) // 2(1): 5
            .Set("info_reports", Info(1, 0, 2, 0))            // 2(2): high quality 3 → 3, adopted 2 → 2: 5
            .Set("added_tasks", Approved(12))                 // 3: 12 + 9 + 1 = 22 → 20
            .Set("raised_targets", Approved(9))
            .Set("local_firsts", Approved(1));
        var r = Scorer.Score(f);
        // 40 + 5 + 5 + 20 = 70; × 70% = 49: the most a month can give
        r.Base.ShouldBe(70m);
        r.Total.ShouldBe(49m);
    }

    [Fact]
    public void Score_CountyThatDidLittle_ByHand()
    {
        var f = County("county-c")
            .Set("measures", LedgerOf(1, 3))                  // 1: 40 × 1 / 4 = 10
            .Set("spot_unfinished", FactValue.Count(1))       //    − 40 × 1 / 4 = −10 → 0
            .Set("late_or_missing_reports", FactValue.Count(7)) // 2(1): 5 − 7 → 0 (扣完为止)
            .Set("info_reports", Info(0, 0, 0, 3))            // 2(2): 0
            .Set("added_tasks", Approved(0))
            .Set("raised_targets", Approved(0))
            .Set("local_firsts", Approved(1));                // 3: 1
        var r = Scorer.Score(f);
        // 0 + 0 + 0 + 1 = 1; × 70% = 0.7
        r.Base.ShouldBe(1m);
        r.Total.ShouldBe(0.7m);
    }

    // ---- grades, vetoes, classes -----------------------------------------------------------

    [Fact]
    public void Score_NoGradesOrVetoes_TheSeedOnlyRanksAndReports()
    {
        // The seed sets no grades and no veto: monthly results are 每月通报 and feed the year.
        var r = Scorer.Score(Complete());
        r.Grade.ShouldBeNull();
        r.Vetoes.ShouldBeEmpty();
        Scheme.Scheme.Grades.ShouldBeEmpty();
        Scheme.Scheme.Vetoes.ShouldBeEmpty();
    }

    [Fact]
    public void Score_EveryItem_AppliesToTheOnlyClass()
    {
        // 考评对象：各县（市、区）政务守信践诺专班 — one class, every item applies and counts in the 70.
        Scheme.Scheme.Items.ShouldAllBe(i => i.Classes.Count == 0 && i.AppliesTo("county"));
        var r = Scorer.Score(Complete());
        r.Items.ShouldAllBe(i => i.Applicable);
        r.ApplicableMax.ShouldBe(70m);
    }

    [Fact]
    public void Score_TotalScale_IsSeventyPercentOfTheSum()
    {
        // "1—4项得分之和 × 70% = 月度考评得分": 40 + 5 + 0 + 0 = 45 → 31.5
        var r = Scorer.Score(Complete());
        r.Base.ShouldBe(45m);
        r.Total.ShouldBe(31.5m);
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
        findings.Select(f => (f.Code, f.NodeId)).ShouldBe([("item-max-exceeded", "3.1")], string.Join("\n", findings.Select(Linter.Format)));
    }

    [Theory]
    // "3. 动态调整目标任务情况（20 分）" with three uncapped "每……加1分" → shared cap 20
    [InlineData("item-max-exceeded", "3.1", "动态调整目标任务情况", "合计以本项 20 分封顶")]
    public void Lint_SeedFault_IsReportedAndResolved(string code, string nodeId, string seedTitle, string does)
    {
        var finding = Linter.Lint(LoadScheme(File)).Where(f => f.Code != "recorded-reading").ToList().Single(f => f.Code == code && f.NodeId == nodeId);
        finding.SeedTitle.ShouldBe(seedTitle);
        finding.IsResolved.ShouldBeTrue();
        finding.Resolution!.Does.ShouldContain(does);
    }

    [Theory]
    // Faults the format's checks cannot see (the × 70 % scale, 附件3's numbers, a deduction of variable size):
    // recorded as resolutions on the node they concern.
    [InlineData(null, "月度考评工作（70 分）", "最高 70 × 70% = 49 分")]
    [InlineData(null, "没有减分项，也未写 × 70%", "四项之和 × 70%")]
    [InlineData(null, "各市（地）", "各县（市、区）")]
    [InlineData(null, "“三”出现两次", "按条")]
    [InlineData("2.1", "相关材料报送情况 (2.5 分)", "本项满分按 5 分计")]
    [InlineData("2.2", "工作信息报送情况 (2.5 分)", "3 + 2 = 5 分")]
    [InlineData("1.1", "减除该市（地）相应得分", "40 ÷ 当月台账措施项数")]
    [InlineData("4", "未写扣减分值", "本类分值记 0")]
    public void Lint_FaultsOutsideTheLintersReach_AreRecordedOnTheirNodes(string? nodeId, string text, string does)
    {
        var s = LoadScheme(File);
        var resolutions = nodeId is null ? s.Resolutions : s.Nodes.Single(n => n.Id == nodeId).Resolutions;
        resolutions.ShouldContain(r => r.Text.Contains(text) && r.Does.Contains(does) && r.Why.Length > 0);
    }
}
