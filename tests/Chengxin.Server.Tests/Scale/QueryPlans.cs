using System.Data.Common;
using Chengxin.Server.Data;
using Chengxin.Server.Infrastructure;
using Chengxin.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Chengxin.Server.Tests.Scale;

/// <summary>
/// What the hot-query tests share (<see cref="HotQueryTests"/> and its siblings, through <see cref="QueryPlanTests"/>): a context
/// scoped to a test user, the SQL EF Core writes for a query, and the planner's own account of it with the parameters bound.
/// </summary>
internal static class QueryPlans
{
    /// <summary>
    /// A context of the given test user, scoped to office A's subtree by its path: the path range every caller below the whole
    /// office reads through (a county's admin, a liaison), which the pinned statements keep. A caller who sees the whole office
    /// has no unit predicate at all since s26 (the filter is <c>EF.Parameter(ScopePartOfOffice) == null || …</c>; WholeOfficeScopeTests).
    /// </summary>
    public static ChengxinDbContext ScopedTo(AppFixture app, AsyncServiceScope services, string userName)
    {
        var user = app.World.Users[userName];
        var path = app.World.Unit("A").Path;
        services.ServiceProvider.GetRequiredService<AccessScope>()
            .SetUser(user.Id, userName, user.Role, user.TenantId, user.UnitId, VisibleUnits.Subtree(path));
        return services.ServiceProvider.GetRequiredService<ChengxinDbContext>();
    }

    /// <summary>The statement without the parameter lines ToQueryString puts before it.</summary>
    public static string Sql<T>(IQueryable<T> query) =>
        string.Join('\n', query.ToQueryString().ReplaceLineEndings("\n").Split('\n')
            .Where(l => !l.StartsWith("-- ", StringComparison.Ordinal) && !l.StartsWith(".param", StringComparison.Ordinal))).Trim();

    /// <summary>
    /// PostgreSQL's planner weighs its statistics: on a test tenant of a dozen units every index costs the same. Inside the plan's
    /// transaction (rolled back) office A gets a province's worth of units elsewhere in its tree, counted, and scans are priced out.
    /// </summary>
    public static string ProvinceOfUnits(AppFixture app) => $"""
        INSERT INTO "Units" ("TenantId", "ParentId", "Name", "Code", "Level", "Class", "IsActive", "CreatedAt", "Path")
        SELECT {app.World.Unit("A").TenantId}, NULL, '规模', 'PLAN-' || g, 'Village', NULL, TRUE, now(), '/0/' || g || '/'
        FROM generate_series(1, 5000) AS g;
        ANALYZE "Units"; SET LOCAL enable_seqscan = off; SET LOCAL enable_bitmapscan = off
        """;

    /// <summary>
    /// The planner's own account of the statement with its parameters bound: EXPLAIN QUERY PLAN on SQLite; EXPLAIN on PostgreSQL
    /// after <paramref name="postgresSetup"/> has run in the same transaction, which is rolled back.
    /// </summary>
    public static async Task<string> PlanAsync<T>(ChengxinDbContext db, IQueryable<T> query, string postgresSetup)
    {
        var sqlite = db.Database.IsSqlite();
        await using var transaction = await db.Database.BeginTransactionAsync();
        await using var command = query.CreateDbCommand();
        command.Transaction = transaction.GetDbTransaction();
        if (!sqlite)
            await ExecuteAsync(command, postgresSetup);
        command.CommandText = (sqlite ? "EXPLAIN QUERY PLAN " : "EXPLAIN ") + command.CommandText;
        var lines = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                lines.Add(reader.GetString(sqlite ? 3 : 0));
        await transaction.RollbackAsync();
        return string.Join('\n', lines);
    }

    private static async Task ExecuteAsync(DbCommand query, string sql)
    {
        await using var command = query.Connection!.CreateCommand();
        command.Transaction = query.Transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
