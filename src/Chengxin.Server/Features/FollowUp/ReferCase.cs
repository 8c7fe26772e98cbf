using Chengxin.Domain.FollowUp;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Notifications;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.FollowUp;

public sealed record ReferCaseRequest(string? ReferredTo, string? Reason, int ExpectedVersion);

/// <summary>
/// The office refers the case to the supervising body (问责线索, art. 16: 向督导考核问责专班报告) once an interview has not brought the
/// unit into line (overdue again, or failed again); the answer is the whole history as one document. Audited.
/// </summary>
public static class ReferCase
{
    public static async Task<IResult> Refer(long id, ReferCaseRequest request, ChengxinDbContext db, AccessScope scope, TimeProvider clock,
        CancellationToken ct)
    {
        var order = await FollowUpContext.FindOrderAsync(db, id, ct);
        if (order is null)
            return ProblemResponses.NotFound("督办单");
        var validation = new Validation()
            .Required("referredTo", request.ReferredTo, "移交对象", 200)
            .Required("reason", request.Reason, "移交理由", 4000);
        if (!validation.IsValid)
            return validation.Problem();
        FollowUpContext.CheckVersion(order.Version, request.ExpectedVersion);
        var now = clock.GetUtcNow();
        var interviewed = await db.OrderSteps.AnyAsync(s => s.OrderId == order.Id && s.Kind == OrderStepKind.Interviewed, ct);
        order.State = SupervisionOrders.Refer(order.State, interviewed, BeijingTime.Utc(order.Deadline), now);
        order.Version++;
        db.OrderSteps.Add(new OrderStep
        {
            TenantId = order.TenantId, OrderId = order.Id, UnitId = order.UnitId, Kind = OrderStepKind.Referred, Text = request.Reason!.Trim(),
            ReferredTo = request.ReferredTo!.Trim(), ByName = scope.ActorName, At = now.UtcDateTime,
        });
        await Notices.PostToUnitAsync(db, order.UnitId, new Notice("supervision", $"督办单{SupervisionOrders.Number(order.Year, order.Sequence)}已移交问责",
            $"问题线索已移交{request.ReferredTo!.Trim()}。", $"/follow-up/orders/{order.Id}", $"order-referred:{order.Id}"), ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await GetOrder.CaseAsync(db, order, now, ct));
    }
}
