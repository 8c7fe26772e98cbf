namespace Chengxin.Domain.Campaigns;

/// <summary>A report measured against its deadline: made on time, made late, or never made.</summary>
public enum ReportStatus { OnTime, Late, Missing }

/// <summary>How late something arrived against a deadline: late is recorded, never refused.</summary>
public readonly record struct Lateness(bool IsLate, long LateBySeconds)
{
    public static readonly Lateness OnTime = new(false, 0);
}

/// <summary>
/// One rule for every deadline of a campaign (submission, self-assessment, supplement, review): at exactly the
/// deadline is on time, any instant after is late, and late work is taken and recorded, never refused.
/// </summary>
public static class Deadline
{
    public static bool IsLate(DateTimeOffset due, DateTimeOffset at) => at > due;

    /// <summary>
    /// Arriving exactly at the deadline is on time; any fraction of a second after it counts as a whole
    /// second late, so a late record never reads as zero. No deadline means nothing can be late.
    /// </summary>
    public static Lateness Of(DateTimeOffset? due, DateTimeOffset at)
    {
        if (due is null || !IsLate(due.Value, at))
            return Lateness.OnTime;
        return new Lateness(true, (long)Math.Ceiling((at - due.Value).TotalSeconds));
    }

    public static ReportStatus StatusOf(DateTimeOffset due, DateTimeOffset? madeAt) =>
        madeAt is not { } at ? ReportStatus.Missing : IsLate(due, at) ? ReportStatus.Late : ReportStatus.OnTime;

    /// <summary>A deadline set now for work still to do (a return for supplement) must lie after now.</summary>
    public static void EnsureFuture(DateTimeOffset due, DateTimeOffset now, string what)
    {
        if (due <= now)
            throw new DomainRuleException($"{what}须晚于当前时间");
    }

    public static string StatusName(ReportStatus s) => s switch
    {
        ReportStatus.OnTime => "按时",
        ReportStatus.Late => "迟报",
        ReportStatus.Missing => "漏报",
        _ => s.ToString(),
    };
}
