namespace Chengxin.Server.Infrastructure;

/// <summary>
/// The server's door to the shared spreadsheet layer (Chengxin.Sheets): the writer as it is, and the reader with an upload's
/// limits and answers. A workbook the reader refuses becomes an <see cref="UnusableUploadException"/> (400) with the reader's
/// Chinese reason; a body over <see cref="MaxBytes"/> an <see cref="UploadTooLargeException"/> (413).
/// </summary>
public static class Xlsx
{
    public const string ContentType = XlsxWriter.ContentType;

    /// <summary>The largest workbook an import accepts; a province's unit list is far smaller.</summary>
    public const int MaxBytes = 10 * 1024 * 1024;

    public static byte[] Write(string sheetName, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object?>> rows) =>
        XlsxWriter.Write(sheetName, header, rows);

    /// <summary>A workbook of several sheets (a ranking per class, a score sheet per unit), each with its header row first.</summary>
    public static byte[] Write(IEnumerable<XlsxSheet> sheets) => XlsxWriter.Write(sheets);

    /// <summary>
    /// A download written to the response body as its rows are enumerated (no workbook held in memory): a province's ranking is
    /// tens of thousands of rows. Whatever may refuse the request must have done so before: once rows flow the status is sent.
    /// </summary>
    public static IResult Stream(IEnumerable<XlsxSheet> sheets, string fileName, CancellationToken ct) =>
        TypedResults.Stream(body => XlsxWriter.WriteAsync(body, sheets, ct), ContentType, fileName);

    /// <summary>
    /// <see cref="Stream(IEnumerable{XlsxSheet}, string, CancellationToken)"/> for sheets read as they are written (from the database a
    /// batch at a time): the first bytes leave while later sheets are being read, and only a batch is held at a time.
    /// </summary>
    public static IResult Stream(IAsyncEnumerable<XlsxSheet> sheets, string fileName, CancellationToken ct) =>
        TypedResults.Stream(body => XlsxWriter.WriteAsync(body, sheets, ct), ContentType, fileName);

    /// <summary>Every sheet by name, each as rows of text, the header row first (for tests and multi-sheet checks).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<IReadOnlyList<string>>> ReadAll(Stream buffer) =>
        AsUpload(() => XlsxReader.ReadAll(buffer));

    /// <summary>
    /// Reads an uploaded workbook's first sheet within the limits of <see cref="XlsxReader"/>; <paramref name="checkHeader"/>
    /// sees the header row before any other row is read and returns why it is wrong, or null.
    /// </summary>
    public static async Task<IReadOnlyList<IReadOnlyList<string>>> ReadAsync(HttpRequest request, Func<IReadOnlyList<string>, string?> checkHeader,
        CancellationToken ct)
    {
        var bytes = await Uploads.ReadAsync(request, MaxBytes, ct);
        return Read(new MemoryStream(bytes), checkHeader);
    }

    /// <summary>Reads the first sheet as rows of text, the header row first.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Read(Stream buffer, Func<IReadOnlyList<string>, string?>? checkHeader = null) =>
        AsUpload(() => XlsxReader.ReadFirst(buffer, checkHeader));

    /// <summary>A file name for a download: the office's own words, without characters a file system refuses.</summary>
    public static string FileName(params string[] parts) => XlsxWriter.FileName(parts);

    private static T AsUpload<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (UnusableWorkbookException e)
        {
            throw new UnusableUploadException(e.Message);
        }
    }
}
