using Chengxin.Server.Features.Results;
using Chengxin.Server.Infrastructure;

namespace Chengxin.Server.Features.SpotChecks;

public static class SpotCheckEndpoints
{
    public static void MapSpotCheckEndpoints(this IEndpointRouteBuilder app)
    {
        const string route = "/api/campaigns/{campaignId:long}/units/{unitId:long}/spot-check";
        app.MapGroup(route).WithTags("SpotChecks").RequireAuthorization(ResultPermissions.Read).WithStandardProblems()
            .MapGet("/", GetUnitSpotCheck.Handle).WithName("GetUnitSpotCheck")
            .WithSummary("单位是否被抽中，及其抽查情况（指标结果、抽查得分与复核得分对照）").Produces<UnitSpotCheckStatusView>();

        var write = app.MapGroup(route).WithTags("SpotChecks").RequireAuthorization(SpotCheckPermissions.Write).WithStandardProblems();
        write.MapPost("/open", OpenUnitSpotCheck.Handle).WithName("OpenUnitSpotCheck")
            .WithSummary("开始对抽中单位的抽查（仅限本批次抽取的单位、复核中）").Produces<UnitSpotCheckView>(StatusCodes.Status201Created);
        write.MapPut("/items/{itemId}", RecordSpotCheckItem.Handle).WithName("RecordSpotCheckItem")
            .WithSummary("记录一项指标的抽查结果：抽查核实的事实与依据").Produces<UnitSpotCheckView>();
        write.MapPost("/complete", CompleteUnitSpotCheck.Handle).WithName("CompleteUnitSpotCheck")
            .WithSummary("完成抽查：其结果替代该单位的复核得分；抽查未完成时不能申请发布").Produces<UnitSpotCheckView>();
    }
}
