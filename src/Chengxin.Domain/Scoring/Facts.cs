using System.Globalization;
using Chengxin.Domain.Schemes;

namespace Chengxin.Domain.Scoring;

/// <summary>A reviewer's judgement on a manual item: points with the reason for them.</summary>
public sealed record Judgement(decimal Points, string Reason);

/// <summary>One record of a ledger fact (台账): column key → value.</summary>
/// <remarks>
/// A campaign holds millions of records and counts them on every score, so a record keeps its cells as two arrays (the column
/// keys, shared with the record before it when they are the same, and the values) and a bit per cell that holds a value and
/// one per cell that holds a true value:
/// counting the records whose bool column is set reads one word per record, with the column found once per ledger rather
/// than hashed per record. <see cref="Cells"/> gives them back as a dictionary when asked.
/// </remarks>
public sealed class LedgerRow
{
    public LedgerRow(IReadOnlyDictionary<string, FactValue> cells)
    {
        var keys = new string[cells.Count];
        var values = new FactValue[cells.Count];
        var k = 0;
        foreach (var (key, value) in cells)
        {
            keys[k] = key;
            values[k] = value;
            if (k < 64 && value.HasValue) PresentCells |= 1UL << k;
            if (k < 64 && value.IsTrue) TrueCells |= 1UL << k;
            k++;
        }
        Keys = SharedKeys(keys);
        _values = values;
    }

    private readonly FactValue[] _values;
    private IReadOnlyDictionary<string, FactValue>? _cells;

    /// <summary>The column keys in the order the cells were given; the same array as the previous record's when they are equal.</summary>
    internal string[] Keys { get; }

    /// <summary>Bit k set when cell k holds a true value (not zero), for the first 64 cells.</summary>
    internal ulong TrueCells { get; }

    /// <summary>Bit k set when cell k holds a value, for the first 64 cells.</summary>
    internal ulong PresentCells { get; }

    public IReadOnlyDictionary<string, FactValue> Cells => _cells ??= Build();

    public FactValue this[string column] => IndexOf(column) is >= 0 and var k ? _values[k] : default;

    /// <summary>Where a column's cell is, -1 when the record has none.</summary>
    internal int IndexOf(string column) => IndexOf(Keys, column);

    /// <summary>Where a column is among a record's keys, -1 when it is not.</summary>
    internal static int IndexOf(string[] keys, string column)
    {
        for (var k = 0; k < keys.Length; k++)
            if (ReferenceEquals(keys[k], column) || string.Equals(keys[k], column, StringComparison.Ordinal)) return k;
        return -1;
    }

    /// <summary>Whether the cell at <paramref name="index"/> (from <see cref="IndexOf"/>, -1 for none) holds a true value.</summary>
    internal bool IsTrueAt(int index) => index >= 0 && (index < 64 ? (TrueCells >> index & 1) != 0 : _values[index].IsTrue);

    private Dictionary<string, FactValue> Build()
    {
        var cells = new Dictionary<string, FactValue>(Keys.Length, StringComparer.Ordinal);
        for (var k = 0; k < Keys.Length; k++) cells[Keys[k]] = _values[k];
        return cells;
    }

    // Records are made one after another, a ledger's records with the same columns: they share one array of keys.
    [ThreadStatic] private static string[]? t_lastKeys;

    private static string[] SharedKeys(string[] keys)
    {
        var last = t_lastKeys;
        if (last is not null && last.AsSpan().SequenceEqual(keys)) return last;
        return t_lastKeys = keys;
    }
}

/// <summary>
/// A ledger's records as a fact holds them (<see cref="FactValue.Ledger"/>): the records, and beside them each record's true
/// cells (<see cref="LedgerRow.TrueCells"/>) in one array, so that counting the records whose bool column is set reads one
/// dense array, as a column store would, instead of visiting every record.
/// </summary>
internal sealed class LedgerRecords : IReadOnlyList<LedgerRow>
{
    private readonly LedgerRow[] _rows;

    public LedgerRecords(LedgerRow[] rows)
    {
        _rows = rows;
        TrueCells = new ulong[rows.Length];
        PresentCells = new ulong[rows.Length];
        var keys = rows.Length > 0 ? rows[0].Keys : null;
        for (var i = 0; i < rows.Length; i++)
        {
            TrueCells[i] = rows[i].TrueCells;
            PresentCells[i] = rows[i].PresentCells;
            if (keys is not null && !ReferenceEquals(rows[i].Keys, keys) && !rows[i].Keys.AsSpan().SequenceEqual(keys)) keys = null;
        }
        Keys = keys;
    }

    /// <summary>The column keys of every record, in the order of their cells; null when records differ (then each is read on its own).</summary>
    public string[]? Keys { get; }

    /// <summary>Per record, <see cref="LedgerRow.TrueCells"/>.</summary>
    public ulong[] TrueCells { get; }

    /// <summary>Per record, <see cref="LedgerRow.PresentCells"/>.</summary>
    public ulong[] PresentCells { get; }

    public ReadOnlySpan<LedgerRow> Span => _rows;

    public LedgerRow this[int index] => _rows[index];

    public int Count => _rows.Length;

    public IEnumerator<LedgerRow> GetEnumerator() => ((IEnumerable<LedgerRow>)_rows).GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
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
    public static FactValue Ledger(IReadOnlyList<LedgerRow> rows) =>
        new(FactType.Ledger, rows.Count, null, rows as LedgerRecords ?? new LedgerRecords([.. rows]));
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
        ClassIndex = scheme.ClassIndexOf(unitClass);
        Values = new FactValue[scheme.FactCount];
    }

    /// <summary>The unit's class by its place in the scheme's classes, -1 when the scheme does not declare it.</summary>
    internal int ClassIndex { get; }

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
