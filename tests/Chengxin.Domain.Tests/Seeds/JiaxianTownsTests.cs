using Chengxin.Domain.Linting;
using Chengxin.Domain.Schemes;
using Chengxin.Domain.Scoring;
using static Chengxin.Domain.Tests.TestSupport;

namespace Chengxin.Domain.Tests.Seeds;

/// <summary>
/// Seed 004 附件2 (郏信用办〔2022〕4号): 乡镇（街道）社会信用体系建设工作考核指标, encoded as
/// schemes/004-jiaxian-towns-2022.yaml. Each test quotes the seed sentence it checks.
/// </summary>
public class JiaxianTownsTests
{
    private const string File = "004-jiaxian-towns-2022.yaml";
    private static readonly CompiledScheme Scheme = Compile(File);

    private static UnitFacts Town(string id = "t1", string? name = null) => Scheme.NewFacts(id, "town", name);
    private static UnitFacts Street(string id = "s1", string? name = null) => Scheme.NewFacts(id, "street", name);

    private static FactValue Judged(decimal points, string reason = "市级媒体专题报道诚信案例") =>
        FactValue.OfJudgement(new Judgement(points, reason));

    private static readonly string[] OrganisationParts =
        ["leader_assigned", "lead_office_assigned", "liaison_assigned", "dedicated_computer", "dedicated_printer", "work_rules"];

    private static readonly string[] VillageParts =
    [
        "village_has_documents", "village_has_venue", "village_has_carrier", "village_has_appraisal",
        "village_has_rewards_penalties", "village_has_reports", "village_has_results",
    ];

    private static UnitFacts AllTrue(UnitFacts f, IEnumerable<string> keys)
    {
        foreach (var k in keys) f.Set(k, FactValue.Bool(true));
        return f;
    }

    /// <summary>A unit that earns every base point there is (88 of the stated 100) and the whole bonus.</summary>
    private static UnitFacts FullMarks(UnitFacts f) => AllTrue(AllTrue(f, OrganisationParts), VillageParts)
        .Set("reports_on_time", FactValue.Count(10))
        .Set("xinyidai_firms_reported", FactValue.Count(10))
        .Set("credit_village_documents", FactValue.Bool(true)).Set("credit_village_results", FactValue.Bool(true))
        .Set("firm_tiering_document", FactValue.Bool(true)).Set("firm_tiering_results", FactValue.Bool(true))
        .Set("listed_dishonest_debtor", FactValue.Bool(false)).Set("joint_punishment_target", FactValue.Bool(false))
        .Set("arrears_to_smes", FactValue.Bool(false))
        .Set("service_commitments_published", FactValue.Bool(true)).Set("integrity_service_pledge_signed", FactValue.Bool(true))
        .Set("complaints_accepted_and_rectified", FactValue.Bool(true)).Set("other_commitment_practices", FactValue.Count(2))
        .Set("dishonesty_governance_document", FactValue.Bool(true)).Set("dishonesty_governance_results", FactValue.Bool(true))
        .Set("integrity_education_activities", FactValue.Count(10))
        .Set("civil_servant_integrity_activities", FactValue.Count(10))
        .Set("integrity_case_publicity", Judged(10));

    // ---- the scheme as a whole -------------------------------------------------------------

    [Fact]
    public void Load_SeedFile_CarriesTheNoticeHeaderGradesAndBonus()
    {
        var s = Scheme.Scheme;
        s.Id.ShouldBe("jiaxian-towns-2022");
        s.Title.ShouldBe("乡镇（街道）社会信用体系建设工作考核指标");
        s.Issuer.ShouldBe("郏县社会信用体系建设领导小组办公室");
        s.Document.ShouldBe("郏信用办〔2022〕4号");
        s.Date.ShouldBe("2022-03-18");
        s.Period.ShouldBe(PeriodKind.Quarter);
        s.Total.ShouldBe(100m);
        s.Classes.Select(c => (c.Id, c.Name)).ShouldBe([("town", "乡镇"), ("street", "街道")]);
        // "90 分以上（含本数，下同）为优秀，80 分以上 90 分以下（不含本数，下同）为良好，60 分以上 80 分以下为合格，60 分以下为不合格"
        s.Grades.Select(g => (g.Name, g.Min)).ShouldBe([("优秀", 90m), ("良好", 80m), ("合格", 60m), ("不合格", 0m)]);
        // "五、工作创新 (附加分 10分)"
        s.Bonus.Cap.ShouldBe(10m);
        s.TieBreak.ShouldBe(["2", "3", "4", "1"]);
    }

