using Chengxin.Domain.Monitoring;
using Chengxin.Server.Data;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.DishonestLists;

/// <summary>A hit as shown: who was found (a unit, or a person of a unit), on which list entry, how, and what was decided.</summary>
public sealed record ScreeningHitView(long Id, long SnapshotId, string ListName, DateOnly SnapshotDate, long UnitId, string UnitName, bool IsPerson,
    string SubjectName, string EntryName, string? EntryCode, MatchKind Match, string MatchName, HitState State, string StateName, int Version,
    string? DecidedByName, DateTimeOffset? DecidedAt, string? Reason);

/// <summary>The hits the caller's unit scope reaches: all, or those in one state (the candidate queue is <c>?state=Candidate</c>).</summary>
public static class ScreeningHits
{
    public static async Task<IResult> List(HitState? state, long? snapshotId, ChengxinDbContext db, CancellationToken ct)
    {
        var hits = await db.ScreeningHits.AsNoTracking()
            .Where(h => (state == null || h.State == state) && (snapshotId == null || h.SnapshotId == snapshotId))
            .OrderByDescending(h => h.SnapshotId).ThenBy(h => h.Id).ToListAsync(ct);
        return TypedResults.Ok(await ViewsAsync(db, hits, ct));
    }

    public static async Task<List<ScreeningHitView>> ViewsAsync(ChengxinDbContext db, IReadOnlyCollection<ScreeningHitRecord> hits, CancellationToken ct)
    {
        var snapshotIds = hits.Select(h => h.SnapshotId).Distinct().ToList();
        var entryIds = hits.Select(h => h.EntryId).Distinct().ToList();
        var unitIds = hits.Select(h => h.UnitId).Distinct().ToList();
        var snapshots = await db.ListSnapshots.AsNoTracking().Where(s => snapshotIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        var entries = await db.ListEntries.AsNoTracking().Where(e => entryIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
        var units = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        return hits.Select(h => View(h, snapshots[h.SnapshotId], entries[h.EntryId], units.GetValueOrDefault(h.UnitId, ""))).ToList();
    }

    public static ScreeningHitView View(ScreeningHitRecord h, ListSnapshot snapshot, ListEntryRecord entry, string unitName) =>
        new(h.Id, h.SnapshotId, ImportListSnapshot.ListKinds.GetValueOrDefault(snapshot.ListKind, snapshot.ListKind), snapshot.SnapshotDate, h.UnitId,
            unitName, h.PersonId is not null, h.SubjectName, entry.Name, entry.Code, h.Match, MatchName(h.Match), h.State,
            MonitoringEvents.HitStateName(h.State), h.Version, h.DecidedByName, BeijingTime.Local(h.DecidedAt), h.Reason);

    public static string MatchName(MatchKind match) => match switch
    {
        MatchKind.Identifier => "证件号码一致",
        MatchKind.MaskedIdentifier => "遮挡号码的可见位一致",
        _ => "仅名称一致",
    };
}
