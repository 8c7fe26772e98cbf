using System.Diagnostics;
using System.Net;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Auth;
using Chengxin.Server.Features.Units;
using Chengxin.Server.Infrastructure;
using Chengxin.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Chengxin.Server.Tests.Scale;

/// <summary>
/// Who is calling, read once per request (issue 19, B5): the session's or the token's account, its role and its scope in one
/// statement, and nothing kept between requests, so a revoked token, a changed role or a moved scope holds from the next request.
/// </summary>
public abstract class CallerReadTests(AppFixture app)
{
    private async Task<AppUser> NewUserAsync(string prefix, string role, ScopeKind kind, string unit)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AccessScope>().SetSystemActor("测试");
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return await TestWorld.AddUserAsync(users, $"{prefix}-{Guid.NewGuid():N}"[..30], prefix, app.World.Unit(unit), role, kind,
            app.Clock.GetUtcNow().UtcDateTime);
    }

    /// <summary>A client with an API token of the account's, stored as the tokens page stores one (a liaison may not make its own).</summary>
    private async Task<HttpClient> TokenClientAsync(AppUser user)
    {
        var secret = ApiTokenDefaults.NewToken();
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<AccessScope>().SetSystemActor("测试");
            var db = scope.ServiceProvider.GetRequiredService<ChengxinDbContext>();
            db.ApiTokens.Add(new ApiToken
            {
                TenantId = user.TenantId, UserId = user.Id, Name = "推送", Prefix = secret[..9], TokenHash = ApiTokenDefaults.Hash(secret),
                CreatedAt = app.Clock.GetUtcNow().UtcDateTime,
            });
            await db.SaveChangesAsync();
        }
        var machine = app.NewClient();
        machine.DefaultRequestHeaders.Authorization = new("Bearer", secret);
        return machine;
    }

    /// <summary>Changes an account behind the server's back, as another instance or an administrator's change would.</summary>
    private async Task ChangeAccountAsync(Guid userId, Func<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<AppUser>, Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<AppUser>> change)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChengxinDbContext>();
        (await db.Users.IgnoreQueryFilters().Where(u => u.Id == userId).ExecuteUpdateAsync(s => change(s))).ShouldBe(1);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Me_WithTokenOrSession_ReadsTheCallerInOneStatementAndItsNamesInAnother(bool token)
    {
        var user = await NewUserAsync("one-read", Roles.Liaison, ScopeKind.OwnUnit, "A-C1-T1");
        var client = token ? await TokenClientAsync(user) : await app.SignInAsync(user.UserName!);
        (await client.GetAsync("/api/auth/me")).EnsureSuccessStatusCode();

        using var commands = new ExecutedStatements();
        var me = await (await client.GetAsync("/api/auth/me")).ReadAsync<AuthEndpoints.MeResponse>();

        me.UserName.ShouldBe(user.UserName);
        me.UnitName.ShouldBe(app.World.Unit("A-C1-T1").Name);
        var statements = commands.Of(s => s.Scope.UserId == user.Id);
        // The caller with its scope's root path (the token, the account and the unit in one), then the office's and unit's names.
        statements.Count.ShouldBe(2, string.Join("\n\n", statements));
    }

    [Fact]
    public async Task Token_OwnersRoleChangedBetweenRequests_NextRequestIsAuthorisedByTheNewRole()
    {
        var user = await NewUserAsync("role-change", Roles.OfficeAdmin, ScopeKind.Subtree, "A-C1");
        using var machine = await TokenClientAsync(user);
        (await machine.GetAsync("/api/users")).StatusCode.ShouldBe(HttpStatusCode.OK);

        await ChangeAccountAsync(user.Id, s => s.SetProperty(u => u.Role, Roles.Liaison));

        (await machine.GetAsync("/api/users")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var me = await (await machine.GetAsync("/api/auth/me")).ReadAsync<AuthEndpoints.MeResponse>();
        me.Role.ShouldBe(Roles.Liaison);
        me.Permissions.ShouldBe(Roles.Permissions[Roles.Liaison], ignoreOrder: true);
    }

    [Fact]
    public async Task Session_ScopeMovedBetweenRequests_NextRequestSeesTheNewScope()
    {
        var user = await NewUserAsync("scope-move", Roles.OfficeAdmin, ScopeKind.Subtree, "A-C1");
        var session = await app.SignInAsync(user.UserName!);
        var county = (await (await session.GetAsync("/api/units/count")).ReadAsync<UnitCountView>()).Count;

        await ChangeAccountAsync(user.Id, s => s.SetProperty(u => u.ScopeUnitId, app.World.Unit("A").Id));
        var city = (await (await session.GetAsync("/api/units/count")).ReadAsync<UnitCountView>()).Count;
        await ChangeAccountAsync(user.Id, s => s.SetProperty(u => u.ScopeKind, ScopeKind.OwnUnit));
        var own = (await (await session.GetAsync("/api/units/count")).ReadAsync<UnitCountView>()).Count;

        city.ShouldBeGreaterThan(county);
        own.ShouldBe(1);
    }

    [Fact]
    public async Task Token_OwnersScopeUnitInAnotherOffice_SeesNoUnit()
    {
        var user = await NewUserAsync("scope-away", Roles.OfficeAdmin, ScopeKind.Subtree, "A-C1");
        using var machine = await TokenClientAsync(user);
        await ChangeAccountAsync(user.Id, s => s.SetProperty(u => u.ScopeUnitId, app.World.Unit("B").Id));

        (await (await machine.GetAsync("/api/units/count")).ReadAsync<UnitCountView>()).Count.ShouldBe(0);
    }

    [Fact]
    public async Task Token_OwnerDisabledBehindTheServersBack_RefusedAtTheNextRequest()
    {
        var user = await NewUserAsync("disabled", Roles.Liaison, ScopeKind.OwnUnit, "A-C1-T1");
        using var machine = await TokenClientAsync(user);
        (await machine.GetAsync("/api/auth/me")).StatusCode.ShouldBe(HttpStatusCode.OK);

        await ChangeAccountAsync(user.Id, s => s.SetProperty(u => u.IsActive, false));

        await (await machine.GetAsync("/api/auth/me")).ProblemAsync(HttpStatusCode.Unauthorized);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class CallerReadTestsOnSqlite(SqliteApp app) : CallerReadTests(app);

[Collection(PostgresCollection.Name)]
public sealed class CallerReadTestsOnPostgres(PostgresApp app) : CallerReadTests(app);
