using System.Diagnostics;
using System.Globalization;
using Chengxin.Domain.Monitoring;
using DuckDB.NET.Data;

// Benchmark B4 (issue 15): a dishonesty list of 12,000,000 entries, a share of them with masked id numbers
// (2301**********1234), screened against 7,200,000 persons by id number, masks honoured. The domain's ScreeningIndex
// (built on every core, then probed with each person's number on every core) is compared with a hand-written floor (two
// HashSets of numbers: full ids, and the visible digits of the one mask shape it is told about) and with DuckDB running the
// same question as a join, in two views: all three starting from the text, and all three starting from numbers already read.
// Usage:
//   dotnet run -c Release --project bench/Chengxin.ScreeningBench -- [--scale F] [--runs N] [--seed N]

var scale = 1m;
var runs = 3;
var seed = 20261206;
for (var a = 0; a < args.Length; a++)
{
    string Next() => a + 1 < args.Length ? args[++a] : throw new ArgumentException($"{args[a]} needs a value");
    switch (args[a])
    {
        case "--scale": scale = decimal.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--runs": runs = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--seed": seed = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        default:
            Console.Error.WriteLine($"unknown option {args[a]}; options: --scale F --runs N --seed N");
            return 2;
    }
}

const decimal FloorTarget = 1.5m;
var entryCount = (int)(12_000_000 * scale);
var personCount = (int)(7_200_000 * scale);
Console.WriteLine($"B4 screening: {entryCount:N0} list entries (30% masked 4+10+4) against {personCount:N0} persons, {runs} runs, seed {seed}");
Console.WriteLine($"{Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} at the start");

var sw = Stopwatch.StartNew();
var (entries, persons) = Data.Generate(entryCount, personCount, seed);
Console.WriteLine($"generated in {sw.ElapsedMilliseconds:N0} ms");

// The same data as numbers, for the second view: read once, not timed.
var parsedList = ScreeningCodes.Parse(entries);
var personIds = persons.Select(Floor.Parse).ToArray();
var (floorFull, floorMasked) = Floor.Numbers(entries);

// Two views, both printed. From text: every way starts from the id numbers as text (ours and the floor from the strings in memory,
// DuckDB from the same text in CSV files it reads itself, in parallel). From numbers: every way starts from numbers already read
// (ours from the list read by ScreeningCodes.Parse, the floor from arrays of numbers, DuckDB from tables already loaded).
var text = new Timing("from text");
var numbers = new Timing("from numbers");
var clock = new Clock();
for (var run = 0; run < runs; run++)
{
    Clean();
    clock.Start();
    var index = ScreeningIndex.Build(entries);
    var built = clock.Read();
    var hits = Probe.Count(persons, index);
    text.RecordOurs(clock, built, hits);
    index = null;

    Clean();
    clock.Start();
    index = ScreeningIndex.Build(parsedList);
    built = clock.Read();
    hits = Probe.Count(personIds, index);
    numbers.RecordOurs(clock, built, hits);
    index = null;

    Clean();
    clock.Start();
    text.RecordFloor(clock, Floor.Screen(entries, persons));
    Clean();
    clock.Start();
    numbers.RecordFloor(clock, Floor.Screen(floorFull, floorMasked, personIds));
    Console.WriteLine($"run {run + 1}: {text.Line()}; {numbers.Line()}");
}

using (var connection = new DuckDBConnection("DataSource=:memory:"))
{
    connection.Open();
    var folder = Directory.CreateTempSubdirectory("b4-");
    try
    {
        var (listCsv, personsCsv) = Data.WriteCsv(folder.FullName, entries, persons);
        Data.Load(connection, entries, persons);
        for (var run = 0; run < runs; run++)
        {
            clock.Start();
            text.RecordDuck(clock, Data.Count(connection, Data.FromText(listCsv, personsCsv)));
            clock.Start();
            numbers.RecordDuck(clock, Data.Count(connection, Data.FromTables));
            Console.WriteLine($"run {run + 1}: DuckDB {text.Name} {text.Duck.Wall:N0} ms, {numbers.Name} {numbers.Duck.Wall:N0} ms");
        }
    }
    finally
    {
        folder.Delete(recursive: true);
    }
}

Console.WriteLine();
var agree = text.Agree() & numbers.Agree() & text.OursHits == numbers.OursHits;
Console.WriteLine($"persons found (full id or masked candidate): {text.OursHits:N0}{(agree ? ", the same in every way" : "")}");
Console.WriteLine("times: wall clock, best of the runs (the process's CPU time of that run in brackets, every thread counted)");
text.Report(FloorTarget, runs);
numbers.Report(FloorTarget, runs);
Console.WriteLine($"load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} at the end");
return agree ? 0 : 1;

