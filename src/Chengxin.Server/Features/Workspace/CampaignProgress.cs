using Chengxin.Domain.Campaigns;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Features.Submissions;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Chengxin.Server.Infrastructure.BeijingTime;
using DomainCampaign = Chengxin.Domain.Campaigns.Campaign;
using DomainSubmission = Chengxin.Domain.Campaigns.Submission;
using Chengxin.Server.Features.Schemes;

namespace Chengxin.Server.Features.Workspace;

/// <summary>
/// Where one unit stands. Status is one of pending (draft, deadline not passed), missing (not submitted, deadline
/// passed), submitted (on time), late (submitted after the deadline, recorded and kept) and returned (sent back
/// for supplement); the five never overlap, so they add up to the units counted.
/// </summary>
public sealed record UnitProgressView(long UnitId, string UnitName, string? UnitClass, string SchemeClass, string Status, string StatusName,
    SubmissionState State, string StateName, DateTimeOffset Due, DateTimeOffset? SubmittedAt, bool IsLate, long LateBySeconds,
    int ItemsApplicable, int ItemsAnswered, int ItemsReturned, DateTimeOffset? ReturnDue, string? DueExceptionReason);

/// <summary>A campaign's progress over the units in the caller's scope; unitCount counts those units only.</summary>
public sealed record CampaignProgressView(long CampaignId, string Name, CampaignState State, string StateName, DateTimeOffset EvidenceDue,
    int UnitCount, int Pending, int Missing, int Submitted, int Late, int Returned, IReadOnlyList<UnitProgressView> Units);

/// <summary>An item a unit has answered.</summary>
internal sealed record AnsweredItem(long UnitId, string ItemId);

/// <summary>The progress board of one campaign: read-only, computed from the submissions as they are now.</summary>
public static class CampaignProgress
{
    public const string Pending = "pending";
    public const string Missing = "missing";
    public const string Submitted = "submitted";
    public const string Late = "late";
    public const string Returned = "returned";

    public static async Task<IResult> Get(long id, ChengxinDbContext db, SchemeVersions versions, AccessScope scope, TimeProvider clock, CancellationToken ct)
    {
        var campaign = await db.Campaigns.AsNoTracking().Include(c => c.Units).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (campaign is null)
            return ProblemResponses.NotFound("评价批次");
        return TypedResults.Ok(await BuildAsync(db, versions, campaign, clock.GetUtcNow(), ct));
    }

    public static readonly IReadOnlyList<string> ExportHeader =
        ["单位", "单位类别", "状态", "已填指标", "应填指标", "退回指标", "截止时间（北京时间）", "提交时间（北京时间）", LatenessHours.Header, "延期原因"];

