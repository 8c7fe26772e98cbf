using System.Collections.Concurrent;
using System.Text.Json;
using Chengxin.Domain.Calendar;
using Chengxin.Domain.Monitoring;
using Chengxin.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Disclosures;

/// <summary>An office's 双公示 settings as the features use them: mapping, rule and the working-day table of its calendar.</summary>
public sealed record DisclosureOfficeSettings(DisclosureColumnMapping Mapping, DisclosureRule Rule, WorkingDayCalendar Calendar, string CalendarText,
    bool CalendarIsDefault, long Version)
{
    public string RuleText => $"决定之日起 {Rule.Days} 个{(Rule.WorkingDays ? "工作日" : "自然日")}内报送";
}

/// <summary>
/// Reads an office's settings, falling back on the national column template and the official calendar
/// (Chengxin:CalendarFile, else calendars/cn-mainland.yaml beside the server) for what the office has not set.
/// </summary>
public static class DisclosureOffice
{
    private static readonly ConcurrentDictionary<string, WorkingDayIndex> Indexes = new(StringComparer.Ordinal);

    public static string DefaultCalendarText(IConfiguration? config)
    {
        var path = config?["Chengxin:CalendarFile"] is { Length: > 0 } f ? f : Path.Combine(AppContext.BaseDirectory, "calendars", "cn-mainland.yaml");
        return File.ReadAllText(path);
    }

    public static async Task<DisclosureOfficeSettings> LoadAsync(ChengxinDbContext db, long tenantId, IConfiguration? config, CancellationToken ct)
    {
        var row = await db.DisclosureSettings.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(s => s.TenantId == tenantId, ct);
        var text = row?.CalendarYaml ?? DefaultCalendarText(config);
        var mapping = row?.MappingJson is { } json ? MappingFrom(JsonSerializer.Deserialize<Dictionary<string, List<string>>>(json)!) : DisclosureColumnMapping.National;
        return new(mapping, new DisclosureRule(row?.DueDays ?? 7, row?.DueInWorkingDays ?? true), WorkingDayCalendar.Parse(text), text,
            row?.CalendarYaml is null, row?.Version ?? 0);
    }

    /// <summary>The working-day table of a calendar text, built once per text (a year's table is 365 entries; building it walks the calendar).</summary>
    public static WorkingDayIndex Index(DisclosureOfficeSettings settings) =>
        Indexes.GetOrAdd(settings.CalendarText, _ => new WorkingDayIndex(settings.Calendar));

    public static Dictionary<string, List<string>> ColumnsOf(DisclosureColumnMapping mapping) =>
        mapping.Headers.ToDictionary(kv => DisclosureColumnMapping.NameOf(kv.Key), kv => kv.Value.ToList());

    /// <summary>A mapping keyed by the fields' Chinese names (as the settings page shows them); fields not named keep the template's.</summary>
    public static DisclosureColumnMapping MappingFrom(Dictionary<string, List<string>> columns)
    {
        var headers = DisclosureColumnMapping.National.Headers.ToDictionary(kv => kv.Key, kv => kv.Value);
        foreach (var field in Enum.GetValues<DisclosureField>())
            if (columns.TryGetValue(DisclosureColumnMapping.NameOf(field), out var names) && names.Any(n => !string.IsNullOrWhiteSpace(n)))
                headers[field] = names.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n.Trim()).ToList();
        return new(headers);
    }

    /// <summary>
    /// The departments whose 双公示 the caller reads: a data-provider department only itself (a court's scope may span the city
    /// for the facts it supplies, but its own reporting is all it answers for); everyone else the units of its scope.
    /// </summary>
    public static IQueryable<long> Departments(ChengxinDbContext db, Infrastructure.AccessScope scope) =>
        scope.Role == Infrastructure.Roles.DataProvider
            ? db.Units.Where(u => u.Id == scope.UnitId).Select(u => u.Id)
            : db.Units.Select(u => u.Id);

    public static string KindName(string kind) => kind == "penalty" ? "行政处罚" : "行政许可";

    public static DisclosureRejectionView View(DisclosureRejection r) => new(r.Row, r.Column, r.Reason, r.DecisionNumber, r.DepartmentText);

    public static DisclosureUploadSummary Summary(DisclosureUpload u) =>
        new(u.Id, u.FileName, u.Format, u.Encoding, u.AllOrNothing, u.Rows, u.Stored, u.Refused, u.UploadedAt, u.UploadedByName);
}
