namespace Chengxin.Server.Features.DishonestLists;

/// <summary>The permissions of the dishonesty lists (also the web app's button keys).</summary>
public static class DishonestListPermissions
{
    /// <summary>Read the snapshots, the screened persons and the hits (each hit and person within the unit scope).</summary>
    public const string Read = "lists:read";

    /// <summary>Import snapshots, enter persons to screen, screen, confirm or dismiss candidates: the office.</summary>
    public const string Manage = "lists:manage";
}
