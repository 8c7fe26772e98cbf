using Chengxin.Domain.Campaigns;
using Chengxin.Server.Tests.Infrastructure;
using static Chengxin.Server.Tests.Walkthroughs.Walk;

namespace Chengxin.Server.Tests.Walkthroughs;

/// <summary>
/// Seed 000 (黑市诚信办发〔2023〕14号, heihe-grassroots-2023), the year 2023, through HTTP only: one unit of each class —
/// a county, a town, a street and a community (item 12's community part). The satisfaction surveys (items 6, 7)
/// are the office's questionnaire, not the unit's answer: the reviewer enters them as corrections with their source,
/// so the self-scores leave them out. Monitoring only: no grades, no veto; ranked by total.
/// </summary>
public abstract class HeiheGrassrootsWalkTests(AppFixture app)
{
    /// <summary>
    /// A unit that meets every monitoring item a unit answers (survey facts aside): 99 with both surveys at 90 or more,
    /// because 4 诚信活动 gives at most 4 of its 5. Item 12 by its county/town/street parts, or by its community part.
    /// </summary>
    private static (string Key, object Value)[] Full(bool community) =>
    [
        ("leading_group", true), ("creation_plan", true), ("creation_meetings", 4),               // 1 1 + 1 + 2 = 4
        ("responsibilities_assigned", true), ("basic_info_collected", true),                       // 2 2 + 2 = 4
        ("education_plan_has_integrity", true), ("education_in_schools", true),
        ("education_in_enterprises", true), ("education_in_villages", true), ("integrity_handbook", true), // 3 1 + 3 + 1 = 5
        ("knowledge_contest", true),                                                                // 4 4 (of 5)
        ("slogans_posted", true), ("boards_made", true), ("leaflets_issued", true), ("models_publicised", true), // 5 4
        ("disclosure_pledge_system", true), ("public_services_delivered", true), ("public_service_complaints", 0), // 8 2 + 3 = 5
        ("listed_dishonest_agency", false),                                                         // 9 5
        ("all_staff_pledged", true), ("seriously_dishonest_staff", 0),                              // 10 5
        ("staff_credit_records", true),                                                             // 11 5
        .. community
            ? new (string, object)[] { ("community_commitments_published", true) }                  // 12 社区 得6分 → held at 5
            : [("commitments_published", true), ("dual_publicity", true)],                          // 12 2 + 3 = 5
        ("dishonesty_governance_plan", true), ("problem_ledger", true), ("broken_promise_complaints", 0), // 13 5
        ("assessment_has_integrity", true), ("credit_use_cases", 2),                                // 14 2 + 3 = 5
        ("credit_default_incidents", 0), ("financial_order_incidents", 0), ("credit_loan_firms", 3), // 15 3, 16 3, 17 4
        ("mediation_cases", true), ("petition_case_system", true), ("key_groups_ledger", true),     // 18 5, 19 5, 20 5
        ("cctv_installed", true), ("counterfeit_crackdown", true),                                  // 21 5, 22 5
    ];

    private static (string, object)[] Survey(decimal customs, decimal order) => [("customs_satisfaction", customs), ("order_satisfaction", order)];

