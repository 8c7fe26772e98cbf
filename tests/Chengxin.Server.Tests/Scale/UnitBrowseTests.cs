using System.Net;
using Chengxin.Server.Features.Units;
using Chengxin.Server.Tests.Infrastructure;

namespace Chengxin.Server.Tests.Scale;

/// <summary>
/// The unit tree a piece at a time (issue 19): the tops of the caller's scope, a unit's children with their expand arrows, the
/// search box with each hit's path, and the classes of a subtree that a campaign would take, all inside the caller's scope.
/// </summary>
public abstract class UnitBrowseTests(AppFixture app)
{
    private static string Tag() => Guid.NewGuid().ToString("N")[..8];

    private static async Task<UnitResponse> CreateAsync(HttpClient admin, long parentId, string name, string level, string? unitClass)
    {
        var response = await admin.PostJsonAsync("/api/units", new CreateUnitRequest(parentId, name, "UB" + Tag(), level, unitClass));
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.ReadAsync<UnitResponse>();
    }

    private static async Task<List<T>> GetAsync<T>(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.ReadAsync<List<T>>();
    }

    [Theory]
    [InlineData("a-admin", "A-C1")]
    [InlineData("a-liaison", "A-C1-T1")]
    [InlineData("a-firm", "A-C2-T1")]
    [InlineData("b-admin", "B")]
    public async Task ListUnitRoots_EachScope_AnswersTheUnitsAtItsTop(string userName, string top)
    {
        var client = await app.SessionAsync(userName);

        var roots = await GetAsync<UnitNode>(client, "/api/units/roots");

        roots.Select(r => r.Id).ShouldBe([app.World.Unit(top).Id]);
    }

    [Fact]
    public async Task CountUnits_Liaison_CountsItsOwnUnitOnly()
    {
        var liaison = await app.SessionAsync("a-liaison");

        var count = await (await liaison.GetAsync("/api/units/count")).ReadAsync<UnitCountView>();

        count.Count.ShouldBe(1);
    }

    [Fact]
    public async Task ListUnitRoots_CountyAdmin_MarksTheCountyAsHavingChildren()
    {
        var admin = await app.SessionAsync("a-admin");

        var county = (await GetAsync<UnitNode>(admin, "/api/units/roots")).Single();

        (county.Name, county.LevelName, county.HasChildren).ShouldBe((app.World.Unit("A-C1").Name, "县/区", true));
    }

    [Fact]
    public async Task ListUnitChildren_NewTown_IsALeafUntilItHasAVillage()
    {
        var admin = await app.SessionAsync("b-admin");
        var county = await CreateAsync(admin, app.World.Unit("B").Id, "展开县" + Tag(), "County", "县区政府");
        var town = await CreateAsync(admin, county.Id, "展开镇" + Tag(), "Town", "乡镇");

        var before = await GetAsync<UnitNode>(admin, $"/api/units/{county.Id}/children");
        await CreateAsync(admin, town.Id, "展开村" + Tag(), "Village", "村");
        var after = await GetAsync<UnitNode>(admin, $"/api/units/{county.Id}/children");

        before.Select(n => (n.Id, n.HasChildren)).ShouldBe([(town.Id, false)]);
        after.Select(n => (n.Id, n.HasChildren)).ShouldBe([(town.Id, true)]);
    }

    [Fact]
    public async Task SearchUnits_SameNamedTownsInTwoCounties_ShowEachPath()
    {
        var admin = await app.SessionAsync("b-admin");
        var name = "同名镇" + Tag();
        var county = await CreateAsync(admin, app.World.Unit("B").Id, "新设县" + Tag(), "County", "县区政府");
        var first = await CreateAsync(admin, app.World.Unit("B-C1").Id, name, "Town", "乡镇");
        var second = await CreateAsync(admin, county.Id, name, "Town", "乡镇");

        var hits = await GetAsync<UnitHit>(admin, "/api/units/search?q=" + Uri.EscapeDataString(name));

        hits.Select(h => (h.Id, string.Join(" / ", h.PathNames))).ShouldBe([
            (first.Id, $"{app.World.Unit("B").Name} / {app.World.Unit("B-C1").Name} / {name}"),
            (second.Id, $"{app.World.Unit("B").Name} / {county.Name} / {name}"),
        ]);
    }

