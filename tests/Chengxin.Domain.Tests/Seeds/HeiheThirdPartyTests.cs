using Chengxin.Domain.Linting;
using Chengxin.Domain.Schemes;
using Chengxin.Domain.Scoring;
using static Chengxin.Domain.Tests.TestSupport;

namespace Chengxin.Domain.Tests.Seeds;

/// <summary>
/// Seed 001, 黑市诚信办发〔2023〕20号: 政务诚信第三方评价指标体系 (schemes/001-heihe-third-party-2023.yaml).
/// Every item's rule at its edges with the seed sentence quoted, whole counties scored by hand,
/// the deduction item 负面舆情, the office-default bands, and the campaign (附件2, 附件3, deadlines).
/// </summary>
public class HeiheThirdPartyTests
{
    private const string File = "001-heihe-third-party-2023.yaml";
    private static readonly CompiledScheme Scheme = Compile(File);

    private static FactValue Areas(int n) =>
        Ledger([.. Enumerable.Range(1, n).Select(i => Row(("area", FactValue.OfText($"领域{i}")), ("link", FactValue.OfText($"https://example.gov.cn/{i}"))))]);

    private static FactValue Projects(int fulfilled, int unfulfilled) =>
        Ledger([.. Enumerable.Range(0, fulfilled + unfulfilled).Select(i => Row(
            ("name", FactValue.OfText($"项目{i + 1}")), ("unfulfilled", FactValue.Bool(i >= fulfilled))))]);

    /// <summary>A county that meets every item and has no negative opinion (item 17 can give only 4 of its 6 points).</summary>
    private static UnitFacts Full(string id = "c1") => Scheme.NewFacts(id, "county")
        .Set("major_decision_rules", FactValue.Bool(true))
        .Set("public_participation", FactValue.Bool(true)).Set("expert_review", FactValue.Bool(true))
        .Set("risk_assessment", FactValue.Bool(true)).Set("legality_review", FactValue.Bool(true))
        .Set("collective_discussion", FactValue.Bool(true))
        .Set("rule_of_law_report", FactValue.Bool(true)).Set("power_list_published", FactValue.Bool(true))
        .Set("review_correction_rate", FactValue.Percent(0)).Set("litigation_loss_rate", FactValue.Percent(0))
        .Set("disclosure_column", FactValue.Bool(true)).Set("disclosure_guide", FactValue.Bool(true))
        .Set("disclosure_catalogue", FactValue.Bool(true))
        .Set("disclosure_rules_found", FactValue.Bool(true)).Set("annual_report_found", FactValue.Bool(true))
        .Set("key_area_disclosures", Areas(9))
        .Set("one_stop_hall", FactValue.Bool(true)).Set("hall_entry_rate", FactValue.Percent(95))
        .Set("notification_pledge_rules", FactValue.Bool(true)).Set("notification_pledge_matters", FactValue.Count(12))
        .Set("graded_supervision_departments", FactValue.Count(8))
        .Set("recruit_dishonesty_checked", FactValue.Count(0)).Set("integrity_training_departments", FactValue.Count(6))
        .Set("newly_listed_agencies", FactValue.Count(0))
        .Set("procurement_integrity_rules", FactValue.Bool(true)).Set("investment_projects", Projects(3, 0))
        .Set("tendering_disclosure_system", FactValue.Bool(true))
        .Set("statutory_debt_overdue", FactValue.Bool(false)).Set("debt_info_disclosed", FactValue.Bool(true))
        .Set("town_pledge_rate", FactValue.Percent(100))
        .Set("dishonest_department_opinions", FactValue.Count(0)).Set("civil_servant_opinion_grade", FactValue.Count(0));

    // ---- the scheme as a whole -------------------------------------------------------------

    [Fact]
    public void Load_BuiltInScheme_CarriesTheNoticeHeaderAndRange()
    {
        var s = Scheme.Scheme;
        s.Id.ShouldBe("heihe-third-party-2023");
        s.Document.ShouldBe("黑市诚信办发〔2023〕20号");
        s.Date.ShouldBe("2023-10-16");
        s.Period.ShouldBe(PeriodKind.Range);
        // 本次评估的时间范围为2022年7月1日至2023年6月30日
        s.Range.ShouldBe(new DateRange(new DateOnly(2022, 7, 1), new DateOnly(2023, 6, 30)));
        s.Total.ShouldBe(100m);
        s.Classes.ShouldHaveSingleItem().Id.ShouldBe("county");
        s.Grades.ShouldBeEmpty();
        s.Vetoes.ShouldBeEmpty();
        s.Items.SelectMany(i => i.Rule).OfType<Veto>().ShouldBeEmpty();
        Scorer.Score(Full()).Grade.ShouldBeNull();
    }

