using Chengxin.Domain.Surveys;
using Chengxin.Server.Data;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Surveys;

/// <summary>One answer sheet as the office sees it: when, by invitation or not, the level of each question, the open text, whether set aside.</summary>
public sealed record SurveyAnswerSheetView(long Id, long UnitId, string UnitName, DateTimeOffset AnsweredAt, bool ByInvitation, IReadOnlyList<string> Levels,
    string? Comment, bool Discarded, string? DiscardReason);

/// <summary>The newest answer sheets of a campaign's survey (of one unit when asked), within the caller's scope, for review of abuse.</summary>
public static class ListAnswers
{
    public const int Limit = 500;

    public static async Task<IResult> List(long campaignId, long? unitId, ChengxinDbContext db, SchemeVersions versions, CancellationToken ct)
    {
        if (await SurveyContext.VisibleAsync(db, versions, campaignId, ct) is null)
            return ProblemResponses.NotFound("评价批次");
        var survey = await db.Surveys.AsNoTracking().Include(s => s.Questions).FirstOrDefaultAsync(s => s.CampaignId == campaignId, ct);
        if (survey is null)
            return TypedResults.Ok(new List<SurveyAnswerSheetView>());
        var sheets = await db.SurveyResponses.AsNoTracking().Include(r => r.Answers)
            .Where(r => r.SurveyId == survey.Id && (unitId == null || r.UnitId == unitId)).OrderByDescending(r => r.Id).Take(Limit).ToListAsync(ct);
        return TypedResults.Ok(await ViewsAsync(db, survey, sheets, ct));
    }

    internal static async Task<List<SurveyAnswerSheetView>> ViewsAsync(ChengxinDbContext db, SurveyRecord survey, IReadOnlyList<SurveyResponseRecord> sheets,
        CancellationToken ct)
    {
        var ids = sheets.Select(s => s.Id).ToList();
        var discards = await db.SurveyDiscards.AsNoTracking().Where(d => ids.Contains(d.ResponseId)).ToDictionaryAsync(d => d.ResponseId, d => d.Reason, ct);
        var unitIds = sheets.Select(s => s.UnitId).Distinct().ToList();
        var names = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var questions = survey.Questions.OrderBy(q => q.No).ToList();
        return sheets.Select(s => new SurveyAnswerSheetView(s.Id, s.UnitId, names.GetValueOrDefault(s.UnitId, ""), BeijingTime.Utc(s.AnsweredAt),
            s.InvitationId is not null,
            questions.Select(q => s.Answers.FirstOrDefault(a => a.QuestionId == q.Id) is { } a ? Satisfaction.Name(a.Level) : "未答").ToList(),
            s.Comment, discards.ContainsKey(s.Id), discards.GetValueOrDefault(s.Id))).ToList();
    }
}
