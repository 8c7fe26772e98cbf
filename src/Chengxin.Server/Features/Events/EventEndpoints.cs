using Chengxin.Server.Infrastructure;

namespace Chengxin.Server.Features.Events;

public static class EventEndpoints
{
    public static void MapEventEndpoints(this IEndpointRouteBuilder app)
    {
        var read = app.MapGroup("/api/events").WithTags("Events").RequireAuthorization(EventPermissions.Read).WithStandardProblems();
        read.MapGet("/", ListEvents.List).WithName("ListMonitoringEvents").WithSummary("投诉和负面舆情登记（权限范围内）")
            .Produces<List<EventView>>();

        var manage = app.MapGroup("/api/events").WithTags("Events").RequireAuthorization(EventPermissions.Manage).WithStandardProblems();
        manage.MapPost("/", RecordEvent.Record).WithName("RecordMonitoringEvent").WithSummary("登记投诉或负面舆情")
            .Produces<EventView>(StatusCodes.Status201Created);
        manage.MapPost("/{id:long}/verify", VerifyEvent.Verify).WithName("VerifyMonitoringEvent").WithSummary("核实事件（属实或不属实，须写明理由）")
            .Produces<EventView>();
        manage.MapPost("/import", ImportEvents.Import).WithName("ImportMonitoringEvents").WithSummary("导入投诉和负面舆情（Excel 或 CSV 请求体）")
            .Produces<ImportEventsResult>().Accepts<byte[]>(Xlsx.ContentType, "text/csv");

        var intake = app.MapGroup("/api/events").WithTags("Events").RequireAuthorization(EventPermissions.Intake).WithStandardProblems();
        intake.MapPost("/intake", IntakeEvents.Intake).WithName("IntakeMonitoringEvents")
            .WithSummary("外部系统推送投诉和负面舆情（API 令牌：Authorization: Bearer cx_…）").Produces<IntakeEventsResult>();
    }
}
