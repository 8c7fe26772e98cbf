using Chengxin.Server.Data;
using Chengxin.Server.Features.Results;
using Chengxin.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Chengxin.Server.Tests.Scale;

/// <summary>
/// The result-refresh work's two queries (issue 19, V024, ADR 0011), pinned as <see cref="HotQueryTests"/> pins the others: which
/// campaigns have stale rows, and one campaign's first stale units, each read from the partial index of stale rows on both providers,
/// so a run costs in proportion to the rows written since the last, not to the province's results.
/// </summary>
public abstract class StaleRefreshQueryTests(AppFixture app) : QueryPlanTests
{
    protected override AppFixture Fixture => app;

    private const string StaleIndex = "IX_UnitResults_CampaignId_UnitId_Stale";

    [Fact]
    public async Task StaleCampaigns_OfTheRefreshWork_AreReadFromThePartialIndexOfStaleRows()
    {
        await using var services = app.Factory.Services.CreateAsyncScope();
        var db = services.ServiceProvider.GetRequiredService<ChengxinDbContext>();

        var query = StaleResultRefresh.StaleCampaignsQuery(db);

        Sql(query).ShouldBe(IsSqlite
            ? """
              SELECT DISTINCT "u"."CampaignId"
              FROM "UnitResults" AS "u"
              WHERE "u"."IsStale"
              """
            : """
              SELECT DISTINCT u."CampaignId"
              FROM "UnitResults" AS u
              WHERE u."IsStale"
              """);
        (await PlanAsync(db, query)).ShouldContain(StaleIndex);
    }

    [Fact]
    public async Task StaleUnits_OfACampaign_AreASeekIntoThePartialIndexInUnitOrder()
    {
        await using var services = app.Factory.Services.CreateAsyncScope();
        var db = services.ServiceProvider.GetRequiredService<ChengxinDbContext>();

        var query = StaleResultRefresh.StaleUnitsQuery(db, 1, 201);

        Sql(query).ShouldBe(IsSqlite
            ? """
              SELECT "u"."UnitId"
              FROM "UnitResults" AS "u"
              WHERE "u"."CampaignId" = @campaignId AND "u"."IsStale"
              ORDER BY "u"."UnitId"
              LIMIT @p
              """
            : """
              SELECT u."UnitId"
              FROM "UnitResults" AS u
              WHERE u."CampaignId" = @campaignId AND u."IsStale"
              ORDER BY u."UnitId"
              LIMIT @p
              """);
        var plan = await PlanAsync(db, query);
        plan.ShouldContain(StaleIndex);
        plan.ShouldNotContain("TEMP B-TREE");
        plan.ShouldNotContain("Sort");
    }

    /// <summary>On PostgreSQL the test tables hold a handful of rows, where a scan is cheapest: scans are priced out.</summary>
    protected override string PlanSetup => """
            SET LOCAL enable_seqscan = off; SET LOCAL enable_bitmapscan = off; ANALYZE "UnitResults"
            """;
}

[Collection(SqliteCollection.Name)]
public sealed class StaleRefreshQueryTestsOnSqlite(SqliteApp app) : StaleRefreshQueryTests(app);

[Collection(PostgresCollection.Name)]
public sealed class StaleRefreshQueryTestsOnPostgres(PostgresApp app) : StaleRefreshQueryTests(app);
