using System.Diagnostics;
using System.Globalization;
using Chengxin.Domain.Monitoring;
using DuckDB.NET.Data;

// Benchmark B4 (issue 15): a dishonesty list of 12,000,000 entries, a share of them with masked id numbers
// (2301**********1234), screened against 7,200,000 persons by id number, masks honoured. The domain's ScreeningIndex
// (built from the list's text, then probed with each person's number) is compared with a hand-written floor (two HashSets
// of numbers: full ids, and the visible digits of the one mask shape it is told about) and with DuckDB running the same
// question as a join over tables already loaded. Usage:
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

var sw = Stopwatch.StartNew();
var (entries, persons) = Data.Generate(entryCount, personCount, seed);
Console.WriteLine($"generated in {sw.ElapsedMilliseconds:N0} ms");

long oursMs = long.MaxValue, floorMs = long.MaxValue, oursBuild = 0, oursProbe = 0;
int oursHits = 0, floorHits = 0;
for (var run = 0; run < runs; run++)
{
    GC.Collect();
    sw.Restart();
    var index = new ScreeningIndex(entries.Length);
    foreach (var code in entries)
        index.Add("", code);
    var built = sw.ElapsedMilliseconds;
    var hits = 0;
    foreach (var person in persons)
        if (index.MatchesId(ScreeningIndex.IdKey(person)!.Value))
            hits++;
    var total = sw.ElapsedMilliseconds;
    if (total < oursMs)
        (oursMs, oursBuild, oursProbe) = (total, built, total - built);
    oursHits = hits;
    index = null;

    GC.Collect();
    sw.Restart();
    floorHits = Floor.Screen(entries, persons);
    floorMs = Math.Min(floorMs, sw.ElapsedMilliseconds);
    Console.WriteLine($"run {run + 1}: index {total:N0} ms (build {built:N0}, probe {total - built:N0}), floor {sw.ElapsedMilliseconds:N0} ms");
}
if (oursHits != floorHits)
{
    Console.WriteLine($"MISMATCH: the index found {oursHits:N0} persons, the floor {floorHits:N0}");
    return 1;
}

// DuckDB gets the list and the persons as numbers already loaded (its load is not timed): only the join is measured.
long duckMs = long.MaxValue;
long duckHits;
using (var connection = new DuckDBConnection("DataSource=:memory:"))
{
    connection.Open();
    Data.Load(connection, entries, persons);
    duckHits = 0;
    for (var run = 0; run < runs; run++)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT count(*) FROM persons p
            WHERE p.id IN (SELECT id FROM list_full) OR p.visible IN (SELECT visible FROM list_masked)
            """;
        sw.Restart();
        duckHits = Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        duckMs = Math.Min(duckMs, sw.ElapsedMilliseconds);
        Console.WriteLine($"run {run + 1}: DuckDB join {sw.ElapsedMilliseconds:N0} ms");
    }
}
if (duckHits != oursHits)
{
    Console.WriteLine($"MISMATCH: DuckDB found {duckHits:N0} persons, the index {oursHits:N0}");
    return 1;
}

var floorRatio = Math.Round((decimal)oursMs / Math.Max(1, floorMs), 2);
var duckRatio = Math.Round((decimal)oursMs / Math.Max(1, duckMs), 2);
Console.WriteLine();
Console.WriteLine($"persons found (full id or masked candidate): {oursHits:N0}");
Console.WriteLine($"index (best of {runs}): {oursMs:N0} ms = build {oursBuild:N0} + probe {oursProbe:N0}");
Console.WriteLine($"floor (two HashSets):  {floorMs:N0} ms   ratio {floorRatio} (target ≤ {FloorTarget}): {(floorRatio <= FloorTarget ? "PASS" : "FAIL")}");
Console.WriteLine($"DuckDB join:           {duckMs:N0} ms   ratio {duckRatio} (target < 1): {(oursMs < duckMs ? "PASS" : "FAIL")}");
return 0;

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
}

/// <summary>
/// The floor: what screening costs at least. It knows the one mask shape in advance, so it needs no shape table, and keeps
/// nothing but the numbers (no entry numbers, no chains, no names).
/// </summary>
internal static class Floor
{
    public static int Screen(string[] entries, string[] persons)
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
        var hits = 0;
        foreach (var p in persons)
        {
            var id = Parse(p);
            if (full.Contains(id) || masked.Contains(VisibleOf(id)))
                hits++;
        }
        return hits;
    }

    /// <summary>17 digits and a check character (X as 10) as one number.</summary>
    public static long Parse(string s)
    {
        long v = 0;
        for (var i = 0; i < 17; i++)
            v = v * 10 + (s[i] - '0');
        return v * 11 + (s[17] == 'X' ? 10 : s[17] - '0');
    }

    /// <summary>A masked entry's visible digits: the masked ones read as zero.</summary>
    public static long Visible(string s) => VisibleOf(Parse(string.Concat(s.AsSpan(0, 4), "0000000000", s.AsSpan(14))));

    /// <summary>A number with digits 5 to 14 (the masked run) set to zero.</summary>
    public static long VisibleOf(long id)
    {
        var check = id % 11;
        var digits = id / 11;
        return (digits / 10_000_000_000_000 * 10_000_000_000_000 + digits % 1_000) * 11 + check;
    }
}
