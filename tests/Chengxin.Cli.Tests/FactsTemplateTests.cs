using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Chengxin.Cli.Tests;

public sealed class FactsTemplateTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void FactsTemplate_JsonWithCount_ListsEveryDeclaredFactAsNull()
    {
        var r = _cli.Run("facts", "template", CliRun.EveryPart, "--format", "json", "--count", "2");

        r.Code.ShouldBe(0);
        using var doc = JsonDocument.Parse(r.Out);
        var units = doc.RootElement.GetProperty("units").EnumerateArray().ToList();
        units.Select(u => u.GetProperty("id").GetString()).ShouldBe(["u1", "u2"]);
        var facts = units[0].GetProperty("facts").EnumerateObject().ToList();
        facts.Count.ShouldBe(19);
        facts.ShouldAllBe(f => f.Value.ValueKind == JsonValueKind.Null);
        r.Err.ShouldContain("请填写单位类别");
    }

    [Fact]
    public void FactsTemplate_UnitsCsv_TakesIdsNamesAndClassesByTheirChineseNames()
    {
        var csv = _cli.File("units.csv", "\uFEFF单位编码,单位名称,单位类别\nt1,城关镇,乡镇\nd1,\"县发改委\",dept\n");

        var r = _cli.Run("facts", "template", CliRun.EveryPart, "--format", "json", "--units", csv);

        r.Code.ShouldBe(0);
        using var doc = JsonDocument.Parse(r.Out);
        var units = doc.RootElement.GetProperty("units").EnumerateArray()
            .Select(u => (u.GetProperty("id").GetString(), u.GetProperty("name").GetString(), u.GetProperty("class").GetString())).ToList();
        units.ShouldBe([("t1", "城关镇", "town"), ("d1", "县发改委", "dept")]);
    }

    [Fact]
    public void FactsTemplate_UnitsCsvWithUnknownClass_Exits2NamingTheLineAndUnit()
    {
        var csv = _cli.File("units.csv", "id,name,class\nt1,城关镇,town\nx9,某单位,village\n");

        var r = _cli.Run("facts", "template", CliRun.EveryPart, "--format", "json", "--units", csv);

        r.Code.ShouldBe(2);
        r.Err.ShouldContain("第 3 行");
        r.Err.ShouldContain("x9");
        r.Err.ShouldContain("village");
    }

    [Fact]
    public void FactsTemplate_Xlsx_HasAUnitsSheetWithChineseHeadersASheetPerLedgerAndAGuide()
    {
        var path = Path.Combine(_cli.Root, "t.xlsx");

        var r = _cli.Run("facts", "template", CliRun.EveryPart, "--format", "xlsx", "--count", "3", "-o", path);

        r.Code.ShouldBe(0);
        using var doc = SpreadsheetDocument.Open(path, false);
        var sheets = doc.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().ToList();
        sheets.Select(s => s.Name!.Value).ShouldBe(["单位事实", "宣传活动台账", "当月重点工作任务台账", "填写说明", "字段对照"]);
        sheets.Last().State!.Value.ShouldBe(SheetStateValues.Hidden);
        var book = Sheets.XlsxReader.ReadAll(File.OpenRead(path));
        book["单位事实"][0].Take(4).ShouldBe(["单位名称", "单位编码", "单位类别", "是否成立领导小组"]);
        book["单位事实"][0].ShouldContain("创新工作评审意见·分值");
        book["单位事实"].Count.ShouldBe(4);
        book["宣传活动台账"][0].ShouldContain("活动名称");
    }

    [Fact]
    public void FactsTemplate_Xlsx_ShowsNoFactKeyOutsideTheHiddenSheet()
    {
        var path = Path.Combine(_cli.Root, "keys.xlsx");
        _cli.Run("facts", "template", CliRun.EveryPart, "--format", "xlsx", "--count", "2", "-o", path).Code.ShouldBe(0);
        var compiled = new Domain.Scoring.CompiledScheme(Domain.Schemes.SchemeLoader.Parse(File.ReadAllText(CliRun.EveryPart), CliRun.EveryPart));

        var book = Sheets.XlsxReader.ReadAll(File.OpenRead(path));

        var shown = book.Where(s => s.Key != Sheets.FactsWorkbook.KeysSheet).SelectMany(s => s.Value).SelectMany(r => r).ToList();
        foreach (var fact in compiled.FactDefinitions)
            shown.ShouldNotContain(text => text.Contains(fact.Key, StringComparison.Ordinal), $"fact key {fact.Key} is on screen");
        book[Sheets.FactsWorkbook.KeysSheet].SelectMany(r => r).ShouldContain("group_set_up");
    }

    [Fact]
    public void FactsTemplate_Xlsx_IsAValidOpenXmlWorkbook()
    {
        var path = Path.Combine(_cli.Root, "valid.xlsx");
        _cli.Run("facts", "template", CliRun.EveryPart, "--format", "xlsx", "--count", "2", "-o", path).Code.ShouldBe(0);

        using var doc = SpreadsheetDocument.Open(path, false);
        new OpenXmlValidator().Validate(doc).Select(e => $"{e.Path?.XPath}: {e.Description}").ShouldBeEmpty();
    }

    [Fact]
    public void FactsTemplate_BothUnitsAndCount_Exits2()
    {
        var csv = _cli.File("units.csv", "id,name,class\nt1,城关镇,town\n");

        _cli.Run("facts", "template", CliRun.EveryPart, "--units", csv, "--count", "2").Code.ShouldBe(2);
    }

    [Fact]
    public void FactsTemplate_UnknownFormat_Exits2()
    {
        _cli.Run("facts", "template", CliRun.EveryPart, "--format", "docx").Code.ShouldBe(2);
    }
}
