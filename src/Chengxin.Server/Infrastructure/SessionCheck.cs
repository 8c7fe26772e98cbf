using System.Security.Claims;
using Chengxin.Server.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Chengxin.Server.Infrastructure;

/// <summary>
/// Every cookie request checks the account's security stamp against the one in the cookie, so
/// signing out, a password change or reset, a role change and disabling take effect at once. Identity's
/// own validator checks only every so often and then re-issues the cookie; this is one lookup by key
/// per request and never re-issues. A session is therefore revoked by giving the account a new stamp:
/// signing out ends the account's sessions on every device, which is what an office wants when a
/// shared workstation or a stolen cookie is the worry (see README, "Deployment and security").
/// </summary>
public static class SessionCheck
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var stampType = context.HttpContext.RequestServices.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
        var stamp = principal?.FindFirstValue(stampType);
        var current = Guid.TryParse(principal?.FindFirstValue(ClaimTypes.NameIdentifier), out var id)
            ? await Callers.FindAsync(context.HttpContext.RequestServices.GetRequiredService<ChengxinDbContext>(), id, context.HttpContext.RequestAborted)
            : null;
        if (current is { IsActive: true } && stamp is not null && current.SecurityStamp == stamp)
        {
            // The scope middleware takes the account from here rather than reading it again.
            Callers.Remember(context.HttpContext, current);
            return;
        }
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
    }

    /// <summary>Ends every session of the account at once: the next request with any of its cookies is refused.</summary>
    public static Task<IdentityResult> RevokeAllAsync(UserManager<AppUser> users, AppUser user) => users.UpdateSecurityStampAsync(user);

    /// <summary>
    /// Disabling an account revokes its API tokens for good, so that enabling it again later does not
    /// bring back tokens the owner may no longer hold (a leaked token stays dead).
    /// </summary>
    public static async Task RevokeTokensAsync(ChengxinDbContext db, Guid userId, DateTime now, CancellationToken ct)
    {
        var tokens = await db.ApiTokens.Where(t => t.UserId == userId && t.RevokedAt == null).ToListAsync(ct);
        foreach (var token in tokens)
            token.RevokedAt = now;
        await db.SaveChangesAsync(ct);
    }
}
