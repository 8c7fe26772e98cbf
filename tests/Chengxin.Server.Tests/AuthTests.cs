using System.Net;
using System.Net.Http.Json;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Auth;
using Chengxin.Server.Features.Tokens;
using Chengxin.Server.Infrastructure;
using Chengxin.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Chengxin.Server.Tests;

public abstract class AuthTests(AppFixture app)
{
    private async Task<AppUser> NewUserAsync(string prefix, string role = Roles.Liaison)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AccessScope>().SetSystemActor("测试");
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return await TestWorld.AddUserAsync(users, $"{prefix}-{Guid.NewGuid():N}"[..30], prefix, app.World.Unit("A-C1-T1"), role,
            role == Roles.Liaison ? ScopeKind.OwnUnit : ScopeKind.Subtree, app.Clock.GetUtcNow().UtcDateTime);
    }

    [Fact]
    public async Task Login_RightPassword_SetsHardenedSessionCookie()
    {
        using var client = app.NewClient();
        var response = await client.PostJsonAsync("/api/auth/login", new AuthEndpoints.LoginRequest("a-liaison", TestWorld.Password));

        var me = await response.ReadAsync<AuthEndpoints.MeResponse>();
        me.Role.ShouldBe(Roles.Liaison);
        me.RoleName.ShouldBe("联络员");
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(ChengxinHost.CookieName + "=", StringComparison.Ordinal));
        cookie.ShouldContain("secure", Case.Insensitive);
        cookie.ShouldContain("httponly", Case.Insensitive);
        cookie.ShouldContain("samesite=strict", Case.Insensitive);
        cookie.ShouldContain("path=/", Case.Insensitive);
        cookie.ShouldNotContain("domain=", Case.Insensitive);
    }

    [Fact]
    public async Task Login_WrongPassword_Returns401WithChineseProblem()
    {
        using var client = app.NewClient();
        var response = await client.PostJsonAsync("/api/auth/login", new AuthEndpoints.LoginRequest("a-liaison", "wrong-password-1"));

        var problem = await response.ProblemAsync(HttpStatusCode.Unauthorized);
        problem.GetProperty("detail").GetString().ShouldBe("用户名或密码错误。");
    }

    [Fact]
    public async Task Login_MissingFields_Returns400WithFieldErrors()
    {
        using var client = app.NewClient();
        var response = await client.PostJsonAsync("/api/auth/login", new AuthEndpoints.LoginRequest("", null));

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").GetProperty("userName")[0].GetString().ShouldBe("用户名不能为空。");
        problem.GetProperty("errors").GetProperty("password")[0].GetString().ShouldBe("密码不能为空。");
    }

    private HttpClient ClientAt(string address)
    {
        var client = app.NewClient();
        client.DefaultRequestHeaders.Add(TestClientAddress.Header, address);
        return client;
    }

    [Fact]
    public async Task Login_FiveWrongPasswordsFromOneClient_RefusesThatClientOnly()
    {
        var user = await NewUserAsync("throttle");
        using var attacker = ClientAt("203.0.113.7");
        for (var i = 0; i < 5; i++)
            (await attacker.PostJsonAsync("/api/auth/login", new AuthEndpoints.LoginRequest(user.UserName, "wrong-password-1"))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var refused = await attacker.PostJsonAsync("/api/auth/login", new AuthEndpoints.LoginRequest(user.UserName, TestWorld.Password));
        (await refused.ProblemAsync(HttpStatusCode.TooManyRequests)).GetProperty("detail").GetString()!.ShouldContain("登录失败次数过多");
        int.Parse(refused.Headers.GetValues("Retry-After").Single()).ShouldBeInRange(1, 15 * 60);

        // The account's owner, at their own desk, is not locked out by the attacker.
        using var owner = ClientAt("198.51.100.20");
        (await owner.PostJsonAsync("/api/auth/login", new AuthEndpoints.LoginRequest(user.UserName, TestWorld.Password))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Login_TwentyWrongPasswordsFromManyClients_LocksTheAccount()
    {
        var user = await NewUserAsync("lock");
        for (var i = 0; i < 20; i++)
        {
            using var client = ClientAt($"192.0.2.{i + 1}");
            await client.PostJsonAsync("/api/auth/login", new AuthEndpoints.LoginRequest(user.UserName, "wrong-password-1"));
        }

        using var owner = ClientAt("198.51.100.21");
        var response = await owner.PostJsonAsync("/api/auth/login", new AuthEndpoints.LoginRequest(user.UserName, TestWorld.Password));

        (await response.ProblemAsync(HttpStatusCode.Unauthorized)).GetProperty("detail").GetString()!.ShouldContain("锁定");
    }

    [Fact]
    public async Task CreateUser_StoresPbkdf2Sha512With210000Iterations()
    {
        var user = await NewUserAsync("hash");

        // Identity's V3 format: 0x01, PRF (2 = HMAC-SHA512), iteration count, salt length, big-endian.
        var bytes = Convert.FromBase64String(user.PasswordHash!);
        bytes[0].ShouldBe((byte)0x01);
        System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(1)).ShouldBe(2u);
        System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(5)).ShouldBe(210_000u);
    }

    [Fact]
    public async Task CookiePost_WithoutAntiforgeryToken_Returns400()
    {
        using var client = app.NewClient();
        (await client.PostJsonAsync("/api/auth/login", new AuthEndpoints.LoginRequest("a-admin", TestWorld.Password))).EnsureSuccessStatusCode();

        var response = await client.PostJsonAsync("/api/tokens", new TokenEndpoints.CreateTokenRequest("无令牌", null));

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("title").GetString().ShouldBe("防伪令牌无效");
    }

    [Fact]
    public async Task ApiToken_Bearer_AuthenticatesWithoutCookieOrAntiforgery_UntilRevoked()
    {
        var session = await app.SignInAsync("a-provider");
        var created = await (await session.PostJsonAsync("/api/tokens", new TokenEndpoints.CreateTokenRequest("法院推送", 30)))
            .ReadAsync<TokenEndpoints.CreatedTokenResponse>();
        created.Secret.ShouldStartWith("cx_");

        using var machine = app.NewClient();
        machine.DefaultRequestHeaders.Authorization = new("Bearer", created.Secret);
        var me = await (await machine.GetAsync("/api/auth/me")).ReadAsync<AuthEndpoints.MeResponse>();
        me.UserName.ShouldBe("a-provider");
        (await machine.PostJsonAsync("/api/tokens", new TokenEndpoints.CreateTokenRequest("机器创建", null))).StatusCode.ShouldBe(HttpStatusCode.Created);

        (await session.DeleteAsync($"/api/tokens/{created.Token.Id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await (await machine.GetAsync("/api/auth/me")).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ApiToken_Expired_Returns401()
    {
        var session = await app.SignInAsync("a-admin");
        var created = await (await session.PostJsonAsync("/api/tokens", new TokenEndpoints.CreateTokenRequest("短期", 1)))
            .ReadAsync<TokenEndpoints.CreatedTokenResponse>();
        using var machine = app.NewClient();
        machine.DefaultRequestHeaders.Authorization = new("Bearer", created.Secret);
        (await machine.GetAsync("/api/auth/me")).StatusCode.ShouldBe(HttpStatusCode.OK);

        app.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1));
        try
        {
            await (await machine.GetAsync("/api/auth/me")).ProblemAsync(HttpStatusCode.Unauthorized);
        }
        finally
        {
            app.Clock.Advance(-(TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1)));
        }
    }

    [Fact]
    public async Task DisableUser_EndsTheirSessionsAndTokens()
    {
        var user = await NewUserAsync("disable", Roles.DataProvider);
        var victim = await app.SignInAsync(user.UserName!);
        var token = await (await victim.PostJsonAsync("/api/tokens", new TokenEndpoints.CreateTokenRequest("t", null)))
            .ReadAsync<TokenEndpoints.CreatedTokenResponse>();
        (await victim.GetAsync("/api/auth/me")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var admin = await app.SessionAsync("a-admin");
        (await admin.PostAsync($"/api/users/{user.Id}/disable", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        await (await victim.GetAsync("/api/auth/me")).ProblemAsync(HttpStatusCode.Unauthorized);
        using var machine = app.NewClient();
        machine.DefaultRequestHeaders.Authorization = new("Bearer", token.Secret);
        await (await machine.GetAsync("/api/auth/me")).ProblemAsync(HttpStatusCode.Unauthorized);
        var again = await app.NewClient().PostJsonAsync("/api/auth/login", new AuthEndpoints.LoginRequest(user.UserName, TestWorld.Password));
        (await again.ProblemAsync(HttpStatusCode.Unauthorized)).GetProperty("detail").GetString().ShouldBe("用户名或密码错误。");
    }

    [Fact]
    public async Task ChangedPassword_OtherSessionsEndAtOnce()
    {
        var user = await NewUserAsync("stamp");
        var laptop = await app.SignInAsync(user.UserName!);
        var phone = await app.SignInAsync(user.UserName!);

        var changed = await laptop.PutJsonAsync("/api/auth/password", new AuthEndpoints.ChangePasswordRequest(TestWorld.Password, "another-password-9"));
        changed.StatusCode.ShouldBe(HttpStatusCode.NoContent);

        await (await phone.GetAsync("/api/auth/me")).ProblemAsync(HttpStatusCode.Unauthorized);
        (await laptop.GetAsync("/api/auth/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private HttpClient ReplayClient(string cookie)
    {
        var client = app.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://localhost"), HandleCookies = false,
        });
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }

    private static string SessionCookie(HttpResponseMessage login) =>
        login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(ChengxinHost.CookieName + "=", StringComparison.Ordinal)).Split(';')[0];

    [Fact]
    public async Task Logout_ReplayedCookie_Returns401()
    {
        var user = await NewUserAsync("logout");
        using var browser = app.NewClient();
        var login = await browser.PostJsonAsync("/api/auth/login", new AuthEndpoints.LoginRequest(user.UserName, TestWorld.Password));
        login.StatusCode.ShouldBe(HttpStatusCode.OK);
        var copied = SessionCookie(login);
        var antiforgery = await browser.GetFromJsonAsync<AuthEndpoints.AntiforgeryResponse>("/api/auth/antiforgery");
        browser.DefaultRequestHeaders.Add(antiforgery!.HeaderName, antiforgery.Token);
        using var replay = ReplayClient(copied);
        (await replay.GetAsync("/api/auth/me")).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await browser.PostAsync("/api/auth/logout", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        await (await replay.GetAsync("/api/auth/me")).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ResetPassword_ByAdmin_EndsTheUsersSessionsAtOnce()
    {
        var user = await NewUserAsync("reset");
        var victim = await app.SignInAsync(user.UserName!);
        (await victim.GetAsync("/api/auth/me")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var admin = await app.SessionAsync("a-admin");
        (await admin.PostJsonAsync($"/api/users/{user.Id}/password", new Features.Users.ResetPasswordRequest("reset-password-77"))).StatusCode
            .ShouldBe(HttpStatusCode.NoContent);

        await (await victim.GetAsync("/api/auth/me")).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task EnableUser_AfterDisable_DoesNotReviveTokens()
    {
        var user = await NewUserAsync("revive", Roles.DataProvider);
        var owner = await app.SignInAsync(user.UserName!);
        var token = await (await owner.PostJsonAsync("/api/tokens", new TokenEndpoints.CreateTokenRequest("t", null)))
            .ReadAsync<TokenEndpoints.CreatedTokenResponse>();
        var admin = await app.SessionAsync("a-admin");
        (await admin.PostAsync($"/api/users/{user.Id}/disable", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await admin.PostAsync($"/api/users/{user.Id}/enable", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var machine = app.NewClient();
        machine.DefaultRequestHeaders.Authorization = new("Bearer", token.Secret);
        await (await machine.GetAsync("/api/auth/me")).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    private static string WithoutTraceId(string problem)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(problem)!.AsObject();
        node.Remove("traceId");
        return node.ToJsonString();
    }

    [Theory]
    [InlineData(TestWorld.Password)]
    [InlineData("wrong-password-1")]
    public async Task Login_DisabledAccount_AnswersAsAWrongPassword(string password)
    {
        var user = await NewUserAsync("enum");
        var admin = await app.SessionAsync("a-admin");
        (await admin.PostAsync($"/api/users/{user.Id}/disable", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var client = app.NewClient();
        var wrong = await client.PostJsonAsync("/api/auth/login", new AuthEndpoints.LoginRequest("a-liaison", "wrong-password-1"));

        var disabled = await client.PostJsonAsync("/api/auth/login", new AuthEndpoints.LoginRequest(user.UserName, password));

        disabled.StatusCode.ShouldBe(wrong.StatusCode);
        WithoutTraceId(await disabled.Content.ReadAsStringAsync()).ShouldBe(WithoutTraceId(await wrong.Content.ReadAsStringAsync()));
        disabled.Headers.Contains("Set-Cookie").ShouldBeFalse();
    }

    [Fact]
    public async Task Me_Anonymous_Returns401Problem()
    {
        using var client = app.NewClient();
        var problem = await (await client.GetAsync("/api/auth/me")).ProblemAsync(HttpStatusCode.Unauthorized);
        problem.GetProperty("title").GetString().ShouldBe("未登录或登录已失效");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AuthTestsOnSqlite(SqliteApp app) : AuthTests(app);

[Collection(PostgresCollection.Name)]
public sealed class AuthTestsOnPostgres(PostgresApp app) : AuthTests(app);

/// <summary>Two instances on one database, as behind a load balancer: a session from one is good on the other.</summary>
[Collection(PostgresCollection.Name)]
public sealed class SharedKeyRingTests(PostgresApp app)
{
    [Fact]
    public async Task SessionCookie_IssuedByOneInstance_IsAcceptedByAnother()
    {
        var secondFolder = app.DataFolder + "-second";
        await using var second = new ChengxinFactory(secondFolder, app.ConnectionString, app.Clock, 1000);
        using var client = second.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://localhost"), HandleCookies = false,
        });
        using var firstClient = app.NewClient();
        var login = await firstClient.PostJsonAsync("/api/auth/login", new AuthEndpoints.LoginRequest("a-reviewer", TestWorld.Password));
        var setCookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(ChengxinHost.CookieName + "=", StringComparison.Ordinal));
        client.DefaultRequestHeaders.Add("Cookie", setCookie.Split(';')[0]);

        var me = await (await client.GetAsync("/api/auth/me")).ReadAsync<AuthEndpoints.MeResponse>();
        me.UserName.ShouldBe("a-reviewer");
        Directory.Delete(secondFolder, recursive: true);
    }
}
