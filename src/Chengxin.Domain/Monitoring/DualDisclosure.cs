using Chengxin.Domain.Calendar;
using Chengxin.Domain.Identifiers;

namespace Chengxin.Domain.Monitoring;

public enum DisclosureKind { License, Penalty }

/// <summary>One 双公示 record: an administrative licensing or penalty decision as reported to the platform.</summary>
public sealed record DisclosureRecord(
    string Agency,
    DisclosureKind Kind,
    string? DecisionNumber,
    string? SubjectName,
    string? SubjectCode,
    bool SubjectIsPerson,
    DateOnly DecisionDate,
    DateOnly ReportedOn);

public enum DisclosureProblemKind { Late, Incomplete, InvalidIdentifier }

public sealed record DisclosureProblem(DisclosureRecord Record, DisclosureProblemKind Kind, string Message);

/// <summary>How soon a decision must be reported: the seeds say 7 days (淮安), nationally 7 working days.</summary>
public sealed record DisclosureRule(int Days, bool WorkingDays)
{
    public static readonly DisclosureRule SevenWorkingDays = new(7, true);
}

/// <summary>
/// Checks 双公示 records for timeliness (reported within the rule's days of the decision),
/// completeness and valid identifiers. Each problem is one record's, so that per-record
/// deductions (seed 004: 有迟报、错报的每条扣0.5分) count records, not problems.
/// </summary>
public static class DualDisclosure
{
    public static IReadOnlyList<DisclosureProblem> Check(IEnumerable<DisclosureRecord> records, DisclosureRule rule, WorkingDayCalendar calendar)
    {
        var problems = new List<DisclosureProblem>();
        foreach (var r in records)
        {
            var due = rule.WorkingDays ? calendar.AddWorkingDays(r.DecisionDate, rule.Days) : r.DecisionDate.AddDays(rule.Days);
            if (r.ReportedOn > due)
                problems.Add(new(r, DisclosureProblemKind.Late,
                    $"决定日期 {r.DecisionDate:yyyy-MM-dd}，应于 {due:yyyy-MM-dd} 前报送（{rule.Days} 个{(rule.WorkingDays ? "工作日" : "自然日")}），实际 {r.ReportedOn:yyyy-MM-dd} 报送"));

            var missing = new List<string>();
            if (string.IsNullOrWhiteSpace(r.DecisionNumber)) missing.Add("决定文书号");
            if (string.IsNullOrWhiteSpace(r.SubjectName)) missing.Add("行政相对人名称");
            if (string.IsNullOrWhiteSpace(r.SubjectCode)) missing.Add(r.SubjectIsPerson ? "公民身份号码" : "统一社会信用代码");
            if (missing.Count > 0)
                problems.Add(new(r, DisclosureProblemKind.Incomplete, $"缺少：{string.Join("、", missing)}"));
            else if ((r.SubjectIsPerson ? ResidentIdNumber.Problem(r.SubjectCode) : UnifiedSocialCreditCode.Problem(r.SubjectCode)) is { } p)
                problems.Add(new(r, DisclosureProblemKind.InvalidIdentifier, p));
        }
        return problems;
    }

    /// <summary>Per agency: how many records were late, and how many were wrong (incomplete or invalid).</summary>
    public static IReadOnlyDictionary<string, (int Late, int Wrong)> CountByAgency(IEnumerable<DisclosureProblem> problems) =>
        problems.GroupBy(p => p.Record.Agency).ToDictionary(
            g => g.Key,
            g => (g.Where(p => p.Kind == DisclosureProblemKind.Late).Select(p => p.Record).Distinct().Count(),
                  g.Where(p => p.Kind != DisclosureProblemKind.Late).Select(p => p.Record).Distinct().Count()));
}
