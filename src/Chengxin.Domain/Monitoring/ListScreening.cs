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
}

public sealed record ScreeningHit(ScreenedSubject Subject, ListEntry Entry, MatchKind Match);

/// <summary>
/// Screens agencies and civil servants against dishonesty lists on a date. Identifiers decide;
/// a name alone never makes a hit, only a candidate for review, because names repeat.
/// </summary>
public static class ListScreening
{
    public static IReadOnlyList<ScreeningHit> Screen(IEnumerable<ScreenedSubject> subjects, IEnumerable<ListEntry> list, DateOnly on)
    {
        var active = list.Where(e => e.ActiveOn(on)).ToList();
        var byCode = active.Where(e => !string.IsNullOrWhiteSpace(e.Code)).ToLookup(e => Normalise(e.Code!));
        var byName = active.ToLookup(e => NormaliseName(e.Name));
        var hits = new List<ScreeningHit>();
        foreach (var s in subjects)
        {
            if (!string.IsNullOrWhiteSpace(s.Code))
            {
                var code = Normalise(s.Code);
                hits.AddRange(byCode[code].Select(e => new ScreeningHit(s, e, MatchKind.Identifier)));
                // A list entry without an identifier can still name this subject.
                hits.AddRange(byName[NormaliseName(s.Name)].Where(e => string.IsNullOrWhiteSpace(e.Code))
                    .Select(e => new ScreeningHit(s, e, MatchKind.NameOnly)));
            }
            else
            {
                hits.AddRange(byName[NormaliseName(s.Name)].Select(e => new ScreeningHit(s, e, MatchKind.NameOnly)));
            }
        }
        return hits;
    }

    private static string Normalise(string code) => ResidentIdNumber.Normalise(code);

    /// <summary>Names compare without spaces and with full-width brackets folded: （） and () are the same in practice.</summary>
    internal static string NormaliseName(string name) =>
        name.Replace(" ", "").Replace("\u3000", "").Replace('（', '(').Replace('）', ')').Trim();
}
