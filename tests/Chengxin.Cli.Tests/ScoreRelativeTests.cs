using System.Text.Json;

namespace Chengxin.Cli.Tests;

/// <summary>`score` finishes a campaign in two passes: items scored against the other units, then the grades' quotas.</summary>
public sealed class ScoreRelativeTests : IDisposable
{
    private readonly CliRun _cli = new();

    private static string Scheme => Path.Combine(AppContext.BaseDirectory, "schemes", "examples", "relative-scores-and-quotas.yaml");

    // Four of the seven units of tests/Chengxin.Domain.Tests/Scoring/RelativeScoresTests.cs, worked out by hand below.
    private const string Facts = """
        {"units":[
         {"id":"cg","name":"城关镇","class":"town","facts":{"records_shared":1500,"late_rate":0,"demo_activities":4,"demo_exempt":false,"plan_issued":true,"villages":5,"articles":3}},
         {"id":"dc","name":"东城镇","class":"town","facts":{"records_shared":1200,"late_rate":5,"demo_activities":3,"demo_exempt":false,"plan_issued":true,"villages":5,"articles":8}},
         {"id":"xs","name":"西山乡","class":"town","facts":{"records_shared":900,"late_rate":5,"demo_exempt":true,"plan_issued":true,"villages":4,"articles":8}},
         {"id":"fg","name":"县发展改革局","class":"dept","facts":{"records_shared":800,"late_rate":0,"demo_activities":4,"demo_exempt":false,"plan_issued":true,"evaluation_done":true,"list_published":true,"articles":10}}
        ]}
        """;

    [Fact]
    public void Score_RelativeScheme_SettlesEachUnitAgainstTheOthersAndAppliesTheQuota()
    {
        var r = _cli.Run("score", "--scheme", Scheme, "--facts", _cli.File("facts.json", Facts), "--format", "json");

        r.Code.ShouldBe(0, r.Err);
        using var doc = JsonDocument.Parse(r.Out);
        var units = doc.RootElement.GetProperty("results").EnumerateArray().ToDictionary(u => u.GetProperty("unit").GetString()!);
        // 东城镇: 1200 ÷ 1500 × 20 = 16; 迟报率 5 % is third of 0, 0, 5, 5 → 10 − 2 × 2 = 6; 示范 3 times → 7.5; 方案 10:
        // 39.5 ÷ 50 × 70 = 55.3; 诚信村 5 → 30; 稿件 8 ties second of 10, 8, 8, 3 → +2: 87.3.
        units["dc"].GetProperty("total").GetDecimal().ShouldBe(87.3m);
        // 4 units × 30 % = 1.2 → 1 seat, taken by 县发展改革局 (the only department: 20 + 10 + 10 + 10 → 70, + 30, +2 = 102);
        // 城关镇's 100 is beyond it.
        units["fg"].GetProperty("grade").GetString().ShouldBe("优秀");
        units["cg"].GetProperty("grade").GetString().ShouldBe("良好");
        units["dc"].GetProperty("grade").GetString().ShouldBe("良好");
        units["dc"].GetProperty("gradeNotes")[0].GetString().ShouldBe("得分 87.3 达到优秀线，但优秀名额 1 个（参评 4 个×30%，向下取整）已由排名更前的单位占满，评为良好");
        // 西山乡 is exempt from 示范创建: the other towns' 10 and 7.5 average 8.75.
        var demo = units["xs"].GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetString() == "1.3");
        demo.GetProperty("score").GetDecimal().ShouldBe(8.75m);
        demo.GetProperty("explanation").GetString().ShouldBe("容缺，按乡镇中其他 2 个单位该项平均得分 8.75 计 → 8.75 分");
    }

    [Fact]
    public void Score_RelativeScheme_TableSaysWhyAQuotaChangedAGrade()
    {
        var r = _cli.Run("score", "--scheme", Scheme, "--facts", _cli.File("facts.json", Facts));

        r.Code.ShouldBe(0, r.Err);
        r.Out.ShouldContain("东城镇：得分 87.3 达到优秀线，但优秀名额 1 个");
    }

    public void Dispose() => _cli.Dispose();
}
