using System.Net;
using System.Text.Json;
using Chengxin.Domain.Campaigns;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Features.Dashboard;
using Chengxin.Server.Features.Results;
using Chengxin.Server.Features.Submissions;
using Chengxin.Server.Features.Units;
using Chengxin.Server.Features.Users;
using Chengxin.Server.Infrastructure;
using Chengxin.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Chengxin.Server.Tests;

/// <summary>
/// Seed 004 towns with two invented units (甲镇 62 合格, 乙街道 86 良好: the arithmetic of JiaxianTownsCampaignTests without
/// the reviewer's bonus), exported to Excel before and after publication, read by the leader's dashboard and trend,
/// and appealed. The workbooks are opened with the same OpenXML library the server writes them with.
/// </summary>
public abstract class ResultsExportAndDashboardTests(AppFixture app)
{
    private sealed record World(HttpClient Admin, HttpClient SecondAdmin, long CampaignId, long Town, long Street);

    private async Task<World> ReviewingCampaignAsync(string tag)
    {
        var admin = await app.SessionAsync("a-admin");
        async Task<long> UnitAsync(string name, string unitClass) =>
            (await (await admin.PostJsonAsync("/api/units", new CreateUnitRequest(app.World.Unit("A-C1").Id, name + tag, "EX" + Guid.NewGuid().ToString("N")[..10],
                "Town", unitClass))).ReadAsync<UnitResponse>()).Id;
        var town = await UnitAsync("甲镇", "乡镇");
        var street = await UnitAsync("乙街道", "街道");
        var second = "ex-admin-" + Guid.NewGuid().ToString("N")[..6];
        (await admin.PostJsonAsync("/api/users", new CreateUserRequest(second, "第二管理员", TestWorld.Password, app.World.Unit("A-C1").Id,
            Roles.OfficeAdmin, ScopeKind.Subtree, null))).EnsureSuccessStatusCode();
        var campaign = await (await admin.PostJsonAsync("/api/campaigns", CampaignTests.OpenRequest("导出与看板" + tag, [town, street],
            evidenceDue: app.Clock.GetUtcNow().AddDays(7).ToString("o")))).ReadAsync<CampaignResponse>();
        (await admin.PostAsync($"/api/campaigns/{campaign.Id}/open", null)).EnsureSuccessStatusCode();
        var scheme = app.Factory.Services.GetRequiredService<Features.Schemes.SchemeCatalog>().Find(TestWorld.SchemeId)!;
        foreach (var (unit, facts) in new[] { (town, JiaxianTownsCampaignTests.MiddlingTown), (street, JiaxianTownsCampaignTests.StrongStreet) })
        {
            var url = $"/api/campaigns/{campaign.Id}/units/{unit}/submission";
            foreach (var item in scheme.Items.Where(i => i.Facts.Any(f => facts.Any(x => x.Key == f.Key))))
            {
                var values = facts.Where(x => item.Facts.Any(f => f.Key == x.Key)).ToDictionary(f => f.Key, f => JsonSerializer.SerializeToElement(f.Value, Http.Json));
                (await admin.PutJsonAsync($"{url}/items/{item.Id}", new SaveItemRequest(values, null))).EnsureSuccessStatusCode();
            }
            (await admin.PostAsync($"{url}/submit", null)).EnsureSuccessStatusCode();
        }
        (await admin.PostJsonAsync($"/api/campaigns/{campaign.Id}/start-review", Overrides.GoOn)).EnsureSuccessStatusCode();
        return new World(admin, await app.SignInAsync(second), campaign.Id, town, street);
    }

