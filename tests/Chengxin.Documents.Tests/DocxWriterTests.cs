using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Chengxin.Documents.Tests;

public sealed class DocxWriterTests
{
    private static WordprocessingDocument Open(OfficialDocument document)
    {
        var stream = new MemoryStream();
        DocxWriter.Write(document, stream);
        File.WriteAllBytes(Path.Combine(Poppler.OutputFolder, "notice.docx"), stream.ToArray());
        stream.Position = 0;
        return WordprocessingDocument.Open(stream, false);
    }

    [Fact]
    public void Write_Notice_HeaderInRedOverARedLine()
    {
        using var docx = Open(Samples.Notice());
        var paragraphs = docx.MainDocumentPart!.Document.Body!.Elements<Paragraph>().ToList();

        paragraphs[0].InnerText.ShouldBe("淮安市清江浦区社会信用体系建设领导小组办公室");
        paragraphs[0].Descendants<Color>().Single().Val!.Value.ShouldBe("FF0000");
        paragraphs[1].InnerText.ShouldBe("清信办〔2026〕12号");
        paragraphs[1].ParagraphProperties!.ParagraphBorders!.BottomBorder!.Color!.Value.ShouldBe("FF0000");
        paragraphs.ShouldContain(p => p.InnerText == "关于2026年第三季度政务诚信评价情况的通报");
        paragraphs.ShouldContain(p => p.InnerText == "各镇（街道）、区各有关部门：");
        paragraphs.ShouldContain(p => p.InnerText == "2026年12月6日");
        paragraphs.Last().InnerText.ShouldBe("抄送：区委办公室，区政府办公室");
    }

    [Fact]
    public void Write_Notice_BodyInFangSongOnA4WithTheStandardMargins()
    {
        using var docx = Open(Samples.Notice());
        var body = docx.MainDocumentPart!.Document.Body!;
        var section = body.Elements<SectionProperties>().Single();
        var defaults = docx.MainDocumentPart.StyleDefinitionsPart!.Styles!.DocDefaults!.RunPropertiesDefault!.RunPropertiesBaseStyle!;

        section.GetFirstChild<PageSize>()!.Width!.Value.ShouldBe(11906U);
        section.GetFirstChild<PageMargin>()!.Top!.Value.ShouldBe(2097);
        section.GetFirstChild<PageMargin>()!.Left!.Value.ShouldBe(1587U);
        defaults.RunFonts!.EastAsia!.Value.ShouldBe("仿宋_GB2312");
        defaults.FontSize!.Val!.Value.ShouldBe("32");
    }

    [Fact]
    public void Write_Ranking_TableWithARepeatedHeaderRowAndEveryUnit()
    {
        using var docx = Open(Samples.Notice(units: 40));
        var table = docx.MainDocumentPart!.Document.Body!.Elements<Table>().Single();
        var rows = table.Elements<TableRow>().ToList();

        rows.Count.ShouldBe(41);
        rows[0].Elements<TableCell>().Select(c => c.InnerText).ShouldBe(["名次", "单位", "总分", "等次"]);
        rows[0].TableRowProperties!.GetFirstChild<TableHeader>().ShouldNotBeNull();
        rows[40].Elements<TableCell>().Select(c => c.InnerText).ShouldBe(["40", "第40责任单位", "80.0", "良好"]);
    }

    [Fact]
    public void Write_Chart_EmbeddedAsAPngPicture()
    {
        using var docx = Open(Samples.Notice());
        var main = docx.MainDocumentPart!;

        main.ImageParts.Single().ContentType.ShouldBe("image/png");
        main.Document.Body!.Descendants<Drawing>().Count().ShouldBe(1);
        main.Document.Body.Elements<Paragraph>().ShouldContain(p => p.InnerText == "图1 等次分布");
    }

    [Fact]
    public void Write_Ranking_BodyCellsTakeTheTablesStyleAndTheHeaderRowItsOwn()
    {
        using var docx = Open(Samples.Notice(units: 3));
        var table = docx.MainDocumentPart!.Document.Body!.Elements<Table>().Single();
        var styles = docx.MainDocumentPart.StyleDefinitionsPart!.Styles!.Elements<Style>().ToDictionary(s => s.StyleId!.Value!);
        var style = table.GetFirstChild<TableProperties>()!.TableStyle!.Val!.Value!;
        var rows = table.Elements<TableRow>().ToList();

        styles[style].Type!.Value.ShouldBe(StyleValues.Table);
        styles[style].StyleRunProperties!.FontSize!.Val!.Value.ShouldBe("24");
        styles[style].StyleRunProperties!.RunFonts!.EastAsia!.Value.ShouldBe("仿宋_GB2312");
        rows.Skip(1).SelectMany(r => r.Descendants<Paragraph>()).ShouldAllBe(p => p.ParagraphProperties == null);
        var head = rows[0].Descendants<ParagraphStyleId>().Select(s => s.Val!.Value!).Distinct().Single();
        styles[head].StyleRunProperties!.RunFonts!.EastAsia!.Value.ShouldBe("黑体");
    }

    [Fact]
    public void Write_CellWithSpacesAtItsEdges_KeepsThem()
    {
        var notice = Samples.Notice() with { Body = [new TableBlock(["单位", "说明"], [[" 甲局", "（牵头） "]])] };

        using var docx = Open(notice);
        var cells = docx.MainDocumentPart!.Document.Body!.Descendants<TableRow>().Last().Elements<TableCell>().Select(c => c.InnerText);

        cells.ShouldBe([" 甲局", "（牵头） "]);
    }

    [Fact]
    public void Write_Notice_ValidForWord()
    {
        // Word refuses a file whose properties are out of the schema's order, where other readers pass over it.
        using var docx = Open(Samples.Notice(units: 40));

        new DocumentFormat.OpenXml.Validation.OpenXmlValidator(DocumentFormat.OpenXml.FileFormatVersions.Office2010).Validate(docx)
            .Select(e => $"{e.Path?.XPath}: {e.Description}").ShouldBeEmpty();
    }
}
