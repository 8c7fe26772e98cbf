namespace Chengxin.Domain.Campaigns;

/// <summary>
/// The random draw of units for a spot check (抽查). Reproducible from its seed on any machine
/// and any .NET version (System.Random's sequence is not guaranteed across versions), so an
/// auditor can redo the draw: SplitMix64 over the unit ids in ordinal order.
/// </summary>
public static class SpotCheck
{
    /// <summary>
    /// The sample is drawn once per campaign, during review: a draw that could be redone would let someone redraw until a
    /// sample they like comes up.
    /// </summary>
    public static void EnsureDrawable(CampaignState state, bool drawnBefore)
    {
        if (state != CampaignState.Reviewing)
            throw new DomainRuleException($"只有复核中的评价批次可以抽查（当前：{Campaign.Name(state)}）");
        if (drawnBefore)
            throw new DomainRuleException("本批次已经抽取过抽查单位，不能重新抽取。");
    }

    /// <summary>ceil(share × n) units (at least one when share > 0), in the order drawn.</summary>
    public static IReadOnlyList<string> Draw(IEnumerable<string> unitIds, decimal share, ulong seed)
    {
        if (share is < 0 or > 1) throw new DomainRuleException($"抽查比例应在 0 到 1 之间，实为 {share}");
        var ids = unitIds.Distinct().OrderBy(x => x, StringComparer.Ordinal).ToArray();
        var count = share == 0 ? 0 : Math.Max(1, (int)Math.Ceiling(share * ids.Length));
        var state = seed;
        // Partial Fisher–Yates: the first `count` places are the sample.
        for (var i = 0; i < count; i++)
        {
            var j = i + (int)(Next(ref state) % (ulong)(ids.Length - i));
            (ids[i], ids[j]) = (ids[j], ids[i]);
        }
        return ids[..count];
    }

    private static ulong Next(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
