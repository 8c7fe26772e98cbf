using Chengxin.Domain.FollowUp;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Notifications;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.FollowUp;

public sealed record IssueOrderRequest(long UnitId, string? Problem, string? Requirement, string? Deadline, long? WarningId);

/// <summary>
/// The office issues a supervision order (督办单, seed 003 art. 14: 及时下发督办单，实行挂牌督办) to one unit, numbered 〔YYYY〕第N号 per
/// office and year, with the problem, the requirement and the rectification deadline; optionally answering one of the unit's
/// warnings. The unit is authorised first; audited.
/// </summary>
public static class IssueOrder
{
    public static async Task<IResult> Issue(IssueOrderRequest request, ChengxinDbContext db, AccessScope scope, TimeProvider clock, CancellationToken ct)
    {
        var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == request.UnitId, ct);
        if (unit is null)
            return ProblemResponses.NotFound("单位");
        if (request.WarningId is { } warningId && !await db.FollowUpWarnings.AnyAsync(w => w.Id == warningId && w.UnitId == unit.Id, ct))
            return ProblemResponses.NotFound("预警");
        var now = clock.GetUtcNow();
        var validation = new Validation()
            .Required("problem", request.Problem, "存在问题", 4000)
            .Required("requirement", request.Requirement, "整改要求", 4000);
        var deadline = Instants.Parse(request.Deadline, "deadline", validation);
        validation.Check(validation.Has("deadline") || deadline > now, "deadline", "整改期限须晚于现在。");
        if (!validation.IsValid)
            return validation.Problem();

        var order = new SupervisionOrder
        {
            TenantId = scope.TenantId, UnitId = unit.Id, Year = FollowUpContext.Year(now), WarningId = request.WarningId,
            Problem = request.Problem!.Trim(), Requirement = request.Requirement!.Trim(), Deadline = deadline!.Value.UtcDateTime,
            State = OrderState.Issued, IssuedByName = scope.ActorName, IssuedAt = now.UtcDateTime,
        };
        db.SupervisionOrders.Add(order);
        db.OrderSteps.Add(new OrderStep
        {
            TenantId = scope.TenantId, UnitId = unit.Id, Kind = OrderStepKind.Issued, ByName = scope.ActorName, At = now.UtcDateTime,
            Text = $"下发督办单。存在问题：{order.Problem}；整改要求：{order.Requirement}；整改期限：{BeijingTime.Local(order.Deadline):yyyy年M月d日 HH:mm}。",
            Order = order,
        });
        await Notices.PostToUnitAsync(db, unit.Id, new Notice("supervision", "收到督办单", $"存在问题：{order.Problem}\n整改要求：{order.Requirement}\n" +
            $"整改期限：{BeijingTime.Local(order.Deadline):yyyy年M月d日 HH:mm}", "/follow-up/orders", $"order-issued:{Guid.NewGuid():N}"), ct);
        await FollowUpContext.SaveNumberedAsync(db, scope.TenantId, [order], FollowUpContext.OrderSeries(db, scope.TenantId, order.Year),
            (o, n) => o.Sequence = n, ct);
        return TypedResults.Created($"/api/follow-up/orders/{order.Id}", FollowUpContext.View(order, unit.Name, now));
    }
}
