namespace Chengxin.Server.Features.Workspace;

/// <summary>The permissions the workspace area owns (also the web app's button keys).</summary>
public static class WorkspacePermissions
{
    /// <summary>
    /// See how far each unit of a campaign has got (submitted, late, missing, returned): the office, leaders and the
    /// campaign's assigned reviewers; the unit scope decides which units are counted.
    /// </summary>
    public const string Progress = "campaign:progress";
}
