namespace Chengxin.Cli.Tests;

public sealed class HelpTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    [Theory]
    [InlineData("help")]
    [InlineData("--help")]
    public void Help_AnyForm_ListsEveryVerbWithAnExample(string form)
    {
        var r = _cli.Run(form);

        r.Code.ShouldBe(0);
        foreach (var verb in new[] { "scheme list", "scheme show", "scheme lint", "scheme facts", "facts template", "score --scheme", "demo", "serve", "admin", "audit" })
            r.Out.ShouldContain(verb);
        r.Out.ShouldContain("例 e.g.: ./chengxin scheme show schemes/examples/every-part.yaml");
    }

    [Fact]
    public void Help_NoArguments_PrintsHelp()
    {
        var r = _cli.Run();

        r.Code.ShouldBe(0);
        r.Out.ShouldContain("用法 Usage");
    }

    [Fact]
    public void UnknownVerb_Always_Exits2AndPointsToHelp()
    {
        var r = _cli.Run("frobnicate");

        r.Code.ShouldBe(2);
        r.Err.ShouldContain("./chengxin help");
    }

    [Fact]
    public void Score_WithoutRequiredOptions_Exits2()
    {
        var r = _cli.Run("score", "--format", "json");

        r.Code.ShouldBe(2);
        r.Err.ShouldContain("--scheme");
    }
}
