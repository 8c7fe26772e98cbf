using Chengxin.Server.Infrastructure;
using Microsoft.Playwright;

namespace Chengxin.EndToEnd.Tests;

/// <summary>
/// Monitoring reaches 我的待办 and takes workbooks from the page: the office imports a list and the hired staff as .xlsx, screens,
/// and finds 「名单比对待确认」 and 「投诉舆情待核实」 among its tasks, each leading to where it is done.
/// </summary>
[Collection(DemoCollection.Name)]
public sealed class MonitoringTasksPathTests(DemoServer server)
{
    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static async Task ShotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            // Element Plus tags zoom in: a finished transition shows them as a user sees them.
            Path = Path.Combine(DemoServer.ScreenshotFolder, name + ".png"), FullPage = true, Animations = ScreenshotAnimations.Disabled,
        });

    /// <summary>A 公民身份号码 that passes its GB 11643 check character, different on every run.</summary>
    private static string IdNumber()
    {
        int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        var body = $"23010219{Random.Shared.Next(70, 100)}0{Random.Shared.Next(1, 10)}1{Random.Shared.Next(0, 10)}{Random.Shared.Next(100, 1000)}";
        return body + "10X98765432"[body.Select((c, i) => (c - '0') * weights[i]).Sum() % 11];
    }

    [Fact]
    public async Task Office_ImportsWorkbooksFromThePage_AndItsTasksLeadToTheQueueAndTheRegister()
    {
        var page = await Pages.SignedInAsync(server, "admin");
        var units = await Pages.ApiAsync(page, "GET", "/api/units");
        var unit = units.EnumerateArray().Last(u => u.GetProperty("level").GetString() == "Department");
        var unitName = unit.GetProperty("name").GetString()!;

        await Menu.OpenAsync(page, "/monitoring/lists");
        await page.Locator("[data-test=lists-tabs] .el-tabs__item", new PageLocatorOptions { HasText = "录用、调任人员" }).ClickAsync();
        await page.Locator("[data-test=person-import]").WaitForAsync();
        await page.Locator(".inline-upload input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "录用调任人员.xlsx", MimeType = XlsxType,
            Buffer = Xlsx.Write("Sheet1", ["姓名", "身份证号码", "单位", "类别", "日期"], [["周某", IdNumber(), unitName, "录用", "2026-01-05"]]),
        });
        await page.Locator(".el-message--success", new PageLocatorOptions { HasText = "已导入 1 名人员" }).Last.WaitForAsync();
        await page.Locator("[data-test=person-table] .el-table__body tr", new PageLocatorOptions { HasText = "周某" }).First.WaitForAsync();
        await ShotAsync(page, "monitoring-persons-imported");

        await page.Locator("[data-test=lists-tabs] .el-tabs__item", new PageLocatorOptions { HasText = "名单导入记录" }).ClickAsync();
        await Pages.PickDateAsync(page, "snapshot-date", "2026-03-01");
        await page.Locator("[data-test=snapshot-upload] input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "失信名单工作簿.xlsx", MimeType = XlsxType, Buffer = Xlsx.Write("Sheet1", ["序号", "被执行人姓名/名称"], [[1, unitName]]),
        });
        var row = page.Locator("[data-test=snapshot-table] .el-table__body tr", new PageLocatorOptions { HasText = "失信名单工作簿.xlsx" }).First;
        await row.Locator("[data-test=snapshot-screen]").ClickAsync();
        await page.Locator(".el-message-box__btns .el-button--primary").ClickAsync();
        await page.Locator("[data-test=screening-changes]").WaitForAsync();

        await Pages.ApiAsync(page, "POST", "/api/events", new
        {
            kind = "Opinion", source = "网络舆情监测", occurredOn = "2026-03-02", content = "网传某局承诺事项未兑现", category = "失信违诺",
            unitIds = new[] { unit.GetProperty("id").GetInt64() },
        });
        await page.GotoAsync("/");
        var candidates = page.Locator("[data-test=my-tasks] tr", new PageLocatorOptions { HasText = "名单比对待确认" }).First;
        await candidates.WaitForAsync();
        (await candidates.InnerTextAsync()).ShouldContain("失信名单比对待确认");
        await candidates.Locator(".el-tag", new LocatorLocatorOptions { HasText = "名单比对待确认" }).WaitForAsync();
        await page.Locator("[data-test=my-tasks] tr", new PageLocatorOptions { HasText = "投诉舆情待核实" }).First.WaitForAsync();
        await ShotAsync(page, "monitoring-my-tasks");

        await candidates.Locator("[data-test=task-go-candidates]").ClickAsync();
        await page.Locator("[data-test=hit-queue] .el-table__body tr", new PageLocatorOptions { HasText = unitName }).First.WaitForAsync();

        await page.GotoAsync("/");
        await page.Locator("[data-test=task-go-events]").ClickAsync();
        await page.Locator("[data-test=event-table] .el-table__body tr", new PageLocatorOptions { HasText = "网传某局承诺事项未兑现" }).First.WaitForAsync();
        (await page.Locator("[data-test=event-table]").InnerTextAsync()).ShouldNotContain("不属实");
        await ShotAsync(page, "monitoring-events-pending");
    }
}
