using System.Globalization;
using Chengxin.Sheets;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Chengxin.ExportBench;

/// <summary>
/// The writer before streaming (src/Chengxin.Sheets/XlsxWriter.cs up to commit 76fbb28), kept here for the "before" figures:
/// every row listed, the workbook built as OpenXML objects in a package in memory, then copied out.
/// </summary>
internal static class PreviousWriter
{
    private const uint HeaderStyle = 1;
    private const uint WrappedStyle = 2;
    private const double MinWidth = 6;
    private const double MaxWidth = 60;

    public static byte[] Write(IEnumerable<XlsxSheet> sheets)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
            var list = workbook.Workbook.AppendChild(new DocumentFormat.OpenXml.Spreadsheet.Sheets());
            uint sheetId = 1;
            foreach (var sheet in sheets)
            {
                var worksheet = workbook.AddNewPart<WorksheetPart>();
                var data = new SheetData();
                var rows = sheet.Rows.ToList();
                var widths = Widths(sheet.Header, rows);
                data.Append(Row(1, sheet.Header, widths, header: true));
                uint index = 2;
                foreach (var row in rows)
                    data.Append(Row(index++, row, widths, header: false));
                worksheet.Worksheet = new Worksheet(Columns(widths), data);
                list.Append(new Sheet { Id = workbook.GetIdOfPart(worksheet), SheetId = sheetId, Name = sheet.Name + sheetId });
                sheetId++;
            }
            workbook.Workbook.Save();
        }
        return stream.ToArray();
    }

    private static Stylesheet Styles() => new(
        new Fonts(new Font(), new Font(new Bold())),
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })),
        new Borders(new Border()),
        new CellFormats(
            new CellFormat(),
            new CellFormat { FontId = 1, ApplyFont = true },
            new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top }) { ApplyAlignment = true }));

    private static double[] Widths(IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<object?>> rows)
    {
        var count = Math.Max(header.Count, rows.Count == 0 ? 0 : rows.Max(r => r.Count));
        var widths = new double[count];
        void Measure(IReadOnlyList<object?> row)
        {
            for (var i = 0; i < row.Count; i++)
                widths[i] = Math.Max(widths[i], DisplayWidth(CellText(row[i])) + 2);
        }
        Measure(header);
        foreach (var row in rows) Measure(row);
        return [.. widths.Select(w => Math.Clamp(w, MinWidth, MaxWidth))];
    }

    private static int DisplayWidth(string text) => text.Sum(c => c >= '\u2E80' ? 2 : 1);

    private static Columns Columns(double[] widths) =>
        new(widths.Select((w, i) => new Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = w, CustomWidth = true }));

    private static string CellText(object? value) => value switch
    {
        null => "",
        decimal d => d.ToString("0.##########", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static Row Row(uint index, IEnumerable<object?> values, double[] widths, bool header)
    {
        var row = new Row { RowIndex = index };
        var column = 0;
        foreach (var value in values)
        {
            var text = CellText(value);
            var cell = value is decimal or int or long
                ? new Cell { DataType = CellValues.Number, CellValue = new CellValue(text) }
                : new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(text)) };
            cell.CellReference = XlsxWriter.ColumnName(column) + index.ToString(CultureInfo.InvariantCulture);
            if (header) cell.StyleIndex = HeaderStyle;
            else if (DisplayWidth(text) + 2 > widths[column]) cell.StyleIndex = WrappedStyle;
            row.Append(cell);
            column++;
        }
        return row;
    }
}
