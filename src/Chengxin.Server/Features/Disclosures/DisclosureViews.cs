namespace Chengxin.Server.Features.Disclosures;

/// <summary>A refused row as the uploader sees it: row number (the header is row 1), column, reason in Chinese.</summary>
public sealed record DisclosureRejectionView(int Row, string Column, string Reason, string? DecisionNumber, string? Department);

public sealed record DisclosureUploadSummary(long Id, string FileName, string Format, string? Encoding, bool AllOrNothing, int Rows, int Stored,
    int Refused, DateTime UploadedAt, string UploadedByName);

public sealed record DisclosureUploadView(DisclosureUploadSummary Upload, List<DisclosureRejectionView> Rejections);

public sealed record DepartmentDisclosureView(long UnitId, string Name, int Records, int OnTime, int Late, int Wrong, int Missing, decimal? OnTimeShare);

/// <summary>The statistics of a period: the rule applied (in words), and one row per department with records or refused rows.</summary>
public sealed record DisclosureStatisticsView(DateOnly From, DateOnly To, string Rule, List<DepartmentDisclosureView> Departments);

/// <summary>One stored record with its verdict: 按时, 迟报 or 漏报 (found 属实 in a spot comparison).</summary>
public sealed record DisclosureRecordView(long Id, string Kind, string DecisionNumber, string SubjectName, string SubjectCode, string Agency,
    DateOnly DecisionDate, DateOnly ReportedOn, DateOnly Due, int DaysTaken, string Standing, string? FindingReason);

public sealed record DisclosureRecordsView(long UnitId, string Name, DateOnly From, DateOnly To, string Rule, List<DisclosureRecordView> Records,
    List<DisclosureRejectionView> Wrong);

/// <summary>The office's settings: each field's header names, the reporting rule, and the holiday calendar (YAML) with its years.</summary>
public sealed record DisclosureSettingsView(Dictionary<string, List<string>> Columns, int DueDays, bool DueInWorkingDays, string Calendar,
    List<int> CalendarYears, bool CalendarIsDefault, long Version);

public sealed record SaveDisclosureSettingsRequest(Dictionary<string, List<string>>? Columns, int? DueDays, bool? DueInWorkingDays, string? Calendar,
    long? Version);

public sealed record RecordDisclosureFindingRequest(string? Reason);

/// <summary>One record as a machine client pushes it; the fields are those of the national template.</summary>
public sealed record PushedDisclosure(string? SubjectName, string? CreditCode, string? IdNumber, string? DecisionNumber, string? DecisionDate,
    string? ReportedOn, string? Agency, string? SourceDepartment, string? Category);

public sealed record PushDisclosuresRequest(List<PushedDisclosure>? Records, bool? AllOrNothing, string? BatchName);
