using Chengxin.Domain.Schemes;

namespace Chengxin.Domain.Scoring;

/// <summary>What pass one read for an item scored against the other units: a rank or share item's value, or an average item's exemption (容缺).</summary>
public readonly record struct RelativeInput(bool Read, decimal Value, bool Exempt);

/// <summary>
/// What pass two settled for one relative item of one unit, with what the other units contributed: how many were compared,
/// the best (or lowest) value and whose it was, the unit's rank, or the average it was given.
/// </summary>
public sealed record RelativeOutcome(decimal Points, int Compared)
{
    public decimal? Value { get; init; }
    /// <summary>The best value among the compared units (the lowest where lower is better).</summary>
    public decimal? Reference { get; init; }
    /// <summary>The units that hold the reference value, by name (or id).</summary>
    public IReadOnlyList<string> ReferenceUnits { get; init; } = [];
    public int? Rank { get; init; }
    /// <summary>For an exempt unit: the other units' average score for the item, before rounding.</summary>
    public decimal? Average { get; init; }
}

/// <summary>How a grade quota acted on one unit: dropped beyond the seats, dropped with its ties, or let in with its ties.</summary>
public enum QuotaEffect { Dropped, TiedOut, TiedIn }

/// <summary>A grade quota that acted on a unit (「优秀名额 2 个（参评 7 个×30%，向下取整）」).</summary>
public sealed record QuotaNote(string Grade, decimal Min, GradeQuota Quota, int Participants, int Seats, QuotaEffect Effect, string? NewGrade, int Rank);

/// <summary>
/// Pass two: a campaign-wide function over every unit's pass-one result (<see cref="Scorer.Score"/>). It settles the items
/// scored against other units (rank, share of the best, an exempt unit's average), recomputes each unit's totals, ranks every
/// unit, then applies the grades' quotas by rank. Pure: results in, the same results finished and ranked out.
/// </summary>
/// <remarks>
/// Pass two reads from each result only what a stored result carries: the unit's id, name and class, each item's
/// <see cref="ItemResult"/>, <see cref="UnitResult.RelativeInputs"/>, and the vetoes that fired. It never reads facts, so
/// it can run over stored results. Running it twice gives the same results: rank and share items are settled from the
/// values, and an average is taken over units that are not exempt, whose scores pass two never changes.
/// </remarks>
public static class CampaignScoring
{
    /// <summary>
    /// Finishes every unit's result in place (relative items, totals, grades with quotas) and ranks them overall and
    /// within groups (default: the unit's class). Results of one scheme; the order of the list is kept.
    /// </summary>
    public static IReadOnlyList<Ranked> Finish(IReadOnlyList<UnitResult> results, Func<UnitResult, string>? group = null)
    {
        if (results.Count == 0) return [];
        var scheme = results[0].Scheme;
        if (scheme.RelativeItems.Count > 0)
        {
            foreach (var item in scheme.RelativeItems)
                Settle(scheme, results, item);
            foreach (var r in results) Totals.Compute(r);
        }
        if (scheme.Scheme.Grades.Any(g => g.Quota is not null))
            ApplyQuotas(scheme, results);
        return Ranking.Rank(results, group);
    }

    private static string AmongKey(Among among, UnitResult r) => among == Among.Class ? r.UnitClass : "";

    private static string NameOf(UnitResult r) => r.Facts.Name ?? r.UnitId;

    /// <summary>One relative item across every unit: per group of compared units, each unit's points from the others.</summary>
    private static void Settle(CompiledScheme scheme, IReadOnlyList<UnitResult> results, int itemIndex)
    {
        var ci = scheme.Items[itemIndex];
        var relative = ci.Item.Relative!;
        foreach (var r in results) (r.RelativeOutcomes ??= new RelativeOutcome?[r.Items.Length])[itemIndex] = null;
        var groups = results.Where(r => r.Items[itemIndex].Applicable).GroupBy(r => AmongKey(relative.Among, r), StringComparer.Ordinal);
        foreach (var g in groups)
        {
            var units = g.ToList();
            if (relative.Method == RelativeMethod.Average) Average(scheme, ci, units);
            else Compare(scheme, ci, relative, units);
        }
    }

    /// <summary>
    /// Rank and share: only units whose value was read take part (a missing or unreadable value leaves the unit's item at 0
    /// with its reason). Ranks are competition ranks (1, 2, 2, 4): tied values share a place and its points.
    /// </summary>
    private static void Compare(CompiledScheme scheme, CompiledItem ci, RelativeScore relative, List<UnitResult> units)
    {
        var i = ci.Index;
        var compared = units.Where(u => u.RelativeInputs![i].Read && u.Items[i].Status == ItemStatus.Scored).ToList();
        if (compared.Count == 0) return;
        var lower = relative.LowerIsBetter;
        var values = compared.Select(u => u.RelativeInputs![i].Value).ToArray();
        // Sorted once, so that a unit's place is two binary searches rather than a pass over every other unit.
        var sorted = values.ToArray();
        Array.Sort(sorted);
        var best = lower ? sorted[0] : sorted[^1];
        var holders = compared.Where(u => u.RelativeInputs![i].Value == best).Select(NameOf).ToList();
        var max = ci.Item.Max;
        foreach (var u in compared)
        {
            var v = u.RelativeInputs![i].Value;
            var rank = 1 + (lower ? LowerBound(sorted, v) : sorted.Length - UpperBound(sorted, v));
            decimal points;
            if (relative.Method == RelativeMethod.Rank)
                points = relative.Top is int top
                    ? rank <= top ? relative.Points!.Value : 0
                    : Math.Max(0, (relative.First ?? max) - relative.Step!.Value * (rank - 1));
            else if (v == best)
                points = best == 0 && !lower ? 0 : max;
            else
                // 本单位值 ÷ 最高值 × 分值; lower is better: 最低值 ÷ 本单位值 × 分值. A best of 0 or below leaves nothing to share.
                points = lower ? (v <= 0 || best < 0 ? 0 : max * best / v) : (best <= 0 ? 0 : max * v / best);
            points = scheme.Round(Math.Clamp(points, 0, max));
            u.Items[i] = u.Items[i] with { Score = points, Earned = points };
            u.RelativeOutcomes![i] = new RelativeOutcome(points, compared.Count) { Value = v, Reference = best, ReferenceUnits = holders, Rank = rank };
        }
    }

