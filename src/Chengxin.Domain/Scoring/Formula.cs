using System.Globalization;
using Chengxin.Domain.Calendar;
using Chengxin.Domain.Schemes;

namespace Chengxin.Domain.Scoring;

public sealed class FormulaException(string message) : Exception(message);

/// <summary>
/// What a formula reads while it is evaluated: the unit's facts, the record of a ledger it is
/// looking at (inside count/sum/… and a part's `where`), the working-day calendar and the
/// campaign's period. One per evaluation, so a formula never reaches anything else.
/// </summary>
public sealed class FormulaScope
{
    private UnitFacts? _facts;
    private readonly Func<string, decimal?>? _numbers;

    public FormulaScope(UnitFacts facts) => Over(facts);

    private void Over(UnitFacts facts)
    {
        _facts = facts;
        Calendar = facts.Scheme.Calendar;
        Period = facts.Scheme.Scheme.Range ?? facts.PeriodDates;
    }

    /// <summary>A scope over plain numbers, for formulas that read only numeric facts (tests, tools).</summary>
    public FormulaScope(Func<string, decimal?> numbers, WorkingDayCalendar? calendar = null, DateRange? period = null)
    {
        _numbers = numbers;
        Calendar = calendar;
        Period = period;
    }

    /// <summary>The unit's facts, for a compiled formula reading them by slot (null for a scope over plain numbers).</summary>
    internal UnitFacts? Facts => _facts;

    public WorkingDayCalendar? Calendar { get; private set; }
    public DateRange? Period { get; private set; }

    /// <summary>
    /// A scope over the unit's facts for the scorer, one per thread and moved to the next unit when the thread scores it: a
    /// unit's formulas and record conditions are evaluated one after another, never inside each other, and each starts
    /// outside any record; no scope of this kind is handed out of the scorer.
    /// </summary>
    internal static FormulaScope For(UnitFacts facts, string? rowLedger = null)
    {
        var scope = t_last ??= new FormulaScope(facts);
        if (!ReferenceEquals(scope._facts, facts)) scope.Over(facts);
        scope.Row = null;
        scope.RowLedger = rowLedger;
        return scope;
    }

    [ThreadStatic] private static FormulaScope? t_last;
    /// <summary>The ledger record a row expression reads; null outside one.</summary>
    internal LedgerRow? Row { get; set; }
    /// <summary>The ledger whose records are being read, for naming a column in an error.</summary>
    internal string? RowLedger { get; set; }

    public FactValue Fact(string key)
    {
        if (_facts is not null) return _facts[key];
        return _numbers!(key) is decimal d ? FactValue.Num(d) : default;
    }

    internal string ColumnLabel(string column) =>
        (RowLedger is not null && _facts?.Scheme.SlotOf(RowLedger) is int s
            ? _facts.Scheme.FactDefinitions[s].Columns.FirstOrDefault(c => c.Key == column)?.Label
            : null) ?? column;
}

/// <summary>
/// A formula compiled to a tree. The language reaches the scheme's facts and nothing else:
/// numbers, fact keys, arithmetic, comparisons, and/or/not, and a fixed set of functions; and
/// over a ledger's records: conditions on their columns, count, sum, avg, minOf and maxOf.
/// </summary>
public abstract record FormulaNode
{
    /// <summary>Evaluates over exact decimals; <paramref name="fact"/> returns null for a missing fact.</summary>
    public decimal Evaluate(Func<string, decimal?> fact) => Eval(new FormulaScope(fact));

    /// <summary>Evaluates over exact decimals: a date is its day number, bool 1/0, a ledger its row count.</summary>
    public abstract decimal Eval(FormulaScope scope);

    /// <summary>The node's text, when it is text (a literal, a text fact or column); null otherwise.</summary>
    internal virtual string? TextOf(FormulaScope scope) => null;
}

internal sealed record NumberNode(decimal Value) : FormulaNode
{
    public override decimal Eval(FormulaScope scope) => Value;
}

