using Chengxin.Domain.Calendar;
using Chengxin.Domain.Schemes;

namespace Chengxin.Domain.Scoring;

/// <summary>What a compiled part computes, resolved once so that scoring switches on a number, not on the part's type.</summary>
internal enum PartKind
{
    Other, AllOrNothing, Checklist, Shortfall, PerOccurrence,
    /// <summary>A deduction of `for:` lines or a varying amount from one base.</summary>
    DeductionOff,
    Deduction, Steps, Bands, PerRecord, Formula, Split, Manual,
    /// <summary>A penalty of `for:` lines or a varying amount.</summary>
    PenaltyOff,
    Penalty, Bonus, Veto,
}

/// <summary>One rule part with its facts resolved to slots, ready to evaluate.</summary>
/// <remarks><paramref name="Formula"/> is a formula part's tree or the expression a `steps`/`bands` part reads;
/// <paramref name="Where"/> a record condition other than a bare bool column (which is read directly, as before).</remarks>
internal sealed record CompiledPart(RulePart Part, int? Slot, int[] ChecklistSlots, FormulaNode? Formula, FormulaNode? Where = null, string? WhereColumn = null)
{
    /// <summary>The fact the part reads, for naming a ledger's column when a condition fails.</summary>
    public string? Fact { get; init; }

    /// <summary>Whether the part can lower the unit's points (penalty, veto, a formula that may go below 0).</summary>
    public bool CanTakeAway { get; init; }

    /// <summary>The counted lines of a deduction or penalty written with `for:`, each compiled as a per-occurrence count.</summary>
    public CompiledPart[]? Lines { get; init; }

    /// <summary>Whether the part is limited to some unit classes (read once here, not per unit from the list).</summary>
    public bool ClassLimited { get; init; }

    /// <summary>Per class of the scheme (by <see cref="UnitFacts.ClassIndex"/>), whether a class-limited part applies to it.</summary>
    internal bool[] ForClass { get; init; } = [];

    /// <summary>Whether the part applies to the unit's class.</summary>
    internal bool AppliesTo(UnitFacts facts) =>
        !ClassLimited || (facts.ClassIndex >= 0 ? ForClass[facts.ClassIndex] : Part.AppliesTo(facts.UnitClass));

    /// <summary><see cref="Formula"/> compiled for the scheme (<see cref="CompiledFormula"/>): what scoring evaluates.</summary>
    public Func<FormulaScope, decimal>? FormulaValue { get; init; }

    /// <summary><see cref="Where"/> compiled for the scheme: what scoring evaluates per record.</summary>
    public Func<FormulaScope, decimal>? WhereValue { get; init; }

    /// <summary><see cref="Where"/> read from a record's bits, when it is columns joined by and, or and not.</summary>
    public BitCondition? WhereBits { get; init; }

    public PartKind Kind { get; } = Part switch
    {
        AllOrNothing => PartKind.AllOrNothing,
        Checklist => PartKind.Checklist,
        Shortfall => PartKind.Shortfall,
        PerOccurrence => PartKind.PerOccurrence,
        Deduction d when d.Lines.Count > 0 || d.Amount is not null => PartKind.DeductionOff,
        Deduction => PartKind.Deduction,
        Steps => PartKind.Steps,
        Bands => PartKind.Bands,
        PerRecord => PartKind.PerRecord,
        Schemes.Formula => PartKind.Formula,
        Split => PartKind.Split,
        Manual => PartKind.Manual,
        Penalty p when p.Lines.Count > 0 || p.Amount is not null => PartKind.PenaltyOff,
        Penalty => PartKind.Penalty,
        Bonus => PartKind.Bonus,
        Veto => PartKind.Veto,
        _ => PartKind.Other,
    };
}

/// <summary>
/// A cap over several items of one category (「以上三项最高扣5分」), or a category's own `max` made a cap (`capped: true`):
/// the items by index, the category and its ancestors whose subtotals the cap adjusts.
/// </summary>
internal sealed record CompiledCap(CapGroup Group, Category Category, int[] Items, int[] Nodes, bool WholeCategory);

/// <summary>One item with its place in the tree and its parts' range in the flat part array.</summary>
public sealed record CompiledItem(Item Item, int Index, int NodeIndex, int PartStart, int PartCount, int[] AncestorNodes)
{
    internal CompiledPart[] Parts { get; init; } = [];
    /// <summary>Whether the item names its units (a responsibility list), read once here rather than per unit.</summary>
    internal bool HasUnits { get; init; }
    /// <summary>A rank or share item's value expression, compiled once.</summary>
    internal FormulaNode? RelativeValue { get; init; }
    /// <summary><see cref="RelativeValue"/> compiled for the scheme (<see cref="CompiledFormula"/>).</summary>
    internal Func<FormulaScope, decimal>? RelativeValueOf { get; init; }
    /// <summary>An average item's exemption fact (容缺): its slot, -1 when undeclared.</summary>
    internal int RelativeWhen { get; init; } = -1;
    /// <summary>Per class of the scheme (by <see cref="UnitFacts.ClassIndex"/>), whether the item applies to it (its units aside).</summary>
    internal bool[] ForClass { get; init; } = [];

