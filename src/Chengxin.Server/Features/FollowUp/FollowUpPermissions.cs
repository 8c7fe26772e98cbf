namespace Chengxin.Server.Features.FollowUp;

/// <summary>The permissions of the follow-up chain: reminders, warnings, supervision orders, interviews and referrals.</summary>
public static class FollowUpPermissions
{
    /// <summary>Read reminders, warnings and orders; a unit sees its own (the unit scope).</summary>
    public const string Read = "follow-up:read";

    /// <summary>Issue reminders and orders, set the rules, verify replies, record interviews and refer cases: the office.</summary>
    public const string Manage = "follow-up:manage";

    /// <summary>Acknowledge a reminder, upload rectification evidence and reply to an order: the unit's liaison.</summary>
    public const string Respond = "follow-up:respond";
}
