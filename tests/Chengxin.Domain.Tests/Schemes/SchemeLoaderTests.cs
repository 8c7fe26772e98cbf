using Chengxin.Domain.Schemes;

namespace Chengxin.Domain.Tests.Schemes;

public class SchemeLoaderTests
{
    private const string Minimal = """
        id: tiny
        title: 最小方案
        period: quarter
        total: 2
        classes:
          - { id: town, name: 乡镇 }
        categories:
          - id: "1"
            title: 组织领导
            max: 2
            items:
              - id: "1.1"
                title: 安排部署
                max: 2
                facts:
                  - { key: group_set_up, label: 是否成立领导小组, type: bool, supplier: unit }
                rule:
                  - all: { fact: group_set_up, points: 2 }
        """;

    private static SchemeLoadException Fails(string yaml) =>
        Should.Throw<SchemeLoadException>(() => SchemeLoader.Parse(yaml, "bad.yaml"));

    [Fact]
    public void Parse_MinimalScheme_ReadsTheTree()
    {
        var s = SchemeLoader.Parse(Minimal, "tiny.yaml");
        s.Id.ShouldBe("tiny");
        s.Period.ShouldBe(PeriodKind.Quarter);
        s.Items.Single().Rule.Single().ShouldBeOfType<AllOrNothing>().Points.ShouldBe(2m);
        s.Items.Single().Span.Line.ShouldBe(12);
    }

    [Fact]
    public void Parse_UnknownKey_NamesFileLineAndKey()
    {
        var e = Fails(Minimal.Replace("        max: 2\n        facts:", "        max: 2\n        maxx: 3\n        facts:"));
        e.Message.ShouldStartWith("bad.yaml:15:");
        e.Chinese.ShouldContain("未知的键 'maxx'");
        e.English.ShouldContain("unknown key 'maxx'");
    }

    [Fact]
    public void Parse_UnknownKeyAtTheTop_IsAnError()
    {
        var e = Fails(Minimal.Replace("total: 2", "total: 2\ntotl: 3"));
        e.At.Line.ShouldBe(5);
        e.Chinese.ShouldContain("totl");
    }

    private static string WithFormula(string body) =>
        Minimal.Replace("- all: { fact: group_set_up, points: 2 }", "- formula: { expr: \"2 * group_set_up\"" + body + " }");

    [Fact]
    public void Parse_FormulaWithDescription_KeepsTheWords()
    {
        var s = SchemeLoader.Parse(WithFormula(", description: 成立领导小组得2分"), "tiny.yaml");
        s.Items.Single().Rule.OfType<Formula>().Single().Description.ShouldBe("成立领导小组得2分");
    }

    [Fact]
    public void Parse_FormulaDescriptionNamingAFactKey_SaysFileLineAndAsksForTheLabel()
    {
        var e = Fails(WithFormula(", description: group_set_up 为是得2分"));
        e.Message.ShouldStartWith("bad.yaml:18:");
        e.Chinese.ShouldBe("公式说明中写了事实键 group_set_up，请用事实的名称");
    }

    [Fact]
    public void Parse_FormulaDescriptionThatIsEmpty_IsRefused()
    {
        var e = Fails(WithFormula(", description: \"  \""));
        e.At.Line.ShouldBe(18);
        e.Chinese.ShouldContain("不能为空");
    }

    [Fact]
    public void Parse_FormulaDescriptionThatRepeatsTheExpression_IsRefused() =>
        Fails(WithFormula(", description: \"2 * group_set_up\"")).Chinese.ShouldContain("事实键");

    [Fact]
    public void Parse_PointsThatAreNotANumber_SayWhichKey()
    {
        var e = Fails(Minimal.Replace("points: 2 }", "points: 两分 }"));
        e.At.Line.ShouldBe(18);
        e.Chinese.ShouldContain("'points' 应为数值，实为 '两分'");
    }

    [Fact]
    public void Parse_BinaryFloatLookingNumbers_StayExactDecimals()
    {
        var s = SchemeLoader.Parse(Minimal.Replace("points: 2 }", "points: 0.1 }"));
        ((AllOrNothing)s.Items.Single().Rule.Single()).Points.ShouldBe(0.1m);
    }

    [Fact]
    public void Parse_UnknownRuleKind_ListsTheKinds()
    {
        var e = Fails(Minimal.Replace("- all: {", "- allornothing: {"));
        e.At.Line.ShouldBe(18);
        e.English.ShouldContain("perOccurrence");
    }

    [Fact]
    public void Parse_TwoKindsInOnePart_IsAnError()
    {
        var e = Fails(Minimal.Replace("- all: { fact: group_set_up, points: 2 }", "- all: { fact: group_set_up, points: 2 }\n            veto: { fact: group_set_up, grade: x }"));
        e.Chinese.ShouldContain("只有一个种类", customMessage: e.Message);
    }

    [Fact]
    public void Parse_MissingRequiredKey_NamesIt()
    {
        var e = Fails(Minimal.Replace("title: 最小方案\n", ""));
        e.Chinese.ShouldContain("缺少必填项 'title'");
        e.At.Line.ShouldBe(1);
    }

