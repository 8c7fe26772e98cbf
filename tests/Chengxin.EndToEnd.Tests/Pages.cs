using System.Text.Json;
using Chengxin.Server.Demo;
using Microsoft.Playwright;

namespace Chengxin.EndToEnd.Tests;

/// <summary>Steps every browser path takes the same way: signing in as a demo account, and setup through the page's own session.</summary>
internal static class Pages
{
    /// <summary>A new page signed in as <paramref name="userName"/>, waiting until the header shows who is signed in.</summary>
    public static async Task<IPage> SignedInAsync(DemoServer server, string userName)
    {
        var page = await server.NewPageAsync();
        await page.GotoAsync("/login");
        await page.Locator("[data-test=login-user]").FillAsync(userName);
        await page.Locator("[data-test=login-password]").FillAsync(DemoSeeder.Password);
        await page.Locator("[data-test=login-submit]").ClickAsync();
        await page.Locator("[data-test=header-user]").WaitForAsync();
        return page;
    }

    /// <summary>Calls the API from the signed-in page (its cookie and antiforgery token), for setup that other screens own.</summary>
    public static async Task<JsonElement> ApiAsync(IPage page, string method, string url, object? body = null) =>
        await page.EvaluateAsync<JsonElement>(
            """
            async ([method, url, body]) => {
              const token = (await (await fetch('/api/auth/antiforgery')).json()).token
              const r = await fetch(url, { method, headers: { 'Content-Type': 'application/json', 'X-XSRF-TOKEN': token }, body: body === null ? undefined : JSON.stringify(body) })
              if (!r.ok) throw new Error(method + ' ' + url + ': ' + r.status + ' ' + await r.text())
              return await r.json()
            }
            """, new object?[] { method, url, body });

    /// <summary>Element Plus puts a field's attributes on the input itself, a picker's on its wrapper: either is found.</summary>
    public static ILocator Input(IPage page, string test) =>
        page.Locator($"input[data-test={test}], textarea[data-test={test}], [data-test={test}] input, [data-test={test}] textarea").First;

    /// <summary>Types a date into a picker and closes it, as a user who knows the date would.</summary>
    public static async Task PickDateAsync(IPage page, string test, string text)
    {
        var input = Input(page, test);
        await input.ClickAsync();
        await input.FillAsync(text);
        await input.PressAsync("Enter");
        await page.Keyboard.PressAsync("Escape");
    }

    /// <summary>Opens a select and picks the visible option with the given text.</summary>
    public static async Task ChooseAsync(IPage page, string test, string option)
    {
        await page.Locator($"[data-test={test}]").ClickAsync();
        await page.Locator(".el-select-dropdown__item:visible", new PageLocatorOptions { HasText = option }).First.ClickAsync();
    }
}
