using System.Globalization;
using Chengxin.Domain.Schemes;
using YamlDotNet.RepresentationModel;

namespace Chengxin.Domain.Calendar;

/// <summary>
/// Working days by the official holiday calendar, make-up working days (调休) included. Kept as
/// data an admin extends each year; a date in a year the calendar does not cover is an error,
/// never a guess, because a deadline computed on a guess would mark a unit late wrongly.
/// </summary>
public sealed class WorkingDayCalendar
{
    private readonly HashSet<DateOnly> _holidays;
    private readonly HashSet<DateOnly> _workdays;
    private readonly HashSet<int> _years;

    public WorkingDayCalendar(string id, IEnumerable<int> years, IEnumerable<DateOnly> holidays, IEnumerable<DateOnly> workdays)
    {
        Id = id;
        _years = [.. years];
        _holidays = [.. holidays];
        _workdays = [.. workdays];
        foreach (var d in _holidays.Intersect(_workdays))
            throw new DomainRuleException($"日历 {id}：{d:yyyy-MM-dd} 同时是放假日和调休上班日");
        foreach (var d in _holidays.Concat(_workdays))
            if (!_years.Contains(d.Year))
                throw new DomainRuleException($"日历 {id}：{d:yyyy-MM-dd} 不在所列年份中");
    }

    public string Id { get; }
    public IReadOnlyCollection<int> Years => _years;

    public bool Covers(DateOnly d) => _years.Contains(d.Year);

    public bool IsWorkingDay(DateOnly d)
    {
        if (!Covers(d))
            throw new DomainRuleException($"工作日历 {Id} 未包含 {d.Year} 年的节假日安排，请管理员先补充该年日历");
        if (_workdays.Contains(d)) return true;
        if (_holidays.Contains(d)) return false;
        return d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
    }

    /// <summary>The n-th working day after <paramref name="start"/> (start itself not counted).</summary>
    public DateOnly AddWorkingDays(DateOnly start, int n)
    {
        if (n < 0) throw new ArgumentOutOfRangeException(nameof(n));
        var d = start;
        while (n > 0)
        {
            d = d.AddDays(1);
            if (IsWorkingDay(d)) n--;
        }
        return d;
    }

    /// <summary>Working days in (from, to]: how many working days after <paramref name="from"/> <paramref name="to"/> falls.</summary>
    public int WorkingDaysAfter(DateOnly from, DateOnly to)
    {
        var n = 0;
        for (var d = from.AddDays(1); d <= to; d = d.AddDays(1))
            if (IsWorkingDay(d)) n++;
        return n;
    }

    /// <summary>Reads the calendar format of calendars/*.yaml (the text is handed in; no I/O here).</summary>
    public static WorkingDayCalendar Parse(string yaml, string? file = null)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new SchemeLoadException(file, new SourceSpan(1, 1), "日历文件为空或格式不对", "calendar file is empty or not a mapping");
        string Scalar(YamlMappingNode m, string key) =>
            m.Children.TryGetValue(new YamlScalarNode(key), out var n) && n is YamlScalarNode s ? s.Value ?? ""
            : throw new SchemeLoadException(file, new SourceSpan((int)m.Start.Line, (int)m.Start.Column), $"日历缺少 '{key}'", $"calendar is missing '{key}'");
        var id = Scalar(root, "id");
        if (!root.Children.TryGetValue(new YamlScalarNode("years"), out var yearsNode) || yearsNode is not YamlMappingNode years)
            throw new SchemeLoadException(file, new SourceSpan(1, 1), "日历缺少 years", "calendar is missing years");
        var yearList = new List<int>();
        var holidays = new List<DateOnly>();
        var workdays = new List<DateOnly>();
        foreach (var (k, v) in years.Children)
        {
            var at = new SourceSpan((int)k.Start.Line, (int)k.Start.Column);
            if (k is not YamlScalarNode { Value: { } ys } || !int.TryParse(ys, NumberStyles.None, CultureInfo.InvariantCulture, out var year))
                throw new SchemeLoadException(file, at, "年份应为四位数字", "a year must be four digits");
            yearList.Add(year);
            if (v is not YamlMappingNode ym) throw new SchemeLoadException(file, at, $"{year} 年应包含 holidays 和 workdays", $"year {year} must have holidays and workdays");
            foreach (var (key, list) in ym.Children)
            {
                var name = (key as YamlScalarNode)?.Value;
                var target = name switch
                {
                    "holidays" => holidays,
                    "workdays" => workdays,
                    _ => throw new SchemeLoadException(file, new SourceSpan((int)key.Start.Line, (int)key.Start.Column), $"未知的键 '{name}'", $"unknown key '{name}'"),
                };
                if (list is not YamlSequenceNode seq) continue;
                foreach (var entry in seq.Children.OfType<YamlScalarNode>())
                    target.AddRange(Dates(entry.Value ?? "", new SourceSpan((int)entry.Start.Line, (int)entry.Start.Column), year));
            }
        }
        return new WorkingDayCalendar(id, yearList, holidays, workdays);

        IEnumerable<DateOnly> Dates(string text, SourceSpan at, int year)
        {
            var parts = text.Split("..");
            var dates = parts.Select(p => DateOnly.TryParseExact(p.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                ? d : throw new SchemeLoadException(file, at, $"日期应写作 yyyy-MM-dd 或 起..止，实为 '{text}'", $"a date must be yyyy-MM-dd or from..to, got '{text}'")).ToList();
            var (from, to) = (dates[0], dates[^1]);
            if (parts.Length > 2 || to < from)
                throw new SchemeLoadException(file, at, $"日期区间无效：'{text}'", $"invalid date range '{text}'");
            // A New Year holiday may start on 31 December of the year before; keep only the listed year's days.
            for (var d = from; d <= to; d = d.AddDays(1))
                if (d.Year == year) yield return d;
        }
    }
}
