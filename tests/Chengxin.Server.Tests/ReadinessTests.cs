using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Chengxin.Domain.Campaigns;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Features.Dashboard;
using Chengxin.Server.Features.Results;
using Chengxin.Server.Features.Submissions;
using Chengxin.Server.Features.Workspace;
using Chengxin.Server.Tests.Infrastructure;
using Chengxin.Server.Tests.Walkthroughs;

namespace Chengxin.Server.Tests;

/// <summary>
/// Issue 11, blocking defect 4: closing collection, requesting and approving publication each show what is still open and
/// refuse, or go on only with an explicit override and a reason that the audit chain keeps. A unit that never reported
/// scores 0 as 漏报 (seed 003: 「不得迟报、漏报」).
/// </summary>
public abstract class ReadinessTests(AppFixture app)
{
    private static readonly ReadinessOverrideRequest Override = new(true, "经信用办主任同意，未报送单位按漏报处理");

    /// <summary>Three towns with liaisons; the campaign is open with its deadline two hours ahead (sessions last eight).</summary>
    private async Task<(Walk Walk, Member A, Member B, Member C)> OpenAsync(decimal spotCheckShare = 0)
    {
        var walk = await Walk.StartAsync(app, TestWorld.SchemeId);
        var a = await walk.UnitAsync("甲镇", "Town", "乡镇");
        var b = await walk.UnitAsync("乙镇", "Town", "乡镇");
        var c = await walk.UnitAsync("丙街道", "Town", "街道");
        await walk.OpenAsync("2022年第一季度乡镇考核", "2022Q1", [a, b, c], walk.Now.AddHours(2), [walk.ReviewerId], spotCheckShare: spotCheckShare);
        return (walk, a, b, c);
    }

    private static async Task<ReadinessView> ReadinessAsync(Walk walk) =>
        await (await walk.Admin.GetAsync($"/api/campaigns/{walk.CampaignId}/readiness")).ReadAsync<ReadinessView>();

    private static async Task ReportAsync(Walk walk, Member member)
    {
        await walk.SaveAsync(member, JiaxianTownsCampaignTests.MiddlingTown);
        (await walk.SubmitAsync(member)).State.ShouldBe(SubmissionState.Submitted);
    }

    private static ReadinessView ReadinessOf(JsonElement problem) =>
        problem.GetProperty("readiness").Deserialize<ReadinessView>(Http.Json)!;

    [Fact]
    public async Task CloseCollection_UnitsNotReported_RefusedNamingThem_BeforeAndAfterTheirDeadline()
    {
        var s = await OpenAsync();
        await using var walk = s.Walk;
        await ReportAsync(s.Walk, s.A);

        var before = await ReadinessAsync(s.Walk);
        (before.Step, before.StepName, before.Ready, before.CanOverride).ShouldBe((Readiness.CloseCollection, "结束收集", false, true));
        before.Open.Single().Kind.ShouldBe(Readiness.UnitsBeforeDeadline);
        before.Open.Single().Names.ShouldBe(["乙镇", "丙街道"]);

        var refused = await (await s.Walk.Admin.PostAsync($"/api/campaigns/{s.Walk.CampaignId}/start-review", null)).ProblemAsync(HttpStatusCode.Conflict);
        refused.GetProperty("detail").GetString()!.ShouldContain("尚未截止、未报送的单位 2（乙镇、丙街道）");
        ReadinessOf(refused).Open.Single().Count.ShouldBe(2);
        (await (await s.Walk.Admin.GetAsync($"/api/campaigns/{s.Walk.CampaignId}")).ReadAsync<CampaignResponse>()).State.ShouldBe(CampaignState.Open);

        s.Walk.Advance(TimeSpan.FromHours(3));
        var after = await ReadinessAsync(s.Walk);
        after.Open.Single().Kind.ShouldBe(Readiness.UnitsMissing);
        after.Open.Single().Title.ShouldBe("逾期未报的单位");
        after.Open.Single().Consequence.ShouldBe("按逾期未报记录，按漏报计 0 分");
    }

    [Fact]
    public async Task CloseCollection_OverrideWithoutReason_Returns400AndChangesNothing()
    {
        var s = await OpenAsync();
        await using var walk = s.Walk;
        var response = await s.Walk.Admin.PostJsonAsync($"/api/campaigns/{s.Walk.CampaignId}/start-review", new ReadinessOverrideRequest(true, " "));
        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").GetProperty("reason")[0].GetString().ShouldBe("理由不能为空。");
        (await ReadinessAsync(s.Walk)).Overrides.ShouldBeEmpty();
        (await (await s.Walk.Admin.GetAsync($"/api/campaigns/{s.Walk.CampaignId}")).ReadAsync<CampaignResponse>()).State.ShouldBe(CampaignState.Open);
    }

