using System.Net;
using Chengxin.Domain.Campaigns;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Features.Results;
using Chengxin.Server.Features.Users;
using Chengxin.Server.Tests.Infrastructure;

namespace Chengxin.Server.Tests;

/// <summary>Appeals against a published result: filed in the window, rejected with a reason or upheld (review reopens, the old version stays).</summary>
public abstract class AppealTests(AppFixture app)
{
    private async Task<HttpClient> SecondAdminAsync()
    {
        var admin = await app.SessionAsync("a-admin");
        var name = "ap-admin-" + Guid.NewGuid().ToString("N")[..6];
        (await admin.PostJsonAsync("/api/users", new CreateUserRequest(name, "复核管理员", TestWorld.Password,
            app.World.Unit("A-C1").Id, "office-admin", ScopeKind.Subtree, null))).EnsureSuccessStatusCode();
        return await app.SignInAsync(name);
    }

    private static async Task<PublicationReceipt> PublishAsync(HttpClient admin, HttpClient second, long campaignId)
    {
        (await admin.PostJsonAsync($"/api/campaigns/{campaignId}/publication/request", Overrides.GoOn)).EnsureSuccessStatusCode();
        return await (await second.PostJsonAsync($"/api/campaigns/{campaignId}/publication/approve", Overrides.GoOn)).ReadAsync<PublicationReceipt>();
    }

    [Fact]
    public async Task Appeal_BeforePublicationRefused_RejectNeedsAReason_UpheldReopensReview_RepublicationAddsAVersion()
    {
        var admin = await app.SessionAsync("a-admin");
        var second = await SecondAdminAsync();
        var unit = app.World.Unit("A-C1-T1").Id;
        var campaign = await (await admin.PostJsonAsync("/api/campaigns", CampaignTests.OpenRequest("申诉测试", [unit],
            evidenceDue: app.Clock.GetUtcNow().AddDays(1).ToString("o")))).ReadAsync<CampaignResponse>();
        (await admin.PostAsync($"/api/campaigns/{campaign.Id}/open", null)).EnsureSuccessStatusCode();
        (await admin.PostJsonAsync($"/api/campaigns/{campaign.Id}/start-review", Overrides.GoOn)).EnsureSuccessStatusCode();
        var liaison = await app.SessionAsync("a-liaison");
        var appeals = $"/api/campaigns/{campaign.Id}/units/{unit}/appeals";

        (await (await liaison.PostJsonAsync(appeals, new FileAppealRequest("2.1", "按时报送篇数漏计"))).ProblemAsync(HttpStatusCode.Conflict))
            .GetProperty("detail").GetString().ShouldBe("结果尚未发布，不能申诉");

        var first = await PublishAsync(admin, second, campaign.Id);
        var rejected = await (await liaison.PostJsonAsync(appeals, new FileAppealRequest("2.1", "按时报送篇数漏计"))).ReadAsync<AppealView>();
        rejected.State.ShouldBe(AppealState.Filed);
        (await (await admin.PostJsonAsync($"/api/campaigns/{campaign.Id}/appeals/{rejected.Id}/reject", new DecideAppealRequest(" ")))
            .ProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString().ShouldBe("驳回申诉须说明理由");
        (await (await admin.PostJsonAsync($"/api/campaigns/{campaign.Id}/appeals/{rejected.Id}/reject", new DecideAppealRequest("所报稿件均已计入")))
            .ReadAsync<AppealView>()).State.ShouldBe(AppealState.Rejected);

        var upheld = await (await liaison.PostJsonAsync(appeals, new FileAppealRequest(null, "信易贷上报企业数以平台为准"))).ReadAsync<AppealView>();
        (await (await admin.PostJsonAsync($"/api/campaigns/{campaign.Id}/appeals/{upheld.Id}/uphold", new DecideAppealRequest("经核实，重新复核")))
            .ReadAsync<AppealView>()).State.ShouldBe(AppealState.Upheld);
        (await (await admin.GetAsync($"/api/campaigns/{campaign.Id}")).ReadAsync<CampaignResponse>()).State.ShouldBe(CampaignState.Reviewing);
        // While review reopens, the public still sees the published version, unchanged.
        var anonymous = app.NewClient();
        (await anonymous.GetAsync($"/api/public/campaigns/{campaign.Id}/results")).Headers.GetValues("X-Result-Sha256").ShouldBe([first.PublicSha256]);

        var republished = await PublishAsync(admin, second, campaign.Id);
        republished.Version.ShouldBe(2);
        (await anonymous.GetAsync($"/api/public/campaigns/{campaign.Id}/results")).Headers.GetValues("X-Result-Version").ShouldBe(["2"]);
        (await (await liaison.GetAsync(appeals)).ReadAsync<List<AppealView>>()).Select(a => a.State).ShouldBe([AppealState.Rejected, AppealState.Upheld]);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AppealTestsOnSqlite(SqliteApp app) : AppealTests(app);

[Collection(PostgresCollection.Name)]
public sealed class AppealTestsOnPostgres(PostgresApp app) : AppealTests(app);
