using System.Globalization;
using System.Text.RegularExpressions;
using Chengxin.Domain.Campaigns;

namespace Chengxin.Server.Infrastructure;

/// <summary>Instants as an office types them into a request: deadlines of campaigns, exceptions and supplements.</summary>
public static partial class Instants
{
    private static readonly Regex HasOffset = OffsetPattern();

    [GeneratedRegex(@"T.*(Z|[+-]\d{2}:?\d{2})$", RegexOptions.IgnoreCase)]
    private static partial Regex OffsetPattern();

    /// <summary>
    /// An instant with its offset as given, or wall-clock time read in Asia/Shanghai. Only years the platform can work
    /// in are taken: 0001-01-01 in Beijing is before the first instant .NET can hold in UTC, and a deadline in year 9999
    /// leaves no room for the appeal window after it.
    /// </summary>
    public static DateTimeOffset? Parse(string? text, string field, Validation validation)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        text = text.Trim();
        DateTimeOffset instant;
        if (HasOffset.IsMatch(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset))
            instant = withOffset;
        // The year is checked on the wall clock first: 0001-01-01 in Beijing time lies before DateTimeOffset's first instant.
        else if (!HasOffset.IsMatch(text) && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var wall))
            instant = wall.Year is >= Period.MinYear and <= Period.MaxYear ? BeijingTime.FromWallClock(wall) : DateTimeOffset.MinValue;
        else
        {
            validation.Add(field, $"无法识别的时间「{text}」（应如 2023-01-15T17:00，按北京时间）。");
            return null;
        }
        if (instant == DateTimeOffset.MinValue || BeijingTime.Local(instant).Year is < Period.MinYear or > Period.MaxYear)
        {
            validation.Add(field, $"时间「{text}」超出范围：年份应在 {Period.MinYear} 至 {Period.MaxYear} 之间。");
            return null;
        }
        return instant;
    }
}
