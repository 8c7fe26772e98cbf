using Chengxin.Domain;
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
        using var document = SpreadsheetDocument.Open(buffer, false);
        var workbook = document.WorkbookPart ?? throw new DomainRuleException("文件不是有效的 Excel（.xlsx）工作簿。");
        var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
        var result = new Dictionary<string, IReadOnlyList<IReadOnlyList<string>>>(StringComparer.Ordinal);
        foreach (var sheet in workbook.Workbook.Sheets?.Elements<Sheet>() ?? [])
            result[sheet.Name!.Value!] = Rows((WorksheetPart)workbook.GetPartById(sheet.Id!.Value!), shared);
        return result;
    }

    /// <summary>The largest workbook an import accepts; a province's unit list is far smaller.</summary>
    public const int MaxBytes = 10 * 1024 * 1024;

    /// <summary>Reads an uploaded workbook (request bodies can only be read asynchronously).</summary>
    public static async Task<IReadOnlyList<IReadOnlyList<string>>> ReadAsync(Stream input, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await input.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBytes)
                throw new DomainRuleException($"文件超过 {MaxBytes / 1024 / 1024} MB，请拆分后导入。");
        }
        buffer.Position = 0;
        return Read(buffer);
    }

    /// <summary>Reads the first sheet as rows of text, the header row first. Throws <see cref="DomainRuleException"/> for a file that is not XLSX.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Read(Stream buffer)
    {
        try
        {
            using var document = SpreadsheetDocument.Open(buffer, false);
            var workbook = document.WorkbookPart ?? throw new DomainRuleException("文件不是有效的 Excel（.xlsx）工作簿。");
            var sheet = workbook.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault() ?? throw new DomainRuleException("工作簿中没有工作表。");
            var part = (WorksheetPart)workbook.GetPartById(sheet.Id!.Value!);
            var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
            return Rows(part, shared);
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or FileFormatException or InvalidOperationException)
        {
            throw new DomainRuleException("文件不是有效的 Excel（.xlsx）工作簿。");
        }
    }

    private static List<IReadOnlyList<string>> Rows(WorksheetPart part, List<string> shared)
    {
        var result = new List<IReadOnlyList<string>>();
        foreach (var row in part.Worksheet.Descendants<Row>())
        {
            var cells = new List<string>();
            foreach (var cell in row.Elements<Cell>())
            {
                var column = ColumnIndex(cell.CellReference?.Value);
                while (column is not null && cells.Count < column)
                    cells.Add("");
                cells.Add(CellText(cell, shared).Trim());
            }
            result.Add(cells);
        }
        return result;
    }

    private static string CellText(Cell cell, List<string> shared)
    {
        if (cell.DataType?.Value == CellValues.SharedString && int.TryParse(cell.CellValue?.Text, out var i) && i < shared.Count)
            return shared[i];
        if (cell.DataType?.Value == CellValues.InlineString)
            return cell.InlineString?.InnerText ?? "";
        return cell.CellValue?.Text ?? "";
    }

    private static int? ColumnIndex(string? reference)
    {
        if (string.IsNullOrEmpty(reference))
            return null;
        var index = 0;
        foreach (var c in reference.TakeWhile(char.IsLetter))
            index = index * 26 + (char.ToUpperInvariant(c) - 'A' + 1);
        return index - 1;
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
