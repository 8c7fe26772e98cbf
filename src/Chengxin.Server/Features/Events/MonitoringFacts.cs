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
        // Read past every filter, as the other facts sources are, by the campaign's office: a save's refresh of stored results runs
        // in whatever scope wrote the facts, the system actor's (no office) included.
        var campaign = await db.Campaigns.IgnoreQueryFilters().Where(c => c.Id == campaignId).Select(c => new { c.PeriodKey, c.TenantId }).FirstAsync(ct);
        var (periodKey, tenantId) = (campaign.PeriodKey, campaign.TenantId);
        var period = Period.ParseKey(periodKey);
        var (from, to) = (period.From, period.To);

        var eventKinds = wanted.Where(w => w.Kind is SystemFacts.OpenGovernmentComplaints or SystemFacts.BrokenPromiseComplaints or SystemFacts.OpinionDepartments)
            .ToList();
        var events = new List<(MonitoringEvent Event, string Words)>();
        if (eventKinds.Count > 0)
        {
            var rows = await db.MonitoringEvents.IgnoreQueryFilters().AsNoTracking().Include(e => e.Units)
                .Where(e => e.TenantId == tenantId && e.State == EventState.Confirmed && e.OccurredOn >= from && e.OccurredOn <= to).ToListAsync(ct);
            events = rows.Select(e => (new MonitoringEvent(e.Id, e.Kind, e.Category, e.OccurredOn, e.State, e.Units.Select(u => u.UnitId).ToList()),
                $"{e.OccurredOn:yyyy-MM-dd} {e.Source}{MonitoringEvents.KindName(e.Kind)}“{Short(e.Content)}”")).ToList();
        }
        var words = events.ToDictionary(e => e.Event.Id, e => e.Words);
        var all = events.Select(e => e.Event).ToList();

        // The departments of a unit are the units below it in the tree (its path is their prefix).
        Dictionary<long, string> paths = [];
        var personKinds = wanted.Any(w => w.Kind is SystemFacts.DishonestCivilServants or SystemFacts.CivilServantOpinionGrade);
        if (eventKinds.Any(w => w.Kind == SystemFacts.OpinionDepartments) || personKinds)
        {
            var ids = unitIds.ToList();
            var own = await db.Units.IgnoreQueryFilters().AsNoTracking().Where(u => EF.Parameter(ids).Contains(u.Id))
                .Select(u => u.Path).ToListAsync(ct);
            var involved = all.SelectMany(e => e.UnitIds).Concat(unitIds).Distinct().ToList();
            paths = await db.Units.IgnoreQueryFilters().AsNoTracking().Where(u => EF.Parameter(involved).Contains(u.Id))
                .ToDictionaryAsync(u => u.Id, u => u.Path, ct);
            // The persons of a unit are those of the units below it too (a county government answers for its departments' hires).
            if (personKinds)
                foreach (var u in await UnitsBelowAsync(db, own, ct))
                    paths.TryAdd(u.Id, u.Path);
        }

        Dictionary<(long Unit, string Kind), List<string>> listed = [];
        var listKinds = wanted.Where(w => SystemFacts.ListKinds.Contains(w.Kind!)).Select(w => w.Kind!).ToHashSet();
        if (listKinds.Count > 0)
        {
            var ids = unitIds.ToList();
            var hits = await (from h in db.ScreeningHits.IgnoreQueryFilters().AsNoTracking()
                              join s in db.ListSnapshots.IgnoreQueryFilters() on h.SnapshotId equals s.Id
                              join e in db.ListEntries.IgnoreQueryFilters() on h.EntryId equals e.Id
                              where h.TenantId == tenantId && h.State == HitState.Confirmed && h.PersonId == null && EF.Parameter(ids).Contains(h.UnitId) && s.SnapshotDate >= period.From && s.SnapshotDate <= period.To
                              select new { h.UnitId, s.ListKind, s.Source, s.SnapshotDate, e.Name }).ToListAsync(ct);
            foreach (var kind in listKinds)
            {
                var of = kind switch
                {
                    SystemFacts.ListedDishonestDebtor => hits.Where(h => h.ListKind == DishonestLists.ImportListSnapshot.DishonestDebtor),
                    SystemFacts.ListedJointPunishment => hits.Where(h => h.ListKind == DishonestLists.ImportListSnapshot.JointPunishment),
                    _ => hits,
                };
                foreach (var g in of.GroupBy(h => h.UnitId))
                    listed[(g.Key, kind)] = g.Select(h =>
                        $"{h.SnapshotDate:yyyy-MM-dd} {h.Source}{DishonestLists.ImportListSnapshot.ListKinds.GetValueOrDefault(h.ListKind, "")}名单“{h.Name}”").ToList();
            }
        }

        // Persons found, confirmed, on a list dated in the period: each once however many lists or snapshots name them.
        List<PersonHit> persons = [];
        Dictionary<long, long> populations = [];
        if (personKinds)
        {
            var below = paths.Keys.ToList();
            persons = (await (from h in db.ScreeningHits.IgnoreQueryFilters().AsNoTracking()
                              join s in db.ListSnapshots.IgnoreQueryFilters() on h.SnapshotId equals s.Id
                              join p in db.ScreenedPersons.IgnoreQueryFilters() on h.PersonId equals p.Id
                              where h.TenantId == tenantId && h.State == HitState.Confirmed && h.PersonId != null && EF.Parameter(below).Contains(h.UnitId)
                                  && s.SnapshotDate >= period.From && s.SnapshotDate <= period.To
                              select new { p.Id, p.UnitId, p.Name, p.IdNumber, p.Reason, p.JoinedOn, s.ListKind, s.SnapshotDate }).ToListAsync(ct))
                .GroupBy(p => p.Id).Select(g => g.OrderBy(p => p.SnapshotDate).First())
                .Select(p => new PersonHit(p.UnitId, p.JoinedOn,
                    $"{p.Reason}人员{p.Name}（{DishonestLists.ManagePersons.Mask(p.IdNumber)}，{p.JoinedOn:yyyy-MM-dd}{p.Reason}）经 {p.SnapshotDate:yyyy-MM-dd} "
                    + $"{DishonestLists.ImportListSnapshot.ListKinds.GetValueOrDefault(p.ListKind, "")}名单比对确认")).ToList();
            var ids = unitIds.ToList();
            populations = await db.UnitPopulations.IgnoreQueryFilters().AsNoTracking().Where(p => EF.Parameter(ids).Contains(p.UnitId))
                .ToDictionaryAsync(p => p.UnitId, p => p.Population, ct);
        }

        foreach (var unitId in unitIds)
        {
            foreach (var (key, kind) in wanted)
            {
                var counted = kind switch
                {
                    SystemFacts.OpenGovernmentComplaints => Events(MonitoringEvents.Counted(all, unitId, EventKind.Complaint, MonitoringEvents.OpenGovernment, from, to)),
                    SystemFacts.BrokenPromiseComplaints => Events(MonitoringEvents.Counted(all, unitId, EventKind.Complaint, MonitoringEvents.BrokenPromise, from, to)),
                    SystemFacts.OpinionDepartments => Departments(unitId),
                    SystemFacts.DishonestCivilServants => Hired(unitId),
                    SystemFacts.CivilServantOpinionGrade => Grade(unitId),
                    _ => listed.TryGetValue((unitId, kind!), out var found) ? new Counted(FactValue.Bool(true), found) : new Counted(FactValue.Bool(false), []),
                };
                if (counted is not null)
                    result[unitId][key] = counted;
            }
        }
        return result;

        List<PersonHit> Below(long unitId)
        {
            var own = paths.GetValueOrDefault(unitId);
            return own is null ? [] : persons.Where(p => paths.TryGetValue(p.UnitId, out var path) && path.StartsWith(own, StringComparison.Ordinal)).ToList();
        }

        Counted Hired(long unitId)
        {
            var hired = Below(unitId).Where(p => p.JoinedOn >= from && p.JoinedOn <= to).ToList();
            return new(FactValue.Count(hired.Count), hired.Select(p => p.Words).ToList());
        }

        // No population on record, no index: the fact stays unanswered and the explanation says why.
        Counted? Grade(long unitId)
        {
            var found = Below(unitId);
            var grade = SystemFacts.OpinionIndex(found.Count, populations.TryGetValue(unitId, out var population) ? population : null);
            return grade is null ? null : new(FactValue.Count(grade.Value),
                [.. found.Select(p => p.Words), $"人口 {population:N0} 人，每十万人口 {found.Count * 100_000m / Math.Max(1, population):0.##} 人，第 {grade} 档"]);
        }

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

    private sealed record PersonHit(long UnitId, DateOnly JoinedOn, string Words);

    private static async Task<List<(long Id, string Path)>> UnitsBelowAsync(ChengxinDbContext db, List<string> roots, CancellationToken ct)
    {
        var found = new List<(long, string)>();
        foreach (var root in roots)
            found.AddRange((await db.Units.IgnoreQueryFilters().AsNoTracking().Where(u => u.Path.StartsWith(root))
                .Select(u => new { u.Id, u.Path }).ToListAsync(ct)).Select(u => (u.Id, u.Path)));
        return found;
    }

    private static string Short(string content) =>
        content.Length <= 30 ? content : content[..30] + "…";
}
