using System.Globalization;
using System.Text.Json;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Results;
using Chengxin.Server.Infrastructure;
using Chengxin.Server.Infrastructure.Scheduling;
using Chengxin.Server.Tests.Infrastructure;
using Chengxin.Server.Tests.Walkthroughs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Chengxin.Server.Tests.Walkthroughs.RankWorlds;
using static Chengxin.Server.Tests.Walkthroughs.Walk;

namespace Chengxin.Server.Tests;

/// <summary>
/// The stored-result refresh out of the write (issue 19, ADR 0011): a save of facts only marks its units' rows stale; a read
/// recomputes what is stale, and so does the result-refresh work a few seconds later, a campaign's writes in one batch. Whichever
/// recomputes, the stored rows then equal a computation of the whole campaign made afresh; a batch a write overtook stores nothing.
/// </summary>
public abstract class StaleResultRefreshTests(AppFixture app) : IAsyncLifetime
{
    private ChengxinFactory _second = null!;

    public Task InitializeAsync()
    {
        _second = app.SecondInstance();
        _ = _second.Services;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _second.DisposeAsync();

    /// <summary>What a row holds, without when it was computed: two rows with equal figures and words compare equal.</summary>
    private static string Figures(UnitResultRow r) => JsonSerializer.Serialize(new
    {
        r.UnitId, r.SchemeVersionId, r.SchemeClass, Base = r.Base.ToString(CultureInfo.InvariantCulture), Bonus = r.Bonus.ToString(CultureInfo.InvariantCulture),
        Total = r.Total.ToString(CultureInfo.InvariantCulture), r.Grade, r.VetoesJson, Self = r.SelfTotal.ToString(CultureInfo.InvariantCulture),
        ReviewedOnly = r.ReviewedOnlyTotal?.ToString(CultureInfo.InvariantCulture), r.IsLate, r.Explanation, r.ItemsJson, r.TieBreakJson,
        Composite = r.Composite?.ToString(CultureInfo.InvariantCulture), r.CompositeNote, r.PeriodSourcesJson, r.CategoryScoresJson,
    });

    private async Task<Dictionary<long, UnitResultRow>> StoredAsync(long campaignId)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ChengxinDbContext>().UnitResults.AsNoTracking()
            .Where(r => r.CampaignId == campaignId).ToDictionaryAsync(r => r.UnitId);
    }

