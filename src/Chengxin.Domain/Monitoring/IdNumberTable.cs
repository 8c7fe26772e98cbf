using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Chengxin.Domain.Monitoring;

/// <summary>
/// A list's full resident id numbers, for screening millions of persons: one array of eight-byte slots, split by the top bits
/// of each number's hash into parts of about 32,000 numbers, each part an open-addressing table of its own region whose
/// look-ups start at a cache line's first slot (eight slots a line, the array aligned to lines) and go on to the next line
/// only when a line is full. A slot holds 32 bits of the hash and the entry; the number itself is read from the list's keys
/// only when those bits agree, so a person not on the list costs one cache line, nearly always one read of memory, and eight
/// million numbers take 112 MB (an open-addressing table of key and entry side by side took 256 MB, and a look-up that missed
/// read on into a second line). A number listed more than once has one
/// slot; its other entries are chained in list order.
/// <para>
/// Built without a random write to memory: the numbers are scattered into their parts' regions (in list order, every core on
/// its own ranges of the list), then each part, whose numbers and table fit in a core's L2 cache, is copied aside and
/// inserted into its region (the parts on every core, none shared, no lock).
/// </para>
/// </summary>
internal sealed class IdNumberTable
{
    // Numbers per part on average: a part's numbers (8 bytes each, copied aside) and its table fit in L2 together.
    private const int PerPart = 1 << 15;

    // The first pass counts by this many top bits whatever the list's length; the parts are then these counts merged.
    private const int CountBits = 10;

    // The list is read in ranges of this many entries, more ranges than cores so a core held up by another process is helped.
    private const int RangeSize = 1 << 20;

    // Slots in a cache line of 64 bytes: a look-up reads its home line whole.
    private const int Line = 8;

    // A slot's low 32 bits are the entry plus one (zero marks an empty slot); the top one of them says that the number has
    // more entries, chained through the index's chain array.
    private const uint Chained = 1u << 31;

    private readonly int _partBits;
    private readonly int[] _bases;
    private readonly ulong[] _slots;
    private readonly long[] _keys;
    private readonly int[] _next;

    private IdNumberTable(int partBits, int[] bases, ulong[] slots, long[] keys, int[] next, int count)
    {
        (_partBits, _bases, _slots, _keys, _next, Count) = (partBits, bases, slots, keys, next, count);
    }

    /// <summary>How many entries the table indexes.</summary>
    public int Count { get; }

    /// <summary>Fibonacci hashing: the top bits of the product are well mixed even for numbers that differ only in their last digits.</summary>
    public static ulong Hash(long key) => (ulong)key * 0x9E3779B97F4A7C15UL;

    /// <summary>
    /// Indexes the entries tagged <paramref name="tag"/> by their number (on every core when <paramref name="parallel"/>); an
    /// entry listed after another of the same number is chained from it in <paramref name="next"/> (-1 ends a chain).
    /// </summary>
    public static IdNumberTable Build(long[] keys, byte[] tags, byte tag, int[] next, bool parallel)
    {
        var ranges = Math.Max(1, (tags.Length + RangeSize - 1) / RangeSize);
        var counted = new int[ranges << CountBits];
        For(parallel, ranges, r =>
        {
            var counts = counted.AsSpan(r << CountBits, 1 << CountBits);
            var (from, to) = Range(r, tags.Length);
            for (var i = from; i < to; i++)
                if (tags[i] == tag)
                    counts[(int)(Hash(keys[i]) >> (64 - CountBits))]++;
        });
        long total = 0;
        foreach (var c in counted)
            total += c;
        var partBits = Math.Min(CountBits, BitOperations.Log2((uint)Math.Max(1, total / PerPart)));
        var parts = 1 << partBits;
        var merge = CountBits - partBits;

        // A part's region has lines for two-thirds as many again as its numbers: at 60 % full about one line in nine is full
        // and sends a look-up on to the next (screening misses far more often than it hits, and a miss reads until it meets an
        // empty slot). Each range writes into each part from its cursor: the ranges one after the other in list order, from the
        // start of the part's region.
        var cursors = new int[ranges * parts];
        var counts = new int[parts];
        var bases = new int[parts + 1];
        var region = 0L;
        for (var p = 0; p < parts; p++)
        {
            bases[p] = checked((int)region);
            var run = bases[p];
            for (var r = 0; r < ranges; r++)
            {
                cursors[r * parts + p] = run;
                foreach (var c in counted.AsSpan((r << CountBits) + (p << merge), 1 << merge))
                    run += c;
            }
            counts[p] = run - bases[p];
            region += ((long)counts[p] * 5 / 3 / Line + 1) * Line;
        }
        bases[parts] = checked((int)region);

        // Every slot is written before it is read (a part's region is cleared when its table is made), so the memory need not
        // be cleared first. The array is pinned so that its address, and the lines its slots fall in, stay put: the regions
        // start at the first slot on a line boundary.
        var slots = GC.AllocateUninitializedArray<ulong>(bases[parts] + Line, pinned: true);
        var align = (int)((64 - Marshal.UnsafeAddrOfPinnedArrayElement(slots, 0) % 64) % 64 / sizeof(ulong));
        for (var p = 0; p <= parts; p++)
            bases[p] += align;
        for (var r = 0; r < cursors.Length; r++)
            cursors[r] += align;
        For(parallel, ranges, r =>
        {
            var cursor = cursors.AsSpan(r * parts, parts);
            var (from, to) = Range(r, tags.Length);
            for (var i = from; i < to; i++)
            {
                if (tags[i] != tag)
                    continue;
                var hash = Hash(keys[i]);
                slots[cursor[partBits == 0 ? 0 : (int)(hash >> (64 - partBits))]++] = Slot(hash, partBits, i);
            }
        });

        var largest = 0;
        foreach (var c in counts)
            largest = Math.Max(largest, c);
        var table = new IdNumberTable(partBits, bases, slots, keys, next, (int)total);
        if (parallel && parts > 1)
            Parallel.For(0, parts, () => new ulong[largest], (p, _, aside) =>
            {
                table.Insert(p, counts[p], aside);
                return aside;
            }, _ => { });
        else
        {
            var aside = new ulong[largest];
            for (var p = 0; p < parts; p++)
                table.Insert(p, counts[p], aside);
        }
        return table;
    }

