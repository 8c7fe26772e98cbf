using Chengxin.Domain.Campaigns;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Features.Submissions;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Chengxin.Server.Features.Schemes;

namespace Chengxin.Server.Features.Workspace;

/// <summary>An item named in a task: for a returned item, the reviewer's reason.</summary>
public sealed record TaskItemView(string ItemId, string? No, string Title, string? Reason);

/// <summary>
/// One thing the caller must do. kind: fill (a liaison's unit has not submitted), returned (items sent back for
/// supplement), review (items waiting for the caller's verdict), publication (another admin asked to publish), confirm (a
/// liaison's reviewed submission waits for the unit to confirm the result), candidates (list hits to confirm or dismiss) and
/// events (complaints and opinion to verify). The monitoring kinds belong to no campaign: their campaign id and name are null.
/// </summary>
public sealed record WorkspaceTask(string Kind, string KindName, long? CampaignId, string? CampaignName, long? UnitId, string? UnitName,
    DateTimeOffset? Due, bool IsOverdue, int Count, string Summary, IReadOnlyList<TaskItemView> Items);

/// <summary>The caller's open tasks, soonest deadline first (tasks without one last), worked out from the role.</summary>
public static class WorkspaceTasks
{
    public const string Fill = "fill";
    public const string ReturnedKind = "returned";
    public const string Review = "review";
    public const string Publication = "publication";
    public const string ConfirmResult = "confirm";

    public static async Task<IResult> Get(ChengxinDbContext db, SchemeVersions versions, AccessScope scope, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var tasks = new List<WorkspaceTask>();
        if (scope.Role == Roles.Liaison)
        {
            tasks.AddRange(await LiaisonTasksAsync(db, versions, now, ct));
            tasks.AddRange(await ConfirmResultTasksAsync(db, ct));
        }
        if (Roles.Grants(scope.Role, Reviews.ReviewPermissions.Write) && scope.Role == Roles.Reviewer)
        {
            // Counted by the database, as the queue's tabs are: no item of a campaign is worked out to say how many wait.
            foreach (var c in (await ReviewQueue.CountsAsync(db, versions, ct)).Where(c => c.Items > 0))
                tasks.Add(new WorkspaceTask(Review, "待复核", c.CampaignId, c.CampaignName, null, null, c.ReviewDue,
                    c.ReviewDue is { } due && now > due, c.Items, $"{c.Units} 个单位共 {c.Items} 项指标待复核", []));
        }
        if (scope.Role == Roles.OfficeAdmin)
        {
            // Publication needs a second admin: the one who asked is not the one to approve.
            var pending = await db.Campaigns.AsNoTracking()
                .Where(c => c.State == CampaignState.PendingPublication && c.PublicationRequestedBy != scope.UserId)
                .OrderBy(c => c.Id).Select(c => new { c.Id, c.Name }).ToListAsync(ct);
            tasks.AddRange(pending.Select(c => new WorkspaceTask(Publication, "待审批发布", c.Id, c.Name, null, null, null, false, 1,
                "另一位管理员申请发布评价结果，请核对后审批", [])));
        }
        if (scope.Role == Roles.DataProvider)
            tasks.AddRange(await OfficeAndProviderTasks.ProviderAsync(db, versions, scope, now, ct));
        if (scope.Role == Roles.OfficeAdmin)
            tasks.AddRange(await OfficeAndProviderTasks.OfficeAsync(db, versions, scope, now, ct));
        tasks.AddRange(await MonitoringTasks.BuildAsync(db, scope, ct));
        tasks.AddRange(await NotificationTasks.BuildAsync(db, scope, ct));
        tasks.AddRange(await FollowUpTasks.BuildAsync(db, scope, now, ct));
        return TypedResults.Ok(tasks.OrderBy(t => t.Due is null).ThenBy(t => t.Due).ThenBy(t => t.CampaignId).ToList());
    }

