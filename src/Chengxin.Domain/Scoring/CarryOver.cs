namespace Chengxin.Domain.Scoring;

/// <summary>
/// Points that stay valid for several periods (seed 002: 此项分值有效期至次年同月认定的前一季度止).
/// An item with <c>validFor: K</c> scores, in a period, the best of what it earned in that period
/// and in the K − 1 periods before, never more than its max.
/// </summary>
public static class CarryOver
{
    /// <param name="current">This period's result.</param>
    /// <param name="earlier">The same unit's results for the preceding periods, oldest first, on the same scheme.</param>
    public static UnitResult Apply(UnitResult current, IReadOnlyList<UnitResult> earlier)
    {
        var changed = false;
        foreach (var ci in current.Scheme.Items)
        {
            if (ci.Item.ValidFor is not int k || k <= 1) continue;
            var mine = current.Items[ci.Index];
            if (!mine.Applicable) continue;
            var best = mine;
            var from = (string?)null;
            // The K − 1 periods just before this one, most recent first.
            for (var back = 1; back < k && back <= earlier.Count; back++)
            {
                var e = earlier[^back];
                var theirs = e.Items[ci.Index];
                // Earned, not Score: a period's carried score must not carry itself on again.
                if (theirs.Status == ItemStatus.Scored && theirs.Earned > best.Score)
                {
                    best = theirs with { Score = theirs.Earned };
                    from = e.Facts.Period ?? $"前第 {back} 期";
                }
            }
            if (from is null) continue;
            current.Items[ci.Index] = mine with
            {
                Status = ItemStatus.Scored,
                Score = Math.Min(best.Score, ci.Item.Max),
                CarriedFrom = from,
            };
            changed = true;
        }
        if (changed) Totals.Compute(current);
        return current;
    }
}
