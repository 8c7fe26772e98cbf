using Chengxin.Domain.Campaigns;
using Chengxin.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.SpotChecks;

/// <summary>What SpotChecks tells the rest of a campaign: which checks are still open (publication waits), what the completed ones found.</summary>
public static class SpotCheckQueries
{
    /// <summary>The spot-check facts of completed checks, per unit, laid over the reviewed facts in the results.</summary>
    public static async Task<Dictionary<long, (SpotCheckRecord Check, List<SpotCheckItemRecord> Items)>> CompletedAsync(ChengxinDbContext db, long campaignId,
        CancellationToken ct)
    {
        var checks = await db.SpotChecks.IgnoreQueryFilters([ChengxinDbContext.UnitScopeFilter]).AsNoTracking()
            .Where(s => s.CampaignId == campaignId && s.State == SpotCheckState.Completed).ToListAsync(ct);
        var ids = checks.Select(c => c.Id).ToList();
        var items = (await db.SpotCheckItems.IgnoreQueryFilters([ChengxinDbContext.UnitScopeFilter]).AsNoTracking()
            .Where(i => ids.Contains(i.SpotCheckId)).ToListAsync(ct)).ToLookup(i => i.SpotCheckId);
        return checks.ToDictionary(c => c.UnitId, c => (c, items[c.Id].ToList()));
    }

    public static Task<int> OpenCountAsync(ChengxinDbContext db, long campaignId, CancellationToken ct) =>
        db.SpotChecks.IgnoreQueryFilters([ChengxinDbContext.UnitScopeFilter]).CountAsync(s => s.CampaignId == campaignId && s.State == SpotCheckState.Open, ct);
}
