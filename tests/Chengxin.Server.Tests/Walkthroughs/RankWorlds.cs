using Chengxin.Server.Data;
using Chengxin.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Chengxin.Server.Tests.Walkthroughs.Walk;

namespace Chengxin.Server.Tests.Walkthroughs;

/// <summary>
/// The answers and the world the rank tests share: seed 003's task force answered once, and a scheme that compares units
/// (relative items and quotas) over three towns and two departments, two of the towns tied in total and in class.
/// </summary>
public static class RankWorlds
{
    public const string RelativeScheme = "example-relative-scores-and-quotas";

    public static readonly (string Key, object Value)[] Taskforce =
    [
        ("measures", Rows("name", "措施", "done", 4, 0)), ("spot_unfinished", 0),
        ("info_reports", new List<Dictionary<string, object>>()),
        ("added_tasks", Rows("name", "新增任务", "approved", 1)), ("raised_targets", Rows("name", "调高指标", "approved", 0)),
        ("local_firsts", Rows("name", "首创举措", "approved", 0)),
    ];

    public static (string Key, object Value)[] Town(int activities, int villages, int articles) =>
        [("demo_activities", activities), ("plan_issued", true), ("villages", villages), ("articles", articles)];

    public static (string Key, object Value)[] Department(int activities, bool listPublished, int articles) =>
        [("demo_activities", activities), ("plan_issued", true), ("evaluation_done", true), ("list_published", listPublished), ("articles", articles)];

    public sealed record RelativeUnits(Member East, Member West, Member South, Member Trade, Member Tax);

    /// <summary>
    /// A campaign of <see cref="RelativeScheme"/> opened on a started walk and answered: east and west alike (a tie in total and
    /// in class); the articles' top-three bonus and the quota compare them all. East and west stand under <paramref name="eastAndWestUnder"/>
    /// when given (a county whose admin sees two of the five).
    /// </summary>
    public static async Task<RelativeUnits> OpenTiedAsync(Walk walk, string campaignName, long? eastAndWestUnder = null)
    {
        var east = await walk.UnitAsync("东镇", "Town", "乡镇", eastAndWestUnder);
        var west = await walk.UnitAsync("西镇", "Town", "乡镇", eastAndWestUnder);
        var south = await walk.UnitAsync("南镇", "Town", "乡镇");
        var trade = await walk.UnitAsync("商务局", "Department", "县直单位");
        var tax = await walk.UnitAsync("税务局", "Department", "县直单位");
        await walk.OpenAsync(campaignName, "2026", [east, west, south, trade, tax], walk.Now.AddDays(3), [walk.ReviewerId],
            new() { ["乡镇"] = "town", ["县直单位"] = "dept" });
        await walk.SaveAsync(east, Town(4, 5, 6));
        await walk.SaveAsync(west, Town(4, 5, 6));
        await walk.SaveAsync(south, Town(2, 3, 9));
        await walk.SaveAsync(trade, Department(4, true, 1));
        await walk.SaveAsync(tax, Department(3, false, 7));
        return new(east, west, south, trade, tax);
    }

    /// <summary>Changes one stored result row past every writer (as a monitoring mark or an older build's row would stand).</summary>
    public static async Task UpdateRowAsync(AppFixture app, long campaignId, long unitId, Action<UnitResultRow> change)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChengxinDbContext>();
        var row = await db.UnitResults.FirstAsync(r => r.CampaignId == campaignId && r.UnitId == unitId);
        change(row);
        await db.SaveChangesAsync();
    }
}
