using Chengxin.Domain.Linting;
using Chengxin.Domain.Schemes;
using Chengxin.Domain.Scoring;
using static Chengxin.Domain.Tests.TestSupport;

namespace Chengxin.Domain.Tests.Seeds;

/// <summary>
/// Seed 000, 黑市诚信办发〔2023〕14号: 黑河市基层政务诚信监测事项 (schemes/000-heihe-grassroots-2023.yaml).
/// Every item's rule at its edges with the seed sentence quoted, whole units scored by hand,
/// class applicability (the community variant of item 12), and how the seed's faults were read.
/// </summary>
public class HeiheGrassrootsTests
{
    private const string File = "000-heihe-grassroots-2023.yaml";
    private static readonly CompiledScheme Scheme = Compile(File);

    /// <summary>A unit that meets every monitoring item (item 4 can give only 4 of its 5 points, see its resolution).</summary>
    private static UnitFacts Full(string unitClass = "town", string id = "u1") => Scheme.NewFacts(id, unitClass)
        .Set("leading_group", FactValue.Bool(true)).Set("creation_plan", FactValue.Bool(true)).Set("creation_meetings", FactValue.Count(4))
        .Set("responsibilities_assigned", FactValue.Bool(true)).Set("basic_info_collected", FactValue.Bool(true))
        .Set("education_plan_has_integrity", FactValue.Bool(true)).Set("education_in_schools", FactValue.Bool(true))
        .Set("education_in_enterprises", FactValue.Bool(true)).Set("education_in_villages", FactValue.Bool(true))
        .Set("integrity_handbook", FactValue.Bool(true))
        .Set("knowledge_contest", FactValue.Bool(true))
        .Set("slogans_posted", FactValue.Bool(true)).Set("boards_made", FactValue.Bool(true))
        .Set("leaflets_issued", FactValue.Bool(true)).Set("models_publicised", FactValue.Bool(true))
        .Set("customs_satisfaction", FactValue.Num(95)).Set("order_satisfaction", FactValue.Num(90))
        .Set("disclosure_pledge_system", FactValue.Bool(true)).Set("public_services_delivered", FactValue.Bool(true))
        .Set("public_service_complaints", FactValue.Count(0))
        .Set("listed_dishonest_agency", FactValue.Bool(false))
        .Set("all_staff_pledged", FactValue.Bool(true)).Set("seriously_dishonest_staff", FactValue.Count(0))
        .Set("staff_credit_records", FactValue.Bool(true))
        .Set("commitments_published", FactValue.Bool(true)).Set("dual_publicity", FactValue.Bool(true))
        .Set("community_commitments_published", FactValue.Bool(true))
        .Set("dishonesty_governance_plan", FactValue.Bool(true)).Set("problem_ledger", FactValue.Bool(true))
        .Set("broken_promise_complaints", FactValue.Count(0))
        .Set("assessment_has_integrity", FactValue.Bool(true)).Set("credit_use_cases", FactValue.Count(2))
        .Set("credit_default_incidents", FactValue.Count(0)).Set("financial_order_incidents", FactValue.Count(0))
        .Set("credit_loan_firms", FactValue.Count(3))
        .Set("mediation_cases", FactValue.Bool(true)).Set("petition_case_system", FactValue.Bool(true))
        .Set("key_groups_ledger", FactValue.Bool(true)).Set("cctv_installed", FactValue.Bool(true))
        .Set("counterfeit_crackdown", FactValue.Bool(true));

    // ---- the scheme as a whole -------------------------------------------------------------

    [Fact]
    public void Load_BuiltInScheme_CarriesTheNoticeHeader()
    {
        var s = Scheme.Scheme;
        s.Id.ShouldBe("heihe-grassroots-2023");
        s.Document.ShouldBe("黑市诚信办发〔2023〕14号");
        s.Date.ShouldBe("2023-06-13");
        s.Issuer.ShouldBe("黑河市“诚信黑河”建设工作领导小组办公室");
        s.Period.ShouldBe(PeriodKind.Year);
        s.Total.ShouldBe(100m);
        s.Classes.Select(c => c.Id).ShouldBe(["county", "town", "street", "community"]);
    }

