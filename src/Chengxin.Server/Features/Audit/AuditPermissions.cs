namespace Chengxin.Server.Features.Audit;

public static class AuditPermissions
{
    public const string Read = "audit:read";
    public const string Verify = "audit:verify";

    /// <summary>Issuing a signed checkpoint of the office's chain: the office admin's act, recorded in the chain.</summary>
    public const string Checkpoint = "audit:checkpoint";
}
