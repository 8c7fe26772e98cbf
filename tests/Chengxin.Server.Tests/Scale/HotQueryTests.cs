using System.Data.Common;
using System.Net;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Units;
using Chengxin.Server.Features.Workspace;
using Chengxin.Server.Infrastructure;
using Chengxin.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Chengxin.Server.Tests.Scale;

/// <summary>
/// The queries a province's traffic runs most (issue 19), pinned as efcore.pg pins its SQL: the text EF Core generates on each
/// provider, and the index the database's own planner names for it (EXPLAIN on PostgreSQL with sequential scans priced out, as
/// on a province's tables; EXPLAIN QUERY PLAN on SQLite). A changed query or a dropped index fails here, not on deadline day.
/// </summary>
public abstract class HotQueryTests(AppFixture app) : QueryPlanTests
{
    protected override AppFixture Fixture => app;

    [Fact]
    public async Task ScopePredicate_SubtreeOfUnits_IsOnePathRangeOverItsIndex()
    {
        await using var services = app.Factory.Services.CreateAsyncScope();
        var db = ScopedTo(services, "a-admin");

        var query = db.Units.Where(u => u.IsActive);

        Sql(query).ShouldBe(IsSqlite
            ? """
              SELECT "u"."Id", "u"."Class", "u"."Code", "u"."CreatedAt", "u"."IsActive", "u"."Level", "u"."Name", "u"."ParentId", "u"."Path", "u"."TenantId"
              FROM "Units" AS "u"
              WHERE "u"."TenantId" = @ef_filter__ScopeTenantId AND "u"."Path" >= @ef_filter__ScopePathFrom AND "u"."Path" <= @ef_filter__ScopePathTo AND "u"."IsActive"
              """
            : """
              SELECT u."Id", u."Class", u."Code", u."CreatedAt", u."IsActive", u."Level", u."Name", u."ParentId", u."Path", u."TenantId"
              FROM "Units" AS u
              WHERE u."TenantId" = @ef_filter__ScopeTenantId AND u."Path" >= @ef_filter__ScopePathFrom AND u."Path" <= @ef_filter__ScopePathTo AND u."IsActive"
              """);
        (await PlanAsync(db, query)).ShouldContain("IX_Units_TenantId_Path");
    }

    [Fact]
    public async Task ChildrenPage_AfterAnId_IsOneKeysetRangeOverParentAndId()
    {
        await using var services = app.Factory.Services.CreateAsyncScope();
        var db = ScopedTo(services, "a-admin");

        var query = BrowseUnits.ChildrenPage(db, app.World.Unit("A-C1").Id, afterId: 5, limit: 200, includeInactive: false);

        Sql(query).ShouldBe(IsSqlite
            ? """
              SELECT "u"."Id", "u"."Class", "u"."Code", "u"."CreatedAt", "u"."IsActive", "u"."Level", "u"."Name", "u"."ParentId", "u"."Path", "u"."TenantId"
              FROM "Units" AS "u"
              WHERE "u"."TenantId" = @ef_filter__ScopeTenantId AND "u"."Path" >= @ef_filter__ScopePathFrom AND "u"."Path" <= @ef_filter__ScopePathTo AND "u"."ParentId" = @parentId AND "u"."Id" > @after AND "u"."IsActive"
              ORDER BY "u"."Id"
              LIMIT @p
              """
            : """
              SELECT u."Id", u."Class", u."Code", u."CreatedAt", u."IsActive", u."Level", u."Name", u."ParentId", u."Path", u."TenantId"
              FROM "Units" AS u
              WHERE u."TenantId" = @ef_filter__ScopeTenantId AND u."Path" >= @ef_filter__ScopePathFrom AND u."Path" <= @ef_filter__ScopePathTo AND u."ParentId" = @parentId AND u."Id" > @after AND u."IsActive"
              ORDER BY u."Id"
              LIMIT @p
              """);
        // SQLite always takes the parent's keyset index. PostgreSQL weighs it against the scope's path range and the foreign key's
        // parent index by the statistics of the moment (other classes' units in the shared database move them): each is one
        // range of an index on the parent or the scope, never a scan.
        var plan = await PlanAsync(db, query);
        if (IsSqlite)
            plan.ShouldContain("IX_Units_TenantId_ParentId_Id");
        else
            plan.ShouldSatisfyAllConditions(
                () => new[] { "IX_Units_TenantId_ParentId_Id", "IX_Units_TenantId_Path", "IX_Units_ParentId" }
                    .Any(index => plan.Contains(index, StringComparison.Ordinal)).ShouldBeTrue(plan),
                () => plan.ShouldNotContain("Seq Scan"));
    }

    [Fact]
    public async Task ProgressBoardAnswers_OfACampaign_AreOneJoinOverItsSubmissions()
    {
        await using var services = app.Factory.Services.CreateAsyncScope();
        var db = ScopedTo(services, "a-admin");

        var query = CampaignProgress.AnsweredQuery(db, 1);

        var sql = Sql(query);
        sql.ShouldNotContain("json_each");
        sql.ShouldNotContain("ANY (");
        sql.ShouldBe(IsSqlite ? ExpectedAnsweredSqlite : ExpectedAnsweredPostgres);
        (await PlanAsync(db, query)).ShouldContain("IX_Submissions_CampaignId_UnitId");
    }

