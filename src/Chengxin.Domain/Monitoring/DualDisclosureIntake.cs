using System.Globalization;
using Chengxin.Domain.Identifiers;

namespace Chengxin.Domain.Monitoring;

/// <summary>The parts of a 双公示 record an uploaded table carries, each found by one of its header names.</summary>
public enum DisclosureField
{
    SubjectName,
    CreditCode,
    IdNumber,
    DecisionNumber,
    DecisionDate,
    ReportedOn,
    Agency,
    SourceDepartment,
    Category,
}

/// <summary>
/// Which header names stand for which field. The default follows the national 双公示 template (行政许可 and 行政处罚 share
/// most columns and differ in the agency's and the date's wording); an office saves its own when its platform exports others.
/// </summary>
public sealed record DisclosureColumnMapping(IReadOnlyDictionary<DisclosureField, IReadOnlyList<string>> Headers)
{
    public static readonly DisclosureColumnMapping National = new(new Dictionary<DisclosureField, IReadOnlyList<string>>
    {
        [DisclosureField.SubjectName] = ["行政相对人名称", "相对人名称"],
        [DisclosureField.CreditCode] = ["统一社会信用代码", "行政相对人代码_1(统一社会信用代码)", "相对人统一社会信用代码"],
        [DisclosureField.IdNumber] = ["证件号码", "身份证号码", "法定代表人证件号码"],
        [DisclosureField.DecisionNumber] = ["决定文书号", "行政许可决定文书号", "行政处罚决定书文号", "处罚决定书文号", "许可决定书文号"],
        [DisclosureField.DecisionDate] = ["决定日期", "许可决定日期", "处罚决定日期"],
        [DisclosureField.ReportedOn] = ["上报日期", "公示日期", "报送日期"],
        [DisclosureField.Agency] = ["许可机关", "处罚机关", "决定机关"],
        [DisclosureField.SourceDepartment] = ["数据来源单位", "数据来源单位统一社会信用代码", "来源部门"],
        [DisclosureField.Category] = ["信息类别", "类别"],
    });

    /// <summary>The fields a table cannot do without: without one of them no row can be judged.</summary>
    public static readonly IReadOnlyList<DisclosureField> Required =
        [DisclosureField.SubjectName, DisclosureField.DecisionNumber, DisclosureField.DecisionDate, DisclosureField.ReportedOn, DisclosureField.SourceDepartment];

    public static string NameOf(DisclosureField field) => field switch
    {
        DisclosureField.SubjectName => "行政相对人名称",
        DisclosureField.CreditCode => "统一社会信用代码",
        DisclosureField.IdNumber => "证件号码",
        DisclosureField.DecisionNumber => "决定文书号",
        DisclosureField.DecisionDate => "决定日期",
        DisclosureField.ReportedOn => "上报日期",
        DisclosureField.Agency => "许可/处罚机关",
        DisclosureField.SourceDepartment => "数据来源单位",
        DisclosureField.Category => "信息类别",
        _ => field.ToString(),
    };

    /// <summary>The column of each field in this header row; a field none of whose names appears is absent.</summary>
    public IReadOnlyDictionary<DisclosureField, int> Locate(IReadOnlyList<string> header)
    {
        var found = new Dictionary<DisclosureField, int>();
        var trimmed = header.Select(h => h.Trim().Replace("*", "", StringComparison.Ordinal)).ToList();
        foreach (var (field, names) in Headers)
        {
            var at = trimmed.FindIndex(h => names.Contains(h, StringComparer.Ordinal));
            if (at >= 0)
                found[field] = at;
        }
        return found;
    }
}

/// <summary>
/// A row the intake refused: its row number as the uploader sees it (the header is row 1), the column and why; its decision
/// date where the row had a readable one (the period its 错报 counts in).
/// </summary>
public sealed record DisclosureRowError(int Row, string Column, string Reason, string? DecisionNumber = null, string? Department = null,
    DateOnly? DecidedOn = null);

/// <summary>A department a row names, as the office knows it.</summary>
public sealed record DisclosureDepartment(long UnitId, string Name);

/// <summary>What a row's 数据来源单位 named: the department, or why it cannot be taken (unknown, or not the uploader's to report).</summary>
public sealed record DepartmentMatch(DisclosureDepartment? Department, string? Problem)
{
    public static DepartmentMatch Found(DisclosureDepartment department) => new(department, null);

    public static DepartmentMatch Unknown(string text) => new(null, $"本信用办没有名称或代码为「{text}」的单位");

