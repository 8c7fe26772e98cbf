using Chengxin.Server.Data;
using Chengxin.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Chengxin.Server.Tests.Scale;

/// <summary>
/// The base of the hot-query tests (<see cref="HotQueryTests"/> and its siblings): the provider, a context scoped to a test user,
/// the SQL EF Core writes and the planner's account of it, over <see cref="QueryPlans"/>. The fixture is the subclass's own
/// primary-constructor parameter, handed over by <see cref="Fixture"/>: passed to a base constructor as well, it would be
/// captured twice (CS9107), and tests added to a subclass keep saying <c>app</c> as they always have.
/// </summary>
public abstract class QueryPlanTests
{
    protected abstract AppFixture Fixture { get; }

    protected bool IsSqlite => Fixture.Provider == "SQLite";

    protected ChengxinDbContext ScopedTo(AsyncServiceScope services, string userName) => QueryPlans.ScopedTo(Fixture, services, userName);

    protected static string Sql<T>(IQueryable<T> query) => QueryPlans.Sql(query);

    /// <summary>
    /// What runs on PostgreSQL before EXPLAIN, in the plan's rolled-back transaction: by default a province's worth of units, so
    /// the planner prices scans as it would on a province's tables (<see cref="QueryPlans.ProvinceOfUnits"/>).
    /// </summary>
    protected virtual string PlanSetup => QueryPlans.ProvinceOfUnits(Fixture);

    protected Task<string> PlanAsync<T>(ChengxinDbContext db, IQueryable<T> query) => QueryPlans.PlanAsync(db, query, PlanSetup);
}
