using System.Globalization;
using System.Net;
using Chengxin.Domain.FollowUp;
using Chengxin.Server.Data;
using Chengxin.Server.Features.FollowUp;
using Chengxin.Server.Features.Workspace;
using Chengxin.Server.Infrastructure;
using Chengxin.Server.Infrastructure.Scheduling;
using Chengxin.Server.Tests.Infrastructure;
using Chengxin.Server.Tests.Walkthroughs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Chengxin.Server.Tests.FollowUp;

/// <summary>
/// The follow-up chain of seed 003 through HTTP, with the test clock moved: reminder (art. 5) → warning (art. 13) → supervision order
/// → reply with evidence → verification failed → interview (art. 14) → referral (art. 16). Every refused transition is a 409 that
/// changes nothing; a liaison sees only its own unit's reminders, warnings and orders.
/// </summary>
public abstract class FollowUpChainTests(AppFixture app)
{
    private const string Family = "heihe-grassroots";

    private static string At(DateTimeOffset instant) => instant.ToString("o", CultureInfo.InvariantCulture);

    private static async Task<RuleView> RuleAsync(Walk walk, RuleKind kind, decimal threshold)
    {
        var rules = await (await walk.Admin.GetAsync("/api/follow-up/rules")).ReadAsync<List<RuleView>>();
        if (rules.FirstOrDefault(r => r.SchemeFamily == Family && r.Kind == kind) is { } rule)
            return await (await walk.Admin.PutJsonAsync($"/api/follow-up/rules/{rule.Id}", new SaveRuleRequest(null, null, threshold, true, rule.Version)))
                .ReadAsync<RuleView>();
        return await (await walk.Admin.PostJsonAsync("/api/follow-up/rules", new SaveRuleRequest(Family, kind, threshold, true, null))).ReadAsync<RuleView>();
    }

    private static async Task<OrderView> IssueOrderAsync(Walk walk, Member member, DateTimeOffset deadline) =>
        await (await walk.Admin.PostJsonAsync("/api/follow-up/orders",
            new IssueOrderRequest(member.Id, "政务诚信监测连续两期报送逾期", "建立报送台账，明确专人负责", At(deadline), null))).ReadAsync<OrderView>();

