using Chengxin.Domain.Monitoring;
using Chengxin.Server.Data;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.DishonestLists;

public sealed record DecideHitRequest(string? Reason, int ExpectedVersion);

/// <summary>
/// A person confirms a candidate (the unit or person is the one listed) or dismisses it (同名不同人, another number behind the mask),
/// always with a reason; audited. The caller sends the version it read: a decision on a version another has just changed is a 409.
/// </summary>
public static class DecideHit
{
    public static Task<IResult> Confirm(long id, DecideHitRequest request, ChengxinDbContext db, AccessScope scope, TimeProvider clock, CancellationToken ct) =>
        DecideAsync(id, request, confirmed: true, db, scope, clock, ct);

    public static Task<IResult> Dismiss(long id, DecideHitRequest request, ChengxinDbContext db, AccessScope scope, TimeProvider clock, CancellationToken ct) =>
        DecideAsync(id, request, confirmed: false, db, scope, clock, ct);

    private static async Task<IResult> DecideAsync(long id, DecideHitRequest request, bool confirmed, ChengxinDbContext db, AccessScope scope,
        TimeProvider clock, CancellationToken ct)
    {
        var hit = await db.ScreeningHits.FirstOrDefaultAsync(h => h.Id == id, ct);
        if (hit is null)
            return ProblemResponses.NotFound("比对结果");
        var validation = new Validation().Required("reason", request.Reason, "理由", 500);
        if (!validation.IsValid)
            return validation.Problem();
        if (hit.Version != request.ExpectedVersion)
            return ProblemResponses.Conflict(DatabaseConflicts.Message);
        hit.State = MonitoringEvents.Decide(hit.State, confirmed, request.Reason);
        hit.Reason = request.Reason!.Trim();
        hit.DecidedBy = scope.UserId;
        hit.DecidedByName = scope.ActorName;
        hit.DecidedAt = clock.GetUtcNow().UtcDateTime;
        hit.Version++;
        await db.SaveChangesAsync(ct);
        var views = await ScreeningHits.ViewsAsync(db, [hit], ct);
        return TypedResults.Ok(views[0]);
    }
}
