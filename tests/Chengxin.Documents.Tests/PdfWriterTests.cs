namespace Chengxin.Documents.Tests;

public sealed class PdfWriterTests
{
    private static byte[] Pdf(OfficialDocument document)
    {
        using var stream = new MemoryStream();
        PdfWriter.Write(document, stream);
        return stream.ToArray();
    }

    private static string Flat(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    [Fact]
    public void Write_Notice_ChineseTextIsExtractable()
    {
        // Lines wrap where the page ends; the words are read as a reader copies them, without the breaks.
        var text = Flat(Poppler.Text(Pdf(Samples.Notice())));

        text.ShouldContain("淮安市清江浦区社会信用体系建设领导小组办公室");
        text.ShouldContain("清信办〔2026〕12号");
        text.ShouldContain("关于2026年第三季度政务诚信评价情况的通报");
        text.ShouldContain("第12责任单位");
        text.ShouldContain("2026年12月6日");
        text.ShouldContain("抄送：区委办公室，区政府办公室");
    }

    [Fact]
    public void Write_Notice_EmbedsTheChineseFont()
    {
        var pdf = System.Text.Encoding.Latin1.GetString(Pdf(Samples.Notice()));

        pdf.ShouldContain("/FontFile2");
        pdf.ShouldContain("/ToUnicode");
    }

    [Fact]
    public void Write_RankingOverPages_RepeatsTheHeaderRowOnEachPage()
    {
        var pdf = Pdf(Samples.Notice(units: 120));
        var pages = Poppler.Pages(pdf, "notice-120");
        var text = Poppler.Text(pdf);

        pages.Count.ShouldBeGreaterThan(3);
        // Form feeds part the pages in pdftotext's output; every page the table runs over starts with its header.
        var tablePages = text.Split('\f').Where(p => p.Contains("责任单位", StringComparison.Ordinal)).ToList();
        tablePages.Count.ShouldBeGreaterThan(2);
        tablePages.ShouldAllBe(p => p.Contains("名次", StringComparison.Ordinal) && p.Contains("等次", StringComparison.Ordinal));
        text.ShouldContain("第120责任单位");
        Flat(text).ShouldContain("—1—");
    }
}
