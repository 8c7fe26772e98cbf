using System.Globalization;
using System.Net;
using Chengxin.Domain.Campaigns;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Features.Letters;
using Chengxin.Server.Features.Submissions;
using Chengxin.Server.Features.Units;
using Chengxin.Server.Infrastructure;
using Chengxin.Server.Tests.Infrastructure;
using Chengxin.Server.Tests.Walkthroughs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Chengxin.Server.Tests.Scale;

/// <summary>
/// A liaison's own report answered 304 when nothing it shows has changed (issue 19, B5: 85 % of deadline day's reads). Each source
/// the report shows is changed behind the liaison's back, through the endpoint that changes it, and the liaison's next conditional
/// read must be answered in full; an unchanged report is answered 304 from the context statement alone; a validator never answers
/// another caller's or another unit's read; a deadline passing changes it.
/// </summary>
public abstract class ReportETagTests(AppFixture app)
{
    private static string Iso(DateTimeOffset at) => at.ToString("o", CultureInfo.InvariantCulture);

    /// <summary>Two towns on seed 004 with their liaisons, the campaign open (evidence due in five days), the town's first item answered.</summary>
    private async Task<(Walk Walk, Member Town, Member Neighbour)> OpenAsync(TimeSpan? due = null)
    {
        var walk = await Walk.StartAsync(app, TestWorld.SchemeId);
        var town = await walk.UnitAsync("版本镇", "Town", "乡镇");
        var neighbour = await walk.UnitAsync("版本邻镇", "Town", "乡镇");
        await walk.OpenAsync("报送版本测试", "2022Q1", [town, neighbour], walk.Now.Add(due ?? TimeSpan.FromDays(5)), [walk.ReviewerId]);
        await walk.SaveAsync(town, [("liaison_assigned", true)]);
        return (walk, town, neighbour);
    }

    private static async Task<HttpResponseMessage> ReadAsync(HttpClient client, string url, string? etag = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (etag is not null)
            request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        return await client.SendAsync(request);
    }

    private static string ETagOf(HttpResponseMessage response) => response.Headers.ETag.ShouldNotBeNull().ToString();

    [Fact]
    public async Task GetSubmission_Unchanged_Answers304WithItsValidatorAndNoBody()
    {
        var (walk, town, _) = await OpenAsync();
        await using var _w = walk;
        var first = await ReadAsync(town.Liaison, walk.SubmissionUrl(town.Id));
        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        first.Headers.CacheControl.ShouldNotBeNull().Private.ShouldBeTrue();
        first.Headers.CacheControl!.NoCache.ShouldBeTrue();

        var again = await ReadAsync(town.Liaison, walk.SubmissionUrl(town.Id), ETagOf(first));

        again.StatusCode.ShouldBe(HttpStatusCode.NotModified);
        ETagOf(again).ShouldBe(ETagOf(first));
        (await again.Content.ReadAsByteArrayAsync()).ShouldBeEmpty();
        // A browser's list of validators, one of them current, is answered 304 too.
        (await ReadAsync(town.Liaison, walk.SubmissionUrl(town.Id), $"W/\"old\", {ETagOf(first)}")).StatusCode.ShouldBe(HttpStatusCode.NotModified);
    }

    [Fact]
    public async Task GetSubmission_NotModified_ReadsOnlyTheContextStatement()
    {
        var (walk, town, _) = await OpenAsync();
        await using var _w = walk;
        var etag = ETagOf(await ReadAsync(town.Liaison, walk.SubmissionUrl(town.Id)));

        using var recorded = new ExecutedStatements();
        (await ReadAsync(town.Liaison, walk.SubmissionUrl(town.Id), etag)).StatusCode.ShouldBe(HttpStatusCode.NotModified);

        // The handler's statements (the liaison's scope set): the member, unit, campaign, submission and report version in one;
        // none of the view's (items, evidence, facts, the platform's counts, the attachments).
        var liaisonOfTown = recorded.Of(s => s.RoleWhenRun == Roles.Liaison && s.UnitIdWhenRun == town.Id);
        var statements = string.Join("\n\n", liaisonOfTown);
        liaisonOfTown.Count.ShouldBe(1, statements);
        liaisonOfTown.Single().ShouldContain("\"ReportStamps\"", Case.Sensitive);
        liaisonOfTown.ShouldNotContain(s => s.Contains("FROM \"SubmissionFacts\"", StringComparison.Ordinal), statements);
    }