    [Fact]
    public async Task CloseCollection_OverrideWithReason_RecordsTheReason_UnreportedUnitsShowMissingAndScoreZeroAsLoubao()
    {
        var s = await OpenAsync();
        await using var walk = s.Walk;
        await ReportAsync(s.Walk, s.A);
        // 乙镇 has facts entered but never submits: it is 漏报 all the same.
        await s.Walk.SaveAsync(s.B, JiaxianTownsCampaignTests.StrongStreet);
        s.Walk.Advance(TimeSpan.FromHours(3));

        var closed = await (await s.Walk.Admin.PostJsonAsync($"/api/campaigns/{s.Walk.CampaignId}/start-review", Override)).ReadAsync<CampaignResponse>();
        closed.State.ShouldBe(CampaignState.Reviewing);

        var overrides = (await ReadinessAsync(s.Walk)).Overrides;
        overrides.Single().Reason.ShouldBe(Override.Reason);
        (overrides.Single().Step, overrides.Single().StepName).ShouldBe((Readiness.CloseCollection, "结束收集"));

        var progress = await (await s.Walk.Admin.GetAsync($"/api/campaigns/{s.Walk.CampaignId}/progress")).ReadAsync<CampaignProgressView>();
        progress.Units.Where(u => u.UnitId != s.A.Id).ShouldAllBe(u => u.Status == CampaignProgress.Missing && u.StatusName == "逾期未报");

        var results = await s.Walk.ResultsAsync();
        var b = results.Units.Single(u => u.UnitId == s.B.Id);
        (b.Total, b.Grade).ShouldBe((0m, "不合格"));
        b.Explanation.ShouldStartWith("逾期未报，按漏报计 0 分");
        b.Items.Where(i => i.Status != Chengxin.Domain.Scoring.ItemStatus.NotApplicable).ShouldAllBe(i => i.Score == 0m && i.Explanation == "逾期未报，按漏报计 0 分");
        results.Units.Single(u => u.UnitId == s.A.Id).Total.ShouldBeGreaterThan(0m);
    }

    [Fact]
    public async Task Dashboard_AfterCollectionCloses_UsesTheProgressBoardsWords_AndTheCountsAddUp()
    {
        var s = await OpenAsync();
        await using var walk = s.Walk;
        await ReportAsync(s.Walk, s.A);
        (await s.Walk.Admin.PostJsonAsync($"/api/campaigns/{s.Walk.CampaignId}/start-review", Override)).EnsureSuccessStatusCode();

        var board = await (await s.Walk.Admin.GetAsync($"/api/dashboard/campaigns/{s.Walk.CampaignId}")).ReadAsync<CampaignDashboardView>();
        var p = board.Progress;
        (p.Units, p.Submitted, p.Missing, p.Pending, p.Late, p.Returned).ShouldBe((3, 1, 2, 0, 0, 0));
        (p.Pending + p.Missing + p.Submitted + p.Late + p.Returned).ShouldBe(p.Units);
    }

    [Fact]
    public async Task RequestAndApprovePublication_ItemsUnreviewed_EachRefusedUntilItsOwnOverride_AndBothReasonsAreKept()
    {
        var s = await OpenAsync();
        await using var walk = s.Walk;
        foreach (var m in new[] { s.A, s.B, s.C })
            await ReportAsync(s.Walk, m);
        (await ReadinessAsync(s.Walk)).Ready.ShouldBeTrue();
        await s.Walk.StartReviewAsync();

        var view = await ReadinessAsync(s.Walk);
        (view.Step, view.Ready, view.CanOverride).ShouldBe((Readiness.RequestPublication, false, true));
        var unreviewed = view.Open.Single();
        unreviewed.Kind.ShouldBe(Readiness.ItemsUnreviewed);
        unreviewed.Names.ShouldContain(n => n.StartsWith("甲镇：", StringComparison.Ordinal) && n.Contains("1 诚信案例宣传", StringComparison.Ordinal));

        var url = $"/api/campaigns/{s.Walk.CampaignId}/publication";
        var refused = await (await s.Walk.Admin.PostAsync($"{url}/request", null)).ProblemAsync(HttpStatusCode.Conflict);
        refused.GetProperty("title").GetString().ShouldBe("尚不能申请发布");
        (await (await s.Walk.Admin.PostJsonAsync($"{url}/request", new ReadinessOverrideRequest(true, "评审给分项本期无案例")))
            .ReadAsync<CampaignResponse>()).State.ShouldBe(CampaignState.PendingPublication);

        var approvalNeedsItsOwn = await (await s.Walk.SecondAdmin.PostAsync($"{url}/approve", null)).ProblemAsync(HttpStatusCode.Conflict);
        ReadinessOf(approvalNeedsItsOwn).Step.ShouldBe(Readiness.ApprovePublication);
        await (await s.Walk.SecondAdmin.GetAsync($"/api/public/campaigns/{s.Walk.CampaignId}/results")).ProblemAsync(HttpStatusCode.NotFound);
        (await (await s.Walk.SecondAdmin.PostJsonAsync($"{url}/approve", new ReadinessOverrideRequest(true, "同意按报送事实发布")))
            .ReadAsync<PublicationReceipt>()).Version.ShouldBe(1);

        var overrides = (await ReadinessAsync(s.Walk)).Overrides;
        overrides.Select(o => (o.StepName, o.Reason)).ShouldBe([("申请发布", "评审给分项本期无案例"), ("审批发布", "同意按报送事实发布")]);
    }