    [Fact]
    public void Load_Monitoring_HasNoGradesAndNoVeto()
    {
        // 通知是监测：没有等次，也没有一票否决。
        Scheme.Scheme.Grades.ShouldBeEmpty();
        Scheme.Scheme.Vetoes.ShouldBeEmpty();
        Scheme.Scheme.Items.SelectMany(i => i.Rule).OfType<Veto>().ShouldBeEmpty();
        Scheme.Scheme.Note!.ShouldContain("不设等次");
        Scorer.Score(Full()).Grade.ShouldBeNull();
    }

    [Fact]
    public void Load_Items_Follow22SeedNumbersInOrder()
    {
        var numbers = Scheme.Scheme.Items.Select(i => i.No).ToList();
        numbers.ShouldBe(["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16", "17", "18", "19", "20", "21", "22"]);
        numbers.Distinct().Count().ShouldBe(numbers.Count);
        Scheme.Scheme.Items.ShouldAllBe(i => i.Wording.Scoring != null && i.Method != null && i.Rule.Count > 0);
    }

    [Theory]
    // 组织领导 (8分)、宣传教育 (14分)、乡风文明 (8分)、政务诚信 (35分)、金融诚信 (10分)、综合治理 (25分)
    [InlineData("A", "组织领导", 8, "1,2")]
    [InlineData("B", "宣传教育", 14, "3,4,5")]
    [InlineData("C", "乡风文明", 8, "6,7")]
    [InlineData("D", "政务诚信", 35, "8,9,10,11,12,13,14")]
    [InlineData("E", "金融诚信", 10, "15,16,17")]
    [InlineData("F", "综合治理", 25, "18,19,20,21,22")]
    public void Load_Categories_KeepDeclaredMaximaWithTheIntendedItems(string id, string title, decimal max, string items)
    {
        var c = Scheme.Scheme.Categories.Single(x => x.Id == id);
        c.Title.ShouldBe(title);
        c.Max.ShouldBe(max);
        string.Join(",", c.Items.Select(i => i.Id)).ShouldBe(items);
    }

    [Theory]
    [InlineData("county")]
    [InlineData("town")]
    [InlineData("street")]
    [InlineData("community")]
    public void Load_EveryClass_HasApplicableMaximumOf100(string unitClass)
    {
        Scheme.Scheme.Items.Where(i => i.AppliesTo(unitClass)).Sum(i => i.Max).ShouldBe(100m);
    }

    [Fact]
    public void Write_ThenParse_GivesTheSameText()
    {
        var first = SchemeWriter.Write(LoadScheme(File));
        var second = SchemeWriter.Write(SchemeLoader.Parse(first));
        second.ShouldBe(first);
    }

    [Fact]
    public void Load_SeedLayoutFaults_AreRecordedOnTheNodesTheyConcern()
    {
        var s = Scheme.Scheme;
        Category Cat(string id) => s.Categories.Single(c => c.Id == id);
        // 宣传教育 (14分) holds 5+5 in the table and 乡风文明 (8分) 4+4+4: the 乡风文明 header sits one row early.
        Cat("B").Resolutions.ShouldContain(r => r.Text.Contains("乡风文明 (8分)") && r.Does.Contains("5+5+4=14"));
        Cat("C").Resolutions.ShouldContain(r => r.Does.Contains("4+4=8"));
        // 政务诚信 (35分) is printed after its seven items.
        Cat("D").Resolutions.ShouldContain(r => r.Text.Contains("之后") && r.Does.Contains("35"));
        // 综合治理 (25分) is printed at item 20; items 18–19 belong to it, not to 金融诚信 (10分).
        Cat("E").Resolutions.ShouldContain(r => r.Does.Contains("3+3+4=10"));
        Cat("F").Resolutions.ShouldContain(r => r.Does.Contains("18–22"));
        // 序号 2, 4, 5 missing and 6 one row early; the period; the community class.
        s.Resolutions.Count.ShouldBe(3);
        s.Resolutions.ShouldContain(r => r.Text.Contains("序号"));
        s.Resolutions.ShouldContain(r => r.Does.Contains("year"));
        s.Resolutions.ShouldContain(r => r.Does.Contains("社区"));
    }

