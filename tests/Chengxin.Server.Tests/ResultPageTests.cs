using System.Net;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Results;
using Chengxin.Server.Infrastructure;
using Chengxin.Server.Tests.Infrastructure;
using Chengxin.Server.Tests.Walkthroughs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Chengxin.Server.Tests.Walkthroughs.RankWorlds;
using static Chengxin.Server.Tests.Walkthroughs.Walk;

namespace Chengxin.Server.Tests;

/// <summary>
/// The results page a page at a time (issue 19): the ranking table and the full results answer one page of the caller's units
/// in the campaign's rank order, with the class and name filters the page offers and the counts of its pager and tabs. The pages
/// join into the whole table, a subtree's admin reads its own units with the ranks of the whole campaign, and a stale row is
/// recomputed before its page is served. The world: three towns and two departments on a scheme that compares units, two tied.
/// </summary>
public abstract class ResultPageTests(AppFixture app)
{
    private static async Task<CampaignRankingView> RankingAsync(HttpClient client, long campaignId, string query = "") =>
        await (await client.GetAsync($"/api/campaigns/{campaignId}/results/ranking{query}")).ReadAsync<CampaignRankingView>();

    private static async Task<CampaignResultView> FullAsync(HttpClient client, long campaignId, string query = "") =>
        await (await client.GetAsync($"/api/campaigns/{campaignId}/results{query}")).ReadAsync<CampaignResultView>();

    [Fact]
    public async Task Ranking_PagesOfTwo_JoinIntoTheWholeTableInRankOrder()
    {
        await using var walk = await StartAsync(app, RelativeScheme);
        await OpenTiedAsync(walk, "分页的排名表");
        var whole = await RankingAsync(walk.Admin, walk.CampaignId);

        var pages = new List<UnitRankingView>();
        for (var offset = 0; offset < 5; offset += 2)
        {
            var page = await RankingAsync(walk.Admin, walk.CampaignId, $"?offset={offset}&limit=2");
            (page.Total, page.Offset, page.Limit, page.Units.Count).ShouldBe((5, offset, 2, Math.Min(2, 5 - offset)));
            pages.AddRange(page.Units);
        }

        (whole.Total, whole.Offset, whole.Limit, whole.Units.Count).ShouldBe((5, 0, ResultPages.DefaultLimit, 5));
        pages.Select(u => (u.UnitId, u.Rank, u.ClassRank, u.Total)).ShouldBe(whole.Units.Select(u => (u.UnitId, u.Rank, u.ClassRank, u.Total)));
        whole.Units.Select(u => u.Rank).ShouldBeInOrder();
    }

    [Fact]
    public async Task Ranking_OneClass_AnswersThatClassInClassRankOrderAndCountsEveryClass()
    {
        await using var walk = await StartAsync(app, RelativeScheme);
        await OpenTiedAsync(walk, "按类别的排名表");
        var whole = await RankingAsync(walk.Admin, walk.CampaignId);

        var towns = await RankingAsync(walk.Admin, walk.CampaignId, "?schemeClass=town");

        towns.Total.ShouldBe(3);
        towns.Units.Select(u => u.UnitId).ShouldBe(whole.Units.Where(u => u.SchemeClass == "town").Select(u => u.UnitId));
        towns.Units.Select(u => u.ClassRank).ShouldBeInOrder();
        towns.Classes.Select(c => (c.Id, c.Count)).ShouldBe([("town", 3), ("dept", 2)], ignoreOrder: true);
        towns.Classes.ShouldAllBe(c => c.Name != c.Id, "a tab reads the scheme's name of its class");
        (await RankingAsync(walk.Admin, walk.CampaignId, "?schemeClass=none")).Units.ShouldBeEmpty();
    }

    [Fact]
    public async Task Ranking_NameSearch_KeepsTheUnitsWhoseNameHoldsIt()
    {
        await using var walk = await StartAsync(app, RelativeScheme);
        var units = await OpenTiedAsync(walk, "按名称查找的排名表");
        var whole = await RankingAsync(walk.Admin, walk.CampaignId);

        var found = await RankingAsync(walk.Admin, walk.CampaignId, "?q=" + Uri.EscapeDataString("镇"));
        var one = await RankingAsync(walk.Admin, walk.CampaignId, "?q=" + Uri.EscapeDataString("税务"));

        found.Total.ShouldBe(3);
        found.Units.Select(u => u.UnitId).ShouldBe(whole.Units.Where(u => u.Name.Contains('镇')).Select(u => u.UnitId));
        one.Units.Select(u => (u.UnitId, u.Rank)).ShouldBe(whole.Units.Where(u => u.UnitId == units.Tax.Id).Select(u => (u.UnitId, u.Rank)));
        one.Classes.Sum(c => c.Count).ShouldBe(5, "the tabs count the caller's units whatever the search");
    }