    [Fact]
    public async Task RequestPublication_DrawnSpotCheckNotStarted_RefusedEvenWithAnOverride()
    {
        var s = await OpenAsync(spotCheckShare: 1m);
        await using var walk = s.Walk;
        foreach (var m in new[] { s.A, s.B, s.C })
            await ReportAsync(s.Walk, m);
        await s.Walk.StartReviewAsync();
        (await s.Walk.Admin.PostAsync($"/api/campaigns/{s.Walk.CampaignId}/spot-check", null)).EnsureSuccessStatusCode();

        var view = await ReadinessAsync(s.Walk);
        view.CanOverride.ShouldBeFalse();
        var spot = view.Open.Single(o => o.Kind == Readiness.SpotChecksOpen);
        (spot.Count, spot.Overridable).ShouldBe((3, false));

        var refused = await (await s.Walk.Admin.PostJsonAsync($"/api/campaigns/{s.Walk.CampaignId}/publication/request", Override))
            .ProblemAsync(HttpStatusCode.Conflict);
        refused.GetProperty("detail").GetString()!.ShouldContain("抽查尚未完成的单位 3");
        refused.GetProperty("detail").GetString()!.ShouldEndWith("请先处理完毕再继续。");
        (await ReadinessAsync(s.Walk)).Overrides.ShouldBeEmpty();
    }

