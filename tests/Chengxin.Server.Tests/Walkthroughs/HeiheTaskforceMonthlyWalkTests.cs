using Chengxin.Domain.Campaigns;
using Chengxin.Server.Tests.Infrastructure;
using static Chengxin.Server.Tests.Walkthroughs.Walk;

namespace Chengxin.Server.Tests.Walkthroughs;

/// <summary>
/// Seed 003 附件2 二(一) 月度考评 (heihe-taskforce-monthly-2022), May 2022, through HTTP only: three invented county task
/// forces self-assess; the city task force (the reviewer) records a spot-check finding and returns one ledger; the late
/// self-assessment report is the platform's own record (item 2.1 reads it through the system:late-or-missing-reports supplier). 工作完成情况 splits its 40 points over the month's ledger; the month's total is × 70 %.
/// </summary>
public abstract class HeiheTaskforceMonthlyWalkTests(AppFixture app)
{
    /// <summary>Information reports: rows marked 高质量 and/or 被编发采用 by the city task force.</summary>
    private static List<Dictionary<string, object>> Info(int highQualityOnly, int adoptedOnly, int both, int neither) =>
    [
        .. Enumerable.Range(1, highQualityOnly).Select(i => Report($"高质量信息{i}", true, false)),
        .. Enumerable.Range(1, adoptedOnly).Select(i => Report($"采用信息{i}", false, true)),
        .. Enumerable.Range(1, both).Select(i => Report($"高质量并采用{i}", true, true)),
        .. Enumerable.Range(1, neither).Select(i => Report($"一般信息{i}", false, false)),
    ];

    private static Dictionary<string, object> Report(string title, bool highQuality, bool adopted) =>
        new() { ["title"] = title, ["high_quality"] = highQuality, ["adopted"] = adopted };

    /// <summary>爱辉区: 8 measures, 6 done; the city task force later finds one of the six not done.</summary>
    private static readonly (string Key, object Value)[] Aihui =
    [
        ("measures", Rows("name", "措施", "done", 6, 2)), ("spot_unfinished", 0),          // 1 40 × 6 / 8 = 30 (reviewer: 1 found → − 40 × 1 / 8 = −5 → 25)
        // 2(1) 5: no late or missing report on record (system:late-or-missing-reports)
        ("info_reports", Info(3, 0, 1, 2)),                                                // 2(2) 高质量 4 → 最多 3; 采用 1 → 1: 4
        ("added_tasks", Rows("name", "新增任务", "approved", 2)),                           // 3 2 + 1 + 0 = 3
        ("raised_targets", Rows("name", "调高指标", "approved", 1)),
        ("local_firsts", Rows("name", "首创举措", "approved", 0, 1)),
    ];

    /// <summary>北安市: every measure done and the adjustments past their 20; its self-assessment report comes in late.</summary>
    private static readonly (string Key, object Value)[] BeianFacts =
    [
        ("measures", Rows("name", "措施", "done", 12)), ("spot_unfinished", 0),           // 1 全部按计划完成 40
        // 2(1) 5 − 1 = 4: its submission is on record as 迟报 (system:late-or-missing-reports)
        ("info_reports", Info(1, 0, 2, 0)),                                                // 2(2) 高质量 3 → 3; 采用 2 → 2: 5
        ("added_tasks", Rows("name", "新增任务", "approved", 12)),                          // 3 12 + 9 + 1 = 22 → 20
        ("raised_targets", Rows("name", "调高指标", "approved", 9)),
        ("local_firsts", Rows("name", "首创举措", "approved", 1)),
    ];

    /// <summary>逊克县: 4 measures of which 1 marked done; its ledger is returned and a second measure proven done.</summary>
    private static readonly (string Key, object Value)[] Xunke =
    [
        ("measures", Rows("name", "措施", "done", 1, 3)), ("spot_unfinished", 0),         // 1 40 × 1 / 4 = 10 (answered: 2 of 4 → 20)
        // 2(1) 5: the resubmission answers the return in time
        ("info_reports", Info(0, 0, 0, 3)),                                                // 2(2) 0
        ("added_tasks", Rows("name", "新增任务", "approved", 0)),                           // 3 0 + 0 + 1 = 1
        ("raised_targets", Rows("name", "调高指标", "approved", 0)),
        ("local_firsts", Rows("name", "首创举措", "approved", 1)),
    ];

