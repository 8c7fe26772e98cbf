using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Features.Providers;
using Chengxin.Server.Features.Units;
using Chengxin.Server.Features.Users;
using Chengxin.Server.Infrastructure;
using Chengxin.Server.Tests.Infrastructure;

namespace Chengxin.Server.Tests;

/// <summary>
/// The data provider's grid as a department's clerk uses it: good cells are saved though a neighbour is wrong (unless the
/// clerk asks for all or nothing), every refusal names the unit and the field as the grid shows them, never an id or a
/// fact key, and a grid is submitted only once every applicable cell has an answer.
/// </summary>
public abstract class ProviderGridTests(AppFixture app)
{
    private const string ReportsLabel = "按时向县信用办报送的工作总结、工作简报、宣传稿件篇数";
    private long T1 => app.World.Unit("A-C1-T1").Id;
    private long T2 => app.World.Unit("A-C1-T2").Id;
    private string T1Name => app.World.Unit("A-C1-T1").Name;
    private string T2Name => app.World.Unit("A-C1-T2").Name;

    private async Task<CampaignResponse> OpenCampaignAsync()
    {
        var admin = await app.SessionAsync("a-admin");
        var now = app.Clock.GetUtcNow();
        var request = new OpenCampaignRequest("数据表测试", TestWorld.SchemeId, "2022Q1", [T1, T2], null, null, null,
            new ScheduleRequest(now.AddDays(5).ToString("o", CultureInfo.InvariantCulture), now.AddDays(10).ToString("o", CultureInfo.InvariantCulture),
                null, null, 10), null, 0.2m, true, null);
        var created = await admin.PostJsonAsync("/api/campaigns", request);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var campaign = await created.ReadAsync<CampaignResponse>();
        return await (await admin.PostAsync($"/api/campaigns/{campaign.Id}/open", null)).ReadAsync<CampaignResponse>();
    }

    private async Task<HttpClient> ProviderAsync(string departmentName)
    {
        var admin = await app.SessionAsync("a-admin");
        var unit = await (await admin.PostJsonAsync("/api/units", new CreateUnitRequest(app.World.Unit("A-C1").Id, departmentName,
            "PG" + Guid.NewGuid().ToString("N")[..10], "Department", null))).ReadAsync<UnitResponse>();
        var userName = "pg" + Guid.NewGuid().ToString("N")[..10];
        (await admin.PostJsonAsync("/api/users", new CreateUserRequest(userName, departmentName + "数据员", TestWorld.Password, unit.Id,
            Roles.DataProvider, ScopeKind.OwnUnit, null))).EnsureSuccessStatusCode();
        return await app.SignInAsync(userName);
    }

    private static ProviderCellRequest Cell(long unitId, string key, object? value) =>
        new(unitId, key, value is null ? null : JsonSerializer.SerializeToElement(value));

    private static HttpContent Workbook(IReadOnlyList<string> header, params string?[][] rows)
    {
        var content = new ByteArrayContent(Xlsx.Write("数据来源", header, rows));
        content.Headers.ContentType = new MediaTypeHeaderValue(Xlsx.ContentType);
        return content;
    }

    private static int? Value(ProviderGridView grid, long unitId) =>
        grid.Rows.Single(r => r.UnitId == unitId).Cells[0].Value is { } v ? v.GetInt32() : null;

    [Fact]
    public async Task SaveCells_OneBadCell_SavesTheGoodOnesAndListsTheBadOneByUnitAndField()
    {
        var campaign = await OpenCampaignAsync();
        var provider = await ProviderAsync("县信用办");
        var url = $"/api/campaigns/{campaign.Id}/provider-grid";

        var response = await provider.PutJsonAsync($"{url}/cells", new ProviderCellsRequest([Cell(T1, "reports_on_time", 7), Cell(T2, "reports_on_time", "三篇")]));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var saved = await response.ReadAsync<ProviderGridSaved>();

        saved.Accepted.ShouldBe(1);
        Value(saved.Grid, T1).ShouldBe(7);
        Value(saved.Grid, T2).ShouldBeNull();
        var rejected = saved.Rejected.ShouldHaveSingleItem();
        rejected.Index.ShouldBe(1);
        rejected.UnitId.ShouldBe(T2);
        rejected.UnitName.ShouldBe(T2Name);
        rejected.Label.ShouldBe(ReportsLabel);
        rejected.Message.ShouldBe($"「{T2Name}」的「{ReportsLabel}」：「三篇」不是数值，应填不小于 0 的整数。");
        rejected.Message.ShouldNotContain("reports_on_time");
        Value(await (await provider.GetAsync(url)).ReadAsync<ProviderGridView>(), T1).ShouldBe(7);
    }

