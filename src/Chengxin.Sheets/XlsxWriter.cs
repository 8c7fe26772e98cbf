using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;

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
/// <remarks>
/// The package is written forward, part after part, into a zip in create mode: each row becomes UTF-8 XML in one small
/// buffer that goes to the zip entry when full, so a province's ranking (80,000 rows) streams to a response body without
/// the workbook, its XML or its rows ever being held whole (bench/Chengxin.ExportBench, B6). The workbook part, which names
/// the sheets, is written after them: a zip's parts may come in any order.
/// </remarks>
public static class XlsxWriter
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The rows a sheet's column widths are measured on (all of them in any smaller sheet): widths come before the rows in
    /// the sheet's XML, so a streamed sheet can only be measured on rows it holds back, and a thousand show every column's kind.</summary>
    public const int WidthSampleRows = 1_000;

    public static byte[] Write(string sheetName, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object?>> rows) =>
        Write([new XlsxSheet(sheetName, header, rows)]);

    /// <summary>A workbook of several sheets (a ranking per class, a score sheet per unit), each with its header row first.</summary>
    public static byte[] Write(IEnumerable<XlsxSheet> sheets)
    {
        using var stream = new MemoryStream();
        Write(stream, sheets);
        return stream.ToArray();
    }

    /// <summary>Writes the workbook to <paramref name="destination"/> as its rows are enumerated (a file, a template download).</summary>
    public static void Write(Stream destination, IEnumerable<XlsxSheet> sheets)
    {
        foreach (var _ in Package(destination, sheets)) { }
    }

    /// <summary>
    /// Writes the workbook to a response body as its rows are enumerated, with asynchronous writes only (a server refuses
    /// synchronous ones): the zip writes into a spool that is emptied into <paramref name="destination"/> whenever it holds
    /// a buffer's worth, so what is held at any time is about one buffer of compressed bytes.
    /// </summary>
    /// <remarks>The zip's own streams finish an entry with synchronous writes even when disposed asynchronously, hence the spool.</remarks>
    public static async Task WriteAsync(Stream destination, IEnumerable<XlsxSheet> sheets, CancellationToken ct = default)
    {
        using var spool = new Spool();
        foreach (var _ in Package(spool, sheets))
            await spool.DrainAsync(destination, force: false, ct);
        await spool.DrainAsync(destination, force: true, ct);
    }

    /// <summary>
    /// <see cref="WriteAsync(Stream, IEnumerable{XlsxSheet}, CancellationToken)"/> for sheets that are read as they are written (a
    /// province's score sheet, a batch of units from the database at a time): the same package, byte for byte, with each sheet
    /// awaited before it is written, so that the first bytes leave while later sheets are still being read.
    /// </summary>
    public static async Task WriteAsync(Stream destination, IAsyncEnumerable<XlsxSheet> sheets, CancellationToken ct = default)
    {
        using var spool = new Spool();
        using (var zip = new ZipArchive(spool, ZipArchiveMode.Create, leaveOpen: true))
        {
            var book = new Book();
            await foreach (var sheet in sheets.WithCancellation(ct))
                foreach (var _ in Sheet(zip, book, sheet))
                    await spool.DrainAsync(destination, force: false, ct);
            book.WriteParts(zip);
        }
        await spool.DrainAsync(destination, force: true, ct);
    }

    /// <summary>Writes the package into <paramref name="target"/>, yielding whenever a sheet's buffer went into its zip entry.</summary>
    private static IEnumerable<int> Package(Stream target, IEnumerable<XlsxSheet> sheets)
    {
        using var zip = new ZipArchive(target, ZipArchiveMode.Create, leaveOpen: true);
        var book = new Book();
        foreach (var sheet in sheets)
            foreach (var step in Sheet(zip, book, sheet))
                yield return step;
        book.WriteParts(zip);
        yield return 0;
    }

    /// <summary>Writes one sheet into its zip entry, yielding whenever its buffer went into the entry, and once the entry is closed.</summary>
    private static IEnumerable<int> Sheet(ZipArchive zip, Book book, XlsxSheet sheet)
    {
        using (var entry = zip.CreateEntry(book.Next(sheet), Compression).Open())
        using (var xml = new SheetXml(entry))
        {
            foreach (var _ in xml.Rows(sheet))
                if (xml.Flush()) yield return 0;
            xml.Flush(force: true);
        }
        // A small sheet never fills the buffer, and its compressed bytes reach the target only when its entry closes: without this
        // step a workbook of many small sheets (a score sheet per unit, 3,000 of them) was spooled whole before its first byte left.
        yield return 0;
    }

    /// <summary>Bytes on their way to a destination that takes asynchronous writes only: forward, no length, emptied by <see cref="DrainAsync"/>.</summary>
    private sealed class Spool : Stream
    {
        private const int DrainAt = 64 * 1024;
        private readonly MemoryStream _pending = new();
        private long _written;

        public async ValueTask DrainAsync(Stream destination, bool force, CancellationToken ct)
        {
            if (_pending.Length == 0 || (!force && _pending.Length < DrainAt)) return;
            await destination.WriteAsync(_pending.GetBuffer().AsMemory(0, (int)_pending.Length), ct);
            _pending.SetLength(0);
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            _pending.Write(buffer);
            _written += buffer.Length;
        }

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _written; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }

    // Deflate's default level, as the OpenXML package used: Fastest took a third off the time but made files half again as large.
    private const CompressionLevel Compression = CompressionLevel.Optimal;

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

    /// <summary>A zero-based column as Excel names it: 0 → A, 26 → AA.</summary>
    public static string ColumnName(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
            name = (char)('A' + (n - 1) % 26) + name;
        return name;
    }

    // Style indexes in StylesXml: the default, the bold header, long text wrapped at the column's width.
    private const int HeaderStyle = 1;
    private const int WrappedStyle = 2;
    private const double MinWidth = 6;
    private const double MaxWidth = 60;

    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string DocumentRelationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string PackageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships";

    private const string StylesXml =
        $"""<?xml version="1.0" encoding="utf-8"?><styleSheet xmlns="{Main}"><fonts count="2"><font/><font><b/></font></fonts>"""
        + """<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>"""
        + """<borders count="1"><border/></borders><cellXfs count="3"><xf/><xf fontId="1" applyFont="1"/>"""
        + """<xf applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf></cellXfs></styleSheet>""";

    /// <summary>The sheets written so far, for the parts that name them (workbook, relationships, content types).</summary>
    private sealed class Book
    {
        private readonly HashSet<string> _taken = new(StringComparer.OrdinalIgnoreCase);
        private readonly List<(string Name, bool Hidden)> _sheets = [];

        /// <summary>The zip path of the next sheet's part.</summary>
        public string Next(XlsxSheet sheet)
        {
            _sheets.Add((SheetName(sheet.Name, _taken), sheet.Hidden));
            return $"xl/worksheets/sheet{_sheets.Count}.xml";
        }

        public void WriteParts(ZipArchive zip)
        {
            foreach (var (path, text) in Parts())
            {
                using var entry = zip.CreateEntry(path, Compression).Open();
                entry.Write(Encoding.UTF8.GetBytes(text));
            }
        }

        private IEnumerable<(string Path, string Text)> Parts()
        {
            var types = new StringBuilder($"""<?xml version="1.0" encoding="utf-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">""")
                .Append("""<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>""")
                .Append("""<Default Extension="xml" ContentType="application/xml"/>""")
                .Append("""<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>""")
                .Append("""<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>""");
            var workbook = new StringBuilder($"""<?xml version="1.0" encoding="utf-8"?><workbook xmlns="{Main}" xmlns:r="{DocumentRelationships}"><sheets>""");
            var relationships = new StringBuilder($"""<?xml version="1.0" encoding="utf-8"?><Relationships xmlns="{PackageRelationships}">""")
                .Append($"""<Relationship Id="rStyles" Type="{DocumentRelationships}/styles" Target="styles.xml"/>""");
            for (var i = 1; i <= _sheets.Count; i++)
            {
                var (name, hidden) = _sheets[i - 1];
                types.Append($"""<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>""");
                workbook.Append($"""<sheet name="{Escape(name)}" sheetId="{i}"{(hidden ? " state=\"hidden\"" : "")} r:id="rSheet{i}"/>""");
                relationships.Append($"""<Relationship Id="rSheet{i}" Type="{DocumentRelationships}/worksheet" Target="worksheets/sheet{i}.xml"/>""");
            }
            yield return ("xl/workbook.xml", workbook.Append("</sheets></workbook>").ToString());
            yield return ("xl/_rels/workbook.xml.rels", relationships.Append("</Relationships>").ToString());
            yield return ("xl/styles.xml", StylesXml);
            yield return ("[Content_Types].xml", types.Append("</Types>").ToString());
            yield return ("_rels/.rels", $"""<?xml version="1.0" encoding="utf-8"?><Relationships xmlns="{PackageRelationships}"><Relationship Id="rWorkbook" Type="{DocumentRelationships}/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
        }

        private static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;");
    }

    /// <summary>
    /// One sheet's XML, written as UTF-8 into a pooled buffer that the caller empties into the zip entry after each row once it is
    /// nearly full: the only thing of the sheet held is the width sample and one buffer.
    /// </summary>
    private sealed class SheetXml(Stream entry) : IDisposable
    {
        private const int FlushAt = 60 * 1024;
        private byte[] _buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        private int _length;
        private double[] _widths = [];
        private readonly char[] _number = new char[64];

        /// <summary>
        /// Writes the sheet into the buffer row by row, yielding after each so that the caller empties the buffer its own way
        /// (synchronously into a file, asynchronously into a response) and, at the end, what remains.
        /// </summary>
        public IEnumerable<int> Rows(XlsxSheet sheet)
        {
            using var rows = sheet.Rows.GetEnumerator();
            var sample = new List<IReadOnlyList<object?>>();
            while (sample.Count < WidthSampleRows && rows.MoveNext())
                sample.Add(rows.Current);
            _widths = Widths(sheet.Header, sample);

            Append($"""<?xml version="1.0" encoding="utf-8"?><worksheet xmlns="{Main}"><cols>""");
            for (var i = 0; i < _widths.Length; i++)
                Append($"""<col min="{i + 1}" max="{i + 1}" width="{XmlConvert.ToString(_widths[i])}" customWidth="1"/>""");
            Append("</cols><sheetData>");
            var index = 1;
            Row(index++, sheet.Header, header: true);
            yield return index;
            foreach (var row in sample)
            {
                Row(index++, row, header: false);
                yield return index;
            }
            sample.Clear();
            while (rows.MoveNext())
            {
                Row(index++, rows.Current, header: false);
                yield return index;
            }
            Append("</sheetData></worksheet>");
        }

        /// <summary>Empties the buffer into the zip entry once it is nearly full (or at the sheet's end); whether it did.</summary>
        public bool Flush(bool force = false)
        {
            if (_length == 0 || (!force && _length < FlushAt)) return false;
            entry.Write(_buffer, 0, _length);
            _length = 0;
            return true;
        }

        public void Dispose()
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }

        private void Row(int index, IReadOnlyList<object?> values, bool header)
        {
            Append("<row r=\"");
            AppendNumber(index);
            Append("\">");
            for (var column = 0; column < values.Count; column++)
            {
                var value = values[column];
                Append("<c r=\"");
                AppendColumn(column);
                AppendNumber(index);
                Append("\"");
                // A column the width sample did not reach (a later row longer than the first thousand) has the narrowest width.
                var width = column < _widths.Length ? _widths[column] : MinWidth;
                if (value is decimal or int or long)
                {
                    var digits = NumberText(value);
                    if (digits.Length + 2 > width) Append(" s=\"2\"");
                    Append(" t=\"n\"><v>");
                    Append(digits);
                    Append("</v></c>");
                    continue;
                }
                var text = CellText(value);
                if (header) Append(" s=\"1\"");
                else if (DisplayWidth(text) + 2 > width) Append(" s=\"2\"");
                Append(" t=\"inlineStr\"><is><t>");
                AppendEscaped(text);
                Append("</t></is></c>");
            }
            Append("</row>");
        }

        private ReadOnlySpan<char> NumberText(object value)
        {
            var written = value switch
            {
                decimal d => d.TryFormat(_number, out var n, "0.##########", CultureInfo.InvariantCulture) ? n : 0,
                int i => i.TryFormat(_number, out var n, default, CultureInfo.InvariantCulture) ? n : 0,
                _ => ((long)value).TryFormat(_number, out var n, default, CultureInfo.InvariantCulture) ? n : 0,
            };
            return _number.AsSpan(0, written);
        }

        private void AppendColumn(int column)
        {
            Span<char> name = stackalloc char[4];
            var at = name.Length;
            for (var n = column + 1; n > 0; n = (n - 1) / 26)
                name[--at] = (char)('A' + (n - 1) % 26);
            Append(name[at..]);
        }

        private void AppendNumber(int value)
        {
            Ensure(11);
            Utf8Formatter.TryFormat(value, _buffer.AsSpan(_length), out var n);
            _length += n;
        }

        private void Append(ReadOnlySpan<char> text)
        {
            Ensure(Encoding.UTF8.GetMaxByteCount(text.Length));
            _length += Encoding.UTF8.GetBytes(text, _buffer.AsSpan(_length));
        }

        /// <summary>Text as XML character data: markup escaped, and characters XML cannot carry (control characters) left out.</summary>
        private void AppendEscaped(string text)
        {
            var start = 0;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                var replacement = c switch
                {
                    '&' => "&amp;",
                    '<' => "&lt;",
                    '>' => "&gt;",
                    '\r' => "&#13;",
                    '\t' or '\n' => null,
                    < ' ' or '\uFFFE' or '\uFFFF' => "",
                    _ => null,
                };
                if (replacement is null) continue;
                Append(text.AsSpan(start, i - start));
                Append(replacement);
                start = i + 1;
            }
            Append(text.AsSpan(start));
        }

        private void Ensure(int bytes)
        {
            if (_length + bytes <= _buffer.Length) return;
            // A single cell larger than the buffer (a long explanation) grows it; rows are flushed between, so this stays rare.
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + bytes));
            _buffer.AsSpan(0, _length).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }
    }

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

    private static int DisplayWidth(string text)
    {
        var width = 0;
        foreach (var c in text) width += c >= '\u2E80' ? 2 : 1;
        return width;
    }

    private static string CellText(object? value) => value switch
    {
        null => "",
        decimal d => d.ToString("0.##########", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
