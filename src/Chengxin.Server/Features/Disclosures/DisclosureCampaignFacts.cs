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
    public static async Task<IReadOnlyDictionary<long, DepartmentDisclosureStatistics>> LoadAsync(ChengxinDbContext db, long campaignId,
        IReadOnlyCollection<long> unitIds, CancellationToken ct)
    {
        var campaign = await db.Campaigns.IgnoreQueryFilters([ChengxinDbContext.UnitScopeFilter]).AsNoTracking()
            .Where(c => c.Id == campaignId).Select(c => new { c.TenantId, c.PeriodKey }).SingleAsync(ct);
        var period = Period.ParseKey(campaign.PeriodKey);
        var settings = await DisclosureOffice.LoadAsync(db, campaign.TenantId, null, ct);
        var data = await DisclosureFacts.LoadAsync(db, campaign.TenantId, null, unitIds, period.From, period.To, ct);
        return DualDisclosureStatistics.ByDepartment(data.Records, data.Wrong, settings.Rule, DisclosureOffice.Index(settings));
    }
}