    /// <summary>Whether the item applies to the unit's class (a responsibility list is checked apart, by <see cref="HasUnits"/>).</summary>
    internal bool AppliesToClass(UnitFacts facts) => facts.ClassIndex >= 0 ? ForClass[facts.ClassIndex] : Item.AppliesTo(facts.UnitClass);
    /// <summary>The weighted block (`blocks:`) the item's points count in, -1 for none.</summary>
    internal int Block { get; init; } = -1;
    /// <summary>The item's node and those of its categories that are tie-break nodes: the only subtotals ranking needs.</summary>
    internal int[] TieBreakPath { get; set; } = [];
    /// <summary>The item's place in <see cref="CompiledScheme.RelativeItems"/> (and in a result's relative inputs), -1 for none.</summary>
    public int RelativeSlot { get; internal set; } = -1;
}

/// <summary>
/// A scheme prepared for scoring many units: facts by slot instead of by name, items and
/// parts in flat arrays, the tree's subtotals by node index. Built once per scheme version.
/// </summary>
public sealed class CompiledScheme
{
    private readonly Dictionary<string, int> _slots = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _nodeIndex = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FactDefinition> _facts = new(StringComparer.Ordinal);

    /// <param name="calendar">The official holiday calendar (calendars/) for working-day differences; without it
    /// a rule that counts working days is an error in its explanation, never a guess.</param>
    public CompiledScheme(Scheme scheme, WorkingDayCalendar? calendar = null)
    {
        Scheme = scheme;
        Calendar = calendar;
        FactDefinitions = scheme.Facts.ToList();
        foreach (var fd in FactDefinitions) _facts.TryAdd(fd.Key, fd);
        for (var i = 0; i < FactDefinitions.Count; i++)
            _slots[FactDefinitions[i].Key] = i;

        Nodes = scheme.Nodes.ToList();
        for (var i = 0; i < Nodes.Count; i++)
            _nodeIndex[Nodes[i].Id] = i;

        var items = new List<CompiledItem>();
        var partStart = 0;
        foreach (var category in scheme.Categories)
            Collect(category, [], items, ref partStart, BlockOf(scheme, category));
        ItemArray = [.. items];
        CompositeMax = scheme.Composite is null ? 0 : Math.Max(0, scheme.Total - items.Where(i => !i.Item.IsBonus).Sum(i => i.Item.Max));
        VetoParts = [.. items.SelectMany(ci => ci.Parts.Select((p, i) => (p, i)).Where(x => x.p.Part is Veto).Select(x => (ci.Index, x.i)))];
        var caps = new List<CompiledCap>();
        foreach (var category in scheme.Categories)
            CollectCaps(category, [], items, caps);
        Caps = [.. caps];
        PartCount = partStart;
        TieBreakNodes = scheme.TieBreak.Select(id => _nodeIndex.TryGetValue(id, out var n) ? n : -1).Where(n => n >= 0).ToArray();
        foreach (var ci in items)
            ci.TieBreakPath = [.. ci.AncestorNodes.Append(ci.NodeIndex).Where(TieBreakNodes.Contains)];
        GradeOrder = scheme.Grades.Select((g, i) => (g.Name, i)).ToDictionary(x => x.Name, x => x.i);
        RelativeItems = [.. items.Where(i => i.Item.Relative is not null).Select(i => i.Index)];
        for (var k = 0; k < RelativeItems.Count; k++) items[RelativeItems[k]].RelativeSlot = k;
        HasQuotas = scheme.Grades.Any(g => g.Quota is not null);
        CapBlocks = [.. Caps.Select(c => BlockOf(scheme, c.Category))];
        NoSchemeVetoFired = new bool[scheme.Vetoes.Count];
        if (ItemArray.Length <= 64)
        {
            NotApplicableByClass = new ulong[scheme.Classes.Count];
            ApplicableMaxByClass = new decimal[scheme.Classes.Count];
            for (var c = 0; c < scheme.Classes.Count; c++)
                foreach (var ci in ItemArray)
                {
                    if (!ci.ForClass[c]) NotApplicableByClass[c] |= 1UL << ci.Index;
                    else if (!ci.Item.IsBonus) ApplicableMaxByClass[c] += ci.Item.Max;
                }
        }
    }

