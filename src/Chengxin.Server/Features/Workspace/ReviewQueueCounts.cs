using System.Globalization;
using Chengxin.Domain.Campaigns;
using Chengxin.Domain.Schemes;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Schemes;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Workspace;

/// <summary>
/// The review queue's counts kept per submission (V020, <see cref="ReviewQueueCountRow"/>): a campaign's tabs, the filters'
/// choices, the totals and which units a page falls on are one indexed read of its members' rows, whatever the number of verdicts.
/// A row is worked out item by item with the queue's own rule (<see cref="ReviewQueue.WaitingOf"/>), so it equals the whole queue
/// by construction; a save marks the rows it touches stale (<see cref="ReviewQueueStale"/>) and the next read works those out again
/// (the few written since the last read, or every submission of a campaign the first time).
/// </summary>
internal static class ReviewQueueCounts
{
    /// <summary>A submission's row as the queue worked it out.</summary>
    internal sealed record Counted(long SubmissionId, long TenantId, long CampaignId, long UnitId, SubmissionState State, DateTime? SubmittedAt,
        bool IsLate, IReadOnlyDictionary<string, int> ByState)
    {
        public int Of(string stateName) => ByState.GetValueOrDefault(stateName);
    }

    private static readonly string Confirmed = ItemReview.StateName(ItemReviewState.Confirmed);
    private static readonly string Corrected = ItemReview.StateName(ItemReviewState.Corrected);
    private static readonly string Scored = ItemReview.StateName(ItemReviewState.Corrected, judgement: true);

    /// <summary>
    /// A campaign under review as the queue reads it: its scheme's items, the caller's members with items waiting (from their rows,
    /// the stale ones worked out first) and the upheld appeals that the page's units are worked out with.
    /// </summary>
    internal static async Task<(ReviewQueueTally.CampaignTally Tally, List<ReviewQueueTally.UnitTally> Units)> LoadAsync(ChengxinDbContext db,
        SchemeVersions versions, Data.Campaign campaign, CancellationToken ct)
    {
        var version = await db.SchemeVersions.AsNoTracking().FirstAsync(v => v.Id == campaign.SchemeVersionId, ct);
        var items = versions.Compile(version).Scheme.Items.ToList();
        await RefreshAsync(db, campaign, items, ct);

        var rows = await RowsQuery(db, campaign.Id).ToListAsync(ct);
        var units = rows.Select(Tally).ToList();

        var waiting = units.Select(u => u.Submission.UnitId).ToHashSet();
        var upheld = (await ReviewQueueTally.Unscoped(db.Appeals)
                .Where(a => a.CampaignId == campaign.Id && a.State == AppealState.Upheld && a.ItemId != null && a.DecidedAt != null)
                .Select(a => new { a.UnitId, a.ItemId, a.DecidedAt }).ToListAsync(ct))
            .Where(a => waiting.Contains(a.UnitId)).ToLookup(a => (a.UnitId, a.ItemId!), a => a.DecidedAt!.Value);
        // Only the keyword's count by titles reads verdicts in SQL; these units it works out item by item (see ReviewQueueTally).
        var itemByItem = upheld.Select(g => g.Key.UnitId).ToHashSet();
        var named = items.SelectMany(i => i.Units).Distinct(StringComparer.Ordinal).ToList();
        if (named.Count > 0)
            itemByItem.UnionWith(units.Where(u => named.Contains(u.Submission.UnitName)
                || named.Contains(u.Submission.UnitId.ToString(CultureInfo.InvariantCulture))).Select(u => u.Submission.UnitId));
        return (new ReviewQueueTally.CampaignTally(campaign, items, [.. units.Select(u => u.Submission)], upheld, itemByItem), units);
    }

    /// <summary>
    /// A campaign under review as a page of the queue reads it: its scheme's items and every upheld appeal on an item (few; a unit
    /// worked out item by item looks its own up), after the stale and missing rows are worked out. No member is read here: the
    /// tabs and totals are <see cref="SummaryQuery"/>'s sums, the page's units <see cref="PageQuery"/>'s.
    /// </summary>
    internal static async Task<ReviewQueueTally.CampaignTally> OpenAsync(ChengxinDbContext db, SchemeVersions versions, Data.Campaign campaign,
        CancellationToken ct)
    {
        var version = await db.SchemeVersions.AsNoTracking().FirstAsync(v => v.Id == campaign.SchemeVersionId, ct);
        var items = versions.Compile(version).Scheme.Items.ToList();
        await RefreshAsync(db, campaign, items, ct);
        var upheld = (await ReviewQueueTally.Unscoped(db.Appeals)
                .Where(a => a.CampaignId == campaign.Id && a.State == AppealState.Upheld && a.ItemId != null && a.DecidedAt != null)
                .Select(a => new { a.UnitId, a.ItemId, a.DecidedAt }).ToListAsync(ct))
            .ToLookup(a => (a.UnitId, a.ItemId!), a => a.DecidedAt!.Value);
        return new ReviewQueueTally.CampaignTally(campaign, items, [], upheld, []);
    }

