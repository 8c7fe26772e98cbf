using Chengxin.Server.Data;
using Chengxin.Server.Features.Results;
using Chengxin.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Chengxin.Server.Tests.Scale;

/// <summary>
/// The results page's queries (issue 19), pinned as <see cref="HotQueryTests"/> pins the others: a page of the ranking table and
/// of the full results is the campaign's range of the rank index in rank order, skipped and taken in SQL, each row's unit asked
/// after by its key through the scope (the class a column of the row, the name search its unit's); the tabs' counts one group by
/// over the campaign's range. On both providers, without a sort of the campaign's rows.
/// </summary>
public abstract class ResultPageQueryTests(AppFixture app) : QueryPlanTests
{
    protected override AppFixture Fixture => app;

    private const string RankIndex = "IX_UnitResults_CampaignId_Rank_UnitId_IsStale";

    [Fact]
    public async Task RankingPage_OfACampaign_IsTheRankIndexInRankOrderSkippedAndTakenInSql()
    {
        await using var services = app.Factory.Services.CreateAsyncScope();
        var db = ScopedTo(services, "a-admin");

        var query = ResultPages.LinesQuery(db, 1, new ResultPageAsk(200, 100, null, null));

        Sql(query).ShouldBe(IsSqlite
            ? """
              SELECT "u"."UnitId", (
                  SELECT "u1"."Name"
                  FROM "Units" AS "u1"
                  WHERE "u1"."TenantId" = @ef_filter__ScopeTenantId AND "u1"."Path" >= @ef_filter__ScopePathFrom AND "u1"."Path" <= @ef_filter__ScopePathTo AND "u1"."Id" = "u"."UnitId"
                  LIMIT 1), "u"."SchemeClass", "u"."Base", "u"."Bonus", "u"."Total", "u"."Grade", "u"."VetoesJson", "u"."Rank", "u"."ClassRank", "u"."SelfTotal", "u"."IsLate"
              FROM "UnitResults" AS "u"
              WHERE "u"."CampaignId" = @campaignId AND EXISTS (
                  SELECT 1
                  FROM "Units" AS "u0"
                  WHERE "u0"."TenantId" = @ef_filter__ScopeTenantId AND "u0"."Path" >= @ef_filter__ScopePathFrom AND "u0"."Path" <= @ef_filter__ScopePathTo AND "u0"."Id" = "u"."UnitId") AND "u"."Rank" IS NOT NULL
              ORDER BY "u"."Rank", "u"."UnitId"
              LIMIT @p3 OFFSET @p
              """
            : """
              SELECT u."UnitId", (
                  SELECT u1."Name"
                  FROM "Units" AS u1
                  WHERE u1."TenantId" = @ef_filter__ScopeTenantId AND u1."Path" >= @ef_filter__ScopePathFrom AND u1."Path" <= @ef_filter__ScopePathTo AND u1."Id" = u."UnitId"
                  LIMIT 1), u."SchemeClass", u."Base", u."Bonus", u."Total", u."Grade", u."VetoesJson", u."Rank", u."ClassRank", u."SelfTotal", u."IsLate"
              FROM "UnitResults" AS u
              WHERE u."CampaignId" = @campaignId AND EXISTS (
                  SELECT 1
                  FROM "Units" AS u0
                  WHERE u0."TenantId" = @ef_filter__ScopeTenantId AND u0."Path" >= @ef_filter__ScopePathFrom AND u0."Path" <= @ef_filter__ScopePathTo AND u0."Id" = u."UnitId") AND u."Rank" IS NOT NULL
              ORDER BY u."Rank", u."UnitId"
              LIMIT @p3 OFFSET @p
              """);
        await PlanIsTheRankIndexInOrderAsync(db, query);
    }

