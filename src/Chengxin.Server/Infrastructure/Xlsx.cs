using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Chengxin.Server.Infrastructure;

public sealed record XlsxSheet(string Name, IReadOnlyList<string> Header, IEnumerable<IReadOnlyList<string?>> Rows);

/// <summary>
/// The smallest XLSX reader and writer the import and export need: sheets with a header row,
/// text cells. Offices exchange unit and user lists as Excel files, so this is the format.
/// </summary>
public static class Xlsx
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static byte[] Write(string sheetName, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows) =>
        Write([new XlsxSheet(sheetName, header, rows)]);

    /// <summary>A workbook of several sheets (a ranking per class, a score sheet per unit), each with its header row first.</summary>
    public static byte[] Write(IEnumerable<XlsxSheet> sheets)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var list = workbook.Workbook.AppendChild(new Sheets());
            uint sheetId = 1;
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var sheet in sheets)
            {
                var worksheet = workbook.AddNewPart<WorksheetPart>();
                var data = new SheetData();
                data.Append(Row(1, sheet.Header));
                uint index = 2;
                foreach (var row in sheet.Rows)
                    data.Append(Row(index++, row));
                worksheet.Worksheet = new Worksheet(data);
                list.Append(new Sheet { Id = workbook.GetIdOfPart(worksheet), SheetId = sheetId++, Name = SheetName(sheet.Name, names) });
            }
            workbook.Workbook.Save();
        }
        return stream.ToArray();
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

    /// <summary>Every sheet by name, each as rows of text, the header row first (for tests and multi-sheet checks).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<IReadOnlyList<string>>> ReadAll(Stream buffer)
    {
        using var workbook = XlsxReader.Open(buffer);
        var result = new Dictionary<string, IReadOnlyList<IReadOnlyList<string>>>(StringComparer.Ordinal);
        foreach (var (name, path) in workbook.Sheets())
            result[name] = workbook.Rows(path, null);
        return result;
    }

    /// <summary>The largest workbook an import accepts; a province's unit list is far smaller.</summary>
    public const int MaxBytes = 10 * 1024 * 1024;

    /// <summary>
    /// Reads an uploaded workbook's first sheet within the limits of <see cref="XlsxReader"/>; <paramref name="checkHeader"/>
    /// sees the header row before any other row is read and returns why it is wrong, or null. Every refusal is a
    /// <see cref="UnusableUploadException"/> (400) or <see cref="UploadTooLargeException"/> (413).
    /// </summary>
    public static async Task<IReadOnlyList<IReadOnlyList<string>>> ReadAsync(HttpRequest request, Func<IReadOnlyList<string>, string?> checkHeader,
        CancellationToken ct)
    {
        var bytes = await Uploads.ReadAsync(request, MaxBytes, ct);
        return Read(new MemoryStream(bytes), checkHeader);
    }

    /// <summary>Reads the first sheet as rows of text, the header row first. Throws <see cref="UnusableUploadException"/> for a file that is not a usable XLSX.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Read(Stream buffer, Func<IReadOnlyList<string>, string?>? checkHeader = null)
    {
        using var workbook = XlsxReader.Open(buffer);
        var first = workbook.Sheets().FirstOrDefault();
        if (first.Path is null)
            throw new UnusableUploadException("工作簿中没有工作表。");
        return workbook.Rows(first.Path, checkHeader);
    }

    private static Row Row(uint index, IEnumerable<string?> values)
    {
        var row = new Row { RowIndex = index };
        foreach (var value in values)
        {
            row.Append(new Cell
            {
                DataType = CellValues.InlineString,
                InlineString = new InlineString(new Text(value ?? "")),
            });
        }
        return row;
    }
}
