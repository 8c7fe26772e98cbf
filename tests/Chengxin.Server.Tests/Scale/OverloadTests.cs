using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Features.Submissions;
using Chengxin.Server.Infrastructure;
using Chengxin.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Chengxin.Server.Tests.Scale;

/// <summary>
/// Deadline day past what the server holds (issue 19, B5): a request that cannot get a database connection in time, or that finds
/// the server saturated, is answered 503 in Chinese with Retry-After and changes nothing, never 500. A second in-memory server runs
/// on the collection's database with a pool of one connection (PostgreSQL) or a short wait for the write lock (SQLite). The test
/// holds it up from outside: SQLite's write lock taken with BEGIN IMMEDIATE; on PostgreSQL the campaign's row locked FOR UPDATE,
/// so that a save (which holds the campaign open FOR SHARE) waits on it while it holds the server's one connection.
/// </summary>
public abstract class OverloadTests(AppFixture app)
{
    private bool IsSqlite => app.Provider == "SQLite";

    /// <summary>The database as a second server reaches it: one pooled connection or a lock wait of <paramref name="waitSeconds"/>.</summary>
    private string TightConnection(int waitSeconds) => IsSqlite
        ? $"Data Source={Path.Combine(app.DataFolder, "chengxin.db")};Pooling=True;Default Timeout={waitSeconds}"
        : new NpgsqlConnectionStringBuilder(app.ConnectionString) { MaxPoolSize = 1, Timeout = waitSeconds }.ConnectionString;

    private WebApplicationFactory<Program> Server(int waitSeconds, int maxConcurrent = 64, int queue = 1000) =>
        new ChengxinFactory(app.DataFolder, TightConnection(waitSeconds), app.Clock, 100_000).WithWebHostBuilder(b => b
            .UseSetting("Chengxin:Overload:MaxConcurrentRequests", maxConcurrent.ToString(CultureInfo.InvariantCulture))
            .UseSetting("Chengxin:Overload:QueueLimit", queue.ToString(CultureInfo.InvariantCulture)));

    /// <summary>An open campaign of A-C1-T1 (a-liaison's unit) whose item 1.1 is explained "before"; its id and submission URL.</summary>
    private async Task<(long CampaignId, string Url)> OpenCampaignAsync()
    {
        var admin = await app.SessionAsync("a-admin");
        var campaign = await (await admin.PostJsonAsync("/api/campaigns", CampaignTests.OpenRequest("繁忙测试", [app.World.Unit("A-C1-T1").Id],
            evidenceDue: app.Clock.GetUtcNow().AddDays(10).ToString("o", CultureInfo.InvariantCulture)))).ReadAsync<CampaignResponse>();
        (await admin.PostAsync($"/api/campaigns/{campaign.Id}/open", null)).EnsureSuccessStatusCode();
        var url = $"/api/campaigns/{campaign.Id}/units/{app.World.Unit("A-C1-T1").Id}/submission";
        var liaison = await app.SessionAsync("a-liaison");
        (await liaison.PutJsonAsync($"{url}/items/1.1", new SaveItemRequest(null, "before"))).EnsureSuccessStatusCode();
        return (campaign.Id, url);
    }

    /// <summary>What holds the database up until disposed: SQLite's write lock, or the campaign's row on PostgreSQL.</summary>
    private async Task<IAsyncDisposable> HoldDatabaseAsync(long campaignId)
    {
        System.Data.Common.DbConnection connection = IsSqlite
            ? new SqliteConnection($"Data Source={Path.Combine(app.DataFolder, "chengxin.db")};Pooling=False")
            : new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await ExecuteAsync(connection, IsSqlite ? "BEGIN IMMEDIATE" : $"""BEGIN; SELECT 1 FROM "Campaigns" WHERE "Id" = {campaignId} FOR UPDATE""");
        return new Held(connection);
    }

