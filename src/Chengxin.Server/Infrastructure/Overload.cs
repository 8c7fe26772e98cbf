using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Chengxin.Server.Infrastructure;

/// <summary>
/// How much the server takes on at once (Chengxin:Overload). Beyond <see cref="MaxConcurrentRequests"/> API requests a request
/// waits in a queue of at most <see cref="QueueLimit"/> for at most <see cref="QueueSeconds"/>; past either bound it is
/// answered 503 with Retry-After at once, so the requests the server does take stay fast instead of every one timing out.
/// </summary>
public sealed class OverloadSettings
{
    /// <summary>Below PostgreSQL's default pool of 100 connections, so that a request admitted rarely waits for one.</summary>
    public int MaxConcurrentRequests { get; set; } = 64;

    public int QueueLimit { get; set; } = 1000;
    public int QueueSeconds { get; set; } = 10;
    public int RetryAfterSeconds { get; set; } = 5;
}

/// <summary>
/// Overload is the server's state, not the caller's fault and not a defect: a request that finds the server saturated, or that
/// cannot get a database connection in time (PostgreSQL's pool exhausted or the server refusing connections, SQLite's write
/// lock held past its timeout), is answered 503 with a Chinese ProblemDetails and Retry-After, never 500. It changed nothing:
/// the gate refuses before any handler runs, and a database that could not be reached took no write (an open transaction is
/// rolled back with the request's scope).
/// </summary>
public static class Overload
{
    public const string Title = "服务器繁忙";
    public const string Detail = "服务器当前繁忙，本次请求未处理，请稍后重试。";
    public const string DatabaseDetail = "服务器当前繁忙（数据库暂时无法处理），本次请求未处理，请稍后重试。";

    // SQLite result codes (https://sqlite.org/rescode.html). A busy snapshot is a lost race (another write committed since this
    // transaction read), a conflict (DatabaseConflicts, 409); a plain busy came after waiting the whole timeout for the lock.
    private const int SqliteBusy = 5;
    private const int SqliteBusySnapshot = 517;

    /// <summary>The services and the gate; the gate runs first in the pipeline (a startup filter), before anything reads the database.</summary>
    public static void AddOverloadPolicy(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection("Chengxin:Overload").Get<OverloadSettings>() ?? new OverloadSettings();
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton<RequestGate>();
        // Before the caller's handler, which would answer a busy SQLite 409.
        builder.Services.AddExceptionHandler<OverloadExceptionHandler>();
        builder.Services.AddSingleton<IStartupFilter, GateStartup>();
    }

    /// <summary>
    /// What the server says at start when the gate admits as many API requests as PostgreSQL's connection pool holds, or more: each
    /// admitted request holds a connection from authentication to its answer (ADR 0014), so the ones beyond the pool would wait for a
    /// connection and be answered 503 after the pool's timeout, and the scheduled work would find none. Null when they fit (always
    /// on SQLite, whose connections are opened as needed).
    /// </summary>
    public static string? PoolMismatch(OverloadSettings overload, DatabaseSettings database)
    {
        if (!database.IsPostgres)
            return null;
        var pool = new NpgsqlConnectionStringBuilder(database.ConnectionString).MaxPoolSize;
        return overload.MaxConcurrentRequests < pool ? null
            : $"警告：同时处理的请求上限（Chengxin:Overload:MaxConcurrentRequests，{overload.MaxConcurrentRequests}）不小于数据库连接池上限"
              + $"（连接字符串的 Maximum Pool Size，{pool}）。每个请求占用一个数据库连接，繁忙时超出的请求将等待连接直至超时。请调低前者或调高后者。"
              + " (warning: MaxConcurrentRequests must stay below the connection pool's Maximum Pool Size)";
    }

    /// <summary>A database that could not be reached in time: a pool or lock wait that ran out, a server refusing connections.</summary>
    public static bool IsDatabaseOverload(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException pg when pg.SqlState is PostgresErrorCodes.TooManyConnections or PostgresErrorCodes.CannotConnectNow:
                    return true;
                case PostgresException:
                    return false;
                // Npgsql's pool exhausted ("raise 'Max Pool Size' or 'Timeout'") and a connect that timed out carry a TimeoutException.
                case NpgsqlException { InnerException: TimeoutException }:
                    return true;
                case SqliteException sqlite when (sqlite.SqliteErrorCode & 0xFF) == SqliteBusy && sqlite.SqliteExtendedErrorCode != SqliteBusySnapshot:
                    return true;
            }
        }
        return false;
    }

    internal static Task WriteAsync(HttpContext context, OverloadSettings settings, string detail, Exception? exception = null)
    {
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = settings.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        return problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context, Exception = exception,
            ProblemDetails = new ProblemDetails { Status = StatusCodes.Status503ServiceUnavailable, Title = Title, Detail = detail },
        }).AsTask();
    }

    private sealed class GateStartup : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.UseMiddleware<RequestGate>();
            next(app);
        };
    }

    private sealed class OverloadExceptionHandler(OverloadSettings settings) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
        {
            if (!IsDatabaseOverload(exception) || context.Response.HasStarted)
                return false;
            await WriteAsync(context, settings, DatabaseDetail, exception);
            return true;
        }
    }
}

/// <summary>
/// The bound on API requests in progress (<see cref="OverloadSettings"/>). The web app's files and /health pass: they read no
/// database, and a load balancer must not take a busy instance for a dead one.
/// </summary>
internal sealed class RequestGate : IMiddleware, IDisposable
{
    private readonly ConcurrencyLimiter _limiter;
    private readonly OverloadSettings _settings;
    private int _inside;

    public RequestGate(OverloadSettings settings)
    {
        _settings = settings;
        _limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = Math.Max(1, settings.MaxConcurrentRequests), QueueLimit = Math.Max(0, settings.QueueLimit),
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    /// <summary>Requests admitted and not yet answered.</summary>
    internal int Inside => Volatile.Read(ref _inside);

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (!context.Request.Path.StartsWithSegments("/api"))
        {
            await next(context);
            return;
        }
        var lease = _limiter.AttemptAcquire();
        if (!lease.IsAcquired && _settings.QueueLimit > 0 && _settings.QueueSeconds > 0)
        {
            lease.Dispose();
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
            wait.CancelAfter(TimeSpan.FromSeconds(_settings.QueueSeconds));
            try
            {
                lease = await _limiter.AcquireAsync(1, wait.Token);
            }
            catch (OperationCanceledException)
            {
                // A caller that went away is owed no answer; one that waited out the queue's time is told to come back.
                if (!context.RequestAborted.IsCancellationRequested)
                    await Overload.WriteAsync(context, _settings, Overload.Detail);
                return;
            }
        }
        using (lease)
        {
            if (!lease.IsAcquired)
            {
                await Overload.WriteAsync(context, _settings, Overload.Detail);
                return;
            }
            Interlocked.Increment(ref _inside);
            try
            {
                await next(context);
            }
            finally
            {
                Interlocked.Decrement(ref _inside);
            }
        }
    }

    public void Dispose() => _limiter.Dispose();
}
