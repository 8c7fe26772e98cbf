namespace Chengxin.Server.Features.Users;

public static class UserPermissions
{
    public const string Read = "user:read";
    public const string Write = "user:write";
}
