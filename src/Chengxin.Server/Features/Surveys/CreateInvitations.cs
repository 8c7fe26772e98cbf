using Chengxin.Server.Data;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Surveys;

public sealed record CreateInvitationsRequest(long UnitId, int Count);

public sealed record CreateInvitationsResult(long UnitId, int Created, int Total);

/// <summary>
/// The office makes invitation codes for a targeted sample of one unit (企业、办事群众 named by the office): each code takes one answer
/// sheet. Audited as one event with the unit and the count (the codes themselves go out on paper, from the XLSX download).
/// </summary>
public static class CreateInvitations
{
    public const int MaxPerRequest = 1000;

    public static async Task<IResult> Create(long campaignId, CreateInvitationsRequest request, ChengxinDbContext db, SchemeVersions versions,
        AccessScope scope, TimeProvider clock, CancellationToken ct)
    {
        if (await SurveyContext.ManagedAsync(db, versions, scope, campaignId, ct) is not { } found)
            return ProblemResponses.NotFound("评价批次");
        var survey = await db.Surveys.FirstOrDefaultAsync(s => s.CampaignId == campaignId, ct);
        if (survey is null)
            return ProblemResponses.NotFound("问卷");
        if (found.Campaign.Units.All(u => u.UnitId != request.UnitId) || !await db.Units.AnyAsync(u => u.Id == request.UnitId, ct))
            return ProblemResponses.NotFound("单位");
        var validation = new Validation().Check(request.Count is >= 1 and <= MaxPerRequest, "count", $"一次可生成 1 至 {MaxPerRequest} 个邀请码。");
        if (!validation.IsValid)
            return validation.Problem();
        var now = clock.GetUtcNow().UtcDateTime;
        for (var i = 0; i < request.Count; i++)
            db.SurveyInvitations.Add(new SurveyInvitationRecord
            {
                TenantId = survey.TenantId, SurveyId = survey.Id, UnitId = request.UnitId, Code = SurveyContext.NewInvitationCode(), CreatedAt = now,
            });
        await db.SaveChangesAsync(ct);
        await CampaignContext.RecordAsync(db, scope, found.Campaign, "survey.invitations-created", new { unitId = request.UnitId, count = request.Count }, now, ct);
        var total = await db.SurveyInvitations.CountAsync(i => i.SurveyId == survey.Id && i.UnitId == request.UnitId, ct);
        return TypedResults.Ok(new CreateInvitationsResult(request.UnitId, request.Count, total));
    }
}
