using System.Data.Common;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Chengxin.LoadBench;

/// <summary>The floors measured in the same run: what HTTP alone costs on this machine, and what a commit alone costs.</summary>
internal static class Floors
{
    /// <summary>
    /// The minimal Kestrel endpoint, run as a process of its own (this program with --floor-server) as the server is: a GET
    /// answers a small JSON document, a PUT or POST reads its body and answers one. No database, no authentication.
    /// </summary>
    public static async Task<int> ServeAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseSetting("urls", $"http://127.0.0.1:{port}");
        var app = builder.Build();
        var answer = "{\"state\":\"Draft\",\"items\":[]}"u8.ToArray();
        app.MapGet("/{**path}", (HttpContext http) => http.Response.Body.WriteAsync(answer).AsTask());
        app.MapMethods("/{**path}", ["PUT", "POST"], async (HttpContext http) =>
        {
            await http.Request.Body.CopyToAsync(Stream.Null);
            await http.Response.Body.WriteAsync(answer);
        });
        await app.RunAsync();
        return 0;
    }

    /// <summary>
    /// The raw commit loop: one row inserted and committed per write, on a connection of its own to the same database, at the
    /// writes' rate (open loop, latency from the moment due); then as fast as one connection goes, for the ceiling.
    /// </summary>
    public static async Task<(Series AtRate, double MaxPerSecond)> CommitLoopAsync(bool postgres, string connectionString, double rate, TimeSpan duration)
    {
        await using var connection = postgres ? new NpgsqlConnection(connectionString) : (DbConnection)new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await ExecuteAsync(connection, "CREATE TABLE IF NOT EXISTS b5_commit_floor (id INTEGER NOT NULL, body TEXT NOT NULL)");
        var series = new Series("raw commit");
        var clock = Stopwatch.StartNew();
        var total = (long)(rate * duration.TotalSeconds);
        await using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO b5_commit_floor (id, body) VALUES (@id, @body)";
        var id = insert.CreateParameter();
        id.ParameterName = "@id";
        insert.Parameters.Add(id);
        var body = insert.CreateParameter();
        body.ParameterName = "@body";
        insert.Parameters.Add(body);
        id.Value = 0L;
        body.Value = "";
        await insert.PrepareAsync();
        async Task CommitAsync(long i)
        {
            await using var transaction = await connection.BeginTransactionAsync();
            insert.Transaction = transaction;
            id.Value = i;
            body.Value = $"截止日基准写入 {i}";
            await insert.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
        }
        for (long i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds(i / rate);
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1))
                await Task.Delay(wait);
            await CommitAsync(i);
            series.Add((clock.Elapsed - due).TotalMilliseconds);
        }
        var ceiling = Stopwatch.StartNew();
        long done = 0;
        while (ceiling.Elapsed < TimeSpan.FromSeconds(5))
            await CommitAsync(total + done++);
        await ExecuteAsync(connection, "DROP TABLE b5_commit_floor");
        return (series, done / ceiling.Elapsed.TotalSeconds);
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
