using Chengxin.Server.Infrastructure;

namespace Chengxin.Server.Features.Providers;

public static class ProviderEndpoints
{
    public static void MapProviderEndpoints(this IEndpointRouteBuilder app)
    {
        var grid = app.MapGroup("/api/campaigns/{id:long}/provider-grid").WithTags("Providers").RequireAuthorization(ProviderPermissions.Grid).WithStandardProblems();
        grid.MapGet("/", GetProviderGrid.Handle).WithName("GetProviderGrid")
            .WithSummary("信息来源部门数据表：本部门提供的事实 × 本批次全部参评单位").Produces<ProviderGridView>();
        grid.MapPut("/cells", SaveProviderCells.Handle).WithName("SaveProviderCells")
            .WithSummary("填写数据表单元格（按指标体系的事实类型校验；有误的格逐一列出，其余照存；选“全部无误才保存”则任一格有误都不保存）")
            .Produces<ProviderGridSaved>();
        grid.MapGet("/export", ExportProviderGrid.Handle).WithName("ExportProviderGrid")
            .WithSummary("导出数据表（Excel）").Produces<byte[]>(contentType: Xlsx.ContentType);
        grid.MapPost("/import", ImportProviderGrid.Handle).WithName("ImportProviderGrid")
            .WithSummary("导入数据表（Excel；有误的格逐一指出行、列、单位、数据项与原因，其余照存；allOrNothing=true 时任一格有误则整表不导入）")
            .Accepts<byte[]>(Xlsx.ContentType).Produces<ProviderGridSaved>();
        grid.MapPost("/submit", SubmitProviderGrid.Handle).WithName("SubmitProviderGrid")
            .WithSummary("提交数据表（须填完每个适用的单元格；以服务器时间为准，逾期照收并记录）").Produces<ProviderGridView>();
    }
}
