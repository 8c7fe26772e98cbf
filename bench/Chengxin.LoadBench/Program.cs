using System.Diagnostics;
using System.Globalization;
using Chengxin.LoadBench;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Audit;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

// Benchmark B5 (issue 19): deadline day. Liaisons submit at 220 writes a second while 2,000 reads a second go on, against the
// real server process on SQLite and on PostgreSQL, for 60 s (--full: 10 minutes); then the same across several instances on
// one PostgreSQL behind nginx (--instances N). Floors in the same run: a minimal Kestrel endpoint at the same rates, and a raw
// commit loop at the writes' rate. Afterwards every acknowledged write is looked for in the database, and the audit chain is
// verified. Prints a verdict per target; the exit code is 0 whether targets are met, 1 when an acknowledged write is missing.
if (args.Length == 2 && args[0] == "--floor-server")
    return await Floors.ServeAsync(int.Parse(args[1], CultureInfo.InvariantCulture));

var full = args.Contains("--full");
var seconds = Option("--seconds", full ? 600 : 60);
var unitCount = Option("--units", 3000);
var writeRate = Option("--writes", 220);
var readRate = Option("--reads", 2000);
var instances = Option("--instances", 0);
var floorSeconds = Math.Min(seconds, Option("--floor-seconds", 20));
var capacitySeconds = Option("--capacity-seconds", 0);
var profileRequests = Option("--profile", 0);
var profileKinds = Text("--profile-kinds") ?? Profile.Letters;
var providers = (Text("--provider") ?? (Environment.GetEnvironmentVariable("CHENGXIN_TEST_PG") is { Length: > 0 } ? "both" : "sqlite")) switch
{
    "both" => new[] { "sqlite", "postgres" },
    var one => [one],
};
const double ReadTargetMs = 200, WriteTargetMs = 500;
// B5's rates, which the sizing costs whatever rates this run drove.
const int TargetWrites = 220, TargetReads = 2000;

var root = FindRoot();
var load = () => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";
Console.WriteLine($"B5 deadline day: {writeRate} writes/s + {readRate} reads/s for {seconds} s, {unitCount:N0} units; load average {load()} "
    + $"on {Environment.ProcessorCount} cores (shared with other builds: figures are contended)");