    // ---- whole units, scored by hand --------------------------------------------------------

    [Fact]
    public void Score_TownMeetingEveryItem_Gets99BecauseItem4GivesAtMost4()
    {
        var r = Scorer.Score(Full());
        // 8 + (5 + 4 + 4) + 8 + 35 + 10 + 25 = 99: 诚信活动 can give only 4 of its 5 points.
        r.Total.ShouldBe(99m);
        r.ApplicableMax.ShouldBe(100m);
        r.SubtotalOf("A").ShouldBe(8m);
        r.SubtotalOf("B").ShouldBe(13m);
        r.SubtotalOf("C").ShouldBe(8m);
        r.SubtotalOf("D").ShouldBe(35m);
        r.SubtotalOf("E").ShouldBe(10m);
        r.SubtotalOf("F").ShouldBe(25m);
        r.Grade.ShouldBeNull();
    }

    [Fact]
    public void Score_TypicalTown_AddsUpAsWorkedByHand()
    {
        var f = Full("town", "清溪镇")
            .Set("creation_meetings", FactValue.Count(2))                // 1: 1 + 1 + (2 − 2×0.5 = 1) = 3
            .Set("basic_info_collected", FactValue.Bool(false))          // 2: 2 + 0 = 2
            .Set("education_in_villages", FactValue.Bool(false))         // 3: 1 + 0 (三进缺一) + 1 = 2
            .Set("knowledge_contest", FactValue.Bool(false))             // 4: 0
            .Set("leaflets_issued", FactValue.Bool(false))               // 5: 1 + 1 + 0 + 1 = 3
            .Set("customs_satisfaction", FactValue.Num(86))              // 6: below 90 by 4 → one step → 3
            .Set("order_satisfaction", FactValue.Num(72.5m))             // 7: below 90 by 17.5 → two steps → 2
            .Set("public_service_complaints", FactValue.Count(3))        // 8: 2 + (3 − 1.5) = 3.5
            .Set("seriously_dishonest_staff", FactValue.Count(2))        // 10: 5 − 1 = 4
            .Set("dual_publicity", FactValue.Bool(false))                // 12: 2 + 0 = 2
            .Set("broken_promise_complaints", FactValue.Count(1))        // 13: 5 − 2.5 = 2.5
            .Set("credit_use_cases", FactValue.Count(0))                 // 14: 2 + 0 = 2
            .Set("credit_default_incidents", FactValue.Count(1))         // 15: 3 − 1 = 2
            .Set("cctv_installed", FactValue.Bool(false));               // 21: 0
        var r = Scorer.Score(f);
        // A 组织领导 3 + 2 = 5
        r.SubtotalOf("A").ShouldBe(5m);
        // B 宣传教育 2 + 0 + 3 = 5
        r.SubtotalOf("B").ShouldBe(5m);
        // C 乡风文明 3 + 2 = 5
        r.SubtotalOf("C").ShouldBe(5m);
        // D 政务诚信 3.5 + 5 + 4 + 5 + 2 + 2.5 + 2 = 24
        r.SubtotalOf("D").ShouldBe(24m);
        // E 金融诚信 2 + 3 + 4 = 9
        r.SubtotalOf("E").ShouldBe(9m);
        // F 综合治理 5 + 5 + 5 + 0 + 5 = 20
        r.SubtotalOf("F").ShouldBe(20m);
        // 5 + 5 + 5 + 24 + 9 + 20 = 68
        r.Total.ShouldBe(68m);
    }

