using Chengxin.Domain.Linting;
using Chengxin.Domain.Schemes;
using Chengxin.Domain.Scoring;

namespace Chengxin.Domain.Tests.Schemes;

public class OpenIntervalTests
{
    private static string Yaml(string domain, string bands) => $$"""
        id: open
        title: 开区间
        period: quarter
        total: 3
        categories:
          - id: "1"
            title: 告知承诺
            max: 3
            items:
              - id: "1.1"
                title: 落实事项数量
                max: 3
                facts: [ { key: matters, label: 落实事项数量, type: count, supplier: unit } ]
                rule:
                  - bands:
                      fact: matters
                      domain: "{{domain}}"
                      bands: [ {{bands}} ]
        """;

    private const string CountBands = """{ range: "[0, 1)", points: 0 }, { range: "[1, 10)", points: 1 }, { range: "[10, ∞)", points: 3 }""";

    [Theory]
    [InlineData(0, 0)]
    [InlineData(9, 1)]
    [InlineData(10, 3)]
    [InlineData(5000000, 3)]
    public void Score_OpenEndedBand_TakesEveryLargeValue(long matters, decimal expected)
    {
        var s = new CompiledScheme(SchemeLoader.Parse(Yaml("[0, ∞)", CountBands)));
        Scorer.Score(s.NewFacts("u", "any").Set("matters", FactValue.Count(matters)))["1.1"].Score.ShouldBe(expected);
    }

    [Fact]
    public void Lint_OpenEndedBandsCoveringAnOpenDomain_FindNoGap()
    {
        var findings = Linter.Lint(SchemeLoader.Parse(Yaml("[0, ∞)", CountBands)));
        findings.Where(f => f.Code.StartsWith("band-", StringComparison.Ordinal)).ShouldBeEmpty();
    }

    [Fact]
    public void Lint_FiniteBandsUnderAnOpenDomain_FindTheGapAtTheTop()
    {
        var findings = Linter.Lint(SchemeLoader.Parse(Yaml("[0, ∞)", """{ range: "[0, 10)", points: 1 }""")));
        findings.ShouldContain(f => f.Code == "band-gap");
    }

    [Fact]
    public void Write_OpenInterval_RoundTrips()
    {
        var s = SchemeLoader.Parse(Yaml("(-inf, inf)", """{ range: "(-∞, 0]", points: 0 }, { range: "(0, +inf)", points: 3 }"""));
        var text = SchemeWriter.Write(s);
        text.ShouldContain("(-∞, ∞)");
        SchemeWriter.Write(SchemeLoader.Parse(text)).ShouldBe(text);
    }

    [Theory]
    [InlineData("[10, ∞]", "无穷端点只能是开区间")]
    [InlineData("[-∞, 0)", "无穷端点只能是开区间")]
    [InlineData("(∞, 0)", "下限不能是 +∞")]
    public void Parse_ClosedOrBackwardInfinity_IsRefused(string range, string message)
    {
        Should.Throw<SchemeLoadException>(() => SchemeLoader.Parse(Yaml("[0, 100]", $$"""{ range: "{{range}}", points: 1 }""")))
            .Chinese.ShouldContain(message);
    }
}
