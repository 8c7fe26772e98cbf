using Chengxin.Domain.Calendar;

namespace Chengxin.Domain.Monitoring;

/// <summary>A stored 双公示 record as the statistics read it; <paramref name="Concealed"/>: found 属实 in a spot comparison (漏报).</summary>
public sealed record StoredDisclosure(long Id, long DepartmentId, string DecisionNumber, string SubjectName, DateOnly DecisionDate, DateOnly ReportedOn,
    bool Concealed = false);

/// <summary>A row a department reported wrongly (refused at intake), dated by its decision where it had one, else by the upload.</summary>
public sealed record WrongDisclosure(long DepartmentId, DateOnly On, long UploadId, int Row, string Column, string Reason, string? DecisionNumber);

/// <summary>One record judged: when it was due, whether it came late, and how many (working or calendar) days it took.</summary>
public sealed record DisclosureVerdict(StoredDisclosure Record, DateOnly Due, int DaysTaken, bool Late);

/// <summary>A department's 双公示 in a period: records, on time, late (迟报), wrong (错报), missing (漏报) and the on-time share.</summary>
public sealed record DepartmentDisclosureStatistics(long DepartmentId, int Records, int OnTime, int Late, int Wrong, int Missing)
{
    /// <summary>On-time records over all records, to four places; null with no records (nothing to be on time about).</summary>
    public decimal? OnTimeShare => Records == 0 ? null : Math.Round((decimal)OnTime / Records, 4, MidpointRounding.AwayFromZero);

    /// <summary>迟报 and 错报 together, each record once (seed 004: 有迟报、错报的每条扣0.5分).</summary>
    public int LateOrWrong => Late + Wrong;
}

/// <summary>
/// Working days as a table over the calendar's years, so that a record's lateness is two array reads instead of a walk over
/// the days between decision and report (ten million records are judged in one pass). A date in a year the calendar does not
/// cover, or a span that crosses one, is the calendar's error, as <see cref="WorkingDayCalendar.IsWorkingDay"/> says.
/// </summary>
public sealed class WorkingDayIndex
{
    private readonly WorkingDayCalendar _calendar;
    private readonly int _first;
    private readonly int[] _count;   // working days in [first, day]; a year not covered adds none
    private readonly int[] _nth;     // the day number of the k-th working day from first (k from 1)

    public WorkingDayIndex(WorkingDayCalendar calendar)
    {
        _calendar = calendar;
        var years = calendar.Years.Order().ToList();
        var start = years.Count == 0 ? DateOnly.MinValue : new DateOnly(years[0], 1, 1);
        var end = years.Count == 0 ? start : new DateOnly(years[^1], 12, 31);
        _first = start.DayNumber;
        var days = years.Count == 0 ? 0 : end.DayNumber - _first + 1;
        _count = new int[days];
        var nth = new List<int> { 0 };
        var running = 0;
        for (var i = 0; i < days; i++)
        {
            var d = DateOnly.FromDayNumber(_first + i);
            if (calendar.Covers(d) && calendar.IsWorkingDay(d))
            {
                running++;
                nth.Add(d.DayNumber);
            }
            _count[i] = running;
        }
        _nth = [.. nth];
    }

    private DomainRuleException Missing(int year) =>
        new($"工作日历 {_calendar.Id} 未包含 {year} 年的节假日安排，请管理员先补充该年日历");

    private int Index(DateOnly d)
    {
        var i = d.DayNumber - _first;
        if (i < 0 || i >= _count.Length || !_calendar.Covers(d))
            throw Missing(d.Year);
        return i;
    }

    // A span over a year the calendar lacks would count that year as all holidays: refused instead.
    private void Spans(DateOnly from, DateOnly to)
    {
        for (var y = from.Year + 1; y <= to.Year; y++)
            if (!_calendar.Covers(new DateOnly(y, 1, 1)))
                throw Missing(y);
    }

