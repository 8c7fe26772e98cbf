using System.Net;
using System.Text.Json;
using Chengxin.Domain.Campaigns;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Features.Results;
using Chengxin.Server.Features.Reviews;
using Chengxin.Server.Features.SpotChecks;
using Chengxin.Server.Features.Submissions;
using Chengxin.Server.Features.Users;
using Chengxin.Server.Infrastructure;
using Chengxin.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Chengxin.Server.Tests;

/// <summary>
/// Every state transition raced by parallel callers, each on its own client, all released at once: exactly one wins
/// (2xx), every other one gets a 409 ProblemDetails in Chinese, none a 500, and what is stored is one consistent outcome.
/// </summary>
public abstract class ConcurrencyTests(AppFixture app)
{
    private const int Callers = 8;

    private static Dictionary<string, JsonElement> Facts(params (string Key, object Value)[] facts) =>
        facts.ToDictionary(f => f.Key, f => JsonSerializer.SerializeToElement(f.Value, Http.Json));

    /// <summary>
    /// Callers of one user: a machine client each, separate HttpClients sending at the same time. The API token is stored
    /// directly (as TestWorld does), because liaisons and reviewers may not create tokens and a sign-in per caller is slow.
    /// </summary>
    private async Task<List<HttpClient>> CallersAsync(string userName, int count = Callers)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AccessScope>().SetSystemActor("测试");
        var db = scope.ServiceProvider.GetRequiredService<ChengxinDbContext>();
        var user = await db.Users.IgnoreQueryFilters().SingleAsync(u => u.UserName == userName);
        var secret = ApiTokenDefaults.NewToken();
        db.ApiTokens.Add(new ApiToken
        {
            TenantId = user.TenantId, UserId = user.Id, Name = "并发测试", Prefix = "cx_race", TokenHash = ApiTokenDefaults.Hash(secret),
            CreatedAt = app.Clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync();
        return Enumerable.Range(0, count).Select(_ =>
        {
            var client = app.NewClient();
            client.DefaultRequestHeaders.Authorization = new("Bearer", secret);
            return client;
        }).ToList();
    }

    /// <summary>Sends one request per caller, all released together, and returns the answers with their bodies.</summary>
    private static async Task<List<(HttpStatusCode Status, string Body)>> RaceAsync(IReadOnlyList<HttpClient> callers,
        Func<HttpClient, int, Task<HttpResponseMessage>> send)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = callers.Select((client, i) => Task.Run(async () =>
        {
            await gate.Task;
            using var response = await send(client, i);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        })).ToList();
        gate.SetResult();
        return [.. await Task.WhenAll(tasks)];
    }

    /// <summary>No 5xx; every loser is a 409 ProblemDetails whose title and detail are Chinese.</summary>
    private static void NoServerErrorAndChineseConflicts(List<(HttpStatusCode Status, string Body)> answers)
    {
        answers.ShouldAllBe(a => (int)a.Status < 500, string.Join("\n", answers.Select(a => $"{(int)a.Status} {a.Body}")));
        foreach (var (status, body) in answers.Where(a => a.Status == HttpStatusCode.Conflict))
        {
            var problem = JsonDocument.Parse(body).RootElement;
            problem.GetProperty("status").GetInt32().ShouldBe(409);
            problem.GetProperty("title").GetString()!.ShouldNotContain("Exception");
            problem.GetProperty("detail").GetString()!.Any(c => c >= '\u4e00' && c <= '\u9fff').ShouldBeTrue(body);
        }
    }

    private static void ExactlyOneWins(List<(HttpStatusCode Status, string Body)> answers)
    {
        NoServerErrorAndChineseConflicts(answers);
        var summary = string.Join("\n", answers.Select(a => $"{(int)a.Status} {a.Body}"));
        answers.Count(a => (int)a.Status is >= 200 and < 300).ShouldBe(1, summary);
        answers.Count(a => a.Status == HttpStatusCode.Conflict).ShouldBe(answers.Count - 1, summary);
    }

