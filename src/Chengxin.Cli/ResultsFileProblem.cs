using System.Text.Json;

namespace Chengxin.Cli;

/// <summary>
/// Why a results file (the output of score --format json) could not be read, in the user's words: the JSON reader's own
/// messages are English and name its internals, so only the place it gives (line) is kept.
/// </summary>
internal static class ResultsFileProblem
{
    public static string Describe(Exception e) => e switch
    {
        JsonException { LineNumber: { } line } => $"第 {line + 1} 行附近不是完整的 JSON",
        JsonException => "不是完整的 JSON",
        KeyNotFoundException => "缺少必需的字段（unit、name、total、rank）",
        _ => "某个字段的类型不对（分数须为数字，名称须为文字）",
    };
}
