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

public static class StartReview
{
    /// <summary>
    /// Collection ends: the units that never submitted get a missing report on record. The campaign's row is updated first,
    /// so a unit's submit that holds the campaign open (<see cref="CampaignContext.HoldStateAsync"/>) has committed before the missing
    /// reports are worked out, and none commits after; a refused or lost start-review commits nothing.
    /// Units that have not reported stop it unless the office goes on with a reason (<see cref="Readiness"/>).
    /// </summary>
    public static async Task<IResult> Handle(long id, ReadinessOverrideRequest? request, ChengxinDbContext db, SchemeVersions versions,
        AccessScope scope, TimeProvider clock, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var campaign = await CampaignContext.FindManagedAsync(db, scope, id, ct);
        if (campaign is null)
            return ProblemResponses.NotFound("评价批次");
        var (refused, recordOverride) = await Readiness.CheckAsync(db, versions, scope, campaign, Readiness.CloseCollection, request, clock.GetUtcNow(), ct);
        if (refused is not null)
            return refused;
        var result = await CampaignContext.TransitionAsync(id, db, scope, clock, (c, _, _) => c.StartReview(), ct, async (campaign, now) =>
        {
            await recordOverride();
            await RecordMissingAsync(db, campaign, now, ct);
        });
        if (result is Microsoft.AspNetCore.Http.HttpResults.Ok<CampaignResponse>)
            await transaction.CommitAsync(ct);
        return result;
    }

    /// <summary>
    /// When review starts, every unit that has not submitted owes a report it never made: one missing report each, ever.
    /// A unit already on record as missing gets none again, so a replay cannot count a unit missing twice.
    /// </summary>
    private static async Task RecordMissingAsync(ChengxinDbContext db, Data.Campaign campaign, DateTimeOffset now, CancellationToken ct)
    {
        var submissions = await db.Submissions.IgnoreQueryFilters([ChengxinDbContext.UnitScopeFilter])
            .Where(s => s.CampaignId == campaign.Id).ToDictionaryAsync(s => s.UnitId, ct);
        var recorded = (await db.ReportRecords.IgnoreQueryFilters([ChengxinDbContext.UnitScopeFilter])
            .Where(r => r.CampaignId == campaign.Id && r.Kind == ReportKinds.Submission && r.Status == ReportStatus.Missing)
            .Select(r => r.UnitId).ToListAsync(ct)).ToHashSet();
        foreach (var member in campaign.Units.OrderBy(u => u.UnitId))
        {
            if (submissions.TryGetValue(member.UnitId, out var s) && s.State != SubmissionState.Draft)
                continue;
            if (recorded.Contains(member.UnitId))
                continue;
            db.ReportRecords.Add(new ReportRecord
            {
                TenantId = campaign.TenantId, CampaignId = campaign.Id, UnitId = member.UnitId, Kind = ReportKinds.Submission,
                Due = s?.Due ?? campaign.EvidenceDue, MadeAt = null, Status = ReportStatus.Missing, RecordedAt = now.UtcDateTime,
            });
        }
    }
}
