using System.Net;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Units;
using Chengxin.Server.Tests.Infrastructure;

namespace Chengxin.Server.Tests;

public abstract class UnitTreeTests(AppFixture app)
{
    private static string NewCode() => "N" + Guid.NewGuid().ToString("N")[..10];

    private async Task<UnitResponse> CreateAsync(HttpClient admin, long parentId, string level, string? unitClass = null)
    {
        var response = await admin.PostJsonAsync("/api/units", new CreateUnitRequest(parentId, "新单位", NewCode(), level, unitClass));
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.ReadAsync<UnitResponse>();
    }

    [Fact]
    public async Task ListUnits_CountyAdmin_SeesCountySubtreeOnly()
    {
        var admin = await app.SessionAsync("a-admin");
        var units = await (await admin.GetAsync("/api/units")).ReadAsync<List<UnitResponse>>();

        var codes = units.Select(u => u.Code).ToHashSet();
        codes.ShouldContain("A-C1");
        codes.ShouldContain("A-C1-T1");
        codes.ShouldContain("A-C1-T2");
        codes.ShouldNotContain("A");
        codes.ShouldNotContain("A-C2");
        codes.ShouldNotContain("B-C1");
    }

    [Fact]
    public async Task ListUnits_Liaison_SeesOwnUnitOnly()
    {
        var liaison = await app.SessionAsync("a-liaison");
        var units = await (await liaison.GetAsync("/api/units")).ReadAsync<List<UnitResponse>>();
        units.Select(u => u.Code).ShouldBe(["A-C1-T1"]);
    }

    [Fact]
    public async Task ListUnits_ExternalFirm_SeesItsCampaignUnitsOnly()
    {
        var firm = await app.SessionAsync("a-firm");
        var units = await (await firm.GetAsync("/api/units")).ReadAsync<List<UnitResponse>>();
        units.Select(u => u.Code).ShouldBe(["A-C2-T1"]);
    }

    [Fact]
    public async Task GetUnit_SiblingCounty_Returns404()
    {
        var admin = await app.SessionAsync("a-admin");
        var problem = await (await admin.GetAsync($"/api/units/{app.World.Unit("A-C2").Id}")).ProblemAsync(HttpStatusCode.NotFound);
        problem.GetProperty("detail").GetString().ShouldBe("单位不存在或不在您的权限范围内。");
    }

    [Fact]
    public async Task CreateUnit_TownUnderCounty_IsCreatedAndAudited()
    {
        var admin = await app.SessionAsync("a-admin");
        var created = await CreateAsync(admin, app.World.Unit("A-C1").Id, "乡镇/街道", "乡镇");

        created.Level.ShouldBe(UnitLevel.Town);
        created.LevelName.ShouldBe("乡镇/街道");
        var fetched = await (await admin.GetAsync($"/api/units/{created.Id}")).ReadAsync<UnitResponse>();
        fetched.Name.ShouldBe("新单位");
        var audit = await (await admin.GetAsync($"/api/audit?entityType=unit&entityId={created.Id}")).ReadAsync<Features.Audit.AuditPage>();
        audit.Items.Single().Action.ShouldBe("unit.created");
        audit.Items.Single().ActorName.ShouldContain("a-admin");
    }

