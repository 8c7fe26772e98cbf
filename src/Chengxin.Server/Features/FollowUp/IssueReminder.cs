using Chengxin.Server.Data;
using Chengxin.Server.Features.Notifications;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.FollowUp;

public sealed record IssueReminderRequest(List<long>? UnitIds, string? Title, string? Content, string? ExpectedResponse, string? RespondBy);

/// <summary>
/// The office issues a work reminder (提示单, seed 003 art. 5) by hand to one or many units: one numbered reminder per unit, each
/// with the content, the response expected and by when. Every unit is authorised first; audited.
/// </summary>
public static class IssueReminder
{
    public const int MaxUnits = 500;

    public static async Task<IResult> Issue(IssueReminderRequest request, ChengxinDbContext db, AccessScope scope, TimeProvider clock, CancellationToken ct)
    {
        var unitIds = (request.UnitIds ?? []).Distinct().ToList();
        if (unitIds.Count > MaxUnits)
            return new Validation().Check(false, "unitIds", $"一次至多向 {MaxUnits} 个单位下发提示单。").Problem();
        var units = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        if (unitIds.Any(id => !units.ContainsKey(id)))
            return ProblemResponses.NotFound("单位");
        var validation = new Validation()
            .Check(unitIds.Count > 0, "unitIds", "请选择接收提示单的单位。")
            .Required("title", request.Title, "标题", 200)
            .Required("content", request.Content, "提示内容", 4000)
            .Required("expectedResponse", request.ExpectedResponse, "反馈要求", 1000);
        var now = clock.GetUtcNow();
        var respondBy = string.IsNullOrWhiteSpace(request.RespondBy) ? null : Instants.Parse(request.RespondBy, "respondBy", validation);
        validation.Check(respondBy is null || respondBy > now, "respondBy", "反馈期限须晚于现在。");
        if (!validation.IsValid)
            return validation.Problem();

        var reminders = unitIds.Select(id => New(scope, id, request.Title!.Trim(), request.Content!.Trim(), request.ExpectedResponse!.Trim(),
            respondBy, now)).ToList();
        db.WorkReminders.AddRange(reminders);
        foreach (var reminder in reminders)
            await FollowUpNotices.ReminderAsync(db, reminder, $"reminder:{Guid.NewGuid():N}", ct);
        await FollowUpContext.SaveNumberedAsync(db, scope.TenantId, reminders, FollowUpContext.ReminderSeries(db, scope.TenantId, FollowUpContext.Year(now)),
            (r, n) => r.Sequence = n, ct);
        return TypedResults.Ok(reminders.Select(r => FollowUpContext.View(r, units[r.UnitId])).ToList());
    }

    internal static WorkReminder New(AccessScope scope, long unitId, string title, string content, string expected, DateTimeOffset? respondBy,
        DateTimeOffset now, string? causeKey = null, long? campaignId = null, LeaderInstruction? instruction = null) => new()
    {
        TenantId = scope.TenantId, UnitId = unitId, Year = FollowUpContext.Year(now), Title = title, Content = content, ExpectedResponse = expected,
        RespondBy = respondBy?.UtcDateTime, CauseKey = causeKey, CampaignId = campaignId, Instruction = instruction,
        IssuedByName = scope.ActorName, IssuedAt = now.UtcDateTime,
    };
}
