using Chengxin.Server.Data;
using Chengxin.Server.Features.Workspace;
using Chengxin.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Chengxin.Server.Tests.Scale;

/// <summary>
/// The review queue's reads of its kept counts (V020), pinned as <see cref="HotQueryTests"/> pins the others: per campaign, its
/// members' rows by the counts' index, the stale rows by theirs, and the submissions without a row by the submissions' index
/// and the row's key. None reads a verdict.
/// </summary>
public abstract class ReviewQueueCountQueryTests(AppFixture app) : QueryPlanTests
{
    protected override AppFixture Fixture => app;

    [Fact]
    public async Task ReviewQueueCountRows_OfACampaign_AreItsMembersJoinedToTheirRowsByTheCountsIndex()
    {
        await using var services = app.Factory.Services.CreateAsyncScope();
        var db = ScopedTo(services, "a-reviewer");

        var query = ReviewQueueCounts.RowsQuery(db, 1);

        var sql = Sql(query);
        sql.ShouldNotContain("\"ItemReviews\"");
        sql.ShouldNotContain("\"Submissions\"");
        sql.ShouldContain(IsSqlite ? "\"r0\".\"Total\" > 0" : "r0.\"Total\" > 0");
        sql.ShouldEndWith(IsSqlite ? "ORDER BY \"c\".\"UnitId\"" : "ORDER BY c.\"UnitId\"");
        (await PlanAsync(db, query)).ShouldContain("IX_ReviewQueueCounts_CampaignId_UnitId");
    }

    [Fact]
    public async Task ReviewQueueStaleRows_OfACampaign_AreOneRangeOfTheirIndex()
    {
        await using var services = app.Factory.Services.CreateAsyncScope();
        var db = ScopedTo(services, "a-reviewer");

        var query = ReviewQueueCounts.StaleQuery(db, 1);

        Sql(query).ShouldEndWith(IsSqlite
            ? "WHERE \"r\".\"CampaignId\" = @campaignId AND \"r\".\"IsStale\""
            : "WHERE r.\"CampaignId\" = @campaignId AND r.\"IsStale\"");
        // SQLite takes the (campaign, stale) index; PostgreSQL's planner may take either index that leads with the campaign, as
        // its statistics of the test tables say: both read the campaign's rows as one range.
        (await PlanAsync(db, query)).ShouldContain(IsSqlite ? "IX_ReviewQueueCounts_CampaignId_IsStale" : "IX_ReviewQueueCounts_CampaignId_");
    }

    [Fact]
    public async Task ReviewQueueMissingRows_OfACampaign_AreItsSubmissionsEachLookedUpByTheRowsKey()
    {
        await using var services = app.Factory.Services.CreateAsyncScope();
        var db = ScopedTo(services, "a-reviewer");

        var query = ReviewQueueCounts.MissingQuery(db, 1);

        var plan = await PlanAsync(db, query);
        plan.ShouldContain("IX_Submissions_CampaignId_UnitId");
        plan.ShouldContain(IsSqlite ? "INTEGER PRIMARY KEY" : "PK_ReviewQueueCounts");
    }

    [Fact]
    public async Task ReviewQueueSummary_OfACampaign_IsOneGroupOfItsMembersRowsByTheCountsIndex()
    {
        await using var services = app.Factory.Services.CreateAsyncScope();
        var db = ScopedTo(services, "a-reviewer");

        var query = ReviewQueueCounts.SummaryQuery(db, 1);

        var sql = Sql(query);
        sql.ShouldNotContain("\"ItemReviews\"");
        sql.ShouldNotContain("\"Submissions\"");
        sql.ShouldContain("GROUP BY");
        sql.ShouldContain("SUM(");
        // SQLite reads the campaign's rows as one range of either index that leads with it and looks each member up by its key.
        (await PlanAsync(db, query)).ShouldContain(IsSqlite ? "IX_ReviewQueueCounts_CampaignId_" : "IX_ReviewQueueCounts_CampaignId_UnitId");
    }

