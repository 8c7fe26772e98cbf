using Chengxin.Server.Data;
using Chengxin.Server.Features.Results;
using Chengxin.Server.Tests.Infrastructure;
using Chengxin.Server.Tests.Walkthroughs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Chengxin.Server.Tests.Walkthroughs.RankWorlds;
using static Chengxin.Server.Tests.Walkthroughs.Walk;

namespace Chengxin.Server.Tests;

/// <summary>
/// Ranks are stored with the result rows (issue 19, V019) and read from there by the ranking table and one unit's result. After
/// every kind of change — a save on a scheme that compares units (relative items, grade quotas, two classes, a tie) and on one
/// that does not, a row made stale past the save, a veto — what the ranking table answers equals what the old computation
/// makes of the rows (the full results rank every row on read), and the ranks stored afterwards are those same ranks.
/// </summary>
public abstract class StoredRankTests(AppFixture app)
{
    /// <summary>
    /// The ranking table equals the full results (which rank every row on read, as every read did before the ranks were stored):
    /// totals, grades, ranks overall and in the class, vetoes, in the same order.
    /// </summary>
    private static async Task RankingEqualsTheWholeResultsAsync(Walk walk)
    {
        var ranking = await (await walk.Admin.GetAsync($"/api/campaigns/{walk.CampaignId}/results/ranking")).ReadAsync<CampaignRankingView>();
        var whole = await (await walk.Admin.GetAsync($"/api/campaigns/{walk.CampaignId}/results")).ReadAsync<CampaignResultView>();
        ranking.Units.Select(u => (u.UnitId, u.Total, u.Grade, u.Rank, u.ClassRank, string.Join("、", u.Vetoes)))
            .ShouldBe(whole.Units.Select(u => (u.UnitId, u.Total, u.Grade, u.Rank, u.ClassRank, string.Join("、", u.Vetoes))));
        ranking.UnitCount.ShouldBe(whole.UnitCount);
        foreach (var unit in whole.Units)
        {
            var one = await (await walk.Admin.GetAsync($"/api/campaigns/{walk.CampaignId}/results/units/{unit.UnitId}")).ReadAsync<UnitResultView>();
            (one.Rank, one.ClassRank, one.Total, one.Grade).ShouldBe((unit.Rank, unit.ClassRank, unit.Total, unit.Grade));
        }
    }

