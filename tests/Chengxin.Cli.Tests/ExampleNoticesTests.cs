using System.Text.Json;

namespace Chengxin.Cli.Tests;

/// <summary>
/// The example schemes written from real notices of other places (schemes/examples/README.md) lint clean and score,
/// through the CLI an office uses, the totals worked out by hand in tests/Chengxin.Domain.Tests/Examples.
/// </summary>
public sealed class ExampleNoticesTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    private static string Example(string file) => Path.Combine(AppContext.BaseDirectory, "schemes", "examples", file);

    private Dictionary<string, (decimal Total, string? Grade)> Totals(CliResult r) =>
        JsonDocument.Parse(r.Out).RootElement.GetProperty("results").EnumerateArray()
            .ToDictionary(u => u.GetProperty("name").GetString()!, u => (u.GetProperty("total").GetDecimal(), u.GetProperty("grade").GetString()));

    [Theory]
    [InlineData("nanchang-county-departments-2023.yaml")]
    [InlineData("hebei-county-pilot-departments.yaml")]
    public void SchemeLint_ExampleFromARealNotice_PassesWithItsReadingsRecorded(string file)
    {
        var r = _cli.Run("scheme", "lint", Example(file));
        r.Code.ShouldBe(0, r.Out + r.Err);
        var last = r.Out.TrimEnd().Split('\n')[^1];
        last.ShouldContain("错误 0 条，警告 0 条");
        last.ShouldContain("通过 (passed)");
        r.Out.ShouldContain("recorded-reading");
    }

    [Fact]
    public void Score_NanchangExample_CountsWorkingDaysByTheOfficialCalendar()
    {
        Directory.CreateDirectory(Path.Combine(_cli.Root, "calendars"));
        File.Copy(Path.Combine(AppContext.BaseDirectory, "calendars", "cn-mainland.yaml"), Path.Combine(_cli.Root, "calendars", "cn-mainland.yaml"));
        // 市场监管局: 3 documents count (1.5); 5 omissions floor completeness at 0; 3 of 4 compliant (0); 9.15 → 10.20 is
        // 21 working days over 国庆, late: 5 − 5 × 1/4 = 3.75. 档案馆: no decisions, nothing lost on rates: 2 + 2 + 2 + 5 = 11.
        var facts = _cli.File("facts.json", """
            {"units":[
             {"id":"scjgj","name":"县市场监管局","class":"dept","facts":{
               "county_documents":[{"title":"复函一","kind":"配合","issued":"2023-02-01","stamped":true},
                                   {"title":"制度一","kind":"落实","issued":"2023-06-01","stamped":true},
                                   {"title":"制度二","kind":"落实","issued":"2023-11-30","stamped":true},
                                   {"title":"复函二","kind":"配合","issued":"2023-07-01","stamped":false},
                                   {"title":"旧制度","kind":"落实","issued":"2022-12-30","stamped":true}],
               "omissions_found":5,
               "dual_records":[{"case_no":"罚1","decided":"2023-09-15","reported":"2023-10-20","compliant":true},
                               {"case_no":"罚2","decided":"2023-09-15","reported":"2023-10-19","compliant":true},
                               {"case_no":"罚3","decided":"2023-03-01","reported":"2023-03-02","compliant":true},
                               {"case_no":"许1","decided":"2023-04-03","reported":"2023-04-04","compliant":false}]}},
             {"id":"dag","name":"县档案馆","class":"dept","facts":{
               "county_documents":[{"title":"复函一","kind":"配合","issued":"2023-03-01","stamped":true},
                                   {"title":"复函二","kind":"配合","issued":"2023-04-01","stamped":true},
                                   {"title":"制度一","kind":"落实","issued":"2023-05-01","stamped":true},
                                   {"title":"制度二","kind":"落实","issued":"2023-06-01","stamped":true}],
               "omissions_found":0,"dual_records":[]}}]}
            """);
        var r = _cli.Run("score", "--scheme", Example("nanchang-county-departments-2023.yaml"), "--facts", facts, "--format", "json");
        r.Code.ShouldBe(0, r.Err);
        var totals = Totals(r);
        totals["县市场监管局"].ShouldBe((5.25m, "不合格"));
        totals["县档案馆"].ShouldBe((11m, "合格"));
    }

    [Fact]
    public void Score_HebeiExample_ScoresEachDepartmentOnTheRowsThatNameIt()
    {
        // 行政审批局: 7/12 + 5/12 × 4 − 0.2 = 2.05, no coordination 0, funding 3: 5.05 of 11 → 45.91.
        // 财政局: funding 3 of 3 → 100. 档案馆 is named in no row: nothing applies, 0.
        var facts = _cli.File("facts.json", """
            {"units":[
             {"id":"xzspj","name":"县行政审批局","class":"dept","facts":{"national_reposted":7,"national_implemented":5,"provincial_missed":2,
               "coordination_set_up":false,"funding_secured":true}},
             {"id":"czj","name":"县财政局","class":"dept","facts":{"funding_secured":true}},
             {"id":"dag","name":"县档案馆","class":"dept","facts":{}}]}
            """);
        var r = _cli.Run("score", "--scheme", Example("hebei-county-pilot-departments.yaml"), "--facts", facts, "--format", "json");
        r.Code.ShouldBe(0, r.Err);
        var totals = Totals(r);
        totals["县行政审批局"].ShouldBe((45.91m, "未达标"));
        totals["县财政局"].ShouldBe((100m, "达标"));
        totals["县档案馆"].Total.ShouldBe(0m);
    }
    [Fact]
    public void Score_GuannanReadingOfTheExemptItem_TakesTheCountyAverageThroughTheCli()
    {
        // 灌南县 「容缺项……按各小项全县考核平均分计取」 on the construct example (no stored copy holds 灌南县's rows; see
        // schemes/examples/README.md), 诚信示范创建 averaged over the county: the five units not exempt score 10, 7.5, 5,
        // 10 and 2.5 → 7. 西山乡: 共性 12 + 4 + 7 + 10 = 33, 个性 40 → 33 ÷ 50 × 70 + 40 ÷ 50 × 30 = 70.2, + 2 (articles
        // 2nd) = 72.2. 县财政局: 共性 8 + 0 + 7 + 10 = 25, 个性 25 → 35 + 15 = 50.
        var text = System.IO.File.ReadAllText(Example("relative-scores-and-quotas.yaml"));
        text.ShouldContain("when: demo_exempt, among: class");
        var scheme = _cli.File("guannan-reading.yaml", text.Replace("when: demo_exempt, among: class", "when: demo_exempt, among: campaign"));
        var facts = _cli.File("facts.json", """
            {"units":[
             {"id":"cg","name":"城关镇","class":"town","facts":{"records_shared":1500,"late_rate":0,"demo_activities":4,"demo_exempt":false,"plan_issued":true,"villages":5,"articles":3}},
             {"id":"dc","name":"东城镇","class":"town","facts":{"records_shared":1200,"late_rate":5,"demo_activities":3,"demo_exempt":false,"plan_issued":true,"villages":5,"articles":8}},
             {"id":"xs","name":"西山乡","class":"town","facts":{"records_shared":900,"late_rate":5,"demo_exempt":true,"plan_issued":true,"villages":4,"articles":8}},
             {"id":"nh","name":"南河乡","class":"town","facts":{"records_shared":600,"late_rate":20,"demo_activities":2,"demo_exempt":false,"plan_issued":false,"villages":3,"articles":1}},
             {"id":"fg","name":"县发展改革局","class":"dept","facts":{"records_shared":800,"late_rate":0,"demo_activities":4,"demo_exempt":false,"plan_issued":true,"evaluation_done":true,"list_published":true,"articles":10}},
             {"id":"cz","name":"县财政局","class":"dept","facts":{"records_shared":400,"late_rate":10,"demo_exempt":true,"plan_issued":true,"evaluation_done":true,"list_published":false,"articles":0}},
             {"id":"sj","name":"县市场监管局","class":"dept","facts":{"records_shared":1000,"late_rate":2,"demo_activities":1,"demo_exempt":false,"plan_issued":true,"evaluation_done":true,"list_published":true,"articles":5}}]}
            """);
        var r = _cli.Run("score", "--scheme", scheme, "--facts", facts, "--format", "json");
        r.Code.ShouldBe(0, r.Err);
        var totals = Totals(r);
        totals["西山乡"].ShouldBe((72.2m, "良好"));
        totals["县财政局"].ShouldBe((50m, "不合格"));
    }
}
