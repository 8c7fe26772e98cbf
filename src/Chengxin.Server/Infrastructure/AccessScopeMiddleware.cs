using System.Security.Claims;
using Chengxin.Server.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Infrastructure;

/// <summary>
/// Fills the request's <see cref="AccessScope"/> from the signed-in user: their tenant and which
/// units they may see (a path pattern, not a list of ids). Read fresh on every request, so a disabled account or a
/// changed scope takes effect at once (the security stamp check is the second line). The account is read once per request
/// (<see cref="Callers"/>), with its scope's root path, by whichever authenticated the request.
/// </summary>
public sealed class AccessScopeMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, ChengxinDbContext db, AccessScope scope)
    {
        if (context.User.Identity?.IsAuthenticated == true
            && Guid.TryParse(context.User.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
        {
            // Usually read already by the session check or the token handler of this request, in the same one statement.
            var user = Callers.Remembered(context, userId) ?? await Callers.FindAsync(db, userId, context.RequestAborted);
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
                var units = user.Units;
                // A firm's campaigns narrow which campaigns it sees, not only which units; so do any reviewer's: a reviewer
                // follows the campaigns assigned to it, and every campaign read (results, submissions, evidence, the review
                // queue) goes through the campaign filter, so one narrowing here answers 404 for all the others.
                var campaigns = user.ScopeKind == ScopeKind.Campaigns || user.Role == Roles.Reviewer
                    ? await db.CampaignReviewers.AsNoTracking().Where(r => r.UserId == user.Id).Select(r => r.CampaignId).ToListAsync(context.RequestAborted)
                    : null;
                // The name written beside what a person did is the one people know them by: a login name is technical detail
                // (issue 11, terminology), and the audit chain keeps the account's id beside it.
                scope.SetUser(user.Id, user.DisplayName, user.Role, user.TenantId, user.UnitId, units, campaigns);
            }
        }
        await next(context);
    }

    /// <summary>
    /// Which units an account sees: one row read (its scope unit's path), never the list of units, so a province's admin
    /// costs what a liaison does.
    /// </summary>
    public static async Task<VisibleUnits> VisibleUnitsAsync(
        ChengxinDbContext db, long tenantId, long unitId, long? scopeUnitId, ScopeKind kind, CancellationToken ct)
    {
        if (kind is not (ScopeKind.OwnUnit or ScopeKind.Subtree))
            return VisibleUnits.Of(kind, null);
        var root = kind == ScopeKind.Subtree ? scopeUnitId ?? unitId : unitId;
        // The scope is computed here, before any filter applies, so the read bypasses them explicitly; a unit of another
        // office is no scope at all.
        var path = await db.Units.IgnoreQueryFilters().AsNoTracking()
            .Where(u => u.Id == root && u.TenantId == tenantId)
            .Select(u => u.Path)
            .FirstOrDefaultAsync(ct);
        // Whether the scope is the whole office is asked only of a subtree from a top unit (one more read of the office's tops).
        var otherRoots = kind != ScopeKind.Subtree || path is null || !VisibleUnits.IsTopPath(path)
            || await db.Units.IgnoreQueryFilters().AnyAsync(u => u.TenantId == tenantId && u.ParentId == null && u.Id != root, ct);
        return VisibleUnits.Of(kind, path, otherRoots);
    }
}
