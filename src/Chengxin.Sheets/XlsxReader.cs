using System.IO.Compression;
using System.Xml;

namespace Chengxin.Sheets;

/// <summary>A cell as read: its row number as Excel shows it, its zero-based column, its text, whether it holds a number, whether it shows as a percentage.</summary>
public readonly record struct XlsxCell(int Row, int Column, string Text, bool IsNumber, bool IsPercent);

/// <summary>
/// Reads a workbook's sheets as text without ever building the document: the zip parts are decompressed as they are
/// read, through one budget for the whole file, and the XML is read forward only with DTDs refused. A 140 KB upload
/// can hold 47 MB of sheet XML (issue 12, F7); read whole into the OpenXML object model it took the server to 1.2 GB,
/// and a 1.1 MB one to OutOfMemory. Here memory follows the cells actually kept, and every limit ends in a 400.
/// </summary>
public sealed class XlsxReader : IDisposable
{
    /// <summary>Decompressed bytes read from one file, all parts together: ten times the largest upload, as real workbooks compress.</summary>
    public const long MaxUncompressedBytes = 100L * 1024 * 1024;

    /// <summary>Rows of one sheet after the header: every unit of a province, with room to spare.</summary>
    public const int MaxRows = 100_000;

    /// <summary>Cells kept from one sheet (empty ones padding a row count): bounds the memory a sheet of sparse far-off cells could take.</summary>
    public const int MaxCells = 5_000_000;

    /// <summary>Excel's own last column (XFD).</summary>
    private const int MaxColumns = 16_384;

    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string RelationshipsNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string NotAWorkbook = "文件不是有效的 Excel（.xlsx）工作簿，请用 Excel 另存为 .xlsx 后重新上传。";

    private static readonly XmlReaderSettings Settings = new()
    {
        // A DTD is how XXE and entity expansion (the billion laughs) get in; a workbook saved by Excel never has one.
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CloseInput = true,
    };

    private readonly ZipArchive _zip;
    private long _budget = MaxUncompressedBytes;

    private XlsxReader(ZipArchive zip) => _zip = zip;

    public static XlsxReader Open(Stream buffer)
    {
        try
        {
            var zip = new ZipArchive(buffer, ZipArchiveMode.Read);
            // The sizes the zip declares already tell a bomb apart, before a byte is inflated; the budget below catches a zip that lies.
            if (zip.Entries.Sum(e => e.Length) > MaxUncompressedBytes)
                throw TooBig();
            return new XlsxReader(zip);
        }
        catch (InvalidDataException)
        {
            throw new UnusableWorkbookException(NotAWorkbook);
        }
    }

    public void Dispose() => _zip.Dispose();

    /// <summary>
    /// The first sheet as rows of text, the header row first; <paramref name="checkHeader"/> sees the header row before any other
    /// row is read and returns why it is wrong, or null.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<string>> ReadFirst(Stream buffer, Func<IReadOnlyList<string>, string?>? checkHeader = null)
    {
        using var workbook = Open(buffer);
        var first = workbook.Sheets().FirstOrDefault();
        if (first.Path is null)
            throw new UnusableWorkbookException("工作簿中没有工作表。");
        return workbook.Rows(first.Path, checkHeader);
    }

    /// <summary>Every sheet by name, hidden ones too, each as rows of text with the header row first.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<IReadOnlyList<string>>> ReadAll(Stream buffer)
    {
        using var workbook = Open(buffer);
        var result = new Dictionary<string, IReadOnlyList<IReadOnlyList<string>>>(StringComparer.Ordinal);
        foreach (var (name, path) in workbook.Sheets())
            result[name] = workbook.Rows(path, null);
        return result;
    }

