using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Chengxin.Domain.Campaigns;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Features.Letters;
using Chengxin.Server.Features.Reviews;
using Chengxin.Server.Features.Submissions;
using Chengxin.Server.Features.Workspace;
using Chengxin.Server.Tests.Infrastructure;
using Chengxin.Server.Tests.Walkthroughs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Chengxin.Server.Tests;

/// <summary>
/// Issue 11, blocking defect 5 and the liaison's side of the workflow: what a report lacks before it is handed in (an empty
/// one is refused), withdrawing before review, the office returning a whole submission, deleting an upload, the older office
/// formats and OFD as evidence, and the reviewed result with its 确认复核结果 task.
/// </summary>
public abstract class SubmissionWorkflowTests(AppFixture app)
{
    private static string Url(long campaignId, long unitId) => $"/api/campaigns/{campaignId}/units/{unitId}/submission";

    private long T1 => app.World.Unit("A-C1-T1").Id;

    private static SaveItemRequest Item(string? explanation, params (string Key, object Value)[] facts) =>
        new(facts.ToDictionary(f => f.Key, f => JsonSerializer.SerializeToElement(f.Value, Http.Json)), explanation);

    /// <summary>An open campaign on seed 004 towns with A-C1-T1 and the test world's reviewer.</summary>
    private async Task<CampaignResponse> OpenCampaignAsync()
    {
        var admin = await app.SessionAsync("a-admin");
        var campaign = await (await admin.PostJsonAsync("/api/campaigns", CampaignTests.OpenRequest("报送流程", [T1],
            reviewers: [app.World.Users["a-reviewer"].Id], evidenceDue: app.Clock.GetUtcNow().AddDays(10).ToString("o")))).ReadAsync<CampaignResponse>();
        return await (await admin.PostAsync($"/api/campaigns/{campaign.Id}/open", null)).ReadAsync<CampaignResponse>();
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string url, string fileName, byte[] bytes)
    {
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return await client.PostAsync($"{url}?fileName={Uri.EscapeDataString(fileName)}", content);
    }

