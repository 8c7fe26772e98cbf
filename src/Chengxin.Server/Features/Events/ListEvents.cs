using Chengxin.Domain.Monitoring;
using Chengxin.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Events;

/// <summary>The register as the caller's scope reaches it (a unit sees the events about itself), newest first; filtered by kind and state.</summary>
public static class ListEvents
{
    public static async Task<IResult> List(EventKind? kind, EventState? state, ChengxinDbContext db, CancellationToken ct)
    {
        var events = await db.MonitoringEvents.AsNoTracking().Include(e => e.Units)
            .Where(e => (kind == null || e.Kind == kind) && (state == null || e.State == state))
            .OrderByDescending(e => e.OccurredOn).ThenByDescending(e => e.Id).Take(2000).ToListAsync(ct);
        var ids = events.SelectMany(e => e.Units).Select(u => u.UnitId).Distinct().ToList();
        // Only the units in the caller's scope are named; an event about another unit as well shows just the caller's own.
        var names = await db.Units.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        return TypedResults.Ok(events.Select(e => RecordEvent.View(e, names)).ToList());
    }
}