    // The 32 bits of the hash below the part's bits (they place the number in its part and tell numbers apart), and the entry.
    private static ulong Slot(ulong hash, int partBits, int entry) => (hash << partBits) >> 32 << 32 | (uint)(entry + 1);

    private static int Entry(ulong slot) => (int)((uint)slot & ~Chained) - 1;

    private static (int From, int To) Range(int r, int length) => (r * RangeSize, (int)Math.Min(length, (long)(r + 1) * RangeSize));

    private static void For(bool parallel, int count, Action<int> body)
    {
        if (parallel && count > 1)
            Parallel.For(0, count, body);
        else
            for (var i = 0; i < count; i++)
                body(i);
    }

    // Makes part p's table in its region from the numbers scattered at its start, walked from the last so that each chain
    // runs in list order. A slot is filled only from its line's first empty slot on and never emptied, so a line's taken slots
    // are always the first ones: a look-up that meets an empty slot in a line has seen all there is.
    private void Insert(int p, int count, ulong[] aside)
    {
        var (from, to) = (_bases[p], _bases[p + 1]);
        var region = _slots.AsSpan(from, to - from);
        region[..count].CopyTo(aside);
        region.Clear();
        var lines = region.Length / Line;
        for (var k = count - 1; k >= 0; k--)
        {
            var slot = aside[k];
            var entry = Entry(slot);
            for (var line = HomeLine(slot >> 32, lines); ; line = line + 1 == lines ? 0 : line + 1)
            {
                var at = line * Line;
                var (matches, empty) = Scan(region.Slice(at, Line), slot >> 32);
                // The entry's own number is read only when a slot's hash bits agree: mostly it is a different number's line.
                if (matches != 0 && Same(region, at, matches, _keys[entry]) is >= 0 and var same)
                {
                    var held = region[same];
                    var later = Entry(held);
                    if (((uint)held & Chained) == 0)
                        _next[later] = -1;
                    _next[entry] = later;
                    region[same] = slot | Chained;
                    break;
                }
                if (empty != 0)
                {
                    region[at + BitOperations.TrailingZeroCount(empty)] = slot;
                    break;
                }
            }
        }
    }

    // The line a number's look-up starts at in its part's region: its top bits scaled to the region's lines.
    private static int HomeLine(ulong top, int lines) => (int)(top * (ulong)lines >> 32);