    /// <summary>The campaign's stored rows: each one's stored ranks, and the ranks the old computation makes of all of them.</summary>
    private async Task<List<(long UnitId, int? Rank, int? ClassRank, int Overall, int InClass)>> StoredRanksAsync(long campaignId)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChengxinDbContext>();
        var rows = await db.UnitResults.AsNoTracking().Where(r => r.CampaignId == campaignId).OrderBy(r => r.UnitId).ToListAsync();
        var (_, overall, byClass) = StoredResults.Ranks(rows);
        return [.. rows.Select((r, i) => (r.UnitId, r.Rank, r.ClassRank, overall[i], byClass[i]))];
    }

    private async Task<List<long>> RankDueAsync(long campaignId)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChengxinDbContext>();
        return await db.UnitResults.AsNoTracking().Where(r => r.CampaignId == campaignId && r.RankDue).OrderBy(r => r.UnitId).Select(r => r.UnitId).ToListAsync();
    }

    private async Task<List<long>> StaleAsync(long campaignId)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChengxinDbContext>();
        return await db.UnitResults.AsNoTracking().Where(r => r.CampaignId == campaignId && r.IsStale).OrderBy(r => r.UnitId).Select(r => r.UnitId).ToListAsync();
    }

    [Fact]
    public async Task Ranking_RelativeItemsQuotasClassesAndATie_EqualsTheRanksOfTheWholeResults()
    {
        await using var walk = await StartAsync(app, RelativeScheme);
        var (east, west, _, _, _) = await RankWorlds.OpenTiedAsync(walk, "相对计分排名");

        await RankingEqualsTheWholeResultsAsync(walk);

        var stored = await StoredRanksAsync(walk.CampaignId);
        stored.Select(s => (s.UnitId, s.Rank, s.ClassRank)).ShouldBe(stored.Select(s => (s.UnitId, (int?)s.Overall, (int?)s.InClass)));
        var tied = stored.Where(s => s.UnitId == east.Id || s.UnitId == west.Id).ToList();
        tied[0].Rank.ShouldBe(tied[1].Rank);
        stored.Count(s => s.ClassRank == 1).ShouldBeGreaterThanOrEqualTo(2, "each class has its first");
    }

    [Fact]
    public async Task Refresh_OneUnitSavedOnASchemeThatComparesUnits_StoresTheWholeCampaignRanked()
    {
        await using var walk = await StartAsync(app, RelativeScheme);
        var east = await walk.UnitAsync("东镇", "Town", "乡镇");
        var west = await walk.UnitAsync("西镇", "Town", "乡镇");
        var trade = await walk.UnitAsync("商务局", "Department", "县直单位");
        await walk.OpenAsync("相对计分保存", "2026", [east, west, trade], walk.Now.AddDays(3), [walk.ReviewerId],
            new() { ["乡镇"] = "town", ["县直单位"] = "dept" });
        await walk.SaveAsync(east, Town(4, 5, 1));
        await walk.SaveAsync(trade, Department(4, true, 2));
        await walk.ResultsAsync();

        // West's articles move east's and the department's bonus by rank: the save marks west's row stale, and the refresh scores
        // the campaign whole and ranks it (ADR 0011).
        await walk.SaveAsync(west, Town(1, 2, 9));
        (await StaleAsync(walk.CampaignId)).ShouldBe([west.Id]);
        (await StaleResultRefresh.RefreshBatchAsync(app.Factory.Services.GetRequiredService<IServiceScopeFactory>(), walk.CampaignId,
            app.Clock.GetUtcNow().UtcDateTime, 200, null, CancellationToken.None)).ShouldBe((3, false));

        (await StaleAsync(walk.CampaignId)).ShouldBeEmpty();
        var stored = await StoredRanksAsync(walk.CampaignId);
        stored.Count.ShouldBe(3);
        stored.Select(s => (s.UnitId, s.Rank, s.ClassRank)).ShouldBe(stored.Select(s => (s.UnitId, (int?)s.Overall, (int?)s.InClass)));
        await RankingEqualsTheWholeResultsAsync(walk);
    }

    [Fact]
    public async Task Refresh_OneUnitSavedOnASchemeThatComparesNoUnits_RewritesThatUnitsRowAlone()
    {
        await using var walk = await StartAsync(app, "heihe-taskforce-monthly-2022");
        var mine = await walk.UnitAsync("本专班", "County", "县区政府", walk.City);
        var theirs = await walk.UnitAsync("他专班", "County", "县区政府", walk.City);
        await walk.OpenAsync("单位保存", "2022-09", [mine, theirs], walk.Now.AddHours(1), [walk.ReviewerId], new() { ["县区政府"] = "county" });
        await walk.SaveAsync(mine, Taskforce);
        await walk.SaveAsync(theirs, Walk.With(Taskforce, ("added_tasks", Rows("name", "新增任务", "approved", 3))));
        await RankingEqualsTheWholeResultsAsync(walk);
        (await StoredRanksAsync(walk.CampaignId)).ShouldAllBe(s => s.Rank != null);

        // Mine overtakes theirs: the save marks mine's row stale (ADR 0011), and the refresh rewrites only mine's row (its last rank
        // kept, marked due); theirs keeps the rank it was stored with.
        await walk.SaveAsync(mine, Walk.With(Taskforce, ("added_tasks", Rows("name", "新增任务", "approved", 5))));
        (await StaleAsync(walk.CampaignId)).ShouldBe([mine.Id]);
        (await StaleResultRefresh.RefreshBatchAsync(app.Factory.Services.GetRequiredService<IServiceScopeFactory>(), walk.CampaignId,
            app.Clock.GetUtcNow().UtcDateTime, 200, null, CancellationToken.None)).ShouldBe((1, false));

        var afterSave = (await StoredRanksAsync(walk.CampaignId)).ToDictionary(s => s.UnitId);
        afterSave[mine.Id].Rank.ShouldBe(2);
        (await RankDueAsync(walk.CampaignId)).ShouldBe([mine.Id]);
        afterSave[theirs.Id].Rank.ShouldBe(1);
        afterSave[theirs.Id].Overall.ShouldBe(2);
        await RankingEqualsTheWholeResultsAsync(walk);
        var reRanked = (await StoredRanksAsync(walk.CampaignId)).ToDictionary(s => s.UnitId);
        (reRanked[mine.Id].Rank, reRanked[theirs.Id].Rank).ShouldBe((1, 2));
        (await RankDueAsync(walk.CampaignId)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Ranking_RowMadeStaleOrVetoed_IsRankedAgainAndEqualsTheWholeResults()
    {
        await using var walk = await StartAsync(app, "heihe-taskforce-monthly-2022");
        var mine = await walk.UnitAsync("本专班", "County", "县区政府", walk.City);
        var theirs = await walk.UnitAsync("他专班", "County", "县区政府", walk.City);
        var third = await walk.UnitAsync("三专班", "County", "县区政府", walk.City);
        await walk.OpenAsync("过期与否决", "2022-09", [mine, theirs, third], walk.Now.AddHours(1), [walk.ReviewerId], new() { ["县区政府"] = "county" });
        await walk.SaveAsync(mine, Walk.With(Taskforce, ("added_tasks", Rows("name", "新增任务", "approved", 5))));
        await walk.SaveAsync(theirs, Taskforce);
        await walk.SaveAsync(third, Taskforce);
        await RankingEqualsTheWholeResultsAsync(walk);

        // A row marked stale past the save (as monitoring marks them): the read recomputes it and ranks the campaign again.
        await UpdateRowAsync(app, walk.CampaignId, theirs.Id, r => (r.IsStale, r.Total) = (true, 0m));
        await RankingEqualsTheWholeResultsAsync(walk);
        (await StoredRanksAsync(walk.CampaignId)).Single(s => s.UnitId == theirs.Id).Rank.ShouldBe(2);

        // A veto puts the leader last, whatever its total (a row written with a veto, its rank due).
        await UpdateRowAsync(app, walk.CampaignId, mine.Id, r => (r.VetoesJson, r.Rank, r.ClassRank) = ("[\"发生重大失信事件\"]", null, null));
        var ranking = await (await walk.Admin.GetAsync($"/api/campaigns/{walk.CampaignId}/results/ranking")).ReadAsync<CampaignRankingView>();
        ranking.Units.Select(u => (u.UnitId, u.Rank)).ShouldBe([(theirs.Id, 1), (third.Id, 1), (mine.Id, 3)]);
        ranking.Units[2].Vetoes.ShouldBe(["发生重大失信事件"]);
        var stored = await StoredRanksAsync(walk.CampaignId);
        stored.Select(s => (s.UnitId, s.Rank, s.ClassRank)).ShouldBe(stored.Select(s => (s.UnitId, (int?)s.Overall, (int?)s.InClass)));
        await RankingEqualsTheWholeResultsAsync(walk);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class StoredRankTestsOnSqlite(SqliteApp app) : StoredRankTests(app);

[Collection(PostgresCollection.Name)]
public sealed class StoredRankTestsOnPostgres(PostgresApp app) : StoredRankTests(app);