    /// <summary>The caller's members of a campaign with items waiting, summed: how many units, and their items in all and by state.</summary>
    internal sealed class Summary
    {
        public int Units { get; init; }
        public int Items { get; init; }
        public int Pending { get; init; }
        public int Resubmitted { get; init; }
        public int Appealed { get; init; }
        public int Confirmed { get; init; }
        public int Corrected { get; init; }
        public int Scored { get; init; }

        /// <summary>The items waiting in one state (by its name), or in all when none is given.</summary>
        public int Of(string? stateName) => string.IsNullOrEmpty(stateName) ? Items : ByState.GetValueOrDefault(stateName);

        public IReadOnlyDictionary<string, int> ByState => new Dictionary<string, int>(StringComparer.Ordinal)
        {
            [ReviewQueueTally.StateOrder[0]] = Pending, [ItemReview.ResubmittedName] = Resubmitted, [ReviewQueue.AppealedName] = Appealed,
            [ReviewQueueCounts.Confirmed] = Confirmed, [ReviewQueueCounts.Corrected] = Corrected, [ReviewQueueCounts.Scored] = Scored,
        };
    }

    /// <summary>
    /// The queue's tabs, filters and total of a campaign summed by the database over the rows <see cref="RowsQuery"/> reads (the
    /// caller's members joined to their rows by IX_ReviewQueueCounts_CampaignId_UnitId): one row comes back, not one per unit.
    /// </summary>
    internal static IQueryable<Summary> SummaryQuery(ChengxinDbContext db, long campaignId) =>
        from m in db.CampaignUnits.AsNoTracking()
        where m.CampaignId == campaignId
        join u in db.Units.AsNoTracking() on m.UnitId equals u.Id
        join q in db.ReviewQueueCounts.AsNoTracking() on new { m.CampaignId, m.UnitId } equals new { q.CampaignId, q.UnitId }
        where q.Total > 0
        group q by q.CampaignId
        into g
        select new Summary
        {
            Units = g.Count(), Items = g.Sum(q => q.Total), Pending = g.Sum(q => q.Pending), Resubmitted = g.Sum(q => q.Resubmitted),
            Appealed = g.Sum(q => q.Appealed), Confirmed = g.Sum(q => q.Confirmed), Corrected = g.Sum(q => q.Corrected), Scored = g.Sum(q => q.Scored),
        };

    /// <summary>
    /// The units a page of a campaign falls on: its caller's members with items waiting (in the state asked for, of the unit asked
    /// for), from the cursor's unit on, in unit order, at most <paramref name="take"/> — each has at least one item waiting, so a page
    /// of n items and the next one needs at most n + 2 of them (the cursor's unit may have none left). The members' key is walked from the cursor and stops at the limit.
    /// </summary>
    internal static IQueryable<MemberRow> PageQuery(ChengxinDbContext db, long campaignId, long fromUnitId, long? unitId, string? stateName, int take)
    {
        var counts = db.ReviewQueueCounts.AsNoTracking().Where(q => q.CampaignId == campaignId && q.Total > 0);
        counts = stateName switch
        {
            null or "" => counts,
            _ when stateName == ReviewQueueTally.StateOrder[0] => counts.Where(q => q.Pending > 0),
            ItemReview.ResubmittedName => counts.Where(q => q.Resubmitted > 0),
            ReviewQueue.AppealedName => counts.Where(q => q.Appealed > 0),
            _ when stateName == Confirmed => counts.Where(q => q.Confirmed > 0),
            _ when stateName == Corrected => counts.Where(q => q.Corrected > 0),
            _ when stateName == Scored => counts.Where(q => q.Scored > 0),
            _ => counts.Where(q => false),
        };
        var members = db.CampaignUnits.AsNoTracking().Where(m => m.CampaignId == campaignId && m.UnitId >= fromUnitId);
        if (unitId is { } only)
            members = members.Where(m => m.UnitId == only);
        return (from m in members
                join u in db.Units.AsNoTracking() on m.UnitId equals u.Id
                join q in counts on new { m.CampaignId, m.UnitId } equals new { q.CampaignId, q.UnitId }
                orderby m.UnitId
                select new MemberRow(q.SubmissionId, m.UnitId, u.Name, m.SchemeClass, q.State, q.SubmittedAt, q.IsLate,
                    q.Pending, q.Resubmitted, q.Appealed, q.Confirmed, q.Corrected, q.Scored)).Take(take);
    }

