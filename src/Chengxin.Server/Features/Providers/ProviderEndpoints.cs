using Chengxin.Server.Infrastructure;

namespace Chengxin.Server.Features.Providers;

public static class ProviderEndpoints
{
    public static void MapProviderEndpoints(this IEndpointRouteBuilder app)
    {
        var grid = app.MapGroup("/api/campaigns/{id:long}/provider-grid").WithTags("Providers").RequireAuthorization(ProviderPermissions.Grid).WithStandardProblems();
        grid.MapGet("/", ManageProviderGrid.Get).WithName("GetProviderGrid")
            .WithSummary("信息来源部门数据表：本部门提供的事实 × 本批次全部参评单位").Produces<ProviderGridView>();
        grid.MapPut("/cells", ManageProviderGrid.SaveCells).WithName("SaveProviderCells")
            .WithSummary("填写数据表单元格（按指标体系的事实类型校验，任一格有误则不保存）").Produces<ProviderGridView>();
        grid.MapGet("/export", ManageProviderGrid.Export).WithName("ExportProviderGrid")
            .WithSummary("导出数据表（Excel）").Produces<byte[]>(contentType: Xlsx.ContentType);
        grid.MapPost("/import", ManageProviderGrid.Import).WithName("ImportProviderGrid")
            .WithSummary("导入数据表（Excel；任一格有误则整表不导入，并指出行、列与原因）")
            .Accepts<byte[]>(Xlsx.ContentType).Produces<ProviderGridView>();
        grid.MapPost("/submit", ManageProviderGrid.Submit).WithName("SubmitProviderGrid")
            .WithSummary("提交数据表（以服务器时间为准，逾期照收并记录）").Produces<ProviderGridView>();
    }
}