    [Fact]
    public async Task SaveCells_AllOrNothingWithOneBadCell_Returns400NamingUnitAndFieldAndWritesNothing()
    {
        var campaign = await OpenCampaignAsync();
        var provider = await ProviderAsync("县信用办");
        var url = $"/api/campaigns/{campaign.Id}/provider-grid";

        var problem = await (await provider.PutJsonAsync($"{url}/cells",
            new ProviderCellsRequest([Cell(T1, "reports_on_time", 7), Cell(T2, "reports_on_time", -2)], AllOrNothing: true))).ProblemAsync(HttpStatusCode.BadRequest);

        var message = problem.GetProperty("errors").GetProperty("cells[1]")[0].GetString()!;
        message.ShouldBe($"「{T2Name}」的「{ReportsLabel}」：「-2」不是不小于 0 的整数。");
        problem.GetProperty("errors").TryGetProperty("cells[0]", out _).ShouldBeFalse();
        var after = await (await provider.GetAsync(url)).ReadAsync<ProviderGridView>();
        Value(after, T1).ShouldBeNull();
        Value(after, T2).ShouldBeNull();
    }

    [Theory]
    [InlineData("arrears_to_smes", true, "这一项由信息来源部门「县工信局」提供，不是「县信用办」填报的数据。")]
    [InlineData("no_such_fact", 1, "本部门的数据表中没有这一项。")]
    public async Task SaveCells_AFactNotTheProvidersOwn_IsRefusedInWordsWithoutItsKey(string key, object value, string reason)
    {
        var campaign = await OpenCampaignAsync();
        var provider = await ProviderAsync("县信用办");

        var saved = await (await provider.PutJsonAsync($"/api/campaigns/{campaign.Id}/provider-grid/cells",
            new ProviderCellsRequest([Cell(T1, key, value)]))).ReadAsync<ProviderGridSaved>();

        saved.Accepted.ShouldBe(0);
        var rejected = saved.Rejected.ShouldHaveSingleItem();
        rejected.Reason.ShouldBe(reason);
        rejected.Message.ShouldStartWith($"「{T1Name}」");
        rejected.Message.ShouldNotContain(key);
    }