    /// <summary>How many sorted values are below <paramref name="v"/>.</summary>
    private static int LowerBound(decimal[] sorted, decimal v)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] < v) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /// <summary>How many sorted values are at or below <paramref name="v"/>.</summary>
    private static int UpperBound(decimal[] sorted, decimal v)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] <= v) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /// <summary>
    /// 「容缺项按平均得分计」: an exempt unit takes the average of the item's scores of the other units compared with it (the
    /// campaign, or its class) to which the item applies and that are not exempt themselves: an exempt unit's score is itself
    /// an average, and counting it would make the average depend on the order units are settled in. A unit that scored 0
    /// (a missing fact, an error) counts with its 0. With no other unit to average, the item scores 0 and says so.
    /// </summary>
    private static void Average(CompiledScheme scheme, CompiledItem ci, List<UnitResult> units)
    {
        var i = ci.Index;
        var scored = units.Where(u => u.RelativeInputs![i] is not { Exempt: true }).ToList();
        decimal sum = 0;
        foreach (var u in scored) sum += u.Items[i].Score;
        foreach (var u in units.Where(u => u.RelativeInputs![i] is { Exempt: true }))
        {
            var average = scored.Count == 0 ? 0 : sum / scored.Count;
            var points = scheme.Round(Math.Clamp(average, 0, ci.Item.Max));
            u.Items[i] = u.Items[i] with { Status = ItemStatus.Scored, Score = points, Earned = points };
            u.RelativeOutcomes![i] = new RelativeOutcome(points, scored.Count) { Average = average };
        }
    }

    /// <summary>
    /// Grades by threshold first (done by the totals), then each quota from the best grade down: within the quota's group the
    /// units holding the grade, in rank order, keep it up to the seats (participants × share, rounded as declared); the rest
    /// drop to the next grade, where that grade's own quota then applies. Units tied at the last seat all keep it (`ties: in`)
    /// or all drop (`ties: out`). A vetoed unit's grade is the veto's and takes no seat; every unit counts as a participant.
    /// </summary>
    private static void ApplyQuotas(CompiledScheme scheme, IReadOnlyList<UnitResult> results)
    {
        var grades = scheme.Scheme.Grades;
        foreach (var r in results) r.QuotaNotes = [];
        for (var gi = 0; gi < grades.Count; gi++)
        {
            if (grades[gi].Quota is not { } quota || gi + 1 >= grades.Count) continue;
            var grade = grades[gi];
            var ranking = Ranking.RankGroups(results, r => AmongKey(quota.Among, r));
            var rankOf = new Dictionary<UnitResult, int>(results.Count, ReferenceEqualityComparer.Instance);
            for (var k = 0; k < results.Count; k++) rankOf[results[k]] = ranking.Ranks[k];
            foreach (var table in ranking.Tables.Values)
            {
                var participants = table.Count;
                var seats = Seats(participants, quota);
                var holders = table.InOrder.Where(r => r.Grade == grade.Name && r.Vetoes.Count == 0).ToList();
                if (holders.Count <= seats) continue;
                // The last seat's rank: units tied with it go in or out together.
                var keep = seats;
                if (seats > 0 && rankOf[holders[seats]] == rankOf[holders[seats - 1]])
                {
                    var tiedRank = rankOf[holders[seats - 1]];
                    if (quota.Ties == QuotaTies.In)
                        while (keep < holders.Count && rankOf[holders[keep]] == tiedRank) keep++;
                    else
                        while (keep > 0 && rankOf[holders[keep - 1]] == tiedRank) keep--;
                }
                var next = grades[gi + 1].Name;
                for (var k = 0; k < holders.Count; k++)
                {
                    var u = holders[k];
                    var tied = seats > 0 && rankOf[u] == rankOf[holders[seats - 1]];
                    if (k < keep)
                    {
                        if (k >= seats) u.QuotaNotes = [.. u.QuotaNotes, new QuotaNote(grade.Name, grade.Min, quota, participants, seats, QuotaEffect.TiedIn, null, rankOf[u])];
                        continue;
                    }
                    u.Grade = next;
                    u.QuotaNotes = [.. u.QuotaNotes, new QuotaNote(grade.Name, grade.Min, quota, participants, seats, tied ? QuotaEffect.TiedOut : QuotaEffect.Dropped, next, rankOf[u])];
                }
            }
        }
    }

    /// <summary>The seats of a quota: participants × share %, rounded as the scheme declares (half away from zero for nearest).</summary>
    public static int Seats(int participants, GradeQuota quota)
    {
        var exact = participants * quota.Share / 100;
        var seats = quota.Rounding switch
        {
            QuotaRounding.Up => Math.Ceiling(exact),
            QuotaRounding.Nearest => Math.Round(exact, 0, MidpointRounding.AwayFromZero),
            _ => Math.Floor(exact),
        };
        return (int)Math.Clamp(seats, 0, participants);
    }
}
