using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Chengxin.Server.Data;

/// <summary>
/// A unit's report version (V023): moved on by every save that writes a row a unit's own report shows (its facts and explanations,
/// providers' facts, evidence, item deadlines and exceptions, verdicts, report records, the liaison table and commitment letter,
/// the monitoring, 双公示 and survey facts counted for it). The report's read joins it to the one statement it already runs, and
/// its ETag is this version with the rows that statement reads anyway (the campaign, the unit, its class, the submission), so an
/// unchanged report is answered 304 without being built (issue 19, B5). A unit without a row has version 0.
/// </summary>
public sealed class ReportStamp
{
    public long UnitId { get; set; }
    public long TenantId { get; set; }
    public long Version { get; set; }
}

/// <summary>
/// Which units' report versions a save moves on, noted from the change tracker before the save and applied after it, in the same
/// transaction (so a version never moves for a write that rolled back, and never lags one that committed). Decided by the rows'
/// keys, not by a list of the report's sources: every written row that names a unit moves that unit's version, one that names only
/// a campaign moves every member's, so a row a later feature adds to the report is covered without a change here. Rows the report
/// never shows and that are written often (the audit chain, stored results and queue counts derived from the report, accounts) are
/// left out; a row the report already reads and hashes (the campaign, the unit, the submission) needs no version.
/// One version per unit rather than per campaign: on deadline day a campaign changes hundreds of times a second, one unit's
/// report a few times an hour; a unit in two campaigns sees the other's writes as changes too, which costs a 200, never a stale 304.
/// </summary>
internal sealed class ReportVersions
{
    private static readonly HashSet<Type> Unshown =
    [
        typeof(AuditEvent), typeof(UnitResultRow), typeof(ReviewQueueCountRow), typeof(AppUser), typeof(ApiToken), typeof(ReportStamp),
        typeof(Submission), typeof(Campaign), typeof(Unit), typeof(PublishedResult), typeof(DataProtectionKey), typeof(NotificationRecord),
    ];

    // Facts of a unit that the units above it count too (a county's departments' opinion, list hits and 双公示 records), as StaleResults.
    private static readonly HashSet<Type> CountedAbove =
        [typeof(ScreeningHitRecord), typeof(MonitoringEventUnit), typeof(DisclosureFinding), typeof(DisclosureRejection), typeof(DisclosureRecordRow), typeof(UnitPopulation)];

    private readonly List<Func<long?>> _units = [];
    private readonly List<Func<long?>> _withAbove = [];
    private readonly List<Func<long?>> _campaigns = [];
    private readonly List<Func<long?>> _events = [];
    private readonly List<long> _tenants = [];

    public bool IsEmpty => _units.Count == 0 && _withAbove.Count == 0 && _campaigns.Count == 0 && _events.Count == 0 && _tenants.Count == 0;

    // Read after the save: an added row's keys (and its parents') exist only then; a deleted row's entity keeps its values.
    private static Func<long?> Key(EntityEntry entry, IProperty property)
    {
        var entity = entry.Entity;
        var getter = property.GetGetter();
        return () => getter.GetClrValueUsingContainingEntity(entity) is long id && id > 0 ? id : null;
    }

