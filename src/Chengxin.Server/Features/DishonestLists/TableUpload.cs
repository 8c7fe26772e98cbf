using System.Text;
using Chengxin.Server.Infrastructure;

namespace Chengxin.Server.Features.DishonestLists;

/// <summary>
/// An uploaded table as rows of text, the header first: an XLSX workbook (its first sheet, read by <see cref="Xlsx"/> within its
/// limits) or a CSV file in UTF-8 or GBK/GB18030. The encoding is told by the bytes: text that is valid UTF-8 is read as UTF-8
/// (a BOM is dropped), anything else as GB18030, of which GBK is a subset; a GBK file of Chinese text is almost never valid UTF-8.
/// Columns are found by their header names, so a column may stand anywhere and extra columns are ignored.
/// </summary>
public sealed class TableUpload
{
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    static TableUpload() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private TableUpload(IReadOnlyList<IReadOnlyList<string>> rows) => Rows = rows;

    public IReadOnlyList<IReadOnlyList<string>> Rows { get; }

    public IReadOnlyList<string> Header => Rows.Count > 0 ? Rows[0] : [];

    public static async Task<TableUpload> ReadAsync(HttpRequest request, CancellationToken ct) => Parse(await Uploads.ReadAsync(request, Xlsx.MaxBytes, ct));

    public static TableUpload Parse(byte[] bytes)
    {
        // Every XLSX is a ZIP archive, which starts with "PK\3\4"; no CSV of names does.
        if (bytes.Length >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4)
            return new TableUpload(Xlsx.Read(new MemoryStream(bytes)));
        return new TableUpload(Csv(Decode(bytes)));
    }

    public static string Decode(byte[] bytes)
    {
        var start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        try
        {
            return StrictUtf8.GetString(bytes, start, bytes.Length - start);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.GetEncoding("GB18030").GetString(bytes);
        }
    }

    /// <summary>The column whose header is one of the names, or -1.</summary>
    public int Column(params string[] names)
    {
        for (var i = 0; i < Header.Count; i++)
            if (names.Contains(Header[i].Trim(), StringComparer.Ordinal))
                return i;
        return -1;
    }

    /// <summary>RFC 4180: fields separated by commas, quoted with double quotes (doubled inside), records by CRLF or LF.</summary>
    private static List<IReadOnlyList<string>> Csv(string text)
    {
        var rows = new List<IReadOnlyList<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                    quoted = false;
                else
                    field.Append(c);
                continue;
            }
            switch (c)
            {
                case '"' when field.Length == 0:
                    quoted = true;
                    break;
                case ',':
                    row.Add(field.ToString().Trim());
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    row.Add(field.ToString().Trim());
                    field.Clear();
                    rows.Add(row);
                    row = [];
                    if (rows.Count > XlsxReader.MaxRows)
                        throw new UnusableUploadException($"文件超过 {XlsxReader.MaxRows} 行，请拆分后分批导入。");
                    break;
                default:
                    field.Append(c);
                    break;
            }
        }
        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString().Trim());
            rows.Add(row);
        }
        if (quoted)
            throw new UnusableUploadException("文件中有未闭合的引号，无法读取。");
        return rows;
    }
}
