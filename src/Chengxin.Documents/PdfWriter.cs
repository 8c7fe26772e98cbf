using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Chengxin.Documents;

/// <summary>
/// An <see cref="OfficialDocument"/> as PDF (PDFsharp 6.2.4) in the same layout as <see cref="DocxWriter"/>: A4, margins 37/35/28/26 mm,
/// the issuer in red over a red line, the body on a 28 pt line, tables whose header row repeats on each page they run over,
/// 「— n —」 at the foot. The Chinese font is embedded as a subset with its Unicode map, so the text can be searched and copied.
/// </summary>
public static class PdfWriter
{
    // Points: 72 an inch, 25.4 mm an inch.
    private const double Mm = 72 / 25.4;
    private const double PageWidth = 210 * Mm, PageHeight = 297 * Mm;
    private const double Left = 28 * Mm, Right = 26 * Mm, Top = 37 * Mm, Bottom = 35 * Mm;
    private const double TextWidth = PageWidth - Left - Right;

    public static void Write(OfficialDocument document, Stream output)
    {
        DocumentFonts.UseInPdf();
        using var pdf = new PdfDocument();
        pdf.Info.Title = document.Title;
        pdf.Info.Author = document.Issuer;
        // The document's own date, not the moment of writing: the same document written twice differs as little as can be.
        pdf.Info.CreationDate = document.Date.ToDateTime(TimeOnly.MinValue);
        var page = new Pages(pdf);
        page.Header(document);
        for (var b = 0; b < document.Body.Count; b++)
        {
            switch (document.Body[b])
            {
                case HeadingBlock h:
                    // A heading stays on the page of what it introduces: a picture whole, else two lines of it.
                    var keep = b + 1 < document.Body.Count && document.Body[b + 1] is ImageBlock next ? 1 + (int)Math.Ceiling(Pages.ImageHeight(next) / 28) : 3;
                    page.Text(h.Text, page.Bold16, XBrushes.Black, Align.Left, 28, indent: 32, keepWith: keep);
                    break;
                case ParagraphBlock p:
                    page.Text(p.Text, page.Body16, XBrushes.Black, Align.Left, 28, indent: 32);
                    break;
                case TableBlock t:
                    page.Table(t);
                    break;
                case ImageBlock i:
                    page.Image(i);
                    break;
            }
        }
        page.Closing(document);
        page.Finish();
        pdf.Save(output, false);
    }

    private enum Align { Left, Center, Right }

    /// <summary>One size and weight in both faces the PDF embeds.</summary>
    private sealed class Face(double size, bool bold)
    {
        private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);
        private readonly XFont _chinese = new(DocumentFonts.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, Unicode);
        private readonly XFont _latin = new(DocumentFonts.Latin, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, Unicode);

        public double Size => size;

