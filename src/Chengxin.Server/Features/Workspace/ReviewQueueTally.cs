using System.Globalization;
using Chengxin.Domain.Campaigns;
using Chengxin.Domain.Schemes;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Schemes;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Workspace;

/// <summary>
/// How many items of each unit of a campaign wait for review, by the state they wait in, counted by the database: a campaign's
/// queue is its units' applicable items less those a verdict settles, so only the verdicts are read — one GROUP BY over the
/// campaign's submissions (IX_Submissions_CampaignId_UnitId), their verdicts (IX_ItemReviews_SubmissionId_ItemId) and the facts
/// version each verdict is checked against (IX_SubmissionItems_SubmissionId_ItemId). A unit an item names by responsibility list,
/// or one with an upheld appeal, is worked out item by item instead (<see cref="ReviewQueue.WaitingOf"/>): there are few of them,
/// and counting them in SQL would need the scheme's lists in the query.
/// </summary>
internal static class ReviewQueueTally
{
    /// <summary>The states an item waits in, in the order the filter offers them.</summary>
    internal static readonly string[] StateOrder =
    [
        ItemReview.StateName(ItemReviewState.Pending), ItemReview.ResubmittedName, ReviewQueue.AppealedName,
        ItemReview.StateName(ItemReviewState.Confirmed), ItemReview.StateName(ItemReviewState.Corrected),
        ItemReview.StateName(ItemReviewState.Corrected, judgement: true),
    ];

    /// <summary>Joins a class and an item id into one key: neither holds a control character.</summary>
    private const string Separator = "\u001f";

    internal sealed record SubmissionRow(long Id, long UnitId, SubmissionState State, DateTime? SubmittedAt, bool IsLate, string SchemeClass);

    /// <summary>One unit's waiting items by state name; Total is the unit's whole queue.</summary>
    internal sealed record UnitTally(SubmissionRow Submission, IReadOnlyDictionary<string, int> ByState)
    {
        public int Total { get; } = ByState.Values.Sum();
    }

    /// <summary>A unit's verdicts on the items its class has, as the database counts them.</summary>
    internal sealed record VerdictCounts(long SubmissionId, int Verdicts, int Pending, int StaleConfirmed, int StaleCorrected, int StaleScored,
        int Resubmitted);

    /// <summary>A campaign under review as the queue reads it: its scheme's items in order, its submitted units in unit order.</summary>
    internal sealed class CampaignTally(Data.Campaign campaign, IReadOnlyList<Item> items, List<SubmissionRow> submissions,
        ILookup<(long UnitId, string ItemId), DateTime> upheld, HashSet<long> itemByItem)
    {
        public Data.Campaign Campaign => campaign;
        public IReadOnlyList<Item> Items => items;
        public List<SubmissionRow> Submissions => submissions;
        public ILookup<(long UnitId, string ItemId), DateTime> Upheld => upheld;

        /// <summary>Units counted item by item: named by a responsibility list, or with an upheld appeal.</summary>
        public HashSet<long> ItemByItem => itemByItem;

        public DateTimeOffset? ReviewDue => campaign.ReviewDue is { } due ? BeijingTime.Local(due) : null;
    }

    /// <summary>The campaign's scheme, submitted units in scope, appeals that reopen verdicts, and the units listed by name.</summary>
    internal static async Task<CampaignTally> LoadAsync(ChengxinDbContext db, SchemeVersions versions, Data.Campaign campaign, CancellationToken ct)
    {
        var version = await db.SchemeVersions.AsNoTracking().FirstAsync(v => v.Id == campaign.SchemeVersionId, ct);
        var items = versions.Compile(version).Scheme.Items.ToList();
        // The submission carries the scope filter; the campaign's own member row gives the class the unit is evaluated as.
        var submissions = await (
            from s in db.Submissions.AsNoTracking()
            where s.CampaignId == campaign.Id && s.State != SubmissionState.Draft
            join m in db.CampaignUnits.AsNoTracking() on new { s.CampaignId, s.UnitId } equals new { m.CampaignId, m.UnitId }
            orderby s.UnitId
            select new SubmissionRow(s.Id, s.UnitId, s.State, s.SubmittedAt, s.IsLate, m.SchemeClass)).ToListAsync(ct);
        var upheld = (await db.Appeals.AsNoTracking()
            .Where(a => a.CampaignId == campaign.Id && a.State == AppealState.Upheld && a.ItemId != null && a.DecidedAt != null)
            .Select(a => new { a.UnitId, a.ItemId, a.DecidedAt }).ToListAsync(ct)).ToLookup(a => (a.UnitId, a.ItemId!), a => a.DecidedAt!.Value);
        var itemByItem = upheld.Select(g => g.Key.UnitId).ToHashSet();
        var named = items.SelectMany(i => i.Units).Distinct(StringComparer.Ordinal).ToList();
        if (named.Count > 0)
        {
            var ids = named.Select(n => long.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0).Where(id => id > 0).ToList();
            itemByItem.UnionWith(await CampaignProgress.MembersQuery(db, campaign.Id).Where(u => named.Contains(u.Name) || ids.Contains(u.Id))
                .Select(u => u.Id).ToListAsync(ct));
        }
        return new CampaignTally(campaign, items, submissions, upheld, itemByItem);
    }

