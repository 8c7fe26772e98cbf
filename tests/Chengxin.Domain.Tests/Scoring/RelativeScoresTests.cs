using Chengxin.Domain.Linting;
using Chengxin.Domain.Schemes;
using Chengxin.Domain.Scoring;
using static Chengxin.Domain.Tests.TestSupport;

namespace Chengxin.Domain.Tests.Scoring;

/// <summary>
/// Scores relative to other units (share of the best, rank, an exempt unit's average), weighted blocks and grade quotas,
/// on schemes/examples/relative-scores-and-quotas.yaml: seven units scored in pass one, finished together in pass two.
/// Every expected score is worked out by hand in the comment above it.
/// </summary>
public class RelativeScoresTests
{
    private const string File = "examples/relative-scores-and-quotas.yaml";
    private static readonly CompiledScheme Scheme = Compile(File);

    /// <summary>A town with its facts; <paramref name="demo"/> null marks 诚信示范创建 exempt (容缺) for it.</summary>
    private static UnitFacts Town(string id, string name, long records, decimal late, long? demo, bool plan, long villages, long articles) =>
        Common(Scheme.NewFacts(id, "town", name), records, late, demo, plan, articles).Set("villages", FactValue.Count(villages));

    private static UnitFacts Dept(string id, string name, long records, decimal late, long? demo, bool plan, bool evaluation, bool list, long articles) =>
        Common(Scheme.NewFacts(id, "dept", name), records, late, demo, plan, articles)
            .Set("evaluation_done", FactValue.Bool(evaluation)).Set("list_published", FactValue.Bool(list));

    private static UnitFacts Common(UnitFacts f, long records, decimal late, long? demo, bool plan, long articles)
    {
        f.Set("records_shared", FactValue.Count(records)).Set("late_rate", FactValue.Percent(late))
            .Set("plan_issued", FactValue.Bool(plan)).Set("articles", FactValue.Count(articles));
        // null: the item is exempt (容缺) for the unit, and it reports no activities.
        if (demo is long n) f.Set("demo_activities", FactValue.Count(n)).Set("demo_exempt", FactValue.Bool(false));
        else f.Set("demo_exempt", FactValue.Bool(true));
        return f;
    }

    private static List<UnitFacts> Units() =>
    [
        Town("cg", "城关镇", 1500, 0, 4, true, 5, 3),
        Town("dc", "东城镇", 1200, 5, 3, true, 5, 8),
        Town("xs", "西山乡", 900, 5, null, true, 4, 8),
        Town("nh", "南河乡", 600, 20, 2, false, 3, 1),
        Dept("fg", "县发展改革局", 800, 0, 4, true, true, true, 10),
        Dept("cz", "县财政局", 400, 10, null, true, true, false, 0),
        Dept("sj", "县市场监管局", 1000, 2, 1, true, true, true, 5),
    ];

    private static (List<UnitResult> Results, IReadOnlyList<Ranked> Ranked) Campaign(IEnumerable<UnitFacts>? units = null)
    {
        var results = (units ?? Units()).Select(u => Scorer.Score(u)).ToList();
        return (results, CampaignScoring.Finish(results));
    }

    private static UnitResult Of(List<UnitResult> results, string id) => results.Single(r => r.UnitId == id);

    // ---- share of the best, within the class --------------------------------------------------------

    [Theory]
    // 「得分=本单位归集条数÷同类单位最高归集条数×20分」: towns' best 1500 (城关镇), departments' best 1000 (县市场监管局).
    [InlineData("cg", 20)]   // 1500 ÷ 1500 × 20
    [InlineData("dc", 16)]   // 1200 ÷ 1500 × 20
    [InlineData("xs", 12)]   //  900 ÷ 1500 × 20
    [InlineData("nh", 8)]    //  600 ÷ 1500 × 20
    [InlineData("fg", 16)]   //  800 ÷ 1000 × 20
    [InlineData("cz", 8)]    //  400 ÷ 1000 × 20
    [InlineData("sj", 20)]   // 1000 ÷ 1000 × 20
    public void Finish_ShareOfBest_DividesByTheBestOfTheClass(string unit, decimal expected) =>
        Of(Campaign().Results, unit)["1.1"].Score.ShouldBe(expected);

