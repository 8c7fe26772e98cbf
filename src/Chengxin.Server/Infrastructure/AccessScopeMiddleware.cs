using System.Security.Claims;
using Chengxin.Server.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Infrastructure;

/// <summary>
/// Fills the request's <see cref="AccessScope"/> from the signed-in user: their tenant and the
/// ids of the units they may see. Read fresh on every request, so a disabled account or a
/// changed scope takes effect at once (the security stamp check is the second line).
/// </summary>
public sealed class AccessScopeMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, ChengxinDbContext db, AccessScope scope)
    {
        if (context.User.Identity?.IsAuthenticated == true
            && Guid.TryParse(context.User.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
        {
            var user = await db.Users.IgnoreQueryFilters().AsNoTracking()
                .Where(u => u.Id == userId)
                .Select(u => new { u.Id, u.UserName, u.DisplayName, u.Role, u.TenantId, u.UnitId, u.ScopeUnitId, u.ScopeKind, u.IsActive })
                .FirstOrDefaultAsync(context.RequestAborted);
            if (user is null || !user.IsActive)
            {
                // The account is gone or disabled: the session ends now, whatever the cookie says.
                await context.SignOutAsync(Microsoft.AspNetCore.Identity.IdentityConstants.ApplicationScheme);
                context.User = new ClaimsPrincipal(new ClaimsIdentity());
            }
            else
            {
                // Authorization reads the role from the principal; take it from the account as it is now,
                // so a changed role applies at once rather than when the cookie is next refreshed.
                if (context.User.Identity is ClaimsIdentity identity && !context.User.IsInRole(user.Role))
                {
                    foreach (var stale in identity.FindAll(ClaimTypes.Role).ToList())
                        identity.RemoveClaim(stale);
                    identity.AddClaim(new Claim(ClaimTypes.Role, user.Role));
                }
                var units = await VisibleUnitsAsync(db, user.TenantId, user.Id, user.UnitId, user.ScopeUnitId, user.ScopeKind, context.RequestAborted);
                // A firm's campaigns narrow which campaigns it sees, not only which units; so do any reviewer's: a reviewer
                // follows the campaigns assigned to it, and every campaign read (results, submissions, evidence, the review
                // queue) goes through the campaign filter, so one narrowing here answers 404 for all the others.
                var campaigns = user.ScopeKind == ScopeKind.Campaigns || user.Role == Roles.Reviewer
                    ? await db.CampaignReviewers.AsNoTracking().Where(r => r.UserId == user.Id).Select(r => r.CampaignId).ToListAsync(context.RequestAborted)
                    : null;
                scope.SetUser(user.Id, $"{user.DisplayName}（{user.UserName}）", user.Role, user.TenantId, user.UnitId, units, campaigns);
            }
        }
        await next(context);
    }

    public static async Task<IReadOnlyList<long>> VisibleUnitsAsync(
        ChengxinDbContext db, long tenantId, Guid userId, long unitId, long? scopeUnitId, ScopeKind kind, CancellationToken ct)
    {
        // The scope is computed here, before any filter applies, so every read below bypasses them explicitly.
        var units = await db.Units.IgnoreQueryFilters().AsNoTracking()
            .Where(u => u.TenantId == tenantId)
            .Select(u => new { u.Id, u.ParentId })
            .ToListAsync(ct);
        switch (kind)
        {
            case ScopeKind.OwnUnit:
                return units.Any(u => u.Id == unitId) ? [unitId] : [];
            case ScopeKind.Subtree:
            {
                var root = scopeUnitId ?? unitId;
                if (!units.Any(u => u.Id == root))
                    return [];
                var children = units.Where(u => u.ParentId is not null).ToLookup(u => u.ParentId!.Value, u => u.Id);
                var visible = new List<long>();
                var queue = new Queue<long>([root]);
                while (queue.TryDequeue(out var id))
                {
                    visible.Add(id);
                    foreach (var child in children[id])
                        queue.Enqueue(child);
                }
                return visible;
            }
            case ScopeKind.Campaigns:
            {
                var campaignUnits = await (
                        from r in db.CampaignReviewers
                        join c in db.Campaigns.IgnoreQueryFilters() on r.CampaignId equals c.Id
                        join cu in db.CampaignUnits on c.Id equals cu.CampaignId
                        where r.UserId == userId && c.TenantId == tenantId
                        select cu.UnitId)
                    .Distinct().ToListAsync(ct);
                return campaignUnits;
            }
            default:
                return [];
        }
    }
}
