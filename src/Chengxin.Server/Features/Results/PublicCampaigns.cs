using System.Text;
using Chengxin.Domain.Campaigns;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Results;

/// <summary>A published campaign in the public list: what it is, which version is current and when it was published.</summary>
public sealed record PublicCampaignView(long CampaignId, string Name, string SchemeTitle, string PeriodLabel, int Version, DateTimeOffset PublishedAt,
    int UnitCount);

/// <summary>
/// The public list of published campaigns (/public) and the download of a published version's public view, the very bytes
/// whose SHA-256 the results page shows. Only what publication froze is reachable, and only its public view.
/// </summary>
public static class PublicCampaigns
{
    /// <summary>The most campaigns the public list shows, newest publication first.</summary>
    public const int MaxListed = 200;

    public static async Task<IResult> List(ChengxinDbContext db, CancellationToken ct)
    {
        // Anonymous callers have no office: the filters are set aside deliberately, and only published campaigns are listed.
        var latest = await db.PublishedResults.IgnoreQueryFilters().AsNoTracking()
            .GroupBy(p => p.CampaignId).Select(g => new { CampaignId = g.Key, Version = g.Max(p => p.Version) }).ToListAsync(ct);
        var ids = latest.Select(l => l.CampaignId).ToList();
        var campaigns = await db.Campaigns.IgnoreQueryFilters().AsNoTracking().Include(c => c.Units).Where(c => ids.Contains(c.Id))
            .Join(db.SchemeVersions.IgnoreQueryFilters(), c => c.SchemeVersionId, v => v.Id, (c, v) => new { c.Id, c.Name, c.PeriodKey, v.Title, Units = c.Units.Count })
            .ToListAsync(ct);
        var published = await db.PublishedResults.IgnoreQueryFilters().AsNoTracking().Where(p => ids.Contains(p.CampaignId))
            .Select(p => new { p.CampaignId, p.Version, p.PublishedAt }).ToListAsync(ct);
        var list = campaigns.Select(c =>
        {
            var version = latest.First(l => l.CampaignId == c.Id).Version;
            var at = published.First(p => p.CampaignId == c.Id && p.Version == version).PublishedAt;
            return new PublicCampaignView(c.Id, c.Name, c.Title, Period.ParseKey(c.PeriodKey).Label, version, BeijingTime.Local(at), c.Units);
        }).OrderByDescending(v => v.PublishedAt).ThenByDescending(v => v.CampaignId).Take(MaxListed).ToList();
        return TypedResults.Ok(list);
    }

    /// <summary>The latest published version's public view as a file to keep, named after the campaign and the version.</summary>
    public static async Task<IResult> Download(long id, ChengxinDbContext db, SchemeVersions versions, HttpResponse response, CancellationToken ct)
    {
        var published = await db.PublishedResults.IgnoreQueryFilters().AsNoTracking()
            .Where(p => p.CampaignId == id).OrderByDescending(p => p.Version).FirstOrDefaultAsync(ct);
        if (published is null)
            return ProblemResponses.NotFound("已发布的结果");
        var campaign = await db.Campaigns.IgnoreQueryFilters().AsNoTracking().Where(c => c.Id == id)
            .Join(db.SchemeVersions.IgnoreQueryFilters(), c => c.SchemeVersionId, v => v.Id, (c, v) => new { c.Name, Version = v }).FirstAsync(ct);
        var (json, sha) = PublicResults.Render(published, PublicResults.ItemScoresPublished(versions.Compile(campaign.Version)));
        response.Headers["X-Result-Sha256"] = sha;
        response.Headers["X-Result-Version"] = published.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.File(Encoding.UTF8.GetBytes(json), "application/json", $"{campaign.Name}-公示结果-第{published.Version}版.json");
    }
}
