using System.Globalization;

namespace Chengxin.Domain.Bulletins;

/// <summary>
/// Composes a bulletin (通报) from published results: the sentences an office writes by hand today — how many units, the
/// average, the grade counts, the best and the last, what changed since the last period, who reported late or not at all —
/// and the tables and chart numbers beside them. A pure function of its input.
/// </summary>
public static class BulletinComposer
{
    public const string Ungraded = "未定等次";

    /// <summary>Words a campaign's name may end in that already say what was evaluated: 「……考评结果」, not 「……考评评价结果」.</summary>
    private static readonly string[] EvaluationWords = ["评价", "考评", "考核", "评估", "测评", "评议", "评比"];

    /// <summary>The title of a bulletin about a named evaluation: 「关于2025年第四季度乡镇政务诚信考核结果的通报」.</summary>
    public static string DocumentTitle(string name) => $"关于{name}{ResultOf(name)}的通报";

    /// <summary>What the bulletin reports of a named evaluation: 「结果」 when the name says it was one, 「评价结果」 otherwise.</summary>
    public static string ResultOf(string name) => EvaluationWords.Any(w => name.EndsWith(w, StringComparison.Ordinal)) ? "结果" : "评价结果";

    public static BulletinContent Compose(BulletinInput input)
    {
        // Units that share a rank keep the order they were given in (the results' own order), as the ranking table shows them.
        var units = input.Units.OrderBy(u => u.Rank).ToList();
        var counts = input.Grades.Select(g => new BulletinGradeCount(g, units.Count(u => u.Grade == g))).ToList();
        var ungraded = units.Count(u => u.Grade is null || !input.Grades.Contains(u.Grade));
        // A scheme without grades (seed 003's task forces are ranked by points alone) has no grade distribution to show.
        if (ungraded > 0 && input.Grades.Count > 0)
            counts.Add(new BulletinGradeCount(Ungraded, ungraded));

        var previous = input.Previous?.Units.ToDictionary(u => u.Key, StringComparer.Ordinal);
        var ranking = units.Select(u => new BulletinRankingRow(u.Rank, u.Name, u.Total, u.Grade ?? Ungraded, Change(u, previous))).ToList();
        var lists = input.Grades.Select(g => new BulletinGradeList(g, units.Where(u => u.Grade == g).Select(u => u.Name).ToList())).ToList();
        // Seed 002 names its grades 红名单, 蓝名单, 黄名单: the lists are then what the office publishes, not just a grouping.
        var gradesAreLists = input.Grades.Count > 0 && input.Grades.All(g => g.EndsWith("名单", StringComparison.Ordinal));

        var categories = input.Categories.Select((c, i) =>
        {
            var average = units.Count == 0 ? 0m : Round(units.Average(u => i < u.CategoryScores.Count ? u.CategoryScores[i] : 0m));
            return new BulletinCategoryAverage(c.Title, c.Max, average, c.Max == 0 ? 0m : Round(average * 100 / c.Max));
        }).ToList();

        // What the office follows up comes first: not reported, then late, then on time; each in the order given.
        var reports = input.Reports.OrderByDescending(r => r.Timeliness).Select(r => new BulletinReportRow(r.Name, Words(r.Timeliness))).ToList();

        var overview = new List<string> { Situation(input, units, counts) };
        if (Extremes(units) is { } extremes) overview.Add(extremes);
        if (input.Previous is not null && Changes(input.Previous, units, previous!, input.Grades) is { } changes) overview.Add(changes);
        var reportSummary = ReportSummary(input.Reports);
        if (reportSummary is not null) overview.Add(reportSummary);

        return new BulletinContent(input.CampaignName, input.PeriodLabel, overview, counts, ranking, lists, gradesAreLists, reports, reportSummary,
            categories, input.Trend, input.Previous is not null);
    }

    /// <summary>A decimal as a bulletin writes it: at most two places, no trailing zeros (92.5, 88, 90.25).</summary>
    public static string Number(decimal value) => Round(value).ToString("0.##", CultureInfo.InvariantCulture);

    public static string Words(ReportTimeliness timeliness) => timeliness switch
    {
        ReportTimeliness.OnTime => "按时报送",
        ReportTimeliness.Late => "逾期报送",
        _ => "未报送",
    };