static void Clean()
{
    GC.Collect();
    GC.WaitForPendingFinalizers();
    GC.Collect();
}

/// <summary>Wall-clock and CPU time since the start: on a shared machine the CPU time shows the work when the wall clock waits for a core.</summary>
internal sealed class Clock
{
    private readonly Stopwatch _wall = new();
    private TimeSpan _cpu;

    public void Start()
    {
        _cpu = Process.GetCurrentProcess().TotalProcessorTime;
        _wall.Restart();
    }

    public Measure Read() => new(_wall.ElapsedMilliseconds, (long)(Process.GetCurrentProcess().TotalProcessorTime - _cpu).TotalMilliseconds);
}

internal readonly record struct Measure(long Wall, long Cpu)
{
    public static readonly Measure None = new(long.MaxValue, 0);

    public override string ToString() => $"{Wall:N0} ms ({Cpu:N0} ms CPU)";
}

/// <summary>One view's best times (of the runs) and answers, and its ratio lines.</summary>
internal sealed class Timing(string name)
{
    private long _floorHits = -1, _duckHits = -1, _lastOurs, _lastFloor;

    public string Name => name;
    public Measure Ours { get; private set; } = Measure.None;
    public Measure OursBuild { get; private set; }
    public Measure Floor { get; private set; } = Measure.None;
    public Measure Duck { get; private set; } = Measure.None;
    public long OursHits { get; private set; } = -1;

    public void RecordOurs(Clock clock, Measure built, long hits)
    {
        var m = clock.Read();
        _lastOurs = m.Wall;
        if (m.Wall < Ours.Wall)
            (Ours, OursBuild) = (m, built);
        OursHits = hits;
    }

    public void RecordFloor(Clock clock, long hits)
    {
        var m = clock.Read();
        _lastFloor = m.Wall;
        if (m.Wall < Floor.Wall)
            Floor = m;
        _floorHits = hits;
    }

    public void RecordDuck(Clock clock, long hits)
    {
        var m = clock.Read();
        if (m.Wall < Duck.Wall)
            Duck = m;
        _duckHits = hits;
    }

    public string Line() => $"{name}: index {_lastOurs:N0} ms, floor {_lastFloor:N0} ms";

    public bool Agree()
    {
        if (OursHits == _floorHits && OursHits == _duckHits)
            return true;
        Console.WriteLine($"MISMATCH {name}: the index found {OursHits:N0} persons, the floor {_floorHits:N0}, DuckDB {_duckHits:N0}");
        return false;
    }

    public void Report(decimal floorTarget, int runs)
    {
        var floorRatio = Math.Round((decimal)Ours.Wall / Math.Max(1, Floor.Wall), 2);
        var duckRatio = Math.Round((decimal)Ours.Wall / Math.Max(1, Duck.Wall), 2);
        Console.WriteLine($"{name} (best of {runs}):");
        Console.WriteLine($"  index:  {Ours} = build {OursBuild} + probe {new Measure(Ours.Wall - OursBuild.Wall, Ours.Cpu - OursBuild.Cpu)}");
        Console.WriteLine($"  floor:  {Floor}   ratio {floorRatio} (target ≤ {floorTarget}): {(floorRatio <= floorTarget ? "PASS" : "FAIL")}");
        Console.WriteLine($"  DuckDB: {Duck}   ratio {duckRatio} (target < 1): {(Ours.Wall < Duck.Wall ? "PASS" : "FAIL")}");
    }
}

/// <summary>Persons screened on every core, as DuckDB's join runs: the index and the floor's sets are read-only by then.</summary>
internal static class Probe
{
    private const int Chunk = 65_536;

    /// <summary>The index's batch look-up (<see cref="ScreeningIndex.MatchIds"/>), a chunk of persons at a time on every core.</summary>
    public static long Count(long[] persons, ScreeningIndex index) => Count(persons.Length, (from, ids, matched) =>
    {
        persons.AsSpan(from, ids.Length).CopyTo(ids);
        index.MatchIds(ids, matched);
    });

    /// <summary>From text: each chunk's numbers read from the strings, then looked up as a batch; a number that does not read is no match.</summary>
    public static long Count(string[] persons, ScreeningIndex index) => Count(persons.Length, (from, ids, matched) =>
    {
        var valid = true;
        for (var i = 0; i < ids.Length; i++)
        {
            var id = ScreeningIndex.IdKey(persons[from + i]);
            ids[i] = id ?? 0;
            valid &= id is not null;
        }
        index.MatchIds(ids, matched);
        if (!valid)
            for (var i = 0; i < ids.Length; i++)
                matched[i] &= ScreeningIndex.IdKey(persons[from + i]) is not null;
    });

