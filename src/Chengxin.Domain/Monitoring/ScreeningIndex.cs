using System.Numerics;

namespace Chengxin.Domain.Monitoring;

/// <summary>
/// A list prepared for screening millions of subjects: full resident id numbers by value, masked ones (2301**********1234) by
/// their visible digits for each mask shape the list uses (a candidate only when the listed name agrees too), other identifiers
/// by their text, and names for entries and subjects without an identifier. Full numbers are in one open-addressing table of
/// eight-byte slots built part by part in the cache (<see cref="IdNumberTable"/>), masked ones in small open-addressing tables
/// of plain arrays; the tables are built on every core at once, so a list of twelve million entries costs no string per entry
/// and a look-up no allocation. A list without names keeps no name tables. Entries are numbered in list order, and a look-up
/// lists the entries of one key in that order. Read-only once built: any number of threads may look up at once.
/// </summary>
public sealed class ScreeningIndex
{
    // Below this many entries one thread builds everything: starting threads would cost more than it saves.
    private const int ParallelFrom = 1 << 16;

    private readonly ScreeningCodes _codes;
    private readonly int[] _next;
    private readonly IdNumberTable _ids;
    private readonly NumberTable[] _masks;
    private readonly bool _masksFirst;
    private readonly Dictionary<string, int> _others = new(StringComparer.Ordinal);
    private readonly string?[]? _names;
    private readonly Dictionary<string, int>? _byName;
    private readonly int[]? _nextName;

