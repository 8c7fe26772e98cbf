using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Chengxin.Server.Infrastructure;

/// <summary>
/// How requests reach the server and what every answer carries: plain http only when the administrator
/// allows it, forwarded headers only from a configured reverse proxy, and the security headers.
/// The deployments these assume are written down in the server's README ("Deployment and security").
/// </summary>
public static class Transport
{
    /// <summary>Plain http from other machines (a county office's intranet without a certificate); the demo sets it.</summary>
    public const string AllowHttpKey = "Chengxin:AllowHttp";

    /// <summary>Addresses of the reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed.</summary>
    public const string KnownProxiesKey = "Chengxin:ForwardedHeaders:KnownProxies";

    /// <summary>Networks (CIDR, e.g. 10.0.0.0/24) of such proxies.</summary>
    public const string KnownNetworksKey = "Chengxin:ForwardedHeaders:KnownNetworks";

    /// <summary>The API's answers are data, never a page: nothing in them may run, load or be framed.</summary>
    public const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    /// <summary>
    /// The web app's pages. frame-src blob: lets the evidence viewer show a PDF the page fetched itself (an object URL of
    /// a blob typed application/pdf or an image, created by the viewer): no other page can be framed, and every evidence
    /// download from the API stays an attachment under <see cref="ApiPolicy"/>.
    /// </summary>
    public const string AppPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; frame-src blob:; " +
        "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'";

    public static bool AllowsHttp(IConfiguration config) => config.GetValue<bool>(AllowHttpKey);

    public static void AddTransport(this WebApplicationBuilder builder)
    {
        // Nobody outside needs to know which web server answers.
        builder.WebHost.ConfigureKestrel(o => o.AddServerHeader = false);
        var proxies = builder.Configuration.GetSection(KnownProxiesKey).Get<string[]>() ?? [];
        var networks = builder.Configuration.GetSection(KnownNetworksKey).Get<string[]>() ?? [];
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Only the configured proxies, and only their own hop: a client cannot prepend addresses of its choosing.
            o.ForwardLimit = 1;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
                o.KnownProxies.Add(IPAddress.Parse(proxy));
            foreach (var network in networks)
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        });
    }

    /// <summary>
    /// First in the pipeline. Forwarded headers are read only when a proxy is configured: otherwise any client could
    /// name itself another address (and escape the per-address rate limit and login throttle) or claim https.
    /// </summary>
    public static void UseTransport(this WebApplication app)
    {
        if (app.Configuration.GetSection(KnownProxiesKey).Get<string[]>() is { Length: > 0 }
            || app.Configuration.GetSection(KnownNetworksKey).Get<string[]>() is { Length: > 0 })
            app.UseForwardedHeaders();
        app.Use((ctx, next) =>
        {
            ctx.Response.OnStarting(() =>
            {
                SetSecurityHeaders(ctx);
                return Task.CompletedTask;
            });
            return next(ctx);
        });
    }

    private static void SetSecurityHeaders(HttpContext ctx)
    {
        var headers = ctx.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "same-origin";
        headers.XFrameOptions = "DENY";
        var path = ctx.Request.Path;
        if (path.StartsWithSegments("/api") || path.StartsWithSegments("/openapi") || path.StartsWithSegments("/health"))
        {
            // Results, submissions and files are per user and may be confidential: no browser or proxy keeps a copy. An endpoint
            // that answers conditional reads says so itself (a unit's own report: private, no-cache, kept by the caller's browser only).
            if (headers.CacheControl.Count == 0)
                headers.CacheControl = "no-store";
            headers.Pragma = "no-cache";
            headers.ContentSecurityPolicy = ApiPolicy;
        }
        else if (headers.ContentSecurityPolicy.Count == 0)
        {
            headers.ContentSecurityPolicy = AppPolicy;
        }
    }

    /// <summary>
    /// Whether a session cookie set on this request will be kept by the browser: always over https (a loopback
    /// request counts, see <see cref="WebApp"/>); over plain http only when the administrator allowed http.
    /// </summary>
    public static bool CanHoldSession(HttpContext ctx) =>
        ctx.Request.IsHttps || AllowsHttp(ctx.RequestServices.GetRequiredService<IConfiguration>());
}
