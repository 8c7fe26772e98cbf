using Chengxin.Domain.Bulletins;

namespace Chengxin.Domain.Tests.Bulletins;

/// <summary>
/// Seed 002: 「评价结果…向区委、区政府主要领导报告…在信用淮安网站公布红、蓝、黄名单」; seed 003: 「每月通报各责任单位…报送情况」.
/// </summary>
public sealed class BulletinComposerTests
{
    private static readonly string[] Lists = ["红名单", "蓝名单", "黄名单"];

    private static BulletinUnit Unit(string key, decimal total, string? grade, int rank) => new(key, $"{key}局", total, grade, rank, [total / 2, total / 2]);

    private static BulletinInput Quarter() => new("2022年第三季度政务诚信评价", "2022年第三季度", Lists,
        [new BulletinCategory("信用制度建设", 50), new BulletinCategory("守信践诺", 50)],
        [Unit("甲", 92, "红名单", 1), Unit("乙", 86.5m, "红名单", 2), Unit("丙", 70, "蓝名单", 3), Unit("丁", 55.25m, "黄名单", 4)]);

    [Fact]
    public void Compose_Quarter_SaysHowManyTheAverageAndTheGradeCounts()
    {
        var content = BulletinComposer.Compose(Quarter());

        content.Overview[0].ShouldBe("2022年第三季度，2022年第三季度政务诚信评价共评价4个单位，平均得分75.94分，最高92分，最低55.25分。其中红名单2个、蓝名单1个、黄名单1个。");
    }

    [Fact]
    public void Compose_Quarter_NamesTheBestAndTheLast()
    {
        var content = BulletinComposer.Compose(Quarter());

        content.Overview[1].ShouldBe("排名第一的是甲局（92分），排名末位的是丁局（55.25分）。");
    }

    [Fact]
    public void Compose_SharedFirstRank_NamesBoth()
    {
        var input = Quarter() with { Units = [Unit("甲", 90, "红名单", 1), Unit("乙", 90, "红名单", 1), Unit("丙", 60, "蓝名单", 3)] };

        BulletinComposer.Compose(input).Overview[1].ShouldStartWith("排名第一的是甲局、乙局（90分）");
    }

    [Fact]
    public void Compose_WithThePreviousQuarter_SaysWhatChanged()
    {
        var input = Quarter() with
        {
            Previous = new BulletinPreviousPeriod("2022年第二季度",
                [Unit("甲", 80, "蓝名单", 3), Unit("乙", 88, "红名单", 1), Unit("丙", 84, "蓝名单", 2), Unit("丁", 50, "黄名单", 4)]),
        };

        var content = BulletinComposer.Compose(input);

        content.Overview[2].ShouldBe("与2022年第二季度相比，平均得分上升0.44分；进步最大的是甲局（上升2位）；退步最大的是乙局、丙局（下降1位）；等次提升的1个，等次下降的0个。");
        content.Ranking.Select(r => r.Change).ShouldBe(["↑2", "↓1", "↓1", "—"]);
    }

    [Fact]
    public void Compose_UnitNewThisPeriod_IsMarkedNew()
    {
        var input = Quarter() with { Previous = new BulletinPreviousPeriod("2022年第二季度", [Unit("甲", 80, "蓝名单", 1)]) };

        BulletinComposer.Compose(input).Ranking.Single(r => r.Name == "丁局").Change.ShouldBe("新增");
    }

    [Fact]
    public void Compose_RedBlueYellowGrades_AreTheListsInRankOrder()
    {
        var content = BulletinComposer.Compose(Quarter());

        content.GradesAreLists.ShouldBeTrue();
        content.GradeLists.Select(l => (l.Grade, string.Join("、", l.Units))).ShouldBe([("红名单", "甲局、乙局"), ("蓝名单", "丙局"), ("黄名单", "丁局")]);
    }

    [Fact]
    public void Compose_Reports_CountsOnTimeLateAndMissingByName()
    {
        var input = Quarter() with
        {
            Reports = [new("甲局", ReportTimeliness.OnTime), new("乙局", ReportTimeliness.Late), new("丙局", ReportTimeliness.Missing), new("丁局", ReportTimeliness.OnTime)],
        };

        var content = BulletinComposer.Compose(input);

        content.ReportSummary.ShouldBe("报送方面，按时报送2个单位，逾期报送1个（乙局），未报送1个（丙局）。");
        content.Reports.Select(r => $"{r.Name}{r.Timeliness}").ShouldBe(["丙局未报送", "乙局逾期报送", "甲局按时报送", "丁局按时报送"]);
    }

    [Fact]
    public void Compose_Categories_AverageAndRateOfTheMaximum()
    {
        var content = BulletinComposer.Compose(Quarter());

        content.Categories[0].ShouldBe(new BulletinCategoryAverage("信用制度建设", 50, 37.97m, 75.94m));
    }

    [Fact]
    public void Compose_SchemeWithoutGrades_NoGradeSentenceNorLists()
    {
        var input = Quarter() with { Grades = [], Units = [Unit("甲", 92, null, 1), Unit("乙", 80, null, 2)] };

        var content = BulletinComposer.Compose(input);

        content.Overview[0].ShouldNotContain("其中");
        content.GradeLists.ShouldBeEmpty();
        // Ranked by points alone: no grade distribution, not a count of 「未定等次」.
        content.GradeCounts.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("2025年第三季度乡镇政务诚信评价", "关于2025年第三季度乡镇政务诚信评价结果的通报")]
    [InlineData("2025年10月政务守信践诺工作月度考评", "关于2025年10月政务守信践诺工作月度考评结果的通报")]
    [InlineData("2025年度县直单位政务诚信考核", "关于2025年度县直单位政务诚信考核结果的通报")]
    [InlineData("2025年第三季度政务诚信", "关于2025年第三季度政务诚信评价结果的通报")]
    public void DocumentTitle_NameEndingInWhatWasEvaluated_IsNotSaidTwice(string name, string title) =>
        BulletinComposer.DocumentTitle(name).ShouldBe(title);

    [Fact]
    public void Compose_NoUnits_SaysSoInOneSentence()
    {
        var content = BulletinComposer.Compose(Quarter() with { Units = [] });

        content.Overview.ShouldBe(["2022年第三季度，2022年第三季度政务诚信评价没有参评单位。"]);
    }
}
