using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Audit;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Features.Letters;
using Chengxin.Server.Features.Users;
using Chengxin.Server.Infrastructure;
using Chengxin.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Chengxin.Server.Tests;

/// <summary>
/// Who may act for whom, found by attacking the demo (issue 12): a provider acts only for its own department (F2) and never
/// reads a unit's submission (F3); an admin manages only accounts whose scope lies inside its own (F4); unit-less audit
/// events are seen only by whom they concern (F15); a reviewer reaches only the campaigns assigned to it (F16); every enum
/// in a request body is checked (F17).
/// </summary>
public abstract class AccessRuleTests(AppFixture app)
{
    private long T1 => app.World.Unit("A-C1-T1").Id;

    private static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..10];

    private static string UnitUrl(long campaignId, long unitId) => $"/api/campaigns/{campaignId}/units/{unitId}";

    /// <summary>An open campaign of A-C1-T1 on seed 004 towns, opened by the county admin.</summary>
    private async Task<CampaignResponse> OpenCampaignAsync()
    {
        var admin = await app.SessionAsync("a-admin");
        var now = app.Clock.GetUtcNow();
        var request = new OpenCampaignRequest("访问规则", TestWorld.SchemeId, "2022Q1", [T1], null, null, null,
            new ScheduleRequest(now.AddDays(5).ToString("o", CultureInfo.InvariantCulture), now.AddDays(10).ToString("o", CultureInfo.InvariantCulture),
                null, null, 10), null, 0.2m, true);
        var created = await admin.PostJsonAsync("/api/campaigns", request);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var campaign = await created.ReadAsync<CampaignResponse>();
        return await (await admin.PostAsync($"/api/campaigns/{campaign.Id}/open", null)).ReadAsync<CampaignResponse>();
    }

    /// <summary>A court-like provider: a department account whose scope is the whole county, as a court's is the whole city.</summary>
    private async Task<HttpClient> CountyProviderAsync()
    {
        var admin = await app.SessionAsync("a-admin");
        var userName = Unique("court");
        var created = await admin.PostJsonAsync("/api/users", new CreateUserRequest(userName, "法院数据员", TestWorld.Password, app.World.Unit("A-C1").Id,
            Roles.DataProvider, ScopeKind.Subtree, null));
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return await app.SignInAsync(userName);
    }

    /// <summary>An account placed directly in the database, as a city admin or the demo seeder would have made it.</summary>
    private async Task<AppUser> AccountAsync(string homeCode, string role, string? scopeRootCode)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AccessScope>().SetSystemActor("测试数据");
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var userName = Unique("acct");
        return await TestWorld.AddUserAsync(users, userName, userName, app.World.Unit(homeCode), role, ScopeKind.Subtree,
            app.Clock.GetUtcNow().UtcDateTime, scopeRootCode is null ? null : app.World.Unit(scopeRootCode).Id);
    }

    private async Task<AppUser?> StoredUserAsync(Guid id)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByIdAsync(id.ToString());
    }

    private static ByteArrayContent Octets(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return content;
    }

    // F2 -------------------------------------------------------------------------------------------------------------------

    [Fact]
    public async Task LiaisonTableAndLetter_ProviderOnAUnitInItsScope_Return404AndTheUnitsOwnStandsUnchanged()
    {
        var campaign = await OpenCampaignAsync();
        var url = UnitUrl(campaign.Id, T1);
        var liaison = await app.SessionAsync("a-liaison");
        (await liaison.PutJsonAsync($"{url}/liaison-table", new LiaisonTableRequest("王芳", "科员", null, "13812345678", "wang@example.gov.cn")))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        var court = await CountyProviderAsync();

        (await court.GetAsync($"{url}/liaison-table")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await court.PutJsonAsync($"{url}/liaison-table", new LiaisonTableRequest("冒名", "主任", null, "13900000000", "fake@example.gov.cn")))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await court.GetAsync($"{url}/commitment-letter")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await court.PostAsync($"{url}/commitment-letter/accept", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await court.PostAsync($"{url}/commitment-letter/scan?fileName=s.pdf", Octets("%PDF-1.4 盖章"u8.ToArray()))).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        (await (await liaison.GetAsync($"{url}/liaison-table")).ReadAsync<LiaisonTableView>()).Name.ShouldBe("王芳");
        var letter = await (await liaison.GetAsync($"{url}/commitment-letter")).ReadAsync<CommitmentLetterView>();
        letter.AcceptedAt.ShouldBeNull();
        letter.Scan.ShouldBeNull();
    }

    // F3 -------------------------------------------------------------------------------------------------------------------

    [Fact]
    public async Task UnitReads_ProviderWithTheUnitInScope_AreRefused()
    {
        var court = await CountyProviderAsync();
        var campaignId = app.World.CampaignsByUnit["A-C1-T1"];
        var url = UnitUrl(campaignId, T1);
        string[] reads =
        [
            $"{url}/submission", $"{url}/submission/evidence/{app.World.EvidenceByUnit["A-C1-T1"]}", $"{url}/submission/items/2.1/review",
            $"{url}/appeals", $"{url}/spot-check", $"{url}/liaison-table", $"{url}/commitment-letter", $"{url}/commitment-letter/scan",
            $"/api/campaigns/{campaignId}/reports",
        ];
        var answered = new List<string>();
        foreach (var read in reads)
        {
            var status = (await court.GetAsync(read)).StatusCode;
            if (status is not (HttpStatusCode.NotFound or HttpStatusCode.Forbidden))
                answered.Add($"{read}: {(int)status}");
        }
        answered.ShouldBeEmpty();
    }

    // F4 -------------------------------------------------------------------------------------------------------------------

    [Fact]
    public async Task ManageUser_CountyAdminOnCityWideAccountAtHomeInCounty_Returns404AndNothingChanges()
    {
        var wide = await AccountAsync("A-C1-T1", Roles.Leader, scopeRootCode: "A");
        var admin = await app.SessionAsync("a-admin");
        var url = $"/api/users/{wide.Id}";

        (await admin.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await admin.PutJsonAsync(url, new UpdateUserRequest("接管", app.World.Unit("A-C1-T1").Id, Roles.OfficeAdmin, ScopeKind.Subtree, null)))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await admin.PostJsonAsync($"{url}/password", new ResetPasswordRequest("taken-over-2026"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await admin.PostAsync($"{url}/disable", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await admin.PostAsync($"{url}/enable", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await (await admin.GetAsync("/api/users")).ReadAsync<List<UserResponse>>()).ShouldNotContain(u => u.Id == wide.Id);
        var import = new ByteArrayContent(Xlsx.Write("Sheet1", ImportExportUsers.Header, [[wide.UserName, "接管", "A-C1-T1", "信用办管理员", "启用"]]));
        import.Headers.ContentType = new MediaTypeHeaderValue(Xlsx.ContentType);
        (await admin.PostAsync("/api/users/import", import)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var stored = (await StoredUserAsync(wide.Id))!;
        (stored.Role, stored.DisplayName, stored.IsActive, stored.ScopeUnitId, stored.PasswordHash)
            .ShouldBe((Roles.Leader, wide.UserName!, true, app.World.Unit("A").Id, wide.PasswordHash));
    }

    [Fact]
    public async Task ManageUser_CityAdminOnCityWideAccount_Succeeds()
    {
        var wide = await AccountAsync("A-C1-T1", Roles.Leader, scopeRootCode: "A");
        var cityAdmin = await AccountAsync("A", Roles.OfficeAdmin, scopeRootCode: null);
        var admin = await app.SignInAsync(cityAdmin.UserName!);
        (await admin.GetAsync($"/api/users/{wide.Id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.PostJsonAsync($"/api/users/{wide.Id}/password", new ResetPasswordRequest("reset-by-city-2026"))).StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task CreateAndUpdateUser_ScopeWiderThanTheAdmins_Returns400AndStoresNothing()
    {
        var admin = await app.SessionAsync("a-admin");
        var userName = Unique("wider");
        var problem = await (await admin.PostJsonAsync("/api/users", new CreateUserRequest(userName, "越权", TestWorld.Password, T1,
            Roles.Leader, ScopeKind.Subtree, app.World.Unit("A").Id))).ProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").GetProperty("scopeUnitId")[0].GetString()!.ShouldContain("范围");
        (await (await admin.GetAsync("/api/users")).Content.ReadAsStringAsync()).ShouldNotContain(userName);

        var target = app.World.TargetUsers["A-C1-T2"];
        (await admin.PutJsonAsync($"/api/users/{target.Id}", new UpdateUserRequest("越权", target.UnitId, Roles.Liaison, ScopeKind.Subtree,
            app.World.Unit("A").Id))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await StoredUserAsync(target.Id))!.ScopeUnitId.ShouldBeNull();
    }

    [Fact]
    public void Roles_Rank_OfficeAdminOutranksEveryOtherRoleAndEveryRoleIsRanked()
    {
        Roles.All.ShouldAllBe(r => Roles.Rank.ContainsKey(r));
        Roles.All.Where(r => r != Roles.OfficeAdmin).ShouldAllBe(r => Roles.Rank[r] < Roles.Rank[Roles.OfficeAdmin]);
        Roles.MayGrant(Roles.OfficeAdmin, Roles.OfficeAdmin).ShouldBeTrue();
        Roles.MayGrant(Roles.Leader, Roles.OfficeAdmin).ShouldBeFalse();
        Roles.MayGrant(Roles.Liaison, Roles.Reviewer).ShouldBeFalse();
    }

    // F15 ------------------------------------------------------------------------------------------------------------------

    [Fact]
    public async Task ListAudit_CountyLeader_SeesCampaignEventsOfItsCampaignsOnlyAndNoOneElsesTokens()
    {
        var leader = await app.SessionAsync("a-leader");
        // Voided campaigns too: their events stay in the audit of whoever could see the campaign.
        var campaigns = (await (await leader.GetAsync("/api/campaigns?includeVoided=true")).ReadAsync<List<CampaignListItem>>())
            .Select(c => c.Id.ToString(CultureInfo.InvariantCulture)).ToHashSet();

        var campaignEvents = await (await leader.GetAsync("/api/audit?entityType=campaign&take=500")).ReadAsync<AuditPage>();
        // Asked for by id: the 500 newest campaign events of the county are other tests' campaigns once the suite has run a while.
        var own = app.World.CampaignsByUnit["A-C1"].ToString(CultureInfo.InvariantCulture);
        (await (await leader.GetAsync($"/api/audit?entityType=campaign&entityId={own}")).ReadAsync<AuditPage>()).Total.ShouldBeGreaterThan(0);
        campaignEvents.Items.Select(e => e.EntityId).Where(id => !campaigns.Contains(id)).ShouldBeEmpty();
        (await (await leader.GetAsync("/api/audit?entityType=api-token&take=500")).ReadAsync<AuditPage>()).Total.ShouldBe(0);
    }

    [Fact]
    public async Task ListAudit_TokenEvents_SeenByTheOwnerAndAnOfficeWideAdminOnly()
    {
        var owner = await app.SignInAsync("a-admin");
        var created = await owner.PostJsonAsync("/api/tokens", new Features.Tokens.TokenEndpoints.CreateTokenRequest(Unique("令牌"), 1));
        var token = (await created.ReadAsync<Features.Tokens.TokenEndpoints.CreatedTokenResponse>()).Token.Id.ToString(CultureInfo.InvariantCulture);
        var url = $"/api/audit?entityType=api-token&entityId={token}";
        var cityAdmin = await app.SignInAsync((await AccountAsync("A", Roles.OfficeAdmin, scopeRootCode: null)).UserName!);
        var countyAdmin = await app.SignInAsync((await AccountAsync("A-C1", Roles.OfficeAdmin, scopeRootCode: null)).UserName!);

        (await (await owner.GetAsync(url)).ReadAsync<AuditPage>()).Total.ShouldBe(1);
        (await (await cityAdmin.GetAsync(url)).ReadAsync<AuditPage>()).Total.ShouldBe(1);
        (await (await countyAdmin.GetAsync(url)).ReadAsync<AuditPage>()).Total.ShouldBe(0);
    }

    [Fact]
    public async Task ListAudit_CountyReader_SeesNoEventOfACityWideAccountAtHomeInTheCounty()
    {
        var wide = await AccountAsync("A-C1-T1", Roles.Leader, scopeRootCode: "A");
        var url = $"/api/audit?entityType=user&entityId={wide.Id}";
        var cityAdmin = await app.SignInAsync((await AccountAsync("A", Roles.OfficeAdmin, scopeRootCode: null)).UserName!);

        (await (await cityAdmin.GetAsync(url)).ReadAsync<AuditPage>()).Total.ShouldBe(1);
        (await (await (await app.SessionAsync("a-leader")).GetAsync(url)).ReadAsync<AuditPage>()).Total.ShouldBe(0);
        (await (await (await app.SessionAsync("a-admin")).GetAsync(url)).ReadAsync<AuditPage>()).Total.ShouldBe(0);
    }

    // F16 ------------------------------------------------------------------------------------------------------------------

    [Fact]
    public async Task CampaignReadsAndReview_ReviewerNotAssigned_Return404()
    {
        var reviewer = await app.SessionAsync("a-idle-reviewer");
        var campaignId = app.World.CampaignsByUnit["A-C1-T1"];
        var url = UnitUrl(campaignId, T1);
        string[] reads =
        [
            $"/api/campaigns/{campaignId}", $"/api/campaigns/{campaignId}/results", $"/api/campaigns/{campaignId}/publication",
            $"/api/campaigns/{campaignId}/reports", $"/api/campaigns/{campaignId}/period-inputs", $"/api/campaigns/{campaignId}/progress",
            $"{url}/submission", $"{url}/submission/evidence/{app.World.EvidenceByUnit["A-C1-T1"]}", $"{url}/submission/items/2.1/review",
            $"{url}/spot-check", $"{url}/commitment-letter/scan", $"{url}/appeals",
        ];
        var answered = new List<string>();
        foreach (var read in reads)
        {
            var status = (await reviewer.GetAsync(read)).StatusCode;
            if (status != HttpStatusCode.NotFound)
                answered.Add($"{read}: {(int)status}");
        }
        var review = await reviewer.PostJsonAsync($"{url}/submission/items/2.1/review", new Features.Reviews.ReviewItemRequest("confirm", 0, null, null, null));
        if (review.StatusCode != HttpStatusCode.NotFound)
            answered.Add($"POST review: {(int)review.StatusCode}");
        answered.ShouldBeEmpty();
        (await (await reviewer.GetAsync("/api/campaigns")).ReadAsync<List<CampaignListItem>>()).ShouldBeEmpty();
    }

    // F17 ------------------------------------------------------------------------------------------------------------------

    [Fact]
    public async Task CreateUser_UndefinedScopeKind_Returns400NamingTheFieldAndStoresNothing()
    {
        var admin = await app.SessionAsync("a-admin");
        var userName = Unique("enum");
        var body = new StringContent(
            $$"""{"userName":"{{userName}}","displayName":"枚举","password":"{{TestWorld.Password}}","unitId":{{T1}},"role":"liaison","scopeKind":99}""",
            Encoding.UTF8, "application/json");
        var problem = await (await admin.PostAsync("/api/users", body)).ProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").GetProperty("scopeKind")[0].GetString()!.ShouldContain("范围类型");
        (await (await admin.GetAsync("/api/users")).Content.ReadAsStringAsync()).ShouldNotContain(userName);
    }

    [Fact]
    public async Task UpdateUser_UndefinedScopeKind_Returns400AndTheScopeStays()
    {
        var admin = await app.SessionAsync("a-admin");
        var target = app.World.TargetUsers["A-C1-T1"];
        var body = new StringContent($$"""{"displayName":"枚举","unitId":{{T1}},"role":"liaison","scopeKind":99}""", Encoding.UTF8, "application/json");
        var problem = await (await admin.PutAsync($"/api/users/{target.Id}", body)).ProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").GetProperty("scopeKind")[0].GetString()!.ShouldContain("范围类型");
        (await StoredUserAsync(target.Id))!.ScopeKind.ShouldBe(ScopeKind.OwnUnit);
    }

    [Fact]
    public async Task CreateFollowUpRule_UndefinedKind_Returns400AndNoRuleIsStored()
    {
        var admin = await app.SessionAsync("a-admin");
        var family = Unique("enum");
        var body = new StringContent($$"""{"schemeFamily":"{{family}}","kind":99,"threshold":60}""", Encoding.UTF8, "application/json");
        var problem = await (await admin.PostAsync("/api/follow-up/rules", body)).ProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").GetProperty("kind")[0].GetString()!.ShouldContain("规则类型");
        (await (await admin.GetAsync("/api/follow-up/rules")).Content.ReadAsStringAsync()).ShouldNotContain(family);
    }

    [Fact]
    public async Task SetUpSurvey_UndefinedDefinition_Returns400AndNoSurveyIsStored()
    {
        var admin = await app.SessionAsync("a-admin");
        var campaignId = app.World.CampaignsByUnit["A-C1-T1"];
        var body = new StringContent("""{"title":"枚举","definition":99,"minimumSample":10,"expectedVersion":0}""", Encoding.UTF8, "application/json");
        var problem = await (await admin.PutAsync($"/api/surveys/campaigns/{campaignId}", body)).ProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").GetProperty("definition")[0].GetString()!.ShouldContain("满意度的计算方法");
        (await (await admin.GetAsync($"/api/surveys/campaigns/{campaignId}")).Content.ReadAsStringAsync()).ShouldNotContain("枚举");
    }

    /// <summary>
    /// The enum properties of every JSON request body; each one needs an undefined-value test: the user, follow-up rule and survey ones above, and the event
    /// register's in <see cref="Monitoring.EventRegisterTests"/>.
    /// </summary>
    [Fact]
    public void RequestBodies_EveryEnumProperty_IsOneThisClassTests()
    {
        var enums = EndpointPolicyTests.Endpoints(app.Factory.Services)
            .SelectMany(e => e.Endpoint.Metadata.OfType<IAcceptsMetadata>())
            .Select(m => m.RequestType).OfType<Type>().Distinct()
            .SelectMany(t => EnumProperties(t, t.Name, depth: 0)).Distinct().Order(StringComparer.Ordinal).ToList();
        enums.ShouldBe(["CreateUserRequest.ScopeKind", "IntakeEventsRequest.Events.Kind", "RecordEventRequest.Kind", "SaveRuleRequest.Kind",
            "SetUpSurveyRequest.Definition", "UpdateUserRequest.ScopeKind"]);
    }

    private static IEnumerable<string> EnumProperties(Type type, string path, int depth)
    {
        if (depth > 4 || type.Namespace?.StartsWith("Chengxin", StringComparison.Ordinal) != true)
            yield break;
        foreach (var property in type.GetProperties())
        {
            var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            var element = propertyType.IsGenericType ? propertyType.GetGenericArguments().Last() : propertyType;
            if (element.IsEnum)
                yield return $"{path}.{property.Name}";
            else
                foreach (var nested in EnumProperties(element, $"{path}.{property.Name}", depth + 1))
                    yield return nested;
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AccessRuleTestsOnSqlite(SqliteApp app) : AccessRuleTests(app);

[Collection(PostgresCollection.Name)]
public sealed class AccessRuleTestsOnPostgres(PostgresApp app) : AccessRuleTests(app);