    public static DepartmentMatch NotYours(string name) => new(null, $"不能报送其他单位（{name}）的记录，只能报送本单位的");
}

/// <summary>A row that passed every check, ready to be stored for its department.</summary>
public sealed record AcceptedDisclosure(int Row, DisclosureDepartment Department, DisclosureRecord Record);

/// <summary>What a table came to: the rows taken and the rows refused, with any problem of the table as a whole.</summary>
public sealed record DisclosureIntakeResult(IReadOnlyList<AcceptedDisclosure> Accepted, IReadOnlyList<DisclosureRowError> Rejected, string? TableProblem)
{
    public int Rows => Accepted.Count + Rejected.Select(e => e.Row).Distinct().Count();
}

/// <summary>
/// Validates the rows of an uploaded 双公示 table: required fields, the 统一社会信用代码 (GB 32100) and 身份证 (GB 11643)
/// check digits, dates that parse and come in order (decided, then reported), the source department known to the office, and
/// each 决定文书号 once (within the table and against what is stored). A row with several problems is listed once per problem
/// so the uploader fixes them all in one pass. No I/O: the department lookup and the stored numbers are handed in.
/// </summary>
public static class DualDisclosureIntake
{
    private static readonly string[] DateFormats =
        ["yyyy-MM-dd", "yyyy-M-d", "yyyy/MM/dd", "yyyy/M/d", "yyyyMMdd", "yyyy年M月d日", "yyyy.M.d", "yyyy-MM-dd HH:mm:ss", "yyyy/M/d H:mm:ss", "yyyy-MM-dd HH:mm"];

    public static DisclosureIntakeResult Validate(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows, DisclosureColumnMapping mapping,
        Func<string, DepartmentMatch> department, Func<string, bool> alreadyStored)
    {
        var (check, problem) = Check(header, rows, mapping, department);
        return check is null ? new([], [], problem) : check.Finish(alreadyStored);
    }

    /// <summary>Rows given as text cells (a workbook, a machine push) checked one by one; the stored 文书号 are asked for after.</summary>
    public static (DisclosureTableCheck? Check, string? TableProblem) Check(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows,
        DisclosureColumnMapping mapping, Func<string, DepartmentMatch> department)
    {
        var check = DisclosureTableCheck.Start(header, mapping, department, out var problem);
        if (check is null)
            return (null, problem);
        var rowNumber = 1;
        foreach (var row in rows)
            check.Row(++rowNumber, row);
        return (check, null);
    }

    private static int? Digits(ReadOnlySpan<char> text, int start, int length)
    {
        var value = 0;
        for (var i = start; i < start + length; i++)
        {
            if (text[i] is < '0' or > '9')
                return null;
            value = value * 10 + (text[i] - '0');
        }
        return value;
    }

    /// <summary>A date as people and spreadsheets write it; a workbook stores a date cell as its day number since 1899-12-30.</summary>
    public static DateOnly? ParseDate(string text) => ParseDate(text.AsSpan());

    /// <summary>As <see cref="ParseDate(string)"/>, read where the cell lies.</summary>
    public static DateOnly? ParseDate(ReadOnlySpan<char> text)
    {
        text = text.Trim();
        // The template's own form, yyyy-MM-dd, read digit by digit: a city's upload is a million of them.
        if (text.Length == 10 && text[4] == '-' && text[7] == '-' && Digits(text, 0, 4) is { } y && Digits(text, 5, 2) is { } m && Digits(text, 8, 2) is { } d)
            return m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, m) && y >= 1 ? new DateOnly(y, m, d) : null;
        if (DateTime.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
            return DateOnly.FromDateTime(at);
        if (decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var serial) && serial is >= 20000 and < 80000)
            return new DateOnly(1899, 12, 30).AddDays((int)serial);
        return null;
    }
}

/// <summary>
/// One table's rows checked where they lie (a span of the file's text and the ranges of its cells), in the order
/// <see cref="DualDisclosureIntake"/> describes: a cell becomes a string only when it is stored or quoted in an error, the
/// department and the agency are looked up once per distinct text, and each 文书号 is kept once for the duplicate check. The
/// stored 文书号 are asked for at <see cref="Finish"/>, with the file's numbers (<see cref="DecisionNumbers"/>) known.
/// </summary>
public sealed class DisclosureTableCheck
{
    private const string Required = "必填项为空";
    private static readonly int Fields = Enum.GetValues<DisclosureField>().Length;

