using Chengxin.Domain.Schemes;
using Chengxin.Domain.Scoring;

namespace Chengxin.Domain.Linting;

/// <summary>A decimal that may also be −∞ or +∞, so that an unbounded fact stays exact elsewhere.</summary>
internal readonly record struct Ext(decimal Value, int Infinity)
{
    public static readonly Ext PositiveInfinity = new(0, 1);
    public static readonly Ext NegativeInfinity = new(0, -1);
    public static readonly Ext Zero = new(0, 0);

    public bool IsFinite => Infinity == 0;
    private int Sign => Infinity != 0 ? Infinity : Math.Sign(Value);

    public static Ext Of(decimal v) => new(v, 0);

    public static Ext operator +(Ext a, Ext b)
    {
        if (!a.IsFinite) return a;
        if (!b.IsFinite) return b;
        try { return Of(a.Value + b.Value); }
        catch (OverflowException) { return a.Value > 0 ? PositiveInfinity : NegativeInfinity; }
    }

    public static Ext operator -(Ext a) => a.IsFinite ? Of(-a.Value) : new(0, -a.Infinity);

    public static Ext operator *(Ext a, Ext b)
    {
        // 0 × ∞ is 0 here: an edge of 0 times an unbounded edge bounds the product at 0 ([0,1]×[0,∞) = [0,∞)).
        if ((a.IsFinite && a.Value == 0) || (b.IsFinite && b.Value == 0)) return Zero;
        if (!a.IsFinite || !b.IsFinite) return a.Sign * b.Sign > 0 ? PositiveInfinity : NegativeInfinity;
        try { return Of(a.Value * b.Value); }
        catch (OverflowException) { return a.Sign * b.Sign > 0 ? PositiveInfinity : NegativeInfinity; }
    }

    /// <summary>a ÷ b for a divisor that does not straddle 0; a finite value over an unbounded one is 0.</summary>
    public static Ext Quotient(Ext a, Ext b)
    {
        if (!b.IsFinite) return a.IsFinite ? Zero : a.Sign * b.Sign > 0 ? PositiveInfinity : NegativeInfinity;
        if (!a.IsFinite) return a.Sign * Math.Sign(b.Value) > 0 ? PositiveInfinity : NegativeInfinity;
        try { return Of(a.Value / b.Value); }
        catch (OverflowException) { return a.Sign * Math.Sign(b.Value) > 0 ? PositiveInfinity : NegativeInfinity; }
    }

    public static bool operator <(Ext a, Ext b) => a.Infinity != b.Infinity ? a.Infinity < b.Infinity : a.IsFinite && a.Value < b.Value;
    public static bool operator >(Ext a, Ext b) => b < a;
    public static bool operator <=(Ext a, Ext b) => !(b < a);
    public static bool operator >=(Ext a, Ext b) => !(a < b);

    public static Ext Min(Ext a, Ext b) => a < b ? a : b;
    public static Ext Max(Ext a, Ext b) => a < b ? b : a;

    public Ext Map(Func<decimal, decimal> f) => IsFinite ? Of(f(Value)) : this;

    public override string ToString() => Infinity switch { 1 => "∞", -1 => "-∞", _ => Value.Text() };
}

/// <summary>The range [Low, High] a formula's value can take.</summary>
internal readonly record struct Range(Ext Low, Ext High)
{
    public static readonly Range Truth = new(Ext.Zero, Ext.Of(1));
    public static readonly Range Everything = new(Ext.NegativeInfinity, Ext.PositiveInfinity);

    public static Range Hull(Range a, Range b) => new(Ext.Min(a.Low, b.Low), Ext.Max(a.High, b.High));
}

/// <summary>
/// Interval arithmetic over a formula tree, with each fact in its type's range. It answers
/// "what is the most this formula can give" for the item-max checks; when a fact's range
/// is unknown (date, text, judgement, undeclared) it gives up rather than guess.
/// </summary>
internal static class FormulaBounds
{
    public static Range? Of(string expression, IReadOnlyDictionary<string, FactDefinition> facts)
    {
        FormulaNode node;
        try { node = FormulaParser.Parse(expression); }
        catch (FormulaException) { return null; }
        return Walk(node, facts);
    }

    private static Range? FactRange(FactType type) => type switch
    {
        FactType.Bool => Range.Truth,
        FactType.Percent => new Range(Ext.Zero, Ext.Of(100)),
        // A ledger reads as its row count.
        FactType.Count or FactType.Ledger => new Range(Ext.Zero, Ext.PositiveInfinity),
        FactType.Number => Range.Everything,
        _ => null,
    };

