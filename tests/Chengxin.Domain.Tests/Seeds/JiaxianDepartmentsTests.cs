using Chengxin.Domain.Linting;
using Chengxin.Domain.Schemes;
using Chengxin.Domain.Scoring;
using static Chengxin.Domain.Tests.TestSupport;

namespace Chengxin.Domain.Tests.Seeds;

/// <summary>
/// Seed 004 附件1 (郏信用办〔2022〕4号): 县直单位社会信用体系建设工作考核指标, encoded as
/// schemes/004-jiaxian-departments-2022.yaml. Each test quotes the seed sentence it checks.
/// </summary>
public class JiaxianDepartmentsTests
{
    private const string File = "004-jiaxian-departments-2022.yaml";
    private static readonly CompiledScheme Scheme = Compile(File);

    private static UnitFacts Dept(string id = "d1", string? name = null) => Scheme.NewFacts(id, "dept", name);

    /// <summary>A department that earns every base point and the whole bonus.</summary>
    private static UnitFacts FullMarks(string id = "full") => Dept(id)
        .Set("leader_assigned", FactValue.Bool(true)).Set("lead_office_assigned", FactValue.Bool(true))
        .Set("liaison_assigned", FactValue.Bool(true)).Set("dedicated_computer", FactValue.Bool(true))
        .Set("dedicated_printer", FactValue.Bool(true)).Set("work_rules", FactValue.Bool(true))
        .Set("dual_disclosure_late_or_wrong", FactValue.Count(0))
        .Set("other_credit_info_missed_or_wrong", FactValue.Count(0))
        .Set("credit_loan_growth", FactValue.Num(1))
        .Set("bank_enterprise_events", FactValue.Count(5))
        .Set("xinyidai_firms_approved", FactValue.Count(10))
        .Set("credit_product_measures_issued", FactValue.Bool(true))
        .Set("licensing_pledge_compiled", FactValue.Bool(true)).Set("credit_product_uses", FactValue.Count(11))
        .Set("scenarios_with_results", FactValue.Count(5)).Set("scenarios_notice_only", FactValue.Count(0))
        .Set("publicity_activities", FactValue.Count(10))
        .Set("reports_on_time", FactValue.Count(10))
        .Set("listed_dishonest_debtor", FactValue.Bool(false)).Set("joint_punishment_target", FactValue.Bool(false))
        .Set("arrears_to_smes", FactValue.Bool(false))
        .Set("service_commitments_published", FactValue.Bool(true)).Set("integrity_service_pledge_signed", FactValue.Bool(true))
        .Set("complaints_accepted_and_rectified", FactValue.Bool(true))
        .Set("dishonesty_governance_document", FactValue.Bool(true)).Set("dishonesty_governance_results", FactValue.Bool(true))
        .Set("pledge_type_approval_substitute", FactValue.Bool(true)).Set("pledge_type_tolerant_acceptance", FactValue.Bool(true))
        .Set("pledge_type_certificate_substitute", FactValue.Bool(true)).Set("pledge_type_credit_repair", FactValue.Bool(true))
        .Set("pledge_type_self_discipline", FactValue.Bool(true)).Set("pledge_type_public_disclosure", FactValue.Bool(true))
        .Set("supervision_rules_issued", FactValue.Bool(true)).Set("evaluation_method_issued", FactValue.Bool(true))
        .Set("tiered_supervision_cases", FactValue.Count(2))
        .Set("joint_incentive_punishment_document", FactValue.Bool(true)).Set("joint_incentive_punishment_cases", FactValue.Count(3))
        .Set("innovations_recognised", FactValue.Count(5));

    // ---- the scheme as a whole -------------------------------------------------------------

    [Fact]
    public void Load_SeedFile_CarriesTheNoticeHeaderGradesAndBonus()
    {
        var s = Scheme.Scheme;
        s.Id.ShouldBe("jiaxian-departments-2022");
        s.Title.ShouldBe("县直单位社会信用体系建设工作考核指标");
        s.Issuer.ShouldBe("郏县社会信用体系建设领导小组办公室");
        s.Document.ShouldBe("郏信用办〔2022〕4号");
        s.Date.ShouldBe("2022-03-18");
        s.Period.ShouldBe(PeriodKind.Quarter);
        s.Total.ShouldBe(100m);
        s.Classes.Select(c => (c.Id, c.Name)).ShouldBe([("dept", "县直单位")]);
        // "90 分以上（含本数，下同）为优秀，80 分以上 90 分以下（不含本数，下同）为良好，60 分以上 80 分以下为合格，60 分以下为不合格"
        s.Grades.Select(g => (g.Name, g.Min)).ShouldBe([("优秀", 90m), ("良好", 80m), ("合格", 60m), ("不合格", 0m)]);
        // "七 工作创新 (附加分) 5 … 每次得1分，满分5分"
        s.Bonus.Cap.ShouldBe(5m);
        s.Comparison.NormaliseTo.ShouldBeNull();
        s.Campaign.FollowUp.ShouldNotBeNull().ShouldContain("对落后单位给予通报批评");
    }

