using Chengxin.Domain.Schemes;
using Chengxin.Domain.Campaigns;
using Chengxin.Domain.Scoring;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Features.Facts;
using Microsoft.EntityFrameworkCore;

using Chengxin.Server.Infrastructure;

namespace Chengxin.Server.Features.Results;

/// <summary>
/// The one computation of a campaign's results: spot-check facts over reviewed facts over the unit's own, system facts counted
/// from the record; with periods, a composite scheme's earlier published results and points carried from earlier published
/// periods (seed 003's annual composite, seed 002's validFor). Its output is stored (<see cref="StoredResults"/>), never served directly.
/// </summary>
public static class ScoreCampaign
{
    /// <summary>A campaign scored: per member (in unit id order) the reviewed result and the self-score, and what went into them.</summary>
    internal sealed record Scored(SchemeVersion Version, CompiledScheme Scheme, List<CampaignUnit> Members, Dictionary<long, Unit> Units,
        Dictionary<long, Data.Submission> Submissions, List<UnitResult> Reviewed, List<UnitResult> Self,
        Dictionary<long, (SpotCheckRecord Check, List<SpotCheckItemRecord> Items)> Spot, Dictionary<long, decimal> ReviewedOnly, PeriodContext? Periods,
        Func<long, CompiledItem, string> MonitoringNote);

    /// <summary>
    /// Scores the campaign's units (those in <paramref name="only"/>, or all). Rows are read past every filter: the campaign was
    /// reached by a caller allowed to see it or to write its facts, and totals and ranks are a property of the whole campaign.
    /// Earlier periods are scored without periods.
    /// </summary>
    internal static async Task<Scored> ScoreAsync(ChengxinDbContext db, SchemeVersions versions, Data.Campaign campaign, bool withPeriods,
        IReadOnlySet<long>? only, CancellationToken ct)
    {
        var version = await db.SchemeVersions.IgnoreQueryFilters().AsNoTracking().FirstAsync(v => v.Id == campaign.SchemeVersionId, ct);
        var scheme = versions.Compile(version);
        // Scores relative to other units and grade quotas (pass two) make every unit's result depend on all the others':
        // such a scheme is always scored whole, so a refresh of one unit rewrites the campaign's rows.
        if (ComparesUnits(scheme))
            only = null;
        var members = campaign.Units.Where(u => only is null || only.Contains(u.UnitId)).OrderBy(u => u.UnitId).ToList();
        var unitIds = members.Select(u => u.UnitId).ToList();
        // One unit (a write's refresh) is read by its id; a campaign by the campaign alone (thousands of ids make no useful predicate).
        var single = unitIds.Count == 1 ? unitIds[0] : (long?)null;
        var units = await db.Units.IgnoreQueryFilters().AsNoTracking()
            .Where(u => single == null ? db.CampaignUnits.Any(cu => cu.CampaignId == campaign.Id && cu.UnitId == u.Id) : u.Id == single)
            .ToDictionaryAsync(u => u.Id, ct);
        var submissions = await db.Submissions.IgnoreQueryFilters().AsNoTracking()
            .Where(s => s.CampaignId == campaign.Id && (single == null || s.UnitId == single)).ToDictionaryAsync(s => s.UnitId, ct);
        var periods = withPeriods ? await PeriodInputs.ContextAsync(db, versions, campaign, scheme, only, ct) : null;

        var sheets = await CampaignFacts.LoadAsync(db, campaign.Id, scheme,
            members.Select(m => new FactsMember(m.UnitId, units[m.UnitId].Name, m.SchemeClass)).ToList(), SpotCheckFindings.Completed, ct, campaign.PeriodKey);
        var spot = await CompletedSpotChecksAsync(db, campaign.Id, single, ct);
        var unreported = await UnreportedAsync(db, campaign.Id, single, submissions, ct);
        var reviewedOnly = new Dictionary<long, decimal>();
        var reviewed = new List<UnitResult>();
        var self = new List<UnitResult>();
        foreach (var member in members)
        {
            var sheet = sheets[member.UnitId];
            var composite = periods?.CompositeOf(member.UnitId);
            // A completed spot check replaces the reviewed result of its unit; the reviewed total stays on record beside it.
            if (spot.ContainsKey(member.UnitId))
                reviewedOnly[member.UnitId] = Scorer.Score(sheet.Facts(FactStage.Reviewed), composite).Total;
            var result = Scorer.Score(sheet.Facts(FactStage.SpotChecked), composite);
            if (periods?.EarlierOf(member.UnitId) is { Count: > 0 } earlier)
                CarryOver.Apply(result, earlier);
            if (unreported.Contains(member.UnitId))
                result.ScoreAsUnreported();
            reviewed.Add(result);
            self.Add(Scorer.Score(sheet.Facts(FactStage.Own), composite));
        }
        // Pass two over the whole campaign: relative items and quotas settle the reviewed results among the reviewed, and each
        // unit's self-score among the self-scores (what its own figures would earn against the others' own figures).
        CampaignScoring.Settle(reviewed);
        CampaignScoring.Settle(self);
        return new Scored(version, scheme, members, units, submissions, reviewed, self, spot, reviewedOnly, periods,
            await MonitoringNotesAsync(db, campaign.Id, scheme, unitIds, ct));
    }

