namespace Chengxin.Server.Features.Disclosures;

public static class DisclosurePermissions
{
    /// <summary>Read 双公示 uploads, records and statistics within one's scope (a department its own).</summary>
    public const string Read = "disclosure:read";

    /// <summary>Upload or push 双公示 records: the office for the departments in its scope, a department for itself.</summary>
    public const string Upload = "disclosure:upload";

    /// <summary>The office's settings (column mapping, holiday calendar) and the 漏报 findings of spot comparisons.</summary>
    public const string Manage = "disclosure:manage";
}
