using Chengxin.Domain.Campaigns;
using static Chengxin.Domain.Bulletins.BulletinComposer;

namespace Chengxin.Domain.Bulletins;

/// <summary>One published campaign of a period bulletin: its period, its name, its units' results and how they reported.</summary>
public sealed record PeriodBulletinPart(Period Period, string CampaignName, IReadOnlyList<BulletinUnit> Units)
{
    public IReadOnlyList<BulletinReport> Reports { get; init; } = [];
}

/// <summary>
/// What a period bulletin is composed from: the published campaigns of one scheme family over a span (a quarter of monthly
/// campaigns, a year of quarters), in any order, with the family's grades best first. Title is the span as the office names it
/// (「2025年第四季度」); empty means the span's own name.
/// </summary>
public sealed record PeriodBulletinInput(string? Title, IReadOnlyList<string> Grades, IReadOnlyList<PeriodBulletinPart> Parts);

/// <summary>A unit over the span: its rank by the average, the average, and its total of each period (null where it had none).</summary>
public sealed record PeriodRankingRow(int Rank, string Name, decimal Average, IReadOnlyList<decimal?> Totals);

/// <summary>A period's grade counts, in the family's grade order.</summary>
public sealed record PeriodGradeRow(string PeriodLabel, IReadOnlyList<int> Counts);

/// <summary>A unit absent from some periods' results, and which.</summary>
public sealed record PeriodAbsence(string Name, IReadOnlyList<string> PeriodLabels);

/// <summary>A unit's reporting over the span: how many periods on time, late and not at all.</summary>
public sealed record PeriodReportRow(string Name, int OnTime, int Late, int Missing);

/// <summary>A period bulletin's content in no layout: sentences, the ranking by average, grade counts per period, trend, absences, reporting.</summary>
public sealed record PeriodBulletinContent(string Title, string Name, IReadOnlyList<string> PeriodLabels, IReadOnlyList<string> Overview, string Method,
    IReadOnlyList<PeriodRankingRow> Ranking, IReadOnlyList<string> Grades, IReadOnlyList<PeriodGradeRow> GradeCounts, IReadOnlyList<BulletinTrendPoint> Trend,
    IReadOnlyList<PeriodAbsence> Absences, IReadOnlyList<PeriodReportRow> Reports, string? ReportSummary);

/// <summary>
/// Composes seed 003's 「每季度通报各县（市、区）专班阶段性工作成绩」: several published campaigns of one family read as one span.
/// A unit's score over the span is the average of its period totals with a period it has no result in counted as 0 — the rule
/// seed 003's yearly evaluation writes for its 「9个月考评平均得分」 (the divisor is always the number of periods), so that a
/// missing month lowers the score instead of vanishing from it, and units evaluated in every period compare on the same terms.
/// A pure function of its input.
/// </summary>
public static class PeriodBulletinComposer
{
    public static PeriodBulletinContent Compose(PeriodBulletinInput input)
    {
        if (input.Parts.Count == 0)
            throw new DomainRuleException("阶段通报至少需要一期已发布的评价结果。");
        var parts = input.Parts.OrderBy(p => p.Period.From).ToList();
        var labels = parts.Select(p => p.Period.Label).ToList();
        var title = string.IsNullOrWhiteSpace(input.Title) ? SpanLabel(parts.Select(p => p.Period).ToList()) : input.Title.Trim();
        var name = CommonName(parts);

        // Units in the order they first appear, best first in their first period; the key follows a unit across periods.
        var units = parts.SelectMany(p => p.Units.OrderBy(u => u.Rank)).GroupBy(u => u.Key, StringComparer.Ordinal)
            .Select(g => (Key: g.Key, Name: parts.SelectMany(p => p.Units).Last(u => u.Key == g.Key).Name,
                Totals: parts.Select(p => p.Units.FirstOrDefault(u => u.Key == g.Key)?.Total).ToList()))
            .Select(u => (u.Key, u.Name, u.Totals, Average: Round(u.Totals.Sum(t => t ?? 0m) / parts.Count)))
            .ToList();
        var ordered = units.OrderByDescending(u => u.Average).ToList();
        // Equal averages share a rank; the next rank skips as many (1, 1, 3), as the campaigns' own ranking does.
        var ranking = ordered.Select(u => new PeriodRankingRow(1 + ordered.Count(o => o.Average > u.Average), u.Name, u.Average, u.Totals)).ToList();

        var gradeCounts = input.Grades.Count == 0 ? [] : parts.Select(p => new PeriodGradeRow(p.Period.Label,
            input.Grades.Select(g => p.Units.Count(u => u.Grade == g)).ToList())).ToList();
        var trend = parts.Where(p => p.Units.Count > 0)
            .Select(p => new BulletinTrendPoint(p.Period.Label, Round(p.Units.Average(u => u.Total)))).ToList();
        var absences = units.Where(u => u.Totals.Any(t => t is null))
            .Select(u => new PeriodAbsence(u.Name, labels.Where((_, i) => u.Totals[i] is null).ToList())).ToList();

        var reports = parts.SelectMany(p => p.Reports).GroupBy(r => r.Name, StringComparer.Ordinal)
            .Select(g => new PeriodReportRow(g.Key, g.Count(r => r.Timeliness == ReportTimeliness.OnTime), g.Count(r => r.Timeliness == ReportTimeliness.Late),
                g.Count(r => r.Timeliness == ReportTimeliness.Missing)))
            .OrderByDescending(r => r.Missing).ThenByDescending(r => r.Late).ToList();

        var method = $"各单位得分为{title}{parts.Count}期评价得分的平均数，某期没有评价结果的按0分计入（除数始终为{parts.Count}），"
            + "与年度考评“考评平均得分”的算法一致。";
        var overview = new List<string> { Situation(title, name, parts, ranking) };
        if (Extremes(ranking) is { } extremes) overview.Add(extremes);
        if (Trend(trend) is { } moved) overview.Add(moved);
        if (absences.Count > 0)
            overview.Add("未参加全部各期评价的单位：" + string.Join("；", absences.Select(a => $"{a.Name}（缺{string.Join("、", a.PeriodLabels)}）")) + "，缺期按0分计入平均。");
        var reportSummary = ReportSummary(reports);
        if (reportSummary is not null) overview.Add(reportSummary);

        return new PeriodBulletinContent(title, name, labels, overview, method, ranking, input.Grades, gradeCounts, trend, absences, reports, reportSummary);
    }

