namespace Chengxin.Server.Features.Letters;

/// <summary>The permissions the letters area owns (also the web app's button keys).</summary>
public static class LetterPermissions
{
    /// <summary>Fill one's own unit's liaison table and accept and upload its commitment letter: a liaison, or a data provider for its department.</summary>
    public const string Sign = "letter:sign";
}
