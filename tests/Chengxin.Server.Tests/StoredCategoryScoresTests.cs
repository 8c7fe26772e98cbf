using Chengxin.Server.Data;
using Chengxin.Server.Features.Dashboard;
using Chengxin.Server.Tests.Infrastructure;
using Chengxin.Server.Tests.Walkthroughs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Chengxin.Server.Tests.Walkthroughs.Walk;

namespace Chengxin.Server.Tests;

/// <summary>
/// A stored result carries its points per first-level category (issue 19, V021), summed when the row is computed, and the
/// dashboard reads them instead of every item: what it shows equals what it makes of the rows' item lists (as it did before, and
/// still does for a row computed before V021), on a scheme with relative items, quotas, two classes and a tie.
/// </summary>
public abstract class StoredCategoryScoresTests(AppFixture app)
{
    private async Task<CampaignDashboardView> DashboardAsync(Walk walk) =>
        await (await walk.Admin.GetAsync($"/api/dashboard/campaigns/{walk.CampaignId}")).ReadAsync<CampaignDashboardView>();

    [Fact]
    public async Task Dashboard_StoredCategoryPoints_EqualThoseOfTheItemLists()
    {
        await using var walk = await StartAsync(app, "example-relative-scores-and-quotas");
        var east = await walk.UnitAsync("东镇", "Town", "乡镇");
        var west = await walk.UnitAsync("西镇", "Town", "乡镇");
        var trade = await walk.UnitAsync("商务局", "Department", "县直单位");
        await walk.OpenAsync("分类得分", "2026", [east, west, trade], walk.Now.AddDays(3), [walk.ReviewerId],
            new() { ["乡镇"] = "town", ["县直单位"] = "dept" });
        await walk.SaveAsync(east, [("demo_activities", 4), ("plan_issued", true), ("villages", 5), ("articles", 6)]);
        await walk.SaveAsync(west, [("demo_activities", 4), ("plan_issued", true), ("villages", 5), ("articles", 6)]);
        await walk.SaveAsync(trade, [("demo_activities", 3), ("plan_issued", false), ("evaluation_done", true), ("list_published", true), ("articles", 9)]);

        var stored = await DashboardAsync(walk);
        int withSums;
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ChengxinDbContext>();
            withSums = await db.UnitResults.CountAsync(r => r.CampaignId == walk.CampaignId && r.CategoryScoresJson != null);
            // As a row computed before V021 is: no sums, only its item list.
            await db.UnitResults.Where(r => r.CampaignId == walk.CampaignId).ExecuteUpdateAsync(s => s.SetProperty(r => r.CategoryScoresJson, (string?)null));
        }
        var fromItems = await DashboardAsync(walk);

        withSums.ShouldBe(3);
        stored.UnitCategories.Count.ShouldBe(3);
        stored.UnitCategories.ShouldAllBe(u => u.Scores.Count == stored.Categories.Count);
        stored.UnitCategories.Select(u => (u.UnitId, string.Join(",", u.Scores))).ShouldBe(fromItems.UnitCategories.Select(u => (u.UnitId, string.Join(",", u.Scores))));
        stored.Categories.Select(c => (c.Id, c.Average)).ShouldBe(fromItems.Categories.Select(c => (c.Id, c.Average)));
        stored.UnitCategories.ShouldContain(u => u.Scores.Any(s => s > 0m));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class StoredCategoryScoresTestsOnSqlite(SqliteApp app) : StoredCategoryScoresTests(app);

[Collection(PostgresCollection.Name)]
public sealed class StoredCategoryScoresTestsOnPostgres(PostgresApp app) : StoredCategoryScoresTests(app);
