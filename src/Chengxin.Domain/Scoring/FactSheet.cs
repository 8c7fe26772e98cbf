using System.Text.Json;
using Chengxin.Domain.Schemes;

namespace Chengxin.Domain.Scoring;

/// <summary>
/// Who stated a fact, and how far its word goes. <see cref="Rank"/> orders the sources: a higher rank replaces a lower one
/// for the same fact; within one rank the later entry wins. A counted source (the system's report record) is never
/// entered by anyone, so it applies at every stage, the unit's self-score included.
/// A new source (a monitoring feed, a survey) is one more instance here with its rank; nothing else changes.
/// </summary>
/// <param name="Name">The name stored with an entered value (submission_facts.source).</param>
public sealed record FactSource(string Name, int Rank, bool Counted = false)
{
    /// <summary>What the unit's liaison (or the office on its behalf) entered.</summary>
    public static readonly FactSource Unit = new("unit", 0);

    /// <summary>What a data provider entered through its grid: part of the unit's own answer, on a par with the unit.</summary>
    public static readonly FactSource Provider = new("provider", 0);

    /// <summary>A reviewer's correction: replaces the unit's own answer.</summary>
    public static readonly FactSource Reviewer = new("review", 1);

    /// <summary>What a spot check found: replaces the reviewed answer.</summary>
    public static readonly FactSource SpotCheck = new("spot-check", 2);

    /// <summary>Counted by the platform from the report record (迟报、漏报): replaces whatever anyone entered, at every stage.</summary>
    public static readonly FactSource System = new("system", 3, Counted: true);

    public static readonly IReadOnlyList<FactSource> All = [Unit, Provider, Reviewer, SpotCheck, System];

    /// <summary>The source stored under this name, or null.</summary>
    public static FactSource? Named(string name) => All.FirstOrDefault(s => s.Name == name);
}

/// <summary>How far a reading of a unit's facts goes: the self-score stops at the unit's own answer, the result at the spot check.</summary>
public enum FactStage
{
    /// <summary>The unit's own answer (unit and providers) with the counted facts: the self-score.</summary>
    Own = 0,

    /// <summary>With the reviewers' corrections: the reviewed score.</summary>
    Reviewed = 1,

    /// <summary>With what a spot check found: the result.</summary>
    SpotChecked = 2,
}

/// <summary>One statement of a fact: its value, who made it, and when (the sequence orders statements made at the same instant).</summary>
public sealed record FactEntry(string Key, FactValue Value, FactSource Source, DateTimeOffset EnteredAt = default, long Sequence = 0);

/// <summary>
/// A unit's facts for one campaign from every source, and the one rule for which statement counts:
/// system &gt; spot check &gt; reviewer &gt; provider/unit, the later entry within a source's rank.
/// Hands the scorer <see cref="UnitFacts"/> directly; a value read from its stored JSON is read once, by
/// <see cref="FactsFile.ReadFact"/>, and travels typed from there.
/// </summary>
public sealed class FactSheet(CompiledScheme scheme, string unitId, string unitClass, string? name = null, string? period = null,
    DateRange? periodDates = null)
{
    private readonly List<FactEntry> _entries = [];

    public CompiledScheme Scheme { get; } = scheme;
    public string UnitId { get; } = unitId;
    public string UnitClass { get; } = unitClass;
    public IReadOnlyList<FactEntry> Entries => _entries;

    public FactSheet Add(FactEntry entry)
    {
        _entries.Add(entry);
        return this;
    }

    public FactSheet Add(FactSource source, string key, FactValue value, DateTimeOffset enteredAt = default, long sequence = 0) =>
        Add(new FactEntry(key, value, source, enteredAt, sequence));

    /// <summary>Adds a value in its stored JSON form, read against the scheme's declaration of the fact (a bad value names the unit and the fact).</summary>
    public FactSheet Add(FactSource source, string key, JsonElement json, DateTimeOffset enteredAt = default, long sequence = 0) =>
        Add(source, key, FactsFile.ReadFact(Scheme, name ?? UnitId, key, json), enteredAt, sequence);

    /// <summary>The statement that counts for a fact at a stage, or null when no source has stated it.</summary>
    public FactEntry? Deciding(string key, FactStage stage = FactStage.SpotChecked)
    {
        FactEntry? best = null;
        foreach (var e in _entries)
        {
            if (e.Key != key || !Reaches(e.Source, stage))
                continue;
            if (best is null || Outranks(e, best))
                best = e;
        }
        return best;
    }

    /// <summary>The unit's facts as they stand at a stage, ready for <see cref="Scorer.Score"/>.</summary>
    public UnitFacts Facts(FactStage stage = FactStage.SpotChecked)
    {
        // One pass over the statements: a campaign reads thousands of sheets per request.
        var deciding = new Dictionary<string, FactEntry>(StringComparer.Ordinal);
        foreach (var e in _entries)
        {
            if (Reaches(e.Source, stage) && (!deciding.TryGetValue(e.Key, out var current) || Outranks(e, current)))
                deciding[e.Key] = e;
        }
        var facts = Scheme.NewFacts(UnitId, UnitClass, name, period: period, periodDates: periodDates);
        foreach (var (key, entry) in deciding)
            facts.Set(key, entry.Value);
        return facts;
    }

    private static bool Reaches(FactSource source, FactStage stage) => source.Counted || source.Rank <= (int)stage;

    private static bool Outranks(FactEntry candidate, FactEntry current) =>
        candidate.Source.Rank != current.Source.Rank ? candidate.Source.Rank > current.Source.Rank
        : candidate.EnteredAt != current.EnteredAt ? candidate.EnteredAt > current.EnteredAt
        : candidate.Sequence >= current.Sequence;
}
