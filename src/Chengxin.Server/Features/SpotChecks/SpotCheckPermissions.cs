namespace Chengxin.Server.Features.SpotChecks;

/// <summary>The permissions the spot-check area owns (also the web app's button keys).</summary>
public static class SpotCheckPermissions
{
    /// <summary>Open, record and complete the deeper check of a drawn unit: the office, or a reviewer assigned to the campaign.</summary>
    public const string Write = "spot-check:write";
}
