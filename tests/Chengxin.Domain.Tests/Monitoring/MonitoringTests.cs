using Chengxin.Domain.Calendar;
using Chengxin.Domain.Monitoring;

namespace Chengxin.Domain.Tests.Monitoring;

public class MonitoringTests
{
    private static readonly WorkingDayCalendar China =
        WorkingDayCalendar.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "calendars", "cn-mainland.yaml")));

    private static DateOnly D(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    private static DisclosureRecord Record(string decided, string reported, string? code = "91350100M000100Y43", string? number = "许字〔2023〕1号") =>
        new("市监局", DisclosureKind.License, number, "某某有限公司", code, false, D(decided), D(reported));

    [Theory]
    // "在7天内完成系统归集" read as 7 working days: decided 2023-09-27, due 2023-10-12.
    [InlineData("2023-09-27", "2023-10-12", false)]
    [InlineData("2023-09-27", "2023-10-13", true)]
    [InlineData("2023-09-27", "2023-09-27", false)]
    public void Check_ReportedAfterSevenWorkingDays_IsLate(string decided, string reported, bool late)
    {
        var problems = DualDisclosure.Check([Record(decided, reported)], DisclosureRule.SevenWorkingDays, China);
        problems.Any(p => p.Kind == DisclosureProblemKind.Late).ShouldBe(late);
    }

    [Fact]
    public void Check_SevenCalendarDays_CountsWeekendsAndHolidays()
    {
        var problems = DualDisclosure.Check([Record("2023-09-27", "2023-10-05")], new DisclosureRule(7, false), China);
        problems.Single().Message.ShouldContain("应于 2023-10-04 前报送（7 个自然日）");
    }

    [Fact]
    public void Check_MissingAndInvalidFields_AreWrongRecords()
    {
        var problems = DualDisclosure.Check(
            [Record("2023-03-01", "2023-03-02", code: "91350100M000100Y44"), Record("2023-03-01", "2023-03-02", number: null)],
            DisclosureRule.SevenWorkingDays, China);
        problems.Select(p => p.Kind).ShouldBe([DisclosureProblemKind.InvalidIdentifier, DisclosureProblemKind.Incomplete]);
        problems[1].Message.ShouldBe("缺少：决定文书号");
        DualDisclosure.CountByAgency(problems)["市监局"].ShouldBe((0, 2));
    }

    [Fact]
    public void CountByAgency_RecordLateAndWrong_CountsOnceInEach()
    {
        var problems = DualDisclosure.Check([Record("2023-03-01", "2023-04-30", code: null)], DisclosureRule.SevenWorkingDays, China);
        DualDisclosure.CountByAgency(problems)["市监局"].ShouldBe((1, 1));
    }

    private static readonly ListEntry[] DishonestList =
    [
        new("失信被执行人", "某县某局", "11100000000013127D", D("2023-01-10")),
        new("失信被执行人", "张某某", "11010519491231002X", D("2022-05-01"), RemovedOn: D("2023-02-01")),
        new("严重失信主体名单", "李某", null, D("2023-01-01")),
    ];

    [Fact]
    public void Screen_AgencyWithAListedCode_IsAnIdentifierHit()
    {
        var hits = ListScreening.Screen([new ScreenedSubject("a1", "某县 某局", "11100000000013127D", false, "u1")], DishonestList, D("2023-06-30"));
        hits.Single().Match.ShouldBe(MatchKind.Identifier);
    }

    [Fact]
    public void Screen_EntryRemovedBeforeTheDate_IsNoHit()
    {
        var subject = new ScreenedSubject("p1", "张某某", "11010519491231002x", true, "u1");
        ListScreening.Screen([subject], DishonestList, D("2023-06-30")).ShouldBeEmpty();
        ListScreening.Screen([subject], DishonestList, D("2023-01-31")).Single().Match.ShouldBe(MatchKind.Identifier);
    }

    [Fact]
    public void Screen_NameWithoutIdentifier_IsOnlyACandidateForReview()
    {
        var hits = ListScreening.Screen([new ScreenedSubject("p2", "李某", "440524188001010014", true, "u2")], DishonestList, D("2023-06-30"));
        hits.Single().Match.ShouldBe(MatchKind.NameOnly);
    }
}