    [Fact]
    public void Explain_ShareOfBest_NamesTheBestUnitAndTheQuotient()
    {
        var (results, _) = Campaign();
        Explainer.Explain(Of(results, "dc"), "1.1").ShouldBe("归集条数：本单位“归集信用信息条数” 1200，乡镇中最高值 1500（城关镇），得 1200÷1500×20＝16 分");
        Explainer.Explain(Of(results, "cg"), "1.1").ShouldBe("归集条数：本单位“归集信用信息条数” 1500，为乡镇的 4 个单位中最高，得满分 20 分");
    }

    // ---- rank, lower is better, across the campaign --------------------------------------------------

    [Theory]
    // 「按迟报率由低到高排名，第一名得10分，其后每名次减2分，减完为止」: 0, 0, 2, 5, 5, 10, 20 → places 1, 1, 3, 4, 4, 6, 7.
    [InlineData("cg", 10)]   // 0 %, first (tied with 县发展改革局)
    [InlineData("fg", 10)]
    [InlineData("sj", 6)]    // 2 %, third: 10 − 2 × 2
    [InlineData("dc", 4)]    // 5 %, fourth (tied): 10 − 2 × 3
    [InlineData("xs", 4)]
    [InlineData("cz", 0)]    // 10 %, sixth: 10 − 2 × 5 = 0
    [InlineData("nh", 0)]    // 20 %, seventh: 10 − 2 × 6 → 0, 减完为止
    public void Finish_RankLowerIsBetter_TiedValuesSharePlaceAndPoints(string unit, decimal expected) =>
        Of(Campaign().Results, unit)["1.2"].Score.ShouldBe(expected);

    [Fact]
    public void Explain_Rank_NamesThePlaceTheFirstAndTheRule()
    {
        var (results, _) = Campaign();
        Explainer.Explain(Of(results, "sj"), "1.2").ShouldBe(
            "迟报率排名：本单位“迟报率(%)” 2，在 7 个单位中由低到高排第 3 名（第一名最低值 0（城关镇、县发展改革局）；第一名得 10 分，其后每名次减 2 分）→ 6 分");
    }

    [Theory]
    // 「宣传稿件数量全县前三名加2分」: 10 (县发展改革局), 8, 8 (东城镇, 西山乡) are the first three places; 5 is fourth.
    [InlineData("fg", 2)]
    [InlineData("dc", 2)]
    [InlineData("xs", 2)]
    [InlineData("sj", 0)]
    [InlineData("cg", 0)]
    public void Finish_TopThree_AddBonus(string unit, decimal expected) =>
        Of(Campaign().Results, unit).Bonus.ShouldBe(expected);

    // ---- an exempt item at the others' average ------------------------------------------------------

    [Fact]
    public void Finish_ExemptItem_TakesTheAverageOfTheOtherUnitsOfItsClass()
    {
        var (results, _) = Campaign();
        // 「容缺项按同类单位平均得分计」: towns 城关镇 10 (4 times), 东城镇 7.5 (3), 南河乡 5 (2) → 22.5 ÷ 3 = 7.5.
        Of(results, "xs")["1.3"].Score.ShouldBe(7.5m);
        // Departments 县发展改革局 10, 县市场监管局 2.5 (1 time: 10 − 3 × 2.5) → 12.5 ÷ 2 = 6.25.
        Of(results, "cz")["1.3"].Score.ShouldBe(6.25m);
        Explainer.Explain(Of(results, "xs"), "1.3").ShouldBe("容缺，按乡镇中其他 3 个单位该项平均得分 7.5 计 → 7.5 分");
    }

    [Fact]
    public void Finish_ExemptUnitsOnly_ScoreZeroAndSaySo()
    {
        var units = Units().Where(u => u.UnitClass == "dept").Select(u => u.UnitId == "cz" ? u : u.Set("demo_exempt", FactValue.Bool(true))).ToList();
        var (results, _) = Campaign(units);
        Of(results, "cz")["1.3"].Score.ShouldBe(0);
        Explainer.Explain(Of(results, "cz"), "1.3").ShouldBe("容缺，县直单位中没有其他单位该项得分可供平均，计 0 分");
    }