    [Fact]
    public void Load_Items_Follow23SeedNumbersInOrder()
    {
        Scheme.Scheme.Items.Select(i => i.No).ShouldBe(Enumerable.Range(1, 23).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Scheme.Scheme.Items.ShouldAllBe(i => i.Source != null && i.Wording.Content != null && i.Wording.Scoring != null);
    }

    [Theory]
    // 依法行政 24、政务公开 20、勤政高效 22、失信惩戒 12、守信践诺 22、扣分项目 (负面舆情 10)
    [InlineData("A", 24, "A1:6=1,2|A2:18=3,4,5,6")]
    [InlineData("B", 20, "B1:13=7,8,9|B2:7=10")]
    [InlineData("C", 22, "C1:10=11,12|C2:12=13,14")]
    [InlineData("D", 12, "D1:6=15,16|D2:6=17")]
    [InlineData("E", 22, "E1:8=18,19|E2:14=20,21,22")]
    [InlineData("F", 10, "F1:10=23")]
    public void Load_Categories_KeepDeclaredMaximaWithTheIntendedItems(string id, decimal max, string layout)
    {
        var c = Scheme.Scheme.Categories.Single(x => x.Id == id);
        c.Max.ShouldBe(max);
        string.Join("|", c.Categories.Select(s => $"{s.Id}:{s.Max.Text()}={string.Join(",", s.Items.Select(i => i.Id))}")).ShouldBe(layout);
        c.Categories.ShouldAllBe(s => s.Items.Sum(i => i.Max) == s.Max);
    }

    [Theory]
    // 信息来源 as the item's source and as its facts' supplier.
    [InlineData("1", "受评县区政府提供", "unit")]
    [InlineData("5", "市司法局提供", "provider:市司法局")]
    [InlineData("6", "市人民法院提供", "provider:市人民法院")]
    [InlineData("17", "市法院提供", "provider:市人民法院")]
    [InlineData("21", "市财政局提供", "provider:市财政局")]
    public void Load_InformationSource_IsTheSourceAndTheSupplier(string item, string source, string supplier)
    {
        var i = Scheme.Scheme.Items.Single(x => x.Id == item);
        i.Source.ShouldBe(source);
        i.Facts.ShouldAllBe(f => f.Supplier == supplier);
    }

    [Fact]
    public void Load_MonitoredItems_AreCountedByThePlatform()
    {
        // 23 「大数据监测」: the register's confirmed opinion and the screening's confirmed civil servants per population.
        var opinion = Scheme.Scheme.Items.Single(x => x.Id == "23");
        opinion.Source.ShouldBe("大数据监测");
        opinion.Facts.Select(f => f.Supplier).ShouldBe(["system:opinion-departments", "system:civil-servant-opinion-grade"]);
        // 15: the hires screened against the lists, not the county's say.
        Scheme.Scheme.Items.Single(x => x.Id == "15").Facts.Single().Supplier.ShouldBe("system:dishonest-civil-servants");
    }

    [Theory]
    // 15: "是得3分，否得0分。" — asked whether hires were checked; a confirmed dishonest hire shows they were not.
    [InlineData(0, 3)]
    [InlineData(1, 0)]
    [InlineData(2, 0)]
    public void Score_Item15DishonestHires_FullWithNoneAndZeroWithAny(int hires, decimal expected) =>
        ItemScore(Full().Set("recruit_dishonesty_checked", FactValue.Count(hires)), "15").ShouldBe(expected);

    [Theory]
    // 需要材料及形式: 报告发布链接 / 提供数据 / 截图和链接 / 清单 / 公示照片
    [InlineData("3", EvidenceForm.Link)]
    [InlineData("5", EvidenceForm.Data)]
    [InlineData("10", EvidenceForm.Screenshot)]
    [InlineData("10", EvidenceForm.Link)]
    [InlineData("13", EvidenceForm.Ledger)]
    [InlineData("15", EvidenceForm.Screenshot)]
    [InlineData("19", EvidenceForm.Ledger)]
    [InlineData("22", EvidenceForm.Photo)]
    public void Load_Materials_BecomeEvidenceOfTheirForm(string item, EvidenceForm form)
    {
        Scheme.Scheme.Items.Single(x => x.Id == item).Evidence.ShouldContain(e => e.Form == form);
    }

    [Fact]
    public void Write_ThenParse_GivesTheSameText()
    {
        var first = SchemeWriter.Write(LoadScheme(File));
        var second = SchemeWriter.Write(SchemeLoader.Parse(first));
        second.ShouldBe(first);
    }

    // ---- the campaign: 附件2, 附件3, the deadlines -------------------------------------------------

    [Fact]
    public void Load_Campaign_HasCommitmentLetterLiaisonTableAndDeadlines()
    {
        var c = Scheme.Scheme.Campaign;
        c.CommitmentLetter!.Title.ShouldBe("政务诚信第三方评价工作信源部门信用承诺书");
        c.CommitmentLetter.Signer.ShouldBe(Signer.Both);
        c.CommitmentLetter.Text.ShouldContain("我部门{单位}现提供日期在{开始日期}至{结束日期}的“政务诚信”第三方评价材料台账");
        c.CommitmentLetter.Text.ShouldContain("若因材料失实、有误、漏报等所产生的责任后果由我部门承担。");
        c.LiaisonTable!.Title.ShouldBe("政务诚信评价工作联络员联系表");
        c.LiaisonTable.Columns.ShouldBe(["单位", "姓名", "职务", "座机", "手机", "邮箱"]);
        // 请于10月20日17时前，将联络员联系表（附件3）报送…各有关部门将相关佐证文件于11月10日17时前发送
        c.Schedule.Select(e => (e.Key, e.Due)).ShouldBe([("liaison", "2023-10-20 17:00"), ("evidence", "2023-11-10 17:00")]);
        c.SelfAssessment.ShouldBeFalse();
        // （一）…并对无法提供的材料予以说明。
        Scheme.Scheme.Note!.ShouldContain("并对无法提供的材料予以说明");
    }

    [Fact]
    public void Load_SchemeFile_HoldsNoPersonalDataFromTheNotice()
    {
        var text = System.IO.File.ReadAllText(Path.Combine(SchemeDirectory, File));
        foreach (var personal in new[] { "白鑫", "焦杰", "18545879536", "0456-2666190", "121285534", "qq.com" })
            text.ShouldNotContain(personal);
    }

    // ---- whole counties, scored by hand ----------------------------------------------------------

    [Fact]
    public void Score_CountyMeetingEveryItem_Gets98BecauseItem17GivesAtMost4()
    {
        var r = Scorer.Score(Full());
        // 24 + 20 + 22 + (6 + 4) + 22 = 98, nothing deducted.
        r.SubtotalOf("A").ShouldBe(24m);
        r.SubtotalOf("B").ShouldBe(20m);
        r.SubtotalOf("C").ShouldBe(22m);
        r.SubtotalOf("D").ShouldBe(10m);
        r.SubtotalOf("E").ShouldBe(22m);
        r.SubtotalOf("F").ShouldBe(0m);
        r.Penalties.ShouldBe(0m);
        r.Total.ShouldBe(98m);
    }

    [Fact]
    public void Score_TypicalCounty_AddsUpAsWorkedByHand()
    {
        var f = Scheme.NewFacts("甲县", "county")
            .Set("major_decision_rules", FactValue.Bool(true))                                    // 1: 2
            .Set("public_participation", FactValue.Bool(true)).Set("expert_review", FactValue.Bool(false))
            .Set("risk_assessment", FactValue.Bool(true)).Set("legality_review", FactValue.Bool(true))
            .Set("collective_discussion", FactValue.Bool(false))                                  // 2: three procedures → 3
            .Set("rule_of_law_report", FactValue.Bool(false))                                     // 3: 0
            .Set("power_list_published", FactValue.Bool(true))                                    // 4: 4
            .Set("review_correction_rate", FactValue.Percent(15))                                 // 5: (10,20] → 4
            .Set("litigation_loss_rate", FactValue.Percent(0))                                    // 6: 5
            .Set("disclosure_column", FactValue.Bool(true)).Set("disclosure_guide", FactValue.Bool(true))
            .Set("disclosure_catalogue", FactValue.Bool(false))                                   // 7: 6 − 2 = 4
            .Set("disclosure_rules_found", FactValue.Bool(true))                                  // 8: 3
            .Set("annual_report_found", FactValue.Bool(false))                                    // 9: 0
            .Set("key_area_disclosures", Areas(5))                                                // 10: 5
            .Set("one_stop_hall", FactValue.Bool(true))                                           // 11: 5
            .Set("hall_entry_rate", FactValue.Percent(83.3m))                                     // 12: [80,90) → 4
            .Set("notification_pledge_rules", FactValue.Bool(true))
            .Set("notification_pledge_matters", FactValue.Count(6))                               // 13: 2 + [5,10) 2 = 4
            .Set("graded_supervision_departments", FactValue.Count(3))                            // 14: 3
            .Set("recruit_dishonesty_checked", FactValue.Count(0))                              // 15: 3
            .Set("integrity_training_departments", FactValue.Count(3))                            // 16: 3 × 0.5 = 1.5
            .Set("newly_listed_agencies", FactValue.Count(1))                                     // 17: 4 − 1 = 3
            .Set("procurement_integrity_rules", FactValue.Bool(true))                             // 18: 4
            .Set("investment_projects", Projects(3, 1))                                           // 19: 4 − 0.5 = 3.5
            .Set("tendering_disclosure_system", FactValue.Bool(false))                            // 20: 0
            .Set("statutory_debt_overdue", FactValue.Bool(false)).Set("debt_info_disclosed", FactValue.Bool(true)) // 21: 2 + 4 = 6
            .Set("town_pledge_rate", FactValue.Percent(60))                                       // 22: [50,75) → 2
            .Set("dishonest_department_opinions", FactValue.Count(2))                             // 23: −2
            .Set("civil_servant_opinion_grade", FactValue.Count(1));                              // 23: −1
        var r = Scorer.Score(f);
        // 依法行政 2 + 3 + 0 + 4 + 4 + 5 = 18
        r.SubtotalOf("A").ShouldBe(18m);
        // 政务公开 4 + 3 + 0 + 5 = 12
        r.SubtotalOf("B").ShouldBe(12m);
        // 勤政高效 5 + 4 + 4 + 3 = 16
        r.SubtotalOf("C").ShouldBe(16m);
        // 失信惩戒 3 + 1.5 + 3 = 7.5
        r.SubtotalOf("D").ShouldBe(7.5m);
        // 守信践诺 4 + 3.5 + 0 + 6 + 2 = 15.5
        r.SubtotalOf("E").ShouldBe(15.5m);
        // 扣分项目 −2 − 1 = −3
        r.SubtotalOf("F").ShouldBe(-3m);
        r.Penalties.ShouldBe(-3m);
        // 18 + 12 + 16 + 7.5 + 15.5 − 3 = 66
        r.Total.ShouldBe(66m);
    }

    [Fact]
    public void Score_CountyWithHeavyNegativeOpinion_LosesAtMost10()
    {
        var f = Full("乙县")
            .Set("litigation_loss_rate", FactValue.Percent(25))               // 6: (20,30] → 3, i.e. −2
            .Set("dishonest_department_opinions", FactValue.Count(7))         // 23 part 1: 7 × 1, at most 5 → −5
            .Set("civil_servant_opinion_grade", FactValue.Count(6));          // 23 part 2: 6 × 1, at most 5 → −5
        var r = Scorer.Score(f);
        // 98 − 2 − 5 − 5 = 86
        r.Penalties.ShouldBe(-10m);
        r.Total.ShouldBe(86m);
        Explainer.Explain(r, "23").ShouldContain("倒扣 10 分");
    }

    [Fact]
    public void Score_DeductionsBeyondThePoints_FloorTheTotalAtZero()
    {
        var f = Scheme.NewFacts("丙县", "county")
            .Set("dishonest_department_opinions", FactValue.Count(5)).Set("civil_servant_opinion_grade", FactValue.Count(5));
        var r = Scorer.Score(f);
        r.Base.ShouldBe(-10m);
        r.Total.ShouldBe(0m);
    }

    // ---- every item at its edges --------------------------------------------------------------

    [Theory]
    // 1: "各县区政府转发市级文件或出台县区级相关文件得 2 分, 没有不得分。"     3: "编制并按时发布得 4 分, 未按时发布得 0 分。"
    // 4: "发布得 4 分, 未发布得 0 分。"   8: "可以查询到得3分，不能查询到得0分。"   9: "可以查询到得4分，不能查询到得0分。"
    // 11: "建立得5分，未建立得0分。"   18 / 20: "是得4分，否得0分。"
    [InlineData("1", "major_decision_rules", 2)]
    [InlineData("3", "rule_of_law_report", 4)]
    [InlineData("4", "power_list_published", 4)]
    [InlineData("8", "disclosure_rules_found", 3)]
    [InlineData("9", "annual_report_found", 4)]
    [InlineData("11", "one_stop_hall", 5)]
    [InlineData("18", "procurement_integrity_rules", 4)]
    [InlineData("20", "tendering_disclosure_system", 4)]
    public void Score_YesNoItems_GiveFullOrZero(string item, string fact, decimal full)
    {
        ItemScore(Full().Set(fact, FactValue.Bool(true)), item).ShouldBe(full);
        ItemScore(Full().Set(fact, FactValue.Bool(false)), item).ShouldBe(0m);
    }

    [Theory]
    // 2: "每建立一项程序得 1 分, 最高分 4 分。" (公众参与、专家论证、风险评估、合法性审查、集体讨论)
    [InlineData(5, 4)]
    [InlineData(4, 4)]
    [InlineData(3, 3)]
    [InlineData(1, 1)]
    [InlineData(0, 0)]
    public void Score_Item2Procedures_OnePerProcedureUpTo4(int established, decimal expected)
    {
        string[] keys = ["public_participation", "expert_review", "risk_assessment", "legality_review", "collective_discussion"];
        var f = Full();
        for (var i = 0; i < keys.Length; i++) f.Set(keys[i], FactValue.Bool(i < established));
        ItemScore(f, "2").ShouldBe(expected);
    }

    [Theory]
    // 5: "无行政复议的, 得 5 分; 出现行政复议情况的, 根据直接纠错率百分比划分区间计分。"
    // 6: "无行政诉讼败诉的, 得 5 分; 出现…败诉情况的, 根据败诉率百分比划分区间计分。"  (office-default bands)
    [InlineData("5", "review_correction_rate", 0, 5)]
    [InlineData("5", "review_correction_rate", 10, 5)]
    [InlineData("5", "review_correction_rate", 10.01, 4)]
    [InlineData("5", "review_correction_rate", 20, 4)]
    [InlineData("5", "review_correction_rate", 20.5, 3)]
    [InlineData("5", "review_correction_rate", 30, 3)]
    [InlineData("5", "review_correction_rate", 30.01, 2)]
    [InlineData("5", "review_correction_rate", 40, 2)]
    [InlineData("5", "review_correction_rate", 45, 1)]
    [InlineData("5", "review_correction_rate", 50, 1)]
    [InlineData("5", "review_correction_rate", 50.01, 0)]
    [InlineData("5", "review_correction_rate", 100, 0)]
    [InlineData("6", "litigation_loss_rate", 0, 5)]
    [InlineData("6", "litigation_loss_rate", 10, 5)]
    [InlineData("6", "litigation_loss_rate", 12.5, 4)]
    [InlineData("6", "litigation_loss_rate", 30, 3)]
    [InlineData("6", "litigation_loss_rate", 33.3, 2)]
    [InlineData("6", "litigation_loss_rate", 50, 1)]
    [InlineData("6", "litigation_loss_rate", 60, 0)]
    public void Score_RateItemsLowerIsBetter_FollowTheDefaultBands(string item, string fact, decimal rate, decimal expected)
    {
        var r = Scorer.Score(Full().Set(fact, FactValue.Percent(rate)));
        r[item].Score.ShouldBe(expected);
        Explainer.Explain(r, item).ShouldContain("区间为默认设置");
    }

    [Theory]
    // 7: "已开设专栏、指南、目录得6分，未开设1项扣2分。"
    [InlineData(true, true, true, 6)]
    [InlineData(true, true, false, 4)]
    [InlineData(false, true, false, 2)]
    [InlineData(false, false, false, 0)]
    public void Score_Item7Column_TwoPointsPerPart(bool column, bool guide, bool catalogue, decimal expected)
    {
        var f = Full().Set("disclosure_column", FactValue.Bool(column)).Set("disclosure_guide", FactValue.Bool(guide))
            .Set("disclosure_catalogue", FactValue.Bool(catalogue));
        ItemScore(f, "7").ShouldBe(expected);
    }

    [Theory]
    // 10: "每提供到1个领域得1分，最高得7分。"
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(6, 6)]
    [InlineData(7, 7)]
    [InlineData(9, 7)]
    public void Score_Item10KeyAreas_OnePerAreaUpTo7(int areas, decimal expected)
    {
        ItemScore(Full().Set("key_area_disclosures", Areas(areas)), "10").ShouldBe(expected);
    }

