using Chengxin.Server.Infrastructure;

namespace Chengxin.Server.Features.Dashboard;

public static class DashboardEndpoints
{
    public static void MapDashboardEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/dashboard").WithTags("Dashboard").RequireAuthorization(DashboardPermissions.Read).WithStandardProblems()
            .MapGet("/campaigns/{id:long}", CampaignDashboard.Get).WithName("GetCampaignDashboard")
            .WithSummary("批次看板：等次分布、排名、各一级指标平均得分、报送进度（仅本人权限范围内的单位）").Produces<CampaignDashboardView>();
        app.MapGroup("/api/units").WithTags("Dashboard").RequireAuthorization(DashboardPermissions.Read).WithStandardProblems()
            .MapGet("/{unitId:long}/trend", UnitTrend.Get).WithName("GetUnitTrend")
            .WithSummary("单位历期走势：同一方案系列（方案编号去掉末尾年份）各已发布批次的总分与等次").Produces<UnitTrendView>();
    }
}
