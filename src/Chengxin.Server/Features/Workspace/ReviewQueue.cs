using System.Globalization;
using Chengxin.Domain.Campaigns;
using Chengxin.Domain.Schemes;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Features.Results;
using Chengxin.Server.Features.Reviews;
using Chengxin.Server.Features.Submissions;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Chengxin.Server.Features.Schemes;

namespace Chengxin.Server.Features.Workspace;

/// <summary>
/// One item waiting for a verdict. reviewState is the last verdict (Pending when none); reviewStateName says why it waits
/// (待复核, 补充后重新提交 for a returned item the unit has answered, 申诉成立待重新复核 after an upheld appeal);
/// expectedVersion is the review version to send back with the verdict. SelfScore is the unit's own score on the item;
/// IsJudgement: the reviewer gives the points (评审给分), so it cannot be confirmed as it stands. SelfScore is read from the unit's
/// stored result (ADR 0007), recomputed first when stale.
/// The item id may contain dots (2.1), so clients pass it in a query string.
/// </summary>
public sealed record ReviewQueueItem(long CampaignId, string CampaignName, long UnitId, string UnitName, string ItemId, string? No, string Title,
    decimal Max, ItemReviewState ReviewState, string ReviewStateName, bool IsStale, long ExpectedVersion, SubmissionState SubmissionState,
    DateTimeOffset? SubmittedAt, bool IsLate, DateTimeOffset? ReviewDue, decimal SelfScore = 0, bool IsResubmitted = false,
    bool IsAppealed = false, bool IsJudgement = false);

/// <summary>A campaign's tab in the queue: how many items of how many units wait in it for the caller.</summary>
public sealed record ReviewQueueCampaign(long CampaignId, string CampaignName, DateTimeOffset? ReviewDue, int Units, int Items);

/// <summary>A unit a reviewer may narrow the queue to: one with items waiting in the chosen campaign.</summary>
public sealed record ReviewQueueUnit(long UnitId, string UnitName);

/// <summary>
/// One page of the queue. campaigns: every campaign with items waiting, with its counts (the tabs, whatever the filters);
/// states: what the chosen campaign's waiting items offer to filter by (the units are found as the reviewer types, by
/// GET /api/workspace/review-queue/units); total: the items the filters match; next: pass it back as after for the following page,
/// null on the last.
/// </summary>
public sealed record ReviewQueuePage(IReadOnlyList<ReviewQueueCampaign> Campaigns, IReadOnlyList<string> States,
    int Total, IReadOnlyList<ReviewQueueItem> Items, string? Next);

/// <summary>
/// What is waiting for review: every applicable item of a submitted unit in a campaign under review that has no
/// verdict yet, whose facts changed since its verdict (stale), that was returned and has come back, or whose verdict
/// an upheld appeal on the item has reopened. Served a page at a time in the order campaign, unit, the scheme's item order.
/// </summary>
public static class ReviewQueue
{
    public const int DefaultPage = 50;
    public const int MaxPage = 500;

    /// <summary>A waiting item and its place in the keyset order (campaign id, unit id, the item's index in the scheme).</summary>
    internal sealed record Entry(ReviewQueueItem Item, int ItemIndex)
    {
        public string Key => string.Create(CultureInfo.InvariantCulture, $"{Item.CampaignId}.{Item.UnitId}.{ItemIndex}");
    }

    /// <summary>The state name of an item an upheld appeal has reopened.</summary>
    public const string AppealedName = "申诉成立待重新复核";

