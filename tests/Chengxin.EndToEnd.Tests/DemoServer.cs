using System.Net;
using System.Net.Sockets;
using Chengxin.Server.Demo;
using Chengxin.Server.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Chengxin.EndToEnd.Tests;

/// <summary>
/// The real server (Kestrel on a free loopback port, SQLite, the demo tenant) serving the built web
/// app, and one Chromium shared by the tests; each test gets its own browser context (own cookies).
/// </summary>
public sealed class DemoServer : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private DemoFactory? _factory;

    public string DataFolder { get; } = Path.Combine(Path.GetTempPath(), "chengxin-e2e", Guid.NewGuid().ToString("N"));
    public string BaseUrl { get; private set; } = "";
    public IBrowser Browser { get; private set; } = null!;
    public static string RepositoryRoot { get; } = FindRepositoryRoot();
    public static string ScreenshotFolder { get; } = Path.Combine(RepositoryRoot, "test-output", "screenshots");

    public async Task InitializeAsync()
    {
        var webRoot = Path.Combine(RepositoryRoot, "web", "dist");
        if (!File.Exists(Path.Combine(webRoot, "index.html")))
            throw new InvalidOperationException($"{webRoot} has no build: run npm ci && npm run build in web/ (./test.sh does).");
        Directory.CreateDirectory(DataFolder);
        Directory.CreateDirectory(ScreenshotFolder);

        var port = FreePort();
        _factory = new DemoFactory(DataFolder, webRoot);
        _factory.UseKestrel(port);
        _factory.StartServer();
        BaseUrl = $"http://127.0.0.1:{port}";

        await _factory.Services.MigrateDatabaseAsync();
        await using (var scope = _factory.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(CancellationToken.None);

        _playwright = await Playwright.CreateAsync();
        // Playwright's own browser download does not work here; Debian's Chromium does.
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run",
            ],
        });

        // The first page a cold server and browser serve pays for both starting (JIT, the static files' first read, the renderer),
        // which under a full test run's load can pass a test's 15 s; it is paid here once, with room, not by whichever test is first.
        var warm = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl });
        var page = await warm.NewPageAsync();
        await page.GotoAsync("/login", new PageGotoOptions { Timeout = 120_000 });
        await page.Locator("[data-test=login-user]").WaitForAsync(new LocatorWaitForOptions { Timeout = 120_000 });
        await warm.CloseAsync();
    }

    /// <summary>A fresh browser session at 1366×768, the smallest screen the offices use.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = 1366, Height = 768 },
            Locale = "zh-CN",
            AcceptDownloads = true,
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
            await Browser.CloseAsync();
        _playwright?.Dispose();
        if (_factory is not null)
            await _factory.DisposeAsync();
        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a closing connection is left for the temp cleaner.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Chengxin.slnx")))
                return dir.FullName;
        }
        throw new InvalidOperationException("Chengxin.slnx not found above " + AppContext.BaseDirectory);
    }

    private sealed class DemoFactory(string dataFolder, string webRoot) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Chengxin:DataFolder", dataFolder);
            builder.UseSetting("Chengxin:WebRoot", webRoot);
            builder.UseSetting("ConnectionStrings:Chengxin", "");
            // The tests sign in several times from one address; the limit itself is tested in the server tests.
            builder.UseSetting("Chengxin:RateLimits:LoginPerMinute", "1000");
            // A browser test fills the survey within a second; the minimum fill time is tested in the server tests.
            builder.UseSetting("Chengxin:Surveys:MinimumFillSeconds", "0");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
        }
    }
}

[CollectionDefinition(Name)]
public sealed class DemoCollection : ICollectionFixture<DemoServer>
{
    public const string Name = "demo server";
}