    private ScreeningIndex(ScreeningCodes codes, IReadOnlyList<string?>? names)
    {
        _codes = codes;
        var count = codes.Count;
        // An entry's link is written before it is read: a masked entry and another identifier always, a full number only when
        // another entry has it too. So the chains' memory need not be cleared first.
        _next = GC.AllocateUninitializedArray<int>(count);
        var parallel = count >= ParallelFrom;
        // Masked numbers are filled in one part per core only when they are most of the list; otherwise one core fills them
        // while the others build the full numbers' table. Parts would each read the whole list, and write chain links of
        // entries next to each other's, the same cache lines from two cores at once.
        var parts = parallel && codes.Masked > count / 2
            ? (int)Math.Min(64, BitOperations.RoundUpToPowerOf2((uint)Environment.ProcessorCount))
            : 1;
        // Behind a mask of few visible digits thousands of entries share a number, so those tables start small and grow, and
        // stay small enough for the cache.
        _masks = [.. codes.Shapes.Select(_ => new NumberTable(parts))];

        if (names is not null)
        {
            _names = new string?[count];
            _nextName = new int[count];
            _byName = new Dictionary<string, int>(StringComparer.Ordinal);
        }
        IdNumberTable? ids = null;
        void IndexIds() => ids = IdNumberTable.Build(codes.Keys, codes.Tags, ScreeningCodes.FullId, _next, parallel);
        if (!parallel)
        {
            IndexIds();
            IndexMasks(0, 1);
            IndexTexts(names);
        }
        else
            Parallel.Invoke([IndexIds, .. Enumerable.Range(0, parts).Select(p => (Action)(() => IndexMasks(p, parts))), () => IndexTexts(names)]);
        _ids = ids!;
        _masksFirst = _masks.Sum(m => (long)m.Count) < _ids.Count;
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

    // One part of every mask table: the entries whose hash falls in it, walked from the last so each chain runs in list order.
    private void IndexMasks(int part, int parts)
    {
        if (_masks.Length == 0)
            return;
        var tags = _codes.Tags;
        var keys = _codes.Keys;
        for (var i = tags.Length - 1; i >= 0; i--)
        {
            var tag = tags[i];
            if (tag < ScreeningCodes.FirstShape)
                continue;
            var hash = IdNumberTable.Hash(keys[i]);
            if (parts > 1 && NumberTable.PartOf(hash, parts) != part)
                continue;
            _masks[tag - ScreeningCodes.FirstShape].Add(part, keys[i], hash, i, _next);
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
                _ids.Find(id, MatchKind.Identifier, found);
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
    public bool MatchesId(long id) => _ids.Contains(id) || MatchesMask(id);

    private bool MatchesMask(long id)
    {
        for (var s = 0; s < _masks.Length; s++)
            if (_masks[s].Contains(_codes.Shapes[s].Visible(id)))
                return true;
        return false;
    }

    /// <summary>
    /// <see cref="MatchesId"/> for many numbers at once, each answer in <paramref name="matched"/> at the number's place: faster
    /// for a long list of persons, because the look-ups of a batch wait for memory together rather than one after another.
    /// </summary>
    public void MatchIds(ReadOnlySpan<long> ids, Span<bool> matched)
    {
        if (matched.Length != ids.Length)
            throw new ArgumentException("Every number needs its place for the answer.", nameof(matched));
        matched.Clear();
        Span<long> keys = stackalloc long[Batch];
        Span<int> places = stackalloc int[Batch];
        for (var at = 0; at < ids.Length; at += Batch)
        {
            var batch = ids.Slice(at, Math.Min(Batch, ids.Length - at));
            var answers = matched.Slice(at, batch.Length);
            // The smaller tables first: they are likelier to be in the cache, and a number they match needs no second look-up.
            if (!_masksFirst)
            {
                var pending = Pending(batch, answers, -1, keys, places);
                _ids.Contains(keys[..pending], places[..pending], answers);
            }
            for (var s = 0; s < _masks.Length; s++)
            {
                var pending = Pending(batch, answers, s, keys, places);
                _masks[s].Contains(keys[..pending], places[..pending], answers);
            }
            if (_masksFirst)
            {
                var pending = Pending(batch, answers, -1, keys, places);
                _ids.Contains(keys[..pending], places[..pending], answers);
            }
        }
    }

    // The numbers of a batch still without a match, as the table of shape s (or the full numbers' table, -1) reads them, and
    // their places in the batch.
    private int Pending(ReadOnlySpan<long> batch, ReadOnlySpan<bool> answers, int shape, Span<long> keys, Span<int> places)
    {
        var pending = 0;
        for (var j = 0; j < batch.Length; j++)
        {
            if (answers[j])
                continue;
            keys[pending] = shape < 0 ? batch[j] : _codes.Shapes[shape].Visible(batch[j]);
            places[pending++] = j;
        }
        return pending;
    }

    // Numbers looked up together in a batch: enough for the processor to have many cache misses under way at once, few enough
    // that the lines they bring stay in the cache until they are compared.
    internal const int Batch = 256;

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
    /// Masked numbers to the first entry with that number, split into parts by the top bits of the hash so each part is filled
    /// by one thread without locks. A part is an open-addressing table (linear probing); keys and first entries are two arrays,
    /// so a look-up that only asks whether a number is listed reads keys alone, half the memory. A part starts small and
    /// doubles as it fills: a list whose masks share few visible digits (most do) keeps a table that stays in the cache.
    /// </summary>
    private sealed class NumberTable
    {
        private readonly Part[] _parts;
        private readonly int _partBits;

        /// <summary>A table of <paramref name="parts"/> parts (a power of two).</summary>
        public NumberTable(int parts)
        {
            _partBits = BitOperations.Log2((uint)parts);
            _parts = [.. Enumerable.Range(0, parts).Select(_ => new Part(_partBits))];
        }

        /// <summary>How many numbers the table holds.</summary>
        public int Count => _parts.Sum(p => p.Count);

        public static int PartOf(ulong hash, int parts) => parts == 1 ? 0 : (int)(hash >> (64 - BitOperations.Log2((uint)parts)));

        public void Add(int part, long key, ulong hash, int entry, int[] next) => _parts[part].Add(key + 1, hash << _partBits, entry, next);

        /// <summary>The first entry with the number, or -1.</summary>
        public int First(long key)
        {
            var hash = IdNumberTable.Hash(key);
            return PartFor(hash).First(key + 1, hash << _partBits);
        }

        public bool Contains(long key)
        {
            var hash = IdNumberTable.Hash(key);
            return PartFor(hash).Contains(key + 1, hash << _partBits);
        }

        private Part PartFor(ulong hash) => _partBits == 0 ? _parts[0] : _parts[(int)(hash >> (64 - _partBits))];

        /// <summary>
        /// Marks <c>matched[places[j]]</c> for each of <paramref name="keys"/> that is in the table: the home slots of the batch
        /// are read in one loop whose reads do not wait on each other, then each look-up goes on from its home slot in the cache.
        /// </summary>
        public void Contains(ReadOnlySpan<long> keys, ReadOnlySpan<int> places, Span<bool> matched)
        {
            Span<long> home = stackalloc long[Batch];
            for (var j = 0; j < keys.Length; j++)
            {
                var hash = IdNumberTable.Hash(keys[j]);
                home[j] = PartFor(hash).Home(hash << _partBits);
            }
            for (var j = 0; j < keys.Length; j++)
            {
                var stored = keys[j] + 1;
                if (home[j] == stored || (home[j] != 0 && Contains(keys[j])))
                    matched[places[j]] = true;
            }
        }

        // Keys are stored plus one so that zero marks an empty slot (a masked number can be zero).
        private sealed class Part(int partBits)
        {
            private const int FirstBits = 8;
            private int _bits = FirstBits;
            private long[] _keys = new long[1 << FirstBits];
            private int[] _first = new int[1 << FirstBits];
            private int _count;

            public int Count => _count;

            private int Slot(long stored, ulong hash)
            {
                var keys = _keys;
                var mask = keys.Length - 1;
                for (var i = (int)(hash >> (64 - _bits)); ; i = (i + 1) & mask)
                {
                    var key = keys[i];
                    if (key == stored || key == 0)
                        return i;
                }
            }

            public int First(long stored, ulong hash)
            {
                var i = Slot(stored, hash);
                return _keys[i] == 0 ? -1 : _first[i];
            }

            public bool Contains(long stored, ulong hash) => _keys[Slot(stored, hash)] != 0;

            /// <summary>The key in the number's home slot: the one read a look-up cannot do without.</summary>
            public long Home(ulong hash) => _keys[(int)(hash >> (64 - _bits))];

            public void Add(long stored, ulong hash, int entry, int[] next)
            {
                var i = Slot(stored, hash);
                if (_keys[i] == stored)
                {
                    next[entry] = _first[i];
                    _first[i] = entry;
                    return;
                }
                _keys[i] = stored;
                _first[i] = entry;
                next[entry] = -1;
                // Linear probing slows past two-thirds full, misses first; screening misses far more often than it hits.
                if (++_count * 3 > _keys.Length * 2)
                    Grow();
            }

            private void Grow()
            {
                var (keys, first) = (_keys, _first);
                _bits++;
                _keys = new long[1 << _bits];
                _first = new int[1 << _bits];
                for (var k = 0; k < keys.Length; k++)
                {
                    if (keys[k] == 0)
                        continue;
                    var i = Slot(keys[k], IdNumberTable.Hash(keys[k] - 1) << partBits);
                    _keys[i] = keys[k];
                    _first[i] = first[k];
                }
            }
        }
    }
}
