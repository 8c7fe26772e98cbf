using Chengxin.Domain.Monitoring;
using Chengxin.Server.Data;
using Chengxin.Server.Features.DishonestLists;
using Chengxin.Server.Features.Events;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Workspace;

/// <summary>
/// 我的待办 from monitoring (issue 15): candidate list hits waiting for a person to confirm or dismiss them, and complaints and
/// opinion events waiting to be verified. Neither belongs to a campaign; both count only what the caller's unit scope reaches,
/// and only for whoever may decide them.
/// </summary>
public static class MonitoringTasks
{
    public const string Candidates = "candidates";
    public const string Events = "events";

    public static async Task<List<WorkspaceTask>> BuildAsync(ChengxinDbContext db, AccessScope scope, CancellationToken ct)
    {
        var tasks = new List<WorkspaceTask>();
        if (Roles.Grants(scope.Role, DishonestListPermissions.Manage))
        {
            // The scope filter keeps hits on units outside the caller's reach out of the count.
            var candidates = await db.ScreeningHits.AsNoTracking().CountAsync(h => h.State == HitState.Candidate, ct);
            if (candidates > 0)
                tasks.Add(new WorkspaceTask(Candidates, "名单比对待确认", null, null, null, null, null, false, candidates,
                    $"失信名单比对待确认 {candidates} 条（确认或排除，须写明理由）", []));
        }
        if (Roles.Grants(scope.Role, EventPermissions.Manage))
        {
            var pending = await db.MonitoringEvents.AsNoTracking().CountAsync(e => e.State == EventState.Pending, ct);
            if (pending > 0)
                tasks.Add(new WorkspaceTask(Events, "投诉舆情待核实", null, null, null, null, null, false, pending,
                    $"投诉舆情待核实 {pending} 件（属实或不属实，须写明理由）", []));
        }
        return tasks;
    }
}
