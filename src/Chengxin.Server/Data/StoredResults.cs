using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Chengxin.Server.Data;

/// <summary>
/// One unit's computed result in one campaign (V010), stored when its facts change and read by results, the dashboard,
/// exports and the period inputs (ADR 0007). The ranks (<see cref="Rank"/>, <see cref="ClassRank"/>) depend on every other unit:
/// they are stored once the whole campaign is ranked; a row written since keeps its last ranks marked due (<see cref="RankDue"/>,
/// V021), so a due mark, a null rank (a row never ranked) or a stale row in a campaign means its ranks are due again (V019). Unlike the model's other points (<see cref="ScaledPoints"/>,
/// entered and configured to four places), a result is exact and unrounded where the scheme sets no rounding (a normalised
/// 100 × 2/3): its points are stored as exact decimal text, so a read serves the very figure the engine computed.
/// </summary>
public sealed class UnitResultRow
{
    public long TenantId { get; set; }
    public long CampaignId { get; set; }
    public long UnitId { get; set; }

    /// <summary>The scheme version the row was computed with; a campaign moved to another version recomputes its rows on read.</summary>
    public long SchemeVersionId { get; set; }

    public required string SchemeClass { get; set; }
    public decimal Base { get; set; }
    public decimal Bonus { get; set; }
    public decimal Total { get; set; }
    public string? Grade { get; set; }

    /// <summary>The vetoes that fired, in the scheme's words (JSON array of strings).</summary>
    public required string VetoesJson { get; set; }

    /// <summary>The self-score: the unit's own facts alone.</summary>
    public decimal SelfTotal { get; set; }

    /// <summary>The reviewed total of a spot-checked unit, kept beside the spot check's total that replaced it; null without a completed check.</summary>
    public decimal? ReviewedOnlyTotal { get; set; }

    public bool IsLate { get; set; }
    public required string Explanation { get; set; }

    /// <summary>Per scheme item: status, score, self-score, explanation, and what carry-over took (JSON, in the scheme's item order).</summary>
    public required string ItemsJson { get; set; }

    /// <summary>The subtotals of the scheme's tie-break nodes, in their order (JSON array of exact decimals).</summary>
    public required string TieBreakJson { get; set; }

    /// <summary>A composite scheme's part from earlier periods, and its note; null for other schemes.</summary>
    public decimal? Composite { get; set; }
    public string? CompositeNote { get; set; }

    /// <summary>
    /// The published results of other campaigns the row used (a composite's months, carried quarters): their ids, as a JSON
    /// array. A later publication of the same scheme family changes the set, which a read compares and then recomputes.
    /// </summary>
    public required string PeriodSourcesJson { get; set; }

    /// <summary>
    /// Set in the transaction of a write of the unit's facts (see <see cref="StaleResults"/>); a read recomputes a stale row, and the
    /// result-refresh work a few seconds later (ADR 0011).
    /// </summary>
    public bool IsStale { get; set; }

    /// <summary>
    /// Counted up by every stale mark (V024), and the row's concurrency token: a recompute stores its row only where the mark is the one
    /// it read before it read the facts, so a row marked again meanwhile stays stale rather than cleared with a result of older facts.
    /// </summary>
    public long StaleMark { get; set; }

    public DateTime ComputedAt { get; set; }

    /// <summary>
    /// The rank in the whole campaign and within the unit's class, as the campaign's rows were last ranked together; null until the
    /// row is first ranked. A write of one unit can move every other unit's rank: it marks its row <see cref="RankDue"/>.
    /// </summary>
    public int? Rank { get; set; }

    public int? ClassRank { get; set; }

    /// <summary>
    /// Set when this row was written after the campaign was last ranked (V021): its stored ranks are the last ones, kept to be shown
    /// as being refreshed while the ranks worker (<c>RankRefresh</c>) ranks the campaign again, and then cleared with the new ranks.
    /// </summary>
    public bool RankDue { get; set; }

    /// <summary>
    /// The row's points per first-level category of the scheme, in the scheme's category order (JSON array of exact decimals,
    /// V021), summed when the row is computed so the dashboard reads a few numbers instead of every item; null for rows computed
    /// before V021, whose item list is read instead.
    /// </summary>
    public string? CategoryScoresJson { get; set; }
}

