namespace Chengxin.Domain.Schemes;

/// <summary>
/// Facts the platform itself supplies (supplier <c>system:&lt;kind&gt;</c>): no unit, provider or reviewer enters
/// them, they are counted from what the platform recorded, such as each unit's reports against their deadlines.
/// Seed 003's 迟报、漏报 is one: the office's own submission record decides it, not anyone's say.
/// </summary>
public static class SystemFacts
{
    public const string Prefix = "system:";

    /// <summary>Reports the unit made after their deadline plus those it never made (seed 003 二(一)2(1)).</summary>
    public const string LateOrMissingReports = "late-or-missing-reports";

    public const string LateReports = "late-reports";

    public const string MissingReports = "missing-reports";

    /// <summary>双公示 records of the department reported late or wrongly in the campaign's period (seed 004 二1).</summary>
    public const string DualDisclosureLateOrWrong = "dual-disclosure-late-or-wrong";

    public const string DualDisclosureLate = "dual-disclosure-late";

    public const string DualDisclosureWrong = "dual-disclosure-wrong";

    /// <summary>双公示 records found 属实 in a spot comparison (漏报) in the period (seed 002 一1).</summary>
    public const string DualDisclosureMissing = "dual-disclosure-missing";

    public static readonly IReadOnlyList<string> DualDisclosureKinds = [DualDisclosureLateOrWrong, DualDisclosureLate, DualDisclosureWrong, DualDisclosureMissing];

    public static readonly IReadOnlyList<string> Kinds = [LateOrMissingReports, LateReports, MissingReports, .. DualDisclosureKinds];

    public static bool IsSystem(string supplier) => supplier.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>The kind of a system supplier, or null for any other supplier.</summary>
    public static string? KindOf(string supplier) => IsSystem(supplier) ? supplier[Prefix.Length..] : null;

    public static bool IsKnown(string kind) => Kinds.Contains(kind);

    public static string Name(string kind) => kind switch
    {
        LateOrMissingReports => "迟报、漏报次数（按报送记录统计）",
        LateReports => "迟报次数（按报送记录统计）",
        MissingReports => "漏报次数（按报送记录统计）",
        DualDisclosureLateOrWrong => "“双公示”迟报、错报条数（按平台归集记录统计）",
        DualDisclosureLate => "“双公示”迟报条数（按平台归集记录统计）",
        DualDisclosureWrong => "“双公示”错报条数（按平台归集记录统计）",
        DualDisclosureMissing => "“双公示”漏报条数（抽查比对属实）",
        _ => kind,
    };

    /// <summary>The count a kind stands for, from the unit's reports of one campaign.</summary>
    public static int Count(string kind, IEnumerable<Campaigns.ReportStatus> reports)
    {
        var list = reports.ToList();
        var late = list.Count(r => r == Campaigns.ReportStatus.Late);
        var missing = list.Count(r => r == Campaigns.ReportStatus.Missing);
        return kind switch
        {
            LateOrMissingReports => late + missing,
            LateReports => late,
            MissingReports => missing,
            _ => throw new DomainRuleException($"未知的系统事实「{kind}」（可用：{string.Join("、", Kinds)}）"),
        };
    }

    /// <summary>The count a 双公示 kind stands for, from the department's statistics for the period (none: nothing reported).</summary>
    public static int Count(string kind, Monitoring.DepartmentDisclosureStatistics? statistics) => kind switch
    {
        DualDisclosureLateOrWrong => statistics?.LateOrWrong ?? 0,
        DualDisclosureLate => statistics?.Late ?? 0,
        DualDisclosureWrong => statistics?.Wrong ?? 0,
        DualDisclosureMissing => statistics?.Missing ?? 0,
        _ => throw new DomainRuleException($"未知的系统事实「{kind}」（可用：{string.Join("、", DualDisclosureKinds)}）"),
    };
}
