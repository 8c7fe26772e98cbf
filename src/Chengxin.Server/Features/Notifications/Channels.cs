using Chengxin.Server.Data;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Notifications;

/// <summary>
/// An outbound channel as the office fills it in. <paramref name="Secret"/> is the SMTP password or the DingTalk signing secret:
/// left empty it keeps the stored one (it is never answered back), <paramref name="ClearSecret"/> removes it.
/// </summary>
public sealed record ChannelRequest(string? Kind, string? Name, bool IsEnabled, string? SmtpHost, int? SmtpPort, string? SmtpSecurity,
    string? SenderAddress, string? SmtpUserName, string? Secret, bool ClearSecret, string? WebhookUrl, string? WebhookKeyword, int ExpectedVersion);

public sealed record ChannelView(long Id, string Kind, string Name, bool IsEnabled, string? SmtpHost, int? SmtpPort, string? SmtpSecurity,
    string? SenderAddress, string? SmtpUserName, bool HasSecret, string? WebhookUrl, string? WebhookKeyword, int Version,
    DateTimeOffset UpdatedAt, string UpdatedByName, int FailedCount, int PendingCount);

public sealed record TestChannelRequest(string? Address);

public sealed record TestChannelResult(bool Delivered, string? Error);

/// <summary>The office's outbound channels: listed, added, changed (with the version read: of two racing changes one wins), tried.</summary>
public static class Channels
{
    private static readonly string[] SecurityModes = ["none", "starttls", "ssl"];

    public static async Task<IResult> List(ChengxinDbContext db, CancellationToken ct)
    {
        var channels = await db.NotificationChannels.AsNoTracking().OrderBy(c => c.Id).ToListAsync(ct);
        var counts = await db.OutboxMessages.AsNoTracking().Where(m => m.State == OutboxState.Failed || m.State == OutboxState.Pending)
            .GroupBy(m => new { m.ChannelId, m.State }).Select(g => new { g.Key.ChannelId, g.Key.State, Count = g.Count() }).ToListAsync(ct);
        return TypedResults.Ok(channels.Select(c => View(c,
            counts.Where(x => x.ChannelId == c.Id && x.State == OutboxState.Failed).Sum(x => x.Count),
            counts.Where(x => x.ChannelId == c.Id && x.State == OutboxState.Pending).Sum(x => x.Count))).ToList());
    }

    public static async Task<IResult> Create(ChannelRequest request, ChengxinDbContext db, AccessScope scope, ChannelSenders senders,
        TimeProvider clock, CancellationToken ct)
    {
        var validation = Validate(request, isNew: true);
        if (!validation.IsValid)
            return validation.Problem();
        var channel = new NotificationChannel
        {
            TenantId = scope.TenantId, Kind = request.Kind!, Name = request.Name!.Trim(), UpdatedByName = scope.ActorName,
        };
        Apply(channel, request, senders, scope, clock);
        db.NotificationChannels.Add(channel);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/notifications/channels/{channel.Id}", View(channel, 0, 0));
    }

    public static async Task<IResult> Update(long id, ChannelRequest request, ChengxinDbContext db, AccessScope scope, ChannelSenders senders,
        TimeProvider clock, CancellationToken ct)
    {
        var channel = await db.NotificationChannels.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (channel is null)
            return ProblemResponses.NotFound("通知通道");
        var validation = Validate(request with { Kind = channel.Kind }, isNew: false);
        if (!validation.IsValid)
            return validation.Problem();
        if (channel.Version != request.ExpectedVersion)
            return ProblemResponses.Conflict(DatabaseConflicts.Message);
        channel.Name = request.Name!.Trim();
        Apply(channel, request with { Kind = channel.Kind }, senders, scope, clock);
        channel.Version++;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(View(channel, 0, 0));
    }

