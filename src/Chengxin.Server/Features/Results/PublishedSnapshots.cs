using System.Text.Json;
using Chengxin.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Results;

/// <summary>
/// The latest published snapshot of a campaign and its version, read past the filters: what was published is public, and the
/// public page's bulletin has no caller to filter by. Callers that act for an office authorise the campaign first.
/// </summary>
public static class PublishedSnapshots
{
    public static async Task<(CampaignResultView Snapshot, int Version)?> LatestAsync(ChengxinDbContext db, long campaignId, CancellationToken ct)
    {
        var published = await db.PublishedResults.IgnoreQueryFilters().AsNoTracking().Where(p => p.CampaignId == campaignId)
            .OrderByDescending(p => p.Version).Select(p => new { p.Json, p.Version }).FirstOrDefaultAsync(ct);
        return published is null ? null : (JsonSerializer.Deserialize<CampaignResultView>(published.Json, ManageResults.SnapshotJson)!, published.Version);
    }
}
