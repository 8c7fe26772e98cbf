using Chengxin.Server.Infrastructure;

namespace Chengxin.Server.Features.Campaigns;

public static class CampaignEndpoints
{
    public static void MapCampaignEndpoints(this IEndpointRouteBuilder app)
    {
        var read = app.MapGroup("/api/campaigns").WithTags("Campaigns").RequireAuthorization(CampaignPermissions.Read).WithStandardProblems();
        read.MapGet("/", ListCampaigns.Handle).WithName("ListCampaigns").WithSummary("评价批次列表（权限范围内，附单位数、已报送数与评审人数）").Produces<List<CampaignListItem>>();
        read.MapGet("/{id:long}", GetCampaign.Handle).WithName("GetCampaign").WithSummary("评价批次详情").Produces<CampaignResponse>();

        var manage = app.MapGroup("/api/campaigns").WithTags("Campaigns").RequireAuthorization(CampaignPermissions.Manage).WithStandardProblems();
        manage.MapPost("/", CreateCampaign.Handle).WithName("CreateCampaign")
            .WithSummary("新建评价批次（冻结指标体系版本、期间、参评单位、日程、评审员）").Produces<CampaignResponse>(StatusCodes.Status201Created);
        manage.MapPost("/{id:long}/open", OpenCampaign.Handle).WithName("OpenCampaign").WithSummary("启动评价批次，开始收集").Produces<CampaignResponse>();
        manage.MapPost("/{id:long}/spot-check", DrawSpotCheck.Handle).WithName("DrawSpotCheck")
            .WithSummary("抽取抽查单位（按批次抽查比例，随机种子记录在案，可复现）").Produces<CampaignResponse>();
        manage.MapPut("/{id:long}", EditCampaign.Handle).WithName("EditCampaign")
            .WithSummary("修改评价批次（名称、参评单位、评审员、日程；留空的部分不变），记入审计").Produces<CampaignResponse>();
        manage.MapPost("/{id:long}/void", VoidCampaign.Handle).WithName("VoidCampaign")
            .WithSummary("作废评价批次（须填写原因；作废后只读，不再出现在默认列表和待办中）").Produces<CampaignResponse>();
        manage.MapPost("/{id:long}/start-review", StartReview.Handle).WithName("StartCampaignReview").WithSummary("结束收集，进入复核；有单位未报送时拒绝（409，列出未完成事项），或按 override 与理由强制继续（记入审计）")
            .Produces<CampaignResponse>();
        manage.MapGet("/{id:long}/readiness", Readiness.Get).WithName("GetCampaignReadiness")
            .WithSummary("下一步（结束收集、申请发布、审批发布）前尚未完成的事项：未报送的单位、未复核的指标、未完成的抽查、待处理的申诉").Produces<ReadinessView>();
    }
}