    /// <summary>Which of a line's eight slots carry these top bits of the hash, and which are empty, as bit masks.</summary>
    private static (uint Matches, uint Empty) Scan(ReadOnlySpan<ulong> line, ulong top)
    {
        uint empty, matches;
        if (Vector512.IsHardwareAccelerated)
        {
            var v = Vector512.Create(line);
            empty = (uint)Vector512.Equals(v, Vector512<ulong>.Zero).ExtractMostSignificantBits();
            matches = (uint)Vector512.Equals(Vector512.ShiftRightLogical(v, 32), Vector512.Create(top)).ExtractMostSignificantBits();
        }
        else
        {
            var (low, high) = (Vector256.Create(line), Vector256.Create(line[4..]));
            empty = Vector256.Equals(low, Vector256<ulong>.Zero).ExtractMostSignificantBits()
                | Vector256.Equals(high, Vector256<ulong>.Zero).ExtractMostSignificantBits() << 4;
            var wanted = Vector256.Create(top);
            matches = Vector256.Equals(Vector256.ShiftRightLogical(low, 32), wanted).ExtractMostSignificantBits()
                | Vector256.Equals(Vector256.ShiftRightLogical(high, 32), wanted).ExtractMostSignificantBits() << 4;
        }
        // An empty slot's top bits are zero, which a number's may be too.
        return (matches & ~empty, empty);
    }

    // The slot (from the line at) among the matching ones whose entry has the key, or -1: the top bits of the hash nearly always
    // tell numbers apart, the key is read to be sure.
    private int Same(ReadOnlySpan<ulong> slots, int at, uint matches, long key)
    {
        for (; matches != 0; matches &= matches - 1)
        {
            var i = at + BitOperations.TrailingZeroCount(matches);
            if (_keys[Entry(slots[i])] == key)
                return i;
        }
        return -1;
    }

    /// <summary>The slot that holds the number, or -1.</summary>
    private int Find(long key)
    {
        var hash = Hash(key);
        var p = _partBits == 0 ? 0 : (int)(hash >> (64 - _partBits));
        var from = _bases[p];
        var region = _slots.AsSpan(from, _bases[p + 1] - from);
        var top = (hash << _partBits) >> 32;
        var lines = region.Length / Line;
        for (var line = HomeLine(top, lines); ; line = line + 1 == lines ? 0 : line + 1)
        {
            var (matches, empty) = Scan(region.Slice(line * Line, Line), top);
            if (Same(region, line * Line, matches, key) is >= 0 and var same)
                return from + same;
            if (empty != 0)
                return -1;
        }
    }

    /// <summary>Whether any entry has the number.</summary>
    public bool Contains(long key) => Find(key) >= 0;

    /// <summary>The entries with the number, in list order.</summary>
    public void Find(long key, MatchKind match, List<(int Entry, MatchKind Match)> found)
    {
        if (Find(key) is not (>= 0 and var at))
            return;
        var slot = _slots[at];
        var entry = Entry(slot);
        found.Add((entry, match));
        if (((uint)slot & Chained) != 0)
            for (entry = _next[entry]; entry >= 0; entry = _next[entry])
                found.Add((entry, match));
    }

    /// <summary>
    /// Marks <c>matched[places[j]]</c> for each of <paramref name="keys"/> that some entry has (and leaves the others as they are). The numbers'
    /// first slots are read in one loop whose reads do not wait on each other, so the processor has many cache misses under
    /// way at once instead of one per person; the look-ups then go on from there in the cache.
    /// </summary>
    public void Contains(ReadOnlySpan<long> keys, ReadOnlySpan<int> places, Span<bool> matched)
    {
        Span<int> home = stackalloc int[ScreeningIndex.Batch];
        Span<ulong> first = stackalloc ulong[ScreeningIndex.Batch];
        var (slots, bases, partBits) = (_slots, _bases, _partBits);
        for (var at = 0; at < keys.Length; at += ScreeningIndex.Batch)
        {
            var batch = keys.Slice(at, Math.Min(ScreeningIndex.Batch, keys.Length - at));
            for (var j = 0; j < batch.Length; j++)
            {
                var hash = Hash(batch[j]);
                var p = partBits == 0 ? 0 : (int)(hash >> (64 - partBits));
                home[j] = bases[p] + HomeLine((hash << partBits) >> 32, (bases[p + 1] - bases[p]) / Line) * Line;
                first[j] = slots[home[j]];
            }
            for (var j = 0; j < batch.Length; j++)
            {
                // A line whose first slot is empty is empty.
                if (first[j] == 0)
                    continue;
                var key = batch[j];
                var (matches, empty) = Scan(slots.AsSpan(home[j], Line), (Hash(key) << partBits) >> 32);
                if (Same(slots, home[j], matches, key) >= 0 || (empty == 0 && Contains(key)))
                    matched[places[at + j]] = true;
            }
        }
    }
}
