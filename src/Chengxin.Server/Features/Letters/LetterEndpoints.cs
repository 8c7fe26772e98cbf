using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Infrastructure;

namespace Chengxin.Server.Features.Letters;

public static class LetterEndpoints
{
    public static void MapLetterEndpoints(this IEndpointRouteBuilder app)
    {
        const string route = "/api/campaigns/{campaignId:long}/units/{unitId:long}";
        var sign = app.MapGroup(route).WithTags("Letters").RequireAuthorization(LetterPermissions.Sign).WithStandardProblems();
        sign.MapGet("/liaison-table", GetLiaisonTable.Handle).WithName("GetLiaisonTable")
            .WithSummary("本单位联络员联系表（附件3）").Produces<LiaisonTableView>();
        sign.MapPut("/liaison-table", SaveLiaisonTable.Handle).WithName("SaveLiaisonTable")
            .WithSummary("填报联络员联系表（服务器记录时间，逾期照收并记录）").Produces<LiaisonTableView>();
        sign.MapGet("/commitment-letter", GetCommitmentLetter.Handle).WithName("GetCommitmentLetter")
            .WithSummary("本单位信用承诺书（附件2，按单位与期间生成）").Produces<CommitmentLetterView>();
        sign.MapPost("/commitment-letter/accept", AcceptCommitmentLetter.Handle).WithName("AcceptCommitmentLetter")
            .WithSummary("确认信用承诺书内容（记录确认人与时间）").Produces<CommitmentLetterView>();
        sign.MapPost("/commitment-letter/scan", UploadLetterScan.Handle).WithName("UploadCommitmentLetterScan")
            .WithSummary("上传签字盖章的承诺书扫描件（PDF/PNG/JPEG，按内容识别，按 SHA-256 存储）")
            .Accepts<byte[]>("application/octet-stream").Produces<CommitmentLetterView>().ProducesProblem(StatusCodes.Status413PayloadTooLarge);

        app.MapGroup(route).WithTags("Letters").RequireAuthorization(CampaignPermissions.Read).WithStandardProblems()
            .MapGet("/commitment-letter/scan", DownloadLetterScan.Handle).WithName("DownloadCommitmentLetterScan")
            .WithSummary("下载签字盖章的承诺书扫描件（一律作为附件下载）").Produces<byte[]>(contentType: "application/octet-stream");

        var office = app.MapGroup("/api/campaigns/{id:long}").WithTags("Letters").RequireAuthorization(CampaignPermissions.Manage).WithStandardProblems();
        office.MapGet("/liaison-tables", ListLiaisonTables.Handle).WithName("ListLiaisonTables")
            .WithSummary("本批次各单位联络员联系表").Produces<List<LiaisonTableView>>();
        office.MapGet("/liaison-tables/export", ExportLiaisonTables.Handle).WithName("ExportLiaisonTables")
            .WithSummary("导出联络员联系表（Excel）").Produces<byte[]>(contentType: Xlsx.ContentType);
        office.MapGet("/commitment-letters", ListCommitmentLetters.Handle).WithName("ListCommitmentLetters")
            .WithSummary("本批次各单位信用承诺书状态").Produces<List<CommitmentLetterView>>();
    }
}
