using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Auth;
using Chengxin.Server.Infrastructure;
using Chengxin.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Chengxin.Server.Tests;

/// <summary>
/// How requests reach the server (https, plain http when allowed, a trusted reverse proxy) and the headers every
/// answer carries (issue 12 F19; issue 11 defect 6: signing in over http on an intranet address).
/// </summary>
public abstract class TransportTests(AppFixture app)
{
    private WebApplicationFactory<Program> With(string key, string value) => app.Factory.WithWebHostBuilder(b => b.UseSetting(key, value));

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values)
        : response.Content.Headers.TryGetValues(name, out var content) ? string.Join(",", content) : "";

    [Fact]
    public async Task ApiJson_AnyAnswer_CarriesNosniffNoStoreAndANoScriptPolicy()
    {
        var liaison = await app.SessionAsync("a-liaison");
        using var anonymous = app.NewClient();

        foreach (var response in new[] { await liaison.GetAsync("/api/auth/me"), await anonymous.GetAsync("/api/auth/me") })
        {
            Header(response, "X-Content-Type-Options").ShouldBe("nosniff");
            Header(response, "Cache-Control").ShouldBe("no-store");
            Header(response, "Content-Security-Policy").ShouldBe(Transport.ApiPolicy);
        }
    }

    [Fact]
    public async Task ApiFile_Download_CarriesNosniffAndNoStore()
    {
        var admin = await app.SessionAsync("a-admin");

        var file = await admin.GetAsync("/api/units/export");

        file.StatusCode.ShouldBe(HttpStatusCode.OK);
        Header(file, "X-Content-Type-Options").ShouldBe("nosniff");
        Header(file, "Cache-Control").ShouldBe("no-store");
    }

    [Fact]
    public async Task AppHtml_IndexServedAsAStaticFile_CarriesTheContentSecurityPolicy()
    {
        var root = Path.Combine(app.DataFolder, "web-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        await File.WriteAllTextAsync(Path.Combine(root, "index.html"), "<!doctype html><html><body><div id=\"app\"></div></body></html>");
        using var web = With("Chengxin:WebRoot", root);
        using var client = web.CreateClient(new() { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });

        var page = await client.GetAsync("/index.html");

        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        Header(page, "Content-Security-Policy").ShouldBe(Transport.AppPolicy);
        Header(page, "X-Content-Type-Options").ShouldBe("nosniff");
    }

    [Fact]
    public async Task AppRoute_Policy_FramesOnlyTheViewersObjectUrls_AndRunsNoOtherScript()
    {
        var root = Path.Combine(app.DataFolder, "web-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        await File.WriteAllTextAsync(Path.Combine(root, "index.html"), "<!doctype html><html><body><div id=\"app\"></div></body></html>");
        using var web = With("Chengxin:WebRoot", root);
        using var client = web.CreateClient(new() { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });

        var policy = Header(await client.GetAsync("/reviews/item"), "Content-Security-Policy").Split(';', StringSplitOptions.TrimEntries);

        // The evidence viewer frames a PDF it fetched itself as a blob: no web page, no data: URL, and no script but the app's.
        policy.ShouldContain("frame-src blob:");
        policy.ShouldContain("script-src 'self'");
        policy.ShouldContain("object-src 'none'");
        policy.ShouldContain("frame-ancestors 'none'");
    }

    [Fact]
    public async Task Kestrel_AnyAnswer_DoesNotNameTheServer()
    {
        using var kestrel = app.Factory.WithWebHostBuilder(_ => { });
        kestrel.UseKestrel(0);
        kestrel.StartServer();
        using var client = kestrel.CreateClient();

        var response = await client.GetAsync("/health");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.Server.ShouldBeEmpty();
    }

    [Fact]
    public async Task Login_PlainHttpOnAnIntranetAddress_AnswersWhatIsWrongAndSetsNoCookie()
    {
        using var client = app.Factory.CreateClient(new() { BaseAddress = new Uri("http://office-pc:5080"), AllowAutoRedirect = false });

        var login = await client.PostJsonAsync("/api/auth/login", new AuthEndpoints.LoginRequest("a-liaison", TestWorld.Password));

        var problem = await login.ProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("detail").GetString().ShouldBe(AuthEndpoints.InsecureConnection);
        login.Headers.Contains("Set-Cookie").ShouldBeFalse();
    }

    [Fact]
    public async Task Login_PlainHttpAllowed_SetsAPlainCookieAndStaysSignedIn()
    {
        using var http = With(Transport.AllowHttpKey, "true");
        using var client = http.CreateClient(new() { BaseAddress = new Uri("http://office-pc:5080"), AllowAutoRedirect = false });

        var login = await client.PostJsonAsync("/api/auth/login", new AuthEndpoints.LoginRequest("a-liaison", TestWorld.Password));

        login.StatusCode.ShouldBe(HttpStatusCode.OK);
        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(ChengxinHost.HttpCookieName + "=", StringComparison.Ordinal));
        cookie.ShouldNotContain("secure", Case.Insensitive);
        cookie.ShouldContain("httponly", Case.Insensitive);
        (await client.GetAsync("/api/auth/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var antiforgery = await client.GetFromJsonAsync<AuthEndpoints.AntiforgeryResponse>("/api/auth/antiforgery");
        client.DefaultRequestHeaders.Add(antiforgery!.HeaderName, antiforgery.Token);
        (await client.PutJsonAsync("/api/auth/password", new AuthEndpoints.ChangePasswordRequest("x", ""))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await client.GetAsync("/api/auth/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Login_PlainHttpAllowedOnAHostNameOfThisMachine_SetsACookieWithoutSecure()
    {
        // http://vm:5080 where vm resolves to 127.0.0.1: a loopback connection, but no secure context to the browser.
        using var http = With(Transport.AllowHttpKey, "true");
        using var client = http.CreateClient(new() { BaseAddress = new Uri("http://vm:5080"), AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add(TestClientAddress.Header, "127.0.0.1");
        client.DefaultRequestHeaders.Add(TestClientAddress.LocalHeader, "127.0.0.1");

        var login = await client.PostJsonAsync("/api/auth/login", new AuthEndpoints.LoginRequest("a-liaison", TestWorld.Password));

        login.StatusCode.ShouldBe(HttpStatusCode.OK);
        login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(ChengxinHost.HttpCookieName + "=", StringComparison.Ordinal))
            .ShouldNotContain("secure", Case.Insensitive);
        var antiforgery = await client.GetAsync("/api/auth/antiforgery");
        antiforgery.StatusCode.ShouldBe(HttpStatusCode.OK);
        antiforgery.Headers.GetValues("Set-Cookie").ShouldAllBe(c => !c.Contains("secure", StringComparison.OrdinalIgnoreCase));
    }

    private static HttpClient Behind(WebApplicationFactory<Program> factory, string socketAddress)
    {
        var client = factory.CreateClient(new() { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add(TestClientAddress.Header, socketAddress);
        return client;
    }

    private static Task<HttpResponseMessage> GuessAsync(HttpClient client, string account, string forwardedFor)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login")
        {
            Content = JsonContent.Create(new AuthEndpoints.LoginRequest(account, "wrong-password-1")),
        };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return client.SendAsync(request);
    }

    [Fact]
    public async Task LoginThrottle_ForwardedForWithoutATrustedProxy_IsIgnored()
    {
        using var client = Behind(app.Factory, "192.0.2.10");
        for (var i = 0; i < LoginThrottle.MaxFailures; i++)
            (await GuessAsync(client, "a-reviewer", $"198.51.100.{i + 1}")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        // A client naming itself someone else is still the same client.
        (await GuessAsync(client, "a-reviewer", "198.51.100.99")).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task LoginThrottle_ForwardedForFromATrustedProxy_KeysOnTheClientBehindIt()
    {
        using var proxied = With(Transport.KnownProxiesKey + ":0", "192.0.2.20");
        using var proxy = Behind(proxied, "192.0.2.20");
        for (var i = 0; i < LoginThrottle.MaxFailures; i++)
            (await GuessAsync(proxy, "a-admin", "198.51.100.1")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        (await GuessAsync(proxy, "a-admin", "198.51.100.1")).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        // Another user behind the same proxy is a different client, not refused for the first one's guesses.
        (await GuessAsync(proxy, "a-admin", "198.51.100.2")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class TransportTestsOnSqlite(SqliteApp app) : TransportTests(app);

[Collection(PostgresCollection.Name)]
public sealed class TransportTestsOnPostgres(PostgresApp app) : TransportTests(app);

/// <summary>
/// The key ring at rest. It is the same repository on either database; what is checked is that a configured
/// certificate encrypts the keys before they are stored, so this runs once, on a fresh SQLite database.
/// </summary>
public sealed class DataProtectionAtRestTests
{
    [Fact]
    public async Task KeyRing_WithACertificateConfigured_IsStoredEncrypted()
    {
        var folder = Path.Combine(Path.GetTempPath(), "chengxin-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=chengxin-keys", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var now = TimeProvider.System.GetUtcNow();
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(1));
        var pfx = Path.Combine(folder, "keys.pfx");
        await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "pfx-password"));
        var clock = new TestClock(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));
        await using var factory = new ChengxinFactory(folder, null, clock, 1000);
        using var configured = factory.WithWebHostBuilder(b => b
            .UseSetting(ChengxinHost.DataProtectionCertificateKey, pfx)
            .UseSetting(ChengxinHost.DataProtectionCertificatePasswordKey, "pfx-password"));

        var protector = configured.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test");
        protector.Unprotect(protector.Protect("会话")).ShouldBe("会话");

        await using var scope = configured.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<ChengxinDbContext>().DataProtectionKeys.Select(k => k.Xml).ToListAsync();
        stored.ShouldNotBeEmpty();
        stored.ShouldAllBe(xml => xml.Contains("EncryptedData") && !xml.Contains("<value>"));
    }
}