var missingTotal = 0;
var summary = new List<string>();
foreach (var provider in providers)
{
    var postgres = provider == "postgres";
    var data = Path.Combine(Path.GetTempPath(), $"chengxin-b5-{provider}-{Environment.ProcessId}");
    Directory.CreateDirectory(data);
    string? connection = null;
    string? database = null;
    if (postgres)
    {
        var admin = Environment.GetEnvironmentVariable("CHENGXIN_TEST_PG")
            ?? throw new InvalidOperationException("CHENGXIN_TEST_PG names no PostgreSQL (source scripts/test-deps/postgres.sh)");
        database = $"chengxin_b5_{Environment.ProcessId}";
        await using (var c = new NpgsqlConnection(admin))
        {
            await c.OpenAsync();
            await new NpgsqlCommand($"CREATE DATABASE \"{database}\"", c).ExecuteNonQueryAsync();
        }
        connection = new NpgsqlConnectionStringBuilder(admin) { Database = database }.ConnectionString;
    }
    try
    {
        Console.WriteLine();
        Console.WriteLine($"== {(postgres ? "PostgreSQL" : "SQLite")} ==");
        Seeded seeded;
        IReadOnlyList<AnsweredItem> items;
        var watch = Stopwatch.StartNew();
        await using (var app = Seeder.App(data, connection, Path.Combine(root, "schemes")))
        {
            await app.Services.MigrateDatabaseAsync();
            seeded = await Seeder.SeedAsync(app.Services, unitCount);
            items = Seeder.Items(app.Services);
        }
        Console.WriteLine($"seeded {unitCount:N0} units, their liaisons and a collecting campaign in {watch.Elapsed.TotalSeconds:N0} s; "
            + $"{items.Count} items a town answers itself");
        var workload = new Workload(seeded, items);
        var databaseConnection = connection ?? $"Data Source={Path.Combine(data, "chengxin.db")};Pooling=True;Default Timeout=30";

        // Floors first, on the quiet machine the server will get too.
        Series floorReads, floorWrites;
        double floorServerMs = 0, driverMs = 0;
        var (floor, floorAddress) = await Child.FloorServerAsync();
        await using (floor)
        {
            using var client = Driver.Client(floorAddress);
            floorReads = new Series("floor reads");
            floorWrites = new Series("floor writes");
            var tasks = Workload.NewInFlight();
            await Task.WhenAll(
                Driver.RunAsync(client, readRate, TimeSpan.FromSeconds(floorSeconds), _ => (floorReads, null, new HttpRequestMessage(HttpMethod.Get, "/r")), tasks, default),
                Driver.RunAsync(client, writeRate, TimeSpan.FromSeconds(floorSeconds),
                    _ => (floorWrites, null, new HttpRequestMessage(HttpMethod.Put, "/w") { Content = new StringContent("{\"facts\":{}}") }), tasks, default));
            await Task.WhenAll(tasks);
            // What HTTP alone costs this machine per request, on both ends: the part of the cores no server work can have. Closed
            // loop after the open-loop phase has warmed both ends, as the server's profile is measured, and enough requests that
            // the first ones' compilation does not count.
            (floorServerMs, driverMs) = await Profile.HttpAloneAsync(client, floor.CpuTime, DriverCpu, 5000);
        }
        var (commits, commitCeiling) = await Floors.CommitLoopAsync(postgres, databaseConnection, writeRate, TimeSpan.FromSeconds(Math.Min(floorSeconds, 10)));
        Report("floor: minimal Kestrel endpoint, reads", floorReads, floorSeconds);
        Report("floor: minimal Kestrel endpoint, writes", floorWrites, floorSeconds);
        Report("floor: raw commit loop (insert + commit)", commits, Math.Min(floorSeconds, 10));
        Console.WriteLine($"  raw commit ceiling, one connection: {commitCeiling:N0} commits/s");
        Console.WriteLine($"  CPU time per request of HTTP alone: the minimal endpoint {floorServerMs:N3} ms, the load driver {driverMs:N3} ms; "
            + $"at B5's rates they keep {(floorServerMs + driverMs) * (TargetReads + TargetWrites) / 1000:N2} of the {Environment.ProcessorCount} cores busy");

        (Series Reads, Series Writes, double Capacity) one;
        var (server, address) = await Child.ServerAsync(root, data, connection);
        await using (server)
            one = await MeasureAsync("one instance", address, workload, server.CpuTime,
                database is null ? null : () => Child.DatabaseCpuTime(database), driverMs);

        (Series Reads, Series Writes, double Capacity)? several = null;
        if (postgres && instances > 1)
        {
            var dir = Path.Combine(data, "instances");
            var port = Child.FreePort();
            var started = await Child.RunAsync(Path.Combine(root, "scripts", "instances", "start.sh"),
                "--connection", connection!, "--instances", instances.ToString(CultureInfo.InvariantCulture), "--port", port.ToString(CultureInfo.InvariantCulture),
                "--dir", dir, "--", $"--Chengxin:SchemeFolder={Path.Combine(root, "schemes")}", "--Logging:LogLevel:Default=Warning");
            if (started.Code != 0)
                throw new InvalidOperationException($"scripts/instances/start.sh failed:\n{started.Output}");
            try
            {
                several = await MeasureAsync($"{instances} instances behind nginx", new Uri($"http://127.0.0.1:{port}"), workload, () => Child.CpuTimeOf(dir),
                    () => Child.DatabaseCpuTime(database!), driverMs);
            }
            finally
            {
                await Child.RunAsync(Path.Combine(root, "scripts", "instances", "stop.sh"), dir);
            }
        }

        // Every acknowledged write is in the database, and the audit chain holds.
        var missing = 0;
        var checkedUnits = 0;
        var checkedWrites = 0;
        bool intact;
        await using (var app = Seeder.App(data, connection, Path.Combine(root, "schemes")))
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ChengxinDbContext>();
            var states = await db.Submissions.IgnoreQueryFilters().AsNoTracking().Where(s => s.CampaignId == seeded.CampaignId)
                .ToDictionaryAsync(s => s.UnitId, s => s.State);
            var explanations = (await db.SubmissionItems.IgnoreQueryFilters().AsNoTracking().Where(i => i.TenantId == seeded.TenantId)
                .Select(i => new { i.UnitId, i.ItemId, i.Explanation }).ToListAsync())
                .ToDictionary(i => (i.UnitId, i.ItemId), i => i.Explanation);
            foreach (var unit in workload.Units.Where(u => !u.Uncertain))
            {
                checkedUnits++;
                checkedWrites += unit.Saved.Count + 1;
                var expected = unit.Submitted ? Chengxin.Domain.Campaigns.SubmissionState.Submitted : Chengxin.Domain.Campaigns.SubmissionState.Draft;
                if (states.GetValueOrDefault(unit.Unit.UnitId) != expected)
                    missing++;
                foreach (var (item, explanation) in unit.Saved)
                    if (explanations.GetValueOrDefault((unit.Unit.UnitId, item)) != explanation)
                        missing++;
            }
            var verified = await AuditVerifier.VerifyAsync(db, seeded.TenantId, null, CancellationToken.None);
            intact = verified.IsIntact;
            Console.WriteLine($"afterwards: {checkedUnits:N0} units checked, {checkedWrites:N0} end states ({workload.Units.Count(u => u.Uncertain)} left out after an unanswered write), "
                + $"{missing} acknowledged writes missing; audit chain {(intact ? "intact" : "BROKEN")}, {verified.Chain.EventCount:N0} events");
        }
        missingTotal += missing + (intact ? 0 : 1);

        var name = postgres ? "PostgreSQL" : "SQLite";
        summary.Add($"{name}, one instance: read p99 {P99(one.Reads):N1} ms ({Ratio(one.Reads, floorReads)} the floor's), "
            + $"write p99 {P99(one.Writes):N1} ms ({Ratio(one.Writes, floorWrites)} the HTTP floor's, {Ratio(one.Writes, commits)} the commit floor's), "
            + $"errors {one.Reads.Errors + one.Writes.Errors}, missing {missing}");
        summary.Add($"  verdict {name}: read p99 < {ReadTargetMs} ms {Verdict(P99(one.Reads) < ReadTargetMs)}; write p99 < {WriteTargetMs} ms "
            + $"{Verdict(P99(one.Writes) < WriteTargetMs)}; zero errors {Verdict(one.Reads.Errors + one.Writes.Errors == 0)}; "
            + $"every acknowledged write present {(checkedUnits == 0 ? "NOT CHECKED (every unit had an unanswered write)" : Verdict(missing == 0 && intact))}");
        if (several is { } s)
        {
            summary.Add($"{name}, {instances} instances behind nginx: read p99 {P99(s.Reads):N1} ms, write p99 {P99(s.Writes):N1} ms, "
                + $"errors {s.Reads.Errors + s.Writes.Errors}");
            if (capacitySeconds > 0)
                summary.Add($"  throughput at saturation: one instance {one.Capacity:N0} requests/s, {instances} instances {s.Capacity:N0} requests/s "
                    + $"({s.Capacity / one.Capacity:N2}×)");
        }
        else if (capacitySeconds > 0)
        {
            summary.Add($"  throughput at saturation, one instance: {one.Capacity:N0} requests/s");
        }
    }
    finally
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
        if (database is not null)
        {
            await using var c = new NpgsqlConnection(Environment.GetEnvironmentVariable("CHENGXIN_TEST_PG"));
            await c.OpenAsync();
            await new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", c).ExecuteNonQueryAsync();
        }
        if (!args.Contains("--keep"))
            Directory.Delete(data, recursive: true);
    }
}

