using System.Runtime.CompilerServices;
using Chengxin.Domain.Schemes;

namespace Chengxin.Domain.Scoring;

[Flags]
public enum PartFlags
{
    None = 0,
    /// <summary>A cap of the part itself applied (最高得 / 最高扣).</summary>
    Capped = 1,
    /// <summary>The part would have gone below zero and stopped there (扣完为止).</summary>
    Floored = 2,
    /// <summary>A fact the part reads has no value.</summary>
    Missing = 4,
    /// <summary>A veto part whose condition held.</summary>
    VetoFired = 8,
    /// <summary>The part's points are outside the item's clamp (penalty, bonus).</summary>
    Escapes = 16,
    /// <summary>The part could not be evaluated (see its error).</summary>
    Error = 32,
    /// <summary>A split over an empty ledger.</summary>
    Empty = 64,
    /// <summary>A part limited to other unit classes than the unit's (社区按另一口径计分): not scored, not explained as points.</summary>
    NotApplicable = 128,
}

/// <summary>
/// What one part contributed. Kept small because a campaign keeps one per part per unit; the
/// value the part read and any error message are recomputed when an explanation is asked for
/// (<see cref="Scorer.EvaluatePart"/>): scoring is pure, so they come out the same.
/// </summary>
public readonly record struct PartResult(decimal Points, PartFlags Flags);

/// <summary>A part evaluated in full: its points, the value it read, and why it failed if it did.</summary>
public readonly record struct PartEvaluation(decimal Points, decimal Input, PartFlags Flags, string? Error = null);

public enum ItemStatus { Scored, NotApplicable, Missing, Error }

/// <summary>One item's score for one unit.</summary>
/// <remarks>
/// A campaign keeps one per item per unit, so it is laid out small (32 bytes rather than 80): penalty, bonus, the period a
/// score was carried from, and an earned score other than the score are rare, and live in a shared object only when one of
/// them is set. Values are kept exactly as given, scale included (0.0 stays 0.0); equality is the values', as a positional
/// record's would be.
/// </remarks>
public readonly record struct ItemResult
{
    public ItemResult(ItemStatus Status, decimal Score, decimal Penalty, decimal Bonus, string? CarriedFrom = null)
    {
        this.Status = Status;
        _score = Score;
        // Earned is 0 unless set: kept apart when the score is anything but that same 0.
        _rare = Rare.Of(Penalty, Bonus, CarriedFrom, Rare.SameBits(Score, 0m) ? null : 0m);
    }

    /// <summary>A score earned in the item's own period (Earned = Score), as scoring and pass two give it: nothing kept apart for it.</summary>
    internal ItemResult(ItemStatus status, decimal score, decimal penalty, decimal bonus, int partsMissing)
    {
        Status = status;
        _score = score;
        _rare = Rare.Of(penalty, bonus, null, null);
        PartsMissing = partsMissing;
    }

    private readonly Rare? _rare;
    private readonly decimal _score;

    public ItemStatus Status { get; init; }

    public decimal Score
    {
        get => _score;
        init
        {
            // The earned score stays what it was: kept apart once it is no longer the score.
            if (_rare?.Earned is null && !Rare.SameBits(value, _score))
                _rare = Rare.Of(Penalty, Bonus, CarriedFrom, _score);
            _score = value;
        }
    }

    public decimal Penalty { get => _rare?.Penalty ?? 0; init => _rare = Rare.Of(value, Bonus, CarriedFrom, _rare?.Earned); }
    public decimal Bonus { get => _rare?.Bonus ?? 0; init => _rare = Rare.Of(Penalty, value, CarriedFrom, _rare?.Earned); }
    public string? CarriedFrom { get => _rare?.CarriedFrom; init => _rare = Rare.Of(Penalty, Bonus, value, _rare?.Earned); }

    public bool Applicable => Status != ItemStatus.NotApplicable;

    /// <summary>What the item earned in its own period, before any carry-over; carry-over looks back at this,
    /// so that a carried score never carries itself further than the item's validity.</summary>
    public decimal Earned
    {
        get => _rare?.Earned ?? _score;
        init => _rare = Rare.Of(Penalty, Bonus, CarriedFrom, Rare.SameBits(value, _score) ? null : value);
    }

    /// <summary>How many of the item's parts had a missing fact and counted 0 while its other parts were scored.</summary>
    public int PartsMissing { get; init; }

    /// <summary>The item settled at <paramref name="points"/> in its own period (pass two): score and earned alike.</summary>
    internal ItemResult Settled(ItemStatus status, decimal points) => new(status, points, Penalty, Bonus, PartsMissing) { CarriedFrom = CarriedFrom };

    public void Deconstruct(out ItemStatus Status, out decimal Score, out decimal Penalty, out decimal Bonus, out string? CarriedFrom)
    {
        Status = this.Status;
        Score = this.Score;
        Penalty = this.Penalty;
        Bonus = this.Bonus;
        CarriedFrom = this.CarriedFrom;
    }

    public bool Equals(ItemResult other) =>
        Status == other.Status && Score == other.Score && Penalty == other.Penalty && Bonus == other.Bonus
        && CarriedFrom == other.CarriedFrom && Earned == other.Earned && PartsMissing == other.PartsMissing;

    public override int GetHashCode() => HashCode.Combine(Status, Score, Penalty, Bonus, CarriedFrom, Earned, PartsMissing);

    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"Status = {Status}, Score = {Score}, Penalty = {Penalty}, Bonus = {Bonus}, CarriedFrom = {CarriedFrom}, ")
            .Append($"Applicable = {Applicable}, Earned = {Earned}, PartsMissing = {PartsMissing}");
        return true;
    }

    /// <summary>Penalty, bonus, carried-from and an earned score other than the score; none (null) when all are their defaults, bit for bit.</summary>
    private sealed record Rare(decimal Penalty, decimal Bonus, string? CarriedFrom, decimal? Earned)
    {
        public static Rare? Of(decimal penalty, decimal bonus, string? carriedFrom, decimal? earned) =>
            SameBits(penalty, 0m) && SameBits(bonus, 0m) && carriedFrom is null && earned is null ? null : new Rare(penalty, bonus, carriedFrom, earned);

        // 0.0 or −0 read differently from 0 (JSON, text), so values count as the same only bit for bit.
        public static bool SameBits(decimal a, decimal b) => a == b && a.Scale == b.Scale && decimal.IsNegative(a) == decimal.IsNegative(b);
    }
}

/// <summary>
/// One unit's result: item scores (with the parts behind them), subtotals, total, grade.
/// Explanations are rendered from it on demand by <see cref="Explainer"/>.
/// </summary>
/// <remarks>
/// A campaign keeps one per unit, so what it holds is what pass two and ranking read: the items (packed), the total and grade,
/// the tie-break subtotals and which veto parts fired. The parts, the subtotal of every node and the totals' detail (base,
/// bonus, vetoes in words …) are recomputed when first read (for an explanation), from the facts and the items: scoring is
/// pure, so they come out as scoring left them. Facts changed after
/// scoring (<see cref="UnitFacts.Set"/>) belong to a new result, as explanations have always assumed.
/// </remarks>
public sealed class UnitResult
{
    internal UnitResult(UnitFacts facts, ItemResult[]? items, long[]? packed, decimal? composite, string? compositeNote, RelativeInput[]? relative = null)
    {
        RelativeInputs = relative;
        Facts = facts;
        _items = items;
        _packed = items is null ? packed ?? throw new ArgumentNullException(nameof(packed)) : null;
        _composite = composite is null && compositeNote is null ? null : new CompositeTotal(composite, compositeNote);
        if (facts.Scheme.TieBreakNodes.Length > 2) _tieMore = new decimal[facts.Scheme.TieBreakNodes.Length - 2];
    }

    /// <summary>A composite's share from earlier periods, with its note: most schemes have none, and keep no room for it.</summary>
    private sealed record CompositeTotal(decimal? Value, string? Note);

    private PartResult[]? _parts;
    private decimal[]? _nodeScores;
    // A campaign keeps one result per unit: its items packed (8 bytes each, see PackedItem) until someone reads Items,
    // which then become the array every later read and write goes to. The packed words stay as they were, unread.
    private ItemResult[]? _items;
    private readonly long[]? _packed;