    /// <summary>A member's row as the queue's tallies carry it.</summary>
    internal static ReviewQueueTally.UnitTally Tally(MemberRow r) => new(
        new ReviewQueueTally.SubmissionRow(r.SubmissionId, r.UnitId, r.Name, r.State, r.SubmittedAt, r.IsLate, r.SchemeClass),
        new Dictionary<string, int>(StringComparer.Ordinal)
        {
            [ReviewQueueTally.StateOrder[0]] = r.Pending, [ItemReview.ResubmittedName] = r.Resubmitted, [ReviewQueue.AppealedName] = r.Appealed,
            [Confirmed] = r.Confirmed, [Corrected] = r.Corrected, [Scored] = r.Scored,
        }.Where(p => p.Value > 0).ToDictionary(StringComparer.Ordinal));

    /// <summary>
    /// The caller's members of a campaign with items waiting whose name or code holds the words (all of them for none), the first
    /// <paramref name="take"/> in unit order: the unit filter's choices as the reviewer types, never the campaign's thousands at once.
    /// The members the Units filter lets through (the scope is the units'), each joined to its row by IX_ReviewQueueCounts_CampaignId_UnitId.
    /// </summary>
    internal static IQueryable<ReviewQueueUnit> UnitsQuery(ChengxinDbContext db, long campaignId, string words, int take) =>
        (from m in db.CampaignUnits.AsNoTracking()
         where m.CampaignId == campaignId
         join u in db.Units.AsNoTracking() on m.UnitId equals u.Id
         join q in db.ReviewQueueCounts.AsNoTracking() on new { m.CampaignId, m.UnitId } equals new { q.CampaignId, q.UnitId }
         where q.Total > 0 && (words == "" || u.Name.Contains(words) || u.Code != null && u.Code.Contains(words))
         orderby m.UnitId
         select new ReviewQueueUnit(m.UnitId, u.Name)).Take(take);

    /// <summary>A member with items waiting, and its counts.</summary>
    internal sealed record MemberRow(long SubmissionId, long UnitId, string Name, string SchemeClass, SubmissionState State, DateTime? SubmittedAt,
        bool IsLate, int Pending, int Resubmitted, int Appealed, int Confirmed, int Corrected, int Scored);

    /// <summary>
    /// The caller's members of a campaign with items waiting, in unit order: the campaign's members the Units filter lets through
    /// (the scope is the units'), each joined to its row by IX_ReviewQueueCounts_CampaignId_UnitId. No verdict is read.
    /// </summary>
    internal static IQueryable<MemberRow> RowsQuery(ChengxinDbContext db, long campaignId) =>
        from m in db.CampaignUnits.AsNoTracking()
        where m.CampaignId == campaignId
        join u in db.Units.AsNoTracking() on m.UnitId equals u.Id
        join q in db.ReviewQueueCounts.AsNoTracking() on new { m.CampaignId, m.UnitId } equals new { q.CampaignId, q.UnitId }
        where q.Total > 0
        orderby m.UnitId
        select new MemberRow(q.SubmissionId, m.UnitId, u.Name, m.SchemeClass, q.State, q.SubmittedAt, q.IsLate,
            q.Pending, q.Resubmitted, q.Appealed, q.Confirmed, q.Corrected, q.Scored);

    /// <summary>The campaign's rows a save marked stale, by IX_ReviewQueueCounts_CampaignId_IsStale: few between two reads.</summary>
    internal static IQueryable<ReviewQueueCountRow> StaleQuery(ChengxinDbContext db, long campaignId) =>
        db.ReviewQueueCounts.IgnoreQueryFilters().AsNoTracking().Where(q => q.CampaignId == campaignId && q.IsStale);

    /// <summary>
    /// The campaign's handed-in submissions without a row (made before V020, or written past EF Core): its submissions by
    /// IX_Submissions_CampaignId_UnitId, each looked up by the row's key.
    /// </summary>
    internal static IQueryable<long> MissingQuery(ChengxinDbContext db, long campaignId) =>
        from s in db.Submissions.IgnoreQueryFilters().AsNoTracking()
        where s.CampaignId == campaignId && s.State != SubmissionState.Draft
        from q in db.ReviewQueueCounts.IgnoreQueryFilters().Where(q => q.SubmissionId == s.Id).DefaultIfEmpty()
        where q == null
        select s.Id;