    [Fact]
    public void Load_SeedFile_KeepsTheSeedTableInOrderWithItsNumbering()
    {
        var s = Scheme.Scheme;
        s.Categories.Select(c => (c.No, c.Title, c.Max)).ShouldBe([
            ("一", "工作体系建设", 5m), ("二", "工作落实情况", 45m), ("三", "政务诚信建设", 20m),
            ("四", "诚信宣传教育", 20m), ("五", "工作创新（附加分）", 10m)]);
        Scheme.Items.Select(ci => (ci.Item.Id, ci.Item.No, ci.Item.Max)).ShouldBe([
            ("1.1", "1", 5m), ("2.1", "1", 10m), ("2.2", "2", 10m), ("2.3", "3", 6m), ("2.4", "4", 14m), ("2.5", "5", 5m),
            ("3.1", "1", 5m), ("3.2", "2", 4m), ("3.3", "3", 5m), ("3.4", "4", 4m),
            ("4.1", "1", 10m), ("4.2", "2", 10m), ("5.1", "1", 10m)]);
        s.Items.Where(i => i.IsBonus).Select(i => i.Id).ShouldBe(["5.1"]);
        foreach (var item in s.Items)
        {
            (item.Wording.Scoring ?? item.Wording.Content).ShouldNotBeNullOrWhiteSpace(item.Id);
            item.Method.ShouldNotBeNullOrWhiteSpace(item.Id);
            item.Source.ShouldNotBeNullOrWhiteSpace(item.Id);
            item.Evidence.ShouldNotBeEmpty(item.Id);
        }
        s.Items.Single(i => i.Id == "2.4").Wording.Content.ShouldBe("有文件、有阵地、有载体、有评比、有奖惩、有报道、有成果。");
        // The two 诚信宣传教育 rows and the 诚信案例宣传 row have no scoring standard in the seed.
        s.Items.Where(i => i.Wording.Scoring is null).Select(i => i.Id).ShouldBe(["4.1", "4.2", "5.1"]);
    }

    [Fact]
    public void Load_FactSuppliers_NameTheSeedsInformationSources()
    {
        string SupplierOf(string key) => Scheme.FactDefinitions.Single(f => f.Key == key).Supplier;
        // "中国执行信息网": the office's list snapshots, screened; confirmed hits are the platform's facts.
        SupplierOf("listed_dishonest_debtor").ShouldBe("system:listed-dishonest-debtor");
        SupplierOf("joint_punishment_target").ShouldBe("system:listed-joint-punishment");
        // "工信局提供及其他渠道"
        SupplierOf("arrears_to_smes").ShouldBe("provider:县工信局");
        // "由市信用办提供数据"
        SupplierOf("xinyidai_firms_reported").ShouldBe("provider:市信用办");
        // 诚信案例宣传 has no scoring standard: the reviewer judges.
        SupplierOf("integrity_case_publicity").ShouldBe("reviewer");
    }

    [Fact]
    public void Write_ParseWrite_GivesTheSameText()
    {
        var first = SchemeWriter.Write(LoadScheme(File));
        var second = SchemeWriter.Write(SchemeLoader.Parse(first, File));
        second.ShouldBe(first);
    }

    // ---- 一、工作体系建设 ---------------------------------------------------------------------------

    [Theory]
    // "明确分管…单位领导、牵头科室、工作联络员, 有专用电脑、打印机, 有工作制度。"
    // "成立的得 5 分; 缺一项得扣 1 分, 未成立的不得分。"
    [InlineData(6, 5)]
    [InlineData(5, 4)]
    [InlineData(4, 3)]
    [InlineData(3, 2)]
    [InlineData(2, 1)]
    [InlineData(1, 0)]
    [InlineData(0, 0)]
    public void Score_OrganisationMissingParts_DeductsOnePointEach(int present, decimal expected)
    {
        var f = Town();
        for (var i = 0; i < OrganisationParts.Length; i++)
            f.Set(OrganisationParts[i], FactValue.Bool(i < present));
        ItemScore(f, "1.1").ShouldBe(expected);
    }

    // ---- 二、工作落实情况 ---------------------------------------------------------------------------