    private static decimal Round(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    private static string Situation(BulletinInput input, List<BulletinUnit> units, List<BulletinGradeCount> counts)
    {
        if (units.Count == 0)
            return $"{input.PeriodLabel}，{input.CampaignName}没有参评单位。";
        var average = units.Average(u => u.Total);
        var text = $"{input.PeriodLabel}，{input.CampaignName}共评价{units.Count}个单位，平均得分{Number(average)}分，"
            + $"最高{Number(units.Max(u => u.Total))}分，最低{Number(units.Min(u => u.Total))}分";
        var graded = counts.Where(c => c.Count > 0).ToList();
        if (input.Grades.Count > 0 && graded.Count > 0)
            text += "。其中" + string.Join("、", graded.Select(c => $"{c.Grade}{c.Count}个"));
        return text + "。";
    }

    private static string? Extremes(List<BulletinUnit> units)
    {
        if (units.Count < 2)
            return null;
        var best = units.Where(u => u.Rank == units[0].Rank).ToList();
        var lastRank = units.Max(u => u.Rank);
        var last = units.Where(u => u.Rank == lastRank).ToList();
        return $"排名第一的是{Names(best)}（{Number(best[0].Total)}分），排名末位的是{Names(last)}（{Number(last[0].Total)}分）。";
    }

    private static string? Changes(BulletinPreviousPeriod previous, List<BulletinUnit> units, Dictionary<string, BulletinUnit> before, IReadOnlyList<string> grades)
    {
        var both = units.Where(u => before.ContainsKey(u.Key)).ToList();
        if (both.Count == 0 || previous.Units.Count == 0)
            return null;
        var now = units.Average(u => u.Total);
        var then = previous.Units.Average(u => u.Total);
        var delta = Round(now - then);
        var text = $"与{previous.PeriodLabel}相比，平均得分" + (delta > 0 ? $"上升{Number(delta)}分" : delta < 0 ? $"下降{Number(-delta)}分" : "持平");

        // A rank moved up is a smaller number; the largest move each way, ties named together.
        var moves = both.Select(u => (Unit: u, Up: before[u.Key].Rank - u.Rank)).ToList();
        var up = moves.Max(m => m.Up);
        if (up > 0)
            text += $"；进步最大的是{Names(moves.Where(m => m.Up == up).Select(m => m.Unit))}（上升{up}位）";
        var down = moves.Min(m => m.Up);
        if (down < 0)
            text += $"；退步最大的是{Names(moves.Where(m => m.Up == down).Select(m => m.Unit))}（下降{-down}位）";

        if (grades.Count > 0)
        {
            // Grades are listed best first: a smaller index is a better grade.
            var index = grades.Select((g, i) => (g, i)).ToDictionary(x => x.g, x => x.i, StringComparer.Ordinal);
            int Order(string? g) => g is not null && index.TryGetValue(g, out var i) ? i : grades.Count;
            var better = both.Count(u => Order(u.Grade) < Order(before[u.Key].Grade));
            var worse = both.Count(u => Order(u.Grade) > Order(before[u.Key].Grade));
            if (better + worse > 0)
                text += $"；等次提升的{better}个，等次下降的{worse}个";
        }
        return text + "。";
    }

    private static string? ReportSummary(IReadOnlyList<BulletinReport> reports)
    {
        if (reports.Count == 0)
            return null;
        var late = reports.Where(r => r.Timeliness == ReportTimeliness.Late).Select(r => r.Name).ToList();
        var missing = reports.Where(r => r.Timeliness == ReportTimeliness.Missing).Select(r => r.Name).ToList();
        var text = $"报送方面，按时报送{reports.Count - late.Count - missing.Count}个单位";
        text += late.Count > 0 ? $"，逾期报送{late.Count}个（{string.Join("、", late)}）" : "，无逾期报送";
        text += missing.Count > 0 ? $"，未报送{missing.Count}个（{string.Join("、", missing)}）" : "，无未报送单位";
        return text + "。";
    }

    private static string Change(BulletinUnit unit, Dictionary<string, BulletinUnit>? previous)
    {
        if (previous is null)
            return "";
        if (!previous.TryGetValue(unit.Key, out var before))
            return "新增";
        var up = before.Rank - unit.Rank;
        return up > 0 ? $"↑{up}" : up < 0 ? $"↓{-up}" : "—";
    }

    private static string Names(IEnumerable<BulletinUnit> units) => string.Join("、", units.Select(u => u.Name));
}
