using System.Globalization;
using System.Text;
using Chengxin.Domain.Schemes;
using Chengxin.Domain.Scoring;

namespace Chengxin.Bench;

/// <summary>The rule part kinds of the scheme format, as the generator and the floor name them.</summary>
public enum PartKind { All, Checklist, Shortfall, PerOccurrence, Deduction, Steps, Bands, Formula, Split, Manual, Penalty, Bonus, Veto }

/// <summary>The formula templates the generator writes; the floor evaluates each by hand.</summary>
public enum FormulaShape
{
    /// <summary><c>max(0, min(M, A * f))</c>.</summary>
    Linear,
    /// <summary><c>if(f &gt;= A, M, M * f2 / 100)</c>.</summary>
    Threshold,
    /// <summary><c>clamp(A * f + B * f2, 0, M)</c>, f2 a bool.</summary>
    Mixed,
}

/// <summary>
/// A generated fact: its declaration plus how random values for it are drawn. Ledgers have
/// two bool columns, <c>done</c> and <c>verified</c>.
/// </summary>
public sealed record GenFact(string Key, FactType Type)
{
    public int TruePercent { get; init; } = 70;
    public int CountMax { get; init; } = 8;
    /// <summary>Number and percent values are drawn in tenths from this range.</summary>
    public int TenthsLow { get; init; }
    public int TenthsHigh { get; init; } = 1000;
    public int LedgerMaxRows { get; init; } = 5;
    /// <summary>A judgement's points are drawn in halves up to this (the item's max).</summary>
    public decimal JudgementMax { get; init; }
}

public sealed record GenBand(decimal Low, bool LowInclusive, decimal High, bool HighInclusive, decimal Points);

/// <summary>One rule part with the fact indices (into <see cref="GeneratedScheme.Facts"/>) it reads.</summary>
public sealed record GenPart(PartKind Kind)
{
    public int Fact { get; init; } = -1;
    public int Fact2 { get; init; } = -1;
    public int[] ChecklistFacts { get; init; } = [];
    public decimal[] ChecklistPoints { get; init; } = [];
    public decimal Points { get; init; }
    public decimal Target { get; init; }
    public decimal Per { get; init; }
    public decimal Unit { get; init; } = 1;
    public decimal Each { get; init; }
    public decimal? Cap { get; init; }
    public decimal Base { get; init; }
    public decimal Threshold { get; init; }
    public decimal Step { get; init; }
    public bool PartialUp { get; init; } = true;
    public bool Expect { get; init; } = true;
    public bool FullWhenEmpty { get; init; } = true;
    /// <summary>The ledger's bool column that selects the rows counted (null: all rows), or the condition <see cref="Generator.UnverifiedDone"/>.</summary>
    public string? Where { get; init; }
    /// <summary>A steps part over a ledger's rate of rows not done (迟报率-like), lower is better.</summary>
    public bool RateLower { get; init; }
    public GenBand[] Bands { get; init; } = [];
    public FormulaShape Shape { get; init; }
    public decimal A { get; init; }
    public decimal B { get; init; }
    public decimal M { get; init; }
    public string? Grade { get; init; }
    /// <summary>A deduction's counted lines from one base (`for:`): the ledger's rows meeting each condition, each at its own points.</summary>
    public (string Where, decimal Each)[] Lines { get; init; } = [];
    /// <summary>A penalty of varying amount (`amount: "A * f"`), <see cref="A"/> times the count fact.</summary>
    public bool Amount { get; init; }
    /// <summary>The one unit class the part is limited to (`classes: [..]` on the part), or null; and its index in the scheme's classes.</summary>
    public string? PartClass { get; init; }
    public int PartClassIndex { get; init; } = -1;
}

/// <summary>A cap across the listed items of one category: together they lose at most <c>MostOff</c> (「以上三项最高扣5分」).</summary>
public sealed record GenCap(int Category, int[] Items, decimal MostOff);

