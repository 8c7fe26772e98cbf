using System.Numerics;

namespace Chengxin.Domain.Monitoring;

/// <summary>
/// A list prepared for screening millions of subjects: full resident id numbers by value, masked ones (2301**********1234) by
/// their visible digits for each mask shape the list uses (a candidate only when the listed name agrees too), other identifiers
/// by their text, and names for entries and subjects without an identifier. Numbers live in open-addressing tables of plain
/// arrays, split by hash into one part per core and built on every core at once, so a list of twelve million entries costs no
/// string per entry and a look-up no allocation. A list without names keeps no name tables. Entries are numbered in list order,
/// and a look-up lists the entries of one key in that order. Read-only once built: any number of threads may look up at once.
/// </summary>
public sealed class ScreeningIndex
{
    // Below this many entries one thread builds everything: starting threads would cost more than it saves.
    private const int ParallelFrom = 1 << 16;

    private readonly ScreeningCodes _codes;
    private readonly int[] _next;
    private readonly NumberTable _ids;
    private readonly NumberTable[] _masks;
    private readonly Dictionary<string, int> _others = new(StringComparer.Ordinal);
    private readonly string?[]? _names;
    private readonly Dictionary<string, int>? _byName;
    private readonly int[]? _nextName;

    private ScreeningIndex(ScreeningCodes codes, IReadOnlyList<string?>? names)
    {
        _codes = codes;
        var count = codes.Count;
        _next = new int[count];
        var parts = count < ParallelFrom ? 1 : (int)Math.Min(64, BitOperations.RoundUpToPowerOf2((uint)Environment.ProcessorCount));
        var perTag = new int[256];
        foreach (var tag in codes.Tags)
            perTag[tag]++;
        // A person is on a list about once, so full numbers are sized for every entry; behind a mask of few visible digits
        // thousands of entries share a number, so those tables start small and grow, and stay small enough for the cache.
        _ids = new NumberTable(parts, perTag[ScreeningCodes.FullId] / parts);
        _masks = [.. codes.Shapes.Select(_ => new NumberTable(parts, 0))];

        if (names is not null)
        {
            _names = new string?[count];
            _nextName = new int[count];
            _byName = new Dictionary<string, int>(StringComparer.Ordinal);
        }
        if (parts == 1)
        {
            IndexNumbers(0, 1);
            IndexTexts(names);
        }
        else
            Parallel.Invoke([.. Enumerable.Range(0, parts).Select(p => (Action)(() => IndexNumbers(p, parts))), () => IndexTexts(names)]);
        if (_byName is { Count: 0 })
            (_names, _byName, _nextName) = (null, null, null);
    }

    /// <summary>Reads the identifiers (null or blank for an entry without one) and indexes them with the entries' names, if any.</summary>
    public static ScreeningIndex Build(IReadOnlyList<string?> codes, IReadOnlyList<string?>? names = null) =>
        Build(ScreeningCodes.Parse(codes), names);

    /// <summary>Indexes identifiers already read, with the entries' names (in the same order) or none for a name-less list.</summary>
    public static ScreeningIndex Build(ScreeningCodes codes, IReadOnlyList<string?>? names = null)
    {
        if (names is not null && names.Count != codes.Count)
            throw new ArgumentException("Every entry needs its name (or null).", nameof(names));
        return new ScreeningIndex(codes, names);
    }

    public int Count => _next.Length;

    // One part of every number table: the entries whose hash falls in it, walked from the last so each chain runs in list order.
    private void IndexNumbers(int part, int parts)
    {
        var tags = _codes.Tags;
        var keys = _codes.Keys;
        for (var i = tags.Length - 1; i >= 0; i--)
        {
            var tag = tags[i];
            if (tag is not (ScreeningCodes.FullId or >= ScreeningCodes.FirstShape))
                continue;
            var hash = NumberTable.Hash(keys[i]);
            if (parts > 1 && NumberTable.PartOf(hash, parts) != part)
                continue;
            var table = tag == ScreeningCodes.FullId ? _ids : _masks[tag - ScreeningCodes.FirstShape];
            table.Add(part, keys[i], hash, i, _next);
        }
    }

    private void IndexTexts(IReadOnlyList<string?>? names)
    {
        var others = _codes.Others;
        for (var o = others.Count - 1; o >= 0; o--)
        {
            var (entry, code) = others[o];
            _next[entry] = _others.TryGetValue(code, out var first) ? first : -1;
            _others[code] = entry;
        }
        if (names is null)
            return;
        for (var n = names.Count - 1; n >= 0; n--)
        {
            var name = names[n];
            var key = string.IsNullOrEmpty(name) ? "" : ListScreening.NormaliseName(name);
            _nextName![n] = -1;
            if (key.Length == 0)
                continue;
            _names![n] = key;
            if (_byName!.TryGetValue(key, out var first))
                _nextName[n] = first;
            _byName[key] = n;
        }
    }

    /// <summary>
    /// The entries that match a subject: by its identifier in full and through every mask shape; then, by exact name, the entries
    /// without an identifier (for a subject with one) or every entry of that name (for a subject without one).
    /// </summary>
    public void Find(string name, string? code, List<(int Entry, MatchKind Match)> found)
    {
        var normalised = string.IsNullOrWhiteSpace(code) ? null : ScreeningCodes.Normalised(code);
        if (normalised is not null)
        {
            if (IdKey(normalised) is { } id)
            {
                Walk(_ids.First(id), MatchKind.Identifier, found);
                // Behind a mask many people share the visible digits: only a listed name that agrees makes a candidate.
                var own = ListScreening.NormaliseName(name);
                for (var s = 0; s < _masks.Length; s++)
                    for (var m = _masks[s].First(_codes.Shapes[s].Visible(id)); m >= 0; m = _next[m])
                        if (_names?[m] is not { } listed || listed == own)
                            found.Add((m, MatchKind.MaskedIdentifier));
            }
            else if (_others.TryGetValue(normalised, out var first))
                Walk(first, MatchKind.Identifier, found);
        }
        var key = ListScreening.NormaliseName(name);
        if (key.Length > 0 && _byName is not null && _byName.TryGetValue(key, out var n))
        {
            for (; n >= 0; n = _nextName![n])
                if (normalised is null || _codes.Tags[n] == ScreeningCodes.None)
                    found.Add((n, MatchKind.NameOnly));
        }
    }