    [Fact]
    public void Score_Community_UsesTheCommunityPartOfItem12()
    {
        var f = Full("community", "新兴社区")
            .Set("dual_publicity", FactValue.Bool(false))               // not read for a community
            .Set("creation_meetings", FactValue.Count(3))               // 1: 1 + 1 + 1.5 = 3.5
            .Set("customs_satisfaction", FactValue.Num(59))             // 6: below 90 by 31 → four steps → 0
            .Set("financial_order_incidents", FactValue.Count(5));      // 16: 3 − 5 → 0 (扣完为止)
        var r = Scorer.Score(f);
        r["12"].Score.ShouldBe(5m);
        r.ApplicableMax.ShouldBe(100m);
        // 99 for meeting every item, − 0.5 (item 1) − 4 (item 6) − 3 (item 16) = 91.5
        r.Total.ShouldBe(91.5m);
        r.SubtotalOf("D").ShouldBe(35m);
    }

    // ---- class applicability ----------------------------------------------------------------

    [Theory]
    [InlineData("county", true)]
    [InlineData("town", true)]
    [InlineData("street", true)]
    [InlineData("community", false)]
    public void Score_Item12_ScoresEachClassByItsOwnParts(string unitClass, bool general)
    {
        var r = Scorer.Score(Full(unitClass));
        r["12"].Applicable.ShouldBeTrue();
        r["12"].Score.ShouldBe(5m);
        var text = Explainer.Explain(r, "12");
        text.Contains("开展双公示").ShouldBe(general);
        text.Contains("社区公示政务承诺").ShouldBe(!general);
        r.ApplicableMax.ShouldBe(100m);
        r.SubtotalOf("D").ShouldBe(35m);
    }

    [Fact]
    public void Score_TownWithCommunityFactFalse_IsNotAffectedByTheCommunityPart()
    {
        var r = Scorer.Score(Full("town").Set("community_commitments_published", FactValue.Bool(false)));
        r["12"].Score.ShouldBe(5m);
        r.Total.ShouldBe(99m);
    }

    [Fact]
    public void Score_CommunityWithoutTheDualPublicityFact_IsNotMissingWhatItsClassNeverReads()
    {
        // 「社区在市信用信息共享平台公示政务承诺得6分」: a community has no 双公示 to report.
        var f = Full("community");
        var bare = Scheme.NewFacts("xinxing", "community", "新兴社区");
        foreach (var fd in Scheme.FactDefinitions.Where(d => d.Key is not ("dual_publicity" or "commitments_published")))
            bare.Set(fd.Key, f[fd.Key]);
        var r = Scorer.Score(bare);
        r["12"].Status.ShouldBe(ItemStatus.Scored);
        r["12"].Score.ShouldBe(5m);
    }

    // ---- every item at its edges --------------------------------------------------------------

    [Theory]
    // 1 安排部署: "成立…领导小组, 成立得1分, 不成立不得分; 制定…创建方案, 制定得1分, 未制定不得分;
    //              创建工作会议不少于4次的得2分, 每少1次扣0.5分。"
    [InlineData(true, true, 4, 4)]
    [InlineData(true, true, 7, 4)]
    [InlineData(true, true, 3, 3.5)]
    [InlineData(true, true, 2, 3)]
    [InlineData(true, true, 1, 2.5)]
    [InlineData(true, true, 0, 2)]
    [InlineData(false, true, 4, 3)]
    [InlineData(true, false, 4, 3)]
    [InlineData(false, false, 0, 0)]
    public void Score_Item1Arrangement_FollowsTheSeedSentence(bool group, bool plan, int meetings, decimal expected)
    {
        var f = Full().Set("leading_group", FactValue.Bool(group)).Set("creation_plan", FactValue.Bool(plan))
            .Set("creation_meetings", FactValue.Count(meetings));
        ItemScore(f, "1").ShouldBe(expected);
    }