    public static ReportVersions Pending(ChangeTracker tracker)
    {
        var pending = new ReportVersions();
        foreach (var entry in tracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted) || Unshown.Contains(entry.Metadata.ClrType))
                continue;
            switch (entry.Entity)
            {
                case MonitoringEventRecord e:
                    pending._events.Add(() => e.Id);
                    continue;
                case DisclosureSettings s:
                    pending._tenants.Add(s.TenantId);
                    continue;
            }
            var type = entry.Metadata;
            if ((type.FindProperty("DepartmentUnitId") ?? type.FindProperty(nameof(ReportStamp.UnitId))) is { } unit)
                (CountedAbove.Contains(type.ClrType) ? pending._withAbove : pending._units).Add(Key(entry, unit));
            else if (type.FindProperty(nameof(Submission.CampaignId)) is { } campaign)
                pending._campaigns.Add(Key(entry, campaign));
        }
        return pending;
    }

    /// <summary>
    /// For the one writer of a report's rows past the change tracker (an intake's 双公示 records, stored by COPY or a prepared
    /// insert): moves the versions of these units and of the units above them, in the caller's transaction.
    /// </summary>
    public static Task MoveAsync(ChengxinDbContext db, IReadOnlyCollection<long> countedAbove, CancellationToken ct)
    {
        var pending = new ReportVersions();
        pending._withAbove.AddRange(countedAbove.Select(id => (Func<long?>)(() => id)));
        return pending.ApplyAsync(db, ct);
    }

    public async Task ApplyAsync(ChengxinDbContext db, CancellationToken ct)
    {
        var units = _units.Select(u => u()).OfType<long>().ToHashSet();
        var above = _withAbove.Select(u => u()).OfType<long>().ToHashSet();
        var events = _events.Select(e => e()).OfType<long>().ToList();
        if (events.Count > 0)
            above.UnionWith(await db.MonitoringEventUnits.IgnoreQueryFilters().Where(u => events.Contains(u.EventId)).Select(u => u.UnitId).ToListAsync(ct));
        foreach (var chunk in above.Chunk(500))
            foreach (var path in await db.Units.IgnoreQueryFilters().Where(u => chunk.Contains(u.Id)).Select(u => u.Path).ToListAsync(ct))
                units.UnionWith(path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(id => long.Parse(id, CultureInfo.InvariantCulture)));
        units.UnionWith(above);
        if (units.Count == 1)
        {
            // The write of one unit's report, on every save of deadline day: one parameterised statement, prepared once per connection.
            var id = units.First();
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "ReportStamps" ("UnitId", "TenantId", "Version") SELECT "Id", "TenantId", 1 FROM "Units" WHERE "Id" = {id}
                ON CONFLICT ("UnitId") DO UPDATE SET "Version" = "ReportStamps"."Version" + 1
                """, ct);
        }
        else
            foreach (var chunk in units.Order().Chunk(500))
                await BumpAsync(db, $"""SELECT "Id", "TenantId", 1 FROM "Units" WHERE "Id" IN ({List(chunk)}) ORDER BY "Id" """, ct);
        foreach (var campaignId in _campaigns.Select(c => c()).OfType<long>().Distinct())
            await BumpAsync(db, $"""
                SELECT m."UnitId", c."TenantId", 1 FROM "CampaignUnits" m JOIN "Campaigns" c ON c."Id" = m."CampaignId"
                WHERE m."CampaignId" = {campaignId.ToString(CultureInfo.InvariantCulture)} ORDER BY m."UnitId"
                """, ct);
        foreach (var tenantId in _tenants.Distinct())
            await BumpAsync(db, $"""SELECT "Id", "TenantId", 1 FROM "Units" WHERE "TenantId" = {tenantId.ToString(CultureInfo.InvariantCulture)} ORDER BY "Id" """, ct);
    }

    private static string List(IEnumerable<long> ids) => string.Join(",", ids.Select(id => id.ToString(CultureInfo.InvariantCulture)));

    // The rows are chosen by a SELECT with a WHERE (SQLite needs one to tell the upsert's ON CONFLICT from a join's ON), in unit order:
    // on PostgreSQL two saves moving overlapping sets of units lock their rows in the same order, so neither waits for the other in a cycle.
    private static Task BumpAsync(ChengxinDbContext db, string select, CancellationToken ct) =>
#pragma warning disable EF1002 // Only longs formatted here go into the text, never anything from a request.
        db.Database.ExecuteSqlRawAsync($"""
            INSERT INTO "ReportStamps" ("UnitId", "TenantId", "Version") {select}
            ON CONFLICT ("UnitId") DO UPDATE SET "Version" = "ReportStamps"."Version" + 1
            """, ct);
#pragma warning restore EF1002
}

public sealed partial class ChengxinDbContext
{
    public DbSet<ReportStamp> ReportStamps => Set<ReportStamp>();

    private void ConfigureReportStamps(ModelBuilder builder) =>
        builder.Entity<ReportStamp>(e =>
        {
            e.ToTable("ReportStamps");
            e.HasKey(x => x.UnitId);
            e.Property(x => x.UnitId).ValueGeneratedNever();
            e.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Cascade);
            e.HasQueryFilter(TenantFilter, x => x.TenantId == ScopeTenantId);
        });
}
