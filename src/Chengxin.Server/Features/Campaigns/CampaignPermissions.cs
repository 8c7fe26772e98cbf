namespace Chengxin.Server.Features.Campaigns;

/// <summary>The permissions the campaign area owns (also the web app's button keys).</summary>
public static class CampaignPermissions
{
    /// <summary>See the campaigns one's units take part in (the unit scope decides which).</summary>
    public const string Read = "campaign:read";

    /// <summary>Open a campaign and move it through its states: the credit office's job.</summary>
    public const string Manage = "campaign:manage";
}
