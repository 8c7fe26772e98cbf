using Chengxin.Server.Data;
using Chengxin.Server.Infrastructure.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Notifications;

/// <summary>
/// Sends what the outbox holds. A message is claimed by a conditional update (from Pending and due, or from a Sending lease that
/// ran out, to Sending with a new lease and one more attempt): of two instances that race for it, the database lets exactly one
/// update match, on PostgreSQL (the second UPDATE waits for the first and re-reads the row) and SQLite (one writer) alike. A failed
/// attempt waits 1, 2, 4, 8 minutes before the next; after <see cref="MaxAttempts"/> the message is Failed and the office sees it.
/// Delivery is at least once: a crash between the send and the mark lets the lease run out and the message go again.
/// </summary>
public sealed class OutboxDispatcher(IServiceScopeFactory scopes, ChannelSenders senders, TimeProvider clock, ILogger<OutboxDispatcher> log)
{
    public const int MaxAttempts = 5;
    private const int Batch = 50;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    /// <summary>The wait before attempt n+1 after n failed attempts: 1, 2, 4, 8 … minutes.</summary>
    public static TimeSpan Backoff(int attempts) => TimeSpan.FromMinutes(1 << Math.Clamp(attempts - 1, 0, 10));

    /// <summary>Sends the due messages of every office; answers how many this call delivered.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChengxinDbContext>();
        // Outside a request the scope is empty, so the tenant filter is lifted on purpose: the dispatcher serves every office.
        var outbox = db.OutboxMessages.IgnoreQueryFilters();
        var due = await outbox.Where(m => (m.State == OutboxState.Pending && m.NextAttemptAt <= now) || (m.State == OutboxState.Sending && m.LockedUntil < now))
            .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id).Select(m => m.Id).Take(Batch).ToListAsync(ct);
        var delivered = 0;
        foreach (var id in due)
        {
            var leaseEnd = now + Lease;
            var claimed = await outbox
                .Where(m => m.Id == id && ((m.State == OutboxState.Pending && m.NextAttemptAt <= now) || (m.State == OutboxState.Sending && m.LockedUntil < now)))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.State, OutboxState.Sending).SetProperty(m => m.LockedUntil, leaseEnd)
                    .SetProperty(m => m.Attempts, m => m.Attempts + 1), ct);
            if (claimed == 0)
                continue;
            var message = await outbox.AsNoTracking().SingleAsync(m => m.Id == id, ct);
            var channel = await db.NotificationChannels.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(c => c.Id == message.ChannelId, ct);
            string? error = null;
            try
            {
                if (channel is not { IsEnabled: true })
                    throw new DeliveryException("通道已停用。");
                await senders.SendAsync(channel, message.Recipient, message.RecipientName, message.Subject, message.Body, ct);
            }
            catch (DeliveryException e)
            {
                error = e.Message;
            }
            var done = clock.GetUtcNow().UtcDateTime;
            // The lease (two minutes) outlasts a send (at most 15 seconds), so the row is still this claim's.
            var mine = outbox.Where(m => m.Id == id && m.State == OutboxState.Sending);
            if (error is null)
            {
                await mine.ExecuteUpdateAsync(s => s.SetProperty(m => m.State, OutboxState.Sent).SetProperty(m => m.SentAt, done)
                    .SetProperty(m => m.LockedUntil, (DateTime?)null).SetProperty(m => m.LastError, (string?)null), CancellationToken.None);
                delivered++;
                continue;
            }
            log.LogInformation("Outbox message {Id} failed on attempt {Attempt}: {Error}", id, message.Attempts, error);
            var giveUp = message.Attempts >= MaxAttempts || channel is not { IsEnabled: true };
            var next = done + Backoff(message.Attempts);
            await mine.ExecuteUpdateAsync(s => s.SetProperty(m => m.State, giveUp ? OutboxState.Failed : OutboxState.Pending)
                .SetProperty(m => m.NextAttemptAt, next).SetProperty(m => m.LockedUntil, (DateTime?)null)
                .SetProperty(m => m.LastError, error), CancellationToken.None);
        }
        return delivered;
    }
}

/// <summary>The dispatcher on the scheduler: every 15 seconds, once across instances.</summary>
internal sealed class OutboxDispatch : IScheduledWork
{
    public string Name => "notification-outbox";
    public TimeSpan Every => TimeSpan.FromSeconds(15);

    public Task RunAsync(IServiceProvider services, DateTimeOffset now, CancellationToken ct) =>
        services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(ct);
}

public static class NotificationRegistration
{
    /// <summary>The senders, the dispatcher and its place on the scheduler.</summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services)
    {
        services.AddHttpClient(ChannelSenders.HttpClientName);
        services.AddSingleton<ChannelSenders>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddScheduledWork<OutboxDispatch>();
        return services;
    }
}