    [Fact]
    public void Load_SeedFile_KeepsTheSeedTableInOrderWithItsNumbering()
    {
        var s = Scheme.Scheme;
        s.Categories.Select(c => (c.No, c.Title, c.Max)).ShouldBe([
            ("一", "领导机制建设", 5m), ("二", "信用信息归集共享", 15m), ("三", "信用产品及应用", 35m),
            ("四", "信用体系宣传推广", 10m), ("五", "政务诚信建设", 10m), ("六", "信用监管", 20m),
            ("七", "工作创新（附加分）", 5m)]);
        // Document order, as the compiled scheme and a walk of the tree (subcategory 三.1 before 三.2–三.4) give it.
        string[] order = ["1.1", "2.1", "2.2", "3.1.1", "3.1.2", "3.1.3", "3.2", "3.3", "3.4", "4.1", "4.2",
            "5.1", "5.2", "5.3", "5.4", "6.1", "6.2", "6.3", "7.1"];
        Scheme.Items.Select(ci => ci.Item.Id).ShouldBe(order);
        s.Categories.SelectMany(Walk).Select(i => i.Id).ShouldBe(order);
        Scheme.Items.Select(ci => ci.Item.Max).ShouldBe([5m, 7.5m, 7.5m, 7m, 5m, 5m, 2m, 6m, 10m, 5m, 5m, 2m, 2m, 3m, 3m, 3m, 12m, 5m, 5m]);
        s.Items.Where(i => i.IsBonus).Select(i => i.Id).ShouldBe(["7.1"]);
        // Every item carries its seed wording, method and source.
        foreach (var item in s.Items)
        {
            (item.Wording.Scoring ?? item.Wording.Content).ShouldNotBeNullOrWhiteSpace(item.Id);
            item.Method.ShouldNotBeNullOrWhiteSpace(item.Id);
            item.Source.ShouldNotBeNullOrWhiteSpace(item.Id);
            item.Evidence.ShouldNotBeEmpty(item.Id);
        }
        var sub = s.Categories[2].Categories.Single();
        (sub.No, sub.Title, sub.Max).ShouldBe(("1", "信用贷款及“信易贷”工作落实情况", 17m));
        s.Items.Single(i => i.Id == "2.1").Wording.Scoring.ShouldBe("按时按要求报送的得 7.5 分, 有迟报、错报的每条扣 0.5 分, 最高扣 7.5 分。");
    }

    private static IEnumerable<Item> Walk(Category c) =>
        c.Children.SelectMany(n => n is Category sub ? Walk(sub) : [(Item)n]);

    [Fact]
    public void Load_FactSuppliers_NameTheSeedsInformationSources()
    {
        string SupplierOf(string key) => Scheme.FactDefinitions.Single(f => f.Key == key).Supplier;
        // "信用办平台 统计资料": the 双公示 count is the platform's own, from the records it collected (issue 15)
        SupplierOf("dual_disclosure_late_or_wrong").ShouldBe("system:dual-disclosure-late-or-wrong");
        SupplierOf("other_credit_info_missed_or_wrong").ShouldBe("feed:信用平台统计");
        // "中国执行信息公开网、有关信用网站": the platform screens the units against the list snapshots; a confirmed hit decides (issue 15)
        SupplierOf("listed_dishonest_debtor").ShouldBe("system:listed-dishonest");
        // "郑县工信局提供" (郏县)
        SupplierOf("arrears_to_smes").ShouldBe("provider:县工信局");
        // "由市信用办提供数据"
        SupplierOf("xinyidai_firms_approved").ShouldBe("provider:市信用办");
        // "银保监局、人行及各金融机构提供"
        SupplierOf("credit_loan_growth").ShouldBe("provider:人行");
    }

    [Fact]
    public void Write_ParseWrite_GivesTheSameText()
    {
        var first = SchemeWriter.Write(LoadScheme(File));
        var second = SchemeWriter.Write(SchemeLoader.Parse(first, File));
        second.ShouldBe(first);
    }

    // ---- 一 领导机制建设 ------------------------------------------------------------------------

    [Theory]
    // "明确分管…单位领导、牵头科室、工作联络员,有专用电脑、打印机、明确工作制度。"
    // "成立的得 5 分; 缺一项扣 1 分, 未成立的不得分。"
    [InlineData(true, true, true, true, true, true, 5)]
    [InlineData(true, true, true, true, true, false, 4)]
    [InlineData(false, true, true, true, false, true, 3)]
    [InlineData(true, false, false, true, false, true, 2)]
    [InlineData(false, false, true, false, false, true, 1)]
    [InlineData(false, false, false, false, true, false, 0)]
    [InlineData(false, false, false, false, false, false, 0)]
    public void Score_OrganisationMissingParts_DeductsOnePointEach(bool leader, bool office, bool liaison, bool computer, bool printer, bool rules, decimal expected)
    {
        var f = Dept().Set("leader_assigned", FactValue.Bool(leader)).Set("lead_office_assigned", FactValue.Bool(office))
            .Set("liaison_assigned", FactValue.Bool(liaison)).Set("dedicated_computer", FactValue.Bool(computer))
            .Set("dedicated_printer", FactValue.Bool(printer)).Set("work_rules", FactValue.Bool(rules));
        ItemScore(f, "1.1").ShouldBe(expected);
    }

    // ---- 二 信用信息归集共享 ----------------------------------------------------------------------

    [Theory]
    // "按时按要求报送的得 7.5 分, 有迟报、错报的每条扣 0.5 分, 最高扣 7.5 分。"
    [InlineData(0, 7.5)]
    [InlineData(1, 7)]
    [InlineData(2, 6.5)]
    [InlineData(14, 0.5)]
    [InlineData(15, 0)]
    [InlineData(16, 0)]
    [InlineData(200, 0)]
    public void Score_DualDisclosureLateOrWrongRecords_DeductHalfAPointEachUpTo7point5(int records, decimal expected)
    {
        ItemScore(Dept().Set("dual_disclosure_late_or_wrong", FactValue.Count(records)), "2.1").ShouldBe(expected);
    }

    [Theory]
    // "按要求上报的得 7.5 分, 发现漏报、错报的每条扣 0.5 分, 最高扣 7.5 分。"
    [InlineData(0, 7.5)]
    [InlineData(1, 7)]
    [InlineData(14, 0.5)]
    [InlineData(15, 0)]
    [InlineData(40, 0)]
    public void Score_OtherCreditInfoMissedOrWrong_DeductHalfAPointEachUpTo7point5(int records, decimal expected)
    {
        ItemScore(Dept().Set("other_credit_info_missed_or_wrong", FactValue.Count(records)), "2.2").ShouldBe(expected);
    }

    [Fact]
    public void Explain_DeductionBeyondTheCap_SaysTheMostDeducted()
    {
        var r = Scorer.Score(Dept().Set("dual_disclosure_late_or_wrong", FactValue.Count(20)));
        Explainer.Explain(r, "2.1").ShouldBe("迟报、错报每条扣0.5分：“双公示”信息迟报、错报条数 = 20，7.5 − 20 次 × 0.5（最多扣 7.5） → 0；得分 0 / 7.5");
    }

