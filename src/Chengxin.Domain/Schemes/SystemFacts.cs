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

    /// <summary>Whether every 双公示 record of the period was reported within 7 calendar days of its decision (seed 002 一1: 「在7天内完成系统归集」, days as the notice counts them, not the office's working-day rule).</summary>
    public const string DualDisclosureWithinSevenDays = "dual-disclosure-within-7-days";

    /// <summary>Whether the department reported its 双公示 in full in the period: no row refused at intake for a missing or wrong item (seed 002 一1: 「全量报送」).</summary>
    public const string DualDisclosureComplete = "dual-disclosure-complete";

    public static readonly IReadOnlyList<string> DualDisclosureKinds =
        [DualDisclosureLateOrWrong, DualDisclosureLate, DualDisclosureWrong, DualDisclosureMissing, DualDisclosureWithinSevenDays, DualDisclosureComplete];

    /// <summary>The days 「7天」 gives a record in seed 002: calendar days from its decision.</summary>
    public static readonly Monitoring.DisclosureRule SevenCalendarDays = new(7, false);

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
    /// <summary>Whether the unit has a confirmed hit on a 失信被执行人 snapshot dated in the period (seed 004 towns 三1).</summary>
    public const string ListedDishonestDebtor = "listed-dishonest-debtor";

    /// <summary>Whether the unit has a confirmed hit on a 联合惩戒对象 snapshot dated in the period (seed 004 towns 三1).</summary>
    public const string ListedJointPunishment = "listed-joint-punishment";

    /// <summary>
    /// Civil servants the unit or a unit below it hired or transferred (录用、调任) in the period whom screening found, confirmed, on a
    /// dishonesty list dated in the period (seed 001 item 15: 被依法列为失信联合惩戒对象的不得录用为公务员).
    /// </summary>
    public const string DishonestCivilServants = "dishonest-civil-servants";

    /// <summary>
    /// The band (0–5) of the negative-opinion index of the unit: civil servants of the unit and the units below it confirmed on a
    /// dishonesty list dated in the period, per 100,000 of the unit's population (seed 001 item 23, see <see cref="OpinionIndex"/>).
    /// </summary>
    public const string CivilServantOpinionGrade = "civil-servant-opinion-grade";

    /// <summary>The kinds counted from the campaign's report record.</summary>
    public static readonly IReadOnlyList<string> ReportKinds = [LateOrMissingReports, LateReports, MissingReports];

    /// <summary>The kinds read from monitoring: the event register and the dishonesty-list screening.</summary>
    public static readonly IReadOnlyList<string> MonitoringKinds =
        [OpenGovernmentComplaints, BrokenPromiseComplaints, OpinionDepartments, ListedDishonest, ListedDishonestDebtor, ListedJointPunishment,
            DishonestCivilServants, CivilServantOpinionGrade];

    /// <summary>The kinds read from the screening of dishonesty lists.</summary>
    public static readonly IReadOnlyList<string> ListKinds = [ListedDishonest, ListedDishonestDebtor, ListedJointPunishment];

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
        ListedDishonestDebtor => "是否被列入失信被执行人名单（按名单比对的确认结果）",
        ListedJointPunishment => "是否被列为联合惩戒对象（按名单比对的确认结果）",
        DishonestCivilServants => "录用、调任人员中经名单比对确认为失信人员的人数",
        CivilServantOpinionGrade => "公务员失信负面舆情指数档次（按名单比对确认的失信公务员人数与人口计算）",
        DualDisclosureWithinSevenDays => "“双公示”信息是否均在决定之日起7日内报送（按平台归集记录统计）",
        DualDisclosureComplete => "“双公示”信息是否全量报送，无因缺项、错项退回的记录（按平台归集记录统计）",
        _ => kind,
    };

    /// <summary>The type of the value a kind gives: a yes/no for a list's confirmed hit or a 双公示 condition, a number for a satisfaction percentage, a count for every other kind.</summary>
    public static FactType TypeOf(string kind) =>
        ListKinds.Contains(kind) || kind is DualDisclosureWithinSevenDays or DualDisclosureComplete ? FactType.Bool
        : kind == SurveySatisfaction ? FactType.Number
        : FactType.Count;

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
            _ => throw new DomainRuleException($"未知的系统事实「{Name(kind)}」"),
        };
    }

    /// <summary>
    /// The value a 双公示 kind stands for, from the department's statistics for the period by the office's rule and by 7 calendar
    /// days (none: nothing reported, so nothing late, wrong or missing).
    /// </summary>
    public static Scoring.FactValue Value(string kind, Monitoring.DepartmentDisclosureStatistics? statistics, Monitoring.DepartmentDisclosureStatistics? sevenDays) =>
        kind switch
        {
            DualDisclosureLateOrWrong => Scoring.FactValue.Count(statistics?.LateOrWrong ?? 0),
            DualDisclosureLate => Scoring.FactValue.Count(statistics?.Late ?? 0),
            DualDisclosureWrong => Scoring.FactValue.Count(statistics?.Wrong ?? 0),
            DualDisclosureMissing => Scoring.FactValue.Count(statistics?.Missing ?? 0),
            DualDisclosureWithinSevenDays => Scoring.FactValue.Bool((sevenDays?.Late ?? 0) == 0),
            DualDisclosureComplete => Scoring.FactValue.Bool((statistics?.Wrong ?? 0) == 0),
            _ => throw new DomainRuleException($"未知的系统事实「{Name(kind)}」"),
        };

    /// <summary>
    /// Seed 001 item 23 「按公务员失信人员数量与人口比例计算负面舆情指数，按负面舆情指数分档计分」 gives neither the index nor its bands.
    /// The index is the confirmed dishonest civil servants per 100,000 of the unit's population; the band is 0 with none, then one
    /// band for each started point of the index up to 5 (0 &lt; index ≤ 1 is band 1, 4 &lt; index is band 5), each band costing a point.
    /// Null without a population on record: no index can be computed then, and the fact stays unanswered.
    /// </summary>
    public static int? OpinionIndex(int dishonestCivilServants, long? population)
    {
        if (dishonestCivilServants == 0)
            return 0;
        if (population is not > 0)
            return null;
        var index = dishonestCivilServants * 100_000m / population.Value;
        return (int)Math.Min(5m, Math.Ceiling(index));
    }
}
