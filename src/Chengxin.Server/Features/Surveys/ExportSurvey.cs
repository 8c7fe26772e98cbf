using Chengxin.Server.Data;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Surveys;

/// <summary>
/// XLSX downloads of a survey, within the caller's scope: the answer sheets with the results per unit and item, and the invitation codes
/// with their addresses and whether each was used. Words only: no ids or keys.
/// </summary>
public static class ExportSurvey
{
    private static readonly string[] InvitationHeader = ["单位", "邀请码", "作答地址", "状态"];
    private static readonly string[] ResultHeader = ["单位", "指标", "有效答卷", "平均分", "满意度", "状态", "说明"];

    public static async Task<IResult> Answers(long campaignId, ChengxinDbContext db, SchemeVersions versions, TimeProvider clock, CancellationToken ct)
    {
        if (await SurveyContext.VisibleAsync(db, versions, campaignId, ct) is not { } found)
            return ProblemResponses.NotFound("评价批次");
        var survey = await db.Surveys.AsNoTracking().Include(s => s.Questions).FirstOrDefaultAsync(s => s.CampaignId == campaignId, ct);
        if (survey is null)
            return TypedResults.File(Xlsx.Write([new XlsxSheet("测评结果", ResultHeader, []), new XlsxSheet("答卷", ["序号", "单位", "作答时间", "来源"], [])]),
                Xlsx.ContentType, Xlsx.FileName(found.Campaign.Name, "满意度测评"));
        var progress = await SurveyProgress.ReadAsync(db, found.Campaign, found.Scheme.Scheme, survey, clock.GetUtcNow(), ct);
        var results = progress.Units.SelectMany(u => u.Items.Select(i => (IReadOnlyList<object?>)
            [u.UnitName, i.ItemTitle, i.Responses, i.MeanPoints, i.Percent, i.IsInsufficient ? "样本不足" : "已计分", i.Explanation])).ToList();
        var sheets = await db.SurveyResponses.AsNoTracking().Include(r => r.Answers).Where(r => r.SurveyId == survey.Id).OrderBy(r => r.Id).ToListAsync(ct);
        var views = await ListAnswers.ViewsAsync(db, survey, sheets, ct);
        var questions = survey.Questions.OrderBy(q => q.No).ToList();
        var answers = views.Select((v, n) => (IReadOnlyList<object?>)
        [
            n + 1, v.UnitName, BeijingTime.Local(v.AnsweredAt).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
            v.ByInvitation ? "邀请码" : "公开链接", .. v.Levels, v.Comment, v.Discarded ? $"已作废：{v.DiscardReason}" : "有效",
        ]).ToList();
        var bytes = Xlsx.Write(
        [
            new XlsxSheet("测评结果", ResultHeader, results),
            new XlsxSheet("答卷", ["序号", "单位", "作答时间", "来源", .. questions.Select((q, i) => $"第{i + 1}题 {q.Text}"), "意见建议", "状态"], answers),
        ]);
        return TypedResults.File(bytes, Xlsx.ContentType, Xlsx.FileName(found.Campaign.Name, "满意度测评"));
    }

    public static async Task<IResult> Invitations(long campaignId, ChengxinDbContext db, SchemeVersions versions, HttpRequest request, CancellationToken ct)
    {
        if (await SurveyContext.VisibleAsync(db, versions, campaignId, ct) is not { } found)
            return ProblemResponses.NotFound("评价批次");
        var survey = await db.Surveys.AsNoTracking().FirstOrDefaultAsync(s => s.CampaignId == campaignId, ct);
        if (survey is null)
            return TypedResults.File(Xlsx.Write("邀请码", InvitationHeader, []), Xlsx.ContentType, Xlsx.FileName(found.Campaign.Name, "问卷邀请码"));
        var codes = await db.SurveyInvitations.AsNoTracking().Where(i => i.SurveyId == survey.Id).OrderBy(i => i.UnitId).ThenBy(i => i.Id).ToListAsync(ct);
        var codeIds = codes.Select(c => c.Id).ToList();
        var used = (await db.SurveyResponses.AsNoTracking().Where(r => r.InvitationId != null && codeIds.Contains(r.InvitationId.Value))
            .Select(r => r.InvitationId!.Value).ToListAsync(ct)).ToHashSet();
        var unitIds = codes.Select(c => c.UnitId).Distinct().ToList();
        var names = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var baseAddress = SurveyContext.BaseAddress(survey, request);
        var rows = codes.Select(c => (IReadOnlyList<object?>)
            [names.GetValueOrDefault(c.UnitId, ""), c.Code, baseAddress + SurveyContext.InvitationPath(c.Code), used.Contains(c.Id) ? "已使用" : "未使用"]).ToList();
        return TypedResults.File(Xlsx.Write("邀请码", InvitationHeader, rows), Xlsx.ContentType, Xlsx.FileName(found.Campaign.Name, "问卷邀请码"));
    }
}
