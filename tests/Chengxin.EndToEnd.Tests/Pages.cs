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
}
