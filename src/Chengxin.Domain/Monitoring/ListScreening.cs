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
        var index = ScreeningIndex.Build([.. active.Select(e => e.Code)], [.. active.Select(e => e.Name)]);
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