    public UnitFacts Facts { get; }
    public CompiledScheme Scheme => Facts.Scheme;
    public string UnitId => Facts.UnitId;
    public string UnitClass => Facts.UnitClass;

    /// <summary>Every item's result, by item index; the same array on every read, and writes to it are the result's.</summary>
    public ItemResult[] Items
    {
        get
        {
            if (_items is { } items) return items;
            var packed = _packed!;
            var built = new ItemResult[packed.Length];
            for (var i = 0; i < packed.Length; i++) built[i] = PackedItem.ToResult(packed[i]);
            // Two threads reading at once agree on one array.
            return Interlocked.CompareExchange(ref _items, built, null) ?? built;
        }
    }

    internal ItemStatus StatusAt(int i) => _items is { } items ? items[i].Status : PackedItem.Status(_packed![i]);

    internal bool ApplicableAt(int i) => StatusAt(i) != ItemStatus.NotApplicable;

    internal decimal ScoreAt(int i) => _items is { } items ? items[i].Score : PackedItem.Score(_packed![i]);

    internal decimal PenaltyAt(int i) => _items is { } items ? items[i].Penalty : PackedItem.Penalty(_packed![i]);

    /// <summary>An item's status, score, penalty and bonus read at once (what the totals add up).</summary>
    /// <param name="extras">False when penalty and bonus are both the plain 0 (scale 0), which adds nothing, not even digits.</param>
    internal ItemStatus ItemAt(int i, out decimal score, out decimal penalty, out decimal bonus, out bool extras)
    {
        if (_items is { } items)
        {
            ref readonly var ir = ref items[i];
            score = ir.Score;
            penalty = ir.Penalty;
            bonus = ir.Bonus;
            extras = true;
            return ir.Status;
        }
        var p = _packed![i];
        var status = PackedItem.Status(p);
        if (status == ItemStatus.NotApplicable)
        {
            score = penalty = bonus = 0;
            extras = false;
            return status;
        }
        score = PackedItem.Score(p);
        extras = PackedItem.HasExtras(p);
        penalty = extras ? PackedItem.Penalty(p) : 0;
        bonus = extras ? PackedItem.Bonus(p) : 0;
        return status;
    }

    /// <summary>The item settled at <paramref name="points"/> in its own period (pass two), as <see cref="ItemResult.Settled"/>.</summary>
    internal void SettleItem(int i, ItemStatus status, decimal points)
    {
        if (_items is null && PackedItem.TrySettle(_packed![i], status, points, out var settled))
        {
            _packed[i] = settled;
            return;
        }
        var items = Items;
        items[i] = items[i].Settled(status, points);
    }

    /// <summary>Whether item <paramref name="i"/> is the same in both results (as <see cref="ItemResult"/> equality has it).</summary>
    internal bool SameItem(int i, UnitResult other) =>
        (_items is null && other._items is null && _packed![i] == other._packed![i]) || ItemOf(i) == other.ItemOf(i);

    private ItemResult ItemOf(int i) => _items is { } items ? items[i] : PackedItem.ToResult(_packed![i]);

    /// <summary>Item <paramref name="i"/> taken over from another result of the same unit.</summary>
    internal void CopyItem(int i, UnitResult from)
    {
        if (_items is null && from._items is null)
            _packed![i] = from._packed![i];
        else
            Items[i] = from.Items[i];
    }
    /// <summary>What each part contributed, in the order of the scheme's flat part array; evaluated again when first read.</summary>
    public PartResult[] Parts => _parts ??= Scorer.EvaluateParts(Facts);
    /// <summary>Per node (see <see cref="CompiledScheme.Nodes"/>): a category's subtotal, an item's score with its penalties and bonus.</summary>
    /// <remarks>Computed from the items when first read, then kept current by every later recomputation of the totals.</remarks>
    public decimal[] NodeScores => _nodeScores ??= Totals.Nodes(this);
    /// <summary>The node subtotals when someone has read them, so that a recomputation of the totals keeps them current.</summary>
    internal decimal[]? KeptNodeScores => _nodeScores;
    // The subtotals of the scheme's tie-break nodes (CompiledScheme.TieBreakNodes, in order), as ranking compares them:
    // the first two in the result itself (schemes name one or two), any further ones in an array.
    private decimal _tie0, _tie1;
    private decimal[]? _tieMore;

    /// <summary>The subtotal of the scheme's tie-break node <paramref name="t"/> (<see cref="CompiledScheme.TieBreakNodes"/>), as ranking compares it.</summary>
    internal decimal TieBreakAt(int t)
    {
        EnsureTotals();
        return t switch { 0 => _tie0, 1 => _tie1, _ => _tieMore![t - 2] };
    }

    internal void SetTieBreak(int t, decimal value)
    {
        switch (t)
        {
            case 0: _tie0 = value; break;
            case 1: _tie1 = value; break;
            default: _tieMore![t - 2] = value; break;
        }
    }
    /// <summary>Per veto part (<see cref="CompiledScheme.VetoParts"/>, in order), whether its condition held; null when none did.</summary>
    internal bool[]? VetoPartsFired { get; init; }
    /// <summary>Σ of applicable base items' scores and all penalties, before normalisation.</summary>
    public decimal Base => Detail.Base;
    /// <summary>Σ of the maxima of the applicable base items.</summary>
    public decimal ApplicableMax => Detail.ApplicableMax;
    /// <summary>The base after the scheme's class comparison: item points normalised (or as stated), then penalties.</summary>
    public decimal ComparedBase => Detail.ComparedBase;
    public decimal BonusRaw => Detail.BonusRaw;
    /// <summary>Bonus after the scheme's bonus cap.</summary>
    public decimal Bonus => Detail.Bonus;
    public decimal Penalties => Detail.Penalties;
    /// <summary>The part of the total that comes from earlier periods' results, if the scheme is a composite.</summary>
    public decimal? Composite => _composite?.Value;
    public string? CompositeNote => _composite?.Note;
    public decimal Total { get { EnsureTotals(); return _total; } internal set => _total = value; }
    public string? Grade { get { EnsureTotals(); return _grade; } internal set => _grade = value; }
    /// <summary>Whether any veto fired (what ranking compares first; <see cref="Vetoes"/> says which).</summary>
    internal bool Vetoed { get { EnsureTotals(); return _vetoed; } set => _vetoed = value; }

    private decimal _total;
    private string? _grade;
    private bool _vetoed;
    // Scoring leaves a result's totals due: pass two computes every unit's totals anyway, so a campaign adds them up once,
    // and a result on its own adds them up when first read. They read only what scoring kept (the items, the vetoes that
    // fired, the composite), never the facts, which may have changed since. Set last, once the totals are in place.
    private volatile bool _totalsDue;

    /// <summary>Whether the totals are still to be added up from the items (see <see cref="Totals.ComputeDue"/>).</summary>
    internal bool TotalsDue { set => _totalsDue = value; }

    private void EnsureTotals()
    {
        if (_totalsDue) Totals.ComputeDue(this);
    }
    /// <summary>The vetoes that fired, as "label → grade".</summary>
    public IReadOnlyList<string> Vetoes => Vetoed ? Detail.Vetoes : [];
    /// <summary>What fired vetoes took away beyond the grade, in words (「否决“…”：总分计 0 分」); empty when none reached further.</summary>
    public IReadOnlyList<string> VetoZeroes => Vetoed ? Detail.VetoZeroes : [];
    /// <summary>Node indexes whose points a fired veto zeroed (a category and everything under it).</summary>
    internal HashSet<int>? ZeroedNodes => Vetoed ? Detail.ZeroedNodes : null;
    /// <summary>Whether a fired veto zeroed the whole total.</summary>
    public bool TotalZeroed => Vetoed && Detail.TotalZeroed;
    /// <summary>Per cap across items (<see cref="CompiledScheme"/>'s caps, in order): the points it took (negative) or gave back; null when none acted.</summary>
    internal decimal[]? CapCuts => Detail.CapCuts;

