using Chengxin.Domain.Scoring;
using Chengxin.Domain.Campaigns;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Submissions;

/// <summary>
/// A unit confirms the drafts its campaign carried forward from a baseline (see Campaigns/BaselineCopy) before it can
/// submit them as its answer.
/// </summary>
public static class ConfirmBaseline
{
    /// <summary>The unit confirms the carried-forward drafts as its answer for this period (recorded: who, when).</summary>
    public static async Task<IResult> Handle(long campaignId, long unitId, ChengxinDbContext db, SchemeVersions versions, AccessScope scope,
        TimeProvider clock, CancellationToken ct)
    {
        var context = await SubmissionContext.LoadAsync(db, versions, campaignId, unitId, ct);
        if (context is null)
            return ProblemResponses.NotFound("报送");
        Chengxin.Domain.Campaigns.Submission.EnsureBaselineConfirmable(hasBaseline: context.Submission?.BaselineCampaignId is not null,
            confirmedBefore: context.Submission?.BaselineConfirmedAt is not null);
        // Only a stored submission carries a baseline, so the domain has refused a missing one.
        var submission = context.Submission!;
        SubmissionContext.EnsureEditable(context.Campaign, submission);
        submission.BaselineConfirmedAt = clock.GetUtcNow().UtcDateTime;
        submission.BaselineConfirmedBy = scope.ActorName;
        await db.SaveChangesAsync(ct);
        return await SubmissionContext.ViewAsync(db, context, ct);
    }

    /// <summary>A submission started from a baseline is submitted only once the unit has confirmed the carried-forward drafts.</summary>
    public static void EnsureConfirmed(Data.Submission submission)
    {
        Chengxin.Domain.Campaigns.Submission.EnsureBaselineConfirmed(hasBaseline: submission.BaselineCampaignId is not null,
            confirmed: submission.BaselineConfirmedAt is not null);
    }
}
