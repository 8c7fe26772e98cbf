using System.Text.Json;
using Chengxin.Server.Data;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Results;

/// <summary>
/// What the results feature offers the others (the dashboard, exports, periods): a campaign's results read from their stored
/// rows or from the frozen snapshot, kept to the caller's scope, and its appeals. Handlers of this folder call these too.
/// </summary>
public static class ResultQueries
{
    /// <summary>The latest frozen snapshot of a campaign, read back as published; null before the first publication.</summary>
    public static async Task<CampaignResultView?> LatestSnapshotAsync(ChengxinDbContext db, long campaignId, CancellationToken ct)
    {
        var json = await db.PublishedResults.AsNoTracking().Where(p => p.CampaignId == campaignId).OrderByDescending(p => p.Version)
            .Select(p => p.Json).FirstOrDefaultAsync(ct);
        return json is null ? null : JsonSerializer.Deserialize<CampaignResultView>(json, ManageResults.SnapshotJson);
    }

    /// <summary>
    /// One unit's result as published in the campaign's latest snapshot, if the unit is in the caller's scope (null Unit otherwise, or when
    /// the snapshot does not hold it); the snapshot's other units are not made. Null before the first publication.
    /// </summary>
    public static async Task<(string Name, UnitResultView? Unit)?> PublishedUnitAsync(ChengxinDbContext db, long campaignId, long unitId,
        CancellationToken ct)
    {
        var snapshot = await SnapshotUnits.LatestAsync(db, campaignId, ct);
        if (snapshot is null)
            return null;
        // The scope filter on units decides, as for the whole snapshot (VisibleAsync): a unit the caller sees, in the campaign or not.
        return (snapshot.Name, await db.Units.AnyAsync(u => u.Id == unitId, ct) ? snapshot.Unit(unitId) : null);
    }

    /// <summary>
    /// The units of the campaign's latest snapshot in the caller's scope, in rank order, each made as it is asked for (null Units when the
    /// caller sees none). Null before the first publication.
    /// </summary>
    public static async Task<(string Name, IEnumerable<UnitResultView>? Units)?> PublishedUnitsAsync(ChengxinDbContext db, long campaignId,
        CancellationToken ct)
    {
        var snapshot = await SnapshotUnits.LatestAsync(db, campaignId, ct);
        if (snapshot is null)
            return null;
        var ids = snapshot.UnitIds();
        var visible = await VisibleAsync(db, campaignId, ids, ct);
        return (snapshot.Name, ids.Any(visible.Contains) ? snapshot.Units(visible) : null);
    }

    /// <summary>One unit's live result with its items, ranked within the whole campaign; null when the unit is outside the caller's scope or the campaign.</summary>
    public static Task<UnitResultView?> LiveUnitAsync(ChengxinDbContext db, SchemeVersions versions, DateTime now, Data.Campaign campaign, long unitId,
        CancellationToken ct) => ResultRanking.UnitViewAsync(db, versions, now, campaign, unitId, ct);

    /// <summary>
    /// The campaign's live results with their items in the caller's scope, in rank order, read a batch of <paramref name="batch"/> units at
    /// a time as they are enumerated (<see cref="RankedResults"/>); null when the caller sees none of its units. Rows stale when asked are
    /// recomputed first, never shown as current. When a write moves the ranks while the read begins, the whole view is read as before.
    /// </summary>
    public static async Task<IAsyncEnumerable<UnitResultView>?> LiveUnitsAsync(ChengxinDbContext db, SchemeVersions versions, DateTime now,
        Data.Campaign campaign, CancellationToken ct, int batch = RankedResults.DefaultBatch)
    {
        var opened = await RankedResults.OpenAsync(db, versions, now, campaign, batch, ct);
        if (opened.RanksCurrent)
            return opened.Units;
        campaign.Units = await db.CampaignUnits.AsNoTracking().Where(cu => cu.CampaignId == campaign.Id).OrderBy(cu => cu.UnitId).ToListAsync(ct);
        var whole = await InScopeAsync(db, await ReadAsync(db, versions, now, campaign, ct), ct);
        return whole.Units.Count == 0 ? null : whole.Units.ToAsyncEnumerable();
    }

    /// <summary>Ranks stay those of the whole campaign; only the units in the caller's scope are kept.</summary>
    public static async Task<CampaignResultView> InScopeAsync(ChengxinDbContext db, CampaignResultView result, CancellationToken ct)
    {
        var visible = await VisibleAsync(db, result.CampaignId, result.Units.Select(u => u.UnitId), ct);
        return result with { Units = result.Units.Where(u => visible.Contains(u.UnitId)).ToList() };
    }

    /// <summary>
    /// Which of a result's units the caller sees: the campaign's units as the scope filter sees them, by a join rather than a list
    /// of thousands of ids; only units the result holds that are not (or no longer) the campaign's own in the caller's view are
    /// asked about by id.
    /// </summary>
    internal static async Task<HashSet<long>> VisibleAsync(ChengxinDbContext db, long campaignId, IEnumerable<long> unitIds, CancellationToken ct)
    {
        var visible = (await db.Units.AsNoTracking().Where(u => db.CampaignUnits.Any(cu => cu.CampaignId == campaignId && cu.UnitId == u.Id))
            .Select(u => u.Id).ToListAsync(ct)).ToHashSet();
        var others = unitIds.Where(id => !visible.Contains(id)).ToList();
        if (others.Count > 0)
            visible.UnionWith(await db.Units.AsNoTracking().Where(u => others.Contains(u.Id)).Select(u => u.Id).ToListAsync(ct));
        return visible;
    }

    /// <summary>
    /// The campaign's results from their stored rows, ranked. The campaign itself is visible to the caller; its units' rows are
    /// read past the unit scope, because totals and ranks are a property of the whole campaign (callers filter what they show).
    /// Without items, each unit's items stay in the database (nearly all of a row's size): a ranking needs none.
    /// </summary>
    public static async Task<CampaignResultView> ReadAsync(ChengxinDbContext db, SchemeVersions versions, DateTime now, Data.Campaign campaign,
        CancellationToken ct, bool withItems = true) =>
        StoredResults.View(await StoredResults.ReadAsync(db, versions, now, campaign, ct, withItems), await StoredResults.NamesAsync(db, campaign.Id, ct));

    /// <summary>A campaign's appeals with their units' names, in the caller's scope.</summary>
    public static async Task<List<CampaignAppealView>> AppealsAsync(ChengxinDbContext db, long campaignId, CancellationToken ct)
    {
        var appeals = await db.Appeals.AsNoTracking().Where(a => a.CampaignId == campaignId).OrderBy(a => a.Id).ToListAsync(ct);
        var unitIds = appeals.Select(a => a.UnitId).Distinct().ToList();
        var names = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        return appeals.Where(a => names.ContainsKey(a.UnitId)).Select(a => new CampaignAppealView(a.Id, a.UnitId, names[a.UnitId], a.ItemId, a.Grounds,
            BeijingTime.Local(a.FiledAt), a.State, a.Decision, a.DecidedAt is { } d ? BeijingTime.Local(d) : null)).ToList();
    }
}