    // What the totals come to beyond total, grade and tie-break subtotals is read by explanations and exports, not by pass
    // two or ranking: a campaign does not keep it per unit. Computed again from the items when first read (scoring is pure,
    // so it comes out as scoring left it), then kept current by every later recomputation of the totals.
    private TotalsDetail? _detail;
    private TotalsDetail Detail => _detail ??= Totals.Detail(this);
    internal TotalsDetail? KeptDetail => _detail;

    private readonly CompositeTotal? _composite;

    /// <summary>Per scheme-level veto, whether it fired: read from the facts once, so that pass two (<see cref="CampaignScoring"/>) needs none.</summary>
    internal bool[]? SchemeVetoesFired { get; set; }

    /// <summary>
    /// Per relative item, in the order of <see cref="CompiledScheme.RelativeItems"/> (null when the scheme has none): what
    /// pass one read for an item scored against the other units — a rank or share item's value, an average item's
    /// exemption. Pass two (<see cref="CampaignScoring.Finish"/>) reads these.
    /// </summary>
    public RelativeInput[]? RelativeInputs { get; }
    /// <summary>Per relative item, as <see cref="RelativeInputs"/>: what pass two settled and what the other units contributed; null before pass two.</summary>
    /// <remarks>Made on each read from what the result keeps (<see cref="SettledRelatives"/>): explanations read it, pass two does not.</remarks>
    public RelativeOutcome?[]? RelativeOutcomes
    {
        get
        {
            if (SettledRelatives is not { } settled) return null;
            var outcomes = new RelativeOutcome?[settled.Length];
            for (var k = 0; k < settled.Length; k++) outcomes[k] = OutcomeOf(k);
            return outcomes;
        }
    }

    /// <summary>
    /// Per relative item, what pass two settled for this unit (its points and place) with the group it was compared in, which
    /// every unit of the group shares (how many, the best value and whose, the average); null before pass two.
    /// </summary>
    internal SettledRelative[]? SettledRelatives { get; set; }

    private RelativeOutcome? OutcomeOf(int k)
    {
        var (group, points, rank) = SettledRelatives![k];
        return group switch
        {
            null => null,
            { Average: { } average } => new RelativeOutcome(points, group.Compared) { Average = average },
            _ => new RelativeOutcome(points, group.Compared)
            {
                Value = RelativeInputs![k].Value, Reference = group.Reference, ReferenceUnits = group.ReferenceUnits, Rank = rank,
            },
        };
    }

    /// <summary>What pass one read for item <paramref name="itemIndex"/>, if it is scored against the other units.</summary>
    public RelativeInput? RelativeInputOf(int itemIndex) =>
        RelativeInputs is { } inputs && Scheme.Items[itemIndex].RelativeSlot is >= 0 and var k ? inputs[k] : null;

    /// <summary>What pass two settled for item <paramref name="itemIndex"/>; null before pass two or for other items.</summary>
    public RelativeOutcome? RelativeOutcomeOf(int itemIndex) =>
        SettledRelatives is not null && Scheme.Items[itemIndex].RelativeSlot is >= 0 and var k ? OutcomeOf(k) : null;
    /// <summary>Per weighted block (`blocks:`): its points and applicable max; null when the scheme has no blocks.</summary>
    public (decimal Points, decimal Max)[]? BlockScores => Detail.BlockScores;
    /// <summary>Why a grade quota moved the unit to a lower grade, or let it in on a tie; empty when no quota acted on it.</summary>
    public IReadOnlyList<QuotaNote> QuotaNotes { get; internal set; } = [];

    /// <summary>Whether the unit never reported and was scored as 漏报 (see <see cref="ScoreAsUnreported"/>).</summary>
    public bool Unreported { get; private set; }

    /// <summary>
    /// Scores a unit that never reported as 漏报, as the office decided when it closed collection: every applicable item counts 0,
    /// whatever facts others supplied for it; subtotals, total and grade follow, and a veto on such facts still fires.
    /// </summary>
    public void ScoreAsUnreported()
    {
        for (var i = 0; i < Items.Length; i++)
        {
            if (Items[i].Applicable)
                Items[i] = Items[i] with { Status = ItemStatus.Missing, Score = 0, Penalty = 0, Bonus = 0, Earned = 0 };
        }
        Unreported = true;
        Totals.Compute(this);
    }

    /// <summary>Whether a fired veto zeroed this node's points (its category or the node itself).</summary>
    public bool IsZeroedByVeto(int nodeIndex) => ZeroedNodes?.Contains(nodeIndex) == true;

    public ItemResult this[string itemId] => Items[IndexOf(itemId)];

    /// <summary>An item's parts summed before the clamp to [0, max] (penalties and bonus excluded).</summary>
    public decimal RawOf(string itemId) => RawOf(IndexOf(itemId));

    internal decimal RawOf(int itemIndex)
    {
        var ci = Scheme.Items[itemIndex];
        decimal raw = 0;
        for (var p = 0; p < ci.PartCount; p++)
        {
            var pr = Parts[ci.PartStart + p];
            if (ci.Parts[p].Part is not (Schemes.Penalty or Schemes.Bonus) && (pr.Flags & (PartFlags.Missing | PartFlags.Error)) == 0)
                raw += pr.Points;
        }
        return raw;
    }

    /// <summary>Whether the clamp to [0, max] changed what the item's parts added up to in its own period.</summary>
    public bool IsClamped(string itemId)
    {
        var i = IndexOf(itemId);
        return Items[i].Status == ItemStatus.Scored && Items[i].Earned != RawOf(i);
    }

    private int IndexOf(string itemId) =>
        Scheme.NodeIndexOf(itemId) is int n && Scheme.Items.FirstOrDefault(i => i.NodeIndex == n) is { } ci
            ? ci.Index
            : throw new KeyNotFoundException(itemId);

    public decimal SubtotalOf(string nodeId) =>
        Scheme.NodeIndexOf(nodeId) is int n ? NodeScores[n] : throw new KeyNotFoundException(nodeId);
}

/// <summary>The results of earlier periods that a composite scheme aggregates (null: the period has no result).</summary>
public sealed record CompositeInput(IReadOnlyList<decimal?> PeriodTotals);

/// <summary>
/// The scoring engine: a pure, deterministic function of a compiled scheme and one unit's
/// facts. Exact decimals throughout; rounding only where the scheme says so.
/// </summary>
public static class Scorer
{
    public static UnitResult Score(UnitFacts facts, CompositeInput? composite = null)
    {
        var scheme = facts.Scheme;
        var itemCount = scheme.Items.Count;
        var relative = scheme.RelativeItems.Count > 0 ? new RelativeInput[scheme.RelativeItems.Count] : null;
        // Parts and items are evaluated into buffers the thread reuses: a result keeps its items packed (or as ItemResults
        // when one does not fit), only which veto parts fired, and evaluates its parts again if an explanation asks for
        // them (UnitResult.Parts).
        var parts = t_parts is { } kept && kept.Length >= scheme.PartCount ? kept : t_parts = new PartResult[scheme.PartCount];
        Array.Clear(parts, 0, scheme.PartCount);
        var raw = t_items is { } keptItems && keptItems.Length >= itemCount ? keptItems : t_items = new RawItem[itemCount];
        ScoreItems(scheme, facts, raw, parts, relative);

        var packed = new long[itemCount];
        ItemResult[]? items = null;
        for (var i = 0; i < itemCount; i++)
        {
            if (PackedItem.TryPack(raw[i], out packed[i])) continue;
            items = new ItemResult[itemCount];
            for (var k = 0; k < itemCount; k++) items[k] = raw[k].ToResult();
            break;
        }

        var (compositeValue, note) = Aggregate(scheme.Scheme.Composite, composite);
        var result = new UnitResult(facts, items, items is null ? packed : null, compositeValue, note, relative) { VetoPartsFired = VetoesFired(scheme, parts) };
        result.SchemeVetoesFired = Totals.FireSchemeVetoes(result);
        result.TotalsDue = true;
        return result;
    }

    [ThreadStatic] private static PartResult[]? t_parts;
    [ThreadStatic] private static RawItem[]? t_items;

