using Chengxin.Domain.Scoring;

namespace Chengxin.Domain.Tests.Scoring;

public class FormulaTests
{
    private static decimal Eval(string expr, params (string Key, decimal Value)[] facts)
    {
        var map = facts.ToDictionary(f => f.Key, f => f.Value);
        return FormulaParser.Parse(expr).Evaluate(k => map.TryGetValue(k, out var v) ? v : null);
    }

    [Theory]
    [InlineData("1 + 2 * 3", 7)]
    [InlineData("(1 + 2) * 3", 9)]
    [InlineData("-2 + 5", 3)]
    [InlineData("7 * 0.6", 4.2)]
    [InlineData("0.1 + 0.2", 0.3)]
    [InlineData("min(7, 7 * 1.5)", 7)]
    [InlineData("max(0, -3)", 0)]
    [InlineData("clamp(12, 0, 10)", 10)]
    [InlineData("abs(-2.5)", 2.5)]
    [InlineData("floor(2.7) + ceil(2.1)", 5)]
    [InlineData("round(2.345, 2)", 2.35)]
    [InlineData("if(3 > 2, 10, 20)", 10)]
    [InlineData("if(3 > 2 and 1 > 2, 10, 20)", 20)]
    [InlineData("if(not 0, 1, 0)", 1)]
    [InlineData("2 >= 2", 1)]
    [InlineData("2 != 2 or 1 == 1", 1)]
    [InlineData("10 / 4", 2.5)]
    public void Evaluate_Expression_GivesExactDecimal(string expr, decimal expected)
    {
        Eval(expr).ShouldBe(expected);
    }

    [Fact]
    public void Evaluate_FactKeys_ReadTheUnitsFacts()
    {
        // "得分=7*增速，最多得7分"
        Eval("min(7, 7 * growth)", ("growth", 0.35m)).ShouldBe(2.45m);
    }

    [Fact]
    public void Evaluate_DivisionByZero_IsAFormulaErrorNotACrash()
    {
        Should.Throw<FormulaException>(() => Eval("1 / x", ("x", 0)));
    }

    [Fact]
    public void Evaluate_ShortCircuit_GuardsADivision()
    {
        Eval("if(x > 0 and 10 / x > 1, 1, 0)", ("x", 0)).ShouldBe(0);
    }

    [Fact]
    public void Evaluate_MissingFact_Throws_MissingFactException()
    {
        Should.Throw<MissingFactException>(() => Eval("x + 1")).Key.ShouldBe("x");
    }

    [Theory]
    [InlineData("1 +", "意外结束")]
    [InlineData("min(1", "缺少 ')'")]
    [InlineData("exec(1)", "未知函数 'exec'")]
    [InlineData("File.Delete", "不允许的字符")]
    [InlineData("clamp(1, 2)", "参数个数不对")]
    [InlineData("1 2", "多余")]
    public void Parse_BadFormula_SaysWhatIsWrong(string expr, string message)
    {
        Should.Throw<FormulaException>(() => FormulaParser.Parse(expr)).Message.ShouldContain(message);
    }

    [Fact]
    public void FactsIn_ListsEachFactOnce()
    {
        FormulaParser.FactsIn("min(a, b) + a * max(c, 1)").ShouldBe(["a", "b", "c"]);
    }
}
