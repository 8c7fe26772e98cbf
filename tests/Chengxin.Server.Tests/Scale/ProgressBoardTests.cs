using System.Net;
using System.Text.Json;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Features.Submissions;
using Chengxin.Server.Features.Units;
using Chengxin.Server.Features.Workspace;
using Chengxin.Server.Infrastructure;
using Chengxin.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Chengxin.Server.Tests.Scale;

/// <summary>
/// The progress board a page at a time (issue 19): the counts are always of every member the caller sees, the rows one page in
/// unit order after the last unit seen, of one status when asked, or only those with a deadline exception.
/// </summary>
public abstract class ProgressBoardTests(AppFixture app)
{
    private sealed record Board(long CampaignId, long OnTime, long Excused, List<long> Missing);

    /// <summary>
    /// Four new towns due in an hour: one submits on time, one gets two more days; two hours later the other two are missing.
    /// The clock is moved back by the caller's finally.
    /// </summary>
    private async Task<Board> BoardAsync(HttpClient admin)
    {
        var towns = new List<long>();
        foreach (var name in new[] { "页一镇", "页二镇", "页三镇", "页四镇" })
        {
            var response = await admin.PostJsonAsync("/api/units", new CreateUnitRequest(app.World.Unit("A-C1").Id, name,
                "PB" + Guid.NewGuid().ToString("N")[..10], "Town", "乡镇"));
            response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
            towns.Add((await response.ReadAsync<UnitResponse>()).Id);
        }
        var created = await admin.PostJsonAsync("/api/campaigns", CampaignTests.OpenRequest("分页进度" + Guid.NewGuid().ToString("N")[..6], towns,
            classMap: new() { ["乡镇"] = "town" }, evidenceDue: app.Clock.GetUtcNow().AddHours(1).ToString("o")));
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = (await created.ReadAsync<CampaignResponse>()).Id;
        (await admin.PostAsync($"/api/campaigns/{id}/open", null)).EnsureSuccessStatusCode();
        var url = $"/api/campaigns/{id}/units/{towns[0]}/submission";
        var facts = new Dictionary<string, JsonElement> { ["work_rules"] = JsonSerializer.SerializeToElement(true, Http.Json) };
        (await admin.PutJsonAsync($"{url}/items/1.1", new SaveItemRequest(facts, null))).EnsureSuccessStatusCode();
        (await admin.PostAsync($"{url}/submit", null)).EnsureSuccessStatusCode();
        (await admin.PostJsonAsync($"/api/campaigns/{id}/units/{towns[1]}/deadline-exception",
            new DeadlineExceptionRequest(app.Clock.GetUtcNow().AddDays(2).ToString("o"), "汛期抢险，延期两天"))).EnsureSuccessStatusCode();
        app.Clock.Advance(TimeSpan.FromHours(2));
        return new Board(id, towns[0], towns[1], [towns[2], towns[3]]);
    }

    private static async Task<CampaignProgressView> GetAsync(HttpClient client, string url) =>
        await (await client.GetAsync(url)).ReadAsync<CampaignProgressView>();

    [Fact]
    public async Task Progress_PagesOfOne_FollowTheLastUnitAndAddUpToTheWholeBoard()
    {
        var admin = await app.SessionAsync("a-admin");
        var board = await BoardAsync(admin);
        try
        {
            var whole = await GetAsync(admin, $"/api/campaigns/{board.CampaignId}/progress");
            var pages = new List<CampaignProgressView>();
            long? after = null;
            do
            {
                pages.Add(await GetAsync(admin, $"/api/campaigns/{board.CampaignId}/progress?limit=1" + (after is { } a ? $"&after={a}" : "")));
                after = pages[^1].Next;
            }
            while (after is not null);

            whole.Next.ShouldBeNull();
            pages.Count.ShouldBe(4);
            pages.ShouldAllBe(p => p.Units.Count == 1 && p.UnitCount == 4 && p.Submitted == 1 && p.Pending == 1 && p.Missing == 2);
            pages.SelectMany(p => p.Units).ShouldBe(whole.Units);
            whole.Units.Select(u => u.UnitId).ShouldBe([board.OnTime, board.Excused, .. board.Missing]);
        }
        finally
        {
            app.Clock.Advance(-TimeSpan.FromHours(2));
        }
    }

