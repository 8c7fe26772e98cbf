using System.Net;
using Chengxin.Domain.Campaigns;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Features.Schemes;
using Chengxin.Server.Features.Submissions;
using Chengxin.Server.Features.Workspace;
using Chengxin.Server.Infrastructure;
using Chengxin.Server.Tests.Infrastructure;
using Chengxin.Server.Tests.Walkthroughs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Chengxin.Server.Tests.Scale;

/// <summary>
/// 我的待办 counts a campaign's readiness with grouped queries (issue 19) where the campaign's own page reads every member,
/// verdict and item. Both are asked about the same worlds — every submission state, every verdict state, a deadline
/// exception, spot checks, a responsibility list — and must agree on the step, the kinds, their titles and counts, and the
/// first names the task shows. And the tasks keep to the caller: a county's admin is given the campaigns its county holds
/// whole, a liaison its own unit.
/// </summary>
public abstract class ReadinessCountsTests(AppFixture app)
{
    /// <summary>Both answers for the campaign as it stands now, read as the office that manages it.</summary>
    private async Task<(ReadinessView Full, ReadinessSummary Counted)> BothAsync(Walk walk)
    {
        await using var services = app.Factory.Services.CreateAsyncScope();
        var db = services.ServiceProvider.GetRequiredService<ChengxinDbContext>();
        var tenant = (await db.Campaigns.IgnoreQueryFilters().AsNoTracking().FirstAsync(c => c.Id == walk.CampaignId)).TenantId;
        services.ServiceProvider.GetRequiredService<AccessScope>().SetSystemOffice(tenant, "测试");
        var versions = services.ServiceProvider.GetRequiredService<SchemeVersions>();
        var full = await Readiness.BuildAsync(db, versions,
            await db.Campaigns.AsNoTracking().Include(c => c.Units).FirstAsync(c => c.Id == walk.CampaignId), walk.Now, default);
        var counted = await ReadinessCounts.CountAsync(db, versions, await db.Campaigns.AsNoTracking().FirstAsync(c => c.Id == walk.CampaignId), walk.Now, default);
        return (full, counted);
    }

    private async Task ShouldAgreeAsync(Walk walk, params string[] kinds)
    {
        var (full, counted) = await BothAsync(walk);
        (counted.Step, counted.StepName, counted.Ready).ShouldBe((full.Step, full.StepName, full.Ready));
        counted.Open.Select(o => (o.Kind, o.Title, o.Count, o.Overridable, o.Consequence, string.Join("|", o.Names)))
            .ShouldBe(full.Open.Select(o => (o.Kind, o.Title, o.Count, o.Overridable, o.Consequence, string.Join("|", o.Names.Take(ReadinessCounts.NamesKept)))));
        full.Open.Select(o => o.Kind).ShouldBe(kinds);
    }

    private static async Task<List<Member>> TownsAsync(Walk walk, int count, long? parentId = null)
    {
        var towns = new List<Member>();
        for (var i = 0; i < count; i++)
            towns.Add(await walk.UnitAsync($"计数{i + 1}镇", "Town", "乡镇", parentId));
        return towns;
    }

    private static async Task ReportAsync(Walk walk, Member member)
    {
        await walk.SaveAsync(member, JiaxianTownsCampaignTests.MiddlingTown);
        (await walk.SubmitAsync(member)).State.ShouldBe(SubmissionState.Submitted);
    }

