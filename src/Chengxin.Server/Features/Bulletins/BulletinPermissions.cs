namespace Chengxin.Server.Features.Bulletins;

/// <summary>The permissions the bulletin area owns (also the web app's button keys).</summary>
public static class BulletinPermissions
{
    /// <summary>Generate a bulletin (通报) of a published campaign as DOCX or PDF, with the office's own template: the credit office.</summary>
    public const string Generate = "bulletin:generate";
}
