using Chengxin.Server.Data;
using Chengxin.Server.Features.Dashboard;
using Chengxin.Server.Features.Results;
using Chengxin.Server.Infrastructure;
using Chengxin.Server.Infrastructure.Scheduling;
using Chengxin.Server.Tests.Infrastructure;
using Chengxin.Server.Tests.Walkthroughs;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Chengxin.Server.Tests.Walkthroughs.RankWorlds;
using static Chengxin.Server.Tests.Walkthroughs.Walk;

namespace Chengxin.Server.Tests;

/// <summary>
/// Ranks refreshed off the read path (issue 19, V021). A second instance on the same database treats every campaign as large
/// (<c>Chengxin:Results:RankOnReadUpTo</c> = 0), as a province's campaign of thousands of units is: after a write its ranking table
/// and dashboard show the last ranks marked as being refreshed, never as final, and one unit's result is ranked final; once the
/// ranks worker has run, the ranks equal those of the full results, which rank every row on read. Rows made stale are still
/// recomputed and ranked by the read, as their totals would be wrong otherwise.
/// </summary>
public abstract class RankRefreshTests(AppFixture app) : IAsyncLifetime
{
    private WebApplicationFactory<Program> _large = null!;

    public Task InitializeAsync()
    {
        _large = app.SecondInstance()
            .WithWebHostBuilder(b => b.UseSetting("Chengxin:Results:RankOnReadUpTo", "0"));
        _ = _large.Services;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _large.DisposeAsync();

    /// <summary>An office admin of the walk's city, signed in on the instance that treats every campaign as large.</summary>
    private Task<HttpClient> LargeAdminAsync(Walk walk) =>
        walk.UserAsync("rank-admin-" + Guid.NewGuid().ToString("N")[..8], "排名管理员", Roles.OfficeAdmin, walk.City, ScopeKind.Subtree, _large);

    /// <summary>The ranks worker (or another scheduled work) as the scheduler runs it, once.</summary>
    private async Task RunWorkerAsync(string name = RankRefresh.WorkName)
    {
        var work = app.Factory.Services.GetRequiredService<ScheduledWorkRunner>().Works.Single(w => w.Name == name);
        await using var scope = app.Factory.Services.CreateAsyncScope();
        await work.RunAsync(scope.ServiceProvider, app.Clock.GetUtcNow(), CancellationToken.None);
    }

    private static async Task<CampaignRankingView> RankingAsync(HttpClient client, Walk walk) =>
        await (await client.GetAsync($"/api/campaigns/{walk.CampaignId}/results/ranking")).ReadAsync<CampaignRankingView>();

    /// <summary>The ranking table, read on the large instance, equals the full results: totals, grades, ranks, vetoes, in order.</summary>
    private static async Task RankingEqualsTheWholeResultsAsync(HttpClient large, Walk walk)
    {
        var ranking = await RankingAsync(large, walk);
        var whole = await (await walk.Admin.GetAsync($"/api/campaigns/{walk.CampaignId}/results")).ReadAsync<CampaignResultView>();
        ranking.RanksRefreshing.ShouldBeFalse();
        ranking.Units.Select(u => (u.UnitId, u.Total, u.Grade, u.Rank, u.ClassRank, string.Join("、", u.Vetoes)))
            .ShouldBe(whole.Units.Select(u => (u.UnitId, u.Total, u.Grade, u.Rank, u.ClassRank, string.Join("、", u.Vetoes))));
    }

    private async Task<List<long>> RankDueAsync(long campaignId)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChengxinDbContext>();
        return await db.UnitResults.AsNoTracking().Where(r => r.CampaignId == campaignId && r.RankDue).OrderBy(r => r.UnitId).Select(r => r.UnitId).ToListAsync();
    }

    [Fact]
    public void Scheduler_RanksWorker_IsOneOfItsWorks() =>
        app.Factory.Services.GetRequiredService<ScheduledWorkRunner>().Works.ShouldContain(w => w.Name == RankRefresh.WorkName);

