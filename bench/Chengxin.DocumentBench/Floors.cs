using Chengxin.Documents;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using A = DocumentFormat.OpenXml.Drawing;
using DW = DocumentFormat.OpenXml.Drawing.Wordprocessing;
using PIC = DocumentFormat.OpenXml.Drawing.Pictures;

/// <summary>
/// The floors: a document's content written the plainest way the libraries allow, with none of the layout the writers add
/// (no styles, fonts, borders, spacing, header rows, page numbers). What is left is the cost of the content itself.
/// </summary>
internal static class Floors
{
    /// <summary>
    /// Every block by the raw <see cref="OpenXmlWriter"/>: a paragraph is a paragraph, a run and a text; a table its rows, cells,
    /// paragraphs, runs and texts; a picture an image part and the inline drawing Word needs to show it. The header's and the
    /// closing's lines, when the document has them, are plain paragraphs.
    /// </summary>
    public static void Docx(OfficialDocument d, Stream output)
    {
        using var package = WordprocessingDocument.Create(output, WordprocessingDocumentType.Document);
        var main = package.AddMainDocumentPart();
        var pictures = d.Body.OfType<ImageBlock>().Select(i =>
        {
            var part = main.AddImagePart(ImagePartType.Png);
            using (var data = new MemoryStream(i.Png, writable: false))
                part.FeedData(data);
            return main.GetIdOfPart(part);
        }).ToList();
        using var w = OpenXmlWriter.Create(main);
        w.WriteStartDocument();
        w.WriteStartElement(new Document());
        w.WriteStartElement(new Body());
        void Line(string? text)
        {
            if (string.IsNullOrEmpty(text)) return;
            w.WriteStartElement(new Paragraph());
            w.WriteStartElement(new Run());
            w.WriteElement(new Text(text));
            w.WriteEndElement();
            w.WriteEndElement();
        }
        Line(d.Issuer);
        Line(d.Number);
        Line(d.Title);
        Line(d.Addressee);
        var picture = 0;
        foreach (var block in d.Body)
        {
            switch (block)
            {
                case HeadingBlock h:
                    Line(h.Text);
                    break;
                case ParagraphBlock p:
                    Line(p.Text);
                    break;
                case TableBlock t:
                    w.WriteStartElement(new Table());
                    foreach (var row in t.Rows.Prepend(t.Header))
                    {
                        w.WriteStartElement(new TableRow());
                        foreach (var cell in row)
                        {
                            w.WriteStartElement(new TableCell());
                            w.WriteStartElement(new Paragraph());
                            w.WriteStartElement(new Run());
                            w.WriteElement(new Text(cell));
                            w.WriteEndElement();
                            w.WriteEndElement();
                            w.WriteEndElement();
                        }
                        w.WriteEndElement();
                    }
                    w.WriteEndElement();
                    break;
                case ImageBlock i:
                    w.WriteStartElement(new Paragraph());
                    w.WriteElement(Drawing(pictures[picture], ++picture));
                    w.WriteEndElement();
                    Line(i.Caption);
                    break;
            }
        }
        if (d.Title.Length > 0)
        {
            Line(d.Signature ?? d.Issuer);
            Line(DocxWriter.ChineseDate(d.Date));
        }
        w.WriteEndElement();
        w.WriteEndElement();
        w.Close();
    }

    private static Run Drawing(string relationshipId, int id) =>
        new(new Drawing(new DW.Inline(
            new DW.Extent { Cx = 5616000L, Cy = 2808000L },
            new DW.DocProperties { Id = (uint)id, Name = $"图{id}" },
            new A.Graphic(new A.GraphicData(
                new PIC.Picture(
                    new PIC.NonVisualPictureProperties(new PIC.NonVisualDrawingProperties { Id = 0U, Name = $"chart{id}.png" }, new PIC.NonVisualPictureDrawingProperties()),
                    new PIC.BlipFill(new A.Blip { Embed = relationshipId }, new A.Stretch(new A.FillRectangle())),
                    new PIC.ShapeProperties(new A.Transform2D(new A.Offset { X = 0L, Y = 0L }, new A.Extents { Cx = 5616000L, Cy = 2808000L }),
                        new A.PresetGeometry(new A.AdjustValueList()) { Preset = A.ShapeTypeValues.Rectangle })))
            { Uri = "http://schemas.openxmlformats.org/drawingml/2006/picture" }))));

    // As the PDF writer splits a line: from the CJK radicals up in the Chinese face, the rest in the Latin one.
    private static bool IsChinese(char c) => c >= '\u2E80';

    /// <summary>
    /// Every block drawn by PDFsharp at fixed places: a line of text per paragraph (no wrapping), a table as its cells' text and
    /// rectangles at fixed column positions, a new page every fixed number of lines, the pictures at a fixed size. The one thing
    /// kept from <see cref="PdfWriter"/> is the two faces (Chinese and Latin), without which the text would not show.
    /// </summary>
    public static void Pdf(OfficialDocument d, Stream output)
    {
        const double left = 79, top = 105, bottom = 742, line = 20;
        using var pdf = new PdfDocument();
        var unicode = new XPdfFontOptions(PdfFontEncoding.Unicode);
        var chinese = new XFont(DocumentFonts.Family, 12, XFontStyleEx.Regular, unicode);
        var latin = new XFont(DocumentFonts.Latin, 12, XFontStyleEx.Regular, unicode);
        var pen = new XPen(XColors.Black, 0.5);
        XGraphics? gfx = null;
        var y = bottom;
        XGraphics Room(double height)
        {
            if (gfx is not null && y + height <= bottom) return gfx;
            gfx?.Dispose();
            gfx = XGraphics.FromPdfPage(pdf.AddPage());
            y = top;
            return gfx;
        }
        void Text(XGraphics g, string text, double x, double baseline)
        {
            var start = 0;
            for (var i = 1; i <= text.Length; i++)
            {
                if (i < text.Length && IsChinese(text[i]) == IsChinese(text[start])) continue;
                var run = text[start..i];
                var font = IsChinese(text[start]) ? chinese : latin;
                g.DrawString(run, font, XBrushes.Black, x, baseline);
                x += g.MeasureString(run, font).Width;
                start = i;
            }
        }
        void Line(string? text)
        {
            if (string.IsNullOrEmpty(text)) return;
            var g = Room(line);
            Text(g, text, left, y + 15);
            y += line;
        }
        Line(d.Issuer);
        Line(d.Number);
        Line(d.Title);
        Line(d.Addressee);
        foreach (var block in d.Body)
        {
            switch (block)
            {
                case HeadingBlock h:
                    Line(h.Text);
                    break;
                case ParagraphBlock p:
                    Line(p.Text);
                    break;
                case TableBlock t:
                    var width = 440.0 / t.Header.Count;
                    foreach (var row in t.Rows.Prepend(t.Header))
                    {
                        var g = Room(line);
                        for (var c = 0; c < row.Count; c++)
                        {
                            g.DrawRectangle(pen, left + c * width, y, width, line);
                            Text(g, row[c], left + c * width + 3, y + 15);
                        }
                        y += line;
                    }
                    break;
                case ImageBlock i:
                    var image = Room(220);
                    using (var stream = new MemoryStream(i.Png, writable: false))
                    using (var picture = XImage.FromStream(stream))
                        image.DrawImage(picture, left, y, 440, 220);
                    y += 220;
                    Line(i.Caption);
                    break;
            }
        }
        Line(d.Signature ?? d.Issuer);
        Line(DocxWriter.ChineseDate(d.Date));
        gfx?.Dispose();
        pdf.Save(output, false);
    }
}
