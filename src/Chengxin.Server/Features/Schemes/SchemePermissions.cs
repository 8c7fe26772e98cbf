namespace Chengxin.Server.Features.Schemes;

public static class SchemePermissions
{
    /// <summary>Read the indicator schemes: everyone who takes part in an evaluation needs to know its rules.</summary>
    public const string Read = "scheme:read";
}
