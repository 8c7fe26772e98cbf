using System.Net;
using System.Text.Json;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Features.Submissions;
using Chengxin.Server.Features.Users;
using Chengxin.Server.Infrastructure;
using Chengxin.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Chengxin.Server.Tests.Scale;

/// <summary>
/// The campaign list carries counts, not members (issue 19): the units and submissions the caller sees, the reviewers whole. A
/// county's admin counts the county's part of a city campaign; a unit's own staff see their unit and nothing else of it.
/// </summary>
public abstract class CampaignListTests(AppFixture app)
{
    /// <summary>An office admin at the city (A), whose scope is the whole tree.</summary>
    private async Task<HttpClient> CityAdminAsync()
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AccessScope>().SetSystemActor("测试");
        var name = "list-city-" + Guid.NewGuid().ToString("N")[..8];
        await TestWorld.AddUserAsync(scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>(), name, "市信用办管理员", app.World.Unit("A"),
            Roles.OfficeAdmin, ScopeKind.Subtree, app.Clock.GetUtcNow().UtcDateTime);
        return await app.SignInAsync(name);
    }

    private static async Task<Guid> ReviewerAsync(HttpClient admin, long unitId)
    {
        var created = await admin.PostJsonAsync("/api/users", new CreateUserRequest("list-rev-" + Guid.NewGuid().ToString("N")[..8], "列表评审员",
            TestWorld.Password, unitId, Roles.Reviewer, ScopeKind.Subtree, null));
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return (await created.ReadAsync<UserResponse>()).Id;
    }

    private async Task<long> OpenAsync(HttpClient admin, string name, List<long> units, List<Guid>? reviewers = null)
    {
        var created = await admin.PostJsonAsync("/api/campaigns", CampaignTests.OpenRequest(name, units, reviewers: reviewers,
            evidenceDue: app.Clock.GetUtcNow().AddDays(7).ToString("o")));
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = (await created.ReadAsync<CampaignResponse>()).Id;
        (await admin.PostAsync($"/api/campaigns/{id}/open", null)).EnsureSuccessStatusCode();
        return id;
    }

    private async Task SubmitAsync(HttpClient admin, long campaignId, long unitId)
    {
        var scheme = app.Factory.Services.GetRequiredService<Features.Schemes.SchemeCatalog>().Find(TestWorld.SchemeId)!;
        var facts = JiaxianTownsCampaignTests.MiddlingTown;
        var url = $"/api/campaigns/{campaignId}/units/{unitId}/submission";
        foreach (var item in scheme.Items.Where(i => i.Facts.Any(f => facts.Any(x => x.Key == f.Key))))
        {
            var values = facts.Where(x => item.Facts.Any(f => f.Key == x.Key)).ToDictionary(f => f.Key, f => JsonSerializer.SerializeToElement(f.Value, Http.Json));
            (await admin.PutJsonAsync($"{url}/items/{item.Id}", new SaveItemRequest(values, null))).EnsureSuccessStatusCode();
        }
        var submitted = await admin.PostAsync($"{url}/submit", null);
        submitted.StatusCode.ShouldBe(HttpStatusCode.OK, await submitted.Content.ReadAsStringAsync());
    }

    private static async Task<CampaignListItem> ListedAsync(HttpClient client, long id) =>
        (await (await client.GetAsync("/api/campaigns")).ReadAsync<List<CampaignListItem>>()).Single(c => c.Id == id);

    [Fact]
    public async Task ListCampaigns_CityCampaign_CountsEachCallersOwnPart()
    {
        var city = await CityAdminAsync();
        var (t1, t2, other) = (app.World.Unit("A-C1-T1").Id, app.World.Unit("A-C1-T2").Id, app.World.Unit("A-C2-T1").Id);
        var id = await OpenAsync(city, "计数" + Guid.NewGuid().ToString("N")[..6], [t1, t2, other],
            [await ReviewerAsync(city, app.World.Unit("A").Id), await ReviewerAsync(city, app.World.Unit("A").Id)]);
        await SubmitAsync(city, id, t1);
        await SubmitAsync(city, id, other);

        var whole = await ListedAsync(city, id);
        var county = await ListedAsync(await app.SessionAsync("a-admin"), id);
        var liaison = await ListedAsync(await app.SessionAsync("a-liaison"), id);

        (whole.UnitCount, whole.SubmittedCount, whole.ReviewerCount, whole.SoleUnit).ShouldBe((3, 2, 2, (CampaignUnitView?)null));
        (county.UnitCount, county.SubmittedCount, county.ReviewerCount, county.SoleUnit).ShouldBe((2, 1, 2, (CampaignUnitView?)null));
        (liaison.UnitCount, liaison.SubmittedCount, liaison.ReviewerCount).ShouldBe((1, 1, 2));
        liaison.SoleUnit.ShouldNotBeNull().UnitId.ShouldBe(t1);
        liaison.SoleUnit.Name.ShouldBe(app.World.Unit("A-C1-T1").Name);
    }

    [Fact]
    public async Task ListCampaigns_ReturnedAnswer_IsNotCountedAsSubmitted()
    {
        var city = await CityAdminAsync();
        var t1 = app.World.Unit("A-C1-T1").Id;
        var id = await OpenAsync(city, "退回" + Guid.NewGuid().ToString("N")[..6], [t1]);
        await SubmitAsync(city, id, t1);
        (await ListedAsync(city, id)).SubmittedCount.ShouldBe(1);

        var returned = await city.PostJsonAsync($"/api/campaigns/{id}/units/{t1}/submission/return", 
            new ReturnSubmissionRequest("材料不全，请补充。", app.Clock.GetUtcNow().AddDays(3).ToString("o")));
        returned.StatusCode.ShouldBe(HttpStatusCode.OK, await returned.Content.ReadAsStringAsync());

        var listed = await ListedAsync(city, id);
        (listed.UnitCount, listed.SubmittedCount).ShouldBe((1, 0));
    }

    [Fact]
    public async Task ListCampaigns_PageOfOne_FollowsTheLastIdSeen()
    {
        var city = await CityAdminAsync();
        var older = await OpenAsync(city, "分页一" + Guid.NewGuid().ToString("N")[..6], [app.World.Unit("A-C1-T1").Id]);
        var newer = await OpenAsync(city, "分页二" + Guid.NewGuid().ToString("N")[..6], [app.World.Unit("A-C1-T1").Id]);

        var first = await (await city.GetAsync("/api/campaigns?limit=1")).ReadAsync<List<CampaignListItem>>();
        var second = await (await city.GetAsync($"/api/campaigns?beforeId={first[0].Id}&limit=1")).ReadAsync<List<CampaignListItem>>();

        first.Select(c => c.Id).ShouldBe([newer]);
        second.Select(c => c.Id).ShouldBe([older]);
    }

    [Fact]
    public async Task ListCampaigns_PageOfNone_Returns400InChinese()
    {
        var city = await CityAdminAsync();

        var problem = await (await city.GetAsync("/api/campaigns?limit=0")).ProblemAsync(HttpStatusCode.BadRequest);

        problem.GetProperty("errors").GetProperty("limit")[0].GetString().ShouldBe($"每页批次数须在 1 到 {ListCampaigns.MaxPage} 之间。");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class CampaignListTestsOnSqlite(SqliteApp app) : CampaignListTests(app);

[Collection(PostgresCollection.Name)]
public sealed class CampaignListTestsOnPostgres(PostgresApp app) : CampaignListTests(app);
