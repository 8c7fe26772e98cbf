using Microsoft.Playwright;

namespace Chengxin.EndToEnd.Tests;

/// <summary>
/// The inbox in the real UI: the demo liaison's bell shows the unread count, the inbox lists the notices unread first, and
/// opening one marks it read and goes to the matter; the office admin configures a group robot among the outbound channels.
/// </summary>
[Collection(DemoCollection.Name)]
public sealed class InboxPathTests(DemoServer server)
{
    private static async Task ShotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(DemoServer.ScreenshotFolder, name + ".png"), FullPage = true });

    [Fact]
    public async Task Liaison_SeesTheUnreadCountOnTheBell_OpensANoticeAndTheCountDrops()
    {
        var page = await Pages.SignedInAsync(server, "liaison");
        var before = (await Pages.ApiAsync(page, "GET", "/api/inbox/unread-count")).GetProperty("count").GetInt32();
        before.ShouldBeGreaterThan(0);
        var badge = page.Locator("[data-test=inbox-badge] .el-badge__content");
        await badge.WaitForAsync();
        (await badge.InnerTextAsync()).Trim().ShouldBe(before.ToString());
        await ShotAsync(page, "inbox-bell");

        await page.Locator("[data-test=inbox-bell]").ClickAsync();
        var table = page.Locator("[data-test=inbox-table]");
        await table.Locator(".el-table__body tr", new LocatorLocatorOptions { HasText = "工作提示单：请按时报送第一季度材料" }).WaitForAsync();
        (await page.Locator("[data-test=inbox-summary]").InnerTextAsync()).ShouldContain($"未读 {before} 条");
        await ShotAsync(page, "inbox-list");

        await table.Locator(".el-table__body tr", new LocatorLocatorOptions { HasText = "工作提示单：请按时报送第一季度材料" }).Locator("[data-test=inbox-open]").ClickAsync();
        await page.WaitForURLAsync("**/submission?**");
        await page.Locator("[data-test=inbox-badge] .el-badge__content").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        (await Pages.ApiAsync(page, "GET", "/api/inbox/unread-count")).GetProperty("count").GetInt32().ShouldBe(before - 1);
    }

    [Fact]
    public async Task Office_AddsAGroupRobot_AndSeesItListed()
    {
        var page = await Pages.SignedInAsync(server, "admin2");
        await page.Locator("[data-test='menu-/inbox']").ClickAsync();
        await page.Locator("[data-test=inbox-channels]").ClickAsync();
        await page.Locator("[data-test=channel-add-webhook]").ClickAsync();
        var form = page.Locator("[data-test=channel-form]");
        await form.Locator("input").Nth(0).FillAsync("市信用办工作群");
        await form.Locator("input").Nth(1).FillAsync("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=demo");
        await form.Locator("input").Nth(2).FillAsync("诚信");
        // Left off: the demo server must not post to a real robot.
        await form.Locator(".el-switch").ClickAsync();
        await page.Locator("[data-test=channel-save]").ClickAsync();
        await page.Locator("[data-test=channel-table] .el-table__body tr", new PageLocatorOptions { HasText = "市信用办工作群" }).WaitForAsync();
        var listed = await page.Locator("[data-test=channel-table]").InnerTextAsync();
        listed.ShouldContain("群机器人");
        listed.ShouldContain("停用");
        await ShotAsync(page, "inbox-channels");
    }
}