    // ---- 三 信用产品及应用 ------------------------------------------------------------------------

    [Theory]
    // "信用贷款规模年增速，得分=7*增速，最多得7分" (增速 as a fraction: 20% = 0.2)
    [InlineData(0, 0)]
    [InlineData(0.2, 1.4)]
    [InlineData(0.123, 0.861)]
    [InlineData(0.5, 3.5)]
    [InlineData(0.99, 6.93)]
    [InlineData(1, 7)]
    [InlineData(2.5, 7)]
    [InlineData(-0.01, 0)]
    [InlineData(-0.4, 0)]
    public void Score_CreditLoanGrowth_IsSevenTimesTheGrowthBetweenZeroAndSeven(decimal growth, decimal expected)
    {
        ItemScore(Dept().Set("credit_loan_growth", FactValue.Num(growth)), "3.1.1").ShouldBe(expected);
    }

    [Theory]
    // "举办推介会、对接会等宣传活动，每次得1分，最多得5分"
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(4, 4)]
    [InlineData(5, 5)]
    [InlineData(6, 5)]
    public void Score_BankEnterpriseEvents_OnePointEachUpToFive(int events, decimal expected)
    {
        ItemScore(Dept().Set("bank_enterprise_events", FactValue.Count(events)), "3.1.2").ShouldBe(expected);
    }

    [Theory]
    // "每向省“信易贷”平台成功上报并通过审验一家的得0.5分，最高5分，未上报的不得分。"
    [InlineData(0, 0)]
    [InlineData(1, 0.5)]
    [InlineData(9, 4.5)]
    [InlineData(10, 5)]
    [InlineData(11, 5)]
    public void Score_XinyidaiFirmsApproved_HalfAPointEachUpToFive(int firms, decimal expected)
    {
        ItemScore(Dept().Set("xinyidai_firms_approved", FactValue.Count(firms)), "3.1.3").ShouldBe(expected);
    }

    [Theory]
    // "出台的得2分，未制定的不得分。"
    [InlineData(true, 2)]
    [InlineData(false, 0)]
    public void Score_CreditProductMeasures_TwoPointsWhenIssued(bool issued, decimal expected)
    {
        ItemScore(Dept().Set("credit_product_measures_issued", FactValue.Bool(issued)), "3.2").ShouldBe(expected);
    }

    [Theory]
    // "编制行政许可事项信用承诺书者得0.5分，每应用一项得0.5分，最高6分，未应用的不得分。"
    [InlineData(true, 0, 0)]
    [InlineData(false, 0, 0)]
    [InlineData(false, 1, 0.5)]
    [InlineData(true, 1, 1)]
    [InlineData(true, 5, 3)]
    [InlineData(true, 10, 5.5)]
    [InlineData(true, 11, 6)]
    [InlineData(true, 30, 6)]
    [InlineData(false, 11, 5.5)]
    [InlineData(false, 12, 6)]
    [InlineData(false, 13, 6)]
    public void Score_CreditProductUses_PledgeHalfPointPlusHalfPerUseUpToSix(bool pledge, int uses, decimal expected)
    {
        var f = Dept().Set("licensing_pledge_compiled", FactValue.Bool(pledge)).Set("credit_product_uses", FactValue.Count(uses));
        ItemScore(f, "3.3").ShouldBe(expected);
    }

    [Theory]
    // "每开展一项信用服务产品应用并取得成效的得2分，最高得10分，仅提供相关通知或文件，未提供成效证明的每项得1分。"
    [InlineData(0, 0, 0)]
    [InlineData(1, 0, 2)]
    [InlineData(0, 1, 1)]
    [InlineData(2, 3, 7)]
    [InlineData(4, 1, 9)]
    [InlineData(4, 2, 10)]
    [InlineData(5, 0, 10)]
    [InlineData(6, 0, 10)]
    [InlineData(0, 10, 10)]
    [InlineData(0, 11, 10)]
    public void Score_CreditPlusScenarios_TwoWithProofOneWithoutUpToTen(int withResults, int noticeOnly, decimal expected)
    {
        var f = Dept().Set("scenarios_with_results", FactValue.Count(withResults)).Set("scenarios_notice_only", FactValue.Count(noticeOnly));
        ItemScore(f, "3.4").ShouldBe(expected);
    }

    // ---- 四 信用体系宣传推广 ----------------------------------------------------------------------

    [Theory]
    // "每自主开展一次的得0.5分；最高得5分。未开展的不得分。"
    [InlineData(0, 0)]
    [InlineData(1, 0.5)]
    [InlineData(9, 4.5)]
    [InlineData(10, 5)]
    [InlineData(11, 5)]
    public void Score_PublicityActivities_HalfAPointEachUpToFive(int activities, decimal expected)
    {
        ItemScore(Dept().Set("publicity_activities", FactValue.Count(activities)), "4.1").ShouldBe(expected);
    }

    [Theory]
    // "按时报送工作总结、工作简报等每报一篇得0.5分，最高得5分。"
    [InlineData(0, 0)]
    [InlineData(1, 0.5)]
    [InlineData(9, 4.5)]
    [InlineData(10, 5)]
    [InlineData(25, 5)]
    public void Score_ReportsOnTime_HalfAPointEachUpToFive(int reports, decimal expected)
    {
        ItemScore(Dept().Set("reports_on_time", FactValue.Count(reports)), "4.2").ShouldBe(expected);
    }

    // ---- 五 政务诚信建设 --------------------------------------------------------------------------

    [Theory]
    // "信用良好的单位得2分，被列入失信被执行人的单位扣2分。" (考核内容: 失信被执行人或联合惩戒对象)
    [InlineData(false, false, 2)]
    [InlineData(true, false, 0)]
    [InlineData(false, true, 0)]
    [InlineData(true, true, 0)]
    public void Score_DishonestDebtorOrJointPunishment_LosesTheTwoPointsWithoutPenalty(bool debtor, bool joint, decimal expected)
    {
        var r = Scorer.Score(Dept().Set("listed_dishonest_debtor", FactValue.Bool(debtor)).Set("joint_punishment_target", FactValue.Bool(joint)));
        r["5.1"].Score.ShouldBe(expected);
        // "扣2分" takes the item's 2 points, not more: no 倒扣 beyond the item.
        r["5.1"].Penalty.ShouldBe(0m);
        r.Base.ShouldBe(expected);
    }

    [Theory]
    // "信用良好的单位得2分，有违约拖欠中小微企业的货物、工程、服务款项的扣2分"
    [InlineData(false, 2)]
    [InlineData(true, 0)]
    public void Score_ArrearsToSmes_LosesTheTwoPoints(bool arrears, decimal expected)
    {
        var r = Scorer.Score(Dept().Set("arrears_to_smes", FactValue.Bool(arrears)));
        r["5.2"].Score.ShouldBe(expected);
        r["5.2"].Penalty.ShouldBe(0m);
    }

    [Theory]
    // "公开服务承诺事项清单、签署向社会公布《诚信服务承诺书》、接受投诉及整改等情况，每项得1分，共3分"
    [InlineData(true, true, true, 3)]
    [InlineData(true, false, true, 2)]
    [InlineData(false, true, false, 1)]
    [InlineData(false, false, false, 0)]
    public void Score_ServiceCommitments_OnePointPerPart(bool list, bool pledge, bool complaints, decimal expected)
    {
        var f = Dept().Set("service_commitments_published", FactValue.Bool(list))
            .Set("integrity_service_pledge_signed", FactValue.Bool(pledge))
            .Set("complaints_accepted_and_rectified", FactValue.Bool(complaints));
        ItemScore(f, "5.3").ShouldBe(expected);
    }

    [Theory]
    // "对本行业领域政务失信行为制定相关治理文件的得1分，有工作通报、治理成效的得2分。"
    [InlineData(true, true, 3)]
    [InlineData(true, false, 1)]
    [InlineData(false, true, 2)]
    [InlineData(false, false, 0)]
    public void Score_DishonestyGovernance_DocumentOneResultsTwo(bool document, bool results, decimal expected)
    {
        var f = Dept().Set("dishonesty_governance_document", FactValue.Bool(document)).Set("dishonesty_governance_results", FactValue.Bool(results));
        ItemScore(f, "5.4").ShouldBe(expected);
    }

    // ---- 六 信用监管 ------------------------------------------------------------------------------

    private static readonly string[] PledgeTypes =
    [
        "pledge_type_approval_substitute", "pledge_type_tolerant_acceptance", "pledge_type_certificate_substitute",
        "pledge_type_credit_repair", "pledge_type_self_discipline", "pledge_type_public_disclosure",
    ];

    [Theory]
    // "审批替代型、容缺受理型、证明替代型、信易修复型行业自律型、主动公示型" — "每覆盖一个领域0.5分，共3分"
    [InlineData(0, 0)]
    [InlineData(1, 0.5)]
    [InlineData(2, 1)]
    [InlineData(3, 1.5)]
    [InlineData(4, 2)]
    [InlineData(5, 2.5)]
    [InlineData(6, 3)]
    public void Score_PledgeTypesCovered_HalfAPointEachUpToThree(int covered, decimal expected)
    {
        var f = Dept();
        for (var i = 0; i < PledgeTypes.Length; i++)
            f.Set(PledgeTypes[i], FactValue.Bool(i < covered));
        ItemScore(f, "6.1").ShouldBe(expected);
    }

    [Fact]
    public void Score_PledgeTypesCovered_CountsWhicheverTypesAreCovered()
    {
        var f = Dept();
        for (var i = 0; i < PledgeTypes.Length; i++)
            f.Set(PledgeTypes[i], FactValue.Bool(i % 2 == 1));
        ItemScore(f, "6.1").ShouldBe(1.5m);
    }

    [Theory]
    // "出台制度文件的得2分；出台评价办法的得2分；实施信用分级分类监管，每提供1个具体案例的得4分，共8分。"
    [InlineData(true, true, 2, 12)]
    [InlineData(true, true, 3, 12)]
    [InlineData(true, true, 1, 8)]
    [InlineData(true, false, 0, 2)]
    [InlineData(false, true, 1, 6)]
    [InlineData(false, false, 2, 8)]
    [InlineData(false, false, 5, 8)]
    [InlineData(false, false, 0, 0)]
    public void Score_InProcessSupervision_TwoPlusTwoPlusFourPerCaseUpToEight(bool rules, bool method, int cases, decimal expected)
    {
        var f = Dept().Set("supervision_rules_issued", FactValue.Bool(rules)).Set("evaluation_method_issued", FactValue.Bool(method))
            .Set("tiered_supervision_cases", FactValue.Count(cases));
        ItemScore(f, "6.2").ShouldBe(expected);
    }

    [Theory]
    // "制定相关文件的得2分；1个典型案例得1分。" — 分值 5: cases 1 point each, the item's 5 is the cap.
    [InlineData(false, 0, 0)]
    [InlineData(true, 0, 2)]
    [InlineData(false, 1, 1)]
    [InlineData(true, 1, 3)]
    [InlineData(true, 3, 5)]
    [InlineData(true, 4, 5)]
    [InlineData(false, 5, 5)]
    [InlineData(false, 9, 5)]
    public void Score_PostSupervision_DocumentTwoAndOnePerCaseUpToFive(bool document, int cases, decimal expected)
    {
        var f = Dept().Set("joint_incentive_punishment_document", FactValue.Bool(document))
            .Set("joint_incentive_punishment_cases", FactValue.Count(cases));
        var r = Scorer.Score(f);
        r["6.3"].Score.ShouldBe(expected);
        r.IsClamped("6.3").ShouldBe((document ? 2 : 0) + cases > 5);
    }

    // ---- 七 工作创新（附加分）--------------------------------------------------------------------

    [Theory]
    // "得到省、市有关部门推广或在市级以上媒体被宣传报道，每次得1分，满分5分。"
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(4, 4)]
    [InlineData(5, 5)]
    [InlineData(8, 5)]
    public void Score_Innovation_OnePointEachIntoTheBonusUpToFive(int times, decimal expected)
    {
        var r = Scorer.Score(Dept().Set("innovations_recognised", FactValue.Count(times)));
        r["7.1"].Score.ShouldBe(expected);
        r.Bonus.ShouldBe(expected);
        r.Base.ShouldBe(0m);
        r.Total.ShouldBe(expected);
    }

    // ---- whole units, by hand ---------------------------------------------------------------------

    [Fact]
    public void Score_FullMarks_Gives95BasePlus5BonusEqualsExactly100()
    {
        var r = Scorer.Score(FullMarks());
        // 5 + (7.5 + 7.5) + (7 + 5 + 5 + 2 + 6 + 10) + (5 + 5) + (2 + 2 + 3 + 3) + (3 + 12 + 5) = 95
        r.Base.ShouldBe(95m);
        r.ApplicableMax.ShouldBe(95m);
        r.Bonus.ShouldBe(5m);
        r.Total.ShouldBe(100m);
        r.Grade.ShouldBe("优秀");
        r.SubtotalOf("3").ShouldBe(35m);
        r.SubtotalOf("3.1").ShouldBe(17m);
        r.SubtotalOf("7").ShouldBe(5m);
        r.Items.ShouldAllBe(i => i.Status == ItemStatus.Scored);
    }

    [Fact]
    public void Score_BonusBeyondItsCap_AddsOnlyFiveSoTheTotalStaysAt100()
    {
        var r = Scorer.Score(FullMarks().Set("innovations_recognised", FactValue.Count(9)));
        // "每次得1分，满分5分": 9 occasions → 5; 95 + 5 = 100, the most a department can score.
        r.BonusRaw.ShouldBe(5m);
        r.Total.ShouldBe(100m);
    }

    /// <summary>A department in the middle of the field, scored by hand from the seed's sentences.</summary>
    [Fact]
    public void Score_MiddlingDepartment_AddsUpByHandTo66point25()
    {
        var f = Dept("bureau-a", "县甲局")
            .Set("leader_assigned", FactValue.Bool(true)).Set("lead_office_assigned", FactValue.Bool(true))
            .Set("liaison_assigned", FactValue.Bool(true)).Set("dedicated_computer", FactValue.Bool(true))
            .Set("dedicated_printer", FactValue.Bool(true)).Set("work_rules", FactValue.Bool(true))    // 1.1 六项齐全 → 5
            .Set("dual_disclosure_late_or_wrong", FactValue.Count(3))                                   // 2.1 7.5 − 3 × 0.5 = 6
            .Set("other_credit_info_missed_or_wrong", FactValue.Count(0))                               // 2.2 7.5
            .Set("credit_loan_growth", FactValue.Num(0.25m))                                            // 3.1.1 7 × 0.25 = 1.75
            .Set("bank_enterprise_events", FactValue.Count(3))                                          // 3.1.2 3 × 1 = 3
            .Set("xinyidai_firms_approved", FactValue.Count(4))                                         // 3.1.3 4 × 0.5 = 2
            .Set("credit_product_measures_issued", FactValue.Bool(true))                                // 3.2 2
            .Set("licensing_pledge_compiled", FactValue.Bool(true)).Set("credit_product_uses", FactValue.Count(5)) // 3.3 0.5 + 5 × 0.5 = 3
            .Set("scenarios_with_results", FactValue.Count(2)).Set("scenarios_notice_only", FactValue.Count(1))    // 3.4 2 × 2 + 1 = 5
            .Set("publicity_activities", FactValue.Count(6))                                            // 4.1 6 × 0.5 = 3
            .Set("reports_on_time", FactValue.Count(10))                                                // 4.2 10 × 0.5 = 5
            .Set("listed_dishonest_debtor", FactValue.Bool(false)).Set("joint_punishment_target", FactValue.Bool(false)) // 5.1 2
            .Set("arrears_to_smes", FactValue.Bool(false))                                              // 5.2 2
            .Set("service_commitments_published", FactValue.Bool(true)).Set("integrity_service_pledge_signed", FactValue.Bool(true))
            .Set("complaints_accepted_and_rectified", FactValue.Bool(false))                            // 5.3 1 + 1 = 2
            .Set("dishonesty_governance_document", FactValue.Bool(true)).Set("dishonesty_governance_results", FactValue.Bool(false)) // 5.4 1
            .Set("pledge_type_approval_substitute", FactValue.Bool(true)).Set("pledge_type_tolerant_acceptance", FactValue.Bool(true))
            .Set("pledge_type_certificate_substitute", FactValue.Bool(true)).Set("pledge_type_credit_repair", FactValue.Bool(false))
            .Set("pledge_type_self_discipline", FactValue.Bool(true)).Set("pledge_type_public_disclosure", FactValue.Bool(false)) // 6.1 4 × 0.5 = 2
            .Set("supervision_rules_issued", FactValue.Bool(true)).Set("evaluation_method_issued", FactValue.Bool(true))
            .Set("tiered_supervision_cases", FactValue.Count(1))                                        // 6.2 2 + 2 + 4 = 8
            .Set("joint_incentive_punishment_document", FactValue.Bool(true))
            .Set("joint_incentive_punishment_cases", FactValue.Count(2))                                // 6.3 2 + 2 = 4
            .Set("innovations_recognised", FactValue.Count(2));                                         // 7.1 附加分 2
        var r = Scorer.Score(f);
        // 一 5; 二 6 + 7.5 = 13.5; 三 1.75 + 3 + 2 + 2 + 3 + 5 = 16.75; 四 3 + 5 = 8; 五 2 + 2 + 2 + 1 = 7; 六 2 + 8 + 4 = 14
        r.SubtotalOf("1").ShouldBe(5m);
        r.SubtotalOf("2").ShouldBe(13.5m);
        r.SubtotalOf("3").ShouldBe(16.75m);
        r.SubtotalOf("4").ShouldBe(8m);
        r.SubtotalOf("5").ShouldBe(7m);
        r.SubtotalOf("6").ShouldBe(14m);
        // base 5 + 13.5 + 16.75 + 8 + 7 + 14 = 64.25; bonus 2; total 66.25 → 合格 (60 ≤ 66.25 < 80)
        r.Base.ShouldBe(64.25m);
        r.Bonus.ShouldBe(2m);
        r.Total.ShouldBe(66.25m);
        r.Grade.ShouldBe("合格");
        Explainer.ExplainTotal(r).ShouldBe("基础得分 64.25（适用满分 95）；附加分 2；总分 66.25；等次 合格");
    }

    /// <summary>A strong department listed as a dishonest debtor: it loses item 5.1's 2 points, and nothing else (the seed has no veto).</summary>
    private static UnitFacts StrongDepartment() => Dept("bureau-b", "县乙局")
        .Set("leader_assigned", FactValue.Bool(true)).Set("lead_office_assigned", FactValue.Bool(true))
        .Set("liaison_assigned", FactValue.Bool(true)).Set("dedicated_computer", FactValue.Bool(true))
        .Set("dedicated_printer", FactValue.Bool(true)).Set("work_rules", FactValue.Bool(true))        // 1.1 5
        .Set("dual_disclosure_late_or_wrong", FactValue.Count(0))                                       // 2.1 7.5
        .Set("other_credit_info_missed_or_wrong", FactValue.Count(1))                                   // 2.2 7.5 − 0.5 = 7
        .Set("credit_loan_growth", FactValue.Num(0.5m))                                                 // 3.1.1 7 × 0.5 = 3.5
        .Set("bank_enterprise_events", FactValue.Count(5))                                              // 3.1.2 5
        .Set("xinyidai_firms_approved", FactValue.Count(12))                                            // 3.1.3 12 × 0.5 = 6 → 最高 5
        .Set("credit_product_measures_issued", FactValue.Bool(true))                                    // 3.2 2
        .Set("licensing_pledge_compiled", FactValue.Bool(true)).Set("credit_product_uses", FactValue.Count(11)) // 3.3 0.5 + 5.5 = 6
        .Set("scenarios_with_results", FactValue.Count(5)).Set("scenarios_notice_only", FactValue.Count(0))    // 3.4 10
        .Set("publicity_activities", FactValue.Count(10))                                               // 4.1 5
        .Set("reports_on_time", FactValue.Count(8))                                                     // 4.2 4
        .Set("listed_dishonest_debtor", FactValue.Bool(true)).Set("joint_punishment_target", FactValue.Bool(false)) // 5.1 扣2分 → 0
        .Set("arrears_to_smes", FactValue.Bool(false))                                                  // 5.2 2
        .Set("service_commitments_published", FactValue.Bool(true)).Set("integrity_service_pledge_signed", FactValue.Bool(true))
        .Set("complaints_accepted_and_rectified", FactValue.Bool(true))                                 // 5.3 3
        .Set("dishonesty_governance_document", FactValue.Bool(true)).Set("dishonesty_governance_results", FactValue.Bool(true)) // 5.4 3
        .Set("pledge_type_approval_substitute", FactValue.Bool(true)).Set("pledge_type_tolerant_acceptance", FactValue.Bool(true))
        .Set("pledge_type_certificate_substitute", FactValue.Bool(true)).Set("pledge_type_credit_repair", FactValue.Bool(true))
        .Set("pledge_type_self_discipline", FactValue.Bool(true)).Set("pledge_type_public_disclosure", FactValue.Bool(true)) // 6.1 3
        .Set("supervision_rules_issued", FactValue.Bool(true)).Set("evaluation_method_issued", FactValue.Bool(true))
        .Set("tiered_supervision_cases", FactValue.Count(2))                                            // 6.2 12
        .Set("joint_incentive_punishment_document", FactValue.Bool(true))
        .Set("joint_incentive_punishment_cases", FactValue.Count(1))                                    // 6.3 3
        .Set("innovations_recognised", FactValue.Count(4));                                             // 7.1 附加分 4

    [Fact]
    public void Score_StrongDepartmentListedAsDebtor_AddsUpByHandToExactly90AndStaysExcellent()
    {
        var r = Scorer.Score(StrongDepartment());
        // 一 5; 二 7.5 + 7 = 14.5; 三 3.5 + 5 + 5 + 2 + 6 + 10 = 31.5; 四 5 + 4 = 9; 五 0 + 2 + 3 + 3 = 8; 六 3 + 12 + 3 = 18
        r.SubtotalOf("2").ShouldBe(14.5m);
        r.SubtotalOf("3").ShouldBe(31.5m);
        r.SubtotalOf("5").ShouldBe(8m);
        r.SubtotalOf("6").ShouldBe(18m);
        // base 5 + 14.5 + 31.5 + 9 + 8 + 18 = 86; bonus 4; total 90 → 优秀 ("90 分以上（含本数）")
        r.Base.ShouldBe(86m);
        r.Total.ShouldBe(90m);
        r.Grade.ShouldBe("优秀");
        // The seed has no 一票否决: being listed costs item 5.1's points, not the grade.
        r.Vetoes.ShouldBeEmpty();
    }

    [Fact]
    public void Score_StrongDepartmentWithOneMoreMissedRecord_FallsJustBelow90ToGood()
    {
        var r = Scorer.Score(StrongDepartment().Set("other_credit_info_missed_or_wrong", FactValue.Count(2)));
        // 2.2 7.5 − 2 × 0.5 = 6.5 (0.5 less): total 89.5 → 良好 ("80 分以上 90 分以下（不含本数）")
        r.Total.ShouldBe(89.5m);
        r.Grade.ShouldBe("良好");
    }

    // ---- grades, veto, classes, missing facts -------------------------------------------------------

    [Theory]
    // "90 分以上（含本数，下同）为优秀，80 分以上 90 分以下（不含本数，下同）为良好，60 分以上 80 分以下为合格，60 分以下为不合格。"
    [InlineData(100, "优秀")]
    [InlineData(90, "优秀")]
    [InlineData(89.99, "良好")]
    [InlineData(80, "良好")]
    [InlineData(79.99, "合格")]
    [InlineData(60, "合格")]
    [InlineData(59.99, "不合格")]
    [InlineData(0, "不合格")]
    public void Grade_AtEachThresholdAndJustBelow_FollowsTheNotice(decimal total, string grade)
    {
        Totals.GradeOf(Scheme.Scheme, total).ShouldBe(grade);
    }

    [Theory]
    // Full marks (95 + 5) without the bonus (−5), 三.4 (−10) and 四.2 (−5) = 80; each further step by hand.
    [InlineData(0, false, false, 80, "良好")]
    [InlineData(1, false, false, 79.5, "合格")]      // 二.1 one late record: −0.5
    [InlineData(0, true, false, 68, "合格")]         // 六.2 nothing: −12
    [InlineData(0, true, true, 60, "合格")]          // and 四.1 (−5), 五.3 (−3): 68 − 8 = 60
    [InlineData(1, true, true, 59.5, "不合格")]
    public void Score_DepartmentAt80And60AndJustBelow_GetsTheNoticesGrade(int lateRecords, bool noInProcessSupervision, bool noPublicityNorCommitments, decimal total, string grade)
    {
        var f = FullMarks().Set("innovations_recognised", FactValue.Count(0))
            .Set("scenarios_with_results", FactValue.Count(0)).Set("scenarios_notice_only", FactValue.Count(0))
            .Set("reports_on_time", FactValue.Count(0))
            .Set("dual_disclosure_late_or_wrong", FactValue.Count(lateRecords));
        if (noInProcessSupervision)
            f.Set("supervision_rules_issued", FactValue.Bool(false)).Set("evaluation_method_issued", FactValue.Bool(false))
                .Set("tiered_supervision_cases", FactValue.Count(0));
        if (noPublicityNorCommitments)
            f.Set("publicity_activities", FactValue.Count(0)).Set("service_commitments_published", FactValue.Bool(false))
                .Set("integrity_service_pledge_signed", FactValue.Bool(false)).Set("complaints_accepted_and_rectified", FactValue.Bool(false));
        var r = Scorer.Score(f);
        r.Total.ShouldBe(total);
        r.Grade.ShouldBe(grade);
    }

    [Fact]
    public void Explain_Innovation_SaysItGoesToTheBonus()
    {
        var r = Scorer.Score(Dept().Set("innovations_recognised", FactValue.Count(7)));
        Explainer.Explain(r, "7.1").ShouldBe("每次得1分：创新、突破进展得到省市有关部门推广或被市级以上媒体宣传报道的次数 = 7，7 次 × 1 → 5（最高 5）；得分 5 / 5（附加分，计入加分）");
    }

    [Fact]
    public void Score_Scheme_HasNoVetoBecauseTheSeedHasNone()
    {
        Scheme.Scheme.Vetoes.ShouldBeEmpty();
        Scheme.Scheme.Items.SelectMany(i => i.Rule).OfType<Veto>().ShouldBeEmpty();
        Scheme.Scheme.Items.SelectMany(i => i.Rule).OfType<Penalty>().ShouldBeEmpty();
        // Listed on both dishonesty lists and in arrears: 4 points fewer, the grade follows the points.
        var r = Scorer.Score(FullMarks().Set("listed_dishonest_debtor", FactValue.Bool(true))
            .Set("joint_punishment_target", FactValue.Bool(true)).Set("arrears_to_smes", FactValue.Bool(true)));
        r.Total.ShouldBe(96m);
        r.Grade.ShouldBe("优秀");
    }

    [Fact]
    public void Score_EveryItem_AppliesToCountyDepartments()
    {
        Scheme.Scheme.Items.ShouldAllBe(i => i.Classes.Count == 0 && i.AppliesTo("dept"));
        var r = Scorer.Score(Dept());
        r.Items.ShouldAllBe(i => i.Applicable);
        // 附加分 7.1 stays outside the applicable max: 100 − 5 = 95.
        r.ApplicableMax.ShouldBe(95m);
    }

    [Fact]
    public void Score_MissingFacts_ScoreZeroAndNameWhatIsMissing()
    {
        var r = Scorer.Score(Dept().Set("licensing_pledge_compiled", FactValue.Bool(true)));
        r["3.3"].Status.ShouldBe(ItemStatus.Missing);
        r["3.3"].Score.ShouldBe(0m);
        Explainer.Explain(r, "3.3").ShouldContain("办理行政许可、服务事项中应用信用承诺、信用核查、信用报告等信用产品的项数");
        r.Total.ShouldBe(0m);
        r.Grade.ShouldBe("不合格");
    }

    [Fact]
    public void Explain_Formula_ShowsTheGrowthAndThePoints()
    {
        var r = Scorer.Score(Dept().Set("credit_loan_growth", FactValue.Num(0.25m)));
        Explainer.Explain(r, "3.1.1").ShouldBe("得分=7×增速（增速按小数计），最多得7分，负增长不得分（信用贷款规模年增速（按小数计，增长20%记0.2） = 0.25）→ 1.75；得分 1.75 / 7");
    }

    // ---- ranking ------------------------------------------------------------------------------------

    [Fact]
    public void Rank_TiedTotals_BreakOnCreditProductsThenSupervisionAndShareWhenAllEqual()
    {
        // a: 三 35, 六 20 → base 55; b: 三 30 (3.4 five notice-only → 5), 六 20, 一 5 → base 55; c = a.
        UnitFacts Base(string id) => Dept(id)
            .Set("credit_loan_growth", FactValue.Num(1)).Set("bank_enterprise_events", FactValue.Count(5))
            .Set("xinyidai_firms_approved", FactValue.Count(10)).Set("credit_product_measures_issued", FactValue.Bool(true))
            .Set("licensing_pledge_compiled", FactValue.Bool(true)).Set("credit_product_uses", FactValue.Count(11))
            .Set("supervision_rules_issued", FactValue.Bool(true)).Set("evaluation_method_issued", FactValue.Bool(true))
            .Set("tiered_supervision_cases", FactValue.Count(2))
            .Set("joint_incentive_punishment_document", FactValue.Bool(true)).Set("joint_incentive_punishment_cases", FactValue.Count(3))
            .Set("pledge_type_approval_substitute", FactValue.Bool(true)).Set("pledge_type_tolerant_acceptance", FactValue.Bool(true))
            .Set("pledge_type_certificate_substitute", FactValue.Bool(true)).Set("pledge_type_credit_repair", FactValue.Bool(true))
            .Set("pledge_type_self_discipline", FactValue.Bool(true)).Set("pledge_type_public_disclosure", FactValue.Bool(true));
        UnitFacts Organised(UnitFacts f) => f
            .Set("leader_assigned", FactValue.Bool(true)).Set("lead_office_assigned", FactValue.Bool(true))
            .Set("liaison_assigned", FactValue.Bool(true)).Set("dedicated_computer", FactValue.Bool(true))
            .Set("dedicated_printer", FactValue.Bool(true)).Set("work_rules", FactValue.Bool(true));
        var a = Scorer.Score(Base("a").Set("scenarios_with_results", FactValue.Count(5)).Set("scenarios_notice_only", FactValue.Count(0)));
        var b = Scorer.Score(Organised(Base("b")).Set("scenarios_with_results", FactValue.Count(0)).Set("scenarios_notice_only", FactValue.Count(5)));
        var c = Scorer.Score(Base("c").Set("scenarios_with_results", FactValue.Count(5)).Set("scenarios_notice_only", FactValue.Count(0)));
        a.Total.ShouldBe(55m);
        b.Total.ShouldBe(55m);
        c.Total.ShouldBe(55m);
        var ranked = Ranking.Rank([b, a, c]);
        ranked.Single(x => x.Result.UnitId == "a").Rank.ShouldBe(1);
        ranked.Single(x => x.Result.UnitId == "c").Rank.ShouldBe(1);
        ranked.Single(x => x.Result.UnitId == "b").Rank.ShouldBe(3);
        Scheme.Scheme.TieBreak.ShouldBe(["3", "6", "2", "4", "5", "1"]);
    }
    // ---- lint: every fault of the seed is reported and resolved -------------------------------------

    private static readonly IReadOnlyList<LintFinding> Findings = Linter.Lint(LoadScheme(File)).Where(f => f.Code != "recorded-reading").ToList();

    [Fact]
    public void Lint_BuiltInScheme_HasNoUnresolvedFinding()
    {
        Findings.Where(f => !f.IsResolved).Select(Linter.Format).ShouldBeEmpty();
    }

    [Fact]
    public void Lint_BuiltInScheme_ReportsExactlyTheSeedsFaults()
    {
        Findings.Select(f => (f.Code, f.NodeId ?? "")).ShouldBe([
            ("scheme-total-mismatch", ""),
            ("class-total-mismatch", ""),
            ("item-max-exceeded", "6.3"),
        ]);
    }

    [Theory]
    // 附件1 "(满分 100 分)" but 一 5 + 二 15 + 三 35 + 四 10 + 五 10 + 六 20 = 95 (七 工作创新 is 附加分 5).
    [InlineData("scheme-total-mismatch", "", "各大类合计 95 分")]
    [InlineData("class-total-mismatch", "", "适用指标满分合计 95 分")]
    // 六.3 "制定相关文件的得2分；1个典型案例得1分。" with 分值 5: cases have no cap of their own.
    [InlineData("item-max-exceeded", "6.3", "没有 cap")]
    public void Lint_SeedFault_IsReportedOnItsNodeAndResolved(string code, string nodeId, string message)
    {
        var f = Findings.Single(x => x.Code == code && (x.NodeId ?? "") == nodeId);
        f.Severity.ShouldBe(LintSeverity.Error);
        f.Message.ShouldContain(message);
        f.IsResolved.ShouldBeTrue();
        f.Resolution!.Code.ShouldBe(code);
        f.Resolution.Does.ShouldNotBeNullOrWhiteSpace();
        f.Resolution.Why.ShouldNotBeNullOrWhiteSpace();
    }

    [Theory]
    // Faults of layout and wording that no arithmetic check can see: each is a note on its node.
    [InlineData("3.1", "7+5+5")]          // 三.1: 分值 7, 5, 5 on three rows of one indicator
    [InlineData("3.1.3", "没有序号")]      // the third row has no number, indicator or content
    [InlineData("3.1.1", "增速按小数计")]  // 得分=7*增速
    [InlineData("3.3", "未应用的不得分")]
    [InlineData("5.1", "不倒扣")]          // "扣2分"
    [InlineData("5.2", "郑县")]            // "郑县工信局提供"
    [InlineData("5.4", "列错位")]          // scoring sentence in the content column
    [InlineData("6.1", "缺顿号")]          // "信易修复型行业自律型"
    [InlineData("2.1", "公共信用信息目录")] // "《河南省公共信息目录》"
    [InlineData("2.2", "行政处罚")]        // 行政处罚 in both 二.1 and 二.2
    [InlineData("1.1", "六项")]            // six parts for 5 points
    [InlineData("4.1", "媒体报道")]
    [InlineData("7.1", "列错位")]          // 七: scoring sentence in the content column
    public void Lint_LayoutAndWordingFault_IsRecordedAsAResolutionOnItsNode(string nodeId, string fragment)
    {
        var node = Scheme.Scheme.Nodes.Single(n => n.Id == nodeId);
        node.Resolutions.ShouldNotBeEmpty();
        string.Join("\n", node.Resolutions.Select(r => $"{r.Text} {r.Does} {r.Why}")).ShouldContain(fragment);
    }

    [Fact]
    public void Lint_SchemeLevelChoices_AreRecorded()
    {
        var notes = Scheme.Scheme.Resolutions.Where(r => r.Code is null).Select(r => r.Does).ToList();
        notes.ShouldContain(d => d.Contains("同分时依次比较"));
        notes.ShouldContain(d => d.Contains("郏县"));
    }
}
