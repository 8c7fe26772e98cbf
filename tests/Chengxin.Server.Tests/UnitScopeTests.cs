using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Units;
using Chengxin.Server.Infrastructure;
using Chengxin.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Chengxin.Server.Tests;

/// <summary>
/// The unit scope is a path prefix over the tree (ADR 0005): these pin the SQL it becomes on each provider, that paths follow
/// the tree through creation and moves, and that a request never loads the list of the units it may see.
/// </summary>
public abstract class UnitScopeTests(AppFixture app)
{
    private static string NewCode() => "S" + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task UnitScopeFilter_OnUnits_IsOnePathPredicate()
    {
        await using var services = app.Factory.Services.CreateAsyncScope();
        var db = ScopedTo(services, "a-admin", VisibleUnits.Subtree(app.World.Unit("A-C1").Path));

        var sql = db.Units.ToQueryString();

        Where(sql).ShouldBe(app.Provider == "SQLite"
            ? "\"u\".\"TenantId\" = @ef_filter__ScopeTenantId AND \"u\".\"Path\" >= @ef_filter__ScopePathFrom AND \"u\".\"Path\" <= @ef_filter__ScopePathTo"
            : "u.\"TenantId\" = @ef_filter__ScopeTenantId AND u.\"Path\" >= @ef_filter__ScopePathFrom AND u.\"Path\" <= @ef_filter__ScopePathTo");
    }

    [Fact]
    public async Task UnitScopeFilter_OnUnitOwnedRows_IsOneSubqueryOnThePath()
    {
        await using var services = app.Factory.Services.CreateAsyncScope();
        var db = ScopedTo(services, "a-admin", VisibleUnits.Subtree(app.World.Unit("A-C1").Path));

        var sql = db.Submissions.ToQueryString();

        // The row's unit among the units whose path is in the range: no list of ids, whatever the size of the scope.
        sql.Split(">= @ef_filter__ScopePathFrom").Length.ShouldBe(2, sql);
        sql.ShouldNotContain("json_each");
        sql.ShouldNotContain("ANY (");
        sql.ShouldContain(app.Provider == "SQLite" ? "\"s\".\"UnitId\" IN (" : "s.\"UnitId\" IN (");
    }

    [Fact]
    public async Task UnitScopeFilter_ExternalFirm_IsOneExistsOverItsAssignmentsWithNoList()
    {
        await using var services = app.Factory.Services.CreateAsyncScope();
        var db = ScopedTo(services, "a-firm", VisibleUnits.OfCampaigns);

        var sql = db.Units.ToQueryString();

        sql.ShouldNotContain("ScopePath");
        sql.ShouldNotContain("IN (");
        sql.ShouldNotContain("ANY (");
        sql.ShouldContain("\"UserId\" = @ef_filter__ScopeFirmUserId");
        (await db.Units.Select(u => u.Code).ToListAsync()).ShouldBe(["A-C2-T1"]);
    }

    [Fact]
    public async Task UnitScopeFilter_EmptyScope_IsFalseInTheSql()
    {
        await using var services = app.Factory.Services.CreateAsyncScope();
        var db = services.ServiceProvider.GetRequiredService<ChengxinDbContext>();

        Where(db.Units.IgnoreQueryFilters([ChengxinDbContext.TenantFilter]).ToQueryString()).ShouldBe(app.Provider == "SQLite" ? "0" : "FALSE");
    }

    [Fact]
    public async Task UnitScopeFilter_EmptyScope_SeesNoUnitAndNoRow()
    {
        await using var services = app.Factory.Services.CreateAsyncScope();
        var db = services.ServiceProvider.GetRequiredService<ChengxinDbContext>();

        (await db.Units.IgnoreQueryFilters([ChengxinDbContext.TenantFilter]).AnyAsync()).ShouldBeFalse();
        (await db.Submissions.IgnoreQueryFilters([ChengxinDbContext.TenantFilter]).AnyAsync()).ShouldBeFalse();
        (await db.AuditEvents.IgnoreQueryFilters([ChengxinDbContext.TenantFilter]).AnyAsync(e => e.UnitId != null)).ShouldBeFalse();
    }

    [Fact]
    public async Task UnitScopeFilter_OwnUnit_SeesThatUnitAndNotItsChildren()
    {
        await using var services = app.Factory.Services.CreateAsyncScope();
        var db = ScopedTo(services, "a-admin", VisibleUnits.Own(app.World.Unit("A-C1").Path));

        (await db.Units.Select(u => u.Code).ToListAsync()).ShouldBe(["A-C1"]);
    }

