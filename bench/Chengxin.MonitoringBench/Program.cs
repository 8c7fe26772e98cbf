// Benchmarks of issue 15's 双公示 monitoring, each printed as a ratio against its yardstick with a verdict:
//   B2 intake: N CSV rows (1 % malformed) parsed, validated and stored by the server's own path, against a raw prepared
//      insert loop of the already-parsed rows on SQLite (target ≥ 70 %), against PostgreSQL binary COPY of the same rows
//      (≥ 80 %, when CHENGXIN_TEST_PG names a server), and against EF SaveChanges per row (≥ 10×; measured on a sample
//      and extrapolated per row).
//   B3 timeliness: M records over D departments, working-day lateness by the official calendar and per-department counts,
//      by the domain's statistics, against a hand-written array floor (≤ 2×) and DuckDB running the same query (≤ 1.5×);
//      best of three runs each.
// Usage: dotnet run -c Release --project bench/Chengxin.MonitoringBench -- [--rows N] [--records M] [--departments D]
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Chengxin.Domain.Calendar;
using Chengxin.Domain.Identifiers;
using Chengxin.Domain.Monitoring;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Disclosures;
using Chengxin.Server.Infrastructure;
using DuckDB.NET.Data;
using Microsoft.EntityFrameworkCore;

var rows = Option("--rows", 1_000_000);
var records = Option("--records", 10_000_000);
var departments = Option("--departments", 50_000);
var calendar = WorkingDayCalendar.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "calendars", "cn-mainland.yaml")));
Console.WriteLine($"B2 rows {rows:N0}; B3 records {records:N0} over {departments:N0} departments; {Environment.ProcessorCount} cores, load {Load()}");

await B2Async(rows);
B3(records, departments, calendar);
return;

int Option(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}

static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

static void Verdict(string name, double ratio, string rule, bool met) =>
    Console.WriteLine($"  {name}: {ratio:0.00} ({rule}) → {(met ? "met" : "NOT met")}");

