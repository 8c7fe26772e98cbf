using Chengxin.Domain.Campaigns;
using Chengxin.Domain.Schemes;
using Chengxin.Domain.Scoring;
using Chengxin.Server.Features.Facts;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Campaigns;
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
/// IsJudgement: the reviewer gives the points (评审给分), so it cannot be confirmed as it stands.
/// The item id may contain dots (2.1), so clients pass it in a query string.
/// </summary>
public sealed record ReviewQueueItem(long CampaignId, string CampaignName, long UnitId, string UnitName, string ItemId, string? No, string Title,
    decimal Max, ItemReviewState ReviewState, string ReviewStateName, bool IsStale, long ExpectedVersion, SubmissionState SubmissionState,
    DateTimeOffset? SubmittedAt, bool IsLate, DateTimeOffset? ReviewDue, decimal SelfScore = 0, bool IsResubmitted = false,
    bool IsAppealed = false, bool IsJudgement = false);

/// <summary>
/// What is waiting for review: every applicable item of a submitted unit in a campaign under review that has no
/// verdict yet, whose facts changed since its verdict (stale), that was returned and has come back, or whose verdict
/// an upheld appeal on the item has reopened.
/// </summary>
public static class ReviewQueue
{
    public static async Task<IResult> Get(ChengxinDbContext db, SchemeVersions versions, AccessScope scope, CancellationToken ct) =>
        TypedResults.Ok(await BuildAsync(db, versions, scope, ct));

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

    internal static async Task<List<ReviewQueueItem>> BuildAsync(ChengxinDbContext db, SchemeVersions versions, AccessScope scope, CancellationToken ct)
    {
        var campaigns = db.Campaigns.AsNoTracking().Include(c => c.Units).Where(c => c.State == CampaignState.Reviewing);
        var list = await campaigns.OrderBy(c => c.Id).ToListAsync(ct);
        var queue = new List<ReviewQueueItem>();
        foreach (var campaign in list)
        {
            var version = await db.SchemeVersions.AsNoTracking().FirstAsync(v => v.Id == campaign.SchemeVersionId, ct);
            var scheme = versions.Compile(version).Scheme;
            var submissions = await db.Submissions.AsNoTracking()
                .Where(s => s.CampaignId == campaign.Id && s.State != SubmissionState.Draft).OrderBy(s => s.UnitId).ToListAsync(ct);
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
            var members = submissions.Where(s => names.ContainsKey(s.UnitId))
                .Select(s => new FactsMember(s.UnitId, names[s.UnitId], classes[s.UnitId])).ToList();
            var sheets = members.Count == 0 ? [] : await CampaignFacts.LoadAsync(db, campaign.Id, versions.Compile(version), members, SpotCheckFindings.None, ct, campaign.PeriodKey);
            foreach (var s in submissions.Where(s => names.ContainsKey(s.UnitId)))
            {
                var schemeClass = classes[s.UnitId];
                var self = Scorer.Score(sheets[s.UnitId].Facts(FactStage.Own));
                foreach (var item in scheme.Items.Where(i => i.AppliesToUnit(schemeClass, s.UnitId, names[s.UnitId])))
                {
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
                    queue.Add(new ReviewQueueItem(campaign.Id, campaign.Name, s.UnitId, names[s.UnitId], item.Id, item.No, item.Title, item.Max,
                        state, stateName, stale, record?.Version ?? 0, s.State,
                        s.SubmittedAt is { } at ? BeijingTime.Local(at) : null, s.IsLate,
                        campaign.ReviewDue is { } due ? BeijingTime.Local(due) : null,
                        self[item.Id].Score, resubmitted, appealed, judgement));
                }
            }
        }
        return queue;
    }
}
