namespace Chengxin.Domain.Identifiers;

/// <summary>
/// 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character set (no I, O, S, V, Z),
/// the last a check character over the first 17 with weights 3^i mod 31.
/// </summary>
public static class UnifiedSocialCreditCode
{
    private const string Charset = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>Why a code is not valid, in Chinese; null when it is valid.</summary>
    public static string? Problem(string? code)
    {
        if (string.IsNullOrWhiteSpace(code)) return "统一社会信用代码为空";
        if (code.Length != 18) return $"统一社会信用代码应为 18 位，实为 {code.Length} 位";
        var sum = 0;
        for (var i = 0; i < 18; i++)
        {
            var v = Charset.IndexOf(code[i]);
            if (v < 0) return $"统一社会信用代码第 {i + 1} 位 '{code[i]}' 不是合法字符（不含 I、O、S、V、Z 及小写字母）";
            if (i < 17) sum += v * Weights[i];
        }
        var expected = Charset[(31 - sum % 31) % 31];
        return code[17] == expected ? null : $"统一社会信用代码校验位应为 '{expected}'，实为 '{code[17]}'";
    }

    public static bool IsValid(string? code) => Problem(code) is null;

    // The value of each character of the set, -1 for any other: a table read per character where IndexOf searches the set.
    private static readonly sbyte[] Values = Enumerable.Range(0, 128).Select(c => (sbyte)Charset.IndexOf((char)c)).ToArray();

    /// <summary>The same judgement as <see cref="Problem"/> without a string: an intake checks a million cells where they lie.</summary>
    public static bool IsValid(ReadOnlySpan<char> code)
    {
        if (code.Length != 18)
            return false;
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var c = code[i];
            var v = c < 128 ? Values[c] : -1;
            if (v < 0)
                return false;
            sum += v * Weights[i];
        }
        return code[17] == Charset[(31 - sum % 31) % 31];
    }
}