    [Theory]
    // 12: "根据获取数据的百分比按区分区间计分。" (office-default bands, higher is better)
    [InlineData(100, 5)]
    [InlineData(90, 5)]
    [InlineData(89.99, 4)]
    [InlineData(80, 4)]
    [InlineData(79.9, 3)]
    [InlineData(70, 3)]
    [InlineData(69, 2)]
    [InlineData(60, 2)]
    [InlineData(59.99, 1)]
    [InlineData(50, 1)]
    [InlineData(49.99, 0)]
    [InlineData(0, 0)]
    public void Score_Item12EntryRate_FollowsTheDefaultBands(decimal rate, decimal expected)
    {
        ItemScore(Full().Set("hall_entry_rate", FactValue.Percent(rate)), "12").ShouldBe(expected);
    }

    [Theory]
    // 13: "1.各县区转发市级文件或出台区级相关文件得2分，没有不得分；2.按落实事项数量划分区间计分，最高得3分。"
    [InlineData(true, 0, 2)]
    [InlineData(true, 1, 3)]
    [InlineData(true, 4, 3)]
    [InlineData(true, 5, 4)]
    [InlineData(true, 9, 4)]
    [InlineData(true, 10, 5)]
    [InlineData(true, 500, 5)]
    [InlineData(false, 10, 3)]
    [InlineData(false, 0, 0)]
    public void Score_Item13NotificationPledge_TwoPlusCountBands(bool rules, int matters, decimal expected)
    {
        var f = Full().Set("notification_pledge_rules", FactValue.Bool(rules)).Set("notification_pledge_matters", FactValue.Count(matters));
        ItemScore(f, "13").ShouldBe(expected);
    }