/// <summary>A campaign's unit whose stored result a write made stale.</summary>
public readonly record struct ResultKey(long CampaignId, long UnitId);

/// <summary>
/// Which stored results a save makes stale, noted from the change tracker before the save and applied after it, in the same
/// transaction: every row that bears on a unit's score (entered, provider and reviewer facts, spot checks and their findings,
/// the report record, the submission's state and lateness, the campaign's membership, scheme version and period). A writer
/// cannot forget to mark, because no writer does it: the save does. The save only marks (ADR 0011): the rows are recomputed by the
/// result-refresh work or by the next read, whichever comes first.
/// </summary>
internal sealed class StaleResults
{
    private readonly List<SubmissionFact> _facts;
    private readonly List<SpotCheckItemRecord> _findings;
    private readonly List<Func<ResultKey>> _direct;
    private readonly List<CampaignUnit> _members;
    private readonly List<CampaignUnit> _removed;
    private readonly List<Campaign> _campaigns;
    private readonly Monitored _monitored;
    private readonly List<Submission> _tracked;

    /// <summary>
    /// Monitoring rows (双公示 findings and refused rows, list hits, complaints and opinion) concern a unit over dates, not one
    /// campaign: they make every stored result of their units stale (and the office's 双公示 settings every result of the office),
    /// recomputed by the next read rather than here, since one verdict may touch many campaigns.
    /// </summary>
    private sealed record Monitored(List<Func<long?>> Units, List<MonitoringEventRecord> Events, List<long> Tenants)
    {
        public bool IsEmpty => Units.Count == 0 && Events.Count == 0 && Tenants.Count == 0;
    }

    private StaleResults(List<SubmissionFact> facts, List<SpotCheckItemRecord> findings, List<Func<ResultKey>> direct, List<CampaignUnit> members,
        List<CampaignUnit> removed, List<Campaign> campaigns, Monitored monitored, List<Submission> tracked)
    {
        _monitored = monitored;
        _tracked = tracked;
        _facts = facts;
        _findings = findings;
        _direct = direct;
        _members = members;
        _removed = removed;
        _campaigns = campaigns;
    }

    public bool IsEmpty => _facts.Count == 0 && _findings.Count == 0 && _direct.Count == 0 && _members.Count == 0 && _removed.Count == 0
        && _campaigns.Count == 0 && _monitored.IsEmpty;

    private static bool Written(EntityEntry e) => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted;

