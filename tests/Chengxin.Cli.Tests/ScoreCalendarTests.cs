using System.Text.Json;

namespace Chengxin.Cli.Tests;

/// <summary>`score` counts working days with the root's official holiday calendar (calendars/cn-mainland.yaml).</summary>
public sealed class ScoreCalendarTests : IDisposable
{
    private readonly CliRun _cli = new();

    private static string RecordsScheme => Path.Combine(AppContext.BaseDirectory, "schemes", "examples", "records-and-dates.yaml");

    // 「逾期每个工作日扣0.1分」: due 2023-09-28, sent 2023-10-10 is twelve calendar days but four working days (国庆 9.29–10.6, 调休 10.7、10.8).
    private const string Facts = """
        {"units":[{"id":"d1","name":"县发改局","class":"dept","facts":{
          "report_due":"2023-09-28","report_sent":"2023-10-10",
          "decisions":[{"case_no":"许可〔2023〕1号","decided":"2023-03-01","reported":"2023-03-13"},
                       {"case_no":"许可〔2023〕2号","decided":"2023-09-28","reported":"2023-10-10"}]}}]}
        """;

    private JsonElement Item(CliResult r, string id) =>
        JsonDocument.Parse(r.Out).RootElement.GetProperty("results")[0].GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetString() == id);

    [Fact]
    public void Score_WorkingDayRules_UseTheRootsHolidayCalendar()
    {
        Directory.CreateDirectory(Path.Combine(_cli.Root, "calendars"));
        File.Copy(Path.Combine(AppContext.BaseDirectory, "calendars", "cn-mainland.yaml"), Path.Combine(_cli.Root, "calendars", "cn-mainland.yaml"));
        var r = _cli.Run("score", "--scheme", RecordsScheme, "--facts", _cli.File("facts.json", Facts), "--format", "json");
        r.Code.ShouldBe(0, r.Err);
        Item(r, "2.4").GetProperty("score").GetDecimal().ShouldBe(1.6m);
        // 1 of 2 late (8 working days > 7): 迟报率 50%, five steps of 10 above 0 → 0.
        Item(r, "2.2").GetProperty("score").GetDecimal().ShouldBe(0m);
    }

    [Fact]
    public void Score_RootWithoutACalendar_ExplainsThatWorkingDaysCannotBeCounted()
    {
        var r = _cli.Run("score", "--scheme", RecordsScheme, "--facts", _cli.File("facts.json", Facts), "--format", "json");
        r.Code.ShouldBe(0, r.Err);
        Item(r, "2.4").GetProperty("score").GetDecimal().ShouldBe(0m);
        Item(r, "2.4").GetProperty("explanation").GetString()!.ShouldContain("未提供节假日日历，无法计算工作日");
    }

    public void Dispose() => _cli.Dispose();
}
