using Chengxin.Domain.FollowUp;
using Chengxin.Server.Data;
using Chengxin.Server.Features.FollowUp;
using Chengxin.Server.Infrastructure;

namespace Chengxin.Server.Demo;

/// <summary>
/// The follow-up chain of the demo office: its rules for the towns' scheme family run once over the published quarters (warnings
/// on low scores, reminders before the open quarter's deadline), a work reminder to 石门镇 by hand, an order to 柳溪乡 waiting for
/// its reply, and an order to 石门镇 whose reply waits for the office's verification.
/// </summary>
internal static class DemoFollowUp
{
    public static async Task SeedAsync(ChengxinDbContext db, AccessScope scope, IReadOnlyDictionary<string, Unit> units, DateTimeOffset now,
        CancellationToken ct)
    {
        db.FollowUpRules.AddRange(
            new FollowUpRule { TenantId = scope.TenantId, SchemeFamily = "jiaxian-towns", Kind = RuleKind.ScoreBelow, Threshold = 80, IsEnabled = true },
            new FollowUpRule { TenantId = scope.TenantId, SchemeFamily = "jiaxian-towns", Kind = RuleKind.DeadlineReminder, Threshold = 30, IsEnabled = true },
            new FollowUpRule { TenantId = scope.TenantId, SchemeFamily = "jiaxian-towns", Kind = RuleKind.ConsecutiveLate, Threshold = 2, IsEnabled = true });
        await db.SaveChangesAsync(ct);
        await RunRules.RunAsync(db, scope, now, ct);

        var shimen = units["YC-QS-SM"];
        var longxi = units["YC-QS-LX"];
        var reminder = IssueReminder.New(scope, shimen.Id, "关于报送信用承诺履约情况的提示", "请于本月底前报送本单位信用承诺履约情况统计表。", "签收后按期报送统计表。",
            now.AddDays(10), now);
        db.WorkReminders.Add(reminder);
        await FollowUpContext.SaveNumberedAsync(db, scope.TenantId, [reminder], FollowUpContext.ReminderSeries(db, scope.TenantId, FollowUpContext.Year(now)),
            (r, n) => r.Sequence = n, ct);

        var waiting = Order(scope, longxi, "政务公开栏目连续两月未更新", "补齐栏目内容，建立更新台账并明确专人负责。", now.AddDays(10), now);
        var replied = Order(scope, shimen, "“双公示”行政处罚信息上报超过 7 个工作日", "梳理逾期原因，完善报送流程并报送整改报告。", now.AddDays(5), now);
        replied.State = OrderState.Replied;
        replied.Version = 1;
        db.SupervisionOrders.AddRange(waiting, replied);
        db.OrderSteps.AddRange(Issued(scope, waiting, now), Issued(scope, replied, now), new OrderStep
        {
            TenantId = scope.TenantId, Order = replied, UnitId = shimen.Id, Kind = OrderStepKind.Replied, ByName = "王芳", At = now.AddHours(2).UtcDateTime,
            Text = "已明确执法大队专人负责，报送时限纳入月度考核；本月处罚信息均已在 7 个工作日内报送。",
        });
        await FollowUpContext.SaveNumberedAsync(db, scope.TenantId, [waiting, replied], FollowUpContext.OrderSeries(db, scope.TenantId, FollowUpContext.Year(now)),
            (o, n) => o.Sequence = n, ct);
    }

    private static SupervisionOrder Order(AccessScope scope, Unit unit, string problem, string requirement, DateTimeOffset deadline, DateTimeOffset now) => new()
    {
        TenantId = scope.TenantId, UnitId = unit.Id, Year = FollowUpContext.Year(now), Problem = problem, Requirement = requirement,
        Deadline = deadline.UtcDateTime, State = OrderState.Issued, IssuedByName = "张晓明", IssuedAt = now.UtcDateTime,
    };

    private static OrderStep Issued(AccessScope scope, SupervisionOrder order, DateTimeOffset now) => new()
    {
        TenantId = scope.TenantId, Order = order, UnitId = order.UnitId, Kind = OrderStepKind.Issued, ByName = "张晓明", At = now.UtcDateTime,
        Text = $"下发督办单。存在问题：{order.Problem}；整改要求：{order.Requirement}。",
    };
}