    [Theory]
    // 14: "开展分级分类监管工作，每涉及一个部门得1分，最高得7分。"
    [InlineData("14", "graded_supervision_departments", 0, 0)]
    [InlineData("14", "graded_supervision_departments", 1, 1)]
    [InlineData("14", "graded_supervision_departments", 7, 7)]
    [InlineData("14", "graded_supervision_departments", 12, 7)]
    // 16: "按开展公务员诚信培训的部门数量计分，有1个部门得0.5分，最高3分。"
    [InlineData("16", "integrity_training_departments", 0, 0)]
    [InlineData("16", "integrity_training_departments", 1, 0.5)]
    [InlineData("16", "integrity_training_departments", 5, 2.5)]
    [InlineData("16", "integrity_training_departments", 6, 3)]
    [InlineData("16", "integrity_training_departments", 10, 3)]
    public void Score_PerDepartmentItems_AreCapped(string item, string fact, int departments, decimal expected)
    {
        ItemScore(Full().Set(fact, FactValue.Count(departments)), item).ShouldBe(expected);
    }

    [Theory]
    // 17 (得分6): "无新增的得4分；新增一例扣1分。"
    [InlineData(0, 4)]
    [InlineData(1, 3)]
    [InlineData(3, 1)]
    [InlineData(4, 0)]
    [InlineData(5, 0)]
    public void Score_Item17NewlyListed_StartsAt4AndDeducts1Each(int listed, decimal expected)
    {
        var r = Scorer.Score(Full().Set("newly_listed_agencies", FactValue.Count(listed)));
        r["17"].Score.ShouldBe(expected);
        r["17"].Penalty.ShouldBe(0m);
    }

