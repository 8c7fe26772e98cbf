using System.Net;
using Chengxin.Domain.Campaigns;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Features.Reviews;
using Chengxin.Server.Tests.Infrastructure;
using static Chengxin.Server.Tests.Walkthroughs.Walk;

namespace Chengxin.Server.Tests.Walkthroughs;

/// <summary>
/// Seed 001 (黑市诚信办发〔2023〕20号, heihe-third-party-2023), the fixed range 2022-07-01..2023-06-30, through HTTP only:
/// three invented counties evaluated by an external third-party firm as the campaign's reviewer. 负面舆情 (item 23) is a
/// deduction outside the 100, counted by the platform from the office's monitoring (confirmed opinion naming the county's
/// departments; civil servants confirmed on a list, per the county's population), as item 15 is from the screening of hires.
/// The facts of 市司法局, 市人民法院 and 市财政局 (items 5, 6, 17, 21) are not the county's to give: the firm enters them as
/// reviewer corrections naming the source; the counties' self-scores therefore leave those items out.
/// </summary>
public abstract class HeiheThirdPartyWalkTests(AppFixture app)
{
    private static List<Dictionary<string, object>> Areas(int n) =>
        [.. Enumerable.Range(1, n).Select(i => new Dictionary<string, object> { ["area"] = $"领域{i}", ["link"] = $"https://example.gov.cn/{i}" })];

    /// <summary>A county that meets every item it answers itself (1–4, 7–16, 18–20, 22).</summary>
    private static readonly (string Key, object Value)[] Full =
    [
        ("major_decision_rules", true),                                                             // 1 2
        ("public_participation", true), ("expert_review", true), ("risk_assessment", true),
        ("legality_review", true), ("collective_discussion", true),                                 // 2 每项1分，最高4分: 4
        ("rule_of_law_report", true), ("power_list_published", true),                               // 3 4, 4 4
        ("disclosure_column", true), ("disclosure_guide", true), ("disclosure_catalogue", true),    // 7 6
        ("disclosure_rules_found", true), ("annual_report_found", true),                            // 8 3, 9 4
        ("key_area_disclosures", Areas(9)),                                                         // 10 每个领域1分，最高7分: 7
        ("one_stop_hall", true), ("hall_entry_rate", 95m),                                          // 11 5, 12 5
        ("notification_pledge_rules", true), ("notification_pledge_matters", 12),                   // 13 2 + [10,∞) 3 = 5
        ("graded_supervision_departments", 8),                                                      // 14 每涉及一个部门得1分，最高得7分: 7
        ("integrity_training_departments", 6),                                                      // 15 3 (no dishonest hire), 16 6 × 0.5 = 3
        ("procurement_integrity_rules", true), ("investment_projects", Rows("name", "招商项目", "unfulfilled", 0, 3)), // 18 4, 19 4
        ("tendering_disclosure_system", true),                                                      // 20 4
        ("town_pledge_rate", 100m),                                                                 // 22 4
    ];
    // With the supplied items at their best (5: 5, 6: 5, 17: 4 of its 6, 21: 6) a county so answering gets
    // 依法行政 24 + 政务公开 20 + 勤政高效 22 + 失信惩戒 (3 + 3 + 4) + 守信践诺 22 = 98; on its own facts 98 − 5 − 5 − 4 − 6 = 78.

