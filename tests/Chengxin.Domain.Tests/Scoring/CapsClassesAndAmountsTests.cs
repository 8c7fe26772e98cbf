using Chengxin.Domain.Linting;
using Chengxin.Domain.Schemes;
using Chengxin.Domain.Scoring;
using static Chengxin.Domain.Tests.TestSupport;

namespace Chengxin.Domain.Tests.Scoring;

/// <summary>
/// Stacked deductions under one floor, caps across parts and items, capped categories, parts that differ by unit
/// class, responsibility lists and amounts that vary, on schemes/examples/caps-classes-and-amounts.yaml. Every
/// expected score is worked out by hand in the comment above it.
/// </summary>
public class CapsClassesAndAmountsTests
{
    private const string File = "examples/caps-classes-and-amounts.yaml";
    private static readonly CompiledScheme Scheme = Compile(File);

    private static FactValue Arrears(params (decimal Amount, bool Repaid)[] rows) =>
        Ledger([.. rows.Select((a, i) => Row(("creditor", FactValue.OfText($"企业{i}")), ("amount", FactValue.Num(a.Amount)), ("repaid", FactValue.Bool(a.Repaid))))]);

    private static UnitFacts Unit(string id, string unitClass, string name) => Scheme.NewFacts(id, unitClass, name)
        .Set("arrears", Arrears())
        .Set("pledges_published", FactValue.Bool(true)).Set("dual_publicity", FactValue.Bool(true))
        .Set("reprimands", FactValue.Count(0)).Set("interviews", FactValue.Count(0)).Set("accountabilities", FactValue.Count(0))
        .Set("demo_plan", FactValue.Bool(true)).Set("demo_accepted", FactValue.Bool(true))
        .Set("repair_campaigns", FactValue.Count(5)).Set("models_recommended", FactValue.Count(2));

    private static UnitFacts Development() => Unit("fgj", "dept", "县发展改革局");

    // ---- 4. stacked deductions under one floor --------------------------------------------------------

    [Theory]
    // 「存在拖欠企业账款的，每笔扣1分，50万元以上每笔扣2分，扣完为止」: both lines come off the one base of 4.
    [InlineData(new double[] { }, 4)]
    [InlineData(new double[] { 300000 }, 3)]             // 4 − 1
    [InlineData(new double[] { 600000 }, 2)]             // 4 − 2
    [InlineData(new double[] { 300000, 600000 }, 1)]     // 4 − 1 − 2
    [InlineData(new double[] { 300000, 600000, 800000 }, 0)] // 4 − 1 − 2 − 2 → 0, 扣完为止
    [InlineData(new double[] { 499999.99, 500000 }, 1)] // the edge: 50万元 itself is 以上
    public void Score_ArrearsLines_ComeOffOneBaseDownToOneFloor(double[] amounts, decimal expected)
    {
        var f = Development().Set("arrears", Arrears([.. amounts.Select(a => ((decimal)a, true))]));
        ItemScore(f, "1.1").ShouldBe(expected);
    }

    [Fact]
    public void Explain_ArrearsLines_NameEachLineInWordsAndTheFloor()
    {
        var r = Scorer.Score(Development().Set("arrears", Arrears((300000, true), (600000, true), (800000, true))));
        var text = Explainer.Explain(r, "1.1");
        text.ShouldContain("拖欠账款：基础分 4，50万元以下 其中“拖欠金额（元）”＜500000的 1 条 × 1 = 1，50万元以上 其中“拖欠金额（元）”≥500000的 2 条 × 2 = 4，合计扣 5 → 0（扣完为止）");
        text.ShouldNotContain("amount");
        text.ShouldNotContain("arrears");
    }

