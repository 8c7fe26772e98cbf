using System.Net;
using System.Text.Json;
using Chengxin.Domain.Campaigns;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Features.Reviews;
using Chengxin.Server.Features.Submissions;
using Chengxin.Server.Features.Units;
using Chengxin.Server.Features.Users;
using Chengxin.Server.Features.Workspace;
using Chengxin.Server.Infrastructure;
using Chengxin.Server.Tests.Infrastructure;

namespace Chengxin.Server.Tests;

/// <summary>The workspace: a campaign's progress board, the review queue and each role's open tasks.</summary>
public abstract class WorkspaceTests(AppFixture app)
{
    private static Dictionary<string, JsonElement> Facts(params (string Key, object Value)[] facts) =>
        facts.ToDictionary(f => f.Key, f => JsonSerializer.SerializeToElement(f.Value, Http.Json));

    private async Task<long> NewTownAsync(HttpClient admin, string name)
    {
        var response = await admin.PostJsonAsync("/api/units", new CreateUnitRequest(app.World.Unit("A-C1").Id, name,
            "WS" + Guid.NewGuid().ToString("N")[..10], "Town", "乡镇"));
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.ReadAsync<UnitResponse>()).Id;
    }

    private sealed record World(long CampaignId, long OnTime, long Late, long Missing, long Returned);

    /// <summary>
    /// Four units, due in an hour: one submits on time; after the deadline one submits late and the liaison's unit
    /// (A-C1-T1) too; one never does. Review starts and the reviewer returns 1.1 of the liaison's unit.
    /// </summary>
    private async Task<World> CampaignAsync()
    {
        var admin = await app.SessionAsync("a-admin");
        var onTime = await NewTownAsync(admin, "按时镇");
        var late = await NewTownAsync(admin, "逾期镇");
        var missing = await NewTownAsync(admin, "未报镇");
        var returned = app.World.Unit("A-C1-T1").Id;
        var created = await admin.PostJsonAsync("/api/campaigns", CampaignTests.OpenRequest("进度测试", [onTime, late, missing, returned],
            classMap: new() { ["乡镇"] = "town" }, reviewers: [app.World.Users["a-reviewer"].Id],
            evidenceDue: app.Clock.GetUtcNow().AddHours(1).ToString("o")));
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var campaign = await created.ReadAsync<CampaignResponse>();
        (await admin.PostAsync($"/api/campaigns/{campaign.Id}/open", null)).EnsureSuccessStatusCode();

        string Url(long unit) => $"/api/campaigns/{campaign.Id}/units/{unit}/submission";
        (await admin.PutJsonAsync($"{Url(onTime)}/items/1.1", new SaveItemRequest(Facts(("work_rules", true)), null))).EnsureSuccessStatusCode();
        (await admin.PostAsync($"{Url(onTime)}/submit", null)).EnsureSuccessStatusCode();

        app.Clock.Advance(TimeSpan.FromHours(2));
        try
        {
            // An empty report is not taken: the late unit answers one item first.
            (await admin.PutJsonAsync($"{Url(late)}/items/1.1", new SaveItemRequest(null, "本期无法提供"))).EnsureSuccessStatusCode();
            (await admin.PostAsync($"{Url(late)}/submit", null)).EnsureSuccessStatusCode();
            var liaison = await app.SessionAsync("a-liaison");
            (await liaison.PutJsonAsync($"{Url(returned)}/items/1.1", new SaveItemRequest(Facts(("work_rules", true)), null))).EnsureSuccessStatusCode();
            (await liaison.PostAsync($"{Url(returned)}/submit", null)).EnsureSuccessStatusCode();
        }
        finally
        {
            app.Clock.Advance(-TimeSpan.FromHours(2));
        }
        (await admin.PostJsonAsync($"/api/campaigns/{campaign.Id}/start-review", Overrides.GoOn)).EnsureSuccessStatusCode();
        var reviewer = await app.SessionAsync("a-reviewer");
        (await reviewer.PostJsonAsync($"{Url(returned)}/items/1.1/review", new ReviewItemRequest("return", 0, null, "<b>请补充</b>稿件链接",
            app.Clock.GetUtcNow().AddDays(3).ToString("o")))).EnsureSuccessStatusCode();
        return new World(campaign.Id, onTime, late, missing, returned);
    }

    [Fact]
    public async Task Progress_FourUnits_CountsOnTimeLateMissingAndReturnedPerUnit()
    {
        var world = await CampaignAsync();
        app.Clock.Advance(TimeSpan.FromHours(2));
        try
        {
            var admin = await app.SessionAsync("a-admin");
            var progress = await (await admin.GetAsync($"/api/campaigns/{world.CampaignId}/progress")).ReadAsync<CampaignProgressView>();

            progress.UnitCount.ShouldBe(4);
            (progress.Submitted, progress.Late, progress.Missing, progress.Returned, progress.Pending).ShouldBe((1, 1, 1, 1, 0));
            progress.Units.Single(u => u.UnitId == world.OnTime).Status.ShouldBe(CampaignProgress.Submitted);
            progress.Units.Single(u => u.UnitId == world.OnTime).ItemsAnswered.ShouldBe(1);
            var late = progress.Units.Single(u => u.UnitId == world.Late);
            late.Status.ShouldBe(CampaignProgress.Late);
            late.StatusName.ShouldBe("逾期报送");
            late.LateBySeconds.ShouldBe(3600);
            progress.Units.Single(u => u.UnitId == world.Missing).Status.ShouldBe(CampaignProgress.Missing);
            var returned = progress.Units.Single(u => u.UnitId == world.Returned);
            returned.Status.ShouldBe(CampaignProgress.Returned);
            returned.ItemsReturned.ShouldBe(1);
            returned.ReturnDue.ShouldNotBeNull();
            returned.ItemsApplicable.ShouldBeGreaterThan(returned.ItemsAnswered);
        }
        finally
        {
            app.Clock.Advance(-TimeSpan.FromHours(2));
        }
    }

    [Fact]
    public async Task Progress_DeadlineExceptionForAMissingUnit_ShowsItPendingWithTheReason()
    {
        var admin = await app.SessionAsync("a-admin");
        var unit = await NewTownAsync(admin, "延期镇");
        var campaign = await (await admin.PostJsonAsync("/api/campaigns", CampaignTests.OpenRequest("延期测试", [unit],
            classMap: new() { ["乡镇"] = "town" }, evidenceDue: app.Clock.GetUtcNow().AddHours(-1).ToString("o")))).ReadAsync<CampaignResponse>();
        (await admin.PostAsync($"/api/campaigns/{campaign.Id}/open", null)).EnsureSuccessStatusCode();
        var url = $"/api/campaigns/{campaign.Id}/progress";
        (await (await admin.GetAsync(url)).ReadAsync<CampaignProgressView>()).Units.Single().Status.ShouldBe(CampaignProgress.Missing);

        (await admin.PostJsonAsync($"/api/campaigns/{campaign.Id}/units/{unit}/deadline-exception",
            new DeadlineExceptionRequest(app.Clock.GetUtcNow().AddDays(2).ToString("o"), "汛期抢险，延期两天"))).EnsureSuccessStatusCode();
        var row = (await (await admin.GetAsync(url)).ReadAsync<CampaignProgressView>()).Units.Single();
        row.Status.ShouldBe(CampaignProgress.Pending);
        row.DueExceptionReason.ShouldBe("汛期抢险，延期两天");
    }

    [Fact]
    public async Task ExportProgress_ARowPerUnit_InBeijingTime_WithTheLateHours()
    {
        var world = await CampaignAsync();
        var admin = await app.SessionAsync("a-admin");
        var response = await admin.GetAsync($"/api/campaigns/{world.CampaignId}/progress/export");
        response.Content.Headers.ContentType!.MediaType.ShouldBe(Xlsx.ContentType);
        var rows = Xlsx.Read(await response.Content.ReadAsStreamAsync());

        rows[0].ShouldBe(CampaignProgress.ExportHeader);
        rows.Count.ShouldBe(5);
        var late = rows.Single(r => r[0] == "逾期镇");
        late[2].ShouldBe("逾期报送");
        late[8].ShouldBe("1");
        var due = app.Clock.GetUtcNow().AddHours(1).ToOffset(TimeSpan.FromHours(8));
        late[6].ShouldBe(due.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        // Collection has closed: a unit that never reported is 逾期未报 whatever its deadline (issue 11).
        rows.Single(r => r[0] == "未报镇")[2].ShouldBe("逾期未报");
    }

    [Fact]
    public async Task Progress_ByRole_AssignedReviewerAndLeaderSee_UnassignedFirmNotFound_LiaisonForbidden()
    {
        var world = await CampaignAsync();
        var url = $"/api/campaigns/{world.CampaignId}/progress";

        (await (await (await app.SessionAsync("a-reviewer")).GetAsync(url)).ReadAsync<CampaignProgressView>()).UnitCount.ShouldBe(4);
        (await (await (await app.SessionAsync("a-leader")).GetAsync(url)).ReadAsync<CampaignProgressView>()).UnitCount.ShouldBe(4);
        (await (await app.SessionAsync("a-firm")).GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await (await app.SessionAsync("a-liaison")).GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Progress_ReviewerNotAssigned_Returns404()
    {
        var admin = await app.SessionAsync("a-admin");
        var campaign = await (await admin.PostJsonAsync("/api/campaigns", CampaignTests.OpenRequest("无评审员批次", [app.World.Unit("A-C1-T1").Id],
            evidenceDue: app.Clock.GetUtcNow().AddDays(1).ToString("o")))).ReadAsync<CampaignResponse>();
        (await (await app.SessionAsync("a-reviewer")).GetAsync($"/api/campaigns/{campaign.Id}/progress")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ReviewQueue_ListsSubmittedItems_NotTheReturnedOne_AndAConfirmedItemLeaves()
    {
        var world = await CampaignAsync();
        var reviewer = await app.SessionAsync("a-reviewer");
        var queue = (await (await reviewer.GetAsync($"/api/workspace/review-queue?campaignId={world.CampaignId}&limit={ReviewQueue.MaxPage}")).ReadAsync<ReviewQueuePage>()).Items
            .Where(q => q.CampaignId == world.CampaignId).ToList();

        queue.Select(q => q.UnitId).Distinct().Order().ShouldBe(new[] { world.OnTime, world.Late, world.Returned }.Order());
        queue.ShouldNotContain(q => q.UnitId == world.Returned && q.ItemId == "1.1");
        queue.ShouldContain(q => q.UnitId == world.OnTime && q.ItemId == "1.1" && q.ReviewState == ItemReviewState.Pending && q.ExpectedVersion == 0);
        queue.Single(q => q.UnitId == world.Late && q.ItemId == "1.1").IsLate.ShouldBeTrue();

        (await reviewer.PostJsonAsync($"/api/campaigns/{world.CampaignId}/units/{world.OnTime}/submission/items/1.1/review",
            new ReviewItemRequest("confirm", 0, null, null, null))).EnsureSuccessStatusCode();
        (await (await reviewer.GetAsync($"/api/workspace/review-queue?campaignId={world.CampaignId}&limit={ReviewQueue.MaxPage}")).ReadAsync<ReviewQueuePage>()).Items
            .ShouldNotContain(q => q.CampaignId == world.CampaignId && q.UnitId == world.OnTime && q.ItemId == "1.1");

        // The external firm is not assigned to this campaign: nothing of it in its queue.
        (await (await (await app.SessionAsync("a-firm")).GetAsync($"/api/workspace/review-queue?campaignId={world.CampaignId}&limit={ReviewQueue.MaxPage}")).ReadAsync<ReviewQueuePage>()).Items
            .ShouldNotContain(q => q.CampaignId == world.CampaignId);
    }

    [Fact]
    public async Task Tasks_LiaisonSeesTheReturnedItemWithReason_AnsweredAndResubmitted_ItComesBackToTheReviewer()
    {
        var world = await CampaignAsync();
        var liaison = await app.SessionAsync("a-liaison");
        var task = (await (await liaison.GetAsync("/api/workspace/tasks")).ReadAsync<List<WorkspaceTask>>())
            .Single(t => t.CampaignId == world.CampaignId);
        task.Kind.ShouldBe(WorkspaceTasks.ReturnedKind);
        task.UnitId.ShouldBe(world.Returned);
        task.Items.Single().ItemId.ShouldBe("1.1");
        task.Items.Single().Reason.ShouldBe("<b>请补充</b>稿件链接");
        task.Due.ShouldNotBeNull();
        task.IsOverdue.ShouldBeFalse();

        var url = $"/api/campaigns/{world.CampaignId}/units/{world.Returned}/submission";
        (await liaison.PutJsonAsync($"{url}/items/1.1", new SaveItemRequest(Facts(("leader_assigned", true)), "补充了两篇稿件"))).EnsureSuccessStatusCode();
        (await liaison.PostAsync($"{url}/submit", null)).EnsureSuccessStatusCode();
        (await (await liaison.GetAsync("/api/workspace/tasks")).ReadAsync<List<WorkspaceTask>>()).ShouldNotContain(t => t.CampaignId == world.CampaignId);

        var reviewer = await app.SessionAsync("a-reviewer");
        var back = (await (await reviewer.GetAsync($"/api/workspace/review-queue?campaignId={world.CampaignId}&limit={ReviewQueue.MaxPage}")).ReadAsync<ReviewQueuePage>()).Items
            .Single(q => q.CampaignId == world.CampaignId && q.UnitId == world.Returned && q.ItemId == "1.1");
        back.ReviewState.ShouldBe(ItemReviewState.Returned);
        back.ExpectedVersion.ShouldBe(1);
        var review = (await (await reviewer.GetAsync("/api/workspace/tasks")).ReadAsync<List<WorkspaceTask>>()).Single(t => t.CampaignId == world.CampaignId);
        review.Kind.ShouldBe(WorkspaceTasks.Review);
        review.Count.ShouldBe((await (await reviewer.GetAsync($"/api/workspace/review-queue?campaignId={world.CampaignId}&limit={ReviewQueue.MaxPage}")).ReadAsync<ReviewQueuePage>()).Items
            .Count(q => q.CampaignId == world.CampaignId));
    }

    [Fact]
    public async Task Tasks_LiaisonInAnOpenCampaign_HasAFillTaskWithTheDeadline_LeaderHasNone()
    {
        var admin = await app.SessionAsync("a-admin");
        var due = app.Clock.GetUtcNow().AddDays(2);
        var campaign = await (await admin.PostJsonAsync("/api/campaigns", CampaignTests.OpenRequest("待办测试", [app.World.Unit("A-C1-T1").Id],
            evidenceDue: due.ToString("o")))).ReadAsync<CampaignResponse>();
        var liaison = await app.SessionAsync("a-liaison");
        (await (await liaison.GetAsync("/api/workspace/tasks")).ReadAsync<List<WorkspaceTask>>()).ShouldNotContain(t => t.CampaignId == campaign.Id);

        (await admin.PostAsync($"/api/campaigns/{campaign.Id}/open", null)).EnsureSuccessStatusCode();
        var task = (await (await liaison.GetAsync("/api/workspace/tasks")).ReadAsync<List<WorkspaceTask>>()).Single(t => t.CampaignId == campaign.Id);
        task.Kind.ShouldBe(WorkspaceTasks.Fill);
        task.Due!.Value.ShouldBe(due);
        task.Due.Value.Offset.ShouldBe(TimeSpan.FromHours(8));
        task.Count.ShouldBeGreaterThan(0);
        (await (await (await app.SessionAsync("a-leader")).GetAsync("/api/workspace/tasks")).ReadAsync<List<WorkspaceTask>>()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Tasks_PublicationRequested_TheOtherAdminIsAskedToApprove_NotTheOneWhoAsked()
    {
        var admin = await app.SessionAsync("a-admin");
        var name = "ws-admin-" + Guid.NewGuid().ToString("N")[..6];
        (await admin.PostJsonAsync("/api/users", new CreateUserRequest(name, "第二管理员", TestWorld.Password,
            app.World.Unit("A-C1").Id, "office-admin", ScopeKind.Subtree, null))).EnsureSuccessStatusCode();
        var second = await app.SignInAsync(name);
        var campaign = await (await admin.PostJsonAsync("/api/campaigns", CampaignTests.OpenRequest("发布待办", [app.World.Unit("A-C1-T1").Id],
            evidenceDue: app.Clock.GetUtcNow().AddDays(1).ToString("o")))).ReadAsync<CampaignResponse>();
        (await admin.PostAsync($"/api/campaigns/{campaign.Id}/open", null)).EnsureSuccessStatusCode();
        (await admin.PostJsonAsync($"/api/campaigns/{campaign.Id}/start-review", Overrides.GoOn)).EnsureSuccessStatusCode();
        (await admin.PostJsonAsync($"/api/campaigns/{campaign.Id}/publication/request", Overrides.GoOn)).EnsureSuccessStatusCode();

        (await (await second.GetAsync("/api/workspace/tasks")).ReadAsync<List<WorkspaceTask>>())
            .Single(t => t.CampaignId == campaign.Id).Kind.ShouldBe(WorkspaceTasks.Publication);
        (await (await admin.GetAsync("/api/workspace/tasks")).ReadAsync<List<WorkspaceTask>>()).ShouldNotContain(t => t.CampaignId == campaign.Id);
    }

    [Fact]
    public void StatusOf_DraftBeforeAndAfterTheDeadline_PendingThenMissing()
    {
        var due = new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);
        CampaignProgress.StatusOf(SubmissionState.Draft, false, due, due).ShouldBe(CampaignProgress.Pending);
        CampaignProgress.StatusOf(SubmissionState.Draft, false, due, due.AddSeconds(1)).ShouldBe(CampaignProgress.Missing);
        CampaignProgress.StatusOf(SubmissionState.Resubmitted, true, due, due).ShouldBe(CampaignProgress.Late);
        CampaignProgress.StatusOf(SubmissionState.Returned, true, due, due).ShouldBe(CampaignProgress.Returned);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class WorkspaceTestsOnSqlite(SqliteApp app) : WorkspaceTests(app);

[Collection(PostgresCollection.Name)]
public sealed class WorkspaceTestsOnPostgres(PostgresApp app) : WorkspaceTests(app);
