using Chengxin.Domain;
using Chengxin.Domain.Campaigns;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Features.Reviews;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Chengxin.Server.Features.Schemes;

namespace Chengxin.Server.Features.Submissions;

/// <summary>
/// The submission's last two states through the domain: 已复核 when every applicable item has a standing verdict
/// (confirmed or corrected, not stale), then 已确认 by the unit (or the office for it).
/// </summary>
public static class SubmissionStates
{
    public static async Task<IResult> MarkReviewed(long campaignId, long unitId, ChengxinDbContext db, SchemeVersions versions, AccessScope scope,
        CancellationToken ct)
    {
        var context = await SubmissionContext.LoadAsync(db, versions, campaignId, unitId, ct);
        if (context is null)
            return ProblemResponses.NotFound("报送");
        Chengxin.Domain.Campaigns.Campaign.EnsureUnderReview(context.Campaign.State);
        var submission = context.Submission ?? throw new DomainRuleException("该单位尚未提交报送，不能完成复核。");
        var reviews = await db.ItemReviews.AsNoTracking().Where(r => r.SubmissionId == submission.Id).ToDictionaryAsync(r => r.ItemId, ct);
        var versionsByItem = await db.SubmissionItems.AsNoTracking().Where(i => i.SubmissionId == submission.Id)
            .ToDictionaryAsync(i => i.ItemId, i => i.FactsVersion, ct);
        // Named by id and title: the seed tables restart their numbers in every category, so "1、2、1" would be ambiguous.
        var open = context.Scheme.Scheme.Items.Where(i => i.AppliesToUnit(context.SchemeClass, context.Unit.Id, context.Unit.Name)).Where(i =>
            !reviews.TryGetValue(i.Id, out var r) || r.State is not (ItemReviewState.Confirmed or ItemReviewState.Corrected)
            || r.Restore().IsStale(versionsByItem.GetValueOrDefault(i.Id))).Select(i => $"{i.Id} {i.Title}").ToList();
        return await MoveAsync(db, context, submission, d => d.MarkReviewed(open), ct);
    }

    public static async Task<IResult> Confirm(long campaignId, long unitId, ChengxinDbContext db, SchemeVersions versions, CancellationToken ct)
    {
        var context = await SubmissionContext.LoadAsync(db, versions, campaignId, unitId, ct);
        if (context is null)
            return ProblemResponses.NotFound("报送");
        var submission = context.Submission ?? throw new DomainRuleException("该单位尚未提交报送，不能确认。");
        return await MoveAsync(db, context, submission, d => d.Confirm(), ct);
    }

    private static async Task<IResult> MoveAsync(ChengxinDbContext db, SubmissionContext context, Data.Submission submission,
        Action<Chengxin.Domain.Campaigns.Submission> move, CancellationToken ct)
    {
        var domain = submission.Restore();
        move(domain);
        submission.Store(domain);
        await db.SaveChangesAsync(ct);
        return await SubmissionContext.ViewAsync(db, context with { Submission = submission }, ct);
    }
}
