using Chengxin.Domain.Campaigns;
using Chengxin.Domain.Monitoring;
using Chengxin.Domain.Schemes;
using Chengxin.Domain.Scoring;
using Chengxin.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Events;

/// <summary>
/// The monitoring kinds of system facts (<see cref="SystemFacts.MonitoringKinds"/>) for the units of a campaign, over the campaign's
/// period: confirmed complaints by category, the departments involved in confirmed negative opinion, and confirmed list hits.
/// Each count comes with the records behind it, so that an item's explanation names the events and hits that cost points.
/// Rows are read past the unit scope, as every facts source is (<see cref="Facts.CampaignFacts"/>): the caller has already
/// established that the units are its to see.
/// </summary>
public static class MonitoringFacts
{
    /// <summary>One fact's value for one unit, and the records it was counted from, in words.</summary>
    public sealed record Counted(FactValue Value, IReadOnlyList<string> Records);

    /// <summary>Per unit, per fact key of a monitoring kind, the value and what it was counted from.</summary>
    public static async Task<Dictionary<long, Dictionary<string, Counted>>> LoadAsync(ChengxinDbContext db, long campaignId,
        IReadOnlyCollection<FactDefinition> facts, IReadOnlyCollection<long> unitIds, CancellationToken ct)
    {
        var result = unitIds.ToDictionary(u => u, _ => new Dictionary<string, Counted>(StringComparer.Ordinal));
        var wanted = facts.Select(f => (f.Key, Kind: SystemFacts.KindOf(f.Supplier))).Where(f => f.Kind is not null && SystemFacts.MonitoringKinds.Contains(f.Kind))
            .ToList();
        if (wanted.Count == 0 || unitIds.Count == 0)
            return result;
        var periodKey = await db.Campaigns.IgnoreQueryFilters([ChengxinDbContext.UnitScopeFilter]).Where(c => c.Id == campaignId)
            .Select(c => c.PeriodKey).FirstAsync(ct);
        var period = Period.ParseKey(periodKey);
        var (from, to) = (period.From, period.To);

        var eventKinds = wanted.Where(w => w.Kind != SystemFacts.ListedDishonest).ToList();
        var events = new List<(MonitoringEvent Event, string Words)>();
        if (eventKinds.Count > 0)
        {
            var rows = await db.MonitoringEvents.IgnoreQueryFilters([ChengxinDbContext.UnitScopeFilter]).AsNoTracking().Include(e => e.Units)
                .Where(e => e.State == EventState.Confirmed && e.OccurredOn >= from && e.OccurredOn <= to).ToListAsync(ct);
            events = rows.Select(e => (new MonitoringEvent(e.Id, e.Kind, e.Category, e.OccurredOn, e.State, e.Units.Select(u => u.UnitId).ToList()),
                $"{e.OccurredOn:yyyy-MM-dd} {e.Source}{MonitoringEvents.KindName(e.Kind)}“{Short(e.Content)}”")).ToList();
        }
        var words = events.ToDictionary(e => e.Event.Id, e => e.Words);
        var all = events.Select(e => e.Event).ToList();

        // The departments of a unit are the units below it in the tree (its path is their prefix).
        Dictionary<long, string> paths = [];
        if (eventKinds.Any(w => w.Kind == SystemFacts.OpinionDepartments))
        {
            var involved = all.SelectMany(e => e.UnitIds).Concat(unitIds).Distinct().ToList();
            paths = await db.Units.IgnoreQueryFilters([ChengxinDbContext.UnitScopeFilter]).AsNoTracking().Where(u => involved.Contains(u.Id))
                .ToDictionaryAsync(u => u.Id, u => u.Path, ct);
        }

        Dictionary<long, List<string>> listed = [];
        if (wanted.Any(w => w.Kind == SystemFacts.ListedDishonest))
        {
            var ids = unitIds.ToList();
            var hits = await (from h in db.ScreeningHits.IgnoreQueryFilters([ChengxinDbContext.UnitScopeFilter]).AsNoTracking()
                              join s in db.ListSnapshots on h.SnapshotId equals s.Id
                              join e in db.ListEntries on h.EntryId equals e.Id
                              where h.State == HitState.Confirmed && h.PersonId == null && ids.Contains(h.UnitId) && s.SnapshotDate >= period.From && s.SnapshotDate <= period.To
                              select new { h.UnitId, s.ListKind, s.Source, s.SnapshotDate, e.Name }).ToListAsync(ct);
            listed = hits.GroupBy(h => h.UnitId).ToDictionary(g => g.Key, g => g.Select(h =>
                $"{h.SnapshotDate:yyyy-MM-dd} {h.Source}{DishonestLists.ImportListSnapshot.ListKinds.GetValueOrDefault(h.ListKind, "")}名单“{h.Name}”").ToList());
        }

        foreach (var unitId in unitIds)
        {
            foreach (var (key, kind) in wanted)
            {
                result[unitId][key] = kind switch
                {
                    SystemFacts.OpenGovernmentComplaints => Events(MonitoringEvents.Counted(all, unitId, EventKind.Complaint, MonitoringEvents.OpenGovernment, from, to)),
                    SystemFacts.BrokenPromiseComplaints => Events(MonitoringEvents.Counted(all, unitId, EventKind.Complaint, MonitoringEvents.BrokenPromise, from, to)),
                    SystemFacts.OpinionDepartments => Departments(unitId),
                    _ => listed.TryGetValue(unitId, out var found) ? new Counted(FactValue.Bool(true), found) : new Counted(FactValue.Bool(false), []),
                };
            }
        }
        return result;

        Counted Events(IReadOnlyList<MonitoringEvent> counted) => new(FactValue.Count(counted.Count), counted.Select(e => words[e.Id]).ToList());

        Counted Departments(long unitId)
        {
            var own = paths.GetValueOrDefault(unitId);
            var below = paths.Where(p => own is not null && p.Value.StartsWith(own, StringComparison.Ordinal)).Select(p => p.Key).ToHashSet();
            var counted = all.Where(e => e.Kind == EventKind.Opinion && e.Category == MonitoringEvents.BrokenPromise && e.UnitIds.Any(below.Contains)).ToList();
            return new(FactValue.Count(MonitoringEvents.UnitsInvolved(all, below, MonitoringEvents.BrokenPromise, from, to)),
                counted.Select(e => words[e.Id]).ToList());
        }
    }

    /// <summary>The records behind an item's monitoring facts, in words, for its explanation; empty when none counted.</summary>
    public static string Note(IReadOnlyDictionary<string, Counted>? unit, Item item)
    {
        if (unit is null)
            return "";
        var records = item.Facts.Where(f => unit.ContainsKey(f.Key)).SelectMany(f => unit[f.Key].Records).Distinct().ToList();
        return records.Count == 0 ? "" : $"（计入：{string.Join("；", records)}）";
    }

    private static string Short(string content) =>
        content.Length <= 30 ? content : content[..30] + "…";
}