static async Task B2Async(int n)
{
    Console.WriteLine("B2 intake");
    var code = "0123456789ABCDEFGHJKLMNPQRTUWXY".Select(c => "91410425MA40000A1" + c).First(UnifiedSocialCreditCode.IsValid);
    var bad = code[..^1] + (code[^1] == '0' ? '1' : '0');
    var csv = new StringBuilder("行政相对人名称,统一社会信用代码,证件号码,决定文书号,决定日期,上报日期,处罚机关,数据来源单位,信息类别\n");
    var start = new DateOnly(2026, 1, 5);
    for (var i = 0; i < n; i++)
    {
        var decided = start.AddDays(i % 300);
        csv.Append(CultureInfo.InvariantCulture, $"相对人{i % 997},{(i % 100 == 99 ? bad : code)},,郏罚〔2026〕{i}号,{decided:yyyy-MM-dd},{decided.AddDays(3 + i % 9):yyyy-MM-dd},县市场监督管理局,部门{i % 50},行政处罚\n");
    }
    var bytes = Encoding.UTF8.GetBytes(csv.ToString());
    csv.Clear();
    var departments = Enumerable.Range(0, 50).ToDictionary(i => $"部门{i}", i => new DisclosureDepartment(i + 1, $"部门{i}"));

    // Ours: the server's upload path (UploadDisclosures, StoreDisclosures.RunAsync): the bytes decoded, read and checked where
    // they lie, then finished and written in one transaction, the unique index finding a 文书号 stored before.
    // Both sides first run a thousand rows into a throwaway database, so that neither pays for compiling the code it runs.
    var (warm, warmPath) = await SqliteAsync();
    var cut = n > 2_000 ? Array.IndexOf(bytes, (byte)'\n', bytes.Length / (n / 1_000)) : -1;
    var warmBytes = cut < 0 ? bytes : bytes[..(cut + 1)];
    await OursAsync(warm, warmBytes, departments, null);
    await warm.DisposeAsync();
    File.Delete(warmPath);

    var (db, path) = await SqliteAsync();
    var phases = new Dictionary<string, double>();
    var ours = Stopwatch.StartNew();
    var result = await OursAsync(db, bytes, departments, phases);
    ours.Stop();
    Console.WriteLine($"  ours (parse + validate + store) on SQLite: {ours.Elapsed.TotalSeconds:0.00} s, {result.Accepted.Count:N0} stored, {result.Rejected.Count:N0} refused");
    Console.WriteLine($"    {string.Join(", ", phases.Select(p => $"{p.Key} {p.Value:0.00} s"))}");
    await db.DisposeAsync();

    // The floor: the accepted rows, already parsed and valid, through a bare prepared insert loop.
    var (raw, rawPath) = await SqliteAsync();
    var floor = Stopwatch.StartNew();
    await using (var tx = await raw.Database.BeginTransactionAsync())
    {
        await StoreDisclosures.WriteRecordsAsync(raw, 1, 1, result.Accepted, default);
        await tx.CommitAsync();
    }
    floor.Stop();
    Console.WriteLine($"  raw prepared insert loop: {floor.Elapsed.TotalSeconds:0.00} s");
    var share = floor.Elapsed.TotalSeconds / ours.Elapsed.TotalSeconds;
    Verdict("SQLite throughput, ours / raw insert", share, "≥ 0.70", share >= 0.70);

    // EF SaveChanges per row, on a sample (a million single-row saves would take hours), extrapolated per row.
    var sample = Math.Min(2_000, result.Accepted.Count);
    var ef = Stopwatch.StartNew();
    foreach (var a in result.Accepted.Skip(result.Accepted.Count - sample))
    {
        raw.DisclosureRecords.Add(new DisclosureRecordRow
        {
            TenantId = 1, UploadId = 1, DepartmentUnitId = a.Department.UnitId, Kind = "penalty", DecisionNumber = a.Record.DecisionNumber + "-ef",
            SubjectName = a.Record.SubjectName!, SubjectCode = a.Record.SubjectCode!, Agency = a.Record.Agency, DecisionDate = a.Record.DecisionDate,
            ReportedOn = a.Record.ReportedOn,
        });
        await raw.SaveChangesAsync();
    }
    ef.Stop();
    var efTotal = ef.Elapsed.TotalSeconds / sample * n;
    Console.WriteLine($"  EF SaveChanges per row: {ef.Elapsed.TotalMilliseconds / sample:0.000} ms a row on {sample:N0} rows, {efTotal:0.0} s extrapolated to {n:N0}");
    var speedup = efTotal / ours.Elapsed.TotalSeconds;
    Verdict("ours vs EF per row", speedup, "≥ 10×", speedup >= 10);
    await raw.DisposeAsync();
    File.Delete(path);
    File.Delete(rawPath);

    // The SQLite half's million accepted rows would otherwise stay alive through the PostgreSQL half, and every collection the
    // PostgreSQL intake's own allocations cause would mark them too: a server holds no such leftover.
    result = null!;

    if (Environment.GetEnvironmentVariable("CHENGXIN_TEST_PG") is { Length: > 0 } pg)
    {
        // A thousand rows first, so that neither side pays for compiling the PostgreSQL path.
        await PostgresAsync(pg, warmBytes, departments, copyOnly: false);
        await PostgresAsync(pg, warmBytes, departments, copyOnly: true);
        // Each side twice, in the order ours, COPY, COPY, ours: whatever the database carries from one run into the next (its
        // checkpoints, the WAL's segments, the cache) falls on both sides alike.
        var pgOurs = await PostgresAsync(pg, bytes, departments, copyOnly: false);
        var pgCopy = await PostgresAsync(pg, bytes, departments, copyOnly: true);
        var pgCopy2 = await PostgresAsync(pg, bytes, departments, copyOnly: true);
        var pgOurs2 = await PostgresAsync(pg, bytes, departments, copyOnly: false);
        Console.WriteLine($"  PostgreSQL: ours {pgOurs:0.00} s and {pgOurs2:0.00} s, COPY of parsed rows {pgCopy:0.00} s and {pgCopy2:0.00} s");
        (pgOurs, pgCopy) = (pgOurs + pgOurs2, pgCopy + pgCopy2);
        Verdict("PostgreSQL throughput, ours / COPY", pgCopy / pgOurs, "≥ 0.80", pgCopy / pgOurs >= 0.80);
    }
    else
        Console.WriteLine("  PostgreSQL: skipped (set CHENGXIN_TEST_PG, e.g. source scripts/test-deps/postgres.sh)");
}

// A fresh database with the server's model. Foreign keys are off: the bench stores no units or uploads, and both sides
// write the same table under the same conditions.
static async Task<(ChengxinDbContext Db, string Path)> SqliteAsync()
{
    var path = Path.Combine(Path.GetTempPath(), $"monitoring-bench-{Guid.NewGuid():N}.db");
    var options = new DbContextOptionsBuilder<ChengxinDbContext>().UseSqlite($"Data Source={path};Foreign Keys=False").Options;
    var db = new ChengxinDbContext(options);
    await db.Database.EnsureCreatedAsync();
    await db.Database.OpenConnectionAsync();
    return (db, path);
}

