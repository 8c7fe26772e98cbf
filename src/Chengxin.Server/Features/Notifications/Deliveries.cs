using System.Globalization;
using System.Text.Json;
using Chengxin.Server.Data;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Notifications;

public sealed record DeliveryView(long Id, long ChannelId, string ChannelName, string? Recipient, string Subject, string StateName,
    bool Failed, int Attempts, string? LastError, DateTimeOffset CreatedAt, DateTimeOffset NextAttemptAt, DateTimeOffset? SentAt);

/// <summary>
/// What the office's channels failed to deliver, with the reason, and a retry: a failed message goes back to the queue with its
/// attempts counted afresh. Only a failed message is retried; anything else is a 409 and changes nothing.
/// </summary>
public static class Deliveries
{
    public static async Task<IResult> List(bool? failedOnly, ChengxinDbContext db, CancellationToken ct)
    {
        var onlyFailed = failedOnly ?? true;
        var rows = await db.OutboxMessages.AsNoTracking().Where(m => !onlyFailed || m.State == OutboxState.Failed)
            .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).Take(500).ToListAsync(ct);
        var names = await db.NotificationChannels.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        return TypedResults.Ok(rows.Select(m => View(m, names.GetValueOrDefault(m.ChannelId, ""))).ToList());
    }

    public const string RetriedAction = "notification.retried";

    public static async Task<IResult> Retry(long id, ChengxinDbContext db, AccessScope scope, TimeProvider clock, CancellationToken ct)
    {
        var message = await db.OutboxMessages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct);
        if (message is null)
            return ProblemResponses.NotFound("发送记录");
        var channel = await db.NotificationChannels.AsNoTracking().Where(c => c.Id == message.ChannelId).Select(c => c.Name).FirstOrDefaultAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        // The retry and its audit event commit together: a retry nobody can trace would look like the platform sending twice.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // From Failed only: of two racing retries, or a retry racing the dispatcher, one update matches the row.
        var changed = await db.OutboxMessages.Where(m => m.Id == id && m.State == OutboxState.Failed)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.State, OutboxState.Pending).SetProperty(m => m.Attempts, 0)
                .SetProperty(m => m.NextAttemptAt, now), ct);
        if (changed == 0)
            return ProblemResponses.Conflict("只有发送失败的消息可以重新发送。");
        var after = JsonSerializer.Serialize(new { Channel = channel ?? "", message.Subject, message.Recipient, message.LastError }, AuditJson);
        await AuditChain.AppendAsync(db, [new AuditDraft(message.TenantId, now, scope.UserId, scope.ActorName, RetriedAction,
            "notification-delivery", message.Id.ToString(CultureInfo.InvariantCulture), null, null, after)], ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        message.State = OutboxState.Pending;
        message.Attempts = 0;
        message.NextAttemptAt = now;
        return TypedResults.Ok(View(message, channel ?? ""));
    }

    private static readonly JsonSerializerOptions AuditJson = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static DeliveryView View(OutboxMessage m, string channel) =>
        new(m.Id, m.ChannelId, channel, m.Recipient, m.Subject, StateName(m.State), m.State == OutboxState.Failed, m.Attempts, m.LastError,
            BeijingTime.Local(m.CreatedAt), BeijingTime.Local(m.NextAttemptAt), BeijingTime.Local(m.SentAt));

    private static string StateName(OutboxState state) => state switch
    {
        OutboxState.Pending => "待发送",
        OutboxState.Sending => "发送中",
        OutboxState.Sent => "已发送",
        _ => "发送失败",
    };
}
