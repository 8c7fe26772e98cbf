using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Chengxin.Server.Data;
using Chengxin.Server.Demo;
using Chengxin.Server.Features.Surveys;
using Chengxin.Server.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

// The survey load check of issue 16: answer sheets posted to the real server (Kestrel, SQLite, the demo's survey) at a fixed rate,
// each respondent a new device that opens the page and then submits it. Target: 200 sheets a second for 5 minutes (--full), p99 of
// the submission under 200 ms, no sheet lost (every device thanked 提交成功 has its stored row). The floor, in the same run and at the
// same rate: a bare Kestrel endpoint that inserts one row per POST with a prepared SQLite statement.
var full = args.Contains("--full");
var rate = Option("--rate", 200);
var seconds = Option("--seconds", full ? 300 : 20);
const double TargetP99Ms = 200;

var root = FindRoot();
var data = Path.Combine(Path.GetTempPath(), $"chengxin-survey-bench-{Environment.ProcessId}");
Directory.CreateDirectory(data);
try
{
    var builder = WebApplication.CreateBuilder([$"--Chengxin:DataFolder={data}", $"--Chengxin:SchemeFolder={Path.Combine(root, "schemes")}",
        "--Logging:LogLevel:Default=Warning", "--urls=http://127.0.0.1:0", "--Chengxin:AllowHttp=true",
        "--Chengxin:RateLimits:RequestsPerMinute=100000000", "--Chengxin:Surveys:AnswersPerMinute=100000000", "--Chengxin:Surveys:MinimumFillSeconds=0"]);
    builder.AddChengxin();
    await using var app = builder.Build();
    app.UseChengxin();
    await app.Services.MigrateDatabaseAsync();
    await using (var scope = app.Services.CreateAsyncScope())
        await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(CancellationToken.None);
    await app.StartAsync();
    var server = app.Urls.First();
    List<string> paths;
    long surveyId;
    await using (var scope = app.Services.CreateAsyncScope())
    {
        var db = scope.ServiceProvider.GetRequiredService<ChengxinDbContext>();
        var survey = await db.Surveys.IgnoreQueryFilters().SingleAsync();
        surveyId = survey.Id;
        paths = await db.SurveyLinks.IgnoreQueryFilters().Where(l => l.SurveyId == survey.Id).Select(l => "/s/" + l.Token).ToListAsync();
    }
    var before = await SheetsAsync(app.Services, surveyId);
    var thanked = new ConcurrentBag<string>();

    Console.WriteLine($"survey bench: {rate} sheets/s for {seconds} s against {server} (each a new device: page, then submission)");
    var ours = await LoadAsync(server, rate, seconds, async (client, n) =>
    {
        var path = paths[n % paths.Count];
        using var page = await client.GetAsync(path);
        var html = await page.Content.ReadAsStringAsync();
        var cookie = page.Headers.GetValues("Set-Cookie").First().Split(';')[0];
        var device = cookie.Split('=')[1];
        var ticket = System.Net.WebUtility.HtmlDecode(Regex.Match(html, "name=\"t\" value=\"([^\"]+)\"").Groups[1].Value);
        var fields = Regex.Matches(html, "name=\"(q\\d+)\"").Select(m => m.Groups[1].Value).Distinct().ToList();
        var form = new List<KeyValuePair<string, string>> { new("t", ticket) };
        form.AddRange(fields.Select((f, i) => new KeyValuePair<string, string>(f, (1 + (n + i) % 5).ToString(CultureInfo.InvariantCulture))));
        using var post = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        post.Headers.Add("Cookie", cookie);
        post.Headers.Add("Accept", "text/html");
        var watch = Stopwatch.StartNew();
        using var response = await client.SendAsync(post);
        var body = await response.Content.ReadAsStringAsync();
        var ok = response.IsSuccessStatusCode && body.Contains("提交成功", StringComparison.Ordinal);
        if (ok)
            thanked.Add(device);
        return (watch.Elapsed.TotalMilliseconds, ok);
    });
    var stored = await SheetsAsync(app.Services, surveyId) - before;
    // Lost: a device thanked whose sheet is not in the database (the server stores the SHA-256 of the device cookie).
    var hashes = await DeviceHashesAsync(app.Services, surveyId);
    var lost = thanked.Count(d => !hashes.Contains(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(d)))));
    var writer = app.Services.GetRequiredService<SurveyAnswerWriter>().Statistics;
    await app.StopAsync();

    // The floor: the same rate of POSTs to a bare endpoint that inserts one row with a prepared statement.
    var floorDb = Path.Combine(data, "floor.db");
    await using var floorConnection = new SqliteConnection($"Data Source={floorDb};Pooling=True");
    await floorConnection.OpenAsync();
    await using (var create = floorConnection.CreateCommand())
    {
        create.CommandText = "PRAGMA journal_mode=WAL; CREATE TABLE Sheets (Id INTEGER PRIMARY KEY, Device TEXT NOT NULL, At TEXT NOT NULL, Answers TEXT NOT NULL)";
        await create.ExecuteNonQueryAsync();
    }
    var gate = new SemaphoreSlim(1, 1);
    var floorBuilder = WebApplication.CreateSlimBuilder([$"--urls=http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"]);
    await using var floorApp = floorBuilder.Build();
    floorApp.MapPost("/s/floor", async (HttpRequest request) =>
    {
        var form = await request.ReadFormAsync();
        await gate.WaitAsync();
        try
        {
            await using var insert = floorConnection.CreateCommand();
            insert.CommandText = "INSERT INTO Sheets (Device, At, Answers) VALUES ($d, $a, $x)";
            insert.Parameters.AddWithValue("$d", Guid.NewGuid().ToString("N"));
            insert.Parameters.AddWithValue("$a", TimeProvider.System.GetUtcNow().ToString("o"));
            insert.Parameters.AddWithValue("$x", string.Join(",", form.Select(f => f.Value.ToString())));
            await insert.ExecuteNonQueryAsync();
        }
        finally
        {
            gate.Release();
        }
        return Results.Text("提交成功", "text/html; charset=utf-8");
    });
    await floorApp.StartAsync();
    var floor = await LoadAsync(floorApp.Urls.First(), rate, seconds, async (client, n) =>
    {
        var watch = Stopwatch.StartNew();
        using var response = await client.PostAsync("/s/floor", new FormUrlEncodedContent([new("t", "x"), new("q1", "1"), new("q2", "2")]));
        var body = await response.Content.ReadAsStringAsync();
        return (watch.Elapsed.TotalMilliseconds, response.IsSuccessStatusCode && body.Contains("提交成功", StringComparison.Ordinal));
    });
    await floorApp.StopAsync();

    Console.WriteLine($"server : {ours.Ok:N0} of {ours.Sent:N0} sheets taken at {ours.Achieved:N1}/s; submission p50 {ours.P50:N1} ms, p99 {ours.P99:N1} ms, max {ours.Max:N1} ms");
    Console.WriteLine($"floor  : {floor.Ok:N0} of {floor.Sent:N0} rows at {floor.Achieved:N1}/s; p50 {floor.P50:N1} ms, p99 {floor.P99:N1} ms (bare Kestrel + prepared SQLite insert)");
    Console.WriteLine($"stored : {stored:N0} new sheets for {ours.Ok:N0} answered 提交成功; lost (thanked, not stored): {lost:N0}" +
                      (stored > ours.Ok ? $"; {stored - ours.Ok:N0} stored after their client gave up" : ""));
    Console.WriteLine($"writer : {writer.Batches:N0} commits for {writer.Sheets:N0} sheets (mean {(double)writer.Sheets / Math.Max(1, writer.Batches):N1} a commit, " +
                      $"{writer.Writing.TotalMilliseconds / Math.Max(1, writer.Batches):N1} ms each; writing {writer.Writing.TotalSeconds / seconds:P0} of the run)");
    Console.WriteLine($"ratio  : p99 {ours.P99 / Math.Max(floor.P99, 0.001):N1}× the floor's");
    var met = ours.P99 < TargetP99Ms && lost == 0 && ours.Ok == ours.Sent && ours.Achieved >= rate * 0.95;
    Console.WriteLine($"verdict: {(met ? "met" : "NOT met")} — target {rate}/s for {seconds} s, p99 < {TargetP99Ms} ms, no sheet lost" +
                      (full ? "" : " (short run; --full for 5 minutes)"));
    Console.WriteLine($"load   : {File.ReadAllText("/proc/loadavg").Trim()}");
}
finally
{
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    try { Directory.Delete(data, recursive: true); } catch (IOException) { }
}
return 0;