    private async Task<int> CountAsync<T>(Func<Data.ChengxinDbContext, IQueryable<T>> query)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<Data.ChengxinDbContext>()).CountAsync();
    }

    [Fact]
    public async Task Submit_NothingAnswered_Returns409ListingEveryMissingItemByName_AndChangesNothing()
    {
        var campaign = await OpenCampaignAsync();
        var liaison = await app.SessionAsync("a-liaison");
        var url = Url(campaign.Id, T1);

        var problem = await (await liaison.PostAsync($"{url}/submit", null)).ProblemAsync(HttpStatusCode.Conflict);

        problem.GetProperty("detail").GetString()!.ShouldContain("尚未填写任何指标");
        var missing = problem.GetProperty("missing").EnumerateArray().Select(m => m.GetProperty("name").GetString()!).ToList();
        // 1.1 is the unit's (组织机构); 2.1 is counted by 县信用办 and is nobody's to answer here, so it is not listed.
        missing.ShouldContain(n => n.StartsWith("1.1 "));
        missing.ShouldNotContain(n => n.Contains("reports_on_time"));
        (await (await liaison.GetAsync(url)).ReadAsync<SubmissionResponse>()).State.ShouldBe(SubmissionState.Draft);
        (await CountAsync(db => db.ReportRecords.IgnoreQueryFilters().Where(r => r.CampaignId == campaign.Id))).ShouldBe(0);
    }

    [Fact]
    public async Task GetSubmission_PartlyAnswered_ListsOnlyTheItemsWithNeitherFactsNorExplanation()
    {
        var campaign = await OpenCampaignAsync();
        var liaison = await app.SessionAsync("a-liaison");
        var url = Url(campaign.Id, T1);
        var before = (await (await liaison.GetAsync(url)).ReadAsync<SubmissionResponse>()).Missing!;

        (await liaison.PutJsonAsync($"{url}/items/1.1", Item(null, ("leader_assigned", true), ("lead_office_assigned", true),
            ("liaison_assigned", true), ("dedicated_computer", true), ("dedicated_printer", false), ("work_rules", true)))).EnsureSuccessStatusCode();
        var explained = before.First(m => m.ItemId != "1.1").ItemId!;
        var after = await (await liaison.PutJsonAsync($"{url}/items/{explained}", Item("本期未开展此项工作，无法提供"))).ReadAsync<SubmissionResponse>();

        after.Missing!.Select(m => m.ItemId).ShouldNotContain("1.1");
        after.Missing!.Select(m => m.ItemId).ShouldNotContain(explained);
        after.Missing!.Count.ShouldBe(before.Count - 2);
        after.Missing!.ShouldAllBe(m => m.Kind == SubmissionChecklist.ItemKind);
        // Partly answered is taken (the rest scores as the rules say); the list was there to read first.
        (await (await liaison.PostAsync($"{url}/submit", null)).ReadAsync<SubmissionResponse>()).State.ShouldBe(SubmissionState.Submitted);
    }

    [Fact]
    public async Task GetSubmission_SchemeWithLiaisonTableAndLetter_ListsThemByNameUntilFilledAndStamped()
    {
        await using var walk = await Walk.StartAsync(app, "heihe-third-party-2023");
        var county = await walk.UnitAsync("清单县", "County", "县区政府", walk.City);
        var campaign = await walk.OpenAsync("清单测试", "2022-07-01..2023-06-30", [county], walk.Now.AddDays(2), [walk.ReviewerId],
            classMap: new() { ["县区政府"] = "county" });
        var unitUrl = $"/api/campaigns/{campaign.Id}/units/{county.Id}";

        var missing = (await (await county.Liaison.GetAsync(walk.SubmissionUrl(county.Id))).ReadAsync<SubmissionResponse>()).Missing!;
        missing.Single(m => m.Kind == SubmissionChecklist.LiaisonTableKind).Name.ShouldBe("政务诚信评价工作联络员联系表");
        missing.Single(m => m.Kind == SubmissionChecklist.LetterKind).Name.ShouldContain("信用承诺书");

        (await county.Liaison.PutJsonAsync($"{unitUrl}/liaison-table",
            new LiaisonTableRequest("张三", "办公室主任", null, "13812345678", "zhang@example.gov.cn"))).EnsureSuccessStatusCode();
        (await county.Liaison.PostAsync($"{unitUrl}/commitment-letter/accept", null)).EnsureSuccessStatusCode();
        var accepted = (await (await county.Liaison.GetAsync(walk.SubmissionUrl(county.Id))).ReadAsync<SubmissionResponse>()).Missing!;
        accepted.ShouldNotContain(m => m.Kind == SubmissionChecklist.LiaisonTableKind);
        // Accepted but not yet stamped: the letter is still missing.
        accepted.ShouldContain(m => m.Kind == SubmissionChecklist.LetterKind);
        (await UploadAsync(county.Liaison, $"{unitUrl}/commitment-letter/scan", "承诺书.pdf", "%PDF-1.4\n盖章件"u8.ToArray())).EnsureSuccessStatusCode();
        (await (await county.Liaison.GetAsync(walk.SubmissionUrl(county.Id))).ReadAsync<SubmissionResponse>()).Missing!
            .ShouldNotContain(m => m.Kind == SubmissionChecklist.LetterKind);
    }

    [Fact]
    public async Task Withdraw_BeforeReview_BackToDraftWithoutItsReport_AndTheResubmissionCountsOnce()
    {
        var campaign = await OpenCampaignAsync();
        var liaison = await app.SessionAsync("a-liaison");
        var url = Url(campaign.Id, T1);
        (await liaison.PutJsonAsync($"{url}/items/1.1", Item("本期无法提供"))).EnsureSuccessStatusCode();
        (await liaison.PostAsync($"{url}/submit", null)).EnsureSuccessStatusCode();
        var removedReports = await CountAsync(db => db.AuditEvents.IgnoreQueryFilters().Where(e => e.Action == "report.deleted" && e.UnitId == T1));

        var withdrawn = await (await liaison.PostAsync($"{url}/withdraw", null)).ReadAsync<SubmissionResponse>();

        withdrawn.State.ShouldBe(SubmissionState.Draft);
        withdrawn.SubmittedAt.ShouldBeNull();
        withdrawn.Round.ShouldBe(0);
        (await CountAsync(db => db.ReportRecords.IgnoreQueryFilters().Where(r => r.CampaignId == campaign.Id))).ShouldBe(0);
        // The report taken off the record is on the audit chain.
        (await CountAsync(db => db.AuditEvents.IgnoreQueryFilters().Where(e => e.Action == "report.deleted" && e.UnitId == T1))).ShouldBe(removedReports + 1);
        // Editable again, and handed in again as round 1.
        (await liaison.PutJsonAsync($"{url}/items/1.1", Item("补充说明：本期无法提供，已附说明"))).EnsureSuccessStatusCode();
        var again = await (await liaison.PostAsync($"{url}/submit", null)).ReadAsync<SubmissionResponse>();
        again.State.ShouldBe(SubmissionState.Submitted);
        again.Round.ShouldBe(1);
        (await CountAsync(db => db.ReportRecords.IgnoreQueryFilters().Where(r => r.CampaignId == campaign.Id))).ShouldBe(1);
    }

    [Fact]
    public async Task Withdraw_AfterReviewStarted_Returns409_AndADraftHasNothingToWithdraw()
    {
        var campaign = await OpenCampaignAsync();
        var liaison = await app.SessionAsync("a-liaison");
        var admin = await app.SessionAsync("a-admin");
        var url = Url(campaign.Id, T1);
        (await liaison.PutJsonAsync($"{url}/items/1.1", Item("本期无法提供"))).EnsureSuccessStatusCode();
        (await (await liaison.PostAsync($"{url}/withdraw", null)).ProblemAsync(HttpStatusCode.Conflict))
            .GetProperty("detail").GetString()!.ShouldContain("草稿");
        (await liaison.PostAsync($"{url}/submit", null)).EnsureSuccessStatusCode();
        (await admin.PostAsync($"/api/campaigns/{campaign.Id}/start-review", null)).EnsureSuccessStatusCode();

        (await (await liaison.PostAsync($"{url}/withdraw", null)).ProblemAsync(HttpStatusCode.Conflict))
            .GetProperty("detail").GetString()!.ShouldContain("评审已经开始");
        (await (await liaison.GetAsync(url)).ReadAsync<SubmissionResponse>()).State.ShouldBe(SubmissionState.Submitted);
    }

    [Fact]
    public async Task Withdraw_ParallelCallers_OneWins_TheOthersGet409()
    {
        var campaign = await OpenCampaignAsync();
        var liaison = await app.SessionAsync("a-liaison");
        var url = Url(campaign.Id, T1);
        (await liaison.PutJsonAsync($"{url}/items/1.1", Item("本期无法提供"))).EnsureSuccessStatusCode();
        (await liaison.PostAsync($"{url}/submit", null)).EnsureSuccessStatusCode();
        var callers = new List<HttpClient>();
        for (var i = 0; i < 4; i++)
            callers.Add(await app.SignInAsync("a-liaison"));

        var answers = await Task.WhenAll(callers.Select(c => c.PostAsync($"{url}/withdraw", null)));

        answers.Count(a => a.StatusCode == HttpStatusCode.OK).ShouldBe(1);
        answers.Where(a => a.StatusCode != HttpStatusCode.OK).ShouldAllBe(a => a.StatusCode == HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task ReturnWholeSubmission_ByTheOffice_EveryItemGoesBack_TheLiaisonSeesTheReasonAndAnswers()
    {
        var campaign = await OpenCampaignAsync();
        var liaison = await app.SessionAsync("a-liaison");
        var admin = await app.SessionAsync("a-admin");
        var url = Url(campaign.Id, T1);
        (await liaison.PutJsonAsync($"{url}/items/1.1", Item("本期无法提供"))).EnsureSuccessStatusCode();
        (await liaison.PostAsync($"{url}/submit", null)).EnsureSuccessStatusCode();
        var due = app.Clock.GetUtcNow().AddDays(3).ToString("o");

        (await (await admin.PostJsonAsync($"{url}/return", new ReturnSubmissionRequest(" ", due))).ProblemAsync(HttpStatusCode.BadRequest))
            .GetProperty("errors").GetProperty("reason")[0].GetString()!.ShouldContain("退回原因");
        await (await liaison.PostJsonAsync($"{url}/return", new ReturnSubmissionRequest("自己退回", due))).ProblemAsync(HttpStatusCode.Forbidden);
        var returned = await (await admin.PostJsonAsync($"{url}/return", new ReturnSubmissionRequest("材料过少，请逐项补充", due))).ReadAsync<SubmissionResponse>();

        returned.State.ShouldBe(SubmissionState.Returned);
        returned.ReturnReason!.ShouldContain("材料过少，请逐项补充");
        var task = (await (await liaison.GetAsync("/api/workspace/tasks")).ReadAsync<List<WorkspaceTask>>())
            .Single(t => t.CampaignId == campaign.Id);
        task.Kind.ShouldBe(WorkspaceTasks.ReturnedKind);
        task.Items.Count.ShouldBe(returned.Items.Count(i => i.Applicable));
        task.Items.ShouldAllBe(i => i.Reason == "材料过少，请逐项补充");
        // Returned once is returned: a second return of the same answer is refused.
        await (await admin.PostJsonAsync($"{url}/return", new ReturnSubmissionRequest("再退一次", due))).ProblemAsync(HttpStatusCode.Conflict);
        (await liaison.PutJsonAsync($"{url}/items/1.1", Item("已补充说明"))).EnsureSuccessStatusCode();
        (await (await liaison.PostAsync($"{url}/submit", null)).ReadAsync<SubmissionResponse>()).State.ShouldBe(SubmissionState.Resubmitted);
    }

    [Fact]
    public async Task DeleteEvidence_InDraft_RemovesTheReceipt_AfterSubmission_Returns409()
    {
        var campaign = await OpenCampaignAsync();
        var liaison = await app.SessionAsync("a-liaison");
        var url = Url(campaign.Id, T1);
        var first = await (await UploadAsync(liaison, $"{url}/items/1.1/evidence", "错传.txt", "上传错了"u8.ToArray())).ReadAsync<EvidenceReceipt>();
        var second = await (await UploadAsync(liaison, $"{url}/items/1.1/evidence", "制度.txt", "工作制度全文"u8.ToArray())).ReadAsync<EvidenceReceipt>();

        var after = await (await liaison.DeleteAsync($"{url}/evidence/{first.Id}")).ReadAsync<SubmissionResponse>();

        after.Items.Single(i => i.ItemId == "1.1").Evidence.Select(e => e.Id).ShouldBe([second.Id]);
        await (await liaison.DeleteAsync($"{url}/evidence/{first.Id}")).ProblemAsync(HttpStatusCode.NotFound);
        (await liaison.PutJsonAsync($"{url}/items/1.1", Item("制度见附件"))).EnsureSuccessStatusCode();
        (await liaison.PostAsync($"{url}/submit", null)).EnsureSuccessStatusCode();
        await (await liaison.DeleteAsync($"{url}/evidence/{second.Id}")).ProblemAsync(HttpStatusCode.Conflict);
        (await (await liaison.GetAsync(url)).ReadAsync<SubmissionResponse>()).Items.Single(i => i.ItemId == "1.1").Evidence.Count.ShouldBe(1);
    }

    [Theory]
    [InlineData("通知.doc", "application/msword")]
    [InlineData("台账.xls", "application/vnd.ms-excel")]
    [InlineData("报告.wps", "application/vnd.ms-works")]
    public async Task UploadEvidence_Ole2DocumentWithItsName_IsAcceptedAndServedAsAttachment(string fileName, string contentType)
    {
        var campaign = await OpenCampaignAsync();
        var liaison = await app.SessionAsync("a-liaison");
        var url = Url(campaign.Id, T1);
        byte[] ole2 = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0, 0x3E, 0];

        var receipt = await (await UploadAsync(liaison, $"{url}/items/1.1/evidence", fileName, ole2)).ReadAsync<EvidenceReceipt>();

        receipt.ContentType.ShouldBe(contentType);
        var download = await liaison.GetAsync($"{url}/evidence/{receipt.Id}");
        download.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        download.Headers.GetValues("X-Content-Type-Options").ShouldContain("nosniff");
    }

    [Fact]
    public async Task UploadEvidence_OfdZipWithOfdXml_IsAccepted_AndAnOle2NamedTxtIsRefused()
    {
        var campaign = await OpenCampaignAsync();
        var liaison = await app.SessionAsync("a-liaison");
        var url = Url(campaign.Id, T1);
        using var buffer = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(buffer, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            await using var entry = zip.CreateEntry("OFD.xml").Open();
            await entry.WriteAsync("<ofd:OFD xmlns:ofd=\"http://www.ofdspec.org/2016\"/>"u8.ToArray());
        }

        var receipt = await (await UploadAsync(liaison, $"{url}/items/1.1/evidence", "公文.ofd", buffer.ToArray())).ReadAsync<EvidenceReceipt>();
        receipt.ContentType.ShouldBe("application/ofd");

        var refused = await (await UploadAsync(liaison, $"{url}/items/1.1/evidence", "说明.txt", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0]))
            .ProblemAsync(HttpStatusCode.BadRequest);
        refused.GetProperty("errors").GetProperty("file")[0].GetString()!.ShouldContain(".txt");
    }

    [Fact]
    public async Task ReviewedSubmission_TheLiaisonSeesEachItemsReviewedScoreAndReason_AndAConfirmTaskUntilConfirmed()
    {
        var campaign = await OpenCampaignAsync();
        var liaison = await app.SessionAsync("a-liaison");
        var admin = await app.SessionAsync("a-admin");
        var reviewer = await app.SessionAsync("a-reviewer");
        var url = Url(campaign.Id, T1);
        (await liaison.PutJsonAsync($"{url}/items/1.1", Item(null, ("leader_assigned", true), ("lead_office_assigned", true),
            ("liaison_assigned", true), ("dedicated_computer", true), ("dedicated_printer", false), ("work_rules", true)))).EnsureSuccessStatusCode();
        var submitted = await (await liaison.PostAsync($"{url}/submit", null)).ReadAsync<SubmissionResponse>();
        submitted.ReviewedScore.ShouldBeNull();
        submitted.Items.ShouldAllBe(i => i.Reviewed == null);
        (await admin.PostAsync($"/api/campaigns/{campaign.Id}/start-review", null)).EnsureSuccessStatusCode();

        // 1.1 corrected (the printer was there after all: 5 → 6 parts), every other applicable item confirmed.
        var correction = new Dictionary<string, JsonElement> { ["dedicated_printer"] = JsonSerializer.SerializeToElement(true) };
        (await reviewer.PostJsonAsync($"{url}/items/1.1/review", new ReviewItemRequest("correct", 0, correction, "现场核实已配备打印机", null)))
            .EnsureSuccessStatusCode();
        // 5.1 is the reviewer's own judgement: it is scored, not confirmed (0 here, so the totals differ by 1.1 alone).
        foreach (var item in submitted.Items.Where(i => i.Applicable && i.ItemId != "1.1"))
            (await reviewer.PostJsonAsync($"{url}/items/{item.ItemId}/review", item.ItemId == "5.1"
                ? new ReviewItemRequest("score", 0, null, "未见诚信案例宣传材料", null, 0m)
                : new ReviewItemRequest("confirm", 0, null, null, null))).EnsureSuccessStatusCode();
        (await reviewer.PostAsync($"{url}/reviewed", null)).EnsureSuccessStatusCode();

        var seen = await (await liaison.GetAsync(url)).ReadAsync<SubmissionResponse>();
        var organisation = seen.Items.Single(i => i.ItemId == "1.1");
        organisation.Score.ShouldBe(4m);
        organisation.Reviewed!.Score.ShouldBe(5m);
        organisation.Reviewed.StateName.ShouldBe("已修正");
        organisation.Reviewed.Reason.ShouldBe("现场核实已配备打印机");
        seen.ReviewedScore!.Total.ShouldBe(seen.SelfScore.Total + 1m);
        var task = (await (await liaison.GetAsync("/api/workspace/tasks")).ReadAsync<List<WorkspaceTask>>()).Single(t => t.CampaignId == campaign.Id);
        task.Kind.ShouldBe(WorkspaceTasks.ConfirmResult);
        task.KindName.ShouldBe("确认复核结果");
        task.UnitId.ShouldBe(T1);

        (await liaison.PostAsync($"{url}/confirm", null)).EnsureSuccessStatusCode();
        (await (await liaison.GetAsync("/api/workspace/tasks")).ReadAsync<List<WorkspaceTask>>()).ShouldNotContain(t => t.CampaignId == campaign.Id);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SubmissionWorkflowTestsOnSqlite(SqliteApp app) : SubmissionWorkflowTests(app);

[Collection(PostgresCollection.Name)]
public sealed class SubmissionWorkflowTestsOnPostgres(PostgresApp app) : SubmissionWorkflowTests(app);