    private async Task<int> AuditCountAsync(string entityType, long id)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChengxinDbContext>();
        return await db.AuditEvents.IgnoreQueryFilters().CountAsync(e => e.EntityType == entityType && e.EntityId == id.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Reminder_DeadlineRuleRunTwice_IssuesOneNumberedReminderThatTheUnitAcknowledgesOnce()
    {
        await using var walk = await Walk.StartAsync(app, "heihe-grassroots-2023");
        var town = await walk.UnitAsync("提示镇", "Town", "乡镇");
        await walk.OpenAsync("2023年度基层政务诚信监测（提示）", "2023", [town], walk.Now.AddDays(5), [walk.ReviewerId]);
        await RuleAsync(walk, RuleKind.DeadlineReminder, 7);

        (await (await walk.Admin.PostAsync("/api/follow-up/rules/run", null)).ReadAsync<RunRulesResult>()).RemindersIssued.ShouldBeGreaterThanOrEqualTo(1);
        (await (await walk.Admin.PostAsync("/api/follow-up/rules/run", null)).ReadAsync<RunRulesResult>()).RemindersIssued.ShouldBe(0);
        var mine = await (await town.Liaison.GetAsync("/api/follow-up/reminders")).ReadAsync<List<ReminderView>>();
        var reminder = mine.ShouldHaveSingleItem();
        (reminder.UnitName, reminder.SourceName, reminder.IsAcknowledged).ShouldBe(("提示镇", "规则触发", false));
        reminder.Number.ShouldMatch(@"^〔2026〕提示第\d+号$");
        reminder.Content.ShouldContain("报送截止前 7 天内尚未提交");

        var acknowledged = await (await town.Liaison.PostJsonAsync($"/api/follow-up/reminders/{reminder.Id}/acknowledge",
            new AcknowledgeReminderRequest("已安排专人报送", 0))).ReadAsync<ReminderView>();
        (acknowledged.IsAcknowledged, acknowledged.AcknowledgedByName, acknowledged.AcknowledgedAt).ShouldBe((true, "提示镇联络员", walk.Now.ToOffset(TimeSpan.FromHours(8))));
        (await (await town.Liaison.PostJsonAsync($"/api/follow-up/reminders/{reminder.Id}/acknowledge", new AcknowledgeReminderRequest(null, 1)))
            .ProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString().ShouldBe("该提示单已签收，不能重复签收。");
        (await AuditCountAsync("work-reminder", reminder.Id)).ShouldBe(2);
    }

    private async Task<List<NotificationRecord>> InboxAsync(string userName)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChengxinDbContext>();
        var userId = await db.Users.IgnoreQueryFilters().Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
        return await db.Notifications.IgnoreQueryFilters().Where(n => n.UserId == userId).OrderBy(n => n.Id).ToListAsync();
    }

    private Task RunScheduledRulesAsync(DateTimeOffset now) =>
        app.Factory.Services.GetRequiredService<ScheduledWorkRunner>().Works.Single(w => w.Name == ScheduledFollowUpRules.WorkName)
            .RunAsync(app.Factory.Services, now, CancellationToken.None);

    [Fact]
    public async Task ScheduledRules_RunTwice_IssueTheDeadlineReminderOnceAndTellTheUnitsLiaisonOnce()
    {
        await using var walk = await Walk.StartAsync(app, "heihe-grassroots-2023");
        var town = await walk.UnitAsync("定时镇", "Town", "乡镇");
        await walk.OpenAsync("2023年度基层政务诚信监测（定时）", "2023", [town], walk.Now.AddDays(3), [walk.ReviewerId]);
        await RuleAsync(walk, RuleKind.DeadlineReminder, 7);

        await RunScheduledRulesAsync(walk.Now);
        await RunScheduledRulesAsync(walk.Now);
        var reminder = (await (await town.Liaison.GetAsync("/api/follow-up/reminders")).ReadAsync<List<ReminderView>>()).ShouldHaveSingleItem();
        (reminder.IssuedByName, reminder.SourceName).ShouldBe(("系统（定时规则）", "规则触发"));
        var inbox = await InboxAsync(town.UserName);
        inbox.ShouldHaveSingleItem().Title.ShouldBe("工作提示单：报送截止提示");
    }

    [Fact]
    public async Task Instruction_Logged_IssuesAReminderCarryingItToEachUnit()
    {
        await using var walk = await Walk.StartAsync(app, "heihe-grassroots-2023");
        var first = await walk.UnitAsync("批示一镇", "Town", "乡镇");
        var second = await walk.UnitAsync("批示二镇", "Town", "乡镇");
        var logged = await (await walk.Admin.PostJsonAsync("/api/follow-up/instructions",
            new LogInstructionRequest("王副市长", "2026-03-01", "各乡镇要对照监测指标逐项整改", [first.Id, second.Id]))).ReadAsync<InstructionView>();
        logged.Reminders.Select(r => r.UnitName).Order().ShouldBe(["批示一镇", "批示二镇"]);
        logged.Reminders.Select(r => r.Number).Distinct().Count().ShouldBe(2);
        var seen = (await (await first.Liaison.GetAsync("/api/follow-up/reminders")).ReadAsync<List<ReminderView>>()).ShouldHaveSingleItem();
        (seen.SourceName, seen.Content).ShouldBe(("领导批示", "王副市长于 2026年3月1日 批示：各乡镇要对照监测指标逐项整改"));
    }

    [Fact]
    public async Task Warning_PublishedScoreBelowThreshold_RaisedOnceShownToTheUnitAndClearedWithAReason()
    {
        await using var walk = await Walk.StartAsync(app, "heihe-grassroots-2023");
        var town = await walk.UnitAsync("预警镇", "Town", "乡镇");
        await walk.OpenAsync("2023年度基层政务诚信监测（预警）", "2023", [town], walk.Now.AddHours(2), [walk.ReviewerId]);
        walk.Advance(TimeSpan.FromHours(3));
        await walk.StartReviewAsync();
        await walk.PublishAsync();
        await RuleAsync(walk, RuleKind.ScoreBelow, 60);

        (await (await walk.Admin.PostAsync("/api/follow-up/rules/run", null)).ReadAsync<RunRulesResult>()).WarningsRaised.ShouldBeGreaterThanOrEqualTo(1);
        (await (await walk.Admin.PostAsync("/api/follow-up/rules/run", null)).ReadAsync<RunRulesResult>()).WarningsRaised.ShouldBe(0);
        var warning = (await (await town.Liaison.GetAsync("/api/follow-up/warnings")).ReadAsync<List<WarningView>>()).ShouldHaveSingleItem();
        (warning.KindName, warning.IsActive).ShouldBe(("得分低于阈值", true));
        warning.Reason.ShouldBe("「2023年度基层政务诚信监测（预警）」得分 0 分，低于 60 分");
        (await (await walk.Admin.GetAsync("/api/follow-up/warnings?active=true")).ReadAsync<List<WarningView>>()).ShouldContain(w => w.Id == warning.Id);

        (await (await walk.Admin.PostJsonAsync($"/api/follow-up/warnings/{warning.Id}/clear", new ClearWarningRequest("", 0)))
            .ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("reason")[0].GetString().ShouldBe("解除理由不能为空。");
        var cleared = await (await walk.Admin.PostJsonAsync($"/api/follow-up/warnings/{warning.Id}/clear", new ClearWarningRequest("已约谈主要负责人", 0)))
            .ReadAsync<WarningView>();
        (cleared.IsActive, cleared.ClearReason).ShouldBe((false, "已约谈主要负责人"));
        (await walk.Admin.PostJsonAsync($"/api/follow-up/warnings/{warning.Id}/clear", new ClearWarningRequest("再次", 1)))
            .StatusCode.ShouldBe(HttpStatusCode.Conflict);
        // The cause stays recorded: the next run does not raise the same warning again.
        (await (await walk.Admin.PostAsync("/api/follow-up/rules/run", null)).ReadAsync<RunRulesResult>()).WarningsRaised.ShouldBe(0);
    }

    [Fact]
    public async Task Order_IssueReplyFailInterviewRefer_EachStepMovesItAndEachRefusedStepIs409ChangingNothing()
    {
        await using var walk = await Walk.StartAsync(app, "heihe-grassroots-2023");
        var town = await walk.UnitAsync("督办镇", "Town", "乡镇");
        // Sessions end after a day; the clock moves by days here, so the office and the unit sign in again after each move.
        var adminName = "fu-admin-" + Guid.NewGuid().ToString("N")[..8];
        var admin = await walk.UserAsync(adminName, "市信用办督办员", Roles.OfficeAdmin, walk.City, ScopeKind.Subtree);
        var liaison = town.Liaison;
        async Task MoveAsync(TimeSpan by)
        {
            walk.Advance(by);
            admin = await app.SignInAsync(adminName);
            liaison = await app.SignInAsync(town.UserName);
        }
        var order = await IssueOrderAsync(walk, town, walk.Now.AddDays(10));
        order.Number.ShouldMatch(@"^〔2026〕第\d+号$");
        (order.StateName, order.DaysRemaining, order.IsOverdue).ShouldBe(("待整改", 10, false));
        var url = $"/api/follow-up/orders/{order.Id}";

        // Nothing to verify, interview or refer yet: each is a 409 and the order is as it was.
        (await (await admin.PostJsonAsync($"{url}/verify", new VerifyReplyRequest(true, null, 0))).ProblemAsync(HttpStatusCode.Conflict))
            .GetProperty("detail").GetString().ShouldBe("督办单当前为“待整改”，没有待核验的整改报告。");
        (await admin.PostJsonAsync($"{url}/interview", new RecordInterviewRequest(At(walk.Now), "张三", "约谈", "承诺", At(walk.Now.AddDays(5)), 0)))
            .StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await admin.PostJsonAsync($"{url}/referral", new ReferCaseRequest("督导考核问责专班", "移交", 0))).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await (await admin.GetAsync(url)).ReadAsync<OrderCaseView>()).Order.Version.ShouldBe(0);

        var file = new ByteArrayContent("报送台账（整改佐证）"u8.ToArray());
        var evidence = await (await liaison.PostAsync($"{url}/evidence?fileName={Uri.EscapeDataString("报送台账.txt")}", file)).ReadAsync<OrderEvidenceView>();
        evidence.TypeName.ShouldBe("文本");
        await MoveAsync(TimeSpan.FromDays(3));
        var replied = await (await liaison.PostJsonAsync($"{url}/reply", new ReplyToOrderRequest("已建立报送台账并明确专人", 0))).ReadAsync<OrderCaseView>();
        (replied.Order.StateName, replied.Order.DaysRemaining).ShouldBe(("待核验", 7));
        replied.Steps[^1].Evidence.Select(e => e.FileName).ShouldBe(["报送台账.txt"]);
        replied.PendingEvidence.ShouldBeEmpty();
        (await liaison.PostJsonAsync($"{url}/reply", new ReplyToOrderRequest("再报一次", 1))).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await liaison.PostJsonAsync($"{url}/verify", new VerifyReplyRequest(true, null, 1))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        (await admin.PostJsonAsync($"{url}/verify", new VerifyReplyRequest(false, "整改报告未附制度文件", 0))).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var failed = await (await admin.PostJsonAsync($"{url}/verify", new VerifyReplyRequest(false, "整改报告未附制度文件", 1))).ReadAsync<OrderCaseView>();
        (failed.Order.StateName, failed.Steps[^1].Text).ShouldBe(("核验不通过", "整改报告未附制度文件"));
        (await admin.PostJsonAsync($"{url}/referral", new ReferCaseRequest("督导考核问责专班", "移交", 2))).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        await MoveAsync(TimeSpan.FromDays(1));
        var interviewed = await (await admin.PostJsonAsync($"{url}/interview", new RecordInterviewRequest(At(walk.Now.AddHours(-2)),
            "督办镇镇长、市信用办主任", "指出报送台账流于形式", "一周内补齐制度文件", At(walk.Now.AddDays(7)), 2))).ReadAsync<OrderCaseView>();
        (interviewed.Order.StateName, interviewed.Order.DaysRemaining).ShouldBe(("已约谈", 7));
        (interviewed.Steps[^1].Attendees, interviewed.Steps[^1].Commitments).ShouldBe(("督办镇镇长、市信用办主任", "一周内补齐制度文件"));
        // After the interview the unit still has until the new deadline: no referral before it has passed.
        (await (await admin.PostJsonAsync($"{url}/referral", new ReferCaseRequest("督导考核问责专班", "移交", 3))).ProblemAsync(HttpStatusCode.Conflict))
            .GetProperty("detail").GetString().ShouldBe("约谈后整改期限未过、整改也未再次核验不通过，不能移交问责。");

        await MoveAsync(TimeSpan.FromDays(8));
        await RunScheduledRulesAsync(walk.Now);
        await RunScheduledRulesAsync(walk.Now);
        (await InboxAsync(town.UserName)).Select(n => n.Title).ShouldBe([$"收到督办单", $"督办单{order.Number}核验不通过", $"督办单{order.Number}约谈记录",
            $"督办单{order.Number}已逾期"]);
        var overdue = (await (await admin.GetAsync("/api/follow-up/orders?open=true")).ReadAsync<List<OrderView>>()).Single(o => o.Id == order.Id);
        (overdue.IsOverdue, overdue.DaysRemaining).ShouldBe((true, -1));
        var referred = await (await admin.PostJsonAsync($"{url}/referral",
            new ReferCaseRequest("督导考核问责专班", "约谈后逾期仍未整改到位", 3))).ReadAsync<OrderCaseView>();
        referred.Order.StateName.ShouldBe("已移交问责");
        referred.Steps.Select(s => s.KindName).ShouldBe(["下发督办", "整改报告", "核验不通过", "约谈", "移交问责线索"]);
        referred.Document.Title.ShouldBe("问责线索移交函");
        referred.Document.Addressee.ShouldBe("督导考核问责专班");
        referred.Document.Sections.Single(s => s.Heading == "督办过程").Paragraphs.Count.ShouldBe(4);
        (await (await admin.GetAsync("/api/follow-up/orders?open=true")).ReadAsync<List<OrderView>>()).ShouldNotContain(o => o.Id == order.Id);
        (await AuditCountAsync("supervision-order", order.Id)).ShouldBe(5);
    }

