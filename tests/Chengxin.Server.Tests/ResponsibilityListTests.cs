using System.Net;
using System.Text.Json;
using Chengxin.Server.Features.Providers;
using Chengxin.Server.Features.Submissions;
using Chengxin.Server.Features.Workspace;
using Chengxin.Server.Tests.Infrastructure;
using Chengxin.Server.Tests.Walkthroughs;

namespace Chengxin.Server.Tests;

/// <summary>
/// An item with a responsibility list (「牵头单位：县财政局」, `units:`) reaches the department named in it and no other, on
/// every screen the same way the scorer decides: the unit's form and checklist, the provider's grid, the progress table and
/// the results. And a `where: 刊发日期 in period` rule counts the records in the campaign's own quarter. Scheme:
/// tests/Chengxin.Server.Tests/Schemes/test-responsibility-and-period.yaml.
/// </summary>
public abstract class ResponsibilityListTests(AppFixture app)
{
    private const string Scheme = "test-responsibility-and-period";

    private static List<Dictionary<string, object>> Articles(params string[] dates) =>
        [.. dates.Select((d, i) => new Dictionary<string, object> { ["headline"] = $"诚信宣传{i}", ["published"] = d })];

    private static async Task<(Walk Walk, Member Finance, Member Archives)> OpenAsync(AppFixture app)
    {
        var walk = await Walk.StartAsync(app, Scheme);
        // The list names the department as the scheme file spells it; the other department has the same class.
        var finance = await walk.UnitAsync("责任清单财政局", "Department", "县直单位");
        var archives = await walk.UnitAsync("责任清单档案馆", "Department", "县直单位");
        await walk.OpenAsync("2023年第四季度责任单位测试", "2023Q4", [finance, archives], walk.Now.AddDays(10), [walk.ReviewerId],
            new() { ["县直单位"] = "dept" });
        return (walk, finance, archives);
    }

    [Fact]
    public async Task Form_ItemWithAResponsibilityList_ShowsOnlyToTheNamedDepartment()
    {
        var (walk, finance, archives) = await OpenAsync(app);
        await using var _ = walk;

        var named = await (await finance.Liaison.GetAsync(walk.SubmissionUrl(finance.Id))).ReadAsync<SubmissionResponse>();
        named.Items.Where(i => i.Applicable).Select(i => i.ItemId).ShouldBe(["1.1", "1.2", "1.3"]);
        // 1.3 is answered by the auditor, not by the unit: its checklist lists what the unit itself answers.
        named.Missing!.Where(m => m.Kind == SubmissionChecklist.ItemKind).Select(m => m.ItemId).ShouldBe(["1.1", "1.2"]);

        var other = await (await archives.Liaison.GetAsync(walk.SubmissionUrl(archives.Id))).ReadAsync<SubmissionResponse>();
        other.Items.Where(i => i.Applicable).Select(i => i.ItemId).ShouldBe(["1.1"]);
        other.Missing!.Where(m => m.Kind == SubmissionChecklist.ItemKind).Select(m => m.ItemId).ShouldBe(["1.1"]);

        var progress = await (await walk.Admin.GetAsync($"/api/campaigns/{walk.CampaignId}/progress")).ReadAsync<CampaignProgressView>();
        progress.Units.Single(u => u.UnitId == finance.Id).ItemsApplicable.ShouldBe(3);
        progress.Units.Single(u => u.UnitId == archives.Id).ItemsApplicable.ShouldBe(1);
    }

    [Fact]
    public async Task Save_ItemNotNamingTheDepartment_IsRefusedAndChangesNothing()
    {
        var (walk, _, archives) = await OpenAsync(app);
        await using var __ = walk;

        var refused = await archives.Liaison.PutJsonAsync($"{walk.SubmissionUrl(archives.Id)}/items/1.2",
            new SaveItemRequest(new() { ["demo_plan"] = JsonSerializer.SerializeToElement(true) }, null));
        var problem = await refused.ProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").GetProperty("itemId")[0].GetString().ShouldBe("指标「社会信用体系建设示范创建」不适用于本单位。");

        var after = await (await archives.Liaison.GetAsync(walk.SubmissionUrl(archives.Id))).ReadAsync<SubmissionResponse>();
        after.Items.Single(i => i.ItemId == "1.2").Facts.ShouldAllBe(f => f.Value == null);
    }

    [Fact]
    public async Task ProviderGrid_FactOfAnItemWithAResponsibilityList_HasACellOnlyForTheNamedDepartment()
    {
        var (walk, finance, archives) = await OpenAsync(app);
        await using var _ = walk;
        var auditor = await walk.ProviderAsync("责任清单审计局");

        var grid = await (await auditor.GetAsync($"/api/campaigns/{walk.CampaignId}/provider-grid")).ReadAsync<ProviderGridView>();
        grid.Rows.Single(r => r.UnitId == finance.Id).Cells.Single(c => c.FactKey == "funding_checked").Applicable.ShouldBeTrue();
        grid.Rows.Single(r => r.UnitId == archives.Id).Cells.Single(c => c.FactKey == "funding_checked").Applicable.ShouldBeFalse();

        var refused = await auditor.PutJsonAsync($"/api/campaigns/{walk.CampaignId}/provider-grid/cells", new ProviderCellsRequest(
            [new ProviderCellRequest(archives.Id, "funding_checked", JsonSerializer.SerializeToElement(true))], AllOrNothing: true));
        (await refused.Content.ReadAsStringAsync()).ShouldContain("指标「经费保障」不适用于该单位。");
        var unchanged = await (await auditor.GetAsync($"/api/campaigns/{walk.CampaignId}/provider-grid")).ReadAsync<ProviderGridView>();
        unchanged.Rows.Single(r => r.UnitId == archives.Id).Cells.Single(c => c.FactKey == "funding_checked").Value.ShouldBeNull();
    }

    [Fact]
    public async Task Results_ResponsibilityListAndCampaignPeriod_ScoreAsWorkedOutByHand()
    {
        var (walk, finance, archives) = await OpenAsync(app);
        await using var _ = walk;

        // 财政局: of three articles, 9.30 falls before 2023Q4 and 10.1 and 12.31 inside it → 2; plan 3; funding (by the
        // auditor) 3. 8 of 10, 合格.
        var saved = await walk.SaveAsync(finance, [("articles", Articles("2023-09-30", "2023-10-01", "2023-12-31")), ("demo_plan", true),
            ("funding_checked", true)]);
        saved.Items.Single(i => i.ItemId == "1.1").Score.ShouldBe(2m);
        saved.Items.Single(i => i.ItemId == "1.1").ScoreExplanation.ShouldContain("在考评期间内");
        // 档案馆: one article in the quarter, one in the next: 1 of the 4 it answers for; 1.2 and 1.3 are not its items.
        await walk.SaveAsync(archives, [("articles", Articles("2023-11-15", "2024-01-02"))]);
        await walk.SubmitAsync(finance);
        await walk.SubmitAsync(archives);

        var results = await walk.ResultsAsync();
        var f = results.Of(finance);
        (f.Total, f.Grade).ShouldBe((8m, "合格"));
        var a = results.Of(archives);
        (a.Total, a.Grade).ShouldBe((1m, "不合格"));
        a.Items.Single(i => i.ItemId == "1.2").Explanation.ShouldContain("本项的责任单位为 责任清单财政局，不含本单位，不计分也不计入满分");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ResponsibilityListTestsOnSqlite(SqliteApp app) : ResponsibilityListTests(app);

[Collection(PostgresCollection.Name)]
public sealed class ResponsibilityListTestsOnPostgres(PostgresApp app) : ResponsibilityListTests(app);
