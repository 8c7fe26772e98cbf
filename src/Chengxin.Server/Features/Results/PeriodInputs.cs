using System.Text.Json;
using Chengxin.Domain.Campaigns;
using Chengxin.Domain.Scoring;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Campaigns;
using Microsoft.EntityFrameworkCore;

using Chengxin.Server.Infrastructure;

namespace Chengxin.Server.Features.Results;

public sealed record PeriodSourceView(long CampaignId, string Name, string PeriodKey, string PeriodLabel, int PublishedVersion);

/// <summary>What a campaign's results take from other periods: the composite's published totals and the earlier periods' results.</summary>
public sealed class PeriodContext
{
    public IReadOnlyList<PeriodSourceView> CompositeSources { get; init; } = [];
    public IReadOnlyList<string> CompositeKeys { get; init; } = [];
    public Dictionary<long, List<decimal?>> CompositeTotals { get; init; } = [];
    public bool IsComposite { get; init; }
    public int CarryWindow { get; init; }
    public IReadOnlyList<PeriodSourceView> CarrySources { get; init; } = [];
    public Dictionary<long, List<UnitResult>> Earlier { get; init; } = [];

    /// <summary>The published results read (their ids): what a stored result records as its inputs from other campaigns.</summary>
    public IReadOnlyList<long> PublishedIds { get; init; } = [];

    public CompositeInput? CompositeOf(long unitId) =>
        !IsComposite ? null : new CompositeInput(CompositeTotals.TryGetValue(unitId, out var t) ? t : [.. CompositeKeys.Select(_ => (decimal?)null)]);

    public IReadOnlyList<UnitResult>? EarlierOf(long unitId) => Earlier.TryGetValue(unitId, out var e) ? e : null;
}

/// <summary>
/// The other periods a campaign's results draw on. Seed 003: the annual campaign's 任务完成情况 is the composite of the month
/// campaigns' published totals; seed 002: points valid for several quarters carry from the earlier published quarters of the
/// same scheme version. Only published results count. Read past the unit scope, as results are: a composite or a carried
/// score is a property of the unit's whole record, and callers filter what they show.
/// </summary>
public static class PeriodInputs
{
    private static readonly JsonSerializerOptions SnapshotJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    private sealed record Candidate(long Id, string Name, string PeriodKey, long SchemeVersionId, string SchemeId);

    private sealed record Published(long Id, long CampaignId, int Version);

    /// <summary>Which published results a campaign's results read: the composite's campaigns and the carried periods' campaigns.</summary>
    private sealed record Sources(List<Candidate> Composite, List<string> CompositeKeys, List<Candidate> Carry, List<string> CarryKeys, int Window,
        Dictionary<long, Published> Latest)
    {
        public List<long> PublishedIds => [.. Composite.Concat(Carry).Select(c => Latest[c.Id].Id).Order()];
    }

    /// <summary>
    /// The ids of the published results a campaign's results would read now: a query, no scoring. A stored result that read
    /// others is out of date (a later publication of the same scheme family).
    /// </summary>
    public static async Task<IReadOnlyList<long>> PublishedIdsAsync(ChengxinDbContext db, Data.Campaign campaign, CompiledScheme scheme, CancellationToken ct) =>
        (await SourcesAsync(db, campaign, scheme, ct)).PublishedIds;

    private static async Task<Sources> SourcesAsync(ChengxinDbContext db, Data.Campaign campaign, CompiledScheme scheme, CancellationToken ct)
    {
        var period = Period.ParseKey(campaign.PeriodKey);
        var window = scheme.Items.Select(ci => ci.Item.ValidFor ?? 1).DefaultIfEmpty(1).Max();
        var carries = window > 1 && period.Kind != Chengxin.Domain.Schemes.PeriodKind.Range;
        if (scheme.Scheme.Composite is null && !carries)
            return new Sources([], [], [], [], window, []);
        var all = await db.Campaigns.IgnoreQueryFilters().AsNoTracking().Where(c => c.TenantId == campaign.TenantId && c.Id != campaign.Id)
            .Join(db.SchemeVersions.IgnoreQueryFilters(), c => c.SchemeVersionId, v => v.Id, (c, v) => new Candidate(c.Id, c.Name, c.PeriodKey, c.SchemeVersionId, v.SchemeId))
            .ToListAsync(ct);

        List<Candidate> inside = [];
        if (scheme.Scheme.Composite is { } spec)
            inside = all.Where(x => x.SchemeId == spec.From && PeriodAggregates.Within(Period.ParseKey(x.PeriodKey), period)).ToList();
        var carryKeys = carries ? PeriodAggregates.CarryWindow(period, window).Select(p => p.Key).ToList() : [];
        var same = carries ? all.Where(x => x.SchemeVersionId == campaign.SchemeVersionId && carryKeys.Contains(x.PeriodKey)).ToList() : [];
        var ids = inside.Concat(same).Select(x => x.Id).Distinct().ToList();
        var latest = (await db.PublishedResults.IgnoreQueryFilters().AsNoTracking().Where(p => ids.Contains(p.CampaignId))
                .Select(p => new Published(p.Id, p.CampaignId, p.Version)).ToListAsync(ct))
            .GroupBy(p => p.CampaignId).ToDictionary(g => g.Key, g => g.OrderByDescending(p => p.Version).First());

        // Per unit and period, the latest published campaign the unit took part in; the engine averages over the scheme's stated count.
        var composite = inside.Where(x => latest.ContainsKey(x.Id)).OrderBy(x => Period.ParseKey(x.PeriodKey).From).ThenBy(x => x.Id).ToList();
        // Oldest period first; within a period the later campaign wins for the units it evaluated.
        var carry = same.Where(x => latest.ContainsKey(x.Id)).OrderBy(x => carryKeys.IndexOf(x.PeriodKey)).ThenBy(x => x.Id).ToList();
        return new Sources(composite, composite.Select(x => x.PeriodKey).Distinct().ToList(), carry, carryKeys, window, latest);
    }

