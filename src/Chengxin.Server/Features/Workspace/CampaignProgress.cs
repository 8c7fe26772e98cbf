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

/// <summary>
/// A campaign's progress over the units in the caller's scope: the counts of all of them, and one page of their rows. unitCount
/// counts those units only; <paramref name="Next"/> is the last unit of this page when more follow (ask again with after=).
/// </summary>
public sealed record CampaignProgressView(long CampaignId, string Name, CampaignState State, string StateName, DateTimeOffset EvidenceDue,
    int UnitCount, int Pending, int Missing, int Submitted, int Late, int Returned, IReadOnlyList<UnitProgressView> Units, long? Next = null);

/// <summary>An item a unit has answered.</summary>
internal sealed record AnsweredItem(long UnitId, string ItemId);

/// <summary>
/// A member of a campaign with its submission's columns and its status worked out in SQL, so that the board counts, filters and
/// pages in the database (issue 19: a province's campaign has thousands of members).
/// </summary>
internal sealed class MemberProgress
{
    public long UnitId { get; init; }
    public string SchemeClass { get; init; } = "";
    public long? SubmissionId { get; init; }
    public SubmissionState? State { get; init; }
    public DateTime? Due { get; init; }
    public DateTime? SubmittedAt { get; init; }
    public bool? IsLate { get; init; }
    public long? LateBySeconds { get; init; }
    public DateTime? ReturnDue { get; init; }
    public string? DueExceptionReason { get; init; }

    /// <summary>The status's place in <see cref="CampaignProgress.Statuses"/>.</summary>
    public int Status { get; init; }
}

/// <summary>The progress board of one campaign: read-only, computed from the submissions as they are now.</summary>
public static class CampaignProgress
{
    public const string Pending = "pending";
    public const string Missing = "missing";
    public const string Submitted = "submitted";
    public const string Late = "late";
    public const string Returned = "returned";

    /// <summary>The five statuses in the board's order; a status is stored in a query as its place here.</summary>
    public static readonly IReadOnlyList<string> Statuses = [Submitted, Late, Returned, Missing, Pending];

    private static int PlaceOf(string status) => Statuses.ToList().IndexOf(status);

    /// <summary>The most rows one page holds, and how many it holds unless asked.</summary>
    public const int MaxPage = 500;
    public const int DefaultPage = 100;

    /// <summary>
    /// The counts of every status over the caller's members (one GROUP BY), and one page of rows in unit order after
    /// <paramref name="after"/> (keyset on the campaign's members), of one <paramref name="status"/> when given, or only those
    /// with a deadline exception.
    /// </summary>
    public static async Task<IResult> Get(long id, ChengxinDbContext db, SchemeVersions versions, TimeProvider clock, CancellationToken ct,
        string? status = null, long? after = null, int? limit = null, bool? withException = null)
    {
        var validation = new Validation()
            .Check(status is null || Statuses.Contains(status), "status", "报送状态只能是按时报送、逾期报送、退回补充、逾期未报或填报中。")
            .Check(limit is null or (>= 1 and <= MaxPage), "limit", $"每页单位数须在 1 到 {MaxPage} 之间。");
        if (!validation.IsValid)
            return validation.Problem();
        var campaign = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (campaign is null)
            return ProblemResponses.NotFound("评价批次");
        var now = clock.GetUtcNow();
        var counts = await CountsAsync(db, campaign, now, ct);
        var query = MembersQuery(db, campaign, now);
        if (status is not null)
        {
            var place = PlaceOf(status);
            query = query.Where(m => m.Status == place);
        }
        if (withException == true)
            query = query.Where(m => m.DueExceptionReason != null);
        if (after is { } last)
            query = query.Where(m => m.UnitId > last);
        var take = limit ?? DefaultPage;
        var page = await query.OrderBy(m => m.UnitId).Take(take + 1).ToListAsync(ct);
        var more = page.Count > take;
        var rows = await RowsAsync(db, versions, campaign, page.Take(take).ToList(), ct);
        return TypedResults.Ok(View(campaign, counts, rows) with { Next = more ? rows[^1].UnitId : null });
    }