    [Theory]
    // 「被通报批评一次扣1分；被约谈一次扣2分；被问责一次扣3分；以上三项最高扣5分」, as 倒扣 lines of one item.
    [InlineData(0, 0, 0, 0)]
    [InlineData(1, 1, 0, -3)]
    [InlineData(1, 1, 1, -5)]   // 1 + 2 + 3 = 6 → 5
    [InlineData(3, 2, 2, -5)]
    public void Score_PenaltyLinesWithOneCap_TakeAtMostTheCapTogether(int reprimands, int interviews, int accountabilities, decimal expected)
    {
        var scheme = new CompiledScheme(SchemeLoader.Parse(PenaltyLines, "penalty-lines.yaml"));
        var f = scheme.NewFacts("u", "dept").Set("done", FactValue.Bool(true)).Set("reprimands", FactValue.Count(reprimands))
            .Set("interviews", FactValue.Count(interviews)).Set("accountabilities", FactValue.Count(accountabilities));
        var r = Scorer.Score(f);
        r["1"].Penalty.ShouldBe(expected);
        r.Total.ShouldBe(10 + expected);
        if (expected == -5)
            Explainer.Explain(r, "1").ShouldContain("合计最多扣 5 → 倒扣 5");
    }

    private const string PenaltyLines = """
        id: penalty-lines
        title: 倒扣合并上限
        period: year
        total: 10
        classes: [{ id: dept, name: 县直单位 }]
        penalties: { floorTotalAtZero: false }
        categories:
          - id: A
            title: 工作落实
            max: 10
            items:
              - id: "1"
                title: 工作落实
                max: 10
                facts:
                  - { key: done, label: 是否落实, type: bool, supplier: unit }
                  - { key: reprimands, label: 被通报批评次数, type: count, supplier: unit }
                  - { key: interviews, label: 被约谈次数, type: count, supplier: unit }
                  - { key: accountabilities, label: 被问责次数, type: count, supplier: unit }
                rule:
                  - all: { fact: done, points: 10 }
                  - penalty:
                      cap: 5
                      for:
                        - { fact: reprimands, each: 1, label: 通报批评 }
                        - { fact: interviews, each: 2, label: 约谈 }
                        - { fact: accountabilities, each: 3, label: 问责 }
        """;

    // ---- 4. a cap across items, a capped category ----------------------------------------------------

    [Theory]
    // 「被上级通报批评的，每次扣2分；被约谈提醒的，每次扣2分；被问责的，每次扣4分；以上三项最高扣5分」.
    [InlineData(0, 0, 0, 12)]
    [InlineData(1, 1, 0, 8)]    // lost 2 + 2 = 4 ≤ 5
    [InlineData(1, 1, 1, 7)]    // lost 2 + 2 + 4 = 8 → 5: 12 − 5
    [InlineData(2, 2, 2, 7)]    // lost 12 → 5
    [InlineData(0, 0, 1, 8)]    // lost 4
    public void Score_ThreeItemsMostOffFive_LoseAtMostFiveTogether(int reprimands, int interviews, int accountabilities, decimal expected)
    {
        var f = Development().Set("reprimands", FactValue.Count(reprimands)).Set("interviews", FactValue.Count(interviews))
            .Set("accountabilities", FactValue.Count(accountabilities));
        Scorer.Score(f).SubtotalOf("2").ShouldBe(expected);
    }

    [Fact]
    public void Explain_ThreeItemsMostOffFive_SaysWhatWasGivenBack()
    {
        var f = Development().Set("reprimands", FactValue.Count(1)).Set("interviews", FactValue.Count(1)).Set("accountabilities", FactValue.Count(1));
        var r = Scorer.Score(f);
        r["2.3"].Score.ShouldBe(0m);
        Explainer.Explain(r, "2.3").ShouldContain("以上三项最高扣5分：“通报批评”、“约谈提醒”、“问责处理”共失分超过 5 分，超出的 3 分不扣，计入“监管问责”");
        Explainer.ExplainTotal(r).ShouldContain("超出的 3 分不扣");
    }

