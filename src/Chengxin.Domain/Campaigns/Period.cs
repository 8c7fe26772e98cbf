using System.Globalization;
using Chengxin.Domain.Schemes;

namespace Chengxin.Domain.Campaigns;

/// <summary>A campaign's span of time: a month, a quarter, a year, or a fixed range.</summary>
public sealed record Period(PeriodKind Kind, DateOnly From, DateOnly To)
{
    /// <summary>The years a period may fall in: wide enough for any evaluation, narrow enough that every neighbouring period and deadline exists.</summary>
    public const int MinYear = 2000;

    public const int MaxYear = 2100;

    public static Period Month(int year, int month) => new(PeriodKind.Month, new DateOnly(year, month, 1), new DateOnly(year, month, 1).AddMonths(1).AddDays(-1));

    public static Period Quarter(int year, int quarter) =>
        quarter is < 1 or > 4
            ? throw new DomainRuleException($"季度应为 1–4，实为 {quarter}")
            : new(PeriodKind.Quarter, new DateOnly(year, quarter * 3 - 2, 1), new DateOnly(year, quarter * 3 - 2, 1).AddMonths(3).AddDays(-1));

    public static Period Year(int year) => new(PeriodKind.Year, new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));

    public static Period Range(DateOnly from, DateOnly to) =>
        to < from ? throw new DomainRuleException($"期间结束日期 {to:yyyy-MM-dd} 早于开始日期 {from:yyyy-MM-dd}") : new(PeriodKind.Range, from, to);

    /// <summary>A stable key: 2023-03, 2022Q1, 2022, 2022-07-01..2023-06-30.</summary>
    public string Key => Kind switch
    {
        PeriodKind.Month => From.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        PeriodKind.Quarter => $"{From.Year}Q{(From.Month + 2) / 3}",
        PeriodKind.Year => From.Year.ToString(CultureInfo.InvariantCulture),
        _ => $"{From:yyyy-MM-dd}..{To:yyyy-MM-dd}",
    };

    /// <summary>How the period reads in Chinese: 2023年3月, 2022年第一季度, 2022年度, 2022年7月1日至2023年6月30日.</summary>
    public string Label => Kind switch
    {
        PeriodKind.Month => $"{From.Year}年{From.Month}月",
        PeriodKind.Quarter => $"{From.Year}年第{"一二三四"[(From.Month - 1) / 3]}季度",
        PeriodKind.Year => $"{From.Year}年度",
        _ => $"{From.Year}年{From.Month}月{From.Day}日至{To.Year}年{To.Month}月{To.Day}日",
    };

    /// <summary>The period of the same kind just before this one (a range has none).</summary>
    public Period Previous() => Kind switch
    {
        PeriodKind.Month => Month(From.AddMonths(-1).Year, From.AddMonths(-1).Month),
        PeriodKind.Quarter => new(PeriodKind.Quarter, From.AddMonths(-3), From.AddDays(-1)),
        PeriodKind.Year => Year(From.Year - 1),
        _ => throw new DomainRuleException("固定期间没有上一期"),
    };

    public static Period ParseKey(string key)
    {
        var period = Parse(key) ?? throw new DomainRuleException($"无法识别的期间 '{key}'（应如 2023-03、2022Q1、2022 或 2022-07-01..2023-06-30）");
        if (period.From.Year < MinYear || period.To.Year > MaxYear)
            throw new DomainRuleException($"期间 '{key}' 超出范围：年份应在 {MinYear} 至 {MaxYear} 之间");
        return period;
    }

    private static Period? Parse(string key)
    {
        if (key.Contains("..", StringComparison.Ordinal))
        {
            var parts = key.Split("..");
            return parts.Length == 2 && Day(parts[0]) is { } from && Day(parts[1]) is { } to ? Range(from, to) : null;
        }
        // A year is checked before a date is made of it: year 0 has no DateOnly, and a period in year 9999 has no next one.
        if (key.Length == 6 && key[4] == 'Q' && InRange(key[..4]) is { } qy && int.TryParse(key[5..], NumberStyles.None, CultureInfo.InvariantCulture, out var q))
            return Quarter(qy, q);
        if (key.Length == 7 && key[4] == '-' && InRange(key[..4]) is { } my && int.TryParse(key[5..], NumberStyles.None, CultureInfo.InvariantCulture, out var m) && m is >= 1 and <= 12)
            return Month(my, m);
        if (key.Length == 4 && InRange(key) is { } y)
            return Year(y);
        return null;
    }

    private static int? InRange(string year)
    {
        if (!int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y))
            return null;
        return y is >= MinYear and <= MaxYear ? y : throw new DomainRuleException($"年份 {year} 超出范围：应在 {MinYear} 至 {MaxYear} 之间");
    }

    private static DateOnly? Day(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
}