    private static async Task<IReadOnlyDictionary<string, IReadOnlyList<IReadOnlyList<string>>>> WorkbookAsync(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.ShouldBe(Xlsx.ContentType);
        return Xlsx.ReadAll(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
    }

    [Fact]
    public async Task Export_BeforeAndAfterPublication_LeaderWaitsForPublication_CellsHoldRanksGradesAndTheScoreSheet()
    {
        var w = await ReviewingCampaignAsync("一");
        var leader = await app.SessionAsync("a-leader");
        var ranking = $"/api/exports/campaigns/{w.CampaignId}/ranking";

        (await (await leader.GetAsync(ranking)).ProblemAsync(HttpStatusCode.Forbidden)).GetProperty("detail").GetString()
            .ShouldBe("结果尚未发布：导出未发布的结果须信用办管理员权限。");
        var live = await WorkbookAsync(await w.Admin.GetAsync(ranking));
        live.Keys.ShouldBe(["总排名", "街道", "乡镇"]);
        live["总排名"][0].ShouldBe(Features.Exports.ExportResults.RankingHeader.ToList());
        live["总排名"][1].Take(8).ShouldBe(["1", "1", "乙街道一", "街道", "86", "0", "86", "良好"]);
        live["总排名"][2].Take(8).ShouldBe(["2", "1", "甲镇一", "乡镇", "62", "0", "62", "合格"]);
        live["乡镇"].Count.ShouldBe(2);
        live["乡镇"][1][2].ShouldBe("甲镇一");

        var sheets = await WorkbookAsync(await w.Admin.GetAsync($"/api/exports/campaigns/{w.CampaignId}/score-sheet?unitId={w.Town}"));
        var sheet = sheets["甲镇一"];
        sheet[0].ShouldBe(["序号", "一级指标", "考核指标", "分值", "评分细则", "自评得分", "得分", "得分说明"]);
        // 1.1 组织建设情况: 缺专用打印机一项，5 − 1 = 4.
        var item = sheet.Single(r => r.Count > 2 && r[2] == "组织建设情况");
        (item[0], item[1], item[3], item[5], item[6]).ShouldBe(("1", "工作体系建设", "5", "4", "4"));
        item[7].ShouldNotBeNullOrWhiteSpace();
        sheet.Single(r => r[0] == "总分")[6].ShouldBe("62");
        sheet.Single(r => r[0] == "等次")[6].ShouldBe("合格");

        (await w.Admin.PostJsonAsync($"/api/campaigns/{w.CampaignId}/publication/request", Overrides.GoOn)).EnsureSuccessStatusCode();
        (await w.SecondAdmin.PostJsonAsync($"/api/campaigns/{w.CampaignId}/publication/approve", Overrides.GoOn)).EnsureSuccessStatusCode();
        // Published: the leader exports the frozen snapshot.
        var published = await WorkbookAsync(await leader.GetAsync(ranking));
        published["总排名"].Skip(1).Select(r => (r[2], r[6], r[7])).ShouldBe([("乙街道一", "86", "良好"), ("甲镇一", "62", "合格")]);
    }

    [Fact]
    public async Task Dashboard_PublicationStatusTrendAndAppeals_FollowTheCampaign()
    {
        var w = await ReviewingCampaignAsync("二");
        var leader = await app.SessionAsync("a-leader");

        var board = await (await leader.GetAsync($"/api/dashboard/campaigns/{w.CampaignId}")).ReadAsync<CampaignDashboardView>();
        board.Published.ShouldBeFalse();
        board.SchemeFamily.ShouldBe("jiaxian-towns");
        board.Grades.Select(g => (g.Grade, g.Count)).ShouldBe([("优秀", 0), ("良好", 1), ("合格", 1), ("不合格", 0)]);
        board.Ranking.Select(r => (r.UnitId, r.Total, r.Rank)).ShouldBe([(w.Street, 86m, 1), (w.Town, 62m, 2)]);
        // 一 工作体系建设: 甲镇 4, 乙街道 5 → 4.5 of 5.
        board.Categories[0].ShouldBe(new CategoryAverageView("1", "工作体系建设", 5m, 4.5m));
        board.UnitCategories.Single(u => u.UnitId == w.Town).Scores.Sum().ShouldBe(62m);
        board.Progress.ShouldBe(new SubmissionProgressView(2, 0, 0, 2, 0, 0));

        var trend = $"/api/units/{w.Town}/trend?scheme=jiaxian-towns-2022";
        (await (await leader.GetAsync(trend)).ReadAsync<UnitTrendView>()).Points.ShouldBeEmpty();
        (await (await leader.GetAsync($"/api/units/{w.Town}/trend")).ProblemAsync(HttpStatusCode.BadRequest))
            .GetProperty("errors").TryGetProperty("scheme", out _).ShouldBeTrue();

        (await w.Admin.PostJsonAsync($"/api/campaigns/{w.CampaignId}/publication/request", Overrides.GoOn)).EnsureSuccessStatusCode();
        var pending = await (await w.SecondAdmin.GetAsync($"/api/campaigns/{w.CampaignId}/publication")).ReadAsync<PublicationView>();
        (pending.State, pending.RequestedBy, pending.CanApprove).ShouldBe((CampaignState.PendingPublication, "a-admin", true));
        (await (await w.Admin.GetAsync($"/api/campaigns/{w.CampaignId}/publication")).ReadAsync<PublicationView>()).CanApprove.ShouldBeFalse();
        var receipt = await (await w.SecondAdmin.PostJsonAsync($"/api/campaigns/{w.CampaignId}/publication/approve", Overrides.GoOn)).ReadAsync<PublicationReceipt>();
        var status = await (await leader.GetAsync($"/api/campaigns/{w.CampaignId}/publication")).ReadAsync<PublicationView>();
        status.Versions.Select(v => (v.Version, v.Sha256, v.RequestedBy, v.ApprovedBy)).ShouldBe([(1, receipt.Sha256, "a-admin", "第二管理员")]);

        (await (await leader.GetAsync($"/api/dashboard/campaigns/{w.CampaignId}")).ReadAsync<CampaignDashboardView>()).Published.ShouldBeTrue();
        var points = (await (await leader.GetAsync(trend)).ReadAsync<UnitTrendView>()).Points;
        points.Select(p => (p.CampaignId, p.PeriodLabel, p.Total, p.Grade, p.Rank)).ShouldBe([(w.CampaignId, "2022年第一季度", 62m, "合格", 2)]);
        // A family is the scheme id without its year: the departments scheme is another family.
        (await (await leader.GetAsync($"/api/units/{w.Town}/trend?scheme=jiaxian-departments-2022")).ReadAsync<UnitTrendView>()).Points.ShouldBeEmpty();

        const string xss = "<img src=x onerror=\"window.__xss=1\">漏计";
        (await w.Admin.PostJsonAsync($"/api/campaigns/{w.CampaignId}/units/{w.Town}/appeals", new FileAppealRequest("2.1", xss))).EnsureSuccessStatusCode();
        var appeals = await (await w.Admin.GetAsync($"/api/campaigns/{w.CampaignId}/appeals")).ReadAsync<List<CampaignAppealView>>();
        appeals.Select(a => (a.UnitName, a.ItemId, a.Grounds, a.State)).ShouldBe([("甲镇二", "2.1", xss, AppealState.Filed)]);
        var exported = await WorkbookAsync(await leader.GetAsync($"/api/exports/campaigns/{w.CampaignId}/appeals"));
        exported["申诉"][1].Take(4).ShouldBe([appeals[0].Id.ToString(), "甲镇二", "2.1", xss]);
        exported["申诉"][1][5].ShouldBe("待处理");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ResultsExportAndDashboardTestsOnSqlite(SqliteApp app) : ResultsExportAndDashboardTests(app);

[Collection(PostgresCollection.Name)]
public sealed class ResultsExportAndDashboardTestsOnPostgres(PostgresApp app) : ResultsExportAndDashboardTests(app);
