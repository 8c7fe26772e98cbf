namespace Chengxin.Domain.FollowUp;

/// <summary>What a rule of the office watches; its threshold is data the office edits.</summary>
public enum RuleKind
{
    /// <summary>提示单: N days before a campaign's deadline, to the units that have not submitted (art. 5).</summary>
    DeadlineReminder,

    /// <summary>预警: a unit's total in a period below the threshold (e.g. 60).</summary>
    ScoreBelow,

    /// <summary>预警: N consecutive late reports in the family's campaigns.</summary>
    ConsecutiveLate,

    /// <summary>预警: the unit's grade is the yellow list (seed 002: 黄名单).</summary>
    YellowList,
}

/// <summary>One reason for a reminder or a warning, keyed so that it fires once: the same rule, unit and period never fire again.</summary>
public sealed record FollowUpCause(string Key, long UnitId, long? CampaignId, string Reason);

/// <summary>A unit's report in one campaign of a family, in period order, as the late-reports rule reads it.</summary>
public sealed record UnitReport(long CampaignId, string PeriodKey, long UnitId, bool Submitted, bool IsLate, DateTimeOffset Due);

/// <summary>A unit's stored result in one campaign, as the score and yellow-list rules read it.</summary>
public sealed record ScoreRecord(long CampaignId, string CampaignName, long UnitId, decimal Total, string? Grade);

/// <summary>The pure rules behind reminders and warnings: which causes hold now. The server stores each cause once.</summary>
public static class FollowUpRules
{
    public const string YellowGrade = "黄名单";

    private static string Points(decimal value) => value.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);

    public static string KindName(RuleKind kind) => kind switch
    {
        RuleKind.DeadlineReminder => "截止前提示",
        RuleKind.ScoreBelow => "得分低于阈值",
        RuleKind.ConsecutiveLate => "连续逾期报送",
        _ => "列入黄名单",
    };

    /// <summary>Whether a rule's threshold makes sense for its kind; the Chinese reason when it does not.</summary>
    public static string? CheckThreshold(RuleKind kind, decimal threshold) => kind switch
    {
        RuleKind.DeadlineReminder when threshold is < 1 or > 60 || threshold != decimal.Truncate(threshold) => "提前天数须为 1 到 60 的整数。",
        RuleKind.ScoreBelow when threshold is <= 0 or > 1000 => "分数阈值须大于 0 且不超过 1000。",
        RuleKind.ConsecutiveLate when threshold is < 2 or > 12 || threshold != decimal.Truncate(threshold) => "连续逾期次数须为 2 到 12 的整数。",
        _ => null,
    };

    /// <summary>Units that have not submitted a report whose deadline is within the rule's days from now (and not yet past).</summary>
    public static IEnumerable<FollowUpCause> DeadlineReminders(long ruleId, int days, DateTimeOffset now, IEnumerable<UnitReport> reports,
        Func<long, string> campaignName) =>
        reports.Where(r => !r.Submitted && r.Due > now && r.Due - now <= TimeSpan.FromDays(days))
            .Select(r => new FollowUpCause($"rule{ruleId}:due:{r.CampaignId}:{r.UnitId}", r.UnitId, r.CampaignId,
                $"「{campaignName(r.CampaignId)}」报送截止前 {days} 天内尚未提交"));

    public static IEnumerable<FollowUpCause> ScoresBelow(long ruleId, decimal threshold, IEnumerable<ScoreRecord> scores) =>
        scores.Where(s => s.Total < threshold)
            .Select(s => new FollowUpCause($"rule{ruleId}:score:{s.CampaignId}:{s.UnitId}", s.UnitId, s.CampaignId,
                $"「{s.CampaignName}」得分 {Points(s.Total)} 分，低于 {Points(threshold)} 分"));

    public static IEnumerable<FollowUpCause> YellowListed(long ruleId, IEnumerable<ScoreRecord> scores) =>
        scores.Where(s => s.Grade == YellowGrade)
            .Select(s => new FollowUpCause($"rule{ruleId}:yellow:{s.CampaignId}:{s.UnitId}", s.UnitId, s.CampaignId,
                $"「{s.CampaignName}」评价等次为{YellowGrade}"));

    /// <summary>
    /// A unit whose last N reports whose deadline has passed were all late or missing; keyed by the last of them, so a new late
    /// report after a warning is a new cause and the same run of reports is not.
    /// </summary>
    public static IEnumerable<FollowUpCause> ConsecutiveLate(long ruleId, int count, DateTimeOffset now, IEnumerable<UnitReport> reports,
        Func<long, string> campaignName)
    {
        foreach (var unit in reports.Where(r => r.Due <= now).GroupBy(r => r.UnitId))
        {
            var last = unit.OrderBy(r => r.Due).ThenBy(r => r.CampaignId).TakeLast(count).ToList();
            if (last.Count == count && last.All(r => r.IsLate || !r.Submitted))
                yield return new FollowUpCause($"rule{ruleId}:late:{last[^1].CampaignId}:{unit.Key}", unit.Key, last[^1].CampaignId,
                    $"连续 {count} 期逾期或未报送（最近一期：「{campaignName(last[^1].CampaignId)}」）");
        }
    }
}
