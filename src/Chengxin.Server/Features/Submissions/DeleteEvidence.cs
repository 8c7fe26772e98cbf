using Chengxin.Server.Data;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Submissions;

/// <summary>
/// A unit removes an upload (a wrong file, or one it replaces with a better one) while its answer is still its own to change:
/// in draft while the campaign collects, or when returned for supplement. The stored content stays under its SHA-256 (another
/// receipt may name the same bytes, and the audit chain names the removed one).
/// </summary>
public static class DeleteEvidence
{
    public static async Task<IResult> Handle(long campaignId, long unitId, long evidenceId, ChengxinDbContext db, SchemeVersions versions,
        CancellationToken ct)
    {
        var context = await SubmissionContext.LoadAsync(db, versions, campaignId, unitId, ct);
        if (context?.Submission is not { } submission)
            return ProblemResponses.NotFound("佐证材料");
        var evidence = await db.Evidence.FirstOrDefaultAsync(e => e.Id == evidenceId && e.SubmissionId == submission.Id, ct);
        if (evidence is null)
            return ProblemResponses.NotFound("佐证材料");

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await SubmissionContext.EnsureEditableNowAsync(db, context.Campaign, submission, ct);
        db.Evidence.Remove(evidence);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return await SubmissionContext.ViewAsync(db, context, ct);
    }
}
