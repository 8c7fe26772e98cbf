using System.Text.Json;
using Chengxin.Server.Infrastructure;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Chengxin.Server.Data;

/// <remarks>
/// Pooled (<see cref="ChengxinHost"/>): a request leases an instance and binds it to its own scope and clock (<see cref="Bind"/>);
/// constructing one per request cost more than a 304 answer's own work. An instance not bound, or given back to the pool, has an
/// empty scope, which every query filter reads as "sees nothing".
/// </remarks>
public sealed partial class ChengxinDbContext(DbContextOptions<ChengxinDbContext> options)
    : IdentityUserContext<AppUser, Guid>(options)
{
    private AccessScope scope = new();
    private TimeProvider clock = TimeProvider.System;

    /// <summary>The scope and clock of the request (or work) that leased this instance; the pool's instances keep none between leases.</summary>
    public ChengxinDbContext Bind(AccessScope scope, TimeProvider clock)
    {
        this.scope = scope;
        this.clock = clock;
        return this;
    }

    // Given back to the pool: the next lease binds its own scope, and until then this instance sees nothing.
    public override void Dispose()
    {
        Unbind();
        base.Dispose();
    }

    public override ValueTask DisposeAsync()
    {
        Unbind();
        return base.DisposeAsync();
    }

    private void Unbind()
    {
        scope = new AccessScope();
        clock = TimeProvider.System;
    }

    /// <summary>Keeps every query inside the caller's credit office.</summary>
    public const string TenantFilter = "Tenant";

    /// <summary>Keeps every query inside the caller's visible units: the one access mechanism.</summary>
    public const string UnitScopeFilter = "UnitScope";

    public DbSet<CreditOffice> CreditOffices => Set<CreditOffice>();
    public DbSet<Unit> Units => Set<Unit>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<SchemeVersion> SchemeVersions => Set<SchemeVersion>();
    public DbSet<Campaign> Campaigns => Set<Campaign>();
    public DbSet<CampaignUnit> CampaignUnits => Set<CampaignUnit>();
    public DbSet<CampaignReviewer> CampaignReviewers => Set<CampaignReviewer>();
    public DbSet<Submission> Submissions => Set<Submission>();
    public DbSet<SubmissionItem> SubmissionItems => Set<SubmissionItem>();
    public DbSet<SubmissionFact> SubmissionFacts => Set<SubmissionFact>();
    public DbSet<Evidence> Evidence => Set<Evidence>();
    public DbSet<ItemReviewRecord> ItemReviews => Set<ItemReviewRecord>();
    public DbSet<PublishedResult> PublishedResults => Set<PublishedResult>();
    public DbSet<AppealRecord> Appeals => Set<AppealRecord>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<LiaisonContact> LiaisonContacts => Set<LiaisonContact>();
    public DbSet<CommitmentLetterRecord> CommitmentLetters => Set<CommitmentLetterRecord>();
    public DbSet<ProviderSubmission> ProviderSubmissions => Set<ProviderSubmission>();

    public AccessScope Scope => scope;

    /// <summary>The clock of this context, for what is stamped outside a handler (a notice posted with the action that caused it).</summary>
    public TimeProvider Clock => clock;

    // EF Core parameterises members of the context in query filters, so these are read
    // per query from this context's scope rather than baked into the cached model.
    private long ScopeTenantId => scope.TenantId;
    private string? ScopePathFrom => scope.Units.PathFrom;
    private string? ScopePathTo => scope.Units.PathTo;
    private Guid? ScopeFirmUserId => scope.Units.ByCampaigns ? scope.UserId : null;
    // Null for every caller not held to its campaigns, tested for null as ScopePartOfOffice below is, for the same reason: the
    // campaign filter's two texts are generated once each. The list goes as one parameter (an array on PostgreSQL, JSON on SQLite):
    // EF Core 10 writes a list as a parameter per element, a text per length, generated again on every run (B5 s29).
    private bool? ScopeCampaignsOnly => scope.CampaignIds is null ? null : true;
    // Null when the caller sees every unit of its office, so that the whole office's statements carry the tenant filter alone (no
    // list of the office's units for each row to be found in: 40,000 on SQLite per statement for a province, issue 19) and
    // everyone else's the unit predicate alone, as two SQL texts EF Core generates once each. The filters test it as
    // EF.Parameter(…) == null: a parameter tested for null is folded by its nullability, which is part of EF Core's SQL cache key.
    // EF.Constant gave the same texts but is written into the SQL per execution, which EF Core never caches (dotnet/efcore#33674):
    // every filtered statement of every request had its SQL generated again (bench/README, B5 s29). A plain bool would be a
    // parameter of every statement, leaving the skip to each planner.
    private bool? ScopePartOfOffice => scope.Units.WholeOffice ? null : true;
    private IReadOnlyList<long> ScopeCampaignIds => scope.CampaignIds ?? [];

    protected override void ConfigureConventions(ModelConfigurationBuilder builder) =>
        builder.Properties<decimal>().HaveConversion<ScaledPointsConverter>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<CreditOffice>(e =>
        {
            e.ToTable("CreditOffices");
            e.Property(x => x.Name).HasMaxLength(100);
            e.HasIndex(x => x.Name).IsUnique();
            e.HasQueryFilter(TenantFilter, x => x.Id == ScopeTenantId);
        });

        builder.Entity<Unit>(e =>
        {
            e.ToTable("Units");
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.Code).HasMaxLength(50);
            e.Property(x => x.Class).HasMaxLength(50);
            e.Property(x => x.Level).HasConversion<string>().HasMaxLength(20);
            e.HasIndex(x => new { x.TenantId, x.Code }).IsUnique();
            // A page of a unit's children in id order after the last id seen (keyset, GET /api/units/{id}/children?afterId=): V016.
            e.HasIndex(x => new { x.TenantId, x.ParentId, x.Id });
            // A subtree is a range of this index, Path >= '/1/5/' AND Path <= '/1/50', as the unit-scope filter writes it
            // (VisibleUnits.PathFrom and PathTo).
            e.Property(x => x.Path).HasMaxLength(500);
            e.HasIndex(x => x.Path);
            // The scope predicate with its tenant: one range of this index (V016). With the path alone, a planner without
            // statistics (SQLite's, before ANALYZE) took the tenant's equality on another index and read the whole province.
            e.HasIndex(x => new { x.TenantId, x.Path });
            e.HasOne<CreditOffice>().WithMany().HasForeignKey(x => x.TenantId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Unit>().WithMany().HasForeignKey(x => x.ParentId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(TenantFilter, x => x.TenantId == ScopeTenantId);
            // The one place the scope meets the tree: a part of it by path (an index range scan however large the province), or
            // the units of an external firm's campaigns. Every other entity is visible when its unit is, through this filter.
            // Only one side is ever live, and EF Core drops the other from the SQL by the null parameter: a null range is no
            // range, and no reviewer row has a null user. A caller who sees the whole office has no unit predicate at all.
            e.HasQueryFilter(UnitScopeFilter, x => EF.Parameter(ScopePartOfOffice) == null
                || (EF.Parameter(ScopePathFrom) != null && string.Compare(x.Path, ScopePathFrom) >= 0 && string.Compare(x.Path, ScopePathTo) <= 0)
                || CampaignReviewers.Any(r => r.UserId == ScopeFirmUserId && CampaignUnits.Any(cu => cu.CampaignId == r.CampaignId && cu.UnitId == x.Id)));
        });

        builder.Entity<AppUser>(e =>
        {
            e.Property(x => x.DisplayName).HasMaxLength(100);
            e.Property(x => x.Role).HasMaxLength(30);
            e.Property(x => x.ScopeKind).HasConversion<string>().HasMaxLength(20);
            e.HasIndex(x => new { x.TenantId, x.UnitId });
            e.HasOne<CreditOffice>().WithMany().HasForeignKey(x => x.TenantId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Unit>().WithMany().HasForeignKey(x => x.ScopeUnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(TenantFilter, x => x.TenantId == ScopeTenantId);
            e.HasQueryFilter(UnitScopeFilter, x => EF.Parameter(ScopePartOfOffice) == null || Units.Select(u => u.Id).Contains(x.UnitId));
        });

        builder.Entity<ApiToken>(e =>
        {
            e.ToTable("ApiTokens");
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.TokenHash).HasMaxLength(64);
            e.Property(x => x.Prefix).HasMaxLength(12);
            e.HasIndex(x => x.TokenHash).IsUnique();
            e.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(TenantFilter, x => x.TenantId == ScopeTenantId);
        });

        builder.Entity<SchemeVersion>(e =>
        {
            e.ToTable("SchemeVersions");
            e.Property(x => x.SchemeId).HasMaxLength(100);
            e.Property(x => x.Title).HasMaxLength(200);
            e.Property(x => x.Sha256).HasMaxLength(64);
            e.HasIndex(x => new { x.TenantId, x.SchemeId, x.Sha256 }).IsUnique();
            e.HasOne<CreditOffice>().WithMany().HasForeignKey(x => x.TenantId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(TenantFilter, x => x.TenantId == ScopeTenantId);
        });

        builder.Entity<Campaign>(e =>
        {
            e.ToTable("Campaigns");
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.PeriodKey).HasMaxLength(40);
            e.Property(x => x.SpotCheckSeed).HasMaxLength(20);
            e.Property(x => x.State).HasConversion<string>().HasMaxLength(30);
            // Every transition is a conditional update from the state it was decided on (and the spot-check draw one from
            // no draw): of racing requests exactly one matches a row, the others fail with a concurrency conflict (409).
            e.Property(x => x.State).IsConcurrencyToken();
            e.Property(x => x.SpotCheckSeed).IsConcurrencyToken();
            e.Property(x => x.Revision).IsConcurrencyToken();
            e.Property(x => x.VoidReason).HasMaxLength(500);
            e.HasOne<CreditOffice>().WithMany().HasForeignKey(x => x.TenantId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<SchemeVersion>().WithMany().HasForeignKey(x => x.SchemeVersionId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(x => x.Units).WithOne().HasForeignKey(x => x.CampaignId);
            e.HasMany(x => x.Reviewers).WithOne().HasForeignKey(x => x.CampaignId);
            e.HasQueryFilter(TenantFilter, x => x.TenantId == ScopeTenantId);
            // A campaign is visible when one of its units is; an external firm sees only the campaigns it is assigned to,
            // even when another campaign shares one of those units.
            e.HasQueryFilter(UnitScopeFilter, x => x.Units.Any(cu => EF.Parameter(ScopePartOfOffice) == null || Units.Select(u => u.Id).Contains(cu.UnitId)) && (EF.Parameter(ScopeCampaignsOnly) == null || EF.Parameter(ScopeCampaignIds).Contains(x.Id)));
        });
        builder.Entity<CampaignUnit>(e =>
        {
            e.ToTable("CampaignUnits");
            e.HasKey(x => new { x.CampaignId, x.UnitId });
            e.Property(x => x.SchemeClass).HasMaxLength(50);
            e.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<CampaignReviewer>(e =>
        {
            e.ToTable("CampaignReviewers");
            e.HasKey(x => new { x.CampaignId, x.UserId });
            e.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<Submission>(e =>
        {
            e.ToTable("Submissions");
            e.Property(x => x.State).HasConversion<string>().HasMaxLength(30);
            e.Property(x => x.DueExceptionReason).HasMaxLength(500);
            e.Property(x => x.ReturnReason).HasMaxLength(500);
            // A submit, a return, a review mark or a confirmation updates only the row still in the state it was decided on.
            e.Property(x => x.State).IsConcurrencyToken();
            e.HasIndex(x => new { x.CampaignId, x.UnitId }).IsUnique();
            e.HasOne<Campaign>().WithMany().HasForeignKey(x => x.CampaignId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(TenantFilter, x => x.TenantId == ScopeTenantId);
            e.HasQueryFilter(UnitScopeFilter, x => EF.Parameter(ScopePartOfOffice) == null || Units.Select(u => u.Id).Contains(x.UnitId));
        });
        builder.Entity<SubmissionItem>(e =>
        {
            e.ToTable("SubmissionItems");
            e.Property(x => x.ItemId).HasMaxLength(100);
            e.Property(x => x.Explanation).HasMaxLength(2000);
            e.Property(x => x.ExceptionReason).HasMaxLength(500);
            e.Property(x => x.ExceptionGrantedByName).HasMaxLength(256);
            e.HasIndex(x => new { x.SubmissionId, x.ItemId }).IsUnique();
            e.HasOne<Submission>().WithMany().HasForeignKey(x => x.SubmissionId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(TenantFilter, x => x.TenantId == ScopeTenantId);
            e.HasQueryFilter(UnitScopeFilter, x => EF.Parameter(ScopePartOfOffice) == null || Units.Select(u => u.Id).Contains(x.UnitId));
        });
        builder.Entity<SubmissionFact>(e =>
        {
            e.ToTable("SubmissionFacts");
            e.Property(x => x.ItemId).HasMaxLength(100);
            e.Property(x => x.FactKey).HasMaxLength(100);
            e.Property(x => x.Source).HasMaxLength(20);
            e.Property(x => x.EnteredByName).HasMaxLength(256);
            e.Property(x => x.EnteredRole).HasMaxLength(30);
            e.HasIndex(x => new { x.SubmissionId, x.FactKey, x.Source }).IsUnique();
            e.HasOne<Submission>().WithMany().HasForeignKey(x => x.SubmissionId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(TenantFilter, x => x.TenantId == ScopeTenantId);
            e.HasQueryFilter(UnitScopeFilter, x => EF.Parameter(ScopePartOfOffice) == null || Units.Select(u => u.Id).Contains(x.UnitId));
        });

        builder.Entity<Evidence>(e =>
        {
            e.ToTable("Evidence");
            e.Property(x => x.ItemId).HasMaxLength(100);
            e.Property(x => x.FileName).HasMaxLength(255);
            e.Property(x => x.ContentType).HasMaxLength(100);
            e.Property(x => x.Sha256).HasMaxLength(64);
            e.Property(x => x.UploadedByName).HasMaxLength(256);
            e.HasIndex(x => new { x.SubmissionId, x.ItemId });
            e.HasIndex(x => x.Sha256);
            e.HasOne<Submission>().WithMany().HasForeignKey(x => x.SubmissionId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(TenantFilter, x => x.TenantId == ScopeTenantId);
            e.HasQueryFilter(UnitScopeFilter, x => EF.Parameter(ScopePartOfOffice) == null || Units.Select(u => u.Id).Contains(x.UnitId));
        });

        builder.Entity<ItemReviewRecord>(e =>
        {
            e.ToTable("ItemReviews");
            e.Property(x => x.ItemId).HasMaxLength(100);
            e.Property(x => x.State).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.ReviewerName).HasMaxLength(256);
            e.Property(x => x.Reason).HasMaxLength(2000);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.SubmissionId, x.ItemId }).IsUnique();
            e.HasOne<Submission>().WithMany().HasForeignKey(x => x.SubmissionId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(TenantFilter, x => x.TenantId == ScopeTenantId);
            e.HasQueryFilter(UnitScopeFilter, x => EF.Parameter(ScopePartOfOffice) == null || Units.Select(u => u.Id).Contains(x.UnitId));
        });

        builder.Entity<PublishedResult>(e =>
        {
            e.ToTable("PublishedResults");
            e.Property(x => x.Sha256).HasMaxLength(64);
            e.HasIndex(x => new { x.CampaignId, x.Version }).IsUnique();
            e.HasOne<Campaign>().WithMany().HasForeignKey(x => x.CampaignId).OnDelete(DeleteBehavior.Restrict);
            // Published results are public by design; the tenant filter still keeps signed-in reads inside the office.
            e.HasQueryFilter(TenantFilter, x => x.TenantId == ScopeTenantId);
        });

        builder.Entity<AppealRecord>(e =>
        {
            e.ToTable("Appeals");
            e.Property(x => x.ItemId).HasMaxLength(100);
            e.Property(x => x.Grounds).HasMaxLength(4000);
            e.Property(x => x.Decision).HasMaxLength(4000);
            e.Property(x => x.State).HasConversion<string>().HasMaxLength(20);
            // Uphold and reject both decide a filed appeal: the one that updates the row still filed wins, the other gets a 409.
            e.Property(x => x.State).IsConcurrencyToken();
            e.HasIndex(x => new { x.CampaignId, x.UnitId });
            e.HasOne<Campaign>().WithMany().HasForeignKey(x => x.CampaignId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(TenantFilter, x => x.TenantId == ScopeTenantId);
            e.HasQueryFilter(UnitScopeFilter, x => EF.Parameter(ScopePartOfOffice) == null || Units.Select(u => u.Id).Contains(x.UnitId));
        });

        builder.Entity<AuditEvent>(e =>
        {
            e.ToTable("AuditEvents");
            e.Property(x => x.ActorName).HasMaxLength(256);
            e.Property(x => x.Action).HasMaxLength(50);
            e.Property(x => x.EntityType).HasMaxLength(50);
            e.Property(x => x.EntityId).HasMaxLength(64);
            e.Property(x => x.PreviousHash).HasMaxLength(64);
            e.Property(x => x.Hash).HasMaxLength(64);
            e.HasIndex(x => new { x.TenantId, x.Sequence }).IsUnique();
            e.HasIndex(x => new { x.TenantId, x.EntityType, x.EntityId });
            e.HasQueryFilter(TenantFilter, x => x.TenantId == ScopeTenantId);
            e.HasQueryFilter(UnitScopeFilter, x => EF.Parameter(ScopePartOfOffice) == null || x.UnitId == null || Units.Select(u => u.Id).Contains(x.UnitId.Value));
        });

        builder.Entity<DataProtectionKey>(e =>
        {
            e.ToTable("DataProtectionKeys");
            e.Property(x => x.FriendlyName).HasMaxLength(200);
        });

        ConfigureCollection(builder);
        ConfigureReportsAndSpotChecks(builder);
        ConfigureDisclosures(builder);
        ConfigureListsAndEvents(builder);
        ConfigureSurveys(builder);
        ConfigureUnitPopulations(builder);
        ConfigureStoredResults(builder);
        ConfigureFollowUp(builder);
        ConfigureNotifications(builder);
        ConfigureReviewQueue(builder);
        ConfigureReportStamps(builder);

        // Instants are UTC everywhere; SQLite gives them back unspecified, PostgreSQL insists on UTC.
        var utc = new ValueConverter<DateTime, DateTime>(v => v, v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
        var utcNullable = new ValueConverter<DateTime?, DateTime?>(v => v, v => v == null ? v : DateTime.SpecifyKind(v.Value, DateTimeKind.Utc));
        foreach (var entity in builder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                if (property.ClrType == typeof(DateTime))
                    property.SetValueConverter(utc);
                else if (property.ClrType == typeof(DateTime?))
                    property.SetValueConverter(utcNullable);
            }
        }

        // The scope's range needs byte order, in which '/' sorts just below '0' (a linguistic collation may skip punctuation),
        // and the index must share the comparison's collation: PostgreSQL's column is "C"; SQLite's is NOCASE (set when LIKE
        // served the scope, V016), which orders digits and slashes by their bytes too.
        builder.Entity<Unit>().Property(x => x.Path).UseCollation(Database.IsSqlite() ? "NOCASE" : "C");

        // Identity's lockout end is a DateTimeOffset, which SQLite cannot compare; keep it as UTC ticks.
        if (Database.IsSqlite())
        {
            builder.Entity<AppUser>().Property(x => x.LockoutEnd).HasConversion(
                new ValueConverter<DateTimeOffset?, long?>(v => v == null ? null : v.Value.UtcTicks, v => v == null ? null : new DateTimeOffset(v.Value, TimeSpan.Zero)));
        }
    }

    /// <summary>The liaison table, commitment letters and provider submissions (V005), each scoped by its unit.</summary>
    private void ConfigureCollection(ModelBuilder builder)
    {
        builder.Entity<LiaisonContact>(e =>
        {
            e.ToTable("LiaisonContacts");
            e.Property(x => x.ContactName).HasMaxLength(50);
            e.Property(x => x.Title).HasMaxLength(50);
            e.Property(x => x.Landline).HasMaxLength(30);
            e.Property(x => x.Mobile).HasMaxLength(30);
            e.Property(x => x.Email).HasMaxLength(100);
            e.Property(x => x.EnteredByName).HasMaxLength(256);
            e.HasIndex(x => new { x.CampaignId, x.UnitId }).IsUnique();
            e.HasOne<Campaign>().WithMany().HasForeignKey(x => x.CampaignId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(TenantFilter, x => x.TenantId == ScopeTenantId);
            e.HasQueryFilter(UnitScopeFilter, x => EF.Parameter(ScopePartOfOffice) == null || Units.Select(u => u.Id).Contains(x.UnitId));
        });
        builder.Entity<CommitmentLetterRecord>(e =>
        {
            e.ToTable("CommitmentLetters");
            e.Property(x => x.SignerKind).HasMaxLength(20);
            e.Property(x => x.Title).HasMaxLength(200);
            e.Property(x => x.Text).HasMaxLength(8000);
            e.Property(x => x.AcceptedByName).HasMaxLength(256);
            e.Property(x => x.ScanFileName).HasMaxLength(255);
            e.Property(x => x.ScanContentType).HasMaxLength(100);
            e.Property(x => x.ScanSha256).HasMaxLength(64);
            e.Property(x => x.ScanUploadedByName).HasMaxLength(256);
            e.HasIndex(x => new { x.CampaignId, x.UnitId }).IsUnique();
            e.HasOne<Campaign>().WithMany().HasForeignKey(x => x.CampaignId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(TenantFilter, x => x.TenantId == ScopeTenantId);
            e.HasQueryFilter(UnitScopeFilter, x => EF.Parameter(ScopePartOfOffice) == null || Units.Select(u => u.Id).Contains(x.UnitId));
        });
        builder.Entity<ProviderSubmission>(e =>
        {
            e.ToTable("ProviderSubmissions");
            e.Property(x => x.ProviderName).HasMaxLength(100);
            e.Property(x => x.SubmittedByName).HasMaxLength(256);
            e.HasIndex(x => new { x.CampaignId, x.ProviderUnitId }).IsUnique();
            e.HasOne<Campaign>().WithMany().HasForeignKey(x => x.CampaignId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Unit>().WithMany().HasForeignKey(x => x.ProviderUnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(TenantFilter, x => x.TenantId == ScopeTenantId);
            e.HasQueryFilter(UnitScopeFilter, x => EF.Parameter(ScopePartOfOffice) == null || Units.Select(u => u.Id).Contains(x.ProviderUnitId));
        });
        builder.Entity<Evidence>(e =>
        {
            e.Property(x => x.Kind).HasMaxLength(20).HasDefaultValue(EvidenceKinds.File);
            e.Property(x => x.Url).HasMaxLength(2000);
        });
        builder.Entity<Submission>(e => e.Property(x => x.BaselineConfirmedBy).HasMaxLength(256));
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        throw new NotSupportedException("同步保存会绕过审计链，请使用 SaveChangesAsync。");

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        ChangeTracker.DetectChanges();
        // Changes were detected once just above; each hook below asks the tracker for its entries again (some twenty calls), and each call
        // would compare every tracked row with its snapshot again. Nothing changes the entities until the save, so they look once.
        var detecting = ChangeTracker.AutoDetectChangesEnabled;
        ChangeTracker.AutoDetectChangesEnabled = false;
        List<PendingAudit> pending;
        UnitPaths paths;
        StaleResults stale;
        ReviewQueueStale queue;
        ReportVersions reports;
        try
        {
            foreach (var entry in ChangeTracker.Entries<AuditEvent>())
            {
                if (entry.State is EntityState.Modified or EntityState.Deleted)
                    throw new InvalidOperationException("审计记录只能追加，不能修改或删除。");
            }

            pending = ChangeTracker.Entries<IAudited>()
                .Where(e => e.State is EntityState.Added or EntityState.Deleted
                            || (e.State == EntityState.Modified && e.Properties.Any(p => AuditJson.Changed(p) && !AuditJson.IsNoise(p.Metadata.Name))))
                .Select(e => new PendingAudit(e, e.State, e.State == EntityState.Added ? null : AuditJson.Snapshot(e, original: true), AuditJson.ChangedSecrets(e)))
                .ToList();
            paths = UnitPaths.Pending(ChangeTracker);
            stale = StaleResults.Pending(ChangeTracker);
            queue = ReviewQueueStale.Pending(ChangeTracker);
            reports = ReportVersions.Pending(ChangeTracker);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detecting;
        }
        if (pending.Count == 0 && paths.IsEmpty && stale.IsEmpty && queue.IsEmpty && reports.IsEmpty)
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);

        // The change and its audit events commit together or not at all.
        var ownTransaction = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            var changed = await base.SaveChangesAsync(acceptAllChangesOnSuccess: true, cancellationToken);
            // New units' ids exist only now; their paths are written by the save below, with the audit events.
            await paths.ApplyAsync(this, cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            var drafts = pending.Select(p => p.ToDraft(now, scope)).ToList();
            await AuditChain.AppendAsync(this, drafts, cancellationToken);
            await base.SaveChangesAsync(acceptAllChangesOnSuccess: true, cancellationToken);
            // The units whose facts this save wrote: stale in this transaction, recomputed off the write (ADR 0011).
            await stale.ApplyAsync(this, cancellationToken);
            await queue.ApplyAsync(this, cancellationToken);
            // The units whose own report this save changed: their report versions move on, so the next read is answered in full.
            await reports.ApplyAsync(this, cancellationToken);
            if (ownTransaction is not null)
                await ownTransaction.CommitAsync(cancellationToken);
            return changed;
        }
        finally
        {
            if (ownTransaction is not null)
                await ownTransaction.DisposeAsync();
        }
    }

    private sealed record PendingAudit(EntityEntry<IAudited> Entry, EntityState State, string? Before, IReadOnlySet<string> ChangedSecrets)
    {
        public AuditDraft ToDraft(DateTime now, AccessScope scope)
        {
            var entity = Entry.Entity;
            var action = State switch
            {
                EntityState.Added => "created",
                EntityState.Deleted => "deleted",
                _ => "updated",
            };
            // Taken after the save, so that generated keys are in it; which secrets changed was noted before.
            var after = State == EntityState.Deleted ? null : AuditJson.Snapshot(Entry, original: false, ChangedSecrets);
            return new AuditDraft(entity.TenantId, now, scope.UserId, scope.ActorName, $"{entity.AuditEntityType}.{action}",
                entity.AuditEntityType, entity.AuditEntityId, entity.AuditUnitId, Before, after);
        }
    }
}

/// <summary>Before/after snapshots of an audited entity, without secrets.</summary>
internal static class AuditJson
{
    // Secrets never reach the audit log; a change to one is recorded as a change, not a value.
    // A screened person's id number is kept only until its retention ends; the append-only chain must not outlive that.
    private static readonly HashSet<string> Secret = ["PasswordHash", "SecurityStamp", "TokenHash", "IdNumber", "ProtectedSecret"];

    // Bookkeeping that changes on every sign-in and says nothing about who changed what.
    // A unit's path is derived from its parent, whose change is recorded; it is bookkeeping too.
    private static readonly HashSet<string> Noise = ["AccessFailedCount", "ConcurrencyStamp", "NormalizedUserName", "NormalizedEmail", "Path"];

    public static bool IsNoise(string property) => Noise.Contains(property);

    // Identity marks every column modified on update; what counts is whether a value differs.
    public static bool Changed(PropertyEntry property) => !Equals(property.OriginalValue, property.CurrentValue);

    private static readonly JsonSerializerOptions Options = new()
    {
        // Stored and shown as data, never embedded in HTML unescaped: keep Chinese readable.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static IReadOnlySet<string> ChangedSecrets(EntityEntry entry) =>
        entry.Properties.Where(p => Secret.Contains(p.Metadata.Name) && (entry.State == EntityState.Added || Changed(p)))
            .Select(p => p.Metadata.Name).ToHashSet();

    public static string Snapshot(EntityEntry entry, bool original, IReadOnlySet<string>? changedSecrets = null)
    {
        var values = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in entry.Properties)
        {
            var name = property.Metadata.Name;
            if (Noise.Contains(name))
                continue;
            if (Secret.Contains(name))
            {
                values[name] = !original && changedSecrets?.Contains(name) == true ? "(已更改)" : "***";
                continue;
            }
            var value = original ? property.OriginalValue : property.CurrentValue;
            values[name] = value switch
            {
                DateTime d => d.ToString("O"),
                DateTimeOffset d => d.ToString("O"),
                Enum x => x.ToString(),
                _ => value,
            };
        }
        return JsonSerializer.Serialize(values, Options);
    }
}
