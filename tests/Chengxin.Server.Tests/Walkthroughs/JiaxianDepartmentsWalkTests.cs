using System.Net;
using System.Text;
using Chengxin.Domain.Campaigns;
using Chengxin.Server.Features.Reviews;
using Chengxin.Server.Features.Submissions;
using Chengxin.Server.Tests.Infrastructure;

namespace Chengxin.Server.Tests.Walkthroughs;

/// <summary>
/// Seed 004 附件1 (郏信用办〔2022〕4号, jiaxian-departments-2022), one quarter, through HTTP only: three invented 县直单位,
/// one of them late; a reviewer confirms, corrects a platform statistic and returns the credit-loan growth for supplement;
/// results with the bonus beyond the 95 base points (cap 5), the grades 优秀/良好/合格/不合格 and 得分=7×增速 capped at 7.
/// </summary>
public abstract class JiaxianDepartmentsWalkTests(AppFixture app)
{
    /// <summary>A department in the middle of the field (the hand-scored 县甲局 of the domain tests).</summary>
    private static readonly (string Key, object Value)[] Middling =
    [
        ("leader_assigned", true), ("lead_office_assigned", true), ("liaison_assigned", true), ("dedicated_computer", true),
        ("dedicated_printer", true), ("work_rules", true),                                       // 1.1 成立得5分，缺一项扣1分: 六项齐全 5
        ("other_credit_info_missed_or_wrong", 0),                                                // 2.2 7.5
        ("credit_loan_growth", 0.25m),                                                           // 3.1.1 7 × 0.25 = 1.75 (answered later: 0.4)
        ("bank_enterprise_events", 3),                                                           // 3.1.2 每次1分: 3
        ("xinyidai_firms_approved", 4),                                                          // 3.1.3 每家0.5分: 2
        ("credit_product_measures_issued", true),                                                // 3.2 2
        ("licensing_pledge_compiled", true), ("credit_product_uses", 5),                         // 3.3 0.5 + 5 × 0.5 = 3
        ("scenarios_with_results", 2), ("scenarios_notice_only", 1),                             // 3.4 2 × 2 + 1 × 1 = 5
        ("publicity_activities", 6),                                                             // 4.1 6 × 0.5 = 3
        ("reports_on_time", 10),                                                                 // 4.2 10 × 0.5 = 5
        ("joint_punishment_target", false),                                                      // 5.1 2 (not on the list)
        ("arrears_to_smes", false),                                                              // 5.2 2
        ("service_commitments_published", true), ("integrity_service_pledge_signed", true),
        ("complaints_accepted_and_rectified", false),                                            // 5.3 1 + 1 = 2
        ("dishonesty_governance_document", true), ("dishonesty_governance_results", false),      // 5.4 文件1分 = 1
        ("pledge_type_approval_substitute", true), ("pledge_type_tolerant_acceptance", true),
        ("pledge_type_certificate_substitute", true), ("pledge_type_credit_repair", false),
        ("pledge_type_self_discipline", true), ("pledge_type_public_disclosure", false),         // 6.1 4 × 0.5 = 2
        ("supervision_rules_issued", true), ("evaluation_method_issued", true),
        ("tiered_supervision_cases", 1),                                                         // 6.2 2 + 2 + 4 × 1 = 8
        ("joint_incentive_punishment_document", true), ("joint_incentive_punishment_cases", 2),  // 6.3 2 + 2 × 1 = 4
        ("innovations_recognised", 2),                                                           // 7.1 附加分 每次1分: 2
    ];