    [Fact]
    public async Task SearchUnits_CountyAdmin_FindsOnlyItsCountyAndNamesNothingAboveIt()
    {
        var city = await app.SessionAsync("b-admin");
        var name = "县内镇" + Tag();
        var other = await CreateAsync(city, app.World.Unit("B").Id, "别县" + Tag(), "County", "县区政府");
        await CreateAsync(city, other.Id, name, "Town", "乡镇");
        var admin = await app.SessionAsync("a-admin");

        var mine = await GetAsync<UnitHit>(admin, "/api/units/search?q=" + Uri.EscapeDataString(app.World.Unit("A-C1-T1").Name));
        var theirs = await GetAsync<UnitHit>(admin, "/api/units/search?q=" + Uri.EscapeDataString(name));

        mine.Single().PathNames.ShouldBe([app.World.Unit("A-C1").Name, app.World.Unit("A-C1-T1").Name]);
        theirs.ShouldBeEmpty();
    }

    [Fact]
    public async Task SearchUnits_CodePrefix_FindsTheUnitByItsCode()
    {
        var admin = await app.SessionAsync("a-admin");

        var hits = await GetAsync<UnitHit>(admin, "/api/units/search?q=A-C1-T");

        hits.Select(h => h.Code).ShouldBe(["A-C1-T1", "A-C1-T2"]);
    }

    [Fact]
    public async Task SearchUnits_LikeWildcardsTyped_AreMatchedAsText()
    {
        var admin = await app.SessionAsync("a-admin");

        var hits = await GetAsync<UnitHit>(admin, "/api/units/search?q=%25");

        hits.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("", "q", "请输入单位名称或编码。")]
    [InlineData("镇&limit=101", "limit", "每次最多返回 1 到 100 个单位。")]
    public async Task SearchUnits_BadQuery_Returns400InChinese(string query, string field, string message)
    {
        var admin = await app.SessionAsync("a-admin");

        var problem = await (await admin.GetAsync("/api/units/search?q=" + query)).ProblemAsync(HttpStatusCode.BadRequest);

        problem.GetProperty("errors").GetProperty(field)[0].GetString().ShouldBe(message);
    }

    [Fact]
    public async Task ListSubtreeClasses_NewCounty_CountsItsActiveUnitsByClass()
    {
        var admin = await app.SessionAsync("b-admin");
        var county = await CreateAsync(admin, app.World.Unit("B").Id, "类别县" + Tag(), "County", "县区政府");
        await CreateAsync(admin, county.Id, "一镇" + Tag(), "Town", "乡镇");
        await CreateAsync(admin, county.Id, "二镇" + Tag(), "Town", "乡镇");
        await CreateAsync(admin, county.Id, "一街道" + Tag(), "Town", "街道");
        var closed = await CreateAsync(admin, county.Id, "停用镇" + Tag(), "Town", "乡镇");
        (await admin.PostAsync($"/api/units/{closed.Id}/deactivate", null)).EnsureSuccessStatusCode();

        var counts = await GetAsync<UnitClassCount>(admin, $"/api/units/{county.Id}/classes");

        counts.ShouldBe([new("乡镇", 2), new("县区政府", 1), new("街道", 1)]);
    }

    [Fact]
    public async Task ListSubtreeClasses_UnitOutsideTheScope_Returns404()
    {
        var admin = await app.SessionAsync("a-admin");

        await (await admin.GetAsync($"/api/units/{app.World.Unit("A-C2").Id}/classes")).ProblemAsync(HttpStatusCode.NotFound);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class UnitBrowseTestsOnSqlite(SqliteApp app) : UnitBrowseTests(app);

[Collection(PostgresCollection.Name)]
public sealed class UnitBrowseTestsOnPostgres(PostgresApp app) : UnitBrowseTests(app);