    /// <summary>A reviewed submission waits for its unit to confirm the result (or to appeal once it is published).</summary>
    private static async Task<List<WorkspaceTask>> ConfirmResultTasksAsync(ChengxinDbContext db, CancellationToken ct)
    {
        // The scope filter keeps the liaison to its own units' submissions and the campaigns it sees.
        var reviewed = await db.Submissions.AsNoTracking().Where(s => s.State == SubmissionState.Reviewed)
            .Join(db.Campaigns.AsNoTracking(), s => s.CampaignId, c => c.Id, (s, c) => new { s.CampaignId, CampaignName = c.Name, s.UnitId })
            .Join(db.Units.AsNoTracking(), x => x.UnitId, u => u.Id, (x, u) => new { x.CampaignId, x.CampaignName, x.UnitId, UnitName = u.Name })
            .OrderBy(x => x.CampaignId).ThenBy(x => x.UnitId).ToListAsync(ct);
        return reviewed.Select(x => new WorkspaceTask(ConfirmResult, "确认复核结果", x.CampaignId, x.CampaignName, x.UnitId, x.UnitName, null, false, 1,
            "评审员已完成复核，请查看各项复核得分与理由后确认", [])).ToList();
    }

    private static async Task<List<WorkspaceTask>> LiaisonTasksAsync(ChengxinDbContext db, SchemeVersions versions, DateTimeOffset now, CancellationToken ct)
    {
        var tasks = new List<WorkspaceTask>();
        // Collecting campaigns need answers; a returned submission needs them whatever the campaign's state.
        var campaigns = await db.Campaigns.AsNoTracking()
            .Where(c => c.State == CampaignState.Open || c.State == CampaignState.Reviewing).OrderBy(c => c.Id).ToListAsync(ct);
        foreach (var campaign in campaigns)
        {
            // The liaison's own units of the campaign, by a join under the scope filter: a province's campaign has thousands of
            // members, and a liaison is one of them (issue 19).
            var members = await db.CampaignUnits.AsNoTracking().Where(cu => cu.CampaignId == campaign.Id)
                .Join(db.Units.AsNoTracking(), cu => cu.UnitId, u => u.Id, (cu, u) => new { Unit = u, cu.SchemeClass })
                .OrderBy(x => x.Unit.Id).ToListAsync(ct);
            if (members.Count == 0)
                continue;
            var units = members.Select(m => m.Unit).ToList();
            var version = await db.SchemeVersions.AsNoTracking().FirstAsync(v => v.Id == campaign.SchemeVersionId, ct);
            var scheme = versions.Compile(version).Scheme;
            foreach (var unit in units)
            {
                var submission = await db.Submissions.AsNoTracking().FirstOrDefaultAsync(s => s.CampaignId == campaign.Id && s.UnitId == unit.Id, ct);
                if (submission?.State == SubmissionState.Returned)
                {
                    var returned = await db.ItemReviews.AsNoTracking()
                        .Where(r => r.SubmissionId == submission.Id && r.State == ItemReviewState.Returned).OrderBy(r => r.Id).ToListAsync(ct);
                    var items = returned.Select(r => scheme.Items.FirstOrDefault(i => i.Id == r.ItemId) is { } item
                        ? new TaskItemView(item.Id, item.No, item.Title, r.Reason) : new TaskItemView(r.ItemId, null, r.ItemId, r.Reason)).ToList();
                    var due = submission.ReturnDue is { } rd ? BeijingTime.Local(rd) : (DateTimeOffset?)null;
                    tasks.Add(new WorkspaceTask(ReturnedKind, "退回补充", campaign.Id, campaign.Name, unit.Id, unit.Name, due, due is { } d && now > d,
                        items.Count, $"{items.Count} 项指标被退回，请补充后重新提交", items));
                    continue;
                }
                if (campaign.State != CampaignState.Open || submission is not null && submission.State != SubmissionState.Draft)
                    continue;
                var schemeClass = members.First(m => m.Unit.Id == unit.Id).SchemeClass;
                var applicable = scheme.Items.Where(i => i.AppliesToUnit(schemeClass, unit.Id, unit.Name)).Select(i => i.Id).ToList();
                var answered = submission is null ? 0 : await db.SubmissionItems.AsNoTracking()
                    .CountAsync(i => i.SubmissionId == submission.Id && applicable.Contains(i.ItemId) && (i.FactsVersion > 0 || i.Explanation != null), ct);
                var dueAt = BeijingTime.Local(submission?.Due ?? campaign.EvidenceDue);
                tasks.Add(new WorkspaceTask(Fill, "待填报", campaign.Id, campaign.Name, unit.Id, unit.Name, dueAt, now > dueAt,
                    applicable.Count - answered, $"已填 {answered} / {applicable.Count} 项，填完后提交", []));
            }
        }
        return tasks;
    }
}
