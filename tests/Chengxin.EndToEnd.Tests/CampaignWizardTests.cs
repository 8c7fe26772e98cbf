using Chengxin.Server.Demo;
using Microsoft.Playwright;

namespace Chengxin.EndToEnd.Tests;

/// <summary>
/// The campaign wizard as an office admin meets it: each step is checked on leaving it with the screen's own words,
/// the period is picked to fit the scheme, the confirm page shows every deadline; then the campaign is edited after
/// opening and voided with a reason, after which it leaves the everyday list.
/// </summary>
[Collection(DemoCollection.Name)]
public sealed class CampaignWizardTests(DemoServer server)
{
    private const string CampaignName = "2026年第三季度乡镇政务诚信评价（向导）";

    private static async Task ShotAsync(IPage page, string name)
    {
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('.el-loading-mask')].every(m => getComputedStyle(m).display === 'none')");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(DemoServer.ScreenshotFolder, name + ".png") });
    }

    private static ILocator Input(IPage page, string test) => Pages.Input(page, test);

    private static Task PickDateAsync(IPage page, string test, string text) => Pages.PickDateAsync(page, test, text);

    private static Task ChooseAsync(IPage page, string test, string option) => Pages.ChooseAsync(page, test, option);

    [Fact]
    public async Task Wizard_StepErrorsPeriodPickerAndConfirm_ThenEditAndVoid_ThroughTheUi()
    {
        var admin = await server.NewPageAsync();
        await admin.GotoAsync("/login");
        await admin.Locator("[data-test=login-user]").FillAsync("admin");
        await admin.Locator("[data-test=login-password]").FillAsync(DemoSeeder.Password);
        await admin.Locator("[data-test=login-submit]").ClickAsync();
        await admin.Locator("[data-test=home-welcome]").WaitForAsync();
        await admin.GotoAsync("/campaigns/new");

        // Leaving the first step empty names the fields as the screen does.
        await admin.Locator("[data-test=wizard-next]").ClickAsync();
        var error = admin.Locator("[data-test=wizard-error]");
        (await error.InnerTextAsync()).ShouldContain("请填写批次名称");
        (await error.InnerTextAsync()).ShouldContain("请选择指标体系");
        await ShotAsync(admin, "60-wizard-step-errors");

        await Input(admin, "wizard-name").FillAsync(CampaignName);
        await ChooseAsync(admin, "wizard-scheme", "jiaxian-towns-2022");
        (await admin.Locator("[data-test=wizard-period-kind]").InnerTextAsync()).ShouldBe("按季度评价");
        await admin.Locator("[data-test=wizard-next]").ClickAsync();
        (await error.InnerTextAsync()).ShouldBe("请选择评价期间");
        await PickDateAsync(admin, "wizard-period-year", "2026");
        await ChooseAsync(admin, "wizard-period-quarter", "第三季度");
        await ShotAsync(admin, "61-wizard-period-picker");
        await admin.Locator("[data-test=wizard-next]").ClickAsync();

        var tree = admin.Locator("[data-test=wizard-units]");
        foreach (var town in new[] { "柳溪乡（乡镇）", "河口镇（乡镇）" })
            await tree.Locator(".el-tree-node__content", new LocatorLocatorOptions { HasText = town }).First.Locator(".el-checkbox").ClickAsync();
        await admin.Locator("[data-test=wizard-next]").ClickAsync();

        // Deadlines out of order are refused on the later field before anything is sent.
        await PickDateAsync(admin, "wizard-evidenceDue", "2027-01-31 17:00");
        await PickDateAsync(admin, "wizard-reviewDue", "2027-01-20 17:00");
        await admin.Locator("[data-test=wizard-next]").ClickAsync();
        (await error.InnerTextAsync()).ShouldBe("复核截止时间不能早于佐证材料截止时间");
        await ShotAsync(admin, "62-wizard-deadline-order");
        await PickDateAsync(admin, "wizard-reviewDue", "2027-02-15 17:00");
        await PickDateAsync(admin, "wizard-liaisonDue", "2027-01-15 17:00");
        await admin.Locator("[data-test=wizard-next]").ClickAsync();
        await ChooseAsync(admin, "wizard-reviewers", "陈静");
        await admin.Keyboard.PressAsync("Escape");
        await admin.Locator("[data-test=wizard-next]").ClickAsync();

        var summary = await admin.Locator("[data-test=wizard-summary]").InnerTextAsync();
        foreach (var expected in new[] { "2026年第三季度", "柳溪乡、河口镇", "2027-01-15 17:00", "2027-01-31 17:00", "2027-02-15 17:00", "结果发布后 10 天内可申诉" })
            summary.ShouldContain(expected);
        summary.ShouldNotContain("2026Q3");
        await ShotAsync(admin, "63-wizard-confirm");
        await admin.Locator("[data-test=wizard-submit]").ClickAsync();
        await admin.Locator("[data-test=campaign-state]", new PageLocatorOptions { HasText = "收集中" }).WaitForAsync();

        // Edited after opening: one unit leaves, the deadline moves; an out-of-order move is refused first.
        await admin.Locator("[data-test=campaign-edit]").ClickAsync();
        var dialog = admin.Locator("[data-test=campaign-edit-dialog]");
        await PickDateAsync(admin, "edit-evidenceDue", "2027-03-01 17:00");
        await dialog.Locator("[data-test=edit-save]").ClickAsync();
        (await dialog.Locator("[data-test=campaign-edit-error]").InnerTextAsync()).ShouldBe("复核截止时间不能早于佐证材料截止时间");
        await PickDateAsync(admin, "edit-evidenceDue", "2027-02-10 17:00");
        await dialog.Locator("[data-test=edit-units] .el-tag", new LocatorLocatorOptions { HasText = "河口镇" }).Locator(".el-tag__close").ClickAsync();
        await Input(admin, "edit-reason").FillAsync("河口镇本季度另行评价");
        await ShotAsync(admin, "64-campaign-edit");
        await dialog.Locator("[data-test=edit-save]").ClickAsync();
        await admin.Locator(".el-message--success").WaitForAsync();
        await admin.Locator("td", new PageLocatorOptions { HasText = "2027-02-10 17:00" }).First.WaitForAsync();
        await admin.Locator("[data-test=progress-table] td", new PageLocatorOptions { HasText = "河口镇" }).First.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached });
        (await admin.Locator("[data-test=progress-table]").InnerTextAsync()).ShouldNotContain("河口镇");

        // Voided with a reason: read-only, a notice saying why, gone from the everyday list.
        await admin.Locator("[data-test=campaign-void]").ClickAsync();
        await admin.Locator(".el-message-box__btns .el-button--danger").ClickAsync();
        await admin.Locator(".el-message-box__errormsg", new PageLocatorOptions { HasText = "请填写作废原因" }).WaitForAsync();
        await admin.Locator(".el-message-box textarea").FillAsync("期间选错，重新建批次");
        await admin.Locator(".el-message-box__btns .el-button--danger").ClickAsync();
        await admin.Locator("[data-test=campaign-state]", new PageLocatorOptions { HasText = "已作废" }).WaitForAsync();
        (await admin.Locator("[data-test=campaign-voided]").InnerTextAsync()).ShouldContain("期间选错，重新建批次");
        (await admin.Locator("[data-test=campaign-edit]").CountAsync()).ShouldBe(0);
        await ShotAsync(admin, "65-campaign-voided");

        await admin.Locator("[data-test='menu-/campaigns']").ClickAsync();
        await admin.Locator("[data-test=campaign-table] .el-table__body tr").First.WaitForAsync();
        (await admin.Locator("[data-test=campaign-table]").InnerTextAsync()).ShouldNotContain(CampaignName);
        await admin.Locator("[data-test=campaign-include-voided]").ClickAsync();
        await admin.Locator("[data-test=campaign-table] tr", new PageLocatorOptions { HasText = CampaignName }).WaitForAsync();
        await ShotAsync(admin, "66-campaigns-with-voided");
    }
}
