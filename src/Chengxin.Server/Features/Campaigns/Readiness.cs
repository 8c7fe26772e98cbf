using System.Globalization;
using Chengxin.Domain.Campaigns;
using Chengxin.Server.Data;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Campaign = Chengxin.Server.Data.Campaign;
using Chengxin.Server.Features.Schemes;

namespace Chengxin.Server.Features.Campaigns;

/// <summary>
/// One kind of thing still open before a step: how many, which (units by name, items as 「单位：序号 指标」), whether the
/// office may go on regardless with a recorded reason, and what going on means for the result.
/// </summary>
public sealed record ReadinessItemView(string Kind, string Title, int Count, bool Overridable, string Consequence, IReadOnlyList<string> Names);

/// <summary>An earlier decision to go on regardless: the step, the reason, who and when.</summary>
public sealed record ReadinessOverrideView(string Step, string StepName, string Reason, string By, DateTimeOffset At);

/// <summary>
/// What stands between a campaign and its next step (close collection, request or approve publication). Ready when
/// nothing is open; canOverride when everything open may be passed with a reason. Step is null when the campaign's
/// state has no such step (draft, published).
/// </summary>
public sealed record ReadinessView(long CampaignId, CampaignState State, string? Step, string? StepName, bool Ready, bool CanOverride,
    IReadOnlyList<ReadinessItemView> Open, IReadOnlyList<ReadinessOverrideView> Overrides);

/// <summary>Going on although something is open: override must be true and the reason is recorded in the audit chain.</summary>
public sealed record ReadinessOverrideRequest(bool? Override, string? Reason);

/// <summary>
/// Readiness of the three steps that decide what the public sees (blocking defect 4 of issue 11). Closing collection
/// needs every unit to have reported; a unit that has not may be let go only on purpose: before its deadline the office
/// ends collection early, after it the unit is on record as 逾期未报 and scores 0 as 漏报 (seed 003: 「不得迟报、漏报」;
/// the commitment letter of seed 001 puts the consequences of 漏报 on the unit). Publication needs every submitted item
/// reviewed, every returned unit back, every drawn spot check completed and no appeal undecided; the first two may be
/// passed with a reason (the unit's own facts, or the reviewer's verdicts, then stand), the last two never.
/// </summary>
public static class Readiness
{
    public const string CloseCollection = "close-collection";
    public const string RequestPublication = "request-publication";
    public const string ApprovePublication = "approve-publication";

    public const string OverrideAction = "campaign.readiness-override";

    public const string UnitsBeforeDeadline = "units-before-deadline";
    public const string UnitsMissing = "units-missing";
    public const string UnitsReturned = "units-returned";
    public const string ItemsUnreviewed = "items-unreviewed";
    public const string SpotChecksOpen = "spot-checks-open";
    public const string AppealsPending = "appeals-pending";

    public static string StepName(string step) => step switch
    {
        CloseCollection => "结束收集",
        RequestPublication => "申请发布",
        _ => "审批发布",
    };

    /// <summary>The step a campaign in this state takes next, if any.</summary>
    public static string? StepOf(CampaignState state) => state switch
    {
        CampaignState.Open => CloseCollection,
        CampaignState.Reviewing => RequestPublication,
        CampaignState.PendingPublication => ApprovePublication,
        _ => null,
    };

    public static async Task<IResult> Get(long id, ChengxinDbContext db, SchemeVersions versions, AccessScope scope, TimeProvider clock, CancellationToken ct)
    {
        var campaign = await CampaignContext.FindManagedAsync(db, scope, id, ct);
        if (campaign is null)
            return ProblemResponses.NotFound("评价批次");
        return TypedResults.Ok(await BuildAsync(db, versions, campaign, clock.GetUtcNow(), ct));
    }

