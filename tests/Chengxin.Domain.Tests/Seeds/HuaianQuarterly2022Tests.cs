using Chengxin.Domain.Linting;
using Chengxin.Domain.Schemes;
using Chengxin.Domain.Scoring;
using static Chengxin.Domain.Tests.TestSupport;

namespace Chengxin.Domain.Tests.Seeds;

/// <summary>
/// Seed 002 (淮信用办〔2022〕6号): the quarterly comprehensive credit evaluation of towns/streets,
/// class-A and class-B departments. Every item's rule at its edges with the seed sentence, whole
/// units scored by hand, grades at the thresholds, the veto, class applicability and carry-over.
/// </summary>
public class HuaianQuarterly2022Tests
{
    private const string File = "002-huaian-quarterly-2022.yaml";
    private static readonly CompiledScheme Scheme = Compile(File);

    private static UnitFacts Town(string id = "town1", string? period = null) => Scheme.NewFacts(id, "town", "施河镇", period: period);
    private static UnitFacts DeptA(string id = "a1") => Scheme.NewFacts(id, "dept_a", "区市监局");
    private static UnitFacts DeptB(string id = "b1") => Scheme.NewFacts(id, "dept_b", "区委组织部");

    private static UnitFacts Of(string unitClass) => Scheme.NewFacts("u-" + unitClass, unitClass);

    /// <summary>n rows of a ledger, the first <paramref name="yes"/> with the bool column true, the rest false.</summary>
    private static FactValue Rows(int yes, int no, string column) => LedgerOf(yes, no, column);

    // ---------------------------------------------------------------- the scheme as a whole

    [Fact]
    public void Load_SeedScheme_CarriesTheNoticeHeaderClassesAndGrades()
    {
        var s = LoadScheme(File);
        s.Id.ShouldBe("huaian-quarterly-2022");
        s.Document.ShouldBe("淮信用办〔2022〕6号");
        s.Issuer.ShouldBe("淮安市淮安区社会信用体系建设工作领导小组办公室");
        s.Period.ShouldBe(PeriodKind.Quarter);
        s.Total.ShouldBe(100m);
        s.Classes.Select(c => c.Name).ShouldBe(["镇、街道", "A类部门", "B类部门"]);
        s.Grades.Select(g => (g.Name, g.Min)).ShouldBe([("红名单", 85m), ("蓝名单", 60m), ("黄名单", 0m)]);
        s.Vetoes.ShouldHaveSingleItem().Grade.ShouldBe("黄名单");
        s.Comparison.NormaliseTo.ShouldBe(100m);
        s.Campaign.FollowUp!.ShouldContain("“信用淮安区”网站公开");
        // The 30 named class-A departments are kept so that an office can assign its units.
        foreach (var dept in new[] { "发改委", "公安分局", "法院", "自然资源和规划局", "残联", "烟草局" })
            s.Note!.ShouldContain(dept);
    }

    [Fact]
    public void Load_SeedScheme_KeepsTheSeedOrderAndWordingOfEveryItem()
    {
        var s = LoadScheme(File);
        s.Items.Select(i => i.Id).ShouldBe(["1.1", "1.2", "1.3", "2.1", "3.1.1", "3.2.1", "3.3.1", "5.1", "5.2", "5.3", "5.4", "note2.1"]);
        s.Categories.Select(c => c.No).ShouldBe(["一", "二", "三", "五", "注2"]);
        foreach (var item in s.Items)
        {
            item.Wording.Content.ShouldNotBeNullOrWhiteSpace(item.Id);
            item.Wording.Scoring.ShouldNotBeNullOrWhiteSpace(item.Id);
            item.Method.ShouldNotBeNullOrWhiteSpace(item.Id);
            item.Source.ShouldNotBeNullOrWhiteSpace(item.Id);
            item.Rule.ShouldNotBeEmpty(item.Id);
        }
        // Truncated seed text is quoted as it stands, and its reading recorded on the item.
        var investment = s.Items.Single(i => i.Id == "3.2.1");
        investment.Wording.Scoring!.ShouldContain("严格认得 5 分");
        investment.Wording.Scoring!.ShouldContain("分中倒扣 20 分");
        investment.Resolutions.ShouldContain(r => r.Does.Contains("严格兑现"));
    }

    [Fact]
    public void Write_ParseWrite_GivesTheSameText()
    {
        var first = SchemeWriter.Write(LoadScheme(File));
        var second = SchemeWriter.Write(SchemeLoader.Parse(first, File));
        second.ShouldBe(first);
    }

    // ---------------------------------------------------------------- 一 信用信息归集

