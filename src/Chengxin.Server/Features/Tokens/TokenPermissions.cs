namespace Chengxin.Server.Features.Tokens;

public static class TokenPermissions
{
    /// <summary>Create and revoke one's own API tokens (machine clients such as a court pushing its list).</summary>
    public const string Manage = "token:manage";
}
