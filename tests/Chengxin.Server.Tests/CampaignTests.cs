using System.Net;
using System.Security.Cryptography;
using System.Text;
using Chengxin.Domain.Campaigns;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Infrastructure;
using Chengxin.Server.Features.Results;
using Chengxin.Server.Features.Schemes;
using Chengxin.Server.Features.Units;
using Chengxin.Server.Features.Users;
using Chengxin.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Chengxin.Server.Tests;

/// <summary>Opening campaigns on a frozen scheme version, who sees them, and their state transitions through the domain type.</summary>
public abstract class CampaignTests(AppFixture app)
{
    /// <summary>A valid request on seed 004 towns for 2022Q1; evidence due 2022-04-10 17:00 Beijing time.</summary>
    public static OpenCampaignRequest OpenRequest(string name, List<long> unitIds, Dictionary<string, string>? classMap = null,
        List<Guid>? reviewers = null, string period = "2022Q1", string evidenceDue = "2022-04-10T17:00", string? selfDue = null, long? baseline = null) =>
        new(name, TestWorld.SchemeId, period, unitIds, null, null, classMap,
            new ScheduleRequest(null, evidenceDue, selfDue, null, 10), reviewers, 0.2m, true, baseline);

    private static string NewCode() => "CP" + Guid.NewGuid().ToString("N")[..10];

    private async Task<UnitResponse> NewTownAsync(HttpClient admin, string name, string unitClass)
    {
        var response = await admin.PostJsonAsync("/api/units", new CreateUnitRequest(app.World.Unit("A-C1").Id, name, NewCode(), "Town", unitClass));
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.ReadAsync<UnitResponse>();
    }

    private static async Task<CampaignResponse> CreateAsync(HttpClient admin, OpenCampaignRequest request)
    {
        var response = await admin.PostJsonAsync("/api/campaigns", request);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.ReadAsync<CampaignResponse>();
    }