    /// <summary>
    /// Whether a full resident id number matches any entry, by value or through a mask's visible digits alone (no allocation; names
    /// are not compared, so this is the wider net a name-less screen casts).
    /// </summary>
    public bool MatchesId(long id)
    {
        if (_ids.First(id) >= 0)
            return true;
        for (var s = 0; s < _masks.Length; s++)
            if (_masks[s].First(_codes.Shapes[s].Visible(id)) >= 0)
                return true;
        return false;
    }

    private void Walk(int n, MatchKind match, List<(int, MatchKind)> found)
    {
        for (; n >= 0; n = _next[n])
            found.Add((n, match));
    }

    /// <summary>An 18-character resident id number (17 digits, then a digit or X) as a number: the check character X counts as 10.</summary>
    public static long? IdKey(string code)
    {
        if (code.Length != 18)
            return null;
        long value = 0;
        for (var i = 0; i < 17; i++)
        {
            var c = code[i];
            if (c is < '0' or > '9')
                return null;
            value = value * 10 + (c - '0');
        }
        var last = code[17];
        if (last is not ((>= '0' and <= '9') or 'X'))
            return null;
        return value * 11 + (last == 'X' ? 10 : last - '0');
    }

    /// <summary>
    /// Numbers to the first entry with that number, split into parts by the top bits of the hash so each part is filled by one
    /// thread without locks. A part is an open-addressing table (linear probing) of key and first entry side by side. A part starts small and doubles as it fills, so a list whose masks share few visible digits (most do) keeps a
    /// table that stays in the cache instead of one sized for every entry.
    /// </summary>
    private sealed class NumberTable
    {
        private readonly Part[] _parts;
        private readonly int _partBits;

        /// <summary>A table of <paramref name="parts"/> parts (a power of two), each sized for that many distinct numbers without growing.</summary>
        public NumberTable(int parts, int expectedPerPart)
        {
            _partBits = BitOperations.Log2((uint)parts);
            var bits = Math.Max(8, BitOperations.Log2(BitOperations.RoundUpToPowerOf2((uint)(expectedPerPart + expectedPerPart / 2 + 1))));
            _parts = [.. Enumerable.Range(0, parts).Select(_ => new Part(bits, _partBits))];
        }

        // Fibonacci hashing: the top bits of the product are well mixed even for numbers that differ only in their last digits.
        public static ulong Hash(long key) => (ulong)key * 0x9E3779B97F4A7C15UL;

        public static int PartOf(ulong hash, int parts) => parts == 1 ? 0 : (int)(hash >> (64 - BitOperations.Log2((uint)parts)));

        public void Add(int part, long key, ulong hash, int entry, int[] next) => _parts[part].Add(key + 1, hash << _partBits, entry, next);

        /// <summary>The first entry with the number, or -1.</summary>
        public int First(long key)
        {
            var hash = Hash(key);
            var part = _partBits == 0 ? _parts[0] : _parts[(int)(hash >> (64 - _partBits))];
            return part.First(key + 1, hash << _partBits);
        }

        // Keys are stored plus one so that zero marks an empty slot (a masked number can be zero, an id number cannot). A key and
        // its first entry share a slot: a hit, and every insert, touch one cache line instead of two.
        private struct Slot
        {
            public long Key;
            public int First;
        }

        private sealed class Part(int bits, int partBits)
        {
            private int _bits = bits;
            private Slot[] _slots = new Slot[1 << bits];
            private int _count;

            public int First(long stored, ulong hash)
            {
                var slots = _slots;
                var mask = slots.Length - 1;
                for (var i = (int)(hash >> (64 - _bits)); ; i = (i + 1) & mask)
                {
                    ref var slot = ref slots[i];
                    if (slot.Key == stored)
                        return slot.First;
                    if (slot.Key == 0)
                        return -1;
                }
            }

            public void Add(long stored, ulong hash, int entry, int[] next)
            {
                var slots = _slots;
                var mask = slots.Length - 1;
                var i = (int)(hash >> (64 - _bits));
                for (; slots[i].Key != 0; i = (i + 1) & mask)
                {
                    if (slots[i].Key == stored)
                    {
                        next[entry] = slots[i].First;
                        slots[i].First = entry;
                        return;
                    }
                }
                slots[i] = new Slot { Key = stored, First = entry };
                next[entry] = -1;
                // Linear probing slows past two-thirds full, misses first; screening misses far more often than it hits.
                if (++_count * 3 > slots.Length * 2)
                    Grow();
            }

            private void Grow()
            {
                var old = _slots;
                _bits++;
                _slots = new Slot[1 << _bits];
                var mask = _slots.Length - 1;
                foreach (var slot in old)
                {
                    if (slot.Key == 0)
                        continue;
                    var i = (int)((Hash(slot.Key - 1) << partBits) >> (64 - _bits));
                    while (_slots[i].Key != 0)
                        i = (i + 1) & mask;
                    _slots[i] = slot;
                }
            }
        }
    }
}