    public static readonly IReadOnlyList<string> ExportHeader =
        ["单位", "单位类别", "状态", "已填指标", "应填指标", "退回指标", "截止时间（北京时间）", "提交时间（北京时间）", LatenessHours.Header, "延期原因"];

    /// <summary>The progress board on paper: one row per unit in the caller's scope, times in Beijing time.</summary>
    public static async Task<IResult> Export(long id, ChengxinDbContext db, SchemeVersions versions, TimeProvider clock, CancellationToken ct)
    {
        var campaign = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (campaign is null)
            return ProblemResponses.NotFound("评价批次");
        var units = await RowsOfAllAsync(db, versions, campaign, clock.GetUtcNow(), ct);
        static string Time(DateTimeOffset? at) => at?.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) ?? "";
        var rows = units.Select(u => (IReadOnlyList<object?>)
        [
            u.UnitName, u.UnitClass, u.StatusName, u.ItemsAnswered, u.ItemsApplicable, u.ItemsReturned,
            Time(u.Due), Time(u.SubmittedAt),
            // Lateness in the one unit every export uses (hours, rounded up, so a late report never reads as 0).
            LatenessHours.Of(u.LateBySeconds),
            u.DueExceptionReason,
        ]);
        return TypedResults.File(Xlsx.Write("报送进度", ExportHeader, rows), Xlsx.ContentType, Xlsx.FileName(campaign.Name, "报送进度"));
    }

    /// <summary>
    /// The row of every member in the caller's scope, for the export. The board's counts by status are not read: the export shows
    /// each unit's status in its row, so the counting statement (a GROUP BY over every member) was time spent for nothing.
    /// </summary>
    private static async Task<List<UnitProgressView>> RowsOfAllAsync(ChengxinDbContext db, SchemeVersions versions, Data.Campaign campaign,
        DateTimeOffset now, CancellationToken ct)
    {
        var members = await MembersQuery(db, campaign, now).OrderBy(m => m.UnitId).ToListAsync(ct);
        return await RowsAsync(db, versions, campaign, members, ct);
    }

    /// <summary>How many of the caller's members stand in each status, by their place in <see cref="Statuses"/>: one GROUP BY.</summary>
    public static async Task<int[]> CountsAsync(ChengxinDbContext db, Data.Campaign campaign, DateTimeOffset now, CancellationToken ct)
    {
        var grouped = await MembersQuery(db, campaign, now).GroupBy(m => m.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var counts = new int[Statuses.Count];
        foreach (var g in grouped)
            counts[g.Key] = g.Count;
        return counts;
    }

    private static CampaignProgressView View(Data.Campaign campaign, int[] counts, List<UnitProgressView> rows)
    {
        int Count(string status) => counts[PlaceOf(status)];
        return new CampaignProgressView(campaign.Id, campaign.Name, campaign.State, DomainCampaign.Name(campaign.State), Local(campaign.EvidenceDue),
            counts.Sum(), Count(Pending), Count(Missing), Count(Submitted), Count(Late), Count(Returned), rows);
    }

    /// <summary>
    /// The rows of some members: which items apply (the scheme's rules), and of those which are answered and which returned, each
    /// one query over these members' submissions only.
    /// </summary>
    private static async Task<List<UnitProgressView>> RowsAsync(ChengxinDbContext db, SchemeVersions versions, Data.Campaign campaign,
        List<MemberProgress> members, CancellationToken ct)
    {
        if (members.Count == 0)
            return [];
        var version = await db.SchemeVersions.AsNoTracking().FirstAsync(v => v.Id == campaign.SchemeVersionId, ct);
        var scheme = versions.Compile(version).Scheme;
        var unitIds = members.Select(m => m.UnitId).ToList();
        // Names by the units' keys: the page's few, or the whole board's members (the scope filter holds here too).
        var units = await (members.Count > MaxPage ? CampaignProgress.MembersQuery(db, campaign.Id) : db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)))
            .Select(u => new { u.Id, u.Name, u.Class }).ToDictionaryAsync(u => u.Id, ct);
        var submissionIds = members.Where(m => m.SubmissionId is not null).Select(m => m.SubmissionId!.Value).ToList();
        // A whole board asks by campaign (one range of the submissions' index); a page asks by its own submissions.
        var whole = members.Count > MaxPage;
        var answered = (submissionIds.Count == 0 ? [] : await (whole
                ? AnsweredQuery(db, campaign.Id)
                : db.SubmissionItems.AsNoTracking().Where(i => submissionIds.Contains(i.SubmissionId) && (i.FactsVersion > 0 || i.Explanation != null))
                    .Select(i => new AnsweredItem(i.UnitId, i.ItemId)))
            .ToListAsync(ct)).ToLookup(a => a.UnitId, a => a.ItemId);
        var returned = submissionIds.Count == 0 ? [] : (await (whole
                ? from s in db.Submissions.AsNoTracking()
                  where s.CampaignId == campaign.Id
                  join r in db.ItemReviews.AsNoTracking() on s.Id equals r.SubmissionId
                  where r.State == ItemReviewState.Returned
                  select r.UnitId
                : db.ItemReviews.AsNoTracking().Where(r => submissionIds.Contains(r.SubmissionId) && r.State == ItemReviewState.Returned).Select(r => r.UnitId))
            .ToListAsync(ct)).CountBy(u => u).ToDictionary();

        return members.Select(m =>
        {
            var unit = units[m.UnitId];
            var applicable = scheme.Items.Where(i => i.AppliesToUnit(m.SchemeClass, m.UnitId, unit.Name)).Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
            var state = m.State ?? SubmissionState.Draft;
            var status = Statuses[m.Status];
            return new UnitProgressView(m.UnitId, unit.Name, unit.Class, m.SchemeClass, status, StatusName(status), state,
                DomainSubmission.StateName(state), Local(m.Due ?? campaign.EvidenceDue), Local(m.SubmittedAt), m.IsLate ?? false, m.LateBySeconds ?? 0,
                applicable.Count,
                answered[m.UnitId].Distinct().Count(applicable.Contains),
                returned.GetValueOrDefault(m.UnitId),
                Local(m.ReturnDue), m.DueExceptionReason);
        }).ToList();
    }

    /// <summary>
    /// The campaign's members in the caller's scope, each with its submission (if any) and its status as <see cref="StatusOf"/>
    /// decides it, in SQL: the members by the campaign's key (CampaignId, UnitId), each unit by its key under the scope filter,
    /// its submission by IX_Submissions_CampaignId_UnitId. The rows carry no names: a page asks for its own.
    /// </summary>
    internal static IQueryable<MemberProgress> MembersQuery(ChengxinDbContext db, Data.Campaign campaign, DateTimeOffset now)
    {
        var campaignId = campaign.Id;
        var closed = campaign.State is not (CampaignState.Draft or CampaignState.Open);
        var evidenceDue = campaign.EvidenceDue;
        var nowUtc = now.UtcDateTime;
        const int submitted = 0, late = 1, returned = 2, missing = 3, pending = 4;
        // The members lead (the campaign's key, CampaignId then UnitId), each checked against the scope by its unit's key: a
        // join from the units would lead with the scope's whole path range (every unit of a province) on SQLite's guess.
        return from m in db.CampaignUnits.AsNoTracking()
               where m.CampaignId == campaignId && db.Units.Any(u => u.Id == m.UnitId)
               join s in db.Submissions.AsNoTracking().Where(s => s.CampaignId == campaignId) on m.UnitId equals s.UnitId into answers
               from s in answers.DefaultIfEmpty()
               select new MemberProgress
               {
                   UnitId = m.UnitId, SchemeClass = m.SchemeClass,
                   SubmissionId = s == null ? null : s.Id,
                   State = s == null ? null : s.State,
                   Due = s == null ? null : s.Due,
                   SubmittedAt = s == null ? null : s.SubmittedAt,
                   IsLate = s == null ? null : s.IsLate,
                   LateBySeconds = s == null ? null : s.LateBySeconds,
                   ReturnDue = s == null ? null : s.ReturnDue,
                   DueExceptionReason = s == null ? null : s.DueExceptionReason,
                   Status = s != null && s.State == SubmissionState.Returned ? returned
                       : s == null || s.State == SubmissionState.Draft ? (closed || (s == null ? evidenceDue : s.Due) < nowUtc ? missing : pending)
                       : s.IsLate ? late : submitted,
               };
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
