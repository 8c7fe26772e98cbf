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

/// <summary>A row the intake refused: its row number as the uploader sees it (the header is row 1), the column and why.</summary>
public sealed record DisclosureRowError(int Row, string Column, string Reason, string? DecisionNumber = null, string? Department = null);

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
        var columns = mapping.Locate(header);
        var missing = DisclosureColumnMapping.Required.Where(f => !columns.ContainsKey(f)).Select(DisclosureColumnMapping.NameOf).ToList();
        if (!columns.ContainsKey(DisclosureField.CreditCode) && !columns.ContainsKey(DisclosureField.IdNumber))
            missing.Add("统一社会信用代码或证件号码");
        if (missing.Count > 0)
            return new([], [], $"表头缺少列：{string.Join("、", missing)}。请使用双公示报送模板，或在列对应设置中指定这些列的表头。");

        var accepted = new List<AcceptedDisclosure>();
        var rejected = new List<DisclosureRowError>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var rowNumber = 1;
        foreach (var row in rows)
        {
            rowNumber++;
            if (row.All(string.IsNullOrWhiteSpace))
                continue;
            var result = One(row, rowNumber, columns, department, alreadyStored, seen);
            if (result.Errors.Count > 0)
                rejected.AddRange(result.Errors);
            else
                accepted.Add(result.Accepted!);
        }
        return new(accepted, rejected, null);
    }

    private static (AcceptedDisclosure? Accepted, List<DisclosureRowError> Errors) One(IReadOnlyList<string> row, int rowNumber,
        IReadOnlyDictionary<DisclosureField, int> columns, Func<string, DepartmentMatch> department, Func<string, bool> alreadyStored,
        Dictionary<string, int> seen)
    {
        string Cell(DisclosureField f) => columns.TryGetValue(f, out var i) && i < row.Count ? row[i].Trim() : "";
        var errors = new List<DisclosureRowError>();
        var number = Cell(DisclosureField.DecisionNumber);
        var departmentText = Cell(DisclosureField.SourceDepartment);
        void Fail(DisclosureField f, string reason) =>
            errors.Add(new(rowNumber, DisclosureColumnMapping.NameOf(f), reason, number.Length == 0 ? null : number, departmentText.Length == 0 ? null : departmentText));

        var name = Cell(DisclosureField.SubjectName);
        if (name.Length == 0)
            Fail(DisclosureField.SubjectName, "必填项为空");

        var idNumber = Cell(DisclosureField.IdNumber);
        var creditCode = Cell(DisclosureField.CreditCode);
        var isPerson = creditCode.Length == 0 && idNumber.Length > 0;
        if (creditCode.Length == 0 && idNumber.Length == 0)
            Fail(columns.ContainsKey(DisclosureField.CreditCode) ? DisclosureField.CreditCode : DisclosureField.IdNumber, "统一社会信用代码和证件号码都为空，至少填写一项");
        else if (!isPerson && UnifiedSocialCreditCode.Problem(creditCode) is { } codeProblem)
            Fail(DisclosureField.CreditCode, codeProblem);
        else if (isPerson && ResidentIdNumber.Problem(idNumber) is { } idProblem)
            Fail(DisclosureField.IdNumber, idProblem);

        if (number.Length == 0)
            Fail(DisclosureField.DecisionNumber, "必填项为空");
        else if (seen.TryGetValue(number, out var first))
            Fail(DisclosureField.DecisionNumber, $"文书号与第 {first} 行重复");
        else if (alreadyStored(number))
            Fail(DisclosureField.DecisionNumber, "文书号已报送过，不能重复报送");
        if (number.Length > 0)
            seen.TryAdd(number, rowNumber);

        var decided = Date(Cell(DisclosureField.DecisionDate), DisclosureField.DecisionDate, Fail);
        var reported = Date(Cell(DisclosureField.ReportedOn), DisclosureField.ReportedOn, Fail);
        if (decided is { } d && reported is { } r && r < d)
            Fail(DisclosureField.ReportedOn, $"上报日期 {r:yyyy-MM-dd} 早于决定日期 {d:yyyy-MM-dd}");

        DisclosureDepartment? source = null;
        if (departmentText.Length == 0)
            Fail(DisclosureField.SourceDepartment, "必填项为空");
        else if (department(departmentText) is { } match && (source = match.Department) is null)
            Fail(DisclosureField.SourceDepartment, match.Problem ?? DepartmentMatch.Unknown(departmentText).Problem!);

        var category = Cell(DisclosureField.Category);
        var agency = Cell(DisclosureField.Agency);
        // The category says which it is; without one, the wording of a penalty decision number (…罚…) does.
        var kind = category.Length > 0
            ? category.Contains("处罚", StringComparison.Ordinal) ? DisclosureKind.Penalty : DisclosureKind.License
            : number.Contains('罚', StringComparison.Ordinal) ? DisclosureKind.Penalty : DisclosureKind.License;
        if (category.Length > 0 && !category.Contains("处罚", StringComparison.Ordinal) && !category.Contains("许可", StringComparison.Ordinal))
            Fail(DisclosureField.Category, $"信息类别应为行政许可或行政处罚，实为「{category}」");

        // What the store holds at most; a longer value is a wrong cell, not a failed write half-way through the file.
        foreach (var (field, value, max) in new[] { (DisclosureField.SubjectName, name, 500), (DisclosureField.DecisionNumber, number, 200),
            (DisclosureField.Agency, agency, 500), (DisclosureField.CreditCode, creditCode, 30), (DisclosureField.IdNumber, idNumber, 30) })
            if (value.Length > max)
                Fail(field, $"内容过长（{value.Length} 个字符，最多 {max} 个）");
        if (errors.Count > 0)
            return (null, errors);
        var record = new DisclosureRecord(agency.Length > 0 ? agency : source!.Name, kind, number, name, isPerson ? idNumber : creditCode, isPerson, decided!.Value, reported!.Value);
        return (new AcceptedDisclosure(rowNumber, source!, record), errors);
    }

    private static DateOnly? Date(string text, DisclosureField field, Action<DisclosureField, string> fail)
    {
        if (text.Length == 0)
        {
            fail(field, "必填项为空");
            return null;
        }
        if (ParseDate(text) is { } date)
            return date;
        fail(field, $"「{text}」不是日期（应写作 2024-03-05）");
        return null;
    }

    private static int? Digits(string text, int start, int length)
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
    public static DateOnly? ParseDate(string text)
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
