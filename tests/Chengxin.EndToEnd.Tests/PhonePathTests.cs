using Chengxin.Server.Demo;
using Microsoft.Playwright;

namespace Chengxin.EndToEnd.Tests;

/// <summary>
/// A liaison on a phone (390×844): the side menu folds into a drawer behind a button, and the item form fits the
/// screen (the item list above the form, inputs the full width, the submit button within reach, nothing wider than
/// the screen).
/// </summary>
[Collection(DemoCollection.Name)]
public sealed class PhonePathTests(DemoServer server)
{
    private const string Campaign = "2026年第一季度乡镇（街道）政务诚信评价";
    private const int Width = 390;

    private static async Task ShotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(DemoServer.ScreenshotFolder, name + ".png"), FullPage = true });

    private async Task<IPage> PhoneAsync()
    {
        var context = await server.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.BaseUrl,
            ViewportSize = new ViewportSize { Width = Width, Height = 844 },
            DeviceScaleFactor = 2,
            IsMobile = true,
            HasTouch = true,
            Locale = "zh-CN",
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>How far the page reaches past the screen's right edge (0 when nothing sticks out).</summary>
    private static async Task<int> OverflowAsync(IPage page) =>
        await page.EvaluateAsync<int>("() => Math.max(0, document.documentElement.scrollWidth - window.innerWidth)");

    private static async Task<LocatorBoundingBoxResult> BoxAsync(ILocator locator) =>
        (await locator.BoundingBoxAsync()).ShouldNotBeNull();

    [Fact]
    public async Task Liaison_OnAPhone_OpensTheMenuDrawerAndFillsAnItemWithinTheScreen()
    {
        var page = await PhoneAsync();
        await page.GotoAsync("/login");
        await page.Locator("[data-test=login-user]").FillAsync("liaison");
        await page.Locator("[data-test=login-password]").FillAsync(DemoSeeder.Password);
        await page.Locator("[data-test=login-submit]").ClickAsync();
        await page.Locator("[data-test=home-welcome]").WaitForAsync();

        // No side menu taking half the screen: a button opens it as a drawer.
        (await page.Locator(".el-aside").CountAsync()).ShouldBe(0);
        var toggle = page.Locator("[data-test=menu-toggle]");
        (await toggle.IsVisibleAsync()).ShouldBeTrue();
        (await OverflowAsync(page)).ShouldBe(0);
        await ShotAsync(page, "phone-01-liaison-home");

        await toggle.ClickAsync();
        var campaigns = page.Locator("[data-test='menu-/campaigns']");
        await campaigns.WaitForAsync();
        // The drawer slides in; the picture is taken once it has come to rest.
        await page.WaitForFunctionAsync("() => document.getAnimations().every(a => a.playState !== 'running')");
        (await BoxAsync(campaigns)).Width.ShouldBeLessThanOrEqualTo(Width);
        await ShotAsync(page, "phone-02-menu-drawer");
        await campaigns.ClickAsync();
        // Choosing a page closes the drawer.
        await campaigns.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Hidden });

        await page.Locator("[data-test=campaign-table] .el-table__body tr", new PageLocatorOptions { HasText = Campaign })
            .Locator("[data-test=campaign-fill]").ClickAsync();
        await page.Locator("[data-test=submission-unit]", new PageLocatorOptions { HasText = "石门镇" }).WaitForAsync();
        await page.Locator("[data-test='item-1.1']").ClickAsync();
        var form = page.Locator("[data-test=item-form]");
        await form.WaitForAsync();

        // The item list stacks above the form; the form, its fields and the submit button lie within the screen.
        var list = await BoxAsync(page.Locator("[data-test='item-1.1']"));
        var formBox = await BoxAsync(form);
        formBox.Y.ShouldBeGreaterThan(list.Y);
        formBox.Width.ShouldBeGreaterThan(Width - 60);
        (formBox.X + formBox.Width).ShouldBeLessThanOrEqualTo(Width);
        var explanation = await BoxAsync(page.Locator("[data-test=item-explanation]"));
        explanation.Width.ShouldBeGreaterThan(Width - 100);
        (explanation.X + explanation.Width).ShouldBeLessThanOrEqualTo(Width);
        var yes = await BoxAsync(page.Locator("[data-test=fact-work_rules]").GetByText("是", new() { Exact = true }));
        (yes.X + yes.Width).ShouldBeLessThanOrEqualTo(Width);
        var submit = await BoxAsync(page.Locator("[data-test=submission-submit]"));
        submit.X.ShouldBeGreaterThanOrEqualTo(0);
        (submit.X + submit.Width).ShouldBeLessThanOrEqualTo(Width);
        (await OverflowAsync(page)).ShouldBe(0);
        await ShotAsync(page, "phone-03-liaison-item-form");
        // The page scrolls inside the layout, so the form's lower part gets its own picture.
        await page.Locator("[data-test=fact-work_rules]").ScrollIntoViewIfNeededAsync();
        await ShotAsync(page, "phone-04-liaison-item-fields");
        await page.Locator("[data-test=item-score]").ScrollIntoViewIfNeededAsync();
        (await OverflowAsync(page)).ShouldBe(0);
        await ShotAsync(page, "phone-05-liaison-item-evidence-and-score");
    }
}
