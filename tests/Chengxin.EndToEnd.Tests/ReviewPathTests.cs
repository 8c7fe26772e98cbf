using System.Text;
using System.Text.Json;
using Chengxin.Server.Demo;
using Microsoft.Playwright;

namespace Chengxin.EndToEnd.Tests;

/// <summary>
/// The reviewer's tools on the towns scheme: the queue filtered by campaign with the self-scores, a PDF previewed inline
/// (the page's policy lets the viewer frame its own blob and nothing else), 5.1 诚信案例宣传 scored with points typed in
/// full-width digits and a reason, previous/next through the unit's items, and a batch confirm of unchanged items.
/// </summary>
[Collection(DemoCollection.Name)]
public sealed class ReviewPathTests(DemoServer server)
{
    private const string CampaignName = "E2E 复核工具批次";

    private static async Task ShotAsync(IPage page, string name)
    {
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('.el-loading-mask')].every(m => getComputedStyle(m).display === 'none')");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(DemoServer.ScreenshotFolder, name + ".png") });
    }

    private Task<IPage> SignedInAsync(string userName) => Pages.SignedInAsync(server, userName);

    private static Task<JsonElement> ApiAsync(IPage page, string method, string url, object? body = null) => Pages.ApiAsync(page, method, url, body);

    /// <summary>Uploads a file's bytes as evidence from the signed-in page.</summary>
    private static async Task UploadAsync(IPage page, string url, string base64) =>
        await page.EvaluateAsync(
            """
            async ([url, base64]) => {
              const token = (await (await fetch('/api/auth/antiforgery')).json()).token
              const bytes = Uint8Array.from(atob(base64), c => c.charCodeAt(0))
              const r = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/octet-stream', 'X-XSRF-TOKEN': token }, body: bytes })
              if (!r.ok) throw new Error('upload: ' + r.status + ' ' + await r.text())
            }
            """, new object[] { url, base64 });

    /// <summary>A one-page PDF with a line of text, its cross-reference table at the right offsets, as a viewer expects.</summary>
    internal static byte[] OnePagePdf(string text)
    {
        var stream = $"BT /F1 28 Tf 60 700 Td ({text}) Tj ET";
        var objects = new[]
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            $"<< /Length {stream.Length} >>\nstream\n{stream}\nendstream",
        };
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append($"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        var xref = pdf.Length;
        pdf.Append($"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var o in offsets)
            pdf.Append($"{o:D10} 00000 n \n");
        pdf.Append($"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }

    [Fact]
    public async Task Reviewer_FiltersTheQueue_PreviewsAPdf_ScoresAJudgement_StepsThroughItems_AndBatchConfirms()
    {
        // Setup through the API (other screens own it): the office answers for 柳溪乡 in a new towns campaign reviewed by the
        // external firm (刘洋), so no other test's reviewer finds these items in its queue.
        var admin = await SignedInAsync("admin");
        var units = await ApiAsync(admin, "GET", "/api/units");
        var unitId = units.EnumerateArray().First(u => u.GetProperty("name").GetString() == "柳溪乡").GetProperty("id").GetInt64();
        var users = await ApiAsync(admin, "GET", "/api/users");
        var reviewerId = users.EnumerateArray().First(u => u.GetProperty("userName").GetString() == "firm").GetProperty("id").GetString();
        var created = await ApiAsync(admin, "POST", "/api/campaigns", new
        {
            name = CampaignName, schemeId = "jiaxian-towns-2022", periodKey = "2026Q3", unitIds = new[] { unitId },
            schedule = new { evidenceDue = "2026-10-10T17:00", appealWindowDays = 7 }, reviewerIds = new[] { reviewerId },
            spotCheckShare = 0, selfAssessmentRequired = false,
        });
        var id = created.GetProperty("id").GetInt64();
        await ApiAsync(admin, "POST", $"/api/campaigns/{id}/open");
        var url = $"/api/campaigns/{id}/units/{unitId}/submission";
        await ApiAsync(admin, "PUT", $"{url}/items/1.1", new
        {
            facts = new { leader_assigned = true, lead_office_assigned = true, liaison_assigned = true, dedicated_computer = true, dedicated_printer = false, work_rules = true },
        });
        await UploadAsync(admin, $"{url}/items/5.1/evidence?fileName={Uri.EscapeDataString("诚信案例宣传材料.pdf")}",
            Convert.ToBase64String(OnePagePdf("Liuxi Township: integrity case report, 2026 Q3")));
        await ApiAsync(admin, "POST", $"{url}/submit");
        await ApiAsync(admin, "POST", $"/api/campaigns/{id}/start-review");

        // The queue, filtered to the campaign, shows each item's self-score; 5.1 is marked as the reviewer's to score.
        var reviewer = await SignedInAsync("firm");
        var violations = new List<string>();
        reviewer.Console += (_, m) =>
        {
            if (m.Text.Contains("Content Security Policy", StringComparison.Ordinal) || m.Text.Contains("Refused to", StringComparison.Ordinal))
                violations.Add(m.Text);
        };
        await reviewer.GotoAsync("/reviews");
        await reviewer.Locator("[data-test=queue-campaign]").ClickAsync();
        await reviewer.Locator(".el-select-dropdown__item:visible", new() { HasText = CampaignName }).First.ClickAsync();
        var rows = reviewer.Locator("[data-test=review-queue] .el-table__body-wrapper tr");
        await rows.First.WaitForAsync();
        (await rows.AllInnerTextsAsync()).ShouldAllBe(r => r.Contains(CampaignName));
        (await rows.Filter(new() { HasText = "组织建设情况" }).Locator("[data-test=queue-self-score]").InnerTextAsync()).ShouldBe("4");
        await ShotAsync(reviewer, "40-reviewer-queue-filtered");

        // The unit filter finds the campaign's waiting units as the reviewer types: no page of the queue carries a province's
        // thousands of units any more. The chosen unit keeps its name in the select while the queue shows its items.
        await reviewer.Locator("[data-test=queue-unit]").ClickAsync();
        await reviewer.Keyboard.TypeAsync("柳溪");
        var match = reviewer.Locator(".el-select-dropdown__item:visible", new() { HasText = "柳溪乡" });
        await match.First.WaitForAsync();
        await ShotAsync(reviewer, "41-reviewer-queue-unit-search");
        await match.First.ClickAsync();
        await reviewer.Locator("[data-test=queue-unit]", new() { HasText = "柳溪乡" }).WaitForAsync();
        (await rows.AllInnerTextsAsync()).ShouldAllBe(r => r.Contains("柳溪乡"));
        // The same on a phone's width: the filter and its matches stay within the screen.
        await reviewer.SetViewportSizeAsync(390, 844);
        await reviewer.Locator("[data-test=queue-unit]").ClickAsync();
        await reviewer.Keyboard.TypeAsync("柳");
        await match.First.WaitForAsync();
        await ShotAsync(reviewer, "42-reviewer-queue-unit-search-phone");
        await reviewer.Keyboard.PressAsync("Escape");
        await reviewer.SetViewportSizeAsync(1366, 768);
        await reviewer.Locator("input[data-test=queue-search]").FillAsync("诚信案例宣传");
        await reviewer.Locator("input[data-test=queue-search]").PressAsync("Enter");
        await rows.Filter(new() { HasText = "诚信案例宣传" }).Filter(new() { HasText = "评审给分" }).WaitForAsync();

        // 5.1: the PDF shows in the page's own frame, from a blob, with no policy violation.
        await reviewer.Locator($"[data-test='review-open-{unitId}-5.1']").ClickAsync();
        var frame = reviewer.Locator("[data-test=evidence-preview] iframe");
        await frame.WaitForAsync();
        (await frame.GetAttributeAsync("src"))!.ShouldStartWith("blob:");
        // A frame the policy refuses ends on the browser's error page; one it allows stays on the blob.
        var content = await (await frame.ElementHandleAsync()).ContentFrameAsync();
        await content!.WaitForLoadStateAsync();
        content.Url.ShouldStartWith("blob:");
        violations.ShouldBeEmpty();

        // Scoring: the way on is 评审给分; points beyond the rule are refused in the page, full-width digits are taken.
        (await reviewer.Locator("[data-test=review-action-score] input").IsCheckedAsync()).ShouldBeTrue();
        (await reviewer.Locator("[data-test=review-action-correct]").CountAsync()).ShouldBe(0);
        var points = reviewer.Locator("input[data-test=review-points], [data-test=review-points] input").First;
        await points.FillAsync("１２");
        await reviewer.Locator("textarea[data-test=review-reason]").FillAsync("市级媒体专题报道本镇诚信案例两篇，经验做法总结完整");
        await reviewer.Locator("[data-test=review-submit]").ClickAsync();
        await reviewer.Locator(".el-form-item__error", new() { HasText = "评审得分须在 0 至 10 分之间" }).WaitForAsync();
        await points.FillAsync("７．５");
        await ShotAsync(reviewer, "41-reviewer-judgement-with-pdf");
        await reviewer.Locator("[data-test=review-submit]").ClickAsync();
        await reviewer.Locator("[data-test=review-state]", new() { HasText = "已评分" }).WaitForAsync();
        (await reviewer.Locator("[data-test=reviewed-score]").InnerTextAsync()).ShouldBe("7.5");
        await ShotAsync(reviewer, "42-reviewer-judgement-scored");

        // Previous/next go through the unit's items in the scheme's order.
        await reviewer.Locator("[data-test=review-prev]").ClickAsync();
        await reviewer.Locator("[data-test=review-title]", new() { HasNotText = "诚信案例宣传" }).WaitForAsync();
        await reviewer.Locator("[data-test=review-next]").ClickAsync();
        await reviewer.Locator("[data-test=review-title]", new() { HasText = "诚信案例宣传" }).WaitForAsync();
        await reviewer.Locator("[data-test=review-state]", new() { HasText = "已评分" }).WaitForAsync();

        // Batch confirm: 1.1 and 1.2 as the unit answered, in one go; they leave the queue.
        await reviewer.GotoAsync("/reviews");
        await reviewer.Locator("[data-test=queue-campaign]").ClickAsync();
        await reviewer.Locator(".el-select-dropdown__item:visible", new() { HasText = CampaignName }).First.ClickAsync();
        await rows.Filter(new() { HasText = "组织建设情况" }).WaitForAsync();
        await rows.Filter(new() { HasText = "组织建设情况" }).Locator(".el-checkbox").ClickAsync();
        await rows.Nth(1).Locator(".el-checkbox").ClickAsync();
        await reviewer.Locator("[data-test=queue-batch-confirm]").ClickAsync();
        await reviewer.Locator(".el-message-box__btns .el-button--primary").ClickAsync();
        await reviewer.Locator(".el-message", new() { HasText = "已确认 2 项指标" }).WaitForAsync();
        await rows.Filter(new() { HasText = "组织建设情况" }).WaitForAsync(new() { State = WaitForSelectorState.Detached });
        await ShotAsync(reviewer, "43-reviewer-batch-confirmed");
        violations.ShouldBeEmpty();
    }
}