    [Theory]
    // 「专项工作……本类最高得10分」: 5 + 5 + 2.5 = 12.5 → 10.
    [InlineData(5, 1, 10)]
    [InlineData(2, 1, 9.5)]     // 5 + 2 + 2.5
    [InlineData(0, 0, 5)]
    public void Score_CappedCategory_HoldsItsItemsAtItsMax(int campaigns, int models, decimal expected)
    {
        var f = Development().Set("repair_campaigns", FactValue.Count(campaigns)).Set("models_recommended", FactValue.Count(models));
        var r = Scorer.Score(f);
        r.SubtotalOf("3").ShouldBe(expected);
        r.ApplicableMax.ShouldBe(30m);
        if (expected == 10)
            Explainer.Explain(r, "3.3").ShouldContain("“专项工作”最高 10 分，超出的 2.5 分不计");
    }

    // ---- 5. parts by unit class, responsibility lists ------------------------------------------------

    [Theory]
    // 「在信用网站公示信用承诺得2分，开展行政许可、行政处罚双公示得2分（乡镇公示信用承诺得4分）」.
    [InlineData("dept", true, true, 4)]
    [InlineData("dept", true, false, 2)]
    [InlineData("town", true, false, 4)]
    [InlineData("town", false, true, 0)]
    public void Score_PledgeItem_EachClassByItsOwnParts(string unitClass, bool pledges, bool dual, decimal expected)
    {
        var f = Unit("u", unitClass, "某单位").Set("pledges_published", FactValue.Bool(pledges)).Set("dual_publicity", FactValue.Bool(dual));
        ItemScore(f, "1.2").ShouldBe(expected);
    }

    [Fact]
    public void Score_TownWithoutTheDualPublicityFact_IsNotMissing()
    {
        var f = Scheme.NewFacts("cg", "town", "城关镇").Set("pledges_published", FactValue.Bool(true));
        var r = Scorer.Score(f);
        r["1.2"].Status.ShouldBe(ItemStatus.Scored);
        r["1.2"].Score.ShouldBe(4m);
        Explainer.Explain(r, "1.2").ShouldNotContain("双公示");
    }

    [Theory]
    // 「牵头单位：县发展改革局、县财政局」: the item applies to the named departments only.
    [InlineData("县发展改革局", true)]
    [InlineData("县财政局", true)]
    [InlineData("县教育局", false)]
    public void Score_ResponsibilityList_AppliesToTheNamedUnitsOnly(string name, bool applies)
    {
        var r = Scorer.Score(Unit("x", "dept", name));
        r["3.1"].Applicable.ShouldBe(applies);
        if (!applies)
            Explainer.Explain(r, IndexOf("3.1")).ShouldBe("本项的责任单位为 县发展改革局、县财政局，不含本单位，不计分也不计入满分");
    }

    [Fact]
    public void Score_ResponsibilityList_MatchesTheUnitsIdToo()
    {
        var r = Scorer.Score(Scheme.NewFacts("县财政局", "dept").Set("demo_plan", FactValue.Bool(true)).Set("demo_accepted", FactValue.Bool(false)));
        r["3.1"].Score.ShouldBe(2m);
    }

    [Theory]
    [InlineData(File, "dual_publicity", "仅县直单位填写")]
    [InlineData(File, "demo_plan", "仅责任单位（县发展改革局、县财政局）填写")]
    [InlineData(File, "pledges_published", null)]           // read by both classes' parts
    [InlineData(File, "arrears", null)]
    [InlineData("000-heihe-grassroots-2023.yaml", "dual_publicity", "仅县（市、区）、乡镇、街道填写")]
    [InlineData("000-heihe-grassroots-2023.yaml", "community_commitments_published", "仅社区填写")]
    public void OnlyFor_FactReadOnlyBySomeUnits_SaysWhoFillsIt(string scheme, string fact, string? expected)
    {
        // The facts template's 填写说明 tells the other units to leave it blank.
        RuleText.OnlyFor(LoadScheme(scheme), fact).ShouldBe(expected);
    }

    // ---- 6. penalties of variable amount --------------------------------------------------------------

