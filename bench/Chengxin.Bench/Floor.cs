using Chengxin.Domain.Schemes;
using Chengxin.Domain.Scoring;

namespace Chengxin.Bench;

/// <summary>
/// Every unit's facts as plain arrays, one per fact: bool[] for bools, int[] for counts,
/// decimal[] for numbers, percents and judgement points, and a ledger as row offsets with
/// one bool[] per column over all units' rows. Building this is loading, not scoring, and is
/// not timed (as building <see cref="UnitFacts"/> is not timed for the engine).
/// </summary>
public sealed class FloorFacts
{
    public required int Count { get; init; }
    public required string[] Ids { get; init; }
    public required int[] Class { get; init; }
    public required int[] Province { get; init; }
    public required FactType[] Types { get; init; }
    public required bool[]?[] Bools { get; init; }
    public required int[]?[] Counts { get; init; }
    public required decimal[]?[] Numbers { get; init; }
    public required string?[]?[] Reasons { get; init; }
    public required int[]?[] RowStart { get; init; }
    public required bool[]?[] Done { get; init; }
    public required bool[]?[] Verified { get; init; }

    /// <summary>Reads the units' facts through the domain's public API.</summary>
    public static FloorFacts From(GeneratedScheme gen, IReadOnlyList<UnitFacts> units)
    {
        var n = units.Count;
        var fc = gen.Facts.Count;
        var f = new FloorFacts
        {
            Count = n,
            Ids = units.Select(u => u.UnitId).ToArray(),
            Class = units.Select(u => Array.IndexOf(gen.Classes, u.UnitClass)).ToArray(),
            Province = units.Select(u => Array.IndexOf(Generator.Provinces, u.Group)).ToArray(),
            Types = gen.Facts.Select(x => x.Type).ToArray(),
            Bools = new bool[]?[fc],
            Counts = new int[]?[fc],
            Numbers = new decimal[]?[fc],
            Reasons = new string?[]?[fc],
            RowStart = new int[]?[fc],
            Done = new bool[]?[fc],
            Verified = new bool[]?[fc],
        };
        for (var k = 0; k < fc; k++)
        {
            var key = gen.Facts[k].Key;
            switch (f.Types[k])
            {
                case FactType.Bool:
                    f.Bools[k] = units.Select(u => u[key].IsTrue).ToArray();
                    break;
                case FactType.Count:
                    f.Counts[k] = units.Select(u => (int)u[key].Number).ToArray();
                    break;
                case FactType.Judgement:
                    f.Numbers[k] = units.Select(u => u[key].Number).ToArray();
                    f.Reasons[k] = units.Select(u => u[key].Text).ToArray();
                    break;
                case FactType.Ledger:
                {
                    var start = new int[n + 1];
                    var done = new List<bool>();
                    var verified = new List<bool>();
                    for (var u = 0; u < n; u++)
                    {
                        foreach (var row in units[u][key].Rows!)
                        {
                            done.Add(row["done"].IsTrue);
                            verified.Add(row["verified"].IsTrue);
                        }
                        start[u + 1] = done.Count;
                    }
                    f.RowStart[k] = start;
                    f.Done[k] = [.. done];
                    f.Verified[k] = [.. verified];
                    break;
                }
                default:
                    f.Numbers[k] = units.Select(u => u[key].Number).ToArray();
                    break;
            }
        }
        return f;
    }
}

public sealed record FloorScores(decimal[] Total, int[] Grade, decimal[] Tie, bool[] Vetoed);

/// <summary>The floor's results: totals, grades (index into the scheme's grades) and ranks.</summary>
public sealed record FloorResult(decimal[] Total, int[] Grade, int[] RankOverall, int[] RankProvince, int[] RankClass);

/// <summary>
/// The floor: the scheme's arithmetic written by hand over <see cref="FloorFacts"/>, with
/// the same decimals, clamps, ledger counting, order of additions and sorting as the
/// engine, and none of its generality (no explanations, no missing-fact handling, no
/// name lookups). The engine is measured against this.
/// </summary>
public sealed class Floor
{
    private readonly GeneratedScheme _gen;
    private readonly GenItem[] _items;
    private readonly bool[][] _applies;
    private readonly int[] _tieCategories = [0, 1];

