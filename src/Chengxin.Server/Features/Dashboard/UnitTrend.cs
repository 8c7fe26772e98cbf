using Chengxin.Domain.Campaigns;
using Chengxin.Domain.Schemes;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Results;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Dashboard;

public sealed record TrendPointView(long CampaignId, string CampaignName, string SchemeId, string PeriodKey, string PeriodLabel, decimal Total, string? Grade,
    int Rank, int ClassRank, int UnitCount);

public sealed record UnitTrendView(long UnitId, string UnitName, string SchemeFamily, IReadOnlyList<TrendPointView> Points);

/// <summary>
/// A unit across the periods of one scheme family, from published snapshots only: a trend shows what was
/// announced, never a live figure that may still change in review.
/// </summary>
public static class UnitTrend
{
    public static async Task<IResult> Get(long unitId, string? scheme, ChengxinDbContext db, CancellationToken ct)
    {
        var validation = new Validation().Required("scheme", scheme, "方案系列", 100);
        if (!validation.IsValid)
            return validation.Problem();
        var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == unitId, ct);
        if (unit is null)
            return ProblemResponses.NotFound("单位");
        var family = SchemeFamily.Of(scheme!);
        var campaigns = await db.Campaigns.AsNoTracking()
            .Where(c => c.Units.Any(u => u.UnitId == unitId) && db.PublishedResults.Any(p => p.CampaignId == c.Id))
            .Join(db.SchemeVersions, c => c.SchemeVersionId, v => v.Id, (c, v) => new { c.Id, c.Name, c.PeriodKey, v.SchemeId })
            .ToListAsync(ct);
        var points = new List<(Period Period, TrendPointView Point)>();
        foreach (var c in campaigns.Where(c => SchemeFamily.Of(c.SchemeId) == family))
        {
            var snapshot = await ResultQueries.LatestSnapshotAsync(db, c.Id, ct);
            var row = snapshot?.Units.FirstOrDefault(u => u.UnitId == unitId);
            if (row is null)
                continue;
            var period = Period.ParseKey(c.PeriodKey);
            points.Add((period, new TrendPointView(c.Id, c.Name, c.SchemeId, c.PeriodKey, period.Label, row.Total, row.Grade, row.Rank, row.ClassRank,
                snapshot!.UnitCount)));
        }
        return TypedResults.Ok(new UnitTrendView(unitId, unit.Name, family,
            points.OrderBy(p => p.Period.From).ThenBy(p => p.Period.To).ThenBy(p => p.Point.CampaignId).Select(p => p.Point).ToList()));
    }
}