    /// <summary>A strong department listed as a dishonest debtor (loses 5.1, no veto: the seed has none); the listing is a confirmed hit, not typed.</summary>
    private static readonly (string Key, object Value)[] Strong =
    [
        ("leader_assigned", true), ("lead_office_assigned", true), ("liaison_assigned", true), ("dedicated_computer", true),
        ("dedicated_printer", true), ("work_rules", true),                                       // 1.1 5
        ("other_credit_info_missed_or_wrong", 1),                                                // 2.2 7.5 − 0.5 = 7 (reviewer: 2 → 6.5)
        ("credit_loan_growth", 0.5m),                                                            // 3.1.1 7 × 0.5 = 3.5
        ("bank_enterprise_events", 5),                                                           // 3.1.2 5
        ("xinyidai_firms_approved", 12),                                                         // 3.1.3 12 × 0.5 = 6 → 最高 5
        ("credit_product_measures_issued", true),                                                // 3.2 2
        ("licensing_pledge_compiled", true), ("credit_product_uses", 11),                        // 3.3 0.5 + 5.5 = 6
        ("scenarios_with_results", 5), ("scenarios_notice_only", 0),                             // 3.4 5 × 2 = 10
        ("publicity_activities", 10),                                                            // 4.1 5
        ("reports_on_time", 8),                                                                  // 4.2 4
        ("joint_punishment_target", false),                                                      // 5.1 被列入的扣2分 → 0 (a confirmed list hit)
        ("arrears_to_smes", false),                                                              // 5.2 2
        ("service_commitments_published", true), ("integrity_service_pledge_signed", true),
        ("complaints_accepted_and_rectified", true),                                             // 5.3 3
        ("dishonesty_governance_document", true), ("dishonesty_governance_results", true),       // 5.4 1 + 2 = 3
        ("pledge_type_approval_substitute", true), ("pledge_type_tolerant_acceptance", true),
        ("pledge_type_certificate_substitute", true), ("pledge_type_credit_repair", true),
        ("pledge_type_self_discipline", true), ("pledge_type_public_disclosure", true),          // 6.1 6 × 0.5 = 3
        ("supervision_rules_issued", true), ("evaluation_method_issued", true),
        ("tiered_supervision_cases", 2),                                                         // 6.2 2 + 2 + 8 = 12
        ("joint_incentive_punishment_document", true), ("joint_incentive_punishment_cases", 1),  // 6.3 2 + 1 = 3
        ("innovations_recognised", 4),                                                           // 7.1 附加分 4
    ];

    /// <summary>A department that earns every base point; its growth and its innovations go past their caps.</summary>
    private static readonly (string Key, object Value)[] Excellent =
    [
        ("leader_assigned", true), ("lead_office_assigned", true), ("liaison_assigned", true), ("dedicated_computer", true),
        ("dedicated_printer", true), ("work_rules", true),                                       // 1.1 5
        ("other_credit_info_missed_or_wrong", 0),                                                // 2.2 7.5
        ("credit_loan_growth", 1.2m),                                                            // 3.1.1 7 × 1.2 = 8.4 → 最多得7分: 7
        ("bank_enterprise_events", 6),                                                           // 3.1.2 6 → 最高 5
        ("xinyidai_firms_approved", 10),                                                         // 3.1.3 10 × 0.5 = 5
        ("credit_product_measures_issued", true),                                                // 3.2 2
        ("licensing_pledge_compiled", true), ("credit_product_uses", 11),                        // 3.3 6
        ("scenarios_with_results", 5), ("scenarios_notice_only", 0),                             // 3.4 10
        ("publicity_activities", 10), ("reports_on_time", 10),                                   // 4.1 5, 4.2 5
        ("joint_punishment_target", false),                                                      // 5.1 2 (not on the list)
        ("arrears_to_smes", false),                                                              // 5.2 2
        ("service_commitments_published", true), ("integrity_service_pledge_signed", true),
        ("complaints_accepted_and_rectified", true),                                             // 5.3 3
        ("dishonesty_governance_document", true), ("dishonesty_governance_results", true),       // 5.4 3
        ("pledge_type_approval_substitute", true), ("pledge_type_tolerant_acceptance", true),
        ("pledge_type_certificate_substitute", true), ("pledge_type_credit_repair", true),
        ("pledge_type_self_discipline", true), ("pledge_type_public_disclosure", true),          // 6.1 3
        ("supervision_rules_issued", true), ("evaluation_method_issued", true),
        ("tiered_supervision_cases", 2),                                                         // 6.2 12
        ("joint_incentive_punishment_document", true), ("joint_incentive_punishment_cases", 3),  // 6.3 5
        ("innovations_recognised", 7),                                                           // 7.1 每次1分，满分5分: 7 → 5
    ];

