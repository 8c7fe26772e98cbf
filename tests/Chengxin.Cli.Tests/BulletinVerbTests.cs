using System.Diagnostics;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Chengxin.Cli.Tests;

/// <summary>A scripted monthly run: score the month, then `bulletin` over its results JSON, as Word and as PDF.</summary>
public sealed class BulletinVerbTests : IDisposable
{
    private readonly CliRun _cli = new();
    private readonly string _results;

    public BulletinVerbTests()
    {
        var facts = _cli.File("facts.json", CliRun.ThreeUnits);
        var score = _cli.Run("score", "--scheme", CliRun.EveryPart, "--facts", facts, "--format", "json");
        score.Code.ShouldBe(0, score.Err);
        _results = _cli.File("results.json", score.Out);
    }

    public void Dispose() => _cli.Dispose();

    private CliResult Bulletin(params string[] more) =>
        _cli.Run(["bulletin", "--scheme", CliRun.EveryPart, "--results", _results, "--period", "2026年10月", "--date", "2026-11-03", .. more]);

    [Fact]
    public void Bulletin_Docx_RankingOfEveryUnitUnderTheSchemesIssuer()
    {
        var output = _cli.File("通报.docx");

        var r = Bulletin("--number", "示信办〔2026〕11号", "-o", output);

        r.Code.ShouldBe(0, r.Err);
        r.Out.ShouldContain("3 个单位");
        using var docx = WordprocessingDocument.Open(output, false);
        var body = docx.MainDocumentPart!.Document.Body!;
        body.Elements<Paragraph>().First().InnerText.ShouldBe("示例信用办");
        body.Elements<Paragraph>().ShouldContain(p => p.InnerText == "2026年11月3日");
        body.Elements<Table>().First().Elements<TableRow>().Count().ShouldBe(4);
    }

    [Fact]
    public void Bulletin_Pdf_TextReadBackByPdftotext()
    {
        var output = _cli.File("通报.pdf");

        Bulletin("--format", "pdf", "-o", output).Code.ShouldBe(0);

        using var process = Process.Start(new ProcessStartInfo("pdftotext", ["-enc", "UTF-8", output, "-"]) { RedirectStandardOutput = true })!;
        var text = string.Concat(process.StandardOutput.ReadToEnd().Where(c => !char.IsWhiteSpace(c)));
        process.WaitForExit();
        text.ShouldContain("示例信用办");
        text.ShouldContain("共评价3个单位");
    }

    [Fact]
    public void Bulletin_TemplateWithAnUnknownPlaceholder_Exits2NamingIt()
    {
        var template = _cli.File("模板.docx");
        using (var doc = WordprocessingDocument.Create(template, DocumentFormat.OpenXml.WordprocessingDocumentType.Document))
        {
            doc.AddMainDocumentPart().Document = new Document(new Body(new Paragraph(new Run(new Text("{{不存在的字段}}")))));
        }

        var r = Bulletin("--template", template, "-o", _cli.File("out.docx"));

        r.Code.ShouldBe(2);
        r.Err.ShouldContain("{{不存在的字段}}");
        r.Err.ShouldContain("第1段");
    }

    [Fact]
    public void Bulletin_ResultsFileCutShort_Exits2NamingTheLineInChinese()
    {
        var cut = _cli.File("cut.json", "[{\"unit\": \"A\",\n");

        var r = _cli.Run(["bulletin", "--scheme", CliRun.EveryPart, "--results", cut, "--period", "2026年10月", "-o", _cli.File("out.docx")]);

        r.Code.ShouldBe(2);
        r.Err.ShouldContain("不是 score --format json 的结果文件：第 2 行附近不是完整的 JSON");
        // The JSON reader's own English words stay out of what the user reads.
        r.Err.ShouldNotContain("JSON payload");
        r.Err.ShouldNotContain("LineNumber");
    }
}
