using Chengxin.Domain.Schemes;

namespace Chengxin.Domain.Scoring;

/// <summary>
/// A formula or record condition in Chinese words, for explanations: facts and columns by their
/// labels, operators and functions as a reader says them. Users never see keys or formula source.
/// </summary>
public static class FormulaWords
{
    /// <summary>A formula over the scheme's facts in words.</summary>
    public static string Of(CompiledScheme scheme, string expression) =>
        Words(FormulaParser.Parse(expression), scheme, null);

    /// <summary>A condition on the records of ledger <paramref name="ledger"/> in words.</summary>
    public static string OfCondition(CompiledScheme scheme, string ledger, string condition) =>
        Words(FormulaParser.ParseCondition(condition), scheme, ledger);

    private static string FactLabel(CompiledScheme s, string key) =>
        s.SlotOf(key) is int i ? $"“{s.FactDefinitions[i].Label}”" : $"“{key}”";

    private static string ColumnLabel(CompiledScheme s, string? ledger, string column) =>
        $"“{(ledger is not null && s.SlotOf(ledger) is int i ? s.FactDefinitions[i].Columns.FirstOrDefault(c => c.Key == column)?.Label : null) ?? column}”";

    private static int Precedence(FormulaNode n) => n switch
    {
        BinaryNode { Op: "or" } => 1,
        BinaryNode { Op: "and" } => 2,
        BinaryNode { Op: "<" or "<=" or ">" or ">=" or "==" or "!=" } or InNode or InPeriodNode => 3,
        BinaryNode { Op: "+" or "-" } => 4,
        BinaryNode { Op: "*" or "/" } => 5,
        _ => 6,
    };

    private static string Words(FormulaNode node, CompiledScheme s, string? ledger)
    {
        string W(FormulaNode n) => Words(n, s, ledger);
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
            UnaryNode u => $"并非（{W(u.Operand)}）",
            BinaryNode b => $"{Child(b.Left, node)} {Operator(b.Op)} {Child(b.Right, node)}",
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
        "min" => $"{string.Join("、", c.Args.Select(w))}中较小者",
        "max" => $"{string.Join("、", c.Args.Select(w))}中较大者",
        "clamp" => $"{w(c.Args[0])}（限定在{w(c.Args[1])}至{w(c.Args[2])}之间）",
        "abs" => $"{w(c.Args[0])}的绝对值",
        "floor" => $"{w(c.Args[0])}向下取整",
        "ceil" => $"{w(c.Args[0])}向上取整",
        "round" => $"{w(c.Args[0])}保留{w(c.Args[1])}位小数",
        "if" => $"若{w(c.Args[0])}则{w(c.Args[1])}，否则{w(c.Args[2])}",
        "year" => $"{w(c.Args[0])}的年份",
        "month" => $"{w(c.Args[0])}的月份",
        "days" => $"{w(c.Args[0])}至{w(c.Args[1])}相隔的天数",
        "workdays" => $"{w(c.Args[0])}至{w(c.Args[1])}相隔的工作日数",
        _ => c.Name,
    };

    private static string Aggregate(AggregateNode g, CompiledScheme s)
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
