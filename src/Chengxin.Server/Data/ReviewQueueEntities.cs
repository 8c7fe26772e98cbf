using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Chengxin.Server.Data;

/// <summary>
/// How many items of one submission wait for review, by the state they wait in (V020): the review queue's tabs, filters and pages
/// read these rows, one a unit, instead of every verdict of every campaign under review. Worked out by the queue itself, item by item
/// with the domain's rule (Features/Workspace/ReviewQueueCounts); a save that touches what decides it marks the row stale
/// (<see cref="ReviewQueueStale"/>) and the next read of the queue works the row out again. <see cref="Stamp"/> goes up with every
/// such save, so a read that worked a row out from what it read before a later save never stores it over that save's mark.
/// </summary>
public sealed class ReviewQueueCountRow
{
    public long SubmissionId { get; set; }
    public long TenantId { get; set; }
    public long CampaignId { get; set; }
    public long UnitId { get; set; }

    /// <summary>The scheme version the counts were worked out with; a campaign moved to another version works them out again.</summary>
    public long SchemeVersionId { get; set; }

    /// <summary>The submission as the queue shows it beside each item (kept with the counts: the same saves change both).</summary>
    public Chengxin.Domain.Campaigns.SubmissionState State { get; set; }

    public DateTime? SubmittedAt { get; set; }
    public bool IsLate { get; set; }

    /// <summary>Waiting as 待复核: no verdict yet, or one still pending.</summary>
    public int Pending { get; set; }

    /// <summary>Returned and answered by the unit (补充后重新提交).</summary>
    public int Resubmitted { get; set; }

    /// <summary>Reopened by an upheld appeal (申诉成立待重新复核).</summary>
    public int Appealed { get; set; }

    /// <summary>Confirmed, corrected or scored on facts that changed since (已确认, 已修正, 已评分, stale).</summary>
    public int Confirmed { get; set; }

    public int Corrected { get; set; }
    public int Scored { get; set; }

    /// <summary>The submission's whole queue: the sum of the six.</summary>
    public int Total { get; set; }

    public bool IsStale { get; set; }
    public long Stamp { get; set; }
}

/// <summary>
/// Which submissions' queue counts a save makes stale, noted from the change tracker before the save and marked after it, in the
/// same transaction: verdicts, facts versions, the submission itself (its state), appeals (an upheld one reopens a verdict), the
/// unit's class in the campaign and the unit's name (a responsibility list names units). As with stored results, no writer marks
/// anything: the save does, so a write path added later cannot forget.
/// </summary>
internal sealed class ReviewQueueStale
{
    private readonly List<Func<long>> _submissions;
    private readonly List<Func<(long CampaignId, long UnitId)>> _members;
    private readonly List<long> _units;
    private readonly List<long> _campaigns;

    private ReviewQueueStale(List<Func<long>> submissions, List<Func<(long, long)>> members, List<long> units, List<long> campaigns)
    {
        _submissions = submissions;
        _members = members;
        _units = units;
        _campaigns = campaigns;
    }

    public bool IsEmpty => _submissions.Count == 0 && _members.Count == 0 && _units.Count == 0 && _campaigns.Count == 0;

    private static bool Written(EntityEntry e) => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted;

    public static ReviewQueueStale Pending(ChangeTracker tracker)
    {
        // Entities, not ids: an added row's keys (and its submission's) exist only after the save.
        var submissions = new List<Func<long>>();
        submissions.AddRange(tracker.Entries<ItemReviewRecord>().Where(Written).Select(e => e.Entity).Select(r => (Func<long>)(() => r.SubmissionId)));
        submissions.AddRange(tracker.Entries<SubmissionItem>().Where(Written).Select(e => e.Entity).Select(i => (Func<long>)(() => i.SubmissionId)));
        submissions.AddRange(tracker.Entries<Submission>().Where(e => e.State is EntityState.Added or EntityState.Modified).Select(e => e.Entity)
            .Select(s => (Func<long>)(() => s.Id)));
        var members = new List<Func<(long, long)>>();
        members.AddRange(tracker.Entries<AppealRecord>().Where(Written).Select(e => e.Entity).Select(a => (Func<(long, long)>)(() => (a.CampaignId, a.UnitId))));
        members.AddRange(tracker.Entries<CampaignUnit>().Where(Written).Select(e => e.Entity).Select(m => (Func<(long, long)>)(() => (m.CampaignId, m.UnitId))));
        var units = tracker.Entries<Unit>().Where(e => e.State == EntityState.Modified && e.Property(u => u.Name).IsModified).Select(e => e.Entity.Id).ToList();
        // A campaign moved to another scheme version has other items: every row of it is worked out again.
        var campaigns = tracker.Entries<Campaign>().Where(e => e.State == EntityState.Modified && e.Property(c => c.SchemeVersionId).IsModified)
            .Select(e => e.Entity.Id).ToList();
        return new ReviewQueueStale(submissions, members, units, campaigns);
    }

