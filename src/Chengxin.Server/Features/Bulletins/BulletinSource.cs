using Chengxin.Domain.Bulletins;
using Chengxin.Domain.Campaigns;
using Chengxin.Domain.Schemes;
using Chengxin.Domain.Scoring;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Results;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Bulletins;

/// <summary>
/// What a bulletin is composed from, read from published snapshots only (a bulletin leaves the office): the campaign's latest
/// published version, the published version of the period before in the same scheme family, and the averages of the family's
/// published periods so far. The office's bulletin adds how units reported; the public one leaves out what the public results
/// never show (reporting, per-category points).
/// </summary>
internal static class BulletinSource
{
    /// <summary>The input and the published version it was read from; null when the campaign has no published version.</summary>
    public static async Task<(BulletinInput Input, int Version)?> ReadAsync(ChengxinDbContext db, SchemeVersions versions, Data.Campaign campaign,
        bool forPublic, CancellationToken ct)
    {
        if (await PublishedSnapshots.LatestAsync(db, campaign.Id, ct) is not var (snapshot, publishedVersion))
            return null;
        var version = await db.SchemeVersions.IgnoreQueryFilters().AsNoTracking().FirstAsync(v => v.Id == campaign.SchemeVersionId, ct);
        var scheme = versions.Compile(version);
        var categories = forPublic ? [] : scheme.Scheme.Categories.Select(c => new BulletinCategory(c.Title, c.Max)).ToList();
        var itemCategory = scheme.Items.ToDictionary(ci => ci.Item.Id, ci => scheme.Nodes[ci.AncestorNodes[0]].Id, StringComparer.Ordinal);

        var input = new BulletinInput(snapshot.Name, snapshot.PeriodLabel, scheme.Scheme.Grades.Select(g => g.Name).ToList(), categories,
            Units(snapshot, forPublic ? [] : scheme.Scheme.Categories.Select(c => c.Id).ToList(), itemCategory));

        var family = SchemeFamily.Of(version.SchemeId);
        var period = Period.ParseKey(campaign.PeriodKey);
        // The office's own campaigns only; read past the filters because the public page has no caller (all are published).
        var earlier = await db.Campaigns.IgnoreQueryFilters().AsNoTracking()
            .Where(c => c.TenantId == campaign.TenantId && c.Id != campaign.Id && db.PublishedResults.IgnoreQueryFilters().Any(p => p.CampaignId == c.Id))
            .Join(db.SchemeVersions.IgnoreQueryFilters(), c => c.SchemeVersionId, v => v.Id, (c, v) => new { c.Id, c.PeriodKey, v.SchemeId })
            .ToListAsync(ct);
        // The family's periods of the same length that ended before this one, latest last (a monthly bulletin compares months).
        var before = earlier.Where(c => SchemeFamily.Of(c.SchemeId) == family)
            .Select(c => (c.Id, Period: Period.ParseKey(c.PeriodKey)))
            .Where(c => c.Period.Kind == period.Kind && c.Period.To < period.From)
            .OrderBy(c => c.Period.From).ToList();
        var trend = new List<BulletinTrendPoint>();
        BulletinPreviousPeriod? previous = null;
        foreach (var (id, p) in before.TakeLast(11))
        {
            if (await PublishedSnapshots.LatestAsync(db, id, ct) is not var (earlierSnapshot, _) || earlierSnapshot.Units.Count == 0)
                continue;
            trend.Add(new BulletinTrendPoint(p.Label, Math.Round(earlierSnapshot.Units.Average(u => u.Total), 2, MidpointRounding.AwayFromZero)));
            previous = new BulletinPreviousPeriod(p.Label, Units(earlierSnapshot, [], itemCategory));
        }
        if (snapshot.Units.Count > 0)
            trend.Add(new BulletinTrendPoint(period.Label, Math.Round(snapshot.Units.Average(u => u.Total), 2, MidpointRounding.AwayFromZero)));

        input = input with { Previous = previous, Trend = trend };
        if (!forPublic)
            input = input with { Reports = await ReportsAsync(db, snapshot, ct) };
        return (input, publishedVersion);
    }

    /// <summary>
    /// A campaign as one period of a period bulletin: its latest published version's units (totals, grades, ranks) and how they
    /// reported; null when the campaign has no published version.
    /// </summary>
    public static async Task<(PeriodBulletinPart Part, int Version)?> ReadPartAsync(ChengxinDbContext db, Data.Campaign campaign, CancellationToken ct)
    {
        if (await PublishedSnapshots.LatestAsync(db, campaign.Id, ct) is not var (snapshot, publishedVersion))
            return null;
        var part = new PeriodBulletinPart(Period.ParseKey(campaign.PeriodKey), snapshot.Name, Units(snapshot, [], new Dictionary<string, string>()))
        {
            Reports = await ReportsAsync(db, snapshot, ct),
        };
        return (part, publishedVersion);
    }

    private static List<BulletinUnit> Units(CampaignResultView snapshot, IReadOnlyList<string> categoryIds, IReadOnlyDictionary<string, string> itemCategory) =>
        snapshot.Units.Select(u => new BulletinUnit(u.UnitId.ToString(System.Globalization.CultureInfo.InvariantCulture), u.Name, u.Total, u.Grade, u.Rank,
            categoryIds.Select(c => u.Items.Where(i => i.Status != ItemStatus.NotApplicable && itemCategory.GetValueOrDefault(i.ItemId) == c)
                .Sum(i => i.Score)).ToList())).ToList();

    /// <summary>
    /// How each unit reported: submitted on time, late (after its deadline, kept as recorded), or never submitted. A unit without
    /// a submission row (added by a provider's grid alone) reported nothing itself.
    /// </summary>
    private static async Task<List<BulletinReport>> ReportsAsync(ChengxinDbContext db, CampaignResultView snapshot, CancellationToken ct)
    {
        var submissions = await db.Submissions.AsNoTracking().IgnoreQueryFilters([ChengxinDbContext.UnitScopeFilter])
            .Where(s => s.CampaignId == snapshot.CampaignId)
            .Select(s => new { s.UnitId, s.SubmittedAt, s.IsLate }).ToDictionaryAsync(s => s.UnitId, ct);
        return snapshot.Units.Select(u => new BulletinReport(u.Name,
            !submissions.TryGetValue(u.UnitId, out var s) || s.SubmittedAt is null ? ReportTimeliness.Missing
            : s.IsLate ? ReportTimeliness.Late : ReportTimeliness.OnTime)).ToList();
    }
}
