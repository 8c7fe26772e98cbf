using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Chengxin.Server.Tests.Infrastructure;

/// <summary>
/// The real application in memory on one database, shared by the test classes of one
/// collection: started once, seeded once with <see cref="TestWorld"/>.
/// </summary>
public abstract class AppFixture : IAsyncLifetime
{
    private readonly Dictionary<string, HttpClient> _sessions = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _sessionLock = new(1, 1);

    public TestClock Clock { get; } = new(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));
    public ChengxinFactory Factory { get; private set; } = null!;
    public TestWorld World { get; private set; } = null!;
    public string DataFolder { get; } = Path.Combine(Path.GetTempPath(), "chengxin-tests", Guid.NewGuid().ToString("N"));
    public abstract string Provider { get; }
    public string? ConnectionString { get; private set; }

    protected abstract Task<string?> CreateDatabaseAsync();

    protected virtual Task DropDatabaseAsync() => Task.CompletedTask;

    protected virtual int LoginPerMinute => 100_000;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(DataFolder);
        ConnectionString = await CreateDatabaseAsync();
        Factory = new ChengxinFactory(DataFolder, ConnectionString, Clock, LoginPerMinute);
        World = await TestWorld.CreateAsync(Factory.Services, Clock);
    }

    public async Task DisposeAsync()
    {
        foreach (var client in _sessions.Values)
            client.Dispose();
        await Factory.DisposeAsync();
        await DropDatabaseAsync();
        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a closing connection is left for the temp cleaner.
        }
    }

    /// <summary>
    /// Another instance of the server on this fixture's database and data folder, as a second server behind the proxy is; the
    /// caller disposes it. Login rate limits are lifted, as a test signs in on it as often as it needs.
    /// </summary>
    public ChengxinFactory SecondInstance() => new(DataFolder, ConnectionString, Clock, 100_000);

    public HttpClient NewClient() => Factory.NewBrowser();

    /// <summary>A new signed-in browser session: session cookie plus the antiforgery header.</summary>
    public Task<HttpClient> SignInAsync(string userName, string password = TestWorld.Password) => Factory.SignInAsync(userName, password);

    /// <summary>One shared session per user, for tests that only read or that expect to be refused.</summary>
    public async Task<HttpClient> SessionAsync(string userName)
    {
        await _sessionLock.WaitAsync();
        try
        {
            if (!_sessions.TryGetValue(userName, out var client))
                _sessions[userName] = client = await SignInAsync(userName);
            return client;
        }
        finally
        {
            _sessionLock.Release();
        }
    }
}

public sealed class ChengxinFactory(string dataFolder, string? connection, TestClock clock, int loginPerMinute) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Chengxin:DataFolder", dataFolder);
        builder.UseSetting("ConnectionStrings:Chengxin", connection ?? "");
        builder.UseSetting("Chengxin:RateLimits:LoginPerMinute", loginPerMinute.ToString());
        builder.UseSetting("Chengxin:RateLimits:RequestsPerMinute", "1000000");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        // Tests run due slots by hand (ScheduledWorkRunner.RunDueAsync) at the clock's time, never on a timer of their own.
        builder.UseSetting("Chengxin:Scheduling:Enabled", "false");
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            services.AddSingleton<IStartupFilter, TestClientAddress>();
        });
    }
}

/// <summary>
/// The in-memory server sees no client address; a test that plays several clients names each
/// one in the X-Test-Client-Address header (this exists only in the test host).
/// </summary>
public sealed class TestClientAddress : IStartupFilter
{
    public const string Header = "X-Test-Client-Address";

    /// <summary>The server's own address of the connection (TestServer has none), for the rules about requests from this machine.</summary>
    public const string LocalHeader = "X-Test-Local-Address";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (context.Request.Headers.TryGetValue(Header, out var address))
                context.Connection.RemoteIpAddress = System.Net.IPAddress.Parse(address.ToString());
            if (context.Request.Headers.TryGetValue(LocalHeader, out var local))
                context.Connection.LocalIpAddress = System.Net.IPAddress.Parse(local.ToString());
            return nextMiddleware(context);
        });
        next(app);
    };
}

public sealed class SqliteApp : AppFixture
{
    public override string Provider => "SQLite";

    protected override Task<string?> CreateDatabaseAsync() => Task.FromResult<string?>(null);
}

public sealed class PostgresApp : AppFixture
{
    private string? _admin;
    private string? _database;

    public override string Provider => "PostgreSQL";

    public static string BaseConnectionString =>
        Environment.GetEnvironmentVariable("CHENGXIN_TEST_PG") is { Length: > 0 } pg
            ? pg
            : throw new InvalidOperationException(
                "CHENGXIN_TEST_PG is not set, so the PostgreSQL tests cannot run. Run ./test.sh, which starts a local " +
                "PostgreSQL (scripts/test-deps/postgres.sh) and sets it, or export CHENGXIN_TEST_PG=\"Host=…;Username=…;Password=…;Database=…\".");

    protected override async Task<string?> CreateDatabaseAsync()
    {
        _admin = BaseConnectionString;
        _database = "chengxin_t_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(_admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{_database}\"", connection);
            await command.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(_admin) { Database = _database }.ConnectionString;
    }

    protected override async Task DropDatabaseAsync()
    {
        if (_admin is null || _database is null)
            return;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class SqliteCollection : ICollectionFixture<SqliteApp>
{
    public const string Name = "sqlite";
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresApp>
{
    public const string Name = "postgres";
}
