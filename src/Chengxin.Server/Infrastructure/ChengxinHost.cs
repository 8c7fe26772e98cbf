using System.Globalization;
using System.Threading.RateLimiting;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Audit;
using Chengxin.Server.Features.Auth;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Features.Bulletins;
using Chengxin.Server.Features.Dashboard;
using Chengxin.Server.Features.Exports;
using Chengxin.Server.Features.Results;
using Chengxin.Server.Features.Reviews;
using Chengxin.Server.Features.Submissions;
using Chengxin.Server.Features.Health;
using Chengxin.Server.Features.Letters;
using Chengxin.Server.Features.Providers;
using Chengxin.Server.Features.Schemes;
using Chengxin.Server.Features.Tokens;
using Chengxin.Server.Features.Units;
using Chengxin.Server.Features.Users;
using Chengxin.Server.Features.Workspace;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Infrastructure;

public sealed class RateLimitSettings
{
    /// <summary>Sign-in attempts per client per minute: slows guessing long before lockout is the only defence.</summary>
    public int LoginPerMinute { get; set; } = 10;

    /// <summary>Requests per client (user or address) per minute.</summary>
    public int RequestsPerMinute { get; set; } = 600;
}

/// <summary>A setting the server cannot start with: said in one line and the process ends with 1 (Program.cs).</summary>
public sealed class StartupProblem(string message) : Exception(message);

/// <summary>Where the data lives: SQLite in the data folder unless a PostgreSQL connection string is given.</summary>
public sealed record DatabaseSettings(bool IsPostgres, string ConnectionString, string DataFolder)
{
    public static DatabaseSettings From(IConfiguration config)
    {
        var folder = Path.GetFullPath(config["Chengxin:DataFolder"] is { Length: > 0 } f ? f : "data");
        var connection = config.GetConnectionString("Chengxin");
        if (!string.IsNullOrWhiteSpace(connection) && connection.Contains("Host=", StringComparison.OrdinalIgnoreCase))
            return new DatabaseSettings(true, ServerDefaults(connection), folder);
        // A SQLite connection string of its own (a shorter Default Timeout, the wait for the write lock before a 503) is taken as given.
        if (!string.IsNullOrWhiteSpace(connection) && connection.StartsWith("Data Source=", StringComparison.OrdinalIgnoreCase))
            return new DatabaseSettings(false, connection, folder);
        return new DatabaseSettings(false, $"Data Source={Path.Combine(folder, "chengxin.db")};Pooling=True;Default Timeout=30", folder);
    }

    /// <summary>
    /// What the server sets on a PostgreSQL connection string when the string says nothing of it (Npgsql takes each keyword with or
    /// without its spaces). PostgreSQL prepares the statements a connection runs again and again (the caller, a report's context:
    /// every request runs the same few texts), so each is parsed and planned once per connection instead of on every request;
    /// measured in bench/README (B5, s28). An operator behind a pooler that cannot hold prepared statements sets
    /// <c>Max Auto Prepare=0</c>. And a connection given back to the pool is not reset: Npgsql would otherwise send seven statements
    /// (<c>RESET ALL</c>, <c>DISCARD TEMP</c>, <c>pg_advisory_unlock_all()</c> and four more) ahead of the next request's first, on
    /// every API request (ADR 0014, B5 s32). The server leaves no session state behind to reset: it sets nothing beyond its
    /// transaction, makes no temporary tables, listens for nothing, and its advisory locks, the migrator's included, are its
    /// transactions'. An operator who wants the reset back sets <c>No Reset On Close=false</c>.
    /// </summary>
    internal static string ServerDefaults(string connection)
    {
        Npgsql.NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new Npgsql.NpgsqlConnectionStringBuilder(connection);
        }
        catch (ArgumentException e)
        {
            // A keyword Npgsql does not know (Max Pool Size, which older drivers took) or a value of the wrong kind: one line at start,
            // not a stack trace.
            throw new StartupProblem($"数据库连接字符串（ConnectionStrings:Chengxin）无法使用：{e.Message}。"
                + "请按 Npgsql 的关键字书写，例如连接池上限写作 Maximum Pool Size。 (the connection string is not one Npgsql accepts)");
        }
        var given = connection.Replace(" ", "", StringComparison.Ordinal);
        if (!given.Contains("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase))
            builder.MaxAutoPrepare = 64;
        if (!given.Contains("AutoPrepareMinUsages", StringComparison.OrdinalIgnoreCase))
            builder.AutoPrepareMinUsages = 2;
        if (!given.Contains("NoResetOnClose", StringComparison.OrdinalIgnoreCase))
            builder.NoResetOnClose = true;
        return builder.ConnectionString;
    }
}

public static class ChengxinHost
{
    public const string CookieName = "__Host-chengxin";