    [Fact]
    public async Task Order_TwoRacingIssues_TakeConsecutiveNumbersWithoutGaps()
    {
        await using var walk = await Walk.StartAsync(app, "heihe-grassroots-2023");
        var town = await walk.UnitAsync("编号镇", "Town", "乡镇");
        var racing = await Task.WhenAll(
            walk.Admin.PostJsonAsync("/api/follow-up/orders", new IssueOrderRequest(town.Id, "问题一", "要求一", At(walk.Now.AddDays(5)), null)),
            walk.SecondAdmin.PostJsonAsync("/api/follow-up/orders", new IssueOrderRequest(town.Id, "问题二", "要求二", At(walk.Now.AddDays(5)), null)));
        var numbers = new List<int>();
        foreach (var response in racing)
            numbers.Add(int.Parse((await response.ReadAsync<OrderView>()).Number.Split('第')[1].TrimEnd('号'), CultureInfo.InvariantCulture));
        numbers.Order().ShouldBe([numbers.Min(), numbers.Min() + 1]);
        var next = await IssueOrderAsync(walk, town, walk.Now.AddDays(5));
        next.Number.ShouldBe($"〔2026〕第{numbers.Max() + 1}号");
    }

    [Fact]
    public async Task Verify_TwoRacingVerifications_OneIsStoredTheOtherIsAConflict()
    {
        await using var walk = await Walk.StartAsync(app, "heihe-grassroots-2023");
        var town = await walk.UnitAsync("竞核镇", "Town", "乡镇");
        var order = await IssueOrderAsync(walk, town, walk.Now.AddDays(5));
        var owed = (await (await town.Liaison.GetAsync("/api/workspace/tasks")).ReadAsync<List<WorkspaceTask>>()).Single(t => t.Kind == FollowUpTasks.ReplyOrder);
        (owed.Count, owed.Due).ShouldBe((1, order.Deadline));
        await (await town.Liaison.PostJsonAsync($"/api/follow-up/orders/{order.Id}/reply", new ReplyToOrderRequest("已整改", 0))).ReadAsync<OrderCaseView>();
        (await (await town.Liaison.GetAsync("/api/workspace/tasks")).ReadAsync<List<WorkspaceTask>>()).ShouldNotContain(t => t.Kind == FollowUpTasks.ReplyOrder);
        (await (await walk.Admin.GetAsync("/api/workspace/tasks")).ReadAsync<List<WorkspaceTask>>()).ShouldContain(t => t.Kind == FollowUpTasks.VerifyReply);
        var racing = await Task.WhenAll(
            walk.Admin.PostJsonAsync($"/api/follow-up/orders/{order.Id}/verify", new VerifyReplyRequest(true, null, 1)),
            walk.SecondAdmin.PostJsonAsync($"/api/follow-up/orders/{order.Id}/verify", new VerifyReplyRequest(false, "材料不全", 1)));
        racing.Select(r => r.StatusCode).Order().ShouldBe([HttpStatusCode.OK, HttpStatusCode.Conflict]);
        var stored = await (await walk.Admin.GetAsync($"/api/follow-up/orders/{order.Id}")).ReadAsync<OrderCaseView>();
        (stored.Order.Version, stored.Steps.Count).ShouldBe((2, 3));
    }

