using Chengxin.Domain.Schemes;
using Chengxin.Domain.Scoring;

namespace Chengxin.Domain.Reviews;

/// <summary>One stored statement of an item's fact: who made it, and the item's facts version it made.</summary>
public sealed record ItemStatement(string Key, FactSource Source, long ItemVersion);

/// <summary>What a confirmation retires of a standing correction, and the sentence the review records for it.</summary>
public sealed record Adoption(IReadOnlyList<ItemStatement> Retired, string Note);

/// <summary>
/// What a reviewer's confirmation does to a correction the unit has answered since. A correction outranks the unit's own
/// answer whichever is newer (<see cref="FactSheet"/>): the reviewer's word stands until the reviewer changes it. Confirming
/// the item once its own answer (the unit's or a provider's values) is newer than the correction is that change: the reviewer
/// accepts the answer as it stands now, so the correction's statements no longer count and the reviewed score reads the unit's
/// answer. A reviewer who still disagrees corrects again. A judgement (评审给分) is the reviewer's own to give: confirming keeps
/// its points, unless the unit's own answer states that fact later.
/// </summary>
public static class StandingCorrection
{
    /// <summary>
    /// The reviewer's statements of the item a confirmation now retires, or null when the correction stands: there is none, or
    /// the own answer has not changed since the reviewer's latest statement (a re-save of the same answer makes no new version).
    /// </summary>
    public static Adoption? OnConfirm(Item item, IReadOnlyCollection<ItemStatement> statements)
    {
        var correction = statements.Where(s => s.Source == FactSource.Reviewer).ToList();
        if (correction.Count == 0)
            return null;
        var own = statements.Where(s => s.Source.Rank == FactSource.Unit.Rank && !s.Source.Counted).ToList();
        // The correction as a whole is as new as its latest statement: a reviewer who corrected again after the unit answered
        // has seen that answer, and every value the reviewer left standing then stands with it.
        var correctedAt = correction.Max(s => s.ItemVersion);
        if (own.All(s => s.ItemVersion <= correctedAt))
            return null;
        var judgement = Manual.JudgementFactOf(item);
        var retired = correction.Where(c => c.Key != judgement || own.Any(o => o.Key == c.Key && o.ItemVersion > c.ItemVersion)).ToList();
        if (retired.Count == 0)
            return null;
        var labels = item.Facts.Where(f => retired.Any(r => r.Key == f.Key)).Select(f => $"「{f.Label}」").ToList();
        var what = labels.Count == 0 ? "此前的评审修正" : $"此前评审修正的{string.Join("、", labels)}";
        var kept = judgement is not null && correction.Any(c => c.Key == judgement) && retired.All(r => r.Key != judgement);
        return new Adoption(retired, $"确认采纳单位更新后的答复，{what}不再计入{(kept ? "；评审给分不变" : "")}。");
    }
}
