using System.Globalization;
using Chengxin.Domain.Monitoring;
using Chengxin.Server.Data;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Events;

public sealed record RecordEventRequest(EventKind? Kind, string? Source, string? OccurredOn, string? Content, string? Category, List<long>? UnitIds);

public sealed record EventView(long Id, EventKind Kind, string KindName, string Source, DateOnly OccurredOn, string Content, string Category,
    IReadOnlyList<EventUnitView> Units, EventState State, string StateName, int Version, string RecordedByName, DateTimeOffset RecordedAt,
    string? VerifiedByName, DateTimeOffset? VerifiedAt, string? VerifyReason);

public sealed record EventUnitView(long UnitId, string Name);

/// <summary>
/// Records one complaint or piece of negative public opinion, 待核实 until verified: its source, date, content, category and the
/// units it concerns (each in the caller's scope). Audited.
/// </summary>
public static class RecordEvent
{
    public const int MaxUnits = 100;

    public static async Task<IResult> Record(RecordEventRequest request, ChengxinDbContext db, AccessScope scope, TimeProvider clock, CancellationToken ct)
    {
        var unitIds = (request.UnitIds ?? []).Distinct().ToList();
        // A list of units this long is no event: refused before it becomes a query.
        if (unitIds.Count > MaxUnits)
            return new Validation().Check(false, "unitIds", $"一个事件至多涉及 {MaxUnits} 个单位。").Problem();
        // Every unit is authorised before anything else is looked at: one outside the scope is not found.
        var units = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        if (unitIds.Any(id => !units.ContainsKey(id)))
            return ProblemResponses.NotFound("单位");
        var problems = new List<(string Field, string Column, string Reason)>();
        var record = Check(problems, request.Kind, request.Source, request.OccurredOn, request.Content, request.Category, scope, clock);
        var validation = new Validation();
        foreach (var (field, column, reason) in problems)
            validation.Add(field, $"{column}{reason}。");
        validation.Check(unitIds.Count > 0, "unitIds", "请选择事件涉及的单位。");
        if (!validation.IsValid)
            return validation.Problem();
        record!.Units = unitIds.Select(id => new MonitoringEventUnit { UnitId = id }).ToList();
        db.MonitoringEvents.Add(record);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/events/{record.Id}", View(record, units));
    }

    /// <summary>
    /// Checks an event's fields and builds the record without its units; null when refused, each problem as (field, column, reason)
    /// so that a form names the field and a file's row names the column.
    /// </summary>
    public static MonitoringEventRecord? Check(List<(string Field, string Column, string Reason)> problems, EventKind? kind, string? source,
        string? occurredOn, string? content, string? category, AccessScope scope, TimeProvider clock)
    {
        var count = problems.Count;
        if (kind is null || !Enum.IsDefined(kind.Value))
            problems.Add(("kind", "类型", "须为投诉或负面舆情"));
        Required("source", "来源", source, 100);
        Required("content", "内容", content, 4000);
        if (category is null || !MonitoringEvents.Categories.Contains(category.Trim()))
            problems.Add(("category", "类别", $"须为{string.Join("、", MonitoringEvents.Categories)}之一"));
        var date = DateOnly.TryParseExact(occurredOn?.Trim(), ["yyyy-MM-dd", "yyyy/M/d", "yyyy-M-d"], CultureInfo.InvariantCulture, DateTimeStyles.None,
            out var d) ? d : (DateOnly?)null;
        var today = DateOnly.FromDateTime(BeijingTime.Local(clock.GetUtcNow()).DateTime);
        if (date is not { Year: >= 2000 } || date > today)
            problems.Add(("occurredOn", "日期", "须为 2000 年以来、不晚于今天的日期（如 2023-03-05）"));
        if (problems.Count != count)
            return null;
        return new MonitoringEventRecord
        {
            TenantId = scope.TenantId, Kind = kind!.Value, Source = source!.Trim(), OccurredOn = date!.Value, Content = content!.Trim(),
            Category = category!.Trim(), State = EventState.Pending, RecordedByName = scope.ActorName, RecordedAt = clock.GetUtcNow().UtcDateTime,
        };

        void Required(string field, string column, string? value, int max)
        {
            if (string.IsNullOrWhiteSpace(value))
                problems.Add((field, column, "不能为空"));
            else if (value.Trim().Length > max)
                problems.Add((field, column, $"不能超过 {max} 个字符"));
        }
    }

    public static EventView View(MonitoringEventRecord e, IReadOnlyDictionary<long, string> unitNames) =>
        new(e.Id, e.Kind, MonitoringEvents.KindName(e.Kind), e.Source, e.OccurredOn, e.Content, e.Category,
            e.Units.Where(u => unitNames.ContainsKey(u.UnitId)).Select(u => new EventUnitView(u.UnitId, unitNames[u.UnitId])).ToList(),
            e.State, MonitoringEvents.StateName(e.State), e.Version, e.RecordedByName, BeijingTime.Local(e.RecordedAt), e.VerifiedByName,
            BeijingTime.Local(e.VerifiedAt), e.VerifyReason);
}
