using System.Text;
using System.Text.Json;
using Chengxin.Domain.Schemes;
using Chengxin.Domain.Scoring;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Chengxin.Cli.Tests;

public sealed class ScoreTests : IDisposable
{
    private readonly CliRun _cli = new();

    public ScoreTests() => FactsJson = _cli.File("facts.json", CliRun.ThreeUnits);

    private string FactsJson { get; }

    public void Dispose() => _cli.Dispose();

    private CliResult Score(string facts, params string[] more) =>
        _cli.Run(["score", "--scheme", CliRun.EveryPart, "--facts", facts, .. more]);

    [Fact]
    public void Score_Json_HasExactlyTheResultShape()
    {
        var r = Score(FactsJson, "--format", "json");

        r.Code.ShouldBe(0);
        using var doc = JsonDocument.Parse(r.Out);
        doc.RootElement.EnumerateObject().Select(p => p.Name).ShouldBe(["results"]);
        var first = doc.RootElement.GetProperty("results")[0];
        first.EnumerateObject().Select(p => p.Name).ShouldBe(["unit", "name", "class", "total", "grade", "applicableMax", "vetoes", "gradeNotes", "rank", "classRank", "items"]);
        first.GetProperty("items")[0].EnumerateObject().Select(p => p.Name).ShouldBe(["id", "score", "max", "explanation"]);
    }

    [Fact]
    public void Score_Json_PrintsDecimalsExactlyWithoutTrailingZeros()
    {
        var r = Score(FactsJson, "--format", "json");

        // d1 is normalised to 60 points, then its penalty taken: 30 × 60 / 54 − 10, every digit of the decimal, no double in between.
        r.Out.ShouldContain("\"total\": 23.333333333333333333333333333,");
        // 1.1 for t1: 成立 +1, 3 of 4 meetings → 2 − 0.5 = 1.5; together 2.5.
        r.Out.ShouldContain("\"score\": 2.5,");
        r.Out.ShouldContain("\"total\": 46.95,");
        r.Out.ShouldNotContain("2.50");
        r.Out.ShouldNotContain("E-");
    }

    [Fact]
    public void Score_Json_RanksOverallAndWithinClass()
    {
        using var doc = JsonDocument.Parse(Score(FactsJson, "--format", "json").Out);

        var ranks = doc.RootElement.GetProperty("results").EnumerateArray()
            .Select(u => (u.GetProperty("unit").GetString(), u.GetProperty("rank").GetInt32(), u.GetProperty("classRank").GetInt32(), u.GetProperty("grade").GetString()))
            .ToList();
        ranks.ShouldBe([("t1", 1, 1, "合格"), ("d1", 2, 1, "不合格"), ("t2", 3, 2, "不合格")]);
    }

