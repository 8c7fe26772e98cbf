using Chengxin.Domain.Calendar;

namespace Chengxin.Domain.Tests.Calendar;

public class WorkingDayCalendarTests
{
    private static readonly WorkingDayCalendar China =
        WorkingDayCalendar.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "calendars", "cn-mainland.yaml")), "cn-mainland.yaml");

    private static DateOnly D(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2023-10-02", false)] // 国庆假期
    [InlineData("2023-10-07", true)]  // 调休上班的星期六
    [InlineData("2023-10-09", true)]  // 平常的星期一
    [InlineData("2023-10-14", false)] // 平常的星期六
    [InlineData("2024-02-04", true)]  // 春节前调休的星期日
    [InlineData("2024-02-12", false)] // 春节
    [InlineData("2026-02-28", true)]  // 春节后调休的星期六
    public void IsWorkingDay_FollowsTheOfficialCalendarWithMakeUpDays(string date, bool working) =>
        China.IsWorkingDay(D(date)).ShouldBe(working);

    [Fact]
    public void AddWorkingDays_AcrossTheNationalDayHoliday_SkipsItAndCountsTheMakeUpDays()
    {
        // Decided 2023-09-27 (Wed). Working days after: 9-28 (1); 9-29..10-06 holiday; 10-07 Sat make-up (2),
        // 10-08 Sun make-up (3), 10-09 (4), 10-10 (5), 10-11 (6), 10-12 (7).
        China.AddWorkingDays(D("2023-09-27"), 7).ShouldBe(D("2023-10-12"));
        China.WorkingDaysAfter(D("2023-09-27"), D("2023-10-12")).ShouldBe(7);
    }

    [Fact]
    public void IsWorkingDay_YearTheCalendarDoesNotCover_IsAnErrorNotAGuess()
    {
        Should.Throw<DomainRuleException>(() => China.IsWorkingDay(D("2031-03-03"))).Message.ShouldContain("未包含 2031 年");
    }

    [Fact]
    public void Parse_SameDayHolidayAndWorkday_IsRefused()
    {
        const string yaml = "id: x\nyears:\n  2024:\n    holidays: [2024-02-04]\n    workdays: [2024-02-04]\n";
        Should.Throw<DomainRuleException>(() => WorkingDayCalendar.Parse(yaml)).Message.ShouldContain("同时是放假日和调休上班日");
    }

    [Fact]
    public void Parse_BadDate_NamesTheLine()
    {
        const string yaml = "id: x\nyears:\n  2024:\n    holidays: [2024-13-01]\n";
        var e = Should.Throw<Chengxin.Domain.Schemes.SchemeLoadException>(() => WorkingDayCalendar.Parse(yaml, "cal.yaml"));
        e.Message.ShouldStartWith("cal.yaml:4:");
    }

    [Fact]
    public void Parse_NewYearRangeStartingInDecember_KeepsOnlyTheListedYear()
    {
        const string yaml = "id: x\nyears:\n  2023:\n    holidays: [2022-12-31..2023-01-02]\n    workdays: []\n";
        var c = WorkingDayCalendar.Parse(yaml);
        c.IsWorkingDay(D("2023-01-02")).ShouldBeFalse();
        c.IsWorkingDay(D("2023-01-03")).ShouldBeTrue();
    }
}
