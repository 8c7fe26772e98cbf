using Chengxin.Domain.Monitoring;

namespace Chengxin.Domain.Tests.Monitoring;

/// <summary>Screening with masked identifiers (2301**********1234) and the register's transitions and counts.</summary>
public class ListScreeningTests
{
    private static DateOnly D(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    private static ScreeningIndex Index(params (string Name, string? Code)[] entries) =>
        ScreeningIndex.Build([.. entries.Select(e => e.Code)], [.. entries.Select(e => e.Name)]);

    private static List<(int Entry, MatchKind Match)> Find(ScreeningIndex index, string name, string? code)
    {
        var found = new List<(int, MatchKind)>();
        index.Find(name, code, found);
        return found;
    }

    [Fact]
    public void Find_MaskedEntryWhoseVisibleDigitsAgree_IsAMaskedCandidate()
    {
        var index = Index(("王某", "2301**********1230"));
        Find(index, "王 某", "230102199001011230").ShouldBe([(0, MatchKind.MaskedIdentifier)]);
    }

    [Fact]
    public void Find_MaskedEntryOfAnotherName_IsNoMatch()
    {
        var index = Index(("王某", "2301**********1230"));
        Find(index, "王某某", "230102199001011230").ShouldBeEmpty();
    }

    [Fact]
    public void Find_MaskedEntryWhoseSuffixDiffers_IsNoMatch()
    {
        var index = Index(("王某", "2301**********4563"));
        Find(index, "赵某", "230102199001011230").ShouldBeEmpty();
    }

    [Fact]
    public void Find_MasksOfDifferentShapes_AreEachLookedUp()
    {
        var index = Index(("甲", "230102********1230"), ("甲", "2301**********1230"), ("丙", "230102199001011230"));
        Find(index, "甲", "230102199001011230").Select(f => f.Match).Order()
            .ShouldBe([MatchKind.Identifier, MatchKind.MaskedIdentifier, MatchKind.MaskedIdentifier]);
    }

    [Fact]
    public void Find_LowerCaseCheckCharacter_MatchesTheListedUpperCase()
    {
        var index = Index(("张某某", "11010519491231002X"));
        Find(index, "张某某", "11010519491231002x").ShouldBe([(0, MatchKind.Identifier)]);
    }

    [Fact]
    public void Find_UnitByCreditCodeThenNameOnlyEntries_GivesAHitAndACandidate()
    {
        var index = Index(("某县某局", "11100000000013127D"), ("某县（某局）", null), ("某县某局", "91350100M000100Y43"));
        Find(index, "某县(某局)", "11100000000013127D").ShouldBe([(0, MatchKind.Identifier), (1, MatchKind.NameOnly)]);
    }

    [Fact]
    public void Find_SubjectWithoutIdentifier_MatchesEveryEntryOfItsNameAsCandidates()
    {
        var index = Index(("李某", "230102198505054563"), ("李某", null));
        Find(index, "李 某", null).Select(f => f.Match).ShouldAllBe(m => m == MatchKind.NameOnly);
        Find(index, "李 某", null).Count.ShouldBe(2);
    }

    [Fact]
    public void MatchesId_FullOrMaskedEntry_IsFoundWithoutStrings()
    {
        var index = Index(("甲", "2301**********1230"));
        index.MatchesId(ScreeningIndex.IdKey("230102199001011230")!.Value).ShouldBeTrue();
        index.MatchesId(ScreeningIndex.IdKey("230102198505054563")!.Value).ShouldBeFalse();
    }

    [Fact]
    public void Find_MaskHidingAllButTheCheckCharacter_MatchesEveryNumberWithThatCheck()
    {
        // The visible digits of this shape read as the number zero, which the tables must not mistake for an empty slot.
        var index = Index(("王某", "*****************0"));
        Find(index, "王某", "230102199001011230").ShouldBe([(0, MatchKind.MaskedIdentifier)]);
        Find(index, "王某", "230102198505054563").ShouldBeEmpty();
    }

    [Fact]
    public void Find_NamelessList_KeepsMaskedCandidatesWhateverTheName()
    {
        var index = ScreeningIndex.Build(["2301**********1230", null]);
        Find(index, "赵某", "230102199001011230").ShouldBe([(0, MatchKind.MaskedIdentifier)]);
        Find(index, "赵某", null).ShouldBeEmpty();
    }

    [Fact]
    public void Build_ListLongEnoughToBuildOnEveryCore_FindsWhatAScanOfTheListFinds()
    {
        // Enough entries that the identifiers are read in chunks and the tables filled in parts, several entries to a number.
        var random = new Random(15);
        string Id()
        {
            var digits = $"2301{random.Next(1, 100_000_000):D8}{random.Next(100_000):D5}";
            return digits + Check(digits);
        }
        var people = Enumerable.Range(0, 2_000).Select(_ => Id()).ToArray();
        var codes = new string?[150_000];
        var names = new string?[codes.Length];
        for (var i = 0; i < codes.Length; i++)
        {
            var id = people[random.Next(people.Length)];
            var roll = random.Next(10);
            codes[i] = roll switch { 0 => null, 1 => id[..4] + "**********" + id[14..], 2 => id[..6] + "********" + id[14..], 3 => "91350100M000100Y43", _ => id };
            names[i] = roll == 0 ? "李某" : $"某{random.Next(3)}";
        }
        var index = ScreeningIndex.Build(codes, names);
        // The answer by one plain pass over the list: each identifier's entries in list order.
        var byCode = Enumerable.Range(0, codes.Length).Where(i => codes[i] is not null).ToLookup(i => codes[i]!);

        foreach (var person in people.Take(200))
        {
            var name = $"某{random.Next(3)}";
            string[] masks = [person[..4] + "**********" + person[14..], person[..6] + "********" + person[14..]];
            var found = Find(index, name, person);
            found.Where(f => f.Match == MatchKind.Identifier).Select(f => f.Entry)
                .ShouldBe(byCode[person], "in list order");
            found.Where(f => f.Match == MatchKind.MaskedIdentifier).Select(f => f.Entry).Order()
                .ShouldBe(masks.SelectMany(m => byCode[m]).Where(i => names[i] == name).Order());
            found.Count.ShouldBe(found.Count(f => f.Match != MatchKind.NameOnly));
        }
        Find(index, "李某", null).Count.ShouldBe(codes.Count(c => c is null));
        Find(index, "某1", "91350100M000100Y43").Count.ShouldBe(codes.Count(c => c == "91350100M000100Y43"));
    }

    private static char Check(string digits)
    {
        int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        return "10X98765432"[digits.Select((c, i) => (c - '0') * weights[i]).Sum() % 11];
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
