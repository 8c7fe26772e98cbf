namespace Chengxin.Domain.Campaigns;

/// <summary>A report measured against its deadline: made on time, made late, or never made.</summary>
public enum ReportStatus { OnTime, Late, Missing }

/// <summary>
/// One rule for every deadline of a campaign (submission, self-assessment, supplement, review): at exactly the
/// deadline is on time, any instant after is late, and late work is taken and recorded, never refused.
/// </summary>
public static class Deadline
{
    public static bool IsLate(DateTimeOffset due, DateTimeOffset at) => at > due;

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
