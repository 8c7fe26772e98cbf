using Chengxin.Domain.FollowUp;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Notifications;
using Chengxin.Server.Infrastructure;

namespace Chengxin.Server.Features.FollowUp;

public sealed record VerifyReplyRequest(bool Passed, string? Reason, int ExpectedVersion);

/// <summary>
/// The office verifies the unit's reply: 通过 closes the order, 不通过 (with the reason the unit reads) sends it back and makes it a
/// case to escalate. Only a reply waiting for verification; a stale or second verification is a 409. Audited.
/// </summary>
public static class VerifyReply
{
    public static async Task<IResult> Verify(long id, VerifyReplyRequest request, ChengxinDbContext db, AccessScope scope, TimeProvider clock,
        CancellationToken ct)
    {
        var order = await FollowUpContext.FindOrderAsync(db, id, ct);
        if (order is null)
            return ProblemResponses.NotFound("督办单");
        var validation = new Validation().Optional("reason", request.Reason, "核验意见", 2000);
        validation.Check(request.Passed || !string.IsNullOrWhiteSpace(request.Reason), "reason", "核验不通过须写明理由。");
        if (!validation.IsValid)
            return validation.Problem();
        FollowUpContext.CheckVersion(order.Version, request.ExpectedVersion);
        order.State = SupervisionOrders.Verify(order.State, request.Passed, request.Reason);
        order.Version++;
        var now = clock.GetUtcNow();
        db.OrderSteps.Add(new OrderStep
        {
            TenantId = order.TenantId, OrderId = order.Id, UnitId = order.UnitId, Kind = request.Passed ? OrderStepKind.Passed : OrderStepKind.Failed,
            Text = string.IsNullOrWhiteSpace(request.Reason) ? "整改到位。" : request.Reason.Trim(), ByName = scope.ActorName, At = now.UtcDateTime,
        });
        await Notices.PostToUnitAsync(db, order.UnitId, new Notice("supervision",
            $"督办单{SupervisionOrders.Number(order.Year, order.Sequence)}核验{(request.Passed ? "通过" : "不通过")}",
            request.Passed ? "整改到位，督办办结。" : $"不通过的理由：{request.Reason!.Trim()}\n请继续整改后再次报送。", $"/follow-up/orders/{order.Id}",
            $"order-verified:{order.Id}:{order.Version}"), ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await GetOrder.CaseAsync(db, order, now, ct));
    }
}