    public static async Task<ReadinessView> BuildAsync(ChengxinDbContext db, SchemeVersions versions, Campaign campaign, DateTimeOffset now,
        CancellationToken ct)
    {
        var step = StepOf(campaign.State);
        var open = step switch
        {
            null => [],
            CloseCollection => await CollectionOpenAsync(db, campaign, now, ct),
            _ => await PublicationOpenAsync(db, versions, campaign, ct),
        };
        return new ReadinessView(campaign.Id, campaign.State, step, step is null ? null : StepName(step), open.Count == 0,
            open.All(o => o.Overridable), open, await OverridesAsync(db, campaign.Id, ct));
    }

    /// <summary>
    /// Decides whether the step may go on: Refused is null when it may (nothing open, or everything open passed with a reason),
    /// else the refusal: 400 for an override without its reason, 409 naming what is open. A campaign not in the step's state
    /// is left to the domain, whose refusal names the state. RecordAsync writes a passing override to the audit chain; the caller
    /// calls it after the campaign's own row is updated, in the same transaction, so the override takes its locks in the order
    /// every transition does (campaign first) and a lost or refused step records nothing.
    /// </summary>
    public static async Task<(IResult? Refused, Func<Task> RecordAsync)> CheckAsync(ChengxinDbContext db, SchemeVersions versions, AccessScope scope,
        Campaign campaign, string step, ReadinessOverrideRequest? request, DateTimeOffset now, CancellationToken ct)
    {
        static Task Nothing() => Task.CompletedTask;
        if (StepOf(campaign.State) != step)
            return (null, Nothing);
        var wantsOverride = request?.Override == true;
        if (wantsOverride)
        {
            var validation = new Validation().Required("reason", request!.Reason, "理由", 2000);
            if (!validation.IsValid)
                return (validation.Problem(), Nothing);
        }
        var view = await BuildAsync(db, versions, campaign, now, ct);
        if (view.Ready)
            return (null, Nothing);
        if (!wantsOverride || !view.CanOverride)
        {
            var lines = string.Join("；", view.Open.Select(o => $"{o.Title} {o.Count}（{string.Join("、", o.Names.Take(10))}{(o.Names.Count > 10 ? " 等" : "")}）"));
            var what = view.CanOverride ? "如确需继续，请说明理由后强制继续。" : "请先处理完毕再继续。";
            return (TypedResults.Problem(title: $"尚不能{StepName(step)}", detail: $"还有未完成的事项：{lines}。{what}",
                statusCode: StatusCodes.Status409Conflict, extensions: new Dictionary<string, object?> { ["readiness"] = view }), Nothing);
        }
        return (null, () => CampaignContext.RecordAsync(db, scope, campaign, OverrideAction, new
        {
            step,
            reason = request!.Reason!.Trim(),
            open = view.Open.Select(o => new { o.Kind, o.Title, o.Count, o.Names }),
        }, now.UtcDateTime, ct));
    }

    /// <summary>Units that have not submitted: still within their deadline, or past it (逾期未报).</summary>
    private static async Task<List<ReadinessItemView>> CollectionOpenAsync(ChengxinDbContext db, Campaign campaign, DateTimeOffset now, CancellationToken ct)
    {
        var (names, submissions) = await MembersAsync(db, campaign, ct);
        var before = new List<string>();
        var missing = new List<string>();
        foreach (var member in campaign.Units.OrderBy(u => u.UnitId))
        {
            submissions.TryGetValue(member.UnitId, out var s);
            if (s is not null && s.State != SubmissionState.Draft)
                continue;
            var due = BeijingTime.Utc(s?.Due ?? campaign.EvidenceDue);
            (now > due ? missing : before).Add(names[member.UnitId]);
        }
        var open = new List<ReadinessItemView>();
        if (before.Count > 0)
            open.Add(Open(UnitsBeforeDeadline, before.Count, before));
        if (missing.Count > 0)
            open.Add(Open(UnitsMissing, missing.Count, missing));
        return open;
    }

