using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Chengxin.Domain.Campaigns;
using Chengxin.Domain.Schemes;
using Chengxin.Domain.Scoring;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Features.Notifications;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Results;

public sealed record ItemResultView(string ItemId, string? No, string Title, ItemStatus Status, decimal Score, decimal SelfScore, string Explanation);

public sealed record UnitResultView(long UnitId, string Name, string SchemeClass, decimal Base, decimal Bonus, decimal Total, string? Grade,
    IReadOnlyList<string> Vetoes, int Rank, int ClassRank, decimal SelfTotal, bool IsLate, string Explanation, IReadOnlyList<ItemResultView> Items,
    string? SchemeClassName = null);

public sealed record CampaignResultView(long CampaignId, string Name, string SchemeId, int SchemeVersion, string SchemeSha256, string PeriodKey,
    string PeriodLabel, int UnitCount, IReadOnlyList<UnitResultView> Units);

public sealed record RejectPublicationRequest(string? Reason);

/// <summary>A publication: the frozen snapshot's SHA-256 and that of its public view (what X-Result-Sha256 shows).</summary>
public sealed record PublicationReceipt(long CampaignId, int Version, string Sha256, DateTimeOffset PublishedAt, string PublicSha256);

/// <summary>
/// Results from the engine over the whole campaign (reviewed facts where a reviewer corrected, the unit's
/// own otherwise), and their publication: requested by one admin, approved by another, frozen as JSON
/// with its SHA-256 recorded in the audit chain.
/// </summary>
public static class ManageResults
{
    /// <summary>How snapshots are frozen; exports read them back with the same options.</summary>
    public static readonly JsonSerializerOptions SnapshotJson = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    /// <summary>
    /// The office's full results one page at a time in rank order (<see cref="FullResultsPage"/>: <paramref name="offset"/>,
    /// <paramref name="limit"/> up to 500, 100 unless asked, one scheme class, a name search; the ranking read counts the pages); a
    /// unit's or provider's, the published snapshot whole.
    /// </summary>
    public static async Task<IResult> Get(long id, ChengxinDbContext db, SchemeVersions versions, AccessScope scope, TimeProvider clock, CancellationToken ct,
        int? offset = null, int? limit = null, string? schemeClass = null, string? q = null)
    {
        var (ask, problem) = ResultPages.Parse(offset, limit, schemeClass, q);
        if (ask is null)
            return problem!;
        var campaign = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (campaign is null)
            return ProblemResponses.NotFound("评价批次");
        if (!Roles.Grants(scope.Role, ResultPermissions.Read))
            return await PublishedForUnitAsync(db, campaign, ct);
        return TypedResults.Ok(await FullResultsPage.ReadAsync(db, versions, clock.GetUtcNow().UtcDateTime, campaign, ask, ct));
    }