    public Floor(GeneratedScheme gen)
    {
        _gen = gen;
        _items = [.. gen.Items];
        _applies = gen.Classes.Select(c => _items.Select(i => i.Classes.Length == 0 || i.Classes.Contains(c)).ToArray()).ToArray();
    }

    public FloorResult Run(FloorFacts f) => Rank(f, Score(f));

    /// <summary>Every unit's total and grade, and the subtotals that break ties.</summary>
    public FloorScores Score(FloorFacts f)
    {
        var n = f.Count;
        var total = new decimal[n];
        var grade = new int[n];
        var ties = _tieCategories.Length;
        var tie = new decimal[n * ties];
        var vetoed = new bool[n];
        var categories = new decimal[_gen.CategoryCount];
        var relative = Relative(f);
        for (var u = 0; u < n; u++)
        {
            Array.Clear(categories);
            (total[u], grade[u], vetoed[u]) = ScoreUnit(f, u, categories, relative);
            for (var t = 0; t < ties; t++) tie[u * ties + t] = categories[_tieCategories[t]];
        }
        return new FloorScores(total, grade, tie, vetoed);
    }

    /// <summary>Ranks overall, within each province and within each class.</summary>
    public FloorResult Rank(FloorFacts f, FloorScores scores)
    {
        var (total, grade, tie, vetoed) = scores;
        var n = f.Count;
        var ties = _tieCategories.Length;
        var comparer = new ByScore(total, tie, ties, f.Ids, vetoed);
        var all = new int[n];
        for (var u = 0; u < n; u++) all[u] = u;
        var rankOverall = new int[n];
        RankSegment(all, comparer, rankOverall);
        if (_gen.QuotaShare > 0) grade = Quota(all, rankOverall, grade, vetoed);
        var rankProvince = new int[n];
        RankGroups(f.Province, Generator.Provinces.Length, comparer, rankProvince);
        var rankClass = new int[n];
        RankGroups(f.Class, _gen.Classes.Length, comparer, rankClass);
        return new FloorResult(total, grade, rankOverall, rankProvince, rankClass);
    }

    /// <summary>
    /// Pass two of the items scored against the other units of the class, by hand: per class, the best value for a share
    /// (max × value ÷ best) and a histogram of values for a rank where lower is better (place = 1 + units with less).
    /// </summary>
    private decimal[]?[] Relative(FloorFacts f)
    {
        var n = f.Count;
        var classes = _gen.Classes.Length;
        var scores = new decimal[]?[_items.Length];
        for (var i = 0; i < _items.Length; i++)
        {
            if (_items[i].Relative is not { } r) continue;
            var values = f.Counts[r.ValueFact]!;
            var top = 0;
            for (var u = 0; u < n; u++) top = Math.Max(top, values[u]);
            var best = new int[classes];
            var below = new int[classes * (top + 2)];
            for (var u = 0; u < n; u++)
            {
                best[f.Class[u]] = Math.Max(best[f.Class[u]], values[u]);
                below[f.Class[u] * (top + 2) + values[u] + 1]++;
            }
            // below[c, v] = how many units of class c have a value under v.
            for (var c = 0; c < classes; c++)
                for (var v = 1; v <= top + 1; v++)
                    below[c * (top + 2) + v] += below[c * (top + 2) + v - 1];
            var max = _items[i].Max;
            var points = new decimal[n];
            for (var u = 0; u < n; u++)
            {
                var c = f.Class[u];
                decimal v = values[u];
                decimal p = r.Rank
                    ? Math.Max(0, max - r.Step * below[c * (top + 2) + values[u]])
                    : v == best[c] ? (best[c] == 0 ? 0 : max) : best[c] <= 0 ? 0 : max * v / best[c];
                points[u] = Math.Round(Math.Clamp(p, 0, max), _gen.RoundingDigits, MidpointRounding.AwayFromZero);
            }
            scores[i] = points;
        }
        return scores;
    }

