using Chengxin.Server.Infrastructure;

namespace Chengxin.Server.Features.DishonestLists;

public static class DishonestListEndpoints
{
    public static void MapDishonestListEndpoints(this IEndpointRouteBuilder app)
    {
        var read = app.MapGroup("/api/lists").WithTags("DishonestLists").RequireAuthorization(DishonestListPermissions.Read).WithStandardProblems();
        read.MapGet("/snapshots", ListSnapshots.List).WithName("ListDishonestListSnapshots").WithSummary("失信名单导入记录")
            .Produces<List<ListSnapshotView>>();
        read.MapGet("/hits", ScreeningHits.List).WithName("ListScreeningHits").WithSummary("名单比对结果（可按状态筛选，待确认即候选队列）")
            .Produces<List<ScreeningHitView>>();
        read.MapGet("/persons", ManagePersons.List).WithName("ListScreenedPersons").WithSummary("待比对的录用、调任公务员")
            .Produces<List<ScreenedPersonView>>();

        var manage = app.MapGroup("/api/lists").WithTags("DishonestLists").RequireAuthorization(DishonestListPermissions.Manage).WithStandardProblems();
        manage.MapPost("/snapshots/import", ImportListSnapshot.Import).WithName("ImportDishonestListSnapshot")
            .WithSummary("导入失信名单（Excel 或 CSV 请求体；名单类型、来源、日期、文件名为查询参数）")
            .Produces<ListSnapshotView>(StatusCodes.Status201Created).Accepts<byte[]>(Xlsx.ContentType, "text/csv");
        manage.MapPost("/snapshots/{id:long}/screen", ScreenSnapshot.Screen).WithName("ScreenDishonestListSnapshot")
            .WithSummary("用名单比对单位和人员，列出与上一期相比的变化").Produces<ScreeningResult>();
        manage.MapPost("/persons", ManagePersons.Add).WithName("AddScreenedPerson").WithSummary("登记录用、调任的公务员以备比对")
            .Produces<ScreenedPersonView>(StatusCodes.Status201Created);
        manage.MapPost("/persons/import", ImportPersons.Import).WithName("ImportScreenedPersons")
            .WithSummary("导入录用、调任的公务员（Excel 或 CSV 请求体：姓名、身份证号码、单位、类别、日期）")
            .Produces<ImportPersonsResult>().Accepts<byte[]>(Xlsx.ContentType, "text/csv");
        manage.MapPost("/hits/{id:long}/confirm", DecideHit.Confirm).WithName("ConfirmScreeningHit").WithSummary("确认候选比对结果")
            .Produces<ScreeningHitView>();
        manage.MapPost("/hits/{id:long}/dismiss", DecideHit.Dismiss).WithName("DismissScreeningHit").WithSummary("排除候选比对结果")
            .Produces<ScreeningHitView>();
    }
}