    [Fact]
    public async Task RankingPage_OfOneClassAndAName_FiltersTheRowsOfTheRankIndexAndTheirUnits()
    {
        await using var services = app.Factory.Services.CreateAsyncScope();
        var db = ScopedTo(services, "a-admin");

        var query = ResultPages.LinesQuery(db, 1, new ResultPageAsk(0, 100, "town", "镇"));

        Sql(query).ShouldBe(IsSqlite
            ? """
              SELECT "u"."UnitId", (
                  SELECT "u1"."Name"
                  FROM "Units" AS "u1"
                  WHERE "u1"."TenantId" = @ef_filter__ScopeTenantId AND "u1"."Path" >= @ef_filter__ScopePathFrom AND "u1"."Path" <= @ef_filter__ScopePathTo AND "u1"."Id" = "u"."UnitId"
                  LIMIT 1), "u"."SchemeClass", "u"."Base", "u"."Bonus", "u"."Total", "u"."Grade", "u"."VetoesJson", "u"."Rank", "u"."ClassRank", "u"."SelfTotal", "u"."IsLate"
              FROM "UnitResults" AS "u"
              WHERE "u"."CampaignId" = @campaignId AND "u"."SchemeClass" = @schemeClass AND EXISTS (
                  SELECT 1
                  FROM "Units" AS "u0"
                  WHERE "u0"."TenantId" = @ef_filter__ScopeTenantId AND "u0"."Path" >= @ef_filter__ScopePathFrom AND "u0"."Path" <= @ef_filter__ScopePathTo AND "u0"."Id" = "u"."UnitId" AND instr("u0"."Name", @name) > 0) AND "u"."Rank" IS NOT NULL
              ORDER BY "u"."Rank", "u"."UnitId"
              LIMIT @p5 OFFSET @p
              """
            : """
              SELECT u."UnitId", (
                  SELECT u1."Name"
                  FROM "Units" AS u1
                  WHERE u1."TenantId" = @ef_filter__ScopeTenantId AND u1."Path" >= @ef_filter__ScopePathFrom AND u1."Path" <= @ef_filter__ScopePathTo AND u1."Id" = u."UnitId"
                  LIMIT 1), u."SchemeClass", u."Base", u."Bonus", u."Total", u."Grade", u."VetoesJson", u."Rank", u."ClassRank", u."SelfTotal", u."IsLate"
              FROM "UnitResults" AS u
              WHERE u."CampaignId" = @campaignId AND u."SchemeClass" = @schemeClass AND EXISTS (
                  SELECT 1
                  FROM "Units" AS u0
                  WHERE u0."TenantId" = @ef_filter__ScopeTenantId AND u0."Path" >= @ef_filter__ScopePathFrom AND u0."Path" <= @ef_filter__ScopePathTo AND u0."Id" = u."UnitId" AND u0."Name" LIKE @name_contains) AND u."Rank" IS NOT NULL
              ORDER BY u."Rank", u."UnitId"
              LIMIT @p5 OFFSET @p
              """);
        await PlanIsTheRankIndexInOrderAsync(db, query);
    }

    [Fact]
    public async Task FullResultsPage_OfACampaign_ReadsItsRowsWithItemsFromTheRankIndexInRankOrder()
    {
        await using var services = app.Factory.Services.CreateAsyncScope();
        var db = ScopedTo(services, "a-admin");

        var query = ResultPages.DetailedQuery(db, 1, new ResultPageAsk(200, 100, null, null));

        Sql(query).ShouldBe(IsSqlite
            ? """
              SELECT "u"."UnitId", (
                  SELECT "u1"."Name"
                  FROM "Units" AS "u1"
                  WHERE "u1"."TenantId" = @ef_filter__ScopeTenantId AND "u1"."Path" >= @ef_filter__ScopePathFrom AND "u1"."Path" <= @ef_filter__ScopePathTo AND "u1"."Id" = "u"."UnitId"
                  LIMIT 1), "u"."SchemeClass", "u"."Base", "u"."Bonus", "u"."Total", "u"."Grade", "u"."VetoesJson", "u"."Rank", "u"."ClassRank", "u"."SelfTotal", "u"."IsLate", "u"."Explanation", "u"."ItemsJson", "u"."IsStale"
              FROM "UnitResults" AS "u"
              WHERE "u"."CampaignId" = @campaignId AND EXISTS (
                  SELECT 1
                  FROM "Units" AS "u0"
                  WHERE "u0"."TenantId" = @ef_filter__ScopeTenantId AND "u0"."Path" >= @ef_filter__ScopePathFrom AND "u0"."Path" <= @ef_filter__ScopePathTo AND "u0"."Id" = "u"."UnitId") AND "u"."Rank" IS NOT NULL
              ORDER BY "u"."Rank", "u"."UnitId"
              LIMIT @p3 OFFSET @p
              """
            : """
              SELECT u."UnitId", (
                  SELECT u1."Name"
                  FROM "Units" AS u1
                  WHERE u1."TenantId" = @ef_filter__ScopeTenantId AND u1."Path" >= @ef_filter__ScopePathFrom AND u1."Path" <= @ef_filter__ScopePathTo AND u1."Id" = u."UnitId"
                  LIMIT 1), u."SchemeClass", u."Base", u."Bonus", u."Total", u."Grade", u."VetoesJson", u."Rank", u."ClassRank", u."SelfTotal", u."IsLate", u."Explanation", u."ItemsJson", u."IsStale"
              FROM "UnitResults" AS u
              WHERE u."CampaignId" = @campaignId AND EXISTS (
                  SELECT 1
                  FROM "Units" AS u0
                  WHERE u0."TenantId" = @ef_filter__ScopeTenantId AND u0."Path" >= @ef_filter__ScopePathFrom AND u0."Path" <= @ef_filter__ScopePathTo AND u0."Id" = u."UnitId") AND u."Rank" IS NOT NULL
              ORDER BY u."Rank", u."UnitId"
              LIMIT @p3 OFFSET @p
              """);
        await PlanIsTheRankIndexInOrderAsync(db, query);
    }

