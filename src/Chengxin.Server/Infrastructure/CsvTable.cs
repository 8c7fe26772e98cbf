using System.Text;
using CsvHelper;
using UtfUnknown;

namespace Chengxin.Server.Infrastructure;

/// <summary>
/// An uploaded CSV file as rows of text, for every feature that takes one (双公示 records, dishonesty lists, persons, events):
/// the encoding told from the bytes, then CsvHelper's reader. One reading, so that a file one page takes another takes too.
/// </summary>
public static class CsvTable
{
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

    public static List<IReadOnlyList<string>> Read(string text)
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