// Open loop: request n is due at start + n / rate whatever the earlier ones did (a slow server is not allowed to slow the
// clients down), so queueing shows in the figures.
static async Task<Outcome> LoadAsync(string server, int rate, int seconds, Func<HttpClient, int, Task<(double Ms, bool Ok)>> send)
{
    using var client = new HttpClient(new SocketsHttpHandler { UseCookies = false, MaxConnectionsPerServer = 512 })
    {
        BaseAddress = new Uri(server), Timeout = TimeSpan.FromSeconds(30),
    };
    var total = rate * seconds;
    var latencies = new ConcurrentBag<double>();
    var ok = 0;
    var start = Stopwatch.StartNew();
    var tasks = new List<Task>(total);
    for (var n = 0; n < total; n++)
    {
        var due = TimeSpan.FromSeconds((double)n / rate);
        if (due > start.Elapsed)
            await Task.Delay(due - start.Elapsed);
        var i = n;
        tasks.Add(Task.Run(async () =>
        {
            try
            {
                var (ms, success) = await send(client, i);
                latencies.Add(ms);
                if (success)
                    Interlocked.Increment(ref ok);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException)
            {
                // A refused or timed-out sheet counts as not taken, at the timeout's latency.
                latencies.Add(30_000);
            }
        }));
    }
    await Task.WhenAll(tasks);
    var elapsed = start.Elapsed.TotalSeconds;
    var sorted = latencies.Order().ToList();
    double At(double q) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
    return new Outcome(total, ok, total / elapsed, At(0.5), At(0.99), sorted.LastOrDefault());
}

static async Task<int> SheetsAsync(IServiceProvider services, long surveyId)
{
    await using var scope = services.CreateAsyncScope();
    return await scope.ServiceProvider.GetRequiredService<ChengxinDbContext>().SurveyResponses.IgnoreQueryFilters().CountAsync(r => r.SurveyId == surveyId);
}

static async Task<HashSet<string>> DeviceHashesAsync(IServiceProvider services, long surveyId)
{
    await using var scope = services.CreateAsyncScope();
    return (await scope.ServiceProvider.GetRequiredService<ChengxinDbContext>().SurveyResponses.IgnoreQueryFilters().Where(r => r.SurveyId == surveyId)
        .Select(r => r.DeviceHash).ToListAsync()).ToHashSet(StringComparer.Ordinal);
}

int Option(string name, int fallback) =>
    args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() is { } v && int.TryParse(v, out var parsed) ? parsed : fallback;

static string FindRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "Chengxin.slnx")))
            return dir.FullName;
    throw new InvalidOperationException("Chengxin.slnx not found above the binaries");
}

internal sealed record Outcome(int Sent, int Ok, double Achieved, double P50, double P99, double Max);
