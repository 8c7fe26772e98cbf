using Chengxin.Domain.Monitoring;

namespace Chengxin.Domain.Tests.Monitoring;

/// <summary>
/// The screening index's tables at their edges: an empty list, one entry, a list of masks only, a number listed many times
/// across the parts built on different cores, and numbers whose hashes agree in the bits a slot keeps, so they share a line,
/// fill it, run on into the next and wrap around the end of their part.
/// </summary>
public class ScreeningIndexTests
{
    // The multiplier of IdNumberTable.Hash and its inverse modulo 2^64 (Newton's iteration doubles the correct bits each step),
    // so a test can choose numbers by their hash.
    private const ulong Multiplier = 0x9E3779B97F4A7C15UL;

    private static readonly ulong Inverse = InverseOf(Multiplier);

    private static ulong InverseOf(ulong odd)
    {
        var x = odd;
        for (var i = 0; i < 6; i++)
            x *= 2 - odd * x;
        return x;
    }

    // The largest key an 18-character number reads as: 17 nines and the check character X.
    private const long LargestKey = 99_999_999_999_999_999L * 11 + 10;

    /// <summary>The 18-character number that reads as the key (17 digits, then the check character, X for ten).</summary>
    private static string IdOf(long key) => (key / 11).ToString("D17", System.Globalization.CultureInfo.InvariantCulture) + "0123456789X"[(int)(key % 11)];

    /// <summary>Numbers whose hashes are <paramref name="hash"/> plus a small step each, so they keep the same top bits.</summary>
    private static List<long> KeysHashedNear(ulong hash, int count)
    {
        var keys = new List<long>();
        for (ulong step = 0; keys.Count < count; step++)
        {
            var key = (long)((hash + step) * Inverse);
            if (key is >= 0 and <= LargestKey)
                keys.Add(key);
        }
        return keys;
    }

    private static bool[] MatchIds(ScreeningIndex index, IReadOnlyList<long> ids)
    {
        var matched = new bool[ids.Count];
        index.MatchIds([.. ids], matched);
        return matched;
    }

    private static List<(int Entry, MatchKind Match)> Find(ScreeningIndex index, string name, string? code)
    {
        var found = new List<(int, MatchKind)>();
        index.Find(name, code, found);
        return found;
    }

    [Fact]
    public void InverseOf_TheHashMultiplier_UndoesTheHash()
    {
        var key = 12345UL;
        unchecked(key * Multiplier * Inverse).ShouldBe(key);
        IdNumberTable.Hash(12345).ShouldBe(unchecked(key * Multiplier));
    }

    [Fact]
    public void Build_EmptyList_MatchesNothing()
    {
        var index = ScreeningIndex.Build(Array.Empty<string?>());
        var id = ScreeningIndex.IdKey("230102199001011230")!.Value;
        index.Count.ShouldBe(0);
        index.MatchesId(id).ShouldBeFalse();
        MatchIds(index, [id, 0, LargestKey]).ShouldBe([false, false, false]);
        Find(index, "王某", "230102199001011230").ShouldBeEmpty();
    }

    [Fact]
    public void Build_OneEntry_MatchesItsNumberAndNoOther()
    {
        var index = ScreeningIndex.Build(["230102199001011230"]);
        var own = ScreeningIndex.IdKey("230102199001011230")!.Value;
        var other = ScreeningIndex.IdKey("230102199001011249")!.Value;
        MatchIds(index, [other, own, other]).ShouldBe([false, true, false]);
        Find(index, "王某", "230102199001011230").ShouldBe([(0, MatchKind.Identifier)]);
        Find(index, "王某", "230102199001011249").ShouldBeEmpty();
    }

    [Fact]
    public void Build_OnlyMaskedEntries_MatchesThroughTheMasksAlone()
    {
        var index = ScreeningIndex.Build(["2301**********1230", "1101**********002X", null]);
        string[] persons = ["230102199001011230", "110105194912310020", "11010519491231002X", "230102199001011231"];
        var ids = persons.Select(p => ScreeningIndex.IdKey(p)!.Value).ToList();
        MatchIds(index, ids).ShouldBe([true, false, true, false]);
        MatchIds(index, ids).ShouldBe(ids.Select(index.MatchesId).ToArray());
    }

