namespace Chengxin.Server.Features.Auth;

public static class AuthPermissions
{
    /// <summary>Any signed-in user, whatever the role: their own account and session.</summary>
    public const string Self = "self";
}
