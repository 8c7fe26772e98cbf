using System.Globalization;
using System.Net;
using System.Text.Json;
using Chengxin.Domain.Campaigns;
using Chengxin.Domain.Scoring;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Features.Submissions;
using Chengxin.Server.Tests.Infrastructure;

namespace Chengxin.Server.Tests;

/// <summary>A unit's facts saved item by item, the engine's self-score, and submission against the server's clock.</summary>
public abstract class SubmissionTests(AppFixture app)
{
    private static string Url(long campaignId, long unitId) => $"/api/campaigns/{campaignId}/units/{unitId}/submission";

    private static SaveItemRequest Item(string? explanation = null, params (string Key, object? Value)[] facts) =>
        new(facts.ToDictionary(f => f.Key, f => JsonSerializer.SerializeToElement(f.Value, Http.Json)), explanation);

    /// <summary>An open campaign on seed 004 towns with A-C1-T1 and A-C1-T2, evidence due at the given instant.</summary>
    private async Task<CampaignResponse> OpenCampaignAsync(DateTimeOffset? due = null, bool open = true)
    {
        var admin = await app.SessionAsync("a-admin");
        var evidenceDue = (due ?? app.Clock.GetUtcNow().AddDays(10)).ToString("o", CultureInfo.InvariantCulture);
        var created = await admin.PostJsonAsync("/api/campaigns", CampaignTests.OpenRequest("报送测试",
            [app.World.Unit("A-C1-T1").Id, app.World.Unit("A-C1-T2").Id], evidenceDue: evidenceDue));
        var campaign = await created.ReadAsync<CampaignResponse>();
        if (open)
            campaign = await (await admin.PostAsync($"/api/campaigns/{campaign.Id}/open", null)).ReadAsync<CampaignResponse>();
        return campaign;
    }

    [Fact]
    public async Task SaveItems_SelfScoreComesFromTheEngine_WithExplanationAndProvenance()
    {
        var campaign = await OpenCampaignAsync();
        var liaison = await app.SessionAsync("a-liaison");
        var url = Url(campaign.Id, app.World.Unit("A-C1-T1").Id);

        // 1.1: five of the six organisation parts → 5 − 1 = 4; 2.1: seven reports on time → 7 × 1 = 7.
        (await liaison.PutJsonAsync($"{url}/items/1.1", Item(null, ("leader_assigned", true), ("lead_office_assigned", true),
            ("liaison_assigned", true), ("dedicated_computer", true), ("dedicated_printer", false), ("work_rules", true)))).EnsureSuccessStatusCode();
        // 2.1's fact is supplied by 县信用办, not the unit (a liaison is refused it, see CollectionTests): the office enters it on the unit's behalf.
        var office = await app.SessionAsync("a-admin");
        var saved = await (await office.PutJsonAsync($"{url}/items/2.1", Item(null, ("reports_on_time", 7)))).ReadAsync<SubmissionResponse>();

        saved.State.ShouldBe(SubmissionState.Draft);
        var organisation = saved.Items.Single(i => i.ItemId == "1.1");
        organisation.Score.ShouldBe(4m);
        organisation.Status.ShouldBe(ItemStatus.Scored);
        organisation.ScoreExplanation.ShouldContain("4");
        organisation.FactsVersion.ShouldBe(1);
        var printer = organisation.Facts.Single(f => f.Key == "dedicated_printer");
        printer.Value!.Value.GetBoolean().ShouldBeFalse();
        printer.EnteredRole.ShouldBe("liaison");
        printer.EnteredBy!.ShouldContain("a-liaison");
        saved.Items.Single(i => i.ItemId == "2.1").Score.ShouldBe(7m);
        // Nothing else is answered yet; 3.1 (信用良好, 5) is the platform's own fact — no confirmed list hit — and counts in the
        // self-score too: 4 + 7 + 5 = 16, no bonus, 不合格 (< 60).
        saved.SelfScore.Total.ShouldBe(16m);
        saved.SelfScore.Grade.ShouldBe("不合格");
        saved.SelfScore.Explanation.ShouldContain("总分 16");

        // The same values again change nothing; a changed value makes a new facts version of the item.
        var same = await (await office.PutJsonAsync($"{url}/items/2.1", Item(null, ("reports_on_time", 7)))).ReadAsync<SubmissionResponse>();
        same.Items.Single(i => i.ItemId == "2.1").FactsVersion.ShouldBe(1);
        var changed = await (await office.PutJsonAsync($"{url}/items/2.1", Item(null, ("reports_on_time", 9)))).ReadAsync<SubmissionResponse>();
        changed.Items.Single(i => i.ItemId == "2.1").FactsVersion.ShouldBe(2);
        changed.SelfScore.Total.ShouldBe(18m);
    }

