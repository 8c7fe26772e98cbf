using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Chengxin.Documents.Tests;

public sealed class DocxTemplateTests
{
    private static WordprocessingDocument Fill(byte[] template)
    {
        var stream = new MemoryStream();
        DocxTemplate.Fill(template, TemplateFiles.Data(), stream);
        stream.Position = 0;
        return WordprocessingDocument.Open(stream, false);
    }

    private static List<string> Texts(WordprocessingDocument docx) =>
        docx.MainDocumentPart!.Document.Body!.Elements<Paragraph>().Select(p => p.InnerText).ToList();

    [Fact]
    public void Fill_FieldSplitAcrossRuns_IsReplaced()
    {
        // Word splits 「{{标题}}」 where the spelling checker or an edit touched it.
        using var docx = Fill(TemplateFiles.Make([["关于", "{{", "标", "题}}", "的说明，共{{单位数}}个单位"]]));

        Texts(docx).ShouldBe(["关于第三季度通报的说明，共12个单位"]);
    }

    [Fact]
    public void Fill_FieldWithLineBreaks_BecomesOneParagraphEach()
    {
        using var docx = Fill(TemplateFiles.Make([["{{总体情况}}"], ["结尾"]]));

        Texts(docx).ShouldBe(["第一句。", "第二句。", "结尾"]);
    }

    [Fact]
    public void Fill_RowsLoop_RepeatsTheRowForEveryRow()
    {
        using var docx = Fill(TemplateFiles.Make([["排名"]], [["名次", "单位", "等次"], ["{{#rows 排名}}{{名次}}", "{{单位}}", "{{等次}}{{/rows}}"]]));
        var rows = docx.MainDocumentPart!.Document.Body!.Descendants<TableRow>().Select(r => r.Elements<TableCell>().Select(c => c.InnerText).ToList()).ToList();

        rows.ShouldBe([["名次", "单位", "等次"], ["1", "甲局", "红名单"], ["2", "乙局", "蓝名单"]]);
    }

    [Fact]
    public void Fill_Chart_PlacesThePicture()
    {
        using var docx = Fill(TemplateFiles.Make([["图一"], ["{{chart 等次分布}}"]]));

        docx.MainDocumentPart!.ImageParts.Count().ShouldBe(1);
        docx.MainDocumentPart.Document.Body!.Descendants<Drawing>().Count().ShouldBe(1);
    }

    [Fact]
    public void Fill_UnknownField_RefusedNamingItAndItsParagraph()
    {
        var e = Should.Throw<DocumentException>(() => Fill(TemplateFiles.Make([["正文"], ["共{{单位总数}}个"]])));

        e.Message.ShouldContain("{{单位总数}}");
        e.Message.ShouldContain("第2段");
    }

    [Fact]
    public void Fill_UnknownColumnInARow_RefusedNamingTheTableRow()
    {
        var e = Should.Throw<DocumentException>(() => Fill(TemplateFiles.Make([["排名"]], [["名次"], ["{{#rows 排名}}{{得分}}{{/rows}}"]])));

        e.Message.ShouldContain("{{得分}}");
        e.Message.ShouldContain("第1个表格第2行");
    }

    [Fact]
    public void Fill_UnknownTable_RefusedNamingIt()
    {
        var e = Should.Throw<DocumentException>(() => Fill(TemplateFiles.Make([["x"]], [["{{#rows 名单}}{{单位}}{{/rows}}"]])));

        e.Message.ShouldContain("{{#rows 名单}}");
    }

    [Fact]
    public void Fill_LoopNotClosedInItsRow_Refused()
    {
        var e = Should.Throw<DocumentException>(() => Fill(TemplateFiles.Make([["x"]], [["{{#rows 排名}}{{单位}}"]])));

        e.Message.ShouldContain("{{/rows}}");
        e.Message.ShouldContain("第1个表格第1行");
    }

    [Fact]
    public void Fill_UnclosedPlaceholder_Refused()
    {
        var e = Should.Throw<DocumentException>(() => Fill(TemplateFiles.Make([["共{{单位数个"]])));

        e.Message.ShouldContain("未闭合");
        e.Message.ShouldContain("第1段");
    }

    [Fact]
    public void Fill_NotAWordDocument_RefusedInWords()
    {
        var e = Should.Throw<DocumentException>(() => Fill("这不是 Word 文档"u8.ToArray()));

        e.Message.ShouldContain("不是有效的 Word 文档");
    }
}