    [Fact]
    public async Task Open_TwoTowns_FreezesTheSchemeTextAndItsHash_MapsClassesByName_StoresTheScheduleInUtc()
    {
        var admin = await app.SessionAsync("a-admin");
        var town = await NewTownAsync(admin, "甲镇", "乡镇");
        var street = await NewTownAsync(admin, "乙街道", "街道");

        var campaign = await CreateAsync(admin, OpenRequest("2022年第一季度乡镇评价", [town.Id, street.Id]));

        var text = app.Factory.Services.GetRequiredService<SchemeCatalog>().TextOf(TestWorld.SchemeId)!;
        campaign.SchemeSha256.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))));
        campaign.SchemeId.ShouldBe(TestWorld.SchemeId);
        campaign.State.ShouldBe(CampaignState.Draft);
        campaign.PeriodKey.ShouldBe("2022Q1");
        campaign.PeriodLabel.ShouldBe("2022年第一季度");
        campaign.Units.Select(u => (u.UnitId, u.SchemeClass)).ShouldBe([(town.Id, "town"), (street.Id, "street")]);
        campaign.Schedule.EvidenceDue.ShouldBe(new DateTimeOffset(2022, 4, 10, 17, 0, 0, TimeSpan.FromHours(8)));
        campaign.Schedule.EvidenceDue.Offset.ShouldBe(TimeSpan.FromHours(8));
        campaign.Schedule.AppealWindowDays.ShouldBe(10);
        campaign.SpotCheckShare.ShouldBe(0.2m);

        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChengxinDbContext>();
        var stored = await db.Campaigns.IgnoreQueryFilters().SingleAsync(c => c.Id == campaign.Id);
        stored.EvidenceDue.ShouldBe(new DateTime(2022, 4, 10, 9, 0, 0, DateTimeKind.Utc));
        var version = await db.SchemeVersions.IgnoreQueryFilters().SingleAsync(v => v.Id == stored.SchemeVersionId);
        version.Yaml.ShouldBe(text);
        version.Sha256.ShouldBe(campaign.SchemeSha256);
        var actions = await db.AuditEvents.IgnoreQueryFilters()
            .Where(e => e.EntityType == "campaign" && e.EntityId == campaign.Id.ToString()).Select(e => e.Action).ToListAsync();
        actions.ShouldBe(["campaign.created", "campaign.members"], ignoreOrder: true);
        var members = await db.AuditEvents.IgnoreQueryFilters().SingleAsync(e => e.EntityId == campaign.Id.ToString() && e.Action == "campaign.members");
        members.After!.ShouldContain(version.Sha256);
        members.After!.ShouldContain($"\"unitId\":{street.Id},\"schemeClass\":\"street\"");
        (await db.AuditEvents.IgnoreQueryFilters().CountAsync(e => e.EntityType == "scheme-version" && e.EntityId == version.Id.ToString())).ShouldBe(1);
    }

    [Fact]
    public async Task Open_SameSchemeTwice_SharesOneFrozenVersion()
    {
        var admin = await app.SessionAsync("a-admin");
        var first = await CreateAsync(admin, OpenRequest("第一批", [app.World.Unit("A-C1-T1").Id]));
        var second = await CreateAsync(admin, OpenRequest("第二批", [app.World.Unit("A-C1-T2").Id]));

        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChengxinDbContext>();
        var ids = await db.Campaigns.IgnoreQueryFilters().Where(c => c.Id == first.Id || c.Id == second.Id).Select(c => c.SchemeVersionId).Distinct().ToListAsync();
        ids.Count.ShouldBe(1);
        (await db.SchemeVersions.IgnoreQueryFilters().CountAsync(v => v.TenantId == app.World.TenantA && v.SchemeId == TestWorld.SchemeId)).ShouldBe(1);
    }

    [Fact]
    public void FrozenVersion_WhoseTextWasChanged_IsRefusedForScoring()
    {
        var versions = app.Factory.Services.GetRequiredService<SchemeVersions>();
        var text = app.Factory.Services.GetRequiredService<SchemeCatalog>().TextOf(TestWorld.SchemeId)!;
        var tampered = new SchemeVersion
        {
            SchemeId = TestWorld.SchemeId, Title = "改动", Sha256 = SchemeVersions.Sha256Of(text + "# x"), Yaml = text,
        };
        Should.Throw<InvalidOperationException>(() => versions.Compile(tampered)).Message.ShouldContain("SHA-256");
        var genuine = new SchemeVersion { SchemeId = TestWorld.SchemeId, Title = "原样", Sha256 = SchemeVersions.Sha256Of(text), Yaml = text };
        versions.Compile(genuine).Scheme.Id.ShouldBe(TestWorld.SchemeId);
    }

    [Fact]
    public async Task Open_UnitClassNotInScheme_Returns400NamingTheClass_UnlessMappedExplicitly()
    {
        var admin = await app.SessionAsync("a-admin");
        var county = app.World.Unit("A-C1");

        var refused = await (await admin.PostJsonAsync("/api/campaigns", OpenRequest("县区", [county.Id]))).ProblemAsync(HttpStatusCode.BadRequest);
        var message = refused.GetProperty("errors").GetProperty("classMap")[0].GetString()!;
        message.ShouldContain("县区政府");
        message.ShouldContain("town 乡镇");

        var badMap = await (await admin.PostJsonAsync("/api/campaigns", OpenRequest("县区", [county.Id], new() { ["县区政府"] = "county" })))
            .ProblemAsync(HttpStatusCode.BadRequest);
        badMap.GetProperty("errors").GetProperty("classMap")[0].GetString()!.ShouldContain("county");

        var mapped = await CreateAsync(admin, OpenRequest("县区", [county.Id], new() { ["县区政府"] = "town" }));
        mapped.Units.Single().SchemeClass.ShouldBe("town");
    }

    [Fact]
    public async Task Open_SubtreeWithClassFilter_TakesOnlyThoseUnits()
    {
        var admin = await app.SessionAsync("a-admin");
        var request = OpenRequest("按范围", []) with { UnitIds = null, SubtreeUnitId = app.World.Unit("A-C1").Id, UnitClasses = ["街道"] };

        var campaign = await CreateAsync(admin, request);

        campaign.Units.ShouldNotBeEmpty();
        campaign.Units.ShouldContain(u => u.UnitId == app.World.Unit("A-C1-T2").Id);
        campaign.Units.ShouldAllBe(u => u.Class == "街道" && u.SchemeClass == "street");
    }

    [Theory]
    [InlineData("2022-13", "periodKey")]
    [InlineData("2022", "periodKey")]
    [InlineData("2022Q5", "periodKey")]
    public async Task Open_BadOrMismatchedPeriod_Returns400(string period, string field)
    {
        var admin = await app.SessionAsync("a-admin");
        var problem = await (await admin.PostJsonAsync("/api/campaigns", OpenRequest("期间", [app.World.Unit("A-C1-T1").Id], period: period)))
            .ProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").GetProperty(field)[0].GetString()!.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task Open_SelfAssessmentDueBeforeEvidenceDue_Returns400OnTheSelfAssessmentField()
    {
        var admin = await app.SessionAsync("a-admin");
        var problem = await (await admin.PostJsonAsync("/api/campaigns",
            OpenRequest("日程", [app.World.Unit("A-C1-T1").Id], selfDue: "2022-04-09T17:00"))).ProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").GetProperty("schedule.selfAssessmentDue")[0].GetString().ShouldBe("自评截止时间不能早于佐证材料截止时间。");
    }

    [Fact]
    public async Task Open_ScheduleWithOffset_IsKeptAsTheInstantGiven()
    {
        var admin = await app.SessionAsync("a-admin");
        var campaign = await CreateAsync(admin, OpenRequest("UTC", [app.World.Unit("A-C1-T1").Id], evidenceDue: "2022-04-10T09:00:00Z"));
        campaign.Schedule.EvidenceDue.ShouldBe(new DateTimeOffset(2022, 4, 10, 17, 0, 0, TimeSpan.FromHours(8)));
    }

    [Fact]
    public async Task Open_ReviewerWithoutTheReviewerRole_Returns400()
    {
        var admin = await app.SessionAsync("a-admin");
        var problem = await (await admin.PostJsonAsync("/api/campaigns",
            OpenRequest("评审员", [app.World.Unit("A-C1-T1").Id], reviewers: [app.World.Users["a-leader"].Id]))).ProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").GetProperty("reviewerIds")[0].GetString()!.ShouldContain("不是在用的评审员账号");
    }

    [Fact]
    public async Task Liaison_SeesCampaignsOfItsUnit_WithOnlyItsOwnUnitListed()
    {
        var admin = await app.SessionAsync("a-admin");
        var shared = await CreateAsync(admin, OpenRequest("两个单位", [app.World.Unit("A-C1-T1").Id, app.World.Unit("A-C1-T2").Id]));
        var other = await CreateAsync(admin, OpenRequest("别的单位", [app.World.Unit("A-C1-T2").Id]));

        var liaison = await app.SessionAsync("a-liaison");
        var list = await (await liaison.GetAsync("/api/campaigns")).ReadAsync<List<CampaignListItem>>();
        list.ShouldContain(c => c.Id == shared.Id);
        list.ShouldNotContain(c => c.Id == other.Id);
        var seen = await (await liaison.GetAsync($"/api/campaigns/{shared.Id}")).ReadAsync<CampaignResponse>();
        seen.UnitCount.ShouldBe(2);
        seen.Units.Select(u => u.UnitId).ShouldBe([app.World.Unit("A-C1-T1").Id]);
        await (await liaison.GetAsync($"/api/campaigns/{other.Id}")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ExternalFirm_SeesOnlyItsAssignedCampaign_EvenWhenAnotherSharesTheUnit()
    {
        var admin = await app.SessionAsync("a-admin");
        var userName = "firm-" + Guid.NewGuid().ToString("N")[..8];
        var created = await (await admin.PostJsonAsync("/api/users", new CreateUserRequest(
            userName, "评估公司", TestWorld.Password, app.World.Unit("A-C1").Id, "reviewer", ScopeKind.Campaigns, null))).ReadAsync<UserResponse>();
        var unit = app.World.Unit("A-C1-T1").Id;
        var assigned = await CreateAsync(admin, OpenRequest("委托评估", [unit], reviewers: [created.Id]));
        var notAssigned = await CreateAsync(admin, OpenRequest("未委托", [unit]));

        var firm = await app.SignInAsync(userName);
        (await (await firm.GetAsync("/api/campaigns")).ReadAsync<List<CampaignListItem>>()).Select(c => c.Id).ShouldBe([assigned.Id]);
        (await (await firm.GetAsync($"/api/campaigns/{assigned.Id}")).ReadAsync<CampaignResponse>()).Reviewers.Single().UserId.ShouldBe(created.Id);
        await (await firm.GetAsync($"/api/campaigns/{notAssigned.Id}")).ProblemAsync(HttpStatusCode.NotFound);
        (await (await firm.GetAsync("/api/units")).ReadAsync<List<UnitResponse>>()).Select(u => u.Id).ShouldBe([unit]);
    }

    [Fact]
    public async Task Transitions_FollowTheDomain_RefusalsAre409_AndEveryChangeIsAudited()
    {
        var admin = await app.SessionAsync("a-admin");
        var campaign = await CreateAsync(admin, OpenRequest("状态", [app.World.Unit("A-C1-T1").Id]));

        var problem = await (await admin.PostJsonAsync($"/api/campaigns/{campaign.Id}/start-review", Overrides.GoOn)).ProblemAsync(HttpStatusCode.Conflict);
        problem.GetProperty("detail").GetString().ShouldBe("只有收集中的评价批次可以进入复核（当前：草稿）");
        (await (await admin.PostAsync($"/api/campaigns/{campaign.Id}/open", null)).ReadAsync<CampaignResponse>()).State.ShouldBe(CampaignState.Open);
        await (await admin.PostAsync($"/api/campaigns/{campaign.Id}/open", null)).ProblemAsync(HttpStatusCode.Conflict);
        var reviewing = await (await admin.PostJsonAsync($"/api/campaigns/{campaign.Id}/start-review", Overrides.GoOn)).ReadAsync<CampaignResponse>();
        reviewing.State.ShouldBe(CampaignState.Reviewing);
        reviewing.StateName.ShouldBe("复核中");

        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChengxinDbContext>();
        var updates = await db.AuditEvents.IgnoreQueryFilters()
            .Where(e => e.EntityType == "campaign" && e.EntityId == campaign.Id.ToString() && e.Action == "campaign.updated")
            .OrderBy(e => e.Sequence).Select(e => e.After!).ToListAsync();
        updates.Count.ShouldBe(2);
        updates[0].ShouldContain("\"State\":\"Open\"");
        updates[1].ShouldContain("\"State\":\"Reviewing\"");
    }

    [Fact]
    public async Task PublicationTransitions_RefusedOutOfOrder_RejectReturnsToReview()
    {
        var admin = await app.SessionAsync("a-admin");
        var campaign = await CreateAsync(admin, OpenRequest("发布流程", [app.World.Unit("A-C1-T1").Id]));
        var url = $"/api/campaigns/{campaign.Id}";

        (await (await admin.PostJsonAsync($"{url}/publication/request", Overrides.GoOn)).ProblemAsync(HttpStatusCode.Conflict))
            .GetProperty("detail").GetString().ShouldBe("只有复核中的评价批次可以申请发布（当前：草稿）");
        (await (await admin.PostJsonAsync($"{url}/publication/approve", Overrides.GoOn)).ProblemAsync(HttpStatusCode.Conflict))
            .GetProperty("detail").GetString().ShouldBe("没有待审批的发布申请（当前：草稿）");
        (await admin.PostAsync($"{url}/open", null)).EnsureSuccessStatusCode();
        (await (await admin.PostJsonAsync($"{url}/publication/reject", new RejectPublicationRequest("材料不全"))).ProblemAsync(HttpStatusCode.Conflict))
            .GetProperty("detail").GetString().ShouldBe("没有待审批的发布申请（当前：收集中）");
        (await admin.PostJsonAsync($"{url}/start-review", Overrides.GoOn)).EnsureSuccessStatusCode();
        (await (await admin.PostJsonAsync($"{url}/publication/request", Overrides.GoOn)).ReadAsync<CampaignResponse>()).State.ShouldBe(CampaignState.PendingPublication);
        await (await admin.PostJsonAsync($"{url}/publication/request", Overrides.GoOn)).ProblemAsync(HttpStatusCode.Conflict);
        var noReason = await (await admin.PostJsonAsync($"{url}/publication/reject", new RejectPublicationRequest(" "))).ProblemAsync(HttpStatusCode.BadRequest);
        noReason.GetProperty("errors").TryGetProperty("reason", out _).ShouldBeTrue();
        (await (await admin.GetAsync($"{url}/publication")).ReadAsync<PublicationView>()).State.ShouldBe(CampaignState.PendingPublication);
        (await (await admin.PostJsonAsync($"{url}/publication/reject", new RejectPublicationRequest("石门镇第3项佐证缺失"))).ReadAsync<CampaignResponse>())
            .State.ShouldBe(CampaignState.Reviewing);
        var status = await (await admin.GetAsync($"{url}/publication")).ReadAsync<PublicationView>();
        status.LastRejection!.Reason.ShouldBe("石门镇第3项佐证缺失");
        status.Versions.ShouldBeEmpty();
        // After a rejection the same admin may ask again; the two-person rule applies to approval only.
        (await (await admin.PostJsonAsync($"{url}/publication/request", Overrides.GoOn)).ReadAsync<CampaignResponse>()).State.ShouldBe(CampaignState.PendingPublication);
        await (await admin.PostJsonAsync($"{url}/publication/approve", Overrides.GoOn)).ProblemAsync(HttpStatusCode.Conflict);
        await (await app.NewClient().GetAsync($"/api/public/campaigns/{campaign.Id}/results")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Manage_CampaignWithAUnitOutsideTheCallersScope_Returns404()
    {
        // The city-wide campaign below is made directly: no admin of tenant A in this world sees both counties.
        var a = app.World.Unit("A-C1-T1").Id;
        var b = app.World.Unit("A-C2-T1").Id;
        var admin = await app.SessionAsync("a-admin");
        var own = await CreateAsync(admin, OpenRequest("本县", [a]));
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChengxinDbContext>();
        var stored = await db.Campaigns.IgnoreQueryFilters().AsNoTracking().SingleAsync(c => c.Id == own.Id);
        var wide = new Data.Campaign
        {
            TenantId = stored.TenantId, Name = "全市", SchemeVersionId = stored.SchemeVersionId, PeriodKey = "2022Q1",
            EvidenceDue = stored.EvidenceDue, CreatedAt = stored.CreatedAt,
            Units = [new CampaignUnit { UnitId = a, SchemeClass = "town" }, new CampaignUnit { UnitId = b, SchemeClass = "town" }],
        };
        scope.ServiceProvider.GetRequiredService<Server.Infrastructure.AccessScope>().SetSystemActor("测试数据");
        db.Campaigns.Add(wide);
        await db.SaveChangesAsync();

        (await (await admin.GetAsync($"/api/campaigns/{wide.Id}")).ReadAsync<CampaignResponse>()).Units.Select(u => u.UnitId).ShouldBe([a]);
        await (await admin.PostAsync($"/api/campaigns/{wide.Id}/open", null)).ProblemAsync(HttpStatusCode.NotFound);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class CampaignTestsOnSqlite(SqliteApp app) : CampaignTests(app);

[Collection(PostgresCollection.Name)]
public sealed class CampaignTestsOnPostgres(PostgresApp app) : CampaignTests(app);
