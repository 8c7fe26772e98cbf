using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Chengxin.Server.Demo;
using Microsoft.Playwright;

namespace Chengxin.EndToEnd.Tests;

/// <summary>
/// One campaign through the real UI: the admin opens it with the wizard, the liaison fills it with an upload and
/// submits, the reviewer corrects one item and returns another, the liaison answers, the reviewer confirms. Every
/// free-text field gets a script payload that must show as text and never run.
/// </summary>
[Collection(DemoCollection.Name)]
public sealed class CampaignPathTests(DemoServer server)
{
    private const string Xss = "<img src=x onerror=\"window.__xss=1\">";
    private const string CampaignName = "2026年第四季度乡镇政务诚信评价（E2E）";

    /// <summary>A 1×1 PNG: real image bytes, since the server checks what a file is, not what it is called.</summary>
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    /// <summary>A screenshot once no loading mask covers the page, so it shows what the user reads.</summary>
    private static async Task ShotAsync(IPage page, string name)
    {
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('.el-loading-mask')].every(m => getComputedStyle(m).display === 'none')");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(DemoServer.ScreenshotFolder, name + ".png") });
    }

    private static async Task SignInAsync(IPage page, string userName)
    {
        await page.GotoAsync("/login");
        await page.Locator("[data-test=login-user]").FillAsync(userName);
        await page.Locator("[data-test=login-password]").FillAsync(DemoSeeder.Password);
        await page.Locator("[data-test=login-submit]").ClickAsync();
        await page.Locator("[data-test=home-welcome]").WaitForAsync();
    }

    private static async Task<bool> XssRanAsync(IPage page) => await page.EvaluateAsync<bool>("() => window.__xss !== undefined");

    private static ILocator Input(IPage page, string test) => Pages.Input(page, test);

    private static Task PickDateAsync(IPage page, string test, string text) => Pages.PickDateAsync(page, test, text);

    private static Task ChooseAsync(IPage page, string test, string option) => Pages.ChooseAsync(page, test, option);

    private static async Task ConfirmBoxAsync(IPage page) =>
        await page.Locator(".el-message-box__btns .el-button--primary").ClickAsync();

    private static async Task WaitSavedAsync(IPage page) =>
        await page.Locator("[data-test=save-state]", new PageLocatorOptions { HasText = "草稿已保存" }).WaitForAsync();

    [Fact]
    public async Task OneCampaign_OpenFillReviewReturnAnswerConfirm_ThroughTheUi()
    {
        // The admin opens the campaign through the wizard.
        var admin = await server.NewPageAsync();
        await SignInAsync(admin, "admin");
        await admin.Locator("[data-test='menu-/campaigns']").ClickAsync();
        await admin.Locator("[data-test=campaign-table] .el-table__body tr").First.WaitForAsync();
        await ShotAsync(admin, "20-admin-campaigns");
        await admin.Locator("[data-test=campaign-create]").ClickAsync();
        await Input(admin, "wizard-name").FillAsync(CampaignName);
        await ChooseAsync(admin, "wizard-scheme", "jiaxian-towns-2022");
        await PickDateAsync(admin, "wizard-period-year", "2026");
        await ChooseAsync(admin, "wizard-period-quarter", "第四季度");
        await ShotAsync(admin, "21-admin-wizard-scheme");
        await admin.Locator("[data-test=wizard-next]").ClickAsync();

        var tree = admin.Locator("[data-test=wizard-units]");
        foreach (var town in new[] { "石门镇（乡镇）", "柳溪乡（乡镇）" })
            await tree.Locator(".el-tree-node__content", new LocatorLocatorOptions { HasText = town }).First.Locator(".el-checkbox").ClickAsync();
        (await admin.Locator("[data-test=wizard-unit-count]").InnerTextAsync()).ShouldBe("2");
        await ShotAsync(admin, "22-admin-wizard-units");
        await admin.Locator("[data-test=wizard-next]").ClickAsync();

        await PickDateAsync(admin, "wizard-evidenceDue", "2027-01-31 17:00");
        await ShotAsync(admin, "23-admin-wizard-schedule");
        await admin.Locator("[data-test=wizard-next]").ClickAsync();
        await ChooseAsync(admin, "wizard-reviewers", "陈静");
        await admin.Keyboard.PressAsync("Escape");
        await admin.Locator("[data-test=wizard-next]").ClickAsync();
        (await admin.Locator("[data-test=wizard-summary]").InnerTextAsync()).ShouldContain("2027-01-31 17:00");
        await ShotAsync(admin, "24-admin-wizard-confirm");
        await admin.Locator("[data-test=wizard-submit]").ClickAsync();
        await admin.Locator("[data-test=campaign-state]", new PageLocatorOptions { HasText = "收集中" }).WaitForAsync();
        (await admin.Locator("[data-test=campaign-title]").InnerTextAsync()).ShouldBe(CampaignName);
        var detailUrl = admin.Url;
        await admin.Locator("[data-test=progress-chart] canvas").WaitForAsync();
        await ShotAsync(admin, "25-admin-campaign-opened");

        // The liaison fills two items, uploads a file, explains, and submits.
        var liaison = await server.NewPageAsync();
        await SignInAsync(liaison, "liaison");
        await liaison.Locator("[data-test=my-tasks]", new PageLocatorOptions { HasText = CampaignName }).WaitForAsync();
        await ShotAsync(liaison, "26-liaison-tasks");
        await liaison.Locator("[data-test='menu-/campaigns']").ClickAsync();
        await liaison.Locator("[data-test=campaign-table] .el-table__body tr", new PageLocatorOptions { HasText = CampaignName })
            .Locator("[data-test=campaign-fill]").ClickAsync();
        await liaison.Locator("[data-test=submission-unit]", new PageLocatorOptions { HasText = "石门镇" }).WaitForAsync();
        await liaison.Locator("[data-test='item-1.1']").ClickAsync();
        foreach (var fact in new[] { "leader_assigned", "lead_office_assigned", "liaison_assigned", "dedicated_computer", "work_rules" })
            await liaison.Locator($"[data-test=fact-{fact}]").GetByText("是", new() { Exact = true }).ClickAsync();
        await liaison.Locator("[data-test=fact-dedicated_printer]").GetByText("否", new() { Exact = true }).ClickAsync();
        await Input(liaison, "item-explanation").FillAsync("打印机借用党政办" + Xss);
        await WaitSavedAsync(liaison);
        await liaison.Locator("[data-test=evidence-upload] input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "领导小组文件.png", MimeType = "image/png", Buffer = Png,
        });
        var sha = Convert.ToHexStringLower(SHA256.HashData(Png));
        await liaison.Locator("[data-test=evidence-sha]", new PageLocatorOptions { HasText = sha }).WaitForAsync();
        (await liaison.Locator("[data-test=item-score]").InnerTextAsync()).ShouldContain("/");
        (await XssRanAsync(liaison)).ShouldBeFalse();
        await ShotAsync(liaison, "27-liaison-item-with-receipt");

        // Evidence beyond files: a link gets the same receipt (the SHA-256 of its address); its typed title stays text,
        // and the address becomes an anchor that cannot reach back into the page.
        const string linkUrl = "https://www.gov.cn/zhengce/e2e-1.1.html";
        await Input(liaison, "link-url").FillAsync(linkUrl);
        await Input(liaison, "link-title").FillAsync("领导小组公开文件" + Xss);
        await liaison.Locator("[data-test=link-add]").ClickAsync();
        var linkSha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(linkUrl)));
        await liaison.Locator("[data-test=evidence-sha]", new PageLocatorOptions { HasText = linkSha }).WaitForAsync();
        (await liaison.Locator("[data-test=evidence-name]", new PageLocatorOptions { HasText = "领导小组公开文件" }).InnerTextAsync()).ShouldBe("领导小组公开文件" + Xss);
        var anchor = liaison.Locator("[data-test=evidence-url]");
        (await anchor.GetAttributeAsync("href")).ShouldBe(linkUrl);
        (await anchor.GetAttributeAsync("rel")).ShouldBe("noopener noreferrer");
        (await liaison.Locator("[data-test=evidence-kind]", new PageLocatorOptions { HasText = "链接" }).CountAsync()).ShouldBe(1);
        (await liaison.Locator("[data-test=evidence-table] img").CountAsync()).ShouldBe(0);
        (await XssRanAsync(liaison)).ShouldBeFalse();
        await liaison.Locator("[data-test=open-liaison-table]").WaitForAsync();
        await ShotAsync(liaison, "27b-liaison-link-receipt");

        // 2.1's count is the county office's to supply: the liaison sees it, cannot type it. 2.3 is the unit's own.
        await liaison.Locator("[data-test='item-2.1']").ClickAsync();
        await liaison.Locator("[data-test=fact-reports_on_time] [data-test=fact-foreign]").WaitForAsync();
        await liaison.Locator("[data-test='item-2.3']").ClickAsync();
        await liaison.Locator("[data-test=fact-credit_village_documents]").GetByText("是", new() { Exact = true }).ClickAsync();
        await liaison.Locator("[data-test=fact-credit_village_results]").GetByText("否", new() { Exact = true }).ClickAsync();
        await liaison.Locator("[data-test='item-2.3'] .mark .el-icon").WaitForAsync();
        await liaison.Locator("[data-test=submission-submit]").ClickAsync();
        await ConfirmBoxAsync(liaison);
        await liaison.Locator("[data-test=submission-state]", new PageLocatorOptions { HasText = "已提交" }).WaitForAsync();
        await ShotAsync(liaison, "28-liaison-submitted");

        // The office closes collection early: the readiness dialog names the unit still within its deadline, and closing
        // takes a reason; the board then shows one unit submitted and one not.
        await admin.GotoAsync(detailUrl);
        await admin.Locator("[data-test=campaign-start-review]").ClickAsync();
        var readiness = admin.Locator("[data-test=readiness-dialog]");
        (await readiness.Locator("[data-test=readiness-units-before-deadline]").InnerTextAsync()).ShouldContain("柳溪乡");
        await readiness.Locator("textarea[data-test=readiness-reason]").FillAsync("柳溪乡已书面说明本期不参评");
        await readiness.Locator("[data-test=readiness-override]").ClickAsync();
        await admin.Locator("[data-test=campaign-state]", new PageLocatorOptions { HasText = "复核中" }).WaitForAsync();
        (await admin.Locator("[data-test=progress-submitted]").InnerTextAsync()).ShouldContain("1");
        await ShotAsync(admin, "29-admin-progress-board");
        await admin.Locator("[data-test=campaign-results]").WaitForAsync();
        await admin.Locator("[data-test=campaign-letters]").WaitForAsync();
        var download = await admin.RunAndWaitForDownloadAsync(() => admin.Locator("[data-test=progress-export]").ClickAsync());
        download.SuggestedFilename.ShouldEndWith(".xlsx");
        var file = Path.Combine(server.DataFolder, "progress.xlsx");
        await download.SaveAsAsync(file);
        using (var zip = ZipFile.OpenRead(file))
        {
            var text = string.Join("", zip.Entries.Where(e => e.FullName.StartsWith("xl/", StringComparison.Ordinal) && e.FullName.EndsWith(".xml", StringComparison.Ordinal))
                .Select(e => new StreamReader(e.Open()).ReadToEnd()));
            text.ShouldContain("石门镇");
            text.ShouldContain("按时报送");
        }

        // The reviewer corrects 1.1 with a reason and returns 2.3 with a deadline.
        var reviewer = await server.NewPageAsync();
        await SignInAsync(reviewer, "reviewer");
        await reviewer.Locator("[data-test='menu-/reviews']").ClickAsync();
        await OpenInQueueAsync(reviewer, "1.1");
        await reviewer.Locator("[data-test=evidence-preview] img").WaitForAsync();
        (await reviewer.Locator("[data-test=review-evidence-url]").GetAttributeAsync("rel")).ShouldBe("noopener noreferrer");
        await reviewer.Locator("[data-test=review-action-correct]").ClickAsync();
        await reviewer.Locator("[data-test=correct-work_rules]").GetByText("否", new() { Exact = true }).ClickAsync();
        await Input(reviewer, "review-reason").FillAsync("工作制度未印发" + Xss);
        await ShotAsync(reviewer, "30-reviewer-item-with-preview");
        await reviewer.Locator("[data-test=review-submit]").ClickAsync();
        await reviewer.Locator("[data-test=review-state]", new PageLocatorOptions { HasText = "已修正" }).WaitForAsync();
        (await XssRanAsync(reviewer)).ShouldBeFalse();

        await reviewer.Locator("[data-test='menu-/reviews']").ClickAsync();
        await OpenInQueueAsync(reviewer, "2.3");
        await reviewer.Locator("[data-test=review-action-return]").ClickAsync();
        await Input(reviewer, "review-reason").FillAsync("请补充示范村创建成效材料" + Xss);
        await PickDateAsync(reviewer, "review-due", "2027-02-15 17:00");
        await reviewer.Locator("[data-test=review-submit]").ClickAsync();
        await reviewer.Locator("[data-test=review-state]", new PageLocatorOptions { HasText = "已退回补充" }).WaitForAsync();
        await ShotAsync(reviewer, "31-reviewer-returned");

        // The liaison sees the returned item with the reason as text, answers and resubmits.
        await liaison.GotoAsync("/");
        await liaison.Locator("[data-test=task-go-returned]").First.ClickAsync();
        var reason = liaison.Locator("[data-test=item-returned-reason]");
        await reason.WaitForAsync();
        (await reason.InnerTextAsync()).ShouldBe("请补充示范村创建成效材料" + Xss);
        (await liaison.Locator("[data-test=item-form] img").CountAsync()).ShouldBe(0);
        await ShotAsync(liaison, "32-liaison-returned-item");
        await liaison.Locator("[data-test=fact-credit_village_results]").GetByText("是", new() { Exact = true }).ClickAsync();
        await Input(liaison, "item-explanation").FillAsync("补充示范村创建成效" + Xss);
        await WaitSavedAsync(liaison);
        await liaison.Locator("[data-test=submission-submit]").ClickAsync();
        await ConfirmBoxAsync(liaison);
        await liaison.Locator("[data-test=submission-state]", new PageLocatorOptions { HasText = "已重新提交" }).WaitForAsync();
        (await XssRanAsync(liaison)).ShouldBeFalse();

        // The reviewer finds the answered item back in the queue. Meanwhile the office confirms it first, so the
        // reviewer's correction meets a 409, shown in Chinese, and what was typed stays in the form.
        await reviewer.Locator("[data-test='menu-/reviews']").ClickAsync();
        await OpenInQueueAsync(reviewer, "2.3");
        await reviewer.Locator("[data-test=review-state]", new PageLocatorOptions { HasText = "补充后重新提交" }).WaitForAsync();
        (await reviewer.Locator("[data-test=review-facts]").InnerTextAsync()).ShouldNotContain("否");
        await admin.GotoAsync(reviewer.Url);
        await admin.Locator("[data-test=review-state]", new PageLocatorOptions { HasText = "补充后重新提交" }).WaitForAsync();
        await admin.Locator("[data-test=review-submit]").ClickAsync();
        await admin.Locator("[data-test=review-state]", new PageLocatorOptions { HasText = "已确认" }).WaitForAsync();

        await reviewer.Locator("[data-test=review-action-correct]").ClickAsync();
        await reviewer.Locator("[data-test=correct-credit_village_results]").GetByText("否", new() { Exact = true }).ClickAsync();
        await Input(reviewer, "review-reason").FillAsync("成效材料不足" + Xss);
        await reviewer.Locator("[data-test=review-submit]").ClickAsync();
        var conflict = reviewer.Locator("[data-test=review-conflict]");
        await conflict.WaitForAsync();
        (await conflict.InnerTextAsync()).ShouldContain("已被其他评审员更新");
        (await Input(reviewer, "review-reason").InputValueAsync()).ShouldBe("成效材料不足" + Xss);
        (await reviewer.Locator("[data-test=correct-credit_village_results] label.is-checked").InnerTextAsync()).ShouldBe("否");
        await ShotAsync(reviewer, "33-reviewer-conflict-kept-input");

        // Refreshed, the reviewer agrees with the office and confirms on top of its verdict.
        await reviewer.Locator("[data-test=review-refresh]").ClickAsync();
        await reviewer.Locator("[data-test=review-state]", new PageLocatorOptions { HasText = "已确认" }).WaitForAsync();
        await reviewer.Locator("[data-test=review-action]").GetByText("确认", new() { Exact = true }).ClickAsync();
        await reviewer.Locator("[data-test=review-submit]").ClickAsync();
        await reviewer.Locator("[data-test=review-version]", new PageLocatorOptions { HasText = "3" }).WaitForAsync(new() { State = WaitForSelectorState.Attached });
        (await reviewer.Locator("[data-test=review-state]").InnerTextAsync()).ShouldBe("已确认");
        (await XssRanAsync(reviewer)).ShouldBeFalse();
        await ShotAsync(reviewer, "34-reviewer-confirmed");

        // Finishing the unit's review while items are still unreviewed: the server's 409 names them.
        await reviewer.GotoAsync(detailUrl);
        await reviewer.Locator("[data-test^=mark-reviewed-]").First.ClickAsync();
        await ConfirmBoxAsync(reviewer);
        await reviewer.Locator(".el-message--error", new PageLocatorOptions { HasText = "未复核" }).WaitForAsync();
        await ShotAsync(reviewer, "35-reviewer-finish-refused");

        // The office draws the spot check; a drawn unit's check is opened, one item recorded with its grounds (typed
        // text, shown as text) and completed, the spot-check total beside the reviewed one.
        await admin.GotoAsync(detailUrl);
        await admin.Locator("[data-test=spot-check-draw]").ClickAsync();
        await ConfirmBoxAsync(admin);
        var spotRow = admin.Locator("[data-test=spot-check-table] .el-table__body tr").First;
        await spotRow.Locator("[data-test=spot-check-open]").ClickAsync();
        await spotRow.Locator("[data-test=spot-check-record]").ClickAsync();
        await ChooseAsync(admin, "spot-check-item", "1.1 ");
        await ChooseAsync(admin, "spot-fact-work_rules", "否");
        await Input(admin, "spot-check-reason").FillAsync("现场未见制度文件" + Xss);
        await admin.Locator("[data-test=spot-check-save]").ClickAsync();
        await spotRow.GetByText("1.1：现场未见制度文件" + Xss).WaitForAsync();
        (await spotRow.Locator("[data-test=spot-check-total]").InnerTextAsync()).ShouldNotBe("—");
        await spotRow.Locator("[data-test=spot-check-complete]").ClickAsync();
        await admin.Locator(".el-message-box__input textarea").FillAsync("抽查核实一项" + Xss);
        await ConfirmBoxAsync(admin);
        await spotRow.Locator("[data-test=spot-check-state].el-tag--success").WaitForAsync();
        (await XssRanAsync(admin)).ShouldBeFalse();
        await ShotAsync(admin, "36-admin-spot-check");
    }

    /// <summary>
    /// Opens an item of this campaign from the reviewer's queue: the queue is the reviewer's across campaigns, and the tests sharing
    /// the demo server leave items of theirs waiting with the same reviewer.
    /// </summary>
    private static Task OpenInQueueAsync(IPage reviewer, string itemNo) =>
        reviewer.Locator("[data-test=review-queue] .el-table__body-wrapper tr", new PageLocatorOptions { HasText = CampaignName })
            .Locator($"[data-test^='review-open-'][data-test$='-{itemNo}']").ClickAsync();
}