    [Fact]
    public async Task ClassCounts_OfACampaign_AreOneGroupByOverTheCampaignsRows()
    {
        await using var services = app.Factory.Services.CreateAsyncScope();
        var db = ScopedTo(services, "a-admin");

        var query = ResultPages.ClassCountsQuery(db, 1);

        Sql(query).ShouldBe(IsSqlite
            ? """
              SELECT "u"."SchemeClass", COUNT(*)
              FROM "UnitResults" AS "u"
              WHERE "u"."CampaignId" = @campaignId AND EXISTS (
                  SELECT 1
                  FROM "Units" AS "u0"
                  WHERE "u0"."TenantId" = @ef_filter__ScopeTenantId AND "u0"."Path" >= @ef_filter__ScopePathFrom AND "u0"."Path" <= @ef_filter__ScopePathTo AND "u0"."Id" = "u"."UnitId")
              GROUP BY "u"."SchemeClass"
              """
            : """
              SELECT u."SchemeClass", count(*)::int
              FROM "UnitResults" AS u
              WHERE u."CampaignId" = @campaignId AND EXISTS (
                  SELECT 1
                  FROM "Units" AS u0
                  WHERE u0."TenantId" = @ef_filter__ScopeTenantId AND u0."Path" >= @ef_filter__ScopePathFrom AND u0."Path" <= @ef_filter__ScopePathTo AND u0."Id" = u."UnitId")
              GROUP BY u."SchemeClass"
              """);
        // The campaign's range: of the rank index on SQLite, of the key (CampaignId, UnitId) on PostgreSQL; never the whole table.
        (await PlanAsync(db, query)).ShouldContain(IsSqlite ? RankIndex : "PK_UnitResults");
    }

    private async Task PlanIsTheRankIndexInOrderAsync<T>(ChengxinDbContext db, IQueryable<T> query)
    {
        var plan = await PlanAsync(db, query);
        plan.ShouldContain(RankIndex);
        plan.ShouldNotContain("TEMP B-TREE");
        plan.ShouldNotContain("Sort");
    }

    /// <summary>
    /// On PostgreSQL the test tables hold a handful of rows, where a scan is cheapest: scans are priced out and office A gets a
    /// province's worth of units, so that the plan shows the index a province's campaign of thousands of rows is read by.
    /// </summary>
    protected override string PlanSetup => QueryPlans.ProvinceOfUnits(app) + "; ANALYZE \"UnitResults\"";
}

[Collection(SqliteCollection.Name)]
public sealed class ResultPageQueryTestsOnSqlite(SqliteApp app) : ResultPageQueryTests(app);

[Collection(PostgresCollection.Name)]
public sealed class ResultPageQueryTestsOnPostgres(PostgresApp app) : ResultPageQueryTests(app);
