using System.Reflection;
using Chengxin.Server.Data;
using Chengxin.Server.Infrastructure;
using Chengxin.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Chengxin.Server.Tests.Scale;

/// <summary>
/// The context is pooled (ADR 0013): an instance serves one request after another, so whatever it holds of a caller must be given
/// back with it. It holds the scope and the clock, which <see cref="ChengxinDbContext.Bind"/> sets and giving it back clears.
/// </summary>
public abstract class PooledContextTests(AppFixture app)
{
    [Fact]
    public void Context_HoldsNoStateButTheScopeAndClock()
    {
        // A field added to the context outlives the request that set it unless the unbinding clears it: add it there, then here.
        var fields = typeof(ChengxinDbContext).GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
            .Select(f => f.Name).Order(StringComparer.Ordinal).ToList();

        fields.ShouldBe(["clock", "scope"]);
    }

    [Fact]
    public async Task Context_GivenBackAfterAWholeOfficeScope_SeesNothingForTheNext()
    {
        using (var scope = app.Factory.Services.CreateScope())
        {
            // As scheduled work acts: the whole office of the test world's first office.
            scope.ServiceProvider.GetRequiredService<AccessScope>().SetSystemOffice(app.World.Unit("A").TenantId, "测试");
            var db = scope.ServiceProvider.GetRequiredService<ChengxinDbContext>();
            (await db.Units.CountAsync()).ShouldBeGreaterThan(0);
        }

        // The pool hands the same instances out again; one taken without a request's scope has an empty scope.
        var factory = app.Factory.Services.GetRequiredService<IDbContextFactory<ChengxinDbContext>>();
        await using var unbound = factory.CreateDbContext();
        (await unbound.Units.CountAsync()).ShouldBe(0);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class PooledContextTestsOnSqlite(SqliteApp app) : PooledContextTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PooledContextTestsOnPostgres(PostgresApp app) : PooledContextTests(app);