    /// <summary>The scheme's class with this id, by its place in the scheme's list; -1 for a class the scheme does not declare.</summary>
    internal int ClassIndexOf(string unitClass)
    {
        for (var c = 0; c < Scheme.Classes.Count; c++)
            if (Scheme.Classes[c].Id == unitClass) return c;
        return -1;
    }

    /// <summary>
    /// Per class (for schemes of at most 64 items), the items that do not apply to it as bits by item index, and the sum of
    /// the maxima of the base items that do: what the totals' applicable max comes to for a unit whose items apply by class.
    /// </summary>
    internal ulong[]? NotApplicableByClass { get; }
    internal decimal[]? ApplicableMaxByClass { get; }

    /// <summary>The block a category counts in (by its top-level category), -1 for none.</summary>
    private int BlockOf(Scheme scheme, Category category)
    {
        var top = scheme.Categories.FirstOrDefault(c => c.AllNodes().Any(n => ReferenceEquals(n, category)));
        for (var b = 0; top is not null && b < scheme.Blocks.Count; b++)
            if (scheme.Blocks[b].Categories.Contains(top.Id)) return b;
        return -1;
    }

    public Scheme Scheme { get; }
    public WorkingDayCalendar? Calendar { get; }
    public IReadOnlyList<FactDefinition> FactDefinitions { get; }
    public int FactCount => FactDefinitions.Count;
    public IReadOnlyList<SchemeNode> Nodes { get; }
    public IReadOnlyList<CompiledItem> Items => ItemArray;
    /// <summary>The items as an array, so that the scorer's loops neither allocate an enumerator nor call through an interface.</summary>
    internal CompiledItem[] ItemArray { get; }
    public int PartCount { get; }
    /// <summary>
    /// For a composite, the share of the stated total that the earlier periods bring: the total less the
    /// scheme's own base items (seed 003's annual: 100 − 30 = 70); 0 for any other scheme.
    /// </summary>
    public decimal CompositeMax { get; }
    /// <summary>Every veto part as (item index, part within the item), so that totals look at vetoes without walking every part.</summary>
    internal (int Item, int Part)[] VetoParts { get; }
    internal int[] TieBreakNodes { get; }
    /// <summary>Caps across items, inner categories before the ones that hold them (so a category's own cap sees its groups' cuts).</summary>
    internal CompiledCap[] Caps { get; }
    internal Dictionary<string, int> GradeOrder { get; }
    /// <summary>The items scored relative to other units, by index: empty for most schemes, which then pay nothing for them.</summary>
    public IReadOnlyList<int> RelativeItems { get; }
    /// <summary>Whether any grade has a quota (「优秀等次不超过参评单位的30%」), settled in pass two.</summary>
    public bool HasQuotas { get; }
    /// <summary>Per cap across items, the weighted block its points count in (-1 for none).</summary>
    internal int[] CapBlocks { get; }
    /// <summary>Per scheme-level veto, false: what a unit that fired none keeps (shared, never written).</summary>
    internal bool[] NoSchemeVetoFired { get; }

    /// <summary>
    /// A score at the scheme's declared precision (`rounding: {digits}`), half away from zero; exact when it
    /// declares none. The one place scores are rounded: every item's points and the total, each once, so
    /// that a quotient's 28th digit (which depends on how the formula was written) never reaches a result.
    /// </summary>
    public decimal Round(decimal points) =>
        Scheme.RoundingDigits is int digits ? Math.Round(points, digits, MidpointRounding.AwayFromZero) : points;

    public int? SlotOf(string key) => _slots.TryGetValue(key, out var s) ? s : null;

    public int? NodeIndexOf(string id) => _nodeIndex.TryGetValue(id, out var n) ? n : null;

    /// <summary>An empty fact set for one unit of this scheme.</summary>
    public UnitFacts NewFacts(string unitId, string unitClass, string? name = null, string? group = null, string? period = null, DateRange? periodDates = null) =>
        new(this, unitId, name, unitClass) { Group = group, Period = period, PeriodDates = periodDates };

    private void Collect(Category category, int[] ancestors, List<CompiledItem> items, ref int partStart, int block)
    {
        var path = ancestors.Append(_nodeIndex[category.Id]).ToArray();
        foreach (var sub in category.Categories)
            Collect(sub, path, items, ref partStart, block);
        foreach (var item in category.Items)
        {
            var parts = item.Rule.Select(Compile).ToArray();
            var relativeValue = item.Relative?.Value is { } value ? FormulaParser.Parse(value) : null;
            items.Add(new CompiledItem(item, items.Count, _nodeIndex[item.Id], partStart, parts.Length, path)
            {
                Parts = parts,
                HasUnits = item.Units.Count > 0,
                ForClass = [.. Scheme.Classes.Select(c => item.AppliesTo(c.Id))],
                RelativeValue = relativeValue,
                RelativeValueOf = relativeValue is null ? null : CompiledFormula.Compile(relativeValue, this),
                RelativeWhen = item.Relative?.When is { } when ? SlotOf(when) ?? -1 : -1,
                Block = block,
            });
            partStart += parts.Length;
        }
    }