internal sealed record StringNode(string Value) : FormulaNode
{
    public override decimal Eval(FormulaScope scope) => throw new FormulaException($"文字“{Value}”只能用于比较");
    internal override string? TextOf(FormulaScope scope) => Value;
}

internal sealed record DateNode(DateOnly Value) : FormulaNode
{
    public override decimal Eval(FormulaScope scope) => Value.DayNumber;
}

internal sealed record FactNode(string Key) : FormulaNode
{
    public override decimal Eval(FormulaScope scope)
    {
        var v = scope.Fact(Key);
        return v.HasValue ? v.Number : throw new MissingFactException(Key);
    }

    internal override string? TextOf(FormulaScope scope)
    {
        var v = scope.Fact(Key);
        if (!v.HasValue) throw new MissingFactException(Key);
        return v.Type == FactType.Text ? v.Text : null;
    }
}

/// <summary>A column of the ledger record being read (inside count/sum/… or a part's `where`).</summary>
internal sealed record ColumnNode(string Key) : FormulaNode
{
    public override decimal Eval(FormulaScope scope) => Cell(scope, Key).Number;

    internal override string? TextOf(FormulaScope scope)
    {
        var v = Cell(scope, Key);
        return v.Type == FactType.Text ? v.Text : null;
    }

    /// <summary>The cell of column <paramref name="key"/> in the record being read (also what a compiled formula reads).</summary>
    internal static FactValue Cell(FormulaScope scope, string key)
    {
        var row = scope.Row ?? throw new FormulaException($"“{key}”是台账的列，只能在台账条件中使用");
        var v = row[key];
        return v.HasValue ? v : throw new FormulaException($"有记录缺少“{scope.ColumnLabel(key)}”");
    }
}

internal sealed record UnaryNode(string Op, FormulaNode Operand) : FormulaNode
{
    public override decimal Eval(FormulaScope scope)
    {
        var v = Operand.Eval(scope);
        return Op == "-" ? -v : v == 0 ? 1 : 0;
    }
}

internal sealed record BinaryNode(string Op, FormulaNode Left, FormulaNode Right) : FormulaNode
{
    // Only these nodes can be text; checking the type first keeps numeric comparisons as fast as before.
    private static bool MayBeText(FormulaNode n) => n is StringNode or FactNode or ColumnNode;

    public override decimal Eval(FormulaScope scope)
    {
        if (Op is "==" or "!=" && (Left is StringNode || Right is StringNode || (MayBeText(Left) && MayBeText(Right))))
        {
            var lt = Left.TextOf(scope);
            var rt = Right.TextOf(scope);
            if (lt is not null || rt is not null)
                return string.Equals(lt, rt, StringComparison.Ordinal) == (Op == "==") ? 1 : 0;
        }
        var l = Left.Eval(scope);
        // and/or short-circuit so that if(x > 0 and y / x > 1, …) is safe.
        if (Op == "and") return l != 0 && Right.Eval(scope) != 0 ? 1 : 0;
        if (Op == "or") return l != 0 || Right.Eval(scope) != 0 ? 1 : 0;
        var r = Right.Eval(scope);
        return Op switch
        {
            "+" => l + r,
            "-" => l - r,
            "*" => l * r,
            "/" => r == 0 ? throw new FormulaException("除数为零") : l / r,
            "<" => l < r ? 1 : 0,
            "<=" => l <= r ? 1 : 0,
            ">" => l > r ? 1 : 0,
            ">=" => l >= r ? 1 : 0,
            "==" => l == r ? 1 : 0,
            "!=" => l != r ? 1 : 0,
            _ => throw new FormulaException($"未知运算符 {Op}"),
        };
    }
}

/// <summary>`value in ['国家级', '省级']`: 1 when the value equals one of the list.</summary>
internal sealed record InNode(FormulaNode Value, IReadOnlyList<FormulaNode> Choices) : FormulaNode
{
    public override decimal Eval(FormulaScope scope)
    {
        var text = Value.TextOf(scope);
        if (text is not null)
        {
            for (var i = 0; i < Choices.Count; i++)
                if (string.Equals(text, Choices[i].TextOf(scope), StringComparison.Ordinal)) return 1;
            return 0;
        }
        var v = Value.Eval(scope);
        for (var i = 0; i < Choices.Count; i++)
            if (Choices[i] is not StringNode && Choices[i].Eval(scope) == v) return 1;
        return 0;
    }
}