    /// <summary>
    /// Works out again the campaign's rows a save marked stale and makes those of submissions that have none (made before V020,
    /// or written past EF Core). Each is stored only if no save has marked it since it was read (its stamp unchanged), so a
    /// verdict given meanwhile leaves the row stale for the next read rather than lost.
    /// </summary>
    internal static async Task RefreshAsync(ChengxinDbContext db, Data.Campaign campaign, IReadOnlyList<Item> items, CancellationToken ct)
    {
        var stale = await StaleQuery(db, campaign.Id).Select(q => new { q.SubmissionId, q.Stamp }).ToListAsync(ct);
        var missing = await MissingQuery(db, campaign.Id).ToListAsync(ct);
        var due = stale.ToDictionary(s => s.SubmissionId, s => s.Stamp);
        foreach (var id in missing)
            due.TryAdd(id, 0);
        if (due.Count == 0)
            return;
        foreach (var chunk in due.Keys.Order().Chunk(500))
        {
            var counted = await CountAsync(db, campaign, items, chunk, ct);
            await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
            foreach (var c in counted)
                await StoreAsync(db, campaign.SchemeVersionId, c, due[c.SubmissionId], ct);
            if (transaction is not null)
                await transaction.CommitAsync(ct);
        }
    }

    /// <summary>
    /// Some submissions of a campaign worked out item by item, whoever asks: the counts are the submission's, and each reader keeps
    /// to its scope by the members it joins them to. A draft, or a unit no longer in the campaign, waits for nothing.
    /// </summary>
    internal static async Task<List<Counted>> CountAsync(ChengxinDbContext db, Data.Campaign campaign, IReadOnlyList<Item> items,
        IReadOnlyCollection<long> submissionIds, CancellationToken ct)
    {
        var ids = submissionIds.ToList();
        var submissions = await db.Submissions.IgnoreQueryFilters().AsNoTracking().Where(s => ids.Contains(s.Id))
            .Select(s => new { s.Id, s.TenantId, s.CampaignId, s.UnitId, s.State, s.SubmittedAt, s.IsLate }).ToListAsync(ct);
        var unitIds = submissions.Select(s => s.UnitId).ToList();
        var members = await (
            from m in db.CampaignUnits.IgnoreQueryFilters().AsNoTracking()
            where m.CampaignId == campaign.Id && unitIds.Contains(m.UnitId)
            join u in db.Units.IgnoreQueryFilters().AsNoTracking() on m.UnitId equals u.Id
            select new { u.Id, u.Name, m.SchemeClass }).ToDictionaryAsync(u => u.Id, ct);
        var upheld = (await db.Appeals.IgnoreQueryFilters().AsNoTracking()
                .Where(a => a.CampaignId == campaign.Id && unitIds.Contains(a.UnitId) && a.State == AppealState.Upheld && a.ItemId != null && a.DecidedAt != null)
                .Select(a => new { a.UnitId, a.ItemId, a.DecidedAt }).ToListAsync(ct))
            .ToLookup(a => (a.UnitId, a.ItemId!), a => a.DecidedAt!.Value);
        var reviews = (await db.ItemReviews.IgnoreQueryFilters().AsNoTracking().Where(r => ids.Contains(r.SubmissionId)).ToListAsync(ct))
            .ToDictionary(r => (r.SubmissionId, r.ItemId));
        var factsVersions = (await db.SubmissionItems.IgnoreQueryFilters().AsNoTracking().Where(i => ids.Contains(i.SubmissionId))
            .Select(i => new { i.SubmissionId, i.ItemId, i.FactsVersion }).ToListAsync(ct)).ToDictionary(f => (f.SubmissionId, f.ItemId), f => f.FactsVersion);

        var rows = submissions.Where(s => members.ContainsKey(s.UnitId))
            .Select(s => new ReviewQueueTally.SubmissionRow(s.Id, s.UnitId, members[s.UnitId].Name, s.State, s.SubmittedAt, s.IsLate, members[s.UnitId].SchemeClass))
            .ToDictionary(r => r.Id);
        var tally = new ReviewQueueTally.CampaignTally(campaign, items, [.. rows.Values], upheld, []);
        return [.. submissions.Select(s => new Counted(s.Id, s.TenantId, s.CampaignId, s.UnitId, s.State, s.SubmittedAt, s.IsLate,
            s.State == SubmissionState.Draft || !rows.TryGetValue(s.Id, out var row)
                ? new Dictionary<string, int>()
                : ReviewQueue.WaitingOf(tally, row, row.UnitName, reviews, factsVersions).CountBy(e => e.Item.ReviewStateName).ToDictionary(StringComparer.Ordinal)))];
    }

