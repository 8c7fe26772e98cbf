using Chengxin.Domain.FollowUp;
using Chengxin.Server.Data;
using Chengxin.Server.Features.FollowUp;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Workspace;

/// <summary>
/// 我的待办 from the follow-up chain: a unit's liaison acknowledges reminders and answers supervision orders (the soonest deadline
/// first); the office verifies replies and escalates overdue or failed orders (约谈, then 移交问责). Counted over the caller's scope.
/// </summary>
public static class FollowUpTasks
{
    public const string Acknowledge = "acknowledge-reminder";
    public const string ReplyOrder = "reply-order";
    public const string VerifyReply = "verify-reply";
    public const string Escalate = "escalate-order";

    public static async Task<List<WorkspaceTask>> BuildAsync(ChengxinDbContext db, AccessScope scope, DateTimeOffset now, CancellationToken ct)
    {
        var tasks = new List<WorkspaceTask>();
        if (Roles.Grants(scope.Role, FollowUpPermissions.Respond))
        {
            var reminders = await db.WorkReminders.AsNoTracking().CountAsync(r => r.AcknowledgedAt == null, ct);
            if (reminders > 0)
                tasks.Add(new WorkspaceTask(Acknowledge, "签收提示单", null, null, null, null, null, false, reminders,
                    $"工作提示单待签收 {reminders} 份", []));
            var owed = await db.SupervisionOrders.AsNoTracking()
                .Where(o => o.State == OrderState.Issued || o.State == OrderState.Failed || o.State == OrderState.Interviewed)
                .OrderBy(o => o.Deadline).Select(o => new { o.Year, o.Sequence, o.Deadline }).ToListAsync(ct);
            if (owed.Count > 0)
            {
                var due = BeijingTime.Local(owed[0].Deadline);
                tasks.Add(new WorkspaceTask(ReplyOrder, "督办整改", null, null, null, null, due, now > due, owed.Count,
                    $"督办单待报送整改报告 {owed.Count} 份（最近期限：{SupervisionOrders.Number(owed[0].Year, owed[0].Sequence)}）", []));
            }
        }
        if (Roles.Grants(scope.Role, FollowUpPermissions.Manage))
        {
            var replies = await db.SupervisionOrders.AsNoTracking().CountAsync(o => o.State == OrderState.Replied, ct);
            if (replies > 0)
                tasks.Add(new WorkspaceTask(VerifyReply, "核验整改", null, null, null, null, null, false, replies,
                    $"整改报告待核验 {replies} 份（通过，或不通过并写明理由）", []));
            var utcNow = now.UtcDateTime;
            var escalate = await db.SupervisionOrders.AsNoTracking().CountAsync(o => o.State == OrderState.Failed
                || ((o.State == OrderState.Issued || o.State == OrderState.Interviewed) && o.Deadline < utcNow), ct);
            if (escalate > 0)
                tasks.Add(new WorkspaceTask(Escalate, "督办升级", null, null, null, null, null, true, escalate,
                    $"督办单逾期或核验不通过 {escalate} 份，待约谈或移交问责线索", []));
        }
        return tasks;
    }
}