    private static void ScoreItems(CompiledScheme scheme, UnitFacts facts, RawItem[] items, PartResult[] parts, RelativeInput[]? relative)
    {
        foreach (var ci in scheme.ItemArray)
            items[ci.Index] = ci.Item.Relative is null ? ScoreItem(ci, facts, parts) : ScoreRelative(ci, facts, parts, relative!);
    }

    /// <summary>Every part evaluated as scoring evaluated it, for a result's explanation (<see cref="UnitResult.Parts"/>).</summary>
    internal static PartResult[] EvaluateParts(UnitFacts facts)
    {
        var scheme = facts.Scheme;
        var parts = new PartResult[scheme.PartCount];
        ScoreItems(scheme, facts, new RawItem[scheme.Items.Count], parts,
            scheme.RelativeItems.Count > 0 ? new RelativeInput[scheme.RelativeItems.Count] : null);
        return parts;
    }

    private static bool[]? VetoesFired(CompiledScheme scheme, PartResult[] parts)
    {
        bool[]? fired = null;
        var vetoes = scheme.VetoParts;
        for (var k = 0; k < vetoes.Length; k++)
        {
            var (item, p) = vetoes[k];
            if ((parts[scheme.ItemArray[item].PartStart + p].Flags & PartFlags.VetoFired) != 0)
                (fired ??= new bool[vetoes.Length])[k] = true;
        }
        return fired;
    }

    private static RawItem ScoreItem(CompiledItem ci, UnitFacts facts, PartResult[] parts)
    {
        var item = ci.Item;
        if (!ci.AppliesToClass(facts) || (ci.HasUnits && !item.AppliesTo(facts.UnitClass, facts.UnitId, facts.Name)))
            return RawItem.Of(ItemStatus.NotApplicable);

        decimal raw = 0, penalty = 0, bonus = 0;
        var missing = 0;
        var read = 0;
        var error = false;
        for (var p = 0; p < ci.Parts.Length; p++)
        {
            var cp = ci.Parts[p];
            if (!cp.AppliesTo(facts))
            {
                parts[ci.PartStart + p] = new PartResult(0, PartFlags.NotApplicable);
                continue;
            }
            var r = Evaluate(cp, item, facts);
            parts[ci.PartStart + p] = new PartResult(r.Points, r.Flags);
            if ((r.Flags & PartFlags.Missing) != 0) { missing++; continue; }
            if ((r.Flags & PartFlags.Error) != 0) { error = true; continue; }
            switch (cp.Kind)
            {
                case PartKind.Penalty or PartKind.PenaltyOff: penalty += r.Points; break;
                case PartKind.Bonus: bonus += r.Points; break;
                // A veto read is no points read: an item whose only value is its veto's fact has nothing to score.
                case PartKind.Veto: continue;
                default: raw += r.Points; break;
            }
            read++;
        }
        var scheme = facts.Scheme;
        // With `missingFact: part` a missing fact zeroes only the part that reads it, unless that part can take
        // points away (a penalty, a veto, a formula that can go below 0): read as nothing taken, its absence
        // would favour the unit that did not report. Otherwise the item is missing, as the seeds read it.
        if (missing > 0 && (read == 0 || scheme.Scheme.MissingFact == MissingFactReach.Item || TakesAwayWhenMissing(ci, parts)))
            return RawItem.Of(ItemStatus.Missing);
        if (error) return RawItem.Of(ItemStatus.Error);

        var score = scheme.Round(Math.Clamp(raw, 0, item.Max));
        return new RawItem(ItemStatus.Scored, score, scheme.Round(penalty), scheme.Round(bonus), missing);
    }

    /// <summary>
    /// Pass one of an item scored against the other units: a rank or share item reads its value and scores 0 until pass two;
    /// an average item is scored by its rule, unless the unit is exempt (容缺), when it too waits for pass two. A missing
    /// exemption fact means not exempt: the flag marks an exception the office granted, and without it the rule applies.
    /// </summary>
    private static RawItem ScoreRelative(CompiledItem ci, UnitFacts facts, PartResult[] parts, RelativeInput[] relative)
    {
        var item = ci.Item;
        if (!ci.AppliesToClass(facts) || (ci.HasUnits && !item.AppliesTo(facts.UnitClass, facts.UnitId, facts.Name)))
            return RawItem.Of(ItemStatus.NotApplicable);
        if (item.Relative!.Method == RelativeMethod.Average)
        {
            var when = ci.RelativeWhen >= 0 ? facts.Values[ci.RelativeWhen] : default;
            if (!when.HasValue || !when.IsTrue) return ScoreItem(ci, facts, parts);
            relative[ci.RelativeSlot] = new RelativeInput(true, 0, Exempt: true);
            return RawItem.Of(ItemStatus.Scored);
        }
        var (value, flags, _) = Expression(ci.RelativeValueOf!, facts);
        if ((flags & PartFlags.Missing) != 0) return RawItem.Of(ItemStatus.Missing);
        if (flags != PartFlags.None) return RawItem.Of(ItemStatus.Error);
        relative[ci.RelativeSlot] = new RelativeInput(true, value, Exempt: false);
        return RawItem.Of(ItemStatus.Scored);
    }

    /// <summary>A relative item's value evaluated again, for explaining why it could not be read.</summary>
    public static PartEvaluation EvaluateRelativeValue(UnitResult r, int itemIndex)
    {
        var ci = r.Scheme.Items[itemIndex];
        if (ci.RelativeValueOf is null) return new PartEvaluation(0, 0, PartFlags.None);
        var (value, flags, error) = Expression(ci.RelativeValueOf, r.Facts);
        return new PartEvaluation(0, value, flags, error);
    }

    private static bool TakesAwayWhenMissing(CompiledItem ci, PartResult[] parts)
    {
        for (var p = 0; p < ci.Parts.Length; p++)
            if ((parts[ci.PartStart + p].Flags & PartFlags.Missing) != 0 && ci.Parts[p].CanTakeAway) return true;
        return false;
    }

    /// <summary>Part <paramref name="part"/> of item <paramref name="itemIndex"/> evaluated again in full, for explanations.</summary>
    public static PartEvaluation EvaluatePart(UnitResult r, int itemIndex, int part)
    {
        var ci = r.Scheme.Items[itemIndex];
        var cp = ci.Parts[part];
        if (cp.ClassLimited && !cp.Part.AppliesTo(r.UnitClass)) return new PartEvaluation(0, 0, PartFlags.NotApplicable);
        return Evaluate(cp, ci.Item, r.Facts);
    }

    /// <summary>The counted lines of a deduction or penalty written with `for:`, each evaluated again, for explanations.</summary>
    public static IReadOnlyList<PartEvaluation> EvaluateLines(UnitResult r, int itemIndex, int part)
    {
        var ci = r.Scheme.Items[itemIndex];
        return ci.Parts[part].Lines is { } lines ? [.. lines.Select(l => Evaluate(l, ci.Item, r.Facts))] : [];
    }

    /// <summary>
    /// What the lines of a `for:` part take off together, after the part's cap: Σ each line's count × each (its own cap applied).
    /// A missing fact or an error in any line is the part's.
    /// </summary>
    private static PartEvaluation LinesOff(CompiledPart cp, decimal? cap, Item item, UnitFacts facts)
    {
        decimal off = 0;
        foreach (var line in cp.Lines!)
        {
            var r = Evaluate(line, item, facts);
            if ((r.Flags & (PartFlags.Missing | PartFlags.Error)) != 0) return r;
            off += r.Points;
        }
        return cap is decimal c && off > c ? new PartEvaluation(c, off, PartFlags.Capped) : new PartEvaluation(off, off, PartFlags.None);
    }

    /// <summary>A varying amount (「减除相应得分」), at most the cap; a negative amount is an error, never points given.</summary>
    private static PartEvaluation AmountOff(CompiledPart cp, decimal? cap, UnitFacts facts)
    {
        var (value, flags, error) = Expression(cp.FormulaValue!, facts);
        if (flags != PartFlags.None) return new PartEvaluation(0, 0, flags, error);
        if (value < 0) return new PartEvaluation(0, value, PartFlags.Error, $"扣减数额为 {value.Text()}，不能为负");
        return cap is decimal c && value > c ? new PartEvaluation(c, value, PartFlags.Capped) : new PartEvaluation(value, value, PartFlags.None);
    }