    /// <summary>One row stored if its stamp is still the one read (0: there was none), in one statement both providers run.</summary>
    private static Task StoreAsync(ChengxinDbContext db, long schemeVersionId, Counted c, long stamp, CancellationToken ct)
    {
        var (pending, resubmitted, appealed) = (c.Of(ReviewQueueTally.StateOrder[0]), c.Of(ItemReview.ResubmittedName), c.Of(ReviewQueue.AppealedName));
        var (confirmed, corrected, scored) = (c.Of(Confirmed), c.Of(Corrected), c.Of(Scored));
        var total = c.ByState.Values.Sum();
        var state = c.State.ToString();
        return db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO "ReviewQueueCounts" ("SubmissionId", "TenantId", "CampaignId", "UnitId", "SchemeVersionId", "State", "SubmittedAt", "IsLate",
                "Pending", "Resubmitted", "Appealed", "Confirmed", "Corrected", "Scored", "Total", "IsStale", "Stamp")
            VALUES ({c.SubmissionId}, {c.TenantId}, {c.CampaignId}, {c.UnitId}, {schemeVersionId}, {state}, {c.SubmittedAt}, {c.IsLate},
                {pending}, {resubmitted}, {appealed}, {confirmed}, {corrected}, {scored}, {total}, FALSE, {stamp})
            ON CONFLICT ("SubmissionId") DO UPDATE SET "SchemeVersionId" = excluded."SchemeVersionId", "State" = excluded."State",
                "SubmittedAt" = excluded."SubmittedAt", "IsLate" = excluded."IsLate", "Pending" = excluded."Pending",
                "Resubmitted" = excluded."Resubmitted", "Appealed" = excluded."Appealed", "Confirmed" = excluded."Confirmed",
                "Corrected" = excluded."Corrected", "Scored" = excluded."Scored", "Total" = excluded."Total", "IsStale" = FALSE
            WHERE "ReviewQueueCounts"."Stamp" = excluded."Stamp"
            """, ct);
    }

    /// <summary>
    /// The consistency check: every submission's row that is not stale, set against the submission worked out afresh. Returns what
    /// differs (a submission in words a test prints), empty when every save marked what it touched.
    /// </summary>
    internal static async Task<List<string>> CheckAsync(ChengxinDbContext db, SchemeVersions versions, CancellationToken ct)
    {
        var differences = new List<string>();
        var stored = await db.ReviewQueueCounts.IgnoreQueryFilters().AsNoTracking().Where(q => !q.IsStale).ToListAsync(ct);
        foreach (var campaignRows in stored.GroupBy(q => q.CampaignId))
        {
            var campaign = await db.Campaigns.IgnoreQueryFilters().AsNoTracking().FirstAsync(c => c.Id == campaignRows.Key, ct);
            var version = await db.SchemeVersions.IgnoreQueryFilters().AsNoTracking().FirstAsync(v => v.Id == campaign.SchemeVersionId, ct);
            var items = versions.Compile(version).Scheme.Items.ToList();
            var fresh = (await CountAsync(db, campaign, items, [.. campaignRows.Select(q => q.SubmissionId)], ct)).ToDictionary(c => c.SubmissionId);
            foreach (var row in campaignRows)
            {
                var c = fresh[row.SubmissionId];
                var expected = (c.Of(ReviewQueueTally.StateOrder[0]), c.Of(ItemReview.ResubmittedName), c.Of(ReviewQueue.AppealedName), c.Of(Confirmed),
                    c.Of(Corrected), c.Of(Scored), c.ByState.Values.Sum(), c.State, c.SubmittedAt, c.IsLate, campaign.SchemeVersionId);
                var actual = (row.Pending, row.Resubmitted, row.Appealed, row.Confirmed, row.Corrected, row.Scored, row.Total, row.State, row.SubmittedAt,
                    row.IsLate, row.SchemeVersionId);
                if (expected != actual)
                    differences.Add($"submission {row.SubmissionId}: stored {actual}, worked out {expected}");
            }
        }
        return differences;
    }
}