    // ---- weighted blocks, totals, the quota ---------------------------------------------------------

    [Theory]
    // total = 共性 ÷ 50 × 70 + 个性 ÷ 50 × 30 + 加分:
    [InlineData("cg", 100, "优秀")]    // 20 + 10 + 10 + 10 = 50 → 70; 诚信村 5 → 50 → 30
    [InlineData("fg", 96.4, "优秀")]   // 16 + 10 + 10 + 10 = 46 → 64.4; 50 → 30; 加 2
    [InlineData("dc", 84.5, "良好")]   // 16 + 4 + 7.5 + 10 = 37.5 → 52.5; 50 → 30; 加 2; 优秀 by points, beyond the quota
    [InlineData("sj", 83.9, "良好")]   // 20 + 6 + 2.5 + 10 = 38.5 → 53.9; 50 → 30; beyond the quota
    [InlineData("xs", 72.9, "良好")]   // 12 + 4 + 7.5 + 10 = 33.5 → 46.9; 诚信村 4 → 40 → 24; 加 2
    [InlineData("cz", 48.95, "不合格")] // 8 + 0 + 6.25 + 10 = 24.25 → 33.95; 评价 25 → 15
    [InlineData("nh", 36.2, "不合格")]  // 8 + 0 + 5 + 0 = 13 → 18.2; 诚信村 3 → 30 → 18
    public void Finish_ExampleCampaign_TotalsAndGradesAsComputedByHand(string unit, decimal total, string grade)
    {
        var r = Of(Campaign().Results, unit);
        r.Total.ShouldBe(total);
        r.Grade.ShouldBe(grade);
    }

    [Fact]
    public void Finish_ExampleCampaign_RanksAfterPassTwo()
    {
        var ranked = Campaign().Ranked;
        ranked.OrderBy(x => x.Rank).Select(x => x.Result.UnitId).ShouldBe(["cg", "fg", "dc", "sj", "xs", "cz", "nh"]);
        ranked.Single(x => x.Result.UnitId == "sj").GroupRank.ShouldBe(2);
    }

    [Fact]
    public void ExplainTotal_WeightedBlocks_ShowEachBlockOverItsMax()
    {
        var (results, _) = Campaign();
        Explainer.ExplainTotal(Of(results, "xs")).ShouldContain("加权：共性指标 33.5 / 50 × 70，个性指标 40 / 50 × 30 → 70.9");
    }

    [Fact]
    public void ExplainTotal_BeyondTheQuota_SaysWhoseSeatsAndTheNewGrade()
    {
        var (results, _) = Campaign();
        // 7 units × 30 % = 2.1 → 2 seats, taken by 城关镇 (100) and 县发展改革局 (96.4).
        Explainer.ExplainTotal(Of(results, "dc")).ShouldEndWith(
            "等次 良好；得分 84.5 达到优秀线，但优秀名额 2 个（参评 7 个×30%，向下取整）已由排名更前的单位占满，评为良好");
        Of(results, "cg").QuotaNotes.ShouldBeEmpty();
    }

    [Fact]
    public void Finish_Twice_GivesTheSameResults()
    {
        var (results, _) = Campaign();
        var first = results.Select(r => (r.Total, r.Grade)).ToList();
        CampaignScoring.Finish(results);
        results.Select(r => (r.Total, r.Grade)).ShouldBe(first);
    }

    [Fact]
    public void KeepSettled_ChangeNoComparedValueReads_KeepsThePointsPassTwoSettled()
    {
        var units = Units();
        var results = units.Select(u => Scorer.Score(u)).ToList();
        CampaignScoring.Finish(results);
        // 东城镇 withdraws its 工作方案: 10 points of 共性指标 less, × 70 ÷ 50 = 14 off its 84.5; its share, place and bonus stay.
        var rescored = Scorer.Score(units[1].Set("plan_issued", FactValue.Bool(false)));
        CampaignScoring.KeepSettled(results[1], rescored).ShouldBeTrue();
        rescored.Total.ShouldBe(70.5m);
        rescored["1.1"].Score.ShouldBe(16);
    }