    [Fact]
    public async Task Progress_StatusAsked_AnswersThoseUnitsOnlyAndStillCountsAll()
    {
        var admin = await app.SessionAsync("a-admin");
        var board = await BoardAsync(admin);
        try
        {
            var missing = await GetAsync(admin, $"/api/campaigns/{board.CampaignId}/progress?status={CampaignProgress.Missing}");
            var submitted = await GetAsync(admin, $"/api/campaigns/{board.CampaignId}/progress?status={CampaignProgress.Submitted}");

            missing.Units.Select(u => u.UnitId).ShouldBe(board.Missing);
            missing.Units.ShouldAllBe(u => u.Status == CampaignProgress.Missing && u.StatusName == "逾期未报");
            (missing.UnitCount, missing.Missing, missing.Submitted).ShouldBe((4, 2, 1));
            submitted.Units.Single().UnitId.ShouldBe(board.OnTime);
            submitted.Units.Single().ItemsAnswered.ShouldBe(1);
        }
        finally
        {
            app.Clock.Advance(-TimeSpan.FromHours(2));
        }
    }

    [Fact]
    public async Task Progress_WithException_AnswersTheUnitsGivenMoreTimeOnly()
    {
        var admin = await app.SessionAsync("a-admin");
        var board = await BoardAsync(admin);
        try
        {
            var excused = await GetAsync(admin, $"/api/campaigns/{board.CampaignId}/progress?withException=true");

            var row = excused.Units.ShouldHaveSingleItem();
            (row.UnitId, row.Status, row.DueExceptionReason).ShouldBe((board.Excused, CampaignProgress.Pending, "汛期抢险，延期两天"));
        }
        finally
        {
            app.Clock.Advance(-TimeSpan.FromHours(2));
        }
    }

    [Fact]
    public async Task Progress_CountyAdminOfACityCampaign_CountsAndListsItsCountyOnly()
    {
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<AccessScope>().SetSystemActor("测试");
            await TestWorld.AddUserAsync(scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>(), "board-city-" + app.Provider,
                "市信用办管理员", app.World.Unit("A"), Roles.OfficeAdmin, ScopeKind.Subtree, app.Clock.GetUtcNow().UtcDateTime);
        }
        var city = await app.SignInAsync("board-city-" + app.Provider);
        var (mine, theirs) = (app.World.Unit("A-C1-T1").Id, app.World.Unit("A-C2-T1").Id);
        var created = await city.PostJsonAsync("/api/campaigns", CampaignTests.OpenRequest("范围进度" + Guid.NewGuid().ToString("N")[..6],
            [mine, theirs], evidenceDue: app.Clock.GetUtcNow().AddDays(1).ToString("o")));
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = (await created.ReadAsync<CampaignResponse>()).Id;
        (await city.PostAsync($"/api/campaigns/{id}/open", null)).EnsureSuccessStatusCode();

        var all = await GetAsync(city, $"/api/campaigns/{id}/progress");
        var county = await GetAsync(await app.SessionAsync("a-admin"), $"/api/campaigns/{id}/progress");

        (all.UnitCount, all.Pending, all.Units.Count).ShouldBe((2, 2, 2));
        (county.UnitCount, county.Pending).ShouldBe((1, 1));
        county.Units.ShouldHaveSingleItem().UnitId.ShouldBe(mine);
    }

    [Theory]
    [InlineData("status=done", "status", "报送状态只能是按时报送、逾期报送、退回补充、逾期未报或填报中。")]
    [InlineData("limit=0", "limit", "每页单位数须在 1 到 500 之间。")]
    [InlineData("limit=501", "limit", "每页单位数须在 1 到 500 之间。")]
    public async Task Progress_BadPage_Returns400InChinese(string query, string field, string message)
    {
        var admin = await app.SessionAsync("a-admin");
        var created = await admin.PostJsonAsync("/api/campaigns", CampaignTests.OpenRequest("错页" + Guid.NewGuid().ToString("N")[..6],
            [app.World.Unit("A-C1-T1").Id]));
        var id = (await created.ReadAsync<CampaignResponse>()).Id;

        var problem = await (await admin.GetAsync($"/api/campaigns/{id}/progress?{query}")).ProblemAsync(HttpStatusCode.BadRequest);

        problem.GetProperty("errors").GetProperty(field)[0].GetString().ShouldBe(message);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ProgressBoardTestsOnSqlite(SqliteApp app) : ProgressBoardTests(app);

[Collection(PostgresCollection.Name)]
public sealed class ProgressBoardTestsOnPostgres(PostgresApp app) : ProgressBoardTests(app);