    [Fact]
    public void Parse_YamlSyntaxError_GivesLine()
    {
        var e = Fails("id: x\ntitle: 方案\n- 列表项\nperiod: year\n");
        e.At.Line.ShouldBeGreaterThan(1);
        e.Chinese.ShouldStartWith("YAML 语法错误");
    }

    [Fact]
    public void Parse_UnclosedFlowBracket_IsALoadErrorNotACrash()
    {
        var e = Fails("id: x\ntitle: [未闭合\nversion: 1\n");
        e.Chinese.ShouldStartWith("YAML 语法错误");
        e.Message.ShouldStartWith("bad.yaml:2:8:");
    }

    [Fact]
    public void Parse_EmptyFile_SaysSo()
    {
        Fails("").Chinese.ShouldBe("文件为空");
    }

    [Fact]
    public void Parse_DuplicateNodeId_IsAnError()
    {
        var e = Fails(Minimal.Replace("id: \"1.1\"", "id: \"1\""));
        e.Chinese.ShouldContain("节点 id '1' 重复");
    }

    [Fact]
    public void Parse_FactDeclaredTwice_IsAnError()
    {
        var yaml = Minimal.Replace(
            "- { key: group_set_up, label: 是否成立领导小组, type: bool, supplier: unit }",
            "- { key: group_set_up, label: 是否成立领导小组, type: bool, supplier: unit }\n          - { key: group_set_up, label: 又一次, type: bool, supplier: unit }");
        Fails(yaml).Chinese.ShouldContain("重复声明");
    }

    [Theory]
    [InlineData("type: boolean", "'type' 应为 bool")]
    [InlineData("supplier: 法院", "supplier 应为 unit")]
    [InlineData("key: 1abc", "事实键 '1abc'")]
    public void Parse_BadFactDeclaration_SaysWhatIsWrong(string replacement, string message)
    {
        var yaml = replacement.StartsWith("type", StringComparison.Ordinal) ? Minimal.Replace("type: bool", replacement)
            : replacement.StartsWith("supplier", StringComparison.Ordinal) ? Minimal.Replace("supplier: unit", replacement)
            : Minimal.Replace("key: group_set_up", replacement);
        Fails(yaml).Chinese.ShouldContain(message);
    }

    [Fact]
    public void Parse_ItemForUndeclaredClass_IsAnError()
    {
        var e = Fails(Minimal.Replace("        max: 2\n        facts:", "        max: 2\n        classes: [street]\n        facts:"));
        e.Chinese.ShouldContain("未声明的单位类别 'street'");
    }

    [Theory]
    [InlineData("[0, 10", "区间应写作")]
    [InlineData("[10, 0]", "下限大于上限")]
    public void Parse_MalformedInterval_SaysHowToWriteIt(string range, string message)
    {
        var yaml = Minimal.Replace("- all: { fact: group_set_up, points: 2 }",
            $"- bands: {{ fact: group_set_up, bands: [ {{ range: \"{range}\", points: 1 }} ] }}");
        Fails(yaml).Chinese.ShouldContain(message);
    }

    [Fact]
    public void Parse_BadFormula_IsRefusedAtLoad()
    {
        var yaml = Minimal.Replace("- all: { fact: group_set_up, points: 2 }", "- formula: { expr: \"min(7, 7 * \" }");
        Fails(yaml).Chinese.ShouldContain("公式错误");
    }

    [Fact]
    public void Parse_FormulaCallingAnUnknownFunction_IsRefused()
    {
        var yaml = Minimal.Replace("- all: { fact: group_set_up, points: 2 }", "- formula: { expr: \"system(1)\" }");
        Fails(yaml).Chinese.ShouldContain("未知函数 'system'");
    }

    [Fact]
    public void Parse_RangeEndingBeforeItStarts_IsRefused()
    {
        var yaml = Minimal.Replace("period: quarter", "period: range\nrange: { from: 2023-06-30, to: 2022-07-01 }");
        Fails(yaml).Chinese.ShouldContain("早于开始日期");
    }

    [Fact]
    public void Parse_ExampleScheme_ReadsEveryConstruct()
    {
        var s = TestSupport.LoadScheme("examples/every-part.yaml");
        s.Items.SelectMany(i => i.Rule).Select(p => p.Kind).Distinct().Count().ShouldBe(13);
        s.Campaign.CommitmentLetter!.Signer.ShouldBe(Signer.Both);
        s.Campaign.LiaisonTable!.Columns.ShouldBe(["单位", "姓名", "职务", "座机", "手机", "邮箱"]);
        s.Campaign.Schedule.Count.ShouldBe(2);
        s.Campaign.SpotCheckShare.ShouldBe(0.2m);
        s.Vetoes.Single().Grade.ShouldBe("不合格");
        s.Bonus.Cap.ShouldBe(6m);
        s.Items.Single(i => i.Id == "2.6").ValidFor.ShouldBe(4);
    }
}