    /// <summary>
    /// The other periods' inputs for the given units of a campaign (all when null): the composite's published totals, and the
    /// earlier periods scored without periods of their own (a carried score never carries further than the item's validity).
    /// </summary>
    internal static async Task<PeriodContext> ContextAsync(ChengxinDbContext db, SchemeVersions versions, Data.Campaign campaign, CompiledScheme scheme,
        IReadOnlySet<long>? only, CancellationToken ct)
    {
        var sources = await SourcesAsync(db, campaign, scheme, ct);
        var compositeTotals = new Dictionary<long, List<decimal?>>();
        if (sources.Composite.Count > 0)
        {
            var publishedIds = sources.Composite.Select(x => sources.Latest[x.Id].Id).ToList();
            var json = await db.PublishedResults.IgnoreQueryFilters().AsNoTracking().Where(p => publishedIds.Contains(p.Id))
                .ToDictionaryAsync(p => p.CampaignId, p => p.Json, ct);
            var snapshots = sources.Composite.ToDictionary(x => x.Id, x => JsonSerializer.Deserialize<CampaignResultView>(json[x.Id], SnapshotJson)!
                .Units.ToDictionary(u => u.UnitId, u => u.Total));
            foreach (var member in campaign.Units.Where(m => only is null || only.Contains(m.UnitId)))
                compositeTotals[member.UnitId] = sources.CompositeKeys.Select(key => sources.Composite.Where(x => x.PeriodKey == key).OrderByDescending(x => x.Id)
                    .Select(x => snapshots[x.Id].TryGetValue(member.UnitId, out var total) ? total : (decimal?)null).FirstOrDefault(t => t is not null)).ToList();
        }

        var earlier = new Dictionary<long, List<UnitResult>>();
        if (sources.Carry.Count > 0)
        {
            var byPeriod = new Dictionary<long, SortedDictionary<int, UnitResult>>();
            foreach (var source in sources.Carry)
            {
                var other = await db.Campaigns.IgnoreQueryFilters().AsNoTracking().Include(c => c.Units).FirstAsync(c => c.Id == source.Id, ct);
                var scored = await ScoreCampaign.ScoreAsync(db, versions, other, withPeriods: false, only, ct);
                for (var i = 0; i < scored.Members.Count; i++)
                {
                    if (!byPeriod.TryGetValue(scored.Members[i].UnitId, out var periodsOfUnit))
                        byPeriod[scored.Members[i].UnitId] = periodsOfUnit = [];
                    periodsOfUnit[sources.CarryKeys.IndexOf(source.PeriodKey)] = scored.Reviewed[i];
                }
            }
            foreach (var (unitId, results) in byPeriod)
                earlier[unitId] = [.. results.Values];
        }
        return new PeriodContext
        {
            IsComposite = scheme.Scheme.Composite is not null, CompositeKeys = sources.CompositeKeys, CompositeTotals = compositeTotals,
            CompositeSources = sources.Composite.Select(x => Source(x, sources.Latest[x.Id].Version)).ToList(),
            CarryWindow = sources.Window, CarrySources = sources.Carry.Select(x => Source(x, sources.Latest[x.Id].Version)).ToList(), Earlier = earlier,
            PublishedIds = sources.PublishedIds,
        };
    }

    private static PeriodSourceView Source(Candidate c, int version) => new(c.Id, c.Name, c.PeriodKey, Period.ParseKey(c.PeriodKey).Label, version);
}
