namespace Chengxin.Server.Features.Exports;

/// <summary>The permissions the export area owns (also the web app's button keys).</summary>
public static class ExportPermissions
{
    /// <summary>Download rankings, score sheets and appeal lists as Excel (published results, within the caller's scope).</summary>
    public const string Read = "export:read";

    /// <summary>Export results that are not published yet: only the credit office may put those on paper.</summary>
    public const string Unpublished = "export:unpublished";
}
