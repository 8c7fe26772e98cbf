using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using static Chengxin.Documents.WordParts;

namespace Chengxin.Documents;

/// <summary>
/// An <see cref="OfficialDocument"/> as DOCX in the default layout of a notice (GB/T 9704 in spirit): A4 with margins of
/// 37/35/28/26 mm, the issuer in red 小标宋 over a red line, the title in 二号 小标宋, the body in 三号 仿宋 on a 28 pt line,
/// tables in 小四 with the header row repeated on each page, the page number as 「— 1 —」 at the foot.
/// </summary>
/// <remarks>
/// The body is streamed with <see cref="OpenXmlWriter"/> rather than built as one tree, so a ranking of thousands of units
/// costs the memory of one row at a time (bench/Chengxin.DocumentBench holds it to the raw writer).
/// </remarks>
public static class DocxWriter
{
    public static void Write(OfficialDocument document, Stream output)
    {
        using var package = WordprocessingDocument.Create(output, WordprocessingDocumentType.Document);
        var main = package.AddMainDocumentPart();
        AddStyles(main);
        var footerId = AddFooter(main);
        var pictures = document.Body.OfType<ImageBlock>().Select(i => AddPng(main, i.Png)).ToList();

        using var w = OpenXmlWriter.Create(main);
        w.WriteStartDocument();
        w.WriteStartElement(new Document(), [], [
            new("w", "http://schemas.openxmlformats.org/wordprocessingml/2006/main"),
            new("r", "http://schemas.openxmlformats.org/officeDocument/2006/relationships"),
            new("wp", "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"),
            new("a", "http://schemas.openxmlformats.org/drawingml/2006/main"),
            new("pic", "http://schemas.openxmlformats.org/drawingml/2006/picture"),
        ]);
        w.WriteStartElement(new Body());

        foreach (var p in Header(document)) w.WriteElement(p);
        var picture = 0;
        foreach (var block in document.Body)
        {
            switch (block)
            {
                case HeadingBlock h:
                    w.WriteElement(Heading(h));
                    break;
                case ParagraphBlock p:
                    w.WriteElement(BodyParagraph(p.Text));
                    break;
                case TableBlock t:
                    WriteTable(w, t);
                    break;
                case ImageBlock i:
                    var id = (uint)++picture;
                    w.WriteElement(Paragraph(JustificationValues.Center, Picture(pictures[picture - 1], i.Png, id)));
                    if (i.Caption is not null)
                        w.WriteElement(Paragraph(JustificationValues.Center, Run(i.Caption, size: XiaoSi)));
                    break;
            }
        }
        foreach (var p in Closing(document)) w.WriteElement(p);

        w.WriteElement(new SectionProperties(
            new FooterReference { Type = HeaderFooterValues.Default, Id = footerId },
            new PageSize { Width = 11906U, Height = 16838U },
            new PageMargin { Top = Twips(37), Bottom = Twips(35), Left = (uint)Twips(28), Right = (uint)Twips(26), Header = 851U, Footer = 992U, Gutter = 0U }));
        w.WriteEndElement();
        w.WriteEndElement();
        w.Close();
    }

    /// <summary>The Chinese form of a document date (2026年12月6日): Arabic digits, as GB/T 9704-2012 writes it.</summary>
    public static string ChineseDate(DateOnly date) => string.Create(CultureInfo.InvariantCulture, $"{date.Year}年{date.Month}月{date.Day}日");

    private static IEnumerable<Paragraph> Header(OfficialDocument d)
    {
        yield return Paragraph(JustificationValues.Center, Run(d.Issuer, XiaoBiaoSong, 60, color: Red));
        // The red line sits under the number (or under the issuer when there is none): a bottom border of the last header line.
        var number = Paragraph(JustificationValues.Center, Run(d.Number ?? "", size: SanHao));
        number.ParagraphProperties!.ParagraphBorders = new ParagraphBorders(new BottomBorder { Val = BorderValues.Single, Color = Red, Size = 18U, Space = 4U });
        yield return number;
        yield return Paragraph(JustificationValues.Center);
        yield return Paragraph(JustificationValues.Center, Run(d.Title, XiaoBiaoSong, ErHao));
        yield return Paragraph(JustificationValues.Center);
        if (d.Addressee is not null)
            yield return Paragraph(JustificationValues.Both, Run(d.Addressee + "：")).WithLine();
    }

