using Chengxin.Domain.Calendar;
using Chengxin.Domain.Monitoring;
using Chengxin.Domain.Schemes;
using Chengxin.Domain.Scoring;

namespace Chengxin.Domain.Tests.Monitoring;

/// <summary>The monitoring kinds of system facts that seeds 001 and 002 read: the negative-opinion band and the 双公示 yes/no facts.</summary>
public sealed class MonitoringSystemFactTests
{
    [Theory]
    // Seed 001 item 23: 「按公务员失信人员数量与人口比例计算负面舆情指数，按负面舆情指数分档计分」 — per 100,000 people, one band per started point.
    [InlineData(0, 500_000L, 0)]
    [InlineData(1, 500_000L, 1)]
    [InlineData(1, 100_000L, 1)]
    [InlineData(3, 200_000L, 2)]
    [InlineData(4, 100_000L, 4)]
    [InlineData(5, 100_000L, 5)]
    [InlineData(9, 10_000L, 5)]
    public void OpinionIndex_DishonestCivilServantsPerPopulation_FallsInItsBand(int dishonest, long population, int band) =>
        SystemFacts.OpinionIndex(dishonest, population).ShouldBe(band);

    [Fact]
    public void OpinionIndex_WithoutPopulation_IsUnknownUnlessNobodyIsListed()
    {
        SystemFacts.OpinionIndex(0, null).ShouldBe(0);
        SystemFacts.OpinionIndex(2, null).ShouldBeNull();
        SystemFacts.OpinionIndex(2, 0).ShouldBeNull();
    }

    [Fact]
    public void DualDisclosureWithinSevenDays_CountsCalendarDays_AndCompleteMeansNoRefusedRow()
    {
        var calendar = new WorkingDayCalendar("test", [2022], [], []);
        var days = new WorkingDayIndex(calendar);
        // Seed 002 「在7天内完成系统归集」: decided 06-24, reported 07-01 is the 7th day (on time); 07-02 the 8th (late).
        StoredDisclosure Record(string reported) => new(0, 1, "文书号", "相对人", new DateOnly(2022, 6, 24), DateOnly.Parse(reported), false);
        var onTime = DualDisclosureStatistics.ByDepartment([Record("2022-07-01")], [], SystemFacts.SevenCalendarDays, days)[1];
        var late = DualDisclosureStatistics.ByDepartment([Record("2022-07-02")], [], SystemFacts.SevenCalendarDays, days)[1];
        SystemFacts.Value(SystemFacts.DualDisclosureWithinSevenDays, onTime, onTime).ShouldBe(FactValue.Bool(true));
        SystemFacts.Value(SystemFacts.DualDisclosureWithinSevenDays, onTime, late).ShouldBe(FactValue.Bool(false));
        // Nothing reported in the quarter: nothing late, nothing refused.
        SystemFacts.Value(SystemFacts.DualDisclosureWithinSevenDays, null, null).ShouldBe(FactValue.Bool(true));
        SystemFacts.Value(SystemFacts.DualDisclosureComplete, null, null).ShouldBe(FactValue.Bool(true));
        var refused = DualDisclosureStatistics.ByDepartment([], [new WrongDisclosure(1, new DateOnly(2022, 6, 1), 7, 3, "决定日期", "不能为空", null)],
            SystemFacts.SevenCalendarDays, days)[1];
        SystemFacts.Value(SystemFacts.DualDisclosureComplete, refused, refused).ShouldBe(FactValue.Bool(false));
        SystemFacts.TypeOf(SystemFacts.DualDisclosureComplete).ShouldBe(FactType.Bool);
        SystemFacts.TypeOf(SystemFacts.CivilServantOpinionGrade).ShouldBe(FactType.Count);
    }
}
