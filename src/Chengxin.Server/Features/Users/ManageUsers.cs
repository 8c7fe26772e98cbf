using Chengxin.Domain;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Auth;
using Chengxin.Server.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Users;

public sealed record UserResponse(
    Guid Id, string UserName, string DisplayName, string Role, string RoleName,
    long UnitId, ScopeKind ScopeKind, long? ScopeUnitId, bool IsActive, bool IsLockedOut);

public sealed record CreateUserRequest(string? UserName, string? DisplayName, string? Password, long? UnitId, string? Role, ScopeKind? ScopeKind, long? ScopeUnitId);

public sealed record UpdateUserRequest(string? DisplayName, long? UnitId, string? Role, ScopeKind? ScopeKind, long? ScopeUnitId);

public sealed record ResetPasswordRequest(string? NewPassword);

/// <summary>User accounts within the caller's reach (<see cref="UserReach"/>). A user's unit, role and scope decide what they see.</summary>
public static class ManageUsers
{
    public static UserResponse Map(AppUser u, DateTimeOffset now) =>
        new(u.Id, u.UserName!, u.DisplayName, u.Role, Roles.ChineseNames[u.Role], u.UnitId, u.ScopeKind, u.ScopeUnitId, u.IsActive,
            u.LockoutEnd is { } end && end > now);

    /// <summary>What a role sees unless told otherwise: a liaison its own unit, everyone else their unit and below.</summary>
    public static ScopeKind DefaultScope(string role) => role == Roles.Liaison ? ScopeKind.OwnUnit : ScopeKind.Subtree;

    public static async Task<IResult> List(ChengxinDbContext db, AccessScope scope, TimeProvider clock, CancellationToken ct)
    {
        var reach = await UserReach.LoadAsync(db, scope, ct);
        var users = await db.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(ct);
        var now = clock.GetUtcNow();
        return TypedResults.Ok(users.Where(reach.Covers).Select(u => Map(u, now)).ToList());
    }

    public static async Task<IResult> Get(Guid id, ChengxinDbContext db, AccessScope scope, TimeProvider clock, CancellationToken ct)
    {
        var user = await FindAsync(db, scope, id, tracked: false, ct);
        return user is null ? ProblemResponses.NotFound("用户") : TypedResults.Ok(Map(user, clock.GetUtcNow()));
    }

    /// <summary>The account if it is within the caller's reach; an account out of reach is as absent as one in another office.</summary>
    private static async Task<AppUser?> FindAsync(ChengxinDbContext db, AccessScope scope, Guid id, bool tracked, CancellationToken ct)
    {
        var query = tracked ? db.Users : db.Users.AsNoTracking();
        var user = await query.FirstOrDefaultAsync(u => u.Id == id, ct);
        return user is not null && (await UserReach.LoadAsync(db, scope, ct)).Covers(user) ? user : null;
    }

