using Chengxin.Domain.Campaigns;
using Chengxin.Domain.Monitoring;
using Chengxin.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Disclosures;

/// <summary>
/// The 双公示 statistics of a campaign's units for the campaign's period: what the scheme's <c>system:dual-disclosure-…</c>
/// facts read (seed 004 二1 迟报、错报每条扣0.5分), counted from the stored records by the office's rule and calendar.
/// </summary>
public static class DisclosureCampaignFacts
{
    /// <summary>The statistics by the office's rule, and by 7 calendar days (seed 002's 「7天内」, whatever the office's rule).</summary>
    public static async Task<(IReadOnlyDictionary<long, DepartmentDisclosureStatistics> ByRule, IReadOnlyDictionary<long, DepartmentDisclosureStatistics> SevenDays)>
        LoadAsync(ChengxinDbContext db, long campaignId, IReadOnlyCollection<long> unitIds, CancellationToken ct)
    {
        var (settings, data) = await ReadAsync(db, campaignId, unitIds, ct);
        var days = DisclosureOffice.Index(settings);
        return (DualDisclosureStatistics.ByDepartment(data.Records, data.Wrong, settings.Rule, days),
            DualDisclosureStatistics.ByDepartment(data.Records, data.Wrong, Chengxin.Domain.Schemes.SystemFacts.SevenCalendarDays, days));
    }

    /// <summary>
    /// For each unit with records that cost points in the period, the words an item's explanation adds: which records were late
    /// (with their due and report dates), wrong (the refused row and why) or found missing, so the unit sees what to put right.
    /// Late is judged twice, as the facts are: by the office's rule (what seed 004's 迟报 count reads) and by 7 calendar days (what
    /// seed 002's 「7天内完成系统归集」 reads), so each item lists the records its own fact counted.
    /// </summary>
    public static async Task<(Dictionary<long, string> ByRule, Dictionary<long, string> SevenDays)> CostingAsync(ChengxinDbContext db, long campaignId,
        IReadOnlyCollection<long> unitIds, CancellationToken ct)
    {
        var (settings, data) = await ReadAsync(db, campaignId, unitIds, ct);
        var days = DisclosureOffice.Index(settings);
        Dictionary<long, string> Words(DisclosureRule rule)
        {
            var words = new Dictionary<long, string>();
            foreach (var unitId in unitIds)
            {
                var parts = new List<string>();
                var late = data.Records.Where(r => r.DepartmentId == unitId && !r.Concealed).Select(r => DualDisclosureStatistics.Judge(r, rule, days))
                    .Where(v => v.Late).OrderBy(v => v.Record.DecisionDate).ToList();
                if (late.Count > 0)
                    parts.Add("迟报 " + string.Join("、", late.Select(v => $"{v.Record.DecisionNumber}（应于 {v.Due:yyyy-MM-dd} 前报送，{v.Record.ReportedOn:yyyy-MM-dd} 报送）")));
                var wrong = data.Wrong.Where(w => w.DepartmentId == unitId).GroupBy(w => (w.UploadId, w.Row)).ToList();
                if (wrong.Count > 0)
                    parts.Add("错报 " + string.Join("、", wrong.Select(g => $"{g.First().DecisionNumber ?? $"第 {g.Key.Row} 行"}（{string.Join("，", g.Select(w => w.Reason))}）")));
                var missing = data.Records.Where(r => r.DepartmentId == unitId && r.Concealed).ToList();
                if (missing.Count > 0)
                    parts.Add("漏报 " + string.Join("、", missing.Select(r => r.DecisionNumber)));
                if (parts.Count > 0)
                    words[unitId] = "计扣记录：" + string.Join("；", parts);
            }
            return words;
        }
        return (Words(settings.Rule), Words(Chengxin.Domain.Schemes.SystemFacts.SevenCalendarDays));
    }

    /// <summary>The office's 双公示 settings and the units' records of the campaign's period, as both readings take them.</summary>
    private static async Task<(DisclosureOfficeSettings Settings, DisclosurePeriodData Data)> ReadAsync(ChengxinDbContext db, long campaignId,
        IReadOnlyCollection<long> unitIds, CancellationToken ct)
    {
        var campaign = await db.Campaigns.IgnoreQueryFilters().AsNoTracking()
            .Where(c => c.Id == campaignId).Select(c => new { c.TenantId, c.PeriodKey }).SingleAsync(ct);
        var period = Period.ParseKey(campaign.PeriodKey);
        var settings = await DisclosureOffice.LoadAsync(db, campaign.TenantId, null, ct);
        var data = await DisclosureFacts.LoadAsync(db, campaign.TenantId, null, unitIds, period.From, period.To, ct);
        return (settings, data);
    }
}
