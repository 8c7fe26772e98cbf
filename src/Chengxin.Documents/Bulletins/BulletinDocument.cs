using System.Globalization;
using Chengxin.Domain.Bulletins;
using static Chengxin.Domain.Bulletins.BulletinComposer;

namespace Chengxin.Documents.Bulletins;

/// <summary>The header of a bulletin as the office issues it: its name (发文机关标志), number, date, to whom and who gets a copy.</summary>
public sealed record BulletinHeader(string Issuer, string? Number, DateOnly Date)
{
    public string? Addressee { get; init; }

    public string? CopyTo { get; init; }
}

/// <summary>The charts of a bulletin as PNG: grade distribution, ranking (the first <see cref="BulletinDocument.RankingChartUnits"/>), trend.</summary>
public sealed record BulletinCharts(byte[] Grades, byte[] Ranking, byte[] Trend);

/// <summary>
/// A composed bulletin (通报) laid out: as an <see cref="OfficialDocument"/> for the default layout (DOCX and PDF), or as
/// <see cref="TemplateData"/> for an office's own template. The names a template may use are those of <see cref="Data"/>;
/// README.md lists them.
/// </summary>
public static class BulletinDocument
{
    /// <summary>How many units the ranking chart shows: a page holds about thirty bars; the table has every unit.</summary>
    public const int RankingChartUnits = 30;

    public static string Title(BulletinContent c) => BulletinComposer.DocumentTitle(c.CampaignName);

    public static BulletinCharts Charts(BulletinContent c)
    {
        var grades = Documents.Charts.GradeDistribution("等次分布", c.GradeCounts.Select(g => new ChartBar(g.Grade, g.Count)).ToList());
        var shown = c.Ranking.Take(RankingChartUnits).Select(r => new ChartBar(r.Name, r.Total)).ToList();
        var ranking = Documents.Charts.Ranking(c.Ranking.Count > RankingChartUnits ? $"得分排名（前{RankingChartUnits}名）" : "得分排名", shown);
        var trend = Documents.Charts.Trend("各期平均得分", c.Trend.Select(t => new ChartBar(t.PeriodLabel, t.Average)).ToList());
        return new BulletinCharts(grades, ranking, trend);
    }

    /// <summary>The bulletin in the default layout, section by section; a section with nothing to say is left out.</summary>
    public static OfficialDocument Build(BulletinContent c, BulletinHeader h, BulletinCharts charts)
    {
        var body = new List<DocumentBlock>();
        var section = 0;
        string Next(string title) => $"{Chinese(++section)}、{title}";

        body.Add(new ParagraphBlock($"现将{c.CampaignName}（{c.PeriodLabel}）{ResultOf(c.CampaignName)}通报如下。"));
        body.Add(new HeadingBlock(Next("总体情况")));
        body.AddRange(c.Overview.Select(s => new ParagraphBlock(s)));
        if (c.GradeCounts.Count > 0)
            body.Add(new ImageBlock(charts.Grades, "图1 等次分布"));

        body.Add(new HeadingBlock(Next("评价排名")));
        body.Add(RankingTable(c));
        if (c.Ranking.Count > 0)
            body.Add(new ImageBlock(charts.Ranking, c.Ranking.Count > RankingChartUnits ? $"图2 得分排名（前{RankingChartUnits}名）" : "图2 得分排名"));

        if (c.GradeLists.Count > 0)
        {
            body.Add(new HeadingBlock(Next(c.GradesAreLists ? string.Join("、", c.GradeLists.Select(l => l.Grade)) : "各等次单位")));
            body.AddRange(c.GradeLists.Select(l => new ParagraphBlock($"{l.Grade}（{l.Units.Count}个）：{(l.Units.Count == 0 ? "无" : string.Join("、", l.Units))}。")));
        }

        if (c.Reports.Count > 0)
        {
            body.Add(new HeadingBlock(Next("报送情况")));
            body.Add(new ParagraphBlock(c.ReportSummary!));
            body.Add(new TableBlock(["单位", "报送情况"], c.Reports.Select(r => (IReadOnlyList<string>)[r.Name, r.Timeliness]).ToList(), [3, 1]));
        }

        if (c.Categories.Count > 0)
        {
            body.Add(new HeadingBlock(Next("各项指标得分情况")));
            body.Add(CategoryTable(c));
        }

        if (c.Trend.Count > 1)
        {
            body.Add(new HeadingBlock(Next("各期走势")));
            body.Add(new ImageBlock(charts.Trend, "图3 各期平均得分"));
        }

        return new OfficialDocument(h.Issuer, h.Number, h.Date, Title(c), body) { Addressee = h.Addressee, CopyTo = h.CopyTo };
    }