    [Fact]
    public async Task CountAsync_CollectionBeforeAndAfterTheDeadline_AgreesWithTheFullView()
    {
        await using var walk = await Walk.StartAsync(app, TestWorld.SchemeId);
        var towns = await TownsAsync(walk, 9);
        await walk.OpenAsync("计数测试（收集）", "2022Q1", towns, walk.Now.AddHours(2), [walk.ReviewerId]);
        await ReportAsync(walk, towns[0]);
        await ReportAsync(walk, towns[4]);
        // A draft with facts is as unreported as no answer at all; one unit has a later deadline of its own.
        await walk.SaveAsync(towns[1], JiaxianTownsCampaignTests.MiddlingTown);
        (await walk.Admin.PostJsonAsync($"/api/campaigns/{walk.CampaignId}/units/{towns[2].Id}/deadline-exception",
            new DeadlineExceptionRequest(walk.Now.AddDays(2).ToString("o"), "汛期"))).EnsureSuccessStatusCode();

        await ShouldAgreeAsync(walk, Readiness.UnitsBeforeDeadline);
        walk.Advance(TimeSpan.FromHours(3));
        await ShouldAgreeAsync(walk, Readiness.UnitsBeforeDeadline, Readiness.UnitsMissing);
        await ReportAsync(walk, towns[2]);
        await ShouldAgreeAsync(walk, Readiness.UnitsMissing);
    }

    [Fact]
    public async Task CountAsync_ReviewWithEveryVerdictState_AgreesWithTheFullViewBeforeEachStep()
    {
        await using var walk = await Walk.StartAsync(app, TestWorld.SchemeId);
        var towns = await TownsAsync(walk, 9);
        await walk.OpenAsync("计数测试（复核）", "2022Q1", towns, walk.Now.AddHours(2), [walk.ReviewerId], spotCheckShare: 1m);
        foreach (var town in towns.Take(8))
            await ReportAsync(walk, town);
        walk.Advance(TimeSpan.FromHours(3));
        await walk.StartReviewAsync();
        await ShouldAgreeAsync(walk, Readiness.ItemsUnreviewed);

        // The judgement item 5.1 is given its points (corrected), the others confirmed.
        var items = walk.Scheme.Items.Where(i => i.AppliesTo("town") && i.Id != "5.1").Select(i => i.Id).ToArray();
        // Every item settled; some confirmed and one returned; one returned and answered (it waits again); one corrected.
        await walk.ConfirmAsync(towns[0].Id, items);
        await walk.ReviewAsync(walk.Reviewer, towns[0].Id, "5.1", "correct", 0, [("integrity_case_publicity", new { points = 3, reason = "见报两篇" })], "按评审意见给分");
        await walk.ConfirmAsync(towns[1].Id, items.Skip(1).ToArray());
        await walk.ReviewAsync(walk.Reviewer, towns[1].Id, items[0], "return", 0, reason: "请补充", supplementDue: walk.Now.AddDays(2));
        await walk.ConfirmAsync(towns[2].Id, items.Skip(1).ToArray());
        await walk.ReviewAsync(walk.Reviewer, towns[2].Id, "1.1", "return", 0, reason: "请补充制度文件", supplementDue: walk.Now.AddDays(2));
        await walk.SaveAsync(towns[2], [("work_rules", true)]);
        (await walk.SubmitAsync(towns[2])).State.ShouldBe(SubmissionState.Resubmitted);
        await walk.ReviewAsync(walk.Reviewer, towns[3].Id, "1.1", "correct", 0, [("work_rules", false)], "制度未印发");
        await ShouldAgreeAsync(walk, Readiness.ItemsUnreviewed, Readiness.UnitsReturned);

        (await walk.Admin.PostAsync($"/api/campaigns/{walk.CampaignId}/spot-check", null)).EnsureSuccessStatusCode();
        await ShouldAgreeAsync(walk, Readiness.ItemsUnreviewed, Readiness.UnitsReturned, Readiness.SpotChecksOpen);
    }

    [Fact]
    public async Task CountAsync_ItemWithAResponsibilityList_CountsItForTheNamedUnitOnly()
    {
        await using var walk = await Walk.StartAsync(app, "test-responsibility-and-period");
        var finance = await walk.UnitAsync("责任清单财政局", "Department", "县直单位");
        var archives = await walk.UnitAsync("责任清单档案馆", "Department", "县直单位");
        await walk.OpenAsync("计数测试（责任单位）", "2023Q4", [finance, archives], walk.Now.AddDays(10), [walk.ReviewerId],
            new() { ["县直单位"] = "dept" });
        List<Dictionary<string, object>> articles = [new() { ["headline"] = "诚信宣传", ["published"] = "2023-11-15" }];
        await walk.SaveAsync(finance, [("articles", articles), ("demo_plan", true)]);
        await walk.SaveAsync(archives, [("articles", articles)]);
        await walk.SubmitAsync(finance);
        await walk.SubmitAsync(archives);
        await walk.StartReviewAsync();
        await ShouldAgreeAsync(walk, Readiness.ItemsUnreviewed);

        await walk.ConfirmAsync(finance.Id, "1.2");
        await walk.ConfirmAsync(archives.Id, "1.1");
        await ShouldAgreeAsync(walk, Readiness.ItemsUnreviewed);
        var (full, _) = await BothAsync(walk);
        full.Open.Single().Names.ShouldBe([$"责任清单财政局：1 诚信宣传稿件、3 经费保障"]);
    }