    [Fact]
    public async Task Results_APage_IsThatSliceOfTheRankingWithEachUnitsItems()
    {
        await using var walk = await StartAsync(app, RelativeScheme);
        await OpenTiedAsync(walk, "分页的完整结果");
        var ranking = await RankingAsync(walk.Admin, walk.CampaignId);

        var page = await FullAsync(walk.Admin, walk.CampaignId, "?offset=1&limit=2");

        page.UnitCount.ShouldBe(5);
        page.Units.Select(u => (u.UnitId, u.Total, u.Grade, u.Rank, u.ClassRank))
            .ShouldBe(ranking.Units.Skip(1).Take(2).Select(u => (u.UnitId, u.Total, u.Grade, u.Rank, u.ClassRank)));
        foreach (var unit in page.Units)
        {
            var one = await (await walk.Admin.GetAsync($"/api/campaigns/{walk.CampaignId}/results/units/{unit.UnitId}")).ReadAsync<UnitResultView>();
            unit.Items.Select(i => (i.ItemId, i.Score, i.SelfScore, i.Explanation)).ShouldBe(one.Items.Select(i => (i.ItemId, i.Score, i.SelfScore, i.Explanation)));
            unit.Explanation.ShouldBe(one.Explanation);
        }
        (await FullAsync(walk.Admin, walk.CampaignId, "?schemeClass=dept")).Units.ShouldAllBe(u => u.SchemeClass == "dept");
    }

    [Fact]
    public async Task Results_AStaleRow_IsRecomputedBeforeItsPageIsServed()
    {
        await using var walk = await StartAsync(app, RelativeScheme);
        var units = await OpenTiedAsync(walk, "过期行的完整结果");
        var before = (await FullAsync(walk.Admin, walk.CampaignId)).Units.Single(u => u.UnitId == units.South.Id);
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            // What a write leaves when its refresh is left to the read, with a total that the read must not show.
            var db = scope.ServiceProvider.GetRequiredService<ChengxinDbContext>();
            var row = await db.UnitResults.FirstAsync(r => r.CampaignId == walk.CampaignId && r.UnitId == units.South.Id);
            (row.IsStale, row.Total, row.Rank) = (true, 0m, 1);
            await db.SaveChangesAsync();
        }

        var after = (await FullAsync(walk.Admin, walk.CampaignId, "?q=" + Uri.EscapeDataString("南镇"))).Units.ShouldHaveSingleItem();

        (after.Total, after.Rank, after.ClassRank, after.Grade).ShouldBe((before.Total, before.Rank, before.ClassRank, before.Grade));
    }

    [Fact]
    public async Task Results_ASubtreesAdmin_ReadsOnlyItsUnitsWithTheWholeCampaignsRanks()
    {
        await using var walk = await StartAsync(app, RelativeScheme);
        var units = await OpenTiedAsync(walk, "下级管理员的结果");
        var whole = await RankingAsync(walk.Admin, walk.CampaignId);
        var townAdmin = await walk.UserAsync("walk-south-admin-" + Guid.NewGuid().ToString("N")[..8], "南镇管理员", Roles.OfficeAdmin, units.South.Id,
            ScopeKind.Subtree);

        var full = await FullAsync(townAdmin, walk.CampaignId);
        var ranking = await RankingAsync(townAdmin, walk.CampaignId);

        var south = whole.Units.Single(u => u.UnitId == units.South.Id);
        full.Units.Select(u => (u.UnitId, u.Rank, u.ClassRank)).ShouldBe([(south.UnitId, south.Rank, south.ClassRank)]);
        ranking.Units.Select(u => (u.UnitId, u.Rank, u.ClassRank)).ShouldBe([(south.UnitId, south.Rank, south.ClassRank)]);
        ranking.Total.ShouldBe(1);
        ranking.Classes.Select(c => (c.Id, c.Count)).ShouldBe([("town", 1)]);
    }

    [Fact]
    public async Task Page_OutOfRange_IsRefusedWithTheFieldNamedInChinese()
    {
        await using var walk = await StartAsync(app, RelativeScheme);
        await OpenTiedAsync(walk, "越界的分页");

        var limit = await (await walk.Admin.GetAsync($"/api/campaigns/{walk.CampaignId}/results/ranking?limit=0")).ProblemAsync(HttpStatusCode.BadRequest);
        var offset = await (await walk.Admin.GetAsync($"/api/campaigns/{walk.CampaignId}/results?offset=-1")).ProblemAsync(HttpStatusCode.BadRequest);

        limit.GetProperty("errors").GetProperty("limit")[0].GetString()!.ShouldContain("每页单位数");
        offset.GetProperty("errors").GetProperty("offset")[0].GetString()!.ShouldContain("起始位置");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ResultPageTestsOnSqlite(SqliteApp app) : ResultPageTests(app);

[Collection(PostgresCollection.Name)]
public sealed class ResultPageTestsOnPostgres(PostgresApp app) : ResultPageTests(app);
