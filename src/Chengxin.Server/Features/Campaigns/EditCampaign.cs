using Chengxin.Domain;
using Chengxin.Domain.Campaigns;
using Chengxin.Server.Data;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Campaign = Chengxin.Server.Data.Campaign;
using DomainCampaign = Chengxin.Domain.Campaigns.Campaign;

namespace Chengxin.Server.Features.Campaigns;

/// <summary>
/// An edit of a campaign after it was made. A part left out (null) stays as it is; a list given is the new whole list.
/// Revision is the one the editor saw (a stale edit is refused); Reason is required to take out a unit that has
/// submitted, and recorded with every edit.
/// </summary>
public sealed record EditCampaignRequest(
    int? Revision, string? Name, ScheduleRequest? Schedule, List<long>? UnitIds, Dictionary<string, string>? ClassMap,
    List<Guid>? ReviewerIds, string? Reason);

/// <summary>
/// Changes a campaign the office runs: its name, its units while collecting, its reviewers, and its deadlines while
/// collecting (in order, a moved one not into the past). Each edit is one conditional update of the campaign's row
/// (state and revision), audited with the members and schedule before and after.
/// </summary>
public static class EditCampaign
{
    public static async Task<IResult> Handle(long id, EditCampaignRequest request, ChengxinDbContext db, AccessScope scope, SchemeVersions versions,
        TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var validation = new Validation()
            .Check(request.Name is null || !string.IsNullOrWhiteSpace(request.Name), "name", "批次名称不能为空。")
            .Optional("name", request.Name, "批次名称", 200)
            .Optional("reason", request.Reason, "修改原因", 500)
            .Check(request.UnitIds is not { Count: 0 }, "unitIds", "参评单位不能为空。")
            .Check(request.UnitIds is not { Count: > CampaignMembers.MaxUnits }, "unitIds", $"一个批次最多 {CampaignMembers.MaxUnits} 个参评单位。")
            .Check(request.ClassMap is not { Count: > CampaignMembers.MaxListed }, "classMap", $"类别对应关系最多 {CampaignMembers.MaxListed} 条。")
            .Check(request.ReviewerIds is not { Count: > CampaignMembers.MaxListed }, "reviewerIds", $"评审员最多 {CampaignMembers.MaxListed} 名。")
            .Check(request.Schedule is null || !string.IsNullOrWhiteSpace(request.Schedule.EvidenceDue), "schedule.evidenceDue", $"请填写{CampaignSchedules.EvidenceDue}。")
            .Check(request.Schedule?.AppealWindowDays is null or (>= 0 and <= 365), "schedule.appealWindowDays", "申诉期应在 0 到 365 天之间。");
        // Lists past their caps are refused before they reach SQL.
        if (!validation.IsValid)
            return validation.Problem();

        var campaign = await CampaignContext.FindManagedAsync(db, scope, id, ct);
        if (campaign is null)
            return ProblemResponses.NotFound("评价批次");
        if (request.Revision is { } revision && revision != campaign.Revision)
            return ProblemResponses.Conflict("评价批次已被他人修改，请刷新后重试。");
        DomainCampaign.EnsureEditable(campaign.State);
        var version = await db.SchemeVersions.AsNoTracking().FirstAsync(v => v.Id == campaign.SchemeVersionId, ct);
        var domain = campaign.Restore(version);
        var before = Snapshot(campaign);

        var schedule = request.Schedule is { } s ? NewSchedule(s, campaign, now, validation) : null;
        var members = request.UnitIds is { } unitIds ? await NewMembersAsync(db, campaign, version, versions, unitIds, request, validation, ct) : null;
        var reviewers = request.ReviewerIds is { } reviewerIds ? await CampaignMembers.SelectReviewersAsync(db, reviewerIds, validation, ct) : null;
        if (!validation.IsValid)
            return validation.Problem();

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (schedule is not null)
        {
            // The domain decides whether the schedule may still move (collecting or earlier); a refusal is a 409.
            domain.Reschedule(schedule);
            await MoveUnitDeadlinesAsync(db, campaign, schedule, ct);
            campaign.Store(domain);
        }
        if (request.Name is { } name)
            campaign.Name = name.Trim();
        if (members is not null)
        {
            campaign.Units.RemoveAll(u => members.Removed.Contains(u.UnitId));
            campaign.Units.AddRange(members.Added.Select(u => new CampaignUnit { UnitId = u.Unit.Id, SchemeClass = u.SchemeClass }));
        }
        if (reviewers is not null)
        {
            campaign.Reviewers.RemoveAll(r => !reviewers.Contains(r.UserId));
            campaign.Reviewers.AddRange(reviewers.Where(r => campaign.Reviewers.All(x => x.UserId != r)).Select(r => new CampaignReviewer { UserId = r }));
        }
        // The row is always updated, so the edit matches only the state and revision it was decided on: of two racing edits, or an
        // edit racing a transition, one wins and the other is a 409 that changes nothing.
        campaign.Revision++;
        await db.SaveChangesAsync(ct);
        await CampaignContext.RecordAsync(db, scope, campaign, "campaign.edited",
            new { before, after = Snapshot(campaign), reason = string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim() }, now.UtcDateTime, ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok((await CampaignViews.MapAsync(db, [campaign], ct))[0]);
    }

    private static object Snapshot(Campaign c) => new
    {
        name = c.Name,
        liaisonDue = BeijingTime.Local(c.LiaisonDue),
        evidenceDue = BeijingTime.Local(c.EvidenceDue),
        selfAssessmentDue = BeijingTime.Local(c.SelfAssessmentDue),
        reviewDue = BeijingTime.Local(c.ReviewDue),
        appealWindowDays = c.AppealWindowSeconds / 86400,
        units = c.Units.OrderBy(u => u.UnitId).Select(u => new { u.UnitId, u.SchemeClass }).ToList(),
        reviewers = c.Reviewers.Select(r => r.UserId).Order().ToList(),
    };

    private static CampaignSchedule? NewSchedule(ScheduleRequest request, Campaign campaign, DateTimeOffset now, Validation validation)
    {
        var liaison = Instants.Parse(request.LiaisonDue, "schedule.liaisonDue", validation);
        var evidence = Instants.Parse(request.EvidenceDue, "schedule.evidenceDue", validation);
        var self = Instants.Parse(request.SelfAssessmentDue, "schedule.selfAssessmentDue", validation);
        var review = Instants.Parse(request.ReviewDue, "schedule.reviewDue", validation);
        CampaignSchedules.CheckOrder(liaison, evidence, self, review, validation);
        CampaignSchedules.CheckMovedNotPast(liaison, campaign.LiaisonDue, now, "schedule.liaisonDue", CampaignSchedules.LiaisonDue, validation);
        CampaignSchedules.CheckMovedNotPast(evidence, campaign.EvidenceDue, now, "schedule.evidenceDue", CampaignSchedules.EvidenceDue, validation);
        CampaignSchedules.CheckMovedNotPast(self, campaign.SelfAssessmentDue, now, "schedule.selfAssessmentDue", CampaignSchedules.SelfAssessmentDue, validation);
        CampaignSchedules.CheckMovedNotPast(review, campaign.ReviewDue, now, "schedule.reviewDue", CampaignSchedules.ReviewDue, validation);
        if (evidence is null || !validation.IsValid)
            return null;
        var appeal = request.AppealWindowDays is { } days ? TimeSpan.FromDays(days) : TimeSpan.FromSeconds(campaign.AppealWindowSeconds);
        return new CampaignSchedule(liaison, evidence.Value, self, review, appeal);
    }

    /// <summary>
    /// A unit still drafting follows the campaign's deadline; one granted an exception keeps it unless the campaign's is now later.
    /// A unit that has handed in keeps the deadline it was measured against.
    /// </summary>
    private static async Task MoveUnitDeadlinesAsync(ChengxinDbContext db, Campaign campaign, CampaignSchedule schedule, CancellationToken ct)
    {
        var due = schedule.EvidenceDue.UtcDateTime;
        if (due == campaign.EvidenceDue)
            return;
        var drafts = await db.Submissions.Where(x => x.CampaignId == campaign.Id && x.State == SubmissionState.Draft).ToListAsync(ct);
        foreach (var submission in drafts)
            submission.Due = submission.DueExceptionReason is null || submission.Due < due ? due : submission.Due;
    }

    private sealed record Members(IReadOnlyList<CampaignMembers.SelectedUnit> Added, IReadOnlySet<long> Removed);

    private static async Task<Members?> NewMembersAsync(ChengxinDbContext db, Campaign campaign, SchemeVersion version, SchemeVersions versions,
        List<long> unitIds, EditCampaignRequest request, Validation validation, CancellationToken ct)
    {
        var current = campaign.Units.Select(u => u.UnitId).ToHashSet();
        var wanted = unitIds.ToHashSet();
        if (wanted.SetEquals(current))
            return null;
        DomainCampaign.EnsureMembersEditable(campaign.State);

        var added = wanted.Except(current).ToList();
        var removed = current.Except(wanted).ToHashSet();
        var selected = added.Count == 0 ? [] : await CampaignMembers.SelectUnitsAsync(db,
            new OpenCampaignRequest(null, null, null, added, null, null, request.ClassMap, null, null, null, null),
            versions.Compile(version).Scheme, validation, ct);

        // A unit that has handed in its report is not dropped without a word: the office says why, and the audit keeps it.
        var handedIn = await db.Submissions.AsNoTracking()
            .Where(x => x.CampaignId == campaign.Id && removed.Contains(x.UnitId) && x.State != SubmissionState.Draft)
            .Select(x => x.UnitId).ToListAsync(ct);
        if (handedIn.Count > 0 && string.IsNullOrWhiteSpace(request.Reason))
        {
            var names = await db.Units.AsNoTracking()
                .Where(u => handedIn.Contains(u.Id)).OrderBy(u => u.Id).Select(u => u.Name).ToListAsync(ct);
            validation.Add("reason", $"{string.Join("、", names.Select(n => $"「{n}」"))}已提交报送，移出参评单位须填写原因。");
        }
        return new Members(selected, removed);
    }
}