    public static StaleResults Pending(ChangeTracker tracker)
    {
        // Entities, not ids: an added row's keys (and its submission's) exist only after the save.
        var facts = tracker.Entries<SubmissionFact>().Where(Written).Select(e => e.Entity).ToList();
        var findings = tracker.Entries<SpotCheckItemRecord>().Where(Written).Select(e => e.Entity).ToList();
        var direct = new List<Func<ResultKey>>();
        direct.AddRange(tracker.Entries<Submission>().Where(Written).Select(e => e.Entity)
            .Select(s => (Func<ResultKey>)(() => new ResultKey(s.CampaignId, s.UnitId))));
        direct.AddRange(tracker.Entries<ReportRecord>().Where(Written).Select(e => e.Entity)
            .Select(r => (Func<ResultKey>)(() => new ResultKey(r.CampaignId, r.UnitId))));
        direct.AddRange(tracker.Entries<SpotCheckRecord>().Where(Written).Select(e => e.Entity)
            .Select(c => (Func<ResultKey>)(() => new ResultKey(c.CampaignId, c.UnitId))));
        var members = tracker.Entries<CampaignUnit>().Where(e => e.State is EntityState.Added or EntityState.Modified).Select(e => e.Entity).ToList();
        var removed = tracker.Entries<CampaignUnit>().Where(e => e.State == EntityState.Deleted).Select(e => e.Entity).ToList();
        // A campaign's scheme version or period decides every unit's score; the state does not (which facts count is the facts' own).
        var campaigns = tracker.Entries<Campaign>().Where(e => e.State == EntityState.Modified
                && (e.Property(c => c.SchemeVersionId).IsModified || e.Property(c => c.PeriodKey).IsModified))
            .Select(e => e.Entity).ToList();
        var monitoredUnits = new List<Func<long?>>();
        monitoredUnits.AddRange(tracker.Entries<ScreeningHitRecord>().Where(Written).Select(e => e.Entity).Select(h => (Func<long?>)(() => h.UnitId)));
        monitoredUnits.AddRange(tracker.Entries<MonitoringEventUnit>().Where(Written).Select(e => e.Entity).Select(u => (Func<long?>)(() => u.UnitId)));
        monitoredUnits.AddRange(tracker.Entries<DisclosureFinding>().Where(Written).Select(e => e.Entity)
            .Select(f => (Func<long?>)(() => f.DepartmentUnitId)));
        monitoredUnits.AddRange(tracker.Entries<DisclosureRejection>().Where(Written).Select(e => e.Entity)
            .Select(r => (Func<long?>)(() => r.DepartmentUnitId)));
        monitoredUnits.AddRange(tracker.Entries<UnitPopulation>().Where(Written).Select(e => e.Entity).Select(p => (Func<long?>)(() => p.UnitId)));
        var events = tracker.Entries<MonitoringEventRecord>().Where(Written).Select(e => e.Entity).ToList();
        var tenants = tracker.Entries<DisclosureSettings>().Where(Written).Select(e => e.Entity.TenantId).Distinct().ToList();
        // The submissions the save has in hand, written or not: a save of facts (a liaison's, a reviewer's correction) has loaded its
        // submission already, so the facts' campaign and unit are read from it rather than from the database (one statement per save).
        var tracked = facts.Count == 0 ? new List<Submission>() : tracker.Entries<Submission>().Where(e => e.State != EntityState.Deleted).Select(e => e.Entity).ToList();
        return new StaleResults(facts, findings, direct, members, removed, campaigns, new Monitored(monitoredUnits, events, tenants), tracked);
    }