    /// <summary>The session cookie's name when plain http is allowed: a __Host- cookie must be Secure, which http cannot set.</summary>
    public const string HttpCookieName = "chengxin";
    public const string LoginRateLimit = "login";
    public const string DataProtectionCertificateKey = "Chengxin:DataProtection:CertificatePath";
    public const string DataProtectionCertificatePasswordKey = "Chengxin:DataProtection:CertificatePassword";

    public static void AddChengxin(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        builder.AddTransport();
        var allowHttp = Transport.AllowsHttp(builder.Configuration);
        // Every SQL statement at Information drowns the console; configuration can still turn it on.
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Warning);
        // Four to six lines a request at Information (request starting and finished, the endpoint, the result written) are CPU on
        // every request of a deadline day and say nothing the audit chain and the access log of the proxy do not; warnings stay,
        // and a provider's section (Logging:Console:LogLevel:Microsoft.AspNetCore) still turns them on.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        var database = DatabaseSettings.From(builder.Configuration);
        Directory.CreateDirectory(database.DataFolder);
        services.AddSingleton(database);
        services.TryAddTimeProvider();

        services.AddScoped<AccessScope>();
        // Pooled: constructing a context and its internal services for each request cost about as much as a 304 answer's own work
        // (bench/README, B5 s28). The pool's factory is not for handlers: every context a scope resolves is bound to that scope's
        // AccessScope and clock here, and one taken from the factory directly has an empty scope, which sees nothing.
        services.AddPooledDbContextFactory<ChengxinDbContext>(o =>
        {
            if (database.IsPostgres)
                o.UseNpgsql(database.ConnectionString);
            else
                o.UseSqlite(database.ConnectionString);
            // A pooled context keeps its loggers, which by default remember for a second that nobody listens: a diagnostics
            // listener attached at run time (the statement-counting tests attach one right before a request) would miss that
            // second's statements. Checking on every statement costs a few calls, as an unpooled context's first check did.
            o.ConfigureLoggingCacheTime(TimeSpan.Zero);
        });
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<ChengxinDbContext>>().CreateDbContext()
            .Bind(sp.GetRequiredService<AccessScope>(), sp.GetRequiredService<TimeProvider>()));
        services.AddScoped<DatabaseMigrator>();
        services.AddScoped<Demo.DemoSeeder>();
        services.AddSingleton<SchemeCatalog>();
        services.AddSingleton<SchemeVersions>();
        services.AddSingleton<EvidenceStore>();
        services.AddSingleton<CheckpointKey>();
        services.AddSingleton<Features.Auth.LoginThrottle>();
        Scheduling.SchedulingRegistration.AddScheduling(services);
        Features.Notifications.NotificationRegistration.AddNotifications(services);
        Features.Surveys.SurveyRegistration.AddSurveys(services);
        Scheduling.SchedulingRegistration.AddScheduledWork<Features.FollowUp.ScheduledFollowUpRules>(services);
        Features.Results.ResultRegistration.AddResults(services);

