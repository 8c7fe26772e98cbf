using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Chengxin.Server.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Chengxin.Server.Infrastructure;

public static class ApiTokenDefaults
{
    public const string Scheme = "ApiToken";
    public const string TokenPrefix = "cx_";

    public static string NewToken() =>
        TokenPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>
/// <c>Authorization: Bearer cx_…</c> for machine clients. The token is looked up by its
/// SHA-256, so the database never holds a usable secret; the principal it yields is the
/// token owner's, with the same role and scope as a signed-in session.
/// </summary>
public sealed class ApiTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    ChengxinDbContext db, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return AuthenticateResult.NoResult();
        var token = header["Bearer ".Length..].Trim();
        if (!token.StartsWith(ApiTokenDefaults.TokenPrefix, StringComparison.Ordinal))
            return AuthenticateResult.Fail("令牌格式无效。");

        var hash = ApiTokenDefaults.Hash(token);
        var now = clock.GetUtcNow().UtcDateTime;
        // The token, its owner and the owner's scope in one statement; the scope middleware takes the owner from here.
        var found = await Callers.FindByTokenHashAsync(db, hash, Context.RequestAborted);
        if (found is null || (found.ExpiresAt is { } expires && expires <= now))
            return AuthenticateResult.Fail("令牌无效或已过期。");
        if (!found.Caller.IsActive)
            return AuthenticateResult.Fail("账户已停用。");

        Callers.Remember(Context, found.Caller);
        var principal = Callers.Principal(found.Caller, ApiTokenDefaults.Scheme);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, ApiTokenDefaults.Scheme));
    }
}