// The server's intake as the upload runs it: decoded, the header checked, then the rows read, checked and stored in one
// transaction by StoreDisclosures.StoreCheckedAsync (on PostgreSQL the rows are written by COPY while the rest are read; the
// unique index finds a re-sent 文书号). The upload row is the server's one EF insert, left out here: the bench stores no
// uploads, so the records name upload 1 (or the id the PostgreSQL path takes from the sequence; the bench has no foreign keys).
static async Task<DisclosureIntakeResult> OursAsync(ChengxinDbContext db, byte[] bytes, Dictionary<string, DisclosureDepartment> departments,
    Dictionary<string, double>? phases)
{
    var clock = Stopwatch.StartNew();
    var reading = Open(bytes, departments, phases);
    clock.Restart();
    await using var tx = await db.Database.BeginTransactionAsync();
    var (result, _) = await StoreDisclosures.StoreCheckedAsync(db, 1, reading, allOrNothing: false, (_, _, id) => Task.FromResult(id == 0 ? 1L : id), default);
    await tx.CommitAsync();
    phases?.Add("read, check and store", clock.Elapsed.TotalSeconds);
    return result;
}

static DisclosureTableReading Open(byte[] bytes, Dictionary<string, DisclosureDepartment> departments, Dictionary<string, double>? phases)
{
    var clock = Stopwatch.StartNew();
    var text = CsvTable.Decode(bytes, out _);
    phases?.Add("decode", clock.Elapsed.TotalSeconds);
    var (reading, _) = DisclosureCsv.Read(text, DisclosureColumnMapping.National,
        t => departments.TryGetValue(t, out var d) ? DepartmentMatch.Found(d) : DepartmentMatch.Unknown(t));
    return reading!;
}

static async Task<double> PostgresAsync(string connection, byte[] bytes, Dictionary<string, DisclosureDepartment> departments, bool copyOnly)
{
    var builder = new Npgsql.NpgsqlConnectionStringBuilder(connection) { Database = "monitoring_bench_" + Guid.NewGuid().ToString("N")[..8] };
    var options = new DbContextOptionsBuilder<ChengxinDbContext>().UseNpgsql(builder.ConnectionString).Options;
    await using var db = new ChengxinDbContext(options);
    await db.Database.EnsureCreatedAsync();
    await db.Database.ExecuteSqlRawAsync("""
        ALTER TABLE "DisclosureRecords" DROP CONSTRAINT "FK_DisclosureRecords_DisclosureUploads_UploadId";
        ALTER TABLE "DisclosureRecords" DROP CONSTRAINT "FK_DisclosureRecords_Units_DepartmentUnitId";
        """);
    await db.Database.OpenConnectionAsync();
    // Each side starts from a collected heap, so that neither pays for the garbage the one before it left.
    GC.Collect();
    GC.WaitForPendingFinalizers();
    GC.Collect();
    try
    {
        if (!copyOnly)
        {
            var clock = Stopwatch.StartNew();
            await OursAsync(db, bytes, departments, null);
            return clock.Elapsed.TotalSeconds;
        }
        // The yardstick parses beforehand (nothing is stored yet, so every row the checks pass is written); only its COPY is timed.
        var reading = Open(bytes, departments, null);
        reading.ReadRows();
        var accepted = reading.Check.Finish(_ => false).Accepted;
        var copy = Stopwatch.StartNew();
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            await StoreDisclosures.WriteRecordsAsync(db, 1, 1, accepted, default);
            await tx.CommitAsync();
        }
        return copy.Elapsed.TotalSeconds;
    }
    finally
    {
        await db.Database.EnsureDeletedAsync();
    }
}

// Best of three: on a machine shared with other builds a single run measures the neighbours as much as the code.
static TimeSpan Best(Action run)
{
    var best = TimeSpan.MaxValue;
    for (var i = 0; i < 3; i++)
    {
        var clock = Stopwatch.StartNew();
        run();
        if (clock.Elapsed < best)
            best = clock.Elapsed;
    }
    return best;
}

