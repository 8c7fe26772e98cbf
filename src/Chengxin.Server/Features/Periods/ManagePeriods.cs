using System.Text.Json;
using Chengxin.Domain.Campaigns;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Features.Results;
using Chengxin.Server.Features.Schemes;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Periods;

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

/// <summary>
/// Results across periods. Seed 003: the annual campaign's 任务完成情况 is the composite of the month campaigns' published
/// totals; seed 002: points valid for several quarters carry from the earlier published quarters of the same scheme
/// version (both computed with the results, <see cref="PeriodInputs"/>); seed 004: the quarterly results side by side as the year's
/// reference. Only published results count.
/// </summary>
public static class ManagePeriods
{
    private static readonly JsonSerializerOptions SnapshotJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    /// <summary>
    /// What a campaign's results took from other periods, from the stored results (the composite and the carried items each
    /// unit's row was computed with) and the campaign's period inputs (<see cref="PeriodInputs"/>).
    /// </summary>
    public static async Task<IResult> Inputs(long id, ChengxinDbContext db, SchemeVersions versions, TimeProvider clock, CancellationToken ct)
    {
        var campaign = await db.Campaigns.AsNoTracking().Include(c => c.Units).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (campaign is null)
            return ProblemResponses.NotFound("评价批次");
        var stored = await StoredResults.ReadAsync(db, versions, clock.GetUtcNow().UtcDateTime, campaign, ct);
        var ids = stored.Rows.Select(r => r.UnitId).ToList();
        // Only the units in the caller's scope are listed, as in the results.
        var visible = await db.Units.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var rows = stored.Rows.Where(r => visible.ContainsKey(r.UnitId)).ToList();
        var periods = await PeriodInputs.ContextAsync(db, versions, campaign, stored.Scheme, visible.Keys.ToHashSet(), ct);
        CompositeView? composite = null;
        if (stored.Scheme.Scheme.Composite is { } spec)
            composite = new CompositeView(spec.From, spec.Periods, spec.Aggregate.ToString(), spec.Factor, spec.Label, periods.CompositeKeys, periods.CompositeSources,
                rows.Select(r => new CompositeUnitView(r.UnitId, visible[r.UnitId], periods.CompositeOf(r.UnitId)!.PeriodTotals, r.Composite, r.CompositeNote))
                    .ToList());
        CarryOverView? carry = null;
        if (periods.CarryWindow > 1)
            carry = new CarryOverView(periods.CarryWindow, periods.CarrySources, rows.SelectMany(r => StoredResults.Items(r)
                .Where(i => i.CarriedFrom is not null).Select(i => new CarriedItemView(r.UnitId, i.ItemId, i.Score, i.Earned, i.CarriedFrom!))).ToList());
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

    private static async Task<Dictionary<long, PublishedResult>> LatestPublishedAsync(ChengxinDbContext db, List<long> campaignIds, CancellationToken ct) =>
        (await db.PublishedResults.AsNoTracking().Where(p => campaignIds.Contains(p.CampaignId)).ToListAsync(ct))
            .GroupBy(p => p.CampaignId).ToDictionary(g => g.Key, g => g.OrderByDescending(p => p.Version).First());

    private static PeriodSourceView Source(long id, string name, string key, int version) => new(id, name, key, Period.ParseKey(key).Label, version);
}
