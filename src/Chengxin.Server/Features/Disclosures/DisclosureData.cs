using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Data;

/// <summary>
/// One 双公示 intake: a file a department or the office uploaded, or a batch the city credit platform pushed with its token.
/// Its counts and mode are audited; its records are stored in the same transaction, or none of them.
/// </summary>
public sealed class DisclosureUpload : IAudited
{
    public long Id { get; set; }
    public long TenantId { get; set; }

    /// <summary>The uploader's unit: a department sees its own uploads, the office those within its scope.</summary>
    public long UploaderUnitId { get; set; }

    public Guid? UploadedBy { get; set; }
    public required string UploadedByName { get; set; }
    public DateTime UploadedAt { get; set; }
    public required string FileName { get; set; }

    /// <summary>csv, xlsx, or api (pushed by a machine client).</summary>
    public required string Format { get; set; }

    /// <summary>The text encoding a CSV file was read in (UTF-8, GB18030); null otherwise.</summary>
    public string? Encoding { get; set; }

    /// <summary>true: any refused row refuses the whole file; false: the good rows are stored, the refused listed.</summary>
    public bool AllOrNothing { get; set; }

    public int Rows { get; set; }
    public int Stored { get; set; }
    public int Refused { get; set; }

    long? IAudited.AuditUnitId => UploaderUnitId;
    string IAudited.AuditEntityType => "disclosure-upload";
    string IAudited.AuditEntityId => Id.ToString();
}

/// <summary>One stored 双公示 record, under its source department. Stored in bulk; its upload carries the audit.</summary>
public sealed class DisclosureRecordRow
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public long UploadId { get; set; }
    public long DepartmentUnitId { get; set; }

    /// <summary>license or penalty.</summary>
    public required string Kind { get; set; }

    public required string DecisionNumber { get; set; }
    public required string SubjectName { get; set; }
    public required string SubjectCode { get; set; }
    public bool SubjectIsPerson { get; set; }
    public required string Agency { get; set; }
    public DateOnly DecisionDate { get; set; }
    public DateOnly ReportedOn { get; set; }
}

/// <summary>A row the intake refused, kept for the uploader's error table and as the department's 错报 when the department is known.</summary>
public sealed class DisclosureRejection
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public long UploadId { get; set; }
    public long UploaderUnitId { get; set; }
    public long? DepartmentUnitId { get; set; }
    public int Row { get; set; }
    public required string Column { get; set; }
    public required string Reason { get; set; }
    public string? DecisionNumber { get; set; }
    public string? DepartmentText { get; set; }

    /// <summary>The decision date where the row had one, else the upload's day: the period the 错报 counts in.</summary>
    public DateOnly CountsOn { get; set; }

    /// <summary>Whether the refused rows were stored as 错报: in an all-or-nothing file nothing was reported, so nothing was wrong.</summary>
    public bool CountsAsWrong { get; set; }
}

/// <summary>A record found 属实 in a spot comparison against the national or provincial platform: it counts as 漏报. Audited.</summary>
public sealed class DisclosureFinding : IAudited
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public long RecordId { get; set; }
    public long DepartmentUnitId { get; set; }
    public required string Reason { get; set; }
    public Guid? FoundBy { get; set; }
    public required string FoundByName { get; set; }
    public DateTime FoundAt { get; set; }

    long? IAudited.AuditUnitId => DepartmentUnitId;
    string IAudited.AuditEntityType => "disclosure-finding";
    string IAudited.AuditEntityId => Id.ToString();
}

/// <summary>An office's 双公示 settings: its column mapping and its holiday calendar (YAML, by year), each null for the default.</summary>
public sealed class DisclosureSettings : IAudited
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public string? MappingJson { get; set; }
    public string? CalendarYaml { get; set; }

    /// <summary>The reporting rule: within so many days of the decision (the seeds: 7), working days unless a notice says calendar days.</summary>
    public int DueDays { get; set; } = 7;

    public bool DueInWorkingDays { get; set; } = true;

    /// <summary>The concurrency token of an edit: of two saving at once, one wins and the other is told to reload.</summary>
    public long Version { get; set; }

    long? IAudited.AuditUnitId => null;
    string IAudited.AuditEntityType => "disclosure-settings";
    string IAudited.AuditEntityId => Id.ToString();
}

