using Chengxin.Server.Features.Auth;
using Chengxin.Server.Features.Reviews;
using Chengxin.Server.Infrastructure;

namespace Chengxin.Server.Features.Workspace;

public static class WorkspaceEndpoints
{
    public static void MapWorkspaceEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/campaigns").WithTags("Workspace").RequireAuthorization(WorkspacePermissions.Progress).WithStandardProblems()
            .MapGet("/{id:long}/progress", CampaignProgress.Get).WithName("GetCampaignProgress")
            .WithSummary("评价批次报送进度：每个单位已报送、逾期、未报送、退回补充（权限范围内的单位）").Produces<CampaignProgressView>();
        app.MapGroup("/api/campaigns").WithTags("Workspace").RequireAuthorization(WorkspacePermissions.Progress).WithStandardProblems()
            .MapGet("/{id:long}/progress/export", CampaignProgress.Export).WithName("ExportCampaignProgress")
            .WithSummary("导出报送进度（Excel）").Produces<byte[]>(contentType: Xlsx.ContentType);
        app.MapGroup("/api/workspace").WithTags("Workspace").RequireAuthorization(ReviewPermissions.Write).WithStandardProblems()
            .MapGet("/review-queue", ReviewQueue.Get).WithName("GetReviewQueue")
            .WithSummary("待复核的指标，按批次、单位、指标顺序分页（评审员：分配给本人的复核中批次；信用办：权限范围内的复核中批次）；"
                + "附各批次待复核数，可按批次、单位、状态、关键字筛选，自评得分取自已存结果").Produces<ReviewQueuePage>();
        app.MapGroup("/api/workspace").WithTags("Workspace").RequireAuthorization(ReviewPermissions.Write).WithStandardProblems()
            .MapGet("/review-queue/units", ReviewQueue.Units).WithName("FindReviewQueueUnits")
            .WithSummary("待复核单位查找：某复核中批次里有指标待复核、在本人权限范围内的单位，按名称或编码匹配，按单位顺序取前若干个（复核队列的单位筛选）")
            .Produces<List<ReviewQueueUnit>>();
        app.MapGroup("/api/workspace").WithTags("Workspace").RequireAuthorization(AuthPermissions.Self).WithStandardProblems()
            .MapGet("/tasks", WorkspaceTasks.Get).WithName("GetMyTasks")
            .WithSummary("我的待办：联络员待填报与退回补充，评审员待复核，数据提供部门待填数据，信用办待审批的发布申请、待处理申诉与下一步前的未完成事项；按截止时间排序").Produces<List<WorkspaceTask>>();
    }
}