    private readonly int[] _at;
    private readonly bool _hasCreditCode;
    private readonly Func<string, DepartmentMatch> _department;
    private readonly Dictionary<string, DepartmentMatch> _departments = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DepartmentMatch>.AlternateLookup<ReadOnlySpan<char>> _departmentsBySpan;
    private readonly Dictionary<string, string> _agencies = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _agenciesBySpan;
    private readonly Dictionary<string, int> _seen;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _seenBySpan;
    private readonly List<AcceptedDisclosure> _accepted;
    private readonly List<string> _acceptedDepartmentText;
    private readonly List<DisclosureRowError> _rejected = [];
    private readonly List<(DisclosureField Field, string Reason)> _errors = [];
    private char[] _buffer = new char[512];
    private Range[] _cells = new Range[16];

    private DisclosureTableCheck(int[] at, Func<string, DepartmentMatch> department, int expectedRows)
    {
        // Sized for the rows up front: a million-row file would otherwise rehash its 文书号 and copy its lists twenty times.
        _seen = new(expectedRows, StringComparer.Ordinal);
        _accepted = new(expectedRows);
        _acceptedDepartmentText = new(expectedRows);
        _at = at;
        _hasCreditCode = at[(int)DisclosureField.CreditCode] >= 0;
        _department = department;
        _departmentsBySpan = _departments.GetAlternateLookup<ReadOnlySpan<char>>();
        _agenciesBySpan = _agencies.GetAlternateLookup<ReadOnlySpan<char>>();
        _seenBySpan = _seen.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The check of a table with this header, or null with the problem of the header (a required column missing).</summary>
    /// <param name="expectedRows">About how many rows follow (a file's line count): only a size to start from, never a limit.</param>
    public static DisclosureTableCheck? Start(IReadOnlyList<string> header, DisclosureColumnMapping mapping, Func<string, DepartmentMatch> department,
        out string? tableProblem, int expectedRows = 0)
    {
        var columns = mapping.Locate(header);
        var missing = DisclosureColumnMapping.Required.Where(f => !columns.ContainsKey(f)).Select(DisclosureColumnMapping.NameOf).ToList();
        if (!columns.ContainsKey(DisclosureField.CreditCode) && !columns.ContainsKey(DisclosureField.IdNumber))
            missing.Add("统一社会信用代码或证件号码");
        if (missing.Count > 0)
        {
            tableProblem = $"表头缺少列：{string.Join("、", missing)}。请使用双公示报送模板，或在列对应设置中指定这些列的表头。";
            return null;
        }
        var at = new int[Fields];
        Array.Fill(at, -1);
        foreach (var (field, column) in columns)
            at[(int)field] = column;
        tableProblem = null;
        return new(at, department, Math.Clamp(expectedRows, 0, 10_000_000));
    }

    /// <summary>
    /// Told of each row as it is accepted, in row order, so that a store may write the first rows while the rest are read. A
    /// row told here is one <see cref="Finish"/> keeps unless the store holds its 文书号 already (a re-sent report).
    /// </summary>
    public Action<AcceptedDisclosure>? Accepted { get; set; }

    /// <summary>The distinct 文书号 of the rows so far: what the store is asked about before <see cref="Finish"/>.</summary>
    public IReadOnlyCollection<string> DecisionNumbers => _seen.Keys;

    /// <summary>A row given as text cells, copied into one buffer and checked as any other.</summary>
    public void Row(int rowNumber, IReadOnlyList<string> cells)
    {
        var length = 0;
        foreach (var cell in cells)
            length += cell.Length;
        if (_buffer.Length < length)
            _buffer = new char[Math.Max(length, _buffer.Length * 2)];
        if (_cells.Length < cells.Count)
            _cells = new Range[Math.Max(cells.Count, _cells.Length * 2)];
        var at = 0;
        for (var i = 0; i < cells.Count; i++)
        {
            cells[i].CopyTo(_buffer.AsSpan(at));
            _cells[i] = new Range(at, at + cells[i].Length);
            at += cells[i].Length;
        }
        Row(rowNumber, _buffer.AsSpan(0, at), _cells.AsSpan(0, cells.Count));
    }

    /// <summary>A row as the ranges of its cells in <paramref name="chars"/>; a row of blank cells is passed over.</summary>
    public void Row(int rowNumber, ReadOnlySpan<char> chars, ReadOnlySpan<Range> cells)
    {
        var blank = true;
        foreach (var cell in cells)
            if (!chars[cell].IsWhiteSpace())
            {
                blank = false;
                break;
            }
        if (blank)
            return;

        _errors.Clear();
        var number = Cell(chars, cells, DisclosureField.DecisionNumber);
        var departmentText = Cell(chars, cells, DisclosureField.SourceDepartment);

        var name = Cell(chars, cells, DisclosureField.SubjectName);
        if (name.IsEmpty)
            Fail(DisclosureField.SubjectName, Required);

        var idNumber = Cell(chars, cells, DisclosureField.IdNumber);
        var creditCode = Cell(chars, cells, DisclosureField.CreditCode);
        var isPerson = creditCode.IsEmpty && !idNumber.IsEmpty;
        // The span checks say whether; the string checks, only for a wrong identifier, say why.
        if (creditCode.IsEmpty && idNumber.IsEmpty)
            Fail(_hasCreditCode ? DisclosureField.CreditCode : DisclosureField.IdNumber, "统一社会信用代码和证件号码都为空，至少填写一项");
        else if (!isPerson && !UnifiedSocialCreditCode.IsValid(creditCode) && UnifiedSocialCreditCode.Problem(creditCode.ToString()) is { } codeProblem)
            Fail(DisclosureField.CreditCode, codeProblem);
        else if (isPerson && !ResidentIdNumber.IsValid(idNumber) && ResidentIdNumber.Problem(idNumber.ToString()) is { } idProblem)
            Fail(DisclosureField.IdNumber, idProblem);

        string? numberText = null;
        if (number.IsEmpty)
            Fail(DisclosureField.DecisionNumber, Required);
        else if (_seenBySpan.TryGetValue(number, out var first))
            Fail(DisclosureField.DecisionNumber, $"文书号与第 {first} 行重复");
        else
            _seen.Add(numberText = number.ToString(), rowNumber);

        var decided = Date(Cell(chars, cells, DisclosureField.DecisionDate), DisclosureField.DecisionDate);
        var reported = Date(Cell(chars, cells, DisclosureField.ReportedOn), DisclosureField.ReportedOn);
        if (decided is { } d && reported is { } r && r < d)
            Fail(DisclosureField.ReportedOn, $"上报日期 {r:yyyy-MM-dd} 早于决定日期 {d:yyyy-MM-dd}");

        DisclosureDepartment? source = null;
        string? departmentString = null;
        if (departmentText.IsEmpty)
            Fail(DisclosureField.SourceDepartment, Required);
        else
        {
            var match = Department(departmentText, out departmentString);
            if ((source = match.Department) is null)
                Fail(DisclosureField.SourceDepartment, match.Problem ?? DepartmentMatch.Unknown(departmentString).Problem!);
        }

        var category = Cell(chars, cells, DisclosureField.Category);
        var agency = Cell(chars, cells, DisclosureField.Agency);
        // The category says which it is; without one, the wording of a penalty decision number (…罚…) does.
        var kind = !category.IsEmpty
            ? category.Contains("处罚", StringComparison.Ordinal) ? DisclosureKind.Penalty : DisclosureKind.License
            : number.Contains('罚') ? DisclosureKind.Penalty : DisclosureKind.License;
        if (!category.IsEmpty && !category.Contains("处罚", StringComparison.Ordinal) && !category.Contains("许可", StringComparison.Ordinal))
            Fail(DisclosureField.Category, $"信息类别应为行政许可或行政处罚，实为「{category}」");

        // What the store holds at most; a longer value is a wrong cell, not a failed write half-way through the file.
        TooLong(DisclosureField.SubjectName, name.Length, 500);
        TooLong(DisclosureField.DecisionNumber, number.Length, 200);
        TooLong(DisclosureField.Agency, agency.Length, 500);
        TooLong(DisclosureField.CreditCode, creditCode.Length, 30);
        TooLong(DisclosureField.IdNumber, idNumber.Length, 30);

        if (_errors.Count > 0)
        {
            var numberOrNull = number.IsEmpty ? null : numberText ?? number.ToString();
            var departmentOrNull = departmentText.IsEmpty ? null : departmentString ?? departmentText.ToString();
            foreach (var (field, reason) in _errors)
                _rejected.Add(new(rowNumber, DisclosureColumnMapping.NameOf(field), reason, numberOrNull, departmentOrNull, decided));
            return;
        }
        var record = new DisclosureRecord(agency.IsEmpty ? source!.Name : Agency(agency), kind, numberText, name.ToString(),
            isPerson ? idNumber.ToString() : creditCode.ToString(), isPerson, decided!.Value, reported!.Value);
        var accepted = new AcceptedDisclosure(rowNumber, source!, record);
        _accepted.Add(accepted);
        _acceptedDepartmentText.Add(departmentString!);
        Accepted?.Invoke(accepted);
    }

    /// <summary>
    /// The 文书号 of rows refused for other problems. A store that writes first and lets its unique index find the re-sent
    /// numbers among the accepted rows still asks about these, so that a refused row lists every one of its problems.
    /// </summary>
    public IReadOnlyList<string> RefusedNumbers()
    {
        // A refused row's errors carry its 文书号; the row is the number's first only if the duplicate check kept it. Read from
        // the few refused rows, not from every number of the file.
        var numbers = new List<string>();
        foreach (var e in _rejected)
            if (e.DecisionNumber is { } number && (numbers.Count == 0 || numbers[^1] != number)
                && _seen.TryGetValue(number, out var first) && first == e.Row)
                numbers.Add(number);
        return numbers;
    }

    /// <summary>What <see cref="Finish"/> is given when the store holds none of the file's 文书号.</summary>
    public static readonly Func<string, bool> NothingStored = _ => false;

    /// <summary>
    /// The outcome, once the store has said which of <see cref="DecisionNumbers"/> it holds: a row whose 文书号 was reported
    /// before is refused as such (listed after its other problems), and the refused rows come in row order. The check is
    /// left as it was, so a store whose first guess was wrong may finish again with what it found.
    /// </summary>
    public DisclosureIntakeResult Finish(Func<string, bool> alreadyStored)
    {
        // Nothing of the file stored before (the usual case, known once the write has gone through): a million-row file's
        // numbers are not each asked about again.
        if (alreadyStored == NothingStored)
            return new(_accepted, [.. _rejected], null);
        var stored = new Dictionary<int, string>();
        foreach (var (number, row) in _seen)
            if (alreadyStored(number))
                stored[row] = number;
        if (stored.Count == 0)
            return new(_accepted, [.. _rejected], null);

        const string again = "文书号已报送过，不能重复报送";
        var column = DisclosureColumnMapping.NameOf(DisclosureField.DecisionNumber);
        var kept = new List<AcceptedDisclosure>(_accepted.Count);
        var rejected = new List<DisclosureRowError>(_rejected);
        for (var i = 0; i < _accepted.Count; i++)
        {
            var a = _accepted[i];
            if (stored.Remove(a.Row, out var number))
                rejected.Add(new(a.Row, column, again, number, _acceptedDepartmentText[i], a.Record.DecisionDate));
            else
                kept.Add(a);
        }
        // What remains was refused already for other problems; the first of them names its department and date.
        foreach (var first in _rejected.DistinctBy(e => e.Row))
            if (stored.Remove(first.Row, out var number))
                rejected.Add(first with { Column = column, Reason = again, DecisionNumber = number });
        return new(kept, [.. rejected.OrderBy(e => e.Row)], null);
    }

    private ReadOnlySpan<char> Cell(ReadOnlySpan<char> chars, ReadOnlySpan<Range> cells, DisclosureField field)
    {
        var at = _at[(int)field];
        return at >= 0 && at < cells.Length ? chars[cells[at]].Trim() : default;
    }

    private void Fail(DisclosureField field, string reason) => _errors.Add((field, reason));

    private void TooLong(DisclosureField field, int length, int max)
    {
        if (length > max)
            Fail(field, $"内容过长（{length} 个字符，最多 {max} 个）");
    }

    private DateOnly? Date(ReadOnlySpan<char> text, DisclosureField field)
    {
        if (text.IsEmpty)
        {
            Fail(field, Required);
            return null;
        }
        if (DualDisclosureIntake.ParseDate(text) is { } date)
            return date;
        Fail(field, $"「{text}」不是日期（应写作 2024-03-05）");
        return null;
    }

    private DepartmentMatch Department(ReadOnlySpan<char> text, out string key)
    {
        if (_departmentsBySpan.TryGetValue(text, out key!, out var match))
            return match;
        key = text.ToString();
        return _departments[key] = _department(key);
    }

    private string Agency(ReadOnlySpan<char> text)
    {
        if (_agenciesBySpan.TryGetValue(text, out var known))
            return known;
        var agency = text.ToString();
        _agencies[agency] = agency;
        return agency;
    }
}