    [Fact]
    public void Build_NumberListedOnEveryCoresRanges_FindsEveryEntryInListOrder()
    {
        // Enough numbers that the table is built in parts on every core from ranges of a million entries: the same number in
        // every range, and strangers between, so its entries are chained across ranges and parts.
        var random = new Random(25);
        var repeated = "230102199001011230";
        var codes = new string?[1_200_000];
        var listed = new List<int>();
        for (var i = 0; i < codes.Length; i++)
        {
            if (i % 150_001 == 7)
            {
                codes[i] = repeated;
                listed.Add(i);
            }
            else
                codes[i] = IdOf(random.NextInt64(LargestKey));
        }
        var index = ScreeningIndex.Build(codes);
        Find(index, "王某", repeated).Select(f => f.Entry).ShouldBe(listed);
        var sample = Enumerable.Range(0, 2_000).Select(_ => random.Next(codes.Length)).ToList();
        foreach (var i in sample)
            Find(index, "某", codes[i]).Select(f => f.Entry).ShouldBe(codes[i] == repeated ? listed : [i]);
        var keys = sample.Select(i => ScreeningIndex.IdKey(codes[i]!)!.Value).Concat(Enumerable.Range(0, 2_000).Select(_ => random.NextInt64(LargestKey))).ToList();
        var all = codes.ToHashSet();
        MatchIds(index, keys).ShouldBe(keys.Select(k => all.Contains(IdOf(k))).ToArray());
    }

    [Fact]
    public void Build_NumbersSharingTheirHashBits_AreToldApartByTheNumber()
    {
        // The two hashes differ in their lowest bit only, so a slot's bits of the hash are the same for both.
        var (listed, stranger) = KeysHashedNear(0x1234_5678_9ABC_DEF0, 2) switch { var k => (k[0], k[1]) };
        var index = ScreeningIndex.Build([IdOf(listed)]);
        (IdNumberTable.Hash(listed) >> 32).ShouldBe(IdNumberTable.Hash(stranger) >> 32);
        MatchIds(index, [listed, stranger]).ShouldBe([true, false]);
        index.MatchesId(stranger).ShouldBeFalse();
        var both = ScreeningIndex.Build([IdOf(stranger), IdOf(listed)]);
        Find(both, "某", IdOf(listed)).ShouldBe([(1, MatchKind.Identifier)]);
        Find(both, "某", IdOf(stranger)).ShouldBe([(0, MatchKind.Identifier)]);
    }

    [Fact]
    public void Build_MoreNumbersThanALineHolds_RunOnIntoTheNextLines()
    {
        // Twenty numbers with one home line (a line holds eight) and one more with the same home that is not listed.
        var keys = KeysHashedNear(0x8000_0000_0000_0000, 21);
        var index = ScreeningIndex.Build([.. keys.Take(20).Select(IdOf)]);
        MatchIds(index, keys).ShouldBe([.. Enumerable.Repeat(true, 20), false]);
        for (var i = 0; i < 20; i++)
            Find(index, "某", IdOf(keys[i])).ShouldBe([(i, MatchKind.Identifier)]);
    }

    [Fact]
    public void Build_FullLastLine_WrapsAroundToTheStartOfItsPart()
    {
        // Hashes at the very top have their home in the part's last line; the ones it cannot hold go on at the part's start.
        var keys = KeysHashedNear(ulong.MaxValue - 100_000_000, 13);
        var index = ScreeningIndex.Build([.. keys.Take(12).Select(IdOf)]);
        MatchIds(index, keys).ShouldBe([.. Enumerable.Repeat(true, 12), false]);
        keys.Select(index.MatchesId).ShouldBe([.. Enumerable.Repeat(true, 12), false]);
    }

    [Fact]
    public void MatchIds_LongMixedList_AgreesWithMatchesIdOneByOne()
    {
        // Full numbers, two mask shapes and other identifiers in a list long enough to build on every core, screened in
        // batches of odd lengths.
        var random = new Random(26);
        var people = Enumerable.Range(0, 50_000).Select(_ => IdOf(random.NextInt64(LargestKey))).ToArray();
        var codes = new string?[200_000];
        for (var i = 0; i < codes.Length; i++)
        {
            var id = people[random.Next(people.Length)];
            codes[i] = random.Next(10) switch
            {
                0 => id[..4] + "**********" + id[14..],
                1 => id[..6] + "********" + id[14..],
                2 => "91350100M000100Y43",
                3 => null,
                _ => id,
            };
        }
        var index = ScreeningIndex.Build(codes);
        var persons = people.Select(p => ScreeningIndex.IdKey(p)!.Value).Concat(Enumerable.Range(0, 50_000).Select(_ => random.NextInt64(LargestKey))).ToArray();
        foreach (var length in new[] { 1, 255, 257, persons.Length })
        {
            var batch = persons.AsSpan(0, length);
            var matched = new bool[length];
            index.MatchIds(batch, matched);
            matched.ShouldBe(batch.ToArray().Select(index.MatchesId).ToArray());
        }
        persons.Count(index.MatchesId).ShouldBeGreaterThan(people.Length * 6 / 10);
    }
}