    private (decimal Total, int Grade, bool Vetoed) ScoreUnit(FloorFacts f, int u, decimal[] categories, decimal[]?[] relative)
    {
        var applies = _applies[f.Class[u]];
        decimal itemPoints = 0, penalties = 0, applicableMax = 0, bonusRaw = 0;
        var vetoGrade = -1;
        // What each item scored, for the caps across items; scored only when it applied and had no error.
        Span<decimal> scores = stackalloc decimal[_items.Length];
        Span<decimal> itemPenalties = stackalloc decimal[_items.Length];
        Span<bool> scored = stackalloc bool[_items.Length];
        for (var i = 0; i < _items.Length; i++)
        {
            scores[i] = itemPenalties[i] = 0;
            scored[i] = false;
            if (!applies[i]) continue;
            var item = _items[i];
            decimal raw = relative[i]?[u] ?? 0, penalty = 0, bonus = 0;
            var error = false;
            foreach (var p in item.Parts)
            {
                switch (p.Kind)
                {
                    case PartKind.All:
                        if (p.PartClassIndex >= 0 && p.PartClassIndex != f.Class[u]) break;
                        raw += (Number(f, p.Fact, u) != 0) == p.Expect ? p.Points : 0;
                        break;
                    case PartKind.Checklist:
                    {
                        decimal sum = 0;
                        for (var k = 0; k < p.ChecklistFacts.Length; k++)
                            if (f.Bools[p.ChecklistFacts[k]]![u]) sum += p.ChecklistPoints[k];
                        raw += sum;
                        break;
                    }
                    case PartKind.Shortfall:
                    {
                        decimal v = f.Counts[p.Fact]![u];
                        if (v >= p.Target) { raw += p.Points; break; }
                        var points = p.Points - p.Per * Math.Ceiling((p.Target - v) / p.Unit);
                        raw += points < 0 ? 0 : points;
                        break;
                    }
                    case PartKind.PerOccurrence:
                    {
                        var points = p.Each * Occurrences(f, p, u);
                        raw += p.Cap is decimal cap && points > cap ? cap : points;
                        break;
                    }
                    case PartKind.Deduction when p.Lines.Length > 0:
                    {
                        decimal off = 0;
                        foreach (var (where, each) in p.Lines)
                            off += each * Occurrences(f, p.Fact, where, u);
                        if (p.Cap is decimal cap && off > cap) off = cap;
                        var points = p.Base - off;
                        raw += points < 0 ? 0 : points;
                        break;
                    }
                    case PartKind.Deduction:
                    {
                        var off = p.Each * Occurrences(f, p, u);
                        if (p.Cap is decimal cap && off > cap) off = cap;
                        var points = p.Base - off;
                        raw += points < 0 ? 0 : points;
                        break;
                    }
                    case PartKind.Steps when p.RateLower:
                    {
                        var start = f.RowStart[p.Fact]!;
                        var doneColumn = f.Done[p.Fact]!;
                        var notDone = 0;
                        for (var r = start[u]; r < start[u + 1]; r++)
                            if (!doneColumn[r]) notDone++;
                        decimal v = (decimal)notDone * 100 / Math.Max(1, start[u + 1] - start[u]);
                        if (v <= p.Threshold) { raw += p.Points; break; }
                        var overBy = (v - p.Threshold) / p.Step;
                        var points = p.Points - p.Per * (p.PartialUp ? Math.Ceiling(overBy) : Math.Floor(overBy));
                        raw += points < 0 ? 0 : points;
                        break;
                    }
                    case PartKind.Steps:
                    {
                        var v = f.Numbers[p.Fact]![u];
                        if (v >= p.Threshold) { raw += p.Points; break; }
                        var shortBy = (p.Threshold - v) / p.Step;
                        var points = p.Points - p.Per * (p.PartialUp ? Math.Ceiling(shortBy) : Math.Floor(shortBy));
                        raw += points < 0 ? 0 : points;
                        break;
                    }
                    case PartKind.Bands:
                    {
                        var v = f.Numbers[p.Fact]![u];
                        var found = false;
                        foreach (var b in p.Bands)
                            if ((b.LowInclusive ? v >= b.Low : v > b.Low) && (b.HighInclusive ? v <= b.High : v < b.High))
                            {
                                raw += b.Points;
                                found = true;
                                break;
                            }
                        error |= !found;
                        break;
                    }
                    case PartKind.Formula:
                        raw += Formula(f, p, u);
                        break;
                    case PartKind.Split:
                    {
                        var start = f.RowStart[p.Fact]!;
                        var rows = start[u + 1] - start[u];
                        if (rows == 0) { raw += p.FullWhenEmpty ? p.Points : 0; break; }
                        var doneColumn = f.Done[p.Fact]!;
                        var done = 0;
                        for (var r = start[u]; r < start[u + 1]; r++)
                            if (doneColumn[r]) done++;
                        raw += p.Points * done / rows;
                        break;
                    }
                    case PartKind.Manual:
                    {
                        var v = f.Numbers[p.Fact]![u];
                        if (v < 0 || v > item.Max || string.IsNullOrWhiteSpace(f.Reasons[p.Fact]![u])) error = true;
                        else raw += v;
                        break;
                    }
                    case PartKind.Penalty when p.Amount:
                    {
                        var off = p.A * Number(f, p.Fact, u);
                        penalty += p.Cap is decimal cap && off > cap ? -cap : -off;
                        break;
                    }
                    case PartKind.Penalty:
                    {
                        var off = p.Each * Occurrences(f, p, u);
                        penalty += p.Cap is decimal cap && off > cap ? -cap : -off;
                        break;
                    }
                    case PartKind.Bonus:
                    {
                        var add = p.Each * Occurrences(f, p, u);
                        bonus += p.Cap is decimal cap && add > cap ? cap : add;
                        break;
                    }
                    case PartKind.Veto:
                        if (f.Bools[p.Fact]![u] == p.Expect)
                            vetoGrade = Math.Max(vetoGrade, Array.IndexOf(_gen.Grades, p.Grade));
                        break;
                }
            }

            decimal score = 0;
            if (error) penalty = bonus = 0;
            else
            {
                // Each item's points, penalties and bonus are rounded once to the scheme's digits, as the engine does.
                score = Math.Round(Math.Clamp(raw, 0, item.Max), _gen.RoundingDigits, MidpointRounding.AwayFromZero);
                penalty = Math.Round(penalty, _gen.RoundingDigits, MidpointRounding.AwayFromZero);
                bonus = Math.Round(bonus, _gen.RoundingDigits, MidpointRounding.AwayFromZero);
            }
            (scores[i], itemPenalties[i], scored[i]) = (score, penalty, !error);
            categories[item.Category] += score + penalty + bonus;
            bonusRaw += bonus;
            penalties += penalty;
            if (item.IsBonus)
            {
                bonusRaw += score;
            }
            else
            {
                itemPoints += score;
                applicableMax += item.Max;
            }
        }

        // 「以上三项最高扣5分」: what the items lost beyond the cap is given back, from their 倒扣 first.
        foreach (var cap in _gen.Caps)
        {
            decimal lost = 0, taken = 0;
            foreach (var i in cap.Items)
            {
                if (!applies[i]) continue;
                taken -= itemPenalties[i];
                if (scored[i]) lost += _items[i].Max - scores[i] - itemPenalties[i];
            }
            if (lost <= cap.MostOff) continue;
            var delta = lost - cap.MostOff;
            var fromPenalties = Math.Min(delta, taken);
            penalties += fromPenalties;
            itemPoints += delta - fromPenalties;
            categories[cap.Category] += delta;
        }

        if (f.Bools[_gen.SchemeVetoFact]![u])
            vetoGrade = Math.Max(vetoGrade, Array.IndexOf(_gen.Grades, _gen.SchemeVetoGrade));

        // Items are normalised; penalties come off after, unscaled.
        var compared = (applicableMax == 0 ? 0 : itemPoints * _gen.NormaliseTo / applicableMax) + penalties;
        var total = compared + Math.Min(bonusRaw, _gen.BonusCap);
        if (total < 0) total = 0;
        total = Math.Round(total, _gen.RoundingDigits, MidpointRounding.AwayFromZero);
        if (vetoGrade >= 0) return (total, vetoGrade, true);
        var g = 0;
        while (g < _gen.GradeMins.Length - 1 && total < _gen.GradeMins[g]) g++;
        return (total, g, false);
    }

