using System.Text.Json;
using Chengxin.Domain;
using Chengxin.Domain.Campaigns;
using Chengxin.Domain.Schemes;
using Chengxin.Domain.Scoring;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Features.Facts;
using Chengxin.Server.Features.Submissions;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Reviews;

public static class GetItemReview
{
    public static async Task<IResult> Handle(long campaignId, long unitId, string itemId, ChengxinDbContext db, SchemeVersions versions, CancellationToken ct)
    {
        var context = await SubmissionContext.LoadAsync(db, versions, campaignId, unitId, ct);
        if (context?.Submission is null || context.Scheme.Scheme.Items.All(i => i.Id != itemId))
            return ProblemResponses.NotFound("复核记录");
        var record = await db.ItemReviews.AsNoTracking().FirstOrDefaultAsync(r => r.SubmissionId == context.Submission.Id && r.ItemId == itemId, ct);
        return TypedResults.Ok(await ItemReviews.MapAsync(db, context, itemId, record, ct));
    }
}
