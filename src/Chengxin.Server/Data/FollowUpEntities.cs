using Chengxin.Domain.FollowUp;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Data;

/// <summary>
/// A trigger the office set for a scheme family (id without its year, e.g. huaian-quarterly): what it watches and its
/// threshold (days before a deadline, a score, a count of late reports). Edited with its version as the concurrency token.
/// </summary>
public sealed class FollowUpRule : IAudited
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public required string SchemeFamily { get; set; }
    public RuleKind Kind { get; set; }
    public decimal Threshold { get; set; }
    public bool IsEnabled { get; set; }
    public int Version { get; set; }

    long? IAudited.AuditUnitId => null;
    string IAudited.AuditEntityType => "follow-up-rule";
    string IAudited.AuditEntityId => Id.ToString();
}

/// <summary>A leader's instruction (领导批示) the office logged; each unit it names gets a work reminder.</summary>
public sealed class LeaderInstruction : IAudited
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public required string LeaderName { get; set; }
    public required string Content { get; set; }
    public DateOnly InstructedOn { get; set; }
    public required string LoggedByName { get; set; }
    public DateTime LoggedAt { get; set; }

    long? IAudited.AuditUnitId => null;
    string IAudited.AuditEntityType => "leader-instruction";
    string IAudited.AuditEntityId => Id.ToString();
}

/// <summary>
/// A work reminder (提示单) to one unit, numbered per office and year; issued by hand, by a rule or for a leader's instruction
/// (then <see cref="CauseKey"/> keeps it from being issued twice). The unit acknowledges it.
/// </summary>
public sealed class WorkReminder : IAudited
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public long UnitId { get; set; }
    public int Year { get; set; }
    public int Sequence { get; set; }
    public required string Title { get; set; }
    public required string Content { get; set; }
    public required string ExpectedResponse { get; set; }
    public DateTime? RespondBy { get; set; }
    public string? CauseKey { get; set; }
    public long? CampaignId { get; set; }
    public long? InstructionId { get; set; }
    public LeaderInstruction? Instruction { get; set; }
    public int Version { get; set; }
    public required string IssuedByName { get; set; }
    public DateTime IssuedAt { get; set; }
    public string? AcknowledgedByName { get; set; }
    public DateTime? AcknowledgedAt { get; set; }
    public string? AcknowledgeNote { get; set; }

    long? IAudited.AuditUnitId => UnitId;
    string IAudited.AuditEntityType => "work-reminder";
    string IAudited.AuditEntityId => Id.ToString();
}

/// <summary>A warning (预警) raised by a rule on a unit, once per cause; active until its cause is gone or the office clears it with a reason.</summary>
public sealed class FollowUpWarning : IAudited
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public long UnitId { get; set; }
    public long RuleId { get; set; }
    public RuleKind Kind { get; set; }
    public long? CampaignId { get; set; }
    public required string Reason { get; set; }
    public required string CauseKey { get; set; }
    public int Version { get; set; }
    public DateTime RaisedAt { get; set; }
    public DateTime? ClearedAt { get; set; }
    public string? ClearedByName { get; set; }
    public string? ClearReason { get; set; }

    long? IAudited.AuditUnitId => UnitId;
    string IAudited.AuditEntityType => "follow-up-warning";
    string IAudited.AuditEntityId => Id.ToString();
}

/// <summary>A supervision order (督办单) 〔YYYY〕第N号 to one unit, with its problem, requirement and rectification deadline.</summary>
public sealed class SupervisionOrder : IAudited
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public long UnitId { get; set; }
    public int Year { get; set; }
    public int Sequence { get; set; }
    public long? WarningId { get; set; }
    public required string Problem { get; set; }
    public required string Requirement { get; set; }
    public DateTime Deadline { get; set; }
    public OrderState State { get; set; }
    public int Version { get; set; }
    public required string IssuedByName { get; set; }
    public DateTime IssuedAt { get; set; }

    long? IAudited.AuditUnitId => UnitId;
    string IAudited.AuditEntityType => "supervision-order";
    string IAudited.AuditEntityId => Id.ToString();
}