    /// <summary>Sends a test message now and answers whether it went through and, if not, why; nothing is queued or stored.</summary>
    public static async Task<IResult> Test(long id, TestChannelRequest request, ChengxinDbContext db, AccessScope scope, ChannelSenders senders,
        CancellationToken ct)
    {
        var channel = await db.NotificationChannels.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (channel is null)
            return ProblemResponses.NotFound("通知通道");
        string? address = null;
        if (channel.Kind == ChannelKinds.Email)
        {
            address = request.Address?.Trim() is { Length: > 0 } given
                ? given
                : await db.Users.AsNoTracking().Where(u => u.Id == scope.UserId).Select(u => u.Email).FirstOrDefaultAsync(ct);
            var validation = new Validation();
            if (string.IsNullOrWhiteSpace(address))
                validation.Add("address", "请填写接收测试邮件的邮箱地址。");
            else if (!MimeKit.MailboxAddress.TryParse(address, out _))
                validation.Add("address", "邮箱地址格式不正确。");
            if (!validation.IsValid)
                return validation.Problem();
        }
        try
        {
            await senders.SendAsync(channel, address, scope.ActorName, "诚信平台通知测试", $"这是一条测试消息，由{scope.ActorName}从“{channel.Name}”发出。", ct);
            return TypedResults.Ok(new TestChannelResult(true, null));
        }
        catch (DeliveryException e)
        {
            return TypedResults.Ok(new TestChannelResult(false, e.Message));
        }
    }

    private static Validation Validate(ChannelRequest r, bool isNew)
    {
        var validation = new Validation().Required("name", r.Name, "通道名称", 100);
        if (isNew && r.Kind is not (ChannelKinds.Email or ChannelKinds.Webhook))
            validation.Add("kind", "请选择通道类型：电子邮件或群机器人。");
        if (r.Kind == ChannelKinds.Email)
        {
            validation.Required("smtpHost", r.SmtpHost, "邮件服务器地址", 255);
            if (r.SmtpPort is not (> 0 and < 65536))
                validation.Add("smtpPort", "端口须在 1 到 65535 之间。");
            if (r.SmtpSecurity is not null && !SecurityModes.Contains(r.SmtpSecurity))
                validation.Add("smtpSecurity", "加密方式须为不加密、STARTTLS 或 SSL/TLS。");
            validation.Required("senderAddress", r.SenderAddress, "发件人地址", 256);
            if (!string.IsNullOrWhiteSpace(r.SenderAddress) && !MimeKit.MailboxAddress.TryParse(r.SenderAddress.Trim(), out _))
                validation.Add("senderAddress", "发件人地址格式不正确。");
            if (r.SmtpUserName is { Length: > 256 })
                validation.Add("smtpUserName", "用户名不能超过 256 个字符。");
        }
        if (r.Kind == ChannelKinds.Webhook)
        {
            validation.Required("webhookUrl", r.WebhookUrl, "接收地址", 1000);
            if (!string.IsNullOrWhiteSpace(r.WebhookUrl)
                && !(Uri.TryCreate(r.WebhookUrl.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
                validation.Add("webhookUrl", "接收地址须为 http 或 https 开头的完整网址。");
            if (r.WebhookKeyword is { Length: > 50 })
                validation.Add("webhookKeyword", "关键词不能超过 50 个字符。");
        }
        if (r.Secret is { Length: > 500 })
            validation.Add("secret", "密码或密钥不能超过 500 个字符。");
        return validation;
    }

    private static void Apply(NotificationChannel channel, ChannelRequest r, ChannelSenders senders, AccessScope scope, TimeProvider clock)
    {
        var email = channel.Kind == ChannelKinds.Email;
        channel.IsEnabled = r.IsEnabled;
        channel.SmtpHost = email ? r.SmtpHost?.Trim() : null;
        channel.SmtpPort = email ? r.SmtpPort : null;
        channel.SmtpSecurity = email ? r.SmtpSecurity ?? "none" : null;
        channel.SenderAddress = email ? r.SenderAddress?.Trim() : null;
        channel.SmtpUserName = email && !string.IsNullOrWhiteSpace(r.SmtpUserName) ? r.SmtpUserName.Trim() : null;
        channel.WebhookUrl = email ? null : r.WebhookUrl?.Trim();
        channel.WebhookKeyword = email || string.IsNullOrWhiteSpace(r.WebhookKeyword) ? null : r.WebhookKeyword.Trim();
        if (r.ClearSecret)
            channel.ProtectedSecret = null;
        else if (!string.IsNullOrEmpty(r.Secret))
            channel.ProtectedSecret = senders.Protect(r.Secret);
        channel.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        channel.UpdatedByName = scope.ActorName;
    }

    private static ChannelView View(NotificationChannel c, int failed, int pending) =>
        new(c.Id, c.Kind, c.Name, c.IsEnabled, c.SmtpHost, c.SmtpPort, c.SmtpSecurity, c.SenderAddress, c.SmtpUserName,
            !string.IsNullOrEmpty(c.ProtectedSecret), c.WebhookUrl, c.WebhookKeyword, c.Version, BeijingTime.Local(c.UpdatedAt), c.UpdatedByName,
            failed, pending);
}
