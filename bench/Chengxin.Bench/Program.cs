using System.Diagnostics;
using System.Globalization;
using Chengxin.Bench;
using Chengxin.Domain.Schemes;
using Chengxin.Domain.Scoring;

// Benchmark B1: a whole campaign scored and ranked by the engine, against a hand-written
// floor over plain arrays that must agree on every unit; then one unit re-scored and
// re-ranked after one fact changed. Usage:
//   dotnet run -c Release --project bench/Chengxin.Bench -- [--units N] [--runs N] [--changes N] [--seed N] [--print-scheme]

var units = 80_000;
var runs = 5;
var changes = 1_000;
var seed = 20260101;
var printScheme = false;
for (var a = 0; a < args.Length; a++)
{
    int Next() => a + 1 < args.Length && int.TryParse(args[++a], NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v > 0
        ? v
        : throw new ArgumentException($"{args[a]} needs a positive whole number");
    switch (args[a])
    {
        case "--units": units = Next(); break;
        case "--runs": runs = Next(); break;
        case "--changes": changes = Next(); break;
        case "--seed": seed = Next(); break;
        case "--print-scheme": printScheme = true; break;
        default:
            Console.Error.WriteLine($"unknown option {args[a]}; options: --units N --runs N --changes N --seed N --print-scheme");
            return 2;
    }
}

// Issue 19 raised the targets from 3× (issue 2): the whole campaign within 1.5× the floor, and at most 1 KB allocated per unit scored.
const decimal RatioTarget = 1.5m;
const long AllocationTarget = 1024;
const double SingleUnitTargetMs = 50;

var gen = Generator.Scheme(seed);
if (printScheme)
{
    Console.Write(gen.Yaml);
    return 0;
}

Console.WriteLine("Chengxin bench B1 — whole campaign vs. hand-written floor, and one unit re-scored");
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}, load average {LoadAverage()}");

var scheme = SchemeLoader.Parse(gen.Yaml, "bench-generated.yaml");
var compiled = new CompiledScheme(scheme);
for (var k = 0; k < gen.Facts.Count; k++)
    if (compiled.SlotOf(gen.Facts[k].Key) != k)
        throw new InvalidOperationException($"fact {gen.Facts[k].Key} is not in slot {k}");
var kinds = scheme.Items.SelectMany(i => i.Rule).Select(p => p.Kind).Distinct().Count();
var parts = scheme.Items.Sum(i => i.Rule.Count);
Console.WriteLine($"scheme: {compiled.Items.Count} items, {parts} parts of {kinds} kinds, {gen.Facts.Count} facts, "
    + $"{gen.Classes.Length} classes ({compiled.Items.Count(i => i.Item.Classes.Count > 0)} items class-restricted), loaded by SchemeLoader.Parse");

var load = Stopwatch.StartNew();
var facts = Generator.Units(gen, compiled, units, seed + 1);
var floorFacts = FloorFacts.From(gen, facts);
var floor = new Floor(gen);
var ledgerRows = floorFacts.Done.Sum(d => d?.Length ?? 0);
Console.WriteLine($"units: {units:N0} over {Generator.Provinces.Length} provinces, {ledgerRows:N0} ledger rows (generated in {load.ElapsedMilliseconds:N0} ms)");
Console.WriteLine();

// Warm-up (JIT tiers, caches), then alternate engine and floor so that load changes hit both.
const int WarmUps = 2;
Campaign? engine = null;
FloorResult? floorResult = null;
var engineScore = new List<double>();
var engineRank = new List<double>();
var floorScore = new List<double>();
var floorRank = new List<double>();
var engineCpu = new List<double>();
var floorCpu = new List<double>();
var engineGc = new List<double>();
var engineBytes = 0L;
var passOneBytes = 0L;
var process = Process.GetCurrentProcess();
for (var r = 0; r < WarmUps + runs; r++)
{
    Collect();
    engine = null;
    var cpu = process.TotalProcessorTime;
    var pause = GC.GetTotalPauseDuration();
    var allocated = GC.GetAllocatedBytesForCurrentThread();
    var sw = Stopwatch.StartNew();
    var results = new UnitResult[facts.Count];
    for (var i = 0; i < facts.Count; i++)
        results[i] = Scorer.Score(facts[i]);
    passOneBytes = GC.GetAllocatedBytesForCurrentThread() - allocated;
    // Pass two: the items scored against the other units of the class, then the best grade's quota.
    CampaignScoring.Settle(results);
    var scored = sw.Elapsed.TotalMilliseconds;
    engineBytes = GC.GetAllocatedBytesForCurrentThread() - allocated;
    engine = Campaign.Rank(results);
    var ranked = sw.Elapsed.TotalMilliseconds;
    var engineCpuMs = (process.TotalProcessorTime - cpu).TotalMilliseconds;
    var engineGcMs = (GC.GetTotalPauseDuration() - pause).TotalMilliseconds;

    Collect();
    cpu = process.TotalProcessorTime;
    sw.Restart();
    var scores = floor.Score(floorFacts);
    var floorScored = sw.Elapsed.TotalMilliseconds;
    floorResult = floor.Rank(floorFacts, scores);
    var floorRanked = sw.Elapsed.TotalMilliseconds;
    var floorCpuMs = (process.TotalProcessorTime - cpu).TotalMilliseconds;

    if (r < WarmUps) continue;
    engineScore.Add(scored);
    engineRank.Add(ranked - scored);
    floorScore.Add(floorScored);
    floorRank.Add(floorRanked - floorScored);
    engineCpu.Add(engineCpuMs);
    floorCpu.Add(floorCpuMs);
    engineGc.Add(engineGcMs);
}

