using System.Globalization;
using Chengxin.Domain.Calendar;
using Chengxin.Domain.Linting;
using Chengxin.Domain.Scoring;
using static Chengxin.Domain.Tests.TestSupport;

namespace Chengxin.Domain.Tests.Examples;

/// <summary>
/// schemes/examples/nanchang-county-departments-2023.yaml, from 南信办字〔2023〕7号, scores departments as worked out
/// by hand in the comment above each unit, with the official 2023 calendar (国庆、中秋 9.29–10.6 放假，10.7、10.8 调休上班).
/// </summary>
public class NanchangCountyTests
{
    private static readonly WorkingDayCalendar Official =
        WorkingDayCalendar.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "calendars", "cn-mainland.yaml")), "cn-mainland.yaml");

    private static readonly CompiledScheme Scheme = new(LoadScheme("examples/nanchang-county-departments-2023.yaml"), Official);

    private static FactValue D(string date) => FactValue.Date(DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture));

    private static FactValue Documents(params (string Issued, bool Stamped)[] docs) =>
        Ledger([.. docs.Select((d, i) => Row(("title", FactValue.OfText($"复函{i}")), ("kind", FactValue.OfText(i % 2 == 0 ? "配合" : "落实")),
            ("issued", D(d.Issued)), ("stamped", FactValue.Bool(d.Stamped))))]);

    private static FactValue Stamped2023(int n) => Documents([.. Enumerable.Repeat(("2023-05-10", true), n)]);

    private static FactValue Records(params (string Decided, string Reported, bool Compliant)[] rows) =>
        Ledger([.. rows.Select((r, i) => Row(("case_no", FactValue.OfText($"南市监罚〔2023〕{i}号")), ("decided", D(r.Decided)),
            ("reported", D(r.Reported)), ("compliant", FactValue.Bool(r.Compliant))))]);

    private static FactValue OnTime(int compliant, int notCompliant) =>
        Records([.. Enumerable.Repeat(("2023-03-01", "2023-03-03", true), compliant), .. Enumerable.Repeat(("2023-03-01", "2023-03-03", false), notCompliant)]);

    private static UnitFacts Dept(string id, string name) => Scheme.NewFacts(id, "dept", name);

    // 发改委: 9 stamped 2023 documents → 4.5, held at 4; no omission → 2; 3 records all compliant and on time → 2 + 5. 4 + 9 = 13, 优秀.
    private static UnitFacts Development() => Dept("fgw", "县发改委")
        .Set("county_documents", Stamped2023(9)).Set("omissions_found", FactValue.Count(0)).Set("dual_records", OnTime(3, 0));

    // 市场监管局: documents 3 stamped of 2023 + 1 unstamped + 1 stamped of 2022 → 3 × 0.5 = 1.5.
    // 5 omissions: 2 − 5 × 0.5 → 0 (扣完为止). 4 records, 1 not compliant: 75% → 0.
    // 9.15 → 10.20 is 35 calendar days but 21 working days (9.18–9.28: 9; 10.7、10.8: 2; 10.9–10.20: 10): late.
    // 9.15 → 10.19 is 20 working days: not late (more than 20 is late). 迟报率 1/4: 5 − 5 × 1/4 = 3.75.
    // 1.5 + 0 + 0 + 3.75 = 5.25, 不合格.
    private static UnitFacts Market() => Dept("scjgj", "县市场监管局")
        .Set("county_documents", Documents(("2023-02-01", true), ("2023-06-01", true), ("2023-11-30", true), ("2023-07-01", false), ("2022-12-30", true)))
        .Set("omissions_found", FactValue.Count(5))
        .Set("dual_records", Records(("2023-09-15", "2023-10-20", true), ("2023-09-15", "2023-10-19", true), ("2023-03-01", "2023-03-02", true), ("2023-04-03", "2023-04-04", false)));

    // 统计局: no documents → 0; 1 omission → 1.5; 49 of 50 records compliant: 98% (以上 includes 98) → 1; none late → 5. 7.5, 不合格.
    private static UnitFacts Statistics() => Dept("tjj", "县统计局")
        .Set("county_documents", Documents()).Set("omissions_found", FactValue.Count(1)).Set("dual_records", OnTime(49, 1));

    // 档案馆 made no 行政许可 or 行政处罚 decision: no records lose nothing → 2 + 5; no omission → 2; 4 documents → 2. 11, 合格.
    private static UnitFacts Archives() => Dept("dag", "县档案馆")
        .Set("county_documents", Stamped2023(4)).Set("omissions_found", FactValue.Count(0)).Set("dual_records", Records());

    [Fact]
    public void Lint_NanchangExample_IsClean()
    {
        Linter.Lint(LoadScheme("examples/nanchang-county-departments-2023.yaml"))
            .Where(f => f.Severity is LintSeverity.Error or LintSeverity.Warning && !f.IsResolved).ShouldBeEmpty();
    }

    [Fact]
    public void Score_DepartmentWithEverythingInOrder_GetsFullMarksAndTheTopGrade()
    {
        var r = Scorer.Score(Development());
        r["1.1"].Score.ShouldBe(4m);
        r["2.1"].Score.ShouldBe(9m);
        r.Total.ShouldBe(13m);
        r.Grade.ShouldBe("优秀");
    }

    [Fact]
    public void Score_DepartmentWithFiveOmissionsAndOneLateRecord_FloorsCompletenessAtZeroAndCountsWorkingDays()
    {
        var r = Scorer.Score(Market());
        r["1.1"].Score.ShouldBe(1.5m);
        r["2.1"].Score.ShouldBe(3.75m);
        r.Total.ShouldBe(5.25m);
        r.Grade.ShouldBe("不合格");
        var text = Explainer.Explain(r, "2.1");
        text.ShouldContain("扣完为止");
        text.ShouldContain("迟报");
        text.ShouldNotContain("dual_records");
        text.ShouldNotContain("workdays");
    }

    [Fact]
    public void Score_DocumentsUnstampedOrOfAnotherYear_EarnNothing()
    {
        var r = Scorer.Score(Market());
        var text = Explainer.Explain(r, "1.1");
        text.ShouldContain("5 条记录");
        text.ShouldContain("3 条 × 0.5");
    }

    [Fact]
    public void Score_NinetyEightPercentCompliant_GetsOneOfTwoPoints()
    {
        var r = Scorer.Score(Statistics());
        r["2.1"].Score.ShouldBe(7.5m);   // 1.5 + 1 + 5
        r.Total.ShouldBe(7.5m);
        r.Grade.ShouldBe("不合格");
    }

    [Fact]
    public void Score_DepartmentWithoutDecisions_LosesNothingOnRates()
    {
        var r = Scorer.Score(Archives());
        r["2.1"].Score.ShouldBe(9m);
        r.Total.ShouldBe(11m);
        r.Grade.ShouldBe("合格");
    }

    [Fact]
    public void Score_SpotCheckNotYetReported_ScoresTheRowsOtherPartsAndNamesTheMissingOne()
    {
        var f = Scheme.NewFacts("swj", "dept", "县商务局").Set("county_documents", Stamped2023(8)).Set("dual_records", OnTime(2, 0));
        var r = Scorer.Score(f);
        // completeness missing → 0; 合规率 100% → 2; 迟报率 0 → 5: 7 of 9, and 4 for documents.
        r["2.1"].Score.ShouldBe(7m);
        r.Total.ShouldBe(11m);
        var text = Explainer.Explain(r, "2.1");
        text.ShouldContain("国家抽查发现的“双公示”漏报瞒报条数");
        text.ShouldContain("此部分计 0 分");
    }

    [Fact]
    public void Rank_FourDepartments_OrderByTotal()
    {
        var totals = new[] { Development(), Market(), Statistics(), Archives() }.Select(f => (f.Name, Scorer.Score(f).Total)).OrderByDescending(t => t.Total).ToList();
        totals.Select(t => t.Name).ShouldBe(["县发改委", "县档案馆", "县统计局", "县市场监管局"]);
    }
}
