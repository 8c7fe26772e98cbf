using System.Globalization;
using Chengxin.Domain.Campaigns;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Schemes;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Campaign = Chengxin.Server.Data.Campaign;

namespace Chengxin.Server.Features.Campaigns;

/// <summary>
/// What stands before a campaign's next step, counted: the same kinds, titles and counts as <see cref="ReadinessView"/>, but
/// each kind's names cut to the first <see cref="ReadinessCounts.NamesKept"/> in the full view's order (enough to show five
/// and know whether there are more). Ready when nothing is open.
/// </summary>
public sealed record ReadinessSummary(long CampaignId, string? Step, string? StepName, bool Ready, IReadOnlyList<ReadinessItemView> Open);

/// <summary>
/// The readiness of a campaign for 我的待办 (issue 19): a province's office asks for its tasks far more often than it takes a
/// step, and the full view (<see cref="Readiness.BuildAsync"/>) reads every member, every verdict and every item's facts
/// version. Here the counts come from grouped queries that the campaign's indexes answer (submissions by campaign and unit,
/// verdicts and items by submission and item), and only the first few units are looked at one by one for their names.
/// The step itself still decides on the full view.
/// </summary>
public static class ReadinessCounts
{
    public const int NamesKept = 6;

    // The office manages the whole campaign: its units and their answers are read past the unit scope, as the full view does.
    private static readonly string[] UnitScope = [ChengxinDbContext.UnitScopeFilter];

    /// <summary>The campaign's readiness counted; the campaign's members need not be loaded.</summary>
    public static async Task<ReadinessSummary> CountAsync(ChengxinDbContext db, SchemeVersions versions, Campaign campaign, DateTimeOffset now,
        CancellationToken ct)
    {
        var step = Readiness.StepOf(campaign.State);
        var open = step switch
        {
            null => [],
            Readiness.CloseCollection => await CollectionAsync(db, campaign, now, ct),
            _ => await PublicationAsync(db, versions, campaign, ct),
        };
        return new ReadinessSummary(campaign.Id, step, step is null ? null : Readiness.StepName(step), open.Count == 0, open);
    }

    private static IQueryable<Data.Unit> Units(ChengxinDbContext db) => db.Units.IgnoreQueryFilters(UnitScope).AsNoTracking();

    private static IQueryable<Data.Submission> Submissions(ChengxinDbContext db, long campaignId) =>
        db.Submissions.IgnoreQueryFilters(UnitScope).AsNoTracking().Where(s => s.CampaignId == campaignId);

    private static IQueryable<CampaignUnit> Members(ChengxinDbContext db, long campaignId) =>
        db.CampaignUnits.AsNoTracking().Where(cu => cu.CampaignId == campaignId);

    /// <summary>Members without a submitted answer, split by whether their deadline (the unit's own, else the campaign's) has passed.</summary>
    private static async Task<List<ReadinessItemView>> CollectionAsync(ChengxinDbContext db, Campaign campaign, DateTimeOffset now, CancellationToken ct)
    {
        var (id, due, utcNow) = (campaign.Id, campaign.EvidenceDue, now.UtcDateTime);
        var unreported =
            from cu in Members(db, id)
            join u in Units(db) on cu.UnitId equals u.Id
            from s in Submissions(db, id).Where(s => s.UnitId == cu.UnitId).DefaultIfEmpty()
            where s == null || s.State == SubmissionState.Draft
            select new { cu.UnitId, u.Name, Missing = (s == null ? due : s.Due) < utcNow };
        var counts = await unreported.GroupBy(x => x.Missing).Select(g => new { Missing = g.Key, Count = g.Count() }).ToListAsync(ct);
        var open = new List<ReadinessItemView>();
        foreach (var (missing, kind) in new[] { (false, Readiness.UnitsBeforeDeadline), (true, Readiness.UnitsMissing) })
        {
            var count = counts.FirstOrDefault(c => c.Missing == missing)?.Count ?? 0;
            if (count == 0)
                continue;
            var names = await unreported.Where(x => x.Missing == missing).OrderBy(x => x.UnitId).Select(x => x.Name).Take(NamesKept).ToListAsync(ct);
            open.Add(Readiness.Open(kind, count, names));
        }
        return open;
    }

