using System.Net;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Features.Notifications;
using Chengxin.Server.Features.Submissions;
using Chengxin.Server.Infrastructure;
using Chengxin.Server.Infrastructure.Scheduling;
using Chengxin.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Chengxin.Server.Tests.Notifications;

/// <summary>
/// Notices from workflow steps to the people concerned: the inbox (unread first, count, read), a cause never told twice, the
/// office's channels (a webhook in the robots' JSON, e-mail to Debian's SMTP sink) sent from the outbox with retries, the failed
/// deliveries the office sees and sends again, and a channel that fails never failing the step that posted the notice.
/// </summary>
public abstract class NotificationTests(AppFixture app)
{
    private static string Tag() => Guid.NewGuid().ToString("N")[..8];

    private long T1 => app.World.Unit("A-C1-T1").Id;

    private static string Url(long campaignId, long unitId) => $"/api/campaigns/{campaignId}/units/{unitId}/submission";

    private Task<OutboxDispatcher> DispatcherAsync() => Task.FromResult(app.Factory.Services.GetRequiredService<OutboxDispatcher>());

    /// <summary>A campaign of A-C1-T1 whose submission a-liaison has submitted; answers its id.</summary>
    private async Task<long> SubmittedCampaignAsync()
    {
        var admin = await app.SessionAsync("a-admin");
        var liaison = await app.SessionAsync("a-liaison");
        var campaign = await (await admin.PostJsonAsync("/api/campaigns", CampaignTests.OpenRequest("通知" + Tag(), [T1],
            reviewers: [app.World.Users["a-reviewer"].Id], evidenceDue: app.Clock.GetUtcNow().AddDays(10).ToString("o")))).ReadAsync<CampaignResponse>();
        (await admin.PostAsync($"/api/campaigns/{campaign.Id}/open", null)).EnsureSuccessStatusCode();
        var url = Url(campaign.Id, T1);
        (await liaison.PutJsonAsync($"{url}/items/1.1", new SaveItemRequest([], "本期无法提供"))).EnsureSuccessStatusCode();
        (await liaison.PostAsync($"{url}/submit", null)).EnsureSuccessStatusCode();
        return campaign.Id;
    }