    public static async Task<IResult> Get(ChengxinDbContext db, SchemeVersions versions, AccessScope scope, TimeProvider clock, CancellationToken ct,
        long? campaignId = null, long? unitId = null, string? state = null, string? keyword = null, string? after = null, int? limit = null)
    {
        var validation = new Validation()
            .Check(limit is null or >= 1 and <= MaxPage, "limit", $"每页指标数须在 1 到 {MaxPage} 之间。")
            .Check(after is null || Cursor.TryParse(after, out _), "after", "翻页位置无效，请从第一页重新查看。")
            .Optional("keyword", keyword, "关键字", 100)
            .Optional("state", state, "状态", 50);
        if (!validation.IsValid)
            return validation.Problem();

        var words = keyword?.Trim() ?? "";
        (long Campaign, long Unit, int Item)? from = after is not null && Cursor.TryParse(after, out var parsed) ? parsed : null;
        var size = limit ?? DefaultPage;
        var (tabs, states, total, matching) = words.Length == 0
            ? await SummedAsync(db, versions, campaignId, unitId, state, from, size, ct)
            : await WithKeywordAsync(db, versions, campaignId, unitId, state, words, ct);

        // Keyset: the page starts after the last item of the one before, so a verdict given meanwhile shifts nothing. Units are
        // worked out in order, as many at a time as the counts say fill the page and one more item (which tells whether there is a next).
        var found = new List<Entry>();
        foreach (var (tally, counted) in matching)
        {
            if (found.Count > size)
                break;
            var batch = new List<ReviewQueueTally.SubmissionRow>();
            var expected = 0;
            foreach (var (unit, count) in counted)
            {
                if (from is { } f && (tally.Campaign.Id, unit.Submission.UnitId).CompareTo((f.Campaign, f.Unit)) < 0)
                    continue;
                batch.Add(unit.Submission);
                expected += count;
                if (found.Count + expected <= size)
                    continue;
                found.AddRange(await PageEntriesAsync(db, tally, batch, from, unitId, state, words, ct));
                (batch, expected) = ([], 0);
                if (found.Count > size)
                    break;
            }
            if (batch.Count > 0 && found.Count <= size)
                found.AddRange(await PageEntriesAsync(db, tally, batch, from, unitId, state, words, ct));
        }
        var page = found.Take(size).ToList();
        var next = found.Count > size ? page[^1].Key : null;

        // The self-score beside each item is the stored result's (ADR 0007), read for the page's units only.
        var now = clock.GetUtcNow().UtcDateTime;
        var items = new List<ReviewQueueItem>(page.Count);
        foreach (var group in page.GroupBy(e => e.Item.CampaignId))
        {
            var campaign = matching.Single(t => t.Campaign.Campaign.Id == group.Key).Campaign.Campaign;
            var self = await StoredResults.SelfScoresAsync(db, versions, now, campaign, group.Select(e => e.Item.UnitId).Distinct().ToList(), ct);
            items.AddRange(group.Select(e => e.Item with { SelfScore = self.GetValueOrDefault(e.Item.UnitId)?.GetValueOrDefault(e.Item.ItemId) ?? 0 }));
        }
        return TypedResults.Ok(new ReviewQueuePage(tabs, states, total, items, next));
    }

    public const int DefaultUnitMatches = 20;
    public const int MaxUnitMatches = 50;

