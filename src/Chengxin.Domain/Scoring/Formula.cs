using System.Globalization;

namespace Chengxin.Domain.Scoring;

public sealed class FormulaException(string message) : Exception(message);

/// <summary>
/// A formula compiled to a tree. The language reaches the scheme's facts and nothing else:
/// numbers, fact keys, arithmetic, comparisons, and/or/not, and a fixed set of functions.
/// </summary>
public abstract record FormulaNode
{
    /// <summary>Evaluates over exact decimals; <paramref name="fact"/> returns null for a missing fact.</summary>
    public abstract decimal Evaluate(Func<string, decimal?> fact);
}

internal sealed record NumberNode(decimal Value) : FormulaNode
{
    public override decimal Evaluate(Func<string, decimal?> fact) => Value;
}

internal sealed record FactNode(string Key) : FormulaNode
{
    public override decimal Evaluate(Func<string, decimal?> fact) =>
        fact(Key) ?? throw new MissingFactException(Key);
}

internal sealed record UnaryNode(string Op, FormulaNode Operand) : FormulaNode
{
    public override decimal Evaluate(Func<string, decimal?> fact)
    {
        var v = Operand.Evaluate(fact);
        return Op == "-" ? -v : v == 0 ? 1 : 0;
    }
}

internal sealed record BinaryNode(string Op, FormulaNode Left, FormulaNode Right) : FormulaNode
{
    public override decimal Evaluate(Func<string, decimal?> fact)
    {
        var l = Left.Evaluate(fact);
        // and/or short-circuit so that if(x > 0 and y / x > 1, …) is safe.
        if (Op == "and") return l != 0 && Right.Evaluate(fact) != 0 ? 1 : 0;
        if (Op == "or") return l != 0 || Right.Evaluate(fact) != 0 ? 1 : 0;
        var r = Right.Evaluate(fact);
        return Op switch
        {
            "+" => l + r,
            "-" => l - r,
            "*" => l * r,
            "/" => r == 0 ? throw new FormulaException("除数为零 (division by zero)") : l / r,
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

internal sealed record CallNode(string Name, IReadOnlyList<FormulaNode> Args) : FormulaNode
{
    public override decimal Evaluate(Func<string, decimal?> fact)
    {
        if (Name == "if")
            return Args[0].Evaluate(fact) != 0 ? Args[1].Evaluate(fact) : Args[2].Evaluate(fact);
        var a = new decimal[Args.Count];
        for (var i = 0; i < a.Length; i++) a[i] = Args[i].Evaluate(fact);
        return Name switch
        {
            "min" => a.Min(),
            "max" => a.Max(),
            "clamp" => Math.Clamp(a[0], a[1], a[2]),
            "abs" => Math.Abs(a[0]),
            "floor" => Math.Floor(a[0]),
            "ceil" => Math.Ceiling(a[0]),
            "round" => Math.Round(a[0], (int)a[1], MidpointRounding.AwayFromZero),
            _ => throw new FormulaException($"未知函数 {Name}"),
        };
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
    };

    public static FormulaNode Parse(string text)
    {
        var p = new Parser(Tokenize(text), text);
        var node = p.Or();
        if (!p.AtEnd) throw new FormulaException($"'{text}' 第 {p.Position + 1} 个记号多余: '{p.Peek}'");
        return node;
    }

    /// <summary>The fact keys a formula reads, in order of first use; an unparsable formula reads none.</summary>
    public static IEnumerable<string> FactsIn(string text)
    {
        FormulaNode node;
        try { node = Parse(text); }
        catch (FormulaException) { return []; }
        var keys = new List<string>();
        Walk(node, keys);
        return keys.Distinct();
    }

    private static void Walk(FormulaNode node, List<string> keys)
    {
        switch (node)
        {
            case FactNode f: keys.Add(f.Key); break;
            case UnaryNode u: Walk(u.Operand, keys); break;
            case BinaryNode b: Walk(b.Left, keys); Walk(b.Right, keys); break;
            case CallNode c: foreach (var a in c.Args) Walk(a, keys); break;
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
            var two = i + 1 < text.Length ? text.Substring(i, 2) : "";
            if (two is "<=" or ">=" or "==" or "!=") { tokens.Add(two); i += 2; continue; }
            if ("+-*/()<>,".Contains(c)) { tokens.Add(c.ToString()); i++; continue; }
            throw new FormulaException($"'{text}' 中有不允许的字符 '{c}'");
        }
        return tokens;
    }

    private sealed class Parser(List<string> tokens, string text)
    {
        public int Position { get; private set; }
        public bool AtEnd => Position >= tokens.Count;
        public string Peek => AtEnd ? "" : tokens[Position];

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
            if (char.IsDigit(t[0]) || t[0] == '.')
            {
                if (!decimal.TryParse(t, NumberStyles.Number, CultureInfo.InvariantCulture, out var v))
                    throw new FormulaException($"'{t}' 不是有效数字");
                return new NumberNode(v);
            }
            if (char.IsAsciiLetter(t[0]) || t[0] == '_')
            {
                if (t is "and" or "or" or "not")
                    throw new FormulaException($"'{text}' 中 '{t}' 的位置不对");
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
                if (Peek == "(") throw new FormulaException($"未知函数 '{t}'（可用：{string.Join(", ", Functions.Keys)}）");
                return new FactNode(t);
            }
            throw new FormulaException($"'{text}' 中意外的 '{t}'");
        }
    }
}
