using System.Data.Common;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Workspace;
using Chengxin.Server.Infrastructure;
using Chengxin.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Chengxin.Server.Tests.Scale;

/// <summary>
/// The progress board's queries (issue 19) pinned as HotQueryTests pins its own: the SQL EF Core
/// generates on each provider, and the index the planner names for it. The board counts and pages a campaign's members in
/// the database, each driven by the campaign's own members (not by every unit of the caller's scope).
/// </summary>
public abstract class BoardQueryTests(AppFixture app) : QueryPlanTests
{
    protected override AppFixture Fixture => app;

    [Fact]
    public async Task ProgressBoardPage_AfterAUnit_IsOneKeysetRangeOverTheCampaignsMembers()
    {
        await using var services = app.Factory.Services.CreateAsyncScope();
        var db = ScopedTo(services, "a-admin");
        var campaign = new Campaign { Id = 1, Name = "", PeriodKey = "", State = Domain.Campaigns.CampaignState.Open, EvidenceDue = new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc) };

        var query = CampaignProgress.MembersQuery(db, campaign, app.Clock.GetUtcNow()).Where(m => m.UnitId > 5).OrderBy(m => m.UnitId).Take(101);

        Sql(query).ShouldBe(IsSqlite ? ExpectedPageSqlite : ExpectedPagePostgres);
        (await PlanAsync(db, query)).ShouldContain("IX_Submissions_CampaignId_UnitId");
    }

    [Fact]
    public async Task ProgressBoardCounts_OfACampaign_AreOneGroupByStatus()
    {
        await using var services = app.Factory.Services.CreateAsyncScope();
        var db = ScopedTo(services, "a-admin");
        var campaign = new Campaign { Id = 1, Name = "", PeriodKey = "", State = Domain.Campaigns.CampaignState.Open, EvidenceDue = new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc) };

        var query = CampaignProgress.MembersQuery(db, campaign, app.Clock.GetUtcNow()).GroupBy(m => m.Status).Select(g => new { g.Key, Count = g.Count() });

        Sql(query).ShouldBe(IsSqlite ? ExpectedCountsSqlite : ExpectedCountsPostgres);
    }

    private const string ExpectedPageSqlite = """
        SELECT "c"."UnitId", "c"."SchemeClass", "s0"."Id" AS "SubmissionId", "s0"."State", "s0"."Due", "s0"."SubmittedAt", "s0"."IsLate", "s0"."LateBySeconds", "s0"."ReturnDue", "s0"."DueExceptionReason", CASE
            WHEN "s0"."Id" IS NOT NULL AND "s0"."State" = 'Returned' THEN 2
            WHEN "s0"."Id" IS NULL OR "s0"."State" = 'Draft' THEN CASE
                WHEN CASE
                    WHEN "s0"."Id" IS NULL THEN @evidenceDue
                    ELSE "s0"."Due"
                END < @nowUtc THEN 3
                ELSE 4
            END
            WHEN "s0"."IsLate" THEN 1
            ELSE 0
        END AS "Status"
        FROM "CampaignUnits" AS "c"
        LEFT JOIN (
            SELECT "s"."Id", "s"."Due", "s"."DueExceptionReason", "s"."IsLate", "s"."LateBySeconds", "s"."ReturnDue", "s"."State", "s"."SubmittedAt", "s"."UnitId"
            FROM "Submissions" AS "s"
            WHERE "s"."TenantId" = @ef_filter__ScopeTenantId AND "s"."UnitId" IN (
                SELECT "u0"."Id"
                FROM "Units" AS "u0"
                WHERE "u0"."TenantId" = @ef_filter__ScopeTenantId AND "u0"."Path" >= @ef_filter__ScopePathFrom AND "u0"."Path" <= @ef_filter__ScopePathTo
            ) AND "s"."CampaignId" = @campaignId
        ) AS "s0" ON "c"."UnitId" = "s0"."UnitId"
        WHERE "c"."CampaignId" = @campaignId AND EXISTS (
            SELECT 1
            FROM "Units" AS "u"
            WHERE "u"."TenantId" = @ef_filter__ScopeTenantId AND "u"."Path" >= @ef_filter__ScopePathFrom AND "u"."Path" <= @ef_filter__ScopePathTo AND "u"."Id" = "c"."UnitId") AND "c"."UnitId" > 5
        ORDER BY "c"."UnitId"
        LIMIT @p
        """;

    private const string ExpectedPagePostgres = """
        SELECT c."UnitId", c."SchemeClass", s0."Id" AS "SubmissionId", s0."State", s0."Due", s0."SubmittedAt", s0."IsLate", s0."LateBySeconds", s0."ReturnDue", s0."DueExceptionReason", CASE
            WHEN s0."Id" IS NOT NULL AND s0."State" = 'Returned' THEN 2
            WHEN s0."Id" IS NULL OR s0."State" = 'Draft' THEN CASE
                WHEN CASE
                    WHEN s0."Id" IS NULL THEN @evidenceDue
                    ELSE s0."Due"
                END < @nowUtc THEN 3
                ELSE 4
            END
            WHEN s0."IsLate" THEN 1
            ELSE 0
        END AS "Status"
        FROM "CampaignUnits" AS c
        LEFT JOIN (
            SELECT s."Id", s."Due", s."DueExceptionReason", s."IsLate", s."LateBySeconds", s."ReturnDue", s."State", s."SubmittedAt", s."UnitId"
            FROM "Submissions" AS s
            WHERE s."TenantId" = @ef_filter__ScopeTenantId AND s."UnitId" IN (
                SELECT u0."Id"
                FROM "Units" AS u0
                WHERE u0."TenantId" = @ef_filter__ScopeTenantId AND u0."Path" >= @ef_filter__ScopePathFrom AND u0."Path" <= @ef_filter__ScopePathTo
            ) AND s."CampaignId" = @campaignId
        ) AS s0 ON c."UnitId" = s0."UnitId"
        WHERE c."CampaignId" = @campaignId AND EXISTS (
            SELECT 1
            FROM "Units" AS u
            WHERE u."TenantId" = @ef_filter__ScopeTenantId AND u."Path" >= @ef_filter__ScopePathFrom AND u."Path" <= @ef_filter__ScopePathTo AND u."Id" = c."UnitId") AND c."UnitId" > 5
        ORDER BY c."UnitId"
        LIMIT @p
        """;

    private const string ExpectedCountsSqlite = """
        SELECT "s1"."Key", COUNT(*) AS "Count"
        FROM (
            SELECT CASE
                WHEN "s0"."Id" IS NOT NULL AND "s0"."State" = 'Returned' THEN 2
                WHEN "s0"."Id" IS NULL OR "s0"."State" = 'Draft' THEN CASE
                    WHEN CASE
                        WHEN "s0"."Id" IS NULL THEN @evidenceDue
                        ELSE "s0"."Due"
                    END < @nowUtc THEN 3
                    ELSE 4
                END
                WHEN "s0"."IsLate" THEN 1
                ELSE 0
            END AS "Key"
            FROM "CampaignUnits" AS "c"
            LEFT JOIN (
                SELECT "s"."Id", "s"."Due", "s"."IsLate", "s"."State", "s"."UnitId"
                FROM "Submissions" AS "s"
                WHERE "s"."TenantId" = @ef_filter__ScopeTenantId AND "s"."UnitId" IN (
                    SELECT "u0"."Id"
                    FROM "Units" AS "u0"
                    WHERE "u0"."TenantId" = @ef_filter__ScopeTenantId AND "u0"."Path" >= @ef_filter__ScopePathFrom AND "u0"."Path" <= @ef_filter__ScopePathTo
                ) AND "s"."CampaignId" = @campaignId
            ) AS "s0" ON "c"."UnitId" = "s0"."UnitId"
            WHERE "c"."CampaignId" = @campaignId AND EXISTS (
                SELECT 1
                FROM "Units" AS "u"
                WHERE "u"."TenantId" = @ef_filter__ScopeTenantId AND "u"."Path" >= @ef_filter__ScopePathFrom AND "u"."Path" <= @ef_filter__ScopePathTo AND "u"."Id" = "c"."UnitId")
        ) AS "s1"
        GROUP BY "s1"."Key"
        """;

    private const string ExpectedCountsPostgres = """
        SELECT s1."Key", count(*)::int AS "Count"
        FROM (
            SELECT CASE
                WHEN s0."Id" IS NOT NULL AND s0."State" = 'Returned' THEN 2
                WHEN s0."Id" IS NULL OR s0."State" = 'Draft' THEN CASE
                    WHEN CASE
                        WHEN s0."Id" IS NULL THEN @evidenceDue
                        ELSE s0."Due"
                    END < @nowUtc THEN 3
                    ELSE 4
                END
                WHEN s0."IsLate" THEN 1
                ELSE 0
            END AS "Key"
            FROM "CampaignUnits" AS c
            LEFT JOIN (
                SELECT s."Id", s."Due", s."IsLate", s."State", s."UnitId"
                FROM "Submissions" AS s
                WHERE s."TenantId" = @ef_filter__ScopeTenantId AND s."UnitId" IN (
                    SELECT u0."Id"
                    FROM "Units" AS u0
                    WHERE u0."TenantId" = @ef_filter__ScopeTenantId AND u0."Path" >= @ef_filter__ScopePathFrom AND u0."Path" <= @ef_filter__ScopePathTo
                ) AND s."CampaignId" = @campaignId
            ) AS s0 ON c."UnitId" = s0."UnitId"
            WHERE c."CampaignId" = @campaignId AND EXISTS (
                SELECT 1
                FROM "Units" AS u
                WHERE u."TenantId" = @ef_filter__ScopeTenantId AND u."Path" >= @ef_filter__ScopePathFrom AND u."Path" <= @ef_filter__ScopePathTo AND u."Id" = c."UnitId")
        ) AS s1
        GROUP BY s1."Key"
        """;
}

[Collection(SqliteCollection.Name)]
public sealed class BoardQueryTestsOnSqlite(SqliteApp app) : BoardQueryTests(app);

[Collection(PostgresCollection.Name)]
public sealed class BoardQueryTestsOnPostgres(PostgresApp app) : BoardQueryTests(app);