Console.WriteLine();
Console.WriteLine($"B5 summary (load average {load()} at the end):");
foreach (var line in summary)
    Console.WriteLine(line);
return missingTotal == 0 ? 0 : 1;

async Task<(Series Reads, Series Writes, double Capacity)> MeasureAsync(string label, Uri address, Workload workload, Func<TimeSpan> serverCpu,
    Func<TimeSpan>? databaseCpu, double driverMs)
{
    using var client = Driver.Client(address);
    // A short warm-up at a tenth of the rates: JIT, connection pools, the scheme's compiled form.
    workload.NewPhase();
    var warm = Workload.NewInFlight();
    await Task.WhenAll(Driver.RunAsync(client, readRate / 10.0, TimeSpan.FromSeconds(5), workload.NextRead, warm, default),
        Driver.RunAsync(client, writeRate / 10.0, TimeSpan.FromSeconds(5), workload.NextWrite, warm, default));
    await Task.WhenAll(warm);

    var capacity = 0.0;
    if (capacitySeconds > 0)
    {
        // Closed loop, as many at once as a busy office's browsers: how many requests a second the deployment answers. Measured
        // before the open-loop phase, whose backlog (when the rates exceed what the machine holds) would still be draining, and
        // after as long again unmeasured, each liaison having read its report once: deadline day's steady state, in which most
        // own reports are revalidations and the server's code, EF Core's queries and PostgreSQL's statements prepared on every
        // connection are warm. Measured cold (s29, s30), the same loop answered 110 requests a second in its first 20 s and 254 in
        // its sixth, as the liaisons' copies and the warm paths filled in.
        await Driver.ClosedLoopAsync(client, 64, workload.Units.Count, null, workload.NextOwnReport);
        // One write in ten, the rest B5's reads.
        (Series, Func<HttpResponseMessage?, bool, Task>?, HttpRequestMessage?) Mixed(long i) => i % 10 == 0 ? workload.NextWrite(i) : workload.NextRead(i);
        await Driver.ClosedLoopAsync(client, 64, long.MaxValue, capacitySeconds, Mixed);
        workload.NewPhase();
        var cpuBefore = serverCpu();
        var stop = Stopwatch.StartNew();
        var done = await Driver.ClosedLoopAsync(client, 64, long.MaxValue, capacitySeconds, Mixed);
        capacity = done / stop.Elapsed.TotalSeconds;
        // The server's CPU time per answered request does not depend on what else the machine runs: the figure to size cores by.
        var cpuPerRequest = (serverCpu() - cpuBefore).TotalMilliseconds / Math.Max(1, done);
        Console.WriteLine($"{label}: {capacity:N0} requests/s answered at saturation (64 clients, 1 write in 10, {capacitySeconds} s, "
            + $"after as long unmeasured); server CPU time {cpuPerRequest:N1} ms per answered request");
    }
    workload.NewPhase();
    Console.WriteLine($"{label}: measuring {seconds} s (load average {load()})");
    var notModifiedAtStart = workload.NotModified;
    var tasks = Workload.NewInFlight();
    var (cpuAtStart, databaseAtStart, driverAtStart) = (serverCpu(), databaseCpu?.Invoke(), DriverCpu());
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(Driver.RunAsync(client, readRate, TimeSpan.FromSeconds(seconds), workload.NextRead, tasks, default),
        Driver.RunAsync(client, writeRate, TimeSpan.FromSeconds(seconds), workload.NextWrite, tasks, default));
    await Task.WhenAll(tasks);
    var elapsed = clock.Elapsed.TotalSeconds;
    var phaseCpu = serverCpu() - cpuAtStart;
    var (databasePhase, driverPhase) = (databaseCpu?.Invoke() - databaseAtStart, DriverCpu() - driverAtStart);
    foreach (var series in workload.All)
        Report($"  {series.Name}", series, elapsed);
    Console.WriteLine($"    of the own reports, {workload.NotModified - notModifiedAtStart:N0} answered 304 (the liaison's copy was current)");
    var reads = workload.AllReads;
    var writes = workload.AllWrites;
    Report($"{label}, all reads", reads, elapsed);
    Report($"{label}, all writes", writes, elapsed);
    Console.WriteLine($"{label}: server CPU time {phaseCpu.TotalSeconds / elapsed:N2} cores busy on average, "
        + $"{phaseCpu.TotalMilliseconds / Math.Max(1, reads.Count + writes.Count):N1} ms per answered request"
        + (databasePhase is { } backends ? $"; PostgreSQL's backends {backends.TotalSeconds / elapsed:N2} cores" : "")
        + $"; the load driver {driverPhase.TotalSeconds / elapsed:N2} cores");

    // After the measured phase, so that the JIT has reached its final code (a first run right after the warm-up measured the
    // tiering as much as the requests).
    if (profileRequests > 0)
    {
        workload.NewPhase();
        var figures = await Profile.RunAsync(client, workload, serverCpu, databaseCpu, profileRequests, profileKinds);
        foreach (var (_, kind, answered, notModified, cpuMs, databaseMs, leftMs) in figures)
            Console.WriteLine($"{label}: server CPU time per request, {kind}: {cpuMs:N2} ms"
                + (databaseMs is { } d ? $" (PostgreSQL's backends {d:N2} ms more)" : "")
                + $", and {leftMs:N2} ms after the answers until idle"
                + $" ({answered:N0} answered, {notModified:N0} of them 304, {Profile.ClientsText})"
                // An account's requests a minute are limited (Chengxin:RateLimits:RequestsPerMinute, 600): the office's ten accounts
                // reach it when the profile sends them thousands, and the refused requests' CPU then falls on the few answered.
                + (answered < profileRequests ? $"; {profileRequests - answered:N0} NOT ANSWERED, so this figure is not one request's cost" : ""));
        if (figures.Count == Profile.Letters.Length)
            Console.WriteLine(Sizing(label, figures.ToDictionary(f => f.Letter, f => f.CpuMs + (f.DatabaseCpuMs ?? 0)), driverMs));
    }
    return (reads, writes, capacity);
}

