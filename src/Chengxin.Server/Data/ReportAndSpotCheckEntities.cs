using Chengxin.Domain.Campaigns;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Data;

/// <summary>
/// One report a unit owed in a campaign, measured against its deadline on the server's clock: a submission, a supplement
/// after a return, or (recorded when review starts) one never made. System facts such as seed 003's 迟报、漏报 count these.
/// </summary>
public sealed class ReportRecord : IAudited
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public long CampaignId { get; set; }
    public long UnitId { get; set; }

    /// <summary>submission, or supplement (an answer to a return).</summary>
    public required string Kind { get; set; }

    public DateTime Due { get; set; }
    public DateTime? MadeAt { get; set; }
    public ReportStatus Status { get; set; }
    public long LateBySeconds { get; set; }
    public DateTime RecordedAt { get; set; }

    long? IAudited.AuditUnitId => UnitId;
    string IAudited.AuditEntityType => "report";
    string IAudited.AuditEntityId => Id.ToString();
}

/// <summary>The deeper check of one drawn unit (the domain's UnitSpotCheck, stored).</summary>
public sealed class SpotCheckRecord : IAudited
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public long CampaignId { get; set; }
    public long UnitId { get; set; }
    public SpotCheckState State { get; set; }
    public Guid? OpenedBy { get; set; }
    public required string OpenedByName { get; set; }
    public DateTime OpenedAt { get; set; }
    public string? Summary { get; set; }
    public Guid? CompletedBy { get; set; }
    public DateTime? CompletedAt { get; set; }

    long? IAudited.AuditUnitId => UnitId;
    string IAudited.AuditEntityType => "spot-check";
    string IAudited.AuditEntityId => Id.ToString();
}

/// <summary>One item's spot-check result: the facts as the checker found them (facts-file JSON object) and the reason.</summary>
public sealed class SpotCheckItemRecord : IAudited
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public long SpotCheckId { get; set; }
    public long UnitId { get; set; }
    public required string ItemId { get; set; }
    public required string FactsJson { get; set; }
    public required string Reason { get; set; }
    public Guid? RecordedBy { get; set; }
    public required string RecordedByName { get; set; }
    public DateTime RecordedAt { get; set; }

    long? IAudited.AuditUnitId => UnitId;
    string IAudited.AuditEntityType => "spot-check-item";
    string IAudited.AuditEntityId => Id.ToString();
}

public sealed partial class ChengxinDbContext
{
    public DbSet<ReportRecord> ReportRecords => Set<ReportRecord>();
    public DbSet<SpotCheckRecord> SpotChecks => Set<SpotCheckRecord>();
    public DbSet<SpotCheckItemRecord> SpotCheckItems => Set<SpotCheckItemRecord>();

    private void ConfigureReportsAndSpotChecks(ModelBuilder builder)
    {
        builder.Entity<ReportRecord>(e =>
        {
            e.ToTable("ReportRecords");
            e.Property(x => x.Kind).HasMaxLength(20);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            e.HasIndex(x => new { x.CampaignId, x.UnitId });
            e.HasOne<Campaign>().WithMany().HasForeignKey(x => x.CampaignId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(TenantFilter, x => x.TenantId == ScopeTenantId);
            e.HasQueryFilter(UnitScopeFilter, x => EF.Parameter(ScopePartOfOffice) == null || Units.Select(u => u.Id).Contains(x.UnitId));
        });
        builder.Entity<SpotCheckRecord>(e =>
        {
            e.ToTable("SpotChecks");
            e.Property(x => x.State).HasConversion<string>().HasMaxLength(20);
            // Completing is a conditional update from the open state: of racing completions exactly one is stored (409 for the rest).
            e.Property(x => x.State).IsConcurrencyToken();
            e.Property(x => x.OpenedByName).HasMaxLength(256);
            e.Property(x => x.Summary).HasMaxLength(2000);
            e.HasIndex(x => new { x.CampaignId, x.UnitId }).IsUnique();
            e.HasOne<Campaign>().WithMany().HasForeignKey(x => x.CampaignId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(TenantFilter, x => x.TenantId == ScopeTenantId);
            e.HasQueryFilter(UnitScopeFilter, x => EF.Parameter(ScopePartOfOffice) == null || Units.Select(u => u.Id).Contains(x.UnitId));
        });
        builder.Entity<SpotCheckItemRecord>(e =>
        {
            e.ToTable("SpotCheckItems");
            e.Property(x => x.ItemId).HasMaxLength(100);
            e.Property(x => x.Reason).HasMaxLength(2000);
            e.Property(x => x.RecordedByName).HasMaxLength(256);
            e.HasIndex(x => new { x.SpotCheckId, x.ItemId }).IsUnique();
            e.HasOne<SpotCheckRecord>().WithMany().HasForeignKey(x => x.SpotCheckId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(TenantFilter, x => x.TenantId == ScopeTenantId);
            e.HasQueryFilter(UnitScopeFilter, x => EF.Parameter(ScopePartOfOffice) == null || Units.Select(u => u.Id).Contains(x.UnitId));
        });
    }
}