    private delegate void Batch(int from, Span<long> ids, Span<bool> matched);

    private static long Count(int count, Batch batch)
    {
        long total = 0;
        Parallel.For(0, (count + Chunk - 1) / Chunk, () => (Ids: new long[Chunk], Matched: new bool[Chunk], Sum: 0L), (chunk, _, local) =>
        {
            var from = chunk * Chunk;
            var length = Math.Min(Chunk, count - from);
            var matched = local.Matched.AsSpan(0, length);
            batch(from, local.Ids.AsSpan(0, length), matched);
            foreach (var m in matched)
                if (m)
                    local.Sum++;
            return local;
        }, local => Interlocked.Add(ref total, local.Sum));
        return total;
    }

    public static long Count(int count, Func<int, bool> matches)
    {
        long total = 0;
        Parallel.For(0, (count + 65_535) / 65_536, () => 0L, (chunk, _, sum) =>
        {
            var to = Math.Min(count, (chunk + 1) * 65_536);
            for (var i = chunk * 65_536; i < to; i++)
                if (matches(i))
                    sum++;
            return sum;
        }, sum => Interlocked.Add(ref total, sum));
        return total;
    }
}

internal static class Data
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private static readonly string[] Areas = ["230102", "230103", "230104", "231102", "231121", "110105", "320102", "440524"];

    /// <summary>
    /// Persons with valid id numbers; the list holds 1% of them in full and 1% masked, the rest strangers, 30% of all entries
    /// masked as the court's list shows them (four visible digits each side).
    /// </summary>
    public static (string[] Entries, string[] Persons) Generate(int entryCount, int personCount, int seed)
    {
        var random = new Random(seed);
        var persons = new string[personCount];
        for (var i = 0; i < personCount; i++)
            persons[i] = Id(random);
        var entries = new string[entryCount];
        for (var i = 0; i < entryCount; i++)
        {
            var roll = random.Next(100);
            var id = roll < 1 ? persons[random.Next(personCount)] : roll < 2 ? persons[random.Next(personCount)] : Id(random);
            var masked = roll == 1 || (roll >= 2 && random.Next(100) < 30);
            entries[i] = masked ? id[..4] + "**********" + id[14..] : id;
        }
        return (entries, persons);
    }

    private static string Id(Random random)
    {
        Span<char> c = stackalloc char[18];
        Areas[random.Next(Areas.Length)].AsSpan().CopyTo(c);
        var birth = new DateOnly(1960, 1, 1).AddDays(random.Next(16_000));
        birth.TryFormat(c[6..], out _, "yyyyMMdd", CultureInfo.InvariantCulture);
        var seq = random.Next(1000);
        c[14] = (char)('0' + seq / 100);
        c[15] = (char)('0' + seq / 10 % 10);
        c[16] = (char)('0' + seq % 10);
        var sum = 0;
        for (var i = 0; i < 17; i++)
            sum += (c[i] - '0') * Weights[i];
        c[17] = "10X98765432"[sum % 11];
        return new string(c);
    }

    /// <summary>Loads the list and the persons as numbers (not timed): the tables the join from numbers reads.</summary>
    public static void Load(DuckDBConnection connection, string[] entries, string[] persons)
    {
        using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE list_full (id BIGINT); CREATE TABLE list_masked (visible BIGINT); CREATE TABLE persons (id BIGINT, visible BIGINT);";
            create.ExecuteNonQuery();
        }
        using (var full = connection.CreateAppender("list_full"))
        using (var masked = connection.CreateAppender("list_masked"))
        {
            foreach (var e in entries)
            {
                if (e.Contains('*'))
                    masked.CreateRow().AppendValue(Floor.Visible(e)).EndRow();
                else
                    full.CreateRow().AppendValue(Floor.Parse(e)).EndRow();
            }
        }
        using var people = connection.CreateAppender("persons");
        foreach (var p in persons)
        {
            var id = Floor.Parse(p);
            people.CreateRow().AppendValue(id).AppendValue(Floor.VisibleOf(id)).EndRow();
        }
    }

    /// <summary>The list and the persons as CSV files of one column, the text DuckDB reads in the view from text (written, not timed).</summary>
    public static (string List, string Persons) WriteCsv(string folder, string[] entries, string[] persons)
    {
        var list = Path.Combine(folder, "list.csv");
        var people = Path.Combine(folder, "persons.csv");
        File.WriteAllLines(list, entries);
        File.WriteAllLines(people, persons);
        return (list, people);
    }

    public const string FromTables = """
        SELECT count(*) FROM persons p
        WHERE p.id IN (SELECT id FROM list_full) OR p.visible IN (SELECT visible FROM list_masked)
        """;

    /// <summary>The same question from the text: DuckDB reads both files and turns the numbers into the same 64-bit keys in SQL.</summary>
    public static string FromText(string list, string persons) => $$"""
        WITH list AS (SELECT code FROM read_csv('{{list}}', header = false, columns = {'code': 'VARCHAR'})),
        list_full AS (
            SELECT CAST(substr(code, 1, 17) AS BIGINT) * 11 + CASE WHEN substr(code, 18, 1) = 'X' THEN 10 ELSE CAST(substr(code, 18, 1) AS BIGINT) END AS id
            FROM list WHERE NOT contains(code, '*')),
        list_masked AS (
            SELECT CAST(substr(code, 1, 4) || '0000000000' || substr(code, 15, 3) AS BIGINT) * 11
                + CASE WHEN substr(code, 18, 1) = 'X' THEN 10 ELSE CAST(substr(code, 18, 1) AS BIGINT) END AS visible
            FROM list WHERE contains(code, '*')),
        person_ids AS (
            SELECT CAST(substr(code, 1, 17) AS BIGINT) * 11 + CASE WHEN substr(code, 18, 1) = 'X' THEN 10 ELSE CAST(substr(code, 18, 1) AS BIGINT) END AS id
            FROM read_csv('{{persons}}', header = false, columns = {'code': 'VARCHAR'})),
        people AS (SELECT id, (id // 11 // 10000000000000 * 10000000000000 + id // 11 % 1000) * 11 + id % 11 AS visible FROM person_ids)
        SELECT count(*) FROM people p
        WHERE p.id IN (SELECT id FROM list_full) OR p.visible IN (SELECT visible FROM list_masked)
        """;

    public static long Count(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}

