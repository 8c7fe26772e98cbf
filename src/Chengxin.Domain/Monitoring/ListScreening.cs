using Chengxin.Domain.Identifiers;

namespace Chengxin.Domain.Monitoring;

/// <summary>An entry of a dishonesty list (失信被执行人, 严重违法失信主体名单).</summary>
public sealed record ListEntry(string ListName, string Name, string? Code, DateOnly ListedOn, DateOnly? RemovedOn = null)
{
    public bool ActiveOn(DateOnly d) => ListedOn <= d && (RemovedOn is null || RemovedOn > d);
}

/// <summary>Someone screened: an agency (by USCC) or a civil servant (by resident id).</summary>
public sealed record ScreenedSubject(string Id, string Name, string? Code, bool IsPerson, string UnitId);

public enum MatchKind
{
    /// <summary>The identifiers agree: a hit.</summary>
    Identifier,
    /// <summary>Only the names agree, one side has no identifier: a reviewer must confirm (同名不同人 is common).</summary>
    NameOnly,
    /// <summary>The list shows the identifier masked (2301**********1234) and the visible digits agree: a reviewer must confirm.</summary>
    MaskedIdentifier,
}

public sealed record ScreeningHit(ScreenedSubject Subject, ListEntry Entry, MatchKind Match)
{
    /// <summary>Only an identifier that agrees in full is a hit by itself; the others are candidates a person confirms or dismisses.</summary>
    public bool IsCandidate => Match != MatchKind.Identifier;
}

/// <summary>
/// Screens agencies and civil servants against dishonesty lists on a date. Identifiers decide;
/// a name alone never makes a hit, only a candidate for review, because names repeat.
/// </summary>
public static class ListScreening
{
    public static IReadOnlyList<ScreeningHit> Screen(IEnumerable<ScreenedSubject> subjects, IEnumerable<ListEntry> list, DateOnly on)
    {
        var active = list.Where(e => e.ActiveOn(on)).ToList();
        var index = new ScreeningIndex(active.Count);
        foreach (var e in active)
            index.Add(e.Name, e.Code);
        var hits = new List<ScreeningHit>();
        var found = new List<(int Entry, MatchKind Match)>();
        foreach (var s in subjects)
        {
            found.Clear();
            index.Find(s.Name, s.Code, found);
            hits.AddRange(found.Select(f => new ScreeningHit(s, active[f.Entry], f.Match)));
        }
        return hits;
    }

    /// <summary>Names compare without spaces and with full-width brackets folded: （） and () are the same in practice.</summary>
    public static string NormaliseName(string name) =>
        name.Replace(" ", "").Replace("\u3000", "").Replace('（', '(').Replace('）', ')').Trim();

    /// <summary>The form of an identifier used for matching: trimmed, upper-case, full-width asterisks folded.</summary>
    public static string NormaliseCode(string code) => ResidentIdNumber.Normalise(code).Replace('＊', '*');

    /// <summary>Whether a list's identifier is masked: some of its characters are shown as asterisks.</summary>
    public static bool IsMasked(string? code) => code is not null && code.Contains('*', StringComparison.Ordinal);
}

/// <summary>
/// A list prepared for screening millions of subjects: full identifiers by value, masked identifiers (2301**********1234) by
/// their visible prefix and suffix for each mask shape the list uses (a candidate only when the listed name agrees too), names for entries and subjects without an identifier.
/// Resident id numbers (17 digits and a check character) are held as 64-bit numbers, so a list of twelve million entries
/// costs no string per entry and a look-up no allocation. Entries are numbered in the order they were added.
/// </summary>
public sealed class ScreeningIndex(int capacity = 0)
{
    // Entries with the same key are chained: the dictionary holds the first, _next the one after it (-1 ends the chain).
    private readonly Dictionary<long, int> _ids = new(capacity);
    private readonly Dictionary<string, int> _codes = new(StringComparer.Ordinal);
    private readonly List<MaskShape> _shapes = [];
    private readonly Dictionary<string, int> _names = new(StringComparer.Ordinal);
    private readonly List<int> _next = new(capacity);
    private readonly List<int> _nextName = new(capacity);
    private readonly List<bool> _hasCode = new(capacity);
    private readonly List<string?> _entryNames = new(capacity);

    public int Count => _next.Count;

    /// <summary>Adds an entry; returns its number.</summary>
    public int Add(string name, string? code)
    {
        var n = _next.Count;
        _next.Add(-1);
        var normalised = string.IsNullOrWhiteSpace(code) ? null : Normalised(code);
        _hasCode.Add(normalised is not null);
        _nextName.Add(-1);
        if (normalised is not null)
        {
            if (ListScreening.IsMasked(normalised))
            {
                if (MaskKey(normalised) is { } mask)
                {
                    var shape = _shapes.Find(x => x.Prefix == mask.Prefix && x.Suffix == mask.Suffix);
                    if (shape is null)
                        _shapes.Add(shape = new MaskShape(mask.Prefix, mask.Suffix));
                    Chain(shape.Map, shape.Visible(mask.Key), n);
                }
            }
            else if (IdKey(normalised) is { } id)
                Chain(_ids, id, n);
            else
                Chain(_codes, normalised, n);
        }
        var key = name.Length == 0 ? name : ListScreening.NormaliseName(name);
        _entryNames.Add(key.Length > 0 ? key : null);
        if (key.Length > 0)
        {
            if (_names.TryGetValue(key, out var first))
                _nextName[n] = first;
            _names[key] = n;
        }
        return n;
    }

