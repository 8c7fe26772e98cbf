using Chengxin.Server.Data;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.FollowUp;

public sealed record ClearWarningRequest(string? Reason, int ExpectedVersion);

/// <summary>The office clears an active warning with a reason (its cause stays recorded, so the rule does not raise it again). Audited.</summary>
public static class ClearWarning
{
    public static async Task<IResult> Clear(long id, ClearWarningRequest request, ChengxinDbContext db, AccessScope scope, TimeProvider clock,
        CancellationToken ct)
    {
        var warning = await db.FollowUpWarnings.FirstOrDefaultAsync(w => w.Id == id, ct);
        if (warning is null)
            return ProblemResponses.NotFound("预警");
        var validation = new Validation().Required("reason", request.Reason, "解除理由", 500);
        if (!validation.IsValid)
            return validation.Problem();
        if (warning.ClearedAt is not null)
            return ProblemResponses.Conflict("该预警已解除。");
        FollowUpContext.CheckVersion(warning.Version, request.ExpectedVersion);
        warning.ClearedAt = clock.GetUtcNow().UtcDateTime;
        warning.ClearedByName = scope.ActorName;
        warning.ClearReason = request.Reason!.Trim();
        warning.Version++;
        await db.SaveChangesAsync(ct);
        var names = await FollowUpContext.UnitNamesAsync(db, [warning.UnitId], ct);
        return TypedResults.Ok(FollowUpContext.View(warning, names[warning.UnitId]));
    }
}
