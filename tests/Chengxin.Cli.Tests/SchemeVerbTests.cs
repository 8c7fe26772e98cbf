namespace Chengxin.Cli.Tests;

public sealed class SchemeVerbTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void SchemeList_NoBuiltInSchemes_SaysSo()
    {
        var r = _cli.Run("scheme", "list");

        r.Code.ShouldBe(0);
        r.Out.ShouldContain("尚无内置方案");
    }

    [Fact]
    public void SchemeList_BuiltInScheme_ShowsIdVersionTitleIssuerDocumentAndPeriod()
    {
        _cli.InstallEveryPart();

        var r = _cli.Run("scheme", "list");

        r.Code.ShouldBe(0);
        r.Out.ShouldContain("example-every-part");
        r.Out.ShouldContain("示例：全部评分规则种类");
        r.Out.ShouldContain("示例信用办");
        r.Out.ShouldContain("示例〔2026〕1号");
        r.Out.ShouldContain("季度");
        r.Out.ShouldContain("共 1 个方案");
    }

    [Fact]
    public void SchemeList_ExamplesFolder_IsNotBuiltIn()
    {
        Directory.CreateDirectory(Path.Combine(_cli.Root, "schemes", "examples"));
        File.Copy(CliRun.EveryPart, Path.Combine(_cli.Root, "schemes", "examples", "every-part.yaml"));

        _cli.Run("scheme", "list").Out.ShouldContain("尚无内置方案");
    }

    [Fact]
    public void SchemeList_BrokenSchemeBesideGoodOne_ListsTheGoodOneAndReportsTheBrokenOne()
    {
        _cli.InstallEveryPart();
        File.WriteAllText(Path.Combine(_cli.Root, "schemes", "broken.yaml"), "id: [unclosed\n");

        var r = _cli.Run("scheme", "list");

        r.Code.ShouldBe(0);
        r.Out.ShouldContain("example-every-part");
        r.Err.ShouldContain("broken.yaml:");
    }

    [Fact]
    public void SchemeShow_BuiltInId_ResolvesThroughTheCatalog()
    {
        _cli.InstallEveryPart();

        var r = _cli.Run("scheme", "show", "example-every-part");

        r.Code.ShouldBe(0);
        r.Out.ShouldContain("示例：全部评分规则种类（example-every-part，第 1 版）");
    }

    [Fact]
    public void SchemeShow_UnknownId_Exits2AndListsTheKnownSchemes()
    {
        _cli.InstallEveryPart();

        var r = _cli.Run("scheme", "show", "no-such-scheme");

        r.Code.ShouldBe(2);
        r.Err.ShouldContain("找不到方案 'no-such-scheme'");
        r.Err.ShouldContain("example-every-part（示例：全部评分规则种类）");
    }

    [Fact]
    public void SchemeShow_EveryPart_ShowsTheTreeInDocumentOrderWithTheSeedsNumbering()
    {
        var r = _cli.Run("scheme", "show", CliRun.EveryPart);

        r.Code.ShouldBe(0);
        var o = r.Out;
        var order = new[] { "一、组织领导（20 分）［1］", "1. 安排部署（4 分）［1.1］", "2. 诚信宣传（4 分）［1.2］", "二、群众评价与数据（40 分）［2］", "移风易俗（4 分）［2.1］", "创新案例（5 分，附加分）［3.1］" }
            .Select(s => o.IndexOf(s, StringComparison.Ordinal)).ToList();
        order.ShouldAllBe(i => i >= 0);
        order.ShouldBeInOrder();
    }

    [Fact]
    public void SchemeShow_EveryPart_ShowsMethodSourceMaterialsClassesRulesAndResolutions()
    {
        var o = _cli.Run("scheme", "show", CliRun.EveryPart).Out;

        o.ShouldContain("考察方式：查看会议记录、走访");
        o.ShouldContain("信息来源：受评单位提供");
        o.ShouldContain("需要材料：会议记录（文件）");
        o.ShouldContain("适用：乡镇");
        o.ShouldContain("宣传活动台账每有一条记录得 1.5 分，最高 8 分");
        o.ShouldContain("0（含）至 10（含）得 5 分；10（不含）至 30（含）得 3 分；30（不含）至 100（含）得 0 分");
        o.ShouldContain("（默认区间，信用办可调整）");
        o.ShouldContain("已记录的处理［item-max-unreachable］：原文：分值 4 分；处理：示例只取两项，最高 3 分；理由：用于演示已处理的检查结果");
    }

    [Fact]
    public void SchemeShow_BadYaml_Exits2WithFileLineAndColumn()
    {
        var path = _cli.File("bad.yaml", "id: x\ntitle: 标题: 多了冒号\nversion: 1\n");

        var r = _cli.Run("scheme", "show", path);

        r.Code.ShouldBe(2);
        r.Err.ShouldMatch($@"{System.Text.RegularExpressions.Regex.Escape(path)}:2:\d+: YAML 语法错误");
    }

    [Fact]
    public void SchemeShow_UnclosedBracket_Exits2NamingTheFile()
    {
        // YamlDotNet reports this one without a position; the loader finds the unclosed bracket itself.
        var path = _cli.File("unclosed.yaml", "id: x\ntitle: [不闭合\nversion: 1\n");

        var r = _cli.Run("scheme", "show", path);

        r.Code.ShouldBe(2);
        r.Err.ShouldContain($"{path}:2:8: YAML 语法错误");
    }

    [Fact]
    public void SchemeShow_UnknownKey_Exits2NamingTheKeysLineAndColumn()
    {
        var lines = File.ReadAllLines(CliRun.EveryPart).ToList();
        var at = lines.FindIndex(l => l.StartsWith("period:", StringComparison.Ordinal));
        lines.Insert(at + 1, "colour: red");
        var path = _cli.File("unknown-key.yaml", string.Join("\n", lines));

        var r = _cli.Run("scheme", "show", path);

        r.Code.ShouldBe(2);
        r.Err.ShouldContain($"{path}:{at + 2}:1:");
        r.Err.ShouldContain("colour");
    }

    [Fact]
    public void SchemeShow_MissingFile_Exits2()
    {
        var r = _cli.Run("scheme", "show", Path.Combine(_cli.Root, "absent.yaml"));

        r.Code.ShouldBe(2);
        r.Err.ShouldContain("找不到方案");
    }

    [Fact]
    public void SchemeFacts_EveryPart_ListsEachItemsFactsWithLabelTypeSupplierAndColumns()
    {
        var r = _cli.Run("scheme", "facts", CliRun.EveryPart);

        r.Code.ShouldBe(0);
        r.Out.ShouldContain("group_set_up");
        r.Out.ShouldContain("是否成立领导小组");
        r.Out.ShouldContain("数据提供部门：市司法局");
        r.Out.ShouldContain("监测数据：双公示");
        r.Out.ShouldContain("name 活动名称（文本）、date 活动日期（日期）");
        r.Out.ShouldContain("一票否决：本单位存在严重失信行为 → 不合格");
        r.Out.ShouldContain("共 19 个事实");
    }
}
