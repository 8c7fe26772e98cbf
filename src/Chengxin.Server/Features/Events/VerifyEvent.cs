using Chengxin.Domain.Monitoring;
using Chengxin.Server.Data;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Events;

public sealed record VerifyEventRequest(bool Confirmed, string? Reason, int ExpectedVersion);

/// <summary>
/// 待核实 → 属实 or 不属实, with the verifier's reason; audited. The caller sends the version it read: of two racing verifications
/// one is stored, the other is a 409 and changes nothing. Only 属实 events count in campaigns.
/// </summary>
public static class VerifyEvent
{
    public static async Task<IResult> Verify(long id, VerifyEventRequest request, ChengxinDbContext db, AccessScope scope, TimeProvider clock,
        CancellationToken ct)
    {
        var record = await db.MonitoringEvents.Include(e => e.Units).FirstOrDefaultAsync(e => e.Id == id, ct);
        if (record is null)
            return ProblemResponses.NotFound("事件");
        var validation = new Validation().Required("reason", request.Reason, "核实理由", 500);
        if (!validation.IsValid)
            return validation.Problem();
        if (record.Version != request.ExpectedVersion)
            return ProblemResponses.Conflict(DatabaseConflicts.Message);
        record.State = MonitoringEvents.Verify(record.State, request.Confirmed, request.Reason);
        record.VerifyReason = request.Reason!.Trim();
        record.VerifiedBy = scope.UserId;
        record.VerifiedByName = scope.ActorName;
        record.VerifiedAt = clock.GetUtcNow().UtcDateTime;
        record.Version++;
        await db.SaveChangesAsync(ct);
        var ids = record.Units.Select(u => u.UnitId).ToList();
        var names = await db.Units.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        return TypedResults.Ok(RecordEvent.View(record, names));
    }
}