    [Theory]
    // 19: "根据已履约情况，最高得4分，出现1项未履约项目扣0.5分，扣完为止。"
    [InlineData(0, 0, 4)]
    [InlineData(5, 0, 4)]
    [InlineData(5, 1, 3.5)]
    [InlineData(2, 7, 0.5)]
    [InlineData(0, 8, 0)]
    [InlineData(1, 9, 0)]
    public void Score_Item19Investment_DeductsHalfPerUnfulfilledProject(int fulfilled, int unfulfilled, decimal expected)
    {
        ItemScore(Full().Set("investment_projects", Projects(fulfilled, unfulfilled)), "19").ShouldBe(expected);
    }

    [Theory]
    // 21: "1.法定债务未出现逾期违约风险得2分，出现逾期不得分；2.按规定公开债务信息得4分，未公开得0分。"
    [InlineData(false, true, 6)]
    [InlineData(true, true, 4)]
    [InlineData(false, false, 2)]
    [InlineData(true, false, 0)]
    public void Score_Item21Debt_TwoPlusFour(bool overdue, bool disclosed, decimal expected)
    {
        var f = Full().Set("statutory_debt_overdue", FactValue.Bool(overdue)).Set("debt_info_disclosed", FactValue.Bool(disclosed));
        ItemScore(f, "21").ShouldBe(expected);
    }

