using Chengxin.Domain.Monitoring;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Data;

/// <summary>
/// One import of a dishonesty list (失信被执行人 or 联合惩戒对象) as the office took it: from where, as of which date, which file.
/// The snapshot is audited with its count and the file's SHA-256; its entries are not audited one by one (a list has thousands).
/// </summary>
public sealed class ListSnapshot : IAudited
{
    public long Id { get; set; }
    public long TenantId { get; set; }

    /// <summary>dishonest-debtor (失信被执行人) or joint-punishment (联合惩戒对象).</summary>
    public required string ListKind { get; set; }

    /// <summary>Where the office took it from, in its words (中国执行信息公开网).</summary>
    public required string Source { get; set; }

    public DateOnly SnapshotDate { get; set; }
    public required string FileName { get; set; }
    public required string Sha256 { get; set; }
    public int EntryCount { get; set; }
    public Guid? ImportedBy { get; set; }
    public required string ImportedByName { get; set; }
    public DateTime ImportedAt { get; set; }

    /// <summary>When the snapshot was last screened against the units and persons; null before.</summary>
    public DateTime? ScreenedAt { get; set; }

    long? IAudited.AuditUnitId => null;
    string IAudited.AuditEntityType => "list-snapshot";
    string IAudited.AuditEntityId => Id.ToString();
}

/// <summary>One row of a snapshot: a name and, when the list gives one, an identifier (a USCC, an id number, or one masked).</summary>
public sealed class ListEntryRecord
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public long SnapshotId { get; set; }
    public int RowNo { get; set; }
    public required string Name { get; set; }
    public string? Code { get; set; }
}

/// <summary>
/// A civil servant hired or transferred (录用、调任), to be screened (seed 001 item 15). Only the name and the id number are kept,
/// with the unit and the date, until <see cref="RetainUntil"/> (the end of the year after the hire: the evaluation period that
/// asks about it has closed by then); past it the person is no longer listed or screened.
/// </summary>
public sealed class ScreenedPerson : IAudited
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public long UnitId { get; set; }
    public required string Name { get; set; }
    public required string IdNumber { get; set; }

    /// <summary>录用 or 调任.</summary>
    public required string Reason { get; set; }

    public DateOnly JoinedOn { get; set; }
    public DateOnly RetainUntil { get; set; }
    public required string EnteredByName { get; set; }
    public DateTime EnteredAt { get; set; }

    long? IAudited.AuditUnitId => UnitId;
    string IAudited.AuditEntityType => "screened-person";
    string IAudited.AuditEntityId => Id.ToString();
}

/// <summary>
/// A unit or a person found on a snapshot: a hit by identifier is confirmed as found; a masked or name-only match is a candidate
/// until a person confirms or dismisses it with a reason. Only confirmed hits become facts.
/// </summary>
public sealed class ScreeningHitRecord : IAudited
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public long SnapshotId { get; set; }
    public long EntryId { get; set; }

    /// <summary>The unit found, or the unit of the person found.</summary>
    public long UnitId { get; set; }

    public long? PersonId { get; set; }
    public required string SubjectName { get; set; }
    public MatchKind Match { get; set; }
    public HitState State { get; set; }

    /// <summary>The concurrency token of a decision: the caller sends the version it read; of two racing decisions one wins.</summary>
    public int Version { get; set; }

    public Guid? DecidedBy { get; set; }
    public string? DecidedByName { get; set; }
    public DateTime? DecidedAt { get; set; }
    public string? Reason { get; set; }
    public DateTime FoundAt { get; set; }

    long? IAudited.AuditUnitId => UnitId;
    string IAudited.AuditEntityType => "screening-hit";
    string IAudited.AuditEntityId => Id.ToString();
}

/// <summary>A registered complaint or piece of negative public opinion, verified 属实 or 不属实 with the verifier's reason.</summary>
public sealed class MonitoringEventRecord : IAudited
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public EventKind Kind { get; set; }
    public required string Source { get; set; }
    public DateOnly OccurredOn { get; set; }
    public required string Content { get; set; }
    public required string Category { get; set; }
    public EventState State { get; set; }
    public int Version { get; set; }
    public required string RecordedByName { get; set; }
    public DateTime RecordedAt { get; set; }
    public Guid? VerifiedBy { get; set; }
    public string? VerifiedByName { get; set; }
    public DateTime? VerifiedAt { get; set; }
    public string? VerifyReason { get; set; }
    public List<MonitoringEventUnit> Units { get; set; } = [];

    long? IAudited.AuditUnitId => Units.Count == 1 ? Units[0].UnitId : null;
    string IAudited.AuditEntityType => "monitoring-event";
    string IAudited.AuditEntityId => Id.ToString();
}

/// <summary>A unit an event concerns.</summary>
public sealed class MonitoringEventUnit
{
    public long EventId { get; set; }
    public long UnitId { get; set; }
}

