using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Chengxin.ScaleBench;
using Chengxin.Server.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

// Scale: a province tenant (issue 19). A province of 40,000 units and 20,000 users with a campaign of 3,000 units under
// review, written straight into a fresh database; the real server on Kestrel (127.0.0.1, a free port) asked over HTTP as an
// office admin of the province, a county's admin, a liaison and a reviewer. Per endpoint: median and p99 of warm reads
// against the target (p99 < 200 ms), beside two floors measured in the same run: a constant answer through the same
// host and middleware, and the unit tree's children as hand-written SQL through ADO.NET. SQLite always; PostgreSQL when
// CHENGXIN_TEST_PG names a server (scripts/test-deps/postgres.sh). The default run is a tenth of the province; --full is all.
var full = args.Contains("--full");
var share = full ? 1m : decimal.Parse(Option("--scale", "0.1"), CultureInfo.InvariantCulture);
var sizes = Sizes.Full.Scaled(share);
var runs = int.Parse(Option("--runs", full ? "30" : "15"), CultureInfo.InvariantCulture);
var only = Option("--provider", "both");
// --rows "unit tree;campaign list": only the rows whose names contain one of these (a before/after of one change), separated by
// semicolons because row names hold commas ("results, ranking"); a part written "=results, ranking" picks the row of exactly that name.
var rowFilter = Option("--rows", "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
const double TargetMs = 200;

var root = FindRoot();
var pg = Environment.GetEnvironmentVariable("CHENGXIN_TEST_PG");
var verdicts = new List<bool>();
var load = File.Exists("/proc/loadavg") ? (await File.ReadAllTextAsync("/proc/loadavg")).Split(' ')[0] : "unknown";
Console.WriteLine($"province of {sizes.Units:N0} units and {sizes.Users:N0} users; campaign of {sizes.CampaignUnits:N0} units "
    + $"(+{sizes.OtherCampaigns} earlier campaigns of as many); {runs} measured requests per row; load average {load}");
if (only is "both" or "sqlite")
    await RunAsync("SQLite", null);
if (only is "both" or "postgres")
{
    if (string.IsNullOrEmpty(pg))
        Console.WriteLine("PostgreSQL: skipped (CHENGXIN_TEST_PG is not set; source scripts/test-deps/postgres.sh)");
    else
        await RunAsync("PostgreSQL", pg);
}
Console.WriteLine();
Console.WriteLine($"verdict: {verdicts.Count(v => v)} of {verdicts.Count} rows p99 < {TargetMs} ms (a streamed answer by its first byte) — {(verdicts.All(v => v) ? "PASS" : "FAIL")}");
return 0;

bool Picked(string row) => rowFilter.Length == 0
    || rowFilter.Any(f => f.StartsWith('=') ? row == f[1..].Trim() : row.Contains(f, StringComparison.Ordinal));

async Task RunAsync(string provider, string? admin)
{
    var data = Path.Combine(Path.GetTempPath(), $"chengxin-scale-bench-{Environment.ProcessId}-{provider}");
    Directory.CreateDirectory(data);
    var database = $"chengxin_scale_{Environment.ProcessId}";
    string? connection = null;
    if (admin is not null)
    {
        await using var server = new NpgsqlConnection(admin);
        await server.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", server);
        await create.ExecuteNonQueryAsync();
        connection = new NpgsqlConnectionStringBuilder(admin) { Database = database }.ConnectionString;
    }
    try
    {
        string[] settings =
        [
            $"--Chengxin:DataFolder={data}", $"--Chengxin:SchemeFolder={Path.Combine(root, "schemes")}", "--Chengxin:AllowHttp=true",
            // One driver asks everything: the per-client limits are for people, not for the bench.
            "--Chengxin:RateLimits:RequestsPerMinute=100000000", "--Chengxin:RateLimits:LoginPerMinute=100000",
            "--Logging:LogLevel:Default=Warning", "--urls=http://127.0.0.1:0",
            .. connection is null ? Array.Empty<string>() : [$"--ConnectionStrings:Chengxin={connection}"],
        ];
        var builder = WebApplication.CreateBuilder(settings);
        builder.AddChengxin();
        await using var app = builder.Build();
        app.UseChengxin();
        // The floor: the same host, middleware and session check, no database work.
        app.MapGet("/bench/floor", () => TypedResults.Ok(new { answer = "ok" })).AllowAnonymous();
        await app.Services.MigrateDatabaseAsync();

        var watch = Stopwatch.StartNew();
        var seeded = await Seeder.SeedAsync(app.Services, sizes);
        Console.WriteLine();
        Console.WriteLine($"{provider}: seeded in {watch.Elapsed.TotalSeconds:N1} s ({seeded.Items} items in the scheme)");

        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        var driver = new Driver(address);
        foreach (var user in new[] { seeded.Admin, seeded.CountyAdmin, seeded.Liaison, seeded.Reviewer })
            await driver.SignInAsync(user, Seeder.Password);

        var c = seeded.CampaignId;
        // The first read of results stores every unit's row (ADR 0007); what is measured after it is the warm server.
        watch.Restart();
        await driver.MeasureAsync("results, first read", seeded.Admin, $"/api/campaigns/{c}/results", 0, 1);
        Console.WriteLine($"first read of results (computes and stores {sizes.CampaignUnits:N0} rows): {watch.Elapsed.TotalMilliseconds:N0} ms");
        // The seeder writes submissions past EF Core, so the queue's first read works out and stores every submission's counts (V020).
        if (Picked("review queue"))
        {
            watch.Restart();
            await driver.MeasureAsync("review queue, first read", seeded.Reviewer, "/api/workspace/review-queue", 0, 1);
            Console.WriteLine($"first read of the review queue (works out and stores every submitted unit's counts): {watch.Elapsed.TotalMilliseconds:N0} ms");
        }

        // PostgreSQL's autovacuum analyses a table within a minute or so of its first thousands of rows; here the rows the first reads
        // stored are analysed at once, so that what follows is measured as the server runs from then on. Planned on the empty table's
        // statistics (3,000 stored rows taken for 5), the county's score sheet joined every row to every unit of the county: 100–300 ms
        // a download instead of 20–50 (s30).
        if (connection is not null)
        {
            await using var analyse = new NpgsqlConnection(connection);
            await analyse.OpenAsync();
            await new Bulk(analyse).AnalyzeAsync();
        }

        var rows = new List<Row>
        {
            await driver.MeasureAsync("floor: constant answer", null, "/bench/floor", 3, runs),
        };
        await using (var raw = connection is null ? (DbConnection)new SqliteConnection($"Data Source={Path.Combine(data, "chengxin.db")}") : new NpgsqlConnection(connection))
        {
            await raw.OpenAsync();
            rows.Add(await Driver.MeasureSqlAsync($"floor: children SQL ({provider})", raw,
                $"SELECT \"Id\", \"ParentId\", \"Name\", \"Code\", \"Level\", \"Class\", \"IsActive\" FROM \"Units\" WHERE \"ParentId\" = {seeded.ProvinceId} ORDER BY \"Id\"",
                3, runs));
        }
        (string Name, string Caller, string Path, int Runs)[] asks =
        [
            ("unit tree (whole)", seeded.Admin, "/api/units", runs),
            ("unit tree (county)", seeded.CountyAdmin, "/api/units", runs),
            ("unit tree, roots", seeded.Admin, "/api/units/roots", runs),
            ("unit tree, roots (county)", seeded.CountyAdmin, "/api/units/roots", runs),
            ("unit tree, children (province)", seeded.Admin, $"/api/units/{seeded.ProvinceId}/children", runs),
            ("unit tree, children (county)", seeded.CountyAdmin, $"/api/units/{seeded.CountyId}/children", runs),
            // A name many units share (every town's name holds 镇 or 街道), and a code prefix.
            ("unit search, name", seeded.Admin, "/api/units/search?q=" + Uri.EscapeDataString("镇"), runs),
            ("unit search, code", seeded.Admin, "/api/units/search?q=" + Uri.EscapeDataString($"P{seeded.TownId}"), runs),
            ("unit search, no hit", seeded.Admin, "/api/units/search?q=" + Uri.EscapeDataString("无此单位"), runs),
            ("unit search (county)", seeded.CountyAdmin, "/api/units/search?q=" + Uri.EscapeDataString("镇"), runs),
            ("unit tree, subtree classes", seeded.Admin, $"/api/units/{seeded.ProvinceId}/classes", runs),
            ("unit", seeded.Admin, $"/api/units/{seeded.TownId}", runs),
            ("campaign list", seeded.Admin, "/api/campaigns", runs),
            ("campaign list (county)", seeded.CountyAdmin, "/api/campaigns", runs),
            ("campaign list (liaison)", seeded.Liaison, "/api/campaigns", runs),
            ("progress board", seeded.Admin, $"/api/campaigns/{c}/progress", runs),
            ("progress board (county)", seeded.CountyAdmin, $"/api/campaigns/{c}/progress", runs),
            ("progress board, one status", seeded.Admin, $"/api/campaigns/{c}/progress?status=submitted&limit=100", runs),
            ("progress board, exceptions", seeded.Admin, $"/api/campaigns/{c}/progress?withException=true&limit=500", runs),
            ("review queue", seeded.Reviewer, "/api/workspace/review-queue", runs),
            ("review queue, one campaign's page", seeded.Reviewer, $"/api/workspace/review-queue?campaignId={c}", runs),
            ("review queue, one unit", seeded.Reviewer, $"/api/workspace/review-queue?campaignId={c}&unitId={seeded.TownId}", runs),
            // The unit filter's choices as the reviewer types (s28): the first twenty waiting units matching a name many share, and
            // the first twenty with nothing typed; they used to ride in every page of a chosen campaign (134 KB at 3,000 units).
            ("review queue, unit search", seeded.Reviewer, $"/api/workspace/review-queue/units?campaignId={c}&q=" + Uri.EscapeDataString("镇"), runs),
            ("review queue, unit search, nothing typed", seeded.Reviewer, $"/api/workspace/review-queue/units?campaignId={c}", runs),
            ("results", seeded.Admin, $"/api/campaigns/{c}/results", runs),
            ("results (county)", seeded.CountyAdmin, $"/api/campaigns/{c}/results", runs),
            ("results, ranking", seeded.Admin, $"/api/campaigns/{c}/results/ranking", runs),
            ("results, ranking (county)", seeded.CountyAdmin, $"/api/campaigns/{c}/results/ranking", runs),
            ("results, one unit", seeded.Admin, $"/api/campaigns/{c}/results/units/{seeded.TownId}", runs),
            // The results page a page at a time (issue 19, s27): a page in the middle of the campaign, and a name many units share.
            ("results, a middle page", seeded.Admin, $"/api/campaigns/{c}/results?offset={sizes.CampaignUnits / 2}&limit=100", runs),
            ("results, ranking, a middle page", seeded.Admin, $"/api/campaigns/{c}/results/ranking?offset={sizes.CampaignUnits / 2}&limit=100", runs),
            ("results, ranking, name search", seeded.Admin, $"/api/campaigns/{c}/results/ranking?q=" + Uri.EscapeDataString("镇"), runs),
            ("dashboard", seeded.Admin, $"/api/dashboard/campaigns/{c}", runs),
            ("my tasks (admin)", seeded.Admin, "/api/workspace/tasks", runs),
            ("my tasks (liaison)", seeded.Liaison, "/api/workspace/tasks", runs),
            ("export: ranking", seeded.Admin, $"/api/exports/campaigns/{c}/ranking", Math.Max(3, runs / 3)),
            ("export: score sheet", seeded.Admin, $"/api/exports/campaigns/{c}/score-sheet", Math.Max(3, runs / 3)),
            // One unit's score sheet reads that unit's row alone; a county's admin streams its own units' sheets (issue 19, s28).
            ("export: score sheet, one unit", seeded.Admin, $"/api/exports/campaigns/{c}/score-sheet?unitId={seeded.TownId}", runs),
            ("export: score sheet (county)", seeded.CountyAdmin, $"/api/exports/campaigns/{c}/score-sheet", Math.Max(3, runs / 3)),
            ("export: progress", seeded.Admin, $"/api/campaigns/{c}/progress/export", Math.Max(3, runs / 3)),
        ];
        foreach (var ask in asks.Where(a => Picked(a.Name)))
        {
            try
            {
                rows.Add(await driver.MeasureAsync(ask.Name, ask.Caller, ask.Path, 2, ask.Runs));
            }
            catch (Exception e) when (e is InvalidOperationException or HttpRequestException or TaskCanceledException)
            {
                Console.WriteLine($"{ask.Name}: {e.Message.Split('\n')[0]}");
                verdicts.Add(false);
            }
        }
        // The first ranking read after a write of one unit (its row made stale, as a save does when its refresh is left to the
        // read): the unit recomputed and the campaign ranked again, once.
        if (Picked("results, ranking after a write"))
        {
            await using var marks = connection is null ? (DbConnection)new SqliteConnection($"Data Source={Path.Combine(data, "chengxin.db")}") : new NpgsqlConnection(connection);
            await marks.OpenAsync();
            async Task<bool> HasColumn(string column)
            {
                await using var probe = marks.CreateCommand();
                probe.CommandText = $"SELECT COUNT(*) FROM \"UnitResults\" WHERE \"{column}\" IS NOT NULL";
                try
                {
                    await probe.ExecuteScalarAsync();
                    return true;
                }
                catch (DbException)
                {
                    return false;
                }
            }
            var hasRanks = await HasColumn("Rank");
            // From V021 a save keeps the row's last ranks and marks them due (the ranks worker ranks the campaign again).
            var hasDue = await HasColumn("RankDue");
            async Task MarkStale()
            {
                await using var command = marks.CreateCommand();
                command.CommandText = $"UPDATE \"UnitResults\" SET \"IsStale\" = TRUE WHERE \"CampaignId\" = {c} AND \"UnitId\" = {seeded.TownId}";
                await command.ExecuteNonQueryAsync();
            }
            // What a save's refresh leaves: the unit's row recomputed, written without its rank (V019) or with its last rank marked due (V021).
            async Task ClearRank()
            {
                await using var command = marks.CreateCommand();
                command.CommandText = hasDue
                    ? $"UPDATE \"UnitResults\" SET \"RankDue\" = TRUE WHERE \"CampaignId\" = {c} AND \"UnitId\" = {seeded.TownId}"
                    : $"UPDATE \"UnitResults\" SET \"Rank\" = NULL, \"ClassRank\" = NULL WHERE \"CampaignId\" = {c} AND \"UnitId\" = {seeded.TownId}";
                await command.ExecuteNonQueryAsync();
            }
            rows.Add(await driver.MeasureAsync("results, ranking after a write", seeded.Admin, $"/api/campaigns/{c}/results/ranking", 2, runs, MarkStale));
            rows.Add(await driver.MeasureAsync("results, one unit after a write", seeded.Admin, $"/api/campaigns/{c}/results/units/{seeded.TownId}", 2, runs, MarkStale));
            // Before V019 there is no rank to clear: the row stays as it is and the read ranks every row, as a warm read does.
            if (hasRanks)
            {
                rows.Add(await driver.MeasureAsync("results, ranking after a save", seeded.Admin, $"/api/campaigns/{c}/results/ranking", 2, runs, ClearRank));
                rows.Add(await driver.MeasureAsync("results, one unit after a save", seeded.Admin, $"/api/campaigns/{c}/results/units/{seeded.TownId}", 2, runs, ClearRank));
                rows.Add(await driver.MeasureAsync("dashboard after a save", seeded.Admin, $"/api/dashboard/campaigns/{c}", 2, runs, ClearRank));
            }
        }
        // The first queue read after a save touched one unit (its counts row marked stale, as the save does): that unit worked out again.
        if (Picked("review queue after a save"))
        {
            await using var marks = connection is null ? (DbConnection)new SqliteConnection($"Data Source={Path.Combine(data, "chengxin.db")}") : new NpgsqlConnection(connection);
            await marks.OpenAsync();
            async Task MarkStale()
            {
                await using var command = marks.CreateCommand();
                command.CommandText = $"UPDATE \"ReviewQueueCounts\" SET \"IsStale\" = TRUE, \"Stamp\" = \"Stamp\" + 1 WHERE \"CampaignId\" = {c} AND \"UnitId\" = {seeded.TownId}";
                await command.ExecuteNonQueryAsync();
            }
            rows.Add(await driver.MeasureAsync("review queue after a save", seeded.Reviewer, $"/api/workspace/review-queue?campaignId={c}", 2, runs, MarkStale));
        }
        Print(provider, rows);
        await app.StopAsync();
    }
    finally
    {
        SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
        if (admin is not null && !args.Contains("--keep"))
        {
            await using var server = new NpgsqlConnection(admin);
            await server.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", server);
            await drop.ExecuteNonQueryAsync();
        }
        if (!args.Contains("--keep"))
            Directory.Delete(data, recursive: true);
        else
            Console.WriteLine($"kept: {data}{(admin is null ? "" : $" and database {database}")}");
    }
}

void Print(string provider, List<Row> rows)
{
    Console.WriteLine();
    Console.WriteLine($"{provider,-12} {"endpoint",-30} {"as",-14} {"p50 ms",9} {"p99 ms",9} {"1st byte",9} {"size",12}  verdict (p99 < {TargetMs} ms)");
    foreach (var row in rows)
    {
        var p99 = row.Quantile(0.99m);
        var isFloor = row.Name.StartsWith("floor", StringComparison.Ordinal);
        // An answer that streams (the exports, the whole unit list for scripts) answers when its rows start to arrive: it is judged
        // by its first byte's p99, with the time to its last byte beside (B6 measures the exports' writing against its floor).
        var streams = Streams(row.Name);
        var judged = streams ? row.FirstByteQuantile(0.99m) : p99;
        var verdict = isFloor ? "floor" : (judged < TargetMs ? "PASS" : "FAIL") + (streams ? " (streams: first byte)" : "");
        if (!isFloor)
            verdicts.Add(judged < TargetMs);
        var size = row.Caller == "SQL" ? $"{row.Bytes:N0} rows" : $"{row.Bytes / 1024m:N0} KB";
        var first = row.FirstByte is null ? "" : $"{row.FirstByteQuantile(0.99m):N1}";
        Console.WriteLine($"{provider,-12} {row.Name,-30} {row.Caller,-14} {row.Quantile(0.5m),9:N1} {p99,9:N1} {first,9} {size,12}  {verdict}");
    }
}

static bool Streams(string row) => row.StartsWith("export:", StringComparison.Ordinal) || row == "unit tree (whole)";

string Option(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}

static string FindRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "Chengxin.slnx")))
            return dir.FullName;
    throw new InvalidOperationException("Chengxin.slnx not found above the bench's folder");
}
