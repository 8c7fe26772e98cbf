namespace Chengxin.Domain.Scoring;

/// <summary>
/// A record condition made of columns joined by and, or and not (「已完成且未核实」: `done and not verified`), read from a
/// record's bits (<see cref="LedgerRow.TrueCells"/>, <see cref="LedgerRow.PresentCells"/>) instead of through the formula:
/// a column counts as its value's truth, as the formula's `and`, `or` and `not` read it.
/// </summary>
/// <remarks>
/// Exact only while every column it reads is present: a record lacking one that the condition reaches (and/or stop early, as
/// the formula does) gives -1, and the caller evaluates the condition as a formula, which names the missing column.
/// </remarks>
internal abstract class BitCondition
{
    /// <summary>The columns read, by the index <see cref="Eval"/>'s positions refer to.</summary>
    public string[] Columns { get; private set; } = [];

    /// <summary>1 when the record meets the condition, 0 when not, -1 when it lacks a column the condition reads.</summary>
    /// <param name="at">Per column of <see cref="Columns"/>, its cell's place in the record (from the ledger's shared keys).</param>
    public abstract int Eval(ulong present, ulong truth, ReadOnlySpan<int> at);

    /// <summary>The condition as bits, or null when it is anything but columns, and, or and not.</summary>
    public static BitCondition? Of(FormulaNode condition)
    {
        var columns = new List<string>();
        if (Build(condition, columns) is not { } root || columns.Count > 8) return null;
        root.Columns = [.. columns];
        return root;
    }

    private static BitCondition? Build(FormulaNode node, List<string> columns) => node switch
    {
        ColumnNode c => new Column(IndexOf(columns, c.Key)),
        UnaryNode { Op: "not" } u => Build(u.Operand, columns) is { } operand ? new Not(operand) : null,
        BinaryNode { Op: "and" or "or" } b => Build(b.Left, columns) is { } l && Build(b.Right, columns) is { } r
            ? b.Op == "and" ? new And(l, r) : new Or(l, r)
            : null,
        _ => null,
    };

    private static int IndexOf(List<string> columns, string key)
    {
        var i = columns.IndexOf(key);
        if (i >= 0) return i;
        columns.Add(key);
        return columns.Count - 1;
    }

    private sealed class Column(int index) : BitCondition
    {
        public override int Eval(ulong present, ulong truth, ReadOnlySpan<int> at)
        {
            var k = at[index];
            if (k < 0 || (present >> k & 1) == 0) return -1;
            return (int)(truth >> k & 1);
        }
    }

    private sealed class Not(BitCondition operand) : BitCondition
    {
        public override int Eval(ulong present, ulong truth, ReadOnlySpan<int> at)
        {
            var v = operand.Eval(present, truth, at);
            return v < 0 ? v : 1 - v;
        }
    }

    private sealed class And(BitCondition left, BitCondition right) : BitCondition
    {
        public override int Eval(ulong present, ulong truth, ReadOnlySpan<int> at)
        {
            // and stops at a false left side, as the formula does: the right side's column is then never read.
            var v = left.Eval(present, truth, at);
            return v <= 0 ? v : right.Eval(present, truth, at);
        }
    }

    private sealed class Or(BitCondition left, BitCondition right) : BitCondition
    {
        public override int Eval(ulong present, ulong truth, ReadOnlySpan<int> at)
        {
            var v = left.Eval(present, truth, at);
            return v != 0 ? v : right.Eval(present, truth, at);
        }
    }
}