    [Theory]
    // "依规对产生的行政许可和行政处罚“双公示”信息在7天内完成系统归集，且全量报送，得10分。
    //  被国家和省信息中心信息抽查比对被通报或被举报信息漏报瞒报情况属实的，倒扣10分。"
    [InlineData(true, true, 0, 10, 0)]
    [InlineData(true, false, 0, 0, 0)]
    [InlineData(false, true, 0, 0, 0)]
    [InlineData(false, false, 0, 0, 0)]
    [InlineData(true, true, 1, 10, -10)]
    [InlineData(true, true, 3, 10, -10)]
    [InlineData(false, false, 2, 0, -10)]
    public void Score_DualDisclosure_TenForTimelyAndCompleteMinusTenWhenConcealmentVerified(
        bool within7Days, bool complete, int verifiedCases, decimal score, decimal penalty)
    {
        foreach (var unitClass in new[] { "town", "dept_a", "dept_b" })
        {
            var f = Of(unitClass)
                .Set("dual_disclosure_within_7_days", FactValue.Bool(within7Days))
                .Set("dual_disclosure_complete", FactValue.Bool(complete))
                .Set("dual_disclosure_concealment_cases", FactValue.Count(verifiedCases));
            var r = Scorer.Score(f);
            r["1.1"].Score.ShouldBe(score);
            r["1.1"].Penalty.ShouldBe(penalty);
            // 倒扣 escapes the item's [0, 10]: the category subtotal goes below the item's floor.
            r.SubtotalOf("1.1").ShouldBe(score + penalty);
        }
    }

    [Fact]
    public void Score_DualDisclosurePenalty_IsExplainedAsBeyondTheItem()
    {
        var f = DeptA().Set("dual_disclosure_within_7_days", FactValue.Bool(true))
            .Set("dual_disclosure_complete", FactValue.Bool(true))
            .Set("dual_disclosure_concealment_cases", FactValue.Count(1));
        Explainer.Explain(Scorer.Score(f), "1.1").ShouldContain("倒扣 10 分（不受本项分值限制）");
    }

    [Theory]
    // "按月完成行政强制、行政确认、行政裁决、行政奖励、行政监督检查等信息全量归集上报，得5分，没有不得分。(A类部门考评)"
    [InlineData(true, 5)]
    [InlineData(false, 0)]
    public void Score_OtherAdministrativeInfo_FiveForClassAOnly(bool monthlyFull, decimal expected)
    {
        var a = Scorer.Score(DeptA().Set("other_admin_info_monthly_full", FactValue.Bool(monthlyFull)));
        a["1.2"].Score.ShouldBe(expected);
        a["1.2"].Status.ShouldBe(ItemStatus.Scored);
        foreach (var other in new[] { "town", "dept_b" })
        {
            var r = Scorer.Score(Of(other).Set("other_admin_info_monthly_full", FactValue.Bool(monthlyFull)));
            r["1.2"].Status.ShouldBe(ItemStatus.NotApplicable);
            r["1.2"].Score.ShouldBe(0m);
        }
    }

    [Theory]
    // "按月归集……信用承诺和违约信息以及合同履约等各类信用信息，得5分，没有不得分。" (共性)
    [InlineData("town", true, 5)]
    [InlineData("town", false, 0)]
    [InlineData("dept_a", true, 5)]
    [InlineData("dept_a", false, 0)]
    [InlineData("dept_b", true, 5)]
    [InlineData("dept_b", false, 0)]
    public void Score_CommitmentInfo_FiveForEveryClass(string unitClass, bool monthly, decimal expected)
    {
        ItemScore(Of(unitClass).Set("commitment_info_monthly", FactValue.Bool(monthly)), "1.3").ShouldBe(expected);
    }

    // ---------------------------------------------------------------- 二 信息应用和奖惩

    [Theory]
    // "开展信用审查等，并依规对守信主体开展激励和对严重失信主体开展惩戒的，得10分。"
    [InlineData(true, true, 10)]
    [InlineData(true, false, 0)]
    [InlineData(false, true, 0)]
    [InlineData(false, false, 0)]
    public void Score_CreditReviewAndRewardsSanctions_TenOnlyWithBoth(bool review, bool rewardsAndSanctions, decimal expected)
    {
        foreach (var unitClass in new[] { "town", "dept_a", "dept_b" })
            ItemScore(Of(unitClass)
                .Set("credit_review_in_administration", FactValue.Bool(review))
                .Set("rewards_and_sanctions_by_rule", FactValue.Bool(rewardsAndSanctions)), "2.1").ShouldBe(expected);
    }

    // ---------------------------------------------------------------- 三 行政管理

