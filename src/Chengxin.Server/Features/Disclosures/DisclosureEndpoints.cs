using Chengxin.Server.Infrastructure;

namespace Chengxin.Server.Features.Disclosures;

public static class DisclosureEndpoints
{
    public static void MapDisclosureEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/disclosures").WithTags("Disclosures").WithStandardProblems();
        group.MapPost("/uploads", UploadDisclosures.Handle).RequireAuthorization(DisclosurePermissions.Upload).WithName("UploadDisclosures")
            .WithSummary("上传“双公示”报送表（CSV 为 UTF-8 或 GBK/GB18030，自动识别；或 Excel）；有误的行逐一列出行、列与原因，allOrNothing=true 时任一行有误则整表不入库")
            .Accepts<byte[]>("text/csv", Xlsx.ContentType, "application/octet-stream").Produces<DisclosureUploadView>(StatusCodes.Status201Created);
        group.MapPost("/records", PushDisclosures.Handle).RequireAuthorization(DisclosurePermissions.Upload).WithName("PushDisclosures")
            .WithSummary("接口推送“双公示”记录（城市信用平台以接口令牌调用；校验与上传相同）").Produces<DisclosureUploadView>(StatusCodes.Status201Created);
        group.MapGet("/uploads", ListDisclosureUploads.Handle).RequireAuthorization(DisclosurePermissions.Read).WithName("ListDisclosureUploads")
            .WithSummary("“双公示”上传记录").Produces<List<DisclosureUploadSummary>>();
        group.MapGet("/uploads/{id:long}", GetDisclosureUpload.Handle).RequireAuthorization(DisclosurePermissions.Read).WithName("GetDisclosureUpload")
            .WithSummary("一次上传的结果与有误的行").Produces<DisclosureUploadView>();
        group.MapGet("/uploads/{id:long}/rejections.xlsx", GetDisclosureUpload.Export).RequireAuthorization(DisclosurePermissions.Read)
            .WithName("ExportDisclosureRejections").WithSummary("导出有误的行（Excel）").Produces<byte[]>(contentType: Xlsx.ContentType);
        group.MapGet("/statistics", DisclosureStatisticsQuery.Handle).RequireAuthorization(DisclosurePermissions.Read).WithName("GetDisclosureStatistics")
            .WithSummary("按数据来源单位统计报送条数、按时、迟报、错报、漏报与按时率").Produces<DisclosureStatisticsView>();
        group.MapGet("/records", ListDisclosureRecords.Handle).RequireAuthorization(DisclosurePermissions.Read).WithName("ListDisclosureRecords")
            .WithSummary("一个单位一段时间内的“双公示”记录及其是否迟报（统计的明细）").Produces<DisclosureRecordsView>();
        group.MapPost("/records/{id:long}/finding", RecordDisclosureFinding.Handle).RequireAuthorization(DisclosurePermissions.Manage)
            .WithName("RecordDisclosureFinding").WithSummary("记录抽查比对属实（该条计为漏报）").Produces<DisclosureRecordView>();
        group.MapGet("/settings", DisclosureSettingsEndpoints.Get).RequireAuthorization(DisclosurePermissions.Read).WithName("GetDisclosureSettings")
            .WithSummary("本信用办的“双公示”列对应与节假日日历").Produces<DisclosureSettingsView>();
        group.MapPut("/settings", DisclosureSettingsEndpoints.Save).RequireAuthorization(DisclosurePermissions.Manage).WithName("SaveDisclosureSettings")
            .WithSummary("保存列对应与节假日日历（按年列出放假日与调休上班日）").Produces<DisclosureSettingsView>();
    }
}
