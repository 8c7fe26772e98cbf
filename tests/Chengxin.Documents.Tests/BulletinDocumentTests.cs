using Chengxin.Documents.Bulletins;
using Chengxin.Domain.Bulletins;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Chengxin.Documents.Tests;

public sealed class BulletinDocumentTests
{
    private static readonly BulletinHeader Header = new("淮安市淮安区社会信用体系建设工作领导小组办公室", "淮信用办〔2026〕9号", new DateOnly(2026, 10, 15))
    {
        Addressee = "各镇（街道）、区各有关部门",
    };

    private static BulletinContent Content(string[] grades, int units)
    {
        var list = Enumerable.Range(1, units).Select(i =>
        {
            var total = 98 - i * 1.5m;
            var grade = grades.Length == 0 ? null : grades[Math.Min(grades.Length - 1, (i - 1) * grades.Length / units)];
            return new BulletinUnit($"u{i}", $"第{i}单位", total, grade, i, [total * 0.6m, total * 0.4m]);
        }).ToList();
        return BulletinComposer.Compose(new BulletinInput("2026年第三季度政务诚信评价", "2026年第三季度", grades,
            [new BulletinCategory("信用制度建设", 60), new BulletinCategory("守信践诺", 40)], list)
        {
            Reports = list.Select((u, i) => new BulletinReport(u.Name, i == 2 ? ReportTimeliness.Late : i == 3 ? ReportTimeliness.Missing : ReportTimeliness.OnTime)).ToList(),
            Previous = new BulletinPreviousPeriod("2026年第二季度", list.Select(u => u with { Rank = units + 1 - u.Rank }).ToList()),
            Trend = [new("2026年第一季度", 80), new("2026年第二季度", 82.5m), new("2026年第三季度", 84)],
        });
    }

    [Theory]
    [InlineData("lists", new[] { "红名单", "蓝名单", "黄名单" })]
    [InlineData("taskforce", new string[0])]
    [InlineData("grades", new[] { "优秀", "良好", "合格", "不合格" })]
    public void Pdf_EachSeedFamily_HasItsSectionsAndExtractableText(string kind, string[] grades)
    {
        var content = Content(grades, 16);
        BulletinTemplates.KindOf(content).ShouldBe(kind);
        using var stream = new MemoryStream();
        PdfWriter.Write(BulletinDocument.Build(content, Header, BulletinDocument.Charts(content)), stream);

        Poppler.Pages(stream.ToArray(), $"bulletin-{kind}").Count.ShouldBeGreaterThan(1);
        var text = string.Concat(Poppler.Text(stream.ToArray()).Where(c => !char.IsWhiteSpace(c)));
        text.ShouldContain("关于2026年第三季度政务诚信评价结果的通报");
        text.ShouldContain("排名第一的是第1单位");
        text.ShouldContain("逾期报送1个（第3单位）");
        if (kind == "lists") text.ShouldContain("红名单、蓝名单、黄名单");
        // Seed 003's task forces have no grades: no grade chart, no 等次 column of 「未定等次」.
        if (kind == "taskforce") text.ShouldNotContain("等次");
    }

    [Theory]
    [InlineData("lists", new[] { "红名单", "蓝名单", "黄名单" })]
    [InlineData("taskforce", new string[0])]
    [InlineData("grades", new[] { "优秀", "良好", "合格", "不合格" })]
    public void Docx_DefaultTemplateOfEachFamily_FillsTheRankingAndTheSentences(string kind, string[] grades)
    {
        var content = Content(grades, 16);
        using var stream = new MemoryStream();
        DocxTemplate.Fill(BulletinTemplates.Default(kind), BulletinDocument.Data(content, Header, BulletinDocument.Charts(content)), stream);
        File.WriteAllBytes(Path.Combine(Poppler.OutputFolder, $"bulletin-{kind}.docx"), stream.ToArray());
        stream.Position = 0;

        using var docx = WordprocessingDocument.Open(stream, false);
        var body = docx.MainDocumentPart!.Document.Body!;
        var paragraphs = body.Elements<Paragraph>().Select(p => p.InnerText).ToList();
        paragraphs[0].ShouldBe(Header.Issuer);
        paragraphs.ShouldContain("关于2026年第三季度政务诚信评价结果的通报");
        paragraphs.ShouldContain(p => p.StartsWith("排名第一的是第1单位", StringComparison.Ordinal));
        paragraphs.ShouldContain("2026年10月15日");
        var ranking = body.Elements<Table>().Single(t => t.Elements<TableRow>().First().InnerText.StartsWith("名次", StringComparison.Ordinal));
        ranking.Elements<TableRow>().Count().ShouldBe(17);
        ranking.Elements<TableRow>().ElementAt(1).Elements<TableCell>().First().InnerText.ShouldBe("1");
        docx.MainDocumentPart.ImageParts.Count().ShouldBeGreaterThan(0);
        body.InnerText.ShouldNotContain("{{");
    }
}