    [Fact]
    public async Task Ranking_LargeCampaignAfterASave_ShowsTheLastRanksAsRefreshingUntilTheWorkerRanksIt()
    {
        await using var walk = await StartAsync(app, "heihe-taskforce-monthly-2022");
        var mine = await walk.UnitAsync("本专班", "County", "县区政府", walk.City);
        var theirs = await walk.UnitAsync("他专班", "County", "县区政府", walk.City);
        await walk.OpenAsync("排名更新", "2022-09", [mine, theirs], walk.Now.AddHours(1), [walk.ReviewerId], new() { ["县区政府"] = "county" });
        await walk.SaveAsync(mine, Taskforce);
        await walk.SaveAsync(theirs, With(Taskforce, ("added_tasks", Rows("name", "新增任务", "approved", 3))));
        var large = await LargeAdminAsync(walk);
        await RunWorkerAsync();
        await RankingEqualsTheWholeResultsAsync(large, walk);
        (await RankingAsync(large, walk)).Units.Select(u => (u.UnitId, u.Rank)).ShouldBe([(theirs.Id, 1), (mine.Id, 2)]);

        // Mine overtakes theirs: once the result-refresh work has rewritten mine's row (ADR 0011), the table keeps the last ranks,
        // marked as being refreshed, and so does the dashboard.
        await walk.SaveAsync(mine, With(Taskforce, ("added_tasks", Rows("name", "新增任务", "approved", 5))));
        await RunWorkerAsync(StaleResultRefresh.WorkName);

        var refreshing = await RankingAsync(large, walk);
        refreshing.RanksRefreshing.ShouldBeTrue();
        refreshing.Units.Select(u => (u.UnitId, u.Rank)).ShouldBe([(theirs.Id, 1), (mine.Id, 2)]);
        refreshing.Units.Single(u => u.UnitId == mine.Id).Total.ShouldBeGreaterThan(refreshing.Units.Single(u => u.UnitId == theirs.Id).Total);
        var board = await (await large.GetAsync($"/api/dashboard/campaigns/{walk.CampaignId}")).ReadAsync<CampaignDashboardView>();
        board.RanksRefreshing.ShouldBeTrue();
        (await RankDueAsync(walk.CampaignId)).ShouldBe([mine.Id]);

        await RunWorkerAsync();

        (await RankDueAsync(walk.CampaignId)).ShouldBeEmpty();
        await RankingEqualsTheWholeResultsAsync(large, walk);
        (await RankingAsync(large, walk)).Units.Select(u => (u.UnitId, u.Rank)).ShouldBe([(mine.Id, 1), (theirs.Id, 2)]);
        board = await (await large.GetAsync($"/api/dashboard/campaigns/{walk.CampaignId}")).ReadAsync<CampaignDashboardView>();
        board.RanksRefreshing.ShouldBeFalse();
        board.Ranking.Select(r => (r.UnitId, r.Rank)).ShouldBe([(mine.Id, 1), (theirs.Id, 2)]);
    }

    [Fact]
    public async Task OneUnit_LargeCampaignAfterASave_IsRankedFinalAtOnce()
    {
        await using var walk = await StartAsync(app, "heihe-taskforce-monthly-2022");
        var mine = await walk.UnitAsync("本专班", "County", "县区政府", walk.City);
        var theirs = await walk.UnitAsync("他专班", "County", "县区政府", walk.City);
        await walk.OpenAsync("单位排名", "2022-09", [mine, theirs], walk.Now.AddHours(1), [walk.ReviewerId], new() { ["县区政府"] = "county" });
        await walk.SaveAsync(mine, Taskforce);
        await walk.SaveAsync(theirs, With(Taskforce, ("added_tasks", Rows("name", "新增任务", "approved", 3))));
        var large = await LargeAdminAsync(walk);
        await RunWorkerAsync();

        await walk.SaveAsync(mine, With(Taskforce, ("added_tasks", Rows("name", "新增任务", "approved", 5))));
        var one = await (await large.GetAsync($"/api/campaigns/{walk.CampaignId}/results/units/{mine.Id}")).ReadAsync<UnitResultView>();

        one.Rank.ShouldBe(1);
        (await RankDueAsync(walk.CampaignId)).ShouldBeEmpty();
        await RankingEqualsTheWholeResultsAsync(large, walk);
    }

    [Fact]
    public async Task Worker_RelativeItemsQuotasClassesTiesAVetoAndAStaleRow_RanksEqualTheWholeResults()
    {
        await using var walk = await StartAsync(app, RelativeScheme);
        var (_, _, south, _, _) = await RankWorlds.OpenTiedAsync(walk, "排名更新相对计分");
        var large = await LargeAdminAsync(walk);
        await RankingEqualsTheWholeResultsAsync(large, walk);
        var leader = (await RankingAsync(large, walk)).Units[0];

        // A veto on the leader, written as a save writes one row (its last ranks kept, marked due): shown as being refreshed.
        await UpdateRowAsync(app, walk.CampaignId, leader.UnitId, r => (r.VetoesJson, r.RankDue) = ("[\"发生重大失信事件\"]", true));
        var refreshing = await RankingAsync(large, walk);
        refreshing.RanksRefreshing.ShouldBeTrue();
        refreshing.Units[0].UnitId.ShouldBe(leader.UnitId);

        await RunWorkerAsync();

        await RankingEqualsTheWholeResultsAsync(large, walk);
        (await RankingAsync(large, walk)).Units[^1].UnitId.ShouldBe(leader.UnitId);

        // A row made stale past the save (as monitoring marks them): its total is wrong, so the read recomputes and ranks it itself.
        await UpdateRowAsync(app, walk.CampaignId, south.Id, r => (r.IsStale, r.Total, r.RankDue) = (true, 0m, true));
        await RankingEqualsTheWholeResultsAsync(large, walk);
        (await RankDueAsync(walk.CampaignId)).ShouldBeEmpty();
    }
}

[Collection(SqliteCollection.Name)]
public sealed class RankRefreshTestsOnSqlite(SqliteApp app) : RankRefreshTests(app);

[Collection(PostgresCollection.Name)]
public sealed class RankRefreshTestsOnPostgres(PostgresApp app) : RankRefreshTests(app);
