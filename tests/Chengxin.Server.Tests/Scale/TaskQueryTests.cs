using System.Data.Common;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Features.Dashboard;
using Chengxin.Server.Infrastructure;
using Chengxin.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Chengxin.Server.Tests.Scale;

/// <summary>
/// The grouped queries of 我的待办 and the dashboard (issue 19), pinned as <see cref="HotQueryTests"/> pins the others: the SQL
/// EF Core generates on each provider, and the indexes the planner names for it (PostgreSQL with scans priced out, as on a
/// province's tables). Each is one pass over one campaign's members or submissions by their indexes, never a scan of every
/// campaign's rows.
/// </summary>
public abstract class TaskQueryTests(AppFixture app) : QueryPlanTests
{
    protected override AppFixture Fixture => app;

    [Fact]
    public async Task SettledVerdictsByClass_OfACampaign_AreOneJoinOverItsSubmissionsVerdictsAndItems()
    {
        await using var services = app.Factory.Services.CreateAsyncScope();
        var db = ScopedTo(services, "a-admin");

        var query = ReadinessCounts.SettledByClassQuery(db, 1);

        Sql(query).ShouldBe(IsSqlite ? ExpectedSettledSqlite : ExpectedSettledPostgres);
        var plan = await PlanAsync(db, query);
        plan.ShouldContain("IX_Submissions_CampaignId_UnitId");
        plan.ShouldContain("IX_ItemReviews_SubmissionId_ItemId");
        plan.ShouldContain("IX_SubmissionItems_SubmissionId_ItemId");
    }

    [Fact]
    public async Task WaitingUnitsOfAClass_StopAtThePageItNeeds_InUnitOrder()
    {
        await using var services = app.Factory.Services.CreateAsyncScope();
        var db = ScopedTo(services, "a-admin");

        var query = ReadinessCounts.WaitingInClass(db, 1, "town", ["1.1", "2.1"]).Take(ReadinessCounts.NamesKept);

        Sql(query).ShouldBe(IsSqlite ? ExpectedWaitingSqlite : ExpectedWaitingPostgres);
        var plan = await PlanAsync(db, query);
        plan.ShouldContain("IX_Submissions_CampaignId_UnitId");
        plan.ShouldContain("IX_ItemReviews_SubmissionId_ItemId");
    }

    [Fact]
    public async Task DashboardProgress_OfACampaign_IsOneGroupedJoinOverItsMembersAndSubmissions()
    {
        await using var services = app.Factory.Services.CreateAsyncScope();
        var db = ScopedTo(services, "a-admin");
        var now = new DateTime(2026, 3, 2, 1, 0, 0, DateTimeKind.Utc);

        var query = CampaignDashboard.ProgressQuery(db, 1, now, now);

        Sql(query).ShouldBe(IsSqlite ? ExpectedProgressSqlite : ExpectedProgressPostgres);
        var plan = await PlanAsync(db, query);
        plan.ShouldContain("IX_Submissions_CampaignId_UnitId");
        // SQLite may start from the scope's range of units or from the campaign's members; either way each side is an index search.
        plan.ShouldContain(IsSqlite ? "SEARCH c USING" : "PK_CampaignUnits");
        plan.ShouldNotContain(IsSqlite ? "SCAN c" : "Seq Scan");
    }

    private const string ExpectedSettledSqlite = """
        SELECT "s0"."SchemeClass", "i"."ItemId", COUNT(*) AS "Count"
        FROM "ItemReviews" AS "i"
        INNER JOIN (
            SELECT "s"."Id", "s"."State", "c0"."SchemeClass"
            FROM "Submissions" AS "s"
            INNER JOIN (
                SELECT "c"."UnitId", "c"."SchemeClass"
                FROM "CampaignUnits" AS "c"
                WHERE "c"."CampaignId" = @campaignId1
            ) AS "c0" ON "s"."UnitId" = "c0"."UnitId"
            WHERE "s"."TenantId" = @ef_filter__ScopeTenantId AND "s"."CampaignId" = @campaignId AND "s"."State" IN ('Submitted', 'Resubmitted')
        ) AS "s0" ON "i"."SubmissionId" = "s0"."Id"
        LEFT JOIN (
            SELECT "s1"."Id", "s1"."FactsVersion", "s1"."SubmissionId" AS "SubmissionId0", "s1"."ItemId" AS "ItemId0"
            FROM "SubmissionItems" AS "s1"
            WHERE "s1"."TenantId" = @ef_filter__ScopeTenantId
        ) AS "s2" ON "i"."SubmissionId" = "s2"."SubmissionId0" AND "i"."ItemId" = "s2"."ItemId0"
        WHERE "i"."TenantId" = @ef_filter__ScopeTenantId AND (("i"."State" IN ('Confirmed', 'Corrected') AND "i"."FactsVersionSeen" = CASE
            WHEN "s2"."Id" IS NULL THEN 0
            ELSE "s2"."FactsVersion"
        END) OR ("i"."State" = 'Returned' AND "s0"."State" = 'Submitted'))
        GROUP BY "s0"."SchemeClass", "i"."ItemId"
        """;

