using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Chengxin.Domain;
using Chengxin.Domain.Campaigns;
using Chengxin.Domain.Schemes;
using Chengxin.Server.Data;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Chengxin.Server.Infrastructure.BeijingTime;
using Campaign = Chengxin.Server.Data.Campaign;
using DomainCampaign = Chengxin.Domain.Campaigns.Campaign;

namespace Chengxin.Server.Features.Campaigns;

/// <summary>Instants as typed by an office: with an offset, or wall-clock time in Asia/Shanghai.</summary>
public sealed record ScheduleRequest(string? LiaisonDue, string? EvidenceDue, string? SelfAssessmentDue, string? ReviewDue, int? AppealWindowDays);

/// <summary>The schedule in Asia/Shanghai time (UTC+8), as an office reads it.</summary>
public sealed record ScheduleView(DateTimeOffset? LiaisonDue, DateTimeOffset EvidenceDue, DateTimeOffset? SelfAssessmentDue, DateTimeOffset? ReviewDue, int AppealWindowDays);

public sealed record CampaignUnitView(long UnitId, string Name, string? Class, string SchemeClass);

public sealed record CampaignReviewerView(Guid UserId, string DisplayName);

/// <summary>A recorded spot-check draw: the seed and the share reproduce it; only the drawn units in the caller's scope are listed.</summary>
public sealed record SpotCheckView(string Seed, decimal Share, int DrawnCount, IReadOnlyList<long> UnitIds, DateTimeOffset DrawnAt);

/// <summary>A campaign as the caller may see it: only the units in the caller's scope are listed; unitCount counts them all.</summary>
public sealed record CampaignResponse(
    long Id, string Name, string SchemeId, int SchemeVersion, string SchemeTitle, string SchemeSha256,
    string PeriodKey, string PeriodLabel, CampaignState State, string StateName, ScheduleView Schedule,
    decimal SpotCheckShare, bool SelfAssessmentRequired, int UnitCount,
    IReadOnlyList<CampaignUnitView> Units, IReadOnlyList<CampaignReviewerView> Reviewers, DateTimeOffset? PublishedAt, SpotCheckView? SpotCheck,
    long? BaselineCampaignId = null, int Revision = 0, VoidView? Void = null);

/// <summary>Why a campaign was voided, when and by whom (in Beijing time).</summary>
public sealed record VoidView(string Reason, DateTimeOffset At, string? By);

/// <summary>A campaign as its response shows it to the caller.</summary>
internal static class CampaignViews
{
    /// <summary>Maps campaigns to responses by hand; units outside the caller's scope are left out (the filtered unit query decides).</summary>
    internal static async Task<List<CampaignResponse>> MapAsync(ChengxinDbContext db, IReadOnlyList<Campaign> campaigns, CancellationToken ct)
    {
        var versionIds = campaigns.Select(c => c.SchemeVersionId).Distinct().ToList();
        var versions = await db.SchemeVersions.AsNoTracking().Where(v => versionIds.Contains(v.Id))
            .Select(v => new { v.Id, v.SchemeId, v.Version, v.Title, v.Sha256 }).ToDictionaryAsync(v => v.Id, ct);
        var unitIds = campaigns.SelectMany(c => c.Units).Select(u => u.UnitId).Distinct().ToList();
        var visible = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
        var reviewerIds = campaigns.SelectMany(c => c.Reviewers).Select(r => r.UserId).Distinct().ToList();
        var voiders = campaigns.Where(c => c.VoidedBy is not null).Select(c => c.VoidedBy!.Value).Distinct().ToList();
        var voiderNames = voiders.Count == 0 ? [] : await db.Users.IgnoreQueryFilters([ChengxinDbContext.UnitScopeFilter]).AsNoTracking()
            .Where(u => voiders.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        // A campaign's reviewers are named to everyone who takes part in it, wherever in the tree the reviewers sit.
        var reviewers = await db.Users.IgnoreQueryFilters([ChengxinDbContext.UnitScopeFilter]).AsNoTracking()
            .Where(u => reviewerIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        return campaigns.Select(c =>
        {
            var v = versions[c.SchemeVersionId];
            var period = Period.ParseKey(c.PeriodKey);
            return new CampaignResponse(c.Id, c.Name, v.SchemeId, v.Version, v.Title, v.Sha256, c.PeriodKey, period.Label, c.State,
                DomainCampaign.Name(c.State),
                new ScheduleView(Local(c.LiaisonDue), Local(c.EvidenceDue), Local(c.SelfAssessmentDue), Local(c.ReviewDue),
                    (int)(c.AppealWindowSeconds / 86400)),
                c.SpotCheckShare, c.SelfAssessmentRequired, c.Units.Count,
                c.Units.Where(u => visible.ContainsKey(u.UnitId)).OrderBy(u => u.UnitId)
                    .Select(u => new CampaignUnitView(u.UnitId, visible[u.UnitId].Name, visible[u.UnitId].Class, u.SchemeClass)).ToList(),
                c.Reviewers.Where(r => reviewers.ContainsKey(r.UserId)).OrderBy(r => r.UserId)
                    .Select(r => new CampaignReviewerView(r.UserId, reviewers[r.UserId])).ToList(),
                Local(c.PublishedAt),
                c.SpotCheckSeed is null ? null : new SpotCheckView(c.SpotCheckSeed, c.SpotCheckShare, SpotCheckIds(c).Count,
                    SpotCheckIds(c).Where(visible.ContainsKey).ToList(), Local(c.SpotCheckDrawnAt)!.Value),
                c.BaselineCampaignId, c.Revision,
                c.VoidReason is null ? null : new VoidView(c.VoidReason, Local(c.VoidedAt)!.Value,
                    c.VoidedBy is { } by && voiderNames.TryGetValue(by, out var name) ? name : null));
        }).ToList();
    }

    private static List<long> SpotCheckIds(Campaign c) =>
        string.IsNullOrEmpty(c.SpotCheckUnitIds) ? [] : c.SpotCheckUnitIds.Split(',').Select(x => long.Parse(x, CultureInfo.InvariantCulture)).ToList();
}