    [Fact]
    public void Score_Json_ListsOnlyTheItemsThatApplyToTheUnitsClass()
    {
        using var doc = JsonDocument.Parse(Score(FactsJson, "--format", "json").Out);

        var dept = doc.RootElement.GetProperty("results").EnumerateArray().Single(u => u.GetProperty("unit").GetString() == "d1");
        var ids = dept.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()).ToList();
        ids.ShouldNotContain("1.4");
        ids.ShouldNotContain("2.6");
        ids.ShouldContain("2.5");
    }

    [Fact]
    public void Score_Json_ExplainsMissingFacts()
    {
        using var doc = JsonDocument.Parse(Score(FactsJson, "--format", "json").Out);

        var t2 = doc.RootElement.GetProperty("results").EnumerateArray().Single(u => u.GetProperty("unit").GetString() == "t2");
        t2.GetProperty("items")[0].GetProperty("explanation").GetString()!.ShouldContain("缺少事实：创建工作会议次数");
    }

    [Fact]
    public void Score_Csv_StartsWithABomAndChineseHeaders()
    {
        var r = Score(FactsJson, "--format", "csv");

        r.Code.ShouldBe(0);
        r.Out[0].ShouldBe('\uFEFF');
        var lines = r.Out[1..].Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldStartWith("排名,类别排名,单位编码,单位名称,单位类别,总分,等次,否决,1.1 安排部署");
        lines[1].ShouldStartWith("1,1,t1,城关镇,乡镇,46.95,合格,,2.5,");
        lines.Length.ShouldBe(4);
    }

    [Fact]
    public void Score_CsvToFile_WritesUtf8WithBom()
    {
        var path = Path.Combine(_cli.Root, "out.csv");

        var r = Score(FactsJson, "--format", "csv", "-o", path);

        r.Code.ShouldBe(0);
        r.Out.ShouldBeEmpty();
        var bytes = File.ReadAllBytes(path);
        bytes[..3].ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
        Encoding.UTF8.GetString(bytes[3..]).ShouldStartWith("排名,");
    }

    [Fact]
    public void Score_Table_HasChineseHeadersAndRightAlignedNumbers()
    {
        var r = Score(FactsJson);

        r.Code.ShouldBe(0);
        r.Out.ShouldContain("排名");
        r.Out.ShouldContain("总分");
        r.Out.ShouldContain("类别排名");
        // d1's total is normalised to 60 points (30 × 60 / 54, then the 10-point penalty) and shown rounded, marked ≈.
        r.Out.ShouldContain("│ ≈23.3333 │");
        // Right-aligned: the shorter totals are padded on the left to the width of "≈23.3333".
        r.Out.ShouldContain("│    46.95 │");
        r.Out.ShouldContain("│        0 │");
    }

    [Fact]
    public void Score_FactOfTheWrongType_Exits2NamingTheFileUnitAndFact()
    {
        var facts = _cli.File("wrong.json", """{"units":[{"id":"t9","class":"town","facts":{"meetings":"三次"}}]}""");

        var r = Score(facts);

        r.Code.ShouldBe(2);
        r.Err.ShouldContain(facts);
        r.Err.ShouldContain("单位「t9」指标 1「安排部署」的「创建工作会议次数」");
        r.Err.ShouldNotContain("meetings");
    }

    [Fact]
    public void Score_MalformedJson_Exits2NamingTheFile()
    {
        var facts = _cli.File("broken.json", """{"units":[{"id":"t9",""");

        var r = Score(facts);

        r.Code.ShouldBe(2);
        r.Err.ShouldContain(facts);
    }

    [Fact]
    public void Score_MissingFactsFile_Exits2()
    {
        var r = Score(Path.Combine(_cli.Root, "absent.json"));

        r.Code.ShouldBe(2);
        r.Err.ShouldContain("找不到事实文件");
    }

    [Fact]
    public void Score_XlsxWrittenFromTheJsonFacts_ScoresExactlyAsTheJson()
    {
        var compiled = new CompiledScheme(SchemeLoader.Parse(File.ReadAllText(CliRun.EveryPart), CliRun.EveryPart));
        var units = FactsFile.Parse(CliRun.ThreeUnits, compiled);
        var xlsx = Path.Combine(_cli.Root, "facts.xlsx");
        using (var stream = File.Create(xlsx))
            Sheets.FactsWorkbook.Write(stream, compiled, units);

        var fromXlsx = Score(xlsx, "--format", "json");
        var fromJson = Score(FactsJson, "--format", "json");

        fromXlsx.Err.ShouldBeEmpty();
        fromXlsx.Code.ShouldBe(0);
        fromXlsx.Out.ShouldBe(fromJson.Out);
    }

    [Fact]
    public void Score_XlsxWhoseHiddenKeySheetWasLost_ReadsByTheLabelsExactlyAsTheJson()
    {
        var compiled = new CompiledScheme(SchemeLoader.Parse(File.ReadAllText(CliRun.EveryPart), CliRun.EveryPart));
        var xlsx = Path.Combine(_cli.Root, "copied.xlsx");
        using (var stream = File.Create(xlsx))
            Sheets.FactsWorkbook.Write(stream, compiled, FactsFile.Parse(CliRun.ThreeUnits, compiled));
        using (var doc = SpreadsheetDocument.Open(xlsx, true))
        {
            // As when a person copies the visible sheets into a workbook of their own.
            var book = doc.WorkbookPart!;
            var hidden = book.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == Sheets.FactsWorkbook.KeysSheet);
            book.DeletePart(book.GetPartById(hidden.Id!.Value!));
            hidden.Remove();
            book.Workbook.Save();
        }

        var fromXlsx = Score(xlsx, "--format", "json");

        fromXlsx.Code.ShouldBe(0, fromXlsx.Err);
        fromXlsx.Out.ShouldBe(Score(FactsJson, "--format", "json").Out);
    }

    [Fact]
    public void Score_XlsxOfTheEarlierFormatWithKeysInItsHeaders_StillReads()
    {
        var json = _cli.File("one.json", """{"units":[{"id":"t1","name":"城关镇","class":"town","facts":{"group_set_up":true,"meetings":3}}]}""");
        var xlsx = Path.Combine(_cli.Root, "earlier.xlsx");
        File.WriteAllBytes(xlsx, Sheets.XlsxWriter.Write("单位事实", ["单位编码（id）", "单位名称（name）", "单位类别（class）", "是否成立领导小组（group_set_up）", "召开会议次数（meetings）"],
            [["t1", "城关镇", "town", "是", 3]]));

        var fromXlsx = Score(xlsx, "--format", "json");

        fromXlsx.Code.ShouldBe(0, fromXlsx.Err);
        fromXlsx.Out.ShouldBe(Score(json, "--format", "json").Out);
    }

    [Fact]
    public void Score_TemplateFilledInAsAnOfficeWould_ScoresTheTypedValues()
    {
        var csv = _cli.File("units.csv", "单位编码,单位名称,单位类别\nt1,城关镇,乡镇\n");
        var template = Path.Combine(_cli.Root, "template.xlsx");
        _cli.Run("facts", "template", CliRun.EveryPart, "--format", "xlsx", "--units", csv, "-o", template).Code.ShouldBe(0);
        var header = ColumnOf(template, "单位事实", "是否成立领导小组");
        SetInlineCell(template, "单位事实", header, 2, "是");
        var json = _cli.File("typed.json", """{"units":[{"id":"t1","name":"城关镇","class":"town","facts":{"group_set_up":true}}]}""");

        var fromXlsx = Score(template, "--format", "json");

        fromXlsx.Code.ShouldBe(0, fromXlsx.Err);
        fromXlsx.Out.ShouldBe(Score(json, "--format", "json").Out);
    }

    [Fact]
    public void Score_BlankXlsxTemplate_ScoresEveryUnitWithMissingFacts()
    {
        var csv = _cli.File("units.csv", "单位编码,单位名称,单位类别\nt1,城关镇,乡镇\nd1,县发改委,县直单位\n");
        var xlsx = Path.Combine(_cli.Root, "blank.xlsx");
        _cli.Run("facts", "template", CliRun.EveryPart, "--format", "xlsx", "--units", csv, "-o", xlsx).Code.ShouldBe(0);

        var r = Score(xlsx, "--format", "json");

        r.Code.ShouldBe(0);
        using var doc = JsonDocument.Parse(r.Out);
        var results = doc.RootElement.GetProperty("results").EnumerateArray().ToList();
        results.Count.ShouldBe(2);
        results.ShouldAllBe(u => u.GetProperty("total").GetDecimal() == 0);
        results[0].GetProperty("items").EnumerateArray().ShouldAllBe(i => i.GetProperty("explanation").GetString()!.StartsWith("缺少事实") || i.GetProperty("explanation").GetString()!.StartsWith("待评审给分"));
    }

    [Fact]
    public void Score_XlsxCellOfTheWrongType_Exits2NamingSheetRowColumnUnitAndFact()
    {
        var xlsx = Path.Combine(_cli.Root, "bad.xlsx");
        var csv = _cli.File("units.csv", "id,name,class\nt1,城关镇,town\n");
        _cli.Run("facts", "template", CliRun.EveryPart, "--format", "xlsx", "--units", csv, "-o", xlsx).Code.ShouldBe(0);
        // D2 is the first fact column (是否成立领导小组) of the first unit; a person typed 也许 ("maybe").
        SetInlineCell(xlsx, "单位事实", "D", 2, "也许");

        var r = Score(xlsx);

        r.Code.ShouldBe(2);
        r.Err.ShouldContain("工作表「单位事实」第 2 行第 4 列（D2）");
        r.Err.ShouldContain("单位「t1」的「是否成立领导小组」");
        r.Err.ShouldNotContain("group_set_up");
        r.Err.ShouldContain("也许");
    }

    [Fact]
    public void Score_XlsxLedgerCountDisagreeingWithItsRecords_Exits2()
    {
        var compiled = new CompiledScheme(SchemeLoader.Parse(File.ReadAllText(CliRun.EveryPart), CliRun.EveryPart));
        var units = FactsFile.Parse(CliRun.ThreeUnits, compiled);
        var xlsx = Path.Combine(_cli.Root, "count.xlsx");
        using (var stream = File.Create(xlsx))
            Sheets.FactsWorkbook.Write(stream, compiled, units);
        var campaignsCount = ColumnOf(xlsx, "单位事实", "宣传活动台账·记录条数");
        SetInlineCell(xlsx, "单位事实", campaignsCount, 2, "5");

        var r = Score(xlsx);

        r.Code.ShouldBe(2);
        r.Err.ShouldContain("单位「t1」的台账「宣传活动台账」");
        r.Err.ShouldContain("实有 2 条");
    }

    [Fact]
    public void Score_NotAWorkbook_Exits2NamingTheFile()
    {
        var xlsx = _cli.File("fake.xlsx", "not a zip");

        var r = Score(xlsx);

        r.Code.ShouldBe(2);
        r.Err.ShouldContain(xlsx);
    }

    [Fact]
    public void Score_MoreUnitsThanTheProgressThreshold_ShowsProgressOnStderrAndScoresThemAll()
    {
        var units = Enumerable.Range(1, ScoreVerb.ProgressThreshold + 1)
            .Select(i => $$$"""{"id":"u{{{i}}}","class":"town","facts":{"group_set_up":true,"meetings":{{{i % 6}}}}}""");
        var facts = _cli.File("many.json", $$"""{"units":[{{string.Join(",", units)}}]}""");

        var r = Score(facts, "--format", "csv");

        r.Code.ShouldBe(0);
        r.Err.ShouldContain("评分");
        r.Out.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(ScoreVerb.ProgressThreshold + 2);
    }

    [Fact]
    public void Score_CompositeWithPeriodResults_AddsTheAverageOfEarlierTotals()
    {
        // An annual scheme whose total is the average of two earlier every-part results plus its own item.
        var annual = _cli.File("annual.yaml", """
            id: example-annual
            title: 示例年度汇总
            period: year
            total: 10
            classes:
              - { id: town, name: 乡镇 }
              - { id: dept, name: 县直单位 }
            composite: { from: example-every-part, periods: 2, aggregate: average, factor: 1, label: 两期平均得分 }
            categories:
              - id: "1"
                title: 年度创新
                max: 10
                items:
                  - id: "1.1"
                    title: 年度创新
                    max: 10
                    facts:
                      - { key: annual_bonus, label: 年度创新次数, type: count, supplier: unit }
                    rule:
                      - perOccurrence: { fact: annual_bonus, each: 1, cap: 10 }
            """);
        var first = Path.Combine(_cli.Root, "q1.json");
        Score(FactsJson, "--format", "json", "-o", first).Code.ShouldBe(0);
        var facts = _cli.File("annual-facts.json", """{"units":[{"id":"t1","class":"town","facts":{"annual_bonus":2}},{"id":"d1","class":"dept","facts":{"annual_bonus":0}}]}""");

        var r = _cli.Run("score", "--scheme", annual, "--facts", facts, "--format", "json", "--period-results", first, first);

        r.Code.ShouldBe(0, r.Err);
        using var doc = JsonDocument.Parse(r.Out);
        var totals = doc.RootElement.GetProperty("results").EnumerateArray()
            .ToDictionary(u => u.GetProperty("unit").GetString()!, u => u.GetProperty("total").GetDecimal());
        totals["t1"].ShouldBe(46.95m + 2);
        totals["d1"].ShouldBe(23.333333333333333333333333333m);
    }

    [Fact]
    public void Score_Json_CarriesTheApplicableMaxAndTheVetoReasonsAsTheTableDoes()
    {
        var facts = _cli.File("vetoed.json", CliRun.ThreeUnits.Replace("\"serious_dishonesty\":false,\"listed_dishonest\":false,\"pledging_firms\"",
            "\"serious_dishonesty\":false,\"listed_dishonest\":true,\"pledging_firms\"", StringComparison.Ordinal));
        using var doc = JsonDocument.Parse(Score(facts, "--format", "json").Out);
        var units = doc.RootElement.GetProperty("results").EnumerateArray().ToDictionary(u => u.GetProperty("unit").GetString()!);

        units["t1"].GetProperty("vetoes").EnumerateArray().Select(v => v.GetString()).ShouldBe(["列入失信被执行人 → 不合格"]);
        units["d1"].GetProperty("vetoes").GetArrayLength().ShouldBe(0);
        units["t1"].GetProperty("applicableMax").GetDecimal().ShouldBe(60m);
        units["d1"].GetProperty("applicableMax").GetDecimal().ShouldBe(54m);
    }

    [Fact]
    public void Score_SchemeWithUnresolvedLintErrors_Exits1AndSaysWhy()
    {
        var broken = _cli.File("broken.yaml", File.ReadAllText(CliRun.EveryPart).Replace("title: 组织领导\n    max: 20", "title: 组织领导\n    max: 21", StringComparison.Ordinal));

        var r = _cli.Run("score", "--scheme", broken, "--facts", FactsJson);

        r.Code.ShouldBe(1);
        r.Out.ShouldBeEmpty();
        r.Err.ShouldContain("category-max-mismatch");
        r.Err.ShouldContain("未处理的检查错误，得分不能代表通知原意，拒绝评分");
        r.Err.ShouldContain("--allow-lint-errors");
    }

    [Fact]
    public void Score_SchemeWithUnresolvedLintErrorsAllowed_ScoresAndWarns()
    {
        var broken = _cli.File("broken.yaml", File.ReadAllText(CliRun.EveryPart).Replace("title: 组织领导\n    max: 20", "title: 组织领导\n    max: 21", StringComparison.Ordinal));

        var r = _cli.Run("score", "--scheme", broken, "--facts", FactsJson, "--allow-lint-errors");

        r.Code.ShouldBe(0, r.Err);
        r.Err.ShouldContain("按 --allow-lint-errors 仍然评分");
        r.Out.ShouldContain("城关镇");
    }

    [Fact]
    public void Score_CompositeWithoutPeriodResults_Exits2NamingTheMissingInputs()
    {
        // Seed 003 annual: 「任务完成情况（70分）按9个月月度考评得分平均」 — without the months it would silently be 0.
        var annual = Path.Combine(AppContext.BaseDirectory, "schemes", "003-heihe-taskforce-annual-2022.yaml");
        var facts = _cli.File("annual.json", """{"units":[{"id":"u1","class":"county","facts":{}}]}""");

        var r = _cli.Run("score", "--scheme", annual, "--facts", facts);

        r.Code.ShouldBe(2);
        r.Out.ShouldBeEmpty();
        r.Err.ShouldContain("9 期 heihe-taskforce-monthly-2022 的结果");
        r.Err.ShouldContain("--period-results");
    }

    [Fact]
    public void Score_CompositeTable_ShowsTheApplicableMaxWithTheEarlierPeriodsShare()
    {
        // The annual's own item is 创新性举措 (30); the nine months bring 70: 适用满分 is 100, not 30.
        var annual = Path.Combine(AppContext.BaseDirectory, "schemes", "003-heihe-taskforce-annual-2022.yaml");
        var scheme = SchemeLoader.Parse(File.ReadAllText(annual), annual);
        var unitClass = scheme.Classes[0].Id;
        var monthly = _cli.File("m1.json", """{"results":[{"unit":"u1","total":63}]}""");
        var facts = _cli.File("annual.json", $$$"""{"units":[{"id":"u1","class":"{{{unitClass}}}","facts":{}}]}""");

        var r = _cli.Run("score", "--scheme", annual, "--facts", facts, "--format", "json", "--period-results", monthly);

        r.Code.ShouldBe(0, r.Err);
        r.Err.ShouldContain("只给了 1 期，缺的 8 期按 0 计");
        using var doc = JsonDocument.Parse(r.Out);
        doc.RootElement.GetProperty("results")[0].GetProperty("applicableMax").GetDecimal().ShouldBe(100m);
    }

    [Fact]
    public void Score_PeriodResultsForASchemeWithoutComposite_Exits2()
    {
        var r = Score(FactsJson, "--period-results", FactsJson);

        r.Code.ShouldBe(2);
        r.Err.ShouldContain("--period-results");
    }

    [Fact]
    public void Score_XlsxPercentTypedIntoAPercentFormattedCell_ReadsAsPercentagePoints()
    {
        var compiled = new CompiledScheme(SchemeLoader.Parse(File.ReadAllText(CliRun.EveryPart), CliRun.EveryPart));
        var units = FactsFile.Parse(CliRun.ThreeUnits, compiled);
        var xlsx = Path.Combine(_cli.Root, "percent.xlsx");
        using (var stream = File.Create(xlsx))
            Sheets.FactsWorkbook.Write(stream, compiled, units);
        // d1's 直接纠错率 is 35 in the JSON; in Excel a person types 35% into a cell formatted 0%, which stores 0.35.
        var column = ColumnOf(xlsx, "单位事实", "直接纠错率");
        SetPercentCell(xlsx, "单位事实", column, 3, "0.35");

        var fromXlsx = Score(xlsx, "--format", "json");

        fromXlsx.Code.ShouldBe(0, fromXlsx.Err);
        fromXlsx.Out.ShouldBe(Score(FactsJson, "--format", "json").Out);
    }

    /// <summary>Sets a numeric cell styled with Excel's built-in percentage format (numFmtId 9), adding a minimal stylesheet.</summary>
    private static void SetPercentCell(string path, string sheetName, string column, int row, string value)
    {
        using var doc = SpreadsheetDocument.Open(path, true);
        var book = doc.WorkbookPart!;
        var styles = book.WorkbookStylesPart ?? book.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = new Stylesheet(
            new Fonts(new Font()) { Count = 1 },
            new Fills(new Fill()) { Count = 1 },
            new Borders(new Border()) { Count = 1 },
            new CellFormats(new CellFormat(), new CellFormat { NumberFormatId = 9, ApplyNumberFormat = true }) { Count = 2 });
        var sheet = book.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == sheetName);
        var r = ((WorksheetPart)book.GetPartById(sheet.Id!.Value!)).Worksheet.Descendants<Row>().Single(x => x.RowIndex!.Value == row);
        var reference = $"{column}{row}";
        var cell = r.Elements<Cell>().Single(c => c.CellReference == reference);
        cell.DataType = CellValues.Number;
        cell.CellValue = new CellValue(value);
        cell.StyleIndex = 1;
        book.Workbook.Save();
    }

    /// <summary>Replaces a cell with an inline string, the way some tools (not Excel) write text.</summary>
    private static void SetInlineCell(string path, string sheetName, string column, int row, string text)
    {
        using var doc = SpreadsheetDocument.Open(path, true);
        var book = doc.WorkbookPart!;
        var sheet = book.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == sheetName);
        var data = ((WorksheetPart)book.GetPartById(sheet.Id!.Value!)).Worksheet.GetFirstChild<SheetData>()!;
        var r = data.Elements<Row>().Single(x => x.RowIndex!.Value == row);
        var reference = $"{column}{row}";
        var cell = new Cell { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(text)) };
        var existing = r.Elements<Cell>().FirstOrDefault(c => c.CellReference == reference);
        if (existing is not null) r.ReplaceChild(cell, existing);
        else
        {
            // Cells must stay in column order for Excel; insert before the first cell to the right.
            var after = r.Elements<Cell>().FirstOrDefault(c => string.CompareOrdinal(c.CellReference!.Value!.PadLeft(8), reference.PadLeft(8)) > 0);
            if (after is null) r.Append(cell); else r.InsertBefore(cell, after);
        }
        book.Workbook.Save();
    }

    private static string ColumnOf(string path, string sheetName, string header)
    {
        using var file = File.OpenRead(path);
        var first = Sheets.XlsxReader.ReadAll(file)[sheetName][0];
        return Sheets.XlsxWriter.ColumnName(first.ToList().IndexOf(header));
    }
}
