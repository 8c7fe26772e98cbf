using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Chengxin.Sheets;

/// <summary>
/// A sheet to write: a cell is text, or a number (decimal, int, long) stored as a number so that Excel sums and sorts it;
/// a list of strings converts as it is. A hidden sheet carries what a program reads back and a person need not see.
/// </summary>
public sealed record XlsxSheet(string Name, IReadOnlyList<string> Header, IEnumerable<IReadOnlyList<object?>> Rows, bool Hidden = false);

/// <summary>
/// The smallest XLSX writer the exports and templates need: sheets with a bold header row, text and number cells,
/// columns as wide as their content. Offices exchange unit lists, facts and rankings as Excel files, so this is the format.
/// </summary>
public static class XlsxWriter
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static byte[] Write(string sheetName, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object?>> rows) =>
        Write([new XlsxSheet(sheetName, header, rows)]);

    /// <summary>A workbook of several sheets (a ranking per class, a score sheet per unit), each with its header row first.</summary>
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
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
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
                list.Append(new Sheet
                {
                    Id = workbook.GetIdOfPart(worksheet), SheetId = sheetId++, Name = SheetName(sheet.Name, names),
                    State = sheet.Hidden ? new EnumValue<SheetStateValues>(SheetStateValues.Hidden) : null,
                });
            }
            workbook.Workbook.Save();
        }
        return stream.ToArray();
    }

    /// <summary>The names <see cref="Write(IEnumerable{XlsxSheet})"/> gives sheets wanted under these names, in order.</summary>
    public static IReadOnlyList<string> SheetNames(IEnumerable<string> wanted)
    {
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        return [.. wanted.Select(w => SheetName(w, taken))];
    }

    /// <summary>Excel refuses sheet names over 31 characters, with []:*?/\ in them, or repeated; a unit's name can be any of these.</summary>
    private static string SheetName(string wanted, HashSet<string> taken)
    {
        var clean = new string(wanted.Select(c => "[]:*?/\\".Contains(c) ? '_' : c).ToArray()).Trim();
        if (clean.Length == 0)
            clean = "Sheet";
        var name = clean.Length > 31 ? clean[..31] : clean;
        for (var n = 2; !taken.Add(name); n++)
        {
            var suffix = $"({n})";
            name = (clean.Length + suffix.Length > 31 ? clean[..(31 - suffix.Length)] : clean) + suffix;
        }
        return name;
    }

    /// <summary>A file name for a workbook: the office's own words (a download's Content-Disposition carries it as RFC 5987 filename*), without characters a file system refuses.</summary>
    public static string FileName(params string[] parts) =>
        new string(string.Join("-", parts.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p.Trim()))
            .Select(c => "\\/:*?\"<>|".Contains(c) || char.IsControl(c) ? '_' : c).ToArray()) + ".xlsx";

    // Style indexes in Styles(): the default, the bold header, long text wrapped at the column's width.
    private const uint HeaderStyle = 1;
    private const uint WrappedStyle = 2;
    private const double MinWidth = 6;
    private const double MaxWidth = 60;

    private static Stylesheet Styles() => new(
        new Fonts(new Font(), new Font(new Bold())),
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })),
        new Borders(new Border()),
        new CellFormats(
            new CellFormat(),
            new CellFormat { FontId = 1, ApplyFont = true },
            new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top }) { ApplyAlignment = true }));

    /// <summary>Each column as wide as its widest cell (a Chinese character counts as two), within bounds; longer text wraps.</summary>
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

    /// <summary>A zero-based column as Excel names it: 0 → A, 26 → AA.</summary>
    public static string ColumnName(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
            name = (char)('A' + (n - 1) % 26) + name;
        return name;
    }

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
            cell.CellReference = ColumnName(column) + index.ToString(CultureInfo.InvariantCulture);
            if (header) cell.StyleIndex = HeaderStyle;
            else if (DisplayWidth(text) + 2 > widths[column]) cell.StyleIndex = WrappedStyle;
            row.Append(cell);
            column++;
        }
        return row;
    }
}
