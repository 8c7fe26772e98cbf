namespace Chengxin.Cli.Tests;

public sealed class SchemeLintTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    /// <summary>The example scheme with one line replaced, to provoke one finding.</summary>
    private string EveryPartWith(string name, string find, string replace)
    {
        var text = File.ReadAllText(CliRun.EveryPart);
        text.ShouldContain(find);
        return _cli.File(name, text.Replace(find, replace, StringComparison.Ordinal));
    }

    [Fact]
    public void SchemeLint_EveryPart_PassesAndListsTheResolvedFindingAsResolved()
    {
        var r = _cli.Run("scheme", "lint", CliRun.EveryPart);

        r.Code.ShouldBe(0);
        var lines = r.Out.TrimEnd().Split('\n');
        var resolved = lines.Single(l => l.Contains("item-max-unreachable", StringComparison.Ordinal));
        resolved.ShouldStartWith("已处理（错误） item-max-unreachable 一 组织领导 / 1 安排部署「安排部署」");
        resolved.ShouldContain("已记录的处理：示例只取两项，最高 3 分");
        lines[^1].ShouldContain("通过 (passed)");
    }

    [Fact]
    public void SchemeLint_Warnings_NameSeverityCodePathAndPosition()
    {
        var r = _cli.Run("scheme", "lint", CliRun.EveryPart);

        r.Out.ShouldContain("警告 office-default 二 群众评价与数据 / 行政复议情况「行政复议情况」");
        r.Out.ShouldMatch(@"every-part\.yaml:\d+:\d+）：区间计分");
    }

    [Fact]
    public void SchemeLint_CategoryMaxNotTheSumOfItsItems_Exits1()
    {
        var path = EveryPartWith("mismatch.yaml", "    title: 组织领导\n    max: 20", "    title: 组织领导\n    max: 21");

        var r = _cli.Run("scheme", "lint", path);

        r.Code.ShouldBe(1);
        r.Out.ShouldContain("错误 category-max-mismatch 一 组织领导「组织领导」");
        r.Out.TrimEnd().Split('\n')[^1].ShouldContain("不通过 (failed)");
    }

    [Fact]
    public void SchemeLint_ResolutionWithoutCode_IsListedAsANoteNotAsResolved()
    {
        var path = EveryPartWith("note.yaml", "        title: 诚信宣传\n        max: 4\n",
            "        title: 诚信宣传\n        max: 4\n        resolutions:\n          - { text: 原文四项并列, does: 各 1 分, why: 原文如此 }\n");

        var r = _cli.Run("scheme", "lint", path);

        r.Code.ShouldBe(0);
        r.Out.ShouldContain("说明 recorded-reading 一 组织领导 / 2 诚信宣传「诚信宣传」");
        r.Out.ShouldContain("已记录的处理：各 1 分（原文：原文四项并列；理由：原文如此）");
        r.Out.ShouldContain("记录的原文解读 1 条");
    }

    [Fact]
    public void SchemeLint_UnreadableScheme_Exits2WithFileLineAndColumn()
    {
        var path = EveryPartWith("unknown-key.yaml", "period: quarter", "period: quarter\nperiode: month");

        var r = _cli.Run("scheme", "lint", path);

        r.Code.ShouldBe(2);
        r.Err.ShouldMatch($@"{System.Text.RegularExpressions.Regex.Escape(path)}:\d+:1: .*periode");
    }

    [Fact]
    public void SchemeLint_MissingFile_Exits2()
    {
        _cli.Run("scheme", "lint", Path.Combine(_cli.Root, "absent.yaml")).Code.ShouldBe(2);
    }
}