    [Theory]
    // 2 目标管理: "…落实到位得2分, 未完成不得分; 按要求完成基本信息采集和工作对接得2分, 未完成不得分。"
    [InlineData(true, true, 4)]
    [InlineData(true, false, 2)]
    [InlineData(false, true, 2)]
    [InlineData(false, false, 0)]
    public void Score_Item2TargetManagement_TwoPartsOfTwoPoints(bool assigned, bool collected, decimal expected)
    {
        var f = Full().Set("responsibilities_assigned", FactValue.Bool(assigned)).Set("basic_info_collected", FactValue.Bool(collected));
        ItemScore(f, "2").ShouldBe(expected);
    }

    [Theory]
    // 3 诚信教育: "教育计划包含诚信教育内容得1分…; 开展诚信教育进学校, 诚信教育进企业、诚信教育进村屯(居委会),
    //              开展得3分, 未开展不得分; 编制…诚信知识手册得1分, 未编制不得分"
    [InlineData(true, true, true, true, true, 5)]
    [InlineData(false, true, true, true, true, 4)]
    [InlineData(true, true, true, true, false, 4)]
    [InlineData(true, false, true, true, true, 2)]
    [InlineData(true, true, false, true, true, 2)]
    [InlineData(true, true, true, false, true, 2)]
    [InlineData(false, true, true, true, false, 3)]
    [InlineData(false, false, false, false, false, 0)]
    public void Score_Item3Education_ThreeVenuesTogetherGive3(bool plan, bool schools, bool firms, bool villages, bool handbook, decimal expected)
    {
        var f = Full().Set("education_plan_has_integrity", FactValue.Bool(plan)).Set("education_in_schools", FactValue.Bool(schools))
            .Set("education_in_enterprises", FactValue.Bool(firms)).Set("education_in_villages", FactValue.Bool(villages))
            .Set("integrity_handbook", FactValue.Bool(handbook));
        ItemScore(f, "3").ShouldBe(expected);
    }

    [Theory]
    // 4 诚信活动 (基本分值5): "组织公职人员参加诚信知识竞赛得4分, 未组织的不得分。"
    [InlineData(true, 4)]
    [InlineData(false, 0)]
    public void Score_Item4Contest_GivesAtMost4OfIts5(bool contest, decimal expected)
    {
        var r = Scorer.Score(Full().Set("knowledge_contest", FactValue.Bool(contest)));
        r["4"].Score.ShouldBe(expected);
        Scheme.Scheme.Items.Single(i => i.Id == "4").Max.ShouldBe(5m);
    }

    [Theory]
    // 5 诚信宣传: "张贴诚信宣传标语得1分…; 制作诚信宣传栏得1分…; 印发诚信宣传单得1分…; 宣传诚信典型事迹得1分…"
    [InlineData(true, true, true, true, 4)]
    [InlineData(true, true, true, false, 3)]
    [InlineData(false, true, false, true, 2)]
    [InlineData(true, false, false, false, 1)]
    [InlineData(false, false, false, false, 0)]
    public void Score_Item5Publicity_OnePointPerMeans(bool slogans, bool boards, bool leaflets, bool models, decimal expected)
    {
        var f = Full().Set("slogans_posted", FactValue.Bool(slogans)).Set("boards_made", FactValue.Bool(boards))
            .Set("leaflets_issued", FactValue.Bool(leaflets)).Set("models_publicised", FactValue.Bool(models));
        ItemScore(f, "5").ShouldBe(expected);
    }

    [Theory]
    // 6 移风易俗 and 7 扫黑除恶: "群众满意度测评90分以上得4分, 每少10个百分点扣1分, 扣完为止。"
    [InlineData("6", "customs_satisfaction", 100, 4)]
    [InlineData("6", "customs_satisfaction", 90, 4)]
    [InlineData("6", "customs_satisfaction", 89.9, 3)]
    [InlineData("6", "customs_satisfaction", 80, 3)]
    [InlineData("6", "customs_satisfaction", 79.99, 2)]
    [InlineData("6", "customs_satisfaction", 70, 2)]
    [InlineData("6", "customs_satisfaction", 69.5, 1)]
    [InlineData("6", "customs_satisfaction", 60, 1)]
    [InlineData("6", "customs_satisfaction", 59.9, 0)]
    [InlineData("6", "customs_satisfaction", 0, 0)]
    [InlineData("7", "order_satisfaction", 90, 4)]
    [InlineData("7", "order_satisfaction", 89, 3)]
    [InlineData("7", "order_satisfaction", 80, 3)]
    [InlineData("7", "order_satisfaction", 70, 2)]
    [InlineData("7", "order_satisfaction", 60, 1)]
    [InlineData("7", "order_satisfaction", 50, 0)]
    public void Score_SatisfactionItems_StepDownFrom90(string item, string fact, decimal satisfaction, decimal expected)
    {
        ItemScore(Full().Set(fact, FactValue.Num(satisfaction)), item).ShouldBe(expected);
    }

