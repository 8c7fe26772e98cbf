namespace Chengxin.Domain.Campaigns;

public enum ItemReviewState { Pending, Confirmed, Corrected, Returned }

/// <summary>
/// A reviewer's verdict on one item of one unit. It records the version of the facts it relied
/// on, so that a fact changed afterwards makes the review stale rather than silently stand.
/// </summary>
public sealed class ItemReview
{
    public ItemReview(string unitId, string itemId)
    {
        UnitId = unitId;
        ItemId = itemId;
    }

    /// <summary>A stored verdict as it stands: its version goes on from the stored one, so a reviewer who read an older one still gets a conflict.</summary>
    public static ItemReview Restore(string unitId, string itemId, ItemReviewState state, string? reviewerId, string? reason, long factsVersionSeen,
        long version) =>
        new(unitId, itemId) { State = state, ReviewerId = reviewerId, Reason = reason, FactsVersionSeen = factsVersionSeen, Version = version };

    public string UnitId { get; }
    public string ItemId { get; }
    public ItemReviewState State { get; private set; } = ItemReviewState.Pending;
    public string? ReviewerId { get; private set; }
    public string? Reason { get; private set; }
    /// <summary>The item's facts version the reviewer saw.</summary>
    public long FactsVersionSeen { get; private set; }
    /// <summary>Bumped on every verdict: a reviewer who read an older one gets a conflict, not an overwrite.</summary>
    public long Version { get; private set; }

    /// <summary>
    /// A reviewer accepts the item as it stands. The note, if any, records what the confirmation did beyond that (the unit's
    /// updated answer adopted over an earlier correction, see <see cref="Reviews.StandingCorrection"/>).
    /// </summary>
    public void Confirm(string reviewerId, long factsVersion, long expectedVersion, string? note = null) =>
        Decide(ItemReviewState.Confirmed, reviewerId, note, factsVersion, expectedVersion);

    /// <summary>A reviewer corrects a fact (never a computed score), always with a reason.</summary>
    public void Correct(string reviewerId, string reason, long factsVersion, long expectedVersion)
    {
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainRuleException("修正事实须说明理由");
        Decide(ItemReviewState.Corrected, reviewerId, reason, factsVersion, expectedVersion);
    }

    public void Return(string reviewerId, string reason, long factsVersion, long expectedVersion)
    {
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainRuleException("退回补充须说明需要补充的内容");
        Decide(ItemReviewState.Returned, reviewerId, reason, factsVersion, expectedVersion);
    }

    /// <summary>An item is reviewed only once its unit has submitted (a draft has nothing to review).</summary>
    public static void EnsureSubmitted(SubmissionState? submission)
    {
        if (submission is null or SubmissionState.Draft) throw new DomainRuleException("该单位尚未提交报送，不能复核。");
    }

    public bool IsStale(long currentFactsVersion) =>
        State is ItemReviewState.Confirmed or ItemReviewState.Corrected && currentFactsVersion != FactsVersionSeen;

    /// <summary>
    /// Whether the item still waits for a verdict: never judged, a verdict on facts the unit has changed since, or a return the
    /// unit has answered. Readiness counts these as not reviewed; the reviewer's queue lists them.
    /// </summary>
    public static bool AwaitsVerdict(ItemReview? review, long currentFactsVersion, SubmissionState submission) =>
        review is null || review.State == ItemReviewState.Pending || review.IsStale(currentFactsVersion)
        || (review.State == ItemReviewState.Returned && submission == SubmissionState.Resubmitted);

    /// <summary>A returned item the unit has answered waits for a verdict again: said so, not still "returned".</summary>
    public const string ResubmittedName = "补充后重新提交";

    /// <summary>A judgement's verdict is its points: "已评分" reads right where "已修正" would suggest the unit erred.</summary>
    public static string StateName(ItemReviewState s, bool judgement = false) => s switch
    {
        ItemReviewState.Pending => "待复核",
        ItemReviewState.Confirmed => "已确认",
        ItemReviewState.Corrected => judgement ? "已评分" : "已修正",
        ItemReviewState.Returned => "已退回补充",
        _ => s.ToString(),
    };

    private void Decide(ItemReviewState to, string reviewerId, string? reason, long factsVersion, long expectedVersion)
    {
        if (expectedVersion != Version)
            throw new DomainRuleException($"该指标已被其他评审员更新（第 {Version} 版），请刷新后再处理");
        State = to;
        ReviewerId = reviewerId;
        Reason = reason;
        FactsVersionSeen = factsVersion;
        Version++;
    }
}
