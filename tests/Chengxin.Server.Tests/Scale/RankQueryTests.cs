using System.Data.Common;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Results;
using Chengxin.Server.Infrastructure;
using Chengxin.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Chengxin.Server.Tests.Scale;

/// <summary>
/// The ranking table's two queries (issue 19, V019), pinned as <see cref="HotQueryTests"/> pins the others: the check that a
/// campaign's stored ranks are current and the table in rank order, each the campaign's range of the rank index on both providers.
/// </summary>
public abstract class RankQueryTests(AppFixture app)
{
    private const string RankIndex = "IX_UnitResults_CampaignId_Rank_UnitId_IsStale";

    private bool IsSqlite => app.Provider == "SQLite";

    [Fact]
    public async Task RankState_OfACampaign_IsOneAggregateOverTheRankIndex()
    {
        await using var services = app.Factory.Services.CreateAsyncScope();
        var db = ScopedTo(services, "a-admin");

        var query = StoredRanks.StateQuery(db, 1);

        Sql(query).ShouldBe(IsSqlite
            ? """
              SELECT COUNT(*), COUNT(CASE
                  WHEN "u"."IsStale" OR "u"."Rank" IS NULL THEN 1
              END), COUNT(CASE
                  WHEN "u"."IsStale" THEN 1
              END)
              FROM "UnitResults" AS "u"
              WHERE "u"."CampaignId" = @campaignId
              GROUP BY "u"."CampaignId"
              """
            : """
              SELECT count(*)::int, count(*) FILTER (WHERE u."IsStale" OR u."Rank" IS NULL)::int, count(*) FILTER (WHERE u."IsStale")::int
              FROM "UnitResults" AS u
              WHERE u."CampaignId" = @campaignId
              GROUP BY u."CampaignId"
              """);
        (await PlanAsync(db, query)).ShouldContain(RankIndex);
    }

    [Fact]
    public async Task RankingLines_OfACampaign_AreReadInRankOrderFromTheRankIndex()
    {
        await using var services = app.Factory.Services.CreateAsyncScope();
        var db = ScopedTo(services, "a-admin");

        var query = ResultRanking.LinesQuery(db, 1);

        var sql = Sql(query);
        sql.ShouldBe(IsSqlite
            ? """
              SELECT "u"."UnitId", (
                  SELECT "u1"."Name"
                  FROM "Units" AS "u1"
                  WHERE "u1"."TenantId" = @ef_filter__ScopeTenantId AND "u1"."Path" LIKE @ef_filter__ScopeUnitPattern AND "u1"."Id" = "u"."UnitId"
                  LIMIT 1), "u"."SchemeClass", "u"."Base", "u"."Bonus", "u"."Total", "u"."Grade", "u"."VetoesJson", "u"."Rank", "u"."ClassRank", "u"."SelfTotal", "u"."IsLate"
              FROM "UnitResults" AS "u"
              WHERE "u"."CampaignId" = @campaignId AND EXISTS (
                  SELECT 1
                  FROM "Units" AS "u0"
                  WHERE "u0"."TenantId" = @ef_filter__ScopeTenantId AND "u0"."Path" LIKE @ef_filter__ScopeUnitPattern AND "u0"."Id" = "u"."UnitId")
              ORDER BY "u"."Rank", "u"."UnitId"
              """
            : """
              SELECT u."UnitId", (
                  SELECT u1."Name"
                  FROM "Units" AS u1
                  WHERE u1."TenantId" = @ef_filter__ScopeTenantId AND u1."Path" LIKE @ef_filter__ScopeUnitPattern ESCAPE '' AND u1."Id" = u."UnitId"
                  LIMIT 1), u."SchemeClass", u."Base", u."Bonus", u."Total", u."Grade", u."VetoesJson", u."Rank", u."ClassRank", u."SelfTotal", u."IsLate"
              FROM "UnitResults" AS u
              WHERE u."CampaignId" = @campaignId AND EXISTS (
                  SELECT 1
                  FROM "Units" AS u0
                  WHERE u0."TenantId" = @ef_filter__ScopeTenantId AND u0."Path" LIKE @ef_filter__ScopeUnitPattern ESCAPE '' AND u0."Id" = u."UnitId")
              ORDER BY u."Rank", u."UnitId"
              """);
        var plan = await PlanAsync(db, query);
        plan.ShouldContain(RankIndex);
        plan.ShouldNotContain("TEMP B-TREE");
        plan.ShouldNotContain("Sort");
    }

    private ChengxinDbContext ScopedTo(AsyncServiceScope services, string userName)
    {
        var user = app.World.Users[userName];
        var path = app.World.Unit("A").Path;
        services.ServiceProvider.GetRequiredService<AccessScope>()
            .SetUser(user.Id, userName, user.Role, user.TenantId, user.UnitId, VisibleUnits.Subtree(path));
        return services.ServiceProvider.GetRequiredService<ChengxinDbContext>();
    }

    /// <summary>The statement without the parameter lines ToQueryString puts before it.</summary>
    private static string Sql<T>(IQueryable<T> query) =>
        string.Join('\n', query.ToQueryString().ReplaceLineEndings("\n").Split('\n')
            .Where(l => !l.StartsWith("-- ", StringComparison.Ordinal) && !l.StartsWith(".param", StringComparison.Ordinal))).Trim();

    /// <summary>
    /// The planner's own account of the statement with its parameters bound. On PostgreSQL the test tables hold a handful of rows,
    /// where a scan is cheapest: inside this transaction (rolled back) scans are priced out, so that the plan shows the index a
    /// province's campaign of thousands of rows is read by.
    /// </summary>
    private async Task<string> PlanAsync<T>(ChengxinDbContext db, IQueryable<T> query)
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        await using var command = query.CreateDbCommand();
        command.Transaction = transaction.GetDbTransaction();
        if (!IsSqlite)
            await Execute(command, """
                SET LOCAL enable_seqscan = off; SET LOCAL enable_bitmapscan = off; ANALYZE "UnitResults"
                """);
        command.CommandText = (IsSqlite ? "EXPLAIN QUERY PLAN " : "EXPLAIN ") + command.CommandText;
        var lines = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                lines.Add(reader.GetString(IsSqlite ? 3 : 0));
        await transaction.RollbackAsync();
        return string.Join('\n', lines);
    }

    private static async Task Execute(DbCommand query, string sql)
    {
        await using var command = query.Connection!.CreateCommand();
        command.Transaction = query.Transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}

[Collection(SqliteCollection.Name)]
public sealed class RankQueryTestsOnSqlite(SqliteApp app) : RankQueryTests(app);

[Collection(PostgresCollection.Name)]
public sealed class RankQueryTestsOnPostgres(PostgresApp app) : RankQueryTests(app);
