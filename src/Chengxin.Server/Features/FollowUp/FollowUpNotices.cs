using Chengxin.Domain.FollowUp;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Notifications;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.FollowUp;

/// <summary>
/// The notices of the chain that more than one use case posts. Each is added with the action that caused it and committed by its
/// save; a cause is told to a person once.
/// </summary>
internal static class FollowUpNotices
{
    public static Task ReminderAsync(ChengxinDbContext db, WorkReminder reminder, string causeKey, CancellationToken ct) =>
        Notices.PostToUnitAsync(db, reminder.UnitId, new Notice("reminder", $"工作提示单：{reminder.Title}",
            $"{reminder.Content}\n反馈要求：{reminder.ExpectedResponse}", "/follow-up/reminders", causeKey), ct);

    /// <summary>
    /// Tells the unit and the office once about each order whose rectification deadline has passed while the unit still owes its
    /// report (the deadline is part of the cause: a new deadline after an interview is a new cause).
    /// </summary>
    public static async Task<int> OverdueAsync(ChengxinDbContext db, long tenantId, DateTimeOffset now, CancellationToken ct)
    {
        var utcNow = now.UtcDateTime;
        var overdue = await db.SupervisionOrders.AsNoTracking()
            .Where(o => (o.State == OrderState.Issued || o.State == OrderState.Failed || o.State == OrderState.Interviewed) && o.Deadline < utcNow)
            .ToListAsync(ct);
        foreach (var order in overdue)
        {
            var notice = new Notice("supervision", $"督办单{SupervisionOrders.Number(order.Year, order.Sequence)}已逾期",
                $"整改期限 {BeijingTime.Local(order.Deadline):yyyy年M月d日 HH:mm} 已过，尚未报送整改报告或整改未通过核验。", $"/follow-up/orders/{order.Id}",
                $"order-overdue:{order.Id}:{order.Deadline.Ticks}");
            await Notices.PostToUnitAsync(db, order.UnitId, notice, ct);
            await Notices.PostToOfficeAsync(db, tenantId, notice, ct);
        }
        await db.SaveChangesAsync(ct);
        return overdue.Count;
    }
}