    [Fact]
    public async Task GetSubmission_AnotherCallersValidator_IsAnsweredInFull()
    {
        var (walk, town, _) = await OpenAsync();
        await using var _w = walk;
        var liaisons = ETagOf(await ReadAsync(town.Liaison, walk.SubmissionUrl(town.Id)));

        // The office reads the same report, unchanged, with the liaison's validator: its own view, in full.
        var office = await ReadAsync(walk.Admin, walk.SubmissionUrl(town.Id), liaisons);

        office.StatusCode.ShouldBe(HttpStatusCode.OK);
        ETagOf(office).ShouldNotBe(liaisons);
        (await ReadAsync(walk.Admin, walk.SubmissionUrl(town.Id), ETagOf(office))).StatusCode.ShouldBe(HttpStatusCode.NotModified);
    }

    [Fact]
    public async Task GetSubmission_AnotherUnitsValidator_IsAnsweredInFull()
    {
        var (walk, town, neighbour) = await OpenAsync();
        await using var _w = walk;
        var neighbours = ETagOf(await ReadAsync(walk.Admin, walk.SubmissionUrl(neighbour.Id)));

        var read = await ReadAsync(walk.Admin, walk.SubmissionUrl(town.Id), neighbours);

        read.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await read.ReadAsync<SubmissionResponse>()).UnitId.ShouldBe(town.Id);
        // The neighbour's own report, never changed, has no submission yet: its validator still differs from a fresh one's of the town.
        ETagOf(read).ShouldNotBe(neighbours);
    }

    [Fact]
    public async Task GetSubmission_DeadlinePassesBetweenTwoReads_IsAnsweredInFull()
    {
        // Due in two hours (a session lasts eight).
        var (walk, town, _) = await OpenAsync(TimeSpan.FromHours(2));
        await using var _w = walk;
        var before = ETagOf(await ReadAsync(town.Liaison, walk.SubmissionUrl(town.Id)));
        walk.Advance(TimeSpan.FromHours(2) - TimeSpan.FromSeconds(1));
        (await ReadAsync(town.Liaison, walk.SubmissionUrl(town.Id), before)).StatusCode.ShouldBe(HttpStatusCode.NotModified);

        walk.Advance(TimeSpan.FromSeconds(2));

        var after = await ReadAsync(town.Liaison, walk.SubmissionUrl(town.Id), before);
        after.StatusCode.ShouldBe(HttpStatusCode.OK);
        ETagOf(after).ShouldNotBe(before);
    }

    [Fact]
    public async Task SaveItem_OneUnitsReport_MovesItsVersionInOneStatement()
    {
        var (walk, town, neighbour) = await OpenAsync();
        await using var _w = walk;
        var before = await VersionsAsync(town.Id, neighbour.Id);

        using var recorded = new ExecutedStatements();
        await walk.SaveAsync(town, [("liaison_assigned", false)]);

        var moves = recorded.Of(s => s.RoleWhenRun == Roles.Liaison && s.UnitIdWhenRun == town.Id)
            .Where(s => s.Contains("INSERT INTO \"ReportStamps\"", StringComparison.Ordinal)).ToList();
        moves.Single().ReplaceLineEndings("\n").Trim().ShouldBe("""
            INSERT INTO "ReportStamps" ("UnitId", "TenantId", "Version") SELECT "Id", "TenantId", 1 FROM "Units" WHERE "Id" = @p0
            ON CONFLICT ("UnitId") DO UPDATE SET "Version" = "ReportStamps"."Version" + 1
            """);
        (await VersionsAsync(town.Id, neighbour.Id)).ShouldBe((before.Town + 1, before.Neighbour));
    }

    [Fact]
    public async Task ReportVersion_OfOneUnit_IsReadByItsPrimaryKey()
    {
        await using var services = app.Factory.Services.CreateAsyncScope();
        var db = QueryPlans.ScopedTo(app, services, "a-admin");
        var unitId = app.World.Unit("A-C1-T1").Id;

        var plan = await QueryPlans.PlanAsync(db, db.ReportStamps.Where(r => r.UnitId == unitId), QueryPlans.ProvinceOfUnits(app));

        // SQLite keeps an INTEGER PRIMARY KEY as the table's rowid.
        plan.ShouldContain(app.Provider == "SQLite" ? "USING INTEGER PRIMARY KEY" : "PK_ReportStamps");
    }

    private async Task<(long Town, long Neighbour)> VersionsAsync(long town, long neighbour)
    {
        await using var services = app.Factory.Services.CreateAsyncScope();
        var db = services.ServiceProvider.GetRequiredService<ChengxinDbContext>();
        var versions = await db.ReportStamps.IgnoreQueryFilters().Where(r => r.UnitId == town || r.UnitId == neighbour)
            .ToDictionaryAsync(r => r.UnitId, r => r.Version);
        return (versions.GetValueOrDefault(town), versions.GetValueOrDefault(neighbour));
    }

    [Fact]
    public async Task GetSubmission_DualDisclosureRecordsStoredForTheUnit_IsAnsweredInFull()
    {
        // The one writer of a report's rows past the change tracker: an intake's 双公示 records (COPY or a prepared insert).
        await using var walk = await Walk.StartAsync(app, "jiaxian-departments-2022");
        var bureau = await walk.UnitAsync("版本甲局", "Department", "县直单位");
        await walk.OpenAsync("报送版本县直单位", "2022Q2", [bureau], walk.Now.AddDays(5), [walk.ReviewerId]);
        var url = walk.SubmissionUrl(bureau.Id);
        var etag = ETagOf(await ReadAsync(bureau.Liaison, url));
        (await ReadAsync(bureau.Liaison, url, etag)).StatusCode.ShouldBe(HttpStatusCode.NotModified);
        var code = (await (await walk.Admin.GetAsync($"/api/units/{bureau.Id}")).ReadAsync<UnitResponse>()).Code!;

        var stored = await Disclosures.DisclosureIntakeTests.UploadAsync(walk.Admin, Disclosures.DisclosureIntakeTests.Csv(
            $"郏县版本商贸有限公司,{Disclosures.DisclosureIntakeTests.CreditCode("91410425MA40000A1")},,郏市监罚〔2022〕{Guid.NewGuid():N}号,2022-05-02,2022-05-05,县市场监督管理局,{code},行政处罚"),
            "五月处罚.csv");

        stored.Upload.Stored.ShouldBe(1);
        var after = await ReadAsync(bureau.Liaison, url, etag);
        after.StatusCode.ShouldBe(HttpStatusCode.OK);
        ETagOf(after).ShouldNotBe(etag);
    }

    public static TheoryData<string> Changes => new()
    {
        "own facts", "explanation only", "evidence added", "evidence removed", "provider's facts", "complaint verified", "item deadline",
        "unit deadline", "liaison table", "commitment letter", "submitted", "withdrawn", "returned", "review verdict", "campaign renamed",
        "campaign deadline moved", "unit renamed",
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public async Task GetSubmission_ChangedBehindTheReport_IsAnsweredInFullWithTheChange(string change)
    {
        var (walk, town, neighbour) = await OpenAsync();
        await using var _w = walk;
        var url = walk.SubmissionUrl(town.Id);
        var first = (await (await ReadAsync(town.Liaison, url)).ReadAsync<SubmissionResponse>()).Items.First(i => i.Applicable && i.Facts.Count > 0);
        var item = first.ItemId;
        var unitUrl = $"/api/campaigns/{walk.CampaignId}/units/{town.Id}";
        // What must already be there for the change to be made.
        long evidenceId = 0;
        switch (change)
        {
            case "evidence removed":
                evidenceId = (await walk.EvidenceAsync(town, item, "会议纪要.txt", "第一次会议纪要")).Id;
                break;
            case "withdrawn" or "returned":
                await walk.SaveAsync(town, JiaxianTownsCampaignTests.MiddlingTown);
                (await walk.SubmitAsync(town)).State.ShouldBe(SubmissionState.Submitted);
                break;
            case "review verdict":
                await walk.SaveAsync(town, JiaxianTownsCampaignTests.MiddlingTown);
                (await walk.SubmitAsync(town)).State.ShouldBe(SubmissionState.Submitted);
                await walk.SaveAsync(neighbour, JiaxianTownsCampaignTests.MiddlingTown);
                (await walk.SubmitAsync(neighbour)).State.ShouldBe(SubmissionState.Submitted);
                await walk.StartReviewAsync();
                break;
        }
        var before = await ReadAsync(town.Liaison, url);
        before.StatusCode.ShouldBe(HttpStatusCode.OK);
        var etag = ETagOf(before);
        var shown = await before.Content.ReadAsStringAsync();
        (await ReadAsync(town.Liaison, url, etag)).StatusCode.ShouldBe(HttpStatusCode.NotModified);

        // The change, each through the endpoint that makes it; `visible` when the report's content shows it (not only its validator).
        var visible = true;
        switch (change)
        {
            case "own facts":
                await walk.SaveAsync(town, [("liaison_assigned", false)]);
                break;
            case "explanation only":
                (await town.Liaison.PutJsonAsync($"{url}/items/{item}", new SaveItemRequest(null, "本期无此项工作"))).EnsureSuccessStatusCode();
                break;
            case "evidence added":
                await walk.EvidenceAsync(town, item, "会议纪要.txt", "第二次会议纪要");
                break;
            case "evidence removed":
                (await town.Liaison.DeleteAsync($"{url}/evidence/{evidenceId}")).EnsureSuccessStatusCode();
                break;
            case "provider's facts":
                await walk.SaveAsync(town, [("reports_on_time", 3)]);
                break;
            case "complaint verified":
                // Seed 004 counts no complaints: the validator still moves (the unit's facts in the register changed), the content does not.
                await walk.ConfirmedEventsAsync(town, "政务公开", 1, "低保资格审核拖延", "2022-02-10");
                visible = false;
                break;
            case "item deadline":
                (await walk.Admin.PostJsonAsync($"{url}/items/{item}/deadline-exception",
                    new DeadlineExceptionRequest(Iso(walk.Now.AddDays(8)), "任务台账待上级部门下发"))).EnsureSuccessStatusCode();
                break;
            case "unit deadline":
                (await walk.Admin.PostJsonAsync($"{unitUrl}/deadline-exception", new DeadlineExceptionRequest(Iso(walk.Now.AddDays(9)), "汛期抢险")))
                    .EnsureSuccessStatusCode();
                break;
            case "liaison table":
                (await town.Liaison.PutJsonAsync($"{unitUrl}/liaison-table", new LiaisonTableRequest("张三", "办公室主任", "0456-8221234", "13812345678",
                    "liaison@example.gov.cn"))).EnsureSuccessStatusCode();
                visible = false;
                break;
            case "commitment letter":
                (await town.Liaison.PostAsync($"{unitUrl}/commitment-letter/accept", null)).EnsureSuccessStatusCode();
                visible = false;
                break;
            case "submitted":
                (await walk.SubmitAsync(town)).State.ShouldBe(SubmissionState.Submitted);
                break;
            case "withdrawn":
                (await town.Liaison.PostAsync($"{url}/withdraw", null)).EnsureSuccessStatusCode();
                break;
            case "returned":
                (await walk.Admin.PostJsonAsync($"{url}/return", new ReturnSubmissionRequest("请补充会议纪要", Iso(walk.Now.AddDays(3)))))
                    .EnsureSuccessStatusCode();
                break;
            case "review verdict":
                // Under review the unit does not see verdicts yet: the validator moves, the content waits for the review's end.
                await walk.ConfirmAsync(town.Id, item);
                visible = false;
                break;
            case "campaign renamed":
            case "campaign deadline moved":
                var campaign = await (await walk.Admin.GetAsync($"/api/campaigns/{walk.CampaignId}")).ReadAsync<CampaignResponse>();
                (await walk.Admin.PutJsonAsync($"/api/campaigns/{walk.CampaignId}", change == "campaign renamed"
                    ? new EditCampaignRequest(campaign.Revision, "报送版本测试（更正）", null, null, null, null, "名称更正")
                    : new EditCampaignRequest(campaign.Revision, null, new ScheduleRequest(null, Iso(walk.Now.AddDays(6)), null, null, 10), null, null, null,
                        "延后截止"))).EnsureSuccessStatusCode();
                // The report names neither the campaign nor its deadline beyond the unit's own, which its submission carries.
                visible = false;
                break;
            case "unit renamed":
                (await walk.Admin.PutJsonAsync($"/api/units/{town.Id}", new UpdateUnitRequest("版本镇（更名）", null, "乡镇"))).EnsureSuccessStatusCode();
                break;
        }

        var after = await ReadAsync(town.Liaison, url, etag);
        after.StatusCode.ShouldBe(HttpStatusCode.OK, change);
        ETagOf(after).ShouldNotBe(etag, change);
        var now = await after.Content.ReadAsStringAsync();
        if (visible)
            now.ShouldNotBe(shown, change);
        // The new validator holds until the next change.
        (await ReadAsync(town.Liaison, url, ETagOf(after))).StatusCode.ShouldBe(HttpStatusCode.NotModified, change);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ReportETagTestsOnSqlite(SqliteApp app) : ReportETagTests(app);

[Collection(PostgresCollection.Name)]
public sealed class ReportETagTestsOnPostgres(PostgresApp app) : ReportETagTests(app);