    [Fact]
    public async Task Walk_OpenSubmitReviewPublish_SplitScaleAndRanksMatchTheArithmetic()
    {
        await using var walk = await StartAsync(app, "heihe-taskforce-monthly-2022");
        var aihui = await walk.UnitAsync("爱辉区专班", "County", "县区政府", walk.City);
        var beian = await walk.UnitAsync("北安市专班", "County", "县区政府", walk.City);
        var xunke = await walk.UnitAsync("逊克县专班", "County", "县区政府", walk.City);

        var campaign = await walk.OpenAsync("2022年5月政务守信践诺工作月度考评", "2022-05", [aihui, beian, xunke], walk.Now.AddHours(2),
            [walk.ReviewerId], classMap: new() { ["县区政府"] = "county" });
        campaign.PeriodLabel.ShouldBe("2022年5月");

        var draft = await walk.SaveAsync(aihui, Aihui);
        // Self-assessed: 30 + 5 + 4 + 3 = 42; × 70% = 29.4.
        draft.SelfScore.Total.ShouldBe(29.4m);
        await walk.EvidenceAsync(aihui, "1.1", "月度工作台账.csv", "工作措施项目,是否完成\n措施1,是\n措施7,否\n");
        (await walk.SubmitAsync(aihui)).IsLate.ShouldBeFalse();
        await walk.SaveAsync(xunke, Xunke);
        (await walk.SubmitAsync(xunke)).IsLate.ShouldBeFalse();
        await walk.SaveAsync(beian, BeianFacts);
        walk.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(30));
        var late = await walk.SubmitAsync(beian);
        (late.IsLate, late.LateBySeconds).ShouldBe((true, 1800L));
        await walk.StartReviewAsync();

        await walk.ConfirmAsync(aihui.Id, "2.1", "2.2", "3.1");
        await walk.ConfirmAsync(beian.Id, "1.1", "2.2", "3.1");
        // 减分项: the spot check finds one of 爱辉区's six "done" measures unfinished.
        var spot = await walk.ReviewAsync(walk.Reviewer, aihui.Id, "1.1", "correct", 0, [("spot_unfinished", 1)], "抽查验证发现措施3未按计划完成");
        (spot.SelfScore, spot.ReviewedScore).ShouldBe((30m, 25m));
        // The late self-assessment report is a 迟报 on the platform's record, which item 2.1 deducts; nobody enters it.
        (await walk.ReviewRawAsync(walk.Reviewer, beian.Id, "2.1", "correct", 0, [("late_or_missing_reports", 0)], "改为按时"))
            .StatusCode.ShouldBe(System.Net.HttpStatusCode.BadRequest);
        var lateReport = await walk.ReviewAsync(walk.Reviewer, beian.Id, "2.1", "confirm", 0);
        (lateReport.SelfScore, lateReport.ReviewedScore).ShouldBe((4m, 4m));
        // 逊克县's ledger goes back for proof; it proves a second measure done and resubmits.
        await walk.ReviewAsync(walk.Reviewer, xunke.Id, "1.1", "return", 0, reason: "请逐项补充措施完成情况的佐证材料", supplementDue: walk.Now.AddDays(2));
        await walk.SaveAsync(xunke, [("measures", Rows("name", "措施", "done", 2, 2))]);
        await walk.EvidenceAsync(xunke, "1.1", "措施2佐证.txt", "措施2已于5月25日按计划完成，附验收简报");
        (await walk.SubmitAsync(xunke)).State.ShouldBe(SubmissionState.Resubmitted);
        (await walk.ReviewAsync(walk.Reviewer, xunke.Id, "1.1", "confirm", 1)).ReviewedScore.ShouldBe(20m);

        var results = await walk.ResultsAsync();
        var a = results.Of(aihui);
        var b = results.Of(beian);
        var x = results.Of(xunke);
        // 爱辉区: 1—4项得分之和 25 + 5 + 4 + 3 = 37; × 70% = 25.9 (self 42 × 70% = 29.4). No grades in the seed.
        (a.Base, a.Total, a.SelfTotal, a.Grade).ShouldBe((37m, 25.9m, 29.4m, (string?)null));
        a.Explanation.ShouldBe("基础得分 37（适用满分 70）；× 70%；总分 25.9");
        a.Items.Single(i => i.ItemId == "1.1").Explanation.ShouldContain("按当月主要工作措施项目数量平均分配");
        // 北安市: 40 + 4 + 5 + 20 = 69; × 70% = 48.3 (its self-score too: the 迟报 is on record, not its to assess); late.
        (b.Base, b.Total, b.SelfTotal, b.IsLate).ShouldBe((69m, 48.3m, 48.3m, true));
        b.Items.Single(i => i.ItemId == "3.1").Score.ShouldBe(20m);
        // 逊克县: 40 × 2 / 4 = 20, + 5 + 0 + 1 = 26; × 70% = 18.2 (its own answer, so the self-score too).
        (x.Base, x.Total, x.SelfTotal).ShouldBe((26m, 18.2m, 18.2m));
        (b.Rank, a.Rank, x.Rank).ShouldBe((1, 2, 3));
        (b.ClassRank, a.ClassRank, x.ClassRank).ShouldBe((1, 2, 3));

        var snapshot = await walk.PublishAsync();
        snapshot.PeriodKey.ShouldBe("2022-05");
        snapshot.Units.Select(u => (u.Name, u.Total)).ShouldBe([("北安市专班", 48.3m), ("爱辉区专班", 25.9m), ("逊克县专班", 18.2m)]);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class HeiheTaskforceMonthlyWalkTestsOnSqlite(SqliteApp app) : HeiheTaskforceMonthlyWalkTests(app);

[Collection(PostgresCollection.Name)]
public sealed class HeiheTaskforceMonthlyWalkTestsOnPostgres(PostgresApp app) : HeiheTaskforceMonthlyWalkTests(app);
