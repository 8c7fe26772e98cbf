using System.Globalization;
using System.Net;
using System.Text.Json;
using Chengxin.Domain.Scoring;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Features.Providers;
using Chengxin.Server.Features.Schemes;
using Chengxin.Server.Features.Units;
using Chengxin.Server.Features.Users;
using Chengxin.Server.Infrastructure;
using Chengxin.Server.Tests.Infrastructure;
using Chengxin.Sheets;
using Microsoft.Extensions.DependencyInjection;

namespace Chengxin.Server.Tests;

/// <summary>
/// The data provider's grid exported as the one facts workbook (Chengxin.Sheets.FactsWorkbook): the clerk sees labels and
/// units, never a key, and the facts workbook reader of the CLI reads the same file back to the values the provider entered,
/// so an office can score offline with the department's numbers.
/// </summary>
public abstract class ProviderGridWorkbookTests(AppFixture app)
{
    [Fact]
    public async Task Export_ReadByTheFactsWorkbookReader_GivesBackTheProvidersValues()
    {
        var admin = await app.SessionAsync("a-admin");
        var (t1, t2) = (app.World.Unit("A-C1-T1"), app.World.Unit("A-C1-T2"));
        var now = app.Clock.GetUtcNow();
        var created = await admin.PostJsonAsync("/api/campaigns", new OpenCampaignRequest("数据表工作簿", TestWorld.SchemeId, "2022Q1", [t1.Id, t2.Id],
            null, null, null, new ScheduleRequest(now.AddDays(5).ToString("o", CultureInfo.InvariantCulture),
                now.AddDays(10).ToString("o", CultureInfo.InvariantCulture), null, null, 10), null, 0.2m, true, null));
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var campaign = await created.ReadAsync<CampaignResponse>();
        (await admin.PostAsync($"/api/campaigns/{campaign.Id}/open", null)).EnsureSuccessStatusCode();
        var department = await (await admin.PostJsonAsync("/api/units", new CreateUnitRequest(app.World.Unit("A-C1").Id, "县信用办",
            "PW" + Guid.NewGuid().ToString("N")[..10], "Department", null))).ReadAsync<UnitResponse>();
        var userName = "pw" + Guid.NewGuid().ToString("N")[..10];
        (await admin.PostJsonAsync("/api/users", new CreateUserRequest(userName, "县信用办数据员", TestWorld.Password, department.Id,
            Roles.DataProvider, ScopeKind.OwnUnit, null))).EnsureSuccessStatusCode();
        var provider = await app.SignInAsync(userName);
        var url = $"/api/campaigns/{campaign.Id}/provider-grid";
        (await provider.PutJsonAsync($"{url}/cells", new ProviderCellsRequest([
            new(t1.Id, "reports_on_time", JsonSerializer.SerializeToElement(7)), new(t2.Id, "reports_on_time", JsonSerializer.SerializeToElement(3))])))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        var grid = await (await provider.GetAsync(url)).ReadAsync<ProviderGridView>();

        var bytes = await (await provider.GetAsync($"{url}/export")).Content.ReadAsByteArrayAsync();

        var sheets = Xlsx.ReadAll(new MemoryStream(bytes));
        sheets.Keys.ShouldBe(["数据来源", FactsWorkbook.KeysSheet]);
        sheets["数据来源"][0].ShouldNotContain("reports_on_time");
        var scheme = new CompiledScheme(app.Factory.Services.GetRequiredService<SchemeCatalog>().Find(TestWorld.SchemeId)!);
        var classes = new Dictionary<string, string> { [t1.Code!] = grid.Rows.Single(r => r.UnitId == t1.Id).SchemeClass,
            [t2.Code!] = grid.Rows.Single(r => r.UnitId == t2.Id).SchemeClass };
        var units = FactsWorkbook.Read(new MemoryStream(bytes), scheme, "数据来源表.xlsx", classes);
        units.Select(u => (u.UnitId, u.Name, u["reports_on_time"].Number)).ShouldBe([(t1.Code!, t1.Name, 7m), (t2.Code!, t2.Name, 3m)]);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ProviderGridWorkbookTestsOnSqlite(SqliteApp app) : ProviderGridWorkbookTests(app);

[Collection(PostgresCollection.Name)]
public sealed class ProviderGridWorkbookTestsOnPostgres(PostgresApp app) : ProviderGridWorkbookTests(app);