/// <summary>`date in period`: 1 when the date falls within the campaign's period (both ends included).</summary>
internal sealed record InPeriodNode(FormulaNode Value) : FormulaNode
{
    public override decimal Eval(FormulaScope scope)
    {
        var period = scope.Period ?? throw new FormulaException("未给定考评期间，无法判断日期是否在期间内");
        var v = Value.Eval(scope);
        return v >= period.From.DayNumber && v <= period.To.DayNumber ? 1 : 0;
    }
}

/// <summary>
/// count / sum / avg / minOf / maxOf over a ledger's records, optionally only those meeting a
/// condition. The value and the condition read the record's columns.
/// </summary>
internal sealed record AggregateNode(string Name, string Ledger, FormulaNode? Value, FormulaNode? Condition) : FormulaNode
{
    public override decimal Eval(FormulaScope scope)
    {
        var fact = scope.Fact(Ledger);
        if (!fact.HasValue) throw new MissingFactException(Ledger);
        var rows = fact.Rows ?? throw new FormulaException("只能对台账统计记录");
        var (outerRow, outerLedger) = (scope.Row, scope.RowLedger);
        scope.RowLedger = Ledger;
        try
        {
            var n = 0;
            decimal sum = 0, least = 0, most = 0;
            for (var i = 0; i < rows.Count; i++)
            {
                scope.Row = rows[i];
                if (Condition is not null && Condition.Eval(scope) == 0) continue;
                if (Value is not null)
                {
                    var v = Value.Eval(scope);
                    sum += v;
                    if (n == 0 || v < least) least = v;
                    if (n == 0 || v > most) most = v;
                }
                n++;
            }
            return Name switch
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
    }
}

internal sealed record CallNode(string Name, IReadOnlyList<FormulaNode> Args) : FormulaNode
{
    public override decimal Eval(FormulaScope scope)
    {
        if (Name == "if")
            return Args[0].Eval(scope) != 0 ? Args[1].Eval(scope) : Args[2].Eval(scope);
        // On the stack: a unit's formulas call min/max on every evaluation, and a campaign evaluates them for every unit.
        Span<decimal> a = Args.Count <= 8 ? stackalloc decimal[Args.Count] : new decimal[Args.Count];
        for (var i = 0; i < a.Length; i++) a[i] = Args[i].Eval(scope);
        return Name switch
        {
            "min" => Extreme(a, lowest: true),
            "max" => Extreme(a, lowest: false),
            "clamp" => Math.Clamp(a[0], a[1], a[2]),
            "abs" => Math.Abs(a[0]),
            "floor" => Math.Floor(a[0]),
            "ceil" => Math.Ceiling(a[0]),
            "round" => Math.Round(a[0], (int)a[1], MidpointRounding.AwayFromZero),
            "year" => DateOf(a[0]).Year,
            "month" => DateOf(a[0]).Month,
            "days" => a[1] - a[0],
            "workdays" => WorkingDays(scope, DateOf(a[0]), DateOf(a[1])),
            _ => throw new FormulaException($"未知函数 {Name}"),
        };
    }

    /// <summary>The lowest or highest argument (the parser requires at least one).</summary>
    private static decimal Extreme(ReadOnlySpan<decimal> values, bool lowest)
    {
        var best = values[0];
        for (var i = 1; i < values.Length; i++)
            if (lowest ? values[i] < best : values[i] > best) best = values[i];
        return best;
    }

    private static DateOnly DateOf(decimal dayNumber) =>
        dayNumber >= DateOnly.MinValue.DayNumber && dayNumber <= DateOnly.MaxValue.DayNumber && dayNumber == Math.Floor(dayNumber)
            ? DateOnly.FromDayNumber((int)dayNumber)
            : throw new FormulaException("需要日期的地方给的不是日期");