public sealed partial class ChengxinDbContext
{
    public DbSet<DisclosureUpload> DisclosureUploads => Set<DisclosureUpload>();
    public DbSet<DisclosureRecordRow> DisclosureRecords => Set<DisclosureRecordRow>();
    public DbSet<DisclosureRejection> DisclosureRejections => Set<DisclosureRejection>();
    public DbSet<DisclosureFinding> DisclosureFindings => Set<DisclosureFinding>();
    public DbSet<DisclosureSettings> DisclosureSettings => Set<DisclosureSettings>();

    private void ConfigureDisclosures(ModelBuilder builder)
    {
        builder.Entity<DisclosureUpload>(e =>
        {
            e.ToTable("DisclosureUploads");
            e.Property(x => x.UploadedByName).HasMaxLength(256);
            e.Property(x => x.FileName).HasMaxLength(255);
            e.Property(x => x.Format).HasMaxLength(10);
            e.Property(x => x.Encoding).HasMaxLength(20);
            e.HasOne<Unit>().WithMany().HasForeignKey(x => x.UploaderUnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(TenantFilter, x => x.TenantId == ScopeTenantId);
            e.HasQueryFilter(UnitScopeFilter, x => EF.Parameter(ScopePartOfOffice) == null || Units.Select(u => u.Id).Contains(x.UploaderUnitId));
        });
        builder.Entity<DisclosureRecordRow>(e =>
        {
            e.ToTable("DisclosureRecords");
            e.Property(x => x.Kind).HasMaxLength(10);
            e.Property(x => x.DecisionNumber).HasMaxLength(200);
            e.Property(x => x.SubjectName).HasMaxLength(500);
            e.Property(x => x.SubjectCode).HasMaxLength(30);
            e.Property(x => x.Agency).HasMaxLength(500);
            // A 文书号 is reported once per office: a second upload of it is refused, and two racing uploads cannot both store it.
            e.HasIndex(x => new { x.TenantId, x.DecisionNumber }).IsUnique();
            e.HasIndex(x => new { x.DepartmentUnitId, x.DecisionDate });
            e.HasOne<DisclosureUpload>().WithMany().HasForeignKey(x => x.UploadId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Unit>().WithMany().HasForeignKey(x => x.DepartmentUnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(TenantFilter, x => x.TenantId == ScopeTenantId);
            e.HasQueryFilter(UnitScopeFilter, x => EF.Parameter(ScopePartOfOffice) == null || Units.Select(u => u.Id).Contains(x.DepartmentUnitId));
        });
        builder.Entity<DisclosureRejection>(e =>
        {
            e.ToTable("DisclosureRejections");
            e.Property(x => x.Column).HasMaxLength(50);
            e.Property(x => x.Reason).HasMaxLength(500);
            e.Property(x => x.DecisionNumber).HasMaxLength(200);
            e.Property(x => x.DepartmentText).HasMaxLength(200);
            e.HasIndex(x => x.UploadId);
            e.HasIndex(x => new { x.DepartmentUnitId, x.CountsOn });
            e.HasOne<DisclosureUpload>().WithMany().HasForeignKey(x => x.UploadId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(TenantFilter, x => x.TenantId == ScopeTenantId);
            e.HasQueryFilter(UnitScopeFilter, x => EF.Parameter(ScopePartOfOffice) == null || Units.Select(u => u.Id).Contains(x.UploaderUnitId));
        });
        builder.Entity<DisclosureFinding>(e =>
        {
            e.ToTable("DisclosureFindings");
            e.Property(x => x.Reason).HasMaxLength(1000);
            e.Property(x => x.FoundByName).HasMaxLength(256);
            // One finding per record: of two people marking it at once, one is stored and the other told so (409).
            e.HasIndex(x => x.RecordId).IsUnique();
            e.HasOne<DisclosureRecordRow>().WithMany().HasForeignKey(x => x.RecordId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(TenantFilter, x => x.TenantId == ScopeTenantId);
            e.HasQueryFilter(UnitScopeFilter, x => EF.Parameter(ScopePartOfOffice) == null || Units.Select(u => u.Id).Contains(x.DepartmentUnitId));
        });
        builder.Entity<DisclosureSettings>(e =>
        {
            e.ToTable("DisclosureSettings");
            e.HasIndex(x => x.TenantId).IsUnique();
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasQueryFilter(TenantFilter, x => x.TenantId == ScopeTenantId);
        });
    }
}