    [Fact]
    public async Task ReviewQueuePage_FromACursor_WalksTheMembersInUnitOrderFromTheCursorToTheLimit()
    {
        await using var services = app.Factory.Services.CreateAsyncScope();
        var db = ScopedTo(services, "a-reviewer");

        var query = ReviewQueueCounts.PageQuery(db, 1, 5, null, ReviewQueueTally.StateOrder[0], 52);

        var sql = Sql(query);
        sql.ShouldNotContain("\"ItemReviews\"");
        sql.ShouldContain(IsSqlite ? "\"c\".\"UnitId\" >= @fromUnitId" : "c.\"UnitId\" >= @fromUnitId");
        sql.ShouldContain("\"Pending\" > 0");
        sql.ShouldEndWith(IsSqlite ? "ORDER BY \"c\".\"UnitId\"\nLIMIT @p" : "ORDER BY c.\"UnitId\"\nLIMIT @p");
        // The members' key from the cursor in unit order (no sort), each joined to its row by the counts' index.
        var plan = await PlanAsync(db, query);
        plan.ShouldContain("IX_ReviewQueueCounts_CampaignId_UnitId");
        plan.ShouldContain(IsSqlite ? "sqlite_autoindex_CampaignUnits_1 (CampaignId=? AND UnitId>?)" : "PK_CampaignUnits");
        plan.ShouldNotContain("TEMP B-TREE");
    }

    [Fact]
    public async Task ReviewQueueUnits_AsTheReviewerTypes_WalkTheMembersInUnitOrderToTheLimit_JoinedByTheCountsIndex()
    {
        await using var services = app.Factory.Services.CreateAsyncScope();
        var db = ScopedTo(services, "a-reviewer");

        var query = ReviewQueueCounts.UnitsQuery(db, 1, "镇", 20);

        var sql = Sql(query);
        sql.ShouldNotContain("\"ItemReviews\"");
        sql.ShouldNotContain("\"Submissions\"");
        // The words are matched in the database, as a parameter (SQLite's instr; Npgsql's own form of Contains on PostgreSQL).
        if (IsSqlite)
            sql.ShouldContain("instr(\"u0\".\"Name\", @words) > 0");
        sql.ShouldContain("u0.\"Name\"".Replace("u0.", IsSqlite ? "\"u0\"." : "u0.", StringComparison.Ordinal));
        sql.ShouldContain("@words");
        sql.ShouldEndWith(IsSqlite ? "ORDER BY \"c\".\"UnitId\"\nLIMIT @p" : "ORDER BY c.\"UnitId\"\nLIMIT @p");
        // The campaign's members in unit order (no sort of the matches), each joined to its row by the counts' index: the first
        // twenty matches end the walk, whatever the campaign's size.
        var plan = await PlanAsync(db, query);
        plan.ShouldContain("IX_ReviewQueueCounts_CampaignId_UnitId");
        plan.ShouldNotContain("TEMP B-TREE");
    }

    [Fact]
    public async Task ReviewQueueSelfScores_OfAPage_ReadOnlyThePageUnitsMembershipsByTheirKey()
    {
        await using var services = app.Factory.Services.CreateAsyncScope();
        var db = ScopedTo(services, "a-reviewer");

        var query = Features.Results.StoredResults.PageMembersQuery(db, 1, [3, 4, 5]);

        Sql(query).ShouldContain(IsSqlite ? "\"c\".\"CampaignId\" = @campaignId AND \"c\".\"UnitId\" IN (" : "c.\"CampaignId\" = @campaignId AND c.\"UnitId\" = ANY (@unitIds)");
        (await PlanAsync(db, query)).ShouldContain(IsSqlite ? "sqlite_autoindex_CampaignUnits_1 (CampaignId=? AND UnitId=?)" : "PK_CampaignUnits");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ReviewQueueCountQueryTestsOnSqlite(SqliteApp app) : ReviewQueueCountQueryTests(app);

[Collection(PostgresCollection.Name)]
public sealed class ReviewQueueCountQueryTestsOnPostgres(PostgresApp app) : ReviewQueueCountQueryTests(app);