    [Theory]
    // 22: "根据获取数据的百分比划分区间计分。" (office-default bands; full points only for every street and town)
    [InlineData(100, 4)]
    [InlineData(99.99, 3)]
    [InlineData(75, 3)]
    [InlineData(74.99, 2)]
    [InlineData(50, 2)]
    [InlineData(49.99, 1)]
    [InlineData(25, 1)]
    [InlineData(24.99, 0)]
    [InlineData(0, 0)]
    public void Score_Item22TownPledges_FollowsTheDefaultBands(decimal rate, decimal expected)
    {
        ItemScore(Full().Set("town_pledge_rate", FactValue.Percent(rate)), "22").ShouldBe(expected);
    }

    [Theory]
    // 23: "1.政府部门失信按部门数量计分,满分5分,涉及1个部门扣1分,扣完为止;
    //      2.按公务员失信人员数量与人口比例计算负面舆情指数,按负面舆情指数分档计分,满分5分。"
    [InlineData(0, 0, 0)]
    [InlineData(1, 0, -1)]
    [InlineData(5, 0, -5)]
    [InlineData(6, 0, -5)]
    [InlineData(0, 1, -1)]
    [InlineData(0, 5, -5)]
    [InlineData(0, 9, -5)]
    [InlineData(3, 2, -5)]
    [InlineData(8, 8, -10)]
    public void Score_Item23NegativeOpinion_DeductsBeyondTheItems(int departments, int grade, decimal expected)
    {
        var r = Scorer.Score(Full().Set("dishonest_department_opinions", FactValue.Count(departments))
            .Set("civil_servant_opinion_grade", FactValue.Count(grade)));
        r["23"].Score.ShouldBe(0m);
        r["23"].Penalty.ShouldBe(expected);
        r.Total.ShouldBe(98m + expected);
    }

