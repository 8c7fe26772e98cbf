using Chengxin.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.FollowUp;

/// <summary>The reminders the caller's scope reaches (a unit its own), newest first; optionally only those not yet acknowledged.</summary>
public static class ListReminders
{
    public static async Task<IResult> List(bool? pending, ChengxinDbContext db, CancellationToken ct)
    {
        var reminders = await db.WorkReminders.AsNoTracking().Where(r => pending != true || r.AcknowledgedAt == null)
            .OrderByDescending(r => r.IssuedAt).ThenByDescending(r => r.Id).Take(2000).ToListAsync(ct);
        var names = await FollowUpContext.UnitNamesAsync(db, reminders.Select(r => r.UnitId), ct);
        return TypedResults.Ok(reminders.Select(r => FollowUpContext.View(r, names[r.UnitId])).ToList());
    }
}