    private static async Task<List<WorkspaceTask>> TasksAsync(HttpClient client, long campaignId) =>
        (await (await client.GetAsync("/api/workspace/tasks")).ReadAsync<List<WorkspaceTask>>()).Where(t => t.CampaignId == campaignId).ToList();

    [Fact]
    public async Task MyTasks_CountyAdmin_IsGivenTheCampaignItsCountyHoldsWholeOnly_WithTheCityAdminsCounts()
    {
        await using var walk = await Walk.StartAsync(app, TestWorld.SchemeId);
        var county = await walk.UserAsync("count-county-" + Guid.NewGuid().ToString("N")[..8], "县信用办管理员", Roles.OfficeAdmin, walk.County, ScopeKind.Subtree);
        var own = await TownsAsync(walk, 7);
        var other = await walk.UnitAsync("计数邻县镇", "Town", "乡镇", app.World.Unit("A-C2").Id);
        await walk.OpenAsync("计数测试（跨县）", "2022Q1", [own[0], other], walk.Now.AddHours(2), [walk.ReviewerId]);
        var across = walk.CampaignId;
        await walk.OpenAsync("计数测试（本县）", "2022Q1", own, walk.Now.AddHours(2), [walk.ReviewerId]);
        var within = walk.CampaignId;
        walk.Advance(TimeSpan.FromHours(3));

        var cityTask = (await TasksAsync(walk.Admin, within)).Single();
        (cityTask.Kind, cityTask.Count, cityTask.Summary).ShouldBe((OfficeAndProviderTasks.Blocked, 7, "结束收集前还有：逾期未报的单位 7"));
        cityTask.Items.Single().Reason.ShouldBe("计数1镇、计数2镇、计数3镇、计数4镇、计数5镇 等");
        (await TasksAsync(county, within)).Single().ShouldBeEquivalentTo(cityTask);
        (await TasksAsync(walk.Admin, across)).Single().Count.ShouldBe(2);
        (await TasksAsync(county, across)).ShouldBeEmpty();
        (await county.GetAsync($"/api/campaigns/{across}/readiness")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task MyTasks_Liaison_IsGivenItsOwnUnitsFillTaskOnly()
    {
        await using var walk = await Walk.StartAsync(app, TestWorld.SchemeId);
        var towns = await TownsAsync(walk, 3);
        await walk.OpenAsync("计数测试（联络员）", "2022Q1", towns, walk.Now.AddHours(2), [walk.ReviewerId]);
        await walk.SaveAsync(towns[1], [("work_rules", true)]);

        foreach (var town in towns)
        {
            var task = (await TasksAsync(town.Liaison, walk.CampaignId)).Single();
            (task.Kind, task.UnitId, task.UnitName).ShouldBe((WorkspaceTasks.Fill, (long?)town.Id, town.Name));
        }
        (await TasksAsync(towns[1].Liaison, walk.CampaignId)).Single().Summary.ShouldStartWith("已填 1 / ");
        (await TasksAsync(towns[0].Liaison, walk.CampaignId)).Single().Summary.ShouldStartWith("已填 0 / ");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ReadinessCountsTestsOnSqlite(SqliteApp app) : ReadinessCountsTests(app);

[Collection(PostgresCollection.Name)]
public sealed class ReadinessCountsTestsOnPostgres(PostgresApp app) : ReadinessCountsTests(app);