    private async Task<T> WithDbAsync<T>(Func<ChengxinDbContext, Task<T>> read)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<ChengxinDbContext>());
    }

    /// <summary>Posts a notice outside any request, as scheduled work would, and commits it.</summary>
    private async Task PostAsync(IReadOnlyCollection<Guid> users, Notice notice)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChengxinDbContext>();
        await Notices.PostAsync(db, users, notice, CancellationToken.None);
        await db.SaveChangesAsync();
    }

    private Task<(HttpClient Client, Guid Id)> FreshAdminAsync(string? email = null) => OfficeWideAdmin.NewAsync(app, email);

    private static ChannelRequest Webhook(string url, string name, bool enabled = true, int version = 0) =>
        new(ChannelKinds.Webhook, name, enabled, null, null, null, null, null, null, false, url, "诚信", version);

    private async Task<ChannelView> AddChannelAsync(HttpClient admin, ChannelRequest request)
    {
        var response = await admin.PostJsonAsync("/api/notifications/channels", request);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.ReadAsync<ChannelView>();
    }

    /// <summary>Channels are office-wide: each test turns its own off, so that later tests' notices are not queued to it.</summary>
    private static async Task DisableAsync(HttpClient admin, ChannelView channel, ChannelRequest request) =>
        (await admin.PutJsonAsync($"/api/notifications/channels/{channel.Id}", request with { IsEnabled = false, ExpectedVersion = channel.Version }))
            .EnsureSuccessStatusCode();

    [Fact]
    public async Task ReturnSubmission_TellsTheUnitsLiaisons_InboxListsItUnreadFirstUntilRead()
    {
        var campaignId = await SubmittedCampaignAsync();
        var admin = await app.SessionAsync("a-admin");
        var liaison = await app.SignInAsync("a-liaison");
        (await liaison.PostAsync("/api/inbox/read-all", null)).EnsureSuccessStatusCode();

        (await admin.PostJsonAsync($"{Url(campaignId, T1)}/return", new ReturnSubmissionRequest("请补充会议纪要", app.Clock.GetUtcNow().AddDays(3).ToString("o"))))
            .EnsureSuccessStatusCode();

        (await (await liaison.GetAsync("/api/inbox/unread-count")).ReadAsync<UnreadCount>()).Count.ShouldBe(1);
        var inbox = await (await liaison.GetAsync("/api/inbox?pageSize=5")).ReadAsync<InboxPage>();
        var notice = inbox.Items[0];
        (notice.Kind, notice.ReadAt).ShouldBe(("returned", null));
        notice.Title.ShouldStartWith("报送被退回补充：通知");
        notice.Body.ShouldContain("请补充会议纪要");
        notice.LinkPath.ShouldBe($"/submission?campaign={campaignId}&unit={T1}");
        var read = await (await liaison.PostAsync($"/api/inbox/{notice.Id}/read", null)).ReadAsync<InboxItemView>();
        read.ReadAt.ShouldNotBeNull();
        (await (await liaison.GetAsync("/api/inbox/unread-count")).ReadAsync<UnreadCount>()).Count.ShouldBe(0);
        // Nobody reads another's notice.
        var other = await app.SessionAsync("a-reviewer");
        await (await other.PostAsync($"/api/inbox/{notice.Id}/read", null)).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Submit_TellsTheOffice_WithTheUnitsName()
    {
        var (admin, _) = await FreshAdminAsync();
        await SubmittedCampaignAsync();

        var inbox = await (await admin.GetAsync("/api/inbox")).ReadAsync<InboxPage>();

        inbox.Items.ShouldContain(n => n.Kind == "submitted" && n.Title.Contains(app.World.Unit("A-C1-T1").Name));
    }

    [Fact]
    public async Task Submit_TellsOnlyTheAdminsWhoseScopeTakesInTheUnit()
    {
        var tag = Tag();
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        async Task<Guid> AdminAsync(string code, ScopeKind kind) =>
            (await TestWorld.AddUserAsync(users, $"notify-{code}-{kind}-{tag}".ToLowerInvariant(), "范围测试管理员", app.World.Unit(code), Roles.OfficeAdmin,
                kind, app.Clock.GetUtcNow().UtcDateTime)).Id;
        var (city, county, town) = (await AdminAsync("A", ScopeKind.Subtree), await AdminAsync("A-C1", ScopeKind.Subtree), await AdminAsync("A-C1-T1", ScopeKind.OwnUnit));
        var (otherCounty, otherTown) = (await AdminAsync("A-C2", ScopeKind.Subtree), await AdminAsync("A-C1-T2", ScopeKind.OwnUnit));

        await SubmittedCampaignAsync();

        var told = await WithDbAsync(db => db.Notifications.IgnoreQueryFilters()
            .Where(n => n.Kind == "submitted" && new[] { city, county, town, otherCounty, otherTown }.Contains(n.UserId)).Select(n => n.UserId).ToListAsync());
        told.Order().ShouldBe(new[] { city, county, town }.Order());
    }

    [Fact]
    public async Task Post_SameCauseTwice_TellsEachUserOnce()
    {
        var (admin, me) = await FreshAdminAsync();
        var cause = "test:" + Tag();

        await PostAsync([me], new Notice("reminder", "提示单", "请按时报送", null, cause));
        await PostAsync([me, me], new Notice("reminder", "提示单（重复）", "请按时报送", null, cause));

        var inbox = await (await admin.GetAsync("/api/inbox")).ReadAsync<InboxPage>();
        inbox.Items.Count(n => n.Title.StartsWith("提示单")).ShouldBe(1);
        (await WithDbAsync(db => db.Notifications.IgnoreQueryFilters().CountAsync(n => n.CauseKey == cause))).ShouldBe(1);
    }

    [Fact]
    public async Task Inbox_ManyNotices_PagesUnreadFirstNewestFirst()
    {
        var (admin, me) = await FreshAdminAsync();
        for (var i = 1; i <= 3; i++)
        {
            await PostAsync([me], new Notice("reminder", $"第{i}条", "内容", null, $"page:{Tag()}"));
            app.Clock.Advance(TimeSpan.FromMinutes(1));
        }
        var first = (await (await admin.GetAsync("/api/inbox?pageSize=2")).ReadAsync<InboxPage>()).Items[1];
        (await admin.PostAsync($"/api/inbox/{first.Id}/read", null)).EnsureSuccessStatusCode();

        var page1 = await (await admin.GetAsync("/api/inbox?page=1&pageSize=2")).ReadAsync<InboxPage>();
        var page2 = await (await admin.GetAsync("/api/inbox?page=2&pageSize=2")).ReadAsync<InboxPage>();

        (page1.Total, page1.Unread).ShouldBe((3, 2));
        page1.Items.Concat(page2.Items).Select(n => n.Title).ShouldBe(["第3条", "第1条", "第2条"]);
    }

    [Fact]
    public async Task Webhook_DeliversOnceInTheRobotsJson_AndNotAgain()
    {
        using var receiver = new WebhookReceiver();
        var (admin, me) = await FreshAdminAsync();
        var request = Webhook(receiver.Url, "群机器人" + Tag());
        var channel = await AddChannelAsync(admin, request);
        var title = "督办提醒" + Tag();
        try
        {
            await PostAsync([me], new Notice("supervision", title, "请于三日内整改", null, "hook:" + Tag()));
            await (await DispatcherAsync()).DispatchDueAsync(CancellationToken.None);
            await (await DispatcherAsync()).DispatchDueAsync(CancellationToken.None);
        }
        finally
        {
            await DisableAsync(admin, channel, request);
        }

        var mine = receiver.Bodies.Where(b => b.Contains(title)).ToList();
        mine.Count.ShouldBe(1);
        mine[0].ShouldBe($"诚信 {title}\n请于三日内整改");
        using var json = System.Text.Json.JsonDocument.Parse(receiver.Raw.Single(r => r.Contains("msgtype")));
        json.RootElement.GetProperty("msgtype").GetString().ShouldBe("text");
    }

    [Fact]
    public async Task Webhook_AnswersAServerError_IsRetriedAfterTheBackoffAndDeliveredOnce()
    {
        using var receiver = new WebhookReceiver();
        receiver.AnswerNext(HttpStatusCode.InternalServerError);
        var (admin, me) = await FreshAdminAsync();
        var request = Webhook(receiver.Url, "群机器人" + Tag());
        var channel = await AddChannelAsync(admin, request);
        var title = "预警" + Tag();
        try
        {
            await PostAsync([me], new Notice("warning", title, "得分低于60分", null, "retry:" + Tag()));
            await (await DispatcherAsync()).DispatchDueAsync(CancellationToken.None);
            var waiting = await WithDbAsync(db => db.OutboxMessages.IgnoreQueryFilters().SingleAsync(m => m.ChannelId == channel.Id));
            (waiting.State, waiting.Attempts, waiting.LastError).ShouldBe((OutboxState.Pending, 1, "接收地址返回错误（HTTP 500）。"));
            // Not due before its backoff has passed.
            await (await DispatcherAsync()).DispatchDueAsync(CancellationToken.None);
            receiver.Bodies.Count(b => b.Contains(title)).ShouldBe(1);

            app.Clock.Advance(OutboxDispatcher.Backoff(1));
            await (await DispatcherAsync()).DispatchDueAsync(CancellationToken.None);
        }
        finally
        {
            await DisableAsync(admin, channel, request);
        }

        receiver.Bodies.Count(b => b.Contains(title)).ShouldBe(2);
        var sent = await WithDbAsync(db => db.OutboxMessages.IgnoreQueryFilters().SingleAsync(m => m.ChannelId == channel.Id));
        (sent.State, sent.Attempts, sent.LastError).ShouldBe((OutboxState.Sent, 2, null));
    }

    [Fact]
    public async Task Webhook_FailingEveryAttempt_IsFailedAfterTheLast_TheOfficeSeesWhyAndSendsItAgain()
    {
        using var receiver = new WebhookReceiver { AlwaysFail = true };
        var (admin, me) = await FreshAdminAsync();
        var request = Webhook(receiver.Url, "群机器人" + Tag());
        var channel = await AddChannelAsync(admin, request);
        try
        {
            await PostAsync([me], new Notice("warning", "连续迟报" + Tag(), "两次迟报", null, "fail:" + Tag()));
            for (var attempt = 1; attempt <= OutboxDispatcher.MaxAttempts; attempt++)
            {
                await (await DispatcherAsync()).DispatchDueAsync(CancellationToken.None);
                app.Clock.Advance(OutboxDispatcher.Backoff(attempt));
            }
            await (await DispatcherAsync()).DispatchDueAsync(CancellationToken.None);
            receiver.Bodies.Count.ShouldBe(OutboxDispatcher.MaxAttempts);

            var failed = (await (await admin.GetAsync("/api/notifications/deliveries")).ReadAsync<List<DeliveryView>>())
                .Single(d => d.ChannelId == channel.Id);
            (failed.StateName, failed.Attempts, failed.LastError).ShouldBe(("发送失败", OutboxDispatcher.MaxAttempts, "接收地址返回错误（HTTP 500）。"));
            var listed = (await (await admin.GetAsync("/api/notifications/channels")).ReadAsync<List<ChannelView>>()).Single(c => c.Id == channel.Id);
            listed.FailedCount.ShouldBe(1);

            receiver.AlwaysFail = false;
            var retried = await (await admin.PostAsync($"/api/notifications/deliveries/{failed.Id}/retry", null)).ReadAsync<DeliveryView>();
            (retried.StateName, retried.Attempts).ShouldBe(("待发送", 0));
            await (await admin.PostAsync($"/api/notifications/deliveries/{failed.Id}/retry", null)).ProblemAsync(HttpStatusCode.Conflict);
            // The retry is audited once; the refused second one left no trace.
            var retries = await WithDbAsync(db => db.AuditEvents.IgnoreQueryFilters()
                .Where(e => e.Action == Deliveries.RetriedAction && e.EntityId == failed.Id.ToString()).Select(e => e.After).ToListAsync());
            retries.Count.ShouldBe(1);
            retries[0]!.ShouldContain("接收地址返回错误（HTTP 500）。");
            await (await DispatcherAsync()).DispatchDueAsync(CancellationToken.None);
        }
        finally
        {
            await DisableAsync(admin, channel, request);
        }
        receiver.Bodies.Count.ShouldBe(OutboxDispatcher.MaxAttempts + 1);
        (await WithDbAsync(db => db.OutboxMessages.IgnoreQueryFilters().SingleAsync(m => m.ChannelId == channel.Id))).State.ShouldBe(OutboxState.Sent);
    }

    [Fact]
    public async Task Email_ToTheLocalSmtpSink_ArrivesWithItsChineseSubject()
    {
        using var sink = await SmtpSink.StartAsync();
        var (admin, me) = await FreshAdminAsync("notify-" + Tag() + "@example.cn");
        var request = new ChannelRequest(ChannelKinds.Email, "市信用办邮箱", true, "127.0.0.1", sink.Port, "none", "xinyong@example.cn", null, null, false,
            null, null, 0);
        var channel = await AddChannelAsync(admin, request);
        var title = "督办单〔2026〕第1号：请限期整改" + Tag();
        try
        {
            await PostAsync([me], new Notice("supervision", title, "整改期限：2026年3月20日", null, "mail:" + Tag()));
            await (await DispatcherAsync()).DispatchDueAsync(CancellationToken.None);
            await (await DispatcherAsync()).DispatchDueAsync(CancellationToken.None);
        }
        finally
        {
            await DisableAsync(admin, channel, request);
        }

        var sent = await WithDbAsync(db => db.OutboxMessages.IgnoreQueryFilters().SingleAsync(m => m.ChannelId == channel.Id));
        sent.State.ShouldBe(OutboxState.Sent, $"{sent.LastError}\n{sink.Log}");
        var message = sink.Messages().ShouldHaveSingleItem();
        message.Subject.ShouldBe(title);
        (message.TextBody ?? "").ShouldContain("整改期限：2026年3月20日");
        message.From.Mailboxes.Single().Address.ShouldBe("xinyong@example.cn");
    }

    [Fact]
    public async Task ReturnSubmission_WithAChannelThatCannotConnect_StillSucceedsAndQueuesTheMessage()
    {
        var (admin, _) = await FreshAdminAsync();
        var dead = $"http://127.0.0.1:{WebhookReceiver.FreePort()}/robot";
        var request = Webhook(dead, "失联机器人" + Tag());
        var channel = await AddChannelAsync(admin, request);
        try
        {
            var campaignId = await SubmittedCampaignAsync();
            var returned = await admin.PostJsonAsync($"{Url(campaignId, T1)}/return",
                new ReturnSubmissionRequest("补充材料", app.Clock.GetUtcNow().AddDays(3).ToString("o")));
            returned.StatusCode.ShouldBe(HttpStatusCode.OK, await returned.Content.ReadAsStringAsync());
            await (await DispatcherAsync()).DispatchDueAsync(CancellationToken.None);
        }
        finally
        {
            await DisableAsync(admin, channel, request);
        }
        var queued = await WithDbAsync(db => db.OutboxMessages.IgnoreQueryFilters().Where(m => m.ChannelId == channel.Id).ToListAsync());
        queued.ShouldNotBeEmpty();
        queued.ShouldAllBe(m => m.State == OutboxState.Pending && m.LastError == "无法连接接收地址。");
    }

    [Fact]
    public async Task Channel_ChangedWithAStaleVersion_Returns409AndKeepsTheSecretUnanswered()
    {
        var (admin, _) = await FreshAdminAsync();
        var request = Webhook("https://oapi.dingtalk.com/robot/send?access_token=x", "钉钉" + Tag(), enabled: false) with { Secret = "SECabc" };
        var channel = await AddChannelAsync(admin, request);
        channel.HasSecret.ShouldBeTrue();
        var body = await (await admin.GetAsync("/api/notifications/channels")).Content.ReadAsStringAsync();
        body.ShouldNotContain("SECabc");

        var renamed = await (await admin.PutJsonAsync($"/api/notifications/channels/{channel.Id}", request with { Name = "钉钉群", Secret = null }))
            .ReadAsync<ChannelView>();
        (renamed.Name, renamed.HasSecret, renamed.Version).ShouldBe(("钉钉群", true, 1));
        await (await admin.PutJsonAsync($"/api/notifications/channels/{channel.Id}", request with { Name = "过期" }))
            .ProblemAsync(HttpStatusCode.Conflict);
        var audit = await WithDbAsync(db => db.AuditEvents.IgnoreQueryFilters()
            .Where(e => e.EntityType == "notification-channel" && e.EntityId == channel.Id.ToString()).Select(e => e.After).ToListAsync());
        audit.Count.ShouldBe(2);
        audit.ShouldAllBe(a => a != null && !a.Contains("SECabc"));
    }

    [Fact]
    public async Task Channels_AsACountysAdmin_AreRefusedWithTheReasonAndNotOfferedInTheProfile()
    {
        // a-admin holds the office admin's role over one county: the channels and what they failed to send name the whole office.
        var county = await app.SessionAsync("a-admin");
        var refused = await (await county.GetAsync("/api/notifications/deliveries")).ProblemAsync(HttpStatusCode.Forbidden);
        refused.GetProperty("detail").GetString().ShouldBe("外发通道和发送记录由负责全辖区的信用办管理员管理。");
        var me = await (await county.GetAsync("/api/auth/me")).ReadAsync<Features.Auth.AuthEndpoints.MeResponse>();
        (me.Permissions.Contains(NotificationPermissions.Channels), me.Permissions.Contains(NotificationPermissions.Inbox)).ShouldBe((false, true));

        var (city, _) = await FreshAdminAsync();
        (await (await city.GetAsync("/api/auth/me")).ReadAsync<Features.Auth.AuthEndpoints.MeResponse>()).Permissions
            .ShouldContain(NotificationPermissions.Channels);
        (await city.GetAsync("/api/notifications/deliveries")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public void Signed_DingTalkSecret_MatchesTheirDocumentedAlgorithm()
    {
        // HMAC-SHA256 over "1700000000000\nSECtest" keyed by "SECtest", Base64 then URL-encoded, computed independently with Python's hmac.
        ChannelSenders.Signed("https://oapi.dingtalk.com/robot/send?access_token=t", "SECtest", 1700000000000)
            .ShouldBe("https://oapi.dingtalk.com/robot/send?access_token=t&timestamp=1700000000000&sign=" + ExpectedSign);
    }

    private const string ExpectedSign = "aZLLrriXgn05YbwaGR7knYsLeJADjr9NwLaNNKpxh4g%3D";
}

[Collection(SqliteCollection.Name)]
public sealed class NotificationTestsOnSqlite(SqliteApp app) : NotificationTests(app);

[Collection(PostgresCollection.Name)]
public sealed class NotificationTestsOnPostgres(PostgresApp app) : NotificationTests(app);
