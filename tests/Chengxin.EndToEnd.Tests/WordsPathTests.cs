using System.Text.RegularExpressions;
using Chengxin.Server.Demo;
using Microsoft.Playwright;

namespace Chengxin.EndToEnd.Tests;

/// <summary>
/// What an office reads is words, not code: a published result explains each item in the seed's language (no formula
/// source, no fact key), and the audit log names actions, object types and changed fields in Chinese, the raw record
/// only in a row's technical details.
/// </summary>
[Collection(DemoCollection.Name)]
public sealed partial class WordsPathTests(DemoServer server)
{
    [GeneratedRegex("[A-Za-z_]")]
    private static partial Regex Latin();

    private static async Task ShotAsync(IPage page, string name)
    {
        await page.Locator(".el-loading-mask:visible").First.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(DemoServer.ScreenshotFolder, name + ".png"), FullPage = true });
    }

    private async Task<IPage> AdminAsync()
    {
        var page = await server.NewPageAsync();
        await page.GotoAsync("/login");
        await page.Locator("[data-test=login-user]").FillAsync("admin");
        await page.Locator("[data-test=login-password]").FillAsync(DemoSeeder.Password);
        await page.Locator("[data-test=login-submit]").ClickAsync();
        await page.Locator("[data-test=header-user]").WaitForAsync();
        return page;
    }

    [Fact]
    public async Task ResultExplanation_PublishedUnit_ReadsInTheSeedsWords()
    {
        var admin = await AdminAsync();
        await admin.GotoAsync("/results");
        await admin.Locator("[data-test=results-campaigns] .el-table__body tr", new() { HasText = DemoPublishedCampaigns.Quarters[1].Name })
            .Locator("[data-test=results-open]").ClickAsync();
        await admin.Locator("[data-test=ranking-table] .el-table__body tr").First.WaitForAsync();

        await admin.Locator("[data-test=ranking-detail]").First.ClickAsync();
        var rows = admin.Locator("[data-test=unit-items] .el-table__body tr");
        await rows.First.WaitForAsync();

        var texts = await admin.Locator("[data-test=unit-items] .explanation").AllInnerTextsAsync();
        texts.Count.ShouldBeGreaterThan(10);
        texts.ShouldAllBe(t => !Latin().IsMatch(t));
        // 1.1 组织建设情况 is a formula in the scheme; its explanation is the seed's rule and the facts by their labels.
        var organisation = await rows.Filter(new() { HasText = "组织建设情况" }).Locator(".explanation").InnerTextAsync();
        organisation.ShouldContain("分管领导、牵头科室、工作联络员、专用电脑、打印机、工作制度齐全的得5分，缺一项扣1分");
        organisation.ShouldContain("明确分管社会信用体系建设工作的单位领导 = ");
        // The drawer slides in from the right: photographed once it has arrived.
        await admin.WaitForFunctionAsync("() => { const d = document.querySelector('.el-drawer'); return d && Math.abs(d.getBoundingClientRect().right - window.innerWidth) < 1 }");
        await admin.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(DemoServer.ScreenshotFolder, "w01-result-explanation-in-words.png") });
    }

    [Fact]
    public async Task AuditLog_AdminReadsIt_InChineseWithTheRawRecordOnlyInTheDetails()
    {
        var admin = await AdminAsync();
        await admin.GotoAsync("/audit");
        var table = admin.Locator("[data-test=audit-table]");
        await table.Locator(".el-table__body tr").First.WaitForAsync();

        // Filter by object type from the list, as the office names it.
        await admin.Locator("[data-test=audit-entity-type]").ClickAsync();
        await admin.Locator(".el-select-dropdown__item:visible", new() { HasText = "评价批次" }).ClickAsync();
        await admin.Locator(".search-form button[type=submit]").ClickAsync();
        await table.Locator(".el-table__body tr", new() { HasText = "评价批次" }).First.WaitForAsync();

        var cells = await table.Locator(".el-table__body > tbody > tr > td:not(.el-table__expand-column)").AllInnerTextsAsync();
        cells.Count.ShouldBeGreaterThan(0);
        // No codes in the main view: no action keys, no English field names, no JSON.
        cells.ShouldAllBe(t => !Latin().IsMatch(t) && !t.Contains('{'));
        (await table.InnerTextAsync()).ShouldContain("发布评价结果");
        await ShotAsync(admin, "w02-audit-log-in-chinese");

        await table.Locator(".el-table__expand-icon").First.ClickAsync();
        var detail = admin.Locator("[data-test=audit-detail]").First;
        await detail.WaitForAsync();
        (await detail.InnerTextAsync()).ShouldContain("技术详情");
        (await detail.Locator("pre").Last.InnerTextAsync()).ShouldContain("{");
        await ShotAsync(admin, "w03-audit-log-technical-details");
    }
}
