using Chengxin.Domain.Campaigns;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Features.Submissions;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Results;

public sealed record PublishedVersionView(int Version, string Sha256, DateTimeOffset PublishedAt, string RequestedBy, string ApprovedBy);

public sealed record PublicationRejectionView(string Reason, string RejectedBy, DateTimeOffset RejectedAt);

/// <summary>
/// Where a campaign's publication stands: who asked, who approved, every frozen version with its SHA-256, and the latest
/// rejection's reason. canApprove tells the caller whether they are the one who may approve (not the requester).
/// </summary>
public sealed record PublicationView(long CampaignId, CampaignState State, string? RequestedBy, Guid? RequestedById, string? ApprovedBy,
    DateTimeOffset? PublishedAt, IReadOnlyList<PublishedVersionView> Versions, PublicationRejectionView? LastRejection, bool CanApprove);

public static class PublicationStatus
{
    public static async Task<IResult> Get(long id, ChengxinDbContext db, Infrastructure.AccessScope scope, CancellationToken ct)
    {
        var campaign = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (campaign is null)
            return Infrastructure.ProblemResponses.NotFound("评价批次");
        var versions = await db.PublishedResults.AsNoTracking().Where(p => p.CampaignId == id).OrderBy(p => p.Version)
            .Select(p => new { p.Version, p.Sha256, p.PublishedAt, p.RequestedBy, p.ApprovedBy }).ToListAsync(ct);
        var idText = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var rejection = await db.AuditEvents.AsNoTracking()
            .Where(e => e.EntityType == "campaign" && e.EntityId == idText && e.Action == ManageResults.RejectedAction)
            .OrderByDescending(e => e.Sequence).FirstOrDefaultAsync(ct);
        // Publication is the office's act, so the two admins are named even when they sit outside the caller's unit scope.
        var userIds = versions.SelectMany(v => new[] { v.RequestedBy, v.ApprovedBy })
            .Concat(new[] { campaign.PublicationRequestedBy, campaign.PublicationApprovedBy }.OfType<Guid>()).Distinct().ToList();
        var names = await db.Users.IgnoreQueryFilters([ChengxinDbContext.UnitScopeFilter]).AsNoTracking()
            .Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        string? Name(Guid? user) => user is { } u ? names.GetValueOrDefault(u, "（已删除的用户）") : null;

        PublicationRejectionView? last = null;
        if (rejection?.After is { } after)
        {
            using var json = System.Text.Json.JsonDocument.Parse(after);
            last = new PublicationRejectionView(json.RootElement.TryGetProperty("reason", out var r) ? r.GetString() ?? "" : "", rejection.ActorName,
                BeijingTime.Local(rejection.At));
        }
        var canApprove = campaign.State == CampaignState.PendingPublication && campaign.PublicationRequestedBy != scope.UserId
            && Infrastructure.Roles.Grants(scope.Role, CampaignPermissions.Manage);
        return TypedResults.Ok(new PublicationView(id, campaign.State, Name(campaign.PublicationRequestedBy), campaign.PublicationRequestedBy,
            Name(campaign.PublicationApprovedBy), campaign.PublishedAt is { } p ? BeijingTime.Local(p) : null,
            versions.Select(v => new PublishedVersionView(v.Version, v.Sha256, BeijingTime.Local(v.PublishedAt), Name(v.RequestedBy)!, Name(v.ApprovedBy)!)).ToList(),
            last, canApprove));
    }
}