    [Fact]
    public void Score_SatisfactionBelow60_IsFlooredAndExplained()
    {
        var r = Scorer.Score(Full().Set("customs_satisfaction", FactValue.Num(30)));
        r["6"].Score.ShouldBe(0m);
        Explainer.Explain(r, "6").ShouldContain("扣完为止");
        Scheme.Scheme.Items.Single(i => i.Id == "6").Facts.Single().Supplier.ShouldBe("system:survey-satisfaction");
    }

    [Theory]
    // 8 政务公开: "建立政务公开承诺制度得2分；…有效落实到基层群众得3分，被投诉1次扣0.5分，扣完为止。"
    [InlineData(true, 0, 5)]
    [InlineData(true, 1, 4.5)]
    [InlineData(true, 5, 2.5)]
    [InlineData(true, 6, 2)]
    [InlineData(true, 9, 2)]
    [InlineData(false, 0, 3)]
    [InlineData(false, 2, 2)]
    [InlineData(false, 6, 0)]
    public void Score_Item8Disclosure_ComplaintsDeductFromThe3Only(bool system, int complaints, decimal expected)
    {
        var f = Full().Set("disclosure_pledge_system", FactValue.Bool(system)).Set("public_service_complaints", FactValue.Count(complaints));
        ItemScore(f, "8").ShouldBe(expected);
    }

    [Theory]
    // 8 政务公开: "确保……公共服务和优惠政策有效落实到基层群众得3分" — a unit that did nothing gets none of the 3,
    // however few complaints it had.
    [InlineData(true, 0, 2)]
    [InlineData(false, 0, 0)]
    [InlineData(true, 3, 2)]
    public void Score_Item8PoliciesNotDelivered_GetsNoneOfThe3(bool system, int complaints, decimal expected)
    {
        var f = Full().Set("disclosure_pledge_system", FactValue.Bool(system)).Set("public_services_delivered", FactValue.Bool(false))
            .Set("public_service_complaints", FactValue.Count(complaints));
        ItemScore(f, "8").ShouldBe(expected);
    }

    [Theory]
    // 9 守约履约: "无因失信行为被人民法院列入失信政府机构名单中的得5分，出现不得分。"
    [InlineData(false, 5)]
    [InlineData(true, 0)]
    public void Score_Item9Listed_LosesTheItemButIsNoVeto(bool listed, decimal expected)
    {
        var r = Scorer.Score(Full().Set("listed_dishonest_agency", FactValue.Bool(listed)));
        r["9"].Score.ShouldBe(expected);
        r.Vetoes.ShouldBeEmpty();
        r.Total.ShouldBe(94m + expected);
    }

    [Theory]
    // 10 人员诚信: "辖区内公职人员人人签订《公务员信用承诺书》，公务人员有严重失信行为的按每人0.5分扣除，扣完为止。"
    [InlineData(true, 0, 5)]
    [InlineData(true, 1, 4.5)]
    [InlineData(true, 9, 0.5)]
    [InlineData(true, 10, 0)]
    [InlineData(true, 11, 0)]
    [InlineData(false, 0, 0)]
    public void Score_Item10Staff_DeductsHalfAPointPerPerson(bool pledged, int dishonest, decimal expected)
    {
        var f = Full().Set("all_staff_pledged", FactValue.Bool(pledged)).Set("seriously_dishonest_staff", FactValue.Count(dishonest));
        ItemScore(f, "10").ShouldBe(expected);
    }

