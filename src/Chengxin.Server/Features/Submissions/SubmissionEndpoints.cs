using Chengxin.Server.Infrastructure;

namespace Chengxin.Server.Features.Submissions;

public static class SubmissionEndpoints
{
    public static void MapSubmissionEndpoints(this IEndpointRouteBuilder app)
    {
        const string route = "/api/campaigns/{campaignId:long}/units/{unitId:long}/submission";
        var read = app.MapGroup(route).WithTags("Submissions").RequireAuthorization(SubmissionPermissions.Read).WithStandardProblems();
        read.MapGet("/", GetSubmission.Handle).WithName("GetSubmission").WithSummary("单位报送情况与自评得分（引擎计算，附说明）").Produces<SubmissionResponse>();
        read.MapGet("/evidence/{evidenceId:long}", DownloadEvidence.Handle).WithName("DownloadEvidence")
            .WithSummary("下载佐证材料（一律作为附件下载）").Produces<byte[]>(contentType: "application/octet-stream");

        var write = app.MapGroup(route).WithTags("Submissions").RequireAuthorization(SubmissionPermissions.Write).WithStandardProblems();
        write.MapPut("/items/{itemId}", SaveItem.Handle).WithName("SaveSubmissionItem")
            .WithSummary("保存一项指标的事实与情况说明（草稿）").Produces<SubmissionResponse>();
        write.MapPost("/items/{itemId}/evidence", UploadEvidence.Handle).WithName("UploadEvidence")
            .WithSummary("上传佐证材料（请求体为文件内容，fileName 为文件名；按内容识别类型，按 SHA-256 存储）")
            .Accepts<byte[]>("application/octet-stream").Produces<EvidenceReceipt>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        write.MapPost("/items/{itemId}/links", ManageEvidenceKinds.AddLink).WithName("AddEvidenceLink")
            .WithSummary("添加链接类佐证（仅 http/https 网址）").Produces<EvidenceReceipt>(StatusCodes.Status201Created);
        write.MapPost("/items/{itemId}/screenshots", ManageEvidenceKinds.AddScreenshot).WithName("UploadEvidenceScreenshot")
            .WithSummary("上传截图类佐证（PNG/JPEG，按内容识别，按 SHA-256 存储）")
            .Accepts<byte[]>("application/octet-stream").Produces<EvidenceReceipt>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        write.MapPost("/items/{itemId}/ledger-rows", ManageEvidenceKinds.AddLedgerRows).WithName("AddEvidenceLedgerRows")
            .WithSummary("填报台账类佐证（按台账列逐行填写）").Produces<EvidenceReceipt>(StatusCodes.Status201Created);
        app.MapGroup("/api/campaigns/{campaignId:long}/units/{unitId:long}").WithTags("Submissions")
            .RequireAuthorization(Campaigns.CampaignPermissions.Manage).WithStandardProblems()
            .MapPost("/deadline-exception", GrantDeadlineException.Handle).WithName("GrantDeadlineException")
            .WithSummary("为单位延长报送截止时间（须说明原因；仅限提交前）").Produces<SubmissionResponse>();
        app.MapGroup(route).WithTags("Submissions").RequireAuthorization(Campaigns.CampaignPermissions.Manage).WithStandardProblems()
            .MapPost("/items/{itemId}/deadline-exception", ManageItemDeadlines.Grant).WithName("GrantItemDeadlineException")
            .WithSummary("为单位的某一指标延长截止时间（须说明原因，须晚于本单位当前截止时间和当前时间；仅限提交前）").Produces<SubmissionResponse>();
        write.MapPost("/confirm-baseline", ConfirmBaseline.Handle).WithName("ConfirmBaseline")
            .WithSummary("确认从基准批次带入的草稿数据（确认后方可提交）").Produces<SubmissionResponse>();
        app.MapGroup("/api/campaigns").WithTags("Submissions").RequireAuthorization(SubmissionPermissions.Read).WithStandardProblems()
            .MapGet("/{id:long}/reports", ReportLog.List).WithName("ListCampaignReports")
            .WithSummary("报送记录：各单位每次报送按服务器时间记为按时、迟报或漏报（权限范围内的单位）").Produces<List<ReportView>>();
        write.MapPost("/confirm", SubmissionStates.Confirm).WithName("ConfirmSubmission")
            .WithSummary("单位确认复核结果（已复核 → 已确认；单位联络员或信用办代为确认）").Produces<SubmissionResponse>();
        app.MapGroup(route).WithTags("Submissions").RequireAuthorization(Reviews.ReviewPermissions.Write).WithStandardProblems()
            .MapPost("/reviewed", SubmissionStates.MarkReviewed).WithName("MarkSubmissionReviewed")
            .WithSummary("完成复核（全部适用指标已确认或修正且未过期 → 已复核）").Produces<SubmissionResponse>();
        write.MapPost("/submit", Submit.Handle).WithName("SubmitSubmission")
            .WithSummary("提交（以服务器时间为准，逾期照收并记录逾期时长；一项未填的空报送不予提交，409 列出缺少的内容）").Produces<SubmissionResponse>();
        write.MapPost("/withdraw", WithdrawSubmission.Handle).WithName("WithdrawSubmission")
            .WithSummary("撤回已提交的报送（仅限评审开始前；撤回后回到草稿，可修改后重新提交）").Produces<SubmissionResponse>();
        write.MapDelete("/evidence/{evidenceId:long}", DeleteEvidence.Handle).WithName("DeleteEvidence")
            .WithSummary("删除一份佐证材料（仅限可修改报送时：草稿或退回补充）").Produces<SubmissionResponse>();
        app.MapGroup(route).WithTags("Submissions").RequireAuthorization(Campaigns.CampaignPermissions.Manage).WithStandardProblems()
            .MapPost("/return", ReturnSubmission.Handle).WithName("ReturnSubmission")
            .WithSummary("信用办退回整份报送补充（须说明原因并给出补充期限；各项指标一并退回）").Produces<SubmissionResponse>();
    }
}