    [Theory]
    // 「对未清偿的拖欠账款，按未清偿金额每10万元倒扣0.5分，最多倒扣5分」.
    [InlineData(0, 0)]
    [InlineData(99999, 0)]       // less than one 10万元
    [InlineData(250000, -1)]     // two whole 10万元 × 0.5
    [InlineData(900000, -4.5)]
    [InlineData(3000000, -5)]    // 15 → capped at 5
    public void Score_UnrepaidArrears_PenaltyVariesWithTheAmount(decimal unrepaid, decimal expected)
    {
        var f = Development().Set("arrears", unrepaid == 0 ? Arrears() : Arrears((unrepaid, false), (1000000, true)));
        Scorer.Score(f)["1.1"].Penalty.ShouldBe(expected);
    }

    [Fact]
    public void Explain_VaryingPenalty_IsInWords()
    {
        var r = Scorer.Score(Development().Set("arrears", Arrears((900000, false))));
        var text = Explainer.Explain(r, "1.1");
        text.ShouldContain("未清偿金额倒扣：倒扣 0.5×“拖欠企业账款台账”中并非（“是否已清偿”为“是”）的记录的“拖欠金额（元）”之和÷100000向下取整 = 4.5（拖欠企业账款台账 = 1 条记录） → 倒扣 4.5");
        text.ShouldNotContain("sum(");
        text.ShouldNotContain("repaid");
    }

    [Fact]
    public void Score_LineWithAMissingLedger_MakesTheItemMissingAndNamesIt()
    {
        var f = Scheme.NewFacts("fgj", "dept", "县发展改革局");
        var r = Scorer.Score(f);
        r["1.1"].Status.ShouldBe(ItemStatus.Missing);
        Explainer.Explain(r, "1.1").ShouldBe("缺少事实：拖欠企业账款台账，本项计 0 分");
    }

    [Fact]
    public void Score_NegativeAmount_IsAnErrorInWordsNotPointsGiven()
    {
        var text = System.IO.File.ReadAllText(Path.Combine(SchemeDirectory, File))
            .Replace("amount: \"0.5 * floor(sum(arrears, amount, not repaid) / 100000)\"", "amount: \"0 - count(arrears)\"");
        var scheme = new CompiledScheme(SchemeLoader.Parse(text, "x.yaml"));
        var f = scheme.NewFacts("fgj", "dept", "县发展改革局").Set("arrears", Arrears((100, true)));
        var r = Scorer.Score(f);
        r["1.1"].Status.ShouldBe(ItemStatus.Error);
        Explainer.Explain(r, "1.1").ShouldContain("无法计算：扣减数额为 -1，不能为负");
    }

    [Theory]
    // 「开展信用修复宣传每次得1分，推荐诚信典型每个得2.5分，以上两项最高得6分」.
    [InlineData(5, 2, 6)]     // 5 + 5 = 10 → 6
    [InlineData(2, 1, 4.5)]   // 2 + 2.5
    public void Score_TwoItemsMostSix_GiveAtMostSixTogether(int campaigns, int models, decimal expected)
    {
        var text = System.IO.File.ReadAllText(Path.Combine(SchemeDirectory, File))
            .Replace("    capped: true\n", "    caps:\n      - { items: [\"3.2\", \"3.3\"], most: 6, label: 以上两项最高得6分 }\n");
        var scheme = new CompiledScheme(SchemeLoader.Parse(text, "x.yaml"));
        var f = scheme.NewFacts("jyj", "dept", "县教育局").Set("repair_campaigns", FactValue.Count(campaigns)).Set("models_recommended", FactValue.Count(models));
        var r = Scorer.Score(f);
        r.SubtotalOf("3").ShouldBe(expected);
        if (expected == 6)
            Explainer.Explain(r, scheme.Items.Single(i => i.Item.Id == "3.3").Index)
                .ShouldContain("以上两项最高得6分：“信用修复宣传”、“诚信典型推荐”合计超过 6 分，超出的 4 分在“专项工作”中核减");
    }

