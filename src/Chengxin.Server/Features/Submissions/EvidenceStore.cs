using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Chengxin.Server.Infrastructure;

namespace Chengxin.Server.Features.Submissions;

/// <summary>
/// Evidence files by content: the type is read from the bytes (magic numbers), never from the name,
/// and each file is stored once under its SHA-256, in the data folder's content folder or, for several instances,
/// in the database (<see cref="EvidenceContent"/>; Chengxin:Evidence:Store chooses).
/// </summary>
public sealed class EvidenceStore(DatabaseSettings settings, IConfiguration config)
{
    public const long DefaultMaxBytes = 20L * 1024 * 1024;

    /// <summary>The setting that chooses where the bytes live: <c>folder</c> (the default) or <c>database</c>.</summary>
    public const string StoreKey = "Chengxin:Evidence:Store";

    /// <summary>Where the bytes live; chosen once from configuration.</summary>
    public IEvidenceContent Content { get; } = EvidenceContent.Choose(config[StoreKey], settings);

    /// <summary>The upload limit, Chengxin:Evidence:MaxBytes (20 MB unless configured).</summary>
    public long MaxBytes { get; } = config.GetValue<long?>("Chengxin:Evidence:MaxBytes") ?? DefaultMaxBytes;

    public string Folder => Path.Combine(settings.DataFolder, "content");

    public sealed record Detected(string ContentType, string Name, IReadOnlyList<string> Extensions);

    public static readonly Detected Pdf = new("application/pdf", "PDF", [".pdf"]);
    public static readonly Detected Png = new("image/png", "PNG", [".png"]);
    public static readonly Detected Jpeg = new("image/jpeg", "JPEG", [".jpg", ".jpeg"]);
    public static readonly Detected Xlsx = new("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX", [".xlsx"]);
    public static readonly Detected Docx = new("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "DOCX", [".docx"]);
    public static readonly Detected Text = new("text/plain; charset=utf-8", "纯文本", [".txt", ".csv"]);

    /// <summary>
    /// The older office formats an office still sends (Word 97–2003, Excel 97–2003, WPS 文字): one OLE2 compound file signature,
    /// typed by the name it came with. Never shown inline (every download is an attachment), so the content cannot act as a page.
    /// </summary>
    public static readonly Detected Doc = new("application/msword", "DOC", [".doc"]);
    public static readonly Detected Xls = new("application/vnd.ms-excel", "XLS", [".xls"]);
    public static readonly Detected Wps = new("application/vnd.ms-works", "WPS", [".wps"]);
    private static readonly Detected Ole2 = new("application/x-ole-storage", "DOC/XLS/WPS", [".doc", ".xls", ".wps"]);

    /// <summary>OFD (GB/T 33190, the national fixed-layout format of e-government documents): a zip whose root holds OFD.xml.</summary>
    public static readonly Detected Ofd = new("application/ofd", "OFD", [".ofd"]);

    /// <summary>The file's real type, or why it is refused (a Chinese sentence naming the reason).</summary>
    /// <summary>
    /// The real type of an upload that may be only some kinds (a stamped scan, a screenshot); a file of another kind is
    /// refused on "file", saying what was expected and what came.
    /// </summary>
    public static Detected? DetectOneOf(byte[] bytes, string fileName, Validation validation, string expected, params Detected[] accepted)
    {
        var (type, reason) = Detect(bytes, fileName);
        if (type is null)
            validation.Add("file", reason!);
        else if (!accepted.Contains(type))
            validation.Add("file", $"{expected}，上传的是 {type.Name}。");
        return type;
    }

    public static (Detected? Type, string? Reason) Detect(byte[] bytes, string fileName)
    {
        var type = Sniff(bytes);
        if (type is null)
        {
            var head = Convert.ToHexString(bytes.AsSpan(0, Math.Min(8, bytes.Length)));
            return (null, $"文件内容（开头字节 {head}）不是允许的类型：PDF、OFD、PNG、JPEG、XLSX、DOCX、XLS、DOC、WPS 或 UTF-8 纯文本；只改扩展名不能改变文件类型。");
        }
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        // The compound file signature is the same for the three formats; the name says which one it is.
        if (type == Ole2)
            type = extension switch { ".doc" => Doc, ".xls" => Xls, ".wps" => Wps, _ => Ole2 };
        if (extension.Length > 0 && !type.Extensions.Contains(extension))
            return (null, $"文件扩展名为 {extension}，但内容是 {type.Name}；请上传与扩展名一致的文件。");
        return (type, null);
    }

    private static Detected? Sniff(byte[] b)
    {
        if (b.AsSpan().StartsWith("%PDF-"u8))
            return Pdf;
        if (b.AsSpan().StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }))
            return Png;
        if (b.AsSpan().StartsWith(new byte[] { 0xFF, 0xD8, 0xFF }))
            return Jpeg;
        if (b.AsSpan().StartsWith("PK\x03\x04"u8))
            return OfficeZip(b);
        if (b.AsSpan().StartsWith(new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }))
            return Ole2;
        return IsPlainText(b) ? Text : null;
    }

    /// <summary>A zip is only accepted as the Office document its parts say it is: any other zip could carry anything.</summary>
    private static Detected? OfficeZip(byte[] b)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(b), ZipArchiveMode.Read);
            var names = zip.Entries.Select(e => e.FullName).ToList();
            if (names.Contains("OFD.xml"))
                return Ofd;
            if (!names.Contains("[Content_Types].xml"))
                return null;
            if (names.Contains("xl/workbook.xml"))
                return Xlsx;
            if (names.Contains("word/document.xml"))
                return Docx;
            return null;
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    private static bool IsPlainText(byte[] b)
    {
        if (b.Length == 0)
            return false;
        try
        {
            var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(b);
            return text.All(c => c is '\t' or '\r' or '\n' || !char.IsControl(c));
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    /// <summary>The uploaded file, refused with 413 past <see cref="MaxBytes"/> like every upload (see <see cref="Uploads.ReadAsync"/>).</summary>
    public Task<byte[]> ReadAsync(HttpRequest request, CancellationToken ct) => Uploads.ReadAsync(request, MaxBytes, ct);

    public static string Sha256Of(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>Where the folder store keeps a hash's file (the database store keeps none).</summary>
    public string PathOf(string sha256) => FolderContent.PathOf(Folder, sha256);

    /// <summary>Stores the bytes under their hash unless they are already there; returns the hash.</summary>
    public async Task<string> SaveAsync(byte[] bytes, CancellationToken ct)
    {
        var sha = Sha256Of(bytes);
        await Content.SaveAsync(sha, bytes, ct);
        return sha;
    }

    /// <summary>The stored bytes of a hash, or null when nothing is stored under it.</summary>
    public Task<byte[]?> ReadContentAsync(string sha256, CancellationToken ct) => Content.ReadAsync(sha256, ct);
}
