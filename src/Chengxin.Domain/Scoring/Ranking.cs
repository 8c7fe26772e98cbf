namespace Chengxin.Domain.Scoring;

/// <summary>
/// Standard competition ranking (1, 2, 2, 4) by total, then the scheme's tie-break nodes.
/// Units equal on all of those share a rank. The table is kept sorted, so a rank is a binary
/// search and one changed unit is a remove and an insert, not a re-sort.
/// </summary>
public sealed class RankTable
{
    private readonly List<UnitResult> _sorted;
    private readonly Comparer _comparer;

    public RankTable(IEnumerable<UnitResult> results, int[]? tieBreakNodes = null)
    {
        var units = results.ToArray();
        _comparer = new Comparer(tieBreakNodes ?? (units.Length > 0 ? units[0].Scheme.TieBreakNodes : []));
        // Sort by the negated totals held in one array, then order each run of equal totals
        // with the full comparer: most comparisons then read a dense array instead of
        // following a pointer to each result.
        var keys = new decimal[units.Length];
        for (var i = 0; i < units.Length; i++) keys[i] = -units[i].Total;
        Array.Sort(keys, units);
        for (int start = 0, end; start < units.Length; start = end)
        {
            for (end = start + 1; end < units.Length && keys[end] == keys[start]; end++) { }
            if (end - start > 1) Array.Sort(units, start, end - start, _comparer);
        }
        _sorted = [.. units];
    }

    public int Count => _sorted.Count;

    /// <summary>1 + the number of units strictly ahead.</summary>
    public int RankOf(UnitResult r)
    {
        int lo = 0, hi = _sorted.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_comparer.CompareScores(_sorted[mid], r) < 0) lo = mid + 1;
            else hi = mid;
        }
        return lo + 1;
    }

    /// <summary>Replaces a unit's result (matched by unit id) and keeps the table sorted.</summary>
    public void Update(UnitResult old, UnitResult updated)
    {
        var at = _sorted.BinarySearch(old, _comparer);
        if (at < 0 || _sorted[at].UnitId != old.UnitId)
            throw new DomainRuleException($"排名表中没有单位 {old.UnitId}");
        _sorted.RemoveAt(at);
        var to = _sorted.BinarySearch(updated, _comparer);
        _sorted.Insert(to < 0 ? ~to : to, updated);
    }

    public IReadOnlyList<UnitResult> InOrder => _sorted;

    /// <summary>
    /// Every unit with its rank, best first, in one pass over the table. For a whole
    /// campaign this replaces a binary search per unit (<see cref="RankOf"/>).
    /// </summary>
    public IEnumerable<(UnitResult Result, int Rank)> Ranks()
    {
        var rank = 0;
        for (var i = 0; i < _sorted.Count; i++)
        {
            if (i == 0 || _comparer.CompareScores(_sorted[i - 1], _sorted[i]) != 0) rank = i + 1;
            yield return (_sorted[i], rank);
        }
    }

    private sealed class Comparer(int[] tieBreak) : IComparer<UnitResult>
    {
        /// <summary>Better first: a negative result means x ranks ahead of y.</summary>
        public int CompareScores(UnitResult x, UnitResult y)
        {
            var c = y.Total.CompareTo(x.Total);
            if (c != 0) return c;
            foreach (var n in tieBreak)
            {
                c = y.NodeScores[n].CompareTo(x.NodeScores[n]);
                if (c != 0) return c;
            }
            return 0;
        }

        // Unit id orders units that tie, so that every unit has one place in the list.
        public int Compare(UnitResult? x, UnitResult? y)
        {
            var c = CompareScores(x!, y!);
            return c != 0 ? c : string.CompareOrdinal(x!.UnitId, y!.UnitId);
        }
    }
}

/// <summary>A unit's rank overall and within its group (its class, or a caller's grouping).</summary>
public readonly record struct Ranked(UnitResult Result, int Rank, int GroupRank);

public static class Ranking
{
    /// <summary>Ranks every result overall and within groups (default: the unit's class).</summary>
    public static IReadOnlyList<Ranked> Rank(IReadOnlyList<UnitResult> results, Func<UnitResult, string>? group = null)
    {
        group ??= r => r.UnitClass;
        var overall = RankMap(new RankTable(results));
        var inGroup = new Dictionary<UnitResult, int>(results.Count, ReferenceEqualityComparer.Instance);
        foreach (var g in results.GroupBy(group))
            foreach (var (r, rank) in new RankTable(g).Ranks())
                inGroup[r] = rank;
        var ranked = new Ranked[results.Count];
        for (var i = 0; i < results.Count; i++)
            ranked[i] = new Ranked(results[i], overall[results[i]], inGroup[results[i]]);
        return ranked;
    }

    private static Dictionary<UnitResult, int> RankMap(RankTable table)
    {
        var map = new Dictionary<UnitResult, int>(table.Count, ReferenceEqualityComparer.Instance);
        foreach (var (r, rank) in table.Ranks())
            map[r] = rank;
        return map;
    }
}
