namespace Chengxin.Server.Features.Audit;

public static class AuditPermissions
{
    public const string Read = "audit:read";
    public const string Verify = "audit:verify";
}
