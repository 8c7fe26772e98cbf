using Chengxin.Domain.Surveys;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Data;

/// <summary>
/// A campaign's questionnaire (问卷测评): its questions come from the scheme's items whose method is 问卷测评, the office words them,
/// gives each satisfaction level its points, chooses how the percentage is defined and the minimum sample, and sets the window in
/// which the public may answer (within the campaign's schedule; closed early by the office).
/// </summary>
public sealed class SurveyRecord : IAudited
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public long CampaignId { get; set; }
    public required string Title { get; set; }
    public required string Intro { get; set; }
    public decimal VerySatisfiedPoints { get; set; }
    public decimal SatisfiedPoints { get; set; }
    public decimal FairlySatisfiedPoints { get; set; }
    public decimal DissatisfiedPoints { get; set; }
    public decimal VeryDissatisfiedPoints { get; set; }
    public SatisfactionDefinition Definition { get; set; }
    public int MinimumSample { get; set; }
    public bool AllowsComment { get; set; }
    public DateTime OpensAt { get; set; }
    public DateTime ClosesAt { get; set; }

    /// <summary>Set when the office closed the survey before <see cref="ClosesAt"/>.</summary>
    public DateTime? ClosedEarlyAt { get; set; }

    /// <summary>The address the public reaches the server by (https://xyb.example.gov.cn), for links and QR codes; empty: the request's own.</summary>
    public string? PublicBaseAddress { get; set; }

    /// <summary>The concurrency token of every change by the office: of two racing edits one wins, the other is a 409.</summary>
    public int Version { get; set; }

    public DateTime UpdatedAt { get; set; }
    public List<SurveyQuestionRecord> Questions { get; set; } = [];

    public LevelPoints Points => new(VerySatisfiedPoints, SatisfiedPoints, FairlySatisfiedPoints, DissatisfiedPoints, VeryDissatisfiedPoints);

    long? IAudited.AuditUnitId => null;
    string IAudited.AuditEntityType => "survey";
    string IAudited.AuditEntityId => Id.ToString();
}

/// <summary>One question: the scheme item (and fact) it measures and the office's wording.</summary>
public sealed class SurveyQuestionRecord
{
    public long Id { get; set; }
    public long SurveyId { get; set; }
    public int No { get; set; }
    public required string ItemId { get; set; }
    public required string Text { get; set; }
}

/// <summary>The public link of one unit in one survey: an unguessable token, so that nobody answers for a unit by typing its number.</summary>
public sealed class SurveyLinkRecord
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public long SurveyId { get; set; }
    public long UnitId { get; set; }
    public required string Token { get; set; }
}

/// <summary>An invitation code for a targeted sample: one code, one answer sheet.</summary>
public sealed class SurveyInvitationRecord
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public long SurveyId { get; set; }
    public long UnitId { get; set; }
    public required string Code { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>
/// One answer sheet, append-only (the database refuses updates and deletes): the unit, when, the invitation if any, and a hash of
/// the device's random cookie so one device answers once. Nothing about the person: no name, phone number, address or location.
/// </summary>
public sealed class SurveyResponseRecord
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public long SurveyId { get; set; }
    public long UnitId { get; set; }
    public long? InvitationId { get; set; }

    /// <summary>SHA-256 of the device cookie's random value: equal for one device, saying nothing about who holds it.</summary>
    public required string DeviceHash { get; set; }

    public DateTime AnsweredAt { get; set; }

    /// <summary>The optional open text, with digit runs that could be a phone or id number masked before storing.</summary>
    public string? Comment { get; set; }

    public List<SurveyAnswerRecord> Answers { get; set; } = [];
}

/// <summary>The level given to one question on one answer sheet.</summary>
public sealed class SurveyAnswerRecord
{
    public long ResponseId { get; set; }
    public long QuestionId { get; set; }
    public SatisfactionLevel Level { get; set; }
}

/// <summary>An answer sheet the office set aside as abuse, with its reason; audited. The sheet itself stays as it was answered.</summary>
public sealed class SurveyDiscardRecord : IAudited
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public long SurveyId { get; set; }
    public long ResponseId { get; set; }
    public long UnitId { get; set; }
    public required string Reason { get; set; }
    public Guid? DiscardedBy { get; set; }
    public required string DiscardedByName { get; set; }
    public DateTime DiscardedAt { get; set; }

    long? IAudited.AuditUnitId => UnitId;
    string IAudited.AuditEntityType => "survey-discard";
    string IAudited.AuditEntityId => Id.ToString();
}

public sealed partial class ChengxinDbContext
{
    public DbSet<SurveyRecord> Surveys => Set<SurveyRecord>();
    public DbSet<SurveyQuestionRecord> SurveyQuestions => Set<SurveyQuestionRecord>();
    public DbSet<SurveyLinkRecord> SurveyLinks => Set<SurveyLinkRecord>();
    public DbSet<SurveyInvitationRecord> SurveyInvitations => Set<SurveyInvitationRecord>();
    public DbSet<SurveyResponseRecord> SurveyResponses => Set<SurveyResponseRecord>();
    public DbSet<SurveyAnswerRecord> SurveyAnswers => Set<SurveyAnswerRecord>();
    public DbSet<SurveyDiscardRecord> SurveyDiscards => Set<SurveyDiscardRecord>();