        public XFont For(char c) => DocumentFonts.IsChinese(c) ? _chinese : _latin;
    }

    /// <summary>The pages as they fill: where the next line goes, and a new page (with its number) when it does not fit.</summary>
    private sealed class Pages(PdfDocument pdf)
    {
        public readonly Face Body16 = new(16, bold: false);
        public readonly Face Bold16 = new(16, bold: true);
        private readonly Face _cell = new(10.5, bold: false);
        private readonly Face _headCell = new(10.5, bold: true);
        private readonly Face _footer = new(14, bold: false);
        private readonly Dictionary<(Face, char), double> _widths = [];
        private XGraphics? _gfx;
        private int _number;
        private double _y;

        private XGraphics Gfx => _gfx ?? NewPage();

        private XGraphics NewPage()
        {
            _gfx?.Dispose();
            var page = pdf.AddPage();
            page.Width = XUnit.FromPoint(PageWidth);
            page.Height = XUnit.FromPoint(PageHeight);
            _gfx = XGraphics.FromPdfPage(page);
            _number++;
            var footer = $"— {_number} —";
            Draw(footer, _footer, XBrushes.Black, (PageWidth - Measure(footer, _footer)) / 2, PageHeight - Bottom + 10 * Mm + 14);
            _y = Top;
            return _gfx;
        }

        public void Finish() => _gfx?.Dispose();

        public void Header(OfficialDocument d)
        {
            // As large as the issuer's name allows on one line, at most 28 pt.
            var size = Math.Min(28, TextWidth * 0.95 / Math.Max(1, d.Issuer.Length));
            var issuer = new Face(size, bold: true);
            Text(d.Issuer, issuer, XBrushes.Red, Align.Center, size * 1.6);
            if (d.Number is not null)
                Text(d.Number, Body16, XBrushes.Black, Align.Center, 28);
            _y += 4;
            Gfx.DrawLine(new XPen(XColors.Red, 2), Left, _y, PageWidth - Right, _y);
            _y += 28;
            Text(d.Title, new Face(22, bold: true), XBrushes.Black, Align.Center, 36);
            _y += 14;
            if (d.Addressee is not null)
                Text(d.Addressee + "：", Body16, XBrushes.Black, Align.Left, 28);
        }

        public void Closing(OfficialDocument d)
        {
            _y += 28;
            Text(d.Signature ?? d.Issuer, Body16, XBrushes.Black, Align.Right, 28, keepWith: 2);
            Text(DocxWriter.ChineseDate(d.Date), Body16, XBrushes.Black, Align.Right, 28);
            if (d.CopyTo is null)
                return;
            _y += 28;
            var pen = new XPen(XColors.Black, 0.75);
            Gfx.DrawLine(pen, Left, _y, PageWidth - Right, _y);
            Text("抄送：" + d.CopyTo, new Face(14, bold: false), XBrushes.Black, Align.Left, 26);
            Gfx.DrawLine(pen, Left, _y + 2, PageWidth - Right, _y + 2);
        }

        public void Text(string text, Face font, XBrush brush, Align align, double lineHeight, double indent = 0, int keepWith = 1)
        {
            if (_gfx is null || _y + lineHeight * keepWith > PageHeight - Bottom)
                NewPage();
            foreach (var line in Wrap(text, font, TextWidth, indent))
            {
                if (_y + lineHeight > PageHeight - Bottom)
                    NewPage();
                var x = align switch
                {
                    Align.Center => Left + (TextWidth - Measure(line.Text, font)) / 2,
                    Align.Right => PageWidth - Right - Measure(line.Text, font) - 32,
                    _ => Left + line.Indent,
                };
                // Baseline at about four fifths of the line, the text centred on the 28 pt grid.
                Draw(line.Text, font, brush, x, _y + (lineHeight + font.Size * 0.8) / 2);
                _y += lineHeight;
            }
        }

        public void Table(TableBlock t)
        {
            const double pad = 3, line = 14;
            var relative = t.Widths ?? t.Header.Select(_ => 1).ToList();
            var sum = (double)relative.Sum();
            var widths = relative.Select(w => TextWidth * w / sum).ToList();
            var pen = new XPen(XColors.Black, 0.5);

            double Height(IReadOnlyList<string> cells, Face font) =>
                widths.Select((w, i) => Wrap(i < cells.Count ? cells[i] : "", font, w - 2 * pad, 0).Count).Max() * line + 2 * pad;

            void Row(IReadOnlyList<string> cells, Face font, double height)
            {
                var x = Left;
                for (var i = 0; i < widths.Count; i++)
                {
                    Gfx.DrawRectangle(pen, x, _y, widths[i], height);
                    var lines = Wrap(i < cells.Count ? cells[i] : "", font, widths[i] - 2 * pad, 0);
                    var top = _y + (height - lines.Count * line) / 2;
                    foreach (var l in lines)
                    {
                        Draw(l.Text, font, XBrushes.Black, x + (widths[i] - Measure(l.Text, font)) / 2, top + (line + font.Size * 0.8) / 2);
                        top += line;
                    }
                    x += widths[i];
                }
                _y += height;
            }

            var headerHeight = Height(t.Header, _headCell);
            if (_gfx is null || _y + headerHeight + line + 2 * pad > PageHeight - Bottom)
                NewPage();
            Row(t.Header, _headCell, headerHeight);
            foreach (var cells in t.Rows)
            {
                var height = Height(cells, _cell);
                if (_y + height > PageHeight - Bottom)
                {
                    NewPage();
                    Row(t.Header, _headCell, headerHeight);
                }
                Row(cells, _cell, height);
            }
            _y += 10;
        }

        public static double ImageHeight(ImageBlock i)
        {
            var (px, py) = Png.Size(i.Png);
            return Math.Min(TextWidth, px * 0.75) * py / px + (i.Caption is null ? 0 : 24);
        }

        public void Image(ImageBlock i)
        {
            var (px, py) = Png.Size(i.Png);
            // 96 pixels an inch on screen, 72 points an inch on paper; never wider than the text.
            var width = Math.Min(TextWidth, px * 0.75);
            var height = width * py / px;
            if (_gfx is null || _y + height + (i.Caption is null ? 0 : 24) > PageHeight - Bottom)
                NewPage();
            using (var stream = new MemoryStream(i.Png, writable: false))
            using (var image = XImage.FromStream(stream))
                Gfx.DrawImage(image, Left + (TextWidth - width) / 2, _y, width, height);
            _y += height + 4;
            if (i.Caption is not null)
                Text(i.Caption, _cell, XBrushes.Black, Align.Center, 20);
            _y += 8;
        }

        private double Measure(string text, Face font)
        {
            var total = 0.0;
            foreach (var c in text) total += Width(c, font);
            return total;
        }

        private double Width(char c, Face font)
        {
            if (!_widths.TryGetValue((font, c), out var w))
                _widths[(font, c)] = w = Gfx.MeasureString(c.ToString(), font.For(c)).Width;
            return w;
        }

        /// <summary>A line drawn in runs of one face each: Chinese in the Chinese face, letters and digits in the Latin one.</summary>
        private void Draw(string text, Face font, XBrush brush, double x, double baseline)
        {
            var start = 0;
            for (var i = 1; i <= text.Length; i++)
            {
                if (i < text.Length && DocumentFonts.IsChinese(text[i]) == DocumentFonts.IsChinese(text[start]))
                    continue;
                var run = text[start..i];
                Gfx.DrawString(run, font.For(text[start]), brush, x, baseline);
                x += Measure(run, font);
                start = i;
            }
        }

        private static bool InWord(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or ':' or '-' or '_' or '/';

        /// <summary>Lines of at most <paramref name="width"/>; Chinese breaks between any two characters, but a closing mark never starts a line.</summary>
        private List<(string Text, double Indent)> Wrap(string text, Face font, double width, double indent)
        {
            var lines = new List<(string, double)>();
            foreach (var paragraph in text.Split('\n'))
            {
                var start = 0;
                var used = indent;
                var first = true;
                for (var i = 0; i < paragraph.Length; i++)
                {
                    var w = Width(paragraph[i], font);
                    if (used + w > width && i > start && !"，。、；：！？）》」’”%".Contains(paragraph[i], StringComparison.Ordinal))
                    {
                        // A number, a time or a Latin word stays whole (「09:00」 is not split into 「09:0」 and 「0」): the line
                        // breaks before it, unless it alone is wider than the line.
                        var cut = i;
                        while (cut > start && InWord(paragraph[cut - 1]) && InWord(paragraph[cut]))
                            cut--;
                        if (cut == start)
                            cut = i;
                        lines.Add((paragraph[start..cut], first ? indent : 0));
                        first = false;
                        start = cut;
                        used = 0;
                        for (var k = cut; k < i; k++)
                            used += Width(paragraph[k], font);
                    }
                    used += w;
                }
                lines.Add((paragraph[start..], first ? indent : 0));
            }
            return lines;
        }
    }
}
