using Chengxin.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.FollowUp;

/// <summary>
/// The 挂牌督办 list: the orders the caller's scope reaches (a unit its own), open ones first by deadline, each with its state and the
/// Beijing days remaining; <c>open=false</c> lists the closed ones as well.
/// </summary>
public static class ListOrders
{
    public static async Task<IResult> List(bool? open, ChengxinDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var orders = await db.SupervisionOrders.AsNoTracking()
            .OrderByDescending(o => o.Year).ThenByDescending(o => o.Sequence).Take(2000).ToListAsync(ct);
        var names = await FollowUpContext.UnitNamesAsync(db, orders.Select(o => o.UnitId), ct);
        var views = orders.Select(o => FollowUpContext.View(o, names[o.UnitId], now)).Where(v => open != true || v.IsOpen)
            .OrderByDescending(v => v.IsOpen).ThenBy(v => v.IsOpen ? v.Deadline : DateTimeOffset.MaxValue).ThenByDescending(v => v.Id).ToList();
        return TypedResults.Ok(views);
    }
}
