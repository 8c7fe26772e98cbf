namespace Chengxin.Server.Features.Units;

/// <summary>The permissions the unit tree area owns (also the web app's button keys).</summary>
public static class UnitPermissions
{
    public const string Read = "unit:read";
    public const string Write = "unit:write";
}
