using Chengxin.Domain.Schemes;
using Chengxin.Domain.Scoring;

namespace Chengxin.Sheets.Tests;

/// <summary>The one facts workbook on its own: what it writes it reads back to the same facts, and its cells keep their kind and place.</summary>
public sealed class FactsWorkbookTests
{
    private static readonly CompiledScheme EveryPart = new(SchemeLoader.Parse(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "schemes", "examples", "every-part.yaml")), "every-part.yaml"));

    private const string Facts = """
        {"units":[
          {"id":"t1","name":"城关镇","class":"town","facts":{"group_set_up":true,"meetings":3,"correction_rate":87.5,
            "innovation":{"points":2.5,"reason":"有创新"}}},
          {"id":"t2","name":"石门镇","class":"town","facts":{"group_set_up":false,"meetings":0}}
        ]}
        """;

    [Fact]
    public void Write_ThenRead_GivesEveryUnitWithTheSameFactsAndScores()
    {
        var units = FactsFile.Parse(Facts, EveryPart);
        using var buffer = new MemoryStream();
        FactsWorkbook.Write(buffer, EveryPart, units);

        var read = FactsWorkbook.Read(new MemoryStream(buffer.ToArray()), EveryPart, "facts.xlsx");

        read.Select(u => (u.UnitId, u.Name, u.UnitClass)).ShouldBe(units.Select(u => (u.UnitId, u.Name, u.UnitClass)));
        foreach (var (expected, actual) in units.Zip(read))
        {
            foreach (var fact in EveryPart.FactDefinitions)
                actual[fact.Key].HasValue.ShouldBe(expected[fact.Key].HasValue, $"{expected.UnitId} {fact.Key}");
            Scorer.Score(actual).Total.ShouldBe(Scorer.Score(expected).Total);
        }
    }

    [Fact]
    public void Read_ACellOfTheWrongKind_NamesTheSheetRowColumnAndUnit()
    {
        var bytes = XlsxWriter.Write("单位事实", ["单位名称", "单位编码", "单位类别", "是否成立领导小组"], [["城关镇", "t1", "乡镇", "也许"]]);

        Should.Throw<FactsFileException>(() => FactsWorkbook.Read(new MemoryStream(bytes), EveryPart, "facts.xlsx"))
            .Message.ShouldContain("facts.xlsx 工作表「单位事实」第 2 行第 4 列（D2）：单位「t1」");
    }

    [Fact]
    public void Cells_KeepTheirRowNumberColumnAndWhetherTheyHoldANumber()
    {
        var bytes = XlsxWriter.Write("表", ["名称", "数值"], [["城关镇", 12.5m]]);
        using var workbook = XlsxReader.Open(new MemoryStream(bytes));

        var cells = workbook.Cells(workbook.Sheets()[0].Path);

        cells[1].ShouldBe([new XlsxCell(2, 0, "城关镇", false, false), new XlsxCell(2, 1, "12.5", true, false)]);
    }
}
