namespace Chengxin.Server.Features.Submissions;

/// <summary>The permissions the submission area owns (also the web app's button keys).</summary>
public static class SubmissionPermissions
{
    /// <summary>Read a unit's submission with its self-score (the unit scope decides whose).</summary>
    public const string Read = "submission:read";

    /// <summary>Enter a unit's facts and explanations and submit them: the unit's liaison, or the office for it.</summary>
    public const string Write = "submission:write";
}