    /// <summary>
    /// Publication waits while any drawn unit's spot check is open (the domain refuses with a 409), and while anything else is
    /// open (<see cref="Readiness"/>): refused, or passed with a reason that is recorded with the request.
    /// </summary>
    public static async Task<IResult> RequestPublication(long id, ReadinessOverrideRequest? request, ChengxinDbContext db, SchemeVersions versions,
        AccessScope scope, TimeProvider clock, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var campaign = await CampaignContext.FindManagedAsync(db, scope, id, ct);
        if (campaign is null)
            return ProblemResponses.NotFound("评价批次");
        var (refused, recordOverride) = await Readiness.CheckAsync(db, versions, scope, campaign, Readiness.RequestPublication, request, clock.GetUtcNow(), ct);
        if (refused is not null)
            return refused;
        var open = await db.SpotChecks.IgnoreQueryFilters([ChengxinDbContext.UnitScopeFilter])
            .CountAsync(s => s.CampaignId == id && s.State == SpotCheckState.Open, ct);
        var result = await CampaignContext.TransitionAsync(id, db, scope, clock, (c, admin, _) => c.RequestPublication(admin, open), ct,
            (_, _) => recordOverride());
        if (result is Microsoft.AspNetCore.Http.HttpResults.Ok<CampaignResponse>)
        {
            await Notices.PostToOtherAdminsOfCampaignAsync(db, id, new Notice("publication", $"待审核发布：{campaign.Name}", $"{scope.ActorName}申请发布“{campaign.Name}”的评价结果，请另一位管理员审核。",
                $"/campaigns/{id}/results", $"publication-requested:{id}:{clock.GetUtcNow().UtcTicks}"), ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        return result;
    }

    /// <summary>
    /// What a campaign's units (and providers) may read: nothing before publication (404), afterwards the latest published
    /// snapshot, with the ranking list for everyone and the detail (items, explanation, self-score, lateness) only for
    /// the caller's own units.
    /// </summary>
    private static async Task<IResult> PublishedForUnitAsync(ChengxinDbContext db, Data.Campaign campaign, CancellationToken ct)
    {
        var published = await db.PublishedResults.AsNoTracking().Where(p => p.CampaignId == campaign.Id)
            .OrderByDescending(p => p.Version).FirstOrDefaultAsync(ct);
        if (published is null)
            return ProblemResponses.NotFound("已发布的结果");
        var snapshot = JsonSerializer.Deserialize<CampaignResultView>(published.Json, SnapshotJson)!;
        var ids = snapshot.Units.Select(u => u.UnitId).ToList();
        var own = (await db.Units.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => u.Id).ToListAsync(ct)).ToHashSet();
        return TypedResults.Ok(snapshot with
        {
            Units = snapshot.Units.Select(u => own.Contains(u.UnitId) ? u : u with { SelfTotal = 0, IsLate = false, Explanation = "", Items = [] }).ToList(),
        });
    }

    /// <summary>Rejecting a request sends the campaign back to review; the reason goes into the audit chain, where the requester reads it.</summary>
    public static async Task<IResult> RejectPublication(long id, RejectPublicationRequest? request, ChengxinDbContext db, AccessScope scope, TimeProvider clock,
        CancellationToken ct)
    {
        var validation = new Validation().Required("reason", request?.Reason, "驳回理由", 2000);
        if (!validation.IsValid)
            return validation.Problem();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var result = await CampaignContext.TransitionAsync(id, db, scope, clock, (c, _, _) => c.RejectPublication(), ct);
        if (result is not Microsoft.AspNetCore.Http.HttpResults.Ok<CampaignResponse>)
            return result;
        var campaign = await db.Campaigns.FirstAsync(c => c.Id == id, ct);
        await CampaignContext.RecordAsync(db, scope, campaign, RejectedAction, new { reason = request!.Reason!.Trim() }, clock.GetUtcNow().UtcDateTime, ct);
        await transaction.CommitAsync(ct);
        return result;
    }

    public const string RejectedAction = "campaign.publication-rejected";

    /// <summary>The event that carries a frozen snapshot's SHA-256; audit verify checks the stored snapshot against it.</summary>
    public const string PublishedAction = "campaign.published";

    /// <summary>The approving admin sees what is open as the requester did, and passes it only with a reason of their own.</summary>
    public static async Task<IResult> ApprovePublication(long id, ReadinessOverrideRequest? request, ChengxinDbContext db, SchemeVersions versions,
        AccessScope scope, TimeProvider clock, CancellationToken ct)
    {
        var campaign = await CampaignContext.FindManagedAsync(db, scope, id, ct);
        if (campaign is null)
            return ProblemResponses.NotFound("评价批次");
        var version = await db.SchemeVersions.AsNoTracking().FirstAsync(v => v.Id == campaign.SchemeVersionId, ct);
        var domain = campaign.Restore(version);
        var now = clock.GetUtcNow();
        // The domain refuses the requesting admin approving their own request (409).
        domain.ApprovePublication(scope.UserId!.Value.ToString(), now);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var (refused, recordOverride) = await Readiness.CheckAsync(db, versions, scope, campaign, Readiness.ApprovePublication, request, now, ct);
        if (refused is not null)
            return refused;
        campaign.Store(domain);
        var (published, publicSha) = await FreezeAsync(db, versions, scope, campaign, now, ct);
        await recordOverride();
        await Notices.PostToCampaignUnitsAsync(db, id, new Notice("published", $"评价结果已发布：{campaign.Name}", $"“{campaign.Name}”的评价结果已发布（第{published.Version}版），请查看本单位得分。",
            "/results", $"published:{id}:{published.Version}"), ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(new PublicationReceipt(id, published.Version, published.Sha256, now.ToOffset(BeijingTime.Offset), publicSha));
    }

    /// <summary>
    /// Freezes the engine's results of an approved campaign as the next published version, with its SHA-256 and that of
    /// its public view in the audit chain. The caller has applied the domain's approval to the campaign and owns the transaction.
    /// </summary>
    public static async Task<(PublishedResult Published, string PublicSha256)> FreezeAsync(ChengxinDbContext db, SchemeVersions versions,
        AccessScope scope, Data.Campaign campaign, DateTimeOffset now, CancellationToken ct)
    {
        var snapshot = JsonSerializer.Serialize(await ResultQueries.ReadAsync(db, versions, now.UtcDateTime, campaign, ct), SnapshotJson);
        var sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(snapshot)));
        var previous = await db.PublishedResults.Where(p => p.CampaignId == campaign.Id).MaxAsync(p => (int?)p.Version, ct) ?? 0;
        var published = new PublishedResult
        {
            TenantId = campaign.TenantId, CampaignId = campaign.Id, Version = previous + 1, Json = snapshot, Sha256 = sha,
            RequestedBy = campaign.PublicationRequestedBy!.Value, ApprovedBy = campaign.PublicationApprovedBy!.Value, PublishedAt = now.UtcDateTime,
        };
        db.PublishedResults.Add(published);
        await db.SaveChangesAsync(ct);
        var version = await db.SchemeVersions.AsNoTracking().FirstAsync(v => v.Id == campaign.SchemeVersionId, ct);
        var (_, publicSha) = PublicResults.Render(published, PublicResults.ItemScoresPublished(versions.Compile(version)));
        await CampaignContext.RecordAsync(db, scope, campaign, PublishedAction, new
        {
            version = published.Version, sha256 = sha, publicSha256 = publicSha, requestedBy = published.RequestedBy, approvedBy = published.ApprovedBy,
        }, now.UtcDateTime, ct);
        return (published, publicSha);
    }
}
