namespace Chengxin.Server.Features.Surveys;

public static class SurveyRegistration
{
    /// <summary>The questionnaire cache and the one writer of answer sheets (a hosted service: it drains its queue when the server stops).</summary>
    public static void AddSurveys(IServiceCollection services)
    {
        services.AddSingleton<SurveyQuestionnaires>();
        services.AddSingleton<SurveyAnswerWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<SurveyAnswerWriter>());
    }
}
