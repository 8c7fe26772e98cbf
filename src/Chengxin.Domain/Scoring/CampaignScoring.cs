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

/// <summary>What the units compared on one relative item share: how many, the best value and whose, or (for exempt units) the average.</summary>
internal sealed class RelativeGroup(int compared)
{
    public int Compared { get; } = compared;
    public decimal? Reference { get; init; }
    public IReadOnlyList<string> ReferenceUnits { get; init; } = [];
    public decimal? Average { get; init; }
}

/// <summary>What pass two settled for one relative item of one unit: its points and place, and its group (null: nothing settled).</summary>
internal readonly record struct SettledRelative(RelativeGroup? Group, decimal Points, int Rank);

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
        Settle(results);
        return Ranking.Rank(results, group);
    }

    /// <summary>
    /// Pass two without the final ranks, for a caller that keeps its own rank tables (<see cref="RankTable"/>): relative
    /// items, totals, grades with quotas, in place.
    /// </summary>
    public static void Settle(IReadOnlyList<UnitResult> results)
    {
        if (results.Count == 0) return;
        var scheme = results[0].Scheme;
        if (scheme.RelativeItems.Count > 0)
        {
            for (var k = 0; k < scheme.RelativeItems.Count; k++)
                SettleItem(scheme, results, k);
            foreach (var r in results) Totals.Compute(r);
        }
        if (scheme.HasQuotas)
            ApplyQuotas(scheme, results);
    }

    /// <summary>
    /// One unit re-scored after a change that none of its compared values read: it keeps the points pass two settled for
    /// it, so that one unit moves without a pass over the campaign. False, and nothing kept, when a compared value or an
    /// exemption changed, or an item others are averaged over changed its score: then only <see cref="Finish"/> is exact.
    /// Grade quotas depend on every unit's rank: they are applied by <see cref="Finish"/>, not here.
    /// </summary>
    public static bool KeepSettled(UnitResult previous, UnitResult rescored)
    {
        var scheme = rescored.Scheme;
        var relative = scheme.RelativeItems;
        if (relative.Count == 0) return true;
        for (var k = 0; k < relative.Count; k++)
        {
            var i = relative[k];
            if (previous.RelativeInputs![k] != rescored.RelativeInputs![k]) return false;
            if (scheme.Items[i].Item.Relative!.Method == RelativeMethod.Average && !rescored.RelativeInputs[k].Exempt
                && !previous.SameItem(i, rescored))
                return false;
        }
        if (previous.SettledRelatives is not { } settled) return true;
        rescored.SettledRelatives = (SettledRelative[])settled.Clone();
        for (var k = 0; k < relative.Count; k++)
            if (settled[k].Group is not null) rescored.CopyItem(relative[k], previous);
        Totals.Compute(rescored);
        return true;
    }

    private static string AmongKey(Among among, UnitResult r) => among == Among.Class ? r.UnitClass : "";

    private static string NameOf(UnitResult r) => r.Facts.Name ?? r.UnitId;

    /// <summary>One relative item across every unit: per group of compared units, each unit's points from the others.</summary>
    private static void SettleItem(CompiledScheme scheme, IReadOnlyList<UnitResult> results, int slot)
    {
        var ci = scheme.Items[scheme.RelativeItems[slot]];
        var relative = ci.Item.Relative!;
        var groups = new Dictionary<string, List<UnitResult>>(StringComparer.Ordinal);
        foreach (var r in results)
        {
            (r.SettledRelatives ??= new SettledRelative[scheme.RelativeItems.Count])[slot] = default;
            if (!r.ApplicableAt(ci.Index)) continue;
            var key = AmongKey(relative.Among, r);
            if (!groups.TryGetValue(key, out var units)) groups[key] = units = [];
            units.Add(r);
        }
        foreach (var units in groups.Values)
        {
            if (relative.Method == RelativeMethod.Average) Average(scheme, ci, slot, units);
            else Compare(scheme, ci, slot, relative, units);
        }
    }

    /// <summary>
    /// Rank and share: only units whose value was read take part (a missing or unreadable value leaves the unit's item at 0
    /// with its reason). Ranks are competition ranks (1, 2, 2, 4): tied values share a place and its points.
    /// </summary>
    private static void Compare(CompiledScheme scheme, CompiledItem ci, int slot, RelativeScore relative, List<UnitResult> units)
    {
        var i = ci.Index;
        // The units compared are those whose value was read and scored; counted, then walked again, rather than listed.
        var count = 0;
        foreach (var u in units)
            if (Compared(u, i, slot)) count++;
        if (count == 0) return;
        var lower = relative.LowerIsBetter;
        // Sorted once, so that a unit's place is a binary search rather than a pass over every other unit.
        var sorted = new decimal[count];
        var at = 0;
        foreach (var u in units)
            if (Compared(u, i, slot)) sorted[at++] = u.RelativeInputs![slot].Value;
        Array.Sort(sorted);
        var best = lower ? sorted[0] : sorted[^1];
        var holders = new List<string>();
        foreach (var u in units)
            if (Compared(u, i, slot) && u.RelativeInputs![slot].Value == best) holders.Add(NameOf(u));
        var max = ci.Item.Max;
        var group = new RelativeGroup(count) { Reference = best, ReferenceUnits = holders };
        foreach (var u in units)
        {
            if (!Compared(u, i, slot)) continue;
            var v = u.RelativeInputs![slot].Value;
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
            u.SettleItem(i, u.StatusAt(i), points);
            u.SettledRelatives![slot] = new SettledRelative(group, points, rank);
        }
    }

    private static bool Compared(UnitResult u, int item, int slot) => u.RelativeInputs![slot].Read && u.StatusAt(item) == ItemStatus.Scored;

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
    private static void Average(CompiledScheme scheme, CompiledItem ci, int slot, List<UnitResult> units)
    {
        var i = ci.Index;
        decimal sum = 0;
        var scored = 0;
        foreach (var u in units)
            if (!u.RelativeInputs![slot].Exempt) { sum += u.ScoreAt(i); scored++; }
        var average = scored == 0 ? 0 : sum / scored;
        var points = scheme.Round(Math.Clamp(average, 0, ci.Item.Max));
        var group = new RelativeGroup(scored) { Average = average };
        foreach (var u in units)
        {
            if (!u.RelativeInputs![slot].Exempt) continue;
            u.SettleItem(i, ItemStatus.Scored, points);
            u.SettledRelatives![slot] = new SettledRelative(group, points, 0);
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
        for (var gi = 0; gi + 1 < grades.Count; gi++)
        {
            if (grades[gi].Quota is not { } quota) continue;
            var grade = grades[gi];
            var next = grades[gi + 1].Name;
            var ranking = Ranking.SortGroups(results, quota.Among == Among.Class ? r => r.UnitClass : null);
            for (var g = 0; g < ranking.Names.Count; g++)
            {
                var run = ranking.Run(g);
                var participants = run.Length;
                var seats = Seats(participants, quota);
                // The units holding the grade, in rank order; a vetoed unit's grade is the veto's and takes no seat.
                var holders = new List<(UnitResult Unit, int Rank)>();
                foreach (var u in run)
                    if (results[u] is var unit && unit.Grade == grade.Name && !unit.Vetoed) holders.Add((unit, ranking.Ranks[u]));
                if (holders.Count <= seats) continue;
                // Units tied with the last seat go in or out together.
                var keep = seats;
                var lastRank = seats > 0 ? holders[seats - 1].Rank : 0;
                if (seats > 0 && holders[seats].Rank == lastRank)
                {
                    if (quota.Ties == QuotaTies.In)
                        while (keep < holders.Count && holders[keep].Rank == lastRank) keep++;
                    else
                        while (keep > 0 && holders[keep - 1].Rank == lastRank) keep--;
                }
                for (var k = seats > 0 ? Math.Min(keep, seats - 1) : 0; k < holders.Count; k++)
                {
                    var (u, rank) = holders[k];
                    if (k < keep)
                    {
                        if (k >= seats) u.QuotaNotes = [.. u.QuotaNotes, new QuotaNote(grade.Name, grade.Min, quota, participants, seats, QuotaEffect.TiedIn, null, rank)];
                        continue;
                    }
                    u.Grade = next;
                    var effect = seats > 0 && rank == lastRank ? QuotaEffect.TiedOut : QuotaEffect.Dropped;
                    u.QuotaNotes = [.. u.QuotaNotes, new QuotaNote(grade.Name, grade.Min, quota, participants, seats, effect, next, rank)];
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
