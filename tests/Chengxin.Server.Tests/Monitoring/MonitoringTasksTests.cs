using System.Text;
using Chengxin.Domain.Monitoring;
using Chengxin.Server.Features.DishonestLists;
using Chengxin.Server.Features.Events;
using Chengxin.Server.Features.Workspace;
using Chengxin.Server.Tests.Infrastructure;
using Chengxin.Server.Tests.Walkthroughs;
using static Chengxin.Server.Tests.Monitoring.MonitoringData;

namespace Chengxin.Server.Tests.Monitoring;

/// <summary>
/// 我的待办 from monitoring: the office sees 「失信名单比对待确认 N 条」 and 「投诉舆情待核实 N 件」, counted over its scope and
/// belonging to no campaign; a decision takes the item off the count; a unit's liaison, who may not decide, sees neither.
/// </summary>
public abstract class MonitoringTasksTests(AppFixture app)
{
    private static async Task<List<WorkspaceTask>> TasksAsync(HttpClient client) =>
        await (await client.GetAsync("/api/workspace/tasks")).ReadAsync<List<WorkspaceTask>>();

    [Fact]
    public async Task Tasks_CandidateHitsWaiting_OfficeSeesTheirCountUntilOneIsDecided()
    {
        await using var walk = await Walk.StartAsync(app, "heihe-grassroots-2023");
        var tag = Tag();
        var unit = await UnitAsync(walk, $"待办比对局{tag}", null);
        var snapshot = await (await walk.Admin.PostAsync(
            $"/api/lists/snapshots/import?listKind=dishonest-debtor&source=x&snapshotDate=2024-05-01&fileName=a.csv",
            Csv($"名称\n待办比对局{tag}\n", Encoding.UTF8))).ReadAsync<ListSnapshotView>();
        var hit = (await (await walk.Admin.PostAsync($"/api/lists/snapshots/{snapshot.Id}/screen", null)).ReadAsync<ScreeningResult>())
            .New.Single(h => h.UnitId == unit.Id);
        var queue = await (await walk.Admin.GetAsync("/api/lists/hits?state=Candidate")).ReadAsync<List<ScreeningHitView>>();

        var task = (await TasksAsync(walk.Admin)).Single(t => t.Kind == MonitoringTasks.Candidates);
        (task.KindName, task.Count, task.CampaignId, task.CampaignName).ShouldBe(("名单比对待确认", queue.Count, (long?)null, (string?)null));
        task.Summary.ShouldStartWith($"失信名单比对待确认 {queue.Count} 条");

        await (await walk.Admin.PostJsonAsync($"/api/lists/hits/{hit.Id}/dismiss", new DecideHitRequest("同名不同单位", 0))).ReadAsync<ScreeningHitView>();
        var after = (await TasksAsync(walk.Admin)).SingleOrDefault(t => t.Kind == MonitoringTasks.Candidates);
        (after?.Count ?? 0).ShouldBe(queue.Count - 1);
    }

    [Fact]
    public async Task Tasks_PendingEvents_OfficeSeesTheirCountAndTheUnitsLiaisonSeesNoMonitoringTask()
    {
        await using var walk = await Walk.StartAsync(app, "heihe-grassroots-2023");
        var unit = await walk.UnitAsync($"待办核实单位{Tag()}", "Department", "部门");
        var recorded = await (await walk.Admin.PostJsonAsync("/api/events",
            new RecordEventRequest(EventKind.Complaint, "12345热线", "2025-06-01", "窗口推诿", "政务公开", [unit.Id]))).ReadAsync<EventView>();
        var pending = await (await walk.Admin.GetAsync("/api/events?state=Pending")).ReadAsync<List<EventView>>();

        var task = (await TasksAsync(walk.Admin)).Single(t => t.Kind == MonitoringTasks.Events);
        (task.KindName, task.Count, task.Summary).ShouldBe(("投诉舆情待核实", pending.Count, $"投诉舆情待核实 {pending.Count} 件（属实或不属实，须写明理由）"));
        (await TasksAsync(unit.Liaison)).ShouldNotContain(t => t.Kind == MonitoringTasks.Events || t.Kind == MonitoringTasks.Candidates);

        await (await walk.Admin.PostJsonAsync($"/api/events/{recorded.Id}/verify", new VerifyEventRequest(false, "查无此事", 0))).ReadAsync<EventView>();
        ((await TasksAsync(walk.Admin)).SingleOrDefault(t => t.Kind == MonitoringTasks.Events)?.Count ?? 0).ShouldBe(pending.Count - 1);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class MonitoringTasksTestsOnSqlite(SqliteApp app) : MonitoringTasksTests(app);

[Collection(PostgresCollection.Name)]
public sealed class MonitoringTasksTestsOnPostgres(PostgresApp app) : MonitoringTasksTests(app);