    [Fact]
    public void Score_CapAcrossItemsWithAMissingItem_GivesNothingBackForIt()
    {
        // 通报批评 1 (lost 2) and 约谈 2 (lost 4), 问责 not reported: lost 6 → 1 given back; the missing item stays 0.
        var f = Scheme.NewFacts("fgj", "dept", "县发展改革局").Set("reprimands", FactValue.Count(1)).Set("interviews", FactValue.Count(2));
        var r = Scorer.Score(f);
        r["2.3"].Status.ShouldBe(ItemStatus.Missing);
        r.SubtotalOf("2").ShouldBe(3m);    // 2 + 0 + 0 + 1
    }

    [Fact]
    public void Explain_SeedSpotCheckDeduction_IsInWords()
    {
        // seed 003: 「发现有未完成具体措施情形的，减除该市（地）相应得分」, now an amount taken off the item.
        var scheme = Compile("003-heihe-taskforce-monthly-2022.yaml");
        var f = scheme.NewFacts("aihui", "county").Set("measures", LedgerOf(6, 2)).Set("spot_unfinished", FactValue.Count(1));
        var line = Explainer.Lines(Scorer.Score(f), 0).Single(l => l.StartsWith("4.减分项", StringComparison.Ordinal));
        line.ShouldContain("= 5");
        line.ShouldEndWith("→ -5");
        line.ShouldNotContain("spot_unfinished");
        line.ShouldNotContain("measures");
    }

    // ---- whole units, scored by hand ------------------------------------------------------------------

    [Fact]
    public void Score_DevelopmentBureau_ByHand()
    {
        var f = Development()
            .Set("arrears", Arrears((300000, false), (600000, false), (800000, true))) // 1.1: 4 − 1 − 2 − 2 → 0; 倒扣 0.5 × 9 = 4.5
            .Set("dual_publicity", FactValue.Bool(false))                             // 1.2: 2 + 0 = 2
            .Set("reprimands", FactValue.Count(1)).Set("interviews", FactValue.Count(1)) // 2: 2 + 2 + 0, lost 8 → 5: 7
            .Set("accountabilities", FactValue.Count(1))
            .Set("repair_campaigns", FactValue.Count(6)).Set("models_recommended", FactValue.Count(1)); // 3: 5 + 5 + 2.5 = 12.5 → 10
        var r = Scorer.Score(f);
        r["1.1"].Score.ShouldBe(0m);
        r["1.1"].Penalty.ShouldBe(-4.5m);
        r.SubtotalOf("1").ShouldBe(-2.5m);
        r.SubtotalOf("2").ShouldBe(7m);
        r.SubtotalOf("3").ShouldBe(10m);
        // −2.5 + 7 + 10 = 14.5
        r.Total.ShouldBe(14.5m);
        r.ApplicableMax.ShouldBe(30m);
        r.Grade.ShouldBe("不合格");
    }

    [Fact]
    public void Score_TownNotNamedInTheList_ByHand()
    {
        var f = Unit("cg", "town", "城关镇")
            .Set("arrears", Arrears((200000, true)))            // 1.1: 4 − 1 = 3
            .Set("repair_campaigns", FactValue.Count(3));      // 1.2: 4 (乡镇); 2: 12; 3: 3.1 不适用, 3 + 5 = 8
        var r = Scorer.Score(f);
        r["3.1"].Applicable.ShouldBeFalse();
        r.ApplicableMax.ShouldBe(30m);                         // 4 + 4 + 12 + 5 + 5
        r.Total.ShouldBe(27m);                                 // 3 + 4 + 12 + 8
        r.Grade.ShouldBe("优秀");
    }

    // ---- format: strict loading, round trip, lint ---------------------------------------------------