    /// <summary>
    /// The unit filter's choices as the reviewer types: the chosen campaign's units with items waiting for the caller whose name or
    /// code holds the words, in unit order, a few at a time. A campaign the caller does not review (not assigned, not in scope, not
    /// under review) is not found; units outside the caller's scope are not among the matches.
    /// </summary>
    public static async Task<IResult> Units(ChengxinDbContext db, SchemeVersions versions, long campaignId, CancellationToken ct,
        string? q = null, int? limit = null)
    {
        var validation = new Validation()
            .Check(limit is null or >= 1 and <= MaxUnitMatches, "limit", $"每次查找的单位数须在 1 到 {MaxUnitMatches} 之间。")
            .Optional("q", q, "单位名称", 50);
        if (!validation.IsValid)
            return validation.Problem();
        // A campaign the caller cannot see is not found; one it sees that is not under review has no unit waiting (an empty list,
        // as the queue's own page shows none), so a page left open across the campaign's close asks without an error.
        var campaign = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == campaignId, ct);
        if (campaign is null)
            return ProblemResponses.NotFound("评价批次");
        if (campaign.State != CampaignState.Reviewing)
            return TypedResults.Ok(new List<ReviewQueueUnit>());
        // The counts are brought up to date first, as a page of the queue does, so a unit shows up exactly when it has items waiting.
        await ReviewQueueCounts.OpenAsync(db, versions, campaign, ct);
        return TypedResults.Ok(await ReviewQueueCounts.UnitsQuery(db, campaignId, q?.Trim() ?? "", limit ?? DefaultUnitMatches).ToListAsync(ct));
    }

    /// <summary>The waiting units of each campaign the filters leave, with how many of their items the filters leave.</summary>
    private sealed record Matching(ReviewQueueTally.CampaignTally Campaign, List<(ReviewQueueTally.UnitTally Unit, int Count)> Units);

    /// <summary>What a page shows besides its items: the tabs, the states to filter by, the total, and the units it may fall on.</summary>
    private sealed record Frame(List<ReviewQueueCampaign> Tabs, List<string> States, int Total, List<Matching> Matching);

    /// <summary>
    /// A page without a keyword from the kept counts summed by the database (<see cref="ReviewQueueCounts.SummaryQuery"/>): the tabs,
    /// the states to filter by and the total are one row per campaign, and of the units only those the page may fall on are read
    /// (<see cref="ReviewQueueCounts.PageQuery"/>: from the cursor, two more than the page's items) — work in proportion to the page,
    /// not to the campaign's thousands of members.
    /// </summary>
    private static async Task<Frame> SummedAsync(ChengxinDbContext db, SchemeVersions versions, long? campaignId, long? unitId, string? state,
        (long Campaign, long Unit, int Item)? from, int size, CancellationToken ct)
    {
        var opened = new List<(ReviewQueueTally.CampaignTally Tally, ReviewQueueCounts.Summary Summary)>();
        foreach (var campaign in await ReviewingQuery(db).ToListAsync(ct))
            opened.Add((await ReviewQueueCounts.OpenAsync(db, versions, campaign, ct),
                await ReviewQueueCounts.SummaryQuery(db, campaign.Id).FirstOrDefaultAsync(ct) ?? new ReviewQueueCounts.Summary()));
        var tabs = Tabs(opened);
        var inCampaign = opened.Where(o => campaignId is null || o.Tally.Campaign.Id == campaignId).ToList();
        var states = ReviewQueueTally.StateOrder.Where(s => inCampaign.Any(o => o.Summary.Of(s) > 0)).ToList();

        var (total, enough, matching) = (0, 0, new List<Matching>());
        foreach (var (tally, summary) in inCampaign)
        {
            int CountOf(ReviewQueueTally.UnitTally u) => string.IsNullOrEmpty(state) ? u.Total : u.ByState.GetValueOrDefault(state);
            if (unitId is not null)
            {
                // One unit: its row is the total and the whole of what the page may hold.
                var row = await ReviewQueueCounts.PageQuery(db, tally.Campaign.Id, 0, unitId, state, 1).ToListAsync(ct);
                var counted = row.Select(ReviewQueueCounts.Tally).Select(u => (u, CountOf(u))).Where(u => u.Item2 > 0).ToList();
                total += counted.Sum(u => u.Item2);
                matching.Add(new Matching(tally, counted));
                continue;
            }
            total += summary.Of(state);
            // Campaigns before the cursor's have nothing left; once the page and one more item are had, later campaigns are not read.
            if (summary.Units == 0 || enough > size || from is { } f && tally.Campaign.Id < f.Campaign)
            {
                matching.Add(new Matching(tally, []));
                continue;
            }
            var fromUnit = from is { } c && c.Campaign == tally.Campaign.Id ? c.Unit : 0;
            // The cursor's unit may have nothing left after the cursor: one more unit than the page and its next item need.
            var rows = await ReviewQueueCounts.PageQuery(db, tally.Campaign.Id, fromUnit, null, state, size + 2).ToListAsync(ct);
            var page = rows.Select(ReviewQueueCounts.Tally).Select(u => (u, CountOf(u))).Where(u => u.Item2 > 0).ToList();
            enough += page.Where(u => u.u.Submission.UnitId != fromUnit).Sum(u => u.Item2);
            matching.Add(new Matching(tally, page));
        }
        return new Frame(tabs, states, total, matching);
    }

    /// <summary>
    /// A page with a keyword: the keyword counts a unit whole when its campaign's or its own name holds the words, else only its
    /// items whose number or title does — a count by titles, so every waiting unit of the campaign is read with its counts.
    /// </summary>
    private static async Task<Frame> WithKeywordAsync(ChengxinDbContext db, SchemeVersions versions, long? campaignId, long? unitId, string? state,
        string words, CancellationToken ct)
    {
        // Counted per unit, kept by the saves (ReviewQueueCounts), never item by item over every campaign: the tabs, the filters'
        // choices and the total come from the counts; only the units the page falls on are worked out item by item.
        var tallies = await TallyAsync(db, versions, ct);
        var tabs = Tabs(tallies);
        var inCampaign = tallies.Where(t => campaignId is null || t.Campaign.Campaign.Id == campaignId).ToList();

        var states = ReviewQueueTally.StateOrder.Where(s => inCampaign.Any(t => t.Units.Any(u => u.ByState.GetValueOrDefault(s) > 0))).ToList();

        var matching = new List<Matching>();
        foreach (var (tally, counts) in inCampaign)
        {
            var filtered = counts;
            if (!tally.Campaign.Name.Contains(words, StringComparison.OrdinalIgnoreCase))
            {
                var byTitle = (await ReviewQueueTally.CountAsync(db, tally, i => ItemMatches(i, words), ct)).ToDictionary(u => u.Submission.UnitId);
                filtered = [.. counts.Select(u => u.Submission.UnitName.Contains(words, StringComparison.OrdinalIgnoreCase) ? u : byTitle[u.Submission.UnitId])];
            }
            matching.Add(new Matching(tally, [.. filtered.Where(u => unitId is null || u.Submission.UnitId == unitId)
                .Select(u => (u, string.IsNullOrEmpty(state) ? u.Total : u.ByState.GetValueOrDefault(state)))
                .Where(u => u.Item2 > 0)]));
        }
        return new Frame(tabs, states, matching.Sum(m => m.Units.Sum(u => u.Count)), matching);
    }

    /// <summary>The campaigns under review the caller sees (the campaign filter keeps a reviewer to those assigned), in id order.</summary>
    private static IQueryable<Data.Campaign> ReviewingQuery(ChengxinDbContext db) =>
        db.Campaigns.AsNoTracking().Where(c => c.State == CampaignState.Reviewing).OrderBy(c => c.Id);

    /// <summary>
    /// Each campaign under review the caller sees with items waiting: how many items of how many units (the queue's tabs, and
    /// the reviewer's task), summed by the database from the kept counts (<see cref="ReviewQueueCounts.SummaryQuery"/>).
    /// </summary>
    internal static async Task<List<ReviewQueueCampaign>> CountsAsync(ChengxinDbContext db, SchemeVersions versions, CancellationToken ct)
    {
        var opened = new List<(ReviewQueueTally.CampaignTally Tally, ReviewQueueCounts.Summary Summary)>();
        foreach (var campaign in await ReviewingQuery(db).ToListAsync(ct))
            opened.Add((await ReviewQueueCounts.OpenAsync(db, versions, campaign, ct),
                await ReviewQueueCounts.SummaryQuery(db, campaign.Id).FirstOrDefaultAsync(ct) ?? new ReviewQueueCounts.Summary()));
        return Tabs(opened);
    }

    private static List<ReviewQueueCampaign> Tabs(List<(ReviewQueueTally.CampaignTally Tally, ReviewQueueCounts.Summary Summary)> opened) =>
        [.. opened.Where(o => o.Summary.Units > 0).Select(o => new ReviewQueueCampaign(o.Tally.Campaign.Id, o.Tally.Campaign.Name, o.Tally.ReviewDue,
            o.Summary.Units, o.Summary.Items))];

    private static async Task<List<(ReviewQueueTally.CampaignTally Campaign, List<ReviewQueueTally.UnitTally> Units)>> TallyAsync(ChengxinDbContext db,
        SchemeVersions versions, CancellationToken ct)
    {
        var reviewing = await ReviewingQuery(db).ToListAsync(ct);
        var tallies = new List<(ReviewQueueTally.CampaignTally Campaign, List<ReviewQueueTally.UnitTally> Units)>();
        // Each campaign's counts are its members' stored rows (ReviewQueueCounts), not its verdicts counted again per request.
        foreach (var campaign in reviewing)
            tallies.Add(await ReviewQueueCounts.LoadAsync(db, versions, campaign, ct));
        return tallies;
    }

    private static List<ReviewQueueCampaign> Tabs(List<(ReviewQueueTally.CampaignTally Campaign, List<ReviewQueueTally.UnitTally> Units)> tallies) =>
        [.. tallies.Where(t => t.Units.Any(u => u.Total > 0)).Select(t => new ReviewQueueCampaign(t.Campaign.Campaign.Id, t.Campaign.Campaign.Name,
            t.Campaign.ReviewDue, t.Units.Count(u => u.Total > 0), t.Units.Sum(u => u.Total)))];

    /// <summary>Some units' waiting items worked out one by one, as the filters leave them, past the cursor.</summary>
    private static async Task<IEnumerable<Entry>> PageEntriesAsync(ChengxinDbContext db, ReviewQueueTally.CampaignTally tally,
        List<ReviewQueueTally.SubmissionRow> batch, (long Campaign, long Unit, int Item)? from, long? unitId, string? state, string words, CancellationToken ct)
    {
        var entries = await DetailAsync(db, tally, batch, ct);
        return batch.SelectMany(s => entries.GetValueOrDefault(s.UnitId) ?? [])
            .Where(e => (unitId is null || e.Item.UnitId == unitId) && (string.IsNullOrEmpty(state) || e.Item.ReviewStateName == state)
                && (words.Length == 0 || Matches(e.Item, words)) && (from is not { } f || Cursor.Compare(e, f) > 0));
    }

    /// <summary>
    /// Some submitted units' waiting items, item by item: their verdicts and facts versions read by submission
    /// (IX_ItemReviews_SubmissionId_ItemId, IX_SubmissionItems_SubmissionId_ItemId).
    /// </summary>
    internal static async Task<Dictionary<long, List<Entry>>> DetailAsync(ChengxinDbContext db, ReviewQueueTally.CampaignTally tally,
        IReadOnlyCollection<ReviewQueueTally.SubmissionRow> submissions, CancellationToken ct)
    {
        // The submissions were read in scope; their verdicts and facts versions are theirs by submission id.
        var ids = submissions.Select(s => s.Id).ToList();
        var reviews = (await ReviewQueueTally.Unscoped(db.ItemReviews).Where(r => ids.Contains(r.SubmissionId)).ToListAsync(ct))
            .ToDictionary(r => (r.SubmissionId, r.ItemId));
        var factsVersions = (await ReviewQueueTally.Unscoped(db.SubmissionItems).Where(i => ids.Contains(i.SubmissionId))
            .Select(i => new { i.SubmissionId, i.ItemId, i.FactsVersion }).ToListAsync(ct)).ToDictionary(f => (f.SubmissionId, f.ItemId), f => f.FactsVersion);
        return submissions.ToDictionary(s => s.UnitId, s => WaitingOf(tally, s, s.UnitName, reviews, factsVersions).ToList());
    }

    /// <summary>
    /// One submitted unit's waiting items in the scheme's order: every applicable item with no verdict yet, whose facts changed
    /// since its verdict (stale), that was returned and has come back, or whose verdict an upheld appeal on the item has reopened.
    /// </summary>
    internal static IEnumerable<Entry> WaitingOf(ReviewQueueTally.CampaignTally tally, ReviewQueueTally.SubmissionRow s, string unitName,
        IReadOnlyDictionary<(long SubmissionId, string ItemId), ItemReviewRecord> reviews, IReadOnlyDictionary<(long SubmissionId, string ItemId), long> factsVersions)
    {
        for (var index = 0; index < tally.Items.Count; index++)
        {
            var item = tally.Items[index];
            if (!item.AppliesToUnit(s.SchemeClass, s.UnitId, unitName))
                continue;
            var record = reviews.GetValueOrDefault((s.Id, item.Id));
            var current = factsVersions.GetValueOrDefault((s.Id, item.Id));
            var stale = record is not null && record.State != ItemReviewState.Pending && record.Restore().IsStale(current);
            var resubmitted = record?.State == ItemReviewState.Returned && s.State == SubmissionState.Resubmitted;
            // An appeal upheld after the item's last verdict reopens that verdict; the next verdict settles it.
            var appealed = record is { State: ItemReviewState.Confirmed or ItemReviewState.Corrected } && tally.Upheld[(s.UnitId, item.Id)].Any(decided =>
                record.ReviewedAt is not { } reviewedAt || decided > reviewedAt);
            if (!ItemReview.AwaitsVerdict(record?.Restore(), current, s.State) && !appealed)
                continue;
            var state = record?.State ?? ItemReviewState.Pending;
            var judgement = Manual.JudgementFactOf(item) is not null;
            var stateName = resubmitted ? ItemReview.ResubmittedName : appealed ? AppealedName : ItemReview.StateName(state, judgement);
            yield return new Entry(new ReviewQueueItem(tally.Campaign.Id, tally.Campaign.Name, s.UnitId, unitName, item.Id, item.No, item.Title, item.Max,
                state, stateName, stale, record?.Version ?? 0, s.State,
                s.SubmittedAt is { } at ? BeijingTime.Local(at) : null, s.IsLate, tally.ReviewDue,
                0, resubmitted, appealed, judgement), index);
        }
    }

    private static bool ItemMatches(Item item, string words) =>
        item.Title.Contains(words, StringComparison.OrdinalIgnoreCase) || item.Id.Contains(words, StringComparison.OrdinalIgnoreCase);

    private static bool Matches(ReviewQueueItem q, string words) =>
        q.CampaignName.Contains(words, StringComparison.OrdinalIgnoreCase) || q.UnitName.Contains(words, StringComparison.OrdinalIgnoreCase)
        || q.Title.Contains(words, StringComparison.OrdinalIgnoreCase) || q.ItemId.Contains(words, StringComparison.OrdinalIgnoreCase);

    /// <summary>A page's position as the client passes it back: campaign id, unit id and item index, dotted.</summary>
    internal static class Cursor
    {
        public static bool TryParse(string text, out (long Campaign, long Unit, int Item) cursor)
        {
            cursor = default;
            var parts = text.Split('.');
            if (parts.Length != 3 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var c)
                || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var u)
                || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var i))
                return false;
            cursor = (c, u, i);
            return true;
        }

        public static int Compare(Entry e, (long Campaign, long Unit, int Item) cursor) =>
            (e.Item.CampaignId, e.Item.UnitId, e.ItemIndex).CompareTo(cursor);
    }

    /// <summary>
    /// The verdicts recorded on a campaign's reported submissions: one query joined to the campaign's submissions
    /// (IX_Submissions_CampaignId_UnitId), their verdicts by IX_ItemReviews_SubmissionId_ItemId.
    /// </summary>
    internal static IQueryable<ItemReviewRecord> ReviewsQuery(ChengxinDbContext db, long campaignId) =>
        // A join, not EXISTS: SQLite runs a correlated EXISTS as a scan of every verdict of every campaign.
        from s in db.Submissions.AsNoTracking()
        where s.CampaignId == campaignId && s.State != SubmissionState.Draft
        join r in db.ItemReviews.AsNoTracking() on s.Id equals r.SubmissionId
        select r;

    /// <summary>
    /// The whole queue in keyset order, self-scores left at 0, every unit worked out item by item: what the tasks list counts, and
    /// what the paged answer must always agree with.
    /// </summary>
    internal static async Task<List<ReviewQueueItem>> BuildAsync(ChengxinDbContext db, SchemeVersions versions, AccessScope scope, CancellationToken ct) =>
        [.. (await WaitingAsync(db, versions, ct)).Select(e => e.Item)];

    /// <summary>
    /// Every waiting item of the campaigns under review the caller sees (the campaign filter keeps a reviewer to those assigned,
    /// the unit filter to the scope), worked out from the verdicts and facts versions alone: nothing is scored here.
    /// </summary>
    internal static async Task<List<Entry>> WaitingAsync(ChengxinDbContext db, SchemeVersions versions, CancellationToken ct)
    {
        var list = await db.Campaigns.AsNoTracking().Where(c => c.State == CampaignState.Reviewing).OrderBy(c => c.Id).ToListAsync(ct);
        var queue = new List<Entry>();
        foreach (var campaign in list)
        {
            var tally = await ReviewQueueTally.LoadAsync(db, versions, campaign, ct);
            // Each list is one query by campaign, not a list of ids sent back (thousands of them in a province's campaign).
            var names = await CampaignProgress.MembersQuery(db, campaign.Id).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
            var factsVersions = await (
                from s in db.Submissions.AsNoTracking()
                where s.CampaignId == campaign.Id && s.State != SubmissionState.Draft
                join i in db.SubmissionItems.AsNoTracking() on s.Id equals i.SubmissionId
                select new { i.SubmissionId, i.ItemId, i.FactsVersion }).ToListAsync(ct);
            var reviews = await ReviewsQuery(db, campaign.Id).ToListAsync(ct);
            // Lookups by key, not scans: a province's campaign holds thousands of units and tens of thousands of items, and a scan
            // per item made the queue quadratic in them.
            var reviewByItem = reviews.ToDictionary(r => (r.SubmissionId, r.ItemId));
            var versionByItem = factsVersions.ToDictionary(f => (f.SubmissionId, f.ItemId), f => f.FactsVersion);
            foreach (var s in tally.Submissions.Where(s => names.ContainsKey(s.UnitId)))
                queue.AddRange(WaitingOf(tally, s, names[s.UnitId], reviewByItem, versionByItem));
        }
        return queue;
    }
}