    /// <summary>
    /// What an item's explanation adds for facts the platform counted from monitoring: the 双公示 records that cost points
    /// (Features/Disclosures), the confirmed complaints, opinion and list hits (Features/Events) and the questionnaire's tally
    /// (Features/Surveys), so the unit sees what to put right.
    /// </summary>
    private static async Task<Func<long, CompiledItem, string>> MonitoringNotesAsync(ChengxinDbContext db, long campaignId, CompiledScheme scheme,
        IReadOnlyCollection<long> unitIds, CancellationToken ct)
    {
        var monitored = await Events.MonitoringFacts.LoadAsync(db, campaignId, scheme.Scheme.Facts.DistinctBy(f => f.Key).ToList(), unitIds, ct);
        bool CountsDisclosures(CompiledItem ci) => ci.Item.Facts.Any(f => SystemFacts.KindOf(f.Supplier) is { } k && SystemFacts.DualDisclosureKinds.Contains(k));
        var disclosures = scheme.Items.Any(CountsDisclosures) ? await Disclosures.DisclosureCampaignFacts.CostingAsync(db, campaignId, unitIds, ct) : ([], []);
        // An item that reads 「7天内」 counts lateness in calendar days (seed 002), the others by the office's rule: each lists what it counted.
        bool ReadsSevenDays(CompiledItem ci) => ci.Item.Facts.Any(f => SystemFacts.KindOf(f.Supplier) == SystemFacts.DualDisclosureWithinSevenDays);
        bool CountsSurvey(CompiledItem ci) => ci.Item.Facts.Any(f => SystemFacts.KindOf(f.Supplier) == SystemFacts.SurveySatisfaction);
        var surveys = scheme.Items.Any(CountsSurvey) ? await Surveys.SurveyFacts.TallyAsync(db, campaignId, unitIds, ct) : [];
        return (unitId, ci) =>
        {
            var note = Events.MonitoringFacts.Note(monitored.GetValueOrDefault(unitId), ci.Item);
            if (CountsDisclosures(ci) && (ReadsSevenDays(ci) ? disclosures.SevenDays : disclosures.ByRule).TryGetValue(unitId, out var records))
                note = $"{note}；{records}";
            // The questionnaire's words (N answers, the mean, the rule, or 样本不足) say where a satisfaction figure came from.
            if (CountsSurvey(ci) && surveys.TryGetValue(unitId, out var tallies) && tallies.TryGetValue(ci.Item.Id, out var tally))
                note = $"{note}（问卷测评：{tally.Words()}）";
            return note;
        };
    }

    /// <summary>Whether a scheme's results depend on other units' (relative items, grade quotas): then a campaign is scored whole.</summary>
    internal static bool ComparesUnits(CompiledScheme scheme) => scheme.RelativeItems.Count > 0 || scheme.HasQuotas;

    /// <summary>The completed spot checks of a campaign (or of one unit) with their findings: what replaces the reviewed result.</summary>
    private static async Task<Dictionary<long, (SpotCheckRecord Check, List<SpotCheckItemRecord> Items)>> CompletedSpotChecksAsync(ChengxinDbContext db,
        long campaignId, long? single, CancellationToken ct)
    {
        var checks = await db.SpotChecks.IgnoreQueryFilters().AsNoTracking()
            .Where(s => s.CampaignId == campaignId && s.State == SpotCheckState.Completed && (single == null || s.UnitId == single)).ToListAsync(ct);
        var ids = checks.Select(c => c.Id).ToList();
        var items = (await db.SpotCheckItems.IgnoreQueryFilters().AsNoTracking().Where(i => ids.Contains(i.SpotCheckId)).ToListAsync(ct))
            .ToLookup(i => i.SpotCheckId);
        return checks.ToDictionary(c => c.UnitId, c => (c, items[c.Id].ToList()));
    }

    /// <summary>
    /// The units on record as never having reported (逾期未报, recorded when collection closed) that still have not: they score 0
    /// as 漏报. Closing collection past such a unit takes the office's recorded reason (<see cref="Readiness"/>).
    /// </summary>
    private static async Task<HashSet<long>> UnreportedAsync(ChengxinDbContext db, long campaignId, long? single, Dictionary<long, Data.Submission> submissions,
        CancellationToken ct)
    {
        var missing = await db.ReportRecords.IgnoreQueryFilters().AsNoTracking()
            .Where(r => r.CampaignId == campaignId && (single == null || r.UnitId == single) && r.Kind == Submissions.ReportLog.Submission
                && r.Status == ReportStatus.Missing)
            .Select(r => r.UnitId).ToListAsync(ct);
        return missing.Where(u => !submissions.TryGetValue(u, out var s) || s.State == SubmissionState.Draft).ToHashSet();
    }
}