    /// <summary>
    /// 「优秀等次不超过参评单位的10%」 by hand: over the units in rank order, those holding the best grade without a veto keep it
    /// up to ⌊units × share ÷ 100⌋ seats and every unit tied with the last seat; the rest drop to the next grade.
    /// </summary>
    private int[] Quota(int[] inOrder, int[] rank, int[] grade, bool[] vetoed)
    {
        var graded = (int[])grade.Clone();
        var seats = (int)Math.Floor(inOrder.Length * _gen.QuotaShare / 100);
        var kept = 0;
        var lastRank = 0;
        foreach (var u in inOrder)
        {
            if (graded[u] != 0 || vetoed[u]) continue;
            if (kept < seats || (kept > 0 && rank[u] == lastRank))
            {
                kept++;
                lastRank = rank[u];
            }
            else graded[u] = 1;
        }
        return graded;
    }

    /// <summary>A fact read as a number: a bool as 1/0, a ledger as its row count.</summary>
    private static decimal Number(FloorFacts f, int fact, int u) => f.Types[fact] switch
    {
        FactType.Bool => f.Bools[fact]![u] ? 1 : 0,
        FactType.Count => f.Counts[fact]![u],
        FactType.Ledger => f.RowStart[fact]![u + 1] - f.RowStart[fact]![u],
        _ => f.Numbers[fact]![u],
    };