    private void CollectCaps(Category category, int[] ancestors, List<CompiledItem> items, List<CompiledCap> caps)
    {
        var path = ancestors.Append(_nodeIndex[category.Id]).ToArray();
        foreach (var sub in category.Categories)
            CollectCaps(sub, path, items, caps);
        int IndexOf(string id) => items.First(i => i.Item.Id == id).Index;
        foreach (var group in category.Caps)
            caps.Add(new CompiledCap(group, category, [.. group.Items.Select(IndexOf)], path, false));
        if (category.Capped)
            caps.Add(new CompiledCap(new CapGroup([], category.Max, null, null), category,
                [.. category.AllItems().Where(i => !i.IsBonus).Select(i => IndexOf(i.Id))], path, true));
    }

    private CompiledPart Compile(RulePart part)
    {
        var key = part switch
        {
            AllOrNothing p => p.Fact,
            Shortfall p => p.Fact,
            PerOccurrence p => p.Fact,
            Deduction p => p.Lines.Count > 0 || p.Amount is not null ? null : p.Fact,
            Steps { Expr: null } p => p.Fact,
            Bands { Expr: null } p => p.Fact,
            PerRecord p => p.Fact,
            Split p => p.Fact,
            Manual p => p.Fact,
            Penalty p => p.Lines.Count > 0 || p.Amount is not null ? null : p.Fact,
            Bonus p => p.Fact,
            Veto p => p.Fact,
            _ => null,
        };
        // An undeclared fact compiles to slot -1: it is always missing (and the linter reports it).
        int? slot = key is null ? null : SlotOf(key) ?? -1;
        var checklist = part is Checklist c ? c.Entries.Select(e => SlotOf(e.Fact) ?? -1).ToArray() : [];
        var formula = part switch
        {
            Formula f => FormulaParser.Parse(f.Expression),
            Steps { Expr: { } e } => FormulaParser.Parse(e),
            Bands { Expr: { } e } => FormulaParser.Parse(e),
            Deduction { Amount: { } a } => FormulaParser.Parse(a),
            Penalty { Amount: { } a } => FormulaParser.Parse(a),
            _ => null,
        };
        var where = part switch
        {
            PerOccurrence p => p.Where,
            Deduction p => p.Where,
            Penalty p => p.Where,
            Bonus p => p.Where,
            PerRecord p => p.Where,
            _ => null,
        };
        var condition = where is null ? null : FormulaParser.ParseCondition(where);
        var takesAway = part switch
        {
            Penalty or Veto => true,
            // An amount taken off the item's other parts: read as nothing taken, its absence would favour the unit.
            Deduction { HasBase: false } => true,
            // A formula the bounds cannot analyse is taken to possibly go below 0.
            Formula fo => Linting.FormulaBounds.Of(fo.Expression, _facts) is not { } r || r.Low < Linting.Ext.Zero,
            _ => false,
        };
        var countLines = part switch
        {
            Deduction { Lines.Count: > 0 } d => d.Lines,
            Penalty { Lines.Count: > 0 } p => p.Lines,
            _ => null,
        };
        var lines = countLines?.Select(l => Compile(new PerOccurrence(l.Fact, l.Each, l.Cap, l.Where) { Label = l.Label })).ToArray();
        // A bare bool column is read straight from the record, as before conditions existed (the hot path of most seeds).
        bool[] forClass = [.. Scheme.Classes.Select(c => part.AppliesTo(c.Id))];
        var formulaValue = formula is null ? null : CompiledFormula.Compile(formula, this);
        return condition is ColumnNode column
            ? new CompiledPart(part, slot, checklist, formula, null, column.Key)
            {
                Fact = key, CanTakeAway = takesAway, Lines = lines, ClassLimited = part.Classes.Count > 0, FormulaValue = formulaValue,
                ForClass = forClass,
            }
            : new CompiledPart(part, slot, checklist, formula, condition)
            {
                Fact = key, CanTakeAway = takesAway, Lines = lines, ClassLimited = part.Classes.Count > 0, FormulaValue = formulaValue,
                ForClass = forClass,
                WhereValue = condition is null ? null : CompiledFormula.Compile(condition, this),
                WhereBits = condition is null ? null : BitCondition.Of(condition),
            };
    }
}