    private const string ExpectedSettledPostgres = """
        SELECT s0."SchemeClass", i."ItemId", count(*)::int AS "Count"
        FROM "ItemReviews" AS i
        INNER JOIN (
            SELECT s."Id", s."State", c0."SchemeClass"
            FROM "Submissions" AS s
            INNER JOIN (
                SELECT c."UnitId", c."SchemeClass"
                FROM "CampaignUnits" AS c
                WHERE c."CampaignId" = @campaignId1
            ) AS c0 ON s."UnitId" = c0."UnitId"
            WHERE s."TenantId" = @ef_filter__ScopeTenantId AND s."CampaignId" = @campaignId AND s."State" IN ('Submitted', 'Resubmitted')
        ) AS s0 ON i."SubmissionId" = s0."Id"
        LEFT JOIN (
            SELECT s1."Id", s1."FactsVersion", s1."SubmissionId" AS "SubmissionId0", s1."ItemId" AS "ItemId0"
            FROM "SubmissionItems" AS s1
            WHERE s1."TenantId" = @ef_filter__ScopeTenantId
        ) AS s2 ON i."SubmissionId" = s2."SubmissionId0" AND i."ItemId" = s2."ItemId0"
        WHERE i."TenantId" = @ef_filter__ScopeTenantId AND ((i."State" IN ('Confirmed', 'Corrected') AND i."FactsVersionSeen" = CASE
            WHEN s2."Id" IS NULL THEN 0
            ELSE s2."FactsVersion"
        END) OR (i."State" = 'Returned' AND s0."State" = 'Submitted'))
        GROUP BY s0."SchemeClass", i."ItemId"
        """;

    private const string ExpectedWaitingSqlite = """
        SELECT "s"."UnitId"
        FROM "Submissions" AS "s"
        INNER JOIN (
            SELECT "c"."UnitId", "c"."SchemeClass"
            FROM "CampaignUnits" AS "c"
            WHERE "c"."CampaignId" = @campaignId1
        ) AS "c0" ON "s"."UnitId" = "c0"."UnitId"
        WHERE "s"."TenantId" = @ef_filter__ScopeTenantId AND "s"."CampaignId" = @campaignId AND "s"."State" IN ('Submitted', 'Resubmitted') AND "c0"."SchemeClass" = @schemeClass AND (
            SELECT COUNT(*)
            FROM "ItemReviews" AS "i"
            WHERE "i"."TenantId" = @ef_filter__ScopeTenantId AND "i"."SubmissionId" = "s"."Id" AND "i"."ItemId" IN (@items1, @items2) AND (("i"."State" IN ('Confirmed', 'Corrected') AND "i"."FactsVersionSeen" = COALESCE((
                SELECT "s0"."FactsVersion"
                FROM "SubmissionItems" AS "s0"
                WHERE "s0"."TenantId" = @ef_filter__ScopeTenantId AND "s0"."SubmissionId" = "i"."SubmissionId" AND "s0"."ItemId" = "i"."ItemId"
                LIMIT 1), 0)) OR ("i"."State" = 'Returned' AND "s"."State" = 'Submitted'))) < @items_Count
        ORDER BY "s"."UnitId"
        LIMIT @p
        """;

    private const string ExpectedWaitingPostgres = """
        SELECT s."UnitId"
        FROM "Submissions" AS s
        INNER JOIN (
            SELECT c."UnitId", c."SchemeClass"
            FROM "CampaignUnits" AS c
            WHERE c."CampaignId" = @campaignId1
        ) AS c0 ON s."UnitId" = c0."UnitId"
        WHERE s."TenantId" = @ef_filter__ScopeTenantId AND s."CampaignId" = @campaignId AND s."State" IN ('Submitted', 'Resubmitted') AND c0."SchemeClass" = @schemeClass AND (
            SELECT count(*)::int
            FROM "ItemReviews" AS i
            WHERE i."TenantId" = @ef_filter__ScopeTenantId AND i."SubmissionId" = s."Id" AND i."ItemId" = ANY (@items) AND ((i."State" IN ('Confirmed', 'Corrected') AND i."FactsVersionSeen" = COALESCE((
                SELECT s0."FactsVersion"
                FROM "SubmissionItems" AS s0
                WHERE s0."TenantId" = @ef_filter__ScopeTenantId AND s0."SubmissionId" = i."SubmissionId" AND s0."ItemId" = i."ItemId"
                LIMIT 1), 0)) OR (i."State" = 'Returned' AND s."State" = 'Submitted'))) < @items_Count
        ORDER BY s."UnitId"
        LIMIT @p
        """;

