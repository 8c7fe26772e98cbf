using System.Globalization;
using Chengxin.Domain.Schemes;

namespace Chengxin.Domain.Scoring;

/// <summary>A reviewer's judgement on a manual item: points with the reason for them.</summary>
public sealed record Judgement(decimal Points, string Reason);

/// <summary>One record of a ledger fact (台账): column key → value.</summary>
public sealed class LedgerRow(IReadOnlyDictionary<string, FactValue> cells)
{
    // Scoring reads a column of every counted record: through the dictionary itself when it is one, not the interface.
    private readonly Dictionary<string, FactValue>? _dictionary = cells as Dictionary<string, FactValue>;

    public IReadOnlyDictionary<string, FactValue> Cells { get; } = cells;
    public FactValue this[string column] => (_dictionary is { } d ? d.TryGetValue(column, out var v) : Cells.TryGetValue(column, out v)) ? v : default;
}

/// <summary>
/// The value of one fact. A struct so that a unit's facts are one array without boxing;
/// <see cref="HasValue"/> false is a missing fact.
/// </summary>
public readonly struct FactValue
{
    private FactValue(FactType type, decimal number, string? text, IReadOnlyList<LedgerRow>? rows)
    {
        Type = type;
        Number = number;
        Text = text;
        Rows = rows;
        HasValue = true;
    }

    public bool HasValue { get; }
    public FactType Type { get; }
    /// <summary>bool as 1/0, count, number, percent, judgement points, ledger row count.</summary>
    public decimal Number { get; }
    /// <summary>text, a date as yyyy-MM-dd, a judgement's reason.</summary>
    public string? Text { get; }
    public IReadOnlyList<LedgerRow>? Rows { get; }

    public static FactValue Bool(bool v) => new(FactType.Bool, v ? 1 : 0, null, null);
    public static FactValue Count(long v) => v < 0
        ? throw new ArgumentOutOfRangeException(nameof(v), "次数不能为负 (a count cannot be negative)")
        : new(FactType.Count, v, null, null);
    public static FactValue Num(decimal v) => new(FactType.Number, v, null, null);
    public static FactValue Percent(decimal v) => new(FactType.Percent, v, null, null);
    public static FactValue Date(DateOnly d) => new(FactType.Date, d.DayNumber, d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), null);
    public static FactValue OfText(string v) => new(FactType.Text, 0, v, null);
    public static FactValue Ledger(IReadOnlyList<LedgerRow> rows) => new(FactType.Ledger, rows.Count, null, rows);
    public static FactValue OfJudgement(Judgement j) => new(FactType.Judgement, j.Points, j.Reason, null);

    // IsZero reads the mantissa; != 0 compares two decimals. The same for every value, −0 and 0.00 included.
    public bool IsTrue => !IsZero(Number);

    private static bool IsZero<T>(T value) where T : System.Numerics.INumberBase<T> => T.IsZero(value);

    /// <summary>How the value reads in an explanation.</summary>
    public string Describe() => !HasValue ? "（缺）" : Type switch
    {
        FactType.Bool => IsTrue ? "是" : "否",
        FactType.Percent => $"{Number.Text()}%",
        FactType.Date or FactType.Text => Text ?? "",
        FactType.Ledger => $"{Rows!.Count} 条记录",
        FactType.Judgement => $"{Number.Text()} 分（理由：{Text}）",
        _ => Number.Text(),
    };
}

/// <summary>One evaluated unit's facts for one scheme, held by slot (see <see cref="CompiledScheme.SlotOf"/>).</summary>
public sealed class UnitFacts
{
    internal UnitFacts(CompiledScheme scheme, string unitId, string? name, string unitClass)
    {
        Scheme = scheme;
        UnitId = unitId;
        Name = name;
        UnitClass = unitClass;
        Values = new FactValue[scheme.FactCount];
    }

    public CompiledScheme Scheme { get; }
    public string UnitId { get; }
    public string? Name { get; }
    public string UnitClass { get; }
    /// <summary>A grouping for ranking (e.g. the province), if the caller needs one.</summary>
    public string? Group { get; init; }
    /// <summary>The period these facts belong to (e.g. 2022Q1), for carry-over explanations.</summary>
    public string? Period { get; init; }
    /// <summary>The dates the campaign's period spans, for `in period` conditions (a `range` scheme's own span wins).</summary>
    public DateRange? PeriodDates { get; init; }
    internal FactValue[] Values { get; }

    public FactValue this[string key]
    {
        get => Scheme.SlotOf(key) is int s ? Values[s] : default;
    }

    /// <summary>Sets a fact, checking that the value's type fits the declaration.</summary>
    public UnitFacts Set(string key, FactValue value)
    {
        var slot = Scheme.SlotOf(key) ?? throw new DomainRuleException($"方案 {Scheme.Scheme.Id} 中没有事实 '{key}'（单位 {UnitId}）");
        var declared = Scheme.FactDefinitions[slot].Type;
        if (!Fits(declared, value.Type))
            throw new DomainRuleException($"单位 {UnitId} 的事实 '{key}' 应为 {declared}，实为 {value.Type}");
        Values[slot] = value;
        return this;
    }

    private static bool Fits(FactType declared, FactType actual) =>
        declared == actual
        || (declared is FactType.Number or FactType.Percent && actual is FactType.Number or FactType.Percent or FactType.Count)
        || (declared == FactType.Count && actual == FactType.Number);

    /// <summary>The declared facts that have no value.</summary>
    public IEnumerable<string> MissingKeys() =>
        Scheme.FactDefinitions.Where((_, i) => !Values[i].HasValue).Select(f => f.Key);
}
