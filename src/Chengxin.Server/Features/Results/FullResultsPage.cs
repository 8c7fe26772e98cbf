using Chengxin.Domain.Campaigns;
using Chengxin.Server.Data;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Results;

/// <summary>
/// The full results (every item with its explanation) a page at a time, for the office (issue 19): at 3,000 units the whole
/// campaign with its items was 12 MB, read and ranked per request, and a county admin's answer read the whole campaign's rows
/// to keep its own. A page is the caller's rows in stored rank order with their items (<see cref="ResultPages.DetailedQuery"/>),
/// ranked final first: the campaign's stored ranks are made current the way one unit's result makes them (stale rows recomputed,
/// due ranks ranked in the request), so no score or rank on a page is shown as final that is not. The frozen snapshot, the
/// exports and the dashboard read the whole results (<see cref="ResultQueries.ReadAsync"/>), untouched.
/// </summary>
internal static class FullResultsPage
{
    public static async Task<CampaignResultView> ReadAsync(ChengxinDbContext db, SchemeVersions versions, DateTime now, Data.Campaign campaign,
        ResultPageAsk ask, CancellationToken ct)
    {
        var current = await StoredRanks.EnsureAsync(db, versions, now, campaign, ct);
        var version = current.Version;
        var classNames = current.Scheme.Scheme.Classes.ToDictionary(k => k.Id, k => k.Name, StringComparer.Ordinal);
        if (current.Unstored is null)
        {
            var lines = await ResultPages.DetailedQuery(db, campaign.Id, ask).ToListAsync(ct);
            // A write between the ranking and this read leaves a row stale or unranked on the page: then the page is read as before.
            if (lines.All(l => l is { IsStale: false, Rank: not null, ClassRank: not null }))
                return new CampaignResultView(campaign.Id, campaign.Name, version.SchemeId, version.Version, version.Sha256, campaign.PeriodKey,
                    Period.ParseKey(campaign.PeriodKey).Label, current.UnitCount, [.. lines.Select(l => new UnitResultView(l.UnitId, l.Name, l.SchemeClass,
                        l.Base, l.Bonus, l.Total, l.Grade, ResultRanking.Vetoes(l.VetoesJson), l.Rank!.Value, l.ClassRank!.Value, l.SelfTotal, l.IsLate,
                        l.Explanation, StoredResults.ItemViews(current.Scheme, l.ItemsJson), classNames.GetValueOrDefault(l.SchemeClass)))]);
        }
        // The ranks could not be stored, or a write came in since: the whole campaign read and ranked as every read did before.
        campaign.Units = await db.CampaignUnits.AsNoTracking().Where(cu => cu.CampaignId == campaign.Id).OrderBy(cu => cu.UnitId).ToListAsync(ct);
        var whole = await ResultQueries.InScopeAsync(db, await ResultQueries.ReadAsync(db, versions, now, campaign, ct), ct);
        var (page, _, _) = ResultPages.InMemory(whole.Units, ask, u => u.SchemeClass, u => u.Name, classNames);
        return whole with { Units = page };
    }
}
