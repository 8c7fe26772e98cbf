using Chengxin.Domain.Campaigns;
using Chengxin.Server.Tests.Infrastructure;
using static Chengxin.Server.Tests.Walkthroughs.Walk;

namespace Chengxin.Server.Tests.Walkthroughs;

/// <summary>
/// Seed 002 (淮信用办〔2022〕6号, huaian-quarterly-2022), one quarter, through HTTP only: a town, an A-class department and
/// two B-class departments. The office records a 双公示 concealment found in the province's comparison (倒扣 10, taken off after
/// the normalisation; the 双公示 facts are counted from the records, nobody types them), the reviewer finds a
/// serious dishonesty (the veto to 黄名单) and returns the 信易批 ledger; each class's applicable points are normalised to 100.
/// </summary>
public abstract class HuaianQuarterlyWalkTests(AppFixture app)
{
    /// <summary>施河镇: 镇、街道 apply 1.1, 1.3, 2.1, 3.2.1, 3.3.1, 5.1–5.4 (10 + 5 + 10 + 5 + 15 + 20 + 5 + 5 + 10 = 85).</summary>
    private static readonly (string Key, object Value)[] Town =
    [
        // 1.1 7天内归集且全量报送 10: counted from its 双公示 records (none late, none refused, none found concealed).
        ("commitment_info_monthly", true),                                                         // 1.3 5
        ("credit_review_in_administration", true), ("rewards_and_sanctions_by_rule", true),        // 2.1 10
        ("investment_breaches", 0), ("serious_dishonesty", false),                                 // 3.2.1 严格兑现 5
        ("credit_law_trainings", Rows("name", "信用条例宣贯", "documented", 1)),                    // 3.3.1 1 × 3.5 = 3.5
        ("five_into_campaigns", Rows("name", "诚信五进", "documented", 3, 1)),                      //       + 3 × 1.5 = 4.5 → 8
        ("town_creation_plan", true), ("credit_villages_accepted", 1),
        ("credit_village_on_record", false), ("new_honest_households", 0),                         // 5.1 验收一个信用村 20
        ("pledging_enterprises", Rows("enterprise", "企业", "signed_and_published", 6)),            // 5.2 6 × 0.5 = 3
        ("public_pledge_areas", 14),                                                               // 5.3 5 − 2 × 0.5 = 4
        ("innovation_promoted", false),                                                            // 5.4 0
    ];

    /// <summary>区市监局: A类部门 apply 1.1, 1.2, 1.3, 2.1, 3.1.1, 3.2.1, 3.3.1, 5.4 (10 + 5 + 5 + 10 + 5 + 5 + 15 + 10 = 65).</summary>
    private static readonly (string Key, object Value)[] MarketBureau =
    [
        // 1.1 10 from its records; one found 属实 in the province's comparison → 倒扣 10.
        ("other_admin_info_monthly_full", true),                                                   // 1.2 5
        ("commitment_info_monthly", true),                                                         // 1.3 5
        ("credit_review_in_administration", true), ("rewards_and_sanctions_by_rule", true),        // 2.1 10
        ("xinyipi_cases", Rows("matter", "信易批事项", "fulfilled", 2, 1)),                         // 3.1.1 有一例得1分: 3 (answered: 4)
        ("investment_breaches", 0), ("serious_dishonesty", false),                                 // 3.2.1 5
        ("credit_law_trainings", Rows("name", "公务员诚信培训", "documented", 2)),                  // 3.3.1 2 × 3.5 = 7
        ("five_into_campaigns", Rows("name", "诚信五进", "documented", 6)),                         //       + 6 × 1.5 = 9 → 8: 15
        ("innovation_promoted", true),                                                             // 5.4 10
    ];

    /// <summary>B类部门 apply 1.1, 1.3, 2.1, 3.2.1, 3.3.1, 5.4 and the 注2 deduction (10 + 5 + 10 + 5 + 15 + 10 = 55).</summary>
    private static (string Key, object Value)[] DeptB(int fiveIntoCampaigns) =>
    [
        // 1.1 10 from the records.
        ("commitment_info_monthly", true),                                                         // 1.3 5
        ("credit_review_in_administration", true), ("rewards_and_sanctions_by_rule", true),        // 2.1 10
        ("investment_breaches", 0), ("serious_dishonesty", false),                                 // 3.2.1 5
        ("credit_law_trainings", Rows("name", "公务员诚信培训", "documented", 2)),                  // 3.3.1 7
        ("five_into_campaigns", Rows("name", "诚信五进", "documented", fiveIntoCampaigns)),         //       + min(8, n × 1.5)
        ("innovation_promoted", true),                                                             // 5.4 10
        ("noted_problem_deduction", 0),                                                            // 注2 0
    ];

