using System.Diagnostics;
using System.Text.Json;
using Chengxin.Server.Demo;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.Playwright;

namespace Chengxin.EndToEnd.Tests;

/// <summary>
/// The bulletin path in the real UI against the demo: the office opens the 通报 dialog on seed 002's published quarter and
/// downloads it as Word and as PDF (the PDF's text names the quarter's best unit); it makes seed 003's quarterly bulletin from
/// the three published months; and a campaign not yet published offers no 通报, and the server refuses one in Chinese.
/// </summary>
[Collection(DemoCollection.Name)]
public sealed class BulletinPathTests(DemoServer server)
{
    private static async Task ShotAsync(IPage page, string name)
    {
        await page.Locator(".el-loading-mask:visible").First.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(DemoServer.ScreenshotFolder, name + ".png"), FullPage = true });
    }

    private static string PdfText(string file)
    {
        var start = new ProcessStartInfo("pdftotext", ["-enc", "UTF-8", file, "-"]) { RedirectStandardOutput = true };
        using var process = Process.Start(start)!;
        var text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        process.ExitCode.ShouldBe(0);
        return string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
    }

    private async Task<string> SaveAsync(IDownload download, string name)
    {
        var file = Path.Combine(server.DataFolder, name);
        await download.SaveAsAsync(file);
        return file;
    }

    private static long CampaignId(JsonElement campaigns, string name) =>
        campaigns.EnumerateArray().First(c => c.GetProperty("name").GetString() == name).GetProperty("id").GetInt64();

    [Fact]
    public async Task Bulletin_PublishedQuarterAsWordAndPdf_PeriodBulletinOfTheMonths_UnpublishedOffersNone()
    {
        var admin = await Pages.SignedInAsync(server, "admin");
        var campaigns = await Pages.ApiAsync(admin, "GET", "/api/campaigns");
        var quarter = CampaignId(campaigns, DemoBulletins.Lists.Name);
        var results = await Pages.ApiAsync(admin, "GET", $"/api/campaigns/{quarter}/results");
        var best = results.GetProperty("units").EnumerateArray().OrderBy(u => u.GetProperty("rank").GetInt32()).First().GetProperty("name").GetString()!;

        // The 通报 dialog on the published quarter's results page.
        await admin.GotoAsync($"/campaigns/{quarter}/results");
        await admin.Locator("[data-test=open-bulletin]").ClickAsync();
        var dialog = admin.Locator("[data-test=bulletin-dialog]");
        await dialog.WaitForAsync();
        await Pages.Input(admin, "bulletin-number").FillAsync("云信办〔2025〕12号");
        await ShotAsync(admin, "bulletin-01-dialog");

        var word = await admin.RunAndWaitForDownloadAsync(() => dialog.Locator("[data-test=bulletin-generate]").ClickAsync());
        word.SuggestedFilename.ShouldBe($"{DemoBulletins.Lists.Name}-通报.docx");
        using (var docx = WordprocessingDocument.Open(await SaveAsync(word, "lists.docx"), false))
        {
            var text = docx.MainDocumentPart!.Document.Body!.InnerText;
            text.ShouldContain("云信办〔2025〕12号");
            text.ShouldContain("红名单、蓝名单、黄名单");
            text.ShouldContain(best);
        }

        await admin.Locator("[data-test=open-bulletin]").ClickAsync();
        await dialog.Locator("[data-test=bulletin-format] label", new() { HasText = "PDF" }).ClickAsync();
        var pdf = await admin.RunAndWaitForDownloadAsync(() => dialog.Locator("[data-test=bulletin-generate]").ClickAsync());
        pdf.SuggestedFilename.ShouldEndWith(".pdf");
        var pdfText = PdfText(await SaveAsync(pdf, "lists.pdf"));
        pdfText.ShouldContain($"排名第一的是{best}");
        pdfText.ShouldContain("黄名单");

        // The quarter of seed 003's months, from the results list.
        await admin.GotoAsync("/results");
        await admin.Locator("[data-test=open-period-bulletin]").ClickAsync();
        var period = admin.Locator("[data-test=period-bulletin-dialog]");
        await Pages.ChooseAsync(admin, "period-bulletin-family", "月度考评");
        foreach (var (_, name, _) in DemoBulletins.Months)
            await period.Locator("[data-test=period-bulletin-campaigns] label.is-checked", new() { HasText = name }).WaitForAsync();
        await period.Locator("[data-test=period-bulletin-format] label", new() { HasText = "PDF" }).ClickAsync();
        await ShotAsync(admin, "bulletin-02-period-dialog");
        var quarterly = await admin.RunAndWaitForDownloadAsync(() => period.Locator("[data-test=period-bulletin-generate]").ClickAsync());
        var quarterlyText = PdfText(await SaveAsync(quarterly, "period.pdf"));
        quarterlyText.ShouldContain("关于2025年第四季度政务守信践诺工作月度考评结果的通报");
        quarterlyText.ShouldContain("阶段排名");
        await ShotAsync(admin, "bulletin-03-results-list");

        // The open quarter of the towns is not published: no 通报 button, and the server refuses in Chinese.
        var open = CampaignId(campaigns, "2026年第一季度乡镇（街道）政务诚信评价");
        await admin.GotoAsync($"/campaigns/{open}/results");
        await admin.Locator("[data-test=campaign-state]").WaitForAsync();
        (await admin.Locator("[data-test=open-bulletin]").CountAsync()).ShouldBe(0);
        await ShotAsync(admin, "bulletin-04-unpublished-no-bulletin");
        var refused = await admin.EvaluateAsync<JsonElement>(
            """
            async (url) => {
              const token = (await (await fetch('/api/auth/antiforgery')).json()).token
              const r = await fetch(url, { method: 'POST', headers: { 'X-XSRF-TOKEN': token } })
              return { status: r.status, detail: (await r.json()).detail }
            }
            """, $"/api/bulletins/campaigns/{open}?format=pdf");
        refused.GetProperty("status").GetInt32().ShouldBe(409);
        refused.GetProperty("detail").GetString().ShouldBe("该批次的评价结果尚未发布，通报只能依据已发布的结果生成。请先完成发布。");
    }
}
