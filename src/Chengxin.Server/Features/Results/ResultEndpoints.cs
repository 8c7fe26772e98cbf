using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Infrastructure;

namespace Chengxin.Server.Features.Results;

public static class ResultEndpoints
{
    public static void MapResultEndpoints(this IEndpointRouteBuilder app)
    {
        // campaign:read and the scope decide; without result:read (units, providers) only the published snapshot, own detail only.
        app.MapGroup("/api/campaigns").WithTags("Results").RequireAuthorization(CampaignPermissions.Read).WithStandardProblems()
            .MapGet("/{id:long}/results", ManageResults.Get).WithName("GetCampaignResults")
            .WithSummary("计算结果（抽查事实优先，其次复核事实，否则用报送事实）：总分、等次、总排名与类别排名、指标说明、自评得分对照；"
                + "信用办按名次分页读取（offset、limit 默认 100 最多 500，可按类别 schemeClass 与单位名称 q 筛选）；"
                + "单位在发布前不可见，发布后只见本单位明细与排名表").Produces<CampaignResultView>();
        var results = app.MapGroup("/api/campaigns").WithTags("Results").RequireAuthorization(ResultPermissions.Read).WithStandardProblems();
        results.MapGet("/{id:long}/results/ranking", ResultRanking.List).WithName("GetCampaignRanking")
            .WithSummary("排名表的一页：各单位的基础分、加分、总分、等次、总排名与类别排名、自评总分（不含指标明细；权限范围内的单位，名次按全批次）；"
                + "按名次分页（offset、limit 默认 100 最多 500），可按类别 schemeClass 与单位名称 q 筛选，附筛选后的总数与各类别单位数")
            .Produces<CampaignRankingView>();
        results.MapGet("/{id:long}/results/units/{unitId:long}", ResultRanking.Unit).WithName("GetUnitResult")
            .WithSummary("一个单位的评价结果：各指标复核得分、自评得分与说明").Produces<UnitResultView>();
        app.MapGroup("/api/campaigns").WithTags("Results").RequireAuthorization(ResultPermissions.Read).WithStandardProblems()
            .MapGet("/{id:long}/publication", PublicationStatus.Get).WithName("GetPublication")
            .WithSummary("发布状态：申请人、审批人、各发布版本及其 SHA-256、最近一次驳回理由").Produces<PublicationView>();

        var manage = app.MapGroup("/api/campaigns").WithTags("Results").RequireAuthorization(CampaignPermissions.Manage).WithStandardProblems();
        manage.MapPost("/{id:long}/publication/request", ManageResults.RequestPublication).WithName("RequestPublication")
            .WithSummary("申请发布结果（须另一名管理员审批）").Produces<CampaignResponse>();
        manage.MapPost("/{id:long}/publication/approve", ManageResults.ApprovePublication).WithName("ApprovePublication")
            .WithSummary("审批发布：冻结结果快照，其 SHA-256 记入审计链").Produces<PublicationReceipt>();
        manage.MapPost("/{id:long}/publication/reject", ManageResults.RejectPublication).WithName("RejectPublication")
            .WithSummary("驳回发布申请（须说明理由），回到复核").Produces<CampaignResponse>();
        manage.MapPost("/{id:long}/results/rescore", Rescore.Handle).WithName("RescoreCampaignResults")
            .WithSummary("重新计算批次全部单位的结果（结果在事实变化时已自动更新；此操作记入审计链）").Produces<RescoreReceipt>();

        const string unitAppeals = "/api/campaigns/{campaignId:long}/units/{unitId:long}/appeals";
        app.MapGroup(unitAppeals).WithTags("Appeals").RequireAuthorization(Submissions.SubmissionPermissions.Read).WithStandardProblems()
            .MapGet("/", ManageAppeals.List).WithName("ListAppeals").WithSummary("单位的申诉").Produces<List<AppealView>>();
        app.MapGroup(unitAppeals).WithTags("Appeals").RequireAuthorization(Submissions.SubmissionPermissions.Write).WithStandardProblems()
            .MapPost("/", ManageAppeals.File).WithName("FileAppeal").WithSummary("对已发布结果提出申诉（申诉期内）").Produces<AppealView>(StatusCodes.Status201Created);
        manage.MapGet("/{campaignId:long}/appeals", ManageAppeals.ListForCampaign).WithName("ListCampaignAppeals")
            .WithSummary("批次的全部申诉（信用办）").Produces<List<CampaignAppealView>>();
        manage.MapPost("/{campaignId:long}/appeals/{appealId:long}/uphold", ManageAppeals.Uphold).WithName("UpholdAppeal")
            .WithSummary("支持申诉（批次回到复核，已发布版本保留，再次发布为新版本）").Produces<AppealView>();
        manage.MapPost("/{campaignId:long}/appeals/{appealId:long}/reject", ManageAppeals.Reject).WithName("RejectAppeal")
            .WithSummary("驳回申诉（须说明理由）").Produces<AppealView>();

        // The one anonymous data endpoint: the public view of snapshots frozen by a two-admin publication.
        app.MapGet("/api/public/campaigns/{id:long}/results", PublicResults.Get).AllowAnonymous().WithTags("Results")
            .WithName("PublicCampaignResults")
            .WithSummary("公开的已发布结果：总分、等次、排名（方案规定时含各指标得分）；不含自评、说明与理由（未发布时不存在）")
            .Produces<PublicCampaignResultView>().ProducesProblem(StatusCodes.Status404NotFound);
        app.MapGet("/api/public/campaigns", PublicCampaigns.List).AllowAnonymous().WithTags("Results").WithName("ListPublicCampaigns")
            .WithSummary("已发布结果的评价批次（公开，最新发布在前）").Produces<List<PublicCampaignView>>();
        app.MapGet("/api/public/campaigns/{id:long}/results/download", PublicCampaigns.Download).AllowAnonymous().WithTags("Results")
            .WithName("DownloadPublicCampaignResults")
            .WithSummary("下载公开结果快照（与公开页面的 SHA-256 一致的 JSON 文件）")
            .Produces<byte[]>(contentType: "application/json").ProducesProblem(StatusCodes.Status404NotFound);
    }
}
