using Chengxin.Server.Data;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.FollowUp;

/// <summary>One order with its whole history and evidence, and the document it prints as (the referral carries all of it).</summary>
public static class GetOrder
{
    public static async Task<IResult> Get(long id, ChengxinDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var order = await db.SupervisionOrders.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, ct);
        if (order is null)
            return ProblemResponses.NotFound("督办单");
        return TypedResults.Ok(await CaseAsync(db, order, clock.GetUtcNow(), ct));
    }

    internal static async Task<OrderCaseView> CaseAsync(ChengxinDbContext db, SupervisionOrder order, DateTimeOffset now, CancellationToken ct)
    {
        var steps = await db.OrderSteps.AsNoTracking().Where(s => s.OrderId == order.Id).OrderBy(s => s.Id).ToListAsync(ct);
        var evidence = await db.OrderEvidence.AsNoTracking().Where(e => e.OrderId == order.Id).OrderBy(e => e.Id).ToListAsync(ct);
        var names = await FollowUpContext.UnitNamesAsync(db, [order.UnitId], ct);
        var office = await db.CreditOffices.AsNoTracking().Where(o => o.Id == order.TenantId).Select(o => o.Name).FirstAsync(ct);
        var view = FollowUpContext.View(order, names[order.UnitId], now);
        var stepViews = steps.Select(s => FollowUpDocuments.View(s, evidence)).ToList();
        return new OrderCaseView(view, stepViews, evidence.Where(e => e.StepId == null).Select(FollowUpDocuments.View).ToList(),
            FollowUpDocuments.Build(view, office, stepViews));
    }
}