    /// <summary>Satisfaction surveys: the questionnaire, the units' links, invitations, answer sheets and discards (V013).</summary>
    private void ConfigureSurveys(ModelBuilder builder)
    {
        builder.Entity<SurveyRecord>(e =>
        {
            e.ToTable("Surveys");
            e.Property(x => x.Title).HasMaxLength(100);
            e.Property(x => x.Intro).HasMaxLength(1000);
            e.Property(x => x.Definition).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.PublicBaseAddress).HasMaxLength(200);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.Ignore(x => x.Points);
            e.HasIndex(x => x.CampaignId).IsUnique();
            e.HasMany(x => x.Questions).WithOne().HasForeignKey(x => x.SurveyId);
            e.HasOne<Campaign>().WithMany().HasForeignKey(x => x.CampaignId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(TenantFilter, x => x.TenantId == ScopeTenantId);
        });
        builder.Entity<SurveyQuestionRecord>(e =>
        {
            e.ToTable("SurveyQuestions");
            e.Property(x => x.ItemId).HasMaxLength(50);
            e.Property(x => x.Text).HasMaxLength(300);
        });
        builder.Entity<SurveyLinkRecord>(e =>
        {
            e.ToTable("SurveyLinks");
            e.Property(x => x.Token).HasMaxLength(20);
            e.HasIndex(x => x.Token).IsUnique();
            e.HasIndex(x => new { x.SurveyId, x.UnitId }).IsUnique();
            e.HasOne<SurveyRecord>().WithMany().HasForeignKey(x => x.SurveyId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(TenantFilter, x => x.TenantId == ScopeTenantId);
            e.HasQueryFilter(UnitScopeFilter, x => EF.Parameter(ScopePartOfOffice) == null || Units.Select(u => u.Id).Contains(x.UnitId));
        });
        builder.Entity<SurveyInvitationRecord>(e =>
        {
            e.ToTable("SurveyInvitations");
            e.Property(x => x.Code).HasMaxLength(20);
            e.HasIndex(x => x.Code).IsUnique();
            e.HasIndex(x => new { x.SurveyId, x.UnitId });
            e.HasOne<SurveyRecord>().WithMany().HasForeignKey(x => x.SurveyId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(TenantFilter, x => x.TenantId == ScopeTenantId);
            e.HasQueryFilter(UnitScopeFilter, x => EF.Parameter(ScopePartOfOffice) == null || Units.Select(u => u.Id).Contains(x.UnitId));
        });
        builder.Entity<SurveyResponseRecord>(e =>
        {
            e.ToTable("SurveyResponses");
            e.Property(x => x.DeviceHash).HasMaxLength(64);
            e.Property(x => x.Comment).HasMaxLength(500);
            // One sheet per device per unit, one per invitation: the database decides a race between two submissions.
            e.HasIndex(x => new { x.SurveyId, x.UnitId, x.DeviceHash }).IsUnique();
            e.HasIndex(x => x.InvitationId).IsUnique();
            e.HasMany(x => x.Answers).WithOne().HasForeignKey(x => x.ResponseId);
            e.HasOne<SurveyRecord>().WithMany().HasForeignKey(x => x.SurveyId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<SurveyInvitationRecord>().WithMany().HasForeignKey(x => x.InvitationId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(TenantFilter, x => x.TenantId == ScopeTenantId);
            e.HasQueryFilter(UnitScopeFilter, x => EF.Parameter(ScopePartOfOffice) == null || Units.Select(u => u.Id).Contains(x.UnitId));
        });
        builder.Entity<SurveyAnswerRecord>(e =>
        {
            e.ToTable("SurveyAnswers");
            e.HasKey(x => new { x.ResponseId, x.QuestionId });
            e.Property(x => x.Level).HasConversion<int>();
            e.HasOne<SurveyQuestionRecord>().WithMany().HasForeignKey(x => x.QuestionId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<SurveyDiscardRecord>(e =>
        {
            e.ToTable("SurveyDiscards");
            e.Property(x => x.Reason).HasMaxLength(500);
            e.Property(x => x.DiscardedByName).HasMaxLength(256);
            e.HasIndex(x => x.ResponseId).IsUnique();
            e.HasIndex(x => x.SurveyId);
            e.HasOne<SurveyRecord>().WithMany().HasForeignKey(x => x.SurveyId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<SurveyResponseRecord>().WithMany().HasForeignKey(x => x.ResponseId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(TenantFilter, x => x.TenantId == ScopeTenantId);
            e.HasQueryFilter(UnitScopeFilter, x => EF.Parameter(ScopePartOfOffice) == null || Units.Select(u => u.Id).Contains(x.UnitId));
        });
    }
}
