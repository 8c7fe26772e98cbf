using Chengxin.Domain.Surveys;
using Chengxin.Server.Data;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Surveys;

public sealed record SurveyQuestionInput(string ItemId, string? Text);

public sealed record SetUpSurveyRequest(string? Title, string? Intro, IReadOnlyList<SurveyQuestionInput>? Questions, decimal VerySatisfiedPoints,
    decimal SatisfiedPoints, decimal FairlySatisfiedPoints, decimal DissatisfiedPoints, decimal VeryDissatisfiedPoints, SatisfactionDefinition? Definition,
    int MinimumSample, bool AllowsComment, string? OpensAt, string? ClosesAt, string? PublicBaseAddress, int ExpectedVersion);

/// <summary>
/// The office sets up (or edits) a campaign's questionnaire: each question asks about one 问卷测评 item, the levels' points, the
/// definition of the percentage, the minimum sample, the window (within the campaign's schedule: it closes no later than the review
/// deadline, or the evidence deadline when there is none) and the public address. Audited. The caller sends the version it read (0
/// for a new one): of two racing edits one is stored, the other is a 409. Once sheets exist the questions stay the same ones (their
/// wording may still be corrected), so that no answer loses its question.
/// </summary>
public static class SetUpSurvey
{
    public static async Task<IResult> SetUp(long campaignId, SetUpSurveyRequest request, ChengxinDbContext db, SchemeVersions versions, AccessScope scope,
        TimeProvider clock, HttpRequest http, CancellationToken ct)
    {
        if (await SurveyContext.ManagedAsync(db, versions, scope, campaignId, ct) is not { } found)
            return ProblemResponses.NotFound("评价批次");
        var (campaign, scheme) = found;
        var items = SurveyContext.SurveyedItems(scheme.Scheme).ToDictionary(i => i.Id);
        var questions = request.Questions ?? [];
        var validation = new Validation()
            .Required("title", request.Title, "问卷标题", 100)
            .Optional("intro", request.Intro, "问卷说明", 1000)
            .Check(items.Count > 0, "questions", "本批次的指标体系没有考察方式为“问卷测评”的指标，无需问卷。")
            .Check(request.Definition is not null && Enum.IsDefined(request.Definition.Value), "definition", "请选择满意度的计算方法。")
            .Check(request.MinimumSample is >= 1 and <= 100_000, "minimumSample", "最少有效答卷数须在 1 至 100000 之间。");
        for (var i = 0; i < questions.Count; i++)
        {
            if (!items.ContainsKey(questions[i].ItemId ?? ""))
                validation.Add($"questions[{i}].itemId", "问卷的题目须对应本批次考察方式为“问卷测评”的指标。");
            validation.Required($"questions[{i}].text", questions[i].Text, $"第 {i + 1} 题的题目", 300);
        }
        foreach (var item in items.Values.Where(item => questions.All(q => q.ItemId != item.Id)))
            validation.Add("questions", $"指标「{item.Title}」至少要有一道题。");
        var points = new LevelPoints(request.VerySatisfiedPoints, request.SatisfiedPoints, request.FairlySatisfiedPoints, request.DissatisfiedPoints,
            request.VeryDissatisfiedPoints);
        if (points.Problem() is { } problem)
            validation.Add("points", problem);
        var now = clock.GetUtcNow();
        var opens = string.IsNullOrWhiteSpace(request.OpensAt) ? now : Instants.Parse(request.OpensAt, "opensAt", validation);
        var closes = Instants.Parse(request.ClosesAt, "closesAt", validation);
        var latest = BeijingTime.Utc(campaign.ReviewDue ?? campaign.EvidenceDue);
        if (closes is { } c && opens is { } o)
        {
            validation.Check(c > o, "closesAt", "结束时间须晚于开始时间。")
                .Check(c <= latest, "closesAt", $"结束时间不能晚于本批次的{(campaign.ReviewDue is null ? "材料报送截止时间" : "复核截止时间")}（{BeijingTime.Local(latest):yyyy-MM-dd HH:mm}）。");
        }
        else if (closes is null && string.IsNullOrWhiteSpace(request.ClosesAt))
            validation.Add("closesAt", "请填写结束时间。");
        if (request.PublicBaseAddress is { Length: > 0 } address
            && (!Uri.TryCreate(address.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Query.Length > 0 || address.Length > 200))
            validation.Add("publicBaseAddress", "对外访问地址须是以 http:// 或 https:// 开头的网址，例如 https://xyb.example.gov.cn。");
        if (!validation.IsValid)
            return validation.Problem();

        var survey = await db.Surveys.Include(s => s.Questions).FirstOrDefaultAsync(s => s.CampaignId == campaignId, ct);
        if ((survey?.Version ?? 0) != request.ExpectedVersion)
            return ProblemResponses.Conflict(DatabaseConflicts.Message);
        if (survey is null)
        {
            survey = new SurveyRecord { TenantId = campaign.TenantId, CampaignId = campaign.Id, Title = "", Intro = "" };
            db.Surveys.Add(survey);
        }
        else if (await db.SurveyResponses.IgnoreQueryFilters().AnyAsync(r => r.SurveyId == survey.Id, ct))
        {
            var before = survey.Questions.OrderBy(q => q.No).Select(q => q.ItemId).ToList();
            if (!before.SequenceEqual(questions.Select(q => q.ItemId)))
                return ProblemResponses.Conflict("已有答卷，题目不能再增删或调整顺序，只能修改措辞。");
        }
        survey.Title = request.Title!.Trim();
        survey.Intro = request.Intro?.Trim() ?? "";
        (survey.VerySatisfiedPoints, survey.SatisfiedPoints, survey.FairlySatisfiedPoints, survey.DissatisfiedPoints, survey.VeryDissatisfiedPoints) =
            (points.VerySatisfied, points.Satisfied, points.FairlySatisfied, points.Dissatisfied, points.VeryDissatisfied);
        survey.Definition = request.Definition!.Value;
        survey.MinimumSample = request.MinimumSample;
        survey.AllowsComment = request.AllowsComment;
        survey.OpensAt = opens!.Value.UtcDateTime;
        survey.ClosesAt = closes!.Value.UtcDateTime;
        survey.PublicBaseAddress = string.IsNullOrWhiteSpace(request.PublicBaseAddress) ? null : request.PublicBaseAddress.Trim().TrimEnd('/');
        survey.UpdatedAt = now.UtcDateTime;
        survey.Version++;
        // Same questions keep their rows (answers point at them); the wording follows the request.
        var kept = survey.Questions.OrderBy(q => q.No).ToList();
        if (kept.Select(q => q.ItemId).SequenceEqual(questions.Select(q => q.ItemId)))
        {
            for (var i = 0; i < kept.Count; i++)
                kept[i].Text = questions[i].Text!.Trim();
        }
        else
        {
            survey.Questions.Clear();
            survey.Questions.AddRange(questions.Select((q, i) => new SurveyQuestionRecord { No = i + 1, ItemId = q.ItemId, Text = q.Text!.Trim() }));
        }
        await db.SaveChangesAsync(ct);
        await SurveyContext.EnsureLinksAsync(db, survey, campaign, ct);
        // The definition, the points or the minimum may change every unit's figure.
        await db.UnitResults.Where(r => r.CampaignId == campaign.Id).ExecuteUpdateAsync(StaleResults.Mark, ct);
        return TypedResults.Ok(await GetSurvey.ViewAsync(db, campaign, scheme.Scheme, survey, now, http, ct));
    }
}
