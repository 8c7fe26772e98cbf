using Chengxin.Server.Features.Submissions;
using Chengxin.Server.Infrastructure;

namespace Chengxin.Server.Features.Reviews;

public static class ReviewEndpoints
{
    public static void MapReviewEndpoints(this IEndpointRouteBuilder app)
    {
        const string route = "/api/campaigns/{campaignId:long}/units/{unitId:long}/submission/items/{itemId}/review";
        app.MapGroup(route).WithTags("Reviews").RequireAuthorization(SubmissionPermissions.Read).WithStandardProblems()
            .MapGet("/", GetItemReview.Handle).WithName("GetItemReview").WithSummary("指标复核情况（是否因事实变更而过期、复核得分）").Produces<ItemReviewView>();
        app.MapGroup(route).WithTags("Reviews").RequireAuthorization(ReviewPermissions.Write).WithStandardProblems()
            .MapPost("/", ReviewItem.Handle).WithName("ReviewItem")
            .WithSummary("复核一项指标：确认、修正事实（须说明理由）或退回补充（须说明理由和期限）；expectedVersion 防止覆盖他人的复核")
            .Produces<ItemReviewView>();
        app.MapGroup("/api/campaigns/{campaignId:long}/reviews").WithTags("Reviews").RequireAuthorization(ReviewPermissions.Write).WithStandardProblems()
            .MapPost("/confirm", ConfirmItems.Confirm).WithName("ConfirmReviewItems")
            .WithSummary("批量确认未作改动的指标（每项核对权限和复核版本；任一项被拒绝则全部不变）").Produces<ConfirmItemsResult>();
    }
}