    /// <summary>
    /// The span's own name: a whole quarter (「2025年第四季度」), a whole year (「2025年」), otherwise from the first period to the last
    /// (「2025年10月至2025年11月」).
    /// </summary>
    public static string SpanLabel(IReadOnlyList<Period> periods)
    {
        var from = periods.Min(p => p.From);
        var to = periods.Max(p => p.To);
        var quarter = Period.Quarter(from.Year, (from.Month + 2) / 3);
        if (quarter.From == from && quarter.To == to)
            return quarter.Label;
        var year = Period.Year(from.Year);
        if (year.From == from && year.To == to)
            return year.Label;
        var first = periods.MinBy(p => p.From)!;
        var last = periods.MaxBy(p => p.To)!;
        return first == last ? first.Label : $"{first.Label}至{last.Label}";
    }

    /// <summary>The title of the bulletin: 「关于2025年第四季度政务守信践诺工作月度考评结果的通报」.</summary>
    public static string DocumentTitle(PeriodBulletinContent c) =>
        BulletinComposer.DocumentTitle(c.Title + c.Name);

    private static decimal Round(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    /// <summary>What the campaigns' names share once each period's own label is taken off (「政务守信践诺工作月度考评」); empty when they differ.</summary>
    private static string CommonName(List<PeriodBulletinPart> parts)
    {
        var names = parts.Select(p => p.CampaignName.StartsWith(p.Period.Label, StringComparison.Ordinal) ? p.CampaignName[p.Period.Label.Length..] : p.CampaignName)
            .Select(n => n.Trim()).Distinct(StringComparer.Ordinal).ToList();
        return names.Count == 1 ? names[0] : "";
    }

    private static string Situation(string title, string name, List<PeriodBulletinPart> parts, List<PeriodRankingRow> ranking)
    {
        var periods = string.Join("、", parts.Select(p => p.Period.Label));
        if (ranking.Count == 0)
            return $"{title}，{name}共{parts.Count}期（{periods}），没有参评单位。";
        return $"{title}，{name}共{parts.Count}期（{periods}），参评单位{ranking.Count}个，"
            + $"各单位平均得分的均值为{Number(ranking.Average(r => r.Average))}分，最高{Number(ranking.Max(r => r.Average))}分，最低{Number(ranking.Min(r => r.Average))}分。";
    }

    private static string? Extremes(List<PeriodRankingRow> ranking)
    {
        if (ranking.Count < 2)
            return null;
        var best = ranking.Where(r => r.Rank == 1).ToList();
        var lastRank = ranking.Max(r => r.Rank);
        var last = ranking.Where(r => r.Rank == lastRank).ToList();
        return $"本期平均得分排名第一的是{string.Join("、", best.Select(r => r.Name))}（{Number(best[0].Average)}分），"
            + $"排名末位的是{string.Join("、", last.Select(r => r.Name))}（{Number(last[0].Average)}分）。";
    }

    private static string? Trend(List<BulletinTrendPoint> trend)
    {
        if (trend.Count < 2)
            return null;
        var first = trend[0];
        var last = trend[^1];
        var delta = Round(last.Average - first.Average);
        var words = delta > 0 ? $"上升{Number(delta)}分" : delta < 0 ? $"下降{Number(-delta)}分" : "持平";
        return $"各期平均得分依次为{string.Join("、", trend.Select(t => $"{t.PeriodLabel}{Number(t.Average)}分"))}，{last.PeriodLabel}比{first.PeriodLabel}{words}。";
    }

    private static string? ReportSummary(List<PeriodReportRow> reports)
    {
        if (reports.Count == 0)
            return null;
        var late = reports.Where(r => r.Late > 0).Select(r => $"{r.Name}{r.Late}次").ToList();
        var missing = reports.Where(r => r.Missing > 0).Select(r => $"{r.Name}{r.Missing}次").ToList();
        var text = "报送方面，" + (late.Count == 0 && missing.Count == 0 ? "各单位各期均按时报送" : $"各期均按时报送的{reports.Count(r => r.Late == 0 && r.Missing == 0)}个单位");
        if (late.Count > 0) text += $"；逾期报送的有{string.Join("、", late)}";
        if (missing.Count > 0) text += $"；未报送的有{string.Join("、", missing)}";
        return text + "。";
    }

    /// <summary>A period's total in a table cell: the number, or 「—」 where the unit had no result.</summary>
    public static string Cell(decimal? total) => total is { } t ? Number(t) : "—";
}