    public static async Task<IResult> Create(CreateUserRequest request, ChengxinDbContext db, UserManager<AppUser> users, AccessScope scope, TimeProvider clock, CancellationToken ct)
    {
        var role = Roles.Parse(request.Role);
        var validation = new Validation()
            .Required("userName", request.UserName, "用户名", 64)
            .Required("displayName", request.DisplayName, "姓名")
            .Required("password", request.Password, "初始密码", 256)
            .Check(request.UnitId is not null, "unitId", "请选择所属单位。")
            .Check(role is not null, "role", "角色无效。")
            .Defined("scopeKind", request.ScopeKind, "范围类型");
        await CheckUnitsAsync(db, validation, request.UnitId, request.ScopeUnitId, ct);
        if (validation.IsValid)
            await CheckReachAsync(db, scope, validation, null, role!, request.UnitId!.Value, request.ScopeKind ?? DefaultScope(role!), request.ScopeUnitId, ct);
        if (!validation.IsValid)
            return validation.Problem();

        var user = new AppUser
        {
            UserName = request.UserName!.Trim(),
            DisplayName = request.DisplayName!.Trim(),
            TenantId = scope.TenantId,
            UnitId = request.UnitId!.Value,
            Role = role!,
            ScopeKind = request.ScopeKind ?? DefaultScope(role!),
            ScopeUnitId = request.ScopeUnitId,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        var result = await users.CreateAsync(user, request.Password!);
        if (!result.Succeeded)
            return IdentityProblems.From(result, "password");
        return TypedResults.Created($"/api/users/{user.Id}", Map(user, clock.GetUtcNow()));
    }

    public static async Task<IResult> Update(Guid id, UpdateUserRequest request, ChengxinDbContext db, UserManager<AppUser> users, AccessScope scope,
        TimeProvider clock, CancellationToken ct)
    {
        var user = await FindAsync(db, scope, id, tracked: true, ct);
        if (user is null)
            return ProblemResponses.NotFound("用户");
        var role = Roles.Parse(request.Role);
        var validation = new Validation()
            .Required("displayName", request.DisplayName, "姓名")
            .Check(request.UnitId is not null, "unitId", "请选择所属单位。")
            .Check(role is not null, "role", "角色无效。")
            .Defined("scopeKind", request.ScopeKind, "范围类型");
        await CheckUnitsAsync(db, validation, request.UnitId, request.ScopeUnitId, ct);
        if (validation.IsValid)
            await CheckReachAsync(db, scope, validation, user.Id, role!, request.UnitId!.Value, request.ScopeKind ?? DefaultScope(role!), request.ScopeUnitId, ct);
        if (!validation.IsValid)
            return validation.Problem();

        var accessChanged = user.Role != role || user.UnitId != request.UnitId || user.ScopeKind != (request.ScopeKind ?? DefaultScope(role!))
                            || user.ScopeUnitId != request.ScopeUnitId;
        user.DisplayName = request.DisplayName!.Trim();
        user.UnitId = request.UnitId!.Value;
        user.Role = role!;
        user.ScopeKind = request.ScopeKind ?? DefaultScope(role!);
        user.ScopeUnitId = request.ScopeUnitId;
        if (accessChanged)
            await users.UpdateSecurityStampAsync(user);
        else
            await db.SaveChangesAsync(ct);
        return TypedResults.Ok(Map(user, clock.GetUtcNow()));
    }

    public static async Task<IResult> Disable(Guid id, ChengxinDbContext db, UserManager<AppUser> users, AccessScope scope, TimeProvider clock, CancellationToken ct)
    {
        var user = await FindAsync(db, scope, id, tracked: true, ct);
        if (user is null)
            return ProblemResponses.NotFound("用户");
        if (user.Id == scope.UserId)
            throw new DomainRuleException("不能停用自己的账户。");
        user.IsActive = false;
        // A new stamp refuses every cookie of the account from its next request on; its tokens are revoked, not just
        // suspended, so that enabling the account later does not revive them.
        await SessionCheck.RevokeAllAsync(users, user);
        await SessionCheck.RevokeTokensAsync(db, user.Id, clock.GetUtcNow().UtcDateTime, ct);
        return TypedResults.Ok(Map(user, clock.GetUtcNow()));
    }

    public static async Task<IResult> Enable(Guid id, ChengxinDbContext db, UserManager<AppUser> users, AccessScope scope, TimeProvider clock,
        CancellationToken ct)
    {
        var user = await FindAsync(db, scope, id, tracked: true, ct);
        if (user is null)
            return ProblemResponses.NotFound("用户");
        user.IsActive = true;
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        return TypedResults.Ok(Map(user, clock.GetUtcNow()));
    }

    public static async Task<IResult> ResetPassword(Guid id, ResetPasswordRequest request, ChengxinDbContext db, UserManager<AppUser> users,
        AccessScope scope, CancellationToken ct)
    {
        var validation = new Validation().Required("newPassword", request.NewPassword, "新密码", 256);
        if (!validation.IsValid)
            return validation.Problem();
        var user = await FindAsync(db, scope, id, tracked: true, ct);
        if (user is null)
            return ProblemResponses.NotFound("用户");
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var result = await users.ResetPasswordAsync(user, token, request.NewPassword!);
        return result.Succeeded ? TypedResults.NoContent() : IdentityProblems.From(result, "newPassword");
    }

    private static async Task CheckReachAsync(ChengxinDbContext db, AccessScope scope, Validation validation, Guid? userId, string role, long unitId,
        ScopeKind kind, long? scopeUnitId, CancellationToken ct)
    {
        var reach = await UserReach.LoadAsync(db, scope, ct);
        if (!reach.MayGrant(role))
            validation.Add("role", "不能授予高于您本人的角色。");
        else if (!reach.Allows(userId, role, unitId, kind, scopeUnitId))
            validation.Add("scopeUnitId", "用户的范围须在您的权限范围之内。");
    }

    private static async Task CheckUnitsAsync(ChengxinDbContext db, Validation validation, long? unitId, long? scopeUnitId, CancellationToken ct)
    {
        // Both go through the unit scope filter: nobody can place a user, or aim a user's scope, outside their own.
        if (unitId is { } u && !await db.Units.AnyAsync(x => x.Id == u && x.IsActive, ct))
            validation.Add("unitId", "所属单位不存在、已停用或不在您的权限范围内。");
        if (scopeUnitId is { } s && !await db.Units.AnyAsync(x => x.Id == s, ct))
            validation.Add("scopeUnitId", "范围单位不存在或不在您的权限范围内。");
    }
}
