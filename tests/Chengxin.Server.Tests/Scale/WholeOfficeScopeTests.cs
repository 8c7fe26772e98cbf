using System.Net;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Units;
using Chengxin.Server.Infrastructure;
using Chengxin.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Chengxin.Server.Tests.Scale;

/// <summary>
/// A caller whose scope is the whole office (a subtree from the office's one top unit) is narrowed by the tenant alone (issue 19):
/// no unit predicate in the SQL, so a province's admin no longer has SQLite list 40,000 units for each statement. The flag comes
/// only from the account's scope as read per request; a county, a firm, a unit's own staff and an empty scope keep their
/// predicate, and the tenant filter still holds for everyone.
/// </summary>
public abstract class WholeOfficeScopeTests(AppFixture app)
{
    private bool IsSqlite => app.Provider == "SQLite";

    private ChengxinDbContext ScopedTo(AsyncServiceScope services, string userName, VisibleUnits units)
    {
        var user = app.World.Users[userName];
        services.ServiceProvider.GetRequiredService<AccessScope>().SetUser(user.Id, userName, user.Role, user.TenantId, user.UnitId, units);
        return services.ServiceProvider.GetRequiredService<ChengxinDbContext>();
    }

    /// <summary>The scope the request pipeline gives this test user, read as the session check reads it.</summary>
    private async Task<VisibleUnits> ScopeOfAsync(string userName)
    {
        await using var services = app.Factory.Services.CreateAsyncScope();
        var db = services.ServiceProvider.GetRequiredService<ChengxinDbContext>();
        var caller = await Callers.FindAsync(db, app.World.Users[userName].Id, CancellationToken.None);
        return caller!.Units;
    }

    private VisibleUnits WholeOfficeOf(string rootCode) => VisibleUnits.Of(ScopeKind.Subtree, app.World.Unit(rootCode).Path, otherRoots: false);

    [Fact]
    public async Task UnitScopeFilter_WholeOfficeOnUnitOwnedRows_IsTheTenantFilterAlone()
    {
        await using var services = app.Factory.Services.CreateAsyncScope();
        var db = ScopedTo(services, "a-court", WholeOfficeOf("A"));

        var query = db.Submissions.Where(s => s.CampaignId == 1).Select(s => s.Id);

        QueryPlans.Sql(query).ShouldBe(IsSqlite
            ? """
              SELECT "s"."Id"
              FROM "Submissions" AS "s"
              WHERE "s"."TenantId" = @ef_filter__ScopeTenantId AND "s"."CampaignId" = 1
              """
            : """
              SELECT s."Id"
              FROM "Submissions" AS s
              WHERE s."TenantId" = @ef_filter__ScopeTenantId AND s."CampaignId" = 1
              """);
        var plan = await QueryPlans.PlanAsync(db, query, QueryPlans.ProvinceOfUnits(app));
        plan.ShouldNotContain("Units");
        plan.ShouldNotContain("SUBQUERY");
        plan.ShouldNotContain("SubPlan");
    }

    [Fact]
    public async Task UnitScopeFilter_WholeOfficeOnUnits_IsTheTenantFilterAlone()
    {
        await using var services = app.Factory.Services.CreateAsyncScope();
        var db = ScopedTo(services, "a-court", WholeOfficeOf("A"));

        var query = db.Units.Where(u => u.IsActive).Select(u => u.Id);

        QueryPlans.Sql(query).ShouldBe(IsSqlite
            ? """
              SELECT "u"."Id"
              FROM "Units" AS "u"
              WHERE "u"."TenantId" = @ef_filter__ScopeTenantId AND "u"."IsActive"
              """
            : """
              SELECT u."Id"
              FROM "Units" AS u
              WHERE u."TenantId" = @ef_filter__ScopeTenantId AND u."IsActive"
              """);
    }