public sealed record GenItem(string Id, int Category, decimal Max, bool IsBonus, string[] Classes, GenPart[] Parts)
{
    /// <summary>An item scored against the other units of its class (pass two); it has no parts.</summary>
    public GenRelative? Relative { get; init; }
}

/// <summary>A share of the class's best value (「本单位值÷最高值×分值」), or points by rank within the class where lower is better.</summary>
public sealed record GenRelative(bool Rank, int ValueFact, decimal Step);

/// <summary>
/// A scheme generated from a seed: the YAML text that the real loader reads, and the same
/// scheme as plain records for a peer implementation (the floor) to compute from.
/// </summary>
public sealed record GeneratedScheme(
    string Yaml,
    IReadOnlyList<GenFact> Facts,
    IReadOnlyList<GenItem> Items,
    int CategoryCount,
    string[] Classes,
    string[] Grades,
    decimal[] GradeMins,
    int SchemeVetoFact,
    string SchemeVetoGrade,
    decimal BonusCap,
    decimal NormaliseTo,
    int RoundingDigits)
{
    public IReadOnlyList<GenCap> Caps { get; init; } = [];
    /// <summary>The best grade's quota, in % of the campaign's units (rounded down, ties at the last seat all in).</summary>
    public decimal QuotaShare { get; init; }
}

/// <summary>
/// Deterministic generator of a benchmark scheme (every part kind, several unit classes,
/// class applicability) and of units with random facts. No external data.
/// </summary>
public static class Generator
{
    public static readonly string[] Provinces =
    [
        "北京", "天津", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江", "上海", "江苏",
        "浙江", "安徽", "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "广西",
        "海南", "重庆", "四川", "贵州", "云南", "西藏", "陕西", "甘肃", "青海", "宁夏",
    ];

    private static readonly string[] ClassIds = ["town", "street", "dept"];
    private static readonly string[] ClassNames = ["乡镇", "街道", "县直单位"];
    private static readonly string[] GradeNames = ["优秀", "良好", "合格", "不合格"];
    private static readonly decimal[] GradeMinima = [90, 80, 60, 0];

    /// <summary>The kinds that give an item its points; every item has one of them first.</summary>
    private static readonly PartKind[] PointKinds =
    [
        PartKind.All, PartKind.Checklist, PartKind.Shortfall, PartKind.PerOccurrence, PartKind.Deduction,
        PartKind.Steps, PartKind.Bands, PartKind.Formula, PartKind.Split, PartKind.Manual,
    ];