    [Fact]
    public void KeepSettled_ComparedValueChanged_KeepsNothing()
    {
        var units = Units();
        var results = units.Select(u => Scorer.Score(u)).ToList();
        CampaignScoring.Finish(results);
        var rescored = Scorer.Score(units[1].Set("records_shared", FactValue.Count(1600)));
        CampaignScoring.KeepSettled(results[1], rescored).ShouldBeFalse();
        rescored["1.1"].Score.ShouldBe(0);
    }

    [Fact]
    public void Score_BeforePassTwo_SaysThePointsWaitForTheOtherUnits()
    {
        var r = Scorer.Score(Units()[1]);
        r["1.1"].Score.ShouldBe(0);
        Explainer.Explain(r, "1.1").ShouldBe("归集条数：本单位“归集信用信息条数” 1200，按与其他单位比较计分，待全部单位评分后计算，暂计 0 分");
    }

    [Fact]
    public void Finish_MissingValue_LeavesTheUnitOutOfTheComparison()
    {
        var units = Units();
        var cg = Scheme.NewFacts("cg", "town", "城关镇");
        foreach (var f in Scheme.FactDefinitions.Where(f => f.Key != "records_shared" && units[0][f.Key].HasValue))
            cg.Set(f.Key, units[0][f.Key]);
        units[0] = cg;
        var (results, _) = Campaign(units);
        // Without 城关镇's 1500, 东城镇's 1200 is the towns' best.
        Of(results, "dc")["1.1"].Score.ShouldBe(20);
        Of(results, "cg")["1.1"].Status.ShouldBe(ItemStatus.Missing);
        Explainer.Explain(Of(results, "cg"), "1.1").ShouldBe("缺少事实：归集信用信息条数，不参与比较，本项计 0 分");
    }

    [Fact]
    public void Finish_BlockNotApplicable_GivesItsWeightToTheOtherBlocks()
    {
        // With 个性指标 written for departments only, a town is scored on 共性指标 alone, out of the whole 100:
        // 西山乡 33.5 ÷ 50 × 70 × 100 ÷ 70 = 67, plus 2 for its articles.
        var scheme = new CompiledScheme(Edited("classes: [town]", "classes: [dept]"));
        var results = Units().Select(u => Scorer.Score(Rebuilt(scheme, u))).ToList();
        CampaignScoring.Finish(results);
        var xs = Of(results, "xs");
        xs.Total.ShouldBe(69);
        Explainer.ExplainTotal(xs).ShouldContain("个性指标不适用于本单位，其权重按比例计入其他板块");
    }

    private static UnitFacts Rebuilt(CompiledScheme scheme, UnitFacts from)
    {
        var f = scheme.NewFacts(from.UnitId, from.UnitClass, from.Name);
        foreach (var d in scheme.FactDefinitions.Where(d => from[d.Key].HasValue)) f.Set(d.Key, from[d.Key]);
        return f;
    }

    [Fact]
    public void Finish_QuotaAmongClass_CountsSeatsPerClass()
    {
        // Towns: 4 × 30 % = 1.2 → 1 seat (城关镇 100); departments: 3 × 30 % = 0.9 → no seat, so 县发展改革局's 96.4 is 良好.
        var scheme = new CompiledScheme(Edited("ties: out }", "ties: out, among: class }"));
        var results = Units().Select(u => Scorer.Score(Rebuilt(scheme, u))).ToList();
        CampaignScoring.Finish(results);
        results.Where(r => r.Grade == "优秀").Select(r => r.UnitId).ShouldBe(["cg"]);
        Explainer.ExplainTotal(Of(results, "fg")).ShouldContain("得分 96.4 达到优秀线，但优秀名额 0 个（县直单位参评 3 个×30%，向下取整），评为良好");
    }