    [Fact]
    public async Task MoveUnit_SubtreeUnderAnotherCounty_PathsAndScopedReadsFollow()
    {
        var city = await NewUserAsync("A", "A");
        var from = await CreateAsync(city, app.World.Unit("A").Id, "县/区");
        var to = await CreateAsync(city, app.World.Unit("A").Id, "县/区");
        var town = await CreateAsync(city, from.Id, "乡镇/街道");
        var village = await CreateAsync(city, town.Id, "村/社区");
        var fromAdmin = await NewUserAsync("A", from.Code!);
        var toAdmin = await NewUserAsync("A", to.Code!);
        (await toAdmin.GetAsync($"/api/units/{village.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var moved = await city.PostJsonAsync($"/api/units/{town.Id}/move", new MoveUnitRequest(to.Id));

        moved.StatusCode.ShouldBe(HttpStatusCode.OK, await moved.Content.ReadAsStringAsync());
        var paths = await PathsAsync(from.Id, to.Id, town.Id, village.Id);
        paths[town.Id].ShouldBe($"{paths[to.Id]}{town.Id}/");
        paths[village.Id].ShouldBe($"{paths[to.Id]}{town.Id}/{village.Id}/");
        var seen = await (await toAdmin.GetAsync("/api/units")).ReadAsync<List<UnitResponse>>();
        seen.Select(u => u.Id).ShouldBe([to.Id, town.Id, village.Id], ignoreOrder: true);
        (await fromAdmin.GetAsync($"/api/units/{village.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await (await fromAdmin.GetAsync("/api/units")).ReadAsync<List<UnitResponse>>()).Select(u => u.Id).ShouldBe([from.Id]);
    }

    [Fact]
    public async Task MoveUnit_UnderItsOwnDescendant_IsRefusedAndPathsStay()
    {
        var city = await NewUserAsync("A", "A");
        var county = await CreateAsync(city, app.World.Unit("A").Id, "县/区");
        var town = await CreateAsync(city, county.Id, "乡镇/街道");
        var before = await PathsAsync(county.Id, town.Id);

        var response = await city.PostJsonAsync($"/api/units/{county.Id}/move", new MoveUnitRequest(town.Id));

        (await response.ProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString()!.ShouldContain("下级单位之下");
        (await PathsAsync(county.Id, town.Id)).ShouldBe(before);
    }

    [Fact]
    public async Task ImportUnits_ParentAndChildInOneFile_TheirPathsPlaceThemAndTheirAdminSeesBoth()
    {
        var city = await NewUserAsync("A", "A");
        var (county, town) = (NewCode(), NewCode());
        var content = new ByteArrayContent(Xlsx.Write("Sheet1", ImportExportUnits.Header,
            [[county, "导入县", "A", "县/区", null], [town, "导入镇", county, "乡镇/街道", "乡镇"]]));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(Xlsx.ContentType);

        (await (await city.PostAsync("/api/units/import", content)).ReadAsync<ImportResult>()).Created.ShouldBe(2);

        var countyAdmin = await NewUserAsync("A", county);
        var seen = await (await countyAdmin.GetAsync("/api/units")).ReadAsync<List<UnitResponse>>();
        seen.Select(u => u.Code).ShouldBe([county, town], ignoreOrder: true);
        var paths = await PathsAsync(seen.Select(u => u.Id).ToArray());
        var countyId = seen.Single(u => u.Code == county).Id;
        paths[countyId].ShouldBe($"{app.World.Unit("A").Path}{countyId}/");
        paths[seen.Single(u => u.Code == town).Id].ShouldBe($"{paths[countyId]}{seen.Single(u => u.Code == town).Id}/");
    }

    [Fact]
    public async Task DeactivateUnit_Leaf_KeepsItsPathAndStaysInItsAdminsScope()
    {
        var city = await NewUserAsync("A", "A");
        var county = await CreateAsync(city, app.World.Unit("A").Id, "县/区");
        var town = await CreateAsync(city, county.Id, "乡镇/街道");
        var before = await PathsAsync(town.Id);

        (await city.PostAsync($"/api/units/{town.Id}/deactivate", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await PathsAsync(town.Id)).ShouldBe(before);
        var countyAdmin = await NewUserAsync("A", county.Code!);
        (await (await countyAdmin.GetAsync($"/api/units/{town.Id}")).ReadAsync<UnitResponse>()).IsActive.ShouldBeFalse();
    }

    [Fact]
    public async Task UnitPaths_EveryUnitOfTheOffices_IsItsParentsPathAndItsId()
    {
        var city = await NewUserAsync("A", "A");
        var county = await CreateAsync(city, app.World.Unit("A").Id, "县/区");
        await CreateAsync(city, county.Id, "乡镇/街道");

        await using var services = app.Factory.Services.CreateAsyncScope();
        var db = services.ServiceProvider.GetRequiredService<ChengxinDbContext>();
        var units = await db.Units.IgnoreQueryFilters().AsNoTracking().Select(u => new { u.Id, u.ParentId, u.Path }).ToListAsync();
        var byId = units.ToDictionary(u => u.Id);

        units.ShouldAllBe(u => u.Path == (u.ParentId == null ? "/" : byId[u.ParentId.Value].Path) + u.Id + "/");
    }

    [Fact]
    public async Task Requests_OfACityWideAdmin_NeverLoadTheListOfUnitIds()
    {
        var city = await NewUserAsync("A", "A");
        var userId = await UserIdAsync(city);
        var commands = new ConcurrentQueue<(AccessScope Scope, string Sql)>();
        using var listener = EfCommands.Record(commands);

        (await city.GetAsync("/api/units")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await city.GetAsync($"/api/units/{app.World.Unit("A-C1-T1").Id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await city.GetAsync("/api/campaigns")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await city.GetAsync($"/api/campaigns/{app.World.CampaignsByUnit["A-C1-T1"]}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // The city is the office's one top unit, so the scope is the whole office: the tenant alone narrows every read, with no
        // path predicate and no list of the office's units to find each row in (issue 19).
        var ours = commands.Where(c => c.Scope.UserId == userId).Select(c => c.Sql).ToList();
        ours.ShouldNotBeEmpty();
        ours.ShouldAllBe(sql => !sql.Contains("ScopePath", StringComparison.Ordinal));
        // And the filters take no list of units: their parameters are the tenant, the path range, the firm and the campaigns.
        ours.SelectMany(sql => System.Text.RegularExpressions.Regex.Matches(sql, @"@ef_filter__(\w+?)\d*\b").Select(m => m.Groups[1].Value))
            .Distinct().ShouldBeSubsetOf(["ScopeTenantId", "ScopePathFrom", "ScopePathTo", "ScopeFirmUserId", "ScopeCampaignIds", "p"]);
    }

    [Fact]
    public void UnitScopeRange_TakesInWhatThePathTakesIn_NotASiblingWhoseIdBeginsTheSame()
    {
        // Ids of ten and more sit beside ids of one digit: the subtree of /1/5/ must not take in /1/50/ or /1/5 and more digits.
        string[] paths = ["/1/", "/1/4/", "/1/49/", "/1/5/", "/1/5/9/", "/1/5/23/", "/1/5/23/7/", "/1/50/", "/1/51/3/", "/1/6/", "/10/", "/2/"];
        foreach (var units in paths.SelectMany(p => new[] { VisibleUnits.Subtree(p), VisibleUnits.Own(p) }).Append(VisibleUnits.Office))
            foreach (var path in paths)
                (string.CompareOrdinal(path, units.PathFrom) >= 0 && string.CompareOrdinal(path, units.PathTo) <= 0)
                    .ShouldBe(units.Matches(path), $"{path} in {units.PathPattern}");
        VisibleUnits.None.PathFrom.ShouldBeNull();
        VisibleUnits.OfCampaigns.PathTo.ShouldBeNull();
    }

    [Fact]
    public async Task UnitScopeFilter_EveryPartOfTheTree_SeesTheUnitsItsPathTakesIn()
    {
        List<(long Id, string Path)> office;
        await using (var services = app.Factory.Services.CreateAsyncScope())
            office = (await services.ServiceProvider.GetRequiredService<ChengxinDbContext>().Units.IgnoreQueryFilters().AsNoTracking()
                .Where(u => u.TenantId == app.World.TenantA).Select(u => new { u.Id, u.Path }).ToListAsync())
                .Select(u => (u.Id, u.Path)).ToList();

        foreach (var units in office.SelectMany(u => new[] { VisibleUnits.Subtree(u.Path), VisibleUnits.Own(u.Path) }))
        {
            await using var services = app.Factory.Services.CreateAsyncScope();
            var seen = await ScopedTo(services, "a-admin", units).Units.Select(u => u.Id).ToListAsync();
            seen.ShouldBe(office.Where(u => units.Matches(u.Path)).Select(u => u.Id), ignoreOrder: true, units.PathPattern);
        }
    }

    private ChengxinDbContext ScopedTo(AsyncServiceScope services, string userName, VisibleUnits units)
    {
        var user = app.World.Users[userName];
        services.ServiceProvider.GetRequiredService<AccessScope>()
            .SetUser(user.Id, userName, user.Role, user.TenantId, user.UnitId, units);
        return services.ServiceProvider.GetRequiredService<ChengxinDbContext>();
    }

    /// <summary>The WHERE clause of a one-table query, on one line.</summary>
    private static string Where(string sql) =>
        string.Join(' ', sql[(sql.IndexOf("WHERE ", StringComparison.Ordinal) + 6)..].Split('\n', StringSplitOptions.TrimEntries)).Trim();

    private async Task<UnitResponse> CreateAsync(HttpClient admin, long parentId, string level)
    {
        var response = await admin.PostJsonAsync("/api/units", new CreateUnitRequest(parentId, "范围测试单位", NewCode(), level, null));
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.ReadAsync<UnitResponse>();
    }

    /// <summary>A new office admin of office A scoped to the subtree of a unit (found by code), signed in.</summary>
    private async Task<HttpClient> NewUserAsync(string homeCode, string scopeCode)
    {
        var userName = "scope-" + Guid.NewGuid().ToString("N")[..8];
        await using (var services = app.Factory.Services.CreateAsyncScope())
        {
            services.ServiceProvider.GetRequiredService<AccessScope>().SetSystemActor("测试数据");
            var db = services.ServiceProvider.GetRequiredService<ChengxinDbContext>();
            var units = await db.Units.IgnoreQueryFilters().Where(u => u.Code == homeCode || u.Code == scopeCode).ToListAsync();
            var home = units.Single(u => u.Code == homeCode && u.TenantId == app.World.TenantA);
            var root = units.Single(u => u.Code == scopeCode && u.TenantId == app.World.TenantA);
            await TestWorld.AddUserAsync(services.ServiceProvider.GetRequiredService<UserManager<AppUser>>(), userName, userName, home,
                Roles.OfficeAdmin, ScopeKind.Subtree, app.Clock.GetUtcNow().UtcDateTime, root.Id);
        }
        return await app.SignInAsync(userName);
    }

    private static async Task<Guid> UserIdAsync(HttpClient client)
    {
        var me = await (await client.GetAsync("/api/auth/me")).ReadAsync<System.Text.Json.JsonElement>();
        return me.GetProperty("id").GetGuid();
    }

    private async Task<Dictionary<long, string>> PathsAsync(params long[] ids)
    {
        await using var services = app.Factory.Services.CreateAsyncScope();
        var db = services.ServiceProvider.GetRequiredService<ChengxinDbContext>();
        return await db.Units.IgnoreQueryFilters().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Path);
    }
}

/// <summary>Records the SQL that EF Core sends, with the context that sent it, while the returned subscription lives.</summary>
internal sealed class EfCommands : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly ConcurrentQueue<(AccessScope, string)> _commands;
    private readonly List<IDisposable> _subscriptions = [];
    private volatile bool _stopped;

    private EfCommands(ConcurrentQueue<(AccessScope, string)> commands) => _commands = commands;

    // The scope the statement ran under, taken when it ran: a pooled context is bound to the next request's scope afterwards.
    public static IDisposable Record(ConcurrentQueue<(AccessScope, string)> commands)
    {
        var recorder = new EfCommands(commands);
        recorder._subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(recorder));
        return recorder;
    }

    public void OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name)
            lock (_subscriptions)
                _subscriptions.Add(listener.Subscribe(this));
    }

    public void OnNext(KeyValuePair<string, object?> e)
    {
        if (!_stopped && e.Key == RelationalEventId.CommandExecuting.Name && e.Value is CommandEventData { Context: ChengxinDbContext db } data)
            _commands.Enqueue((db.Scope, data.Command.CommandText));
    }

    public void Dispose()
    {
        _stopped = true;
        lock (_subscriptions)
            _subscriptions.ForEach(s => s.Dispose());
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }
}

[Collection(SqliteCollection.Name)]
public sealed class UnitScopeTestsOnSqlite(SqliteApp app) : UnitScopeTests(app);

[Collection(PostgresCollection.Name)]
public sealed class UnitScopeTestsOnPostgres(PostgresApp app) : UnitScopeTests(app);