    [Fact]
    public async Task SaveItem_ExplanationWithoutFacts_IsKept()
    {
        var campaign = await OpenCampaignAsync();
        var liaison = await app.SessionAsync("a-liaison");
        var saved = await (await liaison.PutJsonAsync($"{Url(campaign.Id, app.World.Unit("A-C1-T1").Id)}/items/2.5",
            Item("本季度尚未开展企业信用分级分类工作"))).ReadAsync<SubmissionResponse>();
        var item = saved.Items.Single(i => i.ItemId == "2.5");
        item.Explanation.ShouldBe("本季度尚未开展企业信用分级分类工作");
        item.Score.ShouldBe(0m);
    }

    [Fact]
    public async Task SaveItem_WrongTypeOrUnknownFact_Returns400NamingTheFact()
    {
        var campaign = await OpenCampaignAsync();
        var liaison = await app.SessionAsync("a-liaison");
        var url = Url(campaign.Id, app.World.Unit("A-C1-T1").Id);

        var office = await app.SessionAsync("a-admin");
        var wrongType = await (await office.PutJsonAsync($"{url}/items/2.1", Item(null, ("reports_on_time", "七")))).ProblemAsync(HttpStatusCode.BadRequest);
        var message = wrongType.GetProperty("errors").GetProperty("facts")[0].GetString()!;
        // Named in the scheme's words, never by its key.
        message.ShouldContain("「按时向县信用办报送的工作总结、工作简报、宣传稿件篇数」");
        message.ShouldNotContain("reports_on_time");
        message.ShouldContain("整数");

        var negative = await (await office.PutJsonAsync($"{url}/items/2.1", Item(null, ("reports_on_time", -1)))).ProblemAsync(HttpStatusCode.BadRequest);
        negative.GetProperty("errors").GetProperty("facts")[0].GetString()!.ShouldContain("不小于 0");

        var unknown = await (await liaison.PutJsonAsync($"{url}/items/2.1", Item(null, ("work_rules", true)))).ProblemAsync(HttpStatusCode.BadRequest);
        unknown.GetProperty("errors").GetProperty("facts.work_rules")[0].GetString()!.ShouldContain("按时向县信用办报送的工作总结");

        await (await liaison.PutJsonAsync($"{url}/items/9.9", Item())).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData(-1, false, 0)]
    [InlineData(0, false, 0)]
    [InlineData(1, true, 1)]
    public async Task Submit_AtTheDeadline_OneSecondBeforeAndAfter(int secondsAfterDue, bool late, long lateBy)
    {
        // The clock is shared by the whole collection, so the deadline is placed around "now" rather than the clock moved.
        var now = app.Clock.GetUtcNow();
        var campaign = await OpenCampaignAsync(due: now.AddSeconds(-secondsAfterDue));
        var liaison = await app.SessionAsync("a-liaison");
        (await liaison.PutJsonAsync($"{Url(campaign.Id, app.World.Unit("A-C1-T1").Id)}/items/1.1", Item("本期无法提供"))).EnsureSuccessStatusCode();

        var submitted = await (await liaison.PostAsync($"{Url(campaign.Id, app.World.Unit("A-C1-T1").Id)}/submit", null)).ReadAsync<SubmissionResponse>();

        submitted.State.ShouldBe(SubmissionState.Submitted);
        submitted.SubmittedAt.ShouldBe(now);
        submitted.IsLate.ShouldBe(late);
        submitted.LateBySeconds.ShouldBe(lateBy);
        submitted.Round.ShouldBe(1);
    }

