using PdfSharp.Fonts;

namespace Chengxin.Documents;

/// <summary>
/// The fonts a PDF embeds. PDFsharp 6.2 reads a single TrueType face (glyf outlines), not the .ttc collections of Noto CJK
/// with their CFF outlines, so the Chinese face is the first TrueType one found: the path in CHENGXIN_DOCUMENT_FONT, else
/// Debian's fonts-droid-fallback (scripts/test-deps/tools.sh installs it). That face has no Latin letters or digits, and
/// PDFsharp does not fall back per glyph, so the PDF writer sets those in <see cref="Latin"/> (Liberation Serif, metric twin of
/// the Times New Roman the DOCX names, or DejaVu).
/// </summary>
public static class DocumentFonts
{
    public const string Family = "Chengxin CJK";
    public const string Latin = "Chengxin Latin";

    private static readonly string[] LatinCandidates =
    [
        "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    ];

    private static readonly Lazy<byte[]> LatinBytes = new(() => File.ReadAllBytes(LatinCandidates.FirstOrDefault(File.Exists)
        ?? throw new DocumentException("服务器上没有可嵌入 PDF 的西文字体：请安装 fonts-liberation 或 fonts-dejavu-core")));

    /// <summary>Whether a character is set in the Chinese face (everything from the CJK radicals up, and the full-width forms).</summary>
    internal static bool IsChinese(char c) => c >= '\u2E80';

    private static readonly string[] Candidates =
    [
        "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
        "/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf",
        "/usr/share/fonts/truetype/arphic/uming.ttc",
    ];

    private static readonly Lazy<byte[]> Bytes = new(() => File.ReadAllBytes(Path));
    private static readonly Lock Gate = new();

    /// <summary>Where the font is read from; a <see cref="DocumentException"/> names what to install when none is found.</summary>
    public static string Path =>
        Environment.GetEnvironmentVariable("CHENGXIN_DOCUMENT_FONT") is { Length: > 0 } configured && File.Exists(configured)
            ? configured
            : Candidates.FirstOrDefault(File.Exists)
              ?? throw new DocumentException("服务器上没有可嵌入 PDF 的中文字体：请安装 fonts-droid-fallback，或用 CHENGXIN_DOCUMENT_FONT 指定一个 TrueType 中文字体文件");

    /// <summary>Registers the font with PDFsharp once per process (its resolver is global).</summary>
    internal static void UseInPdf()
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is not Resolver)
                GlobalFontSettings.FontResolver = new Resolver();
        }
    }

    private sealed class Resolver : IFontResolver
    {
        // One face for every style: bold is simulated, which is what an office's 黑体 heading looks like closely enough.
        public FontResolverInfo ResolveTypeface(string familyName, bool isBold, bool isItalic) =>
            new(familyName == Latin ? Latin : Family, isBold, false);

        public byte[] GetFont(string faceName) => faceName == Latin ? LatinBytes.Value : Bytes.Value;
    }
}