var mismatches = Compare(engine!, floorResult!, gen, engine!.CampaignRanksOf);
if (mismatches > 0)
{
    Console.Error.WriteLine($"MISMATCH: engine and floor disagree on {mismatches:N0} units");
    return 1;
}

// Ranking.Rank, the call a results page makes, must give the same ranks.
var rankedByProvince = Ranking.Rank(engine!.Results, r => r.Facts.Group!);
var rankedByClass = Ranking.Rank(engine.Results);
for (var u = 0; u < units; u++)
    if (rankedByProvince[u].Rank != floorResult!.RankOverall[u] || rankedByProvince[u].GroupRank != floorResult.RankProvince[u]
        || rankedByClass[u].Rank != floorResult.RankOverall[u] || rankedByClass[u].GroupRank != floorResult.RankClass[u])
        mismatches++;
if (mismatches > 0)
{
    Console.Error.WriteLine($"MISMATCH: Ranking.Rank and the floor disagree on {mismatches:N0} units");
    return 1;
}

// One unit: change one fact, re-score it, move it in the three rank tables, read its ranks.
var rng = new Random(seed + 2);
var comparedFacts = gen.Items.Where(i => i.Relative is not null).Select(i => gen.Facts[i.Relative!.ValueFact].Key).ToHashSet();
const int SingleWarmUps = 100;
var single = new List<double>();
var readRanks = 0L;
for (var c = 0; c < SingleWarmUps + changes; c++)
{
    var u = rng.Next(facts.Count);
    // A compared value moves every unit of the class (a change of the best or of places): that is a pass two over the
    // campaign, timed above. Here one unit moves on its own facts and keeps the points pass two settled for it.
    var fact = gen.Facts[rng.Next(gen.Facts.Count)];
    while (comparedFacts.Contains(fact.Key)) fact = gen.Facts[rng.Next(gen.Facts.Count)];
    var value = Generator.Value(fact, rng);
    var start = Stopwatch.GetTimestamp();
    var updated = Scorer.Score(facts[u].Set(fact.Key, value));
    if (!CampaignScoring.KeepSettled(engine!.Results[u], updated))
        throw new InvalidOperationException($"unit {u}: a change to {fact.Key} moved a compared value");
    readRanks += engine!.Move(u, updated);
    var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    if (c >= SingleWarmUps) single.Add(ms);
}

// Grade quotas depend on every unit's place: one unit's move is settled for the campaign by pass two before comparing.
CampaignScoring.Settle(engine!.Results);

// The incremental path must land where a full floor run over the changed facts lands.
var afterChanges = floor.Run(FloorFacts.From(gen, facts));
mismatches = Compare(engine!, afterChanges, gen, engine!.RanksOf);
if (mismatches > 0)
{
    Console.Error.WriteLine($"MISMATCH after {SingleWarmUps + changes:N0} single-unit changes: engine and floor disagree on {mismatches:N0} units");
    return 1;
}

var engineMs = Median(engineScore.Zip(engineRank, (a, b) => a + b));
var floorMs = Median(floorScore.Zip(floorRank, (a, b) => a + b));
var ratio = (decimal)engineMs / (decimal)floorMs;
single.Sort();
var singleMedian = Percentile(single, 0.50);
var singleP99 = Percentile(single, 0.99);

