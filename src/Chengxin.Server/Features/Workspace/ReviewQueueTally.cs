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

    internal sealed record SubmissionRow(long Id, long UnitId, string UnitName, SubmissionState State, DateTime? SubmittedAt, bool IsLate, string SchemeClass);

    /// <summary>
    /// An entity read past the unit filter, by campaign or by submission id, and kept in C# for the units the Units filter let
    /// through: SQLite runs the filter's <c>UnitId IN (SELECT … FROM Units …)</c> by first listing every unit of the scope (a
    /// province's 40,000) for each query, several times a request. EF Core ignores a filter for the whole query, so such a query
    /// never joins the Units it would need filtered; the scope is always the members read through the Units filter.
    /// </summary>
    internal static IQueryable<T> Unscoped<T>(DbSet<T> set) where T : class =>
        set.IgnoreQueryFilters([ChengxinDbContext.UnitScopeFilter]).AsNoTracking();

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
        // The scope is the units': the campaign's members the Units filter lets through, with their names. The submissions and
        // appeals are read by campaign and kept for those units only (see Unscoped).
        var members = await (
            from m in db.CampaignUnits.AsNoTracking()
            where m.CampaignId == campaign.Id
            join u in db.Units.AsNoTracking() on m.UnitId equals u.Id
            select new { u.Id, u.Name, m.SchemeClass }).ToDictionaryAsync(u => u.Id, ct);
        var submissions = (await Unscoped(db.Submissions)
                .Where(s => s.CampaignId == campaign.Id && s.State != SubmissionState.Draft).OrderBy(s => s.UnitId)
                .Select(s => new { s.Id, s.UnitId, s.State, s.SubmittedAt, s.IsLate }).ToListAsync(ct))
            .Where(s => members.ContainsKey(s.UnitId))
            .Select(s => new SubmissionRow(s.Id, s.UnitId, members[s.UnitId].Name, s.State, s.SubmittedAt, s.IsLate, members[s.UnitId].SchemeClass)).ToList();
        var upheld = (await Unscoped(db.Appeals)
                .Where(a => a.CampaignId == campaign.Id && a.State == AppealState.Upheld && a.ItemId != null && a.DecidedAt != null)
                .Select(a => new { a.UnitId, a.ItemId, a.DecidedAt }).ToListAsync(ct))
            .Where(a => members.ContainsKey(a.UnitId)).ToLookup(a => (a.UnitId, a.ItemId!), a => a.DecidedAt!.Value);
        var itemByItem = upheld.Select(g => g.Key.UnitId).ToHashSet();
        var named = items.SelectMany(i => i.Units).Distinct(StringComparer.Ordinal).ToList();
        if (named.Count > 0)
            itemByItem.UnionWith(members.Values.Where(u => named.Contains(u.Name) || named.Contains(u.Id.ToString(CultureInfo.InvariantCulture))).Select(u => u.Id));
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
        var judgements = items.Where(i => Manual.JudgementFactOf(i) is not null).Select(i => i.Id).ToList();
        // One query per class (a scheme has a handful): SQLite tests a class and an item id list four times faster than one
        // list of joined class-and-item keys.
        var counts = new Dictionary<long, VerdictCounts>();
        foreach (var (schemeClass, classItems) in byClass.Where(c => c.Value.Count > 0))
            foreach (var row in await VerdictsQuery(db, tally.Campaign.Id, schemeClass, [.. classItems.Select(i => i.Id)], judgements).ToListAsync(ct))
                counts[row.SubmissionId] = row;

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
    /// Per submitted unit of a campaign of one class, its verdicts on the items the class has and how many of them
    /// leave the item waiting: pending, a confirmation or correction on facts changed since (the item's facts version, 0 when it has
    /// none), a return the unit has answered by resubmitting. Read past the unit filter (see <see cref="Unscoped"/>): the caller
    /// looks up the submissions of its scoped members only.
    /// </summary>
    internal static IQueryable<VerdictCounts> VerdictsQuery(ChengxinDbContext db, long campaignId, string schemeClass, IReadOnlyList<string> itemIds,
        IReadOnlyList<string> judgements)
    {
        var verdicts = Unscoped(db.ItemReviews);
        var factsVersions = Unscoped(db.SubmissionItems);
        return
        from s in Unscoped(db.Submissions)
        where s.CampaignId == campaignId && s.State != SubmissionState.Draft
        join m in db.CampaignUnits.AsNoTracking() on new { s.CampaignId, s.UnitId } equals new { m.CampaignId, m.UnitId }
        join r in verdicts on s.Id equals r.SubmissionId
        where m.SchemeClass == schemeClass && itemIds.Contains(r.ItemId)
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
