using System.Text.Json;
using Chengxin.Domain.Campaigns;
using Chengxin.Domain.Scoring;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Features.Results;
using Chengxin.Server.Features.Schemes;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Periods;

public sealed record PeriodSourceView(long CampaignId, string Name, string PeriodKey, string PeriodLabel, int PublishedVersion);

/// <summary>One unit's earlier period totals as they were published (null: no result that period) and the composite they make.</summary>
public sealed record CompositeUnitView(long UnitId, string Name, IReadOnlyList<decimal?> PeriodTotals, decimal? Composite, string? Note);

/// <summary>PeriodTotals of each unit follow PeriodKeys; Campaigns are the published campaigns read (several per period when offices ran their own).</summary>
public sealed record CompositeView(string From, int Periods, string Aggregate, decimal Factor, string? Label, IReadOnlyList<string> PeriodKeys,
    IReadOnlyList<PeriodSourceView> Campaigns, IReadOnlyList<CompositeUnitView> Units);

/// <summary>An item whose score this period is carried from an earlier one (the best within its validity).</summary>
public sealed record CarriedItemView(long UnitId, string ItemId, decimal Score, decimal Earned, string CarriedFrom);

public sealed record CarryOverView(int Window, IReadOnlyList<PeriodSourceView> Campaigns, IReadOnlyList<CarriedItemView> Items);

public sealed record PeriodInputsView(long CampaignId, string PeriodKey, CompositeView? Composite, CarryOverView? CarryOver);

public sealed record PeriodResultView(string PeriodKey, long CampaignId, decimal Total, string? Grade, int Rank, int ClassRank);

/// <summary>One unit's published results in each period of the year (null where it has none) and their mean.</summary>
public sealed record YearReferenceUnitView(long UnitId, string Name, IReadOnlyList<PeriodResultView?> Periods, int PeriodCount, decimal? Average);

/// <summary>Each unit's Periods follow PeriodKeys; per unit and period the latest published campaign the unit took part in counts.</summary>
public sealed record YearReferenceView(string SchemeId, int Year, IReadOnlyList<string> PeriodKeys, IReadOnlyList<PeriodSourceView> Campaigns,
    IReadOnlyList<YearReferenceUnitView> Units);

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

    public CompositeInput? CompositeOf(long unitId) =>
        !IsComposite ? null : new CompositeInput(CompositeTotals.TryGetValue(unitId, out var t) ? t : [.. CompositeKeys.Select(_ => (decimal?)null)]);

    public IReadOnlyList<UnitResult>? EarlierOf(long unitId) => Earlier.TryGetValue(unitId, out var e) ? e : null;
}

