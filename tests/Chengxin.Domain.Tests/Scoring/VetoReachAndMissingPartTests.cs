using Chengxin.Domain.Linting;
using Chengxin.Domain.Schemes;
using Chengxin.Domain.Scoring;

namespace Chengxin.Domain.Tests.Scoring;

/// <summary>
/// Construct 9 (a veto that zeroes a category or the total, not only the grade), construct 10 (a missing
/// sub-fact zeroes only its own part) and rounding to the scheme's declared precision, on small schemes.
/// </summary>
public class VetoReachAndMissingPartTests
{
    private const string Scheme = """
        id: veto-reach
        title: 否决范围示例
        period: year
        total: 20
        classes:
          - { id: dept, name: 县直单位 }
        grades:
          - { name: 优秀, min: 18 }
          - { name: 合格, min: 12 }
          - { name: 不合格, min: 0 }
        vetoes:
          - { fact: major_accident, grade: 不合格, label: 发生重大安全生产责任事故, zeroes: total }
        missingFact: part
        rounding: { digits: 2 }
        categories:
          - id: "1"
            title: 政务诚信
            max: 10
            items:
              - id: "1.1"
                title: 政府守信践诺
                max: 10
                facts:
                  - { key: pledges_kept, label: 是否履行承诺, type: bool, supplier: unit }
                  - { key: meetings, label: 专题会议次数, type: count, supplier: unit }
                  - { key: defaulted_judgment, label: 是否被列为失信被执行人, type: bool, supplier: "provider:县人民法院" }
                rule:
                  - all: { fact: pledges_kept, points: 6, label: 履行承诺 }
                  - shortfall: { fact: meetings, target: 4, points: 4, per: 1, label: 专题会议 }
                  - veto: { fact: defaulted_judgment, grade: 不合格, zeroes: "1", label: 被列为失信被执行人 }
          - id: "2"
            title: 信用宣传
            max: 10
            items:
              - id: "2.1"
                title: 宣传报道
                max: 10
                facts:
                  - { key: reports, label: 宣传报道篇数, type: count, supplier: unit }
                  - { key: major_accident, label: 是否发生重大安全生产责任事故, type: bool, supplier: unit }
                rule:
                  - formula: { expr: "min(reports, 3) / 3 * 10", description: 每篇得3.33分，满3篇得10分 }
        """;

    private static CompiledScheme Compiled(string text = Scheme) => new(SchemeLoader.Parse(text, "veto-reach.yaml"));

    private static UnitFacts Complete(CompiledScheme? scheme = null) => (scheme ?? Compiled()).NewFacts("u1", "dept", "县发改局")
        .Set("pledges_kept", FactValue.Bool(true)).Set("meetings", FactValue.Count(4)).Set("defaulted_judgment", FactValue.Bool(false))
        .Set("reports", FactValue.Count(3)).Set("major_accident", FactValue.Bool(false));

    [Fact]
    public void Score_CategoryVetoFires_ZeroesThatCategoryAndKeepsTheOthers()
    {
        // 「被列为失信被执行人的，政务诚信类不得分，评为不合格」
        var r = Scorer.Score(Complete().Set("defaulted_judgment", FactValue.Bool(true)));

        r.SubtotalOf("1").ShouldBe(0m);
        r.SubtotalOf("2").ShouldBe(10m);
        r.Total.ShouldBe(10m);
        r.ApplicableMax.ShouldBe(20m);
        r.Grade.ShouldBe("不合格");
        r.VetoZeroes.ShouldBe(["否决“被列为失信被执行人”：政务诚信得分计 0 分"]);
        Explainer.Explain(r, "1.1").ShouldContain("因一票否决，本项得分不计入（否决“被列为失信被执行人”：政务诚信得分计 0 分）");
        Explainer.Explain(r, "1.1").ShouldContain("否决，直接定为 不合格，政务诚信得分计 0 分");
        Explainer.ExplainTotal(r).ShouldContain("总分 10");
    }

    [Fact]
    public void Score_TotalVetoFires_ZeroesTheTotalAndSaysWhy()
    {
        // 「发生重大安全生产责任事故的，实行一票否决，考核总分计0分」
        var r = Scorer.Score(Complete().Set("major_accident", FactValue.Bool(true)));

        r.Total.ShouldBe(0m);
        r.Grade.ShouldBe("不合格");
        r.SubtotalOf("1").ShouldBe(10m);
        Explainer.ExplainTotal(r).ShouldContain("否决“发生重大安全生产责任事故”：总分计 0 分");
    }

    [Fact]
    public void Score_VetoWithoutReach_ChangesOnlyTheGrade()
    {
        var text = Scheme.Replace(", zeroes: total", "", StringComparison.Ordinal);
        var r = Scorer.Score(Complete(Compiled(text)).Set("major_accident", FactValue.Bool(true)));
        r.Total.ShouldBe(20m);
        r.Grade.ShouldBe("不合格");
        r.VetoZeroes.ShouldBeEmpty();
    }

