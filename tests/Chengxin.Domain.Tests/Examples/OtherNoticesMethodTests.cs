using Chengxin.Domain.Schemes;
using Chengxin.Domain.Scoring;
using static Chengxin.Domain.Tests.TestSupport;

namespace Chengxin.Domain.Tests.Examples;

/// <summary>
/// The method sentences of three real notices whose scoring tables no stored copy holds (schemes/examples/README.md,
/// "Complete tables: what could and could not be read"): 灌南县 (灌信用办〔2018〕7号) scores a 容缺项 at the county
/// average, 文登区 and 榆林市 (榆政办发〔2018〕50号) weight 共性 and 个性 indicators 7:3 and rescale a unit that has
/// only one kind to 100. Without the notices' rows these run on schemes/examples/relative-scores-and-quotas.yaml,
/// edited to say what each notice says, so that an office holding the full text knows how its sentence is read.
/// Every expected score is worked out by hand in the comment above it.
/// </summary>
public class OtherNoticesMethodTests
{
    private const string File = "examples/relative-scores-and-quotas.yaml";

    private static UnitFacts Unit(CompiledScheme scheme, string id, string cls, string name, long records, decimal late,
        long? demo, bool plan, long articles, long villages = 0, bool evaluation = false, bool list = false)
    {
        var f = scheme.NewFacts(id, cls, name)
            .Set("records_shared", FactValue.Count(records)).Set("late_rate", FactValue.Percent(late))
            .Set("plan_issued", FactValue.Bool(plan)).Set("articles", FactValue.Count(articles));
        // null: 诚信示范创建 is exempt (容缺) for the unit, and it reports no activities.
        if (demo is long n) f.Set("demo_activities", FactValue.Count(n)).Set("demo_exempt", FactValue.Bool(false));
        else f.Set("demo_exempt", FactValue.Bool(true));
        return cls == "town"
            ? f.Set("villages", FactValue.Count(villages))
            : f.Set("evaluation_done", FactValue.Bool(evaluation)).Set("list_published", FactValue.Bool(list));
    }

    /// <summary>Seven units, two of them exempt from 诚信示范创建 (西山乡, 县财政局).</summary>
    private static List<UnitResult> Campaign(CompiledScheme scheme)
    {
        List<UnitFacts> units =
        [
            Unit(scheme, "cg", "town", "城关镇", 1500, 0, 4, true, 3, villages: 5),
            Unit(scheme, "dc", "town", "东城镇", 1200, 5, 3, true, 8, villages: 5),
            Unit(scheme, "xs", "town", "西山乡", 900, 5, null, true, 8, villages: 4),
            Unit(scheme, "nh", "town", "南河乡", 600, 20, 2, false, 1, villages: 3),
            Unit(scheme, "fg", "dept", "县发展改革局", 800, 0, 4, true, 10, evaluation: true, list: true),
            Unit(scheme, "cz", "dept", "县财政局", 400, 10, null, true, 0, evaluation: true, list: false),
            Unit(scheme, "sj", "dept", "县市场监管局", 1000, 2, 1, true, 5, evaluation: true, list: true),
        ];
        var results = units.Select(u => Scorer.Score(u)).ToList();
        CampaignScoring.Finish(results);
        return results;
    }

    private static UnitResult Of(List<UnitResult> results, string id) => results.Single(r => r.UnitId == id);

    private static CompiledScheme Edited(params (string From, string To)[] edits)
    {
        var text = System.IO.File.ReadAllText(Path.Combine(SchemeDirectory, File));
        foreach (var (from, to) in edits)
        {
            text.ShouldContain(from);
            text = text.Replace(from, to);
        }
        return new CompiledScheme(SchemeLoader.Parse(text, "edited.yaml"));
    }

    // 灌南县: 「容缺项（指本部门、单位客观无此项且全市3县1区均缺项）按各小项全县考核平均分计取」 — the whole county,
    // not the unit's class: `among: campaign`.
    private static CompiledScheme Guannan() =>
        Edited(("when: demo_exempt, among: class", "when: demo_exempt, among: campaign"));

