using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using DW = DocumentFormat.OpenXml.Drawing.Wordprocessing;

namespace Chengxin.Documents.Tests;

/// <summary>The streamed fill: a repeated row written once per data row, parts other than the body, and what Word does to typed text.</summary>
public sealed class DocxTemplateStreamingTests
{
    private static WordprocessingDocument Fill(byte[] template, TemplateData? data = null)
    {
        var stream = new MemoryStream();
        DocxTemplate.Fill(template, data ?? TemplateFiles.Data(), stream);
        stream.Position = 0;
        return WordprocessingDocument.Open(stream, false);
    }

    private static List<List<string>> Rows(WordprocessingDocument docx) =>
        docx.MainDocumentPart!.Document.Body!.Descendants<TableRow>().Select(r => r.Elements<TableCell>().Select(c => c.InnerText).ToList()).ToList();

    private static TemplateData WithRanking(params IReadOnlyList<string>[] rows)
    {
        var data = TemplateFiles.Data();
        return data with { Tables = new Dictionary<string, TemplateTable> { ["排名"] = new(["名次", "单位", "等次"], rows) } };
    }

    [Fact]
    public void Fill_RowsLoopSplitAcrossRuns_RepeatsTheRowForEveryRow()
    {
        // Word split the loop's markers and a column's name where the typist paused.
        var template = TemplateFiles.Make([["排名"]], runRows: [[["{{#ro", "ws 排名}}{{名", "次}}"], ["{{", "单位}}"], ["{{等次}}{{/", "rows}", "}"]]]);

        using var docx = Fill(template);

        Rows(docx).ShouldBe([["1", "甲局", "红名单"], ["2", "乙局", "蓝名单"]]);
    }

    [Fact]
    public void Fill_TenThousandRows_EveryRowInItsOrder()
    {
        var rows = Enumerable.Range(1, 10_000)
            .Select(i => (IReadOnlyList<string>)[i.ToString(CultureInfo.InvariantCulture), $"第{i}县（市、区）", i % 2 == 0 ? "良好" : "优秀"]).ToArray();
        var template = TemplateFiles.Make([["排名"]], [["名次", "单位", "等次"], ["{{#rows 排名}}{{名次}}", "{{单位}}", "{{等次}}{{/rows}}"]]);

        using var docx = Fill(template, WithRanking(rows));
        var filled = Rows(docx);

        filled.Count.ShouldBe(10_001);
        filled[1].ShouldBe(["1", "第1县（市、区）", "优秀"]);
        filled[5_000].ShouldBe(["5000", "第5000县（市、区）", "良好"]);
        filled[10_000].ShouldBe(["10000", "第10000县（市、区）", "良好"]);
    }

    [Fact]
    public void Fill_RepeatedRow_KeepsTheFormatOfItsRunsInEveryRow()
    {
        var template = TemplateFiles.Make([["排名"]], [["{{#rows 排名}}{{名次}}", "{{单位}}", "{{等次}}{{/rows}}"]], boldCells: true);

        using var docx = Fill(template);
        var runs = docx.MainDocumentPart!.Document.Body!.Descendants<TableRow>().SelectMany(r => r.Descendants<Run>()).ToList();

        runs.Count.ShouldBe(6);
        runs.ShouldAllBe(r => r.RunProperties != null && r.RunProperties.Bold != null);
    }

    [Fact]
    public void Fill_TextWithMarkupCharacters_IsWrittenAsText()
    {
        var data = WithRanking(["1", "A&B <局>", "\"优\""]) with
        {
            Fields = new Dictionary<string, string> { ["标题"] = "关于<通报>&说明", ["单位数"] = "1", ["总体情况"] = "" },
        };
        var template = TemplateFiles.Make([["{{标题}}"]], [["{{#rows 排名}}{{名次}}", "{{单位}}", "{{等次}}{{/rows}}"]]);

        using var docx = Fill(template, data);

        docx.MainDocumentPart!.Document.Body!.Elements<Paragraph>().First().InnerText.ShouldBe("关于<通报>&说明");
        Rows(docx).ShouldBe([["1", "A&B <局>", "\"优\""]]);
    }

