using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Chengxin.Domain.Scoring;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Results;

/// <summary>An item's published score; shown only when the scheme publishes item scores.</summary>
public sealed record PublicItemScoreView(string ItemId, string? No, string Title, decimal Score);

/// <summary>A unit's line in the public ranking: totals, grade, vetoes (the scheme's own rule names) and ranks.</summary>
public sealed record PublicUnitResultView(long UnitId, string Name, string SchemeClass, string? SchemeClassName, decimal Base, decimal Bonus,
    decimal Total, string? Grade, IReadOnlyList<string> Vetoes, int Rank, int ClassRank, IReadOnlyList<PublicItemScoreView>? Items);

/// <summary>
/// What the office publishes to everyone: the ranking of one published version. Never self-scores, lateness,
/// explanations, reviewers' or spot checkers' reasons, or anyone's name: those stay in the frozen snapshot, which
/// signed-in users read within their scope.
/// </summary>
public sealed record PublicCampaignResultView(long CampaignId, string Name, string SchemeId, int SchemeVersion, string SchemeSha256, string PeriodKey,
    string PeriodLabel, int Version, int UnitCount, bool ItemScoresPublished, IReadOnlyList<PublicUnitResultView> Units);

/// <summary>
/// The anonymous results page. The public view is a function of the frozen snapshot and the frozen scheme, rendered
/// in one fixed form; its SHA-256 is recorded in the audit chain at publication (publicSha256, beside the snapshot's
/// sha256), so the X-Result-Sha256 a reader checks is the one the office published.
/// </summary>
public static class PublicResults
{
    public static PublicCampaignResultView From(CampaignResultView snapshot, int version, bool itemScores) =>
        new(snapshot.CampaignId, snapshot.Name, snapshot.SchemeId, snapshot.SchemeVersion, snapshot.SchemeSha256, snapshot.PeriodKey,
            snapshot.PeriodLabel, version, snapshot.UnitCount, itemScores,
            snapshot.Units.Select(u => new PublicUnitResultView(u.UnitId, u.Name, u.SchemeClass, u.SchemeClassName, u.Base, u.Bonus, u.Total,
                u.Grade, u.Vetoes, u.Rank, u.ClassRank,
                itemScores ? u.Items.Select(i => new PublicItemScoreView(i.ItemId, i.No, i.Title, i.Score)).ToList() : null)).ToList());

    /// <summary>Whether the scheme publishes each item's score (campaign.publishItemScores); by default only totals, grades and ranks.</summary>
    public static bool ItemScoresPublished(CompiledScheme scheme) => scheme.Scheme.Campaign.PublishItemScores;

    /// <summary>The public view of a published version as served: its JSON and that JSON's SHA-256.</summary>
    public static (string Json, string Sha256) Render(PublishedResult published, bool itemScores)
    {
        var snapshot = JsonSerializer.Deserialize<CampaignResultView>(published.Json, ManageResults.SnapshotJson)!;
        var json = JsonSerializer.Serialize(From(snapshot, published.Version, itemScores), ManageResults.SnapshotJson);
        return (json, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json))));
    }

    /// <summary>The latest published version's public view; nothing before publication.</summary>
    public static async Task<IResult> Get(long id, ChengxinDbContext db, SchemeVersions versions, HttpResponse response, CancellationToken ct)
    {
        // Anonymous callers have no office: the filters are set aside deliberately, and only a published snapshot can be reached.
        var published = await db.PublishedResults.IgnoreQueryFilters().AsNoTracking()
            .Where(p => p.CampaignId == id).OrderByDescending(p => p.Version).FirstOrDefaultAsync(ct);
        if (published is null)
            return ProblemResponses.NotFound("已发布的结果");
        var version = await db.Campaigns.IgnoreQueryFilters().Where(c => c.Id == id)
            .Join(db.SchemeVersions.IgnoreQueryFilters(), c => c.SchemeVersionId, v => v.Id, (_, v) => v).AsNoTracking().FirstAsync(ct);
        var (json, sha) = Render(published, ItemScoresPublished(versions.Compile(version)));
        response.Headers["X-Result-Sha256"] = sha;
        response.Headers["X-Result-Version"] = published.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Text(json, "application/json; charset=utf-8", Encoding.UTF8);
    }
}
