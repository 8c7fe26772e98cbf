using System.Text;
using Chengxin.Server.Data;
using Chengxin.Server.Infrastructure;
using CsvHelper;
using Microsoft.AspNetCore.Mvc;
using UtfUnknown;

namespace Chengxin.Server.Features.Disclosures;

/// <summary>
/// A 双公示 table uploaded as a file: an Excel workbook (its first sheet), or CSV in UTF-8 or GBK/GB18030 (the national
/// platform exports GBK; a spreadsheet saves UTF-8), the encoding detected rather than asked for.
/// </summary>
public static class UploadDisclosures
{
    /// <summary>A CSV of a city's half year (hundreds of thousands of rows) fits; a workbook is bounded by the XLSX reader's own limits.</summary>
    public const long MaxBytes = 200L * 1024 * 1024;

    public static async Task<IResult> Handle(HttpRequest request, [FromQuery] string? fileName, [FromQuery] bool? allOrNothing, ChengxinDbContext db,
        AccessScope scope, IConfiguration config, TimeProvider clock, CancellationToken ct)
    {
        var validation = new Validation();
        var name = Uploads.FileName(fileName ?? "双公示报送表", validation);
        if (!validation.IsValid)
            return validation.Problem();
        var bytes = await Uploads.ReadAsync(request, MaxBytes, ct);
        if (bytes.Length == 0)
            throw new UnusableUploadException("上传的文件是空的。");

        IReadOnlyList<IReadOnlyList<string>> table;
        string format;
        string? encoding = null;
        if (bytes is [0x50, 0x4B, 0x03, 0x04, ..])
        {
            table = Xlsx.Read(new MemoryStream(bytes));
            format = "xlsx";
        }
        else
        {
            var text = Decode(bytes, out var used);
            encoding = used;
            table = ReadCsv(text);
            format = "csv";
        }
        if (table.Count == 0)
            throw new UnusableUploadException("文件中没有表头和数据行。");

        var outcome = await StoreDisclosures.RunAsync(db, scope, config, clock, table[0], table.Skip(1).ToList(), name!, format, encoding,
            allOrNothing ?? false, ct);
        if (outcome.TableProblem is { } problem)
        {
            validation.Add("file", problem);
            return validation.Problem();
        }
        return TypedResults.Created($"/api/disclosures/uploads/{outcome.Upload!.Id}",
            new DisclosureUploadView(DisclosureOffice.Summary(outcome.Upload), outcome.Rejections));
    }

    /// <summary>
    /// UTF-8 when the bytes are valid UTF-8 (a BOM or not); otherwise what the detector names if it is of the GB family, read as
    /// GB18030 (a superset of GBK and GB2312). Anything else is refused: a guess would store mangled names.
    /// </summary>
    public static string Decode(byte[] bytes, out string encoding)
    {
        var start = bytes is [0xEF, 0xBB, 0xBF, ..] ? 3 : 0;
        try
        {
            var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, start, bytes.Length - start);
            encoding = "UTF-8";
            return text;
        }
        catch (DecoderFallbackException)
        {
            var detected = CharsetDetector.DetectFromBytes(bytes).Detected?.EncodingName?.ToLowerInvariant();
            if (detected is null || detected.Contains("gb", StringComparison.Ordinal) || detected.Contains("hz", StringComparison.Ordinal))
            {
                Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
                var gb = Encoding.GetEncoding("GB18030", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
                try
                {
                    encoding = "GB18030";
                    return gb.GetString(bytes);
                }
                catch (DecoderFallbackException)
                {
                }
            }
            throw new UnusableUploadException("文件编码无法识别：请另存为 UTF-8 或 GBK 编码的 CSV 文件，或上传 Excel 文件。");
        }
    }

    public static List<IReadOnlyList<string>> ReadCsv(string text)
    {
        // The separator is detected (comma, semicolon, tab); quoted fields may hold line breaks; malformed quoting is recovered
        // rather than fatal, so a bad row becomes a row error instead of refusing the file.
        using var reader = CsvReader.FromText(text, new CsvReaderOptions { HasHeader = false, SkipEmptyLines = true });
        var rows = new List<IReadOnlyList<string>>();
        while (reader.Read())
            rows.Add(reader.Current.ToArray());
        return rows;
    }
}
