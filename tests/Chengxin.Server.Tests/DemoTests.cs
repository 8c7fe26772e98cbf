using Chengxin.Server.Demo;
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
}
