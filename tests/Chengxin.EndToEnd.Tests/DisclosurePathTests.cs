using Chengxin.Server.Demo;
using Microsoft.Playwright;

namespace Chengxin.EndToEnd.Tests;

/// <summary>
/// 双公示 monitoring in the real UI: the office uploads a CSV with one bad row, sees the refused row with its reason, then
/// the department's statistics and its records, late ones marked.
/// </summary>
[Collection(DemoCollection.Name)]
public sealed class DisclosurePathTests(DemoServer server)
{
    private static async Task ShotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(DemoServer.ScreenshotFolder, name + ".png"), FullPage = true,
            // Tabs and the drawer slide in: the picture is of where they come to rest.
            Animations = ScreenshotAnimations.Disabled,
        });

    [Fact]
    public async Task Office_UploadsACsv_SeesTheRefusedRowAndTheDepartmentsLateRecords()
    {
        var page = await server.NewPageAsync();
        await page.GotoAsync("/login");
        await page.Locator("[data-test=login-user]").FillAsync("admin");
        await page.Locator("[data-test=login-password]").FillAsync(DemoSeeder.Password);
        await page.Locator("[data-test=login-submit]").ClickAsync();
        await page.Locator("[data-test=home-welcome]").WaitForAsync();
        await Menu.OpenAsync(page, "/disclosures");
        await page.Locator("[data-test=disclosure-statistics]").WaitForAsync();

        var tag = Guid.NewGuid().ToString("N")[..6];
        var code = "0123456789ABCDEFGHJKLMNPQRTUWXY".Select(c => "91530100MA6K0000A" + c).First(Chengxin.Domain.Identifiers.UnifiedSocialCreditCode.IsValid);
        var year = TimeProvider.System.GetLocalNow().Year;
        var csv = string.Join("\r\n",
            "行政相对人名称,统一社会信用代码,证件号码,决定文书号,决定日期,上报日期,处罚机关,数据来源单位,信息类别",
            $"云川市某某商贸有限公司,{code},,云财罚〔{year}〕{tag}-1号,{year}-03-02,{year}-03-04,云川市财政局,云川市财政局,行政处罚",
            $"云川市某某建材有限公司,{code},,云财罚〔{year}〕{tag}-2号,{year}-03-02,{year}-03-31,云川市财政局,云川市财政局,行政处罚",
            $"云川市某某餐饮店,{code},,云财罚〔{year}〕{tag}-3号,{year}-03-09,{year}-03-05,云川市财政局,云川市财政局,行政处罚");
        await page.GetByRole(AriaRole.Tab, new() { Name = "上传报送表" }).ClickAsync();
        await page.Locator("[data-test=disclosure-upload] input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "三月双公示.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(csv),
        });
        var rejections = page.Locator("[data-test=disclosure-rejections]");
        await rejections.WaitForAsync();
        (await rejections.InnerTextAsync()).ShouldContain($"上报日期 {year}-03-05 早于决定日期 {year}-03-09");
        (await page.Locator("[data-test=disclosure-result]").InnerTextAsync()).ShouldContain("共 3 行，入库 2 条，有误 1 行");
        await ShotAsync(page, "disclosure-01-upload-refused-row");

        await page.GetByRole(AriaRole.Tab, new() { Name = "按部门统计" }).ClickAsync();
        var row = page.Locator("[data-test=disclosure-statistics] .el-table__body tr", new() { HasText = "云川市财政局" });
        await row.WaitForAsync();
        await ShotAsync(page, "disclosure-02-statistics");
        await row.Locator("[data-test=disclosure-drill]").ClickAsync();
        var records = page.Locator("[data-test=disclosure-records]");
        await records.WaitForAsync();
        (await records.InnerTextAsync()).ShouldContain("迟报");
        await ShotAsync(page, "disclosure-03-records");
    }
}
