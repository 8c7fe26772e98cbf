using System.Globalization;
using Chengxin.Sheets;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Chengxin.ExportBench;

/// <summary>
/// The floor: the OpenXML SDK's SAX writer (<see cref="OpenXmlWriter"/>) writing the same cells into a package, as its
/// documentation recommends for large sheets. It has none of the writer's extras: no column widths (so no held-back sample),
/// no wrapped style, no styles part.
/// </summary>
internal static class OpenXmlFloor
{
    public static void Write(string path, IEnumerable<XlsxSheet> sheets)
    {
        using var document = SpreadsheetDocument.Create(path, SpreadsheetDocumentType.Workbook);
        var workbookPart = document.AddWorkbookPart();
        var written = new List<(string Id, string Name)>();
        foreach (var sheet in sheets)
        {
            var part = workbookPart.AddNewPart<WorksheetPart>();
            using (var writer = OpenXmlWriter.Create(part))
            {
                writer.WriteStartElement(new Worksheet());
                writer.WriteStartElement(new SheetData());
                var index = 1;
                Row(writer, index++, sheet.Header);
                foreach (var row in sheet.Rows)
                    Row(writer, index++, row);
                writer.WriteEndElement();
                writer.WriteEndElement();
            }
            written.Add((workbookPart.GetIdOfPart(part), sheet.Name));
        }
        using (var writer = OpenXmlWriter.Create(workbookPart))
        {
            writer.WriteStartElement(new Workbook());
            writer.WriteStartElement(new DocumentFormat.OpenXml.Spreadsheet.Sheets());
            for (var i = 0; i < written.Count; i++)
                writer.WriteElement(new Sheet { Id = written[i].Id, SheetId = (uint)(i + 1), Name = written[i].Name });
            writer.WriteEndElement();
            writer.WriteEndElement();
        }
    }

    private static void Row(OpenXmlWriter writer, int index, IReadOnlyList<object?> values)
    {
        var r = index.ToString(CultureInfo.InvariantCulture);
        writer.WriteStartElement(new Row(), [new OpenXmlAttribute("r", "", r)]);
        for (var column = 0; column < values.Count; column++)
        {
            var value = values[column];
            var reference = XlsxWriter.ColumnName(column) + r;
            writer.WriteElement(value switch
            {
                decimal d => new Cell { CellReference = reference, DataType = CellValues.Number, CellValue = new CellValue(d.ToString("0.##########", CultureInfo.InvariantCulture)) },
                int or long => new Cell { CellReference = reference, DataType = CellValues.Number, CellValue = new CellValue(((IFormattable)value).ToString(null, CultureInfo.InvariantCulture)) },
                _ => new Cell { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(value?.ToString() ?? "")) },
            });
        }
        writer.WriteEndElement();
    }
}
