namespace Chengxin.Server.Features.Dashboard;

/// <summary>The permissions the dashboard area owns (also the web app's menu key).</summary>
public static class DashboardPermissions
{
    /// <summary>Read the charts of a campaign and a unit's trend: leaders and the credit office, within their unit scope.</summary>
    public const string Read = "dashboard:read";
}
