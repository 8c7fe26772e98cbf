using System.Net;
using System.Text.Json;
using Chengxin.Domain.Campaigns;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Infrastructure;
using Chengxin.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Chengxin.Server.Tests;

/// <summary>
/// A campaign changed after it was made: the wizard's rules on the server (fields named as on screen), edits of units,
/// reviewers and deadlines with their audit, voiding with a reason, and the races and refusals that must change nothing.
/// </summary>
public abstract class CampaignEditTests(AppFixture app)
{
    private string Future(int days) => app.Clock.GetUtcNow().AddDays(days).ToOffset(BeijingTime.Offset).ToString("yyyy-MM-ddTHH:mm");

    private async Task<CampaignResponse> OpenedAsync(HttpClient admin, string name, params string[] units)
    {
        var request = CampaignTests.OpenRequest(name, units.Select(u => app.World.Unit(u).Id).ToList(), reviewers: [app.World.Users["a-reviewer"].Id],
            evidenceDue: Future(10));
        var created = await (await admin.PostJsonAsync("/api/campaigns", request)).ReadAsync<CampaignResponse>();
        return await (await admin.PostAsync($"/api/campaigns/{created.Id}/open", null)).ReadAsync<CampaignResponse>();
    }

    private static EditCampaignRequest Edit(CampaignResponse c) => new(c.Revision, null, null, null, null, null, null);