    [Fact]
    public async Task Walk_OpenSubmitReviewPublish_NormalisedTotalsPenaltiesVetoAndRanksMatchTheArithmetic()
    {
        await using var walk = await StartAsync(app, "huaian-quarterly-2022");
        var town = await walk.UnitAsync("施河镇", "Town", "乡镇");
        var market = await walk.UnitAsync("区市监局", "Department", "A类部门");
        var organisation = await walk.UnitAsync("区委组织部", "Department", "B类部门");
        var finance = await walk.UnitAsync("区金融管理局", "Department", "B类部门");

        // Open: 2022Q2; the server's 乡镇 is the scheme's 镇、街道 only by an explicit map; A类部门 and B类部门 match by name.
        var campaign = await walk.OpenAsync("2022年第二季度政务诚信建设综合信用评价", "2022Q2", [town, market, organisation, finance],
            walk.Now.AddHours(2), [walk.ReviewerId], classMap: new() { ["乡镇"] = "town" });
        campaign.Units.Select(u => u.SchemeClass).ShouldBe(["town", "dept_a", "dept_b", "dept_b"]);

        await walk.SaveAsync(market, MarketBureau);
        await walk.EvidenceAsync(market, "3.1.1", "信易批履约跟踪表.csv", "办理事项,守信主体,是否履约\n信易批事项1,甲公司,是\n");
        (await walk.SubmitAsync(market)).IsLate.ShouldBeFalse();
        await walk.SaveAsync(organisation, DeptB(6));
        (await walk.SubmitAsync(organisation)).IsLate.ShouldBeFalse();
        var financeDraft = await walk.SaveAsync(finance, DeptB(4));
        // Self-score live: 10 + 5 + 10 + 5 + (7 + 4 × 1.5 = 13) + 10 = 53 of 55 → 53 × 100 / 55 = 96.3636… → 96.36, 红名单.
        (financeDraft.SelfScore.Total, financeDraft.SelfScore.Grade).ShouldBe((96.36m, "红名单"));
        (await walk.SubmitAsync(finance)).IsLate.ShouldBeFalse();
        // The town submits three hours after opening, one hour after the deadline: taken, and recorded late.
        await walk.SaveAsync(town, Town);
        await walk.EvidenceAsync(town, "5.1", "信用村验收记录.txt", "施河镇某村信用村（居）现场验收合格记录");
        walk.Advance(TimeSpan.FromHours(3));
        var late = await walk.SubmitAsync(town);
        (late.IsLate, late.LateBySeconds).ShouldBe((true, 3600L));
        await walk.StartReviewAsync();

        await walk.ConfirmAsync(town.Id, "1.1", "5.1", "5.2");
        await walk.ConfirmAsync(organisation.Id, "1.1", "2.1", "3.3.1");
        // 1.1 reads the bureau's 双公示 records of the quarter: both reported within 7 calendar days (06-24 → 06-30 is 6 days,
        // though past 7 working days is not the question here), none refused. The province's comparison then finds one 属实
        // (漏报瞒报): the office records it, and the concealment costs 倒扣10分 beyond the item. Nobody types the three facts.
        var code = (await (await walk.Admin.GetAsync($"/api/units/{market.Id}")).ReadAsync<Features.Units.UnitResponse>()).Code!;
        var tag = Guid.NewGuid().ToString("N")[..8];
        var subject = Disclosures.DisclosureIntakeTests.CreditCode("91320800MA40000H1");
        var upload = await Disclosures.DisclosureIntakeTests.UploadAsync(walk.Admin, System.Text.Encoding.UTF8.GetBytes(string.Join("\r\n",
            "行政相对人名称,统一社会信用代码,证件号码,决定文书号,决定日期,上报日期,处罚机关,数据来源单位,信息类别",
            $"淮安某某公司1,{subject},,淮市监罚〔2022〕{tag}-1号,2022-05-10,2022-05-12,区市场监督管理局,{code},行政处罚",
            $"淮安某某公司2,{subject},,淮市监罚〔2022〕{tag}-2号,2022-06-24,2022-06-30,区市场监督管理局,{code},行政处罚")), "区市监局二季度双公示.csv");
        upload.Upload.Stored.ShouldBe(2);
        var records = await (await walk.Admin.GetAsync($"/api/disclosures/records?unitId={market.Id}&from=2022-04-01&to=2022-06-30"))
            .ReadAsync<Features.Disclosures.DisclosureRecordsView>();
        var concealed = records.Records.Single(r => r.DecisionNumber.EndsWith("-1号", StringComparison.Ordinal));
        (await walk.Admin.PostJsonAsync($"/api/disclosures/records/{concealed.Id}/finding",
            new Features.Disclosures.RecordDisclosureFindingRequest("省信息中心抽查比对通报漏报行政处罚信息 1 件，经核实属实"))).EnsureSuccessStatusCode();
        // Serious dishonesty found in review: the veto.
        await walk.ReviewAsync(walk.Reviewer, finance.Id, "3.2.1", "correct", 0, [("serious_dishonesty", true)],
            "本单位被人民法院列为失信被执行人，属严重失信行为，直接列入黄名单");
        // The 信易批 ledger goes back for its 履约跟踪表; the bureau adds the fourth case it had left out and resubmits.
        await walk.ReviewAsync(walk.Reviewer, market.Id, "3.1.1", "return", 0, reason: "请补充本季度全部承诺事项的履约跟踪表", supplementDue: walk.Now.AddDays(2));
        await walk.SaveAsync(market, [("xinyipi_cases", Rows("matter", "信易批事项", "fulfilled", 3, 1))]);
        (await walk.SubmitAsync(market)).State.ShouldBe(SubmissionState.Resubmitted);
        (await walk.ReviewAsync(walk.Reviewer, market.Id, "3.1.1", "confirm", 1)).ReviewedScore.ShouldBe(4m);

        var results = await walk.ResultsAsync();
        var t = results.Of(town);
        var m = results.Of(market);
        var o = results.Of(organisation);
        var f = results.Of(finance);
        // 施河镇: 10 + 5 + 10 + 5 + 8 + 20 + 3 + 4 + 0 = 65 of 85 → 65 × 100 / 85 = 76.470588… → 76.47 → 蓝名单 (60 ≤ 76.47 < 85).
        (t.Base, t.Total, t.Grade, t.SelfTotal, t.IsLate).ShouldBe((65m, 76.47m, "蓝名单", 76.47m, true));
        t.Explanation.ShouldContain("折算为 100 分制");
        // 区市监局: items 10 + 5 + 5 + 10 + 4 + 5 + 15 + 10 = 64 of 65 → 64 × 100 / 65 = 98.461538…; 倒扣 10 after the
        //   normalisation, unscaled: 88.461538… → 88.46 → 红名单 (≥ 85). Base is the items with the penalty: 64 − 10 = 54.
        //   The concealment is the platform's count, not the bureau's say: its self-score carries it too (88.46).
        (m.Base, m.Total, m.Grade, m.SelfTotal).ShouldBe((54m, 88.46m, "红名单", 88.46m));
        var disclosure = m.Items.Single(i => i.ItemId == "1.1").Explanation;
        disclosure.ShouldContain("倒扣");
        disclosure.ShouldContain($"漏报 淮市监罚〔2022〕{tag}-1号");
        // 区委组织部: 10 + 5 + 10 + 5 + (7 + 8) + 10 + 0 = 55 of 55 → 100 → 红名单.
        (o.Base, o.Total, o.Grade).ShouldBe((55m, 100m, "红名单"));
        // 区金融管理局: 53 of 55 → 96.36 by the points, but 严重失信 → 黄名单 whatever the points.
        (f.Total, f.Grade, f.SelfTotal).ShouldBe((96.36m, "黄名单", 96.36m));
        f.Vetoes.ShouldBe(["本单位存在严重失信行为（严重的直接列入黄名单） → 黄名单"]);
        f.Explanation.ShouldContain("否决");
        // Ranks by total, a vetoed unit below every unit without a veto: 100 > 88.46 > 76.47, then the 黄名单 96.36;
        // per class: the town and the A-class bureau alone, the B-class 100 before the vetoed 96.36.
        (o.Rank, m.Rank, t.Rank, f.Rank).ShouldBe((1, 2, 3, 4));
        (t.ClassRank, m.ClassRank, o.ClassRank, f.ClassRank).ShouldBe((1, 1, 1, 2));

        var snapshot = await walk.PublishAsync();
        snapshot.Units.Select(u => (u.Name, u.Total, u.Grade)).ShouldBe(
            [("区委组织部", 100m, "红名单"), ("区市监局", 88.46m, "红名单"), ("施河镇", 76.47m, "蓝名单"), ("区金融管理局", 96.36m, "黄名单")]);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class HuaianQuarterlyWalkTestsOnSqlite(SqliteApp app) : HuaianQuarterlyWalkTests(app);

[Collection(PostgresCollection.Name)]
public sealed class HuaianQuarterlyWalkTestsOnPostgres(PostgresApp app) : HuaianQuarterlyWalkTests(app);