        services.AddIdentityCore<AppUser>(o =>
            {
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Lockout.AllowedForNewUsers = true;
                // The backstop against guessing from many clients; one client is stopped after
                // LoginThrottle.MaxFailures, so it cannot lock the account's owner out.
                o.Lockout.MaxFailedAccessAttempts = 20;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.User.RequireUniqueEmail = false;
            })
            .AddSignInManager<AccountSignInManager>()
            .AddUserStore<AccountStore>()
            .AddClaimsPrincipalFactory<AccountClaimsFactory>()
            .AddErrorDescriber<ChineseIdentityErrorDescriber>()
            .AddDefaultTokenProviders();
        // OWASP's figure for PBKDF2-HMAC-SHA512, the algorithm of Identity's V3 hash format.
        services.Configure<PasswordHasherOptions>(o => o.IterationCount = 210_000);

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = "chengxin";
                o.DefaultChallengeScheme = "chengxin";
                o.DefaultForbidScheme = "chengxin";
            })
            // One scheme that picks the bearer handler when a token is sent, the cookie otherwise.
            .AddPolicyScheme("chengxin", "Cookie or API token", o => o.ForwardDefaultSelector = ctx =>
                ctx.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? ApiTokenDefaults.Scheme
                    : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenHandler>(ApiTokenDefaults.Scheme, null)
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.HttpOnly = true;
            // __Host- cookies must be Secure; browsers treat http://localhost as secure, so a local demo works too. Over plain
            // http on an intranet address the browser would drop such a cookie, so allowing http gives up the prefix instead.
            o.Cookie.Name = allowHttp ? HttpCookieName : CookieName;
            o.Cookie.SecurePolicy = allowHttp ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.Path = "/";
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            // An API answers 401/403; the web app shows its own sign-in page.
            o.Events.OnRedirectToLogin = ctx => { ctx.Response.StatusCode = StatusCodes.Status401Unauthorized; return Task.CompletedTask; };
            o.Events.OnRedirectToAccessDenied = ctx => { ctx.Response.StatusCode = StatusCodes.Status403Forbidden; return Task.CompletedTask; };
            // In place of Identity's periodic check: the stamp is compared on every request, so revocation is immediate.
            o.Events.OnValidatePrincipal = SessionCheck.ValidateAsync;
        });
        services.AddAntiforgery(o =>
        {
            o.HeaderName = AntiforgeryCheck.HeaderName;
            o.Cookie.Name = (allowHttp ? HttpCookieName : CookieName) + "-af";
            o.Cookie.SecurePolicy = allowHttp ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            o.Cookie.SameSite = SameSiteMode.Strict;
        });
        var dataProtection = services.AddDataProtection().SetApplicationName("chengxin");
        // The key ring sits in the database beside the data. Given a certificate, its keys are stored encrypted with it, so a
        // copy of the database (a backup) alone cannot forge sessions; without one, the database must be guarded like the keys.
        if (builder.Configuration[DataProtectionCertificateKey] is { Length: > 0 } certificate)
            dataProtection.ProtectKeysWithCertificate(System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(
                certificate, builder.Configuration[DataProtectionCertificatePasswordKey]));
        services.AddOptions<KeyManagementOptions>()
            .Configure<IServiceScopeFactory>((o, scopes) => o.XmlRepository = new DatabaseKeyRepository(scopes));

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPermissionPolicies();

        var limits = builder.Configuration.GetSection("Chengxin:RateLimits").Get<RateLimitSettings>() ?? new RateLimitSettings();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (ctx, ct) =>
            {
                if (ctx.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                    ctx.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                var problems = ctx.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = ctx.HttpContext,
                    ProblemDetails = { Status = 429, Title = "请求过于频繁", Detail = "请求过于频繁，请稍后再试。" },
                });
            };
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(ctx =>
                RateLimitPartition.GetFixedWindowLimiter(ClientKey(ctx), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limits.RequestsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
                }));
            o.AddPolicy(LoginRateLimit, ctx =>
                RateLimitPartition.GetFixedWindowLimiter(ClientAddress(ctx), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limits.LoginPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
                }));
        });

        builder.AddOverloadPolicy();
        services.AddChengxinProblemDetails();
        services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "诚信 Chengxin API";
            document.Info.Description = "政务诚信评价平台接口 (government-integrity evaluation platform)";
            // Either scheme authenticates a call: the browser's session cookie, or a machine client's API token (Bearer cx_…),
            // so that a client generated from this document can call the machine API (the 双公示 push among them).
            document.Components ??= new Microsoft.OpenApi.OpenApiComponents();
            document.Components.SecuritySchemes = new Dictionary<string, Microsoft.OpenApi.IOpenApiSecurityScheme>
            {
                ["cookie"] = new Microsoft.OpenApi.OpenApiSecurityScheme
                {
                    Type = Microsoft.OpenApi.SecuritySchemeType.ApiKey, In = Microsoft.OpenApi.ParameterLocation.Cookie, Name = CookieName,
                    Description = "登录后的会话 Cookie（写操作另需防伪令牌）",
                },
                ["bearer"] = new Microsoft.OpenApi.OpenApiSecurityScheme
                {
                    Type = Microsoft.OpenApi.SecuritySchemeType.Http, Scheme = "bearer", BearerFormat = "cx_…",
                    Description = "接口令牌（Authorization: Bearer cx_…），供城市信用平台等外部系统调用",
                },
            };
            document.Security =
            [
                new Microsoft.OpenApi.OpenApiSecurityRequirement { [new Microsoft.OpenApi.OpenApiSecuritySchemeReference("cookie", document)] = [] },
                new Microsoft.OpenApi.OpenApiSecurityRequirement { [new Microsoft.OpenApi.OpenApiSecuritySchemeReference("bearer", document)] = [] },
            ];
            return Task.CompletedTask;
        }));
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        services.AddHttpContextAccessor();
    }

    public static void UseChengxin(this WebApplication app)
    {
        app.UseTransport();
        app.UseWebApp();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRequestConnection();
        app.UseAuthentication();
        app.UseMiddleware<AccessScopeMiddleware>();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseJsonBodyLimit();
        app.UseMiddleware<AntiforgeryCheck>();

        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapHealthEndpoints();
        app.MapAuthEndpoints();
        app.MapTokenEndpoints();
        app.MapUnitEndpoints();
        app.MapUserEndpoints();
        app.MapAuditEndpoints();
        app.MapSchemeEndpoints();
        app.MapCampaignEndpoints();
        app.MapSubmissionEndpoints();
        app.MapReviewEndpoints();
        app.MapResultEndpoints();
        app.MapLetterEndpoints();
        app.MapProviderEndpoints();
        Features.SpotChecks.SpotCheckEndpoints.MapSpotCheckEndpoints(app);
        Features.Periods.PeriodEndpoints.MapPeriodEndpoints(app);
        app.MapWorkspaceEndpoints();
        app.MapExportEndpoints();
        app.MapDashboardEndpoints();
        app.MapBulletinEndpoints();
        Features.Disclosures.DisclosureEndpoints.MapDisclosureEndpoints(app);
        Features.DishonestLists.DishonestListEndpoints.MapDishonestListEndpoints(app);
        Features.Events.EventEndpoints.MapEventEndpoints(app);
        Features.Notifications.NotificationEndpoints.MapNotificationEndpoints(app);
        Features.Surveys.SurveyEndpoints.MapSurveyEndpoints(app);
        Features.FollowUp.FollowUpEndpoints.MapFollowUpEndpoints(app);
    }

    public static async Task MigrateDatabaseAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(ct);
    }

    private static void TryAddTimeProvider(this IServiceCollection services)
    {
        if (!services.Any(s => s.ServiceType == typeof(TimeProvider)))
            services.AddSingleton(TimeProvider.System);
    }

    private static AuthorizationBuilder AddPermissionPolicies(this AuthorizationBuilder builder)
    {
        foreach (var permission in Roles.AllPermissions)
            builder.AddPolicy(permission, p => p.RequireAuthenticatedUser().RequireRole(Roles.Granting(permission)));
        return builder;
    }

    private static string ClientKey(HttpContext ctx) =>
        ctx.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value is { } user ? "user:" + user : ClientAddress(ctx);

    private static string ClientAddress(HttpContext ctx) =>
        "ip:" + (ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown");
}