    [Fact]
    public void Score_Item23_IsADeductionOnlyItemOutsideThe100()
    {
        var item = Scheme.Scheme.Items.Single(i => i.Id == "23");
        item.Rule.ShouldAllBe(p => p is Penalty);
        Scheme.Scheme.Resolutions.ShouldContain(r => r.Code == "scheme-total-mismatch");
        Scheme.Scheme.Items.Where(i => i.Id != "23").Sum(i => i.Max).ShouldBe(100m);
    }

    // ---- the linter -------------------------------------------------------------------------------

    [Fact]
    public void Lint_BuiltInScheme_HasNoUnresolvedFinding()
    {
        var findings = Linter.Lint(Scheme.Scheme).Where(f => f.Code != "recorded-reading").ToList();
        findings.Where(f => !f.IsResolved).Select(Linter.Format).ShouldBeEmpty();
        findings.ShouldNotContain(f => f.Severity == LintSeverity.Error && !f.IsResolved);
    }

    [Theory]
    // 17 政府机构失信情况: 得分6 but "无新增的得4分；新增一例扣1分。"
    [InlineData("item-max-unreachable", "17", "政府机构失信情况", LintSeverity.Error)]
    // "根据…百分比划分区间计分" / "按落实事项数量划分区间计分" with no bands: office defaults.
    [InlineData("office-default", "5", "行政复议情况", LintSeverity.Warning)]
    [InlineData("office-default", "6", "行政诉讼情况", LintSeverity.Warning)]
    [InlineData("office-default", "12", "“互联网+政务”实现率", LintSeverity.Warning)]
    [InlineData("office-default", "13", "建立告知承诺审批机制", LintSeverity.Warning)]
    [InlineData("office-default", "22", "街道和乡镇政务诚信建设", LintSeverity.Warning)]
    public void Lint_ItemFault_IsReportedOnItsItemAndResolved(string code, string nodeId, string seedTitle, LintSeverity severity)
    {
        var finding = Linter.Lint(Scheme.Scheme).Where(f => f.Code != "recorded-reading").ToList().Where(f => f.Code == code && f.NodeId == nodeId).ShouldHaveSingleItem();
        finding.SeedTitle.ShouldBe(seedTitle);
        finding.Severity.ShouldBe(severity);
        finding.IsResolved.ShouldBeTrue();
        finding.Resolution!.Code.ShouldBe(code);
    }