    [Fact]
    public async Task ReviewQueueVerdicts_OfACampaign_AreOneJoinOverItsSubmissions()
    {
        await using var services = app.Factory.Services.CreateAsyncScope();
        var db = ScopedTo(services, "a-admin");

        var query = ReviewQueue.ReviewsQuery(db, 1);

        var sql = Sql(query);
        sql.ShouldNotContain("json_each");
        sql.ShouldNotContain("ANY (");
        sql.ShouldBe(IsSqlite ? ExpectedReviewsSqlite : ExpectedReviewsPostgres);
        var plan = await PlanAsync(db, query);
        plan.ShouldContain("IX_Submissions_CampaignId_UnitId");
        plan.ShouldContain("IX_ItemReviews_SubmissionId_ItemId");
    }

    [Fact]
    public async Task ReviewQueueVerdictCounts_OfACampaign_AreOneGroupedJoinOverItsSubmissionsAndVerdicts()
    {
        await using var services = app.Factory.Services.CreateAsyncScope();
        var db = ScopedTo(services, "a-admin");

        var query = ReviewQueueTally.VerdictsQuery(db, 1, "town", ["1.1", "2.1"], ["5.1"]);

        // Pinned by its parts (its conditional counts are long): one grouped join by campaign and class, the verdicts by
        // submission, and no list of the scope's units (the caller keeps its members').
        var sql = Sql(query);
        sql.ShouldNotContain("json_each");
        sql.ShouldNotContain("\"Units\"");
        sql.ShouldContain(IsSqlite ? "\"s\".\"CampaignId\" = @campaignId AND \"s\".\"State\" <> 'Draft'" : "s.\"CampaignId\" = @campaignId AND s.\"State\" <> 'Draft'");
        sql.ShouldEndWith(IsSqlite ? "GROUP BY \"s\".\"Id\"" : "GROUP BY s.\"Id\"");
        var plan = await PlanAsync(db, query);
        plan.ShouldContain("IX_Submissions_CampaignId_UnitId");
        plan.ShouldContain("IX_ItemReviews_SubmissionId_ItemId");
        plan.ShouldContain("IX_SubmissionItems_SubmissionId_ItemId");
    }

    [Fact]
    public async Task ListUnitChildren_Pages_FollowEachOtherByTheLastId()
    {
        var admin = await app.SessionAsync("a-admin");
        var parent = app.World.Unit("A-C1").Id;

        var first = await (await admin.GetAsync($"/api/units/{parent}/children?limit=1")).ReadAsync<List<UnitNode>>();
        var second = await (await admin.GetAsync($"/api/units/{parent}/children?afterId={first[0].Id}&limit=1")).ReadAsync<List<UnitNode>>();

        first.Select(u => u.Code).ShouldBe(["A-C1-T1"]);
        second.Select(u => u.Code).ShouldBe(["A-C1-T2"]);
    }

