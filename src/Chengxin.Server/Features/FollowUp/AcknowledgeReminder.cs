using Chengxin.Server.Data;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.FollowUp;

public sealed record AcknowledgeReminderRequest(string? Note, int ExpectedVersion);

/// <summary>The unit acknowledges a reminder once (who, when, an optional note); a second or stale acknowledgement is a 409. Audited.</summary>
public static class AcknowledgeReminder
{
    public static async Task<IResult> Acknowledge(long id, AcknowledgeReminderRequest request, ChengxinDbContext db, AccessScope scope, TimeProvider clock,
        CancellationToken ct)
    {
        var reminder = await db.WorkReminders.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (reminder is null)
            return ProblemResponses.NotFound("提示单");
        var validation = new Validation().Optional("note", request.Note, "签收说明", 1000);
        if (!validation.IsValid)
            return validation.Problem();
        if (reminder.AcknowledgedAt is not null)
            return ProblemResponses.Conflict("该提示单已签收，不能重复签收。");
        FollowUpContext.CheckVersion(reminder.Version, request.ExpectedVersion);
        reminder.AcknowledgedAt = clock.GetUtcNow().UtcDateTime;
        reminder.AcknowledgedByName = scope.ActorName;
        reminder.AcknowledgeNote = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim();
        reminder.Version++;
        await db.SaveChangesAsync(ct);
        var names = await FollowUpContext.UnitNamesAsync(db, [reminder.UnitId], ct);
        return TypedResults.Ok(FollowUpContext.View(reminder, names[reminder.UnitId]));
    }
}