/// <summary>What a step of an order is: the history a referral carries.</summary>
public enum OrderStepKind
{
    Issued,
    Replied,
    Passed,
    Failed,
    Interviewed,
    Referred,
}

/// <summary>
/// One step of an order's history: the reply's report, a verification's reason, an interview's record (time, attendees,
/// minutes, commitments) or the referral (to which body, why). Appended, never changed.
/// </summary>
public sealed class OrderStep : IAudited
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public long OrderId { get; set; }
    public SupervisionOrder? Order { get; set; }
    public long UnitId { get; set; }
    public OrderStepKind Kind { get; set; }
    public required string Text { get; set; }
    public DateTime? HeldAt { get; set; }
    public string? Attendees { get; set; }
    public string? Commitments { get; set; }
    public string? ReferredTo { get; set; }
    public required string ByName { get; set; }
    public DateTime At { get; set; }

    long? IAudited.AuditUnitId => UnitId;
    string IAudited.AuditEntityType => "order-step";
    string IAudited.AuditEntityId => Id.ToString();
}

/// <summary>A file of rectification evidence; unattached until the reply that carries it.</summary>
public sealed class OrderEvidence : IAudited
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public long OrderId { get; set; }
    public long UnitId { get; set; }
    public long? StepId { get; set; }
    public OrderStep? Step { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    public required string Sha256 { get; set; }
    public required string UploadedByName { get; set; }
    public DateTime UploadedAt { get; set; }

    long? IAudited.AuditUnitId => UnitId;
    string IAudited.AuditEntityType => "order-evidence";
    string IAudited.AuditEntityId => Id.ToString();
}

public sealed partial class ChengxinDbContext
{
    public DbSet<FollowUpRule> FollowUpRules => Set<FollowUpRule>();
    public DbSet<LeaderInstruction> LeaderInstructions => Set<LeaderInstruction>();
    public DbSet<WorkReminder> WorkReminders => Set<WorkReminder>();
    public DbSet<FollowUpWarning> FollowUpWarnings => Set<FollowUpWarning>();
    public DbSet<SupervisionOrder> SupervisionOrders => Set<SupervisionOrder>();
    public DbSet<OrderStep> OrderSteps => Set<OrderStep>();
    public DbSet<OrderEvidence> OrderEvidence => Set<OrderEvidence>();

