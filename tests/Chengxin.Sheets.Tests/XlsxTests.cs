using Chengxin.Server.Tests.Infrastructure;

namespace Chengxin.Sheets.Tests;

/// <summary>The shared writer and the streamed reader: what one writes the other reads back, and every limit ends in a sentence.</summary>
public sealed class XlsxTests
{
    private static readonly IReadOnlyList<string> Header = ["单位名称", "单位编码", "得分"];

    [Fact]
    public void Write_ThenReadFirst_GivesTheSameTextAndNumbers()
    {
        var bytes = XlsxWriter.Write("数据来源", Header, [["石门镇", "A-1", 12.5m], ["城关镇，东区", "A-2", 3], ["  留白  ", null, 0L]]);

        var rows = XlsxReader.ReadFirst(new MemoryStream(bytes));

        rows.Select(r => string.Join("|", r)).ShouldBe(["单位名称|单位编码|得分", "石门镇|A-1|12.5", "城关镇，东区|A-2|3", "留白||0"]);
    }

    [Fact]
    public void Write_SeveralSheetsWithAHiddenOne_ReadAllReturnsEachByItsName()
    {
        var bytes = XlsxWriter.Write([
            new XlsxSheet("总排名", Header, [["石门镇", "A-1", 1]]),
            new XlsxSheet("说明", ["键"], [["x"]], Hidden: true),
        ]);

        var sheets = XlsxReader.ReadAll(new MemoryStream(bytes));

        sheets.Keys.ShouldBe(["总排名", "说明"]);
        sheets["说明"][1].ShouldBe(["x"]);
    }

    [Fact]
    public void Write_LongOrRepeatedOrForbiddenSheetNames_AreMadeAcceptableToExcel()
    {
        var name = new string('镇', 40);
        var bytes = XlsxWriter.Write([new XlsxSheet(name, Header, []), new XlsxSheet(name, Header, []), new XlsxSheet("a/b:c", Header, [])]);

        XlsxReader.ReadAll(new MemoryStream(bytes)).Keys.ShouldBe([new string('镇', 31), new string('镇', 28) + "(2)", "a_b_c"]);
    }

    [Fact]
    public void ReadFirst_WrongHeader_RefusesOnTheHeaderWithItsReason()
    {
        var bytes = XlsxWriter.Write("Sheet1", ["名称"], [["石门镇"]]);

        Should.Throw<UnusableWorkbookException>(() => XlsxReader.ReadFirst(new MemoryStream(bytes), h => h[0] == "单位名称" ? null : "表头须为：单位名称。"))
            .Message.ShouldBe("表头须为：单位名称。");
    }

    [Fact]
    public void ReadFirst_DecompressionBomb_RefusesNamingTheLimit()
    {
        Should.Throw<UnusableWorkbookException>(() => XlsxReader.ReadFirst(new MemoryStream(BadFiles.DecompressionBomb(Header, 150))))
            .Message.ShouldContain("解压后超过 100 MB");
    }

    [Fact]
    public void ReadFirst_MoreRowsThanTheCap_RefusesBeforeReadingThemAll()
    {
        Should.Throw<UnusableWorkbookException>(() => XlsxReader.ReadFirst(new MemoryStream(BadFiles.RowBomb(Header, XlsxReader.MaxRows + 1))))
            .Message.ShouldBe("工作表超过 100000 行，请拆分后分批导入。");
    }

    [Fact]
    public void ReadFirst_DtdEntityExpansionOrBrokenXml_RefusesWithTheReason()
    {
        Should.Throw<UnusableWorkbookException>(() => XlsxReader.ReadFirst(new MemoryStream(BadFiles.WithDtd(Header)))).Message.ShouldContain("含有文档类型定义（DTD）");
        Should.Throw<UnusableWorkbookException>(() => XlsxReader.ReadFirst(new MemoryStream(BadFiles.BillionLaughs(Header)))).Message.ShouldContain("含有文档类型定义（DTD）");
        Should.Throw<UnusableWorkbookException>(() => XlsxReader.ReadFirst(new MemoryStream(BadFiles.MalformedXml(Header)))).Message.ShouldContain("的 XML 无效");
    }

    [Fact]
    public void ReadFirst_NotAZipOrNoWorkbookInside_RefusesAsNoWorkbook()
    {
        Should.Throw<UnusableWorkbookException>(() => XlsxReader.ReadFirst(new MemoryStream(BadFiles.NotAZip())))
            .Message.ShouldBe("文件不是有效的 Excel（.xlsx）工作簿，请用 Excel 另存为 .xlsx 后重新上传。");
        Should.Throw<UnusableWorkbookException>(() => XlsxReader.ReadFirst(new MemoryStream(BadFiles.ZipWithoutWorkbook())));
    }
}