    [Fact]
    public void Fill_RowValueWithALineBreak_BecomesParagraphsInItsCell()
    {
        var template = TemplateFiles.Make([["排名"]], [["{{#rows 排名}}{{名次}}", "{{单位}}", "{{等次}}{{/rows}}"]]);

        using var docx = Fill(template, WithRanking(["1", "甲局\n（牵头）", "优秀"], ["2", "乙局", "良好"]));
        var cells = docx.MainDocumentPart!.Document.Body!.Descendants<TableRow>().Select(r => r.Elements<TableCell>().ElementAt(1)).ToList();

        cells[0].Elements<Paragraph>().Select(p => p.InnerText).ShouldBe(["甲局", "（牵头）"]);
        cells[1].Elements<Paragraph>().Select(p => p.InnerText).ShouldBe(["乙局"]);
    }

    [Fact]
    public void Fill_FieldInTheRepeatedRow_TakesTheFieldsValue()
    {
        var template = TemplateFiles.Make([["排名"]], [["{{#rows 排名}}{{名次}}", "{{单位}}（{{标题}}）{{/rows}}"]]);

        using var docx = Fill(template);

        Rows(docx).ShouldBe([["1", "甲局（第三季度通报）"], ["2", "乙局（第三季度通报）"]]);
    }

    [Fact]
    public void Fill_NoDataRows_RemovesTheRowAndStillRefusesAWrongColumn()
    {
        var good = TemplateFiles.Make([["排名"]], [["名次"], ["{{#rows 排名}}{{名次}}{{/rows}}"]]);
        var wrong = TemplateFiles.Make([["排名"]], [["名次"], ["{{#rows 排名}}{{得分}}{{/rows}}"]]);

        using (var docx = Fill(good, WithRanking()))
            Rows(docx).ShouldBe([["名次"]]);
        Should.Throw<DocumentException>(() => Fill(wrong, WithRanking())).Message.ShouldContain("{{得分}}");
    }

    [Fact]
    public void Fill_HeaderAndFooterFields_AreReplaced()
    {
        var template = TemplateFiles.Make([["{{标题}}"]], header: ["{{标", "题}}"], footer: ["共{{单位数}}个单位"]);

        using var docx = Fill(template);
        var main = docx.MainDocumentPart!;

        main.HeaderParts.Single().Header!.InnerText.ShouldBe("第三季度通报");
        main.FooterParts.Single().Footer!.InnerText.ShouldBe("共12个单位");
    }

    [Fact]
    public void Fill_UnknownFieldInTheFooter_RefusedNamingTheFooter()
    {
        var template = TemplateFiles.Make([["正文"]], footer: ["{{页码}}"]);

        var e = Should.Throw<DocumentException>(() => Fill(template));

        e.Message.ShouldContain("{{页码}}");
        e.Message.ShouldContain("页脚");
    }

    [Fact]
    public void Fill_ChartInATableCell_ScaledToTheCellsWidth()
    {
        // A cell of 3,000 twips less Word's 108 a side of margin, 635 EMU a twip.
        var template = TemplateFiles.Make([["图"]], [["{{chart 等次分布}}", "说明"]], cellWidth: 3000);

        using var docx = Fill(template);
        var main = docx.MainDocumentPart!;
        var cell = main.Document.Body!.Descendants<TableCell>().First();

        main.ImageParts.Count().ShouldBe(1);
        cell.Descendants<DW.Extent>().Single().Cx!.Value.ShouldBe((3000 - 216) * 635L);
    }

    [Fact]
    public void Fill_ChartShownTwice_OneImageTwoPictures()
    {
        using var docx = Fill(TemplateFiles.Make([["{{chart 等次分布}}"], ["正文"], ["{{chart 等次分布}}"]]));
        var main = docx.MainDocumentPart!;
        var pictures = main.Document.Body!.Descendants<DW.DocProperties>().Select(d => d.Id!.Value).ToList();

        main.ImageParts.Count().ShouldBe(1);
        pictures.Count.ShouldBe(2);
        pictures.Distinct().Count().ShouldBe(2);
    }

    [Fact]
    public void Fill_RefusedTemplate_WritesNothing()
    {
        using var output = new MemoryStream();

        Should.Throw<DocumentException>(() => DocxTemplate.Fill(TemplateFiles.Make([["正文"], ["{{没有}}"]]), TemplateFiles.Data(), output));

        output.Length.ShouldBe(0);
    }

    [Fact]
    public void Fill_ParagraphsAfterAFieldOfManyLines_KeepTheirPlaceInMessages()
    {
        // 总体情况 becomes two paragraphs, but a place names the template's paragraph, as the office sees it in Word.
        var e = Should.Throw<DocumentException>(() => Fill(TemplateFiles.Make([["{{总体情况}}"], ["正文"], ["{{错字}}"]])));

        e.Message.ShouldContain("第3段");
    }
}
