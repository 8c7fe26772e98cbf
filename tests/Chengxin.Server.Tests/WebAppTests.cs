using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
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

    /// <summary>
    /// web/src/api/generated/schema.ts is what `npm run gen:api` makes from web/openapi.json. gen:api writes
    /// schema.sha256 beside it (both files' SHA-256), so a saved document whose types were not generated again,
    /// or a hand edit of the types, fails here without node. Where web/node_modules is installed (./test.sh
    /// installs it before the .NET tests) the types are generated again and compared byte for byte too.
    /// </summary>
    [Fact]
    public async Task GeneratedSchema_IsWhatGenApiMakesFromTheSavedOpenApiCopy()
    {
        var web = Path.Combine(RepositoryRoot(), "web");
        var stamp = Path.Combine(web, "src", "api", "generated", "schema.sha256");
        File.Exists(stamp).ShouldBeTrue("web/src/api/generated/schema.sha256 is missing: run npm run gen:api in web/");
        var recorded = (await File.ReadAllLinesAsync(stamp))
            .Where(line => line.Length > 0)
            .Select(line => line.Split("  ", 2))
            .ToDictionary(parts => parts[1], parts => parts[0]);
        recorded.Keys.ShouldBe(["openapi.json", "src/api/generated/schema.ts"], ignoreOrder: true);
        foreach (var (file, sha) in recorded)
            Sha256Of(Path.Combine(web, file)).ShouldBe(sha, $"web/{file} changed since npm run gen:api: run it in web/ (after {WriteVariable}=1 dotnet test --filter OpenApi_SavedCopyInWeb)");

        var cli = Path.Combine(web, "node_modules", "openapi-typescript", "bin", "cli.js");
        if (!File.Exists(cli))
            return;
        var generated = Path.Combine(app.DataFolder, $"schema-{Guid.NewGuid():N}.ts");
        var info = new ProcessStartInfo("node") { WorkingDirectory = web, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { cli, "openapi.json", "-o", generated })
            info.ArgumentList.Add(arg);
        using var node = Process.Start(info)!;
        var output = node.StandardOutput.ReadToEndAsync();
        var error = node.StandardError.ReadToEndAsync();
        await node.WaitForExitAsync();
        node.ExitCode.ShouldBe(0, await output + await error);
        (await File.ReadAllTextAsync(generated)).ShouldBe(
            await File.ReadAllTextAsync(Path.Combine(web, "src", "api", "generated", "schema.ts")),
            "web/src/api/generated/schema.ts is not what npm run gen:api makes from web/openapi.json: run it in web/");
    }

    private static string Sha256Of(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

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