    [Fact]
    public async Task CreateUnit_InvalidFields_Returns400WithEveryField()
    {
        var admin = await app.SessionAsync("a-admin");
        var response = await admin.PostJsonAsync("/api/units", new CreateUnitRequest(null, " ", null, "省", null));

        var errors = (await response.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
        errors.GetProperty("name")[0].GetString().ShouldBe("单位名称不能为空。");
        errors.GetProperty("parentId")[0].GetString().ShouldBe("请选择上级单位。");
        errors.GetProperty("level")[0].GetString()!.ShouldStartWith("层级须为");
    }

    [Fact]
    public async Task CreateUnit_CountyUnderTown_Returns409WithChineseRule()
    {
        var admin = await app.SessionAsync("a-admin");
        var response = await admin.PostJsonAsync("/api/units", new CreateUnitRequest(app.World.Unit("A-C1-T1").Id, "错层", NewCode(), "County", null));

        var problem = await response.ProblemAsync(HttpStatusCode.Conflict);
        problem.GetProperty("title").GetString().ShouldBe("违反业务规则");
        problem.GetProperty("detail").GetString()!.ShouldContain("县/区不能设在乡镇/街道");
    }

    [Fact]
    public async Task CreateUnit_DuplicateCode_Returns400OnCode()
    {
        var admin = await app.SessionAsync("a-admin");
        var response = await admin.PostJsonAsync("/api/units", new CreateUnitRequest(app.World.Unit("A-C1").Id, "重复", "A-C2", "Town", null));
        var errors = (await response.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
        errors.GetProperty("code")[0].GetString().ShouldBe("单位编码“A-C2”已被使用。");
    }

    [Fact]
    public async Task MoveUnit_UnderItsOwnChild_Returns409()
    {
        var admin = await app.SessionAsync("a-admin");
        var town = await CreateAsync(admin, app.World.Unit("A-C1").Id, "Town");
        var village = await CreateAsync(admin, town.Id, "Village", "社区");

        var response = await admin.PostJsonAsync($"/api/units/{town.Id}/move", new MoveUnitRequest(village.Id));

        (await response.ProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString()!.ShouldContain("不能把");
    }

    [Fact]
    public async Task MoveUnit_ToAnotherTownInScope_ChangesParent()
    {
        var admin = await app.SessionAsync("a-admin");
        var village = await CreateAsync(admin, app.World.Unit("A-C1-T1").Id, "Village", "社区");

        var moved = await (await admin.PostJsonAsync($"/api/units/{village.Id}/move", new MoveUnitRequest(app.World.Unit("A-C1-T2").Id)))
            .ReadAsync<UnitResponse>();

        moved.ParentId.ShouldBe(app.World.Unit("A-C1-T2").Id);
    }

    [Fact]
    public async Task MoveUnit_OutOfScope_Returns400OnParent()
    {
        var admin = await app.SessionAsync("a-admin");
        var village = await CreateAsync(admin, app.World.Unit("A-C1-T1").Id, "Village");
        var response = await admin.PostJsonAsync($"/api/units/{village.Id}/move", new MoveUnitRequest(app.World.Unit("A-C2-T1").Id));
        (await response.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("parentId").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task Deactivate_WithActiveChildren_Returns409_ThenWorksChildFirst()
    {
        var admin = await app.SessionAsync("a-admin");
        var town = await CreateAsync(admin, app.World.Unit("A-C1").Id, "Town");
        var village = await CreateAsync(admin, town.Id, "Village");

        await (await admin.PostAsync($"/api/units/{town.Id}/deactivate", null)).ProblemAsync(HttpStatusCode.Conflict);
        (await (await admin.PostAsync($"/api/units/{village.Id}/deactivate", null)).ReadAsync<UnitResponse>()).IsActive.ShouldBeFalse();
        (await (await admin.PostAsync($"/api/units/{town.Id}/deactivate", null)).ReadAsync<UnitResponse>()).IsActive.ShouldBeFalse();

        var active = await (await admin.GetAsync("/api/units")).ReadAsync<List<UnitResponse>>();
        active.ShouldNotContain(u => u.Id == town.Id);
        var all = await (await admin.GetAsync("/api/units?includeInactive=true")).ReadAsync<List<UnitResponse>>();
        all.ShouldContain(u => u.Id == town.Id);
        await (await admin.PostAsync($"/api/units/{village.Id}/activate", null)).ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task DeleteUnit_WithoutHistory_IsRemoved()
    {
        var admin = await app.SessionAsync("a-admin");
        var town = await CreateAsync(admin, app.World.Unit("A-C1").Id, "Town");

        (await admin.DeleteAsync($"/api/units/{town.Id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await (await admin.GetAsync($"/api/units/{town.Id}")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task DeleteUnit_WithHistoryOrUsers_Returns409()
    {
        var admin = await app.SessionAsync("a-admin");
        var town = await CreateAsync(admin, app.World.Unit("A-C1").Id, "Town");
        (await admin.PutJsonAsync($"/api/units/{town.Id}", new UpdateUnitRequest("改名后", town.Code, "乡镇"))).StatusCode.ShouldBe(HttpStatusCode.OK);

        var problem = await (await admin.DeleteAsync($"/api/units/{town.Id}")).ProblemAsync(HttpStatusCode.Conflict);
        problem.GetProperty("detail").GetString()!.ShouldContain("只能停用");
        await (await admin.DeleteAsync($"/api/units/{app.World.Unit("A-C1-T1").Id}")).ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task UnitScope_UserWithEmptyScope_SeesNothing()
    {
        // A campaign reviewer assigned to no campaign: an empty scope, which must mean no units at all.
        var admin = await app.SessionAsync("a-admin");
        var userName = "nocampaign-" + Guid.NewGuid().ToString("N")[..8];
        var created = await admin.PostJsonAsync("/api/users", new Features.Users.CreateUserRequest(
            userName, "无批次评审员", TestWorld.Password, app.World.Unit("A-C1").Id, "reviewer", ScopeKind.Campaigns, null));
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());

        var reviewer = await app.SignInAsync(userName);
        (await (await reviewer.GetAsync("/api/units")).ReadAsync<List<UnitResponse>>()).ShouldBeEmpty();
        await (await reviewer.GetAsync($"/api/units/{app.World.Unit("A-C1").Id}")).ProblemAsync(HttpStatusCode.NotFound);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class UnitTreeTestsOnSqlite(SqliteApp app) : UnitTreeTests(app);

[Collection(PostgresCollection.Name)]
public sealed class UnitTreeTestsOnPostgres(PostgresApp app) : UnitTreeTests(app);