    [Fact]
    public async Task ListUnitChildren_UnitOutsideTheScope_Returns404()
    {
        var admin = await app.SessionAsync("a-admin");

        await (await admin.GetAsync($"/api/units/{app.World.Unit("B-C1").Id}/children")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ListUnitChildren_PageOfNoUnits_Returns400()
    {
        var admin = await app.SessionAsync("a-admin");

        var response = await admin.GetAsync($"/api/units/{app.World.Unit("A-C1").Id}/children?limit=0");

        (await response.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("limit")[0].GetString()
            .ShouldBe($"每页单位数须在 1 到 {BrowseUnits.MaxPage} 之间。");
    }

    private const string ExpectedAnsweredSqlite = """
        SELECT "s1"."UnitId", "s1"."ItemId"
        FROM "Submissions" AS "s"
        INNER JOIN (
            SELECT "s0"."Explanation", "s0"."FactsVersion", "s0"."ItemId", "s0"."SubmissionId", "s0"."UnitId"
            FROM "SubmissionItems" AS "s0"
            WHERE "s0"."TenantId" = @ef_filter__ScopeTenantId AND "s0"."UnitId" IN (
                SELECT "u0"."Id"
                FROM "Units" AS "u0"
                WHERE "u0"."TenantId" = @ef_filter__ScopeTenantId AND "u0"."Path" >= @ef_filter__ScopePathFrom AND "u0"."Path" <= @ef_filter__ScopePathTo
            )
        ) AS "s1" ON "s"."Id" = "s1"."SubmissionId"
        WHERE "s"."TenantId" = @ef_filter__ScopeTenantId AND "s"."UnitId" IN (
            SELECT "u"."Id"
            FROM "Units" AS "u"
            WHERE "u"."TenantId" = @ef_filter__ScopeTenantId AND "u"."Path" >= @ef_filter__ScopePathFrom AND "u"."Path" <= @ef_filter__ScopePathTo
        ) AND "s"."CampaignId" = @campaignId AND ("s1"."FactsVersion" > 0 OR "s1"."Explanation" IS NOT NULL)
        """;

    private const string ExpectedAnsweredPostgres = """
        SELECT s1."UnitId", s1."ItemId"
        FROM "Submissions" AS s
        INNER JOIN (
            SELECT s0."Explanation", s0."FactsVersion", s0."ItemId", s0."SubmissionId", s0."UnitId"
            FROM "SubmissionItems" AS s0
            WHERE s0."TenantId" = @ef_filter__ScopeTenantId AND s0."UnitId" IN (
                SELECT u0."Id"
                FROM "Units" AS u0
                WHERE u0."TenantId" = @ef_filter__ScopeTenantId AND u0."Path" >= @ef_filter__ScopePathFrom AND u0."Path" <= @ef_filter__ScopePathTo
            )
        ) AS s1 ON s."Id" = s1."SubmissionId"
        WHERE s."TenantId" = @ef_filter__ScopeTenantId AND s."UnitId" IN (
            SELECT u."Id"
            FROM "Units" AS u
            WHERE u."TenantId" = @ef_filter__ScopeTenantId AND u."Path" >= @ef_filter__ScopePathFrom AND u."Path" <= @ef_filter__ScopePathTo
        ) AND s."CampaignId" = @campaignId AND (s1."FactsVersion" > 0 OR s1."Explanation" IS NOT NULL)
        """;

    private const string ExpectedReviewsSqlite = """
        SELECT "i0"."Id", "i0"."FactsVersionSeen", "i0"."IsLate", "i0"."ItemId", "i0"."Reason", "i0"."ReviewedAt", "i0"."ReviewerId", "i0"."ReviewerName", "i0"."State", "i0"."SubmissionId", "i0"."TenantId", "i0"."UnitId", "i0"."Version"
        FROM "Submissions" AS "s"
        INNER JOIN (
            SELECT "i"."Id", "i"."FactsVersionSeen", "i"."IsLate", "i"."ItemId", "i"."Reason", "i"."ReviewedAt", "i"."ReviewerId", "i"."ReviewerName", "i"."State", "i"."SubmissionId", "i"."TenantId", "i"."UnitId", "i"."Version"
            FROM "ItemReviews" AS "i"
            WHERE "i"."TenantId" = @ef_filter__ScopeTenantId AND "i"."UnitId" IN (
                SELECT "u0"."Id"
                FROM "Units" AS "u0"
                WHERE "u0"."TenantId" = @ef_filter__ScopeTenantId AND "u0"."Path" >= @ef_filter__ScopePathFrom AND "u0"."Path" <= @ef_filter__ScopePathTo
            )
        ) AS "i0" ON "s"."Id" = "i0"."SubmissionId"
        WHERE "s"."TenantId" = @ef_filter__ScopeTenantId AND "s"."UnitId" IN (
            SELECT "u"."Id"
            FROM "Units" AS "u"
            WHERE "u"."TenantId" = @ef_filter__ScopeTenantId AND "u"."Path" >= @ef_filter__ScopePathFrom AND "u"."Path" <= @ef_filter__ScopePathTo
        ) AND "s"."CampaignId" = @campaignId AND "s"."State" <> 'Draft'
        """;

    private const string ExpectedReviewsPostgres = """
        SELECT i0."Id", i0."FactsVersionSeen", i0."IsLate", i0."ItemId", i0."Reason", i0."ReviewedAt", i0."ReviewerId", i0."ReviewerName", i0."State", i0."SubmissionId", i0."TenantId", i0."UnitId", i0."Version"
        FROM "Submissions" AS s
        INNER JOIN (
            SELECT i."Id", i."FactsVersionSeen", i."IsLate", i."ItemId", i."Reason", i."ReviewedAt", i."ReviewerId", i."ReviewerName", i."State", i."SubmissionId", i."TenantId", i."UnitId", i."Version"
            FROM "ItemReviews" AS i
            WHERE i."TenantId" = @ef_filter__ScopeTenantId AND i."UnitId" IN (
                SELECT u0."Id"
                FROM "Units" AS u0
                WHERE u0."TenantId" = @ef_filter__ScopeTenantId AND u0."Path" >= @ef_filter__ScopePathFrom AND u0."Path" <= @ef_filter__ScopePathTo
            )
        ) AS i0 ON s."Id" = i0."SubmissionId"
        WHERE s."TenantId" = @ef_filter__ScopeTenantId AND s."UnitId" IN (
            SELECT u."Id"
            FROM "Units" AS u
            WHERE u."TenantId" = @ef_filter__ScopeTenantId AND u."Path" >= @ef_filter__ScopePathFrom AND u."Path" <= @ef_filter__ScopePathTo
        ) AND s."CampaignId" = @campaignId AND s."State" <> 'Draft'
        """;
}

[Collection(SqliteCollection.Name)]
public sealed class HotQueryTestsOnSqlite(SqliteApp app) : HotQueryTests(app);

[Collection(PostgresCollection.Name)]
public sealed class HotQueryTestsOnPostgres(PostgresApp app) : HotQueryTests(app);
