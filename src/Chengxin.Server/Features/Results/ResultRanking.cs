using Chengxin.Domain.Campaigns;
using Chengxin.Server.Data;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Results;

/// <summary>One unit's line of the ranking table: totals, ranks and grade, without its items (those come per unit, on demand).</summary>
public sealed record UnitRankingView(long UnitId, string Name, string SchemeClass, string? SchemeClassName, decimal Base, decimal Bonus, decimal Total,
    string? Grade, IReadOnlyList<string> Vetoes, int Rank, int ClassRank, decimal SelfTotal, bool IsLate);

/// <summary>A campaign's ranking table in the caller's scope; ranks are those of the whole campaign.</summary>
public sealed record CampaignRankingView(long CampaignId, string Name, string SchemeId, int SchemeVersion, string SchemeSha256, string PeriodKey,
    string PeriodLabel, int UnitCount, IReadOnlyList<UnitRankingView> Units);

/// <summary>
/// The results page at a province's size (issue 19): the ranking table whole (a few columns a unit, 3,000 rows are a few hundred
/// KB; the page sorts and splits it by class) without the items, and one unit's result with its items and their explanations
/// when the office opens it. Both read the stored rows (ADR 0007), brought up to date first.
/// </summary>
public static class ResultRanking
{
    public static async Task<IResult> List(long id, ChengxinDbContext db, SchemeVersions versions, TimeProvider clock, CancellationToken ct)
    {
        var campaign = await StoredResults.FindCampaignAsync(db, id, ct);
        if (campaign is null)
            return ProblemResponses.NotFound("评价批次");
        var stored = await StoredResults.ReadAsync(db, versions, clock.GetUtcNow().UtcDateTime, campaign, ct, withItems: false);
        var names = await StoredResults.NamesAsync(db, id, ct);
        var visible = await ResultQueries.VisibleAsync(db, id, stored.Rows.Select(r => r.UnitId), ct);
        var (vetoes, overall, byClass) = StoredResults.Ranks(stored.Rows);
        var classNames = stored.Scheme.Scheme.Classes.ToDictionary(k => k.Id, k => k.Name, StringComparer.Ordinal);
        var units = stored.Rows.Select((r, i) => (Row: r, Index: i)).Where(x => visible.Contains(x.Row.UnitId))
            .Select(x => new UnitRankingView(x.Row.UnitId, names[x.Row.UnitId], x.Row.SchemeClass, classNames.GetValueOrDefault(x.Row.SchemeClass),
                x.Row.Base, x.Row.Bonus, x.Row.Total, x.Row.Grade, vetoes[x.Index], overall[x.Index], byClass[x.Index], x.Row.SelfTotal, x.Row.IsLate))
            .OrderBy(u => u.Rank).ThenBy(u => u.UnitId).ToList();
        var version = stored.Version;
        return TypedResults.Ok(new CampaignRankingView(campaign.Id, campaign.Name, version.SchemeId, version.Version, version.Sha256, campaign.PeriodKey,
            Period.ParseKey(campaign.PeriodKey).Label, stored.Rows.Count, units));
    }

    /// <summary>One unit's result with its items, ranked within the whole campaign; a unit outside the caller's scope is not found.</summary>
    public static async Task<IResult> Unit(long id, long unitId, ChengxinDbContext db, SchemeVersions versions, TimeProvider clock, CancellationToken ct)
    {
        var campaign = await StoredResults.FindCampaignAsync(db, id, ct);
        // The unit filter decides whether the caller sees the unit at all.
        var name = await db.Units.AsNoTracking().Where(u => u.Id == unitId).Select(u => u.Name).FirstOrDefaultAsync(ct);
        if (campaign is null || name is null || campaign.Units.All(u => u.UnitId != unitId))
            return ProblemResponses.NotFound("单位的评价结果");
        var stored = await StoredResults.ReadAsync(db, versions, clock.GetUtcNow().UtcDateTime, campaign, ct, withItems: false);
        var (vetoes, overall, byClass) = StoredResults.Ranks(stored.Rows);
        var index = stored.Rows.ToList().FindIndex(r => r.UnitId == unitId);
        var row = stored.Rows[index];
        // The row was brought up to date by the read: its items and explanation are read as stored, or taken from the computation
        // the read served when another reader stored the row first.
        var full = row.ItemsJson != "[]" ? row : await db.UnitResults.AsNoTracking().FirstAsync(r => r.CampaignId == id && r.UnitId == unitId, ct);
        var classNames = stored.Scheme.Scheme.Classes.ToDictionary(k => k.Id, k => k.Name, StringComparer.Ordinal);
        return TypedResults.Ok(new UnitResultView(unitId, name, row.SchemeClass, row.Base, row.Bonus, row.Total, row.Grade, vetoes[index], overall[index],
            byClass[index], row.SelfTotal, row.IsLate, full.Explanation, StoredResults.ItemViews(stored.Scheme, full.ItemsJson),
            classNames.GetValueOrDefault(row.SchemeClass)));
    }
}
