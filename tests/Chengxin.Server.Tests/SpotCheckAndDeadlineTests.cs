using System.Globalization;
using System.Net;
using Chengxin.Domain.Campaigns;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Features.Submissions;
using Chengxin.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Chengxin.Server.Tests;

/// <summary>The spot-check draw with its recorded seed, and per-unit deadline exceptions granted by the office.</summary>
public abstract class SpotCheckAndDeadlineTests(AppFixture app)
{
    private async Task<CampaignResponse> OpenAsync(DateTimeOffset due)
    {
        var admin = await app.SessionAsync("a-admin");
        var campaign = await (await admin.PostJsonAsync("/api/campaigns", CampaignTests.OpenRequest("抽查与延期",
            [app.World.Unit("A-C1-T1").Id, app.World.Unit("A-C1-T2").Id], evidenceDue: due.ToString("o", CultureInfo.InvariantCulture)))).ReadAsync<CampaignResponse>();
        return await (await admin.PostAsync($"/api/campaigns/{campaign.Id}/open", null)).ReadAsync<CampaignResponse>();
    }

    [Fact]
    public async Task SpotCheck_DrawsTheShareOnce_DuringReview_WithASeedThatReproducesTheDraw()
    {
        var campaign = await OpenAsync(app.Clock.GetUtcNow().AddDays(1));
        var admin = await app.SessionAsync("a-admin");
        (await (await admin.PostAsync($"/api/campaigns/{campaign.Id}/spot-check", null)).ProblemAsync(HttpStatusCode.Conflict))
            .GetProperty("detail").GetString()!.ShouldContain("复核中");
        (await admin.PostJsonAsync($"/api/campaigns/{campaign.Id}/start-review", Overrides.GoOn)).EnsureSuccessStatusCode();

        var drawn = (await (await admin.PostAsync($"/api/campaigns/{campaign.Id}/spot-check", null)).ReadAsync<CampaignResponse>()).SpotCheck!;

        // Share 0.2 of two units: ceil(0.4) = 1 unit, the one the recorded seed picks.
        drawn.Share.ShouldBe(0.2m);
        drawn.DrawnCount.ShouldBe(1);
        var again = SpotCheck.Draw(campaign.Units.Select(u => u.UnitId.ToString(CultureInfo.InvariantCulture)), 0.2m, ulong.Parse(drawn.Seed, CultureInfo.InvariantCulture));
        drawn.UnitIds.Select(i => i.ToString(CultureInfo.InvariantCulture)).ShouldBe(again);
        (await (await admin.PostAsync($"/api/campaigns/{campaign.Id}/spot-check", null)).ProblemAsync(HttpStatusCode.Conflict))
            .GetProperty("detail").GetString().ShouldBe("本批次已经抽取过抽查单位，不能重新抽取。");

        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChengxinDbContext>();
        (await db.AuditEvents.IgnoreQueryFilters().Where(e => e.EntityType == "campaign" && e.EntityId == campaign.Id.ToString() && e.Action == "campaign.updated")
            .AnyAsync(e => e.After!.Contains(drawn.Seed))).ShouldBeTrue();
    }

    [Fact]
    public async Task DeadlineException_MakesASubmissionAfterTheCampaignDeadlineOnTime_AndIsRecorded()
    {
        var now = app.Clock.GetUtcNow();
        var campaign = await OpenAsync(now.AddDays(-1));
        var admin = await app.SessionAsync("a-admin");
        var t1 = $"/api/campaigns/{campaign.Id}/units/{app.World.Unit("A-C1-T1").Id}";

        (await (await admin.PostJsonAsync($"{t1}/deadline-exception", new DeadlineExceptionRequest(now.AddHours(1).ToString("o"), " ")))
            .ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("reason")[0].GetString().ShouldBe("调整原因不能为空。");
        var granted = await (await admin.PostJsonAsync($"{t1}/deadline-exception", new DeadlineExceptionRequest(now.AddHours(1).ToString("o"), "汛期抢险，经批准延期")))
            .ReadAsync<SubmissionResponse>();
        granted.Due.ShouldBe(now.AddHours(1));
        granted.DueExceptionReason.ShouldBe("汛期抢险，经批准延期");

        var liaison = await app.SessionAsync("a-liaison");
        // An empty report is not taken: each unit answers one item first.
        (await liaison.PutJsonAsync($"{t1}/submission/items/1.1", new SaveItemRequest(null, "本期无法提供"))).EnsureSuccessStatusCode();
        (await admin.PutJsonAsync($"/api/campaigns/{campaign.Id}/units/{app.World.Unit("A-C1-T2").Id}/submission/items/1.1", new SaveItemRequest(null, "本期无法提供")))
            .EnsureSuccessStatusCode();
        var submitted = await (await liaison.PostAsync($"{t1}/submission/submit", null)).ReadAsync<SubmissionResponse>();
        submitted.IsLate.ShouldBeFalse();
        // The other unit had no exception: late by the day it missed.
        var other = await (await admin.PostAsync($"/api/campaigns/{campaign.Id}/units/{app.World.Unit("A-C1-T2").Id}/submission/submit", null))
            .ReadAsync<SubmissionResponse>();
        other.IsLate.ShouldBeTrue();
        other.LateBySeconds.ShouldBe(86400);

        (await (await admin.PostJsonAsync($"{t1}/deadline-exception", new DeadlineExceptionRequest(now.AddDays(2).ToString("o"), "再延期")))
            .ProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString()!.ShouldContain("不能调整截止时间");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SpotCheckAndDeadlineTestsOnSqlite(SqliteApp app) : SpotCheckAndDeadlineTests(app);

[Collection(PostgresCollection.Name)]
public sealed class SpotCheckAndDeadlineTestsOnPostgres(PostgresApp app) : SpotCheckAndDeadlineTests(app);