    /// <summary>Working days in (from, to]; zero when to is not after from.</summary>
    public int WorkingDaysAfter(DateOnly from, DateOnly to)
    {
        if (to <= from)
            return 0;
        var n = _count[Index(to)] - _count[Index(from)];
        if (to.Year != from.Year)
            Spans(from, to);
        return n;
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, int[]> _due = new();

    /// <summary>The first day number <see cref="DueTable"/> covers.</summary>
    public int FirstDay => _first;

    /// <summary>
    /// The day number of the n-th working day after each day the index spans (<see cref="FirstDay"/> onwards), computed once
    /// per n: a record's due date is one array read. A day whose due date the calendar cannot tell (a year it lacks) holds
    /// <see cref="int.MinValue"/>; <see cref="AddWorkingDays"/> says why.
    /// </summary>
    public int[] DueTable(int n) => _due.GetOrAdd(n, k =>
    {
        var table = new int[_count.Length];
        for (var i = 0; i < table.Length; i++)
        {
            var day = DateOnly.FromDayNumber(_first + i);
            table[i] = k == 0 ? day.DayNumber
                : !_calendar.Covers(day) ? int.MinValue
                : _count[i] + k < _nth.Length && DateOnly.FromDayNumber(_nth[_count[i] + k]) is var due && YearsCovered(day, due) ? due.DayNumber
                : int.MinValue;
        }
        return table;
    });

    private bool YearsCovered(DateOnly from, DateOnly to)
    {
        for (var y = from.Year + 1; y <= to.Year; y++)
            if (!_calendar.Covers(new DateOnly(y, 1, 1)))
                return false;
        return true;
    }

    /// <summary>The n-th working day after start, as <see cref="WorkingDayCalendar.AddWorkingDays"/>.</summary>
    public DateOnly AddWorkingDays(DateOnly start, int n)
    {
        if (n == 0)
            return start;
        var k = _count[Index(start)] + n;
        if (k >= _nth.Length)
            throw Missing(start.Year + 1);
        var due = DateOnly.FromDayNumber(_nth[k]);
        if (due.Year != start.Year)
            Spans(start, due);
        return due;
    }
}

/// <summary>
/// Timeliness and completeness of 双公示 per source department: each record due the rule's days after its decision (working
/// days by the office's calendar, 调休 included, or calendar days where a notice says so), late when reported after that;
/// rows refused at intake count as 错报, records found 属实 in a spot comparison as 漏报.
/// </summary>
public static class DualDisclosureStatistics
{
    public static DisclosureVerdict Judge(StoredDisclosure record, DisclosureRule rule, WorkingDayIndex days)
    {
        var due = rule.WorkingDays ? days.AddWorkingDays(record.DecisionDate, rule.Days) : record.DecisionDate.AddDays(rule.Days);
        var taken = rule.WorkingDays ? days.WorkingDaysAfter(record.DecisionDate, record.ReportedOn) : record.ReportedOn.DayNumber - record.DecisionDate.DayNumber;
        return new(record, due, taken, record.ReportedOn > due);
    }

    /// <summary>Every department that has a record or a wrong row in the period, with its counts.</summary>
    public static IReadOnlyDictionary<long, DepartmentDisclosureStatistics> ByDepartment(IEnumerable<StoredDisclosure> records,
        IEnumerable<WrongDisclosure> wrong, DisclosureRule rule, WorkingDayIndex days)
    {
        var columns = DisclosureColumns.From(records);
        var counts = ByDepartment(columns, rule, days);
        var result = new Dictionary<long, DepartmentDisclosureStatistics>(columns.DepartmentIds.Count);
        for (var i = 0; i < columns.DepartmentIds.Count; i++)
            result[columns.DepartmentIds[i]] = new(columns.DepartmentIds[i], counts.Records[i], counts.OnTime[i], counts.Late[i], 0, counts.Missing[i]);
        // A row refused for several reasons is one wrong record.
        foreach (var w in wrong.DistinctBy(w => (w.UploadId, w.Row)))
            result[w.DepartmentId] = result.TryGetValue(w.DepartmentId, out var s) ? s with { Wrong = s.Wrong + 1 } : new(w.DepartmentId, 0, 0, 0, 1, 0);
        return result;
    }

