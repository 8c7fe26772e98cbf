using System.Globalization;
using Chengxin.Domain.Calendar;
using Chengxin.Domain.Linting;
using Chengxin.Domain.Schemes;
using Chengxin.Domain.Scoring;
using static Chengxin.Domain.Tests.TestSupport;

namespace Chengxin.Domain.Tests.Scoring;

/// <summary>
/// Conditions on a ledger's records, dates and working days, and arithmetic over ledgers, on
/// schemes/examples/records-and-dates.yaml. Every expected score is worked out by hand in the comment
/// above it, with the official 2023 calendar (国庆 9.29–10.6 放假，10.7、10.8 调休上班).
/// </summary>
public class RecordsAndDatesTests
{
    private static readonly WorkingDayCalendar Official =
        WorkingDayCalendar.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "calendars", "cn-mainland.yaml")), "cn-mainland.yaml");

    private static readonly CompiledScheme Scheme = new(LoadScheme("examples/records-and-dates.yaml"), Official);

    private static UnitFacts Dept(CompiledScheme? scheme = null) => (scheme ?? Scheme).NewFacts("d1", "dept", "县发改局");

    private static FactValue D(string date) => FactValue.Date(DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture));

    private static FactValue Documents(params (string Issued, bool Stamped)[] docs) =>
        Ledger([.. docs.Select((d, i) => Row(("title", FactValue.OfText($"文件{i}")), ("issued", D(d.Issued)), ("stamped", FactValue.Bool(d.Stamped))))]);

    private static FactValue Arrears(params decimal[] amounts) =>
        Ledger([.. amounts.Select((a, i) => Row(("creditor", FactValue.OfText($"企业{i}")), ("amount", FactValue.Num(a))))]);

    private static FactValue Articles(params (string Level, string Published)[] articles) =>
        Ledger([.. articles.Select((a, i) => Row(("headline", FactValue.OfText($"稿件{i}")), ("level", FactValue.OfText(a.Level)), ("published", D(a.Published))))]);

    private static FactValue Decisions(params (string Decided, string Reported)[] rows) =>
        Ledger([.. rows.Select((r, i) => Row(("case_no", FactValue.OfText($"许可〔2023〕{i}号")), ("decided", D(r.Decided)), ("reported", D(r.Reported))))]);

    // 2023-03-01 → 03-13: 3.2, 3.3, 3.6–3.10, 3.13 = 8 working days: late. 2023-09-28 → 10-10: 10.7, 10.8, 10.9, 10.10 = 4: on time.
    private static readonly (string, string) Late = ("2023-03-01", "2023-03-13");
    private static readonly (string, string) OnTimeOverTheHoliday = ("2023-09-28", "2023-10-10");
    private static readonly (string, string) SameDay = ("2023-05-10", "2023-05-10");

    private static int IndexOf(string itemId) => Scheme.Items.Single(i => i.Item.Id == itemId).Index;

    // ---- 1. conditions on a record's fields ---------------------------------------------------------

    [Fact]
    public void Score_DocumentsIssuedIn2023AndStamped_CountOnlyThose()
    {
        // 「文件需2023年发布且盖章」，每份得1分：2023 盖章 ×2 计分；2022 年发布的、未盖章的不计 → 2 分。
        var f = Dept().Set("documents", Documents(("2023-03-01", true), ("2022-12-30", true), ("2023-06-01", false), ("2023-10-10", true)));
        var r = Scorer.Score(f);
        r["1.1"].Score.ShouldBe(2m);
        Explainer.Explain(r, "1.1").ShouldBe("制度文件：信用制度文件台账 = 4 条记录，其中“发布日期”的年份等于2023且“是否盖章”为“是”的 2 条 × 1 → 2；得分 2 / 3");
    }

    [Theory]
    // 「单笔50万元以上每笔扣2分，扣完为止」：基础分 4 分；50 万整算「以上」。
    [InlineData(new[] { 120000.0 }, 4)]
    [InlineData(new[] { 500000.0, 499999.99 }, 2)]
    [InlineData(new[] { 600000.0, 500000.0, 80000.0 }, 0)]
    [InlineData(new[] { 600000.0, 700000.0, 800000.0 }, 0)]
    public void Score_ArrearsOfHalfAMillionOrMore_DeductTwoPointsEach(double[] amounts, decimal expected)
    {
        var f = Dept().Set("arrears", Arrears([.. amounts.Select(a => (decimal)a)]));
        ItemScore(f, "1.2").ShouldBe(expected);
    }

    [Fact]
    public void Score_ArticlesByLevel_EachEarnsItsLevelsPointsWithinThePeriod()
    {
        // 「稿件按国家级/省级/市级/县级分别计分」：国家级 3 + 省级 2 + 县级 0.5；2022-12-31 刊发的县级稿件在考评期外，不计；乡镇级不在表中，不计 → 5.5。
        var f = Dept().Set("articles", Articles(("国家级", "2023-02-01"), ("省级", "2023-05-01"), ("县级", "2023-12-31"), ("县级", "2022-12-31"), ("乡镇级", "2023-07-01")));
        var r = Scorer.Score(f);
        r["2.1"].Score.ShouldBe(5.5m);
        Explainer.Explain(r, "2.1").ShouldBe("宣传稿件：宣传稿件台账 = 5 条记录，其中“刊发日期”在考评期间内的计分，国家级 1 条 × 3，省级 1 条 × 2，县级 1 条 × 0.5 → 5.5；得分 5.5 / 6");
    }

    [Fact]
    public void Score_ArticlesAboveTheCap_StopAtSix()
    {
        // 国家级 ×3 = 9，最高得6分。
        var f = Dept().Set("articles", Articles(("国家级", "2023-02-01"), ("国家级", "2023-03-01"), ("国家级", "2023-04-01")));
        var r = Scorer.Score(f);
        r["2.1"].Score.ShouldBe(6m);
        Explainer.Explain(r, "2.1").ShouldContain("→ 6（最高 6）");
    }

    [Fact]
    public void Score_RecordMissingAColumnTheConditionReads_IsAnErrorNamingTheColumn()
    {
        var f = Dept().Set("arrears", Ledger(Row(("creditor", FactValue.OfText("企业甲")))));
        var r = Scorer.Score(f);
        r["1.2"].Status.ShouldBe(ItemStatus.Error);
        Explainer.Explain(r, "1.2").ShouldContain("有记录缺少“拖欠金额（元）”");
    }

    // ---- 2. working days and dates -------------------------------------------------------------------

    [Theory]
    // 「上报日期与决定日期相差超过7个工作日为迟报」；迟报率为0得5分，每高出10个百分点扣1分。
    [InlineData(0, 4, 5)]   // 迟报率 0 → 满分（不是「达到 0」）
    [InlineData(1, 7, 3)]   // 1 ÷ 8 = 12.5%，超出 2 个 10 → 5 − 2 = 3
    [InlineData(1, 3, 2)]   // 1 ÷ 4 = 25% → 5 − 3 = 2
    [InlineData(3, 1, 0)]   // 75% → 5 − 8，扣完为止
    public void Score_LateReportRate_LowerIsBetter(int late, int onTime, decimal expected)
    {
        var rows = Enumerable.Repeat(Late, late).Concat(Enumerable.Repeat(OnTimeOverTheHoliday, onTime)).ToArray();
        ItemScore(Dept().Set("decisions", Decisions(rows)), "2.2").ShouldBe(expected);
    }

    [Fact]
    public void Score_ReportTwelveCalendarDaysAfterOverNationalDay_IsFourWorkingDaysAndNotLate()
    {
        var r = Scorer.Score(Dept().Set("decisions", Decisions(OnTimeOverTheHoliday, SameDay)));
        r["2.2"].Score.ShouldBe(5m);
        Explainer.Explain(r, "2.2").ShouldBe(
            "迟报率（%）：“行政许可和行政处罚决定台账”中“决定日期”至“上报日期”相隔的工作日数＞7的记录条数×100÷“行政许可和行政处罚决定台账”的记录条数 = 0，不高于 0 → 5；得分 5 / 5");
    }

    [Theory]
    // 「7个工作日内上报的比率达到95%以上得4分，80%以上得2分，低于80%不得分」
    [InlineData(0, 5, 4)]
    [InlineData(1, 7, 2)]   // 7 ÷ 8 = 87.5%
    [InlineData(1, 3, 0)]   // 75%
    public void Score_OnTimeRateBands_ReadTheRateFromTheLedger(int late, int onTime, decimal expected)
    {
        var rows = Enumerable.Repeat(Late, late).Concat(Enumerable.Repeat(OnTimeOverTheHoliday, onTime)).ToArray();
        ItemScore(Dept().Set("decisions", Decisions(rows)), "2.3").ShouldBe(expected);
    }

    [Fact]
    public void Score_RateOverAnEmptyLedger_IsDivisionByZeroAsForAnyFormula()
    {
        var r = Scorer.Score(Dept().Set("decisions", Decisions()));
        r["2.2"].Status.ShouldBe(ItemStatus.Error);
        Explainer.Explain(r, "2.2").ShouldContain("无法计算：除数为零");
    }

    [Fact]
    public void Score_DateInAYearTheCalendarLacks_IsAnErrorNeverAGuess()
    {
        var r = Scorer.Score(Dept().Set("decisions", Decisions(("2021-12-01", "2021-12-03"))));
        r["2.2"].Status.ShouldBe(ItemStatus.Error);
        r["2.2"].Score.ShouldBe(0m);
        Explainer.Explain(r, "2.2").ShouldContain("未包含 2021 年的节假日安排");
    }

    [Fact]
    public void Score_WorkingDaysWithoutACalendar_IsAnErrorSayingSo()
    {
        var bare = new CompiledScheme(LoadScheme("examples/records-and-dates.yaml"));
        var r = Scorer.Score(Dept(bare).Set("decisions", Decisions(SameDay)));
        r["2.2"].Status.ShouldBe(ItemStatus.Error);
        Explainer.Explain(r, "2.2").ShouldContain("未提供节假日日历，无法计算工作日");
    }

    [Theory]
    // 「按期报送得2分，逾期每个工作日扣0.1分，扣完为止」
    [InlineData("2023-09-28", "2023-09-27", 2)]     // 提前报送
    [InlineData("2023-09-28", "2023-09-28", 2)]
    [InlineData("2023-09-28", "2023-10-10", 1.6)]   // 国庆长假后：4 个工作日
    [InlineData("2023-03-01", "2023-04-28", 0)]     // 41 个工作日，扣完为止
    public void Score_LateReportByWorkingDays_DeductsATenthEach(string due, string sent, decimal expected)
    {
        ItemScore(Dept().Set("report_due", D(due)).Set("report_sent", D(sent)), "2.4").ShouldBe(expected);
    }

    [Fact]
    public void Score_MissingDateFact_NamesItAndScoresZero()
    {
        var r = Scorer.Score(Dept().Set("report_due", D("2023-09-28")));
        r["2.4"].Status.ShouldBe(ItemStatus.Missing);
        Explainer.Explain(r, "2.4").ShouldBe("缺少事实：报告报送日期，本项计 0 分");
    }

    [Fact]
    public void Explain_DateFormula_SpeaksInWordsWithoutKeysOrSource()
    {
        var r = Scorer.Score(Dept().Set("report_due", D("2023-09-28")).Set("report_sent", D("2023-10-10")));
        var text = Explainer.Explain(r, "2.4");
        text.ShouldBe("按期报送得2分，逾期每个工作日扣0.1分，扣完为止（报告报送期限 = 2023-09-28，报告报送日期 = 2023-10-10）→ 1.6；得分 1.6 / 2");
        text.ShouldNotContain("report_");
        text.ShouldNotContain("workdays");
    }

    // ---- 3. arithmetic over ledgers -----------------------------------------------------------------

    [Theory]
    // 企业甲 40万、企业乙 120万、企业丙 60万.
    [InlineData("count(arrears)", "3")]
    [InlineData("count(arrears, amount >= 500000)", "2")]
    [InlineData("sum(arrears, amount)", "2200000")]
    [InlineData("sum(arrears, amount, amount < 1000000)", "1000000")]
    [InlineData("avg(arrears, amount, creditor != '企业乙')", "500000")]
    [InlineData("minOf(arrears, amount)", "400000")]
    [InlineData("maxOf(arrears, amount, creditor != '企业乙')", "600000")]
    [InlineData("count(arrears, creditor in ['企业甲', '企业丙'])", "2")]
    [InlineData("count(arrears, not (creditor == '企业甲'))", "2")]
    [InlineData("count(arrears, amount >= 500000) * 100 / count(arrears)", "66.666666666666666666666666667")]
    public void Evaluate_LedgerArithmetic_GivesExactDecimals(string expr, string expected)
    {
        var arrears = Ledger(
            Row(("creditor", FactValue.OfText("企业甲")), ("amount", FactValue.Num(400000))),
            Row(("creditor", FactValue.OfText("企业乙")), ("amount", FactValue.Num(1200000))),
            Row(("creditor", FactValue.OfText("企业丙")), ("amount", FactValue.Num(600000))));
        var scope = new FormulaScope(Dept().Set("arrears", arrears));
        FormulaParser.Parse(expr).Eval(scope).ShouldBe(decimal.Parse(expected, CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Evaluate_AverageOfNoRecords_IsAnErrorNotZero()
    {
        var scope = new FormulaScope(Dept().Set("arrears", Arrears()));
        Should.Throw<FormulaException>(() => FormulaParser.Parse("avg(arrears, amount)").Eval(scope)).Message.ShouldContain("没有符合条件的记录");
    }

    [Theory]
    [InlineData("count(x, count(y))", "不能在台账条件里再统计台账")]
    [InlineData("sum(x)", "缺少 ','")]
    [InlineData("date('2023-13-01')", "date('yyyy-MM-dd')")]
    [InlineData("a in [1, 2", "缺少 ']'")]
    [InlineData("level == '国家级", "缺少结束引号")]
    public void Parse_BadRecordFormula_SaysWhatIsWrong(string expr, string message)
    {
        Should.Throw<FormulaException>(() => FormulaParser.Parse(expr)).Message.ShouldContain(message);
    }

    [Fact]
    public void FactsIn_AggregateReadsTheLedgerNotItsColumns()
    {
        FormulaParser.FactsIn("count(decisions, workdays(decided, reported) > 7) / count(decisions) + bonus_points").ShouldBe(["decisions", "bonus_points"]);
    }

    // ---- format: loader, writer, linter --------------------------------------------------------------

    [Fact]
    public void Write_RecordsScheme_LoadsBackEqual()
    {
        var s = LoadScheme("examples/records-and-dates.yaml");
        var text = SchemeWriter.Write(s);
        var again = SchemeLoader.Parse(text, "written.yaml");
        SchemeWriter.Write(again).ShouldBe(text);
        again.Items.Single(i => i.Id == "2.2").Rule.Single().ShouldBeOfType<Steps>().LowerIsBetter.ShouldBeTrue();
        again.Items.Single(i => i.Id == "2.1").Rule.Single().ShouldBeOfType<PerRecord>().Points.Count.ShouldBe(4);
    }

    [Fact]
    public void Lint_RecordsScheme_Passes()
    {
        Linter.Lint(LoadScheme("examples/records-and-dates.yaml")).ShouldBeEmpty();
    }

    [Fact]
    public void Lint_WorkingDaysOverAYearTheCalendarLacks_IsAnErrorOnEachSuchItem()
    {
        var text = File.ReadAllText(Path.Combine(SchemeDirectory, "examples", "records-and-dates.yaml"))
            .Replace("range: { from: 2023-01-01, to: 2023-12-31 }", "range: { from: 2020-07-01, to: 2021-06-30 }", StringComparison.Ordinal);
        var findings = Linter.Lint(SchemeLoader.Parse(text, "records-2020.yaml"), Official).Where(f => f.Code == "calendar-year-missing").ToList();
        findings.Select(f => f.NodeId).ShouldBe(["2.2", "2.3", "2.4"]);
        findings[0].Message.ShouldContain("未包含 2020、2021 年的节假日安排");
    }

    [Fact]
    public void Lint_WorkingDaysWithinTheCalendar_AddsNothing()
    {
        Linter.Lint(LoadScheme("examples/records-and-dates.yaml"), Official).ShouldBeEmpty();
    }

    private static Scheme WithRule(string rule) => SchemeLoader.Parse($$"""
        id: t
        title: 测试
        period: year
        total: 4
        classes: [{ id: dept, name: 县直单位 }]
        categories:
          - id: "1"
            title: 类
            max: 4
            items:
              - id: "1.1"
                title: 项
                max: 4
                facts:
                  - key: arrears
                    label: 拖欠企业账款台账
                    type: ledger
                    supplier: unit
                    columns:
                      - { key: amount, label: 拖欠金额, type: number }
                      - { key: paid, label: 是否已清偿, type: bool }
                rule:
                  - {{rule}}
        """, "t.yaml");

    [Fact]
    public void Load_ConditionThatDoesNotParse_NamesLineAndColumnInChinese()
    {
        var e = Should.Throw<SchemeLoadException>(() => WithRule("""deduction: { fact: arrears, base: 4, each: 2, where: "amount >= " }"""));
        e.Message.ShouldContain("t.yaml:23:66:");
        e.Message.ShouldContain("条件错误");
    }

    [Fact]
    public void Load_StepsWithBothFactAndExpr_IsRefused()
    {
        Should.Throw<SchemeLoadException>(() => WithRule("""steps: { fact: arrears, expr: "count(arrears)", points: 4, threshold: 0, step: 1, per: 1 }"""))
            .Message.ShouldContain("fact 与 expr 只能写一个");
    }

    [Fact]
    public void Lint_ConditionOnAnUndeclaredColumn_IsATypeMismatch()
    {
        var findings = Linter.Lint(WithRule("""deduction: { fact: arrears, base: 4, each: 2, where: "sum >= 500000 and not paid" }"""));
        findings.ShouldContain(f => f.Code == "fact-type-mismatch" && f.Message.Contains("where 列 sum 不是台账 arrears 的列"));
    }

    [Fact]
    public void Lint_AggregateOverAnUndeclaredColumn_IsATypeMismatch()
    {
        var findings = Linter.Lint(WithRule("""formula: { expr: "min(4, sum(arrears, amount_due) / 100000)" }"""));
        findings.ShouldContain(f => f.Code == "fact-type-mismatch" && f.Message.Contains("amount_due"));
    }

    [Fact]
    public void Lint_PerRecordByANumberColumn_IsATypeMismatch()
    {
        var findings = Linter.Lint(WithRule("""perRecord: { fact: arrears, by: amount, points: { "100": 1 }, cap: 4 }"""));
        findings.ShouldContain(f => f.Code == "fact-type-mismatch" && f.Message.Contains("by 列 amount 应为 text"));
    }

    [Fact]
    public void Lint_PerRecordWithoutCap_ExceedsTheItemMax()
    {
        Linter.Lint(WithRule("""perRecord: { fact: arrears, by: amount, points: { 甲: 1 } }"""))
            .ShouldContain(f => f.Code == "item-max-exceeded");
    }

    [Fact]
    public void Lint_LedgerRateFormula_IsBoundedByItsClamp()
    {
        // 4 × (1 − 迟报率): a rate of rows lies in [0, 1] only with its guard; min() bounds it at the item max.
        Linter.Lint(WithRule("""formula: { expr: "min(4, 4 * count(arrears, paid) / max(1, count(arrears)))" }"""))
            .ShouldNotContain(f => f.Code.StartsWith("item-max", StringComparison.Ordinal));
    }
}
