using Chengxin.Server.Data;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Surveys;

public sealed record CloseSurveyRequest(int ExpectedVersion);

/// <summary>The office ends the survey before its window closes; audited. From then the public page says it has ended and takes nothing.</summary>
public static class CloseSurvey
{
    public static async Task<IResult> Close(long campaignId, CloseSurveyRequest request, ChengxinDbContext db, SchemeVersions versions, AccessScope scope,
        TimeProvider clock, HttpRequest http, CancellationToken ct)
    {
        if (await SurveyContext.ManagedAsync(db, versions, scope, campaignId, ct) is not { } found)
            return ProblemResponses.NotFound("评价批次");
        var (campaign, scheme) = found;
        var survey = await db.Surveys.Include(s => s.Questions).FirstOrDefaultAsync(s => s.CampaignId == campaignId, ct);
        if (survey is null)
            return ProblemResponses.NotFound("问卷");
        if (survey.Version != request.ExpectedVersion)
            return ProblemResponses.Conflict(DatabaseConflicts.Message);
        var now = clock.GetUtcNow();
        if (SurveyWindow.State(survey, now) == SurveyWindow.Closed)
            return ProblemResponses.Conflict("问卷测评已经结束。");
        survey.ClosedEarlyAt = now.UtcDateTime;
        survey.UpdatedAt = now.UtcDateTime;
        survey.Version++;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await GetSurvey.ViewAsync(db, campaign, scheme.Scheme, survey, now, http, ct));
    }
}
