using System.Text.Json;
using Chengxin.Domain.Schemes;
using Chengxin.Domain.Scoring;
using Chengxin.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Facts;

/// <summary>Which spot-check findings a reading takes: none, those of completed checks (the results), or any recorded (the check's own page).</summary>
public enum SpotCheckFindings
{
    None,
    Completed,
    Recorded,
}

/// <summary>A unit of a campaign as its facts are gathered: its id, name and class in the scheme.</summary>
public sealed record FactsMember(long UnitId, string Name, string SchemeClass);

/// <summary>
/// The query every feature asks for a unit's facts: the stored statements of every source (entered facts, reviewers'
/// corrections, spot-check findings, the report record's counts) gathered into the domain's <see cref="FactSheet"/>,
/// each value read once from its stored JSON. Which statement counts is the sheet's rule, not the caller's.
/// Rows are read past every filter, by the campaign's id: the caller has already established that the units are its to see
/// (or, for results, that totals and ranks are a property of the whole campaign), and a save's refresh of stored results runs
/// in whatever scope wrote the facts (the demo's and the command line's system actor has no office).
/// </summary>
public static class CampaignFacts
{
    public static async Task<FactSheet> LoadAsync(ChengxinDbContext db, long campaignId, CompiledScheme scheme, FactsMember member,
        SpotCheckFindings spotChecks, CancellationToken ct, string? period = null) =>
        (await LoadAsync(db, campaignId, scheme, [member], spotChecks, ct, period))[member.UnitId];

    /// <summary>
    /// One unit's own sheet from its submission's entered rows, which the caller has already read (a report's view reads them
    /// anyway, for who entered each value): the same sheet as reading them again, one statement fewer on every read of a report.
    /// The rows are the submission's, every source; none when the unit has no submission yet.
    /// </summary>
    public static async Task<FactSheet> LoadAsync(ChengxinDbContext db, long campaignId, CompiledScheme scheme, FactsMember member,
        IReadOnlyList<SubmissionFact> entered, CancellationToken ct, string? period = null) =>
        (await LoadAsync(db, campaignId, scheme, [member], SpotCheckFindings.None, ct, period,
            entered.Select(f => new EnteredFact(f.Id, f.UnitId, f.FactKey, f.Source, f.ValueJson, f.EnteredAt)).ToList()))[member.UnitId];

    public static Task<Dictionary<long, FactSheet>> LoadAsync(ChengxinDbContext db, long campaignId, CompiledScheme scheme,
        IReadOnlyCollection<FactsMember> members, SpotCheckFindings spotChecks, CancellationToken ct, string? period = null) =>
        LoadAsync(db, campaignId, scheme, members, spotChecks, ct, period, entered: null);

    private sealed record EnteredFact(long Id, long UnitId, string FactKey, string Source, string ValueJson, DateTime EnteredAt);