    /// <summary>The campaign's rows as a computation of the whole campaign makes them now, stored nowhere.</summary>
    private async Task<Dictionary<long, UnitResultRow>> FullRecomputeAsync(long campaignId)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChengxinDbContext>();
        var campaign = await db.Campaigns.IgnoreQueryFilters().AsNoTracking().Include(c => c.Units).FirstAsync(c => c.Id == campaignId);
        return (await StoredResults.ComputeAsync(db, scope.ServiceProvider.GetRequiredService<SchemeVersions>(), app.Clock.GetUtcNow().UtcDateTime,
            campaign, null, default)).ToDictionary(r => r.UnitId);
    }

    /// <summary>Every stored row of the campaign is fresh and equals a full recompute; answers the rows.</summary>
    private async Task<Dictionary<long, UnitResultRow>> StoredEqualsAFullRecomputeAsync(long campaignId)
    {
        var stored = await StoredAsync(campaignId);
        var fresh = await FullRecomputeAsync(campaignId);
        stored.Values.Where(r => r.IsStale).Select(r => r.UnitId).ShouldBeEmpty("no row is left stale");
        stored.Keys.Order().ShouldBe(fresh.Keys.Order());
        foreach (var row in stored.Values)
            Figures(row).ShouldBe(Figures(fresh[row.UnitId]), $"unit {row.UnitId}'s stored result equals a full recompute");
        return stored;
    }

    private async Task<List<long>> StaleUnitsAsync(long campaignId) =>
        [.. (await StoredAsync(campaignId)).Values.Where(r => r.IsStale).Select(r => r.UnitId).Order()];

    /// <summary>The result-refresh work as the scheduler runs it, once.</summary>
    private async Task RunWorkAsync()
    {
        var work = app.Factory.Services.GetRequiredService<ScheduledWorkRunner>().Works.Single(w => w.Name == StaleResultRefresh.WorkName);
        await using var scope = app.Factory.Services.CreateAsyncScope();
        await work.RunAsync(scope.ServiceProvider, app.Clock.GetUtcNow(), CancellationToken.None);
    }

    private Task<(int Scored, bool More)> BatchAsync(long campaignId, int batchUnits, Func<CancellationToken, Task>? beforeStore = null) =>
        StaleResultRefresh.RefreshBatchAsync(app.Factory.Services.GetRequiredService<IServiceScopeFactory>(), campaignId,
            app.Clock.GetUtcNow().UtcDateTime, batchUnits, beforeStore, CancellationToken.None);

    /// <summary>Seed 003's task force campaign (scored unit by unit) of three units, answered and read once, so every row is stored fresh.</summary>
    private async Task<(Walk Walk, Member[] Units)> TaskforceAsync(string name)
    {
        var walk = await StartAsync(app, "heihe-taskforce-monthly-2022");
        Member[] units =
        [
            await walk.UnitAsync(name + "甲", "County", "县区政府", walk.City),
            await walk.UnitAsync(name + "乙", "County", "县区政府", walk.City),
            await walk.UnitAsync(name + "丙", "County", "县区政府", walk.City),
        ];
        await walk.OpenAsync(name, "2022-09", units, walk.Now.AddHours(1), [walk.ReviewerId], new() { ["县区政府"] = "county" });
        foreach (var unit in units)
            await walk.SaveAsync(unit, Taskforce);
        await walk.ResultsAsync();
        (await StaleUnitsAsync(walk.CampaignId)).ShouldBeEmpty();
        return (walk, units);
    }

    private static (string Key, object Value)[] MoreTasks(int count) => With(Taskforce, ("added_tasks", Rows("name", "新增任务", "approved", count)));

    [Fact]
    public void Scheduler_ResultRefresh_IsOneOfItsWorksEveryFewSeconds()
    {
        var work = app.Factory.Services.GetRequiredService<ScheduledWorkRunner>().Works.Single(w => w.Name == StaleResultRefresh.WorkName);
        work.Every.ShouldBe(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Save_LeavesTheRowStale_AndTheNextReadAnswersAFullRecompute()
    {
        var (walk, units) = await TaskforceAsync("只标记");
        await using var _ = walk;
        var before = (await StoredAsync(walk.CampaignId))[units[0].Id];

        await walk.SaveAsync(units[0], MoreTasks(4));

        var marked = (await StoredAsync(walk.CampaignId))[units[0].Id];
        marked.IsStale.ShouldBeTrue();
        marked.StaleMark.ShouldBeGreaterThan(before.StaleMark);
        Figures(marked).ShouldBe(Figures(before), "the save scored nothing");
        var read = await walk.ResultsAsync();
        var fresh = await FullRecomputeAsync(walk.CampaignId);
        read.Units.Select(u => (u.UnitId, u.Total, u.Grade)).OrderBy(u => u.UnitId)
            .ShouldBe(fresh.Values.Select(r => (r.UnitId, r.Total, r.Grade)).OrderBy(u => u.UnitId));
        read.Of(units[0]).Total.ShouldBeGreaterThan(read.Of(units[1]).Total);
        await StoredEqualsAFullRecomputeAsync(walk.CampaignId);
    }

    [Fact]
    public async Task Work_StaleRowsOfACampaignScoredUnitByUnit_ClearsThemAndEqualsAFullRecompute()
    {
        var (walk, units) = await TaskforceAsync("结果更新");
        await using var _ = walk;
        await walk.SaveAsync(units[0], MoreTasks(4));
        await walk.SaveAsync(units[2], MoreTasks(2));
        await walk.SaveAsync(units[2], MoreTasks(3));
        (await StaleUnitsAsync(walk.CampaignId)).ShouldBe([units[0].Id, units[2].Id]);

        await RunWorkAsync();

        var stored = await StoredEqualsAFullRecomputeAsync(walk.CampaignId);
        stored[units[0].Id].RankDue.ShouldBeTrue("rows written alone leave the ranks to the ranks worker");
        (await walk.ResultsAsync()).Of(units[0]).Rank.ShouldBe(1);
    }

    [Fact]
    public async Task Batch_MoreStaleUnitsThanABatch_TakesThemInUnitOrderAndSaysMoreAreLeft()
    {
        var (walk, units) = await TaskforceAsync("分批更新");
        await using var _ = walk;
        foreach (var unit in units)
            await walk.SaveAsync(unit, MoreTasks(2));

        (await BatchAsync(walk.CampaignId, 2)).ShouldBe((2, true));
        (await StaleUnitsAsync(walk.CampaignId)).ShouldBe([units.Max(u => u.Id)]);
        (await BatchAsync(walk.CampaignId, 2)).ShouldBe((1, false));
        (await BatchAsync(walk.CampaignId, 2)).ShouldBe((0, false));
        await StoredEqualsAFullRecomputeAsync(walk.CampaignId);
    }

    [Fact]
    public async Task Work_RelativeItemsQuotaClassesAndATie_ScoresTheCampaignOnceForAllItsWritesAndEqualsAFullRecompute()
    {
        await using var walk = await StartAsync(app, RelativeScheme);
        var (east, west, south, _, tax) = await OpenTiedAsync(walk, "相对计分结果更新");
        await walk.ResultsAsync();
        (await StaleUnitsAsync(walk.CampaignId)).ShouldBeEmpty();

        // South leads the articles no longer, tax overtakes it; east and west stay tied.
        await walk.SaveAsync(south, Town(2, 3, 1));
        await walk.SaveAsync(tax, Department(3, false, 12));
        await walk.SaveAsync(tax, Department(4, false, 12));
        (await StaleUnitsAsync(walk.CampaignId)).ShouldBe([south.Id, tax.Id]);

        (await BatchAsync(walk.CampaignId, 200)).ShouldBe((5, false), "one scoring of the five units for three writes");

        var stored = await StoredEqualsAFullRecomputeAsync(walk.CampaignId);
        stored.Values.ShouldAllBe(r => !r.RankDue && r.Rank != null, "a campaign scored whole is ranked with its rows");
        stored[east.Id].Total.ShouldBe(stored[west.Id].Total);
        var results = await walk.ResultsAsync();
        results.Units.Select(u => (u.UnitId, u.Total, u.Grade, u.Rank, u.ClassRank))
            .ShouldBe(results.Units.Select(u => (u.UnitId, stored[u.UnitId].Total, stored[u.UnitId].Grade, (int)stored[u.UnitId].Rank!,
                (int)stored[u.UnitId].ClassRank!)));
    }

    [Fact]
    public async Task Batch_AWriteLandsWhileItIsComputed_StoresNoneOfItAndTheNextRunStoresTheNewFacts()
    {
        var (walk, units) = await TaskforceAsync("写入抢先");
        await using var _ = walk;
        await walk.SaveAsync(units[0], MoreTasks(2));
        await walk.SaveAsync(units[1], MoreTasks(3));
        var before = await StoredAsync(walk.CampaignId);

        await Should.ThrowAsync<DbUpdateConcurrencyException>(() => BatchAsync(walk.CampaignId, 200,
            async _ => await walk.SaveAsync(units[1], MoreTasks(6))));

        var after = await StoredAsync(walk.CampaignId);
        (await StaleUnitsAsync(walk.CampaignId)).ShouldBe([units[0].Id, units[1].Id], "the batch stored neither row");
        foreach (var unit in units)
            Figures(after[unit.Id]).ShouldBe(Figures(before[unit.Id]));
        await RunWorkAsync();
        var stored = await StoredEqualsAFullRecomputeAsync(walk.CampaignId);
        stored[units[1].Id].Total.ShouldBeGreaterThan(stored[units[0].Id].Total, "the write that overtook the batch counts");
    }

    [Fact]
    public async Task Read_AWriteLandsWhileItComputesAUnitNeverComputed_StoresNothingOverTheWrite()
    {
        await using var walk = await StartAsync(app, "heihe-taskforce-monthly-2022");
        Member[] units =
        [
            await walk.UnitAsync("无行甲", "County", "县区政府", walk.City),
            await walk.UnitAsync("无行乙", "County", "县区政府", walk.City),
        ];
        await walk.OpenAsync("无行", "2022-09", units, walk.Now.AddHours(1), [walk.ReviewerId], new() { ["县区政府"] = "county" });
        // Opening the campaign holds a stale row for every member, which no reader shows before computing it: a read that computes
        // a unit never computed has a mark to be refused by, as for any other row.
        (await StaleUnitsAsync(walk.CampaignId)).ShouldBe(units.Select(u => u.Id).Order());
        await walk.SaveAsync(units[0], Taskforce);

        // A read computes the second unit's row from its facts before the write below, and stores it after.
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ChengxinDbContext>();
            var campaign = await db.Campaigns.IgnoreQueryFilters().AsNoTracking().Include(c => c.Units).FirstAsync(c => c.Id == walk.CampaignId);
            scope.ServiceProvider.GetRequiredService<AccessScope>().SetSystemOffice(campaign.TenantId, "测试");
            await Should.ThrowAsync<DbUpdateConcurrencyException>(() => StoredResults.RecomputeAsync(db, scope.ServiceProvider.GetRequiredService<SchemeVersions>(),
                app.Clock.GetUtcNow().UtcDateTime, campaign, new HashSet<long> { units[1].Id }, async _ => await walk.SaveAsync(units[1], MoreTasks(5)), default));
        }

        (await StaleUnitsAsync(walk.CampaignId)).ShouldBe([units[0].Id, units[1].Id], "the read's row from before the write was not stored");
        await RunWorkAsync();
        var stored = await StoredEqualsAFullRecomputeAsync(walk.CampaignId);
        stored[units[1].Id].Total.ShouldBeGreaterThan(stored[units[0].Id].Total, "the write the read overlooked counts");
    }

    [Fact]
    public async Task Batch_AWriteLandsWhileACampaignThatComparesUnitsIsComputed_StoresNoRowAtAll()
    {
        await using var walk = await StartAsync(app, RelativeScheme);
        var (_, _, south, trade, _) = await OpenTiedAsync(walk, "相对计分写入抢先");
        await walk.ResultsAsync();
        await walk.SaveAsync(south, Town(2, 3, 1));
        var before = await StoredAsync(walk.CampaignId);

        await Should.ThrowAsync<DbUpdateConcurrencyException>(() => BatchAsync(walk.CampaignId, 200,
            async _ => await walk.SaveAsync(trade, Department(4, true, 20))));

        var after = await StoredAsync(walk.CampaignId);
        foreach (var (unitId, row) in before)
            Figures(after[unitId]).ShouldBe(Figures(row), "no row of the campaign was written");
        (await StaleUnitsAsync(walk.CampaignId)).ShouldBe(new[] { south.Id, trade.Id }.Order());
        await RunWorkAsync();
        await StoredEqualsAFullRecomputeAsync(walk.CampaignId);
    }

    [Fact]
    public async Task RunDue_TwoInstancesAtOnce_RunTheResultRefreshSlotOnce()
    {
        var first = app.Factory.Services.GetRequiredService<ScheduledWorkRunner>();
        var second = _second.Services.GetRequiredService<ScheduledWorkRunner>();
        var work = first.Works.Single(w => w.Name == StaleResultRefresh.WorkName);

        for (var slot = 0; slot < 2; slot++)
        {
            // Into a slot no earlier test has claimed.
            app.Clock.Advance(work.Every);
            var ran = await Task.WhenAll(first.RunDueAsync(CancellationToken.None), second.RunDueAsync(CancellationToken.None));
            ran.SelectMany(r => r).Count(name => name == work.Name).ShouldBe(1);
            (await first.RunDueAsync(CancellationToken.None)).ShouldNotContain(work.Name);
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class StaleResultRefreshTestsOnSqlite(SqliteApp app) : StaleResultRefreshTests(app);

[Collection(PostgresCollection.Name)]
public sealed class StaleResultRefreshTestsOnPostgres(PostgresApp app) : StaleResultRefreshTests(app);
