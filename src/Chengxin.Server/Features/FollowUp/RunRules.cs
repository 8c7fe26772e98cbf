using Chengxin.Domain.Campaigns;
using Chengxin.Domain.FollowUp;
using Chengxin.Domain.Schemes;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Notifications;
using Chengxin.Server.Features.Results;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.FollowUp;

public sealed record RunRulesResult(int RemindersIssued, int WarningsRaised, int WarningsCleared);

/// <summary>
/// Runs the office's enabled rules now over the units the caller's scope reaches: reminders before a deadline to units that have
/// not submitted, warnings on a published score below the threshold, on the yellow list or after N late reports in a row. Each
/// cause fires once (its key is unique per office); a warning whose cause no longer holds is cleared. Audited row by row.
/// </summary>
public static class RunRules
{
    public static async Task<IResult> Run(ChengxinDbContext db, AccessScope scope, TimeProvider clock, CancellationToken ct) =>
        TypedResults.Ok(await RunAsync(db, scope, clock.GetUtcNow(), ct));

    public static async Task<RunRulesResult> RunAsync(ChengxinDbContext db, AccessScope scope, DateTimeOffset now, CancellationToken ct)
    {
        var rules = await db.FollowUpRules.Where(r => r.IsEnabled).OrderBy(r => r.Id).ToListAsync(ct);
        if (rules.Count == 0)
            return new RunRulesResult(0, 0, 0);
        var campaigns = await db.Campaigns.AsNoTracking().Where(c => c.State != CampaignState.Draft && c.State != CampaignState.Voided)
            .Join(db.SchemeVersions.AsNoTracking(), c => c.SchemeVersionId, v => v.Id, (c, v) => new { c.Id, c.Name, c.PeriodKey, c.State, c.EvidenceDue, v.SchemeId })
            .ToListAsync(ct);
        var names = campaigns.ToDictionary(c => c.Id, c => c.Name);
        var reminders = new List<WorkReminder>();
        var warnings = new List<FollowUpWarning>();
        var cleared = 0;
        foreach (var rule in rules)
        {
            var family = campaigns.Where(c => SchemeFamily.Of(c.SchemeId) == rule.SchemeFamily).ToList();
            var ids = family.Select(c => c.Id).ToList();
            if (rule.Kind == RuleKind.DeadlineReminder)
            {
                var open = family.Where(c => c.State == CampaignState.Open).Select(c => c.Id).ToList();
                var causes = FollowUpRules.DeadlineReminders(rule.Id, (int)rule.Threshold, now, await ReportsAsync(db, open, ct), id => names[id]);
                foreach (var cause in causes)
                    reminders.Add(IssueReminder.New(scope, cause.UnitId, "报送截止提示", $"{cause.Reason}，请抓紧完成报送。", "请在截止时间前完成报送。",
                        null, now, cause.Key, cause.CampaignId));
                continue;
            }
            IEnumerable<FollowUpCause> held = rule.Kind switch
            {
                RuleKind.ScoreBelow => FollowUpRules.ScoresBelow(rule.Id, rule.Threshold, await ScoresAsync(db, family.Where(c => c.State == CampaignState.Published).Select(c => c.Id), ct)),
                RuleKind.YellowList => FollowUpRules.YellowListed(rule.Id, await ScoresAsync(db, family.Where(c => c.State == CampaignState.Published).Select(c => c.Id), ct)),
                _ => FollowUpRules.ConsecutiveLate(rule.Id, (int)rule.Threshold, now, await ReportsAsync(db, ids, ct), id => names[id]),
            };
            var causeList = held.ToList();
            warnings.AddRange(causeList.Select(c => new FollowUpWarning
            {
                TenantId = scope.TenantId, UnitId = c.UnitId, RuleId = rule.Id, Kind = rule.Kind, CampaignId = c.CampaignId, Reason = c.Reason,
                CauseKey = c.Key, RaisedAt = now.UtcDateTime,
            }));
            // A warning of this rule whose cause no longer holds (a score corrected, a rule's threshold lowered) is cleared.
            var keys = causeList.Select(c => c.Key).ToHashSet();
            foreach (var active in await db.FollowUpWarnings.Where(w => w.RuleId == rule.Id && w.ClearedAt == null).ToListAsync(ct))
            {
                if (keys.Contains(active.CauseKey))
                    continue;
                active.ClearedAt = now.UtcDateTime;
                active.ClearedByName = "系统";
                active.ClearReason = "预警原因已消除";
                active.Version++;
                cleared++;
            }
        }

        // Nothing fires twice for the same cause: causes already stored (in any scope of the office) are dropped before the save.
        var reminderKeys = reminders.Select(r => r.CauseKey!).ToList();
        var warningKeys = warnings.Select(w => w.CauseKey).ToList();
        var firedReminders = await db.WorkReminders.IgnoreQueryFilters([ChengxinDbContext.UnitScopeFilter])
            .Where(r => r.CauseKey != null && reminderKeys.Contains(r.CauseKey)).Select(r => r.CauseKey!).ToListAsync(ct);
        var firedWarnings = await db.FollowUpWarnings.IgnoreQueryFilters([ChengxinDbContext.UnitScopeFilter])
            .Where(w => warningKeys.Contains(w.CauseKey)).Select(w => w.CauseKey).ToListAsync(ct);
        var newReminders = reminders.Where(r => !firedReminders.Contains(r.CauseKey!)).DistinctBy(r => r.CauseKey).ToList();
        var newWarnings = warnings.Where(w => !firedWarnings.Contains(w.CauseKey)).DistinctBy(w => w.CauseKey).ToList();
        db.WorkReminders.AddRange(newReminders);
        db.FollowUpWarnings.AddRange(newWarnings);
        foreach (var reminder in newReminders)
            await FollowUpNotices.ReminderAsync(db, reminder, reminder.CauseKey!, ct);
        foreach (var warning in newWarnings)
        {
            var notice = new Notice("warning", $"预警：{FollowUpRules.KindName(warning.Kind)}", warning.Reason, "/follow-up/warnings", "warning:" + warning.CauseKey);
            await Notices.PostToUnitAsync(db, warning.UnitId, notice, ct);
            await Notices.PostToOfficeAsync(db, scope.TenantId, notice, ct);
        }
        await FollowUpContext.SaveNumberedAsync(db, scope.TenantId, newReminders,
            FollowUpContext.ReminderSeries(db, scope.TenantId, FollowUpContext.Year(now)), (r, n) => r.Sequence = n, ct);
        return new RunRulesResult(newReminders.Count, newWarnings.Count, cleared);
    }

