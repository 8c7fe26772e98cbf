using System.Globalization;
using Chengxin.Documents;
using Chengxin.Documents.Bulletins;
using Chengxin.Domain.Bulletins;
using static Chengxin.Domain.Bulletins.BulletinComposer;

namespace Chengxin.Server.Features.Bulletins;

/// <summary>
/// A period bulletin (阶段通报) laid out as an official notice: the overall situation with how the score over the span is
/// reckoned, the ranking by average with each period's total beside it, the grade counts of each period, the units missing
/// from some period, the reporting, and the trend and ranking charts drawn from the same numbers.
/// </summary>
internal static class PeriodBulletinLayout
{
    public static OfficialDocument Build(PeriodBulletinContent c, BulletinHeader h)
    {
        var body = new List<DocumentBlock>();
        var section = 0;
        var figure = 0;
        string Next(string title) => $"{"一二三四五六七八九"[section++]}、{title}";
        string Figure(string caption) => $"图{++figure} {caption}";
        var columns = ShortLabels(c.PeriodLabels);

        body.Add(new ParagraphBlock($"现将{c.Title}{c.Name}各期评价结果汇总通报如下。"));
        body.Add(new HeadingBlock(Next("总体情况")));
        body.AddRange(c.Overview.Select(s => new ParagraphBlock(s)));
        body.Add(new ParagraphBlock(c.Method));
        if (c.Trend.Count > 1)
            body.Add(new ImageBlock(Charts.Trend("各期平均得分", c.Trend.Select(t => new ChartBar(t.PeriodLabel, t.Average)).ToList()), Figure("各期平均得分")));

        body.Add(new HeadingBlock(Next("阶段排名")));
        body.Add(new TableBlock(["名次", "单位", .. columns, "平均分"],
            c.Ranking.Select(r => (IReadOnlyList<string>)[r.Rank.ToString(CultureInfo.InvariantCulture), r.Name, .. r.Totals.Select(PeriodBulletinComposer.Cell), Number(r.Average)]).ToList(),
            [1, 4, .. columns.Select(_ => 2), 2]));
        if (c.Ranking.Count > 0)
        {
            var shown = c.Ranking.Take(BulletinDocument.RankingChartUnits).Select(r => new ChartBar(r.Name, r.Average)).ToList();
            var caption = c.Ranking.Count > BulletinDocument.RankingChartUnits ? $"平均得分排名（前{BulletinDocument.RankingChartUnits}名）" : "平均得分排名";
            body.Add(new ImageBlock(Charts.Ranking(caption, shown), Figure(caption)));
        }

        if (c.GradeCounts.Count > 0)
        {
            body.Add(new HeadingBlock(Next("各期等次分布")));
            body.Add(new TableBlock(["期别", .. c.Grades],
                c.GradeCounts.Select(g => (IReadOnlyList<string>)[g.PeriodLabel, .. g.Counts.Select(n => n.ToString(CultureInfo.InvariantCulture))]).ToList(),
                [3, .. c.Grades.Select(_ => 2)]));
        }

        if (c.Absences.Count > 0)
        {
            body.Add(new HeadingBlock(Next("缺期单位")));
            body.AddRange(c.Absences.Select(a => new ParagraphBlock($"{a.Name}：缺{string.Join("、", a.PeriodLabels)}的评价结果，按0分计入平均。")));
        }

        if (c.Reports.Count > 0)
        {
            body.Add(new HeadingBlock(Next("报送情况")));
            body.Add(new ParagraphBlock(c.ReportSummary!));
            body.Add(new TableBlock(["单位", "按时报送（期）", "逾期报送（期）", "未报送（期）"],
                c.Reports.Select(r => (IReadOnlyList<string>)[r.Name, Count(r.OnTime), Count(r.Late), Count(r.Missing)]).ToList(), [3, 2, 2, 2]));
        }

        return new OfficialDocument(h.Issuer, h.Number, h.Date, PeriodBulletinComposer.DocumentTitle(c), body) { Addressee = h.Addressee, CopyTo = h.CopyTo };
    }

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary>Periods of one year drop the year in a column header (「10月」「第四季度」): the title already says it.</summary>
    private static List<string> ShortLabels(IReadOnlyList<string> labels)
    {
        var year = labels.Count > 0 && labels[0].Length > 5 && labels[0][4] == '年' ? labels[0][..5] : null;
        return year is not null && labels.All(l => l.StartsWith(year, StringComparison.Ordinal) && l.Length > year.Length)
            ? labels.Select(l => l[year.Length..]).ToList()
            : labels.ToList();
    }
}