    [Fact]
    public void Finish_VetoedUnit_TakesNoSeat()
    {
        // 城关镇 is vetoed (合格 whatever its 100): the two seats go to 县发展改革局 (96.4) and 东城镇 (84.5).
        var text = System.IO.File.ReadAllText(Path.Combine(SchemeDirectory, File))
            .Replace("          - { key: plan_issued, label: 是否印发信用建设工作方案, type: bool, supplier: unit }",
                "          - { key: plan_issued, label: 是否印发信用建设工作方案, type: bool, supplier: unit }\n          - { key: fraud, label: 是否弄虚作假, type: bool, supplier: reviewer }")
            .Replace("          - all: { fact: plan_issued, points: 10, label: 印发工作方案 }",
                "          - all: { fact: plan_issued, points: 10, label: 印发工作方案 }\n          - veto: { fact: fraud, grade: 合格, label: 弄虚作假 }");
        var scheme = new CompiledScheme(SchemeLoader.Parse(text, "vetoed.yaml"));
        var results = Units().Select(u => Scorer.Score(Rebuilt(scheme, u).Set("fraud", FactValue.Bool(u.UnitId == "cg")))).ToList();
        CampaignScoring.Finish(results);
        Of(results, "cg").Grade.ShouldBe("合格");
        results.Where(r => r.Grade == "优秀").Select(r => r.UnitId).Order().ShouldBe(["dc", "fg"]);
    }

    [Fact]
    public void Lint_RankWithoutStep_IsFlat() =>
        Linter.Lint(Edited("better: lower, step: 2", "better: lower, step: 0")).ShouldContain(f => f.Code == "relative-rank-flat" && f.NodeId == "1.2");

    [Fact]
    public void Lint_ExemptionNotABool_IsATypeMismatch() =>
        Linter.Lint(Edited("when: demo_exempt", "when: demo_activities"))
            .ShouldContain(f => f.Code == "fact-type-mismatch" && f.NodeId == "1.3" && f.Message.Contains("容缺标记"));

    // ---- quotas: ties at the last seat, rounding ----------------------------------------------------

    private const string QuotaYaml = """
        id: quota-ties
        title: 名额并列
        period: year
        total: 100
        grades:
          - { name: 优秀, min: 80, quota: { share: 50, ties: TIES } }
          - { name: 良好, min: 0 }
        categories:
          - id: "1"
            title: 工作
            max: 100
            items:
              - id: "1.1"
                title: 得分
                max: 100
                facts: [{ key: points, label: 考核得分, type: number, supplier: reviewer }]
                rule: [{ formula: { expr: "clamp(points, 0, 100)", description: 按考核得分计 } }]
        """;

    private static List<UnitResult> QuotaCampaign(string ties, params decimal[] totals)
    {
        var scheme = new CompiledScheme(SchemeLoader.Parse(QuotaYaml.Replace("TIES", ties), "quota.yaml"));
        var results = totals.Select((t, i) => Scorer.Score(scheme.NewFacts($"u{i}", "", $"单位{i}").Set("points", FactValue.Num(t)))).ToList();
        CampaignScoring.Finish(results);
        return results;
    }

    [Fact]
    public void Finish_TiesIn_AllTiedAtTheLastSeatKeepTheGrade()
    {
        // 4 units × 50 % = 2 seats; 90 and 90 tie for the second seat: both are 优秀.
        var results = QuotaCampaign("in", 95, 90, 90, 70);
        results.Select(r => r.Grade).ShouldBe(["优秀", "优秀", "优秀", "良好"]);
        Explainer.ExplainTotal(results[2]).ShouldContain("得分 90 达到优秀线，排第 2 名，与优秀名额 2 个（参评 4 个×50%，向下取整）的最后一名并列，按并列者同进的规定，一并评为优秀");
    }

    [Fact]
    public void Finish_TiesOut_NoneTiedAtTheLastSeatKeepsTheGrade()
    {
        var results = QuotaCampaign("out", 95, 90, 90, 70);
        results.Select(r => r.Grade).ShouldBe(["优秀", "良好", "良好", "良好"]);
        Explainer.ExplainTotal(results[1]).ShouldContain("按并列者同出的规定，均不评为优秀，评为良好");
    }