    [Fact]
    public void Score_OneSubFactMissing_ZeroesOnlyItsPartAndNamesIt()
    {
        // 「履行承诺得6分；专题会议不少于4次得4分，每少1次扣1分」: the meetings were never reported.
        var f = Compiled().NewFacts("u1", "dept").Set("pledges_kept", FactValue.Bool(true)).Set("defaulted_judgment", FactValue.Bool(false))
            .Set("reports", FactValue.Count(3)).Set("major_accident", FactValue.Bool(false));
        var r = Scorer.Score(f);

        r["1.1"].Status.ShouldBe(ItemStatus.Scored);
        r["1.1"].Score.ShouldBe(6m);
        r["1.1"].PartsMissing.ShouldBe(1);
        Explainer.Explain(r, "1.1").ShouldContain("专题会议：缺少事实：专题会议次数，此部分计 0 分");
        Explainer.Explain(r, "1.1").ShouldContain("履行承诺：是否履行承诺 = 是 → +6");
        r.Total.ShouldBe(16m);
    }

    [Fact]
    public void Score_MissingFactOfAVeto_LeavesTheItemMissing()
    {
        // A veto read as "not fired" would favour the unit that never reported: the item stays missing.
        var f = Compiled().NewFacts("u1", "dept").Set("pledges_kept", FactValue.Bool(true)).Set("meetings", FactValue.Count(4))
            .Set("reports", FactValue.Count(3)).Set("major_accident", FactValue.Bool(false));
        var r = Scorer.Score(f);
        r["1.1"].Status.ShouldBe(ItemStatus.Missing);
        Explainer.Explain(r, "1.1").ShouldBe("缺少事实：是否被列为失信被执行人，本项计 0 分");
    }

    [Fact]
    public void Score_MissingFactReachItem_ZeroesTheWholeItemAsTheSeedsRead()
    {
        var text = Scheme.Replace("missingFact: part\n", "", StringComparison.Ordinal);
        var f = Compiled(text).NewFacts("u1", "dept").Set("pledges_kept", FactValue.Bool(true)).Set("defaulted_judgment", FactValue.Bool(false))
            .Set("reports", FactValue.Count(3)).Set("major_accident", FactValue.Bool(false));
        Scorer.Score(f)["1.1"].Status.ShouldBe(ItemStatus.Missing);
    }

    [Fact]
    public void Score_ItemWithARepeatingQuotient_IsRoundedOnceToTheDeclaredDigits()
    {
        // 「每篇得3.33分，满3篇得10分」 as min(reports, 3) / 3 * 10: one report is 3.333…, kept at 2 digits.
        var r = Scorer.Score(Complete().Set("reports", FactValue.Count(1)));
        r["2.1"].Score.ShouldBe(3.33m);
        r.Total.ShouldBe(13.33m);
        Explainer.Explain(r, "2.1").ShouldContain("保留 2 位小数 → 3.33 分");
    }

    [Fact]
    public void Write_VetoReachAndMissingFact_RoundTrip()
    {
        var s = SchemeLoader.Parse(Scheme, "veto-reach.yaml");
        var again = SchemeLoader.Parse(SchemeWriter.Write(s), "veto-reach.yaml");
        again.Vetoes[0].Zeroes.ShouldBe(VetoReach.Total);
        again.Items.First().Rule.OfType<Veto>().Single().Zeroes.ShouldBe("1");
        again.MissingFact.ShouldBe(MissingFactReach.Part);
        SchemeWriter.Write(again).ShouldBe(SchemeWriter.Write(s));
    }

    [Fact]
    public void Load_MissingFactOtherThanItemOrPart_NamesTheLine()
    {
        var e = Should.Throw<SchemeLoadException>(() => SchemeLoader.Parse(Scheme.Replace("missingFact: part", "missingFact: all", StringComparison.Ordinal), "veto-reach.yaml"));
        e.Message.ShouldContain("veto-reach.yaml:13:");
        e.Message.ShouldContain("missingFact 应为 item 或 part");
    }

    [Fact]
    public void Lint_VetoReachingNoCategory_IsAnError()
    {
        var findings = Linter.Lint(SchemeLoader.Parse(Scheme.Replace("zeroes: \"1\"", "zeroes: \"9\"", StringComparison.Ordinal), "veto-reach.yaml"));
        findings.ShouldContain(f => f.Code == "veto-reach-unknown" && f.NodeId == "1.1" && f.Message.Contains("“9”", StringComparison.Ordinal));
    }

    [Fact]
    public void Lint_VetoReachExample_HasNoFinding() =>
        Linter.Lint(SchemeLoader.Parse(Scheme, "veto-reach.yaml")).Select(Linter.Format).ShouldBeEmpty();
}
