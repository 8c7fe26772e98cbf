using System.Net;
using Chengxin.Server.Features.Submissions;
using Chengxin.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Chengxin.Server.Tests.Instances;

/// <summary>
/// Two instances of the real application on one database, as behind a reverse proxy: each its own host, services, caches
/// and data-protection key ring in memory, sharing only what the deployment shares. On SQLite that is one machine, so the
/// two share the data folder (the database file and the evidence folder); on PostgreSQL each has a data folder of its own
/// and the evidence lives in the database (Chengxin:Evidence:Store=database), as on several machines.
/// </summary>
public abstract class TwoInstances : IAsyncLifetime
{
    public TestClock Clock { get; } = new(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));
    public InstanceFactory First { get; private set; } = null!;
    public InstanceFactory Second { get; private set; } = null!;
    public TestWorld World { get; private set; } = null!;
    public string? ConnectionString { get; private set; }
    public abstract string Provider { get; }

    /// <summary>The evidence store both instances are configured with.</summary>
    public abstract string EvidenceStoreSetting { get; }

    public abstract string DataFolderOf(int instance);

    protected abstract Task<string?> CreateDatabaseAsync();

    protected abstract Task DropDatabaseAsync();

    public async Task InitializeAsync()
    {
        ConnectionString = await CreateDatabaseAsync();
        First = NewInstance(1);
        Second = NewInstance(2);
        // Both start at once, as after a deploy: each migrates (under the database-wide lock) before it serves.
        await Task.WhenAll(Task.Run(() => First.Services), Task.Run(() => Second.Services));
        World = await TestWorld.CreateAsync(First.Services, Clock);
    }

    public InstanceFactory NewInstance(int instance)
    {
        Directory.CreateDirectory(DataFolderOf(instance));
        return new InstanceFactory(DataFolderOf(instance), ConnectionString, Clock, EvidenceStoreSetting);
    }

    public async Task DisposeAsync()
    {
        await First.DisposeAsync();
        await Second.DisposeAsync();
        SqliteConnection.ClearAllPools();
        await DropDatabaseAsync();
        foreach (var folder in new[] { DataFolderOf(1), DataFolderOf(2) }.Distinct())
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // A file still held by a closing connection is left for the temp cleaner.
            }
    }

    /// <summary>
    /// A browser whose requests the proxy sends to whichever instance <see cref="Browser.Target"/> names; one cookie jar, as
    /// a browser has one, whichever instance answers.
    /// </summary>
    public Browser NewBrowser() => new(First, Second);
}

/// <summary>One browser in front of two instances: the cookie jar is the browser's, the instance is the proxy's choice.</summary>
public sealed class Browser : IDisposable
{
    private readonly Switch _switch;

    public Browser(InstanceFactory first, InstanceFactory second)
    {
        _switch = new Switch(first.Server.CreateHandler(), second.Server.CreateHandler());
        Client = new HttpClient(new CookieContainerHandler(Cookies) { InnerHandler = _switch }) { BaseAddress = new Uri("https://localhost") };
    }

    public CookieContainer Cookies { get; } = new();

    public HttpClient Client { get; }

    /// <summary>The instance (1 or 2) the next requests go to.</summary>
    public int Target
    {
        get => _switch.Target;
        set => _switch.Target = value;
    }

    /// <summary>A copy of the browser's cookies in a second client (a replayed cookie), sent to the instance named.</summary>
    public HttpClient CopyTo(InstanceFactory instance)
    {
        var copy = new CookieContainer();
        copy.Add(Cookies.GetAllCookies());
        return new HttpClient(new CookieContainerHandler(copy) { InnerHandler = instance.Server.CreateHandler() }) { BaseAddress = new Uri("https://localhost") };
    }

    public void Dispose() => Client.Dispose();

    private sealed class Switch(HttpMessageHandler first, HttpMessageHandler second) : HttpMessageHandler
    {
        private readonly HttpMessageInvoker _first = new(first);
        private readonly HttpMessageInvoker _second = new(second);

        public int Target { get; set; } = 1;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct) =>
            (Target == 1 ? _first : _second).SendAsync(request, ct);
    }
}

public sealed class InstanceFactory(string dataFolder, string? connection, TestClock clock, string evidenceStore) : WebApplicationFactory<Program>
{
    public string DataFolder => dataFolder;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Chengxin:DataFolder", dataFolder);
        builder.UseSetting("ConnectionStrings:Chengxin", connection ?? "");
        builder.UseSetting(EvidenceStore.StoreKey, evidenceStore);
        builder.UseSetting("Chengxin:RateLimits:LoginPerMinute", "100000");
        builder.UseSetting("Chengxin:RateLimits:RequestsPerMinute", "1000000");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(clock));
    }
}

/// <summary>One machine: two instances on one SQLite file in one data folder, the evidence in its content folder.</summary>
public sealed class TwoInstancesOnSqlite : TwoInstances
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "chengxin-instances", Guid.NewGuid().ToString("N"));

    public override string Provider => "SQLite";

    public override string EvidenceStoreSetting => EvidenceContent.Folder;

    public override string DataFolderOf(int instance) => _folder;

    protected override Task<string?> CreateDatabaseAsync() => Task.FromResult<string?>(null);

    protected override Task DropDatabaseAsync() => Task.CompletedTask;
}

/// <summary>Several machines: two instances on one PostgreSQL database, each with a data folder of its own, the evidence in the database.</summary>
public sealed class TwoInstancesOnPostgres : TwoInstances
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "chengxin-instances", Guid.NewGuid().ToString("N"));
    private string? _database;

    public override string Provider => "PostgreSQL";

    public override string EvidenceStoreSetting => EvidenceContent.Database;

    public override string DataFolderOf(int instance) => Path.Combine(_folder, $"instance-{instance}");

    protected override async Task<string?> CreateDatabaseAsync()
    {
        _database = "chengxin_i_" + Guid.NewGuid().ToString("N")[..12];
        await using var connection = new NpgsqlConnection(PostgresApp.BaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{_database}\"", connection);
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(PostgresApp.BaseConnectionString) { Database = _database }.ConnectionString;
    }

    protected override async Task DropDatabaseAsync()
    {
        if (_database is null)
            return;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(PostgresApp.BaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
