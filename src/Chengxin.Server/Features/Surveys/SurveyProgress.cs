using Chengxin.Domain.Surveys;
using Chengxin.Server.Data;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Surveys;

/// <summary>One item's figure for one unit: the sheets counted, the mean per question, the percentage, or 样本不足, in words.</summary>
public sealed record SurveyItemResultView(string ItemId, string ItemTitle, int Responses, IReadOnlyList<decimal?> QuestionMeans, decimal? MeanPoints,
    decimal? Percent, bool IsInsufficient, string Explanation);

public sealed record SurveyUnitProgressView(long UnitId, string UnitName, int Answers, int Discarded, IReadOnlyList<SurveyItemResultView> Items);

/// <summary>Sheets per day (Beijing time), for the progress chart.</summary>
public sealed record SurveyDayCount(string Day, int Answers);

public sealed record SurveyProgressView(long CampaignId, int Answers, int Discarded, int MinimumSample, string StateName,
    IReadOnlyList<SurveyUnitProgressView> Units, IReadOnlyList<SurveyDayCount> Days);

/// <summary>Live progress: sheets so far per unit (within the caller's scope), the figures they give, and sheets per day.</summary>
public static class SurveyProgress
{
    public static async Task<IResult> Get(long campaignId, ChengxinDbContext db, SchemeVersions versions, TimeProvider clock, CancellationToken ct)
    {
        if (await SurveyContext.VisibleAsync(db, versions, campaignId, ct) is not { } found)
            return ProblemResponses.NotFound("评价批次");
        var survey = await db.Surveys.AsNoTracking().FirstOrDefaultAsync(s => s.CampaignId == campaignId, ct);
        // Before the office sets the survey up there is no progress to show, which is an answer, not an error.
        if (survey is null)
            return TypedResults.Ok(new SurveyProgressView(campaignId, 0, 0, GetSurvey.DefaultMinimumSample, "未设置", [], []));
        return TypedResults.Ok(await ReadAsync(db, found.Campaign, found.Scheme.Scheme, survey, clock.GetUtcNow(), ct));
    }

    internal static async Task<SurveyProgressView> ReadAsync(ChengxinDbContext db, Campaign campaign, Chengxin.Domain.Schemes.Scheme scheme,
        SurveyRecord survey, DateTimeOffset now, CancellationToken ct)
    {
        var memberIds = campaign.Units.Select(u => u.UnitId).ToList();
        // The scope filter decides which units the caller sees; the figures are then read for those.
        var units = await db.Units.AsNoTracking().Where(u => memberIds.Contains(u.Id)).Select(u => new { u.Id, u.Name }).ToListAsync(ct);
        var ids = units.Select(u => u.Id).ToList();
        var order = memberIds.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        var sheets = await db.SurveyResponses.AsNoTracking().Where(r => r.SurveyId == survey.Id && ids.Contains(r.UnitId))
            .Select(r => new { r.UnitId, r.AnsweredAt }).ToListAsync(ct);
        var discarded = await db.SurveyDiscards.AsNoTracking().Where(d => d.SurveyId == survey.Id && ids.Contains(d.UnitId))
            .GroupBy(d => d.UnitId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var tallies = await SurveyFacts.TallyAsync(db, campaign.Id, ids, ct);
        var titles = scheme.Items.ToDictionary(i => i.Id, i => i.Title);
        var counts = sheets.GroupBy(s => s.UnitId).ToDictionary(g => g.Key, g => g.Count());
        var views = units.OrderBy(u => order.GetValueOrDefault(u.Id, int.MaxValue)).Select(u => new SurveyUnitProgressView(u.Id, u.Name,
            counts.GetValueOrDefault(u.Id), discarded.GetValueOrDefault(u.Id),
            tallies[u.Id].Select(t => new SurveyItemResultView(t.Key, titles.GetValueOrDefault(t.Key, t.Key), t.Value.Responses, t.Value.QuestionMeans,
                t.Value.MeanPoints, t.Value.Percent, t.Value.IsInsufficient, t.Value.Words())).ToList())).ToList();
        var days = sheets.GroupBy(s => BeijingTime.Local(s.AnsweredAt).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))
            .OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new SurveyDayCount(g.Key, g.Count())).ToList();
        return new SurveyProgressView(campaign.Id, sheets.Count, discarded.Values.Sum(), survey.MinimumSample, SurveyWindow.Name(SurveyWindow.State(survey, now)),
            views, days);
    }
}
