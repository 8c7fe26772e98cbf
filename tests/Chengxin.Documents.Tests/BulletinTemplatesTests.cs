using Chengxin.Documents.Bulletins;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Chengxin.Documents.Tests;

public sealed class BulletinTemplatesTests
{
    /// <summary>Run with CHENGXIN_WRITE_TEMPLATES=1 after a change to the layout: the embedded defaults are written again.</summary>
    [Fact]
    public void Layout_EveryKind_PassesTheCheck()
    {
        foreach (var kind in BulletinTemplates.Kinds)
        {
            var layout = BulletinTemplates.Layout(kind);
            BulletinTemplates.Check(layout);
            if (Environment.GetEnvironmentVariable("CHENGXIN_WRITE_TEMPLATES") == "1")
                File.WriteAllBytes(Path.Combine(Poppler.OutputFolder, "..", "..", "src", "Chengxin.Documents", "Templates", BulletinTemplates.FileName(kind)), layout);
        }
    }

    [Theory]
    [InlineData(BulletinTemplates.Lists, "红名单")]
    [InlineData(BulletinTemplates.Taskforce, "报送情况")]
    [InlineData(BulletinTemplates.Grades, "各等次单位")]
    public void Default_EmbeddedTemplate_IsTheNoticeLayoutWithPlaceholders(string kind, string heading)
    {
        var template = BulletinTemplates.Default(kind);
        BulletinTemplates.Check(template);

        using var docx = WordprocessingDocument.Open(new MemoryStream(template), false);
        var texts = docx.MainDocumentPart!.Document.Body!.Descendants<Paragraph>().Select(p => p.InnerText).ToList();
        texts[0].ShouldBe("{{发文机关}}");
        texts.ShouldContain("{{标题}}");
        texts.ShouldContain(t => t.Contains(heading, StringComparison.Ordinal));
        texts.ShouldContain("{{日期}}");
    }
}
