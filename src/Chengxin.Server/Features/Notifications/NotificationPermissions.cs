namespace Chengxin.Server.Features.Notifications;

/// <summary>The permissions of notifications (also the web app's button keys).</summary>
public static class NotificationPermissions
{
    /// <summary>Read one's own inbox and mark it read: every role.</summary>
    public const string Inbox = "inbox:read";

    /// <summary>Configure the office's outbound channels and see what they failed to deliver: the office admin.</summary>
    public const string Channels = "notification:channels";
}
