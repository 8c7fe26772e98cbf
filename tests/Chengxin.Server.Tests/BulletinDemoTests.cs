using System.Net;
using Chengxin.Documents.Tests;
using Chengxin.Server.Demo;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Tests.Infrastructure;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.Extensions.DependencyInjection;

namespace Chengxin.Server.Tests;

/// <summary>
/// The demo's published quarters of seed 004 (「每季度对各乡镇（街道）进行排名」): the later quarter's bulletin compares it with the
/// earlier one, as DOCX and as PDF, and keeps the pages in test-output/ to look at.
/// </summary>
[Collection(SqliteCollection.Name)]
public sealed class BulletinDemoTests(SqliteApp app)
{
    [Fact]
    public async Task Generate_DemosLaterPublishedQuarter_RanksGradesAndChangesSinceTheEarlierOne()
    {
        await using (var scope = app.Factory.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(CancellationToken.None);
        var admin = await app.SignInAsync("admin", DemoSeeder.Password);
        var campaigns = await (await admin.GetAsync("/api/campaigns")).ReadAsync<List<CampaignListItem>>();
        var later = campaigns.First(c => c.Name == DemoPublishedCampaigns.Quarters[1].Name);

        var pdf = await admin.PostAsync($"/api/bulletins/campaigns/{later.Id}?format=pdf", null);
        pdf.StatusCode.ShouldBe(HttpStatusCode.OK, await pdf.Content.ReadAsStringAsync());
        var bytes = await pdf.Content.ReadAsByteArrayAsync();
        Poppler.Pages(bytes, "demo-towns-2025Q4").Count.ShouldBeGreaterThan(1);
        var text = string.Concat(Poppler.Text(bytes).Where(c => !char.IsWhiteSpace(c)));
        text.ShouldContain("关于2025年第四季度乡镇（街道）政务诚信评价结果的通报");
        text.ShouldContain("与2025年第三季度相比");
        text.ShouldContain("各等次单位");

        var docx = await admin.PostAsync($"/api/bulletins/campaigns/{later.Id}?format=docx", null);
        docx.StatusCode.ShouldBe(HttpStatusCode.OK);
        var file = await docx.Content.ReadAsByteArrayAsync();
        File.WriteAllBytes(Path.Combine(Poppler.OutputFolder, "demo-towns-2025Q4.docx"), file);
        using var word = WordprocessingDocument.Open(new MemoryStream(file), false);
        var header = word.MainDocumentPart!.Document.Body!.Elements<Table>().First().Elements<TableRow>().First().InnerText;
        header.ShouldBe("名次单位总分等次名次变化");
    }
}