    /// <summary>
    /// The counts per department index over records held as columns: a record's due date is one read of the index's table
    /// of due dates, and the records are counted in as many slices as there are cores, each into its own counters (ten million
    /// records in one pass, B3). Same answers as <see cref="Judge"/> record by record, including its errors.
    /// </summary>
    public static DisclosureCounts ByDepartment(DisclosureColumns records, DisclosureRule rule, WorkingDayIndex days)
    {
        var departments = records.DepartmentIds.Count;
        var due = rule.WorkingDays ? days.DueTable(rule.Days) : null;
        var first = days.FirstDay;
        var slices = records.Count < 200_000 ? 1 : Math.Min(Environment.ProcessorCount, 8);
        var partial = new DisclosureCounts[slices];
        try
        {
            Parallel.For(0, slices, new ParallelOptions { MaxDegreeOfParallelism = slices }, s =>
            {
                var counts = new DisclosureCounts(departments);
                var from = (int)((long)records.Count * s / slices);
                var to = (int)((long)records.Count * (s + 1) / slices);
                Count(records, from, to, rule, due, first, days, counts);
                partial[s] = counts;
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.FirstOrDefault(x => x is DomainRuleException) is { } calendarError)
        {
            // The calendar's error is the caller's to show (a 409 naming the missing year), not the slices' wrapper.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(calendarError);
        }
        var total = partial[0];
        for (var s = 1; s < slices; s++)
            total.Add(partial[s]);
        return total;
    }

    private static void Count(DisclosureColumns records, int from, int to, DisclosureRule rule, int[]? due, int first, WorkingDayIndex days, DisclosureCounts counts)
    {
        var department = records.Department.AsSpan(0, records.Count);
        var decided = records.Decided.AsSpan(0, records.Count);
        var reported = records.Reported.AsSpan(0, records.Count);
        var concealed = records.Concealed;
        var (total, onTime, late, missing) = (counts.Records, counts.OnTime, counts.Late, counts.Missing);
        for (var i = from; i < to; i++)
        {
            var d = department[i];
            total[d]++;
            if (concealed is not null && concealed[i])
            {
                missing[d]++;
                continue;
            }
            int dueDay;
            if (due is null)
                dueDay = decided[i] + rule.Days;
            else
            {
                var at = decided[i] - first;
                dueDay = (uint)at < (uint)due.Length ? due[at] : int.MinValue;
                // Outside what the calendar covers: the index's own reading throws the calendar's error.
                if (dueDay == int.MinValue)
                    dueDay = days.AddWorkingDays(DateOnly.FromDayNumber(decided[i]), rule.Days).DayNumber;
            }
            if (reported[i] > dueDay)
                late[d]++;
            else
                onTime[d]++;
        }
    }
}

/// <summary>
/// Stored 双公示 records as columns, the way the statistics count them: per record its department's index into
/// <see cref="DepartmentIds"/>, its decision and report dates as day numbers, and whether it was found 属实 (漏报).
/// </summary>
public sealed class DisclosureColumns
{
    public DisclosureColumns(IReadOnlyList<long> departmentIds, int[] department, int[] decided, int[] reported, bool[]? concealed, int count)
    {
        if (department.Length < count || decided.Length < count || reported.Length < count || concealed is not null && concealed.Length < count)
            throw new ArgumentException("Every column holds at least count records.", nameof(count));
        (DepartmentIds, Department, Decided, Reported, Concealed, Count) = (departmentIds, department, decided, reported, concealed, count);
    }

    public IReadOnlyList<long> DepartmentIds { get; }
    public int[] Department { get; }
    public int[] Decided { get; }
    public int[] Reported { get; }

    /// <summary>Null when no record was found 属实.</summary>
    public bool[]? Concealed { get; }

    public int Count { get; }

    public static DisclosureColumns From(IEnumerable<StoredDisclosure> records)
    {
        var list = records as IReadOnlyCollection<StoredDisclosure> ?? records.ToList();
        var ids = new List<long>();
        var index = new Dictionary<long, int>();
        var (department, decided, reported) = (new int[list.Count], new int[list.Count], new int[list.Count]);
        bool[]? concealed = null;
        var i = 0;
        var (lastId, lastIndex) = (long.MinValue, -1);
        foreach (var r in list)
        {
            if (r.DepartmentId != lastId)
            {
                if (!index.TryGetValue(r.DepartmentId, out lastIndex))
                {
                    index[r.DepartmentId] = lastIndex = ids.Count;
                    ids.Add(r.DepartmentId);
                }
                lastId = r.DepartmentId;
            }
            (department[i], decided[i], reported[i]) = (lastIndex, r.DecisionDate.DayNumber, r.ReportedOn.DayNumber);
            if (r.Concealed)
                (concealed ??= new bool[list.Count])[i] = true;
            i++;
        }
        return new(ids, department, decided, reported, concealed, i);
    }
}

/// <summary>Per department index: records, on time, late (迟报) and found missing (漏报).</summary>
public sealed class DisclosureCounts(int departments)
{
    public int[] Records { get; } = new int[departments];
    public int[] OnTime { get; } = new int[departments];
    public int[] Late { get; } = new int[departments];
    public int[] Missing { get; } = new int[departments];

    internal void Add(DisclosureCounts other)
    {
        for (var d = 0; d < Records.Length; d++)
        {
            Records[d] += other.Records[d];
            OnTime[d] += other.OnTime[d];
            Late[d] += other.Late[d];
            Missing[d] += other.Missing[d];
        }
    }
}