    private static async Task<List<ReadinessItemView>> PublicationOpenAsync(ChengxinDbContext db, SchemeVersions versions, Campaign campaign,
        CancellationToken ct)
    {
        var (names, submissions) = await MembersAsync(db, campaign, ct);
        var version = await db.SchemeVersions.AsNoTracking().FirstAsync(v => v.Id == campaign.SchemeVersionId, ct);
        var scheme = versions.Compile(version).Scheme;
        var ids = submissions.Values.Select(s => s.Id).ToList();
        var reviews = await db.ItemReviews.IgnoreQueryFilters([ChengxinDbContext.UnitScopeFilter]).AsNoTracking()
            .Where(r => ids.Contains(r.SubmissionId)).ToListAsync(ct);
        var factsVersions = await db.SubmissionItems.IgnoreQueryFilters([ChengxinDbContext.UnitScopeFilter]).AsNoTracking()
            .Where(i => ids.Contains(i.SubmissionId)).Select(i => new { i.SubmissionId, i.ItemId, i.FactsVersion }).ToListAsync(ct);

        // By key, not scanned per item: a province's campaign has tens of thousands of items (issue 19).
        var reviewByItem = reviews.ToDictionary(r => (r.SubmissionId, r.ItemId));
        var versionByItem = factsVersions.ToDictionary(f => (f.SubmissionId, f.ItemId), f => f.FactsVersion);
        var returned = new List<string>();
        var unreviewed = new List<string>();
        var unreviewedCount = 0;
        foreach (var member in campaign.Units.OrderBy(u => u.UnitId))
        {
            if (!submissions.TryGetValue(member.UnitId, out var s) || s.State == SubmissionState.Draft)
                continue;
            if (s.State == SubmissionState.Returned)
            {
                returned.Add(names[member.UnitId]);
                continue;
            }
            if (s.State is not (SubmissionState.Submitted or SubmissionState.Resubmitted))
                continue;
            var waiting = WaitingItems(scheme, member, names[member.UnitId], s, reviewByItem, versionByItem);
            if (waiting.Count == 0)
                continue;
            unreviewedCount += waiting.Count;
            unreviewed.Add($"{names[member.UnitId]}：{string.Join("、", waiting)}");
        }

        var drawn = string.IsNullOrEmpty(campaign.SpotCheckUnitIds) ? []
            : campaign.SpotCheckUnitIds.Split(',').Select(x => long.Parse(x, CultureInfo.InvariantCulture)).ToList();
        var completed = (await db.SpotChecks.IgnoreQueryFilters([ChengxinDbContext.UnitScopeFilter]).AsNoTracking()
            .Where(c => c.CampaignId == campaign.Id && c.State == SpotCheckState.Completed).Select(c => c.UnitId).ToListAsync(ct)).ToHashSet();
        var spot = drawn.Where(u => !completed.Contains(u)).Select(u => names.GetValueOrDefault(u, "")).ToList();

        var appeals = await db.Appeals.IgnoreQueryFilters([ChengxinDbContext.UnitScopeFilter]).AsNoTracking()
            .Where(a => a.CampaignId == campaign.Id && a.State == AppealState.Filed).OrderBy(a => a.Id).Select(a => a.UnitId).ToListAsync(ct);

        var open = new List<ReadinessItemView>();
        if (unreviewedCount > 0)
            open.Add(Open(ItemsUnreviewed, unreviewedCount, unreviewed));
        if (returned.Count > 0)
            open.Add(Open(UnitsReturned, returned.Count, returned));
        if (spot.Count > 0)
            open.Add(Open(SpotChecksOpen, spot.Count, spot));
        if (appeals.Count > 0)
            open.Add(Open(AppealsPending, appeals.Count, appeals.Select(u => names.GetValueOrDefault(u, "")).ToList()));
        return open;
    }