    private static decimal Occurrences(FloorFacts f, GenPart p, int u) => Occurrences(f, p.Fact, p.Where, u);

    private static decimal Occurrences(FloorFacts f, int fact, string? where, int u)
    {
        if (f.Types[fact] != FactType.Ledger || where is null) return Number(f, fact, u);
        var start = f.RowStart[fact]!;
        var n = 0;
        if (where == Generator.UnverifiedDone)
        {
            var (done, verified) = (f.Done[fact]!, f.Verified[fact]!);
            for (var r = start[u]; r < start[u + 1]; r++)
                if (done[r] && !verified[r]) n++;
            return n;
        }
        var column = where == "done" ? f.Done[fact]! : f.Verified[fact]!;
        for (var r = start[u]; r < start[u + 1]; r++)
            if (column[r]) n++;
        return n;
    }

    private static decimal Formula(FloorFacts f, GenPart p, int u) => p.Shape switch
    {
        FormulaShape.Linear => Math.Max(0, Math.Min(p.M, p.A * Number(f, p.Fact, u))),
        FormulaShape.Threshold => Number(f, p.Fact, u) >= p.A ? p.M : p.M * Number(f, p.Fact2, u) / 100,
        _ => Math.Clamp(p.A * Number(f, p.Fact, u) + p.B * Number(f, p.Fact2, u), 0, p.M),
    };

    /// <summary>Sorts each group's units and gives them competition ranks (1, 2, 2, 4).</summary>
    private static void RankGroups(int[] group, int groups, ByScore comparer, int[] rank)
    {
        var offsets = new int[groups + 1];
        foreach (var g in group) offsets[g + 1]++;
        for (var g = 0; g < groups; g++) offsets[g + 1] += offsets[g];
        var next = offsets[..^1];
        var order = new int[group.Length];
        for (var u = 0; u < group.Length; u++) order[next[group[u]]++] = u;
        for (var g = 0; g < groups; g++)
            RankSegment(order.AsSpan(offsets[g], offsets[g + 1] - offsets[g]), comparer, rank);
    }

    private static void RankSegment(Span<int> units, ByScore comparer, int[] rank)
    {
        units.Sort(comparer);
        for (var k = 0; k < units.Length; k++)
            rank[units[k]] = k > 0 && comparer.CompareScores(units[k - 1], units[k]) == 0 ? rank[units[k - 1]] : k + 1;
    }

    /// <summary>Better first: no veto, then total, then the tie-break subtotals, then the unit id.</summary>
    private readonly struct ByScore(decimal[] total, decimal[] tie, int ties, string[] ids, bool[] vetoed) : IComparer<int>
    {
        public int CompareScores(int a, int b)
        {
            // A unit a veto forced to a grade ranks below every unit without one, as the engine ranks.
            var c = vetoed[a].CompareTo(vetoed[b]);
            if (c == 0) c = total[b].CompareTo(total[a]);
            for (var t = 0; c == 0 && t < ties; t++)
                c = tie[b * ties + t].CompareTo(tie[a * ties + t]);
            return c;
        }

        public int Compare(int a, int b)
        {
            var c = CompareScores(a, b);
            return c != 0 ? c : string.CompareOrdinal(ids[a], ids[b]);
        }
    }
}
