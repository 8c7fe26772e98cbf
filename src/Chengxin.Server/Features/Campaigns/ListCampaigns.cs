using Chengxin.Domain.Campaigns;
using Chengxin.Server.Data;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Chengxin.Server.Infrastructure.BeijingTime;
using DomainCampaign = Chengxin.Domain.Campaigns.Campaign;

namespace Chengxin.Server.Features.Campaigns;

/// <summary>
/// A campaign as the list shows it: counts instead of members (the campaign's own page lists those). The unit counts are of the
/// caller's scope, as everything the caller sees: a county's admin counts the county's members and their submissions, the
/// province's admin all of them. Reviewers are counted whole: a campaign's reviewers are named to everyone who takes part.
/// </summary>
/// <param name="UnitCount">The campaign's member units in the caller's scope.</param>
/// <param name="SubmittedCount">Of those, the units whose answer is with the office (submitted on time or late, under review or
/// reviewed); a returned answer is back with its unit and does not count.</param>
/// <param name="SoleUnit">The one member the caller sees, when it sees exactly one (a unit's own staff go straight to its form).</param>
public sealed record CampaignListItem(
    long Id, string Name, string SchemeId, int SchemeVersion, string SchemeTitle, string PeriodKey, string PeriodLabel,
    CampaignState State, string StateName, ScheduleView Schedule, bool SelfAssessmentRequired,
    int UnitCount, int SubmittedCount, int ReviewerCount, CampaignUnitView? SoleUnit,
    DateTimeOffset? PublishedAt, int Revision, VoidView? Void);

/// <summary>The campaigns the caller sees.</summary>
public static class ListCampaigns
{
    /// <summary>The most campaigns one page holds.</summary>
    public const int MaxPage = 500;

    /// <summary>
    /// The newest campaigns first. Voided campaigns stay on record but leave the everyday list; <paramref name="includeVoided"/>
    /// brings them back. With <paramref name="limit"/>, one page of campaigns older than <paramref name="beforeId"/> (keyset on the
    /// primary key); without, all of them: an office opens a few dozen a year, and each costs a row of counts, not its members.
    /// </summary>
    public static async Task<IResult> Handle(ChengxinDbContext db, CancellationToken ct, bool? includeVoided = null, long? beforeId = null, int? limit = null)
    {
        if (limit is < 1 or > MaxPage)
            return new Validation().Check(false, "limit", $"每页批次数须在 1 到 {MaxPage} 之间。").Problem();
        var query = db.Campaigns.AsNoTracking();
        if (includeVoided != true)
            query = query.Where(c => c.State != CampaignState.Voided);
        if (beforeId is { } before)
            query = query.Where(c => c.Id < before);
        query = query.OrderByDescending(c => c.Id);
        if (limit is { } take)
            query = query.Take(take);
        var campaigns = await query.ToListAsync(ct);
        return TypedResults.Ok(await MapAsync(db, campaigns, ct));
    }

    private static async Task<List<CampaignListItem>> MapAsync(ChengxinDbContext db, List<Data.Campaign> campaigns, CancellationToken ct)
    {
        if (campaigns.Count == 0)
            return [];
        var ids = campaigns.Select(c => c.Id).ToList();
        var versionIds = campaigns.Select(c => c.SchemeVersionId).Distinct().ToList();
        var versions = await db.SchemeVersions.AsNoTracking().Where(v => versionIds.Contains(v.Id))
            .Select(v => new { v.Id, v.SchemeId, v.Version, v.Title }).ToDictionaryAsync(v => v.Id, ct);
        // Counted in the database, each a group by campaign: the members the caller sees (the unit query carries the scope)...
        var members = await db.CampaignUnits.AsNoTracking()
            .Where(m => ids.Contains(m.CampaignId) && db.Units.Any(u => u.Id == m.UnitId))
            .GroupBy(m => m.CampaignId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        // ... their answers with the office (submissions carry the scope filter of their unit) ...
        var submitted = await db.Submissions.AsNoTracking()
            .Where(s => ids.Contains(s.CampaignId) && s.State != SubmissionState.Draft && s.State != SubmissionState.Returned)
            .GroupBy(s => s.CampaignId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        // ... and the reviewers, whole.
        var reviewers = await db.CampaignReviewers.AsNoTracking().Where(r => ids.Contains(r.CampaignId))
            .GroupBy(r => r.CampaignId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var soleIds = members.Where(m => m.Value == 1).Select(m => m.Key).ToList();
        var sole = soleIds.Count == 0 ? [] : await (
                from m in db.CampaignUnits.AsNoTracking()
                join u in db.Units.AsNoTracking() on m.UnitId equals u.Id
                where soleIds.Contains(m.CampaignId)
                select new { m.CampaignId, View = new CampaignUnitView(u.Id, u.Name, u.Class, m.SchemeClass) })
            .ToDictionaryAsync(x => x.CampaignId, x => x.View, ct);
        var voiders = campaigns.Where(c => c.VoidedBy is not null).Select(c => c.VoidedBy!.Value).Distinct().ToList();
        var voiderNames = voiders.Count == 0 ? [] : await db.Users.IgnoreQueryFilters([ChengxinDbContext.UnitScopeFilter]).AsNoTracking()
            .Where(u => voiders.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);

        return campaigns.Select(c =>
        {
            var v = versions[c.SchemeVersionId];
            return new CampaignListItem(c.Id, c.Name, v.SchemeId, v.Version, v.Title, c.PeriodKey, Period.ParseKey(c.PeriodKey).Label,
                c.State, DomainCampaign.Name(c.State),
                new ScheduleView(Local(c.LiaisonDue), Local(c.EvidenceDue), Local(c.SelfAssessmentDue), Local(c.ReviewDue),
                    (int)(c.AppealWindowSeconds / 86400)),
                c.SelfAssessmentRequired, members.GetValueOrDefault(c.Id), submitted.GetValueOrDefault(c.Id), reviewers.GetValueOrDefault(c.Id),
                sole.GetValueOrDefault(c.Id), Local(c.PublishedAt), c.Revision,
                c.VoidReason is null ? null : new VoidView(c.VoidReason, Local(c.VoidedAt)!.Value,
                    c.VoidedBy is { } by && voiderNames.TryGetValue(by, out var name) ? name : null));
        }).ToList();
    }
}
