using System.IO.Compression;
using System.Security.Cryptography;
using Chengxin.Server.Demo;
using Chengxin.Server.Infrastructure;
using Microsoft.Playwright;

namespace Chengxin.EndToEnd.Tests;

/// <summary>
/// The collection path in the real UI: the liaison's table (附件3) and letter (附件2) with its scan, the data provider's
/// grid with its Excel round trip, and the office's list of both; user-typed markup stays text throughout.
/// </summary>
[Collection(DemoCollection.Name)]
public sealed class CollectPathTests(DemoServer server)
{
    private const string Xss = "<img src=x onerror=\"window.__xss=1\">";
    private const string Campaign = "2026年第一季度乡镇（街道）政务诚信评价";

    // A 1×1 PNG: the server recognises scans by their bytes, not by their names.
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    private static async Task ShotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(DemoServer.ScreenshotFolder, name + ".png"), FullPage = true });

    private static async Task SignInAsync(IPage page, string userName)
    {
        await page.GotoAsync("/login");
        await page.Locator("[data-test=login-user]").FillAsync(userName);
        await page.Locator("[data-test=login-password]").FillAsync(DemoSeeder.Password);
        await page.Locator("[data-test=login-submit]").ClickAsync();
        await page.Locator("[data-test=home-welcome]").WaitForAsync();
    }

    private static async Task<bool> XssRanAsync(IPage page) => await page.EvaluateAsync<bool>("() => window.__xss !== undefined");

    /// <summary>From the menu to the campaign's row in the collection list, then one of its pages.</summary>
    private static async Task OpenAsync(IPage page, string action)
    {
        await page.Locator("[data-test='menu-/collect']").ClickAsync();
        var row = page.Locator("[data-test=collect-campaigns] .el-table__body tr", new PageLocatorOptions { HasText = Campaign });
        await row.Locator($"[data-test={action}]").ClickAsync();
    }

    [Fact]
    public async Task Liaison_FillsTheTableAcceptsTheLetterAndUploadsTheScan_OfficeSeesBothAsText()
    {
        var page = await server.NewPageAsync();
        await SignInAsync(page, "liaison");
        await OpenAsync(page, "open-liaison-table");
        await page.Locator("[data-test=liaison-status]").WaitForAsync();
        (await page.Locator("[data-test=liaison-status]").InnerTextAsync()).ShouldContain("未报送");

        // A wrong mobile number: the server's Chinese message appears next to the field, and nothing is saved.
        await page.Locator("[data-test=liaison-name]").FillAsync(Xss);
        await page.Locator("[data-test=liaison-title]").FillAsync(Xss);
        await page.Locator("[data-test=liaison-landline]").FillAsync("0456-8221234");
        await page.Locator("[data-test=liaison-mobile]").FillAsync("12345");
        await page.Locator("[data-test=liaison-email]").FillAsync("wangfang@example.cn");
        await page.Locator("[data-test=liaison-save]").ClickAsync();
        var mobileError = page.Locator(".el-form-item", new PageLocatorOptions { Has = page.Locator("[data-test=liaison-mobile]") }).Locator(".el-form-item__error");
        await mobileError.WaitForAsync();
        (await mobileError.InnerTextAsync()).ShouldContain("手机号码「12345」格式不正确");
        (await page.Locator("[data-test=liaison-status]").InnerTextAsync()).ShouldContain("未报送");
        await ShotAsync(page, "collect-01-liaison-table-bad-mobile");

        await page.Locator("[data-test=liaison-mobile]").FillAsync("13800001234");
        await page.Locator("[data-test=liaison-save]").ClickAsync();
        await page.Locator("[data-test=liaison-status]").GetByText("按时").WaitForAsync();
        // The field's error fades out once the server takes the table.
        await mobileError.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached });
        (await page.Locator("[data-test=liaison-name]").InputValueAsync()).ShouldBe(Xss);
        (await XssRanAsync(page)).ShouldBeFalse();
        await ShotAsync(page, "collect-02-liaison-table-saved");

        // The letter is text; accepting fixes it, and only then may the stamped scan be uploaded.
        await OpenAsync(page, "open-letter");
        var text = page.Locator("[data-test=letter-text]");
        await text.WaitForAsync();
        (await text.InnerTextAsync()).ShouldContain("石门镇");
        (await page.Locator("[data-test=letter-status]").InnerTextAsync()).ShouldBe("待确认");
        await ShotAsync(page, "collect-03-letter");
        await page.Locator("[data-test=letter-accept]").ClickAsync();
        await page.Locator(".el-message-box__btns .el-button--primary").ClickAsync();
        await page.Locator("[data-test=letter-status]").GetByText("已确认（待上传盖章件）").WaitForAsync();

        var scan = Path.Combine(server.DataFolder, "承诺书盖章件.png");
        await File.WriteAllBytesAsync(scan, Png);
        await page.Locator("[data-test=letter-upload] input[type=file]").SetInputFilesAsync(scan);
        var hash = page.Locator("[data-test=letter-sha256]");
        await hash.WaitForAsync();
        (await hash.InnerTextAsync()).ShouldBe(Convert.ToHexStringLower(SHA256.HashData(Png)));
        (await page.Locator("[data-test=letter-status]").InnerTextAsync()).ShouldBe("已上传盖章件");
        (await page.Locator("[data-test=letter-receipt]").InnerTextAsync()).ShouldContain("承诺书盖章件.png");
        await ShotAsync(page, "collect-04-letter-scan-receipt");

        // The office's list: the payload typed as a name is shown as text, never as an image that runs script.
        var admin = await server.NewPageAsync();
        await SignInAsync(admin, "admin");
        await OpenAsync(admin, "open-letters");
        var tables = admin.Locator("[data-test=tables-table]");
        var row = tables.Locator(".el-table__body tr", new LocatorLocatorOptions { HasText = "石门镇" });
        await row.GetByText("13800001234").WaitForAsync();
        (await row.InnerTextAsync()).ShouldContain(Xss);
        (await tables.Locator("img").CountAsync()).ShouldBe(0);
        (await XssRanAsync(admin)).ShouldBeFalse();
        await ShotAsync(admin, "collect-05-office-liaison-tables");

        var download = await admin.RunAndWaitForDownloadAsync(() => admin.Locator("[data-test=tables-export]").ClickAsync());
        download.SuggestedFilename.ShouldEndWith(".xlsx");
        var file = Path.Combine(server.DataFolder, "liaison-tables.xlsx");
        await download.SaveAsAsync(file);
        await using (var stream = File.OpenRead(file))
            Xlsx.Read(stream).ShouldContain(r => r.Contains("石门镇") && r.Contains("13800001234"));

        await admin.GetByRole(AriaRole.Tab, new() { Name = "承诺书状态" }).ClickAsync();
        var letters = admin.Locator("[data-test=letters-table] .el-table__body tr", new PageLocatorOptions { HasText = "石门镇" });
        await letters.GetByText("已上传盖章件").WaitForAsync();
        (await letters.InnerTextAsync()).ShouldContain(Convert.ToHexStringLower(SHA256.HashData(Png)));
        await ShotAsync(admin, "collect-06-office-letter-status");
    }

    [Fact]
    public async Task Provider_FillsItsGridExportsItAndImportsItBack_BadCellsNamedByUnitAndFieldWhileTheGoodOnesAreSaved()
    {
        const string label = "按时向县信用办报送的工作总结、工作简报、宣传稿件篇数";
        var page = await server.NewPageAsync();
        await SignInAsync(page, "credit-provider");
        await OpenAsync(page, "open-provider-grid");
        var table = page.Locator("[data-test=grid-table]");
        var town = table.Locator(".el-table__body tr", new LocatorLocatorOptions { HasText = "石门镇" });
        var cell = town.Locator("[data-test$=-reports_on_time]");
        await cell.WaitForAsync();
        (await page.Locator("[data-test=grid-title]").InnerTextAsync()).ShouldContain("县信用办");
        // Columns by their labels, units by name: no fact key, no id column.
        var head = await table.Locator(".el-table__header").InnerTextAsync();
        head.ShouldContain(label);
        head.ShouldNotContain("reports_on_time");
        head.ShouldNotContain("ID");
        var rows = table.Locator(".el-table__body tr");
        var otherTown = rows.Filter(new LocatorFilterOptions { HasNotText = "石门镇" }).First;
        var otherCell = otherTown.Locator("[data-test$=-reports_on_time]");

        // Words in one cell, full-width digits in another: the words are refused beside their cell and listed by unit and
        // field, while the good cell is saved.
        await cell.FillAsync("七篇");
        await otherCell.FillAsync("５");
        await page.Locator("[data-test=grid-save]").ClickAsync();
        await otherTown.GetByText("吴强").WaitForAsync();
        await town.GetByText("「七篇」不是数值，应填不小于 0 的整数。").WaitForAsync();
        (await page.Locator("[data-test=grid-problems]").InnerTextAsync()).ShouldContain($"「石门镇」的「{label}」：「七篇」不是数值");
        (await cell.InputValueAsync()).ShouldBe("七篇");
        await Expect(otherCell, "5");
        await ShotAsync(page, "collect-07a-provider-grid-bad-cell-good-saved");

        await cell.FillAsync("7");
        await page.Locator("[data-test=grid-save]").ClickAsync();
        await town.GetByText("吴强").WaitForAsync();
        (await page.Locator("[data-test=grid-dirty]").CountAsync()).ShouldBe(0);
        (await page.Locator("[data-test=grid-problems]").CountAsync()).ShouldBe(0);
        await ShotAsync(page, "collect-07-provider-grid-saved");

        // Submitting with empty cells: refused in the browser, each empty cell named.
        await page.Locator("[data-test=grid-submit]").ClickAsync();
        var problems = page.Locator("[data-test=grid-problems]");
        await problems.GetByText("尚未填写").First.WaitForAsync();
        (await problems.InnerTextAsync()).ShouldContain("不能提交");
        (await page.Locator("[data-test=grid-round]").InnerTextAsync()).ShouldBe("0");

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-test=grid-export]").ClickAsync());
        download.SuggestedFilename.ShouldBe($"数据来源表-县信用办-{Campaign}.xlsx");
        var file = Path.Combine(server.DataFolder, "grid.xlsx");
        await download.SaveAsAsync(file);
        IReadOnlyList<IReadOnlyList<string>> sheet;
        await using (var stream = File.OpenRead(file))
            sheet = Xlsx.Read(stream);
        var header = sheet[0];
        header.Take(2).ShouldBe(["单位名称", "单位编码"]);
        var column = header.ToList().IndexOf(label);
        column.ShouldBeGreaterThan(1);
        var shimen = sheet.Single(r => r.Count > 1 && r[0] == "石门镇");
        shimen[column].ShouldBe("7");

        // A bad cell in the file: the other rows are imported, and the message names the row, the column, the unit and the field.
        var others = sheet.Skip(1).Where(r => r[0] != "石门镇").ToList();
        var bad = Xlsx.Write("数据来源", header.ToList(),
            [[shimen[0], shimen[1], "9"], [others[0][0], others[0][1], "四篇"]]);
        var badFile = Path.Combine(server.DataFolder, "grid-bad.xlsx");
        await File.WriteAllBytesAsync(badFile, bad);
        await page.Locator("[data-test=grid-import] input[type=file]").SetInputFilesAsync(badFile);
        await problems.GetByText("已导入 1 个单元格").WaitForAsync();
        var message = await problems.InnerTextAsync();
        message.ShouldContain($"第 3 行第 {column + 1} 列：「{others[0][0]}」的「{label}」：「四篇」不是数值");
        await Expect(cell, "9");
        await ShotAsync(page, "collect-08-provider-import-errors");

        // All or nothing: the same kind of file changes nothing.
        await page.Locator("[data-test=grid-all-or-nothing]").ClickAsync();
        var bad2 = Xlsx.Write("数据来源", header.ToList(), [[shimen[0], shimen[1], "6"], [others[0][0], others[0][1], "四篇"]]);
        await File.WriteAllBytesAsync(badFile, bad2);
        await page.Locator("[data-test=grid-import] input[type=file]").SetInputFilesAsync(badFile);
        await problems.GetByText("整表未导入").WaitForAsync();
        // The checkbox's explanation stays open under the pointer; move it away so the picture shows the list.
        await page.Mouse.MoveAsync(700, 700);
        (await cell.InputValueAsync()).ShouldBe("9");
        await ShotAsync(page, "collect-08b-provider-import-all-or-nothing");

        // The exported file, every cell answered, comes back in whole.
        var good = Xlsx.Write("数据来源", header.ToList(),
            sheet.Skip(1).Select(r => (IReadOnlyList<string?>)r.Select((v, i) => i != column ? v : r[0] == "石门镇" ? "8" : "3").ToList()));
        var goodFile = Path.Combine(server.DataFolder, "grid-good.xlsx");
        await File.WriteAllBytesAsync(goodFile, good);
        await page.Locator("[data-test=grid-import] input[type=file]").SetInputFilesAsync(goodFile);
        await page.WaitForFunctionAsync("() => document.querySelector('[data-test=grid-problems]') === null");
        await Expect(cell, "8");

        await page.Locator("[data-test=grid-submit]").ClickAsync();
        await page.Locator(".el-message-box__btns .el-button--primary").ClickAsync();
        await page.Locator("[data-test=grid-round]").GetByText("1").WaitForAsync();
        await page.Locator("[data-test=grid-status]").GetByText("未报送").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached });
        (await page.Locator("[data-test=grid-status]").InnerTextAsync()).ShouldContain("按时");
        (await XssRanAsync(page)).ShouldBeFalse();
        await ShotAsync(page, "collect-09-provider-grid-submitted");
    }

    private static async Task Expect(ILocator input, string value)
    {
        for (var i = 0; i < 50 && await input.InputValueAsync() != value; i++)
            await Task.Delay(100);
        (await input.InputValueAsync()).ShouldBe(value);
    }
}