    /// <summary>After the rows are written: marks the touched rows stale and drops those of units taken out of a campaign; returns the units marked.</summary>
    public async Task<IReadOnlyCollection<ResultKey>> ApplyAsync(ChengxinDbContext db, CancellationToken ct)
    {
        var keys = new HashSet<ResultKey>(_direct.Select(key => key()));
        keys.UnionWith(_members.Select(m => new ResultKey(m.CampaignId, m.UnitId)));
        var submissionIds = _facts.Select(f => f.SubmissionId).ToHashSet();
        // A submission's campaign and unit never change once it is made (they are its unique key), so the tracked entity is as good as the row.
        foreach (var submission in _tracked.Where(s => submissionIds.Remove(s.Id)))
            keys.Add(new ResultKey(submission.CampaignId, submission.UnitId));
        if (submissionIds.Count > 0)
            keys.UnionWith(await db.Submissions.IgnoreQueryFilters().Where(s => submissionIds.Contains(s.Id))
                .Select(s => new ResultKey(s.CampaignId, s.UnitId)).ToListAsync(ct));
        var checkIds = _findings.Select(f => f.SpotCheckId).Distinct().ToList();
        if (checkIds.Count > 0)
            keys.UnionWith(await db.SpotChecks.IgnoreQueryFilters().Where(s => checkIds.Contains(s.Id))
                .Select(s => new ResultKey(s.CampaignId, s.UnitId)).ToListAsync(ct));

        foreach (var member in _removed)
        {
            keys.Remove(new ResultKey(member.CampaignId, member.UnitId));
            await db.UnitResults.Where(r => r.CampaignId == member.CampaignId && r.UnitId == member.UnitId).ExecuteDeleteAsync(ct);
        }
        // A unit gone from a campaign leaves a gap in the others' ranks: they are due again, though no remaining row changed (the
        // last ranks stay, shown as being refreshed until the campaign is ranked again).
        foreach (var campaignId in _removed.Select(m => m.CampaignId).Distinct())
            await db.UnitResults.Where(r => r.CampaignId == campaignId && !r.RankDue)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.RankDue, true), ct);
        foreach (var campaignId in _campaigns.Select(c => c.Id).Distinct())
        {
            keys.RemoveWhere(k => k.CampaignId == campaignId);
            await db.UnitResults.Where(r => r.CampaignId == campaignId).ExecuteUpdateAsync(Mark, ct);
        }
        foreach (var campaign in keys.GroupBy(k => k.CampaignId))
            await MarkOrHoldAsync(db, campaign.Key, campaign.Select(k => k.UnitId).Order(), ct);
        if (!_monitored.IsEmpty)
        {
            var units = _monitored.Units.Select(u => u()).OfType<long>().ToHashSet();
            var eventIds = _monitored.Events.Select(e => e.Id).ToList();
            if (eventIds.Count > 0)
                units.UnionWith(await db.MonitoringEventUnits.IgnoreQueryFilters().Where(u => eventIds.Contains(u.EventId)).Select(u => u.UnitId).ToListAsync(ct));
            await MarkUnitsAsync(db, units, ct);
            foreach (var tenant in _monitored.Tenants)
                await db.UnitResults.IgnoreQueryFilters().Where(r => r.TenantId == tenant).ExecuteUpdateAsync(Mark, ct);
        }
        return keys;
    }

    /// <summary>
    /// Marks a campaign's members' rows stale, and holds a stale row for a member that has none yet. A write no longer computes
    /// its units' rows (ADR 0011), so a read computing a missing row from the facts before this write could otherwise store it
    /// afterwards as current, with no mark to refuse it: the held row makes that read's insert fail (it serves what it computed
    /// without storing it), and on PostgreSQL a read's insert not yet committed makes this statement wait and then mark it.
    /// A held row is stale, so every reader recomputes it before showing anything of it, and the result-refresh work computes it.
    /// </summary>
    private static Task MarkOrHoldAsync(ChengxinDbContext db, long campaignId, IEnumerable<long> unitIds, CancellationToken ct)
    {
        var units = unitIds.ToList();
        if (units.Count == 1)
        {
            // One unit's write, every save of deadline day: the same text with parameters, so PostgreSQL plans it once per connection
            // (Npgsql prepares it) instead of parsing a new text for every unit, and EF Core reuses its command.
            return db.Database.ExecuteSqlAsync(FormattableStringFactory.Create(
                HeldRows + """WHERE m."CampaignId" = {0} AND m."UnitId" = {1}""" + MarkedOnConflict, campaignId, units[0]), ct);
        }
        var ids = string.Join(",", units.Select(id => id.ToString(CultureInfo.InvariantCulture)));
        // In unit order, as the report versions are: two saves marking overlapping units lock their rows in the same order.
#pragma warning disable EF1002, EF1003 // Only longs formatted here and the constants below go into the text, never anything from a request.
        return db.Database.ExecuteSqlRawAsync(HeldRows + $"""
            WHERE m."CampaignId" = {campaignId.ToString(CultureInfo.InvariantCulture)} AND m."UnitId" IN ({ids})
            ORDER BY m."UnitId"
            """ + MarkedOnConflict, ct);
#pragma warning restore EF1002, EF1003
    }

    // A held stale row for each member the WHERE clause names, or the existing row's mark moved on (MarkOrHoldAsync, both forms).
    private const string HeldRows = """
        INSERT INTO "UnitResults" ("CampaignId", "UnitId", "TenantId", "SchemeVersionId", "SchemeClass", "Base", "Bonus", "Total",
            "VetoesJson", "SelfTotal", "IsLate", "Explanation", "ItemsJson", "TieBreakJson", "PeriodSourcesJson", "IsStale", "StaleMark",
            "ComputedAt", "RankDue")
        SELECT m."CampaignId", m."UnitId", c."TenantId", c."SchemeVersionId", m."SchemeClass", '0', '0', '0',
            '[]', '0', FALSE, '', '[]', '[]', '[]', TRUE, 1, CURRENT_TIMESTAMP, FALSE
        FROM "CampaignUnits" m JOIN "Campaigns" c ON c."Id" = m."CampaignId"

        """;

    private const string MarkedOnConflict = """

        ON CONFLICT ("CampaignId", "UnitId") DO UPDATE SET "IsStale" = TRUE, "StaleMark" = "UnitResults"."StaleMark" + 1
        """;

    /// <summary>
    /// A stale mark: the row is stale, and its mark counts up, so a recompute that read the facts before this write cannot clear it
    /// (<see cref="UnitResultRow.StaleMark"/>). Every writer of a stale mark uses this one.
    /// </summary>
    public static void Mark(Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<UnitResultRow> s) =>
        s.SetProperty(r => r.IsStale, true).SetProperty(r => r.StaleMark, r => r.StaleMark + 1);

    /// <summary>
    /// Marks every stored result of the units and of the units above them stale, in every campaign: for facts that belong to a unit,
    /// not to a campaign, and that a unit above counts too (a county's opinion departments and its civil servants are its departments').
    /// </summary>
    public static async Task MarkUnitsAsync(ChengxinDbContext db, IReadOnlyCollection<long> unitIds, CancellationToken ct)
    {
        var all = unitIds.ToHashSet();
        foreach (var chunk in unitIds.Chunk(500))
            foreach (var path in await db.Units.IgnoreQueryFilters().Where(u => chunk.Contains(u.Id)).Select(u => u.Path).ToListAsync(ct))
                all.UnionWith(path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(id => long.Parse(id, System.Globalization.CultureInfo.InvariantCulture)));
        foreach (var chunk in all.Chunk(500))
            await db.UnitResults.IgnoreQueryFilters().Where(r => chunk.Contains(r.UnitId)).ExecuteUpdateAsync(Mark, ct);
    }
}

