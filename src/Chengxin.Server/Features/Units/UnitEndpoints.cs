using Chengxin.Server.Infrastructure;

namespace Chengxin.Server.Features.Units;

public static class UnitEndpoints
{
    public static void MapUnitEndpoints(this IEndpointRouteBuilder app)
    {
        var read = app.MapGroup("/api/units").WithTags("Units").RequireAuthorization(UnitPermissions.Read).WithStandardProblems();
        read.MapGet("/", ManageUnits.List).WithName("ListUnits").WithSummary("单位列表（权限范围内的全部单位，供导出与脚本）").Produces<List<UnitResponse>>();
        read.MapGet("/roots", BrowseUnits.Roots).WithName("ListUnitRoots").WithSummary("权限范围内的顶层单位（逐级展开的起点）").Produces<List<UnitNode>>();
        read.MapGet("/{id:long}/children", BrowseUnits.Children).WithName("ListUnitChildren").WithSummary("下级单位（按编号分页）").Produces<List<UnitNode>>();
        read.MapGet("/count", BrowseUnits.Count).WithName("CountUnits").WithSummary("权限范围内启用的单位数").Produces<UnitCountView>();
        read.MapGet("/search", SearchUnits.Handle).WithName("SearchUnits").WithSummary("按名称或编码查找单位（带上级路径）").Produces<List<UnitHit>>();
        read.MapGet("/{id:long}/classes", SubtreeClasses.Handle).WithName("ListSubtreeClasses").WithSummary("某单位及其下级各类别的单位数").Produces<List<UnitClassCount>>();
        read.MapGet("/{id:long}", ManageUnits.Get).WithName("GetUnit").WithSummary("单位详情").Produces<UnitResponse>();
        read.MapGet("/populations", SetUnitPopulation.List).WithName("ListUnitPopulations").WithSummary("各单位人口").Produces<List<UnitPopulationView>>();
        read.MapGet("/export", ImportExportUnits.Export).WithName("ExportUnits").WithSummary("导出单位（Excel）").Produces<byte[]>(contentType: Infrastructure.Xlsx.ContentType);

        var write = app.MapGroup("/api/units").WithTags("Units").RequireAuthorization(UnitPermissions.Write).WithStandardProblems();
        write.MapPost("/", ManageUnits.Create).WithName("CreateUnit").WithSummary("新增单位").Produces<UnitResponse>(StatusCodes.Status201Created);
        write.MapPut("/{id:long}", ManageUnits.Update).WithName("UpdateUnit").WithSummary("修改单位").Produces<UnitResponse>();
        write.MapPost("/{id:long}/move", ManageUnits.Move).WithName("MoveUnit").WithSummary("调整上级单位").Produces<UnitResponse>();
        write.MapPost("/{id:long}/deactivate", ManageUnits.Deactivate).WithName("DeactivateUnit").WithSummary("停用单位").Produces<UnitResponse>();
        write.MapPost("/{id:long}/activate", ManageUnits.Activate).WithName("ActivateUnit").WithSummary("启用单位").Produces<UnitResponse>();
        write.MapDelete("/{id:long}", ManageUnits.Delete).WithName("DeleteUnit").WithSummary("删除单位（仅限无历史记录的单位）").Produces(StatusCodes.Status204NoContent);
        write.MapPut("/{id:long}/population", SetUnitPopulation.Handle).WithName("SetUnitPopulation").WithSummary("设置单位人口（负面舆情指数用）")
            .Produces<UnitPopulationView>().Produces(StatusCodes.Status204NoContent);
        write.MapPost("/import", ImportExportUnits.Import).WithName("ImportUnits").WithSummary("导入单位（Excel 请求体）").Produces<ImportResult>()
            .Accepts<byte[]>(Infrastructure.Xlsx.ContentType);
    }
}