    private static async Task<List<ReadinessItemView>> PublicationAsync(ChengxinDbContext db, SchemeVersions versions, Campaign campaign, CancellationToken ct)
    {
        var id = campaign.Id;
        var open = new List<ReadinessItemView>();
        var (unreviewed, waitingUnits) = await UnreviewedAsync(db, versions, campaign, ct);
        if (unreviewed > 0)
            open.Add(Readiness.Open(Readiness.ItemsUnreviewed, unreviewed, waitingUnits));

        var returned =
            from s in Submissions(db, id)
            where s.State == SubmissionState.Returned
            join cu in Members(db, id) on s.UnitId equals cu.UnitId
            join u in Units(db) on s.UnitId equals u.Id
            select new { s.UnitId, u.Name };
        var returnedCount = await returned.CountAsync(ct);
        if (returnedCount > 0)
            open.Add(Readiness.Open(Readiness.UnitsReturned, returnedCount,
                await returned.OrderBy(x => x.UnitId).Select(x => x.Name).Take(NamesKept).ToListAsync(ct)));

        // The drawn units are a share of the campaign written on its row; the completed checks are at most as many.
        var drawn = string.IsNullOrEmpty(campaign.SpotCheckUnitIds) ? []
            : campaign.SpotCheckUnitIds.Split(',').Select(x => long.Parse(x, CultureInfo.InvariantCulture)).ToList();
        if (drawn.Count > 0)
        {
            var completed = (await db.SpotChecks.IgnoreQueryFilters(UnitScope).AsNoTracking()
                .Where(c => c.CampaignId == id && c.State == SpotCheckState.Completed).Select(c => c.UnitId).ToListAsync(ct)).ToHashSet();
            var spot = drawn.Where(u => !completed.Contains(u)).ToList();
            if (spot.Count > 0)
                open.Add(Readiness.Open(Readiness.SpotChecksOpen, spot.Count, await MemberNamesAsync(db, id, spot.Take(NamesKept).ToList(), ct)));
        }

        var appeals = db.Appeals.IgnoreQueryFilters(UnitScope).AsNoTracking()
            .Where(a => a.CampaignId == id && a.State == AppealState.Filed);
        var appealCount = await appeals.CountAsync(ct);
        if (appealCount > 0)
            open.Add(Readiness.Open(Readiness.AppealsPending, appealCount,
                await MemberNamesAsync(db, id, await appeals.OrderBy(a => a.Id).Select(a => a.UnitId).Take(NamesKept).ToListAsync(ct), ct)));
        return open;
    }

    /// <summary>The names of these units in this order; a unit that is not the campaign's member is named empty, as in the full view.</summary>
    private static async Task<List<string>> MemberNamesAsync(ChengxinDbContext db, long campaignId, List<long> unitIds, CancellationToken ct)
    {
        var names = await (from cu in Members(db, campaignId)
                           where unitIds.Contains(cu.UnitId)
                           join u in Units(db) on cu.UnitId equals u.Id
                           select new { u.Id, u.Name }).ToDictionaryAsync(x => x.Id, x => x.Name, ct);
        return unitIds.Select(u => names.GetValueOrDefault(u, "")).ToList();
    }

