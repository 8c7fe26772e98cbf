using System.Text.Json;

namespace Chengxin.Cli.Tests;

/// <summary>The CLI says a formula's rule in the scheme's words, as the server does: never the expression, never a fact key.</summary>
public sealed class ExplanationWordsTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    private const string Words = "得分=7×增速，最多得7分，负增长不得分";

    [Fact]
    public void SchemeShow_Formula_ShowsItsDescriptionNotTheExpression()
    {
        var r = _cli.Run("scheme", "show", CliRun.EveryPart);

        r.Code.ShouldBe(0);
        r.Out.ShouldContain(Words);
        r.Out.ShouldNotContain("min(7, 7 * loan_growth)");
    }

    [Fact]
    public void SchemeShow_Veto_NamesItsFactByLabel()
    {
        var r = _cli.Run("scheme", "show", CliRun.EveryPart);

        r.Code.ShouldBe(0);
        var veto = r.Out.Split('\n').Single(l => l.StartsWith("一票否决：", StringComparison.Ordinal));
        veto.ShouldNotMatch("[A-Za-z_]");
    }

    [Fact]
    public void Score_JsonExplanationOfAFormula_IsTheDescriptionWithTheFactsByLabel()
    {
        var facts = _cli.File("facts.json", CliRun.ThreeUnits);

        var r = _cli.Run("score", "--scheme", CliRun.EveryPart, "--facts", facts, "--format", "json");

        r.Code.ShouldBe(0);
        using var doc = JsonDocument.Parse(r.Out);
        var item = doc.RootElement.GetProperty("results").EnumerateArray()
            .SelectMany(u => u.GetProperty("items").EnumerateArray())
            .First(i => i.GetProperty("id").GetString() == "2.3");
        var text = item.GetProperty("explanation").GetString()!;
        text.ShouldStartWith(Words + "（信用贷款规模年增速 = ");
        text.ShouldNotContain("loan_growth");
    }
}