    /// <summary>The progress board on paper: one row per unit in the caller's scope, times in Beijing time.</summary>
    public static async Task<IResult> Export(long id, ChengxinDbContext db, SchemeVersions versions, AccessScope scope, TimeProvider clock, CancellationToken ct)
    {
        var campaign = await db.Campaigns.AsNoTracking().Include(c => c.Units).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (campaign is null)
            return ProblemResponses.NotFound("评价批次");
        var progress = await BuildAsync(db, versions, campaign, clock.GetUtcNow(), ct);
        static string Time(DateTimeOffset? at) => at?.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) ?? "";
        var rows = progress.Units.Select(u => (IReadOnlyList<object?>)
        [
            u.UnitName, u.UnitClass, u.StatusName, u.ItemsAnswered, u.ItemsApplicable, u.ItemsReturned,
            Time(u.Due), Time(u.SubmittedAt),
            // Lateness in the one unit every export uses (hours, rounded up, so a late report never reads as 0).
            LatenessHours.Of(u.LateBySeconds),
            u.DueExceptionReason,
        ]);
        return TypedResults.File(Xlsx.Write("报送进度", ExportHeader, rows), Xlsx.ContentType, Xlsx.FileName(campaign.Name, "报送进度"));
    }

    internal static async Task<CampaignProgressView> BuildAsync(ChengxinDbContext db, SchemeVersions versions, Data.Campaign campaign,
        DateTimeOffset now, CancellationToken ct)
    {
        // The unit filter keeps units outside the caller's scope out of every list below. Each list is one query by campaign (no
        // list of ids sent back), and answers are looked up by unit rather than scanned per unit.
        var units = await MembersQuery(db, campaign.Id).ToDictionaryAsync(u => u.Id, ct);
        var submissions = await db.Submissions.AsNoTracking().Where(s => s.CampaignId == campaign.Id).ToDictionaryAsync(s => s.UnitId, ct);
        var answered = (await AnsweredQuery(db, campaign.Id).ToListAsync(ct)).ToLookup(a => a.UnitId, a => a.ItemId);
        var returned = (await (
                from s in db.Submissions.AsNoTracking()
                where s.CampaignId == campaign.Id
                join r in db.ItemReviews.AsNoTracking() on s.Id equals r.SubmissionId
                where r.State == ItemReviewState.Returned
                select r.UnitId).ToListAsync(ct)).CountBy(u => u).ToDictionary();
        var version = await db.SchemeVersions.AsNoTracking().FirstAsync(v => v.Id == campaign.SchemeVersionId, ct);
        var scheme = versions.Compile(version).Scheme;

        var rows = new List<UnitProgressView>();
        foreach (var member in campaign.Units.Where(u => units.ContainsKey(u.UnitId)).OrderBy(u => u.UnitId))
        {
            var unit = units[member.UnitId];
            var applicable = scheme.Items.Where(i => i.AppliesToUnit(member.SchemeClass, unit.Id, unit.Name)).Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
            submissions.TryGetValue(unit.Id, out var s);
            var state = s?.State ?? SubmissionState.Draft;
            var due = s?.Due ?? campaign.EvidenceDue;
            var status = StatusOf(state, s?.IsLate ?? false, Utc(due), now, collectionClosed: campaign.State is not (CampaignState.Draft or CampaignState.Open));
            rows.Add(new UnitProgressView(unit.Id, unit.Name, unit.Class, member.SchemeClass, status, StatusName(status), state,
                DomainSubmission.StateName(state), Local(due), s?.SubmittedAt is { } at ? Local(at) : null, s?.IsLate ?? false, s?.LateBySeconds ?? 0,
                applicable.Count,
                answered[unit.Id].Distinct().Count(applicable.Contains),
                returned.GetValueOrDefault(unit.Id),
                s?.ReturnDue is { } rd ? Local(rd) : null, s?.DueExceptionReason));
        }
        int Count(string status) => rows.Count(r => r.Status == status);
        return new CampaignProgressView(campaign.Id, campaign.Name, campaign.State, DomainCampaign.Name(campaign.State), Local(campaign.EvidenceDue),
            rows.Count, Count(Pending), Count(Missing), Count(Submitted), Count(Late), Count(Returned), rows);
    }

    /// <summary>The campaign's member units in the caller's scope: one query joined to the campaign's members.</summary>
    internal static IQueryable<Unit> MembersQuery(ChengxinDbContext db, long campaignId) =>
        db.Units.AsNoTracking().Where(u => db.CampaignUnits.Any(m => m.CampaignId == campaignId && m.UnitId == u.Id));

    /// <summary>
    /// Which items each unit of a campaign has answered (facts entered or an explanation given): one query over the campaign's
    /// submissions (IX_Submissions_CampaignId_UnitId), their items by IX_SubmissionItems_SubmissionId_ItemId.
    /// </summary>
    internal static IQueryable<AnsweredItem> AnsweredQuery(ChengxinDbContext db, long campaignId) =>
        // A join, not EXISTS: SQLite runs a correlated EXISTS as a scan of every submission item of every campaign.
        from s in db.Submissions.AsNoTracking()
        where s.CampaignId == campaignId
        join i in db.SubmissionItems.AsNoTracking() on s.Id equals i.SubmissionId
        where i.FactsVersion > 0 || i.Explanation != null
        select new AnsweredItem(i.UnitId, i.ItemId);

    /// <summary>
    /// Returned wins over everything (the unit has work to do); otherwise a submitted unit is on time or late. A unit that has
    /// not submitted is missing once its deadline has passed, and whatever its deadline once collection has closed.
    /// </summary>
    public static string StatusOf(SubmissionState state, bool isLate, DateTimeOffset due, DateTimeOffset now, bool collectionClosed = false) => state switch
    {
        SubmissionState.Returned => Returned,
        SubmissionState.Draft => collectionClosed || now > due ? Missing : Pending,
        _ => isLate ? Late : Submitted,
    };

    public static string StatusName(string status) => status switch
    {
        Pending => "填报中",
        Missing => "逾期未报",
        Submitted => "按时报送",
        Late => "逾期报送",
        Returned => "退回补充",
        _ => status,
    };

}