    /// <summary>Working days after <paramref name="from"/> up to and including <paramref name="to"/> (negative when to is earlier).</summary>
    private static decimal WorkingDays(FormulaScope scope, DateOnly from, DateOnly to)
    {
        var calendar = scope.Calendar ?? throw new FormulaException("未提供节假日日历，无法计算工作日");
        try
        {
            return to >= from ? calendar.WorkingDaysAfter(from, to) : -calendar.WorkingDaysAfter(to, from);
        }
        catch (DomainRuleException e)
        {
            // A year the calendar lacks is an error, never a guess (a guess would mark a unit late wrongly).
            throw new FormulaException(e.Message);
        }
    }
}

/// <summary>A fact the formula needs has no value for this unit.</summary>
public sealed class MissingFactException(string key) : Exception($"missing fact {key}")
{
    public string Key { get; } = key;
}

public static class FormulaParser
{
    private static readonly Dictionary<string, (int Min, int Max)> Functions = new()
    {
        ["min"] = (1, 99), ["max"] = (1, 99), ["clamp"] = (3, 3), ["abs"] = (1, 1),
        ["floor"] = (1, 1), ["ceil"] = (1, 1), ["round"] = (2, 2), ["if"] = (3, 3),
        ["year"] = (1, 1), ["month"] = (1, 1), ["days"] = (2, 2), ["workdays"] = (2, 2),
    };

    /// <summary>Functions over a ledger's records: the ledger, then (for all but count) the value, then an optional condition.</summary>
    private static readonly HashSet<string> Aggregates = ["count", "sum", "avg", "minOf", "maxOf"];

    public static FormulaNode Parse(string text) => Parse(text, rowScope: false);

    /// <summary>A condition on one ledger record (a part's `where`): names are the ledger's columns.</summary>
    public static FormulaNode ParseCondition(string text) => Parse(text, rowScope: true);

    private static FormulaNode Parse(string text, bool rowScope)
    {
        var p = new Parser(Tokenize(text), text) { RowScope = rowScope };
        var node = p.Or();
        if (!p.AtEnd) throw new FormulaException($"'{text}' 第 {p.Position + 1} 个记号多余: '{p.Peek}'");
        return node;
    }

    /// <summary>Whether a `where` is a bare bool column (the form every seed uses), not a condition.</summary>
    public static bool IsBareColumn(string where)
    {
        try { return ParseCondition(where) is ColumnNode; }
        catch (FormulaException) { return false; }
    }

    /// <summary>The fact keys a formula reads, in order of first use; an unparsable formula reads none.</summary>
    public static IEnumerable<string> FactsIn(string text)
    {
        FormulaNode node;
        try { node = Parse(text); }
        catch (FormulaException) { return []; }
        var keys = new List<string>();
        Walk(node, keys, null);
        return keys.Distinct();
    }

    /// <summary>The ledger columns a formula or condition reads, as (ledger, column); a `where` has ledger null.</summary>
    public static IEnumerable<(string? Ledger, string Column)> ColumnsIn(FormulaNode node)
    {
        var columns = new List<(string?, string)>();
        Walk(node, null, columns);
        return columns.Distinct();
    }

    /// <summary>
    /// Whether a formula reads records, dates or text (count/sum/…, date functions, text, `in`). Such a formula is
    /// explained in words; an arithmetic one keeps the explanation it has always had (the seed tests quote it).
    /// </summary>
    public static bool ReadsRecordsOrDates(FormulaNode node) => Any(node, n =>
        n is AggregateNode or StringNode or DateNode or InNode or InPeriodNode or CallNode { Name: "year" or "month" or "days" or "workdays" });

    /// <summary>Whether a formula uses the working-day calendar.</summary>
    public static bool UsesWorkingDays(FormulaNode node) => Any(node, n => n is CallNode { Name: "workdays" });

