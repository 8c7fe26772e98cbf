namespace Chengxin.Server.Features.Reviews;

/// <summary>The permissions the review area owns (also the web app's button keys).</summary>
public static class ReviewPermissions
{
    /// <summary>Confirm, correct or return a unit's item: a reviewer assigned to the campaign, or the office.</summary>
    public const string Write = "review:write";
}