    private void Chain<TKey>(Dictionary<TKey, int> map, TKey key, int n) where TKey : notnull
    {
        if (map.TryGetValue(key, out var first))
            _next[n] = first;
        map[key] = n;
    }

    /// <summary>
    /// The entries that match a subject: by its identifier in full and through every mask shape; then, by exact name, the entries
    /// without an identifier (for a subject with one) or every entry of that name (for a subject without one).
    /// </summary>
    public void Find(string name, string? code, List<(int Entry, MatchKind Match)> found)
    {
        var normalised = string.IsNullOrWhiteSpace(code) ? null : Normalised(code);
        if (normalised is not null)
        {
            if (IdKey(normalised) is { } id)
            {
                Walk(_ids, id, MatchKind.Identifier, found);
                // Behind a mask many people share the visible digits: only a listed name that agrees makes a candidate.
                var own = ListScreening.NormaliseName(name);
                foreach (var shape in _shapes)
                {
                    if (!shape.Map.TryGetValue(shape.Visible(id), out var m))
                        continue;
                    for (; m >= 0; m = _next[m])
                        if (_entryNames[m] is not { } listed || listed == own)
                            found.Add((m, MatchKind.MaskedIdentifier));
                }
            }
            else
                Walk(_codes, normalised, MatchKind.Identifier, found);
        }
        var key = ListScreening.NormaliseName(name);
        if (key.Length > 0 && _names.TryGetValue(key, out var n))
        {
            for (; n >= 0; n = _nextName[n])
                if (normalised is null || !_hasCode[n])
                    found.Add((n, MatchKind.NameOnly));
        }
    }

    /// <summary>
    /// Whether a full resident id number matches any entry, by value or through a mask's visible digits alone (no allocation; names
    /// are not compared, so this is the wider net a name-less screen casts).
    /// </summary>
    public bool MatchesId(long id)
    {
        if (_ids.ContainsKey(id))
            return true;
        foreach (var shape in _shapes)
            if (shape.Map.ContainsKey(shape.Visible(id)))
                return true;
        return false;
    }

    private void Walk<TKey>(Dictionary<TKey, int> map, TKey key, MatchKind match, List<(int, MatchKind)> found) where TKey : notnull
    {
        if (!map.TryGetValue(key, out var n))
            return;
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

    // A list's identifiers are mostly in the normal form already: only those that are not cost a new string.
    private static string Normalised(string code)
    {
        foreach (var c in code)
            if (c is (>= 'a' and <= 'z') or '＊' || char.IsWhiteSpace(c))
                return ListScreening.NormaliseCode(code);
        return code;
    }

    // A mask's shape (visible characters before and after the asterisks) and the number with the masked digits read as zero;
    // only an 18-character resident id masked in one run of asterisks is indexed (the form the court's list publishes).
    private static (int Prefix, int Suffix, long Key)? MaskKey(string code)
    {
        if (code.Length != 18)
            return null;
        var prefix = code.IndexOf('*', StringComparison.Ordinal);
        var suffix = 17 - code.LastIndexOf('*');
        long value = 0;
        for (var i = 0; i < 17; i++)
        {
            var c = code[i];
            var masked = i >= prefix && i < 18 - suffix;
            if (masked ? c != '*' : c is < '0' or > '9')
                return null;
            value = value * 10 + (masked ? 0 : c - '0');
        }
        var last = code[17];
        long check = suffix == 0 ? 0 : last == 'X' ? 10 : last is >= '0' and <= '9' ? last - '0' : -1;
        return check < 0 ? null : (prefix, suffix, value * 11 + check);
    }

    /// <summary>
    /// One mask shape the list uses: its entries by their visible digits, and how to read a full number's visible digits (the
    /// masked run zeroed; the check character kept unless it is masked too), with the divisors worked out once.
    /// </summary>
    private sealed class MaskShape
    {
        public MaskShape(int prefix, int suffix)
        {
            (Prefix, Suffix) = (prefix, suffix);
            var maskedTo = Math.Min(17, 18 - suffix);
            _high = Power(17 - prefix);
            _low = Power(17 - Math.Max(prefix, maskedTo));
            _keepCheck = suffix > 0;
        }

        private readonly long _high;
        private readonly long _low;
        private readonly bool _keepCheck;

        public int Prefix { get; }
        public int Suffix { get; }
        public Dictionary<long, int> Map { get; } = [];

        public long Visible(long id)
        {
            var digits = id / 11;
            return (digits / _high * _high + digits % _low) * 11 + (_keepCheck ? id % 11 : 0);
        }

        private static long Power(int p)
        {
            long v = 1;
            for (var i = 0; i < p; i++)
                v *= 10;
            return v;
        }
    }
}