    /// <summary>The sheets in workbook order: their names and the zip paths of their parts.</summary>
    public IReadOnlyList<(string Name, string Path)> Sheets()
    {
        var workbook = Target(Relationships("_rels/.rels"), "/officeDocument", "") ?? "xl/workbook.xml";
        var folder = workbook.Contains('/') ? workbook[..(workbook.LastIndexOf('/') + 1)] : "";
        var relationships = Relationships($"{folder}_rels/{workbook[folder.Length..]}.rels");
        var sheets = new List<(string, string)>();
        Read(workbook, reader =>
        {
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "sheet" && reader.NamespaceURI == Main
                    && reader.GetAttribute("id", RelationshipsNs) is { } id && relationships.TryGetValue(id, out var rel))
                    sheets.Add((reader.GetAttribute("name") ?? "", Resolve(folder, rel.Target)));
            }
        });
        _sharedStrings = Target(relationships, "/sharedStrings", folder);
        _styles = Target(relationships, "/styles", folder);
        _sheetsRead = true;
        return sheets;
    }

    private bool _sheetsRead;
    private string? _sharedStrings;
    private string? _styles;
    private List<string>? _shared;
    private HashSet<int>? _percentStyles;

    /// <summary>
    /// One sheet's cells row by row, the header row first, each with its row number as Excel shows it, whether it holds a number
    /// and whether its number format shows a percentage (85% typed into a 0% cell is stored as 0.85). Empty rows are left out.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<XlsxCell>> Cells(string path)
    {
        var cells = new List<IReadOnlyList<XlsxCell>>();
        Scan(path, null, cells);
        return cells;
    }

    /// <summary>
    /// One sheet's rows of text, the header row first; <paramref name="checkHeader"/> judges the header before the rest is read.
    /// A cell's text is its shared string, its inline string, or its stored value (numbers, dates and formulas as saved).
    /// One forward pass with the state of the row and cell at hand, so no element is ever held whole.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<string>> Rows(string path, Func<IReadOnlyList<string>, string?>? checkHeader) =>
        Scan(path, checkHeader, null);

    private List<IReadOnlyList<string>> Scan(string path, Func<IReadOnlyList<string>, string?>? checkHeader, List<IReadOnlyList<XlsxCell>>? typed)
    {
        // The workbook's relationships name the shared strings; they are read once, before the first sheet that may use them.
        if (!_sheetsRead)
            Sheets();
        var shared = _shared ??= SharedStrings();
        var percent = typed is null ? new HashSet<int>() : _percentStyles ??= PercentStyles();
        var rows = new List<IReadOnlyList<string>>();
        var cells = 0;
        List<string>? row = null;
        List<XlsxCell>? typedRow = null;
        var rowNumber = 0;
        int? column = null;
        string? type = null;
        int? style = null;
        var value = new System.Text.StringBuilder();
        var inline = new System.Text.StringBuilder();
        var (inValue, inText, inPhonetic) = (false, false, false);

        void StartRow()
        {
            if (rows.Count > MaxRows)
                throw new UnusableWorkbookException($"工作表超过 {MaxRows} 行，请拆分后分批导入。");
            row = [];
            typedRow = typed is null ? null : [];
        }

        void EndRow()
        {
            rows.Add(row!);
            if (typedRow is { Count: > 0 })
                typed!.Add(typedRow);
            if (rows.Count == 1 && checkHeader?.Invoke(row!) is { } wrong)
                throw new UnusableWorkbookException(wrong);
            row = null;
        }

        void EndCell()
        {
            if (row is null)
                return;
            var before = row.Count;
            while (column is { } c && row.Count < c)
                row.Add("");
            var text = type switch
            {
                "s" when int.TryParse(value.ToString(), out var i) && i >= 0 && i < shared.Count => shared[i],
                "s" => "",
                "inlineStr" => inline.ToString(),
                _ => value.ToString(),
            };
            row.Add(text.Trim());
            typedRow?.Add(new XlsxCell(rowNumber, row.Count - 1, text.Trim(), type is null or "n" && value.Length > 0,
                style is { } s && percent.Contains(s)));
            cells += row.Count - before;
            if (cells > MaxCells)
                throw new UnusableWorkbookException($"工作表超过 {MaxCells} 个单元格，请拆分后分批导入。");
        }

        Read(path, reader =>
        {
            while (reader.Read())
            {
                switch (reader.NodeType)
                {
                    case XmlNodeType.Element when reader.NamespaceURI == Main:
                        switch (reader.LocalName)
                        {
                            case "row":
                                rowNumber = int.TryParse(reader.GetAttribute("r"), out var r) ? r : rowNumber + 1;
                                StartRow();
                                if (reader.IsEmptyElement)
                                    EndRow();
                                break;
                            case "c":
                                column = Column(reader.GetAttribute("r"));
                                type = reader.GetAttribute("t");
                                style = int.TryParse(reader.GetAttribute("s"), out var st) ? st : null;
                                value.Clear();
                                inline.Clear();
                                if (reader.IsEmptyElement)
                                    EndCell();
                                break;
                            case "v":
                                inValue = !reader.IsEmptyElement;
                                break;
                            case "rPh":
                                inPhonetic = !reader.IsEmptyElement;
                                break;
                            case "t":
                                inText = !reader.IsEmptyElement && !inPhonetic;
                                break;
                        }
                        break;
                    case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace:
                        if (inValue)
                            value.Append(reader.Value);
                        else if (inText)
                            inline.Append(reader.Value);
                        break;
                    case XmlNodeType.EndElement when reader.NamespaceURI == Main:
                        switch (reader.LocalName)
                        {
                            case "v":
                                inValue = false;
                                break;
                            case "t":
                                inText = false;
                                break;
                            case "rPh":
                                inPhonetic = false;
                                break;
                            case "c":
                                EndCell();
                                break;
                            case "row" when row is not null:
                                EndRow();
                                break;
                        }
                        break;
                }
            }
        });
        if (rows.Count == 0 && checkHeader?.Invoke([]) is { } missing)
            throw new UnusableWorkbookException(missing);
        return rows;
    }

    /// <summary>The cell styles whose number format shows a percentage: the built-in 0% and 0.00% (9, 10), or a custom format with %.</summary>
    private HashSet<int> PercentStyles()
    {
        var result = new HashSet<int>();
        if (_styles is null || _zip.GetEntry(_styles) is null)
            return result;
        var custom = new HashSet<int> { 9, 10 };
        var (inCellFormats, index) = (false, 0);
        Read(_styles, reader =>
        {
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "numFmt"
                    && (reader.GetAttribute("formatCode") ?? "").Contains('%') && int.TryParse(reader.GetAttribute("numFmtId"), out var id))
                    custom.Add(id);
                else if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "cellXfs")
                    inCellFormats = !reader.IsEmptyElement;
                else if (reader.NodeType == XmlNodeType.EndElement && reader.LocalName == "cellXfs")
                    inCellFormats = false;
                else if (inCellFormats && reader.NodeType == XmlNodeType.Element && reader.LocalName == "xf")
                {
                    // numFmts come before cellXfs in a stylesheet, so every custom percentage is known by now.
                    if (int.TryParse(reader.GetAttribute("numFmtId"), out var format) && custom.Contains(format))
                        result.Add(index);
                    index++;
                }
            }
        });
        return result;
    }

    /// <summary>The shared strings in order: each item's &lt;t&gt; texts joined (rich-text runs), phonetic guides left out.</summary>
    private List<string> SharedStrings()
    {
        var strings = new List<string>();
        if (_sharedStrings is null || _zip.GetEntry(_sharedStrings) is null)
            return strings;
        var text = new System.Text.StringBuilder();
        var (inText, inPhonetic) = (false, false);
        Read(_sharedStrings, reader =>
        {
            while (reader.Read())
            {
                switch (reader.NodeType)
                {
                    case XmlNodeType.Element when reader.LocalName == "si":
                        if (strings.Count >= MaxCells)
                            throw new UnusableWorkbookException($"工作簿超过 {MaxCells} 个文本，请拆分后分批导入。");
                        text.Clear();
                        if (reader.IsEmptyElement)
                            strings.Add("");
                        break;
                    case XmlNodeType.Element when reader.LocalName == "rPh":
                        inPhonetic = !reader.IsEmptyElement;
                        break;
                    case XmlNodeType.Element when reader.LocalName == "t":
                        inText = !reader.IsEmptyElement && !inPhonetic;
                        break;
                    case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace when inText:
                        text.Append(reader.Value);
                        break;
                    case XmlNodeType.EndElement when reader.LocalName == "t":
                        inText = false;
                        break;
                    case XmlNodeType.EndElement when reader.LocalName == "rPh":
                        inPhonetic = false;
                        break;
                    case XmlNodeType.EndElement when reader.LocalName == "si":
                        strings.Add(text.ToString());
                        break;
                }
            }
        });
        return strings;
    }

    /// <summary>The zero-based column of a reference such as "AB12"; null without one (the cell follows the previous).</summary>
    private static int? Column(string? reference)
    {
        if (string.IsNullOrEmpty(reference))
            return null;
        var index = 0;
        foreach (var c in reference.TakeWhile(char.IsAsciiLetter))
        {
            index = index * 26 + (char.ToUpperInvariant(c) - 'A' + 1);
            if (index > MaxColumns)
                throw new UnusableWorkbookException($"单元格「{reference[..Math.Min(reference.Length, 20)]}」超出 Excel 的列范围。");
        }
        return index - 1;
    }

    private Dictionary<string, (string Type, string Target)> Relationships(string path)
    {
        var result = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        if (_zip.GetEntry(path) is null)
            return result;
        Read(path, reader =>
        {
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "Relationship"
                    && reader.GetAttribute("Id") is { } id && reader.GetAttribute("Target") is { } target)
                    result[id] = (reader.GetAttribute("Type") ?? "", target);
            }
        });
        return result;
    }

    private static string? Target(Dictionary<string, (string Type, string Target)> relationships, string typeSuffix, string folder) =>
        relationships.Values.FirstOrDefault(r => r.Type.EndsWith(typeSuffix, StringComparison.Ordinal)) is { Target: { } target }
            ? Resolve(folder, target)
            : null;

    /// <summary>A relationship target as a zip path: absolute ones from the root, others beside the part that names them.</summary>
    private static string Resolve(string folder, string target)
    {
        var path = target.StartsWith('/') ? target[1..] : folder + target;
        var parts = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part == "..")
            {
                if (parts.Count > 0)
                    parts.RemoveAt(parts.Count - 1);
            }
            else if (part is not ("." or ""))
                parts.Add(part);
        }
        return string.Join('/', parts);
    }

    /// <summary>Reads one part through the file's decompression budget; any fault of the zip or the XML is the upload's.</summary>
    private void Read(string path, Action<XmlReader> read)
    {
        var entry = _zip.GetEntry(path) ?? throw new UnusableWorkbookException(NotAWorkbook);
        try
        {
            using var reader = XmlReader.Create(new Budgeted(entry.Open(), this), Settings);
            read(reader);
        }
        catch (XmlException e)
        {
            throw new UnusableWorkbookException(e.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase)
                ? "工作簿含有文档类型定义（DTD），出于安全原因不予读取；请用 Excel 另存为 .xlsx 后重新上传。"
                : $"工作簿中「{path}」的 XML 无效（第 {e.LineNumber} 行第 {e.LinePosition} 列），请用 Excel 另存为 .xlsx 后重新上传。");
        }
        catch (InvalidDataException)
        {
            throw new UnusableWorkbookException(NotAWorkbook);
        }
    }

    private static UnusableWorkbookException TooBig() =>
        new($"工作簿解压后超过 {MaxUncompressedBytes / 1024 / 1024} MB，不是正常的导入文件；请删去多余内容或拆分后导入。");

    /// <summary>A part's decompressed bytes, counted against the file's budget as they are read.</summary>
    private sealed class Budgeted(Stream inner, XlsxReader owner) : Stream
    {
        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = inner.Read(buffer, offset, count);
            owner._budget -= read;
            if (owner._budget < 0)
                throw TooBig();
            return read;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
                inner.Dispose();
            base.Dispose(disposing);
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