    [Theory]
    // "对承诺事项办理（份数）和履约跟踪表进行记分，有一例得1分，最高5分。（A类部门考评）"
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(4, 4)]
    [InlineData(5, 5)]
    [InlineData(6, 5)]
    [InlineData(12, 5)]
    public void Score_Xinyipi_OnePerCaseUpToFive(int cases, decimal expected)
    {
        var ledger = Ledger([.. Enumerable.Range(0, cases).Select(i => Row(
            ("matter", FactValue.OfText($"容缺受理事项{i}")), ("applicant", FactValue.OfText($"守信企业{i}")),
            ("promised_by", FactValue.Date(new DateOnly(2022, 3, 31))), ("fulfilled", FactValue.Bool(true))))]);
        var r = Scorer.Score(DeptA().Set("xinyipi_cases", ledger));
        r["3.1.1"].Score.ShouldBe(expected);
        Explainer.Explain(r, "3.1.1").ShouldContain(cases > 5 ? "（最高 5）" : $"{cases} 次 × 1");
    }

    [Theory]
    [InlineData("town")]
    [InlineData("dept_b")]
    public void Score_Xinyipi_DoesNotApplyOutsideClassA(string unitClass)
    {
        var r = Scorer.Score(Of(unitClass).Set("xinyipi_cases", Rows(3, 0, "fulfilled")));
        r["3.1.1"].Status.ShouldBe(ItemStatus.NotApplicable);
        Explainer.Explain(r, "3.1.1").ShouldContain("不计分也不计入满分");
    }

    [Theory]
    // "依据招商引资政策，严格认得 5 分。违反相关约定，任人更替等理由违约毁约问题，分中倒扣 20 分。"
    // read as: 严格兑现（无违约毁约）得 5 分；违约毁约的在总分中倒扣 20 分（按情形扣一次）
    [InlineData(0, 5, 0)]
    [InlineData(1, 0, -20)]
    [InlineData(2, 0, -20)]
    public void Score_InvestmentPromises_FiveWhenKeptMinusTwentyWhenBroken(int breaches, decimal score, decimal penalty)
    {
        foreach (var unitClass in new[] { "town", "dept_a", "dept_b" })
        {
            var r = Scorer.Score(Of(unitClass).Set("investment_breaches", FactValue.Count(breaches)));
            r["3.2.1"].Score.ShouldBe(score);
            r["3.2.1"].Penalty.ShouldBe(penalty);
            r.SubtotalOf("3.2").ShouldBe(score + penalty);
        }
    }

    [Theory]
    // "1、……有场景、会标、图片台账资料，开展一次得 3.5 分，最高得 7 分，没有不得分。"
    [InlineData(0, 0, 0)]
    [InlineData(1, 0, 3.5)]
    [InlineData(2, 0, 7)]
    [InlineData(3, 0, 7)]
    [InlineData(0, 2, 0)]
    [InlineData(1, 4, 3.5)]
    public void Score_CreditLawTrainings_ThreeAndAHalfEachUpToSeven(int documented, int undocumented, decimal expected)
    {
        var f = Town().Set("credit_law_trainings", Rows(documented, undocumented, "documented"))
            .Set("five_into_campaigns", Rows(0, 0, "documented"));
        ItemScore(f, "3.3.1").ShouldBe(expected);
    }

    [Theory]
    // "2、……有场景、会标、图片等台账资料，每开展一次，得 1.5 分，最高得 8 分，没有不得分。"
    [InlineData(0, 0, 0)]
    [InlineData(1, 0, 1.5)]
    [InlineData(5, 0, 7.5)]
    [InlineData(6, 0, 8)]
    [InlineData(10, 0, 8)]
    [InlineData(2, 3, 3)]
    public void Score_FiveIntoCampaigns_OneAndAHalfEachUpToEight(int documented, int undocumented, decimal expected)
    {
        var f = DeptB().Set("credit_law_trainings", Rows(0, 0, "documented"))
            .Set("five_into_campaigns", Rows(documented, undocumented, "documented"));
        ItemScore(f, "3.3.1").ShouldBe(expected);
    }

    [Fact]
    public void Score_PublicityBothParts_AddUpToFifteen()
    {
        // 2 trainings × 3.5 = 7 (cap 7) + 6 campaigns × 1.5 = 9 → cap 8; 7 + 8 = 15 = the item's max.
        var r = Scorer.Score(DeptA().Set("credit_law_trainings", Rows(2, 0, "documented"))
            .Set("five_into_campaigns", Rows(6, 0, "documented")));
        r["3.3.1"].Score.ShouldBe(15m);
        r.SubtotalOf("3.3").ShouldBe(15m);
    }

    // ---------------------------------------------------------------- 五 诚信镇（街）创建 …

    [Theory]
    // "建立组织机制和镇（街道）诚信建设实施方案，且每验收一个“信用村（居）”（含 5 户“诚信户”创建，经经验收合格后，得 20 分）；
    //  次季度每新增 5 户“诚信户”得满分，无增加计 5 分；（……新增创建累计，满分不超15分）"
    [InlineData(true, 1, false, 0, 20)]   // 验收一个信用村（居）：20
    [InlineData(true, 2, true, 0, 20)]    // 多验收不超过本项 20 分
    [InlineData(false, 1, false, 0, 0)]   // 未申请、未建立组织机制和实施方案：0
    [InlineData(true, 0, true, 0, 5)]     // 次季度无增加：5
    [InlineData(true, 0, true, 4, 5)]     // 新增不满 5 户：仍按无增加计 5（继续累计）
    [InlineData(true, 0, true, 5, 20)]    // 新增 5 户：5 + 15 = 满分 20
    [InlineData(true, 0, true, 12, 20)]   // 新增部分满分不超 15：5 + 15 = 20
    [InlineData(true, 0, false, 5, 0)]    // 没有验收合格的信用村（居）：0
    [InlineData(true, 0, false, 0, 0)]
    public void Score_HonestTownCreation_FollowsTheRecordedReading(bool plan, int accepted, bool onRecord, int newHouseholds, decimal expected)
    {
        var f = Town().Set("town_creation_plan", FactValue.Bool(plan))
            .Set("credit_villages_accepted", FactValue.Count(accepted))
            .Set("credit_village_on_record", FactValue.Bool(onRecord))
            .Set("new_honest_households", FactValue.Count(newHouseholds));
        ItemScore(f, "5.1").ShouldBe(expected);
    }

    [Theory]
    // "有一企得 0.5 分，最高 5 分。"
    [InlineData(0, 0, 0)]
    [InlineData(1, 0, 0.5)]
    [InlineData(9, 0, 4.5)]
    [InlineData(10, 0, 5)]
    [InlineData(11, 0, 5)]
    [InlineData(3, 5, 1.5)]   // 未经法人签字盖章或未在“信用淮安区”网站公示的不计
    public void Score_EnterprisePledges_HalfAPointEachUpToFive(int signedAndPublished, int other, decimal expected)
    {
        ItemScore(Town().Set("pledging_enterprises", Rows(signedAndPublished, other, "signed_and_published")), "5.2").ShouldBe(expected);
    }

    [Theory]
    // "建立公开承诺制度，等 5 分，少一类扣 0.5 分。" (16 类列举)
    [InlineData(16, 5)]
    [InlineData(17, 5)]
    [InlineData(15, 4.5)]
    [InlineData(10, 2)]
    [InlineData(7, 0.5)]
    [InlineData(6, 0)]
    [InlineData(0, 0)]
    public void Score_PublicPledgeAreas_FiveMinusHalfPerMissingArea(int areas, decimal expected)
    {
        var r = Scorer.Score(Town().Set("public_pledge_areas", FactValue.Count(areas)));
        r["5.3"].Score.ShouldBe(expected);
        if (areas < 6) Explainer.Explain(r, "5.3").ShouldContain("扣完为止");
    }

    [Theory]
    // "在行政管理中积极创新探索……被市级以上部门推广应用的，得满分。"（10 分，共性）
    [InlineData("town", true, 10)]
    [InlineData("town", false, 0)]
    [InlineData("dept_a", true, 10)]
    [InlineData("dept_b", true, 10)]
    [InlineData("dept_b", false, 0)]
    public void Score_Innovation_FullWhenPromotedByCityOrAbove(string unitClass, bool promoted, decimal expected)
    {
        ItemScore(Of(unitClass).Set("innovation_promoted", FactValue.Bool(promoted)), "5.4").ShouldBe(expected);
    }

    [Theory]
    [InlineData("dept_a")]
    [InlineData("dept_b")]
    public void Score_TownItems_DoNotApplyToDepartments(string unitClass)
    {
        var r = Scorer.Score(Of(unitClass)
            .Set("town_creation_plan", FactValue.Bool(true)).Set("credit_villages_accepted", FactValue.Count(1))
            .Set("credit_village_on_record", FactValue.Bool(false)).Set("new_honest_households", FactValue.Count(0))
            .Set("pledging_enterprises", Rows(10, 0, "signed_and_published"))
            .Set("public_pledge_areas", FactValue.Count(16)));
        foreach (var id in new[] { "5.1", "5.2", "5.3" })
        {
            r[id].Status.ShouldBe(ItemStatus.NotApplicable);
            r[id].Score.ShouldBe(0m);
        }
        r.SubtotalOf("5").ShouldBe(0m);
    }

    // ---------------------------------------------------------------- 注2

    [Theory]
    // 注2 "对存在的突出问题给予提醒，并扣除相应分值" (非重点部门 = B类)
    [InlineData(0, 0)]
    [InlineData(2, -2)]
    [InlineData(8.25, -8.25)]
    public void Score_NonKeyDepartmentDeduction_IsAPenaltyForClassBOnly(decimal deducted, decimal penalty)
    {
        var b = Scorer.Score(DeptB().Set("noted_problem_deduction", FactValue.Num(deducted)));
        b["note2.1"].Score.ShouldBe(0m);
        b["note2.1"].Penalty.ShouldBe(penalty);
        foreach (var other in new[] { "town", "dept_a" })
        {
            var r = Scorer.Score(Of(other).Set("noted_problem_deduction", FactValue.Num(deducted)));
            r["note2.1"].Status.ShouldBe(ItemStatus.NotApplicable);
            r["note2.1"].Penalty.ShouldBe(0m);
        }
    }

    // ---------------------------------------------------------------- whole units by hand

    /// <summary>A town with every fact set; the comments give each item's points.</summary>
    private static UnitFacts ShiheTown(string? period = null) => Town("shihe", period)
        .Set("dual_disclosure_within_7_days", FactValue.Bool(true))
        .Set("dual_disclosure_complete", FactValue.Bool(true))
        .Set("dual_disclosure_concealment_cases", FactValue.Count(0))                // 1.1: 10
        .Set("other_admin_info_monthly_full", FactValue.Bool(true))                  // 1.2: A类 only, not counted
        .Set("commitment_info_monthly", FactValue.Bool(true))                         // 1.3: 5
        .Set("credit_review_in_administration", FactValue.Bool(true))
        .Set("rewards_and_sanctions_by_rule", FactValue.Bool(true))                  // 2.1: 10
        .Set("xinyipi_cases", Rows(4, 0, "fulfilled"))                                // 3.1.1: A类 only, not counted
        .Set("investment_breaches", FactValue.Count(0))                               // 3.2.1: 5
        .Set("serious_dishonesty", FactValue.Bool(false))
        .Set("credit_law_trainings", Rows(1, 0, "documented"))                        // 3.3.1: 1 × 3.5 = 3.5
        .Set("five_into_campaigns", Rows(3, 1, "documented"))                         //        + 3 × 1.5 = 4.5 → 8
        .Set("town_creation_plan", FactValue.Bool(true))
        .Set("credit_villages_accepted", FactValue.Count(1))
        .Set("credit_village_on_record", FactValue.Bool(false))
        .Set("new_honest_households", FactValue.Count(0))                             // 5.1: 20
        .Set("pledging_enterprises", Rows(6, 0, "signed_and_published"))              // 5.2: 6 × 0.5 = 3
        .Set("public_pledge_areas", FactValue.Count(14))                              // 5.3: 5 − 2 × 0.5 = 4
        .Set("innovation_promoted", FactValue.Bool(false))                            // 5.4: 0
        .Set("noted_problem_deduction", FactValue.Num(3));                            // 注2: B类 only, not counted

    [Fact]
    public void Score_TownByHand_NormalisesItsEightyFiveApplicablePoints()
    {
        var r = Scorer.Score(ShiheTown());
        // base: 10 + 5 + 10 + 5 + 8 + 20 + 3 + 4 + 0 = 65
        r.Base.ShouldBe(65m);
        // applicable max (镇、街道): 10 + 5 + 10 + 5 + 15 + 20 + 5 + 5 + 10 + 0 = 85 (1.2 and 3.1.1 are A类 only)
        r.ApplicableMax.ShouldBe(85m);
        // 65 × 100 / 85 = 76.470588… → 76.47 → 蓝名单 (60 ≤ 76.47 < 85)
        r.Total.ShouldBe(76.47m);
        r.Grade.ShouldBe("蓝名单");
        r.SubtotalOf("1").ShouldBe(15m);
        r.SubtotalOf("3").ShouldBe(13m);
        r.SubtotalOf("5").ShouldBe(27m);
        Explainer.ExplainTotal(r).ShouldContain("折算为 100 分制");
    }

    /// <summary>A class-A department with a verified 双公示 concealment.</summary>
    private static UnitFacts MarketBureau() => DeptA("scjgj")
        .Set("dual_disclosure_within_7_days", FactValue.Bool(true))
        .Set("dual_disclosure_complete", FactValue.Bool(true))
        .Set("dual_disclosure_concealment_cases", FactValue.Count(1))                // 1.1: 10, 倒扣 10
        .Set("other_admin_info_monthly_full", FactValue.Bool(true))                  // 1.2: 5
        .Set("commitment_info_monthly", FactValue.Bool(true))                         // 1.3: 5
        .Set("credit_review_in_administration", FactValue.Bool(true))
        .Set("rewards_and_sanctions_by_rule", FactValue.Bool(true))                  // 2.1: 10
        .Set("xinyipi_cases", Rows(2, 1, "fulfilled"))                                // 3.1.1: 3 cases × 1 = 3
        .Set("investment_breaches", FactValue.Count(0))                               // 3.2.1: 5
        .Set("serious_dishonesty", FactValue.Bool(false))
        .Set("credit_law_trainings", Rows(2, 0, "documented"))                        // 3.3.1: 7
        .Set("five_into_campaigns", Rows(6, 0, "documented"))                         //        + 8 = 15
        .Set("innovation_promoted", FactValue.Bool(true));                            // 5.4: 10

    [Fact]
    public void Score_ClassADepartmentByHand_CountsTheConcealmentPenalty()
    {
        var r = Scorer.Score(MarketBureau());
        // base: (10 − 10) + 5 + 5 + 10 + 3 + 5 + 15 + 10 = 53
        r.Base.ShouldBe(53m);
        r.Penalties.ShouldBe(-10m);
        // applicable max (A类部门): 10 + 5 + 5 + 10 + 5 + 5 + 15 + 10 = 65
        r.ApplicableMax.ShouldBe(65m);
        // items 63 × 100 / 65 = 96.923076…; then 倒扣 10, unscaled: 86.923076… → 86.92 → 红名单
        r.Total.ShouldBe(86.92m);
        r.Grade.ShouldBe("红名单");
        // Without the concealment: 63 × 100 / 65 = 96.923… → 96.92 → 红名单
        var clean = Scorer.Score(MarketBureau().Set("dual_disclosure_concealment_cases", FactValue.Count(0)));
        clean.Total.ShouldBe(96.92m);
        clean.Grade.ShouldBe("红名单");
    }

    /// <summary>A class-B department that gets every applicable point.</summary>
    private static UnitFacts OrganisationDept(decimal deducted = 0) => DeptB("zzb")
        .Set("dual_disclosure_within_7_days", FactValue.Bool(true))
        .Set("dual_disclosure_complete", FactValue.Bool(true))
        .Set("dual_disclosure_concealment_cases", FactValue.Count(0))                // 1.1: 10
        .Set("commitment_info_monthly", FactValue.Bool(true))                         // 1.3: 5
        .Set("credit_review_in_administration", FactValue.Bool(true))
        .Set("rewards_and_sanctions_by_rule", FactValue.Bool(true))                  // 2.1: 10
        .Set("investment_breaches", FactValue.Count(0))                               // 3.2.1: 5
        .Set("serious_dishonesty", FactValue.Bool(false))
        .Set("credit_law_trainings", Rows(2, 0, "documented"))
        .Set("five_into_campaigns", Rows(6, 0, "documented"))                         // 3.3.1: 15
        .Set("innovation_promoted", FactValue.Bool(true))                             // 5.4: 10
        .Set("noted_problem_deduction", FactValue.Num(deducted));                     // 注2: − deducted

    [Fact]
    public void Score_ClassBDepartmentByHand_ReachesOneHundredOnFiftyFivePoints()
    {
        var r = Scorer.Score(OrganisationDept());
        // base: 10 + 5 + 10 + 5 + 15 + 10 = 55 = the applicable max of B类部门
        r.Base.ShouldBe(55m);
        r.ApplicableMax.ShouldBe(55m);
        // 55 × 100 / 55 = 100 → 红名单
        r.Total.ShouldBe(100m);
        r.Grade.ShouldBe("红名单");
    }

    [Theory]
    // Applicable maxima: 镇、街道 85, A类部门 65, B类部门 55; items of another class neither score nor count.
    [InlineData("town", 85)]
    [InlineData("dept_a", 65)]
    [InlineData("dept_b", 55)]
    public void Score_EachClass_CountsOnlyItsApplicableItemsInTheMax(string unitClass, decimal applicableMax)
    {
        var r = Scorer.Score(Of(unitClass));
        r.ApplicableMax.ShouldBe(applicableMax);
        var notApplicable = r.Scheme.Items.Where(ci => !ci.Item.AppliesTo(unitClass)).Select(ci => ci.Item.Id).ToList();
        notApplicable.ShouldBe(unitClass switch
        {
            "town" => ["1.2", "3.1.1", "note2.1"],
            "dept_a" => ["5.1", "5.2", "5.3", "note2.1"],
            _ => ["1.2", "3.1.1", "5.1", "5.2", "5.3"],
        });
        foreach (var id in notApplicable)
            r[id].Status.ShouldBe(ItemStatus.NotApplicable);
    }

    // ---------------------------------------------------------------- grades and the veto

    [Theory]
    // "红名单 … 85分(含)以上"；"蓝名单 … 85分以下但在60分(含)以上"；"黄名单 … 低于60分"
    [InlineData(100, "红名单")]
    [InlineData(85, "红名单")]
    [InlineData(84.99, "蓝名单")]
    [InlineData(60, "蓝名单")]
    [InlineData(59.99, "黄名单")]
    [InlineData(0, "黄名单")]
    public void Grade_AtEveryThreshold_IncludesTheLowerEdge(decimal total, string grade)
    {
        Totals.GradeOf(Scheme.Scheme, total).ShouldBe(grade);
    }

    [Theory]
    // B类部门: items 55 × 100 / 55 = 100; the 注2 deduction is taken off after, unscaled:
    // 100 − 15 = 85 exactly; 100 − 15.02 = 84.98
    [InlineData(15, 85, "红名单")]
    [InlineData(15.02, 84.98, "蓝名单")]
    // 100 − 40 = 60 exactly; 100 − 40.02 = 59.98
    [InlineData(40, 60, "蓝名单")]
    [InlineData(40.02, 59.98, "黄名单")]
    public void Score_ClassBAtTheGradeLines_GradesTheNormalisedTotal(decimal deducted, decimal total, string grade)
    {
        var r = Scorer.Score(OrganisationDept(deducted));
        r.Total.ShouldBe(total);
        r.Grade.ShouldBe(grade);
    }

    [Theory]
    // 镇、街道: 1.1 10 + 1.3 5 + 2.1 10 + 3.2.1 5 + 5.1 20 = 50, plus 5.2 at 0.5 per enterprise:
    // 2 enterprises → 51 × 100 / 85 = 60 exactly → 蓝名单; 1 enterprise → 50.5 × 100 / 85 = 59.411… → 59.41 → 黄名单
    [InlineData(2, 51, 60, "蓝名单")]
    [InlineData(1, 50.5, 59.41, "黄名单")]
    public void Score_TownAtTheYellowLine_GradesTheNormalisedTotal(int enterprises, decimal @base, decimal total, string grade)
    {
        var f = Town("edge")
            .Set("dual_disclosure_within_7_days", FactValue.Bool(true)).Set("dual_disclosure_complete", FactValue.Bool(true))
            .Set("dual_disclosure_concealment_cases", FactValue.Count(0))
            .Set("commitment_info_monthly", FactValue.Bool(true))
            .Set("credit_review_in_administration", FactValue.Bool(true)).Set("rewards_and_sanctions_by_rule", FactValue.Bool(true))
            .Set("investment_breaches", FactValue.Count(0))
            .Set("credit_law_trainings", Rows(0, 0, "documented")).Set("five_into_campaigns", Rows(0, 0, "documented"))
            .Set("town_creation_plan", FactValue.Bool(true)).Set("credit_villages_accepted", FactValue.Count(1))
            .Set("credit_village_on_record", FactValue.Bool(false)).Set("new_honest_households", FactValue.Count(0))
            .Set("pledging_enterprises", Rows(enterprises, 0, "signed_and_published"))
            .Set("public_pledge_areas", FactValue.Count(0))
            .Set("innovation_promoted", FactValue.Bool(false));
        var r = Scorer.Score(f);
        r.Base.ShouldBe(@base);
        r.Total.ShouldBe(total);
        r.Grade.ShouldBe(grade);
    }

    [Fact]
    public void Score_SeriousDishonesty_PutsEvenAFullScoreOnTheYellowList()
    {
        // 三（二）3 "黄名单……或本单位存在严重失信行为"；注2 "严重的直接列入黄名单"
        var r = Scorer.Score(OrganisationDept().Set("serious_dishonesty", FactValue.Bool(true)));
        r.Total.ShouldBe(100m);
        r.Grade.ShouldBe("黄名单");
        r.Vetoes.ShouldBe(["本单位存在严重失信行为（严重的直接列入黄名单） → 黄名单"]);
        Explainer.ExplainTotal(r).ShouldContain("否决");
    }

    [Theory]
    [InlineData("town")]
    [InlineData("dept_a")]
    [InlineData("dept_b")]
    public void Score_SeriousDishonesty_AppliesToEveryClass(string unitClass)
    {
        var r = Scorer.Score(Of(unitClass).Set("serious_dishonesty", FactValue.Bool(true)));
        r.Grade.ShouldBe("黄名单");
        var clear = Scorer.Score(Of(unitClass).Set("serious_dishonesty", FactValue.Bool(false)));
        clear.Vetoes.ShouldBeEmpty();
    }

    // ---------------------------------------------------------------- carry-over across quarters

    /// <summary>ShiheTown in a later quarter: no new village, no new pledges (5.1 → 5, 5.2 → 0).</summary>
    private static UnitFacts ShiheLater(string period) => ShiheTown(period)
        .Set("credit_villages_accepted", FactValue.Count(0))
        .Set("credit_village_on_record", FactValue.Bool(true))
        .Set("new_honest_households", FactValue.Count(0))
        .Set("pledging_enterprises", Rows(0, 0, "signed_and_published"))
        .Set("credit_law_trainings", Rows(0, 0, "documented"))
        .Set("five_into_campaigns", Rows(0, 0, "documented"));

    [Fact]
    public void CarryOver_PointsOfTheFirstQuarter_StayValidUntilTheQuarterBeforeTheSameMonthNextYear()
    {
        // "此项分值有效期至次年同月认定的前一季度止" → validFor 4: 2022Q1's points count in 2022Q1–Q4, not in 2023Q1.
        var q1 = Scorer.Score(ShiheTown("2022Q1"));        // 5.1: 20, 5.2: 3
        q1["5.1"].Score.ShouldBe(20m);
        q1["5.2"].Score.ShouldBe(3m);
        var raw = new List<UnitResult> { q1 };
        foreach (var period in new[] { "2022Q2", "2022Q3", "2022Q4" })
        {
            var own = Scorer.Score(ShiheLater(period));
            own["5.1"].Score.ShouldBe(5m);                  // 无增加计 5 分
            own["5.2"].Score.ShouldBe(0m);
            var carried = CarryOver.Apply(Scorer.Score(ShiheLater(period)), raw);
            carried["5.1"].Score.ShouldBe(20m);
            carried["5.1"].CarriedFrom.ShouldBe("2022Q1");
            carried["5.2"].Score.ShouldBe(3m);
            // Items without a validity do not carry: 3.3.1 is this quarter's 0, not 2022Q1's 8.
            carried["3.3.1"].Score.ShouldBe(0m);
            // base: 10 + 5 + 10 + 5 + 0 + 20 + 3 + 4 + 0 = 57 → 57 × 100 / 85 = 67.058… → 67.06
            carried.Base.ShouldBe(57m);
            carried.Total.ShouldBe(67.06m);
            Explainer.Explain(carried, "5.1").ShouldContain("沿用2022年第一季度的有效得分");
            raw.Add(own);
        }
        // 2023Q1: the four quarters before are 2022Q1–Q4; only Q2–Q4 (5 each) are within validity.
        var next = CarryOver.Apply(Scorer.Score(ShiheLater("2023Q1")), raw);
        next["5.1"].Score.ShouldBe(5m);
        next["5.1"].CarriedFrom.ShouldBeNull();
        next["5.2"].Score.ShouldBe(0m);
        // base: 10 + 5 + 10 + 5 + 0 + 5 + 0 + 4 + 0 = 39 → 39 × 100 / 85 = 45.882… → 45.88 → 黄名单
        next.Base.ShouldBe(39m);
        next.Total.ShouldBe(45.88m);
        next.Grade.ShouldBe("黄名单");
    }

    [Fact]
    public void CarryOver_ABetterLaterQuarter_KeepsItsOwnPoints()
    {
        // 2022Q2 adds 5 诚信户 (5 + 15 = 20) and 10 pledging enterprises (5): better than 2022Q1's 3 for 5.2.
        var q1 = Scorer.Score(ShiheTown("2022Q1"));
        var q2 = CarryOver.Apply(Scorer.Score(ShiheLater("2022Q2")
            .Set("new_honest_households", FactValue.Count(5))
            .Set("pledging_enterprises", Rows(10, 0, "signed_and_published"))), [q1]);
        q2["5.1"].Score.ShouldBe(20m);
        q2["5.2"].Score.ShouldBe(5m);
        q2["5.2"].CarriedFrom.ShouldBeNull();
    }

    // ---------------------------------------------------------------- the seed's faults as the linter reports them

    private static readonly IReadOnlyList<LintFinding> Findings = Linter.Lint(LoadScheme(File)).Where(f => f.Code != "recorded-reading").ToList();

    [Fact]
    public void Lint_BuiltInScheme_HasNoUnresolvedError()
    {
        Findings.Where(f => f.Severity == LintSeverity.Error && !f.IsResolved).Select(Linter.Format).ShouldBeEmpty();
        Findings.Where(f => !f.IsResolved).Select(Linter.Format).ShouldBeEmpty();
    }

    [Theory]
    // 附件1 "(满分 100 分)" but 一 20 + 二 10 + 三 45 + 五 30 = 105, and there is no 四
    [InlineData("scheme-total-mismatch", null, "各大类合计 105 分")]
    // "三 行政管理 45 分" over 信易批 5 + 失信管理 15 + 诚信宣传 15 = 35
    [InlineData("category-max-mismatch", "3", "声明 45 分，子项合计 35 分")]
    // "失信管理 (15分)" over the one readable item, 招商引资 5 (the rest is lost in extraction)
    [InlineData("category-max-mismatch", "3.2", "声明 15 分，子项合计 5 分")]
    // "五 … 30 分" over 20 + 5 + 5 + 创新工作 10 = 40
    [InlineData("category-max-mismatch", "5", "声明 30 分，子项合计 40 分")]
    // 注1: classes see different items — 镇、街道 85, A类部门 65, B类部门 55, none 100
    [InlineData("class-total-mismatch", null, "“镇、街道”（town）适用指标满分合计 85 分")]
    [InlineData("class-total-mismatch", null, "“A类部门”（dept_a）适用指标满分合计 65 分")]
    [InlineData("class-total-mismatch", null, "“B类部门”（dept_b）适用指标满分合计 55 分")]
    public void Lint_SeedFault_IsReportedAndResolved(string code, string? nodeId, string message)
    {
        var f = Findings.Single(x => x.Code == code && x.NodeId == nodeId && x.Message.Contains(message));
        f.IsResolved.ShouldBeTrue();
        f.Resolution!.Code.ShouldBe(code);
        f.Resolution.Text.ShouldNotBeNullOrWhiteSpace();
        f.Resolution.Does.ShouldNotBeNullOrWhiteSpace();
        f.Resolution.Why.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public void Lint_BuiltInScheme_ReportsExactlyTheSeedFaults()
    {
        Findings.Select(f => (f.Code, f.NodeId)).ShouldBe(
        [
            ("scheme-total-mismatch", null),
            ("class-total-mismatch", null),
            ("class-total-mismatch", null),
            ("class-total-mismatch", null),
            ("category-max-mismatch", "3"),
            ("category-max-mismatch", "3.2"),
            ("category-max-mismatch", "5"),
        ], ignoreOrder: true);
    }

    [Fact]
    public void Lint_ClassTotals_AreWarningsBecauseTheSchemeNormalises()
    {
        Findings.Where(f => f.Code == "class-total-mismatch").ShouldAllBe(f => f.Severity == LintSeverity.Warning);
        Findings.Single(f => f.Code == "class-total-mismatch" && f.Message.Contains("town")).Message.ShouldContain("normaliseTo 100");
    }
}
