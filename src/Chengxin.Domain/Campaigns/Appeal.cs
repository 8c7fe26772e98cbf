namespace Chengxin.Domain.Campaigns;

public enum AppealState { Filed, Upheld, Rejected }

/// <summary>A unit's objection to its published result (申诉): filed within the window, then upheld or rejected with a reason.</summary>
public sealed class Appeal
{
    private Appeal(string unitId, string? itemId, string grounds, DateTimeOffset filedAt)
    {
        UnitId = unitId;
        ItemId = itemId;
        Grounds = grounds;
        FiledAt = filedAt;
    }

    /// <summary>
    /// A stored appeal as it stands. Filing is not checked again: the window and the publication held when it was
    /// filed, and a campaign reopened by another appeal since then does not undo it.
    /// </summary>
    public static Appeal Restore(string unitId, string? itemId, string grounds, DateTimeOffset filedAt, AppealState state, string? decision) =>
        new(unitId, itemId, grounds, filedAt) { State = state, Decision = decision };

    public string UnitId { get; }
    /// <summary>The item objected to, or null for the result as a whole.</summary>
    public string? ItemId { get; }
    public string Grounds { get; }
    public DateTimeOffset FiledAt { get; }
    public AppealState State { get; private set; } = AppealState.Filed;
    public string? Decision { get; private set; }

    public static Appeal File(Campaign campaign, string unitId, string? itemId, string grounds, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(grounds)) throw new DomainRuleException("申诉须说明理由");
        if (campaign.State != CampaignState.Published) throw new DomainRuleException("结果尚未发布，不能申诉");
        if (!campaign.AppealOpen(now)) throw new DomainRuleException("已过申诉期，不能再申诉");
        return new Appeal(unitId, itemId, grounds, now);
    }

    public void Uphold(string decision) => Decide(AppealState.Upheld, decision);

    public void Reject(string reason) => Decide(AppealState.Rejected, reason);

    private void Decide(AppealState to, string text)
    {
        if (State != AppealState.Filed) throw new DomainRuleException("该申诉已处理");
        if (string.IsNullOrWhiteSpace(text)) throw new DomainRuleException(to == AppealState.Rejected ? "驳回申诉须说明理由" : "支持申诉须说明处理意见");
        State = to;
        Decision = text;
    }
}
