using Chengxin.Domain.Monitoring;

namespace Chengxin.Domain.Tests.Monitoring;

/// <summary>Screening with masked identifiers (2301**********1234) and the register's transitions and counts.</summary>
public class ListScreeningTests
{
    private static DateOnly D(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    private static List<(int Entry, MatchKind Match)> Find(ScreeningIndex index, string name, string? code)
    {
        var found = new List<(int, MatchKind)>();
        index.Find(name, code, found);
        return found;
    }

    [Fact]
    public void Find_MaskedEntryWhoseVisibleDigitsAgree_IsAMaskedCandidate()
    {
        var index = new ScreeningIndex();
        index.Add("王某", "2301**********1230");
        Find(index, "王 某", "230102199001011230").ShouldBe([(0, MatchKind.MaskedIdentifier)]);
    }

    [Fact]
    public void Find_MaskedEntryOfAnotherName_IsNoMatch()
    {
        var index = new ScreeningIndex();
        index.Add("王某", "2301**********1230");
        Find(index, "王某某", "230102199001011230").ShouldBeEmpty();
    }

    [Fact]
    public void Find_MaskedEntryWhoseSuffixDiffers_IsNoMatch()
    {
        var index = new ScreeningIndex();
        index.Add("王某", "2301**********4563");
        Find(index, "赵某", "230102199001011230").ShouldBeEmpty();
    }

    [Fact]
    public void Find_MasksOfDifferentShapes_AreEachLookedUp()
    {
        var index = new ScreeningIndex();
        index.Add("甲", "230102********1230");
        index.Add("甲", "2301**********1230");
        index.Add("丙", "230102199001011230");
        Find(index, "甲", "230102199001011230").Select(f => f.Match).Order()
            .ShouldBe([MatchKind.Identifier, MatchKind.MaskedIdentifier, MatchKind.MaskedIdentifier]);
    }

    [Fact]
    public void Find_LowerCaseCheckCharacter_MatchesTheListedUpperCase()
    {
        var index = new ScreeningIndex();
        index.Add("张某某", "11010519491231002X");
        Find(index, "张某某", "11010519491231002x").ShouldBe([(0, MatchKind.Identifier)]);
    }

    [Fact]
    public void Find_UnitByCreditCodeThenNameOnlyEntries_GivesAHitAndACandidate()
    {
        var index = new ScreeningIndex();
        index.Add("某县某局", "11100000000013127D");
        index.Add("某县（某局）", null);
        index.Add("某县某局", "91350100M000100Y43");
        Find(index, "某县(某局)", "11100000000013127D").ShouldBe([(0, MatchKind.Identifier), (1, MatchKind.NameOnly)]);
    }

    [Fact]
    public void Find_SubjectWithoutIdentifier_MatchesEveryEntryOfItsNameAsCandidates()
    {
        var index = new ScreeningIndex();
        index.Add("李某", "230102198505054563");
        index.Add("李某", null);
        Find(index, "李 某", null).Select(f => f.Match).ShouldAllBe(m => m == MatchKind.NameOnly);
        Find(index, "李 某", null).Count.ShouldBe(2);
    }

    [Fact]
    public void MatchesId_FullOrMaskedEntry_IsFoundWithoutStrings()
    {
        var index = new ScreeningIndex();
        index.Add("甲", "2301**********1230");
        index.MatchesId(ScreeningIndex.IdKey("230102199001011230")!.Value).ShouldBeTrue();
        index.MatchesId(ScreeningIndex.IdKey("230102198505054563")!.Value).ShouldBeFalse();
    }

    [Fact]
    public void Screen_MaskedEntry_IsACandidateNotAHit()
    {
        var hits = ListScreening.Screen([new ScreenedSubject("p", "王某", "230102199001011230", true, "u")],
            [new ListEntry("失信被执行人", "王某", "2301**********1230", D("2023-01-01"))], D("2023-06-30"));
        (hits.Single().Match, hits.Single().IsCandidate).ShouldBe((MatchKind.MaskedIdentifier, true));
    }

    [Fact]
    public void Verify_PendingEventWithReason_BecomesConfirmedOrRejected()
    {
        MonitoringEvents.Verify(EventState.Pending, true, "电话回访属实").ShouldBe(EventState.Confirmed);
        MonitoringEvents.Verify(EventState.Pending, false, "查无此事").ShouldBe(EventState.Rejected);
    }

    [Fact]
    public void Verify_AlreadyVerifiedOrWithoutReason_IsRefused()
    {
        Should.Throw<DomainRuleException>(() => MonitoringEvents.Verify(EventState.Confirmed, false, "改判")).Message.ShouldContain("不能再次核实");
        Should.Throw<DomainRuleException>(() => MonitoringEvents.Verify(EventState.Pending, true, " ")).Message.ShouldBe("核实须写明理由。");
    }

    [Fact]
    public void Decide_DecidedCandidate_IsRefused()
    {
        MonitoringEvents.Decide(HitState.Candidate, false, "同名不同人").ShouldBe(HitState.Dismissed);
        Should.Throw<DomainRuleException>(() => MonitoringEvents.Decide(HitState.Dismissed, true, "再看")).Message.ShouldContain("已排除");
    }

    [Fact]
    public void Counted_OnlyConfirmedEventsOfTheCategoryAndPeriodAboutTheUnit()
    {
        MonitoringEvent E(long id, string category, string on, EventState state = EventState.Confirmed, EventKind kind = EventKind.Complaint, long unit = 1) =>
            new(id, kind, category, D(on), state, [unit]);
        var events = new[]
        {
            E(1, "政务公开", "2023-03-05"), E(2, "政务公开", "2023-12-31"), E(3, "政务公开", "2024-01-01"),
            E(4, "政务公开", "2023-05-01", EventState.Pending), E(5, "失信违诺", "2023-05-01"), E(6, "政务公开", "2023-05-01", unit: 2),
            E(7, "政务公开", "2023-05-01", kind: EventKind.Opinion),
        };
        MonitoringEvents.Counted(events, 1, EventKind.Complaint, "政务公开", D("2023-01-01"), D("2023-12-31")).Select(e => e.Id).ShouldBe([1L, 2L]);
    }

    [Fact]
    public void UnitsInvolved_CountsEachDepartmentOnce()
    {
        var events = new[]
        {
            new MonitoringEvent(1, EventKind.Opinion, "失信违诺", D("2023-03-01"), EventState.Confirmed, [11, 12]),
            new MonitoringEvent(2, EventKind.Opinion, "失信违诺", D("2023-04-01"), EventState.Confirmed, [11]),
            new MonitoringEvent(3, EventKind.Opinion, "失信违诺", D("2023-04-01"), EventState.Rejected, [13]),
            new MonitoringEvent(4, EventKind.Opinion, "失信违诺", D("2023-04-01"), EventState.Confirmed, [99]),
        };
        MonitoringEvents.UnitsInvolved(events, new HashSet<long> { 10, 11, 12, 13 }, "失信违诺", D("2023-01-01"), D("2023-12-31")).ShouldBe(2);
    }
}