    // What a part reads when it reads no fact, or an undeclared one (never written).
    private static readonly FactValue NoValue = default;

    /// <remarks>
    /// Each kind is its own small method: one method holding every kind has a frame of kilobytes that the runtime clears on
    /// every call (most of its locals hold references), and a campaign evaluates every part of every unit. The fact is read
    /// by reference, not copied.
    /// </remarks>
    private static PartEvaluation Evaluate(CompiledPart cp, Item item, UnitFacts facts)
    {
        var slot = cp.Slot ?? -1;
        ref readonly var v = ref slot >= 0 ? ref facts.Values[slot] : ref NoValue;
        if (cp.Slot is not null && !v.HasValue)
            return new PartEvaluation(0, 0, PartFlags.Missing);

        return cp.Kind switch
        {
            PartKind.AllOrNothing => AllOrNothingOf((AllOrNothing)cp.Part, in v),
            PartKind.Checklist => ChecklistOf(cp, facts),
            PartKind.Shortfall => ShortfallOf((Shortfall)cp.Part, in v),
            PartKind.PerOccurrence => PerOccurrenceOf(cp, in v, facts),
            PartKind.DeductionOff => DeductionOffOf(cp, item, facts),
            PartKind.Deduction => DeductionOf(cp, in v, facts),
            PartKind.Steps => StepsOf(cp, in v, facts),
            PartKind.Bands => BandsOf(cp, in v, facts),
            PartKind.PerRecord => PerRecordOf(cp, in v, facts),
            PartKind.Formula => FormulaOf(cp, facts),
            PartKind.Split => SplitOf((Split)cp.Part, in v),
            PartKind.Manual => ManualOf(item, in v),
            PartKind.PenaltyOff => PenaltyOffOf(cp, item, facts),
            PartKind.Penalty => PenaltyOf(cp, in v, facts),
            PartKind.Bonus => BonusOf(cp, in v, facts),
            PartKind.Veto => VetoOf((Veto)cp.Part, in v),
            _ => new PartEvaluation(0, 0, PartFlags.Error, $"未知规则 {cp.Part.Kind}"),
        };
    }