    [Fact]
    public async Task Walk_OpenSubmitReviewPublish_ClassesSurveysAndRanksMatchTheArithmetic()
    {
        await using var walk = await StartAsync(app, "heihe-grassroots-2023");
        var county = await walk.UnitAsync("爱辉区", "County", "县区政府", walk.City);
        var town = await walk.UnitAsync("清溪镇", "Town", "乡镇");
        var street = await walk.UnitAsync("花园街道", "Town", "街道");
        var community = await walk.UnitAsync("新兴社区", "Village", "社区", street.Id);

        var campaign = await walk.OpenAsync("2023年度基层政务诚信监测", "2023", [county, town, street, community], walk.Now.AddHours(2),
            [walk.ReviewerId], classMap: new() { ["县区政府"] = "county" });
        campaign.Units.Select(u => u.SchemeClass).ShouldBe(["county", "town", "street", "community"]);

        // 爱辉区: no credit-use case supplied (14: 2 + 0 = 2).
        await walk.SaveAsync(county, With(Full(false), ("credit_use_cases", 0)));
        (await walk.SubmitAsync(county)).IsLate.ShouldBeFalse();
        // 清溪镇: a typical town (the domain tests' hand-scored 清溪镇); education did not reach the villages. Its complaints are in the
        // register, verified 属实 by the office: three about public services (政务公开) and one about a broken promise (失信违诺).
        var serviceComplaints = await walk.ConfirmedEventsAsync(town, "政务公开", 3, "低保资格审核拖延", "2023-04-12");
        await walk.ConfirmedEventsAsync(town, "失信违诺", 1, "镇政府承诺的道路修缮未兑现", "2023-05-20");
        var townDraft = await walk.SaveAsync(town, With(Full(false),
            ("creation_meetings", 2),                 // 1 1 + 1 + (2 − 2 × 0.5 = 1) = 3
            ("basic_info_collected", false),          // 2 2 + 0 = 2
            ("education_in_villages", false),         // 3 1 + 0 (三进缺一) + 1 = 2 (answered later: 5)
            ("knowledge_contest", false),             // 4 0
            ("leaflets_issued", false),               // 5 1 + 1 + 0 + 1 = 3
            // 8 2 + (3 − 1.5) = 3.5: the three complaints above
            ("seriously_dishonest_staff", 2),         // 10 5 − 2 × 0.5 = 4
            ("dual_publicity", false),                // 12 2 + 0 = 2
            // 13 5 − 2.5 = 2.5: the broken promise above
            ("credit_use_cases", 0),                  // 14 2 + 0 = 2
            ("credit_default_incidents", 1),          // 15 3 − 1 = 2
            ("cctv_installed", false)));              // 21 0
        // Self-score without the surveys: A 3 + 2; B 2 + 0 + 3; C 0 + 0 (not yet surveyed); D 3.5 + 5 + 4 + 5 + 2 + 2.5 + 2;
        // E 2 + 3 + 4; F 5 + 5 + 5 + 0 + 5 → 5 + 5 + 0 + 24 + 9 + 20 = 63.
        townDraft.SelfScore.Total.ShouldBe(63m);
        townDraft.Items.Single(i => i.ItemId == "6").Status.ShouldBe(Chengxin.Domain.Scoring.ItemStatus.Missing);
        await walk.EvidenceAsync(town, "1", "创建工作会议纪要.txt", "清溪镇诚信示范乡镇创建工作会议纪要（两次）");
        (await walk.SubmitAsync(town)).IsLate.ShouldBeFalse();
        // 花园街道: no 双公示 (12: 2 + 0 = 2).
        await walk.SaveAsync(street, With(Full(false), ("dual_publicity", false)));
        (await walk.SubmitAsync(street)).IsLate.ShouldBeFalse();
        // 新兴社区 (late): three meetings (1: 1 + 1 + 1.5 = 3.5) and five financial-order incidents (16: 3 − 5 → 0, 扣完为止).
        await walk.SaveAsync(community, With(Full(true), ("creation_meetings", 3), ("financial_order_incidents", 5)));
        walk.Advance(TimeSpan.FromHours(3));
        var late = await walk.SubmitAsync(community);
        (late.IsLate, late.LateBySeconds).ShouldBe((true, 3600L));
        await walk.StartReviewAsync();

        // The surveys, entered by the office's reviewer from the questionnaire (群众满意度测评90分以上得4分，每少10个百分点扣1分).
        foreach (var (unit, customs, order) in new[] { (county, 95m, 88m), (town, 86m, 72.5m), (street, 91m, 90m), (community, 59m, 90m) })
        {
            await walk.ReviewAsync(walk.Reviewer, unit.Id, "6", "correct", 0, Survey(customs, order)[..1], "2023年度移风易俗群众满意度测评结果");
            await walk.ReviewAsync(walk.Reviewer, unit.Id, "7", "correct", 0, Survey(customs, order)[1..], "2023年度扫黑除恶群众满意度测评结果");
        }
        await walk.ConfirmAsync(county.Id, "1", "2", "9");
        await walk.ConfirmAsync(street.Id, "1", "12");
        await walk.ConfirmAsync(community.Id, "12");
        // During review the hotline's two complaints about the county are verified 属实: counted by the system at every stage.
        await walk.ConfirmedEventsAsync(county, "政务公开", 2, "政务服务窗口推诿", "2023-09-01");
        var confirmed = await walk.ReviewAsync(walk.Reviewer, county.Id, "8", "confirm", 0);
        // 8 建立承诺制度2分 + 落实3分，被投诉1次扣0.5分: 2 + (3 − 1) = 4, the self-score too.
        (confirmed.SelfScore, confirmed.ReviewedScore).ShouldBe((4m, 4m));
        // The town's item 3 goes back; it supplies the villages' education records and resubmits.
        await walk.ReviewAsync(walk.Reviewer, town.Id, "3", "return", 0, reason: "请补充诚信教育进村屯的活动记录", supplementDue: walk.Now.AddDays(5));
        await walk.SaveAsync(town, [("education_in_villages", true)]);
        await walk.EvidenceAsync(town, "3", "进村屯活动记录.txt", "清溪镇诚信教育进村屯活动记录 6 场");
        (await walk.SubmitAsync(town)).State.ShouldBe(SubmissionState.Resubmitted);
        (await walk.ReviewAsync(walk.Reviewer, town.Id, "3", "confirm", 1)).ReviewedScore.ShouldBe(5m);

        var results = await walk.ResultsAsync();
        var c = results.Of(county);
        var t = results.Of(town);
        var s = results.Of(street);
        var k = results.Of(community);
        // 爱辉区: 99 − 3 (14) − 1 (7: 88 is one step below 90 → 3) − 1 (8) = 94; 6 at 95 → 4.
        //   Self: 99 − 3 (14) − 4 (6 not surveyed) − 4 (7 not surveyed) − 1 (8: the two complaints count in the self-score too) = 87.
        (c.Total, c.SelfTotal, c.Grade).ShouldBe((94m, 87m, (string?)null));
        // The explanation names the complaints that cost the points.
        var item8 = t.Items.Single(i => i.ItemId == "8");
        (item8.Score, item8.Explanation.Contains("计入：2023-04-12 12345热线投诉“低保资格审核拖延（第1件）”")).ShouldBe((3.5m, true));
        t.Items.Single(i => i.ItemId == "13").Explanation.ShouldContain("镇政府承诺的道路修缮未兑现");
        serviceComplaints.Count.ShouldBe(3);
        c.Vetoes.ShouldBeEmpty();
        // 清溪镇: 63 + 3 (3 answered: 1 + 3 + 1 = 5) + 3 (6: 86 → 3) + 2 (7: 72.5 is 17.5 below → two steps → 2) = 71; self 66.
        (t.Total, t.SelfTotal).ShouldBe((71m, 66m));
        // 花园街道: 99 − 3 (12) = 96 with 91 and 90 → 4 + 4; self 96 − 8 = 88.
        (s.Total, s.SelfTotal).ShouldBe((96m, 88m));
        // 新兴社区: 99 − 0.5 (1) − 4 (6: 59 is 31 below → four steps → 0) − 3 (16) = 91.5; self 91.5 − 0 − 4 (7 not surveyed) = 87.5.
        (k.Total, k.SelfTotal, k.IsLate).ShouldBe((91.5m, 87.5m, true));
        k.Items.Single(i => i.ItemId == "12").Score.ShouldBe(5m);
        k.Items.Single(i => i.ItemId == "12").Explanation.ShouldNotContain("双公示");
        k.Items.Single(i => i.ItemId == "6").Explanation.ShouldContain("低于 90，每少 10 扣 1 → 0");
        // Each class holds one unit; overall by total 96 > 94 > 91.5 > 71.
        (s.Rank, c.Rank, k.Rank, t.Rank).ShouldBe((1, 2, 3, 4));
        new[] { s.ClassRank, c.ClassRank, k.ClassRank, t.ClassRank }.ShouldAllBe(r => r == 1);

        var snapshot = await walk.PublishAsync();
        snapshot.Units.Select(u => (u.Name, u.SchemeClass, u.Total)).ShouldBe(
            [("花园街道", "street", 96m), ("爱辉区", "county", 94m), ("新兴社区", "community", 91.5m), ("清溪镇", "town", 71m)]);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class HeiheGrassrootsWalkTestsOnSqlite(SqliteApp app) : HeiheGrassrootsWalkTests(app);

[Collection(PostgresCollection.Name)]
public sealed class HeiheGrassrootsWalkTestsOnPostgres(PostgresApp app) : HeiheGrassrootsWalkTests(app);
