using Chengxin.Domain.Schemes;
using Chengxin.Domain.Scoring;
using Chengxin.Domain.Surveys;
using Chengxin.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Surveys;

/// <summary>
/// The survey kind of system facts (<see cref="SystemFacts.SurveySatisfaction"/>): per unit, per item of the questionnaire, the tally
/// of its valid answer sheets (discarded ones left out). The facts query reads it; the office's pages show the same tally, so the
/// figure an item scores from and the figure on the progress page are one computation. Rows are read past the unit scope, as every
/// facts source is: the caller has already established that the units are its to see.
/// </summary>
public static class SurveyFacts
{
    /// <summary>Per unit, per scheme item of the questionnaire, the tally; empty when the campaign has no survey.</summary>
    public static async Task<Dictionary<long, Dictionary<string, SatisfactionTally>>> TallyAsync(ChengxinDbContext db, long campaignId,
        IReadOnlyCollection<long> unitIds, CancellationToken ct)
    {
        var result = unitIds.ToDictionary(u => u, _ => new Dictionary<string, SatisfactionTally>(StringComparer.Ordinal));
        var survey = await db.Surveys.IgnoreQueryFilters().AsNoTracking().Include(s => s.Questions).FirstOrDefaultAsync(s => s.CampaignId == campaignId, ct);
        if (survey is null || unitIds.Count == 0)
            return result;
        var single = unitIds.Count == 1 ? unitIds.First() : (long?)null;
        var discarded = db.SurveyDiscards.IgnoreQueryFilters().Where(d => d.SurveyId == survey.Id).Select(d => d.ResponseId);
        var rows = await (from a in db.SurveyAnswers
                          join r in db.SurveyResponses.IgnoreQueryFilters() on a.ResponseId equals r.Id
                          where r.SurveyId == survey.Id && (single == null || r.UnitId == single) && !discarded.Contains(r.Id)
                          select new { r.UnitId, a.ResponseId, a.QuestionId, a.Level }).ToListAsync(ct);
        var byUnit = rows.ToLookup(r => r.UnitId);
        foreach (var item in survey.Questions.GroupBy(q => q.ItemId))
        {
            var questions = item.OrderBy(q => q.No).Select(q => q.Id).ToList();
            foreach (var unitId in unitIds)
            {
                var sheets = byUnit[unitId].GroupBy(r => r.ResponseId)
                    .Select(sheet => (IReadOnlyList<SatisfactionLevel?>)questions.Select(q => sheet.FirstOrDefault(a => a.QuestionId == q)?.Level).ToList())
                    .Where(levels => levels.Any(l => l is not null)).ToList();
                result[unitId][item.Key] = Satisfaction.Tally(sheets, questions.Count, survey.Points, survey.Definition, survey.MinimumSample);
            }
        }
        return result;
    }

    /// <summary>
    /// The satisfaction facts of the scheme's items for the units: the item's percentage for each fact of the survey kind, absent
    /// while the sample is insufficient (the reviewer states it then), with the words of how it was reached.
    /// </summary>
    public static async Task<Dictionary<long, Dictionary<string, (FactValue Value, string Words)>>> LoadAsync(ChengxinDbContext db, long campaignId,
        Scheme scheme, IReadOnlyCollection<long> unitIds, CancellationToken ct)
    {
        var result = unitIds.ToDictionary(u => u, _ => new Dictionary<string, (FactValue, string)>(StringComparer.Ordinal));
        var wanted = scheme.Items.SelectMany(i => i.Facts.Where(f => SystemFacts.KindOf(f.Supplier) == SystemFacts.SurveySatisfaction).Select(f => (Item: i.Id, f.Key)))
            .ToList();
        if (wanted.Count == 0)
            return result;
        foreach (var (unitId, items) in await TallyAsync(db, campaignId, unitIds, ct))
        {
            foreach (var (item, key) in wanted)
            {
                if (items.TryGetValue(item, out var tally) && tally.Counted is { } percent)
                    result[unitId][key] = (FactValue.Num(percent), tally.Words());
            }
        }
        return result;
    }
}
