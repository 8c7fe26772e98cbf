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

/// <summary>A unit a reviewer may narrow the queue to.</summary>
public sealed record ReviewQueueUnit(long UnitId, string UnitName);

/// <summary>
/// One page of the queue. campaigns: every campaign with items waiting, with its counts (the tabs, whatever the filters);
/// units and states: what the chosen campaign's waiting items offer to filter by (units only once a campaign is chosen);
/// total: the items the filters match; next: pass it back as after for the following page, null on the last.
/// </summary>
public sealed record ReviewQueuePage(IReadOnlyList<ReviewQueueCampaign> Campaigns, IReadOnlyList<ReviewQueueUnit> Units, IReadOnlyList<string> States,
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
        var (campaigns, entries) = await WaitingAsync(db, versions, ct);
        var tabs = entries.GroupBy(e => e.Item.CampaignId).Select(g => new ReviewQueueCampaign(g.Key, g.First().Item.CampaignName,
            g.First().Item.ReviewDue, g.Select(e => e.Item.UnitId).Distinct().Count(), g.Count())).ToList();

        var inCampaign = campaignId is { } c ? entries.Where(e => e.Item.CampaignId == c).ToList() : entries;
        var units = campaignId is null ? [] : inCampaign.Select(e => e.Item).DistinctBy(q => q.UnitId).Select(q => new ReviewQueueUnit(q.UnitId, q.UnitName)).ToList();
        var states = inCampaign.Select(e => e.Item.ReviewStateName).Distinct(StringComparer.Ordinal).ToList();
        var words = keyword?.Trim() ?? "";
        var matching = inCampaign.Where(e => (unitId is null || e.Item.UnitId == unitId) && (string.IsNullOrEmpty(state) || e.Item.ReviewStateName == state)
            && (words.Length == 0 || Matches(e.Item, words))).ToList();

        // Keyset: the page starts after the last item of the one before, so a verdict given meanwhile shifts nothing.
        var start = after is not null && Cursor.TryParse(after, out var from) ? matching.FindIndex(e => Cursor.Compare(e, from) > 0) : 0;
        var size = limit ?? DefaultPage;
        var page = start < 0 ? [] : matching.Skip(start).Take(size).ToList();
        var next = start >= 0 && start + page.Count < matching.Count && page.Count > 0 ? page[^1].Key : null;

        // The self-score beside each item is the stored result's (ADR 0007), read for the page's units only.
        var now = clock.GetUtcNow().UtcDateTime;
        var items = new List<ReviewQueueItem>(page.Count);
        foreach (var group in page.GroupBy(e => e.Item.CampaignId))
        {
            var self = await StoredResults.SelfScoresAsync(db, versions, now, campaigns[group.Key], group.Select(e => e.Item.UnitId).Distinct().ToList(), ct);
            items.AddRange(group.Select(e => e.Item with { SelfScore = self.GetValueOrDefault(e.Item.UnitId)?.GetValueOrDefault(e.Item.ItemId) ?? 0 }));
        }
        return TypedResults.Ok(new ReviewQueuePage(tabs, units, states, matching.Count, items, next));
    }

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

    /// <summary>The whole queue in keyset order, self-scores left at 0 (a page reads them from the stored results).</summary>
    internal static async Task<List<ReviewQueueItem>> BuildAsync(ChengxinDbContext db, SchemeVersions versions, AccessScope scope, CancellationToken ct) =>
        [.. (await WaitingAsync(db, versions, ct)).Entries.Select(e => e.Item)];

    /// <summary>
    /// Every waiting item of the campaigns under review the caller sees (the campaign filter keeps a reviewer to those assigned,
    /// the unit filter to the scope), worked out from the verdicts and facts versions alone: nothing is scored here.
    /// </summary>
    internal static async Task<(Dictionary<long, Data.Campaign> Campaigns, List<Entry> Entries)> WaitingAsync(ChengxinDbContext db, SchemeVersions versions,
        CancellationToken ct)
    {
        var campaigns = db.Campaigns.AsNoTracking().Include(c => c.Units).Where(c => c.State == CampaignState.Reviewing);
        var list = await campaigns.OrderBy(c => c.Id).ToListAsync(ct);
        var queue = new List<Entry>();
        foreach (var campaign in list)
        {
            var version = await db.SchemeVersions.AsNoTracking().FirstAsync(v => v.Id == campaign.SchemeVersionId, ct);
            var schemeItems = versions.Compile(version).Scheme.Items.ToList();
            var submissions = await db.Submissions.AsNoTracking()
                .Where(s => s.CampaignId == campaign.Id && s.State != SubmissionState.Draft).OrderBy(s => s.UnitId)
                .Select(s => new { s.Id, s.UnitId, s.State, s.SubmittedAt, s.IsLate }).ToListAsync(ct);
            // Each list is one query by campaign, not a list of ids sent back (thousands of them in a province's campaign).
            var names = await CampaignProgress.MembersQuery(db, campaign.Id).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
            var factsVersions = await (
                from s in db.Submissions.AsNoTracking()
                where s.CampaignId == campaign.Id && s.State != SubmissionState.Draft
                join i in db.SubmissionItems.AsNoTracking() on s.Id equals i.SubmissionId
                select new { i.SubmissionId, i.ItemId, i.FactsVersion }).ToListAsync(ct);
            var reviews = await ReviewsQuery(db, campaign.Id).ToListAsync(ct);
            var upheld = await db.Appeals.AsNoTracking()
                .Where(a => a.CampaignId == campaign.Id && a.State == AppealState.Upheld && a.ItemId != null && a.DecidedAt != null)
                .Select(a => new { a.UnitId, a.ItemId, a.DecidedAt }).ToListAsync(ct);
            // Lookups by key, not scans: a province's campaign holds thousands of units and tens of thousands of items, and a scan
            // per item made the queue quadratic in them.
            var classes = campaign.Units.ToDictionary(u => u.UnitId, u => u.SchemeClass);
            var reviewByItem = reviews.ToDictionary(r => (r.SubmissionId, r.ItemId));
            var versionByItem = factsVersions.ToDictionary(f => (f.SubmissionId, f.ItemId), f => f.FactsVersion);
            var upheldByItem = upheld.ToLookup(a => (a.UnitId, a.ItemId));
            var reviewDue = campaign.ReviewDue is { } due ? BeijingTime.Local(due) : (DateTimeOffset?)null;
            foreach (var s in submissions.Where(s => names.ContainsKey(s.UnitId)))
            {
                var schemeClass = classes[s.UnitId];
                for (var index = 0; index < schemeItems.Count; index++)
                {
                    var item = schemeItems[index];
                    if (!item.AppliesToUnit(schemeClass, s.UnitId, names[s.UnitId]))
                        continue;
                    var record = reviewByItem.GetValueOrDefault((s.Id, item.Id));
                    var current = versionByItem.GetValueOrDefault((s.Id, item.Id));
                    var stale = record is not null && record.State != ItemReviewState.Pending && record.Restore().IsStale(current);
                    var resubmitted = record?.State == ItemReviewState.Returned && s.State == SubmissionState.Resubmitted;
                    // An appeal upheld after the item's last verdict reopens that verdict; the next verdict settles it.
                    var appealed = record is { State: ItemReviewState.Confirmed or ItemReviewState.Corrected } && upheldByItem[(s.UnitId, item.Id)].Any(a =>
                        record.ReviewedAt is not { } reviewedAt || a.DecidedAt > reviewedAt);
                    var waiting = ItemReview.AwaitsVerdict(record?.Restore(), current, s.State) || appealed;
                    if (!waiting)
                        continue;
                    var state = record?.State ?? ItemReviewState.Pending;
                    var judgement = Manual.JudgementFactOf(item) is not null;
                    var stateName = resubmitted ? ItemReview.ResubmittedName : appealed ? "申诉成立待重新复核" : ItemReview.StateName(state, judgement);
                    queue.Add(new Entry(new ReviewQueueItem(campaign.Id, campaign.Name, s.UnitId, names[s.UnitId], item.Id, item.No, item.Title, item.Max,
                        state, stateName, stale, record?.Version ?? 0, s.State,
                        s.SubmittedAt is { } at ? BeijingTime.Local(at) : null, s.IsLate, reviewDue,
                        0, resubmitted, appealed, judgement), index));
                }
            }
        }
        return (list.ToDictionary(c => c.Id), queue);
    }
}
