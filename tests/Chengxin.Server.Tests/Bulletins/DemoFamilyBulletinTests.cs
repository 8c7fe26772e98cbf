using System.Net;
using Chengxin.Documents.Tests;
using Chengxin.Server.Demo;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Tests.Infrastructure;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.Extensions.DependencyInjection;

namespace Chengxin.Server.Tests.Bulletins;

/// <summary>
/// A bulletin for each seed family from the demo's published campaigns: seed 002's quarter with its red, blue and yellow lists
/// (「适时向“信用淮安区”网站公开」), seed 003's month (「每月通报各责任单位及县（市、区）专班」) and seed 004's quarter. Each is
/// made as DOCX (opened with the OpenXml SDK) and as PDF (read back with pdftotext); the pages are kept in test-output/.
/// </summary>
[Collection(SqliteCollection.Name)]
public sealed class DemoFamilyBulletinTests(SqliteApp app)
{
    private async Task<(HttpClient Admin, List<CampaignListItem> Campaigns)> DemoAsync()
    {
        await using (var scope = app.Factory.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(CancellationToken.None);
        var admin = await app.SignInAsync("admin", DemoSeeder.Password);
        return (admin, await (await admin.GetAsync("/api/campaigns")).ReadAsync<List<CampaignListItem>>());
    }

    private static async Task<(List<string> Paragraphs, List<List<List<string>>> Tables, string PdfText)> BulletinAsync(HttpClient admin, long id, string name)
    {
        var docx = await admin.PostAsync($"/api/bulletins/campaigns/{id}?format=docx", null);
        docx.StatusCode.ShouldBe(HttpStatusCode.OK, await docx.Content.ReadAsStringAsync());
        var file = await docx.Content.ReadAsByteArrayAsync();
        File.WriteAllBytes(Path.Combine(Poppler.OutputFolder, name + ".docx"), file);
        using var word = WordprocessingDocument.Open(new MemoryStream(file), false);
        var body = word.MainDocumentPart!.Document.Body!;
        var paragraphs = body.Elements<Paragraph>().Select(p => p.InnerText).ToList();
        var tables = body.Elements<Table>()
            .Select(t => t.Elements<TableRow>().Select(r => r.Elements<TableCell>().Select(c => c.InnerText).ToList()).ToList()).ToList();

        var pdf = await admin.PostAsync($"/api/bulletins/campaigns/{id}?format=pdf", null);
        pdf.StatusCode.ShouldBe(HttpStatusCode.OK, await pdf.Content.ReadAsStringAsync());
        var bytes = await pdf.Content.ReadAsByteArrayAsync();
        Poppler.Pages(bytes, name).Count.ShouldBeGreaterThan(0);
        return (paragraphs, tables, string.Concat(Poppler.Text(bytes).Where(c => !char.IsWhiteSpace(c))));
    }

    [Fact]
    public async Task Generate_DemosSeed002Quarter_NamesTheRedBlueAndYellowListsWithTheVetoedBureauYellow()
    {
        var (admin, campaigns) = await DemoAsync();
        var quarter = campaigns.Single(c => c.Name == DemoBulletins.Lists.Name);

        var (paragraphs, tables, text) = await BulletinAsync(admin, quarter.Id, "demo-lists-2025Q3");

        paragraphs.ShouldContain("关于2025年第三季度政务诚信建设综合信用评价结果的通报");
        paragraphs.ShouldContain(p => p.StartsWith("2025年第三季度，2025年第三季度政务诚信建设综合信用评价共评价10个单位", StringComparison.Ordinal));
        paragraphs.ShouldContain("三、红名单、蓝名单、黄名单");
        var lists = paragraphs.Where(p => p.StartsWith("红名单（", StringComparison.Ordinal) || p.StartsWith("蓝名单（", StringComparison.Ordinal)
            || p.StartsWith("黄名单（", StringComparison.Ordinal)).ToList();
        lists.Count.ShouldBe(3);
        lists.ShouldAllBe(l => !l.EndsWith("（0个）：无。", StringComparison.Ordinal));
        // 严重失信 is the veto: whatever its points, the bureau is on the yellow list and ranked below every unit without a veto.
        lists[2].ShouldContain("云川市司法局");
        var ranking = tables[0];
        ranking[0].ShouldBe(["名次", "单位", "总分", "等次"]);
        ranking.Count.ShouldBe(11);
        ranking.Skip(1).Single(r => r[1] == "云川市司法局")[3].ShouldBe("黄名单");
        // Late is on record (河口镇), the reporting table names it.
        paragraphs.ShouldContain(p => p.Contains("逾期报送1个（河口镇）", StringComparison.Ordinal));

        text.ShouldContain("红名单、蓝名单、黄名单");
        text.ShouldContain("云川市司法局");
        text.ShouldContain("逾期报送1个（河口镇）");
    }

    [Fact]
    public async Task Generate_DemosSeed003LastMonth_ComparesWithTheMonthBeforeAndHasNoGrades()
    {
        var (admin, campaigns) = await DemoAsync();
        var december = campaigns.Single(c => c.Name == DemoBulletins.Months[2].Name);

        var (paragraphs, tables, text) = await BulletinAsync(admin, december.Id, "demo-taskforce-2025-12");

        paragraphs.ShouldContain(p => p.StartsWith("关于2025年12月政务守信践诺工作月度考评", StringComparison.Ordinal) && p.EndsWith("结果的通报", StringComparison.Ordinal));
        paragraphs.ShouldContain(p => p.StartsWith("2025年12月，2025年12月政务守信践诺工作月度考评共评价3个单位", StringComparison.Ordinal));
        paragraphs.ShouldContain(p => p.StartsWith("与2025年11月相比，平均得分", StringComparison.Ordinal));
        // Seed 003 has no grades: no grade lists, no grade chart, and no 等次 column of 「未定等次」 in the ranking.
        paragraphs.ShouldNotContain(p => p.StartsWith("红名单", StringComparison.Ordinal));
        text.ShouldNotContain("等次");
        var ranking = tables[0];
        ranking[0].ShouldBe(["名次", "单位", "总分", "名次变化"]);
        ranking.Skip(1).Select(r => r[1]).ShouldBe(["青石县", "白河县", "临江区"], ignoreOrder: true);
        paragraphs.ShouldContain(p => p.EndsWith("、各期走势", StringComparison.Ordinal));

        text.ShouldContain("与2025年11月相比");
        text.ShouldContain("按时报送3个单位");
    }

    [Fact]
    public async Task Generate_DemosSeed004LaterQuarter_RanksTheTownsByGrade()
    {
        var (admin, campaigns) = await DemoAsync();
        var quarter = campaigns.Single(c => c.Name == DemoPublishedCampaigns.Quarters[1].Name);

        var (paragraphs, tables, text) = await BulletinAsync(admin, quarter.Id, "demo-grades-2025Q4");

        paragraphs.ShouldContain(p => p.StartsWith($"2025年第四季度，{quarter.Name}共评价{DemoPublishedCampaigns.UnitCodes.Length}个单位", StringComparison.Ordinal));
        tables[0].Count.ShouldBe(DemoPublishedCampaigns.UnitCodes.Length + 1);
        paragraphs.ShouldContain(p => p.EndsWith("各等次单位", StringComparison.Ordinal));
        text.ShouldContain("与2025年第三季度相比");
        text.ShouldContain("逾期报送1个（西山街道）");
    }
}
