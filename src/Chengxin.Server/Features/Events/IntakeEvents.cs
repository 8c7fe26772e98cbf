using Chengxin.Domain.Monitoring;
using Chengxin.Server.Data;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Events;

public sealed record IntakeEvent(EventKind? Kind, string? Source, string? OccurredOn, string? Content, string? Category, List<string>? UnitCodes);

public sealed record IntakeEventsRequest(List<IntakeEvent>? Events);

public sealed record IntakeEventsResult(int Created, IReadOnlyList<long> Ids);

/// <summary>
/// The machine API: another system (the 12345 hotline, the opinion monitor) pushes events with an API token
/// (<c>Authorization: Bearer cx_…</c>), naming units by their codes. Each event is checked as a form's would be; one bad event
/// refuses the batch (<c>events[i].field</c>), and the batch is stored at once. Events arrive 待核实; the office verifies them.
/// </summary>
public static class IntakeEvents
{
    public const int MaxEvents = 1000;

    public static async Task<IResult> Intake(IntakeEventsRequest request, ChengxinDbContext db, AccessScope scope, TimeProvider clock, CancellationToken ct)
    {
        var events = request.Events ?? [];
        var validation = new Validation();
        validation.Check(events.Count is > 0 and <= MaxEvents, "events", $"须有 1 至 {MaxEvents} 个事件。");
        for (var i = 0; i < events.Count && validation.IsValid; i++)
            validation.Check((events[i].UnitCodes?.Count ?? 0) <= RecordEvent.MaxUnits, $"events[{i}].unitCodes", $"一个事件至多涉及 {RecordEvent.MaxUnits} 个单位。");
        if (!validation.IsValid)
            return validation.Problem();
        // The units in the token owner's scope, matched in memory: a batch may name more codes than a query takes parameters.
        var byCode = await db.Units.AsNoTracking().Where(u => u.Code != null).ToDictionaryAsync(u => u.Code!, u => u.Id, ct);
        var records = new List<MonitoringEventRecord>();
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            var problems = new List<(string Field, string Column, string Reason)>();
            var record = RecordEvent.Check(problems, e.Kind, e.Source, e.OccurredOn, e.Content, e.Category, scope, clock);
            var unknown = (e.UnitCodes ?? []).Where(c => !byCode.ContainsKey(c)).ToList();
            if ((e.UnitCodes ?? []).Count == 0)
                problems.Add(("unitCodes", "涉及单位", "不能为空"));
            else if (unknown.Count > 0)
                problems.Add(("unitCodes", "涉及单位", $"编码{string.Join("、", unknown.Select(c => $"“{c}”"))}不存在或不在令牌权限范围内"));
            foreach (var (field, column, reason) in problems)
                validation.Add($"events[{i}].{field}", $"第 {i + 1} 个事件「{column}」{reason}。");
            if (record is not null && problems.Count == 0)
            {
                record.Units = e.UnitCodes!.Select(c => byCode[c]).Distinct().Select(id => new MonitoringEventUnit { UnitId = id }).ToList();
                records.Add(record);
            }
        }
        if (!validation.IsValid)
            return validation.Problem();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.MonitoringEvents.AddRange(records);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(new IntakeEventsResult(records.Count, records.Select(r => r.Id).ToList()));
    }
}
