using System.Net;
using System.Text.Json;
using Chengxin.Domain.Campaigns;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Features.SpotChecks;
using Chengxin.Server.Tests.Infrastructure;
using Chengxin.Server.Tests.Walkthroughs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Chengxin.Server.Tests.Walkthroughs.Walk;

namespace Chengxin.Server.Tests;

/// <summary>
/// The deeper spot check of a drawn unit (seed 003 monthly, 减分项 抽查验证): only a drawn unit, by the office or an assigned
/// reviewer; its facts replace the reviewed ones in the results, with the explanation saying so; publication waits for it.
/// </summary>
public abstract class SpotCheckTests(AppFixture app)
{
    /// <summary>8 measures, 6 done: 1 40 × 6 / 8 = 30; 2(2) 4; 3 3; with 2(1) 5 the month is 42 × 70 % = 29.4.</summary>
    private static readonly (string Key, object Value)[] Facts =
    [
        ("measures", Rows("name", "措施", "done", 6, 2)), ("spot_unfinished", 0),
        ("info_reports", new List<Dictionary<string, object>>
        {
            new() { ["title"] = "信息1", ["high_quality"] = true, ["adopted"] = false },
            new() { ["title"] = "信息2", ["high_quality"] = true, ["adopted"] = false },
            new() { ["title"] = "信息3", ["high_quality"] = true, ["adopted"] = true },
        }),
        ("added_tasks", Rows("name", "新增任务", "approved", 2)), ("raised_targets", Rows("name", "调高指标", "approved", 1)),
        ("local_firsts", Rows("name", "首创举措", "approved", 0, 1)),
    ];

    private static string Url(long campaignId, long unitId) => $"/api/campaigns/{campaignId}/units/{unitId}/spot-check";

