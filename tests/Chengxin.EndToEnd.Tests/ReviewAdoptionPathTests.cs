using Chengxin.Server.Demo;
using Microsoft.Playwright;

namespace Chengxin.EndToEnd.Tests;

/// <summary>
/// A reviewer's correction the unit has answered since: the item's review says that the correction still counts and what
/// confirming will do; confirming adopts the unit's updated answer, and the review's note says the correction no longer counts.
/// </summary>
[Collection(DemoCollection.Name)]
public sealed class ReviewAdoptionPathTests(DemoServer server)
{
    private const string CampaignName = "E2E 修正后单位更新答复批次";

    private static async Task ShotAsync(IPage page, string name)
    {
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('.el-loading-mask')].every(m => getComputedStyle(m).display === 'none')");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(DemoServer.ScreenshotFolder, name + ".png") });
    }

    [Fact]
    public async Task Reviewer_ConfirmsAnItemTheUnitAnsweredAnewAfterACorrection_AdoptsTheUnitsAnswer()
    {
        // Setup through the API (other screens own it): 河口镇 reports five integrity-education activities (4.1), the reviewer
        // corrects them to four and returns 1.1, and the unit answers 4.1 again with six.
        var admin = await Pages.SignedInAsync(server, "admin");
        var units = await Pages.ApiAsync(admin, "GET", "/api/units");
        var unitId = units.EnumerateArray().First(u => u.GetProperty("name").GetString() == "河口镇").GetProperty("id").GetInt64();
        var users = await Pages.ApiAsync(admin, "GET", "/api/users");
        var reviewerId = users.EnumerateArray().First(u => u.GetProperty("userName").GetString() == "reviewer").GetProperty("id").GetString();
        var created = await Pages.ApiAsync(admin, "POST", "/api/campaigns", new
        {
            name = CampaignName, schemeId = "jiaxian-towns-2022", periodKey = "2026Q1", unitIds = new[] { unitId },
            schedule = new { evidenceDue = "2027-03-31T17:00", appealWindowDays = 7 }, reviewerIds = new[] { reviewerId },
            spotCheckShare = 0, selfAssessmentRequired = false,
        });
        var id = created.GetProperty("id").GetInt64();
        await Pages.ApiAsync(admin, "POST", $"/api/campaigns/{id}/open");
        var url = $"/api/campaigns/{id}/units/{unitId}/submission";
        await Pages.ApiAsync(admin, "PUT", $"{url}/items/4.1", new { facts = new { integrity_education_activities = 5 } });
        await Pages.ApiAsync(admin, "POST", $"{url}/submit");
        await Pages.ApiAsync(admin, "POST", $"/api/campaigns/{id}/start-review", new { @override = true, reason = "E2E：未完成事项按规则处理" });
        var reviewer = await Pages.SignedInAsync(server, "reviewer");
        await Pages.ApiAsync(reviewer, "POST", $"{url}/items/4.1/review", new
        {
            action = "correct", expectedVersion = 0, facts = new { integrity_education_activities = 4 }, reason = "第五次活动无媒体报道",
        });
        await Pages.ApiAsync(reviewer, "POST", $"{url}/items/1.1/review", new
        {
            action = "return", expectedVersion = 0, reason = "请补充工作制度文件", supplementDue = "2027-03-20T17:00",
        });
        await Pages.ApiAsync(admin, "PUT", $"{url}/items/4.1", new { facts = new { integrity_education_activities = 6 } });
        await Pages.ApiAsync(admin, "POST", $"{url}/submit");

        // The item's review: the unit's six beside the reviewed score still counting the correction, and what confirming does.
        await reviewer.GotoAsync($"/reviews/item?campaign={id}&unit={unitId}&item=4.1");
        var adopts = reviewer.Locator("[data-test=review-adopts]");
        await adopts.WaitForAsync();
        (await adopts.InnerTextAsync()).ShouldContain("确认将采纳单位更新后的答复");
        (await reviewer.Locator("[data-test=reviewed-score]").InnerTextAsync()).ShouldBe("4");
        (await reviewer.Locator("[data-test=review-facts]").InnerTextAsync()).ShouldContain("6");
        await ShotAsync(reviewer, "43b-reviewer-correction-answered-anew");

        (await reviewer.Locator("[data-test=review-action-confirm] input").IsCheckedAsync()).ShouldBeTrue();
        await reviewer.Locator("[data-test=review-submit]").ClickAsync();
        await reviewer.Locator("[data-test=review-state]", new() { HasText = "已确认" }).WaitForAsync();
        (await reviewer.Locator("[data-test=reviewed-score]").InnerTextAsync()).ShouldBe("6");
        (await adopts.CountAsync()).ShouldBe(0);
        (await reviewer.Locator("[data-test=review-reason-text]").InnerTextAsync())
            .ShouldStartWith("复核说明：确认采纳单位更新后的答复，此前评审修正的「自主开展并经网站、报刊等媒体报道推广的诚信宣传教育活动次数」不再计入。（");
        // The verdict is on the facts as they stand now: no longer marked as changed since.
        await reviewer.Locator(".head .el-tag", new() { HasText = "事实已变更" }).WaitForAsync(new() { State = WaitForSelectorState.Detached });
        await ShotAsync(reviewer, "43c-reviewer-unit-answer-adopted");
    }
}