    private static PartEvaluation AllOrNothingOf(AllOrNothing p, in FactValue v) =>
        new(v.IsTrue == p.Expect ? p.Points : 0, v.Number, PartFlags.None);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static PartEvaluation ChecklistOf(CompiledPart cp, UnitFacts facts)
    {
        var p = (Checklist)cp.Part;
        decimal sum = 0;
        for (var i = 0; i < p.Entries.Count; i++)
        {
            var slot = cp.ChecklistSlots[i];
            ref readonly var e = ref slot >= 0 ? ref facts.Values[slot] : ref NoValue;
            if (!e.HasValue) return new PartEvaluation(0, 0, PartFlags.Missing);
            if (e.IsTrue) sum += p.Entries[i].Points;
        }
        return new PartEvaluation(sum, sum, PartFlags.None);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static PartEvaluation ShortfallOf(Shortfall p, in FactValue v)
    {
        if (v.Number >= p.Target) return new PartEvaluation(p.Points, v.Number, PartFlags.None);
        var steps = Math.Ceiling((p.Target - v.Number) / p.Unit);
        var points = p.Points - p.Per * steps;
        return points < 0 ? new PartEvaluation(0, v.Number, PartFlags.Floored) : new PartEvaluation(points, v.Number, PartFlags.None);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static PartEvaluation PerOccurrenceOf(CompiledPart cp, in FactValue v, UnitFacts facts)
    {
        var p = (PerOccurrence)cp.Part;
        if (Count(in v, cp, facts) is not { } n) return CountError(in v, cp, facts);
        var points = p.Each * n;
        return p.Cap is decimal cap && points > cap
            ? new PartEvaluation(cap, n, PartFlags.Capped)
            : new PartEvaluation(points, n, PartFlags.None);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static PartEvaluation DeductionOffOf(CompiledPart cp, Item item, UnitFacts facts)
    {
        var p = (Deduction)cp.Part;
        // Every line (or the varying amount) comes off the one base, down to the one floor (扣完为止).
        var off = cp.Lines is not null ? LinesOff(cp, p.Cap, item, facts) : AmountOff(cp, p.Cap, facts);
        if ((off.Flags & (PartFlags.Missing | PartFlags.Error)) != 0) return off;
        if (!p.HasBase) return new PartEvaluation(-off.Points, off.Input, off.Flags);
        var points = p.Base - off.Points;
        return points < 0
            ? new PartEvaluation(0, off.Input, off.Flags | PartFlags.Floored)
            : new PartEvaluation(points, off.Input, off.Flags);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static PartEvaluation DeductionOf(CompiledPart cp, in FactValue v, UnitFacts facts)
    {
        var p = (Deduction)cp.Part;
        if (Count(in v, cp, facts) is not { } n) return CountError(in v, cp, facts);
        var off = p.Each * n;
        var flags = PartFlags.None;
        if (p.Cap is decimal cap && off > cap) { off = cap; flags |= PartFlags.Capped; }
        var points = p.Base - off;
        if (points < 0) { points = 0; flags |= PartFlags.Floored; }
        return new PartEvaluation(points, n, flags);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static PartEvaluation StepsOf(CompiledPart cp, in FactValue v, UnitFacts facts)
    {
        var p = (Steps)cp.Part;
        var x = v.Number;
        if (cp.FormulaValue is not null)
        {
            var (value, flags, error) = Expression(cp.FormulaValue, facts);
            if (flags != PartFlags.None) return new PartEvaluation(0, 0, flags, error);
            x = value;
        }
        if (p.LowerIsBetter ? x <= p.Threshold : x >= p.Threshold) return new PartEvaluation(p.Points, x, PartFlags.None);
        var shortBy = (p.LowerIsBetter ? x - p.Threshold : p.Threshold - x) / p.Step;
        var steps = p.PartialStepCounts ? Math.Ceiling(shortBy) : Math.Floor(shortBy);
        var points = p.Points - p.Per * steps;
        return points < 0 ? new PartEvaluation(0, x, PartFlags.Floored) : new PartEvaluation(points, x, PartFlags.None);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static PartEvaluation BandsOf(CompiledPart cp, in FactValue v, UnitFacts facts)
    {
        var p = (Bands)cp.Part;
        var x = v.Number;
        if (cp.FormulaValue is not null)
        {
            var (value, flags, error) = Expression(cp.FormulaValue, facts);
            if (flags != PartFlags.None) return new PartEvaluation(0, 0, flags, error);
            x = value;
        }
        // Indexed, not foreach: a foreach over IReadOnlyList allocates an enumerator per call.
        for (var i = 0; i < p.Entries.Count; i++)
            if (p.Entries[i].Range.Contains(x))
                return new PartEvaluation(p.Entries[i].Points, x, PartFlags.None);
        return new PartEvaluation(0, x, PartFlags.Error, $"数值 {x.Text()} 不在任何区间内");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static PartEvaluation PerRecordOf(CompiledPart cp, in FactValue v, UnitFacts facts)
    {
        var p = (PerRecord)cp.Part;
        if (v.Rows is not { } rows) return new PartEvaluation(0, 0, PartFlags.Error, "按记录计分需要台账");
        decimal sum = 0;
        var scope = cp.Where is null ? null : FormulaScope.For(facts, p.Fact);
        try
        {
            for (var i = 0; i < rows.Count; i++)
            {
                if (!Meets(rows[i], cp, scope)) continue;
                var value = rows[i][p.By].Text;
                for (var k = 0; k < p.Points.Count; k++)
                    if (string.Equals(p.Points[k].Value, value, StringComparison.Ordinal)) { sum += p.Points[k].Points; break; }
            }
        }
        catch (FormulaException e)
        {
            return new PartEvaluation(0, 0, PartFlags.Error, e.Message);
        }
        return p.Cap is decimal cap && sum > cap
            ? new PartEvaluation(cap, sum, PartFlags.Capped)
            : new PartEvaluation(sum, sum, PartFlags.None);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static PartEvaluation FormulaOf(CompiledPart cp, UnitFacts facts)
    {
        var (value, flags, error) = Expression(cp.FormulaValue!, facts);
        return new PartEvaluation(flags == PartFlags.None ? value : 0, value, flags, error);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static PartEvaluation SplitOf(Split p, in FactValue v)
    {
        var rows = v.Rows ?? [];
        if (rows.Count == 0)
            return new PartEvaluation(p.FullWhenEmpty ? p.Points : 0, 0, PartFlags.Empty);
        var done = CountTrue(rows, p.Done);
        // Multiply before dividing so that a whole ledger done gives exactly the points.
        return new PartEvaluation(p.Points * done / rows.Count, done, PartFlags.None);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static PartEvaluation ManualOf(Item item, in FactValue v)
    {
        if (v.Number < 0 || v.Number > item.Max)
            return new PartEvaluation(0, v.Number, PartFlags.Error, $"评审给分 {v.Number.Text()} 超出本项分值 0 至 {item.Max.Text()} 分");
        if (string.IsNullOrWhiteSpace(v.Text))
            return new PartEvaluation(0, v.Number, PartFlags.Error, "评审给分须说明理由");
        return new PartEvaluation(v.Number, v.Number, PartFlags.None);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static PartEvaluation PenaltyOffOf(CompiledPart cp, Item item, UnitFacts facts)
    {
        var p = (Penalty)cp.Part;
        var off = cp.Lines is not null ? LinesOff(cp, p.Cap, item, facts) : AmountOff(cp, p.Cap, facts);
        if ((off.Flags & (PartFlags.Missing | PartFlags.Error)) != 0) return off;
        return new PartEvaluation(-off.Points, off.Input, off.Flags | PartFlags.Escapes);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static PartEvaluation PenaltyOf(CompiledPart cp, in FactValue v, UnitFacts facts)
    {
        var p = (Penalty)cp.Part;
        if (Count(in v, cp, facts) is not { } n) return CountError(in v, cp, facts);
        var off = p.Each * n;
        var flags = PartFlags.Escapes;
        if (p.Cap is decimal cap && off > cap) { off = cap; flags |= PartFlags.Capped; }
        return new PartEvaluation(-off, n, flags);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static PartEvaluation BonusOf(CompiledPart cp, in FactValue v, UnitFacts facts)
    {
        var p = (Bonus)cp.Part;
        if (Count(in v, cp, facts) is not { } n) return CountError(in v, cp, facts);
        var add = p.Each * n;
        var flags = PartFlags.Escapes;
        if (p.Cap is decimal cap && add > cap) { add = cap; flags |= PartFlags.Capped; }
        return new PartEvaluation(add, n, flags);
    }

    private static PartEvaluation VetoOf(Veto p, in FactValue v) =>
        new(0, v.Number, v.IsTrue == p.Expect ? PartFlags.VetoFired : PartFlags.None);

    /// <summary>
    /// Occurrences: a bool counts 1 when true, a ledger its rows (or those meeting the part's condition).
    /// Null when a condition could not be evaluated (see <see cref="CountError"/>).
    /// </summary>
    private static decimal? Count(in FactValue v, CompiledPart cp, UnitFacts facts)
    {
        if (v.Type != FactType.Ledger) return v.Number;
        var rows = v.Rows!;
        if (cp.WhereColumn is { } column) return CountTrue(rows, column);
        if (cp.Where is null) return rows.Count;
        if (cp.WhereBits is { } bits && rows is LedgerRecords { Keys: { } keys } records && CountByBits(bits, keys, records) is int counted)
            return counted;
        var scope = FormulaScope.For(facts, cp.Fact);
        var n = 0;
        try
        {
            foreach (var row in RowsOf(rows))
                if (Meets(row, cp, scope)) n++;
        }
        catch (FormulaException)
        {
            return null;
        }
        return n;
    }

    private static PartEvaluation CountError(in FactValue v, CompiledPart cp, UnitFacts facts)
    {
        var scope = FormulaScope.For(facts, cp.Fact);
        try
        {
            foreach (var row in v.Rows!) Meets(row, cp, scope);
        }
        catch (FormulaException e)
        {
            return new PartEvaluation(0, 0, PartFlags.Error, e.Message);
        }
        return new PartEvaluation(0, 0, PartFlags.Error);
    }

    /// <summary>
    /// How many records hold a true value in <paramref name="column"/>: the column is found once per run of records with the
    /// same columns (a ledger's records share them), then each record is one bit.
    /// </summary>
    private static int CountTrue(IReadOnlyList<LedgerRow> rows, string column)
    {
        if (rows is LedgerRecords { Keys: { } shared } records && LedgerRow.IndexOf(shared, column) is var index and < 64)
        {
            if (index < 0) return 0;
            var bit = 1UL << index;
            var count = 0;
            foreach (var cells in records.TrueCells)
                if ((cells & bit) != 0) count++;
            return count;
        }
        var n = 0;
        string[]? keys = null;
        var at = -1;
        foreach (var row in RowsOf(rows))
        {
            if (!ReferenceEquals(row.Keys, keys))
            {
                keys = row.Keys;
                at = row.IndexOf(column);
            }
            if (row.IsTrueAt(at)) n++;
        }
        return n;
    }

    /// <summary>
    /// How many records meet a condition of columns joined by and, or and not, read from their bits; null when a record lacks a
    /// column the condition reads (or a column lies beyond the first 64), for the formula to say which.
    /// </summary>
    private static int? CountByBits(BitCondition bits, string[] keys, LedgerRecords records)
    {
        Span<int> at = stackalloc int[bits.Columns.Length];
        for (var c = 0; c < at.Length; c++)
            if ((at[c] = LedgerRow.IndexOf(keys, bits.Columns[c])) >= 64) return null;
        var present = records.PresentCells;
        var truth = records.TrueCells;
        var n = 0;
        for (var i = 0; i < truth.Length; i++)
        {
            var met = bits.Eval(present[i], truth[i], at);
            if (met < 0) return null;
            n += met;
        }
        return n;
    }

    /// <summary>A ledger's records as a span (an array or a list, as facts files and sheets give them), so that counting calls no interface per record.</summary>
    private static ReadOnlySpan<LedgerRow> RowsOf(IReadOnlyList<LedgerRow> rows) => rows switch
    {
        LedgerRecords records => records.Span,
        LedgerRow[] array => array,
        List<LedgerRow> list => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list),
        _ => rows.ToArray(),
    };

    /// <summary>Whether a ledger record meets the part's condition (every record when it has none).</summary>
    private static bool Meets(LedgerRow row, CompiledPart cp, FormulaScope? scope)
    {
        if (cp.WhereColumn is not null) return row[cp.WhereColumn].IsTrue;
        if (cp.Where is null) return true;
        scope!.Row = row;
        return cp.WhereValue!(scope) != 0;
    }

    /// <summary>An expression's value; a missing fact or an error (division by zero, a year the calendar lacks) as flags.</summary>
    private static (decimal Value, PartFlags Flags, string? Error) Expression(Func<FormulaScope, decimal> formula, UnitFacts facts)
    {
        try
        {
            return (formula(FormulaScope.For(facts)), PartFlags.None, null);
        }
        catch (MissingFactException)
        {
            return (0, PartFlags.Missing, null);
        }
        catch (FormulaException e)
        {
            return (0, PartFlags.Error, e.Message);
        }
    }

    private static (decimal?, string?) Aggregate(CompositeSpec? spec, CompositeInput? input)
    {
        if (spec is null) return (null, null);
        var totals = input?.PeriodTotals ?? [];
        var present = totals.Where(t => t.HasValue).Select(t => t!.Value).ToList();
        var sum = present.Sum();
        var value = spec.Aggregate == AggregateKind.Sum ? sum : sum / spec.Periods;
        value *= spec.Factor;
        var missing = spec.Periods - present.Count;
        var note = $"{spec.Label ?? "跨期汇总"}：{present.Count} 期合计 {sum.Text()}"
            + (spec.Aggregate == AggregateKind.Average ? $" ÷ {spec.Periods}" : "")
            + (spec.Factor != 1 ? $" × {spec.Factor.Text()}" : "")
            + $" = {value.Text()}"
            + (missing > 0 ? $"（缺 {missing} 期，按 0 计）" : "");
        return (value, note);
    }
}

/// <summary>What a result's totals come to beyond total and grade (see <see cref="Totals.Detail"/>).</summary>
internal sealed class TotalsDetail
{
    public decimal Base { get; set; }
    public decimal ApplicableMax { get; set; }
    public decimal ComparedBase { get; set; }
    public decimal BonusRaw { get; set; }
    public decimal Bonus { get; set; }
    public decimal Penalties { get; set; }
    public IReadOnlyList<string> Vetoes { get; set; } = [];
    public IReadOnlyList<string> VetoZeroes { get; set; } = [];
    public HashSet<int>? ZeroedNodes { get; set; }
    public bool TotalZeroed { get; set; }
    public decimal[]? CapCuts { get; set; }
    public (decimal Points, decimal Max)[]? BlockScores { get; set; }
}

/// <summary>Turns item scores into subtotals, total, grade and vetoes; shared by scoring and carry-over.</summary>
internal static class Totals
{
    /// <summary>Computes the unit's totals, grade and vetoes from its items, and the subtotals ranking compares.</summary>
    public static void Compute(UnitResult r)
    {
        var count = r.Scheme.Nodes.Count;
        // Every node's subtotal is needed along the way; a result keeps them only once someone has read them.
        var nodes = r.KeptNodeScores ?? (t_nodes is { } kept && kept.Length >= count ? kept : t_nodes = new decimal[count]);
        Compute(r, nodes, assign: true, r.KeptDetail);
        r.TotalsDue = false;
    }

    /// <summary>
    /// The totals of a result scored without them (<see cref="UnitResult"/>), from the items it was scored with: subtotals or
    /// detail someone has read already came from the same items, so they are left as they are (another thread may be reading them).
    /// </summary>
    public static void ComputeDue(UnitResult r)
    {
        var count = r.Scheme.Nodes.Count;
        var nodes = t_nodes is { } kept && kept.Length >= count ? kept : t_nodes = new decimal[count];
        Compute(r, nodes, assign: true, detail: null);
        r.TotalsDue = false;
    }

    /// <summary>Every node's subtotal as <see cref="Compute(UnitResult)"/> last left them, computed again from the items.</summary>
    public static decimal[] Nodes(UnitResult r)
    {
        var nodes = new decimal[r.Scheme.Nodes.Count];
        Compute(r, nodes, assign: false, detail: null);
        return nodes;
    }

    /// <summary>What <see cref="Compute(UnitResult)"/> last came to beyond the total and grade, computed again from the items.</summary>
    public static TotalsDetail Detail(UnitResult r)
    {
        var detail = new TotalsDetail();
        Compute(r, new decimal[r.Scheme.Nodes.Count], assign: false, detail);
        return detail;
    }

    [ThreadStatic] private static decimal[]? t_nodes;

    /// <param name="assign">Whether to set the result's total, grade and tie-break subtotals (else only the nodes and the detail).</param>
    /// <param name="detail">Where to put the rest (base, bonus, the vetoes in words…); null when no one has read it.</param>
    private static void Compute(UnitResult r, decimal[] nodeScores, bool assign, TotalsDetail? detail)
    {
        // Every node's subtotal when someone reads them (kept, or asked for); otherwise only those ranking compares.
        var allNodes = !assign || detail is not null || ReferenceEquals(nodeScores, r.KeptNodeScores);
        var scheme = r.Scheme;
        var s = scheme.Scheme;
        var nodes = nodeScores.AsSpan(0, scheme.Nodes.Count);
        nodes.Clear();
        decimal itemPoints = 0, applicableMax = 0, bonusRaw = 0, penalties = 0;
        List<string>? vetoes = null;
        List<string>? zeroes = null;
        var words = detail is not null;
        var anyVeto = false;
        string? vetoGrade = null;
        var zeroTotal = false;
        HashSet<int>? zeroed = null;
        var blockCount = s.Blocks.Count;
        Span<decimal> blockPoints = blockCount == 0 ? [] : stackalloc decimal[blockCount];
        Span<decimal> blockMax = blockCount == 0 ? [] : stackalloc decimal[blockCount];

        // Vetoes first: one that reaches a category takes that category's points out of the sums below.
        for (var k = 0; r.VetoPartsFired is { } fired && k < fired.Length; k++)
        {
            var (item, p) = scheme.VetoParts[k];
            var ci = scheme.ItemArray[item];
            if (!r.ApplicableAt(item) || !fired[k]) continue;
            var v = (Veto)ci.Parts[p].Part;
            var label = v.Label ?? ci.Item.Title;
            anyVeto = true;
            if (words) (vetoes ??= []).Add($"{label} → {v.Grade}");
            vetoGrade = Worse(scheme, vetoGrade, v.Grade);
            Reach(scheme, label, v.Zeroes, words ? zeroes ??= [] : null, ref zeroed, ref zeroTotal);
        }
        r.SchemeVetoesFired ??= FireSchemeVetoes(r);
        for (var i = 0; i < s.Vetoes.Count; i++)
        {
            var veto = s.Vetoes[i];
            if (r.SchemeVetoesFired[i])
            {
                var label = veto.Label ?? veto.Fact;
                anyVeto = true;
                if (words) (vetoes ??= []).Add($"{label} → {veto.Grade}");
                vetoGrade = Worse(scheme, vetoGrade, veto.Grade);
                Reach(scheme, label, veto.Zeroes, words ? zeroes ??= [] : null, ref zeroed, ref zeroTotal);
            }
        }

        // Which items did not apply: when they are the class's, its applicable max was added up when the scheme was compiled.
        ulong notApplicable = 0;
        foreach (var ci in scheme.ItemArray)
        {
            if (r.ItemAt(ci.Index, out var score, out var penalty, out var itemBonus, out var extras) == ItemStatus.NotApplicable)
            {
                notApplicable |= 1UL << ci.Index;
                continue;
            }
            // A zeroed item still counts in the applicable max: the veto takes the points, not the item.
            var vetoed = zeroed is not null && zeroed.Contains(ci.NodeIndex);
            if (!ci.Item.IsBonus)
            {
                if (ci.Block >= 0)
                {
                    blockMax[ci.Block] += ci.Item.Max;
                    if (!vetoed) blockPoints[ci.Block] += score;
                }
            }
            if (vetoed) continue;
            // A plain 0 added changes nothing, bit for bit, so most items skip two additions here and two below.
            var nodeScore = extras ? score + penalty + itemBonus : score;
            if (allNodes)
            {
                nodes[ci.NodeIndex] = nodeScore;
                foreach (var a in ci.AncestorNodes) nodes[a] += nodeScore;
            }
            else
            {
                foreach (var a in ci.TieBreakPath)
                    if (a == ci.NodeIndex) nodes[a] = nodeScore;
                    else nodes[a] += nodeScore;
            }

            if (extras)
            {
                penalties += penalty;
                bonusRaw += itemBonus;
            }
            if (ci.Item.IsBonus) bonusRaw += score;
            else itemPoints += score;
        }

        var classIndex = r.Facts.ClassIndex;
        if (scheme.NotApplicableByClass is { } byClass && classIndex >= 0 && byClass[classIndex] == notApplicable)
            applicableMax = scheme.ApplicableMaxByClass![classIndex];
        else
            foreach (var ci in scheme.ItemArray)
                if (!ci.Item.IsBonus && r.ApplicableAt(ci.Index)) applicableMax += ci.Item.Max;

        // Caps across items (「以上三项最高扣5分」) and categories capped at their max, inner ones first.
        // What each cap took or gave back, on the stack: a result keeps it only in its detail, for explanations.
        var caps = scheme.Caps;
        Span<decimal> cuts = caps.Length == 0 ? [] : stackalloc decimal[caps.Length];
        var anyCut = false;
        for (var g = 0; g < caps.Length; g++)
        {
            if (caps[g].WholeCategory)
            {
                // A capped category offers at most its max: what its applicable items could give beyond it is no part of the max.
                decimal offered = 0;
                foreach (var i in caps[g].Items) offered += r.ApplicableAt(i) ? scheme.ItemArray[i].Item.Max : 0;
                if (offered > caps[g].Group.Most!.Value)
                {
                    applicableMax -= offered - caps[g].Group.Most!.Value;
                    if (scheme.CapBlocks[g] >= 0) blockMax[scheme.CapBlocks[g]] -= offered - caps[g].Group.Most!.Value;
                }
            }
            var delta = CapDelta(r, caps, g, zeroed, cuts);
            if (delta == 0) continue;
            cuts[g] = delta;
            anyCut = true;
            if (delta > 0 && caps[g].Group.MostOff is not null)
            {
                // Points given back come off the 倒扣 first: they are what the notice's 最高扣 limits.
                decimal taken = 0;
                foreach (var i in caps[g].Items) taken -= r.ApplicableAt(i) ? r.PenaltyAt(i) : 0;
                var fromPenalties = Math.Min(delta, taken);
                penalties += fromPenalties;
                itemPoints += delta - fromPenalties;
                if (scheme.CapBlocks[g] >= 0) blockPoints[scheme.CapBlocks[g]] += delta - fromPenalties;
            }
            else
            {
                itemPoints += delta;
                if (scheme.CapBlocks[g] >= 0) blockPoints[scheme.CapBlocks[g]] += delta;
            }
            foreach (var n in caps[g].Nodes) nodes[n] += delta;
        }
        if (!assign && detail is null) return;

        // Normalisation rescales what the items could give; a penalty (倒扣 20 分) is points off the
        // total as the notice states them, so it is applied after, unscaled.
        var compared = (blockCount > 0 ? Weighted(s, blockPoints, blockMax, detail)
            : s.Comparison.NormaliseTo is decimal to
            ? applicableMax == 0 ? 0 : itemPoints * to / applicableMax
            : itemPoints) + penalties;
        var @base = itemPoints + penalties;
        var bonus = s.Bonus.Cap is decimal cap ? Math.Min(bonusRaw, cap) : bonusRaw;
        var total = (compared + bonus + (r.Composite ?? 0)) * (s.Scale ?? 1);
        if (s.Penalties.FloorTotalAtZero && total < 0) total = 0;
        if (zeroTotal) total = 0;

        if (detail is not null)
        {
            detail.Base = @base;
            detail.ApplicableMax = applicableMax;
            detail.ComparedBase = compared;
            detail.BonusRaw = bonusRaw;
            detail.Bonus = bonus;
            detail.Penalties = penalties;
            detail.Vetoes = vetoes ?? [];
            detail.VetoZeroes = zeroes is { Count: > 0 } ? zeroes : [];
            detail.ZeroedNodes = zeroed;
            detail.TotalZeroed = zeroTotal;
            detail.CapCuts = anyCut ? cuts.ToArray() : null;
        }
        if (!assign) return;
        var rounded = scheme.Round(total);
        r.Total = rounded;
        r.Vetoed = anyVeto;
        r.Grade = vetoGrade ?? GradeOf(s, rounded);
        var ties = scheme.TieBreakNodes;
        if (ties.Length == 0) return;
        for (var t = 0; t < ties.Length; t++) r.SetTieBreak(t, nodes[ties[t]]);
    }

    /// <summary>
    /// Weighted blocks (「共性指标和个性指标按7:3加权」): Σ weight × block points ÷ block applicable max. A block with nothing
    /// applicable to the unit gives its weight to the others in proportion, so that every unit is compared out of the same whole.
    /// </summary>
    private static decimal Weighted(Scheme s, Span<decimal> points, Span<decimal> max, TotalsDetail? detail)
    {
        decimal weighted = 0, weights = 0, applied = 0;
        var scores = detail is null ? null : new (decimal, decimal)[points.Length];
        for (var b = 0; b < points.Length; b++)
        {
            if (scores is not null) scores[b] = (points[b], max[b]);
            weights += s.Blocks[b].Weight;
            if (max[b] <= 0) continue;
            weighted += s.Blocks[b].Weight * points[b] / max[b];
            applied += s.Blocks[b].Weight;
        }
        if (detail is not null) detail.BlockScores = scores;
        return applied == 0 ? 0 : applied == weights ? weighted : weighted * weights / applied;
    }

    public static bool[] FireSchemeVetoes(UnitResult r)
    {
        var vetoes = r.Scheme.Scheme.Vetoes;
        if (vetoes.Count == 0) return [];
        bool[]? fired = null;
        for (var i = 0; i < vetoes.Count; i++)
        {
            var f = r.Facts[vetoes[i].Fact];
            if (f.HasValue && f.IsTrue == vetoes[i].Expect) (fired ??= new bool[vetoes.Count])[i] = true;
        }
        // Most units fire none: they share the scheme's one array of nothing fired, which no one writes to.
        return fired ?? r.Scheme.NoSchemeVetoFired;
    }

    /// <summary>
    /// What cap <paramref name="g"/> changes: with `most`, minus what the items' points (scores, as clamped) exceed it by;
    /// with `mostOff`, plus what the items lost beyond it (from their maxima and by 倒扣). An item whose fact is missing
    /// is not given points back: 0 for a missing fact is not a deduction. A category's own cap counts the cuts of the
    /// caps inside it.
    /// </summary>
    private static decimal CapDelta(UnitResult r, CompiledCap[] caps, int g, HashSet<int>? zeroed, ReadOnlySpan<decimal> cuts)
    {
        var cap = caps[g];
        var ci = r.Scheme.ItemArray;
        decimal points = 0, lost = 0;
        foreach (var i in cap.Items)
        {
            var status = r.ItemAt(i, out var score, out var penalty, out _, out _);
            if (status == ItemStatus.NotApplicable || (zeroed is not null && zeroed.Contains(ci[i].NodeIndex))) continue;
            points += score;
            if (status == ItemStatus.Scored) lost += ci[i].Item.Max - score - penalty;
        }
        if (cap.WholeCategory)
            for (var inner = 0; inner < g; inner++)
                if (caps[inner].Nodes.Contains(cap.Nodes[^1])) points += cuts[inner];
        if (cap.Group.Most is decimal most) return points > most ? most - points : 0;
        return cap.Group.MostOff is decimal mostOff && lost > mostOff ? lost - mostOff : 0;
    }

    /// <summary>Records what a fired veto takes beyond the grade: the total, or a category with everything under it.</summary>
    /// <param name="zeroes">Where to say it in words; null when no one reads them.</param>
    private static void Reach(CompiledScheme scheme, string label, string? reach, List<string>? zeroes, ref HashSet<int>? zeroed, ref bool zeroTotal)
    {
        if (reach is null) return;
        if (reach == VetoReach.Total)
        {
            zeroTotal = true;
            zeroes?.Add($"否决“{label}”：总分计 0 分");
            return;
        }
        // The linter reports a reach that names no category; scoring leaves such a veto at the grade.
        if (scheme.NodeIndexOf(reach) is not int n || scheme.Nodes[n] is not Category category) return;
        zeroed ??= [];
        foreach (var node in category.AllNodes())
            if (scheme.NodeIndexOf(node.Id) is int i) zeroed.Add(i);
        zeroes?.Add($"否决“{label}”：{category.Title}得分计 0 分");
    }

    public static string? GradeOf(Scheme s, decimal total)
    {
        foreach (var g in s.Grades)
            if (total >= g.Min) return g.Name;
        return s.Grades.Count > 0 ? s.Grades[^1].Name : null;
    }

    /// <summary>The lower of two grades in the scheme's order (later in the list is worse).</summary>
    private static string Worse(CompiledScheme scheme, string? a, string b)
    {
        if (a is null) return b;
        var ia = scheme.GradeOrder.GetValueOrDefault(a, -1);
        var ib = scheme.GradeOrder.GetValueOrDefault(b, -1);
        return ib > ia ? b : a;
    }
}
