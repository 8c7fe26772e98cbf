using Chengxin.Domain;
using Chengxin.Domain.Calendar;
using Chengxin.Domain.Monitoring;

namespace Chengxin.Domain.Tests.Monitoring;

/// <summary>双公示 timeliness per department by working days (调休 included), 错报 and 漏报, and the intake's row checks.</summary>
public sealed class DualDisclosureStatisticsTests
{
    // 2026: the Spring Festival 02-15..02-23 off, Saturdays 02-14 and 02-28 worked (调休).
    private static readonly WorkingDayCalendar Calendar = new("test", [2026],
        Enumerable.Range(0, 9).Select(i => new DateOnly(2026, 2, 15).AddDays(i)), [new DateOnly(2026, 2, 14), new DateOnly(2026, 2, 28)]);

    private static readonly WorkingDayIndex Days = new(Calendar);

    private static StoredDisclosure Record(long department, string decided, string reported, bool concealed = false) =>
        new(0, department, "文书号", "相对人", DateOnly.Parse(decided), DateOnly.Parse(reported), concealed);

    [Fact]
    public void Index_AgreesWithTheCalendarWalkingDayByDay()
    {
        for (var d = new DateOnly(2026, 1, 1); d < new DateOnly(2026, 12, 20); d = d.AddDays(1))
        {
            Days.AddWorkingDays(d, 7).ShouldBe(Calendar.AddWorkingDays(d, 7));
            Days.WorkingDaysAfter(d, d.AddDays(12)).ShouldBe(Calendar.WorkingDaysAfter(d, d.AddDays(12)));
        }
    }

    [Fact]
    public void Judge_DecisionBeforeTheSpringFestival_CountsTheMakeUpSaturdayAndSkipsTheHoliday()
    {
        // 02-12 (Thu) + 7 working days: 02-13, 02-14 (调休 Saturday), then 02-24, 25, 26, 27, 28 (调休 Saturday): due 02-28.
        var onTime = DualDisclosureStatistics.Judge(Record(1, "2026-02-12", "2026-02-28"), DisclosureRule.SevenWorkingDays, Days);
        (onTime.Due, onTime.DaysTaken, onTime.Late).ShouldBe((new DateOnly(2026, 2, 28), 7, false));
        DualDisclosureStatistics.Judge(Record(1, "2026-02-12", "2026-03-02"), DisclosureRule.SevenWorkingDays, Days).Late.ShouldBeTrue();
        // Where a notice says 7 calendar days, the holiday counts: due 02-19.
        var calendarDays = DualDisclosureStatistics.Judge(Record(1, "2026-02-12", "2026-02-20"), new DisclosureRule(7, false), Days);
        (calendarDays.Due, calendarDays.Late).ShouldBe((new DateOnly(2026, 2, 19), true));
    }

    [Fact]
    public void Judge_YearMissingFromTheCalendar_IsAnError()
    {
        Should.Throw<DomainRuleException>(() => DualDisclosureStatistics.Judge(Record(1, "2027-01-05", "2027-01-06"), DisclosureRule.SevenWorkingDays, Days))
            .Message.ShouldContain("未包含 2027 年");
        // A decision late in a covered year whose due date falls in the next, missing year is an error too, never a guess.
        Should.Throw<DomainRuleException>(() => DualDisclosureStatistics.Judge(Record(1, "2026-12-28", "2026-12-30"), DisclosureRule.SevenWorkingDays, Days));
    }

    [Fact]
    public void ByDepartment_CountsLateWrongAndMissing_EachRecordOnce()
    {
        var records = new[]
        {
            Record(1, "2026-03-02", "2026-03-03"),
            Record(1, "2026-03-02", "2026-03-20"),
            Record(1, "2026-03-02", "2026-03-30", concealed: true),
            Record(2, "2026-03-02", "2026-03-04"),
        };
        // One refused row with two problems is one 错报.
        var wrong = new[]
        {
            new WrongDisclosure(1, new DateOnly(2026, 3, 5), 7, 4, "统一社会信用代码", "校验位不符", null),
            new WrongDisclosure(1, new DateOnly(2026, 3, 5), 7, 4, "决定日期", "不是日期", null),
        };

        var statistics = DualDisclosureStatistics.ByDepartment(records, wrong, DisclosureRule.SevenWorkingDays, Days);

        var first = statistics[1];
        (first.Records, first.OnTime, first.Late, first.Wrong, first.Missing, first.LateOrWrong, first.OnTimeShare).ShouldBe((3, 1, 1, 1, 1, 2, 0.3333m));
        statistics[2].OnTimeShare.ShouldBe(1m);
    }

    [Theory]
    [InlineData(true, 1_000)]
    [InlineData(false, 1_000)]
    [InlineData(true, 300_000)]
    public void ByDepartment_RandomRecordsAsColumns_CountsAsJudgingEachRecord(bool workingDays, int count)
    {
        // Decisions all over 2026, the Spring Festival and both 调休 Saturdays among them; reports 0–19 days later.
        var random = new Random(count);
        var rule = new DisclosureRule(7, workingDays);
        var records = Enumerable.Range(0, count).Select(i =>
        {
            var decided = new DateOnly(2026, 1, 1).AddDays(random.Next(340));
            return new StoredDisclosure(i, random.Next(1, 40) * 1000L, "文书号", "相对人", decided, decided.AddDays(random.Next(20)), random.Next(50) == 0);
        }).ToList();

        var statistics = DualDisclosureStatistics.ByDepartment(records, [], rule, Days);

        var expected = records.GroupBy(r => r.DepartmentId).ToDictionary(g => g.Key, g => new DepartmentDisclosureStatistics(g.Key, g.Count(),
            g.Count(r => !r.Concealed && !DualDisclosureStatistics.Judge(r, rule, Days).Late),
            g.Count(r => !r.Concealed && DualDisclosureStatistics.Judge(r, rule, Days).Late), 0, g.Count(r => r.Concealed)));
        statistics.ShouldBe(expected);
    }

    [Fact]
    public void ByDepartment_ColumnsWithADecisionTheCalendarLacks_IsTheCalendarsError()
    {
        // Enough records to be counted in slices: the error is still the calendar's, not a wrapper around it.
        var records = Enumerable.Range(0, 250_000).Select(i => Record(i % 7, "2026-03-02", "2026-03-04"))
            .Append(Record(3, "2027-01-05", "2027-01-06")).ToList();

        Should.Throw<DomainRuleException>(() => DualDisclosureStatistics.ByDepartment(records, [], DisclosureRule.SevenWorkingDays, Days))
            .Message.ShouldContain("未包含 2027 年");
    }

    [Fact]
    public void Validate_TableWithoutARequiredColumn_IsRefusedAsAWhole()
    {
        var result = DualDisclosureIntake.Validate(["行政相对人名称", "决定文书号"], [], DisclosureColumnMapping.National,
            _ => DepartmentMatch.Unknown("x"), _ => false);

        result.TableProblem!.ShouldStartWith("表头缺少列：决定日期、上报日期、数据来源单位、统一社会信用代码或证件号码");
    }

    [Theory]
    [InlineData("2026-03-05", 2026, 3, 5)]
    [InlineData("2026/3/5", 2026, 3, 5)]
    [InlineData("2026年3月5日", 2026, 3, 5)]
    [InlineData("20260305", 2026, 3, 5)]
    [InlineData("46086", 2026, 3, 5)]
    public void ParseDate_AsPeopleAndWorkbooksWriteIt(string text, int year, int month, int day) =>
        DualDisclosureIntake.ParseDate(text).ShouldBe(new DateOnly(year, month, day));
}
