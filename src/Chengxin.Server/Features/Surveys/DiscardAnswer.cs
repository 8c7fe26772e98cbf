using Chengxin.Server.Data;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Surveys;

public sealed record DiscardAnswerRequest(string? Reason);

/// <summary>
/// The office sets an answer sheet aside as abuse (刷票、恶意作答), with its reason; audited. The sheet stays as answered (append-only)
/// and is left out of every figure from then on. A sheet is set aside once: a second attempt, or the loser of a race, is a 409.
/// </summary>
public static class DiscardAnswer
{
    public static async Task<IResult> Discard(long campaignId, long responseId, DiscardAnswerRequest request, ChengxinDbContext db, SchemeVersions versions,
        AccessScope scope, TimeProvider clock, CancellationToken ct)
    {
        if (await SurveyContext.ManagedAsync(db, versions, scope, campaignId, ct) is not { } found)
            return ProblemResponses.NotFound("评价批次");
        var sheet = await db.SurveyResponses.AsNoTracking()
            .Where(r => r.Id == responseId && db.Surveys.Any(s => s.Id == r.SurveyId && s.CampaignId == campaignId)).FirstOrDefaultAsync(ct);
        if (sheet is null)
            return ProblemResponses.NotFound("答卷");
        var validation = new Validation().Required("reason", request.Reason, "作废理由", 500);
        if (!validation.IsValid)
            return validation.Problem();
        if (await db.SurveyDiscards.AnyAsync(d => d.ResponseId == responseId, ct))
            return ProblemResponses.Conflict("这份答卷已经作废。");
        var now = clock.GetUtcNow().UtcDateTime;
        db.SurveyDiscards.Add(new SurveyDiscardRecord
        {
            TenantId = found.Campaign.TenantId, SurveyId = sheet.SurveyId, ResponseId = sheet.Id, UnitId = sheet.UnitId, Reason = request.Reason!.Trim(),
            DiscardedBy = scope.UserId, DiscardedByName = scope.ActorName, DiscardedAt = now,
        });
        await db.SaveChangesAsync(ct);
        await SurveyResults.MarkStaleAsync(db, campaignId, sheet.UnitId, ct);
        var survey = await db.Surveys.AsNoTracking().Include(s => s.Questions).FirstAsync(s => s.Id == sheet.SurveyId, ct);
        var reread = await db.SurveyResponses.AsNoTracking().Include(r => r.Answers).FirstAsync(r => r.Id == sheet.Id, ct);
        return TypedResults.Ok((await ListAnswers.ViewsAsync(db, survey, [reread], ct))[0]);
    }
}

/// <summary>The one way an answer or a discard reaches the stored results: the unit's row is marked stale, and the next read recomputes it.</summary>
internal static class SurveyResults
{
    /// <summary>
    /// Marks the unit's stored result of the campaign stale (nothing is scored on the answering path). A row already stale is marked
    /// again: its stale mark counts up, so a recompute of the row under way when the answer came cannot clear it (ADR 0011).
    /// </summary>
    public static Task MarkStaleAsync(ChengxinDbContext db, long campaignId, long unitId, CancellationToken ct) =>
        db.UnitResults.Where(r => r.CampaignId == campaignId && r.UnitId == unitId).ExecuteUpdateAsync(StaleResults.Mark, ct);
}
