using Chengxin.Domain.Schemes;

namespace Chengxin.Domain.Scoring;

/// <summary>
/// A formula or record condition in Chinese words, for explanations: facts and columns by their
/// labels, operators and functions as a reader says them. Users never see keys or formula source.
/// </summary>
public static class FormulaWords
{
    /// <summary>A formula over the scheme's facts in words.</summary>
    public static string Of(CompiledScheme scheme, string expression) => Of(scheme.Scheme, expression);

    public static string Of(Scheme scheme, string expression) =>
        Words(FormulaParser.Parse(expression), Facts(scheme), null);

    /// <summary>A condition on the records of ledger <paramref name="ledger"/> in words.</summary>
    public static string OfCondition(CompiledScheme scheme, string ledger, string condition) => OfCondition(scheme.Scheme, ledger, condition);

    public static string OfCondition(Scheme scheme, string ledger, string condition)
    {
        var facts = Facts(scheme);
        return Truth(FormulaParser.ParseCondition(condition), facts, ledger, Words(FormulaParser.ParseCondition(condition), facts, ledger));
    }

    /// <summary>A bool column or fact standing alone as a condition reads 「“是否盖章”为“是”」.</summary>
    private static string Truth(FormulaNode node, Dictionary<string, FactDefinition> s, string? ledger, string words)
    {
        var type = node switch
        {
            ColumnNode c when ledger is not null && s.TryGetValue(ledger, out var l) => l.Columns.FirstOrDefault(x => x.Key == c.Key)?.Type,
            FactNode f when s.TryGetValue(f.Key, out var d) => d.Type,
            _ => null,
        };
        return type == FactType.Bool ? $"{words}为“是”" : words;
    }

    private static Dictionary<string, FactDefinition> Facts(Scheme scheme) =>
        scheme.Facts.GroupBy(f => f.Key).ToDictionary(g => g.Key, g => g.First());

    private static string FactLabel(Dictionary<string, FactDefinition> s, string key) =>
        $"“{(s.TryGetValue(key, out var f) ? f.Label : key)}”";

    private static string ColumnLabel(Dictionary<string, FactDefinition> s, string? ledger, string column) =>
        $"“{(ledger is not null && s.TryGetValue(ledger, out var f) ? f.Columns.FirstOrDefault(c => c.Key == column)?.Label : null) ?? column}”";

    private static int Precedence(FormulaNode n) => n switch
    {
        BinaryNode { Op: "or" } => 1,
        BinaryNode { Op: "and" } => 2,
        BinaryNode { Op: "<" or "<=" or ">" or ">=" or "==" or "!=" } or InNode or InPeriodNode => 3,
        BinaryNode { Op: "+" or "-" } => 4,
        BinaryNode { Op: "*" or "/" } => 5,
        _ => 6,
    };

    private static string Words(FormulaNode node, Dictionary<string, FactDefinition> s, string? ledger)
    {
        string W(FormulaNode n) => Words(n, s, ledger);
        string T(FormulaNode n) => Truth(n, s, ledger, W(n));
        // A child that binds looser than its parent is bracketed, so 「(a + b) × 2」 reads as written.
        string Child(FormulaNode child, FormulaNode parent) =>
            Precedence(child) < Precedence(parent) ? $"（{W(child)}）" : W(child);

        return node switch
        {
            NumberNode n => n.Value.Text(),
            StringNode t => $"「{t.Value}」",
            DateNode d => $"{d.Value.Year}年{d.Value.Month}月{d.Value.Day}日",
            FactNode f => FactLabel(s, f.Key),
            ColumnNode c => ColumnLabel(s, ledger, c.Key),
            UnaryNode { Op: "-" } u => $"−{Child(u.Operand, node)}",
            UnaryNode u => $"并非（{T(u.Operand)}）",
            BinaryNode { Op: "and" or "or" } b => $"{(b.Left is BinaryNode { Op: "or" } && b.Op == "and" ? $"（{W(b.Left)}）" : T(b.Left))}{Operator(b.Op)}{(b.Right is BinaryNode { Op: "or" } && b.Op == "and" ? $"（{W(b.Right)}）" : T(b.Right))}",
            BinaryNode b => $"{Child(b.Left, node)}{Operator(b.Op)}{Child(b.Right, node)}",
            InNode i => $"{W(i.Value)}为{string.Join("、", i.Choices.Select(W))}之一",
            InPeriodNode i => $"{W(i.Value)}在考评期间内",
            AggregateNode g => Aggregate(g, s),
            CallNode c => Call(c, W),
            _ => "?",
        };
    }

    private static string Operator(string op) => op switch
    {
        "*" => "×",
        "/" => "÷",
        "-" => "−",
        "<" => "＜",
        "<=" => "≤",
        ">" => "＞",
        ">=" => "≥",
        "==" => "等于",
        "!=" => "不等于",
        "and" => "且",
        "or" => "或",
        _ => op,
    };

    private static string Call(CallNode c, Func<FormulaNode, string> w) => c.Name switch
    {
        "min" => $"较小值（{string.Join("，", c.Args.Select(w))}）",
        "max" => $"较大值（{string.Join("，", c.Args.Select(w))}）",
        "clamp" => $"{w(c.Args[0])}（限定在{w(c.Args[1])}至{w(c.Args[2])}之间）",
        "abs" => $"{w(c.Args[0])}的绝对值",
        "floor" => $"{w(c.Args[0])}向下取整",
        "ceil" => $"{w(c.Args[0])}向上取整",
        "round" => $"{w(c.Args[0])}保留{w(c.Args[1])}位小数",
        "if" => $"（若{w(c.Args[0])}则{w(c.Args[1])}，否则{w(c.Args[2])}）",
        "year" => $"{w(c.Args[0])}的年份",
        "month" => $"{w(c.Args[0])}的月份",
        "days" => $"{w(c.Args[0])}至{w(c.Args[1])}相隔的天数",
        "workdays" => $"{w(c.Args[0])}至{w(c.Args[1])}相隔的工作日数",
        _ => c.Name,
    };

    private static string Aggregate(AggregateNode g, Dictionary<string, FactDefinition> s)
    {
        var rows = g.Condition is null
            ? $"{FactLabel(s, g.Ledger)}的记录"
            : $"{FactLabel(s, g.Ledger)}中{Words(g.Condition, s, g.Ledger)}的记录";
        var value = g.Value is null ? "" : Words(g.Value, s, g.Ledger);
        return g.Name switch
        {
            "count" => $"{rows}条数",
            "sum" => $"{rows}的{value}之和",
            "avg" => $"{rows}的{value}平均值",
            "minOf" => $"{rows}的{value}最小值",
            _ => $"{rows}的{value}最大值",
        };
    }
}
