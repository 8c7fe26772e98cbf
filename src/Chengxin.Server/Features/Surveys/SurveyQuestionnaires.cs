using System.Collections.Concurrent;
using Chengxin.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Surveys;

/// <summary>
/// The questionnaires the public pages show, kept in memory per survey and version, so that a page or a sheet does not load the
/// questions again: the request reads the survey's version with its route, and every edit of the office (setup, early close) raises
/// it, so a changed questionnaire or window is loaded on the next request. Each server instance keeps its own copy; the version read
/// from the database decides, never the copy.
/// </summary>
public sealed class SurveyQuestionnaires
{
    private readonly ConcurrentDictionary<long, SurveyRecord> _surveys = new();

    /// <summary>The survey at this version or a later one, its questions in order; shared and read-only: callers never change it.</summary>
    public async Task<SurveyRecord?> GetAsync(ChengxinDbContext db, long surveyId, int version, CancellationToken ct)
    {
        if (_surveys.TryGetValue(surveyId, out var cached) && cached.Version >= version)
            return cached;
        var survey = await db.Surveys.IgnoreQueryFilters().AsNoTracking().Include(s => s.Questions).FirstOrDefaultAsync(s => s.Id == surveyId, ct);
        if (survey is null)
            return null;
        survey.Questions.Sort((a, b) => a.No.CompareTo(b.No));
        // Two requests may load at once, one of them an older version: the newer stays.
        return _surveys.AddOrUpdate(surveyId, survey, (_, existing) => existing.Version > survey.Version ? existing : survey);
    }
}
