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

    /// <summary>Confirmed complaints of category 政务公开 about the unit in the campaign's period (seed 000 item 8).</summary>
    public const string OpenGovernmentComplaints = "open-government-complaints";

    /// <summary>Confirmed complaints of category 失信违诺 about the unit in the campaign's period (seed 000 item 13).</summary>
    public const string BrokenPromiseComplaints = "broken-promise-complaints";

    /// <summary>The unit and its departments involved in confirmed 失信违诺 negative opinion in the period (seed 001 item 23).</summary>
    public const string OpinionDepartments = "opinion-departments";

    /// <summary>Whether the unit has a confirmed hit on a dishonesty list snapshot dated in the period (seed 004: listed during the year assessed; a listing still standing shows in that period's snapshots).</summary>
    public const string ListedDishonest = "listed-dishonest";

    /// <summary>
    /// The satisfaction percentage of the item's questions in the campaign's questionnaire (seed 000 items 6 and 7, 群众满意度测评), as
    /// the office defined it; absent while the unit's answers are fewer than the office's minimum sample (样本不足), so a reviewer states it.
    /// </summary>
    public const string SurveySatisfaction = "survey-satisfaction";

    /// <summary>The kinds counted from the public questionnaire's answers.</summary>
    public static readonly IReadOnlyList<string> SurveyKinds = [SurveySatisfaction];

    /// <summary>
    /// Whether a reviewer may state a fact of this kind when the platform has not counted it: a survey with too few answers
    /// goes to a reviewer instead of being scored automatically; every other kind is the platform's alone.
    /// </summary>
    public static bool ReviewerStatesWhenUncounted(string kind) => kind == SurveySatisfaction;

    /// <summary>The kinds counted from the campaign's report record.</summary>
    public static readonly IReadOnlyList<string> ReportKinds = [LateOrMissingReports, LateReports, MissingReports];

    /// <summary>The kinds read from monitoring: the event register and the dishonesty-list screening.</summary>
    public static readonly IReadOnlyList<string> MonitoringKinds = [OpenGovernmentComplaints, BrokenPromiseComplaints, OpinionDepartments, ListedDishonest];

    public static readonly IReadOnlyList<string> Kinds = [.. ReportKinds, .. DualDisclosureKinds, .. MonitoringKinds, .. SurveyKinds];

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
        OpenGovernmentComplaints => "核实属实的政务公开类投诉件数（按投诉登记统计）",
        BrokenPromiseComplaints => "核实属实的失信违诺类投诉件数（按投诉登记统计）",
        OpinionDepartments => "因失信造成负面舆情的部门数量（按舆情登记统计）",
        ListedDishonest => "是否被列入失信名单（按名单比对的确认结果）",
        SurveySatisfaction => "群众满意度（按问卷测评的有效答卷统计）",
        _ => kind,
    };

    /// <summary>The type of the value a kind gives: a yes/no for a list's confirmed hit, a number for a satisfaction percentage, a count for every other kind.</summary>
    public static FactType TypeOf(string kind) => kind switch
    {
        ListedDishonest => FactType.Bool,
        SurveySatisfaction => FactType.Number,
        _ => FactType.Count,
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
