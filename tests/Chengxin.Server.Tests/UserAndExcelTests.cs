using System.Net;
using System.Net.Http.Headers;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Auth;
using Chengxin.Server.Features.Units;
using Chengxin.Server.Features.Users;
using Chengxin.Server.Infrastructure;
using Chengxin.Server.Tests.Infrastructure;

namespace Chengxin.Server.Tests;

public abstract class UserAndExcelTests(AppFixture app)
{
    private static ByteArrayContent Sheet(IReadOnlyList<string> header, params string?[][] rows)
    {
        var content = new ByteArrayContent(Xlsx.Write("Sheet1", header, rows));
        content.Headers.ContentType = new MediaTypeHeaderValue(Xlsx.ContentType);
        return content;
    }

    private static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task CreateUser_InOwnSubtree_CanSignInWithTheRole()
    {
        var admin = await app.SessionAsync("a-admin");
        var userName = Unique("new-");
        var created = await (await admin.PostJsonAsync("/api/users", new CreateUserRequest(
            userName, "新联络员", "initial-password-1", app.World.Unit("A-C1-T2").Id, "联络员", null, null))).ReadAsync<UserResponse>();

        created.Role.ShouldBe(Roles.Liaison);
        created.ScopeKind.ShouldBe(ScopeKind.OwnUnit);
        var session = await app.SignInAsync(userName, "initial-password-1");
        var me = await (await session.GetAsync("/api/auth/me")).ReadAsync<AuthEndpoints.MeResponse>();
        me.UnitId.ShouldBe(app.World.Unit("A-C1-T2").Id);
        me.TenantName.ShouldBe("甲市信用办#TA#");
    }

