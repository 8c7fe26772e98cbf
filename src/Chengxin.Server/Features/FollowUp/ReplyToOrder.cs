using Chengxin.Domain.FollowUp;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Notifications;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.FollowUp;

public sealed record ReplyToOrderRequest(string? Report, int ExpectedVersion);

/// <summary>
/// The unit replies with its rectification report; the evidence uploaded since the last reply goes with it. 待整改 (or sent back)
/// → 待核验; a stale or second reply is a 409 and changes nothing. Audited.
/// </summary>
public static class ReplyToOrder
{
    public static async Task<IResult> Reply(long id, ReplyToOrderRequest request, ChengxinDbContext db, AccessScope scope, TimeProvider clock,
        CancellationToken ct)
    {
        var order = await FollowUpContext.FindOrderAsync(db, id, ct);
        if (order is null)
            return ProblemResponses.NotFound("督办单");
        var validation = new Validation().Required("report", request.Report, "整改报告", 8000);
        if (!validation.IsValid)
            return validation.Problem();
        FollowUpContext.CheckVersion(order.Version, request.ExpectedVersion);
        order.State = SupervisionOrders.Reply(order.State);
        order.Version++;
        var now = clock.GetUtcNow();
        var step = new OrderStep
        {
            TenantId = order.TenantId, OrderId = order.Id, UnitId = order.UnitId, Kind = OrderStepKind.Replied, Text = request.Report!.Trim(),
            ByName = scope.ActorName, At = now.UtcDateTime,
        };
        db.OrderSteps.Add(step);
        foreach (var evidence in await db.OrderEvidence.Where(e => e.OrderId == order.Id && e.StepId == null).ToListAsync(ct))
            evidence.Step = step;
        await Notices.PostToOfficeAsync(db, order.TenantId, new Notice("supervision", $"督办单{SupervisionOrders.Number(order.Year, order.Sequence)}已报送整改报告",
            step.Text, $"/follow-up/orders/{order.Id}", $"order-replied:{order.Id}:{order.Version}"), ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await GetOrder.CaseAsync(db, order, now, ct));
    }
}