    [Theory]
    // 11 信息归集: "…纳入守信失信记录5分，未开展不得分。"
    // 17 信贷投入: "辖区内企业获得信用贷款或者通过“信易贷”平台实现融资贷款的得4分，没有不得分。"
    // 18 重大风险管控: "提供调处案例得5分，未提供不得分。"   19 信访维稳: "提供包案制度得5分，未提供不得分。"
    // 20 重点人群管理: "提供管理台账得5分，未提供不得分。"  21 社会治安 / 22 市场监管: "落实得5分，未落实不得分。"
    [InlineData("11", "staff_credit_records", 5)]
    [InlineData("18", "mediation_cases", 5)]
    [InlineData("19", "petition_case_system", 5)]
    [InlineData("20", "key_groups_ledger", 5)]
    [InlineData("21", "cctv_installed", 5)]
    [InlineData("22", "counterfeit_crackdown", 5)]
    public void Score_AllOrNothingItems_GiveFullOrZero(string item, string fact, decimal full)
    {
        ItemScore(Full().Set(fact, FactValue.Bool(true)), item).ShouldBe(full);
        ItemScore(Full().Set(fact, FactValue.Bool(false)), item).ShouldBe(0m);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 4)]
    [InlineData(25, 4)]
    public void Score_Item17CreditLoans_AnyFirmGives4(int firms, decimal expected)
    {
        ItemScore(Full().Set("credit_loan_firms", FactValue.Count(firms)), "17").ShouldBe(expected);
    }

    [Theory]
    // 12 信用承诺: "在市信用信息共享平台公示政务承诺得2分，未公示不得分；开展行政许可、行政处罚双公示得3分，未开展不得分"
    [InlineData("county", true, true, 5)]
    [InlineData("town", true, false, 2)]
    [InlineData("street", false, true, 3)]
    [InlineData("town", false, false, 0)]
    public void Score_Item12Commitments_TwoPlusThree(string unitClass, bool published, bool dual, decimal expected)
    {
        var f = Full(unitClass).Set("commitments_published", FactValue.Bool(published)).Set("dual_publicity", FactValue.Bool(dual));
        ItemScore(f, "12").ShouldBe(expected);
    }

    [Theory]
    // 12 社区: "（社区在市信用信息共享平台公示政务承诺得6分）" — 6 exceeds the item's 5 and is held at 5.
    [InlineData(true, 5, 6)]
    [InlineData(false, 0, 0)]
    public void Score_Item12Community_SixPointsAreHeldAtTheItemMaximum(bool published, decimal expected, decimal raw)
    {
        var r = Scorer.Score(Full("community").Set("community_commitments_published", FactValue.Bool(published)));
        r["12"].Score.ShouldBe(expected);
        r.RawOf("12").ShouldBe(raw);
        r.IsClamped("12").ShouldBe(published);
    }

    [Theory]
    // 13 失信治理: "有方案有台账得5分，发生失信违诺事项投诉每1件扣2.5分，扣完为止。"
    [InlineData(true, true, 0, 5)]
    [InlineData(true, true, 1, 2.5)]
    [InlineData(true, true, 2, 0)]
    [InlineData(true, true, 3, 0)]
    [InlineData(true, false, 0, 0)]
    [InlineData(false, true, 0, 0)]
    [InlineData(false, false, 1, 0)]
    public void Score_Item13Governance_PlanAndLedgerThenDeduct(bool plan, bool ledger, int complaints, decimal expected)
    {
        var f = Full().Set("dishonesty_governance_plan", FactValue.Bool(plan)).Set("problem_ledger", FactValue.Bool(ledger))
            .Set("broken_promise_complaints", FactValue.Count(complaints));
        ItemScore(f, "13").ShouldBe(expected);
    }

    [Theory]
    // 14 信用考核: "考核制度（办法）中有诚信内容得2分，提供…案例应用的得3分，未提供不得分。"
    [InlineData(true, 1, 5)]
    [InlineData(true, 0, 2)]
    [InlineData(false, 4, 3)]
    [InlineData(false, 0, 0)]
    public void Score_Item14Assessment_TwoPlusThree(bool rules, int cases, decimal expected)
    {
        var f = Full().Set("assessment_has_integrity", FactValue.Bool(rules)).Set("credit_use_cases", FactValue.Count(cases));
        ItemScore(f, "14").ShouldBe(expected);
    }

    [Theory]
    // 15 信贷违约 / 16 金融秩序: "…得3分。每发生一起扣1分，扣完为止。"
    [InlineData("15", "credit_default_incidents", 0, 3)]
    [InlineData("15", "credit_default_incidents", 1, 2)]
    [InlineData("15", "credit_default_incidents", 2, 1)]
    [InlineData("15", "credit_default_incidents", 3, 0)]
    [InlineData("15", "credit_default_incidents", 4, 0)]
    [InlineData("16", "financial_order_incidents", 0, 3)]
    [InlineData("16", "financial_order_incidents", 1, 2)]
    [InlineData("16", "financial_order_incidents", 3, 0)]
    [InlineData("16", "financial_order_incidents", 10, 0)]
    public void Score_FinanceItems_DeductOnePerIncident(string item, string fact, int incidents, decimal expected)
    {
        ItemScore(Full().Set(fact, FactValue.Count(incidents)), item).ShouldBe(expected);
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
    // 4 诚信活动: 基本分值5 but "组织公职人员参加诚信知识竞赛得4分" — the rule cannot reach 5.
    [InlineData("item-max-unreachable", "4", "诚信活动")]
    // 12 社区: "（社区在市信用信息共享平台公示政务承诺得6分）" — 6 points in a 5-point item.
    [InlineData("item-max-exceeded", "12", "信用承诺")]
    public void Lint_SeedFault_IsReportedOnItsNodeAndResolved(string code, string nodeId, string seedTitle)
    {
        var finding = Linter.Lint(Scheme.Scheme).Where(f => f.Code != "recorded-reading").ToList().Where(f => f.Code == code && f.NodeId == nodeId).ShouldHaveSingleItem();
        finding.SeedTitle.ShouldBe(seedTitle);
        finding.IsResolved.ShouldBeTrue();
        finding.Resolution!.Code.ShouldBe(code);
        Linter.Format(finding).ShouldContain("已处理");
    }

    [Fact]
    public void Lint_Findings_AreExactlyTheSeedFaults()
    {
        Linter.Lint(Scheme.Scheme).Where(f => f.Code != "recorded-reading").ToList().Select(f => $"{f.Code}@{f.NodeId}").Order(StringComparer.Ordinal)
            .ShouldBe(["item-max-exceeded@12", "item-max-unreachable@4"]);
    }

    [Fact]
    public void Lint_ItemTwelveWrittenOncePerClass_IsARecordedReadingNotACategoryFault()
    {
        // 政务诚信 (35分): item 12 is written twice (general and community); its children add up to 40, but every
        // class of unit sums to 35, so the category is right and the reading is kept as a note.
        var notes = Linter.Lint(Scheme.Scheme).Where(f => f.Code == "recorded-reading" && f.NodeId == "D").ToList();
        notes.ShouldContain(f => f.Message.Contains("第12项“信用承诺”基本分值5", StringComparison.Ordinal));
    }

    [Fact]
    public void Score_MissingFact_ScoresZeroAndSaysWhich()
    {
        var f = Scheme.NewFacts("u2", "town").Set("leading_group", FactValue.Bool(true)).Set("creation_plan", FactValue.Bool(true));
        var r = Scorer.Score(f);
        r["1"].Status.ShouldBe(ItemStatus.Missing);
        Explainer.Explain(r, "1").ShouldContain("创建工作会议次数");
        r.Total.ShouldBe(0m);
    }
}