    private async Task<T> InDbAsync<T>(Func<ChengxinDbContext, Task<T>> read)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AccessScope>().SetSystemActor("测试");
        return await read(scope.ServiceProvider.GetRequiredService<ChengxinDbContext>());
    }

    private Task<int> AuditCountAsync() => InDbAsync(db => db.AuditEvents.IgnoreQueryFilters().CountAsync());

    [Fact]
    public async Task Create_DeadlinesOutOfOrder_Returns400NamingEachFieldAsOnScreen()
    {
        var admin = await app.SessionAsync("a-admin");
        var request = CampaignTests.OpenRequest("日程", [app.World.Unit("A-C1-T1").Id]) with
        {
            Schedule = new ScheduleRequest("2022-04-11T17:00", "2022-04-10T17:00", "2022-04-09T17:00", "2022-04-01T17:00", 10),
        };

        var errors = (await (await admin.PostJsonAsync("/api/campaigns", request)).ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors");

        errors.GetProperty("schedule.liaisonDue")[0].GetString().ShouldBe("联络员联系表截止时间不能晚于佐证材料截止时间。");
        errors.GetProperty("schedule.selfAssessmentDue")[0].GetString().ShouldBe("自评截止时间不能早于佐证材料截止时间。");
        errors.GetProperty("schedule.reviewDue")[0].GetString().ShouldBe("复核截止时间不能早于自评截止时间。");
    }

    [Fact]
    public async Task Create_WithoutNamePeriodOrDeadline_Returns400WithTheScreensWords()
    {
        var admin = await app.SessionAsync("a-admin");
        var request = CampaignTests.OpenRequest(" ", [app.World.Unit("A-C1-T1").Id], period: "") with { Schedule = new ScheduleRequest(null, null, null, null, 10) };

        var errors = (await (await admin.PostJsonAsync("/api/campaigns", request)).ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors");

        errors.GetProperty("name")[0].GetString().ShouldBe("批次名称不能为空。");
        errors.GetProperty("periodKey")[0].GetString().ShouldBe("评价期间不能为空。");
        errors.GetProperty("schedule.evidenceDue")[0].GetString()!.ShouldContain("佐证材料截止时间");
    }

    [Fact]
    public async Task Edit_UnitsReviewersDeadlinesAndName_AreSavedAndAuditedWithBeforeAndAfter()
    {
        var admin = await app.SessionAsync("a-admin");
        var campaign = await OpenedAsync(admin, "修改前", "A-C1-T1", "A-C1-T2");
        var t1 = app.World.Unit("A-C1-T1").Id;
        var t2 = app.World.Unit("A-C1-T2").Id;
        var added = await (await admin.PostJsonAsync("/api/units", new Features.Units.CreateUnitRequest(app.World.Unit("A-C1").Id, "新增镇",
            "ED" + Guid.NewGuid().ToString("N")[..10], "Town", "乡镇"))).ReadAsync<Features.Units.UnitResponse>();

        var idle = await FreshReviewerAsync(admin);
        var edited = await (await admin.PutJsonAsync($"/api/campaigns/{campaign.Id}", Edit(campaign) with
        {
            Name = "修改后",
            UnitIds = [t1, added.Id],
            ReviewerIds = [idle],
            Schedule = new ScheduleRequest(null, Future(20), null, Future(30), 15),
            Reason = "乙镇并入甲镇",
        })).ReadAsync<CampaignResponse>();

        edited.Name.ShouldBe("修改后");
        edited.Units.Select(u => u.UnitId).ShouldBe([t1, added.Id], ignoreOrder: true);
        edited.Units.Single(u => u.UnitId == added.Id).SchemeClass.ShouldBe("town");
        edited.Reviewers.Select(r => r.UserId).ShouldBe([idle]);
        edited.Schedule.EvidenceDue.ShouldBe(DateTimeOffset.Parse(Future(20) + "+08:00"));
        edited.Schedule.AppealWindowDays.ShouldBe(15);
        edited.Revision.ShouldBe(campaign.Revision + 1);
        var events = await InDbAsync(db => db.AuditEvents.IgnoreQueryFilters()
            .Where(e => e.EntityType == "campaign" && e.EntityId == campaign.Id.ToString() && e.Action == "campaign.edited").Select(e => e.After!).ToListAsync());
        var audit = JsonDocument.Parse(events.Single()).RootElement;
        audit.GetProperty("before").GetProperty("name").GetString().ShouldBe("修改前");
        audit.GetProperty("after").GetProperty("name").GetString().ShouldBe("修改后");
        audit.GetProperty("before").GetProperty("units").EnumerateArray().Select(u => u.GetProperty("unitId").GetInt64()).ShouldContain(t2);
        audit.GetProperty("after").GetProperty("units").EnumerateArray().Select(u => u.GetProperty("unitId").GetInt64()).ShouldNotContain(t2);
        audit.GetProperty("reason").GetString().ShouldBe("乙镇并入甲镇");
    }

    [Fact]
    public async Task Edit_MovedEvidenceDeadline_MovesTheDeadlineOfUnitsStillDrafting()
    {
        var admin = await app.SessionAsync("a-admin");
        var campaign = await OpenedAsync(admin, "延期", "A-C1-T1");
        var unit = app.World.Unit("A-C1-T1").Id;
        var url = $"/api/campaigns/{campaign.Id}/units/{unit}/submission";
        (await admin.PutJsonAsync($"{url}/items/2.1", new Features.Submissions.SaveItemRequest(
            new() { ["reports_on_time"] = JsonSerializer.SerializeToElement(3) }, null))).EnsureSuccessStatusCode();

        (await admin.PutJsonAsync($"/api/campaigns/{campaign.Id}", Edit(campaign) with { Schedule = new ScheduleRequest(null, Future(40), null, null, null) }))
            .EnsureSuccessStatusCode();

        var due = await InDbAsync(db => db.Submissions.IgnoreQueryFilters().Where(s => s.CampaignId == campaign.Id).Select(s => s.Due).SingleAsync());
        BeijingTime.Local(due).ShouldBe(DateTimeOffset.Parse(Future(40) + "+08:00"));
    }

    [Fact]
    public async Task Edit_DeadlineMovedIntoThePastOrOutOfOrder_Returns400NamingTheField_AndChangesNothing()
    {
        var admin = await app.SessionAsync("a-admin");
        var campaign = await OpenedAsync(admin, "日程不变", "A-C1-T1");
        var audit = await AuditCountAsync();

        var past = (await (await admin.PutJsonAsync($"/api/campaigns/{campaign.Id}", Edit(campaign) with
        {
            Name = "不该保存",
            Schedule = new ScheduleRequest(null, Future(-1), null, null, null),
        })).ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
        past.GetProperty("schedule.evidenceDue")[0].GetString()!.ShouldStartWith("佐证材料截止时间不能早于当前时间");
        var order = (await (await admin.PutJsonAsync($"/api/campaigns/{campaign.Id}", Edit(campaign) with
        {
            Schedule = new ScheduleRequest(null, Future(20), null, Future(15), null),
        })).ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
        order.GetProperty("schedule.reviewDue")[0].GetString().ShouldBe("复核截止时间不能早于佐证材料截止时间。");

        var stored = await (await admin.GetAsync($"/api/campaigns/{campaign.Id}")).ReadAsync<CampaignResponse>();
        stored.Name.ShouldBe("日程不变");
        stored.Schedule.ShouldBe(campaign.Schedule);
        stored.Revision.ShouldBe(campaign.Revision);
        (await AuditCountAsync()).ShouldBe(audit);
    }

    [Fact]
    public async Task Edit_RemovingAUnitThatHasSubmitted_NeedsAReason_ThenIsRecorded()
    {
        var admin = await app.SessionAsync("a-admin");
        var campaign = await OpenedAsync(admin, "移出", "A-C1-T1", "A-C1-T2");
        var t1 = app.World.Unit("A-C1-T1").Id;
        var t2 = app.World.Unit("A-C1-T2").Id;
        // A handed-in report stands here as its row: what submit itself demands is SubmissionTests' business.
        await InDbAsync(async db =>
        {
            db.Submissions.Add(new Data.Submission
            {
                TenantId = app.World.TenantA, CampaignId = campaign.Id, UnitId = t2, State = SubmissionState.Submitted,
                Due = app.Clock.GetUtcNow().AddDays(10).UtcDateTime, SubmittedAt = app.Clock.GetUtcNow().UtcDateTime, CreatedAt = app.Clock.GetUtcNow().UtcDateTime,
            });
            return await db.SaveChangesAsync();
        });
        var audit = await AuditCountAsync();

        var refused = await (await admin.PutJsonAsync($"/api/campaigns/{campaign.Id}", Edit(campaign) with { UnitIds = [t1] }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        refused.GetProperty("errors").GetProperty("reason")[0].GetString().ShouldBe($"「{app.World.Unit("A-C1-T2").Name}」已提交报送，移出参评单位须填写原因。");
        (await (await admin.GetAsync($"/api/campaigns/{campaign.Id}")).ReadAsync<CampaignResponse>()).UnitCount.ShouldBe(2);
        (await AuditCountAsync()).ShouldBe(audit);

        var removed = await (await admin.PutJsonAsync($"/api/campaigns/{campaign.Id}", Edit(campaign) with { UnitIds = [t1], Reason = "该镇已撤并" }))
            .ReadAsync<CampaignResponse>();
        removed.Units.Select(u => u.UnitId).ShouldBe([t1]);
    }

    [Fact]
    public async Task Edit_UnitOutsideTheAdminsScope_Returns400_AndAnEmptyUnitList400()
    {
        var admin = await app.SessionAsync("a-admin");
        var campaign = await OpenedAsync(admin, "范围", "A-C1-T1");

        var foreign = await (await admin.PutJsonAsync($"/api/campaigns/{campaign.Id}", Edit(campaign) with
        {
            UnitIds = [app.World.Unit("A-C1-T1").Id, app.World.Unit("B-C1-T1").Id],
        })).ProblemAsync(HttpStatusCode.BadRequest);
        // Named by count, not by the platform's number of a unit the admin cannot see.
        foreign.GetProperty("errors").GetProperty("unitIds")[0].GetString().ShouldBe("所选的单位中有 1 个不存在或不在您的权限范围内，请重新选择。");
        var empty = await (await admin.PutJsonAsync($"/api/campaigns/{campaign.Id}", Edit(campaign) with { UnitIds = [] })).ProblemAsync(HttpStatusCode.BadRequest);
        empty.GetProperty("errors").GetProperty("unitIds")[0].GetString().ShouldBe("参评单位不能为空。");
    }

    [Fact]
    public async Task Edit_UnderReview_RefusesUnitsAndDeadlines_ButTakesReviewers()
    {
        var admin = await app.SessionAsync("a-admin");
        var campaign = await OpenedAsync(admin, "复核中", "A-C1-T1", "A-C1-T2");
        campaign = await (await admin.PostJsonAsync($"/api/campaigns/{campaign.Id}/start-review", Overrides.GoOn)).ReadAsync<CampaignResponse>();

        (await (await admin.PutJsonAsync($"/api/campaigns/{campaign.Id}", Edit(campaign) with { UnitIds = [app.World.Unit("A-C1-T1").Id] }))
            .ProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString().ShouldBe("评价批次当前复核中，不能再增减参评单位。");
        (await (await admin.PutJsonAsync($"/api/campaigns/{campaign.Id}", Edit(campaign) with { Schedule = new ScheduleRequest(null, Future(50), null, null, null) }))
            .ProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString().ShouldBe("当前状态（复核中）不能调整日程");
        var reviewers = await (await admin.PutJsonAsync($"/api/campaigns/{campaign.Id}", Edit(campaign) with
        {
            ReviewerIds = [app.World.Users["a-reviewer"].Id, await FreshReviewerAsync(admin)],
        })).ReadAsync<CampaignResponse>();
        reviewers.Reviewers.Count.ShouldBe(2);
    }

    [Fact]
    public async Task Edit_WithAStaleRevision_Returns409_AndChangesNothing()
    {
        var admin = await app.SessionAsync("a-admin");
        var campaign = await OpenedAsync(admin, "旧版本", "A-C1-T1");
        (await admin.PutJsonAsync($"/api/campaigns/{campaign.Id}", Edit(campaign) with { Name = "第一次修改" })).EnsureSuccessStatusCode();

        var stale = await (await admin.PutJsonAsync($"/api/campaigns/{campaign.Id}", Edit(campaign) with { Name = "过期的修改" })).ProblemAsync(HttpStatusCode.Conflict);

        stale.GetProperty("detail").GetString().ShouldBe("评价批次已被他人修改，请刷新后重试。");
        (await (await admin.GetAsync($"/api/campaigns/{campaign.Id}")).ReadAsync<CampaignResponse>()).Name.ShouldBe("第一次修改");
    }

    [Fact]
    public async Task Edit_RacingEditsFromTheSameRevision_OneWins_TheOthersGet409()
    {
        var admin = await app.SessionAsync("a-admin");
        var campaign = await OpenedAsync(admin, "并发修改", "A-C1-T1");
        var callers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => app.SignInAsync("a-admin")));
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var answers = await Task.WhenAll(callers.Select((client, i) => Task.Run(async () =>
        {
            await gate.Task;
            using var response = await client.PutJsonAsync($"/api/campaigns/{campaign.Id}", Edit(campaign) with { Name = $"并发{i}" });
            return response.StatusCode;
        })).Append(Task.Run(() => { gate.SetResult(); return HttpStatusCode.Continue; })));

        var results = answers.Where(a => a != HttpStatusCode.Continue).ToList();
        results.Count(a => a == HttpStatusCode.OK).ShouldBe(1, string.Join(",", results));
        results.Count(a => a == HttpStatusCode.Conflict).ShouldBe(3, string.Join(",", results));
        (await (await admin.GetAsync($"/api/campaigns/{campaign.Id}")).ReadAsync<CampaignResponse>()).Revision.ShouldBe(campaign.Revision + 1);
    }

    [Fact]
    public async Task Void_WithoutAReason_Returns400_AndChangesNothing()
    {
        var admin = await app.SessionAsync("a-admin");
        var campaign = await OpenedAsync(admin, "无原因", "A-C1-T1");
        var audit = await AuditCountAsync();

        var problem = await (await admin.PostJsonAsync($"/api/campaigns/{campaign.Id}/void", new VoidCampaignRequest(" "))).ProblemAsync(HttpStatusCode.BadRequest);

        problem.GetProperty("errors").GetProperty("reason")[0].GetString().ShouldBe("作废原因不能为空。");
        (await (await admin.GetAsync($"/api/campaigns/{campaign.Id}")).ReadAsync<CampaignResponse>()).State.ShouldBe(CampaignState.Open);
        (await AuditCountAsync()).ShouldBe(audit);
    }

    [Fact]
    public async Task Void_WithAReason_IsReadOnly_LeavesTheDefaultListAndTheTasks_AndStaysInTheAudit()
    {
        var admin = await app.SessionAsync("a-admin");
        var campaign = await OpenedAsync(admin, "误建批次", "A-C1-T1");
        var unit = app.World.Unit("A-C1-T1").Id;

        var voided = await (await admin.PostJsonAsync($"/api/campaigns/{campaign.Id}/void", new VoidCampaignRequest("期间选错，重新建批次"))).ReadAsync<CampaignResponse>();

        voided.State.ShouldBe(CampaignState.Voided);
        voided.StateName.ShouldBe("已作废");
        voided.Void!.Reason.ShouldBe("期间选错，重新建批次");
        voided.Void.By.ShouldNotBeNullOrWhiteSpace();
        (await (await admin.GetAsync("/api/campaigns")).ReadAsync<List<CampaignListItem>>()).ShouldNotContain(c => c.Id == campaign.Id);
        (await (await admin.GetAsync("/api/campaigns?includeVoided=true")).ReadAsync<List<CampaignListItem>>()).ShouldContain(c => c.Id == campaign.Id);
        (await (await admin.GetAsync($"/api/campaigns/{campaign.Id}")).ReadAsync<CampaignResponse>()).State.ShouldBe(CampaignState.Voided);
        var liaison = await app.SessionAsync("a-liaison");
        (await (await liaison.GetAsync("/api/workspace/tasks")).Content.ReadAsStringAsync()).ShouldNotContain("误建批次");

        (await (await admin.PutJsonAsync($"/api/campaigns/{campaign.Id}/units/{unit}/submission/items/2.1", new Features.Submissions.SaveItemRequest(
            new() { ["reports_on_time"] = JsonSerializer.SerializeToElement(3) }, null))).ProblemAsync(HttpStatusCode.Conflict))
            .GetProperty("detail").GetString()!.ShouldContain("已作废");
        (await (await admin.PutJsonAsync($"/api/campaigns/{campaign.Id}", Edit(voided) with { Name = "改名" })).ProblemAsync(HttpStatusCode.Conflict))
            .GetProperty("detail").GetString().ShouldBe("评价批次已作废，不能再修改。");
        (await (await admin.PostJsonAsync($"/api/campaigns/{campaign.Id}/units/{unit}/deadline-exception",
            new Features.Submissions.DeadlineExceptionRequest(Future(20), "延期"))).ProblemAsync(HttpStatusCode.Conflict))
            .GetProperty("detail").GetString().ShouldBe("评价批次已作废，不能再修改。");
        await (await admin.PostAsync($"/api/campaigns/{campaign.Id}/start-review", null)).ProblemAsync(HttpStatusCode.Conflict);
        (await (await admin.PostJsonAsync($"/api/campaigns/{campaign.Id}/void", new VoidCampaignRequest("再作废一次"))).ProblemAsync(HttpStatusCode.Conflict))
            .GetProperty("detail").GetString().ShouldBe("评价批次已作废，不能再修改。");

        var update = await InDbAsync(db => db.AuditEvents.IgnoreQueryFilters()
            .Where(e => e.EntityType == "campaign" && e.EntityId == campaign.Id.ToString() && e.Action == "campaign.updated")
            .OrderByDescending(e => e.Sequence).Select(e => e.After!).FirstAsync());
        update.ShouldContain("\"State\":\"Voided\"");
        update.ShouldContain("期间选错，重新建批次");
    }

    [Fact]
    public async Task Void_RacingCallers_OneWins_TheOthersGet409()
    {
        var admin = await app.SessionAsync("a-admin");
        var campaign = await OpenedAsync(admin, "并发作废", "A-C1-T1");
        var callers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => app.SignInAsync("a-admin")));
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = callers.Select((client, i) => Task.Run(async () =>
        {
            await gate.Task;
            using var response = await client.PostJsonAsync($"/api/campaigns/{campaign.Id}/void", new VoidCampaignRequest($"原因{i}"));
            return response.StatusCode;
        })).ToList();
        gate.SetResult();

        var answers = await Task.WhenAll(tasks);

        answers.Count(a => a == HttpStatusCode.OK).ShouldBe(1, string.Join(",", answers));
        answers.Count(a => a == HttpStatusCode.Conflict).ShouldBe(3, string.Join(",", answers));
    }

    /// <summary>
    /// A reviewer of this test's own: the world's a-idle-reviewer must stay unassigned for the access tests that share
    /// the database.
    /// </summary>
    private async Task<Guid> FreshReviewerAsync(HttpClient admin)
    {
        var name = "ce-reviewer-" + Guid.NewGuid().ToString("N")[..8];
        var created = await admin.PostJsonAsync("/api/users", new Features.Users.CreateUserRequest(name, "改派评审员", TestWorld.Password,
            app.World.Unit("A-C1").Id, Roles.Reviewer, ScopeKind.Subtree, null));
        return (await created.ReadAsync<Features.Users.UserResponse>()).Id;
    }
}