static void B3(int m, int d, WorkingDayCalendar calendar)
{
    Console.WriteLine("B3 timeliness");
    var random = new Random(15);
    var first = new DateOnly(2025, 1, 1).DayNumber;
    var dept = new int[m];
    var decided = new int[m];
    var reported = new int[m];
    for (var i = 0; i < m; i++)
    {
        dept[i] = random.Next(d);
        decided[i] = first + random.Next(700);
        reported[i] = decided[i] + random.Next(20);
    }
    var days = new WorkingDayIndex(calendar);
    var rule = DisclosureRule.SevenWorkingDays;

    // Ours: the domain's statistics over the records as columns, as the server counts them (DisclosureColumns).
    var columns = new DisclosureColumns(Enumerable.Range(0, d).Select(i => (long)i).ToList(), dept, decided, reported, null, m);
    DisclosureCounts counts = null!;
    var ours = Best(() => counts = DualDisclosureStatistics.ByDepartment(columns, rule, days));
    var oursLate = counts.Late.Sum();
    Console.WriteLine($"  ours: {ours.TotalMilliseconds:N0} ms, {oursLate:N0} late");

    // The floor: the same lateness by cumulative working-day counts, straight over arrays.
    var last = new DateOnly(2026, 12, 31).DayNumber;
    var count = new int[last - first + 2];
    var nth = new List<int> { 0 };
    for (var day = first; day <= last; day++)
    {
        var working = calendar.IsWorkingDay(DateOnly.FromDayNumber(day));
        count[day - first + 1] = count[day - first] + (working ? 1 : 0);
        if (working) nth.Add(day);
    }
    var nthArray = nth.ToArray();
    var late = new int[d];
    var floor = Best(() =>
    {
        late = new int[d];
        var total = new int[d];
        for (var i = 0; i < m; i++)
        {
            var due = nthArray[count[decided[i] - first + 1] + rule.Days];
            total[dept[i]]++;
            if (reported[i] > due) late[dept[i]]++;
        }
    });
    Console.WriteLine($"  array floor: {floor.TotalMilliseconds:N0} ms, {late.Sum():N0} late");
    var toFloor = ours.TotalSeconds / floor.TotalSeconds;
    Verdict("ours / array floor", toFloor, "≤ 2×", toFloor <= 2);

    // DuckDB: the same data and the same calendar table, the same question in SQL; only the query is timed.
    using var duck = new DuckDBConnection("Data Source=:memory:");
    duck.Open();
    using (var create = duck.CreateCommand())
    {
        create.CommandText = "CREATE TABLE r (dept INTEGER, decided INTEGER, reported INTEGER); CREATE TABLE c (day INTEGER, cnt INTEGER); CREATE TABLE n (k INTEGER, day INTEGER);";
        create.ExecuteNonQuery();
    }
    using (var appender = duck.CreateAppender("r"))
        for (var i = 0; i < m; i++)
            appender.CreateRow().AppendValue(dept[i]).AppendValue(decided[i]).AppendValue(reported[i]).EndRow();
    using (var appender = duck.CreateAppender("c"))
        for (var day = first; day <= last; day++)
            appender.CreateRow().AppendValue(day).AppendValue(count[day - first + 1]).EndRow();
    using (var appender = duck.CreateAppender("n"))
        for (var k = 1; k < nthArray.Length; k++)
            appender.CreateRow().AppendValue(k).AppendValue(nthArray[k]).EndRow();
    using var query = duck.CreateCommand();
    query.CommandText = $"""
        SELECT r.dept, count(*) AS records, CAST(sum(CASE WHEN r.reported > n.day THEN 1 ELSE 0 END) AS BIGINT) AS late
        FROM r JOIN c ON c.day = r.decided JOIN n ON n.k = c.cnt + {rule.Days}
        GROUP BY r.dept
        """;
    long duckLate = 0;
    var duckTime = Best(() =>
    {
        duckLate = 0;
        using var reader = query.ExecuteReader();
        while (reader.Read())
            duckLate += Convert.ToInt64(reader.GetValue(2), CultureInfo.InvariantCulture);
    });
    Console.WriteLine($"  DuckDB: {duckTime.TotalMilliseconds:N0} ms, {duckLate:N0} late");
    var toDuck = ours.TotalSeconds / duckTime.TotalSeconds;
    Verdict("ours / DuckDB", toDuck, "≤ 1.5×", toDuck <= 1.5);
    if (duckLate != oursLate || late.Sum() != oursLate)
        Console.WriteLine("  MISMATCH: the three answers differ");
}