    /// <summary>What an office's template may name: fields, the three tables and the three charts (README.md lists them).</summary>
    public static TemplateData Data(BulletinContent c, BulletinHeader h, BulletinCharts charts)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["发文机关"] = h.Issuer,
            ["文号"] = h.Number ?? "",
            ["日期"] = DocxWriter.ChineseDate(h.Date),
            ["标题"] = Title(c),
            ["主送"] = h.Addressee ?? "",
            ["抄送"] = h.CopyTo ?? "",
            ["批次"] = c.CampaignName,
            ["期别"] = c.PeriodLabel,
            ["单位数"] = c.Ranking.Count.ToString(CultureInfo.InvariantCulture),
            ["平均分"] = c.Ranking.Count == 0 ? "0" : Number(c.Ranking.Average(r => r.Total)),
            ["总体情况"] = string.Join("\n", c.Overview),
            ["报送情况"] = c.ReportSummary ?? "",
            ["等次名单"] = string.Join("\n", c.GradeLists.Select(l => $"{l.Grade}（{l.Units.Count}个）：{(l.Units.Count == 0 ? "无" : string.Join("、", l.Units))}。")),
        };
        // Each grade by its own name (红名单, 优秀 …): the units that have it.
        foreach (var list in c.GradeLists)
            fields.TryAdd(list.Grade, list.Units.Count == 0 ? "无" : string.Join("、", list.Units));

        var tables = new Dictionary<string, TemplateTable>(StringComparer.Ordinal)
        {
            ["排名"] = new(RankingColumns, c.Ranking.Select(r => (IReadOnlyList<string>)
                [r.Rank.ToString(CultureInfo.InvariantCulture), r.Name, Number(r.Total), r.Grade, r.Change]).ToList()),
            ["报送"] = new(["单位", "报送情况"], c.Reports.Select(r => (IReadOnlyList<string>)[r.Name, r.Timeliness]).ToList()),
            ["指标"] = new(CategoryColumns, CategoryTable(c).Rows),
        };
        var images = new Dictionary<string, byte[]>(StringComparer.Ordinal) { ["等次分布"] = charts.Grades, ["排名"] = charts.Ranking, ["走势"] = charts.Trend };
        return new TemplateData(fields, tables, images);
    }

    private static readonly string[] RankingColumns = ["名次", "单位", "总分", "等次", "名次变化"];
    private static readonly string[] CategoryColumns = ["指标", "满分", "平均分", "得分率"];

    /// <summary>The ranking; without the 等次 column when the scheme has no grades, and the change column only with a previous period.</summary>
    private static TableBlock RankingTable(BulletinContent c)
    {
        var graded = c.GradeLists.Count > 0;
        var columns = RankingColumns.Where(h => (graded || h != "等次") && (c.HasPrevious || h != "名次变化")).ToArray();
        return new(columns,
            c.Ranking.Select(r =>
            {
                var row = new List<string> { r.Rank.ToString(CultureInfo.InvariantCulture), r.Name, Number(r.Total) };
                if (graded)
                    row.Add(r.Grade);
                if (c.HasPrevious)
                    row.Add(r.Change);
                return (IReadOnlyList<string>)row;
            }).ToList(),
            [1, 4, .. Enumerable.Repeat(2, columns.Length - 2)]);
    }

    private static TableBlock CategoryTable(BulletinContent c) =>
        new(CategoryColumns, c.Categories.Select(x => (IReadOnlyList<string>)[x.Title, Number(x.Max), Number(x.Average), Number(x.Rate) + "%"]).ToList(),
            [4, 1, 1, 1]);

    private static string Chinese(int n) => n switch
    {
        1 => "一", 2 => "二", 3 => "三", 4 => "四", 5 => "五", 6 => "六", 7 => "七", 8 => "八", 9 => "九", _ => n.ToString(CultureInfo.InvariantCulture),
    };
}
