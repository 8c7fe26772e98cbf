using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Data;

/// <summary>
/// One notice in one user's inbox. The same cause never reaches the same user twice: (TenantId, UserId, CauseKey) is unique,
/// so a rule that fires again, or two instances that fire at once, add nothing the second time.
/// </summary>
public sealed class NotificationRecord
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public Guid UserId { get; set; }

    /// <summary>A stable word for the cause family (returned, reminder, warning, supervision …); the web app words it.</summary>
    public required string Kind { get; set; }

    public required string Title { get; set; }
    public required string Body { get; set; }

    /// <summary>Where in the web app the matter is handled, when it has a page.</summary>
    public string? LinkPath { get; set; }

    public required string CauseKey { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ReadAt { get; set; }
}

/// <summary>Which way an office's outbound channel sends.</summary>
public static class ChannelKinds
{
    public const string Email = "email";

    /// <summary>A group robot of WeCom or DingTalk, or anything that takes their JSON text message.</summary>
    public const string Webhook = "webhook";
}

/// <summary>
/// An office's outbound channel: e-mail over SMTP, or a webhook taking the group robots' JSON. Secrets (the SMTP password, the
/// DingTalk signing secret) are stored encrypted with ASP.NET Data Protection (whose key ring is in the database, encrypted with
/// the certificate when one is configured); they are never answered back.
/// </summary>
public sealed class NotificationChannel : IAudited
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public required string Kind { get; set; }
    public required string Name { get; set; }
    public bool IsEnabled { get; set; } = true;

    public string? SmtpHost { get; set; }
    public int? SmtpPort { get; set; }

    /// <summary>none, starttls or ssl (TLS from the first byte).</summary>
    public string? SmtpSecurity { get; set; }

    public string? SenderAddress { get; set; }
    public string? SmtpUserName { get; set; }

    /// <summary>The SMTP password or the webhook's signing secret, protected by Data Protection; null when none.</summary>
    public string? ProtectedSecret { get; set; }

    public string? WebhookUrl { get; set; }

    /// <summary>A DingTalk robot's keyword: a message without it is refused by the robot, so it leads every message.</summary>
    public string? WebhookKeyword { get; set; }

    /// <summary>The concurrency token of a change: the caller sends the version it read.</summary>
    public int Version { get; set; }

    public DateTime UpdatedAt { get; set; }
    public required string UpdatedByName { get; set; }

    long? IAudited.AuditUnitId => null;
    string IAudited.AuditEntityType => "notification-channel";
    string IAudited.AuditEntityId => Id.ToString();
}

/// <summary>Where an outbound message stands.</summary>
public enum OutboxState
{
    /// <summary>Waiting for its next attempt.</summary>
    Pending,

    /// <summary>Claimed by one instance until <see cref="OutboxMessage.LockedUntil"/>; past it another may claim it again.</summary>
    Sending,

    Sent,

    /// <summary>Given up after the last attempt; the office sees it and may send it again.</summary>
    Failed,
}

/// <summary>
/// One message to send through one channel, added in the transaction of the action that caused it (a transactional outbox):
/// the action never waits for, nor fails with, the channel. The idempotency key is unique, so the same cause is queued once.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public long ChannelId { get; set; }
    public required string IdempotencyKey { get; set; }

    /// <summary>The e-mail address; null for a webhook.</summary>
    public string? Recipient { get; set; }

    public string? RecipientName { get; set; }
    public required string Subject { get; set; }
    public required string Body { get; set; }
    public OutboxState State { get; set; }
    public int Attempts { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public DateTime? LockedUntil { get; set; }

    /// <summary>Why the last attempt failed, in Chinese for the office.</summary>
    public string? LastError { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime? SentAt { get; set; }
}

/// <summary>
/// One due slot of one piece of scheduled work, claimed by the instance whose insert won: the key (WorkName, SlotStart) is the
/// whole "once across instances" mechanism (docs/adr/0010).
/// </summary>
public sealed class ScheduledRun
{
    public required string WorkName { get; set; }
    public DateTime SlotStart { get; set; }
    public required string Instance { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }

    /// <summary>Why the run failed, when it did; the slot is not run again.</summary>
    public string? Error { get; set; }
}

public sealed partial class ChengxinDbContext
{
    public DbSet<NotificationRecord> Notifications => Set<NotificationRecord>();
    public DbSet<NotificationChannel> NotificationChannels => Set<NotificationChannel>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<ScheduledRun> ScheduledRuns => Set<ScheduledRun>();

    /// <summary>The inbox, the office's outbound channels, the outbox and the scheduler's claimed slots (V014).</summary>
    private void ConfigureNotifications(ModelBuilder builder)
    {
        builder.Entity<NotificationRecord>(e =>
        {
            e.ToTable("Notifications");
            e.Property(x => x.Kind).HasMaxLength(30);
            e.Property(x => x.Title).HasMaxLength(200);
            e.Property(x => x.Body).HasMaxLength(2000);
            e.Property(x => x.LinkPath).HasMaxLength(300);
            e.Property(x => x.CauseKey).HasMaxLength(200);
            e.HasIndex(x => new { x.TenantId, x.UserId, x.CauseKey }).IsUnique();
            // The header's unread count: one index range per user.
            e.HasIndex(x => new { x.UserId, x.ReadAt });
            e.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(TenantFilter, x => x.TenantId == ScopeTenantId);
        });
        builder.Entity<NotificationChannel>(e =>
        {
            e.ToTable("NotificationChannels");
            e.Property(x => x.Kind).HasMaxLength(20);
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.SmtpHost).HasMaxLength(255);
            e.Property(x => x.SmtpSecurity).HasMaxLength(20);
            e.Property(x => x.SenderAddress).HasMaxLength(256);
            e.Property(x => x.SmtpUserName).HasMaxLength(256);
            e.Property(x => x.ProtectedSecret).HasMaxLength(2000);
            e.Property(x => x.WebhookUrl).HasMaxLength(1000);
            e.Property(x => x.WebhookKeyword).HasMaxLength(50);
            e.Property(x => x.UpdatedByName).HasMaxLength(256);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => x.TenantId);
            e.HasOne<CreditOffice>().WithMany().HasForeignKey(x => x.TenantId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(TenantFilter, x => x.TenantId == ScopeTenantId);
        });
        builder.Entity<OutboxMessage>(e =>
        {
            e.ToTable("OutboxMessages");
            e.Property(x => x.IdempotencyKey).HasMaxLength(300);
            e.Property(x => x.Recipient).HasMaxLength(256);
            e.Property(x => x.RecipientName).HasMaxLength(256);
            e.Property(x => x.Subject).HasMaxLength(200);
            e.Property(x => x.Body).HasMaxLength(4000);
            e.Property(x => x.State).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.LastError).HasMaxLength(500);
            e.HasIndex(x => x.IdempotencyKey).IsUnique();
            // The dispatcher's scan: what is due, oldest first.
            e.HasIndex(x => new { x.State, x.NextAttemptAt });
            e.HasIndex(x => new { x.TenantId, x.State });
            e.HasOne<NotificationChannel>().WithMany().HasForeignKey(x => x.ChannelId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(TenantFilter, x => x.TenantId == ScopeTenantId);
        });
        builder.Entity<ScheduledRun>(e =>
        {
            e.ToTable("ScheduledRuns");
            e.HasKey(x => new { x.WorkName, x.SlotStart });
            e.Property(x => x.WorkName).HasMaxLength(100);
            e.Property(x => x.Instance).HasMaxLength(100);
            e.Property(x => x.Error).HasMaxLength(500);
        });
    }
}
