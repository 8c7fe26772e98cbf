using System.Text;
using Microsoft.Playwright;

namespace Chengxin.EndToEnd.Tests;

/// <summary>
/// The monitoring pages in the real UI: the office imports a dishonesty list, screens it and finds the unit it names in the
/// candidate queue, dismisses it with a reason; a complaint is recorded and verified 属实 in the register.
/// </summary>
[Collection(DemoCollection.Name)]
public sealed class MonitoringPathTests(DemoServer server)
{
    private static async Task ShotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(DemoServer.ScreenshotFolder, name + ".png"), FullPage = true });

    [Fact]
    public async Task Office_ImportsAListScreensItAndDismissesTheCandidate_ThenVerifiesAComplaint()
    {
        var page = await Pages.SignedInAsync(server, "admin");
        var units = await Pages.ApiAsync(page, "GET", "/api/units");
        var unit = units.EnumerateArray().First(u => u.GetProperty("level").GetString() == "Department");
        var unitName = unit.GetProperty("name").GetString()!;

        await Menu.OpenAsync(page, "/monitoring/lists");
        await page.Locator("[data-test=lists-tabs] .el-tabs__item", new PageLocatorOptions { HasText = "名单导入记录" }).ClickAsync();
        await ShotAsync(page, "monitoring-lists");
        await Pages.PickDateAsync(page, "snapshot-date", "2026-02-28");
        await page.Locator("[data-test=snapshot-upload] input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "失信被执行人名单.csv", MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes($"被执行人姓名/名称,身份证号码/组织机构代码\n{unitName},\n张某,2301****1234\n"),
        });
        // One bad row refuses the file: the row and the reason are listed, nothing is imported.
        await page.Locator("[data-test=snapshot-errors]").WaitForAsync();
        (await page.Locator("[data-test=snapshot-errors]").InnerTextAsync()).ShouldContain("遮挡的证件号码应为 18 位");
        await ShotAsync(page, "monitoring-list-errors");

        await page.Locator("[data-test=snapshot-upload] input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "失信被执行人名单.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes($"被执行人姓名/名称\n{unitName}\n"),
        });
        var row = page.Locator("[data-test=snapshot-table] .el-table__body tr", new PageLocatorOptions { HasText = "失信被执行人名单.csv" }).First;
        await row.Locator("[data-test=snapshot-screen]").ClickAsync();
        await page.Locator(".el-message-box__btns .el-button--primary").ClickAsync();
        await page.Locator("[data-test=screening-changes]").WaitForAsync();
        (await page.Locator("[data-test=screening-changes]").InnerTextAsync()).ShouldContain(unitName);
        await ShotAsync(page, "monitoring-list-screened");

        await page.Locator("[data-test=lists-tabs] .el-tabs__item", new PageLocatorOptions { HasText = "待确认" }).ClickAsync();
        var candidate = page.Locator("[data-test=hit-queue] .el-table__body tr", new PageLocatorOptions { HasText = unitName }).First;
        await ShotAsync(page, "monitoring-candidate-queue");
        await candidate.Locator("[data-test=hit-dismiss]").ClickAsync();
        await Pages.Input(page, "decide-reason").FillAsync("同名，统一社会信用代码不符");
        await page.Locator("[data-test=decide-submit]").ClickAsync();
        await page.Locator(".el-message--success", new PageLocatorOptions { HasText = "已处理" }).Last.WaitForAsync();

        await Pages.ApiAsync(page, "POST", "/api/events", new
        {
            kind = "Complaint", source = "12345热线", occurredOn = "2026-02-20", content = "窗口办事推诿，多次往返", category = "政务公开",
            unitIds = new[] { unit.GetProperty("id").GetInt64() },
        });
        await Menu.OpenAsync(page, "/monitoring/events");
        var complaint = page.Locator("[data-test=event-table] .el-table__body tr", new PageLocatorOptions { HasText = "窗口办事推诿" }).First;
        await complaint.Locator("[data-test=event-verify]").ClickAsync();
        await Pages.Input(page, "verify-reason").FillAsync("电话回访当事人，情况属实");
        await page.Locator("[data-test=verify-submit]").ClickAsync();
        await page.Locator(".el-message--success", new PageLocatorOptions { HasText = "已核实" }).Last.WaitForAsync();
        await page.Locator("[data-test=verify-submit]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Hidden });
        await complaint.Locator("[data-test=event-verify]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached });
        (await complaint.InnerTextAsync()).ShouldContain("属实");
        await ShotAsync(page, "monitoring-events");
    }
}