    /// <summary>After the rows are written: every touched submission's row marked stale, its stamp moved on (a row made when missing).</summary>
    public async Task ApplyAsync(ChengxinDbContext db, CancellationToken ct)
    {
        var ids = _submissions.Select(s => s()).Where(id => id > 0).ToHashSet();
        foreach (var member in _members.Select(m => m()).Distinct())
            ids.UnionWith(await db.Submissions.IgnoreQueryFilters().Where(s => s.CampaignId == member.CampaignId && s.UnitId == member.UnitId)
                .Select(s => s.Id).ToListAsync(ct));
        if (_units.Count > 0)
            ids.UnionWith(await db.Submissions.IgnoreQueryFilters().Where(s => _units.Contains(s.UnitId)).Select(s => s.Id).ToListAsync(ct));
        foreach (var chunk in ids.Order().Chunk(500))
            await MarkAsync(db, chunk, ct);
        foreach (var campaignId in _campaigns.Distinct())
            await db.ReviewQueueCounts.IgnoreQueryFilters().Where(q => q.CampaignId == campaignId)
                .ExecuteUpdateAsync(s => s.SetProperty(q => q.IsStale, true).SetProperty(q => q.Stamp, q => q.Stamp + 1), ct);
    }

    /// <summary>
    /// One statement for both providers: the row made stale when missing, else marked stale with its stamp moved on. A submission
    /// deleted in the same save has no row to make.
    /// </summary>
    internal static Task MarkAsync(ChengxinDbContext db, IReadOnlyCollection<long> submissionIds, CancellationToken ct)
    {
        var list = string.Join(",", submissionIds.Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
#pragma warning disable EF1002 // The list is of longs formatted here, never text from a request.
        return db.Database.ExecuteSqlRawAsync($"""
            INSERT INTO "ReviewQueueCounts" ("SubmissionId", "TenantId", "CampaignId", "UnitId", "SchemeVersionId", "State", "SubmittedAt", "IsLate",
                "Pending", "Resubmitted", "Appealed", "Confirmed", "Corrected", "Scored", "Total", "IsStale", "Stamp")
            SELECT s."Id", s."TenantId", s."CampaignId", s."UnitId", c."SchemeVersionId", s."State", s."SubmittedAt", s."IsLate", 0, 0, 0, 0, 0, 0, 0, TRUE, 1
            FROM "Submissions" s JOIN "Campaigns" c ON c."Id" = s."CampaignId"
            WHERE s."Id" IN ({list})
            ON CONFLICT ("SubmissionId") DO UPDATE SET "IsStale" = TRUE, "Stamp" = "ReviewQueueCounts"."Stamp" + 1
            """, ct);
#pragma warning restore EF1002
    }
}

public sealed partial class ChengxinDbContext
{
    public DbSet<ReviewQueueCountRow> ReviewQueueCounts => Set<ReviewQueueCountRow>();

    private void ConfigureReviewQueue(ModelBuilder builder) =>
        builder.Entity<ReviewQueueCountRow>(e =>
        {
            e.ToTable("ReviewQueueCounts");
            e.HasKey(x => x.SubmissionId);
            e.HasOne<Submission>().WithMany().HasForeignKey(x => x.SubmissionId).OnDelete(DeleteBehavior.Cascade);
            // A campaign's rows in unit order, with the counts beside the keys: the queue's read of one campaign.
            e.Property(x => x.State).HasConversion<string>().HasMaxLength(30);
            e.HasIndex(x => new { x.CampaignId, x.UnitId }).HasDatabaseName("IX_ReviewQueueCounts_CampaignId_UnitId");
            // The rows of a campaign a read must work out again, found without reading the others.
            e.HasIndex(x => new { x.CampaignId, x.IsStale }).HasDatabaseName("IX_ReviewQueueCounts_CampaignId_IsStale");
            e.HasQueryFilter(TenantFilter, x => x.TenantId == ScopeTenantId);
        });
}
