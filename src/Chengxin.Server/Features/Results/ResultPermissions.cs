namespace Chengxin.Server.Features.Results;

/// <summary>The permissions the results area owns (also the web app's button keys).</summary>
public static class ResultPermissions
{
    /// <summary>See computed results before publication (office, reviewers, leaders); units see results once published.</summary>
    public const string Read = "result:read";
}
