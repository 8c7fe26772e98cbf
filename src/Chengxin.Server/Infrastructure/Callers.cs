using System.Security.Claims;
using Chengxin.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Infrastructure;

/// <summary>
/// The signed-in account as a request needs it: who (the session's stamp, whether active), its role, and the path its scope
/// starts from. Read in one statement per request, by the session check or the token handler, and handed on to
/// <see cref="AccessScopeMiddleware"/> through the request's items, so that authenticating and scoping a request is one read.
/// </summary>
public sealed record Caller(Guid Id, string? UserName, string DisplayName, string Role, long TenantId, long UnitId, long? ScopeUnitId,
    ScopeKind ScopeKind, bool IsActive, string? SecurityStamp, string? ScopePath, bool OtherRoots)
{
    /// <summary>
    /// Which units the account sees, from the path read with it (<see cref="AccessScopeMiddleware.VisibleUnitsAsync"/> as one read),
    /// and whether that is the whole office: a subtree from the office's one top unit, as the office's units are now.
    /// </summary>
    public VisibleUnits Units => VisibleUnits.Of(ScopeKind, ScopePath, OtherRoots);
}

public static class Callers
{
    private static readonly object Key = new();

    /// <summary>
    /// Nothing is cached across requests: every request reads the account as it is now, so a sign-out, a role or scope change,
    /// a disabled account or a revoked token takes effect at its next request, on every instance. What is saved is the
    /// number of statements (one instead of four or five) and their translation (compiled once per process).
    /// </summary>
    private static readonly CompiledQuery<Func<ChengxinDbContext, Guid, CancellationToken, Task<Caller?>>> ById = new(() =>
        EF.CompileAsyncQuery((ChengxinDbContext db, Guid id, CancellationToken ct) =>
            db.Users.IgnoreQueryFilters().Where(u => u.Id == id)
                .Select(u => new Caller(u.Id, u.UserName, u.DisplayName, u.Role, u.TenantId, u.UnitId, u.ScopeUnitId, u.ScopeKind, u.IsActive,
                    u.SecurityStamp,
                    // The scope's root: the scope unit of a subtree (the own unit when none is set), the own unit otherwise; a unit
                    // of another office is no scope at all.
                    db.Units.IgnoreQueryFilters()
                        .Where(x => x.TenantId == u.TenantId
                            && x.Id == (u.ScopeKind == ScopeKind.Subtree && u.ScopeUnitId != null ? u.ScopeUnitId.Value : u.UnitId))
                        .Select(x => x.Path).FirstOrDefault(),
                    // Whether the office has another top unit than the scope's root (a few rows of IX_Units_TenantId_ParentId_Id):
                    // without one, a subtree from a top unit is the whole office and the query filters narrow by the tenant alone.
                    db.Units.IgnoreQueryFilters()
                        .Any(x => x.TenantId == u.TenantId && x.ParentId == null
                            && x.Id != (u.ScopeKind == ScopeKind.Subtree && u.ScopeUnitId != null ? u.ScopeUnitId.Value : u.UnitId))))
                .FirstOrDefault()));

    /// <summary>A live token's owner and the token's expiry, in the same one statement.</summary>
    private static readonly CompiledQuery<Func<ChengxinDbContext, string, CancellationToken, Task<TokenCaller?>>> ByTokenHash = new(() =>
        EF.CompileAsyncQuery((ChengxinDbContext db, string hash, CancellationToken ct) =>
            db.ApiTokens.IgnoreQueryFilters().Where(t => t.TokenHash == hash && t.RevokedAt == null)
                .Join(db.Users.IgnoreQueryFilters(), t => t.UserId, u => u.Id, (t, u) => new TokenCaller(t.ExpiresAt,
                    new Caller(u.Id, u.UserName, u.DisplayName, u.Role, u.TenantId, u.UnitId, u.ScopeUnitId, u.ScopeKind, u.IsActive,
                        u.SecurityStamp,
                        db.Units.IgnoreQueryFilters()
                            .Where(x => x.TenantId == u.TenantId
                                && x.Id == (u.ScopeKind == ScopeKind.Subtree && u.ScopeUnitId != null ? u.ScopeUnitId.Value : u.UnitId))
                            .Select(x => x.Path).FirstOrDefault(),
                        db.Units.IgnoreQueryFilters()
                            .Any(x => x.TenantId == u.TenantId && x.ParentId == null
                                && x.Id != (u.ScopeKind == ScopeKind.Subtree && u.ScopeUnitId != null ? u.ScopeUnitId.Value : u.UnitId)))))
                .FirstOrDefault()));

    public sealed record TokenCaller(DateTime? ExpiresAt, Caller Caller);

    /// <summary>Authentication runs before the caller's scope exists, hence the explicit bypass of the filters.</summary>
    public static Task<Caller?> FindAsync(ChengxinDbContext db, Guid id, CancellationToken ct) => ById.For(db)(db, id, ct);

    public static Task<TokenCaller?> FindByTokenHashAsync(ChengxinDbContext db, string hash, CancellationToken ct) => ByTokenHash.For(db)(db, hash, ct);

    /// <summary>Hands the account read while authenticating to the scope middleware of the same request.</summary>
    public static void Remember(HttpContext context, Caller caller) => context.Items[Key] = caller;

    /// <summary>The account read while authenticating this request, if it was, for this user.</summary>
    public static Caller? Remembered(HttpContext context, Guid userId) =>
        context.Items.TryGetValue(Key, out var value) && value is Caller caller && caller.Id == userId ? caller : null;

    /// <summary>The principal a bearer request carries: the claims a session's cookie holds, without the claims factory's reads.</summary>
    public static ClaimsPrincipal Principal(Caller caller, string authenticationType)
    {
        var identity = new ClaimsIdentity(authenticationType);
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, caller.Id.ToString()));
        if (caller.UserName is { } name)
            identity.AddClaim(new Claim(ClaimTypes.Name, name));
        identity.AddClaim(new Claim(ClaimTypes.Role, caller.Role));
        identity.AddClaim(new Claim(ChengxinClaims.Tenant, caller.TenantId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        identity.AddClaim(new Claim(ChengxinClaims.DisplayName, caller.DisplayName));
        return new ClaimsPrincipal(identity);
    }
}
