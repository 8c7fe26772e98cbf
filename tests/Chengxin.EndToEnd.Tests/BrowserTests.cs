using System.IO.Compression;
using System.Text.RegularExpressions;
using Chengxin.Server.Demo;
using Microsoft.Playwright;

namespace Chengxin.EndToEnd.Tests;

/// <summary>Each role's main path in the real UI, with a screenshot of every screen it passes.</summary>
[Collection(DemoCollection.Name)]
public sealed partial class BrowserTests(DemoServer server)
{
    private const string Xss = "<img src=x onerror=window.__xss=1>测试单位";

    private static async Task ShotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(DemoServer.ScreenshotFolder, name + ".png"), FullPage = true });

    private static async Task SignInAsync(IPage page, string userName, string password = DemoSeeder.Password)
    {
        await page.GotoAsync("/login");
        await page.Locator("[data-test=login-user]").FillAsync(userName);
        await page.Locator("[data-test=login-password]").FillAsync(password);
        await page.Locator("[data-test=login-submit]").ClickAsync();
    }

    private static async Task<bool> XssRanAsync(IPage page) =>
        await page.EvaluateAsync<bool>("() => window.__xss !== undefined");

    [Fact]
    public async Task Admin_ManagesUnitsReadsASchemeAndVerifiesTheAuditChain()
    {
        var page = await server.NewPageAsync();
        await SignInAsync(page, "admin");
        await page.Locator("[data-test=home-welcome]").WaitForAsync();
        (await page.Locator("[data-test=home-welcome]").InnerTextAsync()).ShouldContain("张晓明");
        (await page.Locator("[data-test=header-user]").InnerTextAsync()).ShouldBe("张晓明");
        await page.Locator("[data-test=stat-units]").WaitForAsync();
        await ShotAsync(page, "01-admin-home");

        // The unit tree, then a unit whose name is an XSS payload: it must show as text and never run.
        await page.Locator("[data-test='menu-/units']").ClickAsync();
        await page.Locator("[data-test=unit-tree]").GetByText("青石县", new() { Exact = true }).WaitForAsync();
        await page.Locator("[data-test=unit-create]").ClickAsync();
        var dialog = page.Locator("[data-test=unit-dialog]");
        await dialog.Locator("[data-test=unit-name]").FillAsync(Xss);
        await dialog.Locator("[data-test=unit-code]").FillAsync("YC-D-E2E");
        await dialog.Locator("[data-test=unit-level]").ClickAsync();
        await page.Locator(".el-select-dropdown__item:visible", new PageLocatorOptions { HasText = "部门" }).ClickAsync();
        await ShotAsync(page, "02-admin-unit-create-dialog");
        await dialog.Locator("[data-test=unit-save]").ClickAsync();
        await dialog.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Hidden });

        await page.Locator("[data-test=unit-search]").FillAsync("YC-D-E2E");
        await page.Locator("[data-test=unit-search]").PressAsync("Enter");
        var row = page.Locator("[data-test=unit-table] .el-table__body tr", new PageLocatorOptions { HasText = "YC-D-E2E" });
        await row.WaitForAsync();
        (await row.Locator("td").Nth(1).InnerTextAsync()).ShouldBe(Xss);
        (await page.Locator("[data-test=unit-table] img").CountAsync()).ShouldBe(0);
        (await XssRanAsync(page)).ShouldBeFalse();
        await ShotAsync(page, "03-admin-unit-created-xss-as-text");

        await row.Locator("[data-test=unit-edit]").ClickAsync();
        await dialog.Locator("[data-test=unit-name]").FillAsync(Xss + "（已改）");
        await dialog.Locator("[data-test=unit-save]").ClickAsync();
        await dialog.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Hidden });
        (await row.Locator("td").Nth(1).InnerTextAsync()).ShouldBe(Xss + "（已改）");
        (await XssRanAsync(page)).ShouldBeFalse();

        // Excel export: a real XLSX (a zip with the OpenXML parts) that lists the new unit.
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-test=unit-export]").ClickAsync());
        download.SuggestedFilename.ShouldEndWith(".xlsx");
        var file = Path.Combine(server.DataFolder, "units.xlsx");
        await download.SaveAsAsync(file);
        using (var zip = ZipFile.OpenRead(file))
        {
            zip.GetEntry("[Content_Types].xml").ShouldNotBeNull();
            var sheetText = string.Join("", zip.Entries.Where(e => e.FullName.StartsWith("xl/", StringComparison.Ordinal) && e.FullName.EndsWith(".xml", StringComparison.Ordinal))
                .Select(e => new StreamReader(e.Open()).ReadToEnd()));
            sheetText.ShouldContain("YC-D-E2E");
        }

        // A built-in scheme: its tree in seed order, the lint report and the chart of category maxima.
        await page.Locator("[data-test='menu-/schemes']").ClickAsync();
        await page.Locator("[data-test=scheme-open]").First.ClickAsync();
        await page.Locator("[data-test=scheme-title]").WaitForAsync();
        await page.Locator("[data-test=scheme-tree] .el-table__body tr").First.WaitForAsync();
        (await page.Locator("[data-test=scheme-chart] canvas").CountAsync()).ShouldBeGreaterThan(0);
        await ShotAsync(page, "04-admin-scheme-tree");
        await page.Locator("[data-test=lint-tab]").ClickAsync();
        await page.Locator("[data-test=lint-table] .el-table__body tr").First.WaitForAsync();
        (await page.Locator("[data-test=lint-table]").InnerTextAsync()).ShouldContain("已处理");
        await ShotAsync(page, "05-admin-scheme-lint");

        await page.Locator("[data-test='menu-/audit']").ClickAsync();
        await page.Locator("[data-test=audit-table] .el-table__body tr").First.WaitForAsync();
        await page.Locator("[data-test=audit-verify]").ClickAsync();
        var verdict = page.Locator("[data-test=audit-verdict]");
        await verdict.WaitForAsync();
        (await verdict.InnerTextAsync()).ShouldContain("审计链完整");
        (await XssRanAsync(page)).ShouldBeFalse();
        await ShotAsync(page, "06-admin-audit-verified");
    }

    [Fact]
    public async Task Admin_SessionExpiresMidForm_SignsInAgainAndTheDraftIsSaved()
    {
        var page = await server.NewPageAsync();
        await SignInAsync(page, "admin");
        await page.Locator("[data-test=home-welcome]").WaitForAsync();
        await page.Locator("[data-test='menu-/users']").ClickAsync();
        var table = page.Locator("[data-test=user-table]");
        await table.GetByText("王芳").WaitForAsync();
        await ShotAsync(page, "09-admin-users");

        await page.Locator("[data-test=user-create]").ClickAsync();
        var dialog = page.Locator("[data-test=user-dialog]");
        await dialog.Locator("[data-test=user-username]").FillAsync("e2e-draft");
        await dialog.Locator("[data-test=user-displayname]").FillAsync("草稿用户<b>粗</b>");
        await dialog.Locator("input[type=password]").FillAsync("draft-password-2026");

        // The session ends while the form is open: saving asks to sign in again, then goes through.
        await page.Context.ClearCookiesAsync();
        await dialog.Locator("[data-test=user-save]").ClickAsync();
        var relogin = page.Locator("[data-test=relogin-password]");
        await relogin.WaitForAsync();
        (await dialog.Locator("[data-test=user-username]").InputValueAsync()).ShouldBe("e2e-draft");
        await ShotAsync(page, "10-admin-session-expired-relogin");
        await relogin.FillAsync(DemoSeeder.Password);
        await page.Locator("[data-test=relogin-submit]").ClickAsync();

        await dialog.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Hidden });
        await page.Locator("[data-test=user-search]").FillAsync("e2e-draft");
        var row = table.Locator(".el-table__body tr", new LocatorLocatorOptions { HasText = "e2e-draft" });
        await row.WaitForAsync();
        (await row.InnerTextAsync()).ShouldContain("草稿用户<b>粗</b>");
        (await table.Locator("b").CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Liaison_SeesOnlyItsOwnUnitAndNoAdminMenus()
    {
        var page = await server.NewPageAsync();
        await SignInAsync(page, "liaison");
        await page.Locator("[data-test=home-welcome]").WaitForAsync();
        (await page.Locator("[data-test='menu-/users']").CountAsync()).ShouldBe(0);
        (await page.Locator("[data-test='menu-/audit']").CountAsync()).ShouldBe(0);
        await ShotAsync(page, "07-liaison-home");

        await page.Locator("[data-test='menu-/units']").ClickAsync();
        var rows = page.Locator("[data-test=unit-table] .el-table__body tr");
        await rows.First.WaitForAsync();
        (await rows.CountAsync()).ShouldBe(1);
        (await rows.First.InnerTextAsync()).ShouldContain("石门镇");
        (await page.Locator("[data-test=unit-create]").CountAsync()).ShouldBe(0);
        await ShotAsync(page, "08-liaison-units");
    }

    [Fact]
    public async Task WrongPassword_ShowsTheServersChineseError()
    {
        var page = await server.NewPageAsync();
        await SignInAsync(page, "admin", "not-the-password");
        var error = page.Locator("[data-test=login-error]");
        await error.WaitForAsync();
        (await error.InnerTextAsync()).ShouldContain("用户名或密码错误");
        ChineseText().IsMatch(await page.Locator("h1").InnerTextAsync()).ShouldBeTrue();
        await ShotAsync(page, "00-login-wrong-password");
    }

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex ChineseText();
}