    /// <summary>Reminders, warnings, supervision orders with their history and evidence, and the rules behind them (V015).</summary>
    private void ConfigureFollowUp(ModelBuilder builder)
    {
        builder.Entity<FollowUpRule>(e =>
        {
            e.ToTable("FollowUpRules");
            e.Property(x => x.SchemeFamily).HasMaxLength(100);
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(30);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.TenantId, x.SchemeFamily, x.Kind }).IsUnique();
            e.HasOne<CreditOffice>().WithMany().HasForeignKey(x => x.TenantId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(TenantFilter, x => x.TenantId == ScopeTenantId);
        });
        builder.Entity<LeaderInstruction>(e =>
        {
            e.ToTable("LeaderInstructions");
            e.Property(x => x.LeaderName).HasMaxLength(50);
            e.Property(x => x.Content).HasMaxLength(2000);
            e.Property(x => x.LoggedByName).HasMaxLength(256);
            e.HasOne<CreditOffice>().WithMany().HasForeignKey(x => x.TenantId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(TenantFilter, x => x.TenantId == ScopeTenantId);
        });
        builder.Entity<WorkReminder>(e =>
        {
            e.ToTable("WorkReminders");
            e.Property(x => x.Title).HasMaxLength(200);
            e.Property(x => x.Content).HasMaxLength(4000);
            e.Property(x => x.ExpectedResponse).HasMaxLength(1000);
            e.Property(x => x.CauseKey).HasMaxLength(200);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.Property(x => x.IssuedByName).HasMaxLength(256);
            e.Property(x => x.AcknowledgedByName).HasMaxLength(256);
            e.Property(x => x.AcknowledgeNote).HasMaxLength(1000);
            e.HasIndex(x => new { x.TenantId, x.Year, x.Sequence }).IsUnique();
            // A rule or an instruction issues its reminder once: the second attempt of the same cause is refused by the index.
            e.HasIndex(x => new { x.TenantId, x.CauseKey }).IsUnique();
            e.HasIndex(x => x.UnitId);
            e.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.Instruction).WithMany().HasForeignKey(x => x.InstructionId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(TenantFilter, x => x.TenantId == ScopeTenantId);
            e.HasQueryFilter(UnitScopeFilter, x => EF.Parameter(ScopePartOfOffice) == null || Units.Select(u => u.Id).Contains(x.UnitId));
        });
        builder.Entity<FollowUpWarning>(e =>
        {
            e.ToTable("FollowUpWarnings");
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(30);
            e.Property(x => x.Reason).HasMaxLength(500);
            e.Property(x => x.CauseKey).HasMaxLength(200);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.Property(x => x.ClearedByName).HasMaxLength(256);
            e.Property(x => x.ClearReason).HasMaxLength(500);
            e.HasIndex(x => new { x.TenantId, x.CauseKey }).IsUnique();
            e.HasIndex(x => x.UnitId);
            e.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<FollowUpRule>().WithMany().HasForeignKey(x => x.RuleId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(TenantFilter, x => x.TenantId == ScopeTenantId);
            e.HasQueryFilter(UnitScopeFilter, x => EF.Parameter(ScopePartOfOffice) == null || Units.Select(u => u.Id).Contains(x.UnitId));
        });
        builder.Entity<SupervisionOrder>(e =>
        {
            e.ToTable("SupervisionOrders");
            e.Property(x => x.Problem).HasMaxLength(4000);
            e.Property(x => x.Requirement).HasMaxLength(4000);
            e.Property(x => x.State).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.Property(x => x.IssuedByName).HasMaxLength(256);
            // 〔YYYY〕第N号 is unique per office and year; of two racing issues the second takes the next number.
            e.HasIndex(x => new { x.TenantId, x.Year, x.Sequence }).IsUnique();
            e.HasIndex(x => x.UnitId);
            e.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<FollowUpWarning>().WithMany().HasForeignKey(x => x.WarningId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(TenantFilter, x => x.TenantId == ScopeTenantId);
            e.HasQueryFilter(UnitScopeFilter, x => EF.Parameter(ScopePartOfOffice) == null || Units.Select(u => u.Id).Contains(x.UnitId));
        });
        builder.Entity<OrderStep>(e =>
        {
            e.ToTable("OrderSteps");
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Text).HasMaxLength(8000);
            e.Property(x => x.Attendees).HasMaxLength(1000);
            e.Property(x => x.Commitments).HasMaxLength(4000);
            e.Property(x => x.ReferredTo).HasMaxLength(200);
            e.Property(x => x.ByName).HasMaxLength(256);
            e.HasIndex(x => x.OrderId);
            e.HasOne(x => x.Order).WithMany().HasForeignKey(x => x.OrderId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(TenantFilter, x => x.TenantId == ScopeTenantId);
            e.HasQueryFilter(UnitScopeFilter, x => EF.Parameter(ScopePartOfOffice) == null || Units.Select(u => u.Id).Contains(x.UnitId));
        });
        builder.Entity<OrderEvidence>(e =>
        {
            e.ToTable("OrderEvidence");
            e.Property(x => x.FileName).HasMaxLength(255);
            e.Property(x => x.ContentType).HasMaxLength(100);
            e.Property(x => x.Sha256).HasMaxLength(64);
            e.Property(x => x.UploadedByName).HasMaxLength(256);
            e.HasIndex(x => x.OrderId);
            e.HasOne<SupervisionOrder>().WithMany().HasForeignKey(x => x.OrderId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.Step).WithMany().HasForeignKey(x => x.StepId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(TenantFilter, x => x.TenantId == ScopeTenantId);
            e.HasQueryFilter(UnitScopeFilter, x => EF.Parameter(ScopePartOfOffice) == null || Units.Select(u => u.Id).Contains(x.UnitId));
        });
    }
}
