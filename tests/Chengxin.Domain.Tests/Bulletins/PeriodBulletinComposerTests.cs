using Chengxin.Domain.Bulletins;
using Chengxin.Domain.Campaigns;

namespace Chengxin.Domain.Tests.Bulletins;

/// <summary>
/// Seed 003 第十二条: 「每季度通报各县（市、区）专班阶段性工作成绩」, with the yearly rule 「9个月考评平均得分」 (a month without a
/// result counted as 0) applied to the quarter's months.
/// </summary>
public sealed class PeriodBulletinComposerTests
{
    private static BulletinUnit Unit(string key, decimal total, int rank, string? grade = null) => new(key, $"{key}县专班", total, grade, rank, []);

    private static PeriodBulletinPart Month(int month, params BulletinUnit[] units) =>
        new(Period.Month(2025, month), $"2025年{month}月政务守信践诺工作月度考评", units);

    private static PeriodBulletinInput Quarter() => new(null, [],
    [
        Month(10, Unit("甲", 40, 1), Unit("乙", 30, 2), Unit("丙", 20, 3)),
        Month(11, Unit("乙", 45, 1), Unit("甲", 35, 2)),
        Month(12, Unit("丙", 48, 1), Unit("甲", 45, 2), Unit("乙", 36, 3)),
    ]);

    [Fact]
    public void Compose_QuarterOfMonths_AveragesOverEveryMonthWithAMissingOneAsZero()
    {
        var content = PeriodBulletinComposer.Compose(Quarter());

        // 甲 (40 + 35 + 45) / 3 = 40; 乙 (30 + 45 + 36) / 3 = 37; 丙 (20 + 0 + 48) / 3 = 22.67.
        content.Ranking.Select(r => (r.Rank, r.Name, r.Average)).ShouldBe([(1, "甲县专班", 40m), (2, "乙县专班", 37m), (3, "丙县专班", 22.67m)]);
        content.Ranking[2].Totals.ShouldBe([20m, null, 48m]);
        content.Method.ShouldBe("各单位得分为2025年第四季度3期评价得分的平均数，某期没有评价结果的按0分计入（除数始终为3），与年度考评“考评平均得分”的算法一致。");
    }

    [Fact]
    public void Compose_QuarterOfMonths_NamesTheQuarterTheFamilyAndTheMonths()
    {
        var content = PeriodBulletinComposer.Compose(Quarter());

        content.Title.ShouldBe("2025年第四季度");
        PeriodBulletinComposer.DocumentTitle(content).ShouldBe("关于2025年第四季度政务守信践诺工作月度考评结果的通报");
        content.Overview[0].ShouldBe("2025年第四季度，政务守信践诺工作月度考评共3期（2025年10月、2025年11月、2025年12月），参评单位3个，"
            + "各单位平均得分的均值为33.22分，最高40分，最低22.67分。");
        content.Overview[1].ShouldBe("本期平均得分排名第一的是甲县专班（40分），排名末位的是丙县专班（22.67分）。");
    }

    [Fact]
    public void Compose_MonthsGivenOutOfOrder_TrendFollowsTheCalendar()
    {
        var input = Quarter() with { Parts = [.. Quarter().Parts.Reverse()] };

        var content = PeriodBulletinComposer.Compose(input);

        // 10月 (40 + 30 + 20) / 3 = 30; 11月 (45 + 35) / 2 = 40; 12月 (48 + 45 + 36) / 3 = 43.
        content.Trend.Select(t => (t.PeriodLabel, t.Average)).ShouldBe([("2025年10月", 30m), ("2025年11月", 40m), ("2025年12月", 43m)]);
        content.Overview[2].ShouldBe("各期平均得分依次为2025年10月30分、2025年11月40分、2025年12月43分，2025年12月比2025年10月上升13分。");
    }

    [Fact]
    public void Compose_UnitMissingAMonth_IsNamedWithTheMonth()
    {
        var content = PeriodBulletinComposer.Compose(Quarter());

        var absence = content.Absences.ShouldHaveSingleItem();
        (absence.Name, string.Join("、", absence.PeriodLabels)).ShouldBe(("丙县专班", "2025年11月"));
        content.Overview.ShouldContain("未参加全部各期评价的单位：丙县专班（缺2025年11月），缺期按0分计入平均。");
    }

    [Fact]
    public void Compose_EqualAverages_ShareTheRankAndTheNextSkips()
    {
        var input = new PeriodBulletinInput("2025年四季度", [],
            [Month(10, Unit("甲", 30, 1), Unit("乙", 30, 1), Unit("丙", 10, 3)), Month(11, Unit("甲", 40, 1), Unit("乙", 40, 1), Unit("丙", 20, 3))]);

        var content = PeriodBulletinComposer.Compose(input);

        content.Ranking.Select(r => r.Rank).ShouldBe([1, 1, 3]);
        content.Title.ShouldBe("2025年四季度");
        content.Overview[1].ShouldStartWith("本期平均得分排名第一的是甲县专班、乙县专班（35分）");
    }

    [Fact]
    public void Compose_LateAndMissingReports_CountedPerUnitOverTheMonths()
    {
        var input = Quarter() with
        {
            Parts =
            [
                Quarter().Parts[0] with { Reports = [new("甲县专班", ReportTimeliness.OnTime), new("乙县专班", ReportTimeliness.Late), new("丙县专班", ReportTimeliness.OnTime)] },
                Quarter().Parts[1] with { Reports = [new("甲县专班", ReportTimeliness.OnTime), new("乙县专班", ReportTimeliness.Late)] },
                Quarter().Parts[2] with { Reports = [new("甲县专班", ReportTimeliness.OnTime), new("乙县专班", ReportTimeliness.OnTime), new("丙县专班", ReportTimeliness.Missing)] },
            ],
        };

        var content = PeriodBulletinComposer.Compose(input);

        content.ReportSummary.ShouldBe("报送方面，各期均按时报送的1个单位；逾期报送的有乙县专班2次；未报送的有丙县专班1次。");
        content.Reports[0].ShouldBe(new PeriodReportRow("丙县专班", 1, 0, 1));
    }

    [Fact]
    public void Compose_GradedFamily_CountsEachGradePerPeriod()
    {
        var input = new PeriodBulletinInput(null, ["红名单", "蓝名单", "黄名单"],
        [
            new(Period.Quarter(2025, 3), "2025年第三季度综合信用评价", [Unit("甲", 90, 1, "红名单"), Unit("乙", 70, 2, "蓝名单")]),
            new(Period.Quarter(2025, 4), "2025年第四季度综合信用评价", [Unit("甲", 88, 1, "红名单"), Unit("乙", 50, 2, "黄名单")]),
        ]);

        var content = PeriodBulletinComposer.Compose(input);

        content.GradeCounts.Select(g => (g.PeriodLabel, string.Join(",", g.Counts))).ShouldBe([("2025年第三季度", "1,1,0"), ("2025年第四季度", "1,0,1")]);
        content.Title.ShouldBe("2025年第三季度至2025年第四季度");
    }

    [Fact]
    public void SpanLabel_FourQuartersOfAYear_IsTheYear()
    {
        PeriodBulletinComposer.SpanLabel([.. Enumerable.Range(1, 4).Select(q => Period.Quarter(2025, q))]).ShouldBe("2025年度");
    }

    [Fact]
    public void Compose_NoParts_Refused()
    {
        Should.Throw<DomainRuleException>(() => PeriodBulletinComposer.Compose(new PeriodBulletinInput(null, [], [])));
    }
}
