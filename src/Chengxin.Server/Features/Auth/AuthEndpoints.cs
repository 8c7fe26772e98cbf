using Chengxin.Server.Data;
using Chengxin.Server.Features.Notifications;
using Chengxin.Server.Infrastructure;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Auth;

public static class AuthEndpoints
{
    public sealed record LoginRequest(string? UserName, string? Password);

    public sealed record MeResponse(
        Guid Id, string UserName, string DisplayName, string Role, string RoleName,
        long TenantId, string TenantName, long UnitId, string UnitName, IReadOnlyList<string> Permissions);

    public sealed record AntiforgeryResponse(string Token, string HeaderName);

    public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

    public static void MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth").WithTags("Auth").WithStandardProblems();

        group.MapPost("/login", Login)
            .WithName("Login").WithSummary("登录 (sign in with a password; sets the session cookie)").Produces<MeResponse>()
            .AllowAnonymous()
            .RequireRateLimiting(ChengxinHost.LoginRateLimit)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapPost("/logout", Logout)
            .WithName("Logout").WithSummary("退出登录").Produces(StatusCodes.Status204NoContent)
            .RequireAuthorization(AuthPermissions.Self);
        group.MapGet("/me", Me)
            .WithName("Me").WithSummary("当前用户").Produces<MeResponse>()
            .RequireAuthorization(AuthPermissions.Self);
        group.MapGet("/antiforgery", (HttpContext http, IAntiforgery antiforgery) =>
            {
                var tokens = antiforgery.GetAndStoreTokens(http);
                return TypedResults.Ok(new AntiforgeryResponse(tokens.RequestToken!, AntiforgeryCheck.HeaderName));
            })
            .WithName("Antiforgery").WithSummary("获取防伪令牌 (send it as X-XSRF-TOKEN on state-changing requests)")
            .RequireAuthorization(AuthPermissions.Self);
        group.MapPut("/password", ChangePassword)
            .WithName("ChangePassword").WithSummary("修改本人密码").Produces(StatusCodes.Status204NoContent)
            .RequireAuthorization(AuthPermissions.Self);
    }

    private static async Task<IResult> Login(
        LoginRequest request, HttpContext http, LoginThrottle throttle, SignInManager<AppUser> signIn, UserManager<AppUser> users,
        ChengxinDbContext db, CancellationToken ct)
    {
        var validation = new Validation()
            .Required("userName", request.UserName, "用户名", 256)
            .Required("password", request.Password, "密码", 256);
        if (!validation.IsValid)
            return validation.Problem();

        // Signing in over plain http would answer 200 with a Secure cookie that the browser drops, and the sign-in page
        // would come back without a word: say what is wrong and what the administrator can do instead.
        if (!Transport.CanHoldSession(http))
            return TypedResults.Problem(title: "需要安全连接", detail: InsecureConnection, statusCode: StatusCodes.Status400BadRequest);

        // The socket's address, or the client's as named by a configured reverse proxy (see Transport).
        var client = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var account = users.NormalizeName(request.UserName!.Trim());
        if (throttle.RetryAfter(client, account) is { } wait)
        {
            http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return TypedResults.Problem(title: "请求过于频繁", detail: "该账户在本机登录失败次数过多，请稍后再试。",
                statusCode: StatusCodes.Status429TooManyRequests);
        }

        // An unknown name, a wrong password and a disabled account answer alike and each costs one password hash,
        // so neither the answer nor its time tells which accounts exist or which are disabled.
        var user = await users.FindByNameAsync(request.UserName!.Trim());
        if (user is null)
        {
            users.PasswordHasher.VerifyHashedPassword(Decoy, DecoyHash(users), request.Password!);
            throttle.Failed(client, account);
            return Failed(WrongCredentials);
        }
        if (!user.IsActive)
        {
            // The password is checked as for an active account (also counting towards lockout), and whatever the outcome the answer is the same.
            if (users.PasswordHasher.VerifyHashedPassword(user, user.PasswordHash ?? DecoyHash(users), request.Password!) == PasswordVerificationResult.Failed)
                await users.AccessFailedAsync(user);
            throttle.Failed(client, account);
            return await users.IsLockedOutAsync(user) ? Failed(LockedOut) : Failed(WrongCredentials);
        }
        var result = await signIn.PasswordSignInAsync(user, request.Password!, isPersistent: false, lockoutOnFailure: true);
        if (result.IsLockedOut)
            return Failed(LockedOut);
        if (!result.Succeeded)
        {
            throttle.Failed(client, account);
            return Failed(WrongCredentials);
        }
        throttle.Succeeded(client, account);
        return TypedResults.Ok(await Describe(db, user, ct));
    }

    public const string InsecureConnection =
        "当前通过未加密的 http 地址访问，浏览器不会保存登录状态。请改用 https 地址访问；在没有证书的内网中，"
        + "可由管理员以 --Chengxin:AllowHttp=true 启动服务后使用 http（见服务器说明“部署与安全”）。";

    private const string WrongCredentials = "用户名或密码错误。";
    private const string LockedOut = "登录失败次数过多，账户已临时锁定，请稍后再试。";

    private static readonly AppUser Decoy = new() { DisplayName = "", Role = "" };
    private static string? _decoyHash;

    /// <summary>A hash of no one's password, made with the configured work factor, to spend the same time on a name that does not exist.</summary>
    private static string DecoyHash(UserManager<AppUser> users) =>
        _decoyHash ??= users.PasswordHasher.HashPassword(Decoy, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)));

    private static IResult Failed(string detail) =>
        TypedResults.Problem(title: "登录失败", detail: detail, statusCode: StatusCodes.Status401Unauthorized);

    private static async Task<IResult> Logout(AccessScope scope, UserManager<AppUser> users, SignInManager<AppUser> signIn)
    {
        // Deleting the cookie in this browser is not enough: a copy of it (a stolen or replayed cookie) must stop working too.
        if (scope.UserId is { } id && await users.FindByIdAsync(id.ToString()) is { } user)
            await SessionCheck.RevokeAllAsync(users, user);
        await signIn.SignOutAsync();
        return TypedResults.NoContent();
    }

    /// <summary>The account with its office's and unit's names, one statement; the role and the scope are the request's own.</summary>
    private static readonly CompiledQuery<Func<ChengxinDbContext, Guid, CancellationToken, Task<MeRow?>>> MeById = new(() =>
        EF.CompileAsyncQuery((ChengxinDbContext db, Guid id, CancellationToken ct) =>
            db.Users.IgnoreQueryFilters().Where(u => u.Id == id)
                .Select(u => new MeRow(u.UserName!, u.DisplayName, u.TenantId, u.UnitId,
                    db.CreditOffices.IgnoreQueryFilters().Where(t => t.Id == u.TenantId).Select(t => t.Name).FirstOrDefault(),
                    db.Units.IgnoreQueryFilters().Where(x => x.Id == u.UnitId).Select(x => x.Name).FirstOrDefault()))
                .FirstOrDefault()));

    private sealed record MeRow(string UserName, string DisplayName, long TenantId, long UnitId, string? TenantName, string? UnitName);

    private static async Task<IResult> Me(AccessScope scope, ChengxinDbContext db, CancellationToken ct)
    {
        // Asked by the web app on every page: the middleware has read the account as it is now; what it did not read is its
        // office's and unit's names, read here in one statement.
        var me = await MeById.For(db)(db, scope.UserId!.Value, ct);
        if (me is null || me.TenantName is null || me.UnitName is null)
            return ProblemResponses.NotFound("用户");
        var permissions = await PermissionsAsync(db, scope.Role!, scope.TenantId, scope.Units, ct);
        return TypedResults.Ok(new MeResponse(scope.UserId.Value, me.UserName, me.DisplayName, scope.Role!, Roles.ChineseNames[scope.Role!],
            me.TenantId, me.TenantName, me.UnitId, me.UnitName, permissions));
    }

    private static async Task<IResult> ChangePassword(ChangePasswordRequest request, AccessScope scope, UserManager<AppUser> users, SignInManager<AppUser> signIn)
    {
        var validation = new Validation()
            .Required("currentPassword", request.CurrentPassword, "当前密码", 256)
            .Required("newPassword", request.NewPassword, "新密码", 256);
        if (!validation.IsValid)
            return validation.Problem();
        var user = await users.FindByIdAsync(scope.UserId!.Value.ToString());
        if (user is null)
            return ProblemResponses.NotFound("用户");
        var result = await users.ChangePasswordAsync(user, request.CurrentPassword!, request.NewPassword!);
        if (!result.Succeeded)
            return IdentityProblems.From(result, "newPassword");
        // The stamp changed, so other sessions end at their next request; this one gets a fresh cookie.
        await signIn.RefreshSignInAsync(user);
        return TypedResults.NoContent();
    }

    private static async Task<MeResponse> Describe(ChengxinDbContext db, AppUser user, CancellationToken ct)
    {
        // Called at sign-in too, before a scope exists: the user's own office and unit only.
        var tenant = await db.CreditOffices.IgnoreQueryFilters().Where(t => t.Id == user.TenantId).Select(t => t.Name).FirstAsync(ct);
        var unit = await db.Units.IgnoreQueryFilters().Where(u => u.Id == user.UnitId).Select(u => u.Name).FirstAsync(ct);
        return new MeResponse(user.Id, user.UserName!, user.DisplayName, user.Role, Roles.ChineseNames[user.Role],
            user.TenantId, tenant, user.UnitId, unit,
            await PermissionsAsync(db, user.Role, user.TenantId,
                await AccessScopeMiddleware.VisibleUnitsAsync(db, user.TenantId, user.UnitId, user.ScopeUnitId, user.ScopeKind, ct), ct));
    }

    /// <summary>
    /// The role's permissions, less those kept for the whole office when the account's scope is a part of it, so the web app
    /// offers no page the server would refuse (a county's admin has no outbound channels to configure).
    /// </summary>
    private static async Task<IReadOnlyList<string>> PermissionsAsync(ChengxinDbContext db, string role, long tenantId, VisibleUnits units,
        CancellationToken ct)
    {
        var permissions = Roles.Permissions[role];
        if (!permissions.Contains(NotificationPermissions.Channels))
            return permissions;
        // A scope by campaigns never covers the office (CoversAsync answers so).
        return await OfficeWideScope.CoversAsync(db, tenantId, units, ct)
            ? permissions
            : permissions.Where(p => p != NotificationPermissions.Channels).ToList();
    }
}