    [Theory]
    // "按时报送工作总结、工作简报等每报一篇得 1 分, 最高得 10 分。"
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(9, 9)]
    [InlineData(10, 10)]
    [InlineData(11, 10)]
    public void Score_ReportsOnTime_OnePointEachUpToTen(int reports, decimal expected)
    {
        ItemScore(Town().Set("reports_on_time", FactValue.Count(reports)), "2.1").ShouldBe(expected);
    }

    [Theory]
    // "自本办法执行之日起, 每向省“信易贷”平台成功上报一家的得 1 分, 最高 10 分, 未上报的不得分"
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(9, 9)]
    [InlineData(10, 10)]
    [InlineData(30, 10)]
    public void Score_XinyidaiFirmsReported_OnePointEachUpToTen(int firms, decimal expected)
    {
        ItemScore(Town().Set("xinyidai_firms_reported", FactValue.Count(firms)), "2.2").ShouldBe(expected);
    }

    [Theory]
    // "出台相关文件制度的得2分，取得成效的得4分。"
    [InlineData(true, true, 6)]
    [InlineData(true, false, 2)]
    [InlineData(false, true, 4)]
    [InlineData(false, false, 0)]
    public void Score_CreditVillage_DocumentsTwoResultsFour(bool documents, bool results, decimal expected)
    {
        var f = Town().Set("credit_village_documents", FactValue.Bool(documents)).Set("credit_village_results", FactValue.Bool(results));
        ItemScore(f, "2.3").ShouldBe(expected);
    }

    [Theory]
    // "有文件、有阵地、有载体、有评比、有奖惩、有报道、有成果。" — "每覆盖一项得2分，共14分。"
    [InlineData(0, 0)]
    [InlineData(1, 2)]
    [InlineData(2, 4)]
    [InlineData(3, 6)]
    [InlineData(4, 8)]
    [InlineData(5, 10)]
    [InlineData(6, 12)]
    [InlineData(7, 14)]
    public void Score_VillageCreditManagement_TwoPointsPerPartCovered(int covered, decimal expected)
    {
        var f = Town();
        for (var i = 0; i < VillageParts.Length; i++)
            f.Set(VillageParts[i], FactValue.Bool(i < covered));
        ItemScore(f, "2.4").ShouldBe(expected);
    }

    [Fact]
    public void Explain_VillageCreditManagement_NamesEachPart()
    {
        var f = Town();
        for (var i = 0; i < VillageParts.Length; i++)
            f.Set(VillageParts[i], FactValue.Bool(i % 3 == 0));
        var r = Scorer.Score(f);
        r["2.4"].Score.ShouldBe(6m);
        Explainer.Explain(r, "2.4").ShouldBe("有文件 +2，有阵地 0，有载体 0，有评比 +2，有奖惩 0，有报道 0，有成果 +2 → 6；得分 6 / 14");
    }

    [Theory]
    // "制定相关文件的得2分、有成效、典型案例的得3分"
    [InlineData(true, true, 5)]
    [InlineData(true, false, 2)]
    [InlineData(false, true, 3)]
    [InlineData(false, false, 0)]
    public void Score_FirmTiering_DocumentTwoResultsThree(bool document, bool results, decimal expected)
    {
        var f = Town().Set("firm_tiering_document", FactValue.Bool(document)).Set("firm_tiering_results", FactValue.Bool(results));
        ItemScore(f, "2.5").ShouldBe(expected);
    }

    // ---- 三、政务诚信建设（20分）-------------------------------------------------------------------

    [Theory]
    // "信用良好的单位得5分，被列入失信被执行人的单位不得分。" (考核内容: 失信被执行人或联合惩戒对象)
    [InlineData(false, false, 5)]
    [InlineData(true, false, 0)]
    [InlineData(false, true, 0)]
    [InlineData(true, true, 0)]
    public void Score_DishonestDebtorOrJointPunishment_ScoresNothing(bool debtor, bool joint, decimal expected)
    {
        var r = Scorer.Score(Town().Set("listed_dishonest_debtor", FactValue.Bool(debtor)).Set("joint_punishment_target", FactValue.Bool(joint)));
        r["3.1"].Score.ShouldBe(expected);
        r["3.1"].Penalty.ShouldBe(0m);
    }

    [Theory]
    // "信用良好的单位得4分，有违约拖欠中小企业的货物、工程、服务款项的不得分"
    [InlineData(false, 4)]
    [InlineData(true, 0)]
    public void Score_ArrearsToSmes_ScoresNothing(bool arrears, decimal expected)
    {
        ItemScore(Town().Set("arrears_to_smes", FactValue.Bool(arrears)), "3.2").ShouldBe(expected);
    }

    [Theory]
    // "在乡镇服务中心公开服务承诺事项清单、签署向社会公开《诚信服务承诺书》、接受投诉及整改等情况，每项得1分，共5分"
    [InlineData(true, true, true, 0, 3)]
    [InlineData(true, true, true, 1, 4)]
    [InlineData(true, true, true, 2, 5)]
    [InlineData(true, true, true, 3, 5)]
    [InlineData(true, false, false, 0, 1)]
    [InlineData(false, true, true, 1, 3)]
    [InlineData(false, false, false, 5, 5)]
    [InlineData(false, false, false, 6, 5)]
    [InlineData(false, false, false, 0, 0)]
    public void Score_ServiceCommitments_OnePointPerPartUpToFive(bool list, bool pledge, bool complaints, int others, decimal expected)
    {
        var f = Town().Set("service_commitments_published", FactValue.Bool(list))
            .Set("integrity_service_pledge_signed", FactValue.Bool(pledge))
            .Set("complaints_accepted_and_rectified", FactValue.Bool(complaints))
            .Set("other_commitment_practices", FactValue.Count(others));
        var r = Scorer.Score(f);
        r["3.3"].Score.ShouldBe(expected);
        r.IsClamped("3.3").ShouldBe((list ? 1 : 0) + (pledge ? 1 : 0) + (complaints ? 1 : 0) + others > 5);
    }

    [Theory]
    // "对政务失信行为制定相关文件的得1分，有成效的得3分。"
    [InlineData(true, true, 4)]
    [InlineData(true, false, 1)]
    [InlineData(false, true, 3)]
    [InlineData(false, false, 0)]
    public void Score_DishonestyGovernance_DocumentOneResultsThree(bool document, bool results, decimal expected)
    {
        var f = Town().Set("dishonesty_governance_document", FactValue.Bool(document)).Set("dishonesty_governance_results", FactValue.Bool(results));
        ItemScore(f, "3.4").ShouldBe(expected);
    }

    [Fact]
    public void Score_GovernmentIntegrityAllDone_Gives18OfTheDeclared20()
    {
        var r = Scorer.Score(FullMarks(Town()));
        // "三、政务诚信建设（20分）": 5 + 4 + 5 + 4 = 18 — the seed's own items cannot give 20.
        r.SubtotalOf("3").ShouldBe(18m);
        Scheme.Scheme.Categories[2].Max.ShouldBe(20m);
    }

    // ---- 四、诚信宣传教育 (office default: the seed's scoring column is empty) ------------------------

    [Theory]
    // Seed: no 评分标准. Office default: 每开展一次得1分，最高10分 (bands, officeDefault).
    [InlineData("4.1", "integrity_education_activities", 0, 0)]
    [InlineData("4.1", "integrity_education_activities", 1, 1)]
    [InlineData("4.1", "integrity_education_activities", 5, 5)]
    [InlineData("4.1", "integrity_education_activities", 9, 9)]
    [InlineData("4.1", "integrity_education_activities", 10, 10)]
    [InlineData("4.1", "integrity_education_activities", 11, 10)]
    [InlineData("4.1", "integrity_education_activities", 10000, 10)]
    [InlineData("4.2", "civil_servant_integrity_activities", 0, 0)]
    [InlineData("4.2", "civil_servant_integrity_activities", 1, 1)]
    [InlineData("4.2", "civil_servant_integrity_activities", 9, 9)]
    [InlineData("4.2", "civil_servant_integrity_activities", 10, 10)]
    [InlineData("4.2", "civil_servant_integrity_activities", 12, 10)]
    public void Score_EducationActivities_OfficeDefaultOnePointEachUpToTen(string item, string fact, int activities, decimal expected)
    {
        ItemScore(Town().Set(fact, FactValue.Count(activities)), item).ShouldBe(expected);
    }

    [Fact]
    public void Explain_EducationActivities_SaysTheBandsAreAnOfficeDefault()
    {
        var r = Scorer.Score(Town().Set("integrity_education_activities", FactValue.Count(3)));
        Explainer.Explain(r, "4.1").ShouldContain("在 3（含）至 4（不含） → 3（区间为默认设置，可由信用办调整）");
        Scheme.Scheme.Items.Where(i => i.Rule.OfType<Bands>().Any(b => b.OfficeDefault)).Select(i => i.Id).ShouldBe(["4.1", "4.2"]);
    }

    // ---- 五、工作创新 (附加分 10分) ---------------------------------------------------------------------

    [Theory]
    // "诚信案例宣传 10" — no scoring standard: the reviewer judges within [0, 10] with a reason.
    [InlineData(0, 0)]
    [InlineData(3.5, 3.5)]
    [InlineData(10, 10)]
    public void Score_CaseStudyPublicity_ReviewerJudgementIntoTheBonus(decimal points, decimal expected)
    {
        var r = Scorer.Score(Town().Set("integrity_case_publicity", Judged(points)));
        r["5.1"].Score.ShouldBe(expected);
        r.Bonus.ShouldBe(expected);
        r.Base.ShouldBe(0m);
        r.Total.ShouldBe(expected);
    }

    [Fact]
    public void Score_CaseStudyJudgementAboveTenOrWithoutReason_IsRejected()
    {
        var above = Scorer.Score(Town().Set("integrity_case_publicity", Judged(10.5m)));
        above["5.1"].Status.ShouldBe(ItemStatus.Error);
        above.Bonus.ShouldBe(0m);
        Explainer.Explain(above, "5.1").ShouldContain("超出本项分值 0 至 10 分");
        var unexplained = Scorer.Score(Town().Set("integrity_case_publicity", Judged(4, " ")));
        unexplained["5.1"].Status.ShouldBe(ItemStatus.Error);
        Explainer.Explain(unexplained, "5.1").ShouldContain("须说明理由");
    }

    // ---- whole units, by hand ---------------------------------------------------------------------

    [Fact]
    public void Score_FullMarks_Gives88BasePlus10BonusEquals98()
    {
        var r = Scorer.Score(FullMarks(Town()));
        // 5 + (10 + 10 + 6 + 14 + 5) + (5 + 4 + 5 + 4) + (10 + 10) = 5 + 45 + 18 + 20 = 88
        r.Base.ShouldBe(88m);
        r.ApplicableMax.ShouldBe(88m);
        r.Bonus.ShouldBe(10m);
        // 附加分 on top of the base: 88 + 10 = 98, the most the seed's table can give (the total is not capped at 100).
        r.Total.ShouldBe(98m);
        r.Grade.ShouldBe("优秀");
        r.Items.ShouldAllBe(i => i.Status == ItemStatus.Scored);
    }

    [Fact]
    public void Score_MiddlingTown_AddsUpByHandTo68()
    {
        var f = Town("town-a", "甲镇")
            .Set("leader_assigned", FactValue.Bool(true)).Set("lead_office_assigned", FactValue.Bool(true))
            .Set("liaison_assigned", FactValue.Bool(true)).Set("dedicated_computer", FactValue.Bool(true))
            .Set("dedicated_printer", FactValue.Bool(false)).Set("work_rules", FactValue.Bool(true))   // 1.1 缺一项 5 − 1 = 4
            .Set("reports_on_time", FactValue.Count(7))                                                 // 2.1 7 × 1 = 7
            .Set("xinyidai_firms_reported", FactValue.Count(12))                                        // 2.2 12 → 最高 10
            .Set("credit_village_documents", FactValue.Bool(true)).Set("credit_village_results", FactValue.Bool(false)) // 2.3 2
            .Set("village_has_documents", FactValue.Bool(true)).Set("village_has_venue", FactValue.Bool(true))
            .Set("village_has_carrier", FactValue.Bool(true)).Set("village_has_appraisal", FactValue.Bool(false))
            .Set("village_has_rewards_penalties", FactValue.Bool(true)).Set("village_has_reports", FactValue.Bool(true))
            .Set("village_has_results", FactValue.Bool(false))                                          // 2.4 5 × 2 = 10
            .Set("firm_tiering_document", FactValue.Bool(true)).Set("firm_tiering_results", FactValue.Bool(true)) // 2.5 2 + 3 = 5
            .Set("listed_dishonest_debtor", FactValue.Bool(false)).Set("joint_punishment_target", FactValue.Bool(false)) // 3.1 5
            .Set("arrears_to_smes", FactValue.Bool(true))                                               // 3.2 0
            .Set("service_commitments_published", FactValue.Bool(true)).Set("integrity_service_pledge_signed", FactValue.Bool(true))
            .Set("complaints_accepted_and_rectified", FactValue.Bool(true)).Set("other_commitment_practices", FactValue.Count(1)) // 3.3 3 + 1 = 4
            .Set("dishonesty_governance_document", FactValue.Bool(true)).Set("dishonesty_governance_results", FactValue.Bool(false)) // 3.4 1
            .Set("integrity_education_activities", FactValue.Count(4))                                  // 4.1 4 × 1 = 4 (默认)
            .Set("civil_servant_integrity_activities", FactValue.Count(12))                             // 4.2 12 → 最高 10 (默认)
            .Set("integrity_case_publicity", Judged(6));                                                // 5.1 附加分 6
        var r = Scorer.Score(f);
        // 一 4; 二 7 + 10 + 2 + 10 + 5 = 34; 三 5 + 0 + 4 + 1 = 10; 四 4 + 10 = 14
        r.SubtotalOf("1").ShouldBe(4m);
        r.SubtotalOf("2").ShouldBe(34m);
        r.SubtotalOf("3").ShouldBe(10m);
        r.SubtotalOf("4").ShouldBe(14m);
        // base 4 + 34 + 10 + 14 = 62; bonus 6; total 68 → 合格 (60 ≤ 68 < 80)
        r.Base.ShouldBe(62m);
        r.Bonus.ShouldBe(6m);
        r.Total.ShouldBe(68m);
        r.Grade.ShouldBe("合格");
        Explainer.ExplainTotal(r).ShouldBe("基础得分 62（适用满分 88）；附加分 6；总分 68；等次 合格");
    }

    /// <summary>A street that does everything but two reports, with a bonus of 4: exactly 90.</summary>
    private static UnitFacts StrongStreet(decimal bonus) => FullMarks(Street("street-b", "乙街道"))
        .Set("reports_on_time", FactValue.Count(8))                 // 2.1 8 × 1 = 8 (2 below full)
        .Set("integrity_case_publicity", Judged(bonus));

    [Fact]
    public void Score_StrongStreet_AddsUpByHandToExactly90()
    {
        var r = Scorer.Score(StrongStreet(4));
        // 一 5; 二 8 + 10 + 6 + 14 + 5 = 43; 三 5 + 4 + 5 + 4 = 18; 四 10 + 10 = 20
        r.SubtotalOf("2").ShouldBe(43m);
        // base 5 + 43 + 18 + 20 = 86; bonus 4; total 90 → 优秀 ("90 分以上（含本数）")
        r.Base.ShouldBe(86m);
        r.Total.ShouldBe(90m);
        r.Grade.ShouldBe("优秀");
    }

    [Fact]
    public void Score_StrongStreetWithHalfAPointLessBonus_FallsJustBelow90ToGood()
    {
        var r = Scorer.Score(StrongStreet(3.5m));
        // 86 + 3.5 = 89.5 → 良好 ("80 分以上 90 分以下（不含本数）")
        r.Total.ShouldBe(89.5m);
        r.Grade.ShouldBe("良好");
    }

    // ---- grades, veto, classes ----------------------------------------------------------------------

    [Theory]
    // "90 分以上（含本数，下同）为优秀，80 分以上 90 分以下（不含本数，下同）为良好，60 分以上 80 分以下为合格，60 分以下为不合格。"
    [InlineData(98, "优秀")]
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

    [Fact]
    public void Score_UnitAt80AndJustBelow_IsGoodThenPass()
    {
        // Full base 88 without the bonus and without 2.5 (5) and 3.2 (4): 88 − 5 − 4 = 79; + 1 bonus = 80.
        UnitFacts At(decimal bonus) => FullMarks(Town()).Set("firm_tiering_document", FactValue.Bool(false))
            .Set("firm_tiering_results", FactValue.Bool(false)).Set("arrears_to_smes", FactValue.Bool(true))
            .Set("integrity_case_publicity", Judged(bonus));
        var at80 = Scorer.Score(At(1));
        at80.Total.ShouldBe(80m);
        at80.Grade.ShouldBe("良好");
        var below = Scorer.Score(At(0.5m));
        below.Total.ShouldBe(79.5m);
        below.Grade.ShouldBe("合格");
    }

    [Fact]
    public void Score_UnitAt60AndJustBelow_IsPassThenFail()
    {
        // Only 二 (45) and 四 (20) minus 4.2 (10) = 55, plus the bonus.
        UnitFacts At(decimal bonus)
        {
            var f = AllTrue(Town(), VillageParts)
                .Set("reports_on_time", FactValue.Count(10)).Set("xinyidai_firms_reported", FactValue.Count(10))
                .Set("credit_village_documents", FactValue.Bool(true)).Set("credit_village_results", FactValue.Bool(true))
                .Set("firm_tiering_document", FactValue.Bool(true)).Set("firm_tiering_results", FactValue.Bool(true))
                .Set("integrity_education_activities", FactValue.Count(10))
                .Set("civil_servant_integrity_activities", FactValue.Count(0))
                .Set("integrity_case_publicity", Judged(bonus));
            return f;
        }
        var at60 = Scorer.Score(At(5));
        at60.Total.ShouldBe(60m);
        at60.Grade.ShouldBe("合格");
        var below = Scorer.Score(At(4.5m));
        below.Total.ShouldBe(59.5m);
        below.Grade.ShouldBe("不合格");
    }

    [Fact]
    public void Score_Scheme_HasNoVetoBecauseTheSeedHasNone()
    {
        Scheme.Scheme.Vetoes.ShouldBeEmpty();
        Scheme.Scheme.Items.SelectMany(i => i.Rule).OfType<Veto>().ShouldBeEmpty();
        // A street listed as a dishonest debtor loses 3.1's 5 points; its grade follows its points.
        var r = Scorer.Score(FullMarks(Street()).Set("listed_dishonest_debtor", FactValue.Bool(true)));
        r.Total.ShouldBe(93m);
        r.Grade.ShouldBe("优秀");
        r.Vetoes.ShouldBeEmpty();
    }

    [Fact]
    public void Score_TownsAndStreets_ShareEveryItemAndTheSameMax()
    {
        // The seed's table is one table for 乡镇（街道）: no item is limited to one class.
        Scheme.Scheme.Items.ShouldAllBe(i => i.Classes.Count == 0);
        var town = Scorer.Score(FullMarks(Town()));
        var street = Scorer.Score(FullMarks(Street()));
        town.ApplicableMax.ShouldBe(88m);
        street.ApplicableMax.ShouldBe(88m);
        street.Total.ShouldBe(town.Total);
    }

    [Fact]
    public void Score_ItemLimitedToTownsByTheOffice_NeitherScoresNorCountsForAStreet()
    {
        // An office whose streets have no villages may limit 开展村级信用管理 (2.4) to towns.
        var s = LoadScheme(File);
        var variant = new CompiledScheme(s with
        {
            Categories = [.. s.Categories.Select(c => c.Id != "2" ? c : c with
            {
                Items = [.. c.Items.Select(i => i.Id == "2.4" ? i with { Classes = ["town"] } : i)],
            })],
        });
        UnitFacts Full(string cls)
        {
            var f = variant.NewFacts(cls, cls);
            var full = FullMarks(Scheme.NewFacts("x", cls));
            foreach (var def in Scheme.FactDefinitions)
                f.Set(def.Key, full[def.Key]);
            return f;
        }
        var street = Scorer.Score(Full("street"));
        street["2.4"].Status.ShouldBe(ItemStatus.NotApplicable);
        street["2.4"].Score.ShouldBe(0m);
        street.ApplicableMax.ShouldBe(74m);
        street.Base.ShouldBe(74m);
        Explainer.Explain(street, "2.4").ShouldStartWith("不适用于街道");
        var town = Scorer.Score(Full("town"));
        town["2.4"].Score.ShouldBe(14m);
        town.ApplicableMax.ShouldBe(88m);
    }

    // ---- ranking ------------------------------------------------------------------------------------

    [Fact]
    public void Rank_TiedTotals_BreakOnWorkImplementationFirstAndShareWhenAllEqual()
    {
        // x (town) and z (street): only 二 工作落实情况, 45 points. y (street): 一 5 + 二 2 + 三 18 + 四 20 = 45.
        UnitFacts Implementation(UnitFacts f) => AllTrue(f, VillageParts)
            .Set("reports_on_time", FactValue.Count(10)).Set("xinyidai_firms_reported", FactValue.Count(10))
            .Set("credit_village_documents", FactValue.Bool(true)).Set("credit_village_results", FactValue.Bool(true))
            .Set("firm_tiering_document", FactValue.Bool(true)).Set("firm_tiering_results", FactValue.Bool(true));
        var x = Scorer.Score(Implementation(Town("x")));
        var z = Scorer.Score(Implementation(Street("z")));
        var y = Scorer.Score(FullMarks(Street("y"))
            .Set("reports_on_time", FactValue.Count(2)).Set("xinyidai_firms_reported", FactValue.Count(0))
            .Set("credit_village_documents", FactValue.Bool(false)).Set("credit_village_results", FactValue.Bool(false))
            .Set("firm_tiering_document", FactValue.Bool(false)).Set("firm_tiering_results", FactValue.Bool(false))
            .Set("village_has_documents", FactValue.Bool(false)).Set("village_has_venue", FactValue.Bool(false))
            .Set("village_has_carrier", FactValue.Bool(false)).Set("village_has_appraisal", FactValue.Bool(false))
            .Set("village_has_rewards_penalties", FactValue.Bool(false)).Set("village_has_reports", FactValue.Bool(false))
            .Set("village_has_results", FactValue.Bool(false))
            .Set("integrity_case_publicity", Judged(0)));
        x.Total.ShouldBe(45m);
        y.Total.ShouldBe(45m);
        z.Total.ShouldBe(45m);
        var ranked = Ranking.Rank([y, z, x]);
        Ranked Of(string id) => ranked.Single(r => r.Result.UnitId == id);
        Of("x").Rank.ShouldBe(1);
        Of("z").Rank.ShouldBe(1);
        Of("y").Rank.ShouldBe(3);
        // Within the class: x is the only town; among streets z is ahead of y.
        Of("x").GroupRank.ShouldBe(1);
        Of("z").GroupRank.ShouldBe(1);
        Of("y").GroupRank.ShouldBe(2);
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
            ("class-total-mismatch", ""),
            ("category-max-mismatch", "3"),
            ("item-max-exceeded", "3.3"),
            ("office-default", "4.1"),
            ("office-default", "4.2"),
        ]);
    }

    [Theory]
    // 附件2 "(满分 100 分)" but 一 5 + 二 45 + 三 20 + 四 20 = 90 (五 工作创新 is 附加分 10).
    [InlineData("scheme-total-mismatch", "", "各大类合计 90 分", LintSeverity.Error)]
    // Every base item a town (or a street) has: 5 + 45 + 18 + 20 = 88.
    [InlineData("class-total-mismatch", "", "“乡镇”（town）适用指标满分合计 88 分", LintSeverity.Error)]
    [InlineData("class-total-mismatch", "", "“街道”（street）适用指标满分合计 88 分", LintSeverity.Error)]
    // "三、政务诚信建设（20分）" over items 5 + 4 + 5 + 4 = 18.
    [InlineData("category-max-mismatch", "3", "声明 20 分，子项合计 18 分", LintSeverity.Error)]
    // 三.3 "…接受投诉及整改等情况，每项得1分，共5分": three named, 5 points.
    [InlineData("item-max-exceeded", "3.3", "没有 cap", LintSeverity.Error)]
    // 四.1 and 四.2: the scoring column is empty; the office's default bands.
    [InlineData("office-default", "4.1", "现为默认值", LintSeverity.Warning)]
    [InlineData("office-default", "4.2", "现为默认值", LintSeverity.Warning)]
    public void Lint_SeedFault_IsReportedOnItsNodeAndResolved(string code, string nodeId, string message, LintSeverity severity)
    {
        var f = Findings.Single(x => x.Code == code && (x.NodeId ?? "") == nodeId && x.Message.Contains(message));
        f.Severity.ShouldBe(severity);
        f.IsResolved.ShouldBeTrue();
        f.Resolution!.Code.ShouldBe(code);
        f.Resolution.Does.ShouldNotBeNullOrWhiteSpace();
        f.Resolution.Why.ShouldNotBeNullOrWhiteSpace();
    }

    [Theory]
    // Faults of layout and wording that no arithmetic check can see: each is a note on its node.
    [InlineData("1.1", "得扣")]              // "缺一项得扣 1 分"
    [InlineData("2.2", "累计")]              // "自本办法执行之日起"
    [InlineData("3.1", "联合惩戒对象")]       // indicator name printed on the next row; 联合惩戒 not in the scoring text
    [InlineData("3.2", "工信局提 及其他 供及渠 道")] // garbled source and method cells
    [InlineData("3.3", "料 审核 取 听 汇")]   // garbled source and method cells
    [InlineData("3.4", "列错位")]             // scoring sentence in the content column
    [InlineData("5.1", "评分标准栏空白")]      // 诚信案例宣传: no scoring standard, reviewer judges
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