    private static async Task ExecuteAsync(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>On PostgreSQL, until a statement of the second server waits for the campaign's row (so it holds the pool's one connection).</summary>
    private async Task WaitUntilBlockedAsync(Task<HttpResponseMessage> request)
    {
        if (IsSqlite)
            return;
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE NOT l.granted AND a.datname = current_database()", connection);
        while ((long)(await command.ExecuteScalarAsync())! == 0 && !request.IsCompleted)
            await Task.Delay(10);
        request.IsCompleted.ShouldBeFalse();
    }

    private sealed class Held(System.Data.Common.DbConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await ExecuteAsync(connection, "ROLLBACK");
            await connection.DisposeAsync();
        }
    }

    private static async Task ShouldBeOverloadAsync(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, await response.Content.ReadAsStringAsync());
        response.Headers.RetryAfter.ShouldNotBeNull().Delta.ShouldNotBeNull().TotalSeconds.ShouldBeGreaterThan(0);
        var problem = (await response.Content.ReadFromJsonAsync<ProblemDetails>(Http.Json))!;
        problem.Title.ShouldBe(Overload.Title);
        problem.Detail!.ShouldContain("请稍后重试");
    }

    [Fact]
    public async Task SaveItem_DatabaseNotFreeInTime_Answers503WithRetryAfterAndWritesNothing()
    {
        var (campaignId, url) = await OpenCampaignAsync();
        await using var server = Server(waitSeconds: 2);
        var liaison = await server.SignInAsync("a-liaison");

        Task<HttpResponseMessage>? holding = null;
        await using (await HoldDatabaseAsync(campaignId))
        {
            // PostgreSQL: a first save takes the pool's one connection and waits on the row; SQLite: the test holds the write lock.
            if (!IsSqlite)
            {
                holding = liaison.PutJsonAsync($"{url}/items/1.1", new SaveItemRequest(null, "first"));
                await WaitUntilBlockedAsync(holding);
            }
            await ShouldBeOverloadAsync(await liaison.PutJsonAsync($"{url}/items/1.1", new SaveItemRequest(null, "refused")));
        }

        if (holding is not null)
            (await holding).StatusCode.ShouldBe(HttpStatusCode.OK);
        var after = await (await liaison.GetAsync(url)).ReadAsync<SubmissionResponse>();
        after.Items.Single(i => i.ItemId == "1.1").Explanation.ShouldBe(IsSqlite ? "before" : "first");
    }

    [Fact]
    public async Task GetSubmission_ServerSaturated_Answers503AtOnceAndTheAdmittedRequestStillSucceeds()
    {
        var (campaignId, url) = await OpenCampaignAsync();
        // One request at a time and no queue; a database wait long enough for the held request to outlast the second one.
        await using var server = Server(waitSeconds: 30, maxConcurrent: 1, queue: 0);
        var liaison = await server.SignInAsync("a-liaison");
        var gate = server.Services.GetRequiredService<RequestGate>();

        Task<HttpResponseMessage> admitted;
        await using (await HoldDatabaseAsync(campaignId))
        {
            admitted = liaison.PutJsonAsync($"{url}/items/1.1", new SaveItemRequest(null, "admitted"));
            // Admitted and waiting for the database: the gate's one place is taken.
            while (gate.Inside == 0 && !admitted.IsCompleted)
                await Task.Delay(10);
            admitted.IsCompleted.ShouldBeFalse();

            await ShouldBeOverloadAsync(await liaison.GetAsync(url));
        }

        (await admitted).StatusCode.ShouldBe(HttpStatusCode.OK);
        var after = await (await liaison.GetAsync(url)).ReadAsync<SubmissionResponse>();
        after.Items.Single(i => i.ItemId == "1.1").Explanation.ShouldBe("admitted");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class OverloadTestsOnSqlite(SqliteApp app) : OverloadTests(app);

[Collection(PostgresCollection.Name)]
public sealed class OverloadTestsOnPostgres(PostgresApp app) : OverloadTests(app);