    /// <summary>甲县: the hand-scored typical county of the domain tests, less the facts the providers and the feed supply.</summary>
    private static readonly (string Key, object Value)[] Typical =
    [
        ("major_decision_rules", true),                                                             // 1 2
        ("public_participation", true), ("expert_review", false), ("risk_assessment", true),
        ("legality_review", true), ("collective_discussion", false),                                // 2 three procedures → 3
        ("rule_of_law_report", false),                                                              // 3 0 (answered later: 4)
        ("power_list_published", true),                                                             // 4 4
        ("disclosure_column", true), ("disclosure_guide", true), ("disclosure_catalogue", false),   // 7 6 − 2 = 4
        ("disclosure_rules_found", true), ("annual_report_found", false),                           // 8 3, 9 0
        ("key_area_disclosures", Areas(5)),                                                         // 10 5
        ("one_stop_hall", true), ("hall_entry_rate", 83.3m),                                        // 11 5, 12 [80,90) → 4
        ("notification_pledge_rules", true), ("notification_pledge_matters", 6),                    // 13 2 + [5,10) 2 = 4
        ("graded_supervision_departments", 3),                                                      // 14 3
        ("integrity_training_departments", 3),                                                      // 15 3 (no dishonest hire), 16 3 × 0.5 = 1.5
        ("procurement_integrity_rules", true),                                                      // 18 4
        ("investment_projects", Rows("name", "招商项目", "unfulfilled", 1, 3)),                     // 19 4 − 1 × 0.5 = 3.5
        ("tendering_disclosure_system", false),                                                     // 20 0
        ("town_pledge_rate", 60m),                                                                  // 22 [50,75) → 2
    ];

    /// <summary>The facts a provider supplies, as the firm enters them: (item, facts, source).</summary>
    private static (string Item, (string Key, object Value)[] Facts, string Source)[] Supplied(decimal correctionRate, decimal lossRate, int newlyListed) =>
    [
        ("5", [("review_correction_rate", correctionRate)], "市司法局提供的行政复议直接纠错率"),
        ("6", [("litigation_loss_rate", lossRate)], "市人民法院提供的行政诉讼败诉率"),
        ("17", [("newly_listed_agencies", newlyListed)], "市人民法院提供的严重违法失信主体名单"),
        ("21", [("statutory_debt_overdue", false), ("debt_info_disclosed", true)], "市财政局提供的政府债务情况"),
    ];