/// <summary>
/// The floor: what screening costs at least. It knows the one mask shape in advance, so it needs no shape table, and keeps
/// nothing but the numbers (no entry numbers, no chains, no names).
/// </summary>
internal static class Floor
{
    /// <summary>From text: the sets filled from the list's strings (one core: a HashSet is filled by one thread), the persons parsed as probed.</summary>
    public static long Screen(string[] entries, string[] persons)
    {
        var full = new HashSet<long>(entries.Length);
        var masked = new HashSet<long>();
        foreach (var e in entries)
        {
            if (e.Contains('*'))
                masked.Add(Visible(e));
            else
                full.Add(Parse(e));
        }
        return Probe.Count(persons.Length, i => Parse(persons[i]) is var id && (full.Contains(id) || masked.Contains(VisibleOf(id))));
    }

    /// <summary>From numbers: the sets filled from arrays of numbers already read.</summary>
    public static long Screen(long[] fullIds, long[] maskedVisible, long[] persons)
    {
        var full = new HashSet<long>(fullIds);
        var masked = new HashSet<long>(maskedVisible);
        return Probe.Count(persons.Length, i => full.Contains(persons[i]) || masked.Contains(VisibleOf(persons[i])));
    }

    /// <summary>The list read into the floor's two arrays: full numbers, and the masked entries' visible digits.</summary>
    public static (long[] Full, long[] Masked) Numbers(string[] entries) =>
        ([.. entries.Where(e => !e.Contains('*')).Select(Parse)], [.. entries.Where(e => e.Contains('*')).Select(Visible)]);

    /// <summary>17 digits and a check character (X as 10) as one number.</summary>
    public static long Parse(string s)
    {
        long v = 0;
        for (var i = 0; i < 17; i++)
            v = v * 10 + (s[i] - '0');
        return v * 11 + (s[17] == 'X' ? 10 : s[17] - '0');
    }

    /// <summary>A masked entry's visible digits: the masked ones read as zero.</summary>
    public static long Visible(string s)
    {
        long v = 0;
        for (var i = 0; i < 17; i++)
            v = v * 10 + (i is >= 4 and < 14 ? 0 : s[i] - '0');
        return v * 11 + (s[17] == 'X' ? 10 : s[17] - '0');
    }

    /// <summary>A number with digits 5 to 14 (the masked run) set to zero.</summary>
    public static long VisibleOf(long id)
    {
        var check = id % 11;
        var digits = id / 11;
        return (digits / 10_000_000_000_000 * 10_000_000_000_000 + digits % 1_000) * 11 + check;
    }
}
