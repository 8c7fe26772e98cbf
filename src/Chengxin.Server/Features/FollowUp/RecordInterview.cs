using Chengxin.Domain.FollowUp;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Notifications;
using Chengxin.Server.Infrastructure;

namespace Chengxin.Server.Features.FollowUp;

public sealed record RecordInterviewRequest(string? HeldAt, string? Attendees, string? Minutes, string? Commitments, string? NewDeadline,
    int ExpectedVersion);

/// <summary>
/// The office records an interview (约谈, art. 14) on an order that failed its verification or is overdue: when, who attended, the
/// minutes and the unit's commitments, and the new rectification deadline the unit committed to. Audited.
/// </summary>
public static class RecordInterview
{
    public static async Task<IResult> Record(long id, RecordInterviewRequest request, ChengxinDbContext db, AccessScope scope, TimeProvider clock,
        CancellationToken ct)
    {
        var order = await FollowUpContext.FindOrderAsync(db, id, ct);
        if (order is null)
            return ProblemResponses.NotFound("督办单");
        var now = clock.GetUtcNow();
        var validation = new Validation()
            .Required("attendees", request.Attendees, "参加人员", 1000)
            .Required("minutes", request.Minutes, "约谈记录", 8000)
            .Required("commitments", request.Commitments, "整改承诺", 4000);
        var heldAt = Instants.Parse(request.HeldAt, "heldAt", validation);
        validation.Check(validation.Has("heldAt") || heldAt <= now, "heldAt", "约谈时间不能晚于现在。");
        var newDeadline = Instants.Parse(request.NewDeadline, "newDeadline", validation);
        validation.Check(validation.Has("newDeadline") || newDeadline > now, "newDeadline", "新的整改期限须晚于现在。");
        if (!validation.IsValid)
            return validation.Problem();
        FollowUpContext.CheckVersion(order.Version, request.ExpectedVersion);
        order.State = SupervisionOrders.Interview(order.State, BeijingTime.Utc(order.Deadline), now);
        order.Deadline = newDeadline!.Value.UtcDateTime;
        order.Version++;
        db.OrderSteps.Add(new OrderStep
        {
            TenantId = order.TenantId, OrderId = order.Id, UnitId = order.UnitId, Kind = OrderStepKind.Interviewed, Text = request.Minutes!.Trim(),
            HeldAt = heldAt!.Value.UtcDateTime, Attendees = request.Attendees!.Trim(), Commitments = request.Commitments!.Trim(), ByName = scope.ActorName,
            At = now.UtcDateTime,
        });
        await Notices.PostToUnitAsync(db, order.UnitId, new Notice("supervision", $"督办单{SupervisionOrders.Number(order.Year, order.Sequence)}约谈记录",
            $"整改承诺：{request.Commitments!.Trim()}\n新的整改期限：{BeijingTime.Local(order.Deadline):yyyy年M月d日 HH:mm}", $"/follow-up/orders/{order.Id}",
            $"order-interviewed:{order.Id}:{order.Version}"), ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await GetOrder.CaseAsync(db, order, now, ct));
    }
}
