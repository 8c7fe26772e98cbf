using System.Net;
using Microsoft.Extensions.FileProviders;

namespace Chengxin.Server.Infrastructure;

/// <summary>
/// Serves the built web app (web/dist) from the API's own process: hashed assets as static files,
/// every other non-API GET that no endpoint takes as index.html so the browser's router can take it.
/// </summary>
public static class WebApp
{
    /// <summary>
    /// The folder with index.html: Chengxin:WebRoot when set, else web/dist above the content root or the
    /// binaries, which finds the repository's build both from ./chengxin (content root = repository) and
    /// from tests (content root = the project folder).
    /// </summary>
    public static string? FindRoot(IConfiguration config, IWebHostEnvironment env)
    {
        if (config["Chengxin:WebRoot"] is { Length: > 0 } configured)
            return File.Exists(Path.Combine(configured, "index.html")) ? Path.GetFullPath(configured) : null;
        foreach (var start in new[] { env.ContentRootPath, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "web", "dist");
                if (File.Exists(Path.Combine(candidate, "index.html")))
                    return candidate;
            }
        }
        return null;
    }

    /// <summary>First in the pipeline: the loopback rule, then the static assets and the app's routes (before authentication, which they do not need).</summary>
    public static void UseWebApp(this WebApplication app)
    {
        // The session and antiforgery cookies are Secure (__Host-); browsers accept those from
        // http://localhost as a secure context, but the antiforgery system refuses to issue its token
        // on a request that is not HTTPS. A request from this machine to a loopback address never
        // crossed a network, so it counts as secure: `./chengxin demo` works in a browser. With plain http allowed the cookies
        // follow the request's scheme instead, and the rule must not apply: a host name that resolves to this machine
        // (http://vm:5077 → 127.0.0.1) is no secure context to the browser, which would drop a Secure cookie and loop.
        var allowHttp = Transport.AllowsHttp(app.Configuration);
        app.Use((ctx, next) =>
        {
            if (!allowHttp && !ctx.Request.IsHttps && ctx.Connection.RemoteIpAddress is { } remote && IPAddress.IsLoopback(remote)
                && ctx.Connection.LocalIpAddress is { } local && IPAddress.IsLoopback(local))
                ctx.Request.Scheme = Uri.UriSchemeHttps;
            return next(ctx);
        });

        if (FindRoot(app.Configuration, app.Environment) is not { } root)
            return;
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(root),
            OnPrepareResponse = ctx =>
            {
                // Vite puts a content hash in every asset's name, so a cached copy is never stale.
                if (ctx.Context.Request.Path.StartsWithSegments("/assets"))
                    ctx.Context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
            },
        });
        app.UseAppRoutes(root);
    }

    /// <summary>
    /// The browser's own routes get index.html: a GET or HEAD that no endpoint took, outside /api and /openapi, that names no
    /// file. This is middleware rather than a catch-all fallback endpoint on purpose: routing answers 405 for a wrong method
    /// and 415 for a wrong content type only when no endpoint at all fits, and a catch-all always fits, so API clients got
    /// the web app's bare 404 instead (issue 12, F13). Everything else falls through: 401 when anonymous, otherwise the
    /// status-code pages' ProblemDetails (404, 405, 415).
    /// </summary>
    private static void UseAppRoutes(this WebApplication app, string root)
    {
        app.Use(async (ctx, next) =>
        {
            var request = ctx.Request;
            if (ctx.GetEndpoint() is not null || !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
                || request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
                || request.Path.StartsWithSegments("/openapi", StringComparison.OrdinalIgnoreCase)
                || Path.HasExtension(request.Path.Value))
            {
                await next(ctx);
                return;
            }
            ctx.Response.ContentType = "text/html; charset=utf-8";
            // index.html names the current hashed assets, so it must be fetched afresh after a deploy.
            ctx.Response.Headers.CacheControl = "no-cache";
            ctx.Response.Headers.ContentSecurityPolicy = Transport.AppPolicy;
            ctx.Response.Headers.XContentTypeOptions = "nosniff";
            await ctx.Response.SendFileAsync(Path.Combine(root, "index.html"));
        });
    }
}