    private const string ExpectedProgressSqlite = """
        SELECT "s1"."State0" AS "State", "s1"."IsLate0" AS "IsLate", "s1"."Overdue", COUNT(*) AS "Count"
        FROM (
            SELECT CASE
                WHEN "s0"."Id" IS NULL THEN 'Draft'
                ELSE "s0"."State"
            END AS "State0", "s0"."Id" IS NOT NULL AND "s0"."IsLate" AS "IsLate0", CASE
                WHEN CASE
                    WHEN "s0"."Id" IS NULL THEN @evidenceDue
                    ELSE "s0"."Due"
                END < @utcNow THEN 1
                ELSE 0
            END AS "Overdue"
            FROM "CampaignUnits" AS "c"
            INNER JOIN (
                SELECT "u"."Id"
                FROM "Units" AS "u"
                WHERE "u"."TenantId" = @ef_filter__ScopeTenantId AND "u"."Path" >= @ef_filter__ScopePathFrom AND "u"."Path" <= @ef_filter__ScopePathTo
            ) AS "u0" ON "c"."UnitId" = "u0"."Id"
            LEFT JOIN (
                SELECT "s"."Id", "s"."Due", "s"."IsLate", "s"."State", "s"."UnitId" AS "UnitId0"
                FROM "Submissions" AS "s"
                WHERE "s"."TenantId" = @ef_filter__ScopeTenantId AND "s"."UnitId" IN (
                    SELECT "u1"."Id"
                    FROM "Units" AS "u1"
                    WHERE "u1"."TenantId" = @ef_filter__ScopeTenantId AND "u1"."Path" >= @ef_filter__ScopePathFrom AND "u1"."Path" <= @ef_filter__ScopePathTo
                ) AND "s"."CampaignId" = @campaignId
            ) AS "s0" ON "c"."UnitId" = "s0"."UnitId0"
            WHERE "c"."CampaignId" = @campaignId
        ) AS "s1"
        GROUP BY "s1"."State0", "s1"."IsLate0", "s1"."Overdue"
        """;

    private const string ExpectedProgressPostgres = """
        SELECT s1."State0" AS "State", s1."IsLate0" AS "IsLate", s1."Overdue", count(*)::int AS "Count"
        FROM (
            SELECT CASE
                WHEN s0."Id" IS NULL THEN 'Draft'
                ELSE s0."State"
            END AS "State0", s0."Id" IS NOT NULL AND s0."IsLate" AS "IsLate0", CASE
                WHEN CASE
                    WHEN s0."Id" IS NULL THEN @evidenceDue
                    ELSE s0."Due"
                END < @utcNow THEN TRUE
                ELSE FALSE
            END AS "Overdue"
            FROM "CampaignUnits" AS c
            INNER JOIN (
                SELECT u."Id"
                FROM "Units" AS u
                WHERE u."TenantId" = @ef_filter__ScopeTenantId AND u."Path" >= @ef_filter__ScopePathFrom AND u."Path" <= @ef_filter__ScopePathTo
            ) AS u0 ON c."UnitId" = u0."Id"
            LEFT JOIN (
                SELECT s."Id", s."Due", s."IsLate", s."State", s."UnitId" AS "UnitId0"
                FROM "Submissions" AS s
                WHERE s."TenantId" = @ef_filter__ScopeTenantId AND s."UnitId" IN (
                    SELECT u1."Id"
                    FROM "Units" AS u1
                    WHERE u1."TenantId" = @ef_filter__ScopeTenantId AND u1."Path" >= @ef_filter__ScopePathFrom AND u1."Path" <= @ef_filter__ScopePathTo
                ) AND s."CampaignId" = @campaignId
            ) AS s0 ON c."UnitId" = s0."UnitId0"
            WHERE c."CampaignId" = @campaignId
        ) AS s1
        GROUP BY s1."State0", s1."IsLate0", s1."Overdue"
        """;

}

[Collection(SqliteCollection.Name)]
public sealed class TaskQueryTestsOnSqlite(SqliteApp app) : TaskQueryTests(app);

[Collection(PostgresCollection.Name)]
public sealed class TaskQueryTestsOnPostgres(PostgresApp app) : TaskQueryTests(app);