// B5's mix at B5's rates, costed from the profile (server and PostgreSQL per request of each kind) and the driver's cost per
// request from the floor phase: the CPU a second the machine would need, against the cores it has. What decides whether the
// rates can be held at all, whatever the latencies of a contended run say. An own report is answered in full when its unit
// wrote since the liaison's last read: at B5's rates a unit writes 220 times for every 1,700 reads of it, whatever the number
// of units, so at most 87 % are 304 (a short run over many units meets fewer, as most liaisons read for the first time).
string Sizing(string label, IReadOnlyDictionary<char, double> ms, double driverMs)
{
    double ownReports = TargetReads * 0.85, me = TargetReads * 0.14, office = TargetReads * 0.01;
    var notModifiedShare = 1 - TargetWrites / ownReports;
    var parts = new (string Name, double Seconds)[]
    {
        ("own reports", ownReports * (notModifiedShare * ms['r'] + (1 - notModifiedShare) * ms['f']) / 1000),
        ("who am I", me * ms['m'] / 1000),
        ("office reads", office * ms['o'] / 1000),
        ("writes", TargetWrites * ms['w'] / 1000),
        ("the load driver", (TargetReads + TargetWrites) * driverMs / 1000),
    };
    var total = parts.Sum(p => p.Seconds);
    return $"{label}: sized for B5's {TargetWrites} writes/s + {TargetReads} reads/s ({notModifiedShare:P0} of the own reports 304): "
        + string.Join(", ", parts.Select(p => $"{p.Name} {p.Seconds:N2}")) + $" = {total:N2} s of CPU a second against {Environment.ProcessorCount} cores: "
        + (total <= Environment.ProcessorCount ? "the machine can hold the rates" : $"the machine holds at most {Environment.ProcessorCount / total:P0} of them");
}

static TimeSpan DriverCpu() => Process.GetCurrentProcess().TotalProcessorTime;

void Report(string label, Series series, double elapsedSeconds)
{
    var (p50, p99, max) = series.Percentiles();
    Console.WriteLine($"{label}: {series.Count:N0} answered ({series.Count / elapsedSeconds:N0}/s), p50 {p50:N1} ms, p99 {p99:N1} ms, max {max:N1} ms, "
        + $"errors {series.Errors}");
    foreach (var error in series.FirstErrors)
        Console.WriteLine($"    {error}");
}

static double P99(Series series) => series.Percentiles().P99;

static string Ratio(Series measured, Series floor) => $"{P99(measured) / P99(floor):N1}×";

static string Verdict(bool met) => met ? "PASS" : "FAIL";

int Option(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var v) ? v : fallback;
}

string? Text(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

static string FindRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "Chengxin.slnx")))
            return dir.FullName;
    throw new InvalidOperationException("Chengxin.slnx not found above the bench's folder");
}