    /// <summary>One kind of open thing in its words: the title, whether it may be passed with a reason, and what passing it means.</summary>
    internal static ReadinessItemView Open(string kind, int count, IReadOnlyList<string> names) => kind switch
    {
        UnitsBeforeDeadline => new(kind, "尚未截止、未报送的单位", count, true, "提前结束收集：这些单位不能再报送，按逾期未报记录，按漏报计 0 分", names),
        UnitsMissing => new(kind, "逾期未报的单位", count, true, "按逾期未报记录，按漏报计 0 分", names),
        ItemsUnreviewed => new(kind, "未复核的指标", count, true, "未复核的指标按单位报送的事实计分；评审给分的指标计 0 分", names),
        UnitsReturned => new(kind, "退回补充后尚未重新提交的单位", count, true, "按评审员的复核结论计分", names),
        SpotChecksOpen => new(kind, "抽查尚未完成的单位", count, false, "抽查完成后才能发布", names),
        _ => new(kind, "尚未处理的申诉", count, false, "申诉处理完毕后才能发布", names),
    };

    /// <summary>
    /// The items of one reported unit that still wait for a verdict (「序号 指标」, in the scheme's order): every item that applies
    /// to the unit, by its verdict and the facts version the verdict saw.
    /// </summary>
    internal static List<string> WaitingItems(Domain.Schemes.Scheme scheme, CampaignUnit member, string name, Data.Submission submission,
        IReadOnlyDictionary<(long SubmissionId, string ItemId), ItemReviewRecord> reviews, IReadOnlyDictionary<(long SubmissionId, string ItemId), long> versions)
    {
        var waiting = new List<string>();
        foreach (var item in scheme.Items.Where(i => i.AppliesToUnit(member.SchemeClass, member.UnitId, name)))
        {
            var record = reviews.GetValueOrDefault((submission.Id, item.Id));
            var current = versions.GetValueOrDefault((submission.Id, item.Id));
            if (ItemReview.AwaitsVerdict(record?.Restore(), current, submission.State))
                waiting.Add(item.No is { Length: > 0 } no ? $"{no} {item.Title}" : item.Title);
        }
        return waiting;
    }

    /// <summary>The campaign's units by name and their submissions, past the unit scope: the caller manages the whole campaign.</summary>
    private static async Task<(Dictionary<long, string> Names, Dictionary<long, Data.Submission> Submissions)> MembersAsync(ChengxinDbContext db,
        Campaign campaign, CancellationToken ct)
    {
        var ids = campaign.Units.Select(u => u.UnitId).ToList();
        var names = await db.Units.IgnoreQueryFilters([ChengxinDbContext.UnitScopeFilter]).AsNoTracking()
            .Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var submissions = await db.Submissions.IgnoreQueryFilters([ChengxinDbContext.UnitScopeFilter]).AsNoTracking()
            .Where(s => s.CampaignId == campaign.Id).ToDictionaryAsync(s => s.UnitId, ct);
        return (names, submissions);
    }

    private static async Task<List<ReadinessOverrideView>> OverridesAsync(ChengxinDbContext db, long campaignId, CancellationToken ct)
    {
        var idText = campaignId.ToString(CultureInfo.InvariantCulture);
        var events = await db.AuditEvents.AsNoTracking()
            .Where(e => e.EntityType == "campaign" && e.EntityId == idText && e.Action == OverrideAction).OrderBy(e => e.Sequence).ToListAsync(ct);
        return events.Select(e =>
        {
            using var json = System.Text.Json.JsonDocument.Parse(e.After ?? "{}");
            var step = json.RootElement.TryGetProperty("step", out var s) ? s.GetString() ?? "" : "";
            var reason = json.RootElement.TryGetProperty("reason", out var r) ? r.GetString() ?? "" : "";
            return new ReadinessOverrideView(step, StepName(step), reason, e.ActorName, BeijingTime.Local(e.At));
        }).ToList();
    }
}