    /// <summary>Each unit's report in the campaigns, as the scope filter lets the caller see them: submitted or not, late or not, due when.</summary>
    private static async Task<List<UnitReport>> ReportsAsync(ChengxinDbContext db, List<long> campaignIds, CancellationToken ct)
    {
        if (campaignIds.Count == 0)
            return [];
        var rows = await db.CampaignUnits.AsNoTracking().Where(cu => campaignIds.Contains(cu.CampaignId))
            .Join(db.Campaigns.AsNoTracking(), cu => cu.CampaignId, c => c.Id, (cu, c) => new { cu.CampaignId, cu.UnitId, c.PeriodKey, c.EvidenceDue })
            .Where(x => db.Units.Any(u => u.Id == x.UnitId))
            .GroupJoin(db.Submissions.AsNoTracking(), x => new { x.CampaignId, x.UnitId }, s => new { s.CampaignId, s.UnitId },
                (x, s) => new { x, s })
            .SelectMany(g => g.s.DefaultIfEmpty(), (g, s) => new
            {
                g.x.CampaignId, g.x.UnitId, g.x.PeriodKey, Due = s == null ? g.x.EvidenceDue : s.Due,
                Submitted = s != null && s.State != SubmissionState.Draft, IsLate = s != null && s.IsLate,
            })
            .ToListAsync(ct);
        return rows.Select(r => new UnitReport(r.CampaignId, r.PeriodKey, r.UnitId, r.Submitted, r.IsLate, BeijingTime.Utc(r.Due))).ToList();
    }

    /// <summary>The published results of the campaigns (the official scores), kept to the caller's scope.</summary>
    private static async Task<List<ScoreRecord>> ScoresAsync(ChengxinDbContext db, IEnumerable<long> campaignIds, CancellationToken ct)
    {
        var scores = new List<ScoreRecord>();
        foreach (var id in campaignIds)
        {
            if (await ResultQueries.LatestSnapshotAsync(db, id, ct) is not { } published)
                continue;
            var visible = await ResultQueries.InScopeAsync(db, published, ct);
            scores.AddRange(visible.Units.Select(u => new ScoreRecord(id, visible.Name, u.UnitId, u.Total, u.Grade)));
        }
        return scores;
    }
}
