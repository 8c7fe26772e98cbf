using System.Text.Json;
using Chengxin.Domain.Campaigns;
using Chengxin.Domain.Schemes;
using Chengxin.Domain.Scoring;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Features.Facts;
using Chengxin.Server.Features.Notifications;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Chengxin.Server.Infrastructure.BeijingTime;
using DomainSubmission = Chengxin.Domain.Campaigns.Submission;
using Submission = Chengxin.Server.Data.Submission;

namespace Chengxin.Server.Features.Submissions;

public static class Submit
{
    public static async Task<IResult> Handle(long campaignId, long unitId, ChengxinDbContext db, SchemeVersions versions, AccessScope scope,
        TimeProvider clock, CancellationToken ct)
    {
        var context = await SubmissionContext.LoadAsync(db, versions, campaignId, unitId, ct);
        if (context is null)
            return ProblemResponses.NotFound("报送");
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var submission = await SubmissionContext.EnsureSubmissionAsync(db, context, scope, now.UtcDateTime, ct);
        await SubmissionContext.EnsureEditableNowAsync(db, context.Campaign, submission, ct);
        ConfirmBaseline.EnsureConfirmed(submission);
        var checklist = await SubmissionChecklist.LoadAsync(db, context with { Submission = submission }, ct);
        if (checklist.IsEmpty)
            return checklist.EmptyProblem();

        var domain = submission.Restore();
        var answeringReturn = domain.State == SubmissionState.Returned;
        var due = answeringReturn ? domain.ReturnDue ?? domain.Due : domain.Due;
        // The server's clock decides; after the deadline the submission is taken and recorded as late, never refused.
        domain.Submit(now);
        ReportLog.Record(db, submission, answeringReturn ? ReportLog.Supplement : ReportLog.Submission, due, now, now);
        submission.Store(domain);
        await Notices.PostToOfficeAboutUnitAsync(db, unitId, new Notice("submitted", $"{context.Unit.Name}{(answeringReturn ? "已补充报送" : "已提交报送")}",
            $"{context.Campaign.Name}：{context.Unit.Name}{(answeringReturn ? "已按退回意见补充提交" : "已提交")}。", $"/submission?campaign={campaignId}&unit={unitId}", $"submitted:{submission.Id}:{now.UtcTicks}"), ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(await SubmissionView.MapAsync(db, context with { Submission = submission }, ct));
    }
}
