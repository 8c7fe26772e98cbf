namespace Chengxin.Server.Features.Surveys;

/// <summary>The permissions of satisfaction surveys (also the web app's button keys).</summary>
public static class SurveyPermissions
{
    /// <summary>See a campaign's questionnaire, progress, answer sheets and results: the office, its reviewers and leaders.</summary>
    public const string Read = "surveys:read";

    /// <summary>Set up the questionnaire, invitations, close early, discard abuse: the office.</summary>
    public const string Manage = "surveys:manage";
}