    private static bool Any(FormulaNode node, Func<FormulaNode, bool> test) => test(node) || node switch
    {
        UnaryNode u => Any(u.Operand, test),
        BinaryNode b => Any(b.Left, test) || Any(b.Right, test),
        CallNode c => c.Args.Any(a => Any(a, test)),
        InNode i => Any(i.Value, test) || i.Choices.Any(a => Any(a, test)),
        InPeriodNode i => Any(i.Value, test),
        AggregateNode g => (g.Value is not null && Any(g.Value, test)) || (g.Condition is not null && Any(g.Condition, test)),
        _ => false,
    };

    private static void Walk(FormulaNode node, List<string>? keys, List<(string?, string)>? columns, string? ledger = null)
    {
        switch (node)
        {
            case FactNode f: keys?.Add(f.Key); break;
            case ColumnNode c: columns?.Add((ledger, c.Key)); break;
            case UnaryNode u: Walk(u.Operand, keys, columns, ledger); break;
            case BinaryNode b: Walk(b.Left, keys, columns, ledger); Walk(b.Right, keys, columns, ledger); break;
            case CallNode c: foreach (var a in c.Args) Walk(a, keys, columns, ledger); break;
            case InNode i: Walk(i.Value, keys, columns, ledger); foreach (var a in i.Choices) Walk(a, keys, columns, ledger); break;
            case InPeriodNode i: Walk(i.Value, keys, columns, ledger); break;
            case AggregateNode g:
                keys?.Add(g.Ledger);
                if (g.Value is not null) Walk(g.Value, keys, columns, g.Ledger);
                if (g.Condition is not null) Walk(g.Condition, keys, columns, g.Ledger);
                break;
        }
    }

