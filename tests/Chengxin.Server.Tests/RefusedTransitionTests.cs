using System.Net;
using Chengxin.Domain.Campaigns;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Features.Results;
using Chengxin.Server.Features.Submissions;
using Chengxin.Server.Infrastructure;
using Chengxin.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Chengxin.Server.Tests;

/// <summary>
/// A campaign changes state only for an admin who manages it (every unit of it in their scope); a county admin who can see a
/// city campaign through one of its towns is refused with a 404, and a refused request leaves the database as it was.
/// </summary>
public abstract class RefusedTransitionTests(AppFixture app)
{
    /// <summary>An office admin at the city (A), whose scope is the whole tree.</summary>
    private async Task<HttpClient> CityAdminAsync()
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AccessScope>().SetSystemActor("测试");
        var name = "city-admin-" + Guid.NewGuid().ToString("N")[..8];
        await TestWorld.AddUserAsync(scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>(), name, "市信用办管理员", app.World.Unit("A"),
            Roles.OfficeAdmin, ScopeKind.Subtree, app.Clock.GetUtcNow().UtcDateTime);
        return await app.SignInAsync(name);
    }

    /// <summary>What a refused request must not change: the campaign's state and draw, its rows in every table, and the audit chain's head.</summary>
    private async Task<string> FingerprintAsync(long campaignId)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChengxinDbContext>();
        var campaign = await db.Campaigns.IgnoreQueryFilters().AsNoTracking().SingleAsync(c => c.Id == campaignId);
        var submissions = db.Submissions.IgnoreQueryFilters().Where(s => s.CampaignId == campaignId);
        var head = await db.AuditEvents.IgnoreQueryFilters().Where(e => e.TenantId == app.World.TenantA).MaxAsync(e => e.Sequence);
        var appeals = await db.Appeals.IgnoreQueryFilters().Where(a => a.CampaignId == campaignId).OrderBy(a => a.Id)
            .Select(a => a.State.ToString() + a.Decision).ToListAsync();
        return string.Join("|",
            campaign.State, campaign.SpotCheckSeed, campaign.PublicationRequestedBy, campaign.PublicationApprovedBy, campaign.PublishedAt,
            await db.ReportRecords.IgnoreQueryFilters().CountAsync(r => r.CampaignId == campaignId),
            await db.PublishedResults.IgnoreQueryFilters().CountAsync(p => p.CampaignId == campaignId),
            await submissions.CountAsync(),
            await db.SubmissionItems.IgnoreQueryFilters().CountAsync(i => submissions.Any(s => s.Id == i.SubmissionId)),
            string.Join(",", appeals), head);
    }

    /// <summary>Every campaign-changing call a county admin can aim at the city campaign, each answered 404 with nothing changed.</summary>
    private async Task AllRefusedAsync(HttpClient county, long campaignId, long appealId)
    {
        var town = app.World.Unit("A-C1-T1").Id;
        var due = new DeadlineExceptionRequest("2026-06-30T17:00", "县里代为延期");
        var calls = new (string Url, object? Body)[]
        {
            ($"/api/campaigns/{campaignId}/open", null),
            ($"/api/campaigns/{campaignId}/start-review", null),
            ($"/api/campaigns/{campaignId}/spot-check", null),
            ($"/api/campaigns/{campaignId}/publication/request", null),
            ($"/api/campaigns/{campaignId}/publication/approve", null),
            ($"/api/campaigns/{campaignId}/publication/reject", new RejectPublicationRequest("县里驳回")),
            ($"/api/campaigns/{campaignId}/appeals/{appealId}/uphold", new DecideAppealRequest("县里支持")),
            ($"/api/campaigns/{campaignId}/appeals/{appealId}/reject", new DecideAppealRequest("县里驳回")),
            ($"/api/campaigns/{campaignId}/units/{town}/deadline-exception", due),
            ($"/api/campaigns/{campaignId}/units/{town}/submission/items/2.1/deadline-exception", due),
        };
        var before = await FingerprintAsync(campaignId);
        foreach (var (url, body) in calls)
        {
            // Twice: a replayed refusal must not add up either.
            for (var attempt = 0; attempt < 2; attempt++)
            {
                var response = body is null ? await county.PostAsync(url, null) : await county.PostJsonAsync(url, body);
                await response.ProblemAsync(HttpStatusCode.NotFound);
                (await FingerprintAsync(campaignId)).ShouldBe(before, url);
            }
        }
    }

    [Fact]
    public async Task CampaignTransitions_CountyAdminOnCityCampaign_Return404AndChangeNothingInAnyState()
    {
        var city = await CityAdminAsync();
        var second = await CityAdminAsync();
        var county = await app.SessionAsync("a-admin");
        // One town in the county admin's scope (A-C1), one outside it (A-C2): the county admin sees the campaign but does not manage it.
        var campaign = await (await city.PostJsonAsync("/api/campaigns", CampaignTests.OpenRequest("市级批次",
            [app.World.Unit("A-C1-T1").Id, app.World.Unit("A-C2-T1").Id], evidenceDue: app.Clock.GetUtcNow().AddDays(3).ToString("o"))))
            .ReadAsync<CampaignResponse>();
        var id = campaign.Id;
        (await county.GetAsync($"/api/campaigns/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        await AllRefusedAsync(county, id, 0);
        (await city.PostAsync($"/api/campaigns/{id}/open", null)).EnsureSuccessStatusCode();
        await AllRefusedAsync(county, id, 0);
        (await city.PostJsonAsync($"/api/campaigns/{id}/start-review", Overrides.GoOn)).EnsureSuccessStatusCode();
        await AllRefusedAsync(county, id, 0);
        (await city.PostJsonAsync($"/api/campaigns/{id}/publication/request", Overrides.GoOn)).EnsureSuccessStatusCode();
        await AllRefusedAsync(county, id, 0);
        (await second.PostJsonAsync($"/api/campaigns/{id}/publication/approve", Overrides.GoOn)).EnsureSuccessStatusCode();
        var liaison = await app.SignInAsync(app.World.TargetUsers["A-C1-T1"].UserName!);
        var appeal = await (await liaison.PostJsonAsync($"/api/campaigns/{id}/units/{app.World.Unit("A-C1-T1").Id}/appeals",
            new FileAppealRequest(null, "漏计稿件"))).ReadAsync<AppealView>();
        await AllRefusedAsync(county, id, appeal.Id);
    }

    [Fact]
    public async Task StartReview_Replayed_RecordsNoSecondMissingReport()
    {
        var city = await CityAdminAsync();
        var campaign = await (await city.PostJsonAsync("/api/campaigns", CampaignTests.OpenRequest("漏报幂等",
            [app.World.Unit("A-C1-T1").Id, app.World.Unit("A-C2-T1").Id], evidenceDue: app.Clock.GetUtcNow().AddDays(3).ToString("o"))))
            .ReadAsync<CampaignResponse>();
        (await city.PostAsync($"/api/campaigns/{campaign.Id}/open", null)).EnsureSuccessStatusCode();
        (await city.PostJsonAsync($"/api/campaigns/{campaign.Id}/start-review", Overrides.GoOn)).EnsureSuccessStatusCode();
        var before = await FingerprintAsync(campaign.Id);

        await (await city.PostJsonAsync($"/api/campaigns/{campaign.Id}/start-review", Overrides.GoOn)).ProblemAsync(HttpStatusCode.Conflict);

        (await FingerprintAsync(campaign.Id)).ShouldBe(before);
        var reports = (await (await city.GetAsync($"/api/campaigns/{campaign.Id}/reports")).ReadAsync<List<ReportView>>());
        reports.Select(r => (r.UnitId, r.Status)).Order().ShouldBe([
            (app.World.Unit("A-C1-T1").Id, ReportStatus.Missing), (app.World.Unit("A-C2-T1").Id, ReportStatus.Missing)]);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class RefusedTransitionTestsOnSqlite(SqliteApp app) : RefusedTransitionTests(app);

[Collection(PostgresCollection.Name)]
public sealed class RefusedTransitionTestsOnPostgres(PostgresApp app) : RefusedTransitionTests(app);