    private async Task<T> StoredAsync<T>(Func<ChengxinDbContext, Task<T>> query)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<ChengxinDbContext>());
    }

    /// <summary>A second office admin beside a-admin (the requester may not approve its own request); returns the user name.</summary>
    private async Task<string> SecondAdminAsync()
    {
        var admin = await app.SessionAsync("a-admin");
        var name = "race-admin-" + Guid.NewGuid().ToString("N")[..6];
        (await admin.PostJsonAsync("/api/users", new CreateUserRequest(name, "并发审批管理员", TestWorld.Password,
            app.World.Unit("A-C1").Id, "office-admin", ScopeKind.Subtree, null))).EnsureSuccessStatusCode();
        return name;
    }

    /// <summary>A new campaign of A-C1-T1 and A-C1-T2 (a-admin's scope), walked by a-admin up to the state asked for.</summary>
    private async Task<long> CampaignAsync(CampaignState state, List<Guid>? reviewers = null, Func<long, Task>? whileOpen = null,
        decimal spotCheckShare = 0.2m)
    {
        var admin = await app.SessionAsync("a-admin");
        var campaign = await (await admin.PostJsonAsync("/api/campaigns", CampaignTests.OpenRequest("并发测试",
            [app.World.Unit("A-C1-T1").Id, app.World.Unit("A-C1-T2").Id], reviewers: reviewers,
            evidenceDue: app.Clock.GetUtcNow().AddDays(3).ToString("o")) with { SpotCheckShare = spotCheckShare })).ReadAsync<CampaignResponse>();
        if (state >= CampaignState.Open)
            (await admin.PostAsync($"/api/campaigns/{campaign.Id}/open", null)).EnsureSuccessStatusCode();
        if (whileOpen is not null)
            await whileOpen(campaign.Id);
        if (state >= CampaignState.Reviewing)
            (await admin.PostJsonAsync($"/api/campaigns/{campaign.Id}/start-review", Overrides.GoOn)).EnsureSuccessStatusCode();
        if (state >= CampaignState.PendingPublication)
            (await admin.PostJsonAsync($"/api/campaigns/{campaign.Id}/publication/request", Overrides.GoOn)).EnsureSuccessStatusCode();
        return campaign.Id;
    }

    private Task<CampaignState> StateAsync(long campaignId) =>
        StoredAsync(db => db.Campaigns.IgnoreQueryFilters().Where(c => c.Id == campaignId).Select(c => c.State).SingleAsync());

    private Task<int> PublishedVersionsAsync(long campaignId) =>
        StoredAsync(db => db.PublishedResults.IgnoreQueryFilters().CountAsync(p => p.CampaignId == campaignId));

    [Fact]
    public async Task OpenCampaign_ParallelCallers_OneOpens_RestGet409()
    {
        var id = await CampaignAsync(CampaignState.Draft);

        var answers = await RaceAsync(await CallersAsync("a-admin"), (c, _) => c.PostAsync($"/api/campaigns/{id}/open", null));

        ExactlyOneWins(answers);
        (await StateAsync(id)).ShouldBe(CampaignState.Open);
    }

    [Fact]
    public async Task StartReview_ParallelCallers_OneStartsIt_AndEachUnitHasOneMissingReport()
    {
        var id = await CampaignAsync(CampaignState.Open);

        var answers = await RaceAsync(await CallersAsync("a-admin"), (c, _) => c.PostJsonAsync($"/api/campaigns/{id}/start-review", Overrides.GoOn));

        ExactlyOneWins(answers);
        (await StateAsync(id)).ShouldBe(CampaignState.Reviewing);
        var missing = await StoredAsync(db => db.ReportRecords.IgnoreQueryFilters()
            .Where(r => r.CampaignId == id && r.Status == ReportStatus.Missing).Select(r => r.UnitId).ToListAsync());
        missing.Order().ShouldBe([app.World.Unit("A-C1-T1").Id, app.World.Unit("A-C1-T2").Id]);
    }

    [Fact]
    public async Task DrawSpotCheck_ParallelCallers_OneDraws_TheStoredSeedIsTheWinnersDraw()
    {
        var id = await CampaignAsync(CampaignState.Reviewing);

        var answers = await RaceAsync(await CallersAsync("a-admin"), (c, _) => c.PostAsync($"/api/campaigns/{id}/spot-check", null));

        ExactlyOneWins(answers);
        var winner = JsonSerializer.Deserialize<CampaignResponse>(answers.Single(a => a.Status == HttpStatusCode.OK).Body, Http.Json)!;
        (await StoredAsync(db => db.Campaigns.IgnoreQueryFilters().Where(c => c.Id == id).Select(c => c.SpotCheckSeed).SingleAsync()))
            .ShouldBe(winner.SpotCheck!.Seed);
    }

    [Fact]
    public async Task RequestPublication_ParallelCallers_OneRequests_RestGet409()
    {
        var id = await CampaignAsync(CampaignState.Reviewing);

        var answers = await RaceAsync(await CallersAsync("a-admin"), (c, _) => c.PostJsonAsync($"/api/campaigns/{id}/publication/request", Overrides.GoOn));

        ExactlyOneWins(answers);
        (await StateAsync(id)).ShouldBe(CampaignState.PendingPublication);
    }

    [Fact]
    public async Task ApprovePublication_ParallelApprovals_PublishOneVersion()
    {
        var id = await CampaignAsync(CampaignState.PendingPublication);

        var answers = await RaceAsync(await CallersAsync(await SecondAdminAsync()), (c, _) => c.PostJsonAsync($"/api/campaigns/{id}/publication/approve", Overrides.GoOn));

        ExactlyOneWins(answers);
        (await StateAsync(id)).ShouldBe(CampaignState.Published);
        (await PublishedVersionsAsync(id)).ShouldBe(1);
    }

    [Fact]
    public async Task ApprovePublication_RacingRejection_OneWins_AndTheStateIsTheWinners()
    {
        var id = await CampaignAsync(CampaignState.PendingPublication);

        var answers = await RaceAsync(await CallersAsync(await SecondAdminAsync()), (c, i) => i % 2 == 0
            ? c.PostJsonAsync($"/api/campaigns/{id}/publication/approve", Overrides.GoOn)
            : c.PostJsonAsync($"/api/campaigns/{id}/publication/reject", new RejectPublicationRequest("口径有误")));

        ExactlyOneWins(answers);
        var approved = answers.Select((a, i) => (a, i)).Single(x => x.a.Status == HttpStatusCode.OK).i % 2 == 0;
        var idText = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var rejections = await StoredAsync(db => db.AuditEvents.IgnoreQueryFilters()
            .CountAsync(e => e.EntityType == "campaign" && e.EntityId == idText && e.Action == ManageResults.RejectedAction));
        (await StateAsync(id)).ShouldBe(approved ? CampaignState.Published : CampaignState.Reviewing);
        (await PublishedVersionsAsync(id)).ShouldBe(approved ? 1 : 0);
        rejections.ShouldBe(approved ? 0 : 1);
    }

    [Fact]
    public async Task DecideAppeal_UpholdRacingReject_OneDecides_AndTheCampaignMatchesTheDecision()
    {
        var id = await CampaignAsync(CampaignState.PendingPublication);
        (await (await app.SignInAsync(await SecondAdminAsync())).PostJsonAsync($"/api/campaigns/{id}/publication/approve", Overrides.GoOn)).EnsureSuccessStatusCode();
        var unit = app.World.Unit("A-C1-T1").Id;
        var appeal = await (await (await app.SessionAsync("a-liaison")).PostJsonAsync($"/api/campaigns/{id}/units/{unit}/appeals",
            new FileAppealRequest(null, "漏计稿件"))).ReadAsync<AppealView>();

        var answers = await RaceAsync(await CallersAsync("a-admin"), (c, i) =>
            c.PostJsonAsync($"/api/campaigns/{id}/appeals/{appeal.Id}/{(i % 2 == 0 ? "uphold" : "reject")}", new DecideAppealRequest("经核实")));

        ExactlyOneWins(answers);
        var upheld = answers.Select((a, i) => (a, i)).Single(x => x.a.Status == HttpStatusCode.OK).i % 2 == 0;
        (await StoredAsync(db => db.Appeals.IgnoreQueryFilters().Where(a => a.Id == appeal.Id).Select(a => a.State).SingleAsync()))
            .ShouldBe(upheld ? AppealState.Upheld : AppealState.Rejected);
        (await StateAsync(id)).ShouldBe(upheld ? CampaignState.Reviewing : CampaignState.Published);
    }

    [Fact]
    public async Task ReviewItem_ParallelFirstVerdicts_OneIsRecorded_RestGet409()
    {
        var unit = app.World.Unit("A-C1-T1").Id;
        var liaison = await app.SessionAsync("a-liaison");
        var id = await CampaignAsync(CampaignState.Reviewing, [app.World.Users["a-reviewer"].Id], async campaignId =>
        {
            var url = $"/api/campaigns/{campaignId}/units/{unit}/submission";
            (await liaison.PutJsonAsync($"{url}/items/1.1", new SaveItemRequest(Facts(("work_rules", true)), null))).EnsureSuccessStatusCode();
            (await liaison.PostAsync($"{url}/submit", null)).EnsureSuccessStatusCode();
        });

        var answers = await RaceAsync(await CallersAsync("a-reviewer"), (c, _) =>
            c.PostJsonAsync($"/api/campaigns/{id}/units/{unit}/submission/items/1.1/review", new ReviewItemRequest("confirm", 0, null, null, null)));

        ExactlyOneWins(answers);
        (await StoredAsync(db => db.ItemReviews.IgnoreQueryFilters().Where(r => r.UnitId == unit && r.ItemId == "1.1")
            .Join(db.Submissions.IgnoreQueryFilters().Where(s => s.CampaignId == id), r => r.SubmissionId, s => s.Id, (r, _) => r.Version).ToListAsync()))
            .ShouldBe([1L]);
    }

    [Fact]
    public async Task ConfirmItems_ParallelBatchesOnTheSameItems_OneIsRecorded_RestGet409()
    {
        var unit = app.World.Unit("A-C1-T1").Id;
        var liaison = await app.SessionAsync("a-liaison");
        var id = await CampaignAsync(CampaignState.Reviewing, [app.World.Users["a-reviewer"].Id], async campaignId =>
        {
            var url = $"/api/campaigns/{campaignId}/units/{unit}/submission";
            (await liaison.PutJsonAsync($"{url}/items/1.1", new SaveItemRequest(Facts(("work_rules", true)), null))).EnsureSuccessStatusCode();
            (await liaison.PostAsync($"{url}/submit", null)).EnsureSuccessStatusCode();
        });

        var answers = await RaceAsync(await CallersAsync("a-reviewer"), (c, _) => c.PostJsonAsync($"/api/campaigns/{id}/reviews/confirm",
            new ConfirmItemsRequest([new ConfirmItemEntry(unit, "1.1", 0), new ConfirmItemEntry(unit, "2.1", 0)])));

        ExactlyOneWins(answers);
        (await StoredAsync(db => db.ItemReviews.IgnoreQueryFilters().Where(r => r.UnitId == unit)
            .Join(db.Submissions.IgnoreQueryFilters().Where(s => s.CampaignId == id), r => r.SubmissionId, s => s.Id, (r, _) => r.Version).ToListAsync()))
            .ShouldBe([1L, 1L]);
    }

    [Fact]
    public async Task SaveItem_ParallelFirstWritesOfAUnitWithoutSubmission_NoneFails_OneSubmissionIsCreated()
    {
        var id = await CampaignAsync(CampaignState.Open);
        var unit = app.World.Unit("A-C1-T1").Id;

        var answers = await RaceAsync(await CallersAsync("a-liaison"), (c, i) =>
            c.PutJsonAsync($"/api/campaigns/{id}/units/{unit}/submission/items/1.1", new SaveItemRequest(Facts(("work_rules", i % 2 == 0)), $"第{i}次")));

        // Create-or-update may let every caller through in turn, or refuse the ones that lost the race: never a 500.
        NoServerErrorAndChineseConflicts(answers);
        answers.ShouldAllBe(a => a.Status == HttpStatusCode.OK || a.Status == HttpStatusCode.Conflict);
        answers.ShouldContain(a => a.Status == HttpStatusCode.OK);
        (await StoredAsync(db => db.Submissions.IgnoreQueryFilters().CountAsync(s => s.CampaignId == id && s.UnitId == unit))).ShouldBe(1);
        (await StoredAsync(db => db.SubmissionItems.IgnoreQueryFilters().CountAsync(i => i.UnitId == unit && i.ItemId == "1.1"
            && db.Submissions.IgnoreQueryFilters().Any(s => s.Id == i.SubmissionId && s.CampaignId == id)))).ShouldBe(1);
    }

    [Fact]
    public async Task Submit_ParallelCallers_OneSubmits_AndOneReportIsRecorded()
    {
        var unit = app.World.Unit("A-C1-T1").Id;
        var liaison = await app.SessionAsync("a-liaison");
        var id = await CampaignAsync(CampaignState.Open);
        var url = $"/api/campaigns/{id}/units/{unit}/submission";
        (await liaison.PutJsonAsync($"{url}/items/1.1", new SaveItemRequest(Facts(("work_rules", true)), null))).EnsureSuccessStatusCode();

        var answers = await RaceAsync(await CallersAsync("a-liaison"), (c, _) => c.PostAsync($"{url}/submit", null));

        ExactlyOneWins(answers);
        (await StoredAsync(db => db.ReportRecords.IgnoreQueryFilters().CountAsync(r => r.CampaignId == id && r.UnitId == unit))).ShouldBe(1);
    }

    [Fact]
    public async Task Submit_RacingStartReview_TheUnitEndsEitherSubmittedOrMissing_NeverBoth()
    {
        var unit = app.World.Unit("A-C1-T1").Id;
        var liaison = await app.SessionAsync("a-liaison");
        var id = await CampaignAsync(CampaignState.Open);
        var url = $"/api/campaigns/{id}/units/{unit}/submission";
        (await liaison.PutJsonAsync($"{url}/items/1.1", new SaveItemRequest(Facts(("work_rules", true)), null))).EnsureSuccessStatusCode();
        var callers = (await CallersAsync("a-liaison", Callers / 2)).Concat(await CallersAsync("a-admin", Callers / 2)).ToList();

        var answers = await RaceAsync(callers, (c, i) => i < Callers / 2 ? c.PostAsync($"{url}/submit", null)
            : c.PostJsonAsync($"/api/campaigns/{id}/start-review", Overrides.GoOn));

        NoServerErrorAndChineseConflicts(answers);
        answers.Skip(Callers / 2).Count(a => a.Status == HttpStatusCode.OK).ShouldBe(1);
        var submitted = answers.Take(Callers / 2).Count(a => a.Status == HttpStatusCode.OK);
        submitted.ShouldBeLessThanOrEqualTo(1);
        var reports = await StoredAsync(db => db.ReportRecords.IgnoreQueryFilters().Where(r => r.CampaignId == id && r.UnitId == unit)
            .Select(r => r.Status).ToListAsync());
        reports.ShouldBe(submitted == 1 ? [ReportStatus.OnTime] : [ReportStatus.Missing]);
    }

    [Fact]
    public async Task OpenSpotCheck_ParallelCallers_OneOpens_RestGet409()
    {
        var unit = app.World.Unit("A-C1-T1").Id;
        var id = await CampaignAsync(CampaignState.Reviewing, spotCheckShare: 1m);
        (await (await app.SessionAsync("a-admin")).PostAsync($"/api/campaigns/{id}/spot-check", null)).EnsureSuccessStatusCode();

        var answers = await RaceAsync(await CallersAsync("a-admin"), (c, _) => c.PostAsync($"/api/campaigns/{id}/units/{unit}/spot-check/open", null));

        ExactlyOneWins(answers);
        (await StoredAsync(db => db.SpotChecks.IgnoreQueryFilters().CountAsync(s => s.CampaignId == id && s.UnitId == unit))).ShouldBe(1);
    }

    [Fact]
    public async Task CompleteSpotCheck_ParallelCallers_OneCompletes_RestGet409()
    {
        var unit = app.World.Unit("A-C1-T1").Id;
        var id = await CampaignAsync(CampaignState.Reviewing, spotCheckShare: 1m);
        var admin = await app.SessionAsync("a-admin");
        (await admin.PostAsync($"/api/campaigns/{id}/spot-check", null)).EnsureSuccessStatusCode();
        var url = $"/api/campaigns/{id}/units/{unit}/spot-check";
        (await admin.PostAsync($"{url}/open", null)).EnsureSuccessStatusCode();

        var answers = await RaceAsync(await CallersAsync("a-admin"), (c, i) => c.PostJsonAsync($"{url}/complete", new CompleteSpotCheckRequest($"结论{i}")));

        ExactlyOneWins(answers);
        var winner = answers.Select((a, i) => (a, i)).Single(x => x.a.Status == HttpStatusCode.OK).i;
        (await StoredAsync(db => db.SpotChecks.IgnoreQueryFilters().Where(s => s.CampaignId == id && s.UnitId == unit).Select(s => s.Summary).SingleAsync()))
            .ShouldBe($"结论{winner}");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ConcurrencyTestsOnSqlite(SqliteApp app) : ConcurrencyTests(app);

[Collection(PostgresCollection.Name)]
public sealed class ConcurrencyTestsOnPostgres(PostgresApp app) : ConcurrencyTests(app);