    private static IEnumerable<Paragraph> Closing(OfficialDocument d)
    {
        yield return Paragraph(JustificationValues.Both);
        yield return Paragraph(JustificationValues.Right, Run(d.Signature ?? d.Issuer)).WithLine();
        yield return Paragraph(JustificationValues.Right, Run(ChineseDate(d.Date))).WithLine();
        if (d.CopyTo is not null)
        {
            yield return Paragraph(JustificationValues.Both);
            var copy = Paragraph(JustificationValues.Both, Run("抄送：" + d.CopyTo, size: 28));
            copy.ParagraphProperties!.ParagraphBorders = new ParagraphBorders(
                new TopBorder { Val = BorderValues.Single, Size = 8U, Space = 1U },
                new BottomBorder { Val = BorderValues.Single, Size = 8U, Space = 1U });
            yield return copy;
        }
    }

    private static Paragraph Heading(HeadingBlock h) =>
        Paragraph(JustificationValues.Both, Run(h.Text, h.Level <= 1 ? HeiTi : KaiTi)).WithLine().WithIndent();

    private static Paragraph BodyParagraph(string text) => Paragraph(JustificationValues.Both, Run(text)).WithLine().WithIndent();

    private static void WriteTable(OpenXmlWriter w, TableBlock t)
    {
        var widths = t.Widths ?? t.Header.Select(_ => 1).ToList();
        var total = widths.Sum();
        var twips = widths.Select(x => Twips(156) * x / total).ToList();
        w.WriteStartElement(new Table());
        w.WriteElement(new TableProperties(
            new TableStyle { Val = TableLook },
            new TableWidth { Type = TableWidthUnitValues.Pct, Width = "5000" },
            new TableJustification { Val = TableRowAlignmentValues.Center },
            new TableBorders(
                // In the schema's order (top, left, bottom, right), which Word checks.
                new TopBorder { Val = BorderValues.Single, Size = 4U }, new LeftBorder { Val = BorderValues.Single, Size = 4U },
                new BottomBorder { Val = BorderValues.Single, Size = 4U }, new RightBorder { Val = BorderValues.Single, Size = 4U },
                new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4U }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4U }),
            new TableLayout { Type = TableLayoutValues.Fixed }));
        w.WriteElement(new TableGrid(twips.Select(x => new GridColumn { Width = x.ToString(CultureInfo.InvariantCulture) })));
        var cells = new CellWriter();
        cells.Row(w, t.Header, twips.Count, header: true);
        foreach (var row in t.Rows) cells.Row(w, row, twips.Count, header: false);
        w.WriteEndElement();
    }

    /// <summary>
    /// Rows streamed element by element. A cell's look is the table style's (<see cref="TableLook"/>: 小四 仿宋 centred), so a
    /// body cell is no more than its paragraph, run and text, as in the floor; the header row's cells name the 黑体 paragraph
    /// style (<see cref="TableHead"/>). Widths are the table's grid (fixed layout). The elements that open a row, a cell, a paragraph and a run, and the
    /// row's and paragraph's properties, are made once a table and written again for every cell: the writer only reads them,
    /// and a ranking of every county would otherwise make six objects a cell (DocumentBench measures it). A table's writer is
    /// its own, so two bulletins written at once share nothing.
    /// </summary>
    private sealed class CellWriter
    {
        private readonly TableRow _row = new();
        private readonly TableCell _cell = new();
        private readonly Paragraph _paragraph = new();
        private readonly Run _run = new();
        private readonly Text _text = new();
        // The header row repeats on every page a long ranking runs over; no row splits across pages.
        private readonly TableRowProperties _headerRow = new(new TableHeader(), new CantSplit());
        private readonly TableRowProperties _bodyRow = new(new CantSplit());
        private readonly ParagraphProperties _headerText = new(new ParagraphStyleId { Val = TableHead });

        public void Row(OpenXmlWriter w, IReadOnlyList<string> cells, int columns, bool header)
        {
            w.WriteStartElement(_row);
            w.WriteElement(header ? _headerRow : _bodyRow);
            for (var i = 0; i < columns; i++)
            {
                w.WriteStartElement(_cell);
                w.WriteStartElement(_paragraph);
                if (header) w.WriteElement(_headerText);
                w.WriteStartElement(_run);
                var value = i < cells.Count ? cells[i] : "";
                // Word drops a cell's leading or trailing spaces unless the text says to keep them.
                if (value.Length > 0 && (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1])))
                    w.WriteStartElement(_text, [new OpenXmlAttribute("xml", "space", "http://www.w3.org/XML/1998/namespace", "preserve")]);
                else
                    w.WriteStartElement(_text);
                w.WriteString(value);
                w.WriteEndElement();
                w.WriteEndElement();
                w.WriteEndElement();
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }
    }

    /// <summary>
    /// The table style every table takes (its paragraph and run properties are the cells' look: 小四 仿宋 centred), the paragraph
    /// style of the header row's cells (黑体), and the body cells' paragraph style of earlier versions, which the default templates
    /// an office downloaded before still name.
    /// </summary>
    private const string TableLook = "ChengxinTable";
    private const string TableText = "ChengxinTableText";
    private const string TableHead = "ChengxinTableHead";

    private static Paragraph WithLine(this Paragraph p)
    {
        // 28 pt exactly: 22 lines to a page, as the standard's grid has it.
        // Set, not appended: the property puts it where the schema orders it (before jc), which Word insists on.
        p.ParagraphProperties!.SpacingBetweenLines = new SpacingBetweenLines { Line = "560", LineRule = LineSpacingRuleValues.Exact, Before = "0", After = "0" };
        return p;
    }

    private static Paragraph WithIndent(this Paragraph p)
    {
        // Two characters of 三号 (16 pt each).
        p.ParagraphProperties!.Indentation = new Indentation { FirstLine = "640" };
        return p;
    }

    private static void AddStyles(MainDocumentPart main)
    {
        var styles = main.AddNewPart<StyleDefinitionsPart>();
        styles.Styles = new Styles(new DocDefaults(
            new RunPropertiesDefault(new RunPropertiesBaseStyle(
                new RunFonts { Ascii = "Times New Roman", HighAnsi = "Times New Roman", EastAsia = FangSong, ComplexScript = FangSong },
                new FontSize { Val = SanHao.ToString(CultureInfo.InvariantCulture) },
                new Languages { Val = "en-US", EastAsia = "zh-CN" })),
            new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(new SpacingBetweenLines { After = "0", Line = "240", LineRule = LineSpacingRuleValues.Auto }))),
            CellStyle(TableText, "表格文字", FangSong), CellStyle(TableHead, "表格标题", HeiTi),
            new Style(new StyleName { Val = "通报表格" },
                new StyleParagraphProperties(new Justification { Val = JustificationValues.Center }),
                new StyleRunProperties(new RunFonts { Ascii = "Times New Roman", HighAnsi = "Times New Roman", EastAsia = FangSong, ComplexScript = FangSong },
                    new FontSize { Val = XiaoSi.ToString(CultureInfo.InvariantCulture) }))
            { Type = StyleValues.Table, StyleId = TableLook, CustomStyle = true });
        styles.Styles.Save();
    }

    private static Style CellStyle(string id, string name, string font) =>
        new(new StyleName { Val = name }, new StyleParagraphProperties(new Justification { Val = JustificationValues.Center }),
            new StyleRunProperties(new RunFonts { Ascii = "Times New Roman", HighAnsi = "Times New Roman", EastAsia = font, ComplexScript = font },
                new FontSize { Val = XiaoSi.ToString(CultureInfo.InvariantCulture) }))
        { Type = StyleValues.Paragraph, StyleId = id, CustomStyle = true };

    private static string AddFooter(MainDocumentPart main)
    {
        var footer = main.AddNewPart<FooterPart>();
        footer.Footer = new Footer(Paragraph(JustificationValues.Center,
            Run("— ", size: 28), new SimpleField(Run("1", size: 28)) { Instruction = " PAGE " }, Run(" —", size: 28)));
        footer.Footer.Save();
        return main.GetIdOfPart(footer);
    }
}