    [Theory]
    [InlineData(7, 30, QuotaRounding.Down, 2)]     // 2.1
    [InlineData(7, 30, QuotaRounding.Up, 3)]
    [InlineData(7, 30, QuotaRounding.Nearest, 2)]
    [InlineData(5, 30, QuotaRounding.Nearest, 2)]  // 1.5, half away from zero
    [InlineData(3, 100, QuotaRounding.Down, 3)]
    public void Seats_RoundAsDeclared(int participants, decimal share, QuotaRounding rounding, int expected) =>
        CampaignScoring.Seats(participants, new GradeQuota(share, rounding, QuotaTies.In, Among.Campaign)).ShouldBe(expected);

    // ---- the format: loader, writer, linter ---------------------------------------------------------

    [Fact]
    public void Write_Example_LoadsBackTheSame()
    {
        var text = SchemeWriter.Write(LoadScheme(File));
        SchemeWriter.Write(SchemeLoader.Parse(text, "again.yaml")).ShouldBe(text);
        text.ShouldContain("quota:");
        text.ShouldContain("relative:");
        text.ShouldContain("blocks:");
    }

    [Fact]
    public void Lint_Example_HasNoErrors() =>
        Linter.Lint(LoadScheme(File)).Where(f => f.Severity == LintSeverity.Error).ShouldBeEmpty();

    private static Scheme Edited(string from, string to)
    {
        var text = System.IO.File.ReadAllText(Path.Combine(SchemeDirectory, File));
        text.ShouldContain(from);
        return SchemeLoader.Parse(text.Replace(from, to), "edited.yaml");
    }

    [Fact]
    public void Lint_RankFirstAboveItemMax_IsReported() =>
        Linter.Lint(Edited("better: lower, step: 2", "better: lower, first: 12, step: 2"))
            .ShouldContain(f => f.Code == "relative-points-exceed-max" && f.NodeId == "1.2" && f.Message.Contains("最多可得 12 分"));

    [Fact]
    public void Lint_TopPointsBelowItemMax_IsUnreachable() =>
        Linter.Lint(Edited("top: 3, points: 2", "top: 3, points: 1"))
            .ShouldContain(f => f.Code == "item-max-unreachable" && f.NodeId == "3.1");

    [Theory]
    [InlineData("share: 30, rounding", "share: 120, rounding", "应大于 0 且不超过 100")]
    [InlineData("share: 30, rounding", "share: 0, rounding", "应大于 0 且不超过 100")]
    public void Lint_QuotaShareOutOfRange_IsReported(string from, string to, string words) =>
        Linter.Lint(Edited(from, to)).ShouldContain(f => f.Code == "grade-quota-invalid" && f.Message.Contains(words));

    [Fact]
    public void Lint_QuotaOnTheLastGrade_IsReported() =>
        Linter.Lint(Edited("{ name: 不合格, min: 0 }", "{ name: 不合格, min: 0, quota: { share: 10 } }"))
            .ShouldContain(f => f.Code == "grade-quota-invalid" && f.Message.Contains("最低等次"));

    [Fact]
    public void Lint_BlockWeightsNotTheTotal_AreReported() =>
        Linter.Lint(Edited("categories: [\"2\"], weight: 30", "categories: [\"2\"], weight: 20"))
            .ShouldContain(f => f.Code == "blocks-invalid" && f.Message.Contains("权重合计 90"));

    [Fact]
    public void Load_RankWithStepAndTop_IsRefused() =>
        Should.Throw<SchemeLoadException>(() => Edited("top: 3, points: 2", "top: 3, points: 2, step: 1")).Message.ShouldContain("二者选一");

    [Fact]
    public void Load_RankItemWithARule_IsRefused() =>
        Should.Throw<SchemeLoadException>(() => Edited(
            "relative: { method: share, value: records_shared, among: class, label: 归集条数 }",
            "relative: { method: share, value: records_shared, among: class, label: 归集条数 }\n        rule: [{ all: { fact: records_shared, points: 20 } }]"))
            .Message.ShouldContain("不能同时写评分规则");
}