    private static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (char.IsDigit(c) || (c == '.' && i + 1 < text.Length && char.IsDigit(text[i + 1])))
            {
                var start = i;
                while (i < text.Length && (char.IsDigit(text[i]) || text[i] == '.')) i++;
                tokens.Add(text[start..i]);
                continue;
            }
            if (char.IsAsciiLetter(c) || c == '_')
            {
                var start = i;
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_')) i++;
                tokens.Add(text[start..i]);
                continue;
            }
            if (c is '\'' or '"' or '「')
            {
                // A text literal keeps its opening quote as a marker, so it never reads as a name or a number.
                var close = c == '「' ? '」' : c;
                var end = text.IndexOf(close, i + 1);
                if (end < 0) throw new FormulaException($"'{text}' 中的文字缺少结束引号");
                tokens.Add("'" + text[(i + 1)..end]);
                i = end + 1;
                continue;
            }
            var two = i + 1 < text.Length ? text.Substring(i, 2) : "";
            if (two is "<=" or ">=" or "==" or "!=") { tokens.Add(two); i += 2; continue; }
            if ("+-*/()<>,[]".Contains(c)) { tokens.Add(c.ToString()); i++; continue; }
            throw new FormulaException($"'{text}' 中有不允许的字符 '{c}'");
        }
        return tokens;
    }

    private sealed class Parser(List<string> tokens, string text)
    {
        public int Position { get; private set; }
        public bool AtEnd => Position >= tokens.Count;
        public string Peek => AtEnd ? "" : tokens[Position];
        /// <summary>Inside a ledger's records: a name is one of its columns.</summary>
        public bool RowScope { get; set; }

        private bool Accept(string t)
        {
            if (Peek != t) return false;
            Position++;
            return true;
        }

        private void Expect(string t)
        {
            if (!Accept(t)) throw new FormulaException($"'{text}' 缺少 '{t}'（位置 {Position + 1}）");
        }

        public FormulaNode Or()
        {
            var left = And();
            while (Accept("or")) left = new BinaryNode("or", left, And());
            return left;
        }

        private FormulaNode And()
        {
            var left = Not();
            while (Accept("and")) left = new BinaryNode("and", left, Not());
            return left;
        }

        private FormulaNode Not() => Accept("not") ? new UnaryNode("not", Not()) : Comparison();

        private FormulaNode Comparison()
        {
            var left = Sum();
            if (Peek is "<" or "<=" or ">" or ">=" or "==" or "!=")
            {
                var op = tokens[Position++];
                return new BinaryNode(op, left, Sum());
            }
            if (Accept("in"))
            {
                if (Accept("period")) return new InPeriodNode(left);
                Expect("[");
                var choices = new List<FormulaNode>();
                do choices.Add(Sum()); while (Accept(","));
                Expect("]");
                return new InNode(left, choices);
            }
            return left;
        }

        private FormulaNode Sum()
        {
            var left = Product();
            while (Peek is "+" or "-")
            {
                var op = tokens[Position++];
                left = new BinaryNode(op, left, Product());
            }
            return left;
        }

        private FormulaNode Product()
        {
            var left = Unary();
            while (Peek is "*" or "/")
            {
                var op = tokens[Position++];
                left = new BinaryNode(op, left, Unary());
            }
            return left;
        }

        private FormulaNode Unary() => Accept("-") ? new UnaryNode("-", Unary()) : Primary();

        private FormulaNode Primary()
        {
            if (AtEnd) throw new FormulaException($"'{text}' 意外结束");
            var t = tokens[Position++];
            if (t == "(")
            {
                var inner = Or();
                Expect(")");
                return inner;
            }
            if (t[0] == '\'') return new StringNode(t[1..]);
            if (char.IsDigit(t[0]) || t[0] == '.')
            {
                if (!decimal.TryParse(t, NumberStyles.Number, CultureInfo.InvariantCulture, out var v))
                    throw new FormulaException($"'{t}' 不是有效数字");
                return new NumberNode(v);
            }
            if (char.IsAsciiLetter(t[0]) || t[0] == '_')
            {
                if (t is "and" or "or" or "not" or "in" or "period")
                    throw new FormulaException($"'{text}' 中 '{t}' 的位置不对");
                if (t == "date" && Peek == "(") return Date();
                if (Aggregates.Contains(t) && Peek == "(") return Aggregate(t);
                if (Functions.TryGetValue(t, out var arity) && Peek == "(")
                {
                    Position++;
                    var args = new List<FormulaNode>();
                    if (!Accept(")"))
                    {
                        do args.Add(Or()); while (Accept(","));
                        Expect(")");
                    }
                    if (args.Count < arity.Min || args.Count > arity.Max)
                        throw new FormulaException($"函数 {t} 的参数个数不对：{args.Count}");
                    return new CallNode(t, args);
                }
                if (Peek == "(") throw new FormulaException($"未知函数 '{t}'（可用：{string.Join(", ", Functions.Keys.Concat(Aggregates).Append("date"))}）");
                return RowScope ? new ColumnNode(t) : new FactNode(t);
            }
            throw new FormulaException($"'{text}' 中意外的 '{t}'");
        }

        private DateNode Date()
        {
            Expect("(");
            var t = Peek;
            if (t.Length == 0 || t[0] != '\'' || !DateOnly.TryParseExact(t[1..], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                throw new FormulaException($"date() 需要写作 date('yyyy-MM-dd') 的日期，实为 '{t.TrimStart('\'')}'");
            Position++;
            Expect(")");
            return new DateNode(d);
        }

        private AggregateNode Aggregate(string name)
        {
            if (RowScope) throw new FormulaException($"'{text}' 中 {name}() 不能在台账条件里再统计台账");
            Expect("(");
            var ledger = Peek;
            if (ledger.Length == 0 || !(char.IsAsciiLetter(ledger[0]) || ledger[0] == '_'))
                throw new FormulaException($"{name}() 的第一个参数应为台账事实，实为 '{ledger.TrimStart('\'')}'");
            Position++;
            FormulaNode? value = null, condition = null;
            RowScope = true;
            if (name != "count")
            {
                Expect(",");
                value = Or();
            }
            if (Accept(",")) condition = Or();
            RowScope = false;
            Expect(")");
            return new AggregateNode(name, ledger, value, condition);
        }
    }
}