    [Fact]
    public async Task DeadlineException_EarlierThanTheCurrentDeadlineOrInThePast_Returns400OnDue()
    {
        var s = await OpenAsync();
        await using var walk = s.Walk;
        var url = $"/api/campaigns/{s.Walk.CampaignId}/units/{s.B.Id}/deadline-exception";
        var earlier = await s.Walk.Admin.PostJsonAsync(url, new DeadlineExceptionRequest(s.Walk.Now.AddHours(1).ToString("o"), "汛期"));
        (await earlier.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("due")[0].GetString()!
            .ShouldStartWith("新的截止时间须晚于本单位当前的截止时间");

        s.Walk.Advance(TimeSpan.FromHours(3));
        var past = await s.Walk.Admin.PostJsonAsync(url, new DeadlineExceptionRequest(s.Walk.Now.AddMinutes(-30).ToString("o"), "汛期"));
        (await past.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("due")[0].GetString()!
            .ShouldStartWith("新的截止时间须晚于当前时间");

        (await s.Walk.Admin.PostJsonAsync(url, new DeadlineExceptionRequest(s.Walk.Now.AddHours(2).ToString("o"), "汛期"))).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task DeadlineException_ForAnUnreportedUnitAfterCollectionClosed_Returns409()
    {
        var s = await OpenAsync();
        await using var walk = s.Walk;
        (await s.Walk.Admin.PostJsonAsync($"/api/campaigns/{s.Walk.CampaignId}/start-review", Override)).EnsureSuccessStatusCode();
        var response = await s.Walk.Admin.PostJsonAsync($"/api/campaigns/{s.Walk.CampaignId}/units/{s.B.Id}/deadline-exception",
            new DeadlineExceptionRequest(s.Walk.Now.AddDays(30).ToString("o"), "补报"));
        (await response.ProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString()!.ShouldContain("收集已结束");
    }

    [Fact]
    public async Task PublicList_ShowsPublishedCampaignsOnly_AndTheDownloadIsTheBytesWhoseHashThePageShows()
    {
        var s = await OpenAsync();
        await using var walk = s.Walk;
        foreach (var m in new[] { s.A, s.B, s.C })
            await ReportAsync(s.Walk, m);
        await s.Walk.StartReviewAsync();
        var anonymous = app.NewClient();
        (await (await anonymous.GetAsync("/api/public/campaigns")).ReadAsync<List<PublicCampaignView>>()).ShouldNotContain(c => c.CampaignId == s.Walk.CampaignId);
        await (await anonymous.GetAsync($"/api/public/campaigns/{s.Walk.CampaignId}/results/download")).ProblemAsync(HttpStatusCode.NotFound);

        // Every item reviewed, the judgement item 5.1 with the reviewer's reason, so publication needs no override.
        foreach (var m in new[] { s.A, s.B, s.C })
        {
            await s.Walk.ReviewAsync(s.Walk.Reviewer, m.Id, "5.1", "correct", 0,
                [("integrity_case_publicity", new { points = 3, reason = "评审员王某某，电话 13800000000" })], "按评审意见给分");
            await s.Walk.ConfirmAsync(m.Id, s.Walk.Scheme.Items.Where(i => i.Id != "5.1" && i.AppliesTo(m == s.C ? "street" : "town")).Select(i => i.Id).ToArray());
        }
        (await ReadinessAsync(s.Walk)).Ready.ShouldBeTrue();
        await s.Walk.PublishAsync();

        var list = await (await anonymous.GetAsync("/api/public/campaigns")).ReadAsync<List<PublicCampaignView>>();
        var listed = list.Single(c => c.CampaignId == s.Walk.CampaignId);
        (listed.Name, listed.PeriodLabel, listed.Version, listed.UnitCount).ShouldBe(("2022年第一季度乡镇考核", "2022年第一季度", 1, 3));

        var page = await anonymous.GetAsync($"/api/public/campaigns/{s.Walk.CampaignId}/results");
        var download = await anonymous.GetAsync($"/api/public/campaigns/{s.Walk.CampaignId}/results/download");
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        download.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        download.Content.Headers.ContentDisposition.FileNameStar.ShouldBe("2022年第一季度乡镇考核-公示结果-第1版.json");
        var bytes = await download.Content.ReadAsByteArrayAsync();
        Convert.ToHexStringLower(SHA256.HashData(bytes)).ShouldBe(page.Headers.GetValues("X-Result-Sha256").Single());

        var body = System.Text.Encoding.UTF8.GetString(bytes);
        foreach (var secret in new[] { "王某某", "13800000000", "按评审意见给分", "联络员", "评审员" })
            body.ShouldNotContain(secret);

        // An appeal filed after publication is the office's task until decided.
        (await s.A.Liaison.PostJsonAsync($"/api/campaigns/{s.Walk.CampaignId}/units/{s.A.Id}/appeals", new FileAppealRequest("5.1", "案例宣传已见报")))
            .EnsureSuccessStatusCode();
        var appeal = (await OfficeTasksAsync(s.Walk)).Single();
        (appeal.Kind, appeal.KindName, appeal.Count).ShouldBe((OfficeAndProviderTasks.Appeal, "待处理申诉", 1));
    }

    private static async Task<List<WorkspaceTask>> OfficeTasksAsync(Walk walk) =>
        (await (await walk.Admin.GetAsync("/api/workspace/tasks")).ReadAsync<List<WorkspaceTask>>()).Where(t => t.CampaignId == walk.CampaignId).ToList();

    [Fact]
    public async Task MyTasks_ProviderGetsItsGridUntilSubmitted_OfficeGetsWhatIsOpenOnceTheDeadlinePasses()
    {
        var s = await OpenAsync();
        await using var walk = s.Walk;
        var provider = await walk.ProviderAsync("县工信局");
        var grid = (await (await provider.GetAsync("/api/workspace/tasks")).ReadAsync<List<WorkspaceTask>>()).Single(t => t.CampaignId == walk.CampaignId);
        (grid.Kind, grid.KindName, grid.Count, grid.Summary).ShouldBe((OfficeAndProviderTasks.Grid, "待填数据", 1, "请为 3 个参评单位填写本部门提供的 1 项数据，填完后提交"));
        await walk.FillProviderGridAsync(provider);
        (await provider.PostAsync($"/api/campaigns/{walk.CampaignId}/provider-grid/submit", null)).EnsureSuccessStatusCode();
        (await (await provider.GetAsync("/api/workspace/tasks")).ReadAsync<List<WorkspaceTask>>()).ShouldNotContain(t => t.CampaignId == walk.CampaignId);

        (await OfficeTasksAsync(walk)).ShouldBeEmpty();
        walk.Advance(TimeSpan.FromHours(3));
        var blocked = (await OfficeTasksAsync(walk)).Single();
        (blocked.Kind, blocked.KindName, blocked.Summary).ShouldBe((OfficeAndProviderTasks.Blocked, "待办结事项", "结束收集前还有：逾期未报的单位 3"));
        blocked.Items.Single().Reason.ShouldBe("甲镇、乙镇、丙街道");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ReadinessTestsOnSqlite(SqliteApp app) : ReadinessTests(app);

[Collection(PostgresCollection.Name)]
public sealed class ReadinessTestsOnPostgres(PostgresApp app) : ReadinessTests(app);