    public static GeneratedScheme Scheme(int seed, int itemCount = 40, int categoryCount = 5)
    {
        var rng = new Random(seed);
        var facts = new List<GenFact>();
        var items = new List<GenItem>();
        var schemeVetoFact = -1;

        for (var i = 0; i < itemCount; i++)
        {
            var category = i * categoryCount / itemCount;
            var id = $"{category + 1}.{items.Count(x => x.Category == category) + 1}";
            var prefix = "f" + id.Replace('.', '_');
            int NewFact(GenFact f)
            {
                facts.Add(f with { Key = $"{prefix}_{facts.Count}" });
                return facts.Count - 1;
            }

            var parts = new List<GenPart>();
            var isBonusItem = i == itemCount - 1 || i == itemCount - 7;
            var kind = PointKinds[i % PointKinds.Length];
            decimal reach;
            (var main, reach) = PointPart(kind, rng, NewFact, isBonusItem ? 5 : 0);
            parts.Add(main);
            if (i % 6 == 0 && kind != PartKind.Manual)
            {
                // Every other one is limited to towns (社区按另一口径计分), so that class-limited parts stay on the measured path.
                var extra = new GenPart(PartKind.All) { Fact = NewFact(new GenFact("", FactType.Bool)), Points = 1, PartClass = i % 12 == 0 ? ClassIds[0] : null, PartClassIndex = i % 12 == 0 ? 0 : -1 };
                parts.Add(extra);
                reach += 1;
            }
            if (i % 10 == 3)
                parts.Add(new GenPart(PartKind.Penalty)
                {
                    Fact = NewFact(new GenFact("", FactType.Count) { CountMax = 3 }), Amount = true, A = 0.25m * rng.Next(1, 9), Cap = 4,
                });
            else if (i % 5 == 3)
                parts.Add(CountingPart(PartKind.Penalty, rng, NewFact, each: rng.Next(2, 6), cap: rng.Next(2) == 0 ? 10 : null));
            if (i % 7 == 2)
                parts.Add(CountingPart(PartKind.Bonus, rng, NewFact, each: 0.5m * rng.Next(1, 3), cap: 3));
            if (i % 9 == 4)
                parts.Add(new GenPart(PartKind.Veto)
                {
                    Fact = NewFact(new GenFact("", FactType.Bool) { TruePercent = 2 }),
                    Grade = rng.Next(2) == 0 ? "合格" : "不合格",
                });
            if (i == 0)
                schemeVetoFact = NewFact(new GenFact("", FactType.Bool) { TruePercent = 1 });

            // Manual items take their max from the judgement; others sometimes cap below what
            // their parts can reach, so that the item clamp is exercised.
            var max = kind == PartKind.Manual ? facts[main.Fact].JudgementMax
                : i % 4 == 1 ? Math.Max(1, reach - 1) : reach;

            var roll = rng.Next(100);
            var pick = rng.Next(ClassIds.Length);
            string[] classes = roll < 65 ? []
                : roll < 85 ? [ClassIds[pick]]
                : ClassIds.Where((_, k) => k != pick).ToArray();
            // A part can only be limited to a class its item applies to (the loader refuses anything else).
            if (classes.Length > 0 && !classes.Contains(ClassIds[0]))
                for (var k = 0; k < parts.Count; k++) parts[k] = parts[k] with { PartClass = null, PartClassIndex = -1 };
            items.Add(new GenItem(id, category, max, isBonusItem, classes, [.. parts]));
        }

        // Scores relative to the other units of the class (issue 14, construct 7): a share of the best value and a rank where
        // lower is better, in the last category, so that pass two stays on the measured path.
        var last = categoryCount - 1;
        foreach (var rank in new[] { false, true })
        {
            var id = $"{last + 1}.{items.Count(x => x.Category == last) + 1}";
            facts.Add(new GenFact($"f{id.Replace('.', '_')}_{facts.Count}", FactType.Count) { CountMax = 20 });
            items.Add(new GenItem(id, last, rank ? 4 : 6, false, [], []) { Relative = new GenRelative(rank, facts.Count - 1, rank ? 0.001m : 0) });
        }

        // 「以上三项最高扣5分」 over the first three base items of the third category.
        var capped = items.Select((it, k) => (it, k)).Where(x => x.it.Category == Math.Min(2, categoryCount - 1) && !x.it.IsBonus).Take(3).Select(x => x.k).ToArray();
        var scheme = new GeneratedScheme("", facts, items, categoryCount, ClassIds, GradeNames, GradeMinima,
            schemeVetoFact, "不合格", BonusCap: 5, NormaliseTo: 100, RoundingDigits: 2)
        {
            Caps = capped.Length >= 2 ? [new GenCap(items[capped[0]].Category, capped, 5)] : [],
            QuotaShare = 10,
        };
        return scheme with { Yaml = Yaml(scheme, seed) };
    }

