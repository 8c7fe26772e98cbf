using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Data;

/// <summary>
/// A unit's population as the office keeps it (seed 001 item 23: 公务员失信人员数量与人口比例), apart from the unit row so that the
/// unit tree's own columns stay the tree's. One row per unit, replaced when the office edits it; audited.
/// </summary>
public sealed class UnitPopulation : IAudited
{
    public long UnitId { get; set; }
    public long TenantId { get; set; }
    public long Population { get; set; }
    public required string UpdatedByName { get; set; }
    public DateTime UpdatedAt { get; set; }

    long? IAudited.AuditUnitId => UnitId;
    string IAudited.AuditEntityType => "unit-population";
    string IAudited.AuditEntityId => UnitId.ToString();
}

public sealed partial class ChengxinDbContext
{
    public DbSet<UnitPopulation> UnitPopulations => Set<UnitPopulation>();

    /// <summary>Population per unit (V017).</summary>
    private void ConfigureUnitPopulations(ModelBuilder builder) =>
        builder.Entity<UnitPopulation>(e =>
        {
            e.ToTable("UnitPopulations");
            e.HasKey(x => x.UnitId);
            e.Property(x => x.UnitId).ValueGeneratedNever();
            e.Property(x => x.UpdatedByName).HasMaxLength(256);
            e.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<CreditOffice>().WithMany().HasForeignKey(x => x.TenantId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(TenantFilter, x => x.TenantId == ScopeTenantId);
            e.HasQueryFilter(UnitScopeFilter, x => EF.Parameter(ScopePartOfOffice) == null || Units.Select(u => u.Id).Contains(x.UnitId));
        });
}