    /// <summary>
    /// 负面舆情 (item 23) from the platform's monitoring: departments of the county named by confirmed 失信违诺 opinion in the period,
    /// and civil servants of the county found, confirmed, on a 失信被执行人 list dated in the period, per its population.
    /// </summary>
    private static async Task<List<string>> MonitorAsync(Walk walk, Member county, int opinionDepartments, int dishonestCivilServants, long population)
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var departments = new List<long>();
        for (var i = 1; i <= opinionDepartments; i++)
            departments.Add((await (await walk.Admin.PostJsonAsync("/api/units",
                new Features.Units.CreateUnitRequest(county.Id, $"{county.Name}部门{i}-{tag}", "OP" + tag + i, "Department", "部门"))).ReadAsync<Features.Units.UnitResponse>()).Id);
        if (departments.Count > 0)
        {
            var opinion = await (await walk.Admin.PostJsonAsync("/api/events", new Features.Events.RecordEventRequest(Domain.Monitoring.EventKind.Opinion,
                "大数据监测", "2022-11-15", $"{county.Name}多个部门拖欠合同款项引发负面舆情", Domain.Monitoring.MonitoringEvents.BrokenPromise, departments)))
                .ReadAsync<Features.Events.EventView>();
            (await walk.Admin.PostJsonAsync($"/api/events/{opinion.Id}/verify", new Features.Events.VerifyEventRequest(true, "经核实属实", opinion.Version)))
                .EnsureSuccessStatusCode();
        }
        (await walk.Admin.PutJsonAsync($"/api/units/{county.Id}/population", new Features.Units.SetUnitPopulationRequest(population))).EnsureSuccessStatusCode();
        var ids = new List<string>();
        var rows = new List<string>();
        for (var i = 1; i <= dishonestCivilServants; i++)
        {
            var id = Monitoring.MonitoringData.IdNumber();
            ids.Add(id);
            // Kept in the register as hired in 2025 (the register keeps a hire to the end of the next year); listed in the period.
            (await walk.Admin.PostJsonAsync("/api/lists/persons", new Features.DishonestLists.AddPersonRequest(county.Id, $"公务员{tag}{i}", id, "调任", "2025-03-01")))
                .EnsureSuccessStatusCode();
            rows.Add($"公务员{tag}{i},{id}");
        }
        if (rows.Count > 0)
        {
            var list = await (await walk.Admin.PostAsync(
                $"/api/lists/snapshots/import?listKind=dishonest-debtor&source={Uri.EscapeDataString("中国执行信息公开网")}&snapshotDate=2022-12-01&fileName=a.csv",
                Monitoring.MonitoringData.Csv("被执行人姓名/名称,身份证号码/组织机构代码\n" + string.Join("\n", rows) + "\n", System.Text.Encoding.UTF8)))
                .ReadAsync<Features.DishonestLists.ListSnapshotView>();
            (await walk.Admin.PostAsync($"/api/lists/snapshots/{list.Id}/screen", null)).EnsureSuccessStatusCode();
        }
        return ids;
    }

    [Fact]
    public async Task Walk_OpenSubmitReviewPublish_ProviderFactsDeductionAndRanksMatchTheArithmetic()
    {
        await using var walk = await StartAsync(app, "heihe-third-party-2023");
        var (firm, firmId) = await walk.FirmAsync("某评估咨询有限公司（第三方）");
        var jia = await walk.UnitAsync("甲县", "County", "县区政府", walk.City);
        var yi = await walk.UnitAsync("乙县", "County", "县区政府", walk.City);
        var bing = await walk.UnitAsync("丙县", "County", "县区政府", walk.City);

        // Open on the seed's range, with the firm as the only reviewer.
        var campaign = await walk.OpenAsync("政务诚信第三方评价（2022年7月—2023年6月）", "2022-07-01..2023-06-30", [jia, yi, bing],
            walk.Now.AddHours(2), [firmId], classMap: new() { ["县区政府"] = "county" });
        campaign.PeriodKey.ShouldBe("2022-07-01..2023-06-30");
        campaign.Reviewers.ShouldHaveSingleItem().UserId.ShouldBe(firmId);
        // Before the review the firm already sees its campaign, and only it.
        (await (await firm.GetAsync("/api/campaigns")).ReadAsync<List<CampaignListItem>>()).Select(c => c.Id).ShouldBe([campaign.Id]);

        var draft = await walk.SaveAsync(jia, Typical);
        // 甲县 self-score: A 2 + 3 + 0 + 4 (5, 6 not its to give) = 9; B 4 + 3 + 0 + 5 = 12; C 5 + 4 + 4 + 3 = 16;
        // D 3 + 1.5 (17 not its) = 4.5; E 4 + 3.5 + 0 + 2 (21 not its) = 9.5 → 51.
        draft.SelfScore.Total.ShouldBe(51m);
        await walk.EvidenceAsync(jia, "10", "重点领域公开链接.txt", "营商环境 https://example.gov.cn/1\n减税降费 https://example.gov.cn/2");
        (await walk.SubmitAsync(jia)).IsLate.ShouldBeFalse();
        await walk.SaveAsync(yi, Full);
        (await walk.SubmitAsync(yi)).IsLate.ShouldBeFalse();
        await walk.SaveAsync(bing, Full);
        walk.Advance(TimeSpan.FromHours(2) + TimeSpan.FromSeconds(1));
        var late = await walk.SubmitAsync(bing);
        (late.IsLate, late.LateBySeconds).ShouldBe((true, 1L));
        await walk.StartReviewAsync();

        // The platform's monitoring gives item 23: 甲县 two departments in confirmed opinion and one dishonest civil servant in
        // 500,000 people (0.2 per 100,000: band 1); 乙县 seven departments and five in 100,000 (band 5); 丙县 none, 300,000 people.
        var jiaListed = await MonitorAsync(walk, jia, 2, 1, 500_000);
        await MonitorAsync(walk, yi, 7, 5, 100_000);
        await MonitorAsync(walk, bing, 0, 0, 300_000);
        // The firm enters what the providers supply.
        foreach (var (unit, supplied) in new[] { (jia, Supplied(15, 0, 1)), (yi, Supplied(0, 25, 0)), (bing, Supplied(0, 0, 0)) })
        {
            foreach (var (item, facts, source) in supplied)
                (await walk.ReviewAsync(firm, unit.Id, item, "correct", 0, facts, source)).State.ShouldBe(ItemReviewState.Corrected);
        }
        foreach (var unit in new[] { jia, yi, bing })
            foreach (var item in new[] { "1", "2", "4" })
                (await walk.ReviewAsync(firm, unit.Id, item, "confirm", 0)).State.ShouldBe(ItemReviewState.Confirmed);
        // One of 丙县's own answers corrected: only four departments' training records hold up.
        var training = await walk.ReviewAsync(firm, bing.Id, "16", "correct", 0, [("integrity_training_departments", 4)],
            "核查培训签到表与课件，仅 4 个部门开展了公务员诚信培训");
        // 16 每个部门得0.5分，最高3分: self 6 × 0.5 = 3; reviewed 4 × 0.5 = 2.
        (training.SelfScore, training.ReviewedScore).ShouldBe((3m, 2m));
        // 甲县's item 3 goes back for the report; it publishes the link and resubmits.
        await walk.ReviewAsync(firm, jia.Id, "3", "return", 0, reason: "请提供法治政府建设年度报告的发布链接", supplementDue: walk.Now.AddDays(3));
        await walk.SaveAsync(jia, [("rule_of_law_report", true)]);
        await walk.EvidenceAsync(jia, "3", "法治政府建设报告链接.txt", "https://example.gov.cn/fzzf/2022");
        (await walk.SubmitAsync(jia)).State.ShouldBe(SubmissionState.Resubmitted);
        (await walk.ReviewAsync(firm, jia.Id, "3", "confirm", 1)).ReviewedScore.ShouldBe(4m);

        // The firm reads the results of its campaign (reviewers hold results:read).
        var results = await (await firm.GetAsync($"/api/campaigns/{campaign.Id}/results")).ReadAsync<Features.Results.CampaignResultView>();
        var j = results.Of(jia);
        var y = results.Of(yi);
        var b = results.Of(bing);
        // 甲县: 依法行政 2 + 3 + 4 + 4 + (5: 15% in (10,20] → 4) + (6: 0% → 5) = 22; 政务公开 4 + 3 + 0 + 5 = 12;
        //   勤政高效 5 + 4 + 4 + 3 = 16; 失信惩戒 3 + 1.5 + (17: 4 − 1 = 3) = 7.5; 守信践诺 4 + 3.5 + 0 + (21: 2 + 4 = 6) + 2 = 15.5;
        //   扣分项目 负面舆情 −2 (two departments) − 1 (grade 1) = −3 → 22 + 12 + 16 + 7.5 + 15.5 − 3 = 70.
        //   Self: 51 + 4 (3 answered) − 3 (the platform's deduction counts in the self-score too) = 52.
        (j.Total, j.SelfTotal, j.Grade).ShouldBe((70m, 52m, (string?)null));
        // The explanation names what was counted, the civil servant's id number masked.
        var jiaOpinion = j.Items.Single(i => i.ItemId == "23").Explanation;
        jiaOpinion.ShouldContain(Monitoring.MonitoringData.Masked(jiaListed[0])[..4]);
        jiaOpinion.ShouldContain(jiaListed[0][^4..]);
        jiaOpinion.ShouldNotContain(jiaListed[0]);
        jiaOpinion.ShouldContain("第 1 档");
        j.Items.Single(i => i.ItemId == "5").Explanation.ShouldContain("按直接纠错率区间计分");
        // 乙县: every item but 6 (25% in (20,30] → 3) and 17 (4 of its 6, the most the rule gives) at the maximum:
        //   (24 − 2) + 20 + 22 + (3 + 3 + 4) + 22 = 96; 负面舆情 7 departments × 1 → 最多扣5分, grade 6 × 1 → 最多扣5分: 96 − 10 = 86.
        //   Self: 98 − 5 − 5 − 4 − 6 = 78 (items 5, 6, 17, 21 are the firm's entries) less the platform's deduction: 68.
        (y.Total, y.SelfTotal).ShouldBe((86m, 68m));
        var opinion = y.Items.Single(i => i.ItemId == "23");
        (opinion.Score, opinion.SelfScore).ShouldBe((0m, 0m));
        opinion.Explanation.ShouldContain("倒扣 10 分");
        // 丙县: 98 (every item, 17 at 4) − 1 (16 at 2) = 97, no deduction; self 98 − (5 + 5 + 4 + 6) = 78; late.
        (b.Total, b.SelfTotal, b.IsLate).ShouldBe((97m, 78m, true));
        (b.Rank, y.Rank, j.Rank).ShouldBe((1, 2, 3));
        (b.ClassRank, y.ClassRank, j.ClassRank).ShouldBe((1, 2, 3));

        var snapshot = await walk.PublishAsync();
        snapshot.PeriodLabel.ShouldBe(campaign.PeriodLabel);
        snapshot.Units.Select(u => (u.Name, u.Total)).ShouldBe([("丙县", 97m), ("乙县", 86m), ("甲县", 70m)]);
    }

    [Fact]
    public async Task Review_SecondReviewerOnAStaleVersion_Gets409_AndAFirmNotAssignedGets404()
    {
        await using var walk = await StartAsync(app, "heihe-third-party-2023");
        var (firm, firmId) = await walk.FirmAsync("甲评估公司（本批次）");
        var (otherFirm, _) = await walk.FirmAsync("乙评估公司（未委托）");
        var county = await walk.UnitAsync("丁县", "County", "县区政府", walk.City);
        var campaign = await walk.OpenAsync("第三方评价（冲突与委托）", "2022-07-01..2023-06-30", [county], walk.Now.AddDays(1),
            [firmId, walk.ReviewerId], classMap: new() { ["县区政府"] = "county" });
        await walk.SaveAsync(county, [("power_list_published", true)]);
        await walk.SubmitAsync(county);
        await walk.StartReviewAsync();

        // Both reviewers open item 4 at version 0; the firm confirms first.
        var before = await (await walk.Reviewer.GetAsync($"{walk.SubmissionUrl(county.Id)}/items/4/review")).ReadAsync<ItemReviewView>();
        before.Version.ShouldBe(0);
        (await walk.ReviewAsync(firm, county.Id, "4", "confirm", 0)).Version.ShouldBe(1);
        // The office reviewer's correction on the version it read is a conflict, and the firm's verdict stands.
        var conflict = await (await walk.ReviewRawAsync(walk.Reviewer, county.Id, "4", "correct", before.Version,
            [("power_list_published", false)], "清单未在政府网站发布")).ProblemAsync(HttpStatusCode.Conflict);
        conflict.GetProperty("detail").GetString()!.ShouldContain("已被其他评审员更新");
        var after = await (await walk.Reviewer.GetAsync($"{walk.SubmissionUrl(county.Id)}/items/4/review")).ReadAsync<ItemReviewView>();
        (after.State, after.Version, after.ReviewedScore).ShouldBe((ItemReviewState.Confirmed, 1L, 4m));
        after.ReviewerName.ShouldNotBeNull().ShouldContain("甲评估公司");
        // Read again, the office reviewer may decide on version 1.
        (await walk.ReviewAsync(walk.Reviewer, county.Id, "4", "confirm", 1)).Version.ShouldBe(2);

        // A firm the campaign did not assign reaches none of it: not the campaign, the submission, the review or the results.
        await (await otherFirm.GetAsync($"/api/campaigns/{campaign.Id}")).ProblemAsync(HttpStatusCode.NotFound);
        (await (await otherFirm.GetAsync("/api/campaigns")).ReadAsync<List<CampaignListItem>>()).ShouldBeEmpty();
        await (await otherFirm.GetAsync(walk.SubmissionUrl(county.Id))).ProblemAsync(HttpStatusCode.NotFound);
        await (await walk.ReviewRawAsync(otherFirm, county.Id, "4", "confirm", 2)).ProblemAsync(HttpStatusCode.NotFound);
        await (await otherFirm.GetAsync($"/api/campaigns/{campaign.Id}/results")).ProblemAsync(HttpStatusCode.NotFound);
        var unchanged = await (await walk.Reviewer.GetAsync($"{walk.SubmissionUrl(county.Id)}/items/4/review")).ReadAsync<ItemReviewView>();
        unchanged.Version.ShouldBe(2);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class HeiheThirdPartyWalkTestsOnSqlite(SqliteApp app) : HeiheThirdPartyWalkTests(app);

[Collection(PostgresCollection.Name)]
public sealed class HeiheThirdPartyWalkTestsOnPostgres(PostgresApp app) : HeiheThirdPartyWalkTests(app);
