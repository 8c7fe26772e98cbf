namespace Chengxin.Documents.Tests;

/// <summary>Documents the tests write: a notice with every kind of block, and a ranking long enough to run over pages.</summary>
public static class Samples
{
    public static OfficialDocument Notice(int units = 12)
    {
        var rows = Enumerable.Range(1, units)
            .Select(i => (IReadOnlyList<string>)[i.ToString(System.Globalization.CultureInfo.InvariantCulture), $"第{i}责任单位", (100 - i * 0.5m).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture), i <= 3 ? "优秀" : "良好"])
            .ToList();
        var grades = new[] { new ChartBar("优秀", 3), new ChartBar("良好", units - 3), new ChartBar("一般", 0) };
        return new OfficialDocument("淮安市清江浦区社会信用体系建设领导小组办公室", "清信办〔2026〕12号", new DateOnly(2026, 12, 6),
            "关于2026年第三季度政务诚信评价情况的通报",
            [
                new HeadingBlock("一、总体情况"),
                new ParagraphBlock($"本期共评价{units}个单位，平均得分97.25分，其中优秀3个、良好{units - 3}个。"),
                new HeadingBlock("二、排名情况"),
                new TableBlock(["名次", "单位", "总分", "等次"], rows, [1, 4, 2, 2]),
                new ImageBlock(Charts.GradeDistribution("等次分布", grades), "图1 等次分布"),
            ])
        {
            Addressee = "各镇（街道）、区各有关部门",
            CopyTo = "区委办公室，区政府办公室",
        };
    }
}
