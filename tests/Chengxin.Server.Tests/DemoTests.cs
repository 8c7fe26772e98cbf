using Chengxin.Server.Demo;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Features.Dashboard;
using Chengxin.Server.Features.Results;
using Chengxin.Server.Features.Units;
using Chengxin.Server.Infrastructure;
using Chengxin.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Chengxin.Server.Tests;

[Collection(SqliteCollection.Name)]
public sealed class DemoTests(SqliteApp app)
{
    private async Task SeedAsync()
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(CancellationToken.None);
    }

    private async Task<List<string>> UnitNamesAsync(string userName)
    {
        var session = await app.SignInAsync(userName, DemoSeeder.Password);
        return (await (await session.GetAsync("/api/units")).ReadAsync<List<UnitResponse>>()).Select(u => u.Name).ToList();
    }

    [Fact]
    public async Task DemoSeeder_TwiceOver_GivesEveryRoleAUserAndTheExpectedScopes()
    {
        await SeedAsync();
        await SeedAsync();

        DemoSeeder.Accounts.Select(a => a.Role).Distinct().Order().ShouldBe(Roles.All.Order());
        (await UnitNamesAsync("firm")).Order().ShouldBe(["东城街道", "柳溪乡", "石门镇"]);
        (await UnitNamesAsync("liaison")).ShouldBe(["石门镇"]);
        var county = await UnitNamesAsync("qingshi-admin");
        county.ShouldContain("望湖社区");
        county.ShouldNotContain("白河县");
        var court = await UnitNamesAsync("court");
        court.Count.ShouldBe(23);
        court.Distinct().Count().ShouldBe(23);
    }

    [Fact]
    public async Task DemoSeeder_PublishedQuarters_ScoredByTheEngine_PublicAndTrendShowThem()
    {
        await SeedAsync();
        var admin = await app.SignInAsync("admin", DemoSeeder.Password);
        var campaigns = await (await admin.GetAsync("/api/campaigns")).ReadAsync<List<CampaignListItem>>();
        // The towns' quarters (seed 004); the other families' published campaigns are the bulletins' (DemoBulletins).
        var published = campaigns.Where(c => c.State == Domain.Campaigns.CampaignState.Published && c.SchemeId == "jiaxian-towns-2022")
            .OrderBy(c => c.PeriodKey).ToList();
        published.Select(c => c.PeriodKey).ShouldBe(["2025Q3", "2025Q4"]);

        var anonymous = app.NewClient();
        var latest = await (await anonymous.GetAsync($"/api/public/campaigns/{published[1].Id}/results")).ReadAsync<PublicCampaignResultView>();
        latest.Units.Count.ShouldBe(DemoPublishedCampaigns.UnitCodes.Length);
        // The engine scored the invented facts: totals differ, and ranks follow them.
        latest.Units.Select(u => u.Total).Distinct().Count().ShouldBeGreaterThan(1);
        latest.Units.Select(u => u.Total).ShouldBeInOrder(SortDirection.Descending);
        // Totals, grades and ranks only: the demo's scheme does not publish item scores.
        latest.Units.ShouldAllBe(u => u.Grade != null && u.Items == null);
        (await (await admin.GetAsync($"/api/campaigns/{published[1].Id}/results")).ReadAsync<CampaignResultView>()).Units.Select(u => u.Total)
            .ShouldBe(latest.Units.Select(u => u.Total));

        var leader = await app.SignInAsync("leader", DemoSeeder.Password);
        var shimen = latest.Units.Single(u => u.Name == "石门镇").UnitId;
        var trend = await (await leader.GetAsync($"/api/units/{shimen}/trend?scheme=jiaxian-towns")).ReadAsync<UnitTrendView>();
        trend.Points.Select(p => p.PeriodKey).ShouldBe(["2025Q3", "2025Q4"]);
        var status = await (await admin.GetAsync($"/api/campaigns/{published[1].Id}/publication")).ReadAsync<PublicationView>();
        (status.RequestedBy, status.ApprovedBy).ShouldBe(("张晓明", "吴刚"));
    }
}