    [Theory]
    // The five units not exempt: 城关镇 10 (4 times), 东城镇 7.5 (3), 南河乡 5 (2), 县发展改革局 10 (4),
    // 县市场监管局 2.5 (1: 10 − 3 × 2.5) → 35 ÷ 5 = 7, for a town and a department alike.
    [InlineData("xs")]
    [InlineData("cz")]
    public void Finish_GuannanExemptItem_TakesTheCountyAverageOfTheUnitsNotExempt(string unit)
    {
        var results = Campaign(Guannan());
        Of(results, unit)["1.3"].Score.ShouldBe(7m);
        Explainer.Explain(Of(results, unit), "1.3").ShouldBe("容缺，按其他 5 个单位该项平均得分 7 计 → 7 分");
    }

    [Fact]
    public void Finish_GuannanExemptItem_LeavesTheOtherUnitsOwnScores()
    {
        var results = Campaign(Guannan());
        // An average is only for the exempt: 南河乡 keeps its 5 (2 of 4 activities), not the county's 7.
        Of(results, "nh")["1.3"].Score.ShouldBe(5m);
    }

    [Fact]
    public void Finish_GuannanExemptItem_CountsInTheTotalAsAnyItem()
    {
        var results = Campaign(Guannan());
        // 县财政局: 1.1 share of the departments' best: 400 ÷ 1000 × 20 = 8; 1.2 rank in the campaign, lower is better
        // (0, 0, 2, 5, 5, 10, 20): 10 is 6th, 10 − 5 × 2 = 0; 1.3 the county average 7; 1.4 plan issued 10 → 共性 25 of 50.
        // 个性 2.2: evaluation 25, no list → 25 of 50. Total 25 ÷ 50 × 70 + 25 ÷ 50 × 30 = 35 + 15 = 50; no articles, no bonus.
        var cz = Of(results, "cz");
        cz["1.1"].Score.ShouldBe(8m);
        cz["1.2"].Score.ShouldBe(0m);
        cz.Total.ShouldBe(50m);
    }

    // 榆林市: 「被考核单位只涉及个性指标，不涉及共性指标」, 该类指标的最后得分按照百分制换算. The 共性 items are
    // limited to towns, so a department has only 个性指标.
    private static CompiledScheme YulinSpecificOnly() =>
        Edited(
            ("title: 信用信息归集\n        max: 20", "title: 信用信息归集\n        max: 20\n        classes: [town]"),
            ("title: 信息报送时效\n        max: 10", "title: 信息报送时效\n        max: 10\n        classes: [town]"),
            ("title: 诚信示范创建\n        max: 10", "title: 诚信示范创建\n        max: 10\n        classes: [town]"),
            ("title: 制度建设\n        max: 10", "title: 制度建设\n        max: 10\n        classes: [town]"));

    [Theory]
    // 个性 2.2 alone, 50 points, scaled to the whole 100: 县市场监管局 50 ÷ 50 × 100 = 100; 县财政局 25 ÷ 50 × 100 = 50.
    // Neither is in the top three for articles (10, 8, 8 are 县发展改革局, 东城镇, 西山乡), so no bonus.
    [InlineData("sj", 100)]
    [InlineData("cz", 50)]
    // 县发展改革局: 100, and first for articles (10): + 2.
    [InlineData("fg", 102)]
    public void Finish_YulinOnlySpecificIndicators_ScaleThatBlockToOneHundred(string unit, decimal total)
    {
        var results = Campaign(YulinSpecificOnly());
        Of(results, unit).Total.ShouldBe(total);
        Explainer.ExplainTotal(Of(results, unit)).ShouldContain("共性指标不适用于本单位，其权重按比例计入其他板块");
    }

    [Fact]
    public void Finish_YulinTownWithBothKinds_KeepsTheSevenToThreeWeighting()
    {
        var results = Campaign(YulinSpecificOnly());
        // A town still has both blocks: the towns' 1.2 rank now compares the four towns only (0, 5, 5, 20): 城关镇 first, 10.
        // 城关镇 共性 20 + 10 + 10 + 10 = 50 of 50, 个性 5 villages = 50 of 50 → 70 + 30 = 100; 3 articles, 4th → no bonus.
        var cg = Of(results, "cg");
        cg.Total.ShouldBe(100m);
        Explainer.ExplainTotal(cg).ShouldNotContain("不适用于本单位");
    }
}