    /// <summary>
    /// Every submitted unit's waiting items by state; only items <paramref name="only"/> keeps when it is given (the keyword's
    /// titles). Units with nothing waiting are kept, with a total of 0.
    /// </summary>
    internal static async Task<List<UnitTally>> CountAsync(ChengxinDbContext db, CampaignTally tally, Func<Item, bool>? only, CancellationToken ct)
    {
        var items = tally.Items.Where(i => only is null || only(i)).ToList();
        var byClass = tally.Submissions.Select(s => s.SchemeClass).Distinct(StringComparer.Ordinal)
            .ToDictionary(c => c, c => items.Where(i => i.Units.Count == 0 && i.AppliesTo(c)).ToList(), StringComparer.Ordinal);
        var keys = byClass.SelectMany(c => c.Value.Select(i => c.Key + Separator + i.Id)).ToList();
        var judgements = items.Where(i => Manual.JudgementFactOf(i) is not null).Select(i => i.Id).ToList();
        var counts = keys.Count == 0 ? [] : await VerdictsQuery(db, tally.Campaign.Id, keys, judgements).ToDictionaryAsync(c => c.SubmissionId, ct);

        var exact = tally.Submissions.Where(s => tally.ItemByItem.Contains(s.UnitId)).ToList();
        var entries = exact.Count == 0 ? [] : await ReviewQueue.DetailAsync(db, tally, exact, ct);
        var result = new List<UnitTally>(tally.Submissions.Count);
        foreach (var s in tally.Submissions)
        {
            if (tally.ItemByItem.Contains(s.UnitId))
            {
                var waiting = entries.GetValueOrDefault(s.UnitId) ?? [];
                result.Add(new UnitTally(s, waiting.Where(e => only is null || only(tally.Items[e.ItemIndex]))
                    .CountBy(e => e.Item.ReviewStateName).ToDictionary(StringComparer.Ordinal)));
                continue;
            }
            var c = counts.GetValueOrDefault(s.Id) ?? new VerdictCounts(s.Id, 0, 0, 0, 0, 0, 0);
            // Items with no verdict at all wait as 待复核, as do those whose verdict row is still pending.
            var unjudged = byClass[s.SchemeClass].Count - c.Verdicts + c.Pending;
            result.Add(new UnitTally(s, new Dictionary<string, int>(StringComparer.Ordinal)
            {
                [StateOrder[0]] = unjudged, [ItemReview.ResubmittedName] = c.Resubmitted,
                [ItemReview.StateName(ItemReviewState.Confirmed)] = c.StaleConfirmed,
                [ItemReview.StateName(ItemReviewState.Corrected)] = c.StaleCorrected,
                [ItemReview.StateName(ItemReviewState.Corrected, judgement: true)] = c.StaleScored,
            }.Where(p => p.Value > 0).ToDictionary(StringComparer.Ordinal)));
        }
        return result;
    }

    /// <summary>
    /// Per submitted unit of a campaign, its verdicts on the items its class has (a key of class and item id) and how many of them
    /// leave the item waiting: pending, a confirmation or correction on facts changed since (the item's facts version, 0 when it has
    /// none), a return the unit has answered by resubmitting. The verdicts and facts versions are read through their submission,
    /// which carries the scope filter, so theirs would only test the same unit again.
    /// </summary>
    internal static IQueryable<VerdictCounts> VerdictsQuery(ChengxinDbContext db, long campaignId, IReadOnlyList<string> keys,
        IReadOnlyList<string> judgements)
    {
        var verdicts = db.ItemReviews.IgnoreQueryFilters([ChengxinDbContext.UnitScopeFilter]).AsNoTracking();
        var factsVersions = db.SubmissionItems.IgnoreQueryFilters([ChengxinDbContext.UnitScopeFilter]).AsNoTracking();
        return
        from s in db.Submissions.AsNoTracking()
        where s.CampaignId == campaignId && s.State != SubmissionState.Draft
        join m in db.CampaignUnits.AsNoTracking() on new { s.CampaignId, s.UnitId } equals new { m.CampaignId, m.UnitId }
        join r in verdicts on s.Id equals r.SubmissionId
        where keys.Contains(m.SchemeClass + Separator + r.ItemId)
        from i in factsVersions.Where(i => i.SubmissionId == r.SubmissionId && i.ItemId == r.ItemId).DefaultIfEmpty()
        select new
        {
            s.Id,
            r.State,
            Stale = r.FactsVersionSeen != (i == null ? 0 : i.FactsVersion),
            Judgement = judgements.Contains(r.ItemId),
            Resubmitted = s.State == SubmissionState.Resubmitted,
        }
        into v
        group v by v.Id
        into g
        select new VerdictCounts(g.Key, g.Count(),
            g.Count(v => v.State == ItemReviewState.Pending),
            g.Count(v => v.State == ItemReviewState.Confirmed && v.Stale),
            g.Count(v => v.State == ItemReviewState.Corrected && v.Stale && !v.Judgement),
            g.Count(v => v.State == ItemReviewState.Corrected && v.Stale && v.Judgement),
            g.Count(v => v.State == ItemReviewState.Returned && v.Resubmitted));
    }
}
