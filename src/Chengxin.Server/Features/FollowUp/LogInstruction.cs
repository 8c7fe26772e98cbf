using System.Globalization;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Notifications;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.FollowUp;

public sealed record LogInstructionRequest(string? LeaderName, string? InstructedOn, string? Content, List<long>? UnitIds);

public sealed record InstructionView(long Id, string LeaderName, DateOnly InstructedOn, string Content, IReadOnlyList<ReminderView> Reminders);

/// <summary>
/// The office logs a leader's instruction (领导批示); each unit it names gets a work reminder carrying it, once (the instruction and
/// unit are the reminder's cause). Audited.
/// </summary>
public static class LogInstruction
{
    public static async Task<IResult> Log(LogInstructionRequest request, ChengxinDbContext db, AccessScope scope, TimeProvider clock, CancellationToken ct)
    {
        var unitIds = (request.UnitIds ?? []).Distinct().ToList();
        if (unitIds.Count > IssueReminder.MaxUnits)
            return new Validation().Check(false, "unitIds", $"一次至多向 {IssueReminder.MaxUnits} 个单位下发提示单。").Problem();
        var units = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        if (unitIds.Any(id => !units.ContainsKey(id)))
            return ProblemResponses.NotFound("单位");
        var now = clock.GetUtcNow();
        var validation = new Validation()
            .Check(unitIds.Count > 0, "unitIds", "请选择批示涉及的单位。")
            .Required("leaderName", request.LeaderName, "批示领导", 50)
            .Required("content", request.Content, "批示内容", 2000);
        var on = DateOnly.TryParseExact(request.InstructedOn?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d : (DateOnly?)null;
        validation.Check(on is { Year: >= 2000 } && on <= FollowUpContext.Today(now), "instructedOn", "批示日期须为不晚于今天的日期（如 2026-03-02）。");
        if (!validation.IsValid)
            return validation.Problem();

        var instruction = new LeaderInstruction
        {
            TenantId = scope.TenantId, LeaderName = request.LeaderName!.Trim(), Content = request.Content!.Trim(), InstructedOn = on!.Value,
            LoggedByName = scope.ActorName, LoggedAt = now.UtcDateTime,
        };
        db.LeaderInstructions.Add(instruction);
        var reminders = unitIds.Select(id => IssueReminder.New(scope, id, $"关于落实{instruction.LeaderName}批示的提示",
            $"{instruction.LeaderName}于 {instruction.InstructedOn:yyyy年M月d日} 批示：{instruction.Content}", "请按批示要求抓好落实，并反馈落实情况。", null, now,
            instruction: instruction)).ToList();
        db.WorkReminders.AddRange(reminders);
        foreach (var reminder in reminders)
            await FollowUpNotices.ReminderAsync(db, reminder, $"instruction:{Guid.NewGuid():N}", ct);
        // The instruction and its reminders are one save: they exist together or not at all.
        await FollowUpContext.SaveNumberedAsync(db, scope.TenantId, reminders, FollowUpContext.ReminderSeries(db, scope.TenantId, FollowUpContext.Year(now)),
            (r, n) => r.Sequence = n, ct);
        return TypedResults.Ok(new InstructionView(instruction.Id, instruction.LeaderName, instruction.InstructedOn, instruction.Content,
            reminders.Select(r => FollowUpContext.View(r, units[r.UnitId])).ToList()));
    }
}