public sealed partial class ChengxinDbContext
{
    /// <summary>
    /// Stored results have no filter of their own: they are a property of the whole campaign, reached only through a campaign
    /// the caller was allowed to see (or a write the caller was allowed to make), and callers keep to their scope what they show.
    /// </summary>
    public DbSet<UnitResultRow> UnitResults => Set<UnitResultRow>();

    private static void ConfigureStoredResults(ModelBuilder builder) =>
        builder.Entity<UnitResultRow>(e =>
        {
            e.ToTable("UnitResults");
            e.HasKey(x => new { x.CampaignId, x.UnitId });
            e.Property(x => x.SchemeClass).HasMaxLength(50);
            e.Property(x => x.Grade).HasMaxLength(100);
            e.Property(x => x.CompositeNote).HasMaxLength(2000);
            e.HasOne<Campaign>().WithMany().HasForeignKey(x => x.CampaignId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<SchemeVersion>().WithMany().HasForeignKey(x => x.SchemeVersionId).OnDelete(DeleteBehavior.Restrict);
            // The ranking table in rank order, and the check that a campaign's ranks are current (no null rank, no stale row),
            // both read from this index alone (V019).
            e.HasIndex(x => new { x.CampaignId, x.Rank, x.UnitId, x.IsStale }).HasDatabaseName("IX_UnitResults_CampaignId_Rank_UnitId_IsStale");
            // Which campaigns are due to be ranked again, and whether one is: the few rows written since their campaign was ranked (V021).
            e.HasIndex(x => x.CampaignId).HasDatabaseName("IX_UnitResults_CampaignId_RankDue").HasFilter("\"RankDue\"");
            // Which campaigns have stale rows and which of a campaign's units: the result-refresh work's seek into the few stale rows (V024).
            // IsStale is a column too, so the index covers the questions (SQLite otherwise scans the rank index whole, which covers them).
            e.HasIndex(x => new { x.CampaignId, x.UnitId, x.IsStale }).HasDatabaseName("IX_UnitResults_CampaignId_UnitId_Stale").HasFilter("\"IsStale\"");
            e.Property(x => x.StaleMark).IsConcurrencyToken();
            foreach (var points in new[] { nameof(UnitResultRow.Base), nameof(UnitResultRow.Bonus), nameof(UnitResultRow.Total),
                         nameof(UnitResultRow.SelfTotal), nameof(UnitResultRow.ReviewedOnlyTotal), nameof(UnitResultRow.Composite) })
                e.Property(points).HasConversion(ExactPoints).HasMaxLength(40);
        });

    private static readonly ValueConverter<decimal, string> ExactPoints = new(
        d => d.ToString(CultureInfo.InvariantCulture), s => decimal.Parse(s, NumberStyles.Number, CultureInfo.InvariantCulture));
}