    [Fact]
    public async Task Submit_LongAfterTheDeadline_IsAcceptedAndRecordedAsLateToTheSecond()
    {
        var now = app.Clock.GetUtcNow();
        var campaign = await OpenCampaignAsync(due: now.AddDays(-2).AddSeconds(-5));
        var admin = await app.SessionAsync("a-admin");
        (await admin.PutJsonAsync($"{Url(campaign.Id, app.World.Unit("A-C1-T2").Id)}/items/1.1", Item("本期无法提供"))).EnsureSuccessStatusCode();
        var submitted = await (await admin.PostAsync($"{Url(campaign.Id, app.World.Unit("A-C1-T2").Id)}/submit", null)).ReadAsync<SubmissionResponse>();
        submitted.IsLate.ShouldBeTrue();
        submitted.LateBySeconds.ShouldBe(2 * 86400 + 5);
    }

    [Fact]
    public async Task AfterSubmission_TheSubmissionCannotBeChangedOrSubmittedAgain()
    {
        var campaign = await OpenCampaignAsync();
        var liaison = await app.SessionAsync("a-liaison");
        var url = Url(campaign.Id, app.World.Unit("A-C1-T1").Id);
        (await liaison.PutJsonAsync($"{url}/items/1.1", Item("本期无法提供"))).EnsureSuccessStatusCode();
        (await liaison.PostAsync($"{url}/submit", null)).EnsureSuccessStatusCode();

        (await (await liaison.PostAsync($"{url}/submit", null)).ProblemAsync(HttpStatusCode.Conflict))
            .GetProperty("detail").GetString()!.ShouldContain("已提交");
        await (await liaison.PutJsonAsync($"{url}/items/1.1", Item(null, ("work_rules", true)))).ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task DraftCampaign_TakesNoAnswersYet()
    {
        var campaign = await OpenCampaignAsync(open: false);
        var liaison = await app.SessionAsync("a-liaison");
        (await (await liaison.PutJsonAsync($"{Url(campaign.Id, app.World.Unit("A-C1-T1").Id)}/items/1.1", Item(null, ("work_rules", true))))
            .ProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString()!.ShouldContain("草稿");
    }

    [Fact]
    public async Task Liaison_ReadingAnotherUnitsSubmissionOrScore_Gets404()
    {
        var campaign = await OpenCampaignAsync();
        var admin = await app.SessionAsync("a-admin");
        var other = Url(campaign.Id, app.World.Unit("A-C1-T2").Id);
        (await admin.PutJsonAsync($"{other}/items/2.1", Item(null, ("reports_on_time", 5)))).EnsureSuccessStatusCode();

        var liaison = await app.SessionAsync("a-liaison");
        await (await liaison.GetAsync(other)).ProblemAsync(HttpStatusCode.NotFound);
        await (await liaison.PutJsonAsync($"{other}/items/2.1", Item(null, ("reports_on_time", 1)))).ProblemAsync(HttpStatusCode.NotFound);
        await (await liaison.PostAsync($"{other}/submit", null)).ProblemAsync(HttpStatusCode.NotFound);
        // Its own unit in the same campaign is readable, and the other unit's score is nowhere in it: only 3.1's 5 points,
        // which the platform counts for every unit with no confirmed list hit.
        var own = await (await liaison.GetAsync(Url(campaign.Id, app.World.Unit("A-C1-T1").Id))).ReadAsync<SubmissionResponse>();
        own.SelfScore.Total.ShouldBe(5m);
    }

    [Fact]
    public async Task UnitNotInTheCampaign_Gets404()
    {
        var campaign = await OpenCampaignAsync();
        var admin = await app.SessionAsync("a-admin");
        await (await admin.GetAsync(Url(campaign.Id, app.World.Unit("A-C1").Id))).ProblemAsync(HttpStatusCode.NotFound);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SubmissionTestsOnSqlite(SqliteApp app) : SubmissionTests(app);

[Collection(PostgresCollection.Name)]
public sealed class SubmissionTestsOnPostgres(PostgresApp app) : SubmissionTests(app);