    [Fact]
    public async Task SpotCheck_OnADrawnUnit_ReplacesTheReviewedScore_AndPublicationWaitsForIt()
    {
        await using var walk = await StartAsync(app, "heihe-taskforce-monthly-2022");
        var first = await walk.UnitAsync("甲专班", "County", "县区政府", walk.City);
        var second = await walk.UnitAsync("乙专班", "County", "县区政府", walk.City);
        var (firm, _) = await walk.FirmAsync("未受托评估机构");
        await walk.OpenAsync("抽查验证", "2022-08", [first, second], walk.Now.AddHours(1), [walk.ReviewerId], new() { ["县区政府"] = "county" },
            spotCheckShare: 0.5m);
        foreach (var member in new[] { first, second })
        {
            await walk.SaveAsync(member, Facts);
            await walk.SubmitAsync(member);
        }
        await walk.StartReviewAsync();
        (await (await walk.Admin.PostAsync(Url(walk.CampaignId, first.Id) + "/open", null)).ProblemAsync(HttpStatusCode.Conflict))
            .GetProperty("detail").GetString().ShouldBe("本批次尚未抽取抽查单位");
        var draw = (await (await walk.Admin.PostAsync($"/api/campaigns/{walk.CampaignId}/spot-check", null)).ReadAsync<CampaignResponse>()).SpotCheck!;
        var drawn = new[] { first, second }.Single(m => draw.UnitIds.Contains(m.Id));
        var other = drawn == first ? second : first;

        (await (await walk.Reviewer.PostAsync(Url(walk.CampaignId, other.Id) + "/open", null)).ProblemAsync(HttpStatusCode.Conflict))
            .GetProperty("detail").GetString().ShouldBe("该单位不在本批次抽取的抽查单位之中");
        (await firm.PostAsync(Url(walk.CampaignId, drawn.Id) + "/open", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await drawn.Liaison.PostAsync(Url(walk.CampaignId, drawn.Id) + "/open", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var status = await (await walk.Admin.GetAsync(Url(walk.CampaignId, drawn.Id))).ReadAsync<UnitSpotCheckStatusView>();
        (status.Drawn, status.SpotCheck).ShouldBe((true, (UnitSpotCheckView?)null));

        var opened = await walk.Reviewer.PostAsync(Url(walk.CampaignId, drawn.Id) + "/open", null);
        opened.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await opened.ReadAsync<UnitSpotCheckView>()).State.ShouldBe(SpotCheckState.Open);
        (await (await walk.Reviewer.PostAsync(Url(walk.CampaignId, drawn.Id) + "/open", null)).ProblemAsync(HttpStatusCode.Conflict))
            .GetProperty("detail").GetString().ShouldBe("该单位的抽查已经开始，不能重复开始。");
        (await (await walk.Admin.PostJsonAsync($"/api/campaigns/{walk.CampaignId}/publication/request", Overrides.GoOn)).ProblemAsync(HttpStatusCode.Conflict))
            .GetProperty("detail").GetString()!.ShouldContain($"抽查尚未完成的单位 1（{drawn.Name}）");

        var noReason = await walk.Reviewer.PutJsonAsync(Url(walk.CampaignId, drawn.Id) + "/items/1.1",
            new RecordSpotCheckItemRequest(Json([("spot_unfinished", 1)]), " "));
        (await noReason.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("reason")[0].GetString().ShouldBe("抽查依据不能为空。");
        var recorded = await (await walk.Reviewer.PutJsonAsync(Url(walk.CampaignId, drawn.Id) + "/items/1.1",
            new RecordSpotCheckItemRequest(Json([("spot_unfinished", 1)]), "现场查看，措施3未按计划完成"))).ReadAsync<UnitSpotCheckView>();
        // 40 × 6 / 8 = 30 reviewed; the check finds one of the six not done: 40 × 5 / 8 = 25. Month: 42 → 37, × 70 %.
        var item = recorded.Items.Single();
        (item.ReviewedScore, item.SpotCheckScore, recorded.ReviewedTotal, recorded.SpotCheckTotal).ShouldBe((30m, 25m, 29.4m, 25.9m));

        // Until completed the reviewed result stands.
        (await walk.ResultsAsync()).Of(drawn).Total.ShouldBe(29.4m);
        var done = await (await walk.Admin.PostJsonAsync(Url(walk.CampaignId, drawn.Id) + "/complete", new CompleteSpotCheckRequest("抽查核实一项措施未完成")))
            .ReadAsync<UnitSpotCheckView>();
        (done.State, done.StateName, done.Summary).ShouldBe((SpotCheckState.Completed, "已完成", "抽查核实一项措施未完成"));
        (await (await walk.Reviewer.PutJsonAsync(Url(walk.CampaignId, drawn.Id) + "/items/1.1",
            new RecordSpotCheckItemRequest(Json([("spot_unfinished", 0)]), "改"))).ProblemAsync(HttpStatusCode.Conflict))
            .GetProperty("detail").GetString().ShouldBe("抽查已完成，不能再记录指标结果");

        var results = await walk.ResultsAsync();
        var checkedUnit = results.Of(drawn);
        (checkedUnit.Total, checkedUnit.Items.Single(i => i.ItemId == "1.1").Score).ShouldBe((25.9m, 25m));
        checkedUnit.Explanation.ShouldStartWith("抽查结果替代复核结果（复核总分 29.4；抽查结论：抽查核实一项措施未完成）；");
        checkedUnit.Items.Single(i => i.ItemId == "1.1").Explanation.ShouldStartWith("抽查：现场查看，措施3未按计划完成；");
        results.Of(other).Total.ShouldBe(29.4m);
        (results.Of(other).Rank, checkedUnit.Rank).ShouldBe((1, 2));

        (await walk.PublishAsync()).Units.Single(u => u.UnitId == drawn.Id).Total.ShouldBe(25.9m);
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChengxinDbContext>();
        var actions = await db.AuditEvents.IgnoreQueryFilters().Where(e => e.EntityType == "spot-check" || e.EntityType == "spot-check-item")
            .Where(e => e.UnitId == drawn.Id).Select(e => e.Action).ToListAsync();
        actions.ShouldContain("spot-check.created");
        actions.ShouldContain("spot-check.updated");
        actions.ShouldContain("spot-check-item.created");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SpotCheckTestsOnSqlite(SqliteApp app) : SpotCheckTests(app);

[Collection(PostgresCollection.Name)]
public sealed class SpotCheckTestsOnPostgres(PostgresApp app) : SpotCheckTests(app);