public sealed partial class ChengxinDbContext
{
    public DbSet<ListSnapshot> ListSnapshots => Set<ListSnapshot>();
    public DbSet<ListEntryRecord> ListEntries => Set<ListEntryRecord>();
    public DbSet<ScreenedPerson> ScreenedPersons => Set<ScreenedPerson>();
    public DbSet<ScreeningHitRecord> ScreeningHits => Set<ScreeningHitRecord>();
    public DbSet<MonitoringEventRecord> MonitoringEvents => Set<MonitoringEventRecord>();
    public DbSet<MonitoringEventUnit> MonitoringEventUnits => Set<MonitoringEventUnit>();

    /// <summary>Dishonesty lists, their screening and the register of complaints and public opinion (V012).</summary>
    private void ConfigureListsAndEvents(ModelBuilder builder)
    {
        builder.Entity<ListSnapshot>(e =>
        {
            e.ToTable("ListSnapshots");
            e.Property(x => x.ListKind).HasMaxLength(20);
            e.Property(x => x.Source).HasMaxLength(100);
            e.Property(x => x.FileName).HasMaxLength(255);
            e.Property(x => x.Sha256).HasMaxLength(64);
            e.Property(x => x.ImportedByName).HasMaxLength(256);
            // A screening replaces the snapshot's hits: of two racing screenings one is stored, the other is a 409.
            e.Property(x => x.ScreenedAt).IsConcurrencyToken();
            e.HasIndex(x => new { x.TenantId, x.ListKind, x.SnapshotDate });
            e.HasOne<CreditOffice>().WithMany().HasForeignKey(x => x.TenantId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(TenantFilter, x => x.TenantId == ScopeTenantId);
        });
        builder.Entity<ListEntryRecord>(e =>
        {
            e.ToTable("ListEntries");
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Code).HasMaxLength(30);
            e.HasIndex(x => x.SnapshotId);
            e.HasOne<ListSnapshot>().WithMany().HasForeignKey(x => x.SnapshotId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(TenantFilter, x => x.TenantId == ScopeTenantId);
        });
        builder.Entity<ScreenedPerson>(e =>
        {
            e.ToTable("ScreenedPersons");
            e.Property(x => x.Name).HasMaxLength(50);
            e.Property(x => x.IdNumber).HasMaxLength(18);
            e.Property(x => x.Reason).HasMaxLength(10);
            e.Property(x => x.EnteredByName).HasMaxLength(256);
            e.HasIndex(x => new { x.UnitId, x.IdNumber }).IsUnique();
            e.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(TenantFilter, x => x.TenantId == ScopeTenantId);
            e.HasQueryFilter(UnitScopeFilter, x => EF.Parameter(ScopePartOfOffice) == null || Units.Select(u => u.Id).Contains(x.UnitId));
        });
        builder.Entity<ScreeningHitRecord>(e =>
        {
            e.ToTable("ScreeningHits");
            e.Property(x => x.SubjectName).HasMaxLength(200);
            e.Property(x => x.Match).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.State).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.Property(x => x.DecidedByName).HasMaxLength(256);
            e.Property(x => x.Reason).HasMaxLength(500);
            e.HasIndex(x => new { x.SnapshotId, x.UnitId });
            e.HasIndex(x => new { x.TenantId, x.State });
            e.HasOne<ListSnapshot>().WithMany().HasForeignKey(x => x.SnapshotId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<ListEntryRecord>().WithMany().HasForeignKey(x => x.EntryId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<ScreenedPerson>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(TenantFilter, x => x.TenantId == ScopeTenantId);
            e.HasQueryFilter(UnitScopeFilter, x => EF.Parameter(ScopePartOfOffice) == null || Units.Select(u => u.Id).Contains(x.UnitId));
        });
        builder.Entity<MonitoringEventRecord>(e =>
        {
            e.ToTable("MonitoringEvents");
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Source).HasMaxLength(100);
            e.Property(x => x.Content).HasMaxLength(4000);
            e.Property(x => x.Category).HasMaxLength(20);
            e.Property(x => x.State).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.Property(x => x.RecordedByName).HasMaxLength(256);
            e.Property(x => x.VerifiedByName).HasMaxLength(256);
            e.Property(x => x.VerifyReason).HasMaxLength(500);
            e.HasIndex(x => new { x.TenantId, x.OccurredOn });
            e.HasMany(x => x.Units).WithOne().HasForeignKey(x => x.EventId);
            e.HasOne<CreditOffice>().WithMany().HasForeignKey(x => x.TenantId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(TenantFilter, x => x.TenantId == ScopeTenantId);
            // An event is visible when one of the units it concerns is: a unit sees the events about itself.
            e.HasQueryFilter(UnitScopeFilter, x => x.Units.Any(eu => EF.Parameter(ScopePartOfOffice) == null || Units.Select(u => u.Id).Contains(eu.UnitId)));
        });
        builder.Entity<MonitoringEventUnit>(e =>
        {
            e.ToTable("MonitoringEventUnits");
            e.HasKey(x => new { x.EventId, x.UnitId });
            e.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        });
    }
}
