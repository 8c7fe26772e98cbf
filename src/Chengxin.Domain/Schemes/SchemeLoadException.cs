namespace Chengxin.Domain.Schemes;

/// <summary>A scheme file that cannot be read: says where and what, in Chinese and English.</summary>
public sealed class SchemeLoadException : Exception
{
    public SchemeLoadException(string? file, SourceSpan at, string chinese, string english)
        : base($"{file ?? "<scheme>"}:{at}: {chinese} ({english})")
    {
        File = file;
        At = at;
        Chinese = chinese;
        English = english;
    }

    public string? File { get; }
    public SourceSpan At { get; }
    public string Chinese { get; }
    public string English { get; }
}
