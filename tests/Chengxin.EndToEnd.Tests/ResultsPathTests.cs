using System.IO.Compression;
using System.Text.Json;
using Chengxin.Server.Demo;
using Microsoft.Playwright;

namespace Chengxin.EndToEnd.Tests;

/// <summary>
/// The results path in the real UI: one admin asks to publish, the second admin approves, the public page shows the
/// ranking without a sign-in, the leader's dashboard draws its charts, an export is a real workbook, and an appeal
/// whose grounds are a script payload is shown as text.
/// </summary>
[Collection(DemoCollection.Name)]
public sealed class ResultsPathTests(DemoServer server)
{
    private const string Xss = "<img src=x onerror=window.__xss=1>申诉：按时报送篇数漏计";

    private static async Task ShotAsync(IPage page, string name)
    {
        // A page still reloading after an action would be photographed under its loading mask.
        await page.Locator(".el-loading-mask:visible").First.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(DemoServer.ScreenshotFolder, name + ".png"), FullPage = true });
    }

    private Task<IPage> SignedInAsync(string userName) => Pages.SignedInAsync(server, userName);

    private static async Task<bool> XssRanAsync(IPage page) => await page.EvaluateAsync<bool>("() => window.__xss !== undefined");

    private static Task<JsonElement> ApiAsync(IPage page, string method, string url, object? body = null) => Pages.ApiAsync(page, method, url, body);

    /// <summary>Pixels drawn on a chart's canvas: an empty chart has none.</summary>
    private static async Task<int> PaintedPixelsAsync(IPage page, string test) =>
        await page.EvaluateAsync<int>(
            """
            (test) => {
              const c = document.querySelector(`[data-test=${test}] canvas`)
              if (!c) return 0
              const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data
              let n = 0
              for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++
              return n
            }
            """, test);

    [Fact]
    public async Task Results_RequestApprovePublicDashboardExportAndAppeal()
    {
        // Setup through the API (the campaign screens are another page's): two towns of 青石县 in a new campaign, in review.
        var admin = await SignedInAsync("admin");
        var units = await ApiAsync(admin, "GET", "/api/units");
        long Unit(string name) => units.EnumerateArray().First(u => u.GetProperty("name").GetString() == name).GetProperty("id").GetInt64();
        var created = await ApiAsync(admin, "POST", "/api/campaigns", new
        {
            name = "E2E 发布流程批次", schemeId = "jiaxian-towns-2022", periodKey = "2026Q2", unitIds = new[] { Unit("柳溪乡"), Unit("东城街道") },
            schedule = new { evidenceDue = "2026-07-10T17:00", appealWindowDays = 7 }, spotCheckShare = 0, selfAssessmentRequired = false,
        });
        var id = created.GetProperty("id").GetInt64();
        await ApiAsync(admin, "POST", $"/api/campaigns/{id}/open");
        // Neither unit reported: the office closes collection past them with its reason (they score 0 as 漏报).
        await ApiAsync(admin, "POST", $"/api/campaigns/{id}/start-review", new { @override = true, reason = "两个单位均未报送，按漏报处理" });

        // The first admin asks to publish and cannot approve their own request.
        await admin.GotoAsync($"/campaigns/{id}/results");
        await admin.Locator("[data-test=ranking-table] .el-table__body tr", new() { HasText = "柳溪乡" }).First.WaitForAsync();
        await ShotAsync(admin, "r01-admin-results-in-review");
        // The table is a page the server answers: a name searched keeps the units whose names hold it, counted under the table.
        var search = admin.Locator("input[data-test=ranking-search]");
        await search.FillAsync("柳溪");
        await search.PressAsync("Enter");
        await admin.Locator("[data-test=ranking-total]", new() { HasText = "共 1 个单位" }).WaitForAsync();
        (await admin.Locator("[data-test=ranking-table] .el-table__body tr").CountAsync()).ShouldBe(1);
        await ShotAsync(admin, "r01b-admin-results-searched");
        await search.FillAsync("");
        await search.PressAsync("Enter");
        await admin.Locator("[data-test=ranking-total]", new() { HasText = "共 2 个单位" }).WaitForAsync();
        await admin.Locator("[data-test=publication-request]").ClickAsync();
        await admin.Locator("[data-test=readiness-dialog] [data-test=readiness-ready]").WaitForAsync();
        await admin.Locator("[data-test=readiness-go]").ClickAsync();
        await admin.Locator("[data-test=campaign-state]", new() { HasText = "待审批发布" }).WaitForAsync();
        (await admin.Locator("[data-test=publication-approve]").CountAsync()).ShouldBe(0);
        await ShotAsync(admin, "r02-admin-publication-requested");

        // The second admin approves: the snapshot gets version 1 and its SHA-256.
        var second = await SignedInAsync("admin2");
        await second.GotoAsync($"/campaigns/{id}/results");
        await second.Locator("[data-test=publication-approve]").ClickAsync();
        await second.Locator("[data-test=readiness-dialog] [data-test=readiness-ready]").WaitForAsync();
        await second.Locator("[data-test=readiness-go]").ClickAsync();
        // Version numbers and hashes sit in a collapsed technical panel.
        await second.Locator("[data-test=publication-details] .el-collapse-item__header").ClickAsync();
        await second.Locator("[data-test=publication-versions] .el-table__body tr").First.WaitForAsync();
        (await second.Locator("[data-test=publication-versions]").InnerTextAsync()).ShouldContain("张晓明");
        (await second.Locator("[data-test=publication-versions]").InnerTextAsync()).ShouldContain("吴刚");
        await ShotAsync(second, "r03-admin2-approved");

        // The public page needs no sign-in.
        var anonymous = await server.NewPageAsync();
        await anonymous.GotoAsync($"/public/campaigns/{id}");
        var publicRows = anonymous.Locator("[data-test=public-ranking] .el-table__body tr");
        await publicRows.First.WaitForAsync();
        (await publicRows.CountAsync()).ShouldBe(2);
        // The checksum waits behind a fold.
        await anonymous.Locator("[data-test=public-technical] .el-collapse-item__header").ClickAsync();
        (await anonymous.Locator("[data-test=public-sha]").InnerTextAsync()).Length.ShouldBe(64);
        (await anonymous.Locator("[data-test=header-user]").CountAsync()).ShouldBe(0);
        var campaigns = await ApiAsync(admin, "GET", "/api/campaigns");
        var q4 = campaigns.EnumerateArray().First(c => c.GetProperty("periodKey").GetString() == "2025Q4").GetProperty("id").GetInt64();
        await anonymous.GotoAsync($"/public/campaigns/{q4}");
        await anonymous.Locator("[data-test=public-ranking] .el-table__body tr", new() { HasText = "石门镇" }).WaitForAsync();
        (await publicRows.CountAsync()).ShouldBe(DemoPublishedCampaigns.UnitCodes.Length);
        await ShotAsync(anonymous, "r04-public-results");

        // The leader's dashboard draws every chart.
        var leader = await SignedInAsync("leader");
        await leader.Locator("[data-test='menu-/dashboard']").ClickAsync();
        await leader.Locator("[data-test=chart-grades] canvas").WaitForAsync();
        // The demo's latest quarter, whose units have a trend across two published periods.
        await leader.Locator("[data-test=dashboard-campaign]").ClickAsync();
        await leader.Locator(".el-select-dropdown__item:visible", new() { HasText = "2025年第四季度" }).ClickAsync();
        await leader.Locator("[data-test=dashboard-unit]").ClickAsync();
        await leader.Locator(".el-select-dropdown__item:visible", new() { HasText = "石门镇" }).ClickAsync();
        foreach (var chart in new[] { "chart-grades", "chart-ranking", "chart-radar", "chart-trend", "chart-progress" })
            await leader.Locator($"[data-test={chart}] canvas").WaitForAsync();
        await leader.WaitForTimeoutAsync(1500);
        foreach (var chart in new[] { "chart-grades", "chart-ranking", "chart-radar", "chart-trend", "chart-progress" })
            (await PaintedPixelsAsync(leader, chart)).ShouldBeGreaterThan(500, chart);
        await ShotAsync(leader, "r05-leader-dashboard");

        // An export is a real workbook with the published ranking in it.
        await admin.GotoAsync($"/campaigns/{q4}/results");
        await admin.Locator("[data-test=ranking-table] .el-table__body tr").First.WaitForAsync();
        var download = await admin.RunAndWaitForDownloadAsync(() => admin.Locator("[data-test=export-ranking]").ClickAsync());
        download.SuggestedFilename.ShouldEndWith(".xlsx");
        var file = Path.Combine(server.DataFolder, "ranking.xlsx");
        await download.SaveAsAsync(file);
        using (var zip = ZipFile.OpenRead(file))
        {
            zip.GetEntry("[Content_Types].xml").ShouldNotBeNull();
            var text = string.Join("", zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal))
                .Select(e => new StreamReader(e.Open()).ReadToEnd()));
            text.ShouldContain("石门镇");
            text.ShouldContain("总排名");
        }
        await admin.Locator("[data-test=ranking-detail]").First.ClickAsync();
        await admin.Locator("[data-test=unit-items] .el-table__body tr").First.WaitForAsync();
        await ShotAsync(admin, "r06-admin-unit-drawer");

        // The liaison of 石门镇 appeals within the window; the grounds are a script payload and stay text everywhere.
        var liaison = await SignedInAsync("liaison");
        await liaison.GotoAsync($"/campaigns/{q4}/appeal");
        await liaison.Locator("[data-test=my-result]").WaitForAsync();
        await liaison.Locator("[data-test=appeal-grounds-input]").FillAsync(Xss);
        await liaison.Locator("[data-test=appeal-submit]").ClickAsync();
        var mine = liaison.Locator("[data-test=my-appeals] .el-table__body tr", new() { HasText = "申诉：按时报送篇数漏计" });
        await mine.WaitForAsync();
        (await mine.InnerTextAsync()).ShouldContain(Xss);
        (await liaison.Locator("[data-test=my-appeals] img").CountAsync()).ShouldBe(0);
        (await XssRanAsync(liaison)).ShouldBeFalse();
        await ShotAsync(liaison, "r07-liaison-appeal-xss-as-text");

        await admin.ReloadAsync();
        var grounds = admin.Locator("[data-test=appeal-grounds]", new() { HasText = "申诉：按时报送篇数漏计" });
        await grounds.First.WaitForAsync();
        await grounds.First.ScrollIntoViewIfNeededAsync();
        (await grounds.First.InnerTextAsync()).ShouldBe(Xss);
        (await admin.Locator("[data-test=appeals-table] img").CountAsync()).ShouldBe(0);
        (await XssRanAsync(admin)).ShouldBeFalse();
        await ShotAsync(admin, "r08-admin-appeals-xss-as-text");
    }
}
