namespace Chengxin.Domain.Campaigns;

/// <summary>
/// Which earlier periods feed a period's result: the months or quarters inside a year (seed 003's annual composite,
/// seed 004's quarterly reference) and the periods whose points stay valid into this one (seed 002's validFor).
/// </summary>
public static class PeriodAggregates
{
    /// <summary>Whether a period lies wholly inside another (May 2022 inside 2022; 2022Q4 inside 2022).</summary>
    public static bool Within(Period inner, Period outer) => inner.From >= outer.From && inner.To <= outer.To;

    /// <summary>The k − 1 periods of the same kind just before <paramref name="current"/>, oldest first: where points valid for k periods come from.</summary>
    public static IReadOnlyList<Period> CarryWindow(Period current, int k)
    {
        if (k < 1) throw new DomainRuleException($"有效期数应不小于 1，实为 {k}");
        var window = new List<Period>();
        var p = current;
        for (var i = 1; i < k; i++)
        {
            p = p.Previous();
            window.Insert(0, p);
        }
        return window;
    }

    /// <summary>The mean of the periods that have a result; null when none has. A reference, not a score: no period is counted as 0.</summary>
    public static decimal? Average(IEnumerable<decimal?> totals)
    {
        var present = totals.Where(t => t.HasValue).Select(t => t!.Value).ToList();
        return present.Count == 0 ? null : present.Sum() / present.Count;
    }
}
