using Chengxin.Server.Data;
using Chengxin.Server.Features.Notifications;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Workspace;

/// <summary>
/// 我的待办 from notifications (issue 17): messages an outbound channel gave up on, for whoever configures the channels, so that a
/// wrong password or a removed robot is noticed and the messages sent again.
/// </summary>
public static class NotificationTasks
{
    public const string FailedDeliveries = "failed-deliveries";

    public static async Task<List<WorkspaceTask>> BuildAsync(ChengxinDbContext db, AccessScope scope, CancellationToken ct)
    {
        if (!Roles.Grants(scope.Role, NotificationPermissions.Channels))
            return [];
        var failed = await db.OutboxMessages.AsNoTracking().CountAsync(m => m.State == OutboxState.Failed, ct);
        return failed == 0
            ? []
            : [new WorkspaceTask(FailedDeliveries, "消息发送失败", null, null, null, null, null, false, failed,
                $"外发消息发送失败 {failed} 条（查看原因后重新发送）", [])];
    }
}
