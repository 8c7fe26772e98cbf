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

/// <summary>A template as Word saves it: its own namespaces, ignorable attributes, spelling marks between the runs of a placeholder.</summary>
public sealed class DocxTemplateWordMarkupTests
{
    private const string WordBody = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:document xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" mc:Ignorable="w14"><w:body><w:p w14:paraId="1A2B3C4D" w14:textId="77777777" w:rsidR="00A10001" w:rsidRDefault="00A10001"><w:r><w:t>共</w:t></w:r><w:proofErr w:type="spellStart"/><w:r w:rsidR="00B20002"><w:t>{{单位</w:t></w:r><w:proofErr w:type="spellEnd"/><w:r><w:t>数}}个单位</w:t></w:r></w:p><w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="2000"/><w:gridCol w:w="4000"/></w:tblGrid><w:tr w:rsidR="00A10001" w14:paraId="2B3C4D5E" w14:textId="77777777"><w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/></w:tcPr><w:p w14:paraId="3C4D5E6F" w14:textId="77777777" w:rsidR="00A10001" w:rsidRDefault="00A10001"><w:r><w:rPr><w:b/></w:rPr><w:t>{{#rows 排名}}{{名</w:t></w:r><w:bookmarkStart w:id="0" w:name="_GoBack"/><w:bookmarkEnd w:id="0"/><w:r><w:t>次}}</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:tcW w:w="4000" w:type="dxa"/></w:tcPr><w:p w14:paraId="4D5E6F70" w14:textId="77777777" w:rsidR="00A10001" w:rsidRDefault="00A10001"><w:r><w:t>{{单位}}{{/rows}}</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p w:rsidR="00A10001" w:rsidRDefault="00A10001"/><w:sectPr w:rsidR="00A10001"><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr></w:body></w:document>
        """;

    private static byte[] WordTemplate()
    {
        using var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            using var xml = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(WordBody));
            main.FeedData(xml);
        }
        return stream.ToArray();
    }

    [Fact]
    public void Fill_TemplateAsWordSavesIt_FilledAndValidForWord()
    {
        var output = new MemoryStream();
        DocxTemplate.Fill(WordTemplate(), TemplateFiles.Data(), output);
        output.Position = 0;

        using var docx = WordprocessingDocument.Open(output, false);
        var body = docx.MainDocumentPart!.Document.Body!;
        body.Elements<Paragraph>().First().InnerText.ShouldBe("共12个单位");
        body.Descendants<TableRow>().Select(r => r.InnerText).ShouldBe(["1甲局", "2乙局"]);
        body.Descendants<TableRow>().ShouldAllBe(r => r.Descendants<Bold>().Any());
        var errors = new DocumentFormat.OpenXml.Validation.OpenXmlValidator(FileFormatVersions.Office2010).Validate(docx)
            .Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        errors.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("lists")]
    [InlineData("taskforce")]
    [InlineData("grades")]
    public void Fill_DefaultTemplate_ValidForWord(string kind)
    {
        var data = Chengxin.Documents.Bulletins.BulletinTemplates.Default(kind);
        var output = new MemoryStream();
        DocxTemplate.Fill(data, TemplateFiles.Data() with { Fields = AllFields(), Tables = AllTables(), Charts = AllCharts() }, output);
        output.Position = 0;

        using var docx = WordprocessingDocument.Open(output, false);
        var errors = new DocumentFormat.OpenXml.Validation.OpenXmlValidator(FileFormatVersions.Office2010).Validate(docx)
            .Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        errors.ShouldBeEmpty();
        docx.MainDocumentPart!.Document.Body!.Descendants<TableRow>().Count().ShouldBeGreaterThan(4);
    }

    private static Dictionary<string, string> AllFields()
    {
        var fields = new Dictionary<string, string>();
        foreach (var name in new[] { "发文机关", "文号", "日期", "标题", "主送", "抄送", "批次", "期别", "单位数", "平均分", "报送情况", "红名单", "蓝名单", "黄名单" })
            fields[name] = name + "的内容";
        fields["总体情况"] = "第一句。\n第二句。";
        fields["等次名单"] = "优秀（1个）：甲局。\n良好（1个）：乙局。";
        return fields;
    }

    private static Dictionary<string, TemplateTable> AllTables() => new()
    {
        ["排名"] = new(["名次", "单位", "总分", "等次", "名次变化"], [["1", "甲局", "96", "优秀", "↑1"], ["2", "乙局", "90", "良好", "↓1"]]),
        ["报送"] = new(["单位", "报送情况"], [["甲局", "按时"], ["乙局", "逾期"]]),
        ["指标"] = new(["指标", "满分", "平均分", "得分率"], [["信用制度建设", "60", "50", "83.33%"]]),
    };

    private static Dictionary<string, byte[]> AllCharts()
    {
        var png = Charts.GradeDistribution("等次分布", [new ChartBar("优秀", 1), new ChartBar("良好", 1)]);
        return new() { ["等次分布"] = png, ["排名"] = png, ["走势"] = png };
    }
}
