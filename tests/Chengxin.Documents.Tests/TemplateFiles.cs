using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Chengxin.Documents.Tests;

/// <summary>Templates as an office's Word saves them: paragraphs and table rows whose text may be split over several runs.</summary>
public static class TemplateFiles
{
    /// <summary>
    /// A DOCX whose body is the given paragraphs (each a list of runs) and, after them, a table of the given rows of cells (one run
    /// each) or of <paramref name="runRows"/> (cells of several runs); optionally bold cells, cells of a width in twips, and a
    /// header and a footer of one paragraph of runs.
    /// </summary>
    public static byte[] Make(IEnumerable<string[]> paragraphs, IEnumerable<string[]>? rows = null, IEnumerable<string[][]>? runRows = null,
        bool boldCells = false, int? cellWidth = null, string[]? header = null, string[]? footer = null)
    {
        using var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            var body = new Body(paragraphs.Select(Paragraph));
            var cells = runRows ?? rows?.Select(r => r.Select(c => new[] { c }).ToArray());
            if (cells is not null)
                body.Append(new Table(cells.Select(r => new TableRow(r.Select(runs =>
                {
                    var cell = new TableCell();
                    if (cellWidth is not null)
                        cell.Append(new TableCellProperties(new TableCellWidth { Type = TableWidthUnitValues.Dxa, Width = cellWidth.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) }));
                    cell.Append(Paragraph(runs, boldCells));
                    return cell;
                })))));
            var section = new SectionProperties();
            if (header is not null)
            {
                var part = main.AddNewPart<HeaderPart>();
                part.Header = new Header(Paragraph(header));
                part.Header.Save();
                section.Append(new HeaderReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(part) });
            }
            if (footer is not null)
            {
                var part = main.AddNewPart<FooterPart>();
                part.Footer = new Footer(Paragraph(footer));
                part.Footer.Save();
                section.Append(new FooterReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(part) });
            }
            if (section.HasChildren) body.Append(section);
            main.Document = new Document(body);
            main.Document.Save();
        }
        return stream.ToArray();
    }

    private static Paragraph Paragraph(string[] runs) => Paragraph(runs, false);

    private static Paragraph Paragraph(string[] runs, bool bold) => new(runs.Select(r =>
    {
        var run = new Run();
        if (bold) run.Append(new RunProperties(new Bold()));
        run.Append(new Text(r) { Space = SpaceProcessingModeValues.Preserve });
        return run;
    }));

    public static TemplateData Data() => new(
        new Dictionary<string, string> { ["标题"] = "第三季度通报", ["单位数"] = "12", ["总体情况"] = "第一句。\n第二句。" },
        new Dictionary<string, TemplateTable>
        {
            ["排名"] = new(["名次", "单位", "等次"], [["1", "甲局", "红名单"], ["2", "乙局", "蓝名单"]]),
        },
        new Dictionary<string, byte[]> { ["等次分布"] = Charts.GradeDistribution("等次分布", [new ChartBar("红名单", 1), new ChartBar("蓝名单", 1)]) });
}
