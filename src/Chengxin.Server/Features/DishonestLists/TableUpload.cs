using Chengxin.Server.Infrastructure;

namespace Chengxin.Server.Features.DishonestLists;

/// <summary>
/// An uploaded table as rows of text, the header first: an XLSX workbook (its first sheet, read by <see cref="Xlsx"/> within its
/// limits) or a CSV file in UTF-8 or GBK/GB18030, read as every upload's CSV is (<see cref="CsvTable"/>), each field trimmed.
/// Columns are found by their header names, so a column may stand anywhere and extra columns are ignored.
/// </summary>
public sealed class TableUpload
{
    private TableUpload(IReadOnlyList<IReadOnlyList<string>> rows) => Rows = rows;

    public IReadOnlyList<IReadOnlyList<string>> Rows { get; }

    public IReadOnlyList<string> Header => Rows.Count > 0 ? Rows[0] : [];

    public static async Task<TableUpload> ReadAsync(HttpRequest request, CancellationToken ct) => Parse(await Uploads.ReadAsync(request, Xlsx.MaxBytes, ct));

    public static TableUpload Parse(byte[] bytes)
    {
        // Every XLSX is a ZIP archive, which starts with "PK\3\4"; no CSV of names does.
        if (bytes.Length >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4)
            return new TableUpload(Xlsx.Read(new MemoryStream(bytes)));
        var rows = CsvTable.Read(CsvTable.Decode(bytes, out _));
        if (rows.Count > XlsxReader.MaxRows + 1)
            throw new UnusableUploadException($"文件超过 {XlsxReader.MaxRows} 行，请拆分后分批导入。");
        return new TableUpload([.. rows.Select(r => (IReadOnlyList<string>)[.. r.Select(f => f.Trim())])]);
    }

    /// <summary>The column whose header is one of the names, or -1.</summary>
    public int Column(params string[] names)
    {
        for (var i = 0; i < Header.Count; i++)
            if (names.Contains(Header[i].Trim(), StringComparer.Ordinal))
                return i;
        return -1;
    }
}
