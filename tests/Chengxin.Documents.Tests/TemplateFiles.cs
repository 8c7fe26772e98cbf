using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Chengxin.Documents.Tests;

/// <summary>Templates as an office's Word saves them: paragraphs and table rows whose text may be split over several runs.</summary>
public static class TemplateFiles
{
    /// <summary>A DOCX whose body is the given paragraphs (each a list of runs) and, after them, a table of the given rows of cells.</summary>
    public static byte[] Make(IEnumerable<string[]> paragraphs, IEnumerable<string[]>? rows = null)
    {
        using var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            var body = new Body(paragraphs.Select(runs => new Paragraph(runs.Select(r => new Run(new Text(r) { Space = SpaceProcessingModeValues.Preserve })))));
            if (rows is not null)
                body.Append(new Table(rows.Select(cells => new TableRow(cells.Select(c => new TableCell(new Paragraph(new Run(new Text(c)))))))));
            main.Document = new Document(body);
            main.Document.Save();
        }
        return stream.ToArray();
    }

    public static TemplateData Data() => new(
        new Dictionary<string, string> { ["标题"] = "第三季度通报", ["单位数"] = "12", ["总体情况"] = "第一句。\n第二句。" },
        new Dictionary<string, TemplateTable>
        {
            ["排名"] = new(["名次", "单位", "等次"], [["1", "甲局", "红名单"], ["2", "乙局", "蓝名单"]]),
        },
        new Dictionary<string, byte[]> { ["等次分布"] = Charts.GradeDistribution("等次分布", [new ChartBar("红名单", 1), new ChartBar("蓝名单", 1)]) });
}
