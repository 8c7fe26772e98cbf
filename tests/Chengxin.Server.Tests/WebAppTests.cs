using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Chengxin.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Chengxin.Server.Tests;

/// <summary>The built web app served by the API's process, and the OpenAPI copy its types are generated from.</summary>
[Collection(SqliteCollection.Name)]
public sealed class WebAppTests(SqliteApp app)
{
    /// <summary>Set to 1 to write the server's document into web/openapi.json instead of comparing (then run npm run gen:api).</summary>
    public const string WriteVariable = "CHENGXIN_WRITE_OPENAPI";

    [Fact]
    public async Task OpenApi_SavedCopyInWeb_MatchesTheServersDocument()
    {
        using var client = app.NewClient();
        var served = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!.AsObject();
        // The server URL is whatever host answered; the generated types do not use it.
        served.Remove("servers");
        var path = Path.Combine(RepositoryRoot(), "web", "openapi.json");
        if (Environment.GetEnvironmentVariable(WriteVariable) == "1")
        {
            var options = new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
            await File.WriteAllTextAsync(path, served.ToJsonString(options) + "\n");
        }

        File.Exists(path).ShouldBeTrue($"{path} is missing: run {WriteVariable}=1 dotnet test --filter OpenApi_SavedCopyInWeb");
        var saved = JsonNode.Parse(await File.ReadAllTextAsync(path));
        JsonNode.DeepEquals(served, saved).ShouldBeTrue(
            $"web/openapi.json is stale: run {WriteVariable}=1 dotnet test --filter OpenApi_SavedCopyInWeb, then npm run gen:api in web/");
    }

    [Fact]
    public async Task AppRoute_Anonymous_ServesIndexHtmlWithAContentSecurityPolicy()
    {
        using var web = WithWebRoot(out _);
        using var client = web.CreateClient(new() { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });

        var page = await client.GetAsync("/units");

        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        (await page.Content.ReadAsStringAsync()).ShouldContain("<div id=\"app\">");
        page.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("script-src 'self'");
        page.Headers.CacheControl!.NoCache.ShouldBeTrue();
    }

    [Fact]
    public async Task HashedAsset_IsServedAsAStaticFileCachedForAYear()
    {
        using var web = WithWebRoot(out _);
        using var client = web.CreateClient(new() { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });

        var asset = await client.GetAsync("/assets/index-abc123.js");

        asset.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await asset.Content.ReadAsStringAsync()).ShouldBe("console.log(1)");
        asset.Headers.CacheControl!.MaxAge.ShouldBe(TimeSpan.FromDays(365));
    }

    [Fact]
    public async Task UnknownApiRoute_BehindTheFallback_StaysUnauthorizedOrNotFound()
    {
        using var web = WithWebRoot(out _);
        using var anonymous = web.CreateClient(new() { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
        (await anonymous.GetAsync("/api/no-such-thing")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await anonymous.PostAsync("/units", null)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var session = await app.SessionAsync("a-admin");
        (await session.GetAsync("/api/no-such-thing")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> WithWebRoot(out string root)
    {
        root = Path.Combine(app.DataFolder, "web-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(root, "assets"));
        File.WriteAllText(Path.Combine(root, "index.html"), "<!doctype html><html><body><div id=\"app\"></div></body></html>");
        File.WriteAllText(Path.Combine(root, "assets", "index-abc123.js"), "console.log(1)");
        var folder = root;
        return app.Factory.WithWebHostBuilder(b => b.UseSetting("Chengxin:WebRoot", folder));
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Chengxin.slnx")))
                return dir.FullName;
        }
        throw new InvalidOperationException("Chengxin.slnx not found above " + AppContext.BaseDirectory);
    }
}
