using Chengxin.Server.Data;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Campaigns;

public sealed record VoidCampaignRequest(string? Reason);

/// <summary>
/// Voids (作废) a campaign with a reason: it takes no more reports, reviews or publication, leaves the everyday lists and
/// 我的待办, and stays readable and in the audit. A transition like the others: one of racing callers wins, the rest get 409.
/// </summary>
public static class VoidCampaign
{
    public static async Task<IResult> Handle(long id, VoidCampaignRequest request, ChengxinDbContext db, AccessScope scope, TimeProvider clock,
        CancellationToken ct)
    {
        var validation = new Validation().Required("reason", request.Reason, "作废原因", 500);
        if (!validation.IsValid)
            return validation.Problem();
        var campaign = await CampaignContext.FindManagedAsync(db, scope, id, ct);
        if (campaign is null)
            return ProblemResponses.NotFound("评价批次");
        var version = await db.SchemeVersions.AsNoTracking().FirstAsync(v => v.Id == campaign.SchemeVersionId, ct);
        var domain = campaign.Restore(version);
        domain.Void();
        campaign.Store(domain);
        campaign.VoidReason = request.Reason!.Trim();
        campaign.VoidedAt = clock.GetUtcNow().UtcDateTime;
        campaign.VoidedBy = scope.UserId;
        // The update matches the state the void was decided on (adr 0006); the entity's audit event carries the reason.
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok((await CampaignViews.MapAsync(db, [campaign], ct))[0]);
    }
}