    private static Range? Walk(FormulaNode node, IReadOnlyDictionary<string, FactDefinition> facts, FactDefinition? ledger = null)
    {
        switch (node)
        {
            case NumberNode n:
                return new Range(Ext.Of(n.Value), Ext.Of(n.Value));
            case FactNode f:
                return facts.TryGetValue(f.Key, out var def) ? FactRange(def.Type) : null;
            case ColumnNode c:
                return ledger?.Columns.FirstOrDefault(col => col.Key == c.Key) is { } column ? FactRange(column.Type) : null;
            // A comparison, a choice and a period test are 1 or 0 whatever they compare (dates and text included).
            case BinaryNode { Op: "<" or "<=" or ">" or ">=" or "==" or "!=" or "and" or "or" }:
            case InNode or InPeriodNode:
                return Range.Truth;
            case AggregateNode g:
                return Aggregate(g, facts);
            case UnaryNode u:
            {
                if (u.Op == "not") return Range.Truth;
                if (Walk(u.Operand, facts, ledger) is not { } r) return null;
                return u.Op == "-" ? new Range(-r.High, -r.Low) : Range.Truth;
            }
            case BinaryNode b:
            {
                if (Walk(b.Left, facts, ledger) is not { } l || Walk(b.Right, facts, ledger) is not { } r) return null;
                return b.Op switch
                {
                    "+" => new Range(l.Low + r.Low, l.High + r.High),
                    "-" => new Range(l.Low + -r.High, l.High + -r.Low),
                    "*" => Multiply(l, r),
                    "/" => Divide(l, r),
                    _ => Range.Truth,
                };
            }
            case CallNode { Name: "year" }:
                return new Range(Ext.Of(1), Ext.Of(9999));
            case CallNode { Name: "month" }:
                return new Range(Ext.Of(1), Ext.Of(12));
            case CallNode { Name: "days" or "workdays" }:
                return Range.Everything;
            case CallNode c:
                return Call(c, facts, ledger);
            default:
                return null;
        }
    }

    /// <summary>count is a row count; sum a row count times the value; avg, minOf and maxOf stay within the value's range.</summary>
    private static Range? Aggregate(AggregateNode g, IReadOnlyDictionary<string, FactDefinition> facts)
    {
        var rows = new Range(Ext.Zero, Ext.PositiveInfinity);
        if (g.Name == "count") return rows;
        if (!facts.TryGetValue(g.Ledger, out var ledger) || g.Value is null || Walk(g.Value, facts, ledger) is not { } v) return null;
        return g.Name == "sum" ? Multiply(v, rows) : v;
    }

    private static Range? Call(CallNode c, IReadOnlyDictionary<string, FactDefinition> facts, FactDefinition? ledger)
    {
        var args = new List<Range>();
        foreach (var a in c.Args)
        {
            if (Walk(a, facts, ledger) is not { } r) return null;
            args.Add(r);
        }
        switch (c.Name)
        {
            case "min":
                return new Range(args.Select(a => a.Low).Aggregate(Ext.Min), args.Select(a => a.High).Aggregate(Ext.Min));
            case "max":
                return new Range(args.Select(a => a.Low).Aggregate(Ext.Max), args.Select(a => a.High).Aggregate(Ext.Max));
            case "clamp":
            {
                var (x, lo, hi) = (args[0], args[1], args[2]);
                var raised = new Range(Ext.Max(x.Low, lo.Low), Ext.Max(x.High, lo.High));
                return new Range(Ext.Min(raised.Low, hi.Low), Ext.Min(raised.High, hi.High));
            }
            case "abs":
            {
                var x = args[0];
                if (x.Low >= Ext.Zero) return x;
                if (x.High <= Ext.Zero) return new Range(-x.High, -x.Low);
                return new Range(Ext.Zero, Ext.Max(-x.Low, x.High));
            }
            case "floor":
                return new Range(args[0].Low.Map(Math.Floor), args[0].High.Map(Math.Floor));
            case "ceil":
                return new Range(args[0].Low.Map(Math.Ceiling), args[0].High.Map(Math.Ceiling));
            case "round":
            {
                // Rounding is monotonic, so the edges round to the edges; only a constant digit count is analysable.
                var d = args[1];
                if (!d.Low.IsFinite || d.Low != d.High || d.Low.Value is < 0 or > 28) return null;
                var digits = (int)d.Low.Value;
                decimal Round(decimal v) => Math.Round(v, digits, MidpointRounding.AwayFromZero);
                return new Range(args[0].Low.Map(Round), args[0].High.Map(Round));
            }
            case "if":
                return Range.Hull(args[1], args[2]);
            default:
                return null;
        }
    }

    private static Range Multiply(Range l, Range r)
    {
        Ext[] corners = [l.Low * r.Low, l.Low * r.High, l.High * r.Low, l.High * r.High];
        return new Range(corners.Aggregate(Ext.Min), corners.Aggregate(Ext.Max));
    }

    private static Range Divide(Range l, Range r)
    {
        // A divisor that can come near 0 makes the quotient unbounded.
        if (r.Low <= Ext.Zero && r.High >= Ext.Zero) return Range.Everything;
        // Divide the edges themselves rather than multiply by a reciprocal: 1/12 has no exact decimal,
        // so 12 × (1/12) × 5 came out 4.999… and min(x, 12) / 12 * 5 looked unable to reach 5.
        Ext[] corners = [Ext.Quotient(l.Low, r.Low), Ext.Quotient(l.Low, r.High), Ext.Quotient(l.High, r.Low), Ext.Quotient(l.High, r.High)];
        return new Range(corners.Aggregate(Ext.Min), corners.Aggregate(Ext.Max));
    }
}
