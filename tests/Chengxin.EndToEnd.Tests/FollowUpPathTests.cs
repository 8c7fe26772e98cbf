using System.Globalization;
using System.Text;
using Microsoft.Playwright;

namespace Chengxin.EndToEnd.Tests;

/// <summary>
/// The supervision order in the real UI (seed 003 art. 14): the office issues an order to 石门镇, the town's liaison uploads evidence
/// and replies with a rectification report, the office reads the case, verifies it 通过 and prints the order as PDF.
/// </summary>
[Collection(DemoCollection.Name)]
public sealed class FollowUpPathTests(DemoServer server)
{
    private static async Task ShotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(DemoServer.ScreenshotFolder, name + ".png"), FullPage = true });

    [Fact]
    public async Task Order_OfficeIssuesUnitRepliesWithEvidenceOfficeVerifies_EndsPassed()
    {
        var problem = "信用承诺未按期公示" + Guid.NewGuid().ToString("N")[..4];
        var deadline = TimeProvider.System.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).AddDays(10).ToString("yyyy-MM-dd 17:00", CultureInfo.InvariantCulture);

        var office = await Pages.SignedInAsync(server, "admin");
        await Menu.OpenAsync(office, "/follow-up/orders");
        await office.Locator("[data-test=order-table]").WaitForAsync();
        await office.Locator("[data-test=order-issue]").ClickAsync();
        await Pages.ChooseAsync(office, "order-unit", "石门镇");
        await Pages.Input(office, "order-problem").FillAsync(problem);
        await Pages.Input(office, "order-requirement").FillAsync("于期限前在门户网站公示信用承诺，并报送整改报告");
        // Escape would close the dialog with the picker: the date is typed, confirmed, and the picker closed by a click beside it.
        var picker = Pages.Input(office, "order-deadline");
        await picker.ClickAsync();
        await picker.FillAsync(deadline);
        await picker.PressAsync("Enter");
        await office.Locator(".el-dialog__title").ClickAsync();
        await ShotAsync(office, "follow-up-order-form");
        await office.Locator("[data-test=order-issue-submit]").ClickAsync();
        await office.Locator(".el-message--success", new PageLocatorOptions { HasText = "已下发督办单" }).Last.WaitForAsync();
        var issued = office.Locator("[data-test=order-table] .el-table__body tr", new PageLocatorOptions { HasText = problem }).First;
        (await issued.InnerTextAsync()).ShouldContain("待整改");
        await ShotAsync(office, "follow-up-orders");

        var unit = await Pages.SignedInAsync(server, "liaison");
        await Menu.OpenAsync(unit, "/follow-up/orders");
        await unit.Locator("[data-test=order-table] .el-table__body tr", new PageLocatorOptions { HasText = problem }).First
            .Locator("[data-test=order-open]").ClickAsync();
        await unit.Locator("[data-test=order-reply] input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "信用承诺公示截图说明.txt", MimeType = "text/plain", Buffer = Encoding.UTF8.GetBytes("门户网站信用承诺专栏已于本周公示。"),
        });
        await unit.Locator("[data-test=order-pending-evidence]", new PageLocatorOptions { HasText = "信用承诺公示截图说明.txt" }).WaitForAsync();
        await Pages.Input(unit, "order-report").FillAsync("已在门户网站信用承诺专栏公示，并建立承诺公示台账。");
        await ShotAsync(unit, "follow-up-unit-reply");
        await unit.Locator("[data-test=order-reply-submit]").ClickAsync();
        await unit.Locator(".el-message--success", new PageLocatorOptions { HasText = "整改报告已报送" }).Last.WaitForAsync();
        (await unit.Locator("[data-test=order-state]").InnerTextAsync()).ShouldBe("待核验");
        (await unit.Locator("[data-test=order-history]").InnerTextAsync()).ShouldContain("信用承诺公示截图说明.txt");
        await ShotAsync(unit, "follow-up-unit-replied");

        await office.ReloadAsync();
        await office.Locator("[data-test=order-table] .el-table__body tr", new PageLocatorOptions { HasText = problem }).First
            .Locator("[data-test=order-open]").ClickAsync();
        await office.Locator("[data-test=order-verify]").WaitForAsync();
        await Pages.Input(office, "order-verify-reason").FillAsync("公示内容完整，整改到位");
        await ShotAsync(office, "follow-up-office-verify");
        await office.Locator("[data-test=order-verify-submit]").ClickAsync();
        await office.Locator(".el-message--success", new PageLocatorOptions { HasText = "核验结果已保存" }).Last.WaitForAsync();
        (await office.Locator("[data-test=order-state]").InnerTextAsync()).ShouldBe("已通过");
        (await office.Locator("[data-test=order-document]").InnerTextAsync()).ShouldContain("核验通过");
        await ShotAsync(office, "follow-up-office-verified");

        // The order prints with the office's header; the interview record and the referral are not offered before the case reaches them.
        await office.Locator("[data-test=order-print] button").ClickAsync();
        await office.Locator("[data-test=order-print-order-pdf]").WaitForAsync();
        (await office.Locator("[data-test=order-print-interview-pdf]").CountAsync()).ShouldBe(0);
        await ShotAsync(office, "follow-up-office-print");
        var download = await office.RunAndWaitForDownloadAsync(() => office.Locator("[data-test=order-print-order-pdf]").ClickAsync());
        download.SuggestedFilename.ShouldStartWith("督办单〔");
        download.SuggestedFilename.ShouldEndWith("-石门镇.pdf");
    }
}
