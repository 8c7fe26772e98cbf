using System.Data.Common;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;

namespace Chengxin.ScaleBench;

/// <summary>One measured request: who asks, what, and its latencies over the measured runs.</summary>
internal sealed record Row(string Name, string Caller, string Path, List<double> Millis, long Bytes, List<double>? FirstByte = null)
{
    public double Quantile(decimal q) => Quantile(Millis, q);

    /// <summary>The time to the answer's first byte of body, for an answer that streams (an export).</summary>
    public double FirstByteQuantile(decimal q) => Quantile(FirstByte ?? Millis, q);

    private static double Quantile(List<double> millis, decimal q)
    {
        var sorted = millis.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, Math.Max(0, (int)Math.Ceiling(sorted.Count * q) - 1))];
    }
}

/// <summary>
/// Asks the running server over HTTP as the browser does (a signed-in session's cookie), sequentially: every endpoint warmed
/// first, then measured <c>runs</c> times, each answer read to its last byte.
/// </summary>
internal sealed class Driver(Uri baseAddress)
{
    private readonly Dictionary<string, HttpClient> _sessions = [];

    public async Task SignInAsync(string userName, string password)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), UseCookies = true })
        {
            BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(5),
        };
        var login = await client.PostAsJsonAsync("/api/auth/login", new { userName, password });
        if (!login.IsSuccessStatusCode)
            throw new InvalidOperationException($"sign-in as {userName} answered {(int)login.StatusCode}: {await login.Content.ReadAsStringAsync()}");
        _sessions[userName] = client;
    }

    public HttpClient Anonymous { get; } = new() { BaseAddress = baseAddress };

    /// <summary><paramref name="before"/>, when given, runs before every request, untimed (a write whose first read is measured).</summary>
    public async Task<Row> MeasureAsync(string name, string? caller, string path, int warmup, int runs, Func<Task>? before = null)
    {
        var client = caller is null ? Anonymous : _sessions[caller];
        long bytes = 0;
        for (var i = 0; i < warmup; i++)
        {
            if (before is not null)
                await before();
            (bytes, _) = await FetchAsync(client, path, Stopwatch.StartNew());
        }
        var millis = new List<double>(runs);
        var firstByte = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            if (before is not null)
                await before();
            var watch = Stopwatch.StartNew();
            (bytes, var first) = await FetchAsync(client, path, watch);
            millis.Add(watch.Elapsed.TotalMilliseconds);
            firstByte.Add(first);
        }
        return new Row(name, caller ?? "—", path, millis, bytes, firstByte);
    }

    /// <summary>The floor beside the server: the same question in hand-written SQL through ADO.NET, no HTTP, no EF.</summary>
    public static async Task<Row> MeasureSqlAsync(string name, DbConnection connection, string sql, int warmup, int runs)
    {
        long rows = 0;
        for (var i = 0; i < warmup + runs; i++)
        {
            rows = 0;
            var watch = Stopwatch.StartNew();
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                rows++;
            if (i >= warmup)
                Millis(name).Add(watch.Elapsed.TotalMilliseconds);
        }
        return new Row(name, "SQL", sql.Length > 60 ? sql[..60] + "…" : sql, Millis(name), rows);
    }

    private static readonly Dictionary<string, List<double>> Samples = [];

    private static List<double> Millis(string name) => Samples.TryGetValue(name, out var list) ? list : Samples[name] = [];

    /// <summary>Reads the answer to its last byte; answers its size and when its first byte of body came (ms on <paramref name="watch"/>).</summary>
    private static async Task<(long Bytes, double FirstByte)> FetchAsync(HttpClient client, string path, Stopwatch watch)
    {
        using var response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[81920];
        long total = 0;
        int read;
        var first = -1d;
        while ((read = await body.ReadAsync(buffer)) > 0)
        {
            if (first < 0)
                first = watch.Elapsed.TotalMilliseconds;
            total += read;
        }
        return (total, first < 0 ? watch.Elapsed.TotalMilliseconds : first);
    }
}
