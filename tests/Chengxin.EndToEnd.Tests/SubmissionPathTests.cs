using System.Text.Json;
using Chengxin.Server.Demo;
using Microsoft.Playwright;

namespace Chengxin.EndToEnd.Tests;

/// <summary>
/// Issue 11, blocking defect 5, as the liaison of 石门镇 meets it: from the 信息报送 menu to the item form, an empty report
/// refused with the list of what it lacks, a partial one listed before it is sent, the items answered, submitted, withdrawn
/// and submitted again; an upload deleted; the way back from the liaison table.
/// </summary>
[Collection(DemoCollection.Name)]
public sealed class SubmissionPathTests(DemoServer server)
{
    private const string CampaignName = "E2E 报送与撤回批次";

    private static async Task ShotAsync(IPage page, string name)
    {
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('.el-loading-mask')].every(m => getComputedStyle(m).display === 'none')");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(DemoServer.ScreenshotFolder, name + ".png") });
    }

    private Task<IPage> SignedInAsync(string userName) => Pages.SignedInAsync(server, userName);

    private static Task<JsonElement> ApiAsync(IPage page, string method, string url, object? body = null) => Pages.ApiAsync(page, method, url, body);

    private static ILocator Input(IPage page, string test) => Pages.Input(page, test);

    private static async Task WaitSavedAsync(IPage page) =>
        await page.Locator("[data-test=save-state]", new PageLocatorOptions { HasText = "草稿已保存" }).WaitForAsync();

    private static ILocator MessageBox(IPage page) => page.Locator(".el-message-box:visible");

    /// <summary>A screenshot of a message box once its fade-in has ended, so it shows what the user reads.</summary>
    private static async Task BoxShotAsync(IPage page, string name)
    {
        await page.WaitForFunctionAsync(
            "() => { const o = document.querySelector('.el-message-box')?.closest('.el-overlay'); return !!o && getComputedStyle(o).opacity === '1' && ![...o.classList].some(c => c.includes('enter')) }");
        await ShotAsync(page, name);
    }

    [Fact]
    public async Task Liaison_EmptyRefusedPartialListedCompleteSubmitWithdrawResubmit_ThroughTheUi()
    {
        var admin = await SignedInAsync("admin");
        var units = await ApiAsync(admin, "GET", "/api/units");
        var shimen = units.EnumerateArray().First(u => u.GetProperty("name").GetString() == "石门镇").GetProperty("id").GetInt64();
        var created = await ApiAsync(admin, "POST", "/api/campaigns", new
        {
            name = CampaignName, schemeId = "jiaxian-towns-2022", periodKey = "2026Q3", unitIds = new[] { shimen },
            schedule = new { evidenceDue = "2027-03-31T17:00", appealWindowDays = 7 }, spotCheckShare = 0, selfAssessmentRequired = false,
        });
        var id = created.GetProperty("id").GetInt64();
        await ApiAsync(admin, "POST", $"/api/campaigns/{id}/open");

        // 信息报送 → the campaign's row → 填报指标 reaches the item form.
        var liaison = await SignedInAsync("liaison");
        await liaison.Locator("[data-test='menu-/collect']").ClickAsync();
        await liaison.Locator("[data-test=collect-campaigns] .el-table__body tr", new PageLocatorOptions { HasText = CampaignName })
            .Locator("[data-test=open-items]").ClickAsync();
        await liaison.Locator("[data-test=submission-unit]", new PageLocatorOptions { HasText = "石门镇" }).WaitForAsync();
        await ShotAsync(liaison, "40-liaison-items-from-menu");

        // The liaison table links back to the item form.
        await liaison.Locator("[data-test=submission-links] [data-test=open-liaison-table]").ClickAsync();
        await liaison.Locator("[data-test=liaison-heading]").WaitForAsync();
        await liaison.Locator("[data-test=back-to-items]").ClickAsync();
        await liaison.Locator("[data-test=submission-unit]", new PageLocatorOptions { HasText = "石门镇" }).WaitForAsync();

        // Nothing answered: the report is refused there and then, with the items it lacks by number and title.
        await liaison.Locator("[data-test=submission-submit]").ClickAsync();
        var box = MessageBox(liaison);
        await box.Locator("[data-test=missing-list] li").First.WaitForAsync();
        (await box.InnerTextAsync()).ShouldContain("报送内容为空");
        (await box.Locator("[data-test=missing-list]").InnerTextAsync()).ShouldContain("1.1 组织建设情况");
        (await box.Locator(".el-message-box__btns .el-button").CountAsync()).ShouldBe(1);
        await BoxShotAsync(liaison, "41-liaison-empty-refused");
        await box.Locator(".el-message-box__btns .el-button").ClickAsync();
        await box.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Hidden });

        // One fact of 1.1 typed: the list still names 1.1 (not all its facts) and every other item; sending it would need a second word.
        await liaison.Locator("[data-test='item-1.1']").ClickAsync();
        await liaison.Locator("[data-test=fact-leader_assigned]").GetByText("是", new() { Exact = true }).ClickAsync();
        await WaitSavedAsync(liaison);
        await liaison.Locator("[data-test=submission-submit]").ClickAsync();
        await box.Locator("[data-test=missing-list] li").First.WaitForAsync();
        (await box.Locator("[data-test=missing-after]").InnerTextAsync()).ShouldContain("仍要提交");
        await BoxShotAsync(liaison, "42-liaison-partial-listed");
        await box.Locator(".el-message-box__btns .el-button", new LocatorLocatorOptions { HasText = "继续填写" }).ClickAsync();
        await box.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Hidden });

        // An upload put on the wrong item is deleted again; sizes and names read plainly.
        await liaison.Locator("[data-test=evidence-upload] input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "错传的文件.txt", MimeType = "text/plain", Buffer = "这不是1.1的材料"u8.ToArray(),
        });
        var wrong = liaison.Locator("[data-test=evidence-table] tr", new PageLocatorOptions { HasText = "错传的文件.txt" });
        await wrong.WaitForAsync();
        (await liaison.Locator("[data-test=evidence-table] thead").InnerTextAsync()).ShouldContain("校验码");
        (await wrong.Locator("a[data-test=evidence-name]").GetAttributeAsync("href"))!.ShouldContain("/submission/evidence/");
        await wrong.ScrollIntoViewIfNeededAsync();
        await ShotAsync(liaison, "43-liaison-evidence-columns");
        await wrong.Locator("[data-test=evidence-remove]").ClickAsync();
        await liaison.Locator(".el-message-box__btns .el-button--primary").ClickAsync();
        await wrong.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached });

        // Complete: 1.1 in full, then each item the list still names answered with why it cannot be supplied.
        foreach (var fact in new[] { "lead_office_assigned", "liaison_assigned", "dedicated_computer", "dedicated_printer", "work_rules" })
            await liaison.Locator($"[data-test=fact-{fact}]").GetByText("是", new() { Exact = true }).ClickAsync();
        await WaitSavedAsync(liaison);
        for (var round = 0; round < 40; round++)
        {
            await liaison.Locator("[data-test=submission-submit]").ClickAsync();
            await box.WaitForAsync();
            if (await box.Locator("[data-test=missing-list] li").CountAsync() == 0)
                break;
            var first = (await box.Locator("[data-test=missing-list] li").First.InnerTextAsync()).Trim();
            await box.Locator(".el-message-box__btns .el-button", new LocatorLocatorOptions { HasText = "继续填写" }).ClickAsync();
            await box.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Hidden });
            await liaison.Locator($"[data-test='item-{first.Split(' ', 2)[0]}']").ClickAsync();
            await Input(liaison, "item-explanation").FillAsync("本期未开展此项工作，无法提供材料。");
            await WaitSavedAsync(liaison);
        }
        (await box.InnerTextAsync()).ShouldContain("提交后不能再修改");
        await BoxShotAsync(liaison, "44-liaison-complete-confirm");
        await box.Locator(".el-message-box__btns .el-button--primary").ClickAsync();
        await liaison.Locator("[data-test=submission-state]", new PageLocatorOptions { HasText = "已提交" }).WaitForAsync();
        await ShotAsync(liaison, "45-liaison-submitted");

        // Withdrawn before review: back to draft, editable, and handed in again.
        await liaison.Locator("[data-test=submission-withdraw]").ClickAsync();
        await liaison.Locator(".el-message-box__btns .el-button--primary").ClickAsync();
        await liaison.Locator("[data-test=submission-state]", new PageLocatorOptions { HasText = "草稿" }).WaitForAsync();
        await ShotAsync(liaison, "46-liaison-withdrawn");
        await liaison.Locator("[data-test=submission-submit]").ClickAsync();
        await box.Locator(".el-message-box__btns .el-button--primary").ClickAsync();
        await liaison.Locator("[data-test=submission-state]", new PageLocatorOptions { HasText = "已提交" }).WaitForAsync();
        (await liaison.Locator("[data-test=submission-withdraw]").CountAsync()).ShouldBe(1);
        await ShotAsync(liaison, "47-liaison-resubmitted");
    }

    [Fact]
    public async Task Office_ReturnsTheWholeReport_ThenTheLiaisonSeesTheReviewedResultAndConfirmsIt()
    {
        var admin = await SignedInAsync("admin");
        var units = await ApiAsync(admin, "GET", "/api/units");
        var shimen = units.EnumerateArray().First(u => u.GetProperty("name").GetString() == "石门镇").GetProperty("id").GetInt64();
        var users = await ApiAsync(admin, "GET", "/api/users");
        var reviewerId = users.EnumerateArray().First(u => u.GetProperty("userName").GetString() == "reviewer").GetProperty("id").GetString();
        var created = await ApiAsync(admin, "POST", "/api/campaigns", new
        {
            name = "E2E 退回与复核结果批次", schemeId = "jiaxian-towns-2022", periodKey = "2026Q2", unitIds = new[] { shimen },
            schedule = new { evidenceDue = "2027-03-31T17:00", appealWindowDays = 7 }, reviewerIds = new[] { reviewerId }, spotCheckShare = 0,
            selfAssessmentRequired = false,
        });
        var id = created.GetProperty("id").GetInt64();
        await ApiAsync(admin, "POST", $"/api/campaigns/{id}/open");
        var url = $"/api/campaigns/{id}/units/{shimen}/submission";
        var liaison = await SignedInAsync("liaison");
        var facts = new Dictionary<string, bool>
        {
            ["leader_assigned"] = true, ["lead_office_assigned"] = true, ["liaison_assigned"] = true, ["dedicated_computer"] = true,
            ["dedicated_printer"] = false, ["work_rules"] = true,
        };
        await ApiAsync(liaison, "PUT", $"{url}/items/1.1", new { facts, explanation = (string?)null });
        await ApiAsync(liaison, "POST", $"{url}/submit");

        // The office returns the whole report from the unit's page, with a reason and a deadline.
        await admin.GotoAsync($"/submission?campaign={id}&unit={shimen}");
        await admin.Locator("[data-test=submission-return]").ClickAsync();
        await Input(admin, "return-reason").FillAsync("材料过少，请逐项补充佐证材料");
        var due = Input(admin, "return-due");
        await due.ClickAsync();
        await due.FillAsync("2027-03-20 17:00");
        await due.PressAsync("Enter");
        // Escape would close the dialog with the picker: a click on its title closes the picker only.
        await admin.Locator("[data-test=return-dialog] .el-dialog__title").ClickAsync();
        await admin.Locator("[data-test=return-confirm]").ClickAsync();
        await admin.Locator("[data-test=submission-state]", new PageLocatorOptions { HasText = "已退回补充" }).WaitForAsync();
        await ShotAsync(admin, "48-admin-returned-whole-report");

        // The liaison reads the reason beside every item, answers and hands it in again.
        await liaison.GotoAsync($"/submission?campaign={id}&unit={shimen}&item=1.1");
        await liaison.Locator("[data-test=item-returned-reason]", new PageLocatorOptions { HasText = "材料过少" }).WaitForAsync();
        await liaison.Locator("[data-test=returned-whole-reason]", new PageLocatorOptions { HasText = "材料过少" }).WaitForAsync();
        await liaison.Locator("[data-test=submission-state]", new PageLocatorOptions { HasText = "已退回补充" }).WaitForAsync();
        await ShotAsync(liaison, "49-liaison-whole-report-returned");
        await ApiAsync(liaison, "PUT", $"{url}/items/1.1", new { facts, explanation = "已补充文件" });
        await ApiAsync(liaison, "POST", $"{url}/submit");

        // Review: 1.1 corrected (the printer was there after all), the judgement item 5.1 scored (it cannot be merely confirmed),
        // every other applicable item confirmed, the review completed.
        await ApiAsync(admin, "POST", $"/api/campaigns/{id}/start-review");
        var reviewer = await SignedInAsync("reviewer");
        var submission = await ApiAsync(reviewer, "GET", url);
        foreach (var item in submission.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("applicable").GetBoolean()))
        {
            var itemId = item.GetProperty("itemId").GetString();
            var version = (await ApiAsync(reviewer, "GET", $"{url}/items/{itemId}/review")).GetProperty("version").GetInt64();
            await ApiAsync(reviewer, "POST", $"{url}/items/{itemId}/review", itemId switch
            {
                "1.1" => new { action = "correct", expectedVersion = version, facts = new Dictionary<string, bool> { ["dedicated_printer"] = true }, reason = "现场核实已配备打印机" },
                "5.1" => new { action = "score", expectedVersion = version, points = 0, reason = "本期未报送诚信案例宣传材料" },
                _ => (object)new { action = "confirm", expectedVersion = version },
            });
        }
        await ApiAsync(reviewer, "POST", $"{url}/reviewed");

        // 我的待办 asks the liaison to confirm; the page shows the reviewed score and the reason beside the self-score.
        await liaison.GotoAsync("/");
        await liaison.Locator("[data-test=my-tasks] tr", new PageLocatorOptions { HasText = "E2E 退回与复核结果批次" }).Locator("[data-test=task-go-confirm]").ClickAsync();
        await liaison.Locator("[data-test=reviewed-total]").WaitForAsync();
        await liaison.Locator("[data-test='item-1.1']").ClickAsync();
        (await liaison.Locator("[data-test=item-reviewed-reason]").InnerTextAsync()).ShouldContain("现场核实已配备打印机");
        (await liaison.Locator("[data-test=item-reviewed-score]").InnerTextAsync()).ShouldContain("5");
        await ShotAsync(liaison, "50-liaison-reviewed-result");
        await liaison.Locator("[data-test=confirm-result]").ClickAsync();
        await liaison.Locator(".el-message-box__btns .el-button--primary").ClickAsync();
        await liaison.Locator("[data-test=submission-state]", new PageLocatorOptions { HasText = "已确认" }).WaitForAsync();
    }

    [Fact]
    public async Task Liaison_PrintsTheCommitmentLetterToStamp_AndGoesBackToTheItems()
    {
        var liaison = await SignedInAsync("liaison");
        await liaison.Locator("[data-test='menu-/collect']").ClickAsync();
        await liaison.Locator("[data-test=collect-campaigns] .el-table__body tr", new PageLocatorOptions { HasText = "2026年第一季度乡镇（街道）政务诚信评价" })
            .Locator("[data-test=open-letter]").ClickAsync();
        await liaison.Locator("[data-test=letter-text]").WaitForAsync();
        (await liaison.Locator("[data-test=letter-print]").IsVisibleAsync()).ShouldBeTrue();

        // On paper only the letter, with its own line to stamp: no menu, header, buttons or upload area.
        await liaison.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        (await liaison.Locator("[data-test=letter-print]").IsVisibleAsync()).ShouldBeFalse();
        (await liaison.Locator(".el-aside").IsVisibleAsync()).ShouldBeFalse();
        (await liaison.Locator("[data-test=letter-text]").IsVisibleAsync()).ShouldBeTrue();
        (await liaison.Locator("[data-test=letter-text]").InnerTextAsync()).ShouldContain("盖章");
        await ShotAsync(liaison, "51-liaison-letter-as-printed");
        await liaison.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Screen });

        await liaison.Locator("[data-test=back-to-items]").ClickAsync();
        await liaison.Locator("[data-test=submission-unit]", new PageLocatorOptions { HasText = "石门镇" }).WaitForAsync();
    }
}
