namespace Chengxin.Server.Features.Events;

/// <summary>The permissions of the register of complaints and negative public opinion (also the web app's button keys).</summary>
public static class EventPermissions
{
    /// <summary>Read the register; a unit sees the events about itself (the unit scope).</summary>
    public const string Read = "events:read";

    /// <summary>Record, import and verify events: the office.</summary>
    public const string Manage = "events:manage";

    /// <summary>Push events from another system with an API token (the city's hotline, the opinion monitor).</summary>
    public const string Intake = "events:intake";
}