    [Fact]
    public void Write_Example_LoadsBackTheSame()
    {
        var s = LoadScheme(File);
        var text = SchemeWriter.Write(s);
        text.ShouldContain("for:");
        text.ShouldContain("amount:");
        text.ShouldContain("capped: true");
        text.ShouldContain("mostOff: 5");
        text.ShouldContain("units: [县发展改革局, 县财政局]");
        text.ShouldContain("classes: [town]");
        var again = SchemeLoader.Parse(text, "written.yaml");
        SchemeWriter.Write(again).ShouldBe(text);
        var f = new CompiledScheme(again).NewFacts("fgj", "dept", "县发展改革局").Set("arrears", Arrears((300000, false), (600000, false)))
            .Set("pledges_published", FactValue.Bool(true)).Set("dual_publicity", FactValue.Bool(false))
            .Set("reprimands", FactValue.Count(2)).Set("interviews", FactValue.Count(2)).Set("accountabilities", FactValue.Count(0))
            .Set("demo_plan", FactValue.Bool(true)).Set("demo_accepted", FactValue.Bool(true))
            .Set("repair_campaigns", FactValue.Count(5)).Set("models_recommended", FactValue.Count(2));
        // 1: 1 − 4.5 + 2; 2: 0 + 0 + 4 lost 8 → 7; 3: 15 → 10
        Scorer.Score(f).Total.ShouldBe(15.5m);
    }

    [Fact]
    public void Lint_Example_HasNoFindings()
    {
        Linter.Lint(LoadScheme(File)).Where(f => f.Code != "recorded-reading").Select(Linter.Format).ShouldBeEmpty();
    }

    [Fact]
    public void Lint_CommunityPartAboveTheItemMax_IsReportedForThatClass()
    {
        var text = System.IO.File.ReadAllText(Path.Combine(SchemeDirectory, File)).Replace("points: 4, label: 乡镇公示信用承诺", "points: 6, label: 乡镇公示信用承诺");
        var finding = Linter.Lint(SchemeLoader.Parse(text, "x.yaml")).Where(f => f.Code == "item-max-exceeded").ShouldHaveSingleItem();
        finding.Message.ShouldBe("指标“信用承诺公示”满分 4 分，评分规则（乡镇）最多可得 6 分");
    }

    [Fact]
    public void Lint_LinesFromABaseOfZero_NeverTakeAnything()
    {
        var text = System.IO.File.ReadAllText(Path.Combine(SchemeDirectory, File)).Replace("              base: 4\n", "              base: 0\n");
        Linter.Lint(SchemeLoader.Parse(text, "x.yaml")).ShouldContain(f => f.Code == "deduction-base-zero" && f.Message.Contains("arrears"));
    }

    [Fact]
    public void Lint_CapThatCannotBind_IsAWarning()
    {
        var text = System.IO.File.ReadAllText(Path.Combine(SchemeDirectory, File)).Replace("mostOff: 5", "mostOff: 12");
        Linter.Lint(SchemeLoader.Parse(text, "x.yaml")).ShouldContain(f => f.Code == "cap-never-binds" && f.Severity == LintSeverity.Warning);
    }

    [Theory]
    [InlineData("              base: 4\n", "              base: 4\n              fact: arrears\n", "写了 for 的规则不能再写 fact")]
    [InlineData("amount: \"0.5 * floor(sum(arrears, amount, not repaid) / 100000)\"", "amount: \"0.5 * floor(sum(arrears, amount, not repaid) / 100000)\", each: 1", "写了 amount 的规则不能再写 each")]
    [InlineData("mostOff: 5", "mostOff: 5, most: 3", "合并上限须写 most（最高得分）或 mostOff（最高扣分）之一")]
    [InlineData("items: [\"2.1\", \"2.2\", \"2.3\"]", "items: [\"2.1\", \"2.2\", \"3.3\"]", "合并上限引用了不在本类别中的指标 '3.3'")]
    [InlineData("classes: [town] }", "classes: [village] }", "规则引用了未声明的单位类别 'village'")]
    public void Load_MalformedConstruct_FailsWithFileLineAndColumnInChinese(string from, string to, string message)
    {
        var text = System.IO.File.ReadAllText(Path.Combine(SchemeDirectory, File));
        text.ShouldContain(from);
        var e = Should.Throw<SchemeLoadException>(() => SchemeLoader.Parse(text.Replace(from, to), "x.yaml"));
        e.Message.ShouldContain(message);
        e.Message.ShouldStartWith("x.yaml:");
    }

    private static int IndexOf(string itemId) => Scheme.Items.Single(i => i.Item.Id == itemId).Index;
}
