using Chengxin.Domain.Scoring;

namespace Chengxin.Domain.Tests.Scoring;

public class FactsFileTests
{
    private static readonly CompiledScheme Scheme = TestSupport.Compile("examples/every-part.yaml");

    [Fact]
    public void Parse_AllFactTypes_ReadsThemExactly()
    {
        var json = """
            {"units":[{"id":"u1","name":"城关镇","class":"town","facts":{
              "group_set_up":true,"meetings":3,"satisfaction":85.5,"correction_rate":12.5,"loan_growth":0.1,
              "campaigns":[{"name":"进校园","date":"2026-03-01"}],
              "tasks":[{"name":"任务一","done":true},{"name":"任务二","done":false}],
              "innovation":{"points":3,"reason":"被市级推广"}}}]}
            """;
        var u = FactsFile.Parse(json, Scheme).Single();
        u.Name.ShouldBe("城关镇");
        u["satisfaction"].Number.ShouldBe(85.5m);
        u["loan_growth"].Number.ShouldBe(0.1m);
        u["tasks"].Rows!.Count.ShouldBe(2);
        u["campaigns"].Rows![0]["date"].Text.ShouldBe("2026-03-01");
        u["innovation"].Text.ShouldBe("被市级推广");
        Scorer.Score(u)["2.4"].Score.ShouldBe(6m);
    }

    [Theory]
    [InlineData("""{"units":[{"id":"u1","class":"town","facts":{"meetings":"三"}}]}""", "单位「u1」指标 1「安排部署」的「创建工作会议次数」 应为不小于 0 的整数")]
    [InlineData("""{"units":[{"id":"u1","class":"town","facts":{"meetings":-1}}]}""", "应为不小于 0 的整数")]
    [InlineData("""{"units":[{"id":"u1","class":"town","facts":{"nope":1}}]}""", "单位「u1」：方案中没有名为「nope」的事实")]
    [InlineData("""{"units":[{"id":"u1","class":"city"}]}""", "单位「u1」的类别「city」不在指标体系「示例：全部评分规则种类」中（可用：town（乡镇）、dept（县直单位））")]
    [InlineData("""{"units":[{"class":"town"}]}""", "第 1 个单位缺少 id")]
    [InlineData("""{"units":[{"id":"u1","class":"town"},{"id":"u1","class":"town"}]}""", "单位「u1」在文件中出现了两次")]
    [InlineData("""{"units":[{"id":"u1","class":"town","facts":{"correction_rate":120}}]}""", "应在 0 到 100 之间")]
    [InlineData("""{"units":[{"id":"u1","class":"town","facts":{"innovation":{"points":3}}}]}""", "须说明理由")]
    [InlineData("""{"units":[{"id":"u1","class":"town","facts":{"tasks":[{"name":"a","finished":true}]}}]}""", "第 1 条记录有未声明的列 'finished'")]
    [InlineData("""{"units":[{"id":"u1","class":"town","facts":{"campaigns":[{"date":"2026/03/01"}]}}]}""", "应为日期 yyyy-MM-dd")]
    [InlineData("""{"units": [""", "JSON 格式错误")]
    [InlineData("""[1,2]""", "应为 {\"units\"")]
    public void Parse_BadFile_NamesTheUnitTheItemAndTheFactInWords(string json, string message)
    {
        Should.Throw<FactsFileException>(() => FactsFile.Parse(json, Scheme)).Message.ShouldContain(message);
    }
}
