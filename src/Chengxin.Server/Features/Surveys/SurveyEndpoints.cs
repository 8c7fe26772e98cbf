using Chengxin.Server.Infrastructure;

namespace Chengxin.Server.Features.Surveys;

public static class SurveyEndpoints
{
    public static void MapSurveyEndpoints(this IEndpointRouteBuilder app)
    {
        var read = app.MapGroup("/api/surveys/campaigns/{campaignId:long}").WithTags("Surveys").RequireAuthorization(SurveyPermissions.Read)
            .WithStandardProblems();
        read.MapGet("/", GetSurvey.Get).WithName("GetSurvey").WithSummary("批次的满意度问卷、设置和各单位的链接").Produces<SurveyView>();
        read.MapGet("/progress", SurveyProgress.Get).WithName("GetSurveyProgress").WithSummary("问卷进度：各单位答卷数、满意度（或样本不足）、每日答卷数")
            .Produces<SurveyProgressView>();
        read.MapGet("/answers", ListAnswers.List).WithName("ListSurveyAnswers").WithSummary("最新的答卷（可按单位）").Produces<List<SurveyAnswerSheetView>>();
        read.MapGet("/export", ExportSurvey.Answers).WithName("ExportSurvey").WithSummary("导出答卷和测评结果（Excel）").Produces<byte[]>(200, Xlsx.ContentType);
        read.MapGet("/invitations/export", ExportSurvey.Invitations).WithName("ExportSurveyInvitations").WithSummary("导出邀请码（Excel）")
            .Produces<byte[]>(200, Xlsx.ContentType);

        var manage = app.MapGroup("/api/surveys/campaigns/{campaignId:long}").WithTags("Surveys").RequireAuthorization(SurveyPermissions.Manage)
            .WithStandardProblems();
        manage.MapPut("/", SetUpSurvey.SetUp).WithName("SetUpSurvey").WithSummary("设置问卷（题目、各档分值、满意度算法、最少样本、时间）").Produces<SurveyView>();
        manage.MapPost("/close", CloseSurvey.Close).WithName("CloseSurvey").WithSummary("提前结束问卷").Produces<SurveyView>();
        manage.MapPost("/answers/{responseId:long}/discard", DiscardAnswer.Discard).WithName("DiscardSurveyAnswer").WithSummary("作废恶意答卷（须写明理由）")
            .Produces<SurveyAnswerSheetView>();
        manage.MapPost("/invitations", CreateInvitations.Create).WithName("CreateSurveyInvitations").WithSummary("为单位生成邀请码（一码一答）")
            .Produces<CreateInvitationsResult>();

        // The public pages: no sign-in, HTML rather than the web app (a few KB for a slow phone connection and WeChat's browser).
        var open = app.MapGroup("/s").AllowAnonymous().ExcludeFromDescription();
        var limit = new SurveyRateLimit(app.ServiceProvider.GetRequiredService<IConfiguration>());
        open.MapGet("/{token}", AnswerSurvey.ShowByLink);
        open.MapPost("/{token}", AnswerSurvey.AnswerByLink).RequireRateLimiting(limit);
        open.MapGet("/i/{code}", AnswerSurvey.ShowByInvitation);
        open.MapPost("/i/{code}", AnswerSurvey.AnswerByInvitation).RequireRateLimiting(limit);
        open.MapGet("/{token}/qr.png", SurveyPoster.QrCode);
        open.MapGet("/{token}/poster", SurveyPoster.Poster);
    }
}