    [Fact]
    public async Task CreateUser_InSiblingCounty_Returns400OnUnit()
    {
        var admin = await app.SessionAsync("a-admin");
        var response = await admin.PostJsonAsync("/api/users", new CreateUserRequest(
            Unique("x-"), "越权", "initial-password-1", app.World.Unit("A-C2").Id, "office-admin", null, null));
        var errors = (await response.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
        errors.GetProperty("unitId")[0].GetString()!.ShouldContain("不在您的权限范围内");
    }

    [Fact]
    public async Task CreateUser_WeakPasswordAndTakenName_Returns400WithChineseMessages()
    {
        var admin = await app.SessionAsync("a-admin");
        var taken = await admin.PostJsonAsync("/api/users", new CreateUserRequest(
            "a-liaison", "重名", "long-enough-password-1", app.World.Unit("A-C1").Id, "liaison", null, null));
        var weak = await admin.PostJsonAsync("/api/users", new CreateUserRequest(
            Unique("weak-"), "弱密码", "short1", app.World.Unit("A-C1").Id, "liaison", null, null));

        (await taken.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("userName")[0].GetString()
            .ShouldBe("用户名“a-liaison”已被使用。");
        (await weak.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("password")[0].GetString()
            .ShouldBe("密码至少需要 10 个字符。");
    }

    [Fact]
    public async Task UpdateUser_RoleChange_EndsTheirSessionAndAppliesAtTheirNextSignIn()
    {
        var admin = await app.SessionAsync("a-admin");
        var userName = Unique("promote-");
        var created = await (await admin.PostJsonAsync("/api/users", new CreateUserRequest(
            userName, "待升级", TestWorld.Password, app.World.Unit("A-C1-T1").Id, "liaison", null, null))).ReadAsync<UserResponse>();
        var session = await app.SignInAsync(userName);
        await (await session.GetAsync("/api/users")).ProblemAsync(HttpStatusCode.Forbidden);

        (await admin.PutJsonAsync($"/api/users/{created.Id}", new UpdateUserRequest("已升级", app.World.Unit("A-C1-T1").Id, "office-admin", null, null)))
            .EnsureSuccessStatusCode();

        // A changed access renews the account's security stamp, which every request checks (issue 12 F10).
        await (await session.GetAsync("/api/users")).ProblemAsync(HttpStatusCode.Unauthorized);
        var again = await app.SignInAsync(userName);
        var users = await (await again.GetAsync("/api/users")).ReadAsync<List<UserResponse>>();
        users.ShouldContain(u => u.UserName == userName);
    }

    [Fact]
    public async Task DisableSelf_Returns409()
    {
        var admin = await app.SessionAsync("a-admin");
        var problem = await (await admin.PostAsync($"/api/users/{app.World.Users["a-admin"].Id}/disable", null)).ProblemAsync(HttpStatusCode.Conflict);
        problem.GetProperty("detail").GetString().ShouldBe("不能停用自己的账户。");
    }

    [Fact]
    public async Task ExportUnits_ThenImport_CreatesAndUpdatesByCode()
    {
        var admin = await app.SessionAsync("a-admin");
        var exported = Xlsx.Read(await (await admin.GetAsync("/api/units/export")).Content.ReadAsStreamAsync());
        exported[0].ShouldBe(ImportExportUnits.Header);
        exported.ShouldContain(r => r[0] == "A-C1-T1" && r[2] == "A-C1" && r[3] == "乡镇/街道" && r[4] == "乡镇");
        exported.ShouldNotContain(r => r[0] == "A-C2");
        exported.Single(r => r[0] == "A-C1")[2].ShouldBe("");

        var town = Unique("IT");
        var village = Unique("IV");
        var response = await admin.PostAsync("/api/units/import", Sheet(ImportExportUnits.Header,
            [town, "导入镇", "A-C1", "乡镇", "乡镇"],
            [village, "导入社区", town, "村/社区", "社区"],
            ["A-C1-T2", "单位#A-C1-T2#", "A-C1", "乡镇/街道", "街道"]));

        var result = await response.ReadAsync<ImportResult>();
        result.ShouldBe(new ImportResult(2, 1));
        var units = await (await admin.GetAsync("/api/units")).ReadAsync<List<UnitResponse>>();
        var imported = units.Single(u => u.Code == village);
        imported.ParentId.ShouldBe(units.Single(u => u.Code == town).Id);
        imported.Level.ShouldBe(UnitLevel.Village);
    }

    [Fact]
    public async Task ImportUnits_BadRows_Returns400PerRowAndSavesNothing()
    {
        var admin = await app.SessionAsync("a-admin");
        var good = Unique("OK");
        var response = await admin.PostAsync("/api/units/import", Sheet(ImportExportUnits.Header,
            [good, "好行", "A-C1", "乡镇", null],
            [Unique("BAD"), "越权", "A-C2", "乡镇", null],
            [Unique("BAD"), "坏层级", "A-C1", "省", null]));

        var errors = (await response.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
        errors.GetProperty("row3")[0].GetString()!.ShouldContain("不在您的权限范围内");
        errors.GetProperty("row4")[0].GetString()!.ShouldContain("层级“省”无效");
        var units = await (await admin.GetAsync("/api/units")).ReadAsync<List<UnitResponse>>();
        units.ShouldNotContain(u => u.Code == good);
    }

    [Fact]
    public async Task ImportUnits_NotAnExcelFile_Returns400WithChineseMessage()
    {
        var admin = await app.SessionAsync("a-admin");
        var content = new ByteArrayContent("not a workbook"u8.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue(Xlsx.ContentType);
        // The file is the request's fault, not a broken rule (issue 12, F11): 400 on "file", as every unusable upload.
        var problem = await (await admin.PostAsync("/api/units/import", content)).ProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").GetProperty("file")[0].GetString().ShouldBe("文件不是有效的 Excel（.xlsx）工作簿，请用 Excel 另存为 .xlsx 后重新上传。");
    }

    [Fact]
    public async Task ImportUsers_NewAccounts_GetInitialPasswordsThatWork()
    {
        var admin = await app.SessionAsync("a-admin");
        var userName = Unique("imp-");
        var response = await admin.PostAsync("/api/users/import", Sheet(ImportExportUsers.Header,
            [userName, "导入用户", "A-C1-T2", "联络员", null],
            ["u-a-c1-t1", "改名的联络员#u-A-C1-T1#", "A-C1-T1", "联络员", null]));

        var result = await response.ReadAsync<UserImportResult>();
        result.Created.ShouldBe(1);
        result.Updated.ShouldBe(1);
        var session = await app.SignInAsync(userName, result.NewAccounts.Single().InitialPassword);
        (await (await session.GetAsync("/api/auth/me")).ReadAsync<AuthEndpoints.MeResponse>()).DisplayName.ShouldBe("导入用户");

        var exported = Xlsx.Read(await (await admin.GetAsync("/api/users/export")).Content.ReadAsStreamAsync());
        exported[0].ShouldBe(ImportExportUsers.Header);
        exported.ShouldContain(r => r[0] == userName && r[2] == "A-C1-T2" && r[3] == "联络员");
        exported.ShouldNotContain(r => r[2] == "A-C2");
    }

    [Fact]
    public async Task ImportUsers_TakenNameOutsideScope_Returns400()
    {
        var admin = await app.SessionAsync("a-admin");
        var response = await admin.PostAsync("/api/users/import", Sheet(ImportExportUsers.Header, ["u-a-c2", "抢注", "A-C1", "联络员", null]));
        (await response.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("row2")[0].GetString()!.ShouldContain("已被使用");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class UserAndExcelTestsOnSqlite(SqliteApp app) : UserAndExcelTests(app);

[Collection(PostgresCollection.Name)]
public sealed class UserAndExcelTestsOnPostgres(PostgresApp app) : UserAndExcelTests(app);
