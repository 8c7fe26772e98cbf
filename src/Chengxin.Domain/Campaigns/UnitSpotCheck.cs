namespace Chengxin.Domain.Campaigns;

public enum SpotCheckState { Open, Completed }

/// <summary>
/// The deeper check of one unit drawn by <see cref="SpotCheck.Draw"/>: opened during review, item results recorded
/// (facts as the checker found them, with a reason), then completed. Once completed its result replaces the reviewed
/// score of that unit; while open, the campaign cannot go to publication.
/// </summary>
public sealed class UnitSpotCheck
{
    private readonly Dictionary<string, string> _items = new(StringComparer.Ordinal);

    private UnitSpotCheck(string unitId) => UnitId = unitId;

    public string UnitId { get; }
    public SpotCheckState State { get; private set; } = SpotCheckState.Open;
    public string? Summary { get; private set; }
    /// <summary>The items with a recorded result, and the reason for each.</summary>
    public IReadOnlyDictionary<string, string> Items => _items;

    /// <summary>Only a unit the recorded draw picked, only while the campaign is under review.</summary>
    public static UnitSpotCheck Open(Campaign campaign, IReadOnlyCollection<string> drawn, string unitId)
    {
        if (campaign.State != CampaignState.Reviewing)
            throw new DomainRuleException($"只有复核中的评价批次可以开展抽查（当前：{Campaign.Name(campaign.State)}）");
        if (drawn.Count == 0)
            throw new DomainRuleException("本批次尚未抽取抽查单位");
        if (!drawn.Contains(unitId))
            throw new DomainRuleException("该单位不在本批次抽取的抽查单位之中");
        return new UnitSpotCheck(unitId);
    }

    /// <summary>A unit is checked once: a second opening while one is on record is refused.</summary>
    public static UnitSpotCheck Open(Campaign campaign, IReadOnlyCollection<string> drawn, string unitId, bool openedBefore)
    {
        if (openedBefore)
            throw new DomainRuleException("该单位的抽查已经开始，不能重复开始。");
        return Open(campaign, drawn, unitId);
    }

    /// <summary>Rebuilds a stored check without the opening checks (they held when it was opened).</summary>
    public static UnitSpotCheck Restore(string unitId, SpotCheckState state, IEnumerable<KeyValuePair<string, string>> items, string? summary)
    {
        var check = new UnitSpotCheck(unitId) { State = state, Summary = summary };
        foreach (var (item, reason) in items) check._items[item] = reason;
        return check;
    }

    public void Record(string itemId, string reason)
    {
        if (State != SpotCheckState.Open) throw new DomainRuleException("抽查已完成，不能再记录指标结果");
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainRuleException("抽查结果须说明依据");
        _items[itemId] = reason.Trim();
    }

    public void Complete(string summary)
    {
        if (State != SpotCheckState.Open) throw new DomainRuleException("抽查已经完成");
        if (string.IsNullOrWhiteSpace(summary)) throw new DomainRuleException("完成抽查须填写抽查结论");
        Summary = summary.Trim();
        State = SpotCheckState.Completed;
    }

    /// <summary>Completed only during review: a completed check replaces the reviewed score, which is fixed once publication is asked for.</summary>
    public void Complete(string summary, CampaignState campaign)
    {
        if (campaign != CampaignState.Reviewing)
            throw new DomainRuleException($"评价批次当前{Campaign.Name(campaign)}，不能完成抽查。");
        Complete(summary);
    }

    public static string StateName(SpotCheckState s) => s == SpotCheckState.Open ? "抽查中" : "已完成";
}
