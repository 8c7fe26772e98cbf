using Chengxin.Server.Infrastructure;

namespace Chengxin.Server.Features.Bulletins;

public static class BulletinEndpoints
{
    public static void MapBulletinEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/bulletins").WithTags("Bulletins").RequireAuthorization(BulletinPermissions.Generate).WithStandardProblems();
        group.MapPost("/campaigns/{id:long}", GenerateBulletin.Handle).WithName("GenerateBulletin")
            .WithSummary("生成已发布批次的通报（format=docx|pdf）；请求体可带信用办自己的 Word 模板（仅 DOCX）；每次生成记入审计（含文件 SHA-256）")
            .Accepts<byte[]>(GenerateBulletin.DocxType)
            .Produces<byte[]>(contentType: GenerateBulletin.DocxType).Produces<byte[]>(contentType: "application/pdf");
        group.MapPost("/periods", GeneratePeriodBulletin.Handle).WithName("GeneratePeriodBulletin")
            .WithSummary("汇总同一套指标体系的多期已发布批次（如一个季度的各月），生成阶段通报（format=docx|pdf）：按各期平均分排名；每次生成记入审计（含文件 SHA-256）")
            .Produces<byte[]>(contentType: GenerateBulletin.DocxType).Produces<byte[]>(contentType: "application/pdf");
        group.MapGet("/templates/{kind}", DefaultTemplate.Get).WithName("GetBulletinTemplate")
            .WithSummary("下载默认通报模板（lists 红蓝黄名单、taskforce 专班考评、grades 等次排名），在 Word 中修改后作为自己的模板使用")
            .Produces<byte[]>(contentType: GenerateBulletin.DocxType);

        // Anonymous like the public results it is made from: only a published version can be reached.
        app.MapGet("/api/public/campaigns/{id:long}/bulletin", PublicBulletin.Get).AllowAnonymous().WithTags("Bulletins")
            .WithName("PublicCampaignBulletin")
            .WithSummary("已发布结果的通报（PDF）：总分、等次、排名与名单，不含报送情况")
            .Produces<byte[]>(contentType: "application/pdf").ProducesProblem(StatusCodes.Status404NotFound);
    }
}
