using System.Globalization;

namespace Chengxin.Domain.Identifiers;

/// <summary>
/// 公民身份号码 (GB 11643-1999): 6-digit area code, 8-digit birth date, 3-digit sequence, and an
/// ISO 7064 MOD 11-2 check character (0–9 or X).
/// </summary>
public static class ResidentIdNumber
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckChars = "10X98765432";

    /// <summary>Why a number is not valid, in Chinese; null when it is valid.</summary>
    public static string? Problem(string? id)
    {
        if (string.IsNullOrWhiteSpace(id)) return "公民身份号码为空";
        if (id.Length != 18) return $"公民身份号码应为 18 位，实为 {id.Length} 位";
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            if (!char.IsAsciiDigit(id[i])) return $"公民身份号码第 {i + 1} 位应为数字";
            sum += (id[i] - '0') * Weights[i];
        }
        if (!DateOnly.TryParseExact(id.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birth) || birth.Year < 1800)
            return $"公民身份号码中的出生日期 {id.Substring(6, 8)} 无效";
        var expected = CheckChars[sum % 11];
        // A lower-case x is a common typing variant of the check character X.
        return char.ToUpperInvariant(id[17]) == expected ? null : $"公民身份号码校验位应为 '{expected}'，实为 '{id[17]}'";
    }

    public static bool IsValid(string? id) => Problem(id) is null;

    /// <summary>The same judgement as <see cref="Problem"/> without a string: an intake checks a million cells where they lie.</summary>
    public static bool IsValid(ReadOnlySpan<char> id)
    {
        if (id.Length != 18)
            return false;
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            if (!char.IsAsciiDigit(id[i]))
                return false;
            sum += (id[i] - '0') * Weights[i];
        }
        var (y, m, d) = (Number(id[6..10]), Number(id[10..12]), Number(id[12..14]));
        if (y < 1800 || m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, m))
            return false;
        return char.ToUpperInvariant(id[17]) == CheckChars[sum % 11];
    }

    private static int Number(ReadOnlySpan<char> digits)
    {
        var n = 0;
        foreach (var c in digits)
            n = n * 10 + (c - '0');
        return n;
    }

    /// <summary>The form used for matching: trimmed, check character upper-case.</summary>
    public static string Normalise(string id) => id.Trim().ToUpperInvariant();
}
