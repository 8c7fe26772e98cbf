namespace Chengxin.Domain.Scoring;

/// <summary>
/// A formula (or a record condition) compiled once per scheme version into delegates: facts read by slot, operators and
/// functions chosen when compiled. The tree's <see cref="FormulaNode.Eval"/> looks each fact up by name and each operator up
/// by its text on every evaluation, and a campaign evaluates every unit's formulas and every record's condition.
/// </summary>
/// <remarks>
/// The same language with the same results, errors and messages as the tree, which stays what explanations and tools
/// evaluate: text comparisons, `in`, dates and any function other than the arithmetic ones are handed to the tree's own node,
/// so only arithmetic, comparisons, and/or/not, facts, columns and count/sum/… over records are compiled here.
/// Arguments are evaluated left to right, as the tree does, so the first error met is the same.
/// </remarks>
internal static class CompiledFormula
{
    public static Func<FormulaScope, decimal> Compile(FormulaNode node, CompiledScheme scheme) => node switch
    {
        NumberNode n => Constant(n.Value),
        DateNode d => Constant(d.Value.DayNumber),
        FactNode f => Fact(f.Key, scheme.SlotOf(f.Key) ?? -1),
        ColumnNode c => Column(c.Key),
        UnaryNode { Op: "-" } u => Negate(Compile(u.Operand, scheme)),
        UnaryNode { Op: "not" } u => Not(Compile(u.Operand, scheme)),
        BinaryNode b when !ComparesText(b) && Binary(b.Op, Compile(b.Left, scheme), Compile(b.Right, scheme)) is { } compiled => compiled,
        CallNode { Name: "if", Args.Count: 3 } c => If(Compile(c.Args[0], scheme), Compile(c.Args[1], scheme), Compile(c.Args[2], scheme)),
        CallNode { Name: "min" or "max" } c => Extreme([.. c.Args.Select(a => Compile(a, scheme))], lowest: c.Name == "min"),
        CallNode { Name: "clamp", Args.Count: 3 } c => Clamp(Compile(c.Args[0], scheme), Compile(c.Args[1], scheme), Compile(c.Args[2], scheme)),
        AggregateNode a => Aggregate(a, a.Value is null ? null : Compile(a.Value, scheme), a.Condition is null ? null : Compile(a.Condition, scheme)),
        _ => node.Eval,
    };

    // As BinaryNode.Eval: an == or != that may be between texts compares them as text.
    private static bool ComparesText(BinaryNode b) =>
        b.Op is "==" or "!=" && (b.Left is StringNode || b.Right is StringNode || (MayBeText(b.Left) && MayBeText(b.Right)));

    private static bool MayBeText(FormulaNode n) => n is StringNode or FactNode or ColumnNode;

    private static Func<FormulaScope, decimal> Constant(decimal value) => _ => value;

    private static Func<FormulaScope, decimal> Fact(string key, int slot)
    {
        if (slot < 0) return _ => throw new MissingFactException(key);
        return scope =>
        {
            var v = scope.Facts!.Values[slot];
            return v.HasValue ? v.Number : throw new MissingFactException(key);
        };
    }

    private static Func<FormulaScope, decimal> Column(string key) => scope => ColumnNode.Cell(scope, key).Number;

    private static Func<FormulaScope, decimal> Negate(Func<FormulaScope, decimal> operand) => scope => -operand(scope);

    private static Func<FormulaScope, decimal> Not(Func<FormulaScope, decimal> operand) => scope => operand(scope) == 0 ? 1 : 0;

    private static Func<FormulaScope, decimal>? Binary(string op, Func<FormulaScope, decimal> l, Func<FormulaScope, decimal> r) => op switch
    {
        // and/or short-circuit so that if(x > 0 and y / x > 1, …) is safe.
        "and" => s => l(s) != 0 && r(s) != 0 ? 1 : 0,
        "or" => s => l(s) != 0 || r(s) != 0 ? 1 : 0,
        "+" => s => l(s) + r(s),
        "-" => s => l(s) - r(s),
        "*" => s => l(s) * r(s),
        "/" => s =>
        {
            var left = l(s);
            var right = r(s);
            return right == 0 ? throw new FormulaException("除数为零") : left / right;
        },
        "<" => s => l(s) < r(s) ? 1 : 0,
        "<=" => s => l(s) <= r(s) ? 1 : 0,
        ">" => s => l(s) > r(s) ? 1 : 0,
        ">=" => s => l(s) >= r(s) ? 1 : 0,
        "==" => s => l(s) == r(s) ? 1 : 0,
        "!=" => s => l(s) != r(s) ? 1 : 0,
        _ => null,
    };

    private static Func<FormulaScope, decimal> If(Func<FormulaScope, decimal> test, Func<FormulaScope, decimal> then, Func<FormulaScope, decimal> otherwise) =>
        scope => test(scope) != 0 ? then(scope) : otherwise(scope);

    private static Func<FormulaScope, decimal> Extreme(Func<FormulaScope, decimal>[] args, bool lowest) => scope =>
    {
        var best = args[0](scope);
        for (var i = 1; i < args.Length; i++)
        {
            var v = args[i](scope);
            if (lowest ? v < best : v > best) best = v;
        }
        return best;
    };

    private static Func<FormulaScope, decimal> Clamp(Func<FormulaScope, decimal> value, Func<FormulaScope, decimal> min, Func<FormulaScope, decimal> max) =>
        scope =>
        {
            var v = value(scope);
            var low = min(scope);
            return Math.Clamp(v, low, max(scope));
        };

    /// <summary>count / sum / avg / minOf / maxOf over a ledger's records, as <see cref="AggregateNode.Eval"/>.</summary>
    private static Func<FormulaScope, decimal> Aggregate(AggregateNode node, Func<FormulaScope, decimal>? value, Func<FormulaScope, decimal>? condition)
    {
        var ledger = node.Ledger;
        var name = node.Name;
        return scope =>
        {
            var fact = scope.Fact(ledger);
            if (!fact.HasValue) throw new MissingFactException(ledger);
            var rows = fact.Rows ?? throw new FormulaException("只能对台账统计记录");
            var (outerRow, outerLedger) = (scope.Row, scope.RowLedger);
            scope.RowLedger = ledger;
            try
            {
                var n = 0;
                decimal sum = 0, least = 0, most = 0;
                for (var i = 0; i < rows.Count; i++)
                {
                    scope.Row = rows[i];
                    if (condition is not null && condition(scope) == 0) continue;
                    if (value is not null)
                    {
                        var v = value(scope);
                        sum += v;
                        if (n == 0 || v < least) least = v;
                        if (n == 0 || v > most) most = v;
                    }
                    n++;
                }
                return name switch
                {
                    "count" => n,
                    "sum" => sum,
                    _ when n == 0 => throw new FormulaException("台账中没有符合条件的记录，无法求平均、最小或最大值"),
                    "avg" => sum / n,
                    "minOf" => least,
                    _ => most,
                };
            }
            finally
            {
                (scope.Row, scope.RowLedger) = (outerRow, outerLedger);
            }
        };
    }
}