    [Theory]
    // 扣分项目 负面舆情 (10) on top of 24 + 20 + 22 + 12 + 22 = 100: the categories add up to 110,
    // and the county's applicable items to 110, against a total of 100.
    [InlineData("scheme-total-mismatch", "110")]
    [InlineData("class-total-mismatch", "110")]
    public void Lint_DeductionItemOutsideThe100_IsReportedOnTheSchemeAndResolved(string code, string sum)
    {
        var finding = Linter.Lint(Scheme.Scheme).Where(f => f.Code != "recorded-reading").ToList().Where(f => f.Code == code).ShouldHaveSingleItem();
        finding.NodeId.ShouldBeNull();
        finding.Message.ShouldContain(sum);
        finding.IsResolved.ShouldBeTrue();
        finding.Resolution!.Does.ShouldContain("扣");
    }

    [Fact]
    public void Lint_Findings_AreExactlyTheSeedFaults()
    {
        Linter.Lint(Scheme.Scheme).Where(f => f.Code != "recorded-reading").ToList().Select(f => $"{f.Code}@{f.NodeId}").Order(StringComparer.Ordinal).ShouldBe([
            "class-total-mismatch@", "item-max-unreachable@17",
            "office-default@12", "office-default@13", "office-default@22", "office-default@5", "office-default@6",
            "scheme-total-mismatch@"]);
    }

    [Fact]
    public void Load_SeedLayoutFaults_AreRecordedOnTheNodesTheyConcern()
    {
        var s = Scheme.Scheme;
        SchemeNode Node(string id) => s.Nodes.Single(n => n.Id == id);
        // 勤政高效 22分 has no items of its own in the text; 失信惩戒 12 holds 5+7+3+3 = 18; 守信践诺 22 holds 28.
        Node("C").Resolutions.ShouldContain(r => r.Text.Contains("勤政高效 22分") && r.Why.Contains("5+7+3+3=18"));
        Node("D").Resolutions.ShouldContain(r => r.Text.Contains("5+7+3+3=18分"));
        Node("E").Resolutions.ShouldContain(r => r.Text.Contains("28分"));
        Node("B").Resolutions.ShouldContain(r => r.Text.Contains("6+3+4+7=20"));
        Node("C2").Resolutions.ShouldContain(r => r.Text.Contains("5+7+3=15"));
        Node("D1").Resolutions.ShouldNotBeEmpty();
        Node("D2").Resolutions.ShouldNotBeEmpty();
        Node("E1").Resolutions.ShouldNotBeEmpty();
        Node("B2").Resolutions.ShouldNotBeEmpty();
        // Items 5 and 6: garbled rows.
        Node("5").Resolutions.ShouldContain(r => r.Text.Contains("6.行政诉讼情况 (5)"));
        // 分26个具体方面 against 23 items.
        s.Resolutions.ShouldContain(r => r.Text.Contains("26个具体方面"));
    }
}