Console.WriteLine($"{"measured (median of " + runs + " runs after " + WarmUps + " warm-ups)",-48} {"engine",10} {"floor",10} {"ratio",8}");
Row("score every unit", Median(engineScore), Median(floorScore));
Row("rank overall, per province, per class", Median(engineRank), Median(floorRank));
Row("whole campaign", engineMs, floorMs);
Row("whole campaign, CPU time of the process", Median(engineCpu), Median(floorCpu));
Console.WriteLine($"{"  of which GC pauses in the engine's campaign",-48} {Median(engineGc),7:0.0} ms");
Console.WriteLine($"{"  engine allocation per unit scored",-48} {engineBytes / facts.Count,7:N0} B "
    + $"(pass one {passOneBytes / facts.Count:N0} B, pass two {(engineBytes - passOneBytes) / facts.Count:N0} B; target ≤ {AllocationTarget:N0} B: {(engineBytes / facts.Count <= AllocationTarget ? "PASS" : "FAIL")})");
Console.WriteLine();
Console.WriteLine($"{"target",-48} {"result",21} {"verdict",8}");
Console.WriteLine($"{"campaign engine/floor ≤ " + RatioTarget + "×",-48} {ratio.ToString("0.000", CultureInfo.InvariantCulture) + "×",21} {(ratio <= RatioTarget ? "PASS" : "FAIL"),8}");
Console.WriteLine($"{"one unit re-scored + re-ranked ≤ " + SingleUnitTargetMs + " ms",-48} {$"median {singleMedian:0.000} ms, p99 {singleP99:0.000} ms",21} {(singleP99 <= SingleUnitTargetMs ? "PASS" : "FAIL"),8}");
Console.WriteLine();
Console.WriteLine($"verified: totals, grades and ranks (overall, province, class; RankTable and Ranking.Rank) equal for all {units:N0} units, "
    + $"before and after {SingleWarmUps + changes:N0} single-unit changes ({changes:N0} timed; rank checksum {readRanks})");
Console.WriteLine($"load average at end: {LoadAverage()}");
return 0;

static void Row(string what, double engineMs, double floorMs) =>
    Console.WriteLine($"{what,-48} {engineMs,7:0.0} ms {floorMs,7:0.0} ms {engineMs / floorMs,7:0.00}×");

static void Collect()
{
    GC.Collect();
    GC.WaitForPendingFinalizers();
    GC.Collect();
}

static double Median(IEnumerable<double> values) => Percentile([.. values.Order()], 0.5);

static double Percentile(List<double> sorted, double p) =>
    sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

static int Compare(Campaign engine, FloorResult floor, GeneratedScheme gen, Func<int, (int, int, int)> ranksOf)
{
    var bad = 0;
    for (var u = 0; u < floor.Total.Length; u++)
    {
        var r = engine.Results[u];
        var (overall, province, unitClass) = ranksOf(u);
        if (r.Total == floor.Total[u] && r.Grade == gen.Grades[floor.Grade[u]]
            && overall == floor.RankOverall[u] && province == floor.RankProvince[u] && unitClass == floor.RankClass[u])
            continue;
        if (++bad <= 10)
            Console.Error.WriteLine($"  {r.UnitId} ({r.UnitClass}): engine {r.Total.Text()} {r.Grade} #{overall}/{province}/{unitClass}, "
                + $"floor {floor.Total[u].Text()} {gen.Grades[floor.Grade[u]]} #{floor.RankOverall[u]}/{floor.RankProvince[u]}/{floor.RankClass[u]}");
    }
    return bad;
}

/// <summary>The engine's campaign: every unit's result and the rank tables overall, per province and per class.</summary>
internal sealed class Campaign
{
    private Campaign(UnitResult[] results, RankTable overall, Dictionary<string, RankTable> byProvince, Dictionary<string, RankTable> byClass,
        int[] rankOverall, int[] rankProvince, int[] rankClass)
    {
        Results = results;
        _overall = overall;
        _byProvince = byProvince;
        _byClass = byClass;
        _rankOverall = rankOverall;
        _rankProvince = rankProvince;
        _rankClass = rankClass;
    }

    private readonly RankTable _overall;
    private readonly Dictionary<string, RankTable> _byProvince;
    private readonly Dictionary<string, RankTable> _byClass;
    private readonly int[] _rankOverall;
    private readonly int[] _rankProvince;
    private readonly int[] _rankClass;

    public UnitResult[] Results { get; }

    /// <summary>Builds the tables and reads every unit's three ranks, as a results page needs them.</summary>
    public static Campaign Rank(UnitResult[] results)
    {
        var overall = Ranking.RankGroups(results, null);
        var byProvince = Ranking.RankGroups(results, r => r.Facts.Group!);
        var byClass = Ranking.RankGroups(results, r => r.UnitClass);
        return new Campaign(results, overall.Tables[""], new Dictionary<string, RankTable>(byProvince.Tables), new Dictionary<string, RankTable>(byClass.Tables),
            overall.Ranks, byProvince.Ranks, byClass.Ranks);
    }

    /// <summary>Replaces unit u's result in the three tables and returns the sum of its new ranks.</summary>
    public long Move(int u, UnitResult updated)
    {
        var old = Results[u];
        var province = _byProvince[updated.Facts.Group!];
        var unitClass = _byClass[updated.UnitClass];
        _overall.Update(old, updated);
        province.Update(old, updated);
        unitClass.Update(old, updated);
        Results[u] = updated;
        _rankOverall[u] = _overall.RankOf(updated);
        _rankProvince[u] = province.RankOf(updated);
        _rankClass[u] = unitClass.RankOf(updated);
        return _rankOverall[u] + _rankProvince[u] + _rankClass[u];
    }

    /// <summary>Unit u's ranks as the campaign computed them (only a moved unit's are kept current).</summary>
    public (int Overall, int Province, int Class) CampaignRanksOf(int u) => (_rankOverall[u], _rankProvince[u], _rankClass[u]);

    /// <summary>Unit u's ranks as the tables give them now (other units' ranks shift when one moves).</summary>
    public (int Overall, int Province, int Class) RanksOf(int u)
    {
        var r = Results[u];
        return (_overall.RankOf(r), _byProvince[r.Facts.Group!].RankOf(r), _byClass[r.UnitClass].RankOf(r));
    }
}
