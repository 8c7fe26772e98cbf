using System.Diagnostics;
using System.Text.Json;
using Chengxin.Server.Demo;
using Microsoft.Playwright;

namespace Chengxin.EndToEnd.Tests;

/// <summary>
/// Issue 16's done-means: the office shows a unit's QR code; a person on a phone (390×844, WeChat's browser) scans it — here the
/// PNG is decoded with zbarimg — answers the questionnaire, and the unit's 移风易俗 item then scores by seed 000's rule
/// 「群众满意度测评90分以上得4分，每少10个百分点扣1分」 from the answers. The demo's 东城街道 has 29 sheets, 26 satisfied: one short of
/// the minimum of 30 (样本不足); this answer makes 30 with 27 satisfied, 90 %, 4 points.
/// </summary>
[Collection(DemoCollection.Name)]
public sealed class SurveyPathTests(DemoServer server)
{
    private const string Unit = "东城街道";

    private static async Task ShotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(DemoServer.ScreenshotFolder, name + ".png"), FullPage = true });

    [Fact]
    public async Task Phone_AnswersThroughTheUnitsQrCode_ItemScoresBySeedRule()
    {
        var page = await server.NewPageAsync();
        await page.GotoAsync("/login");
        await page.Locator("[data-test=login-user]").FillAsync("admin");
        await page.Locator("[data-test=login-password]").FillAsync(DemoSeeder.Password);
        await page.Locator("[data-test=login-submit]").ClickAsync();
        await page.Locator("[data-test=home-welcome]").WaitForAsync();
        await page.Locator("[data-test='menu-/surveys']").ClickAsync();
        await page.Locator("[data-test=survey-campaign]").ClickAsync();
        await page.Locator(".el-select-dropdown__item", new PageLocatorOptions { HasText = DemoSurveys.CampaignName }).ClickAsync();
        await page.Locator("[data-test=survey-form]").WaitForAsync();
        await ShotAsync(page, "survey-01-setup");
        await page.GetByRole(AriaRole.Tab, new PageGetByRoleOptions { Name = "链接与二维码" }).ClickAsync();
        var row = page.Locator("[data-test=survey-links] .el-table__body tr", new PageLocatorOptions { HasText = Unit });
        await row.WaitForAsync();
        await ShotAsync(page, "survey-02-links");

        // The QR code as the office prints it, decoded as a phone's camera would.
        var qrSrc = await row.Locator("img").GetAttributeAsync("src");
        var png = await page.Context.APIRequest.GetAsync(qrSrc!);
        png.Ok.ShouldBeTrue();
        var file = Path.Combine(server.DataFolder, "survey-qr.png");
        await File.WriteAllBytesAsync(file, await png.BodyAsync());
        using var zbar = Process.Start(new ProcessStartInfo("zbarimg", ["--raw", "-q", file]) { RedirectStandardOutput = true })!;
        var address = (await zbar.StandardOutput.ReadToEndAsync()).Trim();
        await zbar.WaitForExitAsync();
        address.ShouldStartWith(server.BaseUrl + "/s/");

        var (campaignId, unitId) = await IdsAsync(page);
        (await ItemAsync(page, campaignId, unitId)).GetProperty("status").GetString().ShouldBe("Missing");

        var phone = await (await server.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 390, Height = 844 }, DeviceScaleFactor = 2, IsMobile = true, HasTouch = true, Locale = "zh-CN",
            UserAgent = "Mozilla/5.0 (Linux; Android 13; Phone) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36 MicroMessenger/8.0.47",
        })).NewPageAsync();
        var opened = await phone.GotoAsync(address);
        opened!.Status.ShouldBe(200);
        // A small page for a slow connection: no script, no web app bundle.
        (await opened.BodyAsync()).Length.ShouldBeLessThan(12_000);
        (await phone.Locator("script").CountAsync()).ShouldBe(0);
        (await phone.EvaluateAsync<int>("() => Math.max(0, document.documentElement.scrollWidth - window.innerWidth)")).ShouldBe(0);
        (await phone.Locator("h1").InnerTextAsync()).ShouldBe("2026年度群众满意度测评");
        await ShotAsync(phone, "survey-03-phone-form");
        foreach (var question in await phone.Locator("fieldset:has(input[type=radio])").AllAsync())
            await question.Locator("label", new LocatorLocatorOptions { HasText = "很满意" }).First.ClickAsync();
        await phone.Locator("textarea").FillAsync("红白事简办，邻里和睦。");
        await phone.Locator("button[type=submit]").ClickAsync();
        await phone.Locator(".msg.ok").WaitForAsync();
        (await phone.Locator(".msg.ok").InnerTextAsync()).ShouldBe("提交成功，感谢您的参与！");
        await ShotAsync(phone, "survey-04-phone-thanks");

        // 30 sheets, 27 of them 很满意/满意/基本满意 on 移风易俗: 90 %, 「90分以上得4分」.
        var item = await ItemAsync(page, campaignId, unitId);
        item.GetProperty("score").GetDecimal().ShouldBe(4m);
        item.GetProperty("facts")[0].GetProperty("value").GetDecimal().ShouldBe(90m);

        await page.GetByRole(AriaRole.Tab, new PageGetByRoleOptions { Name = "进度与结果" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "刷新" }).ClickAsync();
        await page.Locator("[data-test=survey-results] .el-table__body tr", new PageLocatorOptions { HasText = Unit }).First
            .Locator("td", new LocatorLocatorOptions { HasText = "90" }).First.WaitForAsync();
        await page.Locator("[data-test=survey-unit-chart] canvas").WaitForAsync();
        await ShotAsync(page, "survey-05-progress");
    }

    private static async Task<(long CampaignId, long UnitId)> IdsAsync(IPage page)
    {
        var campaigns = await (await page.Context.APIRequest.GetAsync("/api/campaigns")).JsonAsync();
        var campaignId = campaigns!.Value.EnumerateArray().Single(c => c.GetProperty("name").GetString() == DemoSurveys.CampaignName).GetProperty("id").GetInt64();
        var survey = await (await page.Context.APIRequest.GetAsync($"/api/surveys/campaigns/{campaignId}")).JsonAsync();
        var unitId = survey!.Value.GetProperty("units").EnumerateArray().Single(u => u.GetProperty("unitName").GetString() == Unit).GetProperty("unitId").GetInt64();
        return (campaignId, unitId);
    }

    private static async Task<JsonElement> ItemAsync(IPage page, long campaignId, long unitId)
    {
        var submission = await (await page.Context.APIRequest.GetAsync($"/api/campaigns/{campaignId}/units/{unitId}/submission")).JsonAsync();
        return submission!.Value.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("itemId").GetString() == "6");
    }
}