/// <summary>
/// Results across periods. Seed 003: the annual campaign's 任务完成情况 is the composite of the month campaigns' published
/// totals; seed 002: points valid for several quarters carry from the earlier published quarters of the same scheme
/// version; seed 004: the quarterly results side by side as the year's reference. Only published results count.
/// </summary>
public static class ManagePeriods
{
    private static readonly JsonSerializerOptions SnapshotJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public static async Task<IResult> Inputs(long id, ChengxinDbContext db, SchemeVersions versions, CancellationToken ct)
    {
        var campaign = await db.Campaigns.AsNoTracking().Include(c => c.Units).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (campaign is null)
            return ProblemResponses.NotFound("评价批次");
        var scored = await ManageResults.ScoreAsync(db, versions, campaign, withPeriods: true, ct);
        var periods = scored.Periods!;
        var ids = scored.Members.Select(m => m.UnitId).ToList();
        // Only the units in the caller's scope are listed, as in the results.
        var visible = (await db.Units.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => u.Id).ToListAsync(ct)).ToHashSet();
        CompositeView? composite = null;
        if (scored.Scheme.Scheme.Composite is { } spec)
            composite = new CompositeView(spec.From, spec.Periods, spec.Aggregate.ToString(), spec.Factor, spec.Label, periods.CompositeKeys, periods.CompositeSources,
                scored.Members.Select((m, i) => (m, i)).Where(x => visible.Contains(x.m.UnitId)).Select(x => new CompositeUnitView(x.m.UnitId,
                    scored.Units[x.m.UnitId].Name, periods.CompositeOf(x.m.UnitId)!.PeriodTotals, scored.Reviewed[x.i].Composite,
                    scored.Reviewed[x.i].CompositeNote)).ToList());
        CarryOverView? carry = null;
        if (periods.CarryWindow > 1)
            carry = new CarryOverView(periods.CarryWindow, periods.CarrySources,
                scored.Members.Select((m, i) => (m, i)).Where(x => visible.Contains(x.m.UnitId)).SelectMany(x => scored.Scheme.Items
                    .Where(ci => scored.Reviewed[x.i].Items[ci.Index].CarriedFrom is not null)
                    .Select(ci => new CarriedItemView(x.m.UnitId, ci.Item.Id, scored.Reviewed[x.i].Items[ci.Index].Score,
                        scored.Reviewed[x.i].Items[ci.Index].Earned, scored.Reviewed[x.i].Items[ci.Index].CarriedFrom!))).ToList());
        return TypedResults.Ok(new PeriodInputsView(campaign.Id, campaign.PeriodKey, composite, carry));
    }

    public static async Task<IResult> YearReference(string? schemeId, int? year, ChengxinDbContext db, SchemeCatalog catalog, CancellationToken ct)
    {
        var validation = new Validation()
            .Required("schemeId", schemeId, "指标体系")
            .Check(year is >= 2000 and <= 2100, "year", "请填写年度（如 2022）。");
        var scheme = string.IsNullOrWhiteSpace(schemeId) ? null : catalog.Find(schemeId.Trim());
        if (!string.IsNullOrWhiteSpace(schemeId) && scheme is null)
            validation.Add("schemeId", $"没有编号为「{schemeId}」的指标体系。");
        if (scheme is not null && scheme.Period is not (Chengxin.Domain.Schemes.PeriodKind.Quarter or Chengxin.Domain.Schemes.PeriodKind.Month))
            validation.Add("schemeId", $"指标体系「{scheme.Title}」不按季度或月度评价，没有年度参考。");
        if (!validation.IsValid)
            return validation.Problem();

        // The campaigns the caller can see, of this scheme, inside the year, with a published result: the latest of each period.
        var whole = Period.Year(year!.Value);
        var candidates = await db.Campaigns.AsNoTracking()
            .Join(db.SchemeVersions, c => c.SchemeVersionId, v => v.Id, (c, v) => new { c.Id, c.Name, c.PeriodKey, v.SchemeId })
            .Where(x => x.SchemeId == scheme!.Id).ToListAsync(ct);
        var inYear = candidates.Where(x => PeriodAggregates.Within(Period.ParseKey(x.PeriodKey), whole)).Select(x => x.Id).ToList();
        var published = await LatestPublishedAsync(db, inYear, ct);
        var sources = candidates.Where(x => published.ContainsKey(x.Id)).OrderBy(x => Period.ParseKey(x.PeriodKey).From).ThenBy(x => x.Id).ToList();
        var keys = sources.Select(s => s.PeriodKey).Distinct().ToList();
        var snapshots = sources.ToDictionary(s => s.Id, s => JsonSerializer.Deserialize<CampaignResultView>(published[s.Id].Json, SnapshotJson)!);
        var unitIds = snapshots.Values.SelectMany(v => v.Units).Select(u => u.UnitId).Distinct().ToList();
        var visible = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var units = visible.Keys.OrderBy(id => id).Select(id =>
        {
            // Per period, the latest published campaign the unit took part in.
            var rows = keys.Select(key => sources.Where(s => s.PeriodKey == key).OrderByDescending(s => s.Id)
                .Select(s => (s, u: snapshots[s.Id].Units.FirstOrDefault(u => u.UnitId == id))).FirstOrDefault(x => x.u is not null) is { u: { } u } hit
                ? new PeriodResultView(key, hit.s.Id, u.Total, u.Grade, u.Rank, u.ClassRank) : null).ToList();
            return new YearReferenceUnitView(id, visible[id], rows, rows.Count(r => r is not null), PeriodAggregates.Average(rows.Select(r => r?.Total)));
        }).ToList();
        return TypedResults.Ok(new YearReferenceView(scheme!.Id, year.Value, keys,
            sources.Select(s => Source(s.Id, s.Name, s.PeriodKey, published[s.Id].Version)).ToList(), units));
    }

    /// <summary>
    /// The other periods a campaign's results draw on. Read past the unit scope, as results are: a composite or a carried
    /// score is a property of the unit's whole record, and callers filter what they show.
    /// </summary>
    internal static async Task<PeriodContext> ContextAsync(ChengxinDbContext db, SchemeVersions versions, Data.Campaign campaign, CompiledScheme scheme,
        CancellationToken ct)
    {
        var period = Period.ParseKey(campaign.PeriodKey);
        var all = await db.Campaigns.IgnoreQueryFilters([ChengxinDbContext.UnitScopeFilter]).AsNoTracking()
            .Join(db.SchemeVersions, c => c.SchemeVersionId, v => v.Id, (c, v) => new { c.Id, c.Name, c.PeriodKey, c.SchemeVersionId, v.SchemeId })
            .Where(x => x.Id != campaign.Id).ToListAsync(ct);

        var compositeSources = new List<PeriodSourceView>();
        var compositeKeys = new List<string>();
        var compositeTotals = new Dictionary<long, List<decimal?>>();
        if (scheme.Scheme.Composite is { } spec)
        {
            var inside = all.Where(x => x.SchemeId == spec.From && PeriodAggregates.Within(Period.ParseKey(x.PeriodKey), period)).ToList();
            var published = await LatestPublishedAsync(db, inside.Select(x => x.Id).ToList(), ct);
            // Per unit and period, the latest published campaign the unit took part in; the engine averages over the scheme's stated count.
            var chosen = inside.Where(x => published.ContainsKey(x.Id)).OrderBy(x => Period.ParseKey(x.PeriodKey).From).ThenBy(x => x.Id).ToList();
            compositeKeys = chosen.Select(x => x.PeriodKey).Distinct().ToList();
            var snapshots = chosen.ToDictionary(x => x.Id, x => JsonSerializer.Deserialize<CampaignResultView>(published[x.Id].Json, SnapshotJson)!);
            compositeSources = chosen.Select(x => Source(x.Id, x.Name, x.PeriodKey, published[x.Id].Version)).ToList();
            foreach (var member in campaign.Units)
                compositeTotals[member.UnitId] = compositeKeys.Select(key => chosen.Where(x => x.PeriodKey == key).OrderByDescending(x => x.Id)
                    .Select(x => snapshots[x.Id].Units.FirstOrDefault(u => u.UnitId == member.UnitId)?.Total).FirstOrDefault(t => t is not null)).ToList();
        }

        var window = scheme.Items.Select(ci => ci.Item.ValidFor ?? 1).DefaultIfEmpty(1).Max();
        var carrySources = new List<PeriodSourceView>();
        var earlier = new Dictionary<long, List<UnitResult>>();
        if (window > 1 && period.Kind != Chengxin.Domain.Schemes.PeriodKind.Range)
        {
            var keys = PeriodAggregates.CarryWindow(period, window).Select(p => p.Key).ToList();
            var same = all.Where(x => x.SchemeVersionId == campaign.SchemeVersionId && keys.Contains(x.PeriodKey)).ToList();
            var published = await LatestPublishedAsync(db, same.Select(x => x.Id).ToList(), ct);
            // Oldest period first; within a period the later campaign wins for the units it evaluated.
            var chosen = same.Where(x => published.ContainsKey(x.Id)).OrderBy(x => keys.IndexOf(x.PeriodKey)).ThenBy(x => x.Id).ToList();
            var byPeriod = new Dictionary<long, SortedDictionary<int, UnitResult>>();
            foreach (var source in chosen)
            {
                var other = await db.Campaigns.IgnoreQueryFilters([ChengxinDbContext.UnitScopeFilter]).AsNoTracking().Include(c => c.Units)
                    .FirstAsync(c => c.Id == source.Id, ct);
                var scored = await ManageResults.ScoreAsync(db, versions, other, withPeriods: false, ct);
                for (var i = 0; i < scored.Members.Count; i++)
                {
                    if (!byPeriod.TryGetValue(scored.Members[i].UnitId, out var periodsOfUnit))
                        byPeriod[scored.Members[i].UnitId] = periodsOfUnit = [];
                    periodsOfUnit[keys.IndexOf(source.PeriodKey)] = scored.Reviewed[i];
                }
                carrySources.Add(Source(source.Id, source.Name, source.PeriodKey, published[source.Id].Version));
            }
            foreach (var (unitId, results) in byPeriod)
                earlier[unitId] = [.. results.Values];
        }
        return new PeriodContext
        {
            IsComposite = scheme.Scheme.Composite is not null, CompositeSources = compositeSources, CompositeKeys = compositeKeys, CompositeTotals = compositeTotals,
            CarryWindow = window, CarrySources = carrySources, Earlier = earlier,
        };
    }

    private static async Task<Dictionary<long, PublishedResult>> LatestPublishedAsync(ChengxinDbContext db, List<long> campaignIds, CancellationToken ct) =>
        (await db.PublishedResults.AsNoTracking().Where(p => campaignIds.Contains(p.CampaignId)).ToListAsync(ct))
            .GroupBy(p => p.CampaignId).ToDictionary(g => g.Key, g => g.OrderByDescending(p => p.Version).First());

    private static PeriodSourceView Source(long id, string name, string key, int version) => new(id, name, key, Period.ParseKey(key).Label, version);
}
