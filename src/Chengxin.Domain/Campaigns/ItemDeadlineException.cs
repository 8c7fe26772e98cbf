namespace Chengxin.Domain.Campaigns;

/// <summary>
/// A later deadline the office grants for one item of one unit (per-item exception, issue 5): edits and evidence for
/// that item made after the unit's deadline but by this one are on time. The unit's own deadline is left as it is,
/// so every other item, and the submission itself, are still measured against it.
/// </summary>
public sealed record ItemDeadlineException(string ItemId, DateTimeOffset Due, string Reason)
{
    /// <summary>
    /// Grants the exception made <paramref name="now"/>: a reason is required, and the new deadline must lie after the
    /// unit's current one (an earlier one would take time away, not give it) and after now (a deadline already passed
    /// would make every edit late).
    /// </summary>
    public static ItemDeadlineException Grant(string itemId, DateTimeOffset due, string? reason, DateTimeOffset unitDue, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(itemId))
            throw new DomainRuleException("须指明延期的指标");
        if (string.IsNullOrWhiteSpace(reason))
            throw new DomainRuleException("调整指标截止时间须说明原因");
        if (due <= unitDue)
            throw new DomainRuleException("指标的截止时间须晚于本单位当前的截止时间");
        Deadline.EnsureFuture(due, now, "指标的截止时间");
        return new ItemDeadlineException(itemId, due, reason.Trim());
    }

    /// <summary>The deadline an edit to the item is measured against: the unit's, or the item's exception when that is later.</summary>
    public static DateTimeOffset EditDeadline(DateTimeOffset unitDue, DateTimeOffset? itemDue) =>
        itemDue is { } item && item > unitDue ? item : unitDue;

    /// <summary>Whether an edit or an upload for the item made <paramref name="at"/> is late (exactly at the deadline is on time).</summary>
    public static bool IsLate(DateTimeOffset unitDue, DateTimeOffset? itemDue, DateTimeOffset at) =>
        Deadline.IsLate(EditDeadline(unitDue, itemDue), at);
}
