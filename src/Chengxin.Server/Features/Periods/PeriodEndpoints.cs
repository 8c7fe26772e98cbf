using Chengxin.Server.Infrastructure;

namespace Chengxin.Server.Features.Periods;

public static class PeriodEndpoints
{
    public static void MapPeriodEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/campaigns").WithTags("Periods").RequireAuthorization(PeriodPermissions.Read).WithStandardProblems()
            .MapGet("/{id:long}/period-inputs", ManagePeriods.Inputs).WithName("GetPeriodInputs")
            .WithSummary("跨期输入：年度汇总所用的各期已发布结果（如黑河月度考评平均 ÷ 70%），以及沿用以前各期有效分值的指标（如淮安 validFor）")
            .Produces<PeriodInputsView>();
        app.MapGroup("/api/periods").WithTags("Periods").RequireAuthorization(PeriodPermissions.Read).WithStandardProblems()
            .MapGet("/year-reference", ManagePeriods.YearReference).WithName("GetYearReference")
            .WithSummary("年度参考：一个指标体系在某年各期（季度或月度）已发布的结果并列，及各单位已有各期的平均分（如郏县季度考核作为年度依据）")
            .Produces<YearReferenceView>();
    }
}