    [Fact]
    public async Task Orders_Liaison_SeesOnlyItsOwnUnitsAndCannotIssueOrReplyForAnother()
    {
        await using var walk = await Walk.StartAsync(app, "heihe-grassroots-2023");
        var own = await walk.UnitAsync("本镇", "Town", "乡镇");
        var other = await walk.UnitAsync("他镇", "Town", "乡镇");
        var mine = await IssueOrderAsync(walk, own, walk.Now.AddDays(5));
        var theirs = await IssueOrderAsync(walk, other, walk.Now.AddDays(5));

        (await (await own.Liaison.GetAsync("/api/follow-up/orders")).ReadAsync<List<OrderView>>()).Select(o => o.Id).ShouldBe([mine.Id]);
        await (await own.Liaison.GetAsync($"/api/follow-up/orders/{theirs.Id}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await own.Liaison.PostJsonAsync($"/api/follow-up/orders/{theirs.Id}/reply", new ReplyToOrderRequest("代报", 0)))
            .ProblemAsync(HttpStatusCode.NotFound);
        (await own.Liaison.PostJsonAsync("/api/follow-up/orders", new IssueOrderRequest(own.Id, "自查", "自改", At(walk.Now.AddDays(5)), null)))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var foreign = app.World.Unit("B-C1").Id;
        await (await walk.Admin.PostJsonAsync("/api/follow-up/orders", new IssueOrderRequest(foreign, "他办", "他办", At(walk.Now.AddDays(5)), null)))
            .ProblemAsync(HttpStatusCode.NotFound);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class FollowUpChainTestsOnSqlite(SqliteApp app) : FollowUpChainTests(app);

[Collection(PostgresCollection.Name)]
public sealed class FollowUpChainTestsOnPostgres(PostgresApp app) : FollowUpChainTests(app);
