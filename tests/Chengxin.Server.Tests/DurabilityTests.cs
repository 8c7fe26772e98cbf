using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Chengxin.Server.Features.Audit;
using Chengxin.Server.Features.Auth;
using Chengxin.Server.Features.Tokens;
using Chengxin.Server.Features.Units;
using Chengxin.Server.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Npgsql;
using Xunit.Abstractions;

namespace Chengxin.Server.Tests;

/// <summary>
/// The real server process, killed with SIGKILL in the middle of a burst of writes and started again: every write it
/// answered with a 2xx is there afterwards, and the audit chain is unbroken. A 2xx is a promise; kill -9 runs no
/// shutdown code that could keep it.
/// </summary>
public abstract class DurabilityTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Burst = 150;
    private const int KillAfter = 40;
    private const int Parallel = 6;

    protected string DataFolder { get; } = Path.Combine(Path.GetTempPath(), "chengxin-durability", Guid.NewGuid().ToString("N"));

    /// <summary>The PostgreSQL connection string, or null for SQLite in the data folder.</summary>
    protected string? Connection { get; set; }

    public virtual Task InitializeAsync()
    {
        Directory.CreateDirectory(DataFolder);
        return Task.CompletedTask;
    }

    public virtual Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(DataFolder))
            Directory.Delete(DataFolder, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Serve_KilledMidBurst_EveryAcknowledgedWriteSurvives()
    {
        var created = await ServerProcess.RunAsync(["admin", "create", "--data", DataFolder, "--user", "durable", "--password", "durable-password-1"], Connection);
        created.Code.ShouldBe(0, created.Output);

        var acknowledged = new List<string>();
        var refused = new List<string>();
        var unanswered = 0;
        string token;
        long root;
        await using (var server = await ServerProcess.StartAsync("serve", DataFolder, Connection))
        {
            (token, root) = await TokenAsync(server);
            server.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var killAt = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var next = -1;
            async Task WorkerAsync()
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < Burst)
                {
                    var code = $"DUR{i:D4}";
                    try
                    {
                        var response = await server.Client.PostAsJsonAsync("/api/units", new CreateUnitRequest(root, $"持久性测试{i}", code, "County", null), Http.Json);
                        lock (acknowledged)
                        {
                            if (response.IsSuccessStatusCode)
                                acknowledged.Add(code);
                            else
                                refused.Add($"{code}: {(int)response.StatusCode}");
                            if (acknowledged.Count >= KillAfter)
                                killAt.TrySetResult();
                        }
                    }
                    catch (HttpRequestException)
                    {
                        // Sent but never answered: the server died first, so nothing was promised.
                        Interlocked.Increment(ref unanswered);
                    }
                }
            }
            var workers = Enumerable.Range(0, Parallel).Select(_ => WorkerAsync()).ToList();
            await Task.WhenAny(killAt.Task, Task.WhenAll(workers));
            await server.KillAsync();
            await Task.WhenAll(workers);
        }

        output.WriteLine($"{Burst} writes sent: {acknowledged.Count} acknowledged, {refused.Count} refused, {unanswered} unanswered at the kill");
        refused.ShouldBeEmpty();
        acknowledged.Count.ShouldBeGreaterThanOrEqualTo(KillAfter);
        // The kill landed mid-burst: some requests were never answered.
        (acknowledged.Count + unanswered).ShouldBe(Burst);
        unanswered.ShouldBeGreaterThan(0);

        await using (var restarted = await ServerProcess.StartAsync("serve", DataFolder, Connection))
        {
            restarted.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var units = await (await restarted.Client.GetAsync("/api/units?includeInactive=true")).ReadAsync<List<UnitResponse>>();
            var stored = units.Select(u => u.Code).ToHashSet();
            acknowledged.Where(code => !stored.Contains(code)).ShouldBeEmpty("acknowledged before the kill, missing after the restart");
            var verify = await (await restarted.Client.GetAsync("/api/audit/verify")).ReadAsync<AuditVerifyResponse>();
            verify.Intact.ShouldBeTrue(verify.Problem);
            output.WriteLine($"after the restart: all {acknowledged.Count} acknowledged units present, {stored.Count - 1 - acknowledged.Count} more that were never acknowledged; audit chain intact ({verify.EventCount} events)");
        }
    }

    /// <summary>
    /// Signs in and makes an API token for the burst. The session cookie is a __Host- (Secure) cookie, which a client
    /// does not send back over plain http, so the test carries the cookies itself.
    /// </summary>
    private static async Task<(string Token, long Root)> TokenAsync(ServerProcess server)
    {
        var client = server.Client;
        var login = await client.PostAsJsonAsync("/api/auth/login", new AuthEndpoints.LoginRequest("durable", "durable-password-1"));
        var me = await login.ReadAsync<AuthEndpoints.MeResponse>();
        var cookies = new Dictionary<string, string>(StringComparer.Ordinal);
        void Keep(HttpResponseMessage response)
        {
            foreach (var header in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
            {
                var pair = header.Split(';')[0];
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                cookies[pair[..eq]] = pair[(eq + 1)..];
            }
        }
        HttpRequestMessage WithCookies(HttpMethod method, string url)
        {
            var request = new HttpRequestMessage(method, url);
            request.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => $"{c.Key}={c.Value}")));
            return request;
        }
        Keep(login);
        var antiforgeryResponse = await client.SendAsync(WithCookies(HttpMethod.Get, "/api/auth/antiforgery"));
        Keep(antiforgeryResponse);
        var antiforgery = await antiforgeryResponse.ReadAsync<AuthEndpoints.AntiforgeryResponse>();
        var create = WithCookies(HttpMethod.Post, "/api/tokens");
        create.Headers.Add(antiforgery.HeaderName, antiforgery.Token);
        create.Content = JsonContent.Create(new TokenEndpoints.CreateTokenRequest("持久性测试", 1), options: Http.Json);
        var created = await (await client.SendAsync(create)).ReadAsync<TokenEndpoints.CreatedTokenResponse>();
        return (created.Secret, me.UnitId);
    }
}

public sealed class DurabilityTestsOnSqlite(ITestOutputHelper output) : DurabilityTests(output);

public sealed class DurabilityTestsOnPostgres(ITestOutputHelper output) : DurabilityTests(output)
{
    private string? _database;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _database = "chengxin_kill_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(PostgresApp.BaseConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{_database}\"", connection);
            await command.ExecuteNonQueryAsync();
        }
        Connection = new NpgsqlConnectionStringBuilder(PostgresApp.BaseConnectionString) { Database = _database }.ConnectionString;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is null)
            return;
        await using var connection = new NpgsqlConnection(PostgresApp.BaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
