using System.Net;
using Chengxin.Server.Data;
using Chengxin.Server.Infrastructure;
using Chengxin.Server.Tests.Infrastructure;
using Chengxin.Server.Tests.Walkthroughs;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using static Chengxin.Server.Tests.Walkthroughs.RankWorlds;

namespace Chengxin.Server.Tests;

/// <summary>
/// The score sheet at a province's size (issue 19): the whole campaign's is written as it is read, a batch of units at a time from
/// the stored rows in rank order (a published campaign's from its snapshot, a unit at a time), and one unit's reads that unit alone.
/// A second instance on the same database reads two units per batch (<c>Chengxin:Exports:ScoreSheetBatchUnits</c> = 2), so that five
/// units, two of them tied, cross two batch boundaries. The sheets are compared with what the other paths say: the ranking export's
/// order (the whole view ranked in memory) and each unit's own sheet.
/// </summary>
public abstract class ScoreSheetExportTests(AppFixture app) : IAsyncLifetime
{
    private WebApplicationFactory<Program> _smallBatches = null!;

    public Task InitializeAsync()
    {
        _smallBatches = app.SecondInstance()
            .WithWebHostBuilder(b => b.UseSetting("Chengxin:Exports:ScoreSheetBatchUnits", "2"));
        _ = _smallBatches.Services;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _smallBatches.DisposeAsync();

    private sealed record World(Walk Walk, Member North1, Member North2, Member South, Member Trade, Member Tax, long NorthCounty);

    /// <summary>
    /// <see cref="RankWorlds.OpenTiedAsync"/>'s five units answered alike, two of the towns (east and west, tied) under a county of
    /// their own, so that a county's admin sees two of the five.
    /// </summary>
    private static async Task<World> OpenAsync(AppFixture app, string name)
    {
        var walk = await Walk.StartAsync(app, RelativeScheme);
        var county = await walk.UnitAsync("北县", "County", "县区政府", walk.City);
        var (east, west, south, trade, tax) = await RankWorlds.OpenTiedAsync(walk, name, county.Id);
        return new World(walk, east, west, south, trade, tax, county.Id);
    }

    /// <summary>A user of the walk's office signed in on the instance that reads two units per batch.</summary>
    private Task<HttpClient> OnSmallBatchesAsync(Walk walk, string role, long unitId) =>
        walk.UserAsync("sheet-" + Guid.NewGuid().ToString("N")[..8], "评分表导出", role, unitId, ScopeKind.Subtree, _smallBatches);

    private sealed record Book(string FileName, List<(string Name, IReadOnlyList<IReadOnlyList<string>> Rows)> Sheets);

    private static async Task<Book> BookAsync(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var all = Xlsx.ReadAll(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        return new Book(response.Content.Headers.ContentDisposition!.FileNameStar!, [.. all.Select(s => (s.Key, s.Value))]);
    }

    private static string Sheet(long campaignId, long? unitId = null) =>
        $"/api/exports/campaigns/{campaignId}/score-sheet" + (unitId is { } u ? $"?unitId={u}" : "");

    /// <summary>The units' names in the ranking export's order (the campaign's results read whole and ranked in memory).</summary>
    private static async Task<List<string>> RankingOrderAsync(HttpClient client, long campaignId)
    {
        var ranking = await BookAsync(await client.GetAsync($"/api/exports/campaigns/{campaignId}/ranking"));
        return [.. ranking.Sheets[0].Rows.Skip(1).Select(r => r[2])];
    }

    /// <summary>Every sheet of the whole campaign's workbook equals that unit's own score sheet, cell for cell.</summary>
    private static async Task EachSheetIsTheUnitsOwnAsync(HttpClient client, World w, Book whole)
    {
        var ids = new Dictionary<string, long>
        {
            [w.North1.Name] = w.North1.Id, [w.North2.Name] = w.North2.Id, [w.South.Name] = w.South.Id, [w.Trade.Name] = w.Trade.Id, [w.Tax.Name] = w.Tax.Id,
        };
        foreach (var (name, rows) in whole.Sheets)
        {
            var own = await BookAsync(await client.GetAsync(Sheet(w.Walk.CampaignId, ids[name])));
            own.Sheets.Single().Name.ShouldBe(name);
            own.Sheets.Single().Rows.ShouldBe(rows);
        }
    }

    private static IReadOnlyList<string> Row(IReadOnlyList<IReadOnlyList<string>> sheet, string label) => sheet.Single(r => r[0] == label);

    [Fact]
    public async Task ScoreSheet_WholeCampaignInBatchesOfTwo_HoldsEveryUnitOnceInRankOrderAsItsOwnSheetSays()
    {
        var w = await OpenAsync(app, "评分表分批");
        var small = await OnSmallBatchesAsync(w.Walk, Roles.OfficeAdmin, w.Walk.City);

        var batched = await BookAsync(await small.GetAsync(Sheet(w.Walk.CampaignId)));

        batched.FileName.ShouldBe("评分表分批-评分表.xlsx");
        // Five units in batches of two: the tied towns are ranked by unit id within their rank, and a boundary may fall between them.
        batched.Sheets.Select(s => s.Name).ShouldBe(await RankingOrderAsync(w.Walk.Admin, w.Walk.CampaignId));
        batched.Sheets.Count.ShouldBe(5);
        var whole = await BookAsync(await w.Walk.Admin.GetAsync(Sheet(w.Walk.CampaignId)));
        whole.Sheets.Select(s => s.Name).ShouldBe(batched.Sheets.Select(s => s.Name));
        for (var i = 0; i < whole.Sheets.Count; i++)
            batched.Sheets[i].Rows.ShouldBe(whole.Sheets[i].Rows);
        await EachSheetIsTheUnitsOwnAsync(w.Walk.Admin, w, batched);
        var ranks = batched.Sheets.Select(s => Row(s.Rows, "排名")[^2]).ToList();
        ranks[0].ShouldStartWith("总第1名");
        ranks[^1].ShouldStartWith("总第5名");
    }

    [Fact]
    public async Task ScoreSheet_CountyAdmin_HoldsOnlyTheCountysUnitsWithTheCampaignsRanks_AndNoOtherUnit()
    {
        var w = await OpenAsync(app, "评分表县级");
        var county = await OnSmallBatchesAsync(w.Walk, Roles.OfficeAdmin, w.NorthCounty);
        var all = await BookAsync(await w.Walk.Admin.GetAsync(Sheet(w.Walk.CampaignId)));

        var mine = await BookAsync(await county.GetAsync(Sheet(w.Walk.CampaignId)));

        mine.Sheets.Select(s => s.Name).ShouldBe(all.Sheets.Select(s => s.Name).Where(n => n is "东镇" or "西镇"));
        foreach (var (name, rows) in mine.Sheets)
            rows.ShouldBe(all.Sheets.Single(s => s.Name == name).Rows);
        await (await county.GetAsync(Sheet(w.Walk.CampaignId, w.South.Id))).ProblemAsync(HttpStatusCode.NotFound);
        (await BookAsync(await county.GetAsync(Sheet(w.Walk.CampaignId, w.North1.Id)))).Sheets.Single().Name.ShouldBe("东镇");
        // A county that holds none of the campaign's units has nothing to export.
        var empty = await w.Walk.UnitAsync("空县", "County", "县区政府", w.Walk.City);
        var outsider = await OnSmallBatchesAsync(w.Walk, Roles.OfficeAdmin, empty.Id);
        await (await outsider.GetAsync(Sheet(w.Walk.CampaignId))).ProblemAsync(HttpStatusCode.NotFound);
        await (await outsider.GetAsync(Sheet(w.Walk.CampaignId, w.North1.Id))).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ScoreSheet_StaleRow_IsRecomputedBeforeItIsWritten_NeverWrittenAsStored()
    {
        var w = await OpenAsync(app, "评分表过期");
        var small = await OnSmallBatchesAsync(w.Walk, Roles.OfficeAdmin, w.Walk.City);
        var before = await BookAsync(await small.GetAsync(Sheet(w.Walk.CampaignId)));
        var southTotal = Row(before.Sheets.Single(s => s.Name == "南镇").Rows, "总分")[^2];

        // A row marked stale whose stored total is wrong (as a save leaves it until the refresh has run): it is recomputed, not shown.
        await UpdateRowAsync(app, w.Walk.CampaignId, w.South.Id, r => (r.IsStale, r.Total, r.Base) = (true, 999m, 999m));
        var whole = await BookAsync(await small.GetAsync(Sheet(w.Walk.CampaignId)));
        await UpdateRowAsync(app, w.Walk.CampaignId, w.South.Id, r => (r.IsStale, r.Total, r.Base) = (true, 999m, 999m));
        var one = await BookAsync(await small.GetAsync(Sheet(w.Walk.CampaignId, w.South.Id)));

        Row(whole.Sheets.Single(s => s.Name == "南镇").Rows, "总分")[^2].ShouldBe(southTotal);
        Row(one.Sheets.Single().Rows, "总分")[^2].ShouldBe(southTotal);
        whole.Sheets.Select(s => s.Name).ShouldBe(before.Sheets.Select(s => s.Name));
        for (var i = 0; i < whole.Sheets.Count; i++)
            whole.Sheets[i].Rows.ShouldBe(before.Sheets[i].Rows);
    }

    [Fact]
    public async Task ScoreSheet_Published_IsTheSnapshotAsPublished_WholeAndPerUnit_EvenWhenTheLiveRowsMoved()
    {
        var w = await OpenAsync(app, "评分表发布");
        var leader = await OnSmallBatchesAsync(w.Walk, Roles.Leader, w.Walk.City);
        (await (await leader.GetAsync(Sheet(w.Walk.CampaignId))).ProblemAsync(HttpStatusCode.Forbidden)).GetProperty("detail").GetString()
            .ShouldBe("结果尚未发布：导出未发布的结果须信用办管理员权限。");
        await (await leader.GetAsync(Sheet(w.Walk.CampaignId, w.South.Id))).ProblemAsync(HttpStatusCode.Forbidden);
        await w.Walk.StartReviewAsync();
        var live = await BookAsync(await w.Walk.Admin.GetAsync(Sheet(w.Walk.CampaignId)));
        await w.Walk.PublishAsync();

        // The live row moves after publication (past every writer): the export is still what was published.
        await UpdateRowAsync(app, w.Walk.CampaignId, w.South.Id, r => (r.Total, r.Base) = (999m, 999m));
        var published = await BookAsync(await leader.GetAsync(Sheet(w.Walk.CampaignId)));
        var one = await BookAsync(await leader.GetAsync(Sheet(w.Walk.CampaignId, w.South.Id)));

        published.FileName.ShouldBe("评分表发布-评分表.xlsx");
        published.Sheets.Select(s => s.Name).ShouldBe(live.Sheets.Select(s => s.Name));
        for (var i = 0; i < live.Sheets.Count; i++)
            published.Sheets[i].Rows.ShouldBe(live.Sheets[i].Rows);
        one.FileName.ShouldBe("评分表发布-南镇-评分表.xlsx");
        one.Sheets.Single().Rows.ShouldBe(live.Sheets.Single(s => s.Name == "南镇").Rows);
        // The snapshot kept to a county's admin: its two units, and no other unit's sheet.
        var county = await OnSmallBatchesAsync(w.Walk, Roles.OfficeAdmin, w.NorthCounty);
        (await BookAsync(await county.GetAsync(Sheet(w.Walk.CampaignId)))).Sheets.Select(s => s.Name)
            .ShouldBe(live.Sheets.Select(s => s.Name).Where(n => n is "东镇" or "西镇"));
        await (await county.GetAsync(Sheet(w.Walk.CampaignId, w.South.Id))).ProblemAsync(HttpStatusCode.NotFound);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ScoreSheetExportTestsOnSqlite(SqliteApp app) : ScoreSheetExportTests(app);

[Collection(PostgresCollection.Name)]
public sealed class ScoreSheetExportTestsOnPostgres(PostgresApp app) : ScoreSheetExportTests(app);