    [Fact]
    public async Task Walk_OpenSubmitReviewPublish_TotalsGradesAndRanksMatchTheArithmetic()
    {
        await using var walk = await Walk.StartAsync(app, "jiaxian-departments-2022");
        var bureauA = await walk.UnitAsync("县甲局", "Department", "县直单位");
        var bureauB = await walk.UnitAsync("县乙局", "Department", "县直单位");
        var bureauC = await walk.UnitAsync("县丙局", "Department", "县直单位");

        // Open: the second quarter of 2022; evidence due two hours from now; 县直单位 maps by name to the class dept.
        var campaign = await walk.OpenAsync("2022年第二季度县直单位信用体系建设考核", "2022Q2", [bureauA, bureauB, bureauC],
            walk.Now.AddHours(2), [walk.ReviewerId]);
        campaign.PeriodLabel.ShouldBe("2022年第二季度");
        campaign.Units.Select(u => u.SchemeClass).ShouldBe(["dept", "dept", "dept"]);

        // 2.1 is 信用办平台统计资料: the platform counts it from the 双公示 records the office collected for the quarter, nobody
        // types it. 县甲局 reported three of its five records after 7 working days (2.1: 7.5 − 3 × 0.5 = 6); the others were on time.
        var tag = Guid.NewGuid().ToString("N")[..8];
        var code = (await (await walk.Admin.GetAsync($"/api/units/{bureauA.Id}")).ReadAsync<Features.Units.UnitResponse>()).Code!;
        var subject = Disclosures.DisclosureIntakeTests.CreditCode("91410425MA40000H1");
        string Record(int n, string decided, string reported) =>
            $"郏县某某公司{n},{subject},,郏许〔2022〕{tag}-{n}号,{decided},{reported},县行政审批局,{code},行政许可";
        // 2022-04-29 (Fri) + 7 working days over the 劳动节 holiday (04-30..05-04) and its 调休 Saturday 05-07: due 2022-05-12.
        var upload = await Disclosures.DisclosureIntakeTests.UploadAsync(walk.Admin, Encoding.UTF8.GetBytes(string.Join("\r\n",
            "行政相对人名称,统一社会信用代码,证件号码,决定文书号,决定日期,上报日期,许可机关,数据来源单位,信息类别",
            Record(1, "2022-04-29", "2022-05-11"), Record(2, "2022-04-29", "2022-05-13"), Record(3, "2022-06-01", "2022-06-20"),
            Record(4, "2022-05-10", "2022-05-11"), Record(5, "2022-06-10", "2022-06-30"))), "县甲局二季度双公示.csv");
        upload.Upload.Stored.ShouldBe(5);

        // 5.1 「本单位被列入失信被执行人……」 is checked on 中国执行信息公开网: the office imports the quarter's list, on which 县乙局
        // stands by name only; screening makes it a candidate, and the office confirms it with its reason. Nobody types the fact.
        var list = await (await walk.Admin.PostAsync(
            $"/api/lists/snapshots/import?listKind=dishonest-debtor&source={Uri.EscapeDataString("中国执行信息公开网")}&snapshotDate=2022-05-20&fileName=a.csv",
            Monitoring.MonitoringData.Csv("被执行人姓名/名称\n县乙局\n", Encoding.UTF8))).ReadAsync<Features.DishonestLists.ListSnapshotView>();
        var candidate = (await (await walk.Admin.PostAsync($"/api/lists/snapshots/{list.Id}/screen", null))
            .ReadAsync<Features.DishonestLists.ScreeningResult>()).New.Single(h => h.UnitId == bureauB.Id);
        candidate.StateName.ShouldBe("待确认");
        await (await walk.Admin.PostJsonAsync($"/api/lists/hits/{candidate.Id}/confirm",
            new Features.DishonestLists.DecideHitRequest("与执行信息公开网核对，名称与代码均为县乙局", 0))).ReadAsync<Features.DishonestLists.ScreeningHitView>();

        // Collect: each liaison saves its own facts item by item, with evidence; two submit on time.
        var draft = await walk.SaveAsync(bureauA, Middling);
        draft.State.ShouldBe(SubmissionState.Draft);
        // The live self-score: 5 + 13.5 + 16.75 + 8 + 7 + 14 = 64.25, + 附加分 2 = 66.25.
        draft.SelfScore.Total.ShouldBe(66.25m);
        await walk.EvidenceAsync(bureauA, "1.1", "领导小组文件.txt", "县甲局社会信用体系建设领导小组成立文件");
        (await walk.SubmitAsync(bureauA)).IsLate.ShouldBeFalse();
        await walk.SaveAsync(bureauB, Strong);
        await walk.EvidenceAsync(bureauB, "3.4", "应用场景成效.txt", "信易租、信易游等5个场景的成效证明");
        (await walk.SubmitAsync(bureauB)).IsLate.ShouldBeFalse();
        // A liaison reaches neither another unit's submission nor the results before publication.
        await (await bureauA.Liaison.GetAsync(walk.SubmissionUrl(bureauB.Id))).ProblemAsync(HttpStatusCode.NotFound);
        (await bureauA.Liaison.GetAsync($"/api/campaigns/{campaign.Id}/results")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // The third department saves in time but submits three hours after it started, an hour past the deadline.
        await walk.SaveAsync(bureauC, Excellent);
        walk.Advance(TimeSpan.FromHours(3));
        var late = await walk.SubmitAsync(bureauC);
        (late.IsLate, late.LateBySeconds).ShouldBe((true, 3600L));
        await walk.StartReviewAsync();

        // Review: confirm some items; correct one platform statistic with its reason.
        await walk.ConfirmAsync(bureauA.Id, "1.1", "2.1");
        await walk.ConfirmAsync(bureauB.Id, "1.1", "3.4");
        await walk.ConfirmAsync(bureauC.Id, "3.1.1", "7.1");
        var corrected = await walk.ReviewAsync(walk.Reviewer, bureauB.Id, "2.2", "correct", 0,
            [("other_credit_info_missed_or_wrong", 2)], "信用平台统计本季度漏报行政奖励信息 2 条，报送只列 1 条");
        // 2.2 漏报、错报每条扣0.5分: unit 7.5 − 0.5 = 7; reviewed 7.5 − 2 × 0.5 = 6.5.
        (corrected.State, corrected.SelfScore, corrected.ReviewedScore).ShouldBe((ItemReviewState.Corrected, 7m, 6.5m));

        // Return 3.1.1 to 县甲局 for the 人行 statistics; the liaison answers with the confirmed growth and resubmits.
        var returned = await walk.ReviewAsync(walk.Reviewer, bureauA.Id, "3.1.1", "return", 0, reason: "请补充人行出具的信用贷款规模统计表",
            supplementDue: walk.Now.AddDays(3));
        returned.State.ShouldBe(ItemReviewState.Returned);
        var seen = await (await bureauA.Liaison.GetAsync(walk.SubmissionUrl(bureauA.Id))).ReadAsync<SubmissionResponse>();
        seen.State.ShouldBe(SubmissionState.Returned);
        seen.ReturnReason!.ShouldContain("请补充人行出具的信用贷款规模统计表");
        await walk.SaveAsync(bureauA, [("credit_loan_growth", 0.4m)]);
        await walk.EvidenceAsync(bureauA, "3.1.1", "信用贷款统计.txt", "人行郏县支行：县甲局牵头领域信用贷款余额同比增长40%");
        var answered = await walk.SubmitAsync(bureauA);
        (answered.State, answered.IsLate, answered.Round).ShouldBe((SubmissionState.Resubmitted, false, 2));
        var awaiting = await (await walk.Reviewer.GetAsync($"{walk.SubmissionUrl(bureauA.Id)}/items/3.1.1/review")).ReadAsync<ItemReviewView>();
        // A returned item awaits its answer rather than going stale; the answer is a newer facts version than the one returned.
        (awaiting.State, awaiting.IsStale, awaiting.Version, awaiting.CurrentFactsVersion > awaiting.FactsVersionSeen).ShouldBe((ItemReviewState.Returned, false, 1L, true));
        var reconfirmed = await walk.ReviewAsync(walk.Reviewer, bureauA.Id, "3.1.1", "confirm", 1);
        // 得分=7×增速: 7 × 0.4 = 2.8.
        (reconfirmed.State, reconfirmed.IsStale, reconfirmed.ReviewedScore).ShouldBe((ItemReviewState.Confirmed, false, 2.8m));

        var results = await walk.ResultsAsync();
        var a = results.Of(bureauA);
        var b = results.Of(bureauB);
        var c = results.Of(bureauC);
        // 县甲局: 一 5; 二 6 + 7.5 = 13.5; 三 2.8 + 3 + 2 + 2 + 3 + 5 = 17.8; 四 3 + 5 = 8; 五 2 + 2 + 2 + 1 = 7; 六 2 + 8 + 4 = 14
        //   base 5 + 13.5 + 17.8 + 8 + 7 + 14 = 65.3; bonus 2; total 67.3 → 合格 (60 ≤ 67.3 < 80). Its own answer is its self-score too.
        (a.Base, a.Bonus, a.Total, a.Grade, a.SelfTotal).ShouldBe((65.3m, 2m, 67.3m, "合格", 67.3m));
        // 县乙局: 一 5; 二 7.5 + 6.5 = 14; 三 3.5 + 5 + 5 + 2 + 6 + 10 = 31.5; 四 5 + 4 = 9; 五 0 + 2 + 3 + 3 = 8; 六 3 + 12 + 3 = 18
        //   base 5 + 14 + 31.5 + 9 + 8 + 18 = 85.5; bonus 4; total 89.5 → 良好 (80 ≤ 89.5 < 90, 不含本数).
        //   Self-assessed with 2.2 at 7: 86 + 4 = 90 → it would have been 优秀.
        (b.Base, b.Bonus, b.Total, b.Grade, b.SelfTotal).ShouldBe((85.5m, 4m, 89.5m, "良好", 90m));
        b.Vetoes.ShouldBeEmpty();
        b.Items.Single(i => i.ItemId == "2.2").ShouldSatisfyAllConditions(i => i.Score.ShouldBe(6.5m), i => i.SelfScore.ShouldBe(7m));
        // 5.1 names the confirmed hit that cost the two points; the others, on no list, keep them.
        b.Items.Single(i => i.ItemId == "5.1").ShouldSatisfyAllConditions(i => i.Score.ShouldBe(0m),
            i => i.Explanation.ShouldContain("2022-05-20 中国执行信息公开网失信被执行人名单“县乙局”"));
        (a.Items.Single(i => i.ItemId == "5.1").Score, c.Items.Single(i => i.ItemId == "5.1").Score).ShouldBe((2m, 2m));
        // 县丙局: 5 + 15 + (7 + 5 + 5 + 2 + 6 + 10) + 10 + 10 + (3 + 12 + 5) = 95, every base point;
        //   7.1 gives 7 × 1 → 满分5分 = 5 in the bonus (cap 5): 95 + 5 = 100 → 优秀; late, and recorded so.
        (c.Base, c.Bonus, c.Total, c.Grade, c.IsLate).ShouldBe((95m, 5m, 100m, "优秀", true));
        var growth = c.Items.Single(i => i.ItemId == "3.1.1");
        growth.Score.ShouldBe(7m);
        growth.Explanation.ShouldContain("得分=7×增速（增速按小数计），最多得7分");
        a.Items.Single(i => i.ItemId == "3.1.1").Score.ShouldBe(2.8m);
        // Ranks: 100 > 89.5 > 67.3, overall and within the one class.
        (c.Rank, b.Rank, a.Rank).ShouldBe((1, 2, 3));
        (c.ClassRank, b.ClassRank, a.ClassRank).ShouldBe((1, 2, 3));
        a.Explanation.ShouldBe("基础得分 65.3（适用满分 95）；附加分 2；总分 67.3；等次 合格");
        a.Items.Single(i => i.ItemId == "7.1").Explanation.ShouldContain("附加分");
        var dual = a.Items.Single(i => i.ItemId == "2.1");
        dual.Score.ShouldBe(6m);
        dual.Explanation.ShouldContain($"计扣记录：迟报 郏许〔2022〕{tag}-2号（应于 2022-05-12 前报送，2022-05-13 报送）、郏许〔2022〕{tag}-3号");
        var drill = await (await walk.Admin.GetAsync($"/api/disclosures/records?unitId={bureauA.Id}&from=2022-04-01&to=2022-06-30"))
            .ReadAsync<Features.Disclosures.DisclosureRecordsView>();
        drill.Records.Where(r => r.Standing == "迟报").Select(r => r.DecisionNumber).ShouldBe([$"郏许〔2022〕{tag}-2号", $"郏许〔2022〕{tag}-3号", $"郏许〔2022〕{tag}-5号"]);

        var snapshot = await walk.PublishAsync();
        snapshot.Units.Select(u => (u.Name, u.Total, u.Grade, u.Rank)).ShouldBe([("县丙局", 100m, "优秀", 1), ("县乙局", 89.5m, "良好", 2), ("县甲局", 67.3m, "合格", 3)]);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class JiaxianDepartmentsWalkTestsOnSqlite(SqliteApp app) : JiaxianDepartmentsWalkTests(app);

[Collection(PostgresCollection.Name)]
public sealed class JiaxianDepartmentsWalkTestsOnPostgres(PostgresApp app) : JiaxianDepartmentsWalkTests(app);
