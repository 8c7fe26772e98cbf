using System.Net.Http.Json;
using Chengxin.Server.Features.Auth;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Chengxin.Server.Tests.Infrastructure;

/// <summary>Signing in as the web app does, on the test world's server or on any other instance a test starts beside it.</summary>
public static class BrowserSessions
{
    /// <summary>A browser of its own on that instance: https, as the session cookie requires, and redirects left to the test.</summary>
    public static HttpClient NewBrowser(this WebApplicationFactory<Program> server) =>
        server.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });

    /// <summary>A new signed-in browser on that instance: session cookie plus the antiforgery header.</summary>
    public static async Task<HttpClient> SignInAsync(this WebApplicationFactory<Program> server, string userName, string password = TestWorld.Password)
    {
        var client = server.NewBrowser();
        await client.SignInAsync(userName, password);
        return client;
    }

    /// <summary>Signs this browser in: the session cookie it keeps, and the antiforgery header every later write sends.</summary>
    public static async Task SignInAsync(this HttpClient client, string userName, string password = TestWorld.Password)
    {
        (await client.PostAsJsonAsync("/api/auth/login", new AuthEndpoints.LoginRequest(userName, password))).EnsureSuccessStatusCode();
        var antiforgery = await client.GetFromJsonAsync<AuthEndpoints.AntiforgeryResponse>("/api/auth/antiforgery");
        client.DefaultRequestHeaders.Add(antiforgery!.HeaderName, antiforgery.Token);
    }
}
