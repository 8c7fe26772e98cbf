namespace Chengxin.Documents.Tests;

public sealed class ChartsTests
{
    private static void Keep(string name, byte[] png) => File.WriteAllBytes(Path.Combine(Poppler.OutputFolder, name + ".png"), png);

    [Fact]
    public void GradeDistribution_FourGrades_IsAPngOfTheChartSize()
    {
        var png = Charts.GradeDistribution("等次分布", [new("优秀", 3), new("良好", 5), new("一般", 2), new("较差", 1)]);
        Keep("chart-grades", png);

        png[..4].ShouldBe(new byte[] { 0x89, 0x50, 0x4E, 0x47 });
        png.Length.ShouldBeGreaterThan(5000);
    }

    [Fact]
    public void Ranking_ThirtyUnits_GrowsWithTheUnits()
    {
        var small = Charts.Ranking("排名", Enumerable.Range(1, 5).Select(i => new ChartBar($"第{i}单位", 100 - i)).ToList());
        var large = Charts.Ranking("排名", Enumerable.Range(1, 30).Select(i => new ChartBar($"第{i}单位", 100 - i)).ToList());
        Keep("chart-ranking", large);

        BitConverter.ToInt32(large.AsSpan(20, 4).ToArray().Reverse().ToArray()).ShouldBeGreaterThan(BitConverter.ToInt32(small.AsSpan(20, 4).ToArray().Reverse().ToArray()));
    }

    [Fact]
    public void Trend_FourQuarters_IsAPng()
    {
        var png = Charts.Trend("平均分走势", [new("第一季度", 88.5m), new("第二季度", 90.25m), new("第三季度", 91m), new("第四季度", 93.75m)]);
        Keep("chart-trend", png);

        png[..4].ShouldBe(new byte[] { 0x89, 0x50, 0x4E, 0x47 });
    }
}