    [Fact]
    public async Task SaveCells_AUnitOutsideTheCampaign_IsRefusedWithoutItsId()
    {
        var campaign = await OpenCampaignAsync();
        var provider = await ProviderAsync("县信用办");
        var stranger = app.World.Unit("A-C1").Id;

        var saved = await (await provider.PutJsonAsync($"/api/campaigns/{campaign.Id}/provider-grid/cells",
            new ProviderCellsRequest([Cell(stranger, "reports_on_time", 1)]))).ReadAsync<ProviderGridSaved>();

        var rejected = saved.Rejected.ShouldHaveSingleItem();
        rejected.Message.ShouldBe($"「{ReportsLabel}」：该单位不是本批次的参评单位。");
        rejected.Message.ShouldNotContain(stranger.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Grid_ProviderOfTwoDepartments_SeesOnlyItsOwnColumnsByTheirLabels()
    {
        var campaign = await OpenCampaignAsync();
        var credit = await ProviderAsync("县信用办");
        var industry = await ProviderAsync("县工信局");

        var creditGrid = await (await credit.GetAsync($"/api/campaigns/{campaign.Id}/provider-grid")).ReadAsync<ProviderGridView>();
        var industryGrid = await (await industry.GetAsync($"/api/campaigns/{campaign.Id}/provider-grid")).ReadAsync<ProviderGridView>();

        creditGrid.Columns.Select(c => c.Header).ShouldBe([ReportsLabel]);
        industryGrid.Columns.ShouldHaveSingleItem().FactKey.ShouldBe("arrears_to_smes");
        industryGrid.Columns.Single().Header.ShouldNotContain("arrears_to_smes");
        creditGrid.Rows.Select(r => r.UnitName).ShouldBe([T1Name, T2Name]);
    }

    [Fact]
    public async Task Import_OneBadCell_SavesTheOtherRowsAndListsRowColumnUnitAndField()
    {
        var campaign = await OpenCampaignAsync();
        var provider = await ProviderAsync("县信用办");
        var url = $"/api/campaigns/{campaign.Id}/provider-grid";
        var header = ProviderGrid.FixedHeader.Append(ReportsLabel).ToList();

        // Full-width digits, as a Chinese input method types them, read as the number.
        var saved = await (await provider.PostAsync($"{url}/import", Workbook(header, [T1Name, "A-C1-T1", "１２"], [T2Name, "A-C1-T2", "四篇"])))
            .ReadAsync<ProviderGridSaved>();

        saved.Accepted.ShouldBe(1);
        Value(saved.Grid, T1).ShouldBe(12);
        Value(saved.Grid, T2).ShouldBeNull();
        var rejected = saved.Rejected.ShouldHaveSingleItem();
        (rejected.Row, rejected.Column, rejected.UnitName, rejected.Label).ShouldBe((3, 3, T2Name, ReportsLabel));
        rejected.Message.ShouldBe($"第 3 行第 3 列：「{T2Name}」的「{ReportsLabel}」：「四篇」不是数值，应填不小于 0 的整数。");
    }

    [Fact]
    public async Task Import_AllOrNothingWithOneBadCell_Returns400AndWritesNothing()
    {
        var campaign = await OpenCampaignAsync();
        var provider = await ProviderAsync("县信用办");
        var url = $"/api/campaigns/{campaign.Id}/provider-grid";
        var header = ProviderGrid.FixedHeader.Append(ReportsLabel).ToList();

        var problem = await (await provider.PostAsync($"{url}/import?allOrNothing=true",
            Workbook(header, [T1Name, "", "5"], ["", "A-C1-T2", "-1"]))).ProblemAsync(HttpStatusCode.BadRequest);

        problem.GetProperty("errors").GetProperty("file").EnumerateArray().Select(e => e.GetString()).ShouldBe(
            [$"第 3 行第 3 列：「{T2Name}」的「{ReportsLabel}」：「-1」不是不小于 0 的整数。"]);
        Value(await (await provider.GetAsync(url)).ReadAsync<ProviderGridView>(), T1).ShouldBeNull();
    }

    [Fact]
    public async Task Import_AnotherDepartmentsColumn_RefusesTheFileNamingTheColumn()
    {
        var campaign = await OpenCampaignAsync();
        var provider = await ProviderAsync("县信用办");
        var header = ProviderGrid.FixedHeader.Append("本单位存在违约拖欠中小企业货物、工程、服务款项").ToList();

        var problem = await (await provider.PostAsync($"/api/campaigns/{campaign.Id}/provider-grid/import", Workbook(header, [T1Name, "", "否"])))
            .ProblemAsync(HttpStatusCode.BadRequest);

        problem.GetProperty("errors").GetProperty("file")[0].GetString()!.ShouldContain("第 1 行第 3 列「本单位存在违约拖欠中小企业货物、工程、服务款项」不是本部门填报的数据项");
    }

    [Fact]
    public async Task Submit_WithAnEmptyCell_Returns409NamingTheUnitAndFieldAndRecordsNothing()
    {
        var campaign = await OpenCampaignAsync();
        var provider = await ProviderAsync("县信用办");
        var url = $"/api/campaigns/{campaign.Id}/provider-grid";
        (await provider.PutJsonAsync($"{url}/cells", new ProviderCellsRequest([Cell(T1, "reports_on_time", 0)]))).EnsureSuccessStatusCode();

        var problem = await (await provider.PostAsync($"{url}/submit", null)).ProblemAsync(HttpStatusCode.Conflict);

        var detail = problem.GetProperty("detail").GetString()!;
        detail.ShouldContain($"{T2Name}「{ReportsLabel}」");
        detail.ShouldNotContain(T1Name);
        (await (await provider.GetAsync(url)).ReadAsync<ProviderGridView>()).Round.ShouldBe(0);

        (await provider.PutJsonAsync($"{url}/cells", new ProviderCellsRequest([Cell(T2, "reports_on_time", 3)]))).EnsureSuccessStatusCode();
        (await (await provider.PostAsync($"{url}/submit", null)).ReadAsync<ProviderGridView>()).Round.ShouldBe(1);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ProviderGridTestsOnSqlite(SqliteApp app) : ProviderGridTests(app);

[Collection(PostgresCollection.Name)]
public sealed class ProviderGridTestsOnPostgres(PostgresApp app) : ProviderGridTests(app);
