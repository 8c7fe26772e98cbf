using System.Text.RegularExpressions;

namespace Chengxin.Domain.Collection;

/// <summary>The checks a liaison table's phone numbers and e-mail address must pass, with the reason in Chinese.</summary>
public static partial class ContactChecks
{
    /// <summary>A mainland mobile number: 11 digits starting 1[3-9]; an optional +86 / 86 prefix and spaces or hyphens are tolerated.</summary>
    public static string? Mobile(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return "手机号码不能为空。";
        var digits = Separators().Replace(text.Trim(), "");
        if (digits.StartsWith("+86", StringComparison.Ordinal))
            digits = digits[3..];
        else if (digits.Length == 13 && digits.StartsWith("86", StringComparison.Ordinal))
            digits = digits[2..];
        return MobileDigits().IsMatch(digits) ? null : $"手机号码「{text.Trim()}」格式不正确，应为以 1 开头的 11 位数字。";
    }

    /// <summary>A landline as offices write it: area code and number (0456-8221234), optionally an extension; digits, hyphens, brackets and spaces only.</summary>
    public static string? Landline(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        return LandlinePattern().IsMatch(text.Trim()) ? null : $"座机号码「{text.Trim()}」格式不正确，应如 0456-8221234 或 0456-8221234-801。";
    }

    public static string? Email(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return "电子邮箱不能为空。";
        return EmailPattern().IsMatch(text.Trim()) ? null : $"电子邮箱「{text.Trim()}」格式不正确，应如 name@example.gov.cn。";
    }

    [GeneratedRegex(@"[\s\-]")]
    private static partial Regex Separators();

    [GeneratedRegex(@"^1[3-9]\d{9}$")]
    private static partial Regex MobileDigits();

    [GeneratedRegex(@"^(\(?0\d{2,3}\)?[\s\-]?)?\d{7,8}([\s\-]\d{1,6})?$")]
    private static partial Regex LandlinePattern();

    [GeneratedRegex(@"^[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}$")]
    private static partial Regex EmailPattern();
}