    [Fact]
    public async Task UnitScopeFilter_WholeOfficeOnCampaigns_IsOneExistsOverItsMembersWithNoUnits()
    {
        await using var services = app.Factory.Services.CreateAsyncScope();
        var db = ScopedTo(services, "a-court", WholeOfficeOf("A"));

        var sql = QueryPlans.Sql(db.Campaigns.Select(c => c.Id));

        // A campaign without members stays out of every list, as for any other scope; its members are not checked unit by unit.
        sql.ShouldContain("EXISTS (");
        sql.ShouldContain("\"CampaignUnits\"");
        sql.ShouldNotContain("\"Units\"");
        sql.ShouldNotContain("ScopePath");
    }

    [Fact]
    public async Task UnitScopeFilter_SubtreeOfACounty_KeepsItsPathPredicate()
    {
        await using var services = app.Factory.Services.CreateAsyncScope();
        var db = ScopedTo(services, "a-admin", VisibleUnits.Of(ScopeKind.Subtree, app.World.Unit("A-C1").Path, otherRoots: false));

        var sql = QueryPlans.Sql(db.Submissions.Select(s => s.Id));

        // Not a top unit: the flag is not set however few tops the office has.
        sql.ShouldContain(">= @ef_filter__ScopePathFrom");
        sql.ShouldContain("\"UnitId\" IN (");
    }

    [Fact]
    public async Task UnitScopeFilter_WholeOffice_SeesEveryUnitOfItsOfficeAndNoneOfAnother()
    {
        await using var services = app.Factory.Services.CreateAsyncScope();
        var db = ScopedTo(services, "a-court", WholeOfficeOf("A"));

        var seen = await db.Units.Select(u => u.Id).ToListAsync();
        var office = await db.Units.IgnoreQueryFilters().Where(u => u.TenantId == app.World.TenantA).Select(u => u.Id).ToListAsync();

        seen.ShouldBe(office, ignoreOrder: true);
        seen.ShouldNotContain(app.World.Unit("B").Id);
        (await db.Submissions.IgnoreQueryFilters([ChengxinDbContext.UnitScopeFilter]).CountAsync()).ShouldBe(await db.Submissions.CountAsync());
    }