    private static async Task<Dictionary<long, FactSheet>> LoadAsync(ChengxinDbContext db, long campaignId, CompiledScheme scheme,
        IReadOnlyCollection<FactsMember> members, SpotCheckFindings spotChecks, CancellationToken ct, string? period,
        IReadOnlyList<EnteredFact>? entered)
    {
        // `where: 刊发日期 in period` reads the campaign's own dates (2023Q4: 10月1日至12月31日), as `score` reads a range scheme's.
        var span = period is null ? null : Chengxin.Domain.Campaigns.Period.ParseKey(period);
        var dates = span is null ? null : new DateRange(span.From, span.To);
        var sheets = members.ToDictionary(m => m.UnitId, m =>
            new FactSheet(scheme, m.UnitId.ToString(System.Globalization.CultureInfo.InvariantCulture), m.SchemeClass, m.Name, period, dates));
        // One unit is read by its id; a whole campaign by the campaign alone (thousands of ids make no useful predicate).
        var single = members.Count == 1 ? members.First().UnitId : (long?)null;

        if (entered is null)
        {
            var submissions = db.Submissions.IgnoreQueryFilters()
                .Where(s => s.CampaignId == campaignId && (single == null || s.UnitId == single)).Select(s => s.Id);
            entered = await db.SubmissionFacts.IgnoreQueryFilters().AsNoTracking()
                .Where(f => submissions.Contains(f.SubmissionId))
                .Select(f => new EnteredFact(f.Id, f.UnitId, f.FactKey, f.Source, f.ValueJson, f.EnteredAt)).ToListAsync(ct);
        }
        foreach (var f in entered.OrderBy(f => f.Id))
        {
            if (sheets.TryGetValue(f.UnitId, out var sheet) && FactSource.Named(f.Source) is { } source)
                sheet.Add(source, f.FactKey, Parse(f.ValueJson), Utc(f.EnteredAt), f.Id);
        }

        if (spotChecks != SpotCheckFindings.None)
        {
            var checks = db.SpotChecks.IgnoreQueryFilters()
                .Where(s => s.CampaignId == campaignId && (single == null || s.UnitId == single)
                    && (spotChecks == SpotCheckFindings.Recorded || s.State == Chengxin.Domain.Campaigns.SpotCheckState.Completed))
                .Select(s => s.Id);
            var found = await db.SpotCheckItems.IgnoreQueryFilters().AsNoTracking()
                .Where(i => checks.Contains(i.SpotCheckId)).Select(i => new { i.Id, i.UnitId, i.FactsJson, i.RecordedAt }).ToListAsync(ct);
            foreach (var item in found.OrderBy(i => i.Id))
            {
                if (!sheets.TryGetValue(item.UnitId, out var sheet))
                    continue;
                foreach (var fact in Parse(item.FactsJson).EnumerateObject().Where(p => p.Value.ValueKind != JsonValueKind.Null))
                    sheet.Add(FactSource.SpotCheck, fact.Name, fact.Value, Utc(item.RecordedAt), item.Id);
            }
        }

        var system = scheme.Scheme.Items.SelectMany(i => i.Facts).Where(f => SystemFacts.IsSystem(f.Supplier)).DistinctBy(f => f.Key).ToList();
        // 双公示 counts come from the department's stored records for the campaign's period (Features/Disclosures).
        var disclosed = system.Where(f => SystemFacts.DualDisclosureKinds.Contains(SystemFacts.KindOf(f.Supplier)!)).ToList();
        if (disclosed.Count > 0)
        {
            var (statistics, sevenDays) = await Disclosures.DisclosureCampaignFacts.LoadAsync(db, campaignId, sheets.Keys, ct);
            foreach (var (unitId, sheet) in sheets)
                foreach (var fact in disclosed)
                    sheet.Add(FactSource.System, fact.Key,
                        SystemFacts.Value(SystemFacts.KindOf(fact.Supplier)!, statistics.GetValueOrDefault(unitId), sevenDays.GetValueOrDefault(unitId)));
        }
        var counted = system.Where(f => SystemFacts.ReportKinds.Contains(SystemFacts.KindOf(f.Supplier)!)).ToList();
        if (counted.Count > 0)
        {
            var rows = single is { } one
                ? await ToListAsync(ReportsOfUnit.For(db)(db, campaignId, one), ct)
                : await db.ReportRecords.IgnoreQueryFilters().AsNoTracking().Where(r => r.CampaignId == campaignId)
                    .Select(r => new ReportStatusRow(r.UnitId, r.Status)).ToListAsync(ct);
            var reports = rows.ToLookup(r => r.UnitId, r => r.Status);
            foreach (var (unitId, sheet) in sheets)
                foreach (var fact in counted)
                    sheet.Add(FactSource.System, fact.Key, FactValue.Count(SystemFacts.Count(SystemFacts.KindOf(fact.Supplier)!, reports[unitId])));
        }
        // The register of complaints and opinion, and the confirmed list hits (Features/Events/MonitoringFacts).
        var monitored = scheme.Scheme.Items.SelectMany(i => i.Facts).DistinctBy(f => f.Key).ToList();
        foreach (var (unitId, facts) in await Events.MonitoringFacts.LoadAsync(db, campaignId, monitored, sheets.Keys, ct))
            foreach (var (key, value) in facts)
                sheets[unitId].Add(FactSource.System, key, value.Value);
        // The public questionnaire's answers (Features/Surveys); a unit below the minimum sample has no such fact, a reviewer states it.
        if (system.Any(f => SystemFacts.SurveyKinds.Contains(SystemFacts.KindOf(f.Supplier)!)))
            foreach (var (unitId, facts) in await Surveys.SurveyFacts.LoadAsync(db, campaignId, scheme.Scheme, sheets.Keys, ct))
                foreach (var (key, value) in facts)
                    sheets[unitId].Add(FactSource.System, key, value.Value);
        return sheets;
    }

    private sealed record ReportStatusRow(long UnitId, Chengxin.Domain.Campaigns.ReportStatus Status);

    // One unit's report records: read on every read and write of a report, so compiled once per model.
    private static readonly Infrastructure.CompiledQuery<Func<ChengxinDbContext, long, long, IAsyncEnumerable<ReportStatusRow>>> ReportsOfUnit = new(() =>
        EF.CompileAsyncQuery((ChengxinDbContext db, long campaignId, long unitId) => db.ReportRecords.IgnoreQueryFilters().AsNoTracking()
            .Where(r => r.CampaignId == campaignId && r.UnitId == unitId).Select(r => new ReportStatusRow(r.UnitId, r.Status))));

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> rows, CancellationToken ct)
    {
        var list = new List<T>();
        await foreach (var row in rows.WithCancellation(ct))
            list.Add(row);
        return list;
    }

    private static JsonElement Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.Clone();
    }

    // Stored instants are UTC whatever kind the provider hands back.
    private static DateTimeOffset Utc(DateTime at) => new(at.Ticks, TimeSpan.Zero);
}
