using Chengxin.Domain.Schemes;

namespace Chengxin.Domain.Linting;

/// <summary>
/// How bad a finding is: an error blocks the scheme's use until fixed or resolved; a note is a
/// reading of the source text that the scheme recorded without a linter code (a shifted column,
/// a truncated sentence), listed so that every fault of a seed shows in one report.
/// </summary>
public enum LintSeverity { Error, Warning, Note }

/// <summary>
/// One fault the linter found in a scheme. <see cref="NodePath"/> is the path of titles from
/// the root ("一 组织领导 / 1 安排部署"); scheme-level findings carry the scheme's title and no node id.
/// </summary>
public sealed record LintFinding(string Code, LintSeverity Severity, string NodePath, string? NodeId, string? SeedTitle, string Message, SourceSpan Span)
{
    /// <summary>Set when the node (or the scheme, for scheme-level findings) records a resolution with the same code.</summary>
    public Resolution? Resolution { get; init; }

    public bool IsResolved => Resolution is not null;
}