    /// <summary>
    /// The items of reported units (submitted or resubmitted) that wait for a verdict, counted, and the first units that have
    /// any, as 「单位：序号 指标、…」. An item waits unless its verdict is settled: confirmed or corrected on the facts version
    /// the unit holds now, or returned while the unit has not answered yet (<see cref="ItemReview.AwaitsVerdict"/>). So the
    /// count is the items that apply to each reported unit less its settled verdicts on them: the applicable items are counted
    /// per class (the members by class times the class's items), the settled verdicts grouped by class and item. An item
    /// with a responsibility list applies to the units it names only; those few units are counted one by one.
    /// </summary>
    private static async Task<(int Count, List<string> Units)> UnreviewedAsync(ChengxinDbContext db, SchemeVersions versions, Campaign campaign,
        CancellationToken ct)
    {
        var id = campaign.Id;
        var version = await db.SchemeVersions.AsNoTracking().FirstAsync(v => v.Id == campaign.SchemeVersionId, ct);
        var scheme = versions.Compile(version).Scheme;
        var reported = Reported(db, id);
        var settled = Settled(db, id);

        var byClass = await reported.GroupBy(x => x.SchemeClass).Select(g => new { Class = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Class, g => g.Count, ct);
        var settledByClass = await SettledByClassQuery(db, id).ToListAsync(ct);
        var unlisted = scheme.Items.Where(i => i.Units.Count == 0).ToList();
        var unlistedIds = unlisted.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        var applicable = byClass.Sum(c => c.Value * unlisted.Count(i => i.AppliesTo(c.Key)));
        var count = applicable - settledByClass.Where(g => unlistedIds.Contains(g.ItemId) && unlisted.First(i => i.Id == g.ItemId).AppliesTo(g.SchemeClass))
            .Sum(g => g.Count);

        // Items with a responsibility list: the reported members they name (by id or name), each with its own settled verdicts.
        var listed = scheme.Items.Where(i => i.Units.Count > 0).ToList();
        var named = new List<long>();
        if (listed.Count > 0)
        {
            var names = listed.SelectMany(i => i.Units).Distinct().ToList();
            var ids = names.Select(n => long.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0).Where(v => v > 0).ToList();
            var members = await (from x in reported
                                 join u in Units(db) on x.Submission.UnitId equals u.Id
                                 where ids.Contains(u.Id) || names.Contains(u.Name)
                                 select new { u.Id, u.Name, x.SchemeClass }).ToListAsync(ct);
            var listedIds = listed.Select(i => i.Id).ToList();
            var memberIds = members.Select(m => m.Id).ToList();
            var settledListed = (await settled.Where(x => listedIds.Contains(x.ItemId) && memberIds.Contains(x.UnitId)).Select(x => new { x.UnitId, x.ItemId })
                .ToListAsync(ct)).Select(x => (x.UnitId, x.ItemId)).ToHashSet();
            foreach (var m in members)
            {
                var applies = listed.Where(i => i.AppliesToUnit(m.SchemeClass, m.Id, m.Name)).ToList();
                count += applies.Count - applies.Count(i => settledListed.Contains((m.Id, i.Id)));
                if (applies.Count > 0)
                    named.Add(m.Id);
            }
        }
        if (count == 0)
            return (0, []);

        // The first units with a waiting item: per class, the first reported units with fewer settled verdicts than the class's
        // items (a range of the submissions' index in unit order that stops at the few it needs), and the units a list names.
        var candidates = new HashSet<long>(named);
        foreach (var (schemeClass, _) in byClass)
        {
            var items = unlisted.Where(i => i.AppliesTo(schemeClass)).Select(i => i.Id).ToList();
            if (items.Count == 0)
                continue;
            candidates.UnionWith(await WaitingInClass(db, id, schemeClass, items)
                .Take(NamesKept).ToListAsync(ct));
        }
        return (count, await WaitingNamesAsync(db, scheme, id, candidates.ToList(), ct));
    }

    /// <summary>A reported member (submitted or resubmitted) of the campaign with its class.</summary>
    internal sealed class ReportedMember
    {
        public required Data.Submission Submission { get; init; }
        public required string SchemeClass { get; init; }
    }

    /// <summary>A settled verdict of a reported member on one item (see <see cref="UnreviewedAsync"/>).</summary>
    internal sealed class SettledVerdict
    {
        public required string SchemeClass { get; init; }
        public long UnitId { get; init; }
        public required string ItemId { get; init; }
    }

    /// <summary>How many settled verdicts there are on one item among the reported members of one class.</summary>
    internal sealed class SettledCount
    {
        public required string SchemeClass { get; init; }
        public required string ItemId { get; init; }
        public int Count { get; init; }
    }

    private static IQueryable<ReportedMember> Reported(ChengxinDbContext db, long campaignId) =>
        from s in Submissions(db, campaignId)
        where s.State == SubmissionState.Submitted || s.State == SubmissionState.Resubmitted
        join cu in Members(db, campaignId) on s.UnitId equals cu.UnitId
        select new ReportedMember { Submission = s, SchemeClass = cu.SchemeClass };

    // A join, not a correlated lookup per verdict: the facts version the unit holds now is the item row's, 0 when it has none.
    private static IQueryable<SettledVerdict> Settled(ChengxinDbContext db, long campaignId) =>
        from r in db.ItemReviews.IgnoreQueryFilters(UnitScope).AsNoTracking()
        join x in Reported(db, campaignId) on r.SubmissionId equals x.Submission.Id
        from si in db.SubmissionItems.IgnoreQueryFilters(UnitScope).AsNoTracking()
            .Where(si => si.SubmissionId == r.SubmissionId && si.ItemId == r.ItemId).DefaultIfEmpty()
        where ((r.State == ItemReviewState.Confirmed || r.State == ItemReviewState.Corrected) && r.FactsVersionSeen == (si == null ? 0 : si.FactsVersion))
            || (r.State == ItemReviewState.Returned && x.Submission.State == SubmissionState.Submitted)
        select new SettledVerdict { SchemeClass = x.SchemeClass, UnitId = x.Submission.UnitId, ItemId = r.ItemId };

    /// <summary>The campaign's settled verdicts counted by class and item: one pass over its submissions' verdicts (pinned in TaskQueryTests).</summary>
    internal static IQueryable<SettledCount> SettledByClassQuery(ChengxinDbContext db, long campaignId) =>
        Settled(db, campaignId).GroupBy(x => new { x.SchemeClass, x.ItemId }).Select(g => new SettledCount { SchemeClass = g.Key.SchemeClass, ItemId = g.Key.ItemId, Count = g.Count() });

    /// <summary>The units of these submissions with fewer settled verdicts on these items than there are items, in unit order.</summary>
    internal static IQueryable<long> WaitingInClass(ChengxinDbContext db, long campaignId, string schemeClass, List<string> items) =>
        Reported(db, campaignId).Where(x => x.SchemeClass == schemeClass).Select(x => x.Submission).Where(s => db.ItemReviews.IgnoreQueryFilters(UnitScope).Count(r => r.SubmissionId == s.Id && items.Contains(r.ItemId)
                && (((r.State == ItemReviewState.Confirmed || r.State == ItemReviewState.Corrected)
                        && r.FactsVersionSeen == (db.SubmissionItems.IgnoreQueryFilters(UnitScope)
                            .Where(si => si.SubmissionId == r.SubmissionId && si.ItemId == r.ItemId).Select(si => (long?)si.FactsVersion).FirstOrDefault() ?? 0))
                    || (r.State == ItemReviewState.Returned && s.State == SubmissionState.Submitted))) < items.Count)
            .OrderBy(s => s.UnitId).Select(s => s.UnitId);

    /// <summary>The candidates worked out one by one as the full view does; those with a waiting item, in unit order, the first few.</summary>
    private static async Task<List<string>> WaitingNamesAsync(ChengxinDbContext db, Domain.Schemes.Scheme scheme, long campaignId, List<long> unitIds,
        CancellationToken ct)
    {
        var members = await Members(db, campaignId).Where(cu => unitIds.Contains(cu.UnitId)).ToDictionaryAsync(cu => cu.UnitId, ct);
        var names = await Units(db).Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var submissions = await Submissions(db, campaignId).Where(s => unitIds.Contains(s.UnitId)).ToDictionaryAsync(s => s.UnitId, ct);
        var ids = submissions.Values.Select(s => s.Id).ToList();
        var reviews = await db.ItemReviews.IgnoreQueryFilters(UnitScope).AsNoTracking()
            .Where(r => ids.Contains(r.SubmissionId)).ToDictionaryAsync(r => (r.SubmissionId, r.ItemId), ct);
        var factsVersions = await db.SubmissionItems.IgnoreQueryFilters(UnitScope).AsNoTracking()
            .Where(i => ids.Contains(i.SubmissionId)).Select(i => new { i.SubmissionId, i.ItemId, i.FactsVersion })
            .ToDictionaryAsync(i => (i.SubmissionId, i.ItemId), i => i.FactsVersion, ct);
        var found = new List<string>();
        foreach (var unitId in unitIds.Order())
        {
            if (!members.TryGetValue(unitId, out var member) || !submissions.TryGetValue(unitId, out var s)
                || s.State is not (SubmissionState.Submitted or SubmissionState.Resubmitted))
                continue;
            var waiting = Readiness.WaitingItems(scheme, member, names[unitId], s, reviews, factsVersions);
            if (waiting.Count > 0)
                found.Add($"{names[unitId]}：{string.Join("、", waiting)}");
            if (found.Count == NamesKept)
                break;
        }
        return found;
    }
}
