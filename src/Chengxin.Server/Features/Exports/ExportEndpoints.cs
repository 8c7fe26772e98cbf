using Chengxin.Server.Infrastructure;

namespace Chengxin.Server.Features.Exports;

public static class ExportEndpoints
{
    public static void MapExportEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/exports/campaigns").WithTags("Exports").RequireAuthorization(ExportPermissions.Read).WithStandardProblems();
        group.MapGet("/{id:long}/ranking", ExportResults.Ranking).WithName("ExportRanking")
            .WithSummary("排名表（XLSX）：总表与每个类别一张表，含等次；未发布的结果仅信用办管理员可导出")
            .Produces<byte[]>(contentType: Xlsx.ContentType);
        group.MapGet("/{id:long}/score-sheet", ExportResults.ScoreSheet).WithName("ExportScoreSheet")
            .WithSummary("评分表（XLSX），按方案原表的版式：一级指标、指标、分值、评分细则、自评得分、得分、说明；每个单位一张表（unitId 只导出一个单位）")
            .Produces<byte[]>(contentType: Xlsx.ContentType);
        group.MapGet("/{id:long}/appeals", ExportResults.Appeals).WithName("ExportAppeals")
            .WithSummary("申诉清单（XLSX）")
            .Produces<byte[]>(contentType: Xlsx.ContentType);
    }
}