    private static (GenPart Part, decimal Reach) PointPart(PartKind kind, Random rng, Func<GenFact, int> newFact, decimal bonusMax)
    {
        switch (kind)
        {
            case PartKind.All:
            {
                var expect = rng.Next(4) != 0;
                var points = rng.Next(1, 5);
                return (new GenPart(kind) { Fact = newFact(new GenFact("", FactType.Bool)), Points = points, Expect = expect }, points);
            }
            case PartKind.Checklist:
            {
                var n = rng.Next(3, 6);
                var f = new int[n];
                var p = new decimal[n];
                for (var k = 0; k < n; k++)
                {
                    f[k] = newFact(new GenFact("", FactType.Bool) { TruePercent = 60 });
                    p[k] = 0.5m * rng.Next(1, 4);
                }
                return (new GenPart(kind) { ChecklistFacts = f, ChecklistPoints = p }, p.Sum());
            }
            case PartKind.Shortfall:
            {
                var points = rng.Next(2, 5);
                return (new GenPart(kind)
                {
                    Fact = newFact(new GenFact("", FactType.Count) { CountMax = 7 }),
                    Target = rng.Next(3, 7), Points = points, Per = 0.5m, Unit = rng.Next(1, 3),
                }, points);
            }
            case PartKind.PerOccurrence:
            {
                var (fact, where) = CountedFact(rng, newFact);
                var each = 0.5m * rng.Next(1, 4);
                var cap = bonusMax > 0 ? bonusMax : rng.Next(3, 7);
                return (new GenPart(kind) { Fact = fact, Where = where, Each = each, Cap = cap }, cap);
            }
            case PartKind.Deduction when rng.Next(3) == 0:
            {
                // 「每笔扣1分，50万元以上每笔扣2分，扣完为止」: two lines of one ledger off one base.
                var @base = rng.Next(3, 7);
                return (new GenPart(kind)
                {
                    Fact = newFact(new GenFact("", FactType.Ledger)), Base = @base,
                    Lines = [("verified", 0.5m * rng.Next(1, 3)), (UnverifiedDone, rng.Next(1, 3))],
                    Cap = rng.Next(2) == 0 ? @base - 1 : null,
                }, @base);
            }
            case PartKind.Deduction:
            {
                var (fact, where) = CountedFact(rng, newFact);
                var @base = rng.Next(3, 7);
                return (new GenPart(kind)
                {
                    Fact = fact, Where = where, Base = @base, Each = 0.5m * rng.Next(1, 4),
                    Cap = rng.Next(2) == 0 ? @base - 1 : null,
                }, @base);
            }
            case PartKind.Steps when rng.Next(3) == 0:
            {
                var points = rng.Next(3, 7);
                return (new GenPart(kind)
                {
                    Fact = newFact(new GenFact("", FactType.Ledger)),
                    RateLower = true, Points = points, Threshold = 0, Step = 10, Per = 1, PartialUp = rng.Next(2) == 0,
                }, points);
            }
            case PartKind.Steps:
            {
                var points = rng.Next(3, 7);
                return (new GenPart(kind)
                {
                    Fact = newFact(new GenFact("", FactType.Number) { TenthsLow = 400, TenthsHigh = 1000 }),
                    Points = points, Threshold = 90, Step = rng.Next(2) == 0 ? 10 : 5, Per = 1, PartialUp = rng.Next(2) == 0,
                }, points);
            }
            case PartKind.Bands:
            {
                var a = rng.Next(5, 30);
                var b = rng.Next(a + 5, 70);
                var top = rng.Next(3, 7);
                return (new GenPart(kind)
                {
                    Fact = newFact(new GenFact("", FactType.Percent)),
                    Bands =
                    [
                        new GenBand(0, true, a, true, top),
                        new GenBand(a, false, b, false, top - 2),
                        new GenBand(b, true, 100, true, 0),
                    ],
                }, top);
            }
            case PartKind.Formula:
            {
                var shape = (FormulaShape)rng.Next(3);
                var m = rng.Next(4, 9);
                var part = shape switch
                {
                    FormulaShape.Linear => new GenPart(kind)
                    {
                        Shape = shape, M = m, A = rng.Next(3, 9),
                        Fact = newFact(new GenFact("", FactType.Number) { TenthsLow = -5, TenthsHigh = 15 }),
                    },
                    FormulaShape.Threshold => new GenPart(kind)
                    {
                        Shape = shape, M = m, A = rng.Next(50, 80),
                        Fact = newFact(new GenFact("", FactType.Number) { TenthsLow = 0, TenthsHigh = 1000 }),
                        Fact2 = newFact(new GenFact("", FactType.Percent)),
                    },
                    _ => new GenPart(kind)
                    {
                        Shape = shape, M = m, A = 0.5m * rng.Next(1, 4), B = rng.Next(1, 3),
                        Fact = newFact(new GenFact("", FactType.Count) { CountMax = 10 }),
                        Fact2 = newFact(new GenFact("", FactType.Bool)),
                    },
                };
                return (part, m);
            }
            case PartKind.Split:
            {
                var points = rng.Next(4, 13);
                return (new GenPart(kind)
                {
                    Fact = newFact(new GenFact("", FactType.Ledger) { LedgerMaxRows = 7 }),
                    Points = points, FullWhenEmpty = rng.Next(2) == 0,
                }, points);
            }
            case PartKind.Manual:
            {
                var max = bonusMax > 0 ? bonusMax : rng.Next(3, 8);
                return (new GenPart(kind) { Fact = newFact(new GenFact("", FactType.Judgement) { JudgementMax = max }) }, max);
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a point-giving kind");
        }
    }

    private static GenPart CountingPart(PartKind kind, Random rng, Func<GenFact, int> newFact, decimal each, decimal? cap)
    {
        var (fact, where) = rng.Next(2) == 0
            ? (newFact(new GenFact("", FactType.Count) { CountMax = 2 }), null)
            : CountedFact(rng, newFact);
        return new GenPart(kind) { Fact = fact, Where = where, Each = each, Cap = cap };
    }

    /// <summary>A count fact, or a ledger counted whole or by one of its bool columns.</summary>
    private static (int Fact, string? Where) CountedFact(Random rng, Func<GenFact, int> newFact) => rng.Next(7) switch
    {
        < 3 => (newFact(new GenFact("", FactType.Count)), null),
        3 => (newFact(new GenFact("", FactType.Ledger)), null),
        6 => (newFact(new GenFact("", FactType.Ledger)), UnverifiedDone),
        _ => (newFact(new GenFact("", FactType.Ledger)), rng.Next(2) == 0 ? "done" : "verified"),
    };

    /// <summary>A condition on a record beyond one bool column, so that conditions are on the measured path.</summary>
    public const string UnverifiedDone = "done and not verified";

    /// <summary>Units spread over <see cref="Provinces"/> (the unit's group) with random values for every fact.</summary>
    public static List<UnitFacts> Units(GeneratedScheme gen, CompiledScheme compiled, int count, int seed)
    {
        var rng = new Random(seed);
        var units = new List<UnitFacts>(count);
        for (var u = 0; u < count; u++)
        {
            var roll = rng.Next(10);
            var unitClass = gen.Classes[roll < 5 ? 0 : roll < 7 ? 1 : 2];
            var facts = compiled.NewFacts($"U{u:D6}", unitClass, group: Provinces[rng.Next(Provinces.Length)]);
            foreach (var f in gen.Facts)
                facts.Set(f.Key, Value(f, rng));
            units.Add(facts);
        }
        return units;
    }

    /// <summary>A random value for a fact, as a unit (or provider, or reviewer) would supply it.</summary>
    public static FactValue Value(GenFact f, Random rng)
    {
        switch (f.Type)
        {
            case FactType.Bool:
                return FactValue.Bool(rng.Next(100) < f.TruePercent);
            case FactType.Count:
                return FactValue.Count(rng.Next(f.CountMax + 1));
            case FactType.Number:
                return FactValue.Num(new decimal(rng.Next(f.TenthsLow, f.TenthsHigh + 1)) / 10);
            case FactType.Percent:
                return FactValue.Percent(new decimal(rng.Next(f.TenthsLow, f.TenthsHigh + 1)) / 10);
            case FactType.Ledger:
            {
                var rows = new LedgerRow[rng.Next(f.LedgerMaxRows + 1)];
                for (var r = 0; r < rows.Length; r++)
                    rows[r] = new LedgerRow(new Dictionary<string, FactValue>
                    {
                        ["done"] = FactValue.Bool(rng.Next(100) < 60),
                        ["verified"] = FactValue.Bool(rng.Next(100) < 40),
                    });
                return FactValue.Ledger(rows);
            }
            case FactType.Judgement:
            {
                // One judgement in a hundred is out of range, so that the error path is scored too.
                var points = rng.Next(100) == 0 ? f.JudgementMax + 0.5m : 0.5m * rng.Next((int)(f.JudgementMax * 2) + 1);
                return FactValue.OfJudgement(new Judgement(points, "评审认定"));
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(f), f.Type, "the generator does not draw this type");
        }
    }

    private static string Yaml(GeneratedScheme g, int seed)
    {
        var y = new StringBuilder();
        var total = g.Items.Where(i => !i.IsBonus).Sum(i => i.Max);
        y.AppendLine(CultureInfo.InvariantCulture, $"# Generated by bench/Chengxin.Bench (seed {seed}).");
        y.AppendLine("id: bench-generated");
        y.AppendLine("version: 1");
        y.AppendLine("title: 基准测试：生成的指标体系");
        y.AppendLine("period: year");
        y.AppendLine(CultureInfo.InvariantCulture, $"total: {D(total)}");
        y.AppendLine("classes:");
        for (var c = 0; c < g.Classes.Length; c++)
            y.AppendLine(CultureInfo.InvariantCulture, $"  - {{ id: {g.Classes[c]}, name: {ClassNames[c]} }}");
        y.AppendLine("grades:");
        for (var k = 0; k < g.Grades.Length; k++)
            y.AppendLine(CultureInfo.InvariantCulture, $"  - {{ name: {g.Grades[k]}, min: {D(g.GradeMins[k])}{(k == 0 && g.QuotaShare > 0 ? $", quota: {{ share: {D(g.QuotaShare)}, rounding: down, ties: in }}" : "")} }}");
        y.AppendLine("vetoes:");
        y.AppendLine(CultureInfo.InvariantCulture, $"  - {{ fact: {g.Facts[g.SchemeVetoFact].Key}, grade: {g.SchemeVetoGrade}, label: 存在严重失信行为 }}");
        y.AppendLine(CultureInfo.InvariantCulture, $"bonus: {{ cap: {D(g.BonusCap)} }}");
        y.AppendLine(CultureInfo.InvariantCulture, $"comparison: {{ normaliseTo: {D(g.NormaliseTo)} }}");
        y.AppendLine(CultureInfo.InvariantCulture, $"rounding: {{ digits: {g.RoundingDigits} }}");
        y.AppendLine("tieBreak: [\"1\", \"2\"]");
        y.AppendLine("categories:");
        for (var c = 0; c < g.CategoryCount; c++)
        {
            var items = g.Items.Where(i => i.Category == c).ToList();
            y.AppendLine(CultureInfo.InvariantCulture, $"  - id: \"{c + 1}\"");
            y.AppendLine(CultureInfo.InvariantCulture, $"    title: 类别{c + 1}");
            y.AppendLine(CultureInfo.InvariantCulture, $"    max: {D(items.Sum(i => i.Max))}");
            foreach (var cap in g.Caps.Where(k => k.Category == c))
                y.AppendLine(CultureInfo.InvariantCulture,
                    $"    caps: [{{ items: [{string.Join(", ", cap.Items.Select(k => $"\"{g.Items[k].Id}\""))}], mostOff: {D(cap.MostOff)}, label: 以上三项最高扣{D(cap.MostOff)}分 }}]");
            y.AppendLine("    items:");
            foreach (var item in items)
                ItemYaml(y, g, item);
        }
        return y.ToString();
    }

    private static void ItemYaml(StringBuilder y, GeneratedScheme g, GenItem item)
    {
        y.AppendLine(CultureInfo.InvariantCulture, $"      - id: \"{item.Id}\"");
        y.AppendLine(CultureInfo.InvariantCulture, $"        title: 指标{item.Id}");
        y.AppendLine(CultureInfo.InvariantCulture, $"        max: {D(item.Max)}");
        if (item.Classes.Length > 0)
            y.AppendLine(CultureInfo.InvariantCulture, $"        classes: [{string.Join(", ", item.Classes)}]");
        if (item.IsBonus)
            y.AppendLine("        bonus: true");
        y.AppendLine("        facts:");
        foreach (var f in g.Facts.Where(f => f.Key.StartsWith("f" + item.Id.Replace('.', '_') + "_", StringComparison.Ordinal)))
        {
            var type = f.Type.ToString().ToLowerInvariant();
            if (f.Type != FactType.Ledger)
            {
                var supplier = f.Type == FactType.Judgement ? "reviewer" : "unit";
                y.AppendLine(CultureInfo.InvariantCulture, $"          - {{ key: {f.Key}, label: 事实{f.Key}, type: {type}, supplier: {supplier} }}");
                continue;
            }
            y.AppendLine(CultureInfo.InvariantCulture, $"          - key: {f.Key}");
            y.AppendLine(CultureInfo.InvariantCulture, $"            label: 台账{f.Key}");
            y.AppendLine("            type: ledger");
            y.AppendLine("            supplier: unit");
            y.AppendLine("            columns:");
            y.AppendLine("              - { key: name, label: 名称, type: text }");
            y.AppendLine("              - { key: done, label: 是否完成, type: bool }");
            y.AppendLine("              - { key: verified, label: 是否核实, type: bool }");
        }
        if (item.Relative is { } r)
        {
            if (r.Rank)
                y.AppendLine(CultureInfo.InvariantCulture, $"        relative: {{ method: rank, value: {g.Facts[r.ValueFact].Key}, better: lower, step: {D(r.Step)}, among: class }}");
            else
                y.AppendLine(CultureInfo.InvariantCulture, $"        relative: {{ method: share, value: {g.Facts[r.ValueFact].Key}, among: class }}");
            return;
        }
        y.AppendLine("        rule:");
        foreach (var p in item.Parts)
            PartYaml(y, g, p);
    }

    private static void PartYaml(StringBuilder y, GeneratedScheme g, GenPart p)
    {
        string K(int fact) => g.Facts[fact].Key;
        string Where() => p.Where is null ? "" : $", where: \"{p.Where}\"";
        string Cap() => p.Cap is decimal c ? $", cap: {D(c)}" : "";
        string Classes() => p.PartClass is null ? "" : $", classes: [{p.PartClass}]";
        const string I = "          - ";
        var line = p.Kind switch
        {
            PartKind.All when p.PartClass is not null => $"all: {{ fact: {K(p.Fact)}, points: {D(p.Points)}{(p.Expect ? "" : ", expect: false")}{Classes()} }}",
            PartKind.Deduction when p.Lines.Length > 0 => $"deduction: {{ base: {D(p.Base)}{Cap()}, for: [{string.Join(", ", p.Lines.Select(l => $"{{ fact: {K(p.Fact)}, each: {D(l.Each)}, where: \"{l.Where}\" }}"))}] }}",
            PartKind.Penalty when p.Amount => $"penalty: {{ amount: \"{D(p.A)} * {K(p.Fact)}\"{Cap()}, label: 可变倒扣 }}",
            PartKind.All => $"all: {{ fact: {K(p.Fact)}, points: {D(p.Points)}{(p.Expect ? "" : ", expect: false")} }}",
            PartKind.Shortfall => $"shortfall: {{ fact: {K(p.Fact)}, target: {D(p.Target)}, points: {D(p.Points)}, per: {D(p.Per)}, unit: {D(p.Unit)} }}",
            PartKind.PerOccurrence => $"perOccurrence: {{ fact: {K(p.Fact)}, each: {D(p.Each)}{Cap()}{Where()} }}",
            PartKind.Deduction => $"deduction: {{ fact: {K(p.Fact)}, base: {D(p.Base)}, each: {D(p.Each)}{Cap()}{Where()} }}",
            PartKind.Steps when p.RateLower => $"steps: {{ expr: \"count({K(p.Fact)}, not done) * 100 / max(1, count({K(p.Fact)}))\", better: lower, points: {D(p.Points)}, threshold: {D(p.Threshold)}, step: {D(p.Step)}, per: {D(p.Per)}, partial: {(p.PartialUp ? "up" : "down")} }}",
            PartKind.Steps => $"steps: {{ fact: {K(p.Fact)}, points: {D(p.Points)}, threshold: {D(p.Threshold)}, step: {D(p.Step)}, per: {D(p.Per)}, partial: {(p.PartialUp ? "up" : "down")} }}",
            PartKind.Formula => $"formula: {{ expr: \"{Expression(g, p)}\" }}",
            PartKind.Split => $"split: {{ fact: {K(p.Fact)}, points: {D(p.Points)}, done: done, whenEmpty: {(p.FullWhenEmpty ? "full" : "zero")} }}",
            PartKind.Manual => $"manual: {{ fact: {K(p.Fact)} }}",
            PartKind.Penalty => $"penalty: {{ fact: {K(p.Fact)}, each: {D(p.Each)}{Cap()}{Where()}, label: 倒扣 }}",
            PartKind.Bonus => $"bonus: {{ fact: {K(p.Fact)}, each: {D(p.Each)}{Cap()}{Where()}, label: 加分 }}",
            PartKind.Veto => $"veto: {{ fact: {K(p.Fact)}, grade: {p.Grade}, label: 否决{K(p.Fact)} }}",
            _ => null,
        };
        if (line is not null)
        {
            y.AppendLine(I + line);
            return;
        }
        if (p.Kind == PartKind.Checklist)
        {
            y.AppendLine(I + "checklist:");
            y.AppendLine("              items:");
            for (var k = 0; k < p.ChecklistFacts.Length; k++)
                y.AppendLine(CultureInfo.InvariantCulture, $"                - {{ fact: {K(p.ChecklistFacts[k])}, points: {D(p.ChecklistPoints[k])}, label: 检查项{k + 1} }}");
            return;
        }
        y.AppendLine(I + "bands:");
        y.AppendLine(CultureInfo.InvariantCulture, $"              fact: {K(p.Fact)}");
        y.AppendLine("              domain: \"[0, 100]\"");
        y.AppendLine("              bands:");
        foreach (var b in p.Bands)
            y.AppendLine(CultureInfo.InvariantCulture,
                $"                - {{ range: \"{(b.LowInclusive ? '[' : '(')}{D(b.Low)}, {D(b.High)}{(b.HighInclusive ? ']' : ')')}\", points: {D(b.Points)} }}");
    }

    private static string Expression(GeneratedScheme g, GenPart p) => p.Shape switch
    {
        FormulaShape.Linear => $"max(0, min({D(p.M)}, {D(p.A)} * {g.Facts[p.Fact].Key}))",
        FormulaShape.Threshold => $"if({g.Facts[p.Fact].Key} >= {D(p.A)}, {D(p.M)}, {D(p.M)} * {g.Facts[p.Fact2].Key} / 100)",
        _ => $"clamp({D(p.A)} * {g.Facts[p.Fact].Key} + {D(p.B)} * {g.Facts[p.Fact2].Key}, 0, {D(p.M)})",
    };

    private static string D(decimal d) => d.Text();
}
