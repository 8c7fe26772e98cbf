namespace Chengxin.Server.Features.Providers;

/// <summary>The permissions the providers area owns (also the web app's button keys).</summary>
public static class ProviderPermissions
{
    /// <summary>See, fill, import and submit the facts one's department supplies across all units of a campaign.</summary>
    public const string Grid = "provider:grid";
}
