namespace Chengxin.Domain.Scoring;

/// <summary>
/// Standard competition ranking (1, 2, 2, 4) by total, then the scheme's tie-break nodes. A unit a veto
/// forced to a grade ranks below every unit without one (seed 002: 严重失信 → 黄名单 whatever its points).
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
        _comparer = new Comparer(tieBreakNodes ?? (units.Length > 0 ? units[0].Scheme.TieBreakNodes : []), SchemeOrder: tieBreakNodes is null);
        // Sort by the negated totals held in one array, then order each run of equal totals
        // with the full comparer: most comparisons then read a dense array instead of
        // following a pointer to each result.
        if (units.Any(u => u.Vetoed))
        {
            // Vetoed units break the order by total alone; few campaigns have them, so the plain sort serves.
            Array.Sort(units, _comparer);
            _sorted = [.. units];
            return;
        }
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

    /// <summary>A table over results already in rank order (see <see cref="Ranking.RankGroups"/>).</summary>
    internal RankTable(List<UnitResult> sorted, int[] tieBreakNodes)
    {
        _sorted = sorted;
        _comparer = new Comparer(tieBreakNodes, SchemeOrder: true);
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

    /// <param name="SchemeOrder">Whether the nodes are the scheme's tie-break nodes, whose subtotals every result keeps.</param>
    private sealed class Comparer(int[] tieBreak, bool SchemeOrder) : IComparer<UnitResult>
    {
        /// <summary>Better first: a negative result means x ranks ahead of y.</summary>
        public int CompareScores(UnitResult x, UnitResult y)
        {
            var c = x.Vetoed.CompareTo(y.Vetoed);
            if (c != 0) return c;
            c = y.Total.CompareTo(x.Total);
            if (c != 0) return c;
            for (var t = 0; t < tieBreak.Length; t++)
            {
                c = SchemeOrder
                    ? y.TieBreakAt(t).CompareTo(x.TieBreakAt(t))
                    : y.NodeScores[tieBreak[t]].CompareTo(x.NodeScores[tieBreak[t]]);
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

/// <summary>Every unit's rank within its group, and a <see cref="RankTable"/> per group for later single-unit updates.</summary>
public sealed record GroupRanking(int[] Ranks, IReadOnlyDictionary<string, RankTable> Tables);

/// <summary>A result as stored, with what ranking compares: its total, whether a veto fired, and its tie-break subtotals.</summary>
public sealed record StoredRank(string UnitId, string UnitClass, decimal Total, bool Vetoed, IReadOnlyList<decimal> TieBreak);

public static class Ranking
{
    /// <summary>Ranks every result overall and within groups (default: the unit's class).</summary>
    public static IReadOnlyList<Ranked> Rank(IReadOnlyList<UnitResult> results, Func<UnitResult, string>? group = null)
    {
        var overall = RankGroups(results, null).Ranks;
        var inGroup = RankGroups(results, group ?? (r => r.UnitClass)).Ranks;
        var ranked = new Ranked[results.Count];
        for (var i = 0; i < results.Count; i++)
            ranked[i] = new Ranked(results[i], overall[i], inGroup[i]);
        return ranked;
    }

    /// <summary>
    /// Ranks results within groups (null: all in one group) for a whole campaign at once: unit
    /// indices are sorted over dense arrays of totals and tie-break subtotals, so comparisons read
    /// arrays rather than following a pointer to each result; each group's sorted run then becomes
    /// its rank table without sorting again.
    /// </summary>
    public static GroupRanking RankGroups(IReadOnlyList<UnitResult> results, Func<UnitResult, string>? group)
    {
        var runs = SortGroups(results, group);
        var tieBreak = results.Count > 0 ? results[0].Scheme.TieBreakNodes : [];
        var tables = new Dictionary<string, RankTable>(runs.Names.Count, StringComparer.Ordinal);
        for (var g = 0; g < runs.Names.Count; g++)
        {
            var run = runs.Run(g);
            var sorted = new List<UnitResult>(run.Length);
            foreach (var u in run) sorted.Add(results[u]);
            tables[runs.Names[g]] = new RankTable(sorted, tieBreak);
        }
        return new GroupRanking(runs.Ranks, tables);
    }

    /// <summary>
    /// Results sorted into rank order within groups, as unit indices: group g's units are <see cref="GroupRuns.Run"/>(g), best
    /// first, and <see cref="GroupRuns.Ranks"/> holds each unit's rank. What <see cref="RankGroups"/> builds its tables from,
    /// and all that pass two's grade quotas need.
    /// </summary>
    internal static GroupRuns SortGroups(IReadOnlyList<UnitResult> results, Func<UnitResult, string>? group)
    {
        var n = results.Count;
        var tieBreak = n > 0 ? results[0].Scheme.TieBreakNodes : [];
        var ties = tieBreak.Length;
        var totals = new decimal[n];
        var tie = new decimal[n * ties];
        var ids = new string[n];
        var vetoed = new bool[n];
        var groupOf = new int[n];
        var names = new List<string>();
        var groupIds = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < n; i++)
        {
            var r = results[i];
            totals[i] = r.Total;
            for (var t = 0; t < ties; t++) tie[i * ties + t] = r.TieBreakAt(t);
            ids[i] = r.UnitId;
            vetoed[i] = r.Vetoed;
            var name = group?.Invoke(r) ?? "";
            if (!groupIds.TryGetValue(name, out var g))
            {
                groupIds[name] = g = names.Count;
                names.Add(name);
            }
            groupOf[i] = g;
        }

        var comparer = new ByIndex(totals, tie, ties, ids, vetoed);
        var offsets = new int[names.Count + 1];
        foreach (var g in groupOf) offsets[g + 1]++;
        for (var g = 0; g < names.Count; g++) offsets[g + 1] += offsets[g];
        var next = offsets[..^1];
        var order = new int[n];
        // The same results were put in overall order a moment ago (pass two's grade quota, then the overall ranks): when that
        // order still holds, each group's run is its units taken in that order, and nothing is sorted again.
        var inOrder = t_lastOrder is { } last && last.TryGetTarget(out var list) && ReferenceEquals(list, results)
            && t_lastOrderIndices is { } indices && indices.Length == n && Sorted(indices, comparer) ? indices : null;
        if (inOrder is not null)
        {
            foreach (var i in inOrder) order[next[groupOf[i]]++] = i;
        }
        else
        {
            // Counting sort by group, then one sort per group's run.
            for (var i = 0; i < n; i++) order[next[groupOf[i]]++] = i;
            for (var g = 0; g < names.Count; g++)
                order.AsSpan(offsets[g], offsets[g + 1] - offsets[g]).Sort(comparer);
            if (names.Count == 1)
            {
                t_lastOrder = new WeakReference<IReadOnlyList<UnitResult>>(results);
                t_lastOrderIndices = (int[])order.Clone();
            }
        }

        var ranks = new int[n];
        for (var g = 0; g < names.Count; g++)
        {
            var run = order.AsSpan(offsets[g], offsets[g + 1] - offsets[g]);
            for (var k = 0; k < run.Length; k++)
                ranks[run[k]] = k > 0 && comparer.CompareScores(run[k - 1], run[k]) == 0 ? ranks[run[k - 1]] : k + 1;
        }
        return new GroupRuns(order, offsets, ranks, names);
    }

    // The last overall order this thread sorted, and of which results (weakly: a campaign's results are not kept alive for it).
    [ThreadStatic] private static WeakReference<IReadOnlyList<UnitResult>>? t_lastOrder;
    [ThreadStatic] private static int[]? t_lastOrderIndices;

    /// <summary>
    /// Whether unit indices are in order by the comparer as the results stand now: one comparison per neighbour, against a
    /// sort's n log n. Any change since (a total, a veto, a unit replaced) shows as a pair out of order, and the caller sorts.
    /// </summary>
    private static bool Sorted(int[] order, ByIndex comparer)
    {
        for (var k = 1; k < order.Length; k++)
            if (comparer.Compare(order[k - 1], order[k]) > 0) return false;
        return true;
    }

    /// <summary>Unit indices in rank order, group after group (see <see cref="SortGroups"/>).</summary>
    internal readonly record struct GroupRuns(int[] Order, int[] Offsets, int[] Ranks, List<string> Names)
    {
        public ReadOnlySpan<int> Run(int g) => Order.AsSpan(Offsets[g], Offsets[g + 1] - Offsets[g]);
    }

    /// <summary>
    /// The subtotals a result is compared on after its total (the scheme's tie-break nodes, in order): what a stored result
    /// keeps so that it can be ranked later without being scored again (<see cref="RankStored"/>).
    /// </summary>
    public static decimal[] TieBreakScores(UnitResult result)
    {
        var scores = new decimal[result.Scheme.TieBreakNodes.Length];
        for (var t = 0; t < scores.Length; t++) scores[t] = result.TieBreakAt(t);
        return scores;
    }

    /// <summary>
    /// Ranks stored results within groups (null: all in one group) in the order of <see cref="RankGroups"/>: vetoed last,
    /// then by total, then by the tie-break subtotals of <see cref="TieBreakScores"/>; equal units share a rank.
    /// </summary>
    public static int[] RankStored(IReadOnlyList<StoredRank> results, Func<StoredRank, string>? group)
    {
        var n = results.Count;
        var ties = n > 0 ? results[0].TieBreak.Count : 0;
        var totals = new decimal[n];
        var tie = new decimal[n * ties];
        var ids = new string[n];
        var vetoed = new bool[n];
        var runs = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < n; i++)
        {
            var r = results[i];
            if (r.TieBreak.Count != ties)
                throw new ArgumentException("stored results of one campaign carry the same tie-break subtotals", nameof(results));
            totals[i] = r.Total;
            for (var t = 0; t < ties; t++) tie[i * ties + t] = r.TieBreak[t];
            ids[i] = r.UnitId;
            vetoed[i] = r.Vetoed;
            var name = group?.Invoke(r) ?? "";
            if (!runs.TryGetValue(name, out var run))
                runs[name] = run = [];
            run.Add(i);
        }
        var comparer = new ByIndex(totals, tie, ties, ids, vetoed);
        var ranks = new int[n];
        foreach (var run in runs.Values)
        {
            run.Sort(comparer);
            for (var k = 0; k < run.Count; k++)
                ranks[run[k]] = k > 0 && comparer.CompareScores(run[k - 1], run[k]) == 0 ? ranks[run[k - 1]] : k + 1;
        }
        return ranks;
    }

    /// <summary>The same order as <see cref="RankTable"/>'s comparer, over unit indices into dense arrays.</summary>
    private readonly struct ByIndex(decimal[] totals, decimal[] tie, int ties, string[] ids, bool[] vetoed) : IComparer<int>
    {
        public int CompareScores(int a, int b)
        {
            var c = vetoed[a].CompareTo(vetoed[b]);
            if (c == 0) c = totals[b].CompareTo(totals[a]);
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
