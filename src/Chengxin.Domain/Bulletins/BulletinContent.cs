namespace Chengxin.Domain.Bulletins;

/// <summary>A line of the ranking: rank, unit, total, grade and how its rank moved since the last period (「↑2」「↓1」「—」「新增」).</summary>
public sealed record BulletinRankingRow(int Rank, string Name, decimal Total, string Grade, string Change);

/// <summary>The units of one grade, in rank order (seed 002's red, blue and yellow lists are its grades).</summary>
public sealed record BulletinGradeList(string Grade, IReadOnlyList<string> Units);

/// <summary>How many units of the period had each grade, in the scheme's order (「未定等次」 last, when any).</summary>
public sealed record BulletinGradeCount(string Grade, int Count);

/// <summary>A category's average over the units and that average as a share of its maximum (a percentage, two decimals).</summary>
public sealed record BulletinCategoryAverage(string Title, decimal Max, decimal Average, decimal Rate);

/// <summary>A unit's reporting in words: 按时报送, 逾期报送, 未报送.</summary>
public sealed record BulletinReportRow(string Name, string Timeliness);

/// <summary>
/// A bulletin's content, composed and worded, in no layout: the overall situation as sentences, the ranking, the grade
/// lists, the reporting, the category averages and the numbers of the charts. A writer (DOCX, PDF, a template) lays it out.
/// </summary>
public sealed record BulletinContent(string CampaignName, string PeriodLabel, IReadOnlyList<string> Overview, IReadOnlyList<BulletinGradeCount> GradeCounts,
    IReadOnlyList<BulletinRankingRow> Ranking, IReadOnlyList<BulletinGradeList> GradeLists, bool GradesAreLists, IReadOnlyList<BulletinReportRow> Reports,
    string? ReportSummary, IReadOnlyList<BulletinCategoryAverage> Categories, IReadOnlyList<BulletinTrendPoint> Trend, bool HasPrevious);