    [Fact]
    public async Task UnitScopeFilter_WholeOfficeThenACountyThenWholeAgain_EachQueryKeepsItsOwnPredicate()
    {
        // Each side of the flag has a SQL text of its own, cached by the flag's nullability: the one for a value must never answer for the other.
        async Task<List<long>> SeenAsync(string userName, VisibleUnits units)
        {
            await using var services = app.Factory.Services.CreateAsyncScope();
            var db = ScopedTo(services, userName, units);
            return await db.Submissions.Select(s => s.UnitId).Distinct().ToListAsync();
        }
        var county = VisibleUnits.Subtree(app.World.Unit("A-C1").Path);

        var whole = await SeenAsync("a-court", WholeOfficeOf("A"));
        var part = await SeenAsync("a-admin", county);
        var wholeAgain = await SeenAsync("a-court", WholeOfficeOf("A"));
        var partAgain = await SeenAsync("a-admin", county);

        var inCounty = await UnitsUnderAsync(app.World.Unit("A-C1").Path);
        whole.ShouldContain(id => !inCounty.Contains(id));
        part.ShouldNotBeEmpty();
        part.ShouldAllBe(id => inCounty.Contains(id));
        wholeAgain.ShouldBe(whole, ignoreOrder: true);
        partAgain.ShouldBe(part, ignoreOrder: true);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task UnitScopeFilter_SameStatementRunAgain_ReusesTheSqlGeneratedTheFirstTime(bool wholeOffice)
    {
        // EF Core keeps a statement's generated SQL and hands the same text to each run, unless a value was written into it
        // (EF.Constant, as the filters once had: their SQL was generated again for every statement of every request, B5 s29).
        // The same string instance twice is what shows the text came from EF Core's cache.
        var units = wholeOffice ? WholeOfficeOf("A") : VisibleUnits.Subtree(app.World.Unit("A-C1").Path);
        using var statements = new ExecutedStatements();
        var scopes = new List<AccessScope>();
        for (var run = 0; run < 3; run++)
        {
            await using var services = app.Factory.Services.CreateAsyncScope();
            var db = ScopedTo(services, wholeOffice ? "a-court" : "a-admin", units);
            scopes.Add(db.Scope);
            await db.Submissions.Where(s => s.CampaignId > 0).Select(s => s.UnitId).ToListAsync();
        }

        var texts = statements.Of(s => scopes.Contains(s.Scope));
        texts.Count.ShouldBe(3);
        texts[2].Contains("Units", StringComparison.Ordinal).ShouldBe(!wholeOffice);
        ReferenceEquals(texts[1], texts[2]).ShouldBeTrue("the second and third run's SQL texts are one string when EF Core generated it once");
    }

    /// <summary>Compiled once per model, as the handlers' compiled reads are (one per provider in this process).</summary>
    private static readonly CompiledQuery<Func<ChengxinDbContext, IAsyncEnumerable<long>>> CompiledUnitIds = new(() =>
        EF.CompileAsyncQuery((ChengxinDbContext db) => db.Submissions.Select(s => s.UnitId)));

    [Fact]
    public async Task UnitScopeFilter_InACompiledQueryWholeOfficeThenACounty_EachRunKeepsItsOwnPredicate()
    {
        // A compiled query is translated once; the flag must still be read at each run, as the handlers' compiled reads rely on.
        async Task<HashSet<long>> SeenAsync(string userName, VisibleUnits units)
        {
            await using var services = app.Factory.Services.CreateAsyncScope();
            var db = ScopedTo(services, userName, units);
            var seen = new HashSet<long>();
            await foreach (var id in CompiledUnitIds.For(db)(db))
                seen.Add(id);
            return seen;
        }
        var county = VisibleUnits.Subtree(app.World.Unit("A-C1").Path);
        var inCounty = await UnitsUnderAsync(app.World.Unit("A-C1").Path);

        var whole = await SeenAsync("a-court", WholeOfficeOf("A"));
        var part = await SeenAsync("a-admin", county);
        var partAgain = await SeenAsync("a-admin", county);
        var wholeAgain = await SeenAsync("a-court", WholeOfficeOf("A"));

        whole.ShouldContain(id => !inCounty.Contains(id));
        part.ShouldNotBeEmpty();
        part.ShouldAllBe(id => inCounty.Contains(id));
        partAgain.ShouldBe(part, ignoreOrder: true);
        wholeAgain.ShouldBe(whole, ignoreOrder: true);
    }

    /// <summary>
    /// Every unit under a path as the database holds it: other tests of the collection add units under the world's county (new
    /// departments, towns), so the world's own list is not the county's.
    /// </summary>
    private async Task<HashSet<long>> UnitsUnderAsync(string path)
    {
        await using var services = app.Factory.Services.CreateAsyncScope();
        var db = services.ServiceProvider.GetRequiredService<ChengxinDbContext>();
        return [.. await db.Units.IgnoreQueryFilters().Where(u => u.Path.StartsWith(path)).Select(u => u.Id).ToListAsync()];
    }

    [Fact]
    public void VisibleUnitsOf_SubtreeFromTheOnlyTop_IsTheWholeOffice()
    {
        var top = app.World.Unit("A").Path;

        VisibleUnits.Of(ScopeKind.Subtree, top, otherRoots: false).WholeOffice.ShouldBeTrue();
        VisibleUnits.Of(ScopeKind.Subtree, top, otherRoots: true).WholeOffice.ShouldBeFalse();
        VisibleUnits.Of(ScopeKind.OwnUnit, top, otherRoots: false).WholeOffice.ShouldBeFalse();
        VisibleUnits.Of(ScopeKind.Campaigns, null, otherRoots: false).WholeOffice.ShouldBeFalse();
        VisibleUnits.Of(ScopeKind.Subtree, null, otherRoots: false).WholeOffice.ShouldBeFalse();
        VisibleUnits.Of(ScopeKind.Subtree, app.World.Unit("A-C1").Path, otherRoots: false).WholeOffice.ShouldBeFalse();
    }

    [Theory]
    [InlineData("a-court", true)]
    [InlineData("b-admin", true)]
    [InlineData("a-admin", false)]
    [InlineData("a-liaison", false)]
    [InlineData("a-firm", false)]
    public async Task CallerScope_FromTheAccount_IsTheWholeOfficeOnlyFromItsOneTop(string userName, bool wholeOffice)
    {
        var units = await ScopeOfAsync(userName);

        units.WholeOffice.ShouldBe(wholeOffice);
    }

    [Fact]
    public async Task CallerScope_OfficeWithASecondTop_IsAPartOfTheOffice()
    {
        await using var services = app.Factory.Services.CreateAsyncScope();
        var db = services.ServiceProvider.GetRequiredService<ChengxinDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var second = new Unit
        {
            TenantId = app.World.TenantA, Name = "第二个顶层单位", Code = "TOP-" + Guid.NewGuid().ToString("N")[..8], Level = UnitLevel.City,
            IsActive = true, CreatedAt = app.Clock.GetUtcNow().UtcDateTime,
        };
        // Added in a transaction rolled back at the end: the other tests' office A keeps its one top.
        db.Units.Add(second);
        await db.SaveChangesAsync();

        var caller = await Callers.FindAsync(db, app.World.Users["a-court"].Id, CancellationToken.None);
        var read = await AccessScopeMiddleware.VisibleUnitsAsync(db, app.World.TenantA, caller!.UnitId, caller.ScopeUnitId, caller.ScopeKind, CancellationToken.None);

        caller.Units.WholeOffice.ShouldBeFalse();
        caller.Units.PathPattern.ShouldBe(app.World.Unit("A").Path + "%");
        read.WholeOffice.ShouldBeFalse();
        await transaction.RollbackAsync();
    }

    [Fact]
    public async Task ListUnits_WholeOfficeAdmin_RunsNoStatementWithAUnitPredicate()
    {
        var admin = await app.SessionAsync("b-admin");
        (await admin.GetAsync("/api/units?includeInactive=true")).EnsureSuccessStatusCode();

        using var commands = new ExecutedStatements();
        var units = await (await admin.GetAsync("/api/units?includeInactive=true")).ReadAsync<List<UnitResponse>>();

        await using (var services = app.Factory.Services.CreateAsyncScope())
        {
            var db = services.ServiceProvider.GetRequiredService<ChengxinDbContext>();
            var office = await db.Units.IgnoreQueryFilters().Where(u => u.TenantId == app.World.TenantB).Select(u => u.Id).ToListAsync();
            units.Select(u => u.Id).ShouldBe(office, ignoreOrder: true);
        }
        var statements = commands.Of(s => s.Scope.UserId == app.World.Users["b-admin"].Id);
        statements.ShouldNotBeEmpty();
        statements.ShouldAllBe(sql => !sql.Contains("ScopePath"));
    }

    [Fact]
    public async Task GetUnit_WholeOfficeAdminAskingForAnotherOfficesUnit_Returns404()
    {
        var admin = await app.SessionAsync("b-admin");

        var response = await admin.GetAsync($"/api/units/{app.World.Unit("A-C1").Id}");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ListUnits_CountyAdmin_SeesOnlyItsSubtree()
    {
        var admin = await app.SessionAsync("a-admin");

        var units = await (await admin.GetAsync("/api/units?includeInactive=true")).ReadAsync<List<UnitResponse>>();

        // Other tests add units under the county: compared with the county's subtree as the database holds it.
        await using var services = app.Factory.Services.CreateAsyncScope();
        var db = services.ServiceProvider.GetRequiredService<ChengxinDbContext>();
        var county = app.World.Unit("A-C1").Path;
        var subtree = await db.Units.IgnoreQueryFilters().Where(u => u.TenantId == app.World.TenantA && u.Path.StartsWith(county)).Select(u => u.Id).ToListAsync();
        units.Select(u => u.Id).ShouldBe(subtree, ignoreOrder: true);
        units.ShouldContain(u => u.Code == "A-C1-T1");
        units.ShouldNotContain(u => u.Code == "A-C2" || u.Code == "A");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class WholeOfficeScopeTestsOnSqlite(SqliteApp app) : WholeOfficeScopeTests(app);

[Collection(PostgresCollection.Name)]
public sealed class WholeOfficeScopeTestsOnPostgres(PostgresApp app) : WholeOfficeScopeTests(app);
