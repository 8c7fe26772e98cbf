using Chengxin.Domain.Campaigns;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Submissions;

/// <summary>
/// 撤回: the unit takes its submission back to draft while the campaign still collects (review not started), to correct
/// and hand it in again. The report it made is taken off the record with it, so the resubmission is the one that counts.
/// </summary>
public static class WithdrawSubmission
{
    public static async Task<IResult> Handle(long campaignId, long unitId, ChengxinDbContext db, SchemeVersions versions, CancellationToken ct)
    {
        var context = await SubmissionContext.LoadAsync(db, versions, campaignId, unitId, ct);
        if (context is null)
            return ProblemResponses.NotFound("报送");
        var submission = context.Submission ?? throw new Chengxin.Domain.DomainRuleException("该单位尚未提交报送，无需撤回。");

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Holding the campaign open makes a start-review racing this wait for it (and then count the unit missing) or refuse it.
        var stillCollecting = await CampaignContext.HoldStateAsync(db, campaignId, CampaignState.Open, ct);
        var domain = submission.Restore();
        var submittedAt = submission.SubmittedAt;
        domain.Withdraw(reviewStarted: !stillCollecting);
        submission.Store(domain);
        var report = await db.ReportRecords.Where(r => r.CampaignId == campaignId && r.UnitId == unitId && r.Kind == ReportLog.Submission
            && r.MadeAt == submittedAt).OrderByDescending(r => r.Id).FirstOrDefaultAsync(ct);
        if (report is not null)
            db.ReportRecords.Remove(report);
        // The state is the concurrency token: of two racing withdrawals (or a withdrawal and a return) one wins, the other gets 409.
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return await SubmissionContext.ViewAsync(db, context with { Submission = submission }, ct);
    }
}
