using System.Text.Json;
using Chengxin.Domain;
using Chengxin.Domain.Campaigns;
using Chengxin.Domain.Scoring;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Features.Facts;
using Chengxin.Server.Features.Submissions;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Reviews;

/// <summary>
/// A verdict on one item. action: confirm, correct (facts + reason) or return (reason + supplementDue, Beijing time
/// unless an offset is given). expectedVersion is the review version the reviewer saw (0 for none yet).
/// </summary>
public sealed record ReviewItemRequest(string? Action, long? ExpectedVersion, Dictionary<string, JsonElement>? Facts, string? Reason, string? SupplementDue);

/// <summary>An item's review: its verdict, whether the facts changed since (stale), and the score from the reviewed facts.</summary>
public sealed record ItemReviewView(string ItemId, ItemReviewState State, string StateName, string? ReviewerName, string? Reason,
    long FactsVersionSeen, long CurrentFactsVersion, long Version, bool IsStale, decimal SelfScore, decimal ReviewedScore, string ReviewedExplanation,
    DateTimeOffset? ReviewedAt, bool IsLate);

/// <summary>Reviewers work item by item through the domain's ItemReview: a stale expected version is a 409, never an overwrite.</summary>
public static class ManageReviews
{
    public static readonly string ReviewSource = FactSource.Reviewer.Name;

    public static async Task<IResult> Get(long campaignId, long unitId, string itemId, ChengxinDbContext db, SchemeVersions versions, CancellationToken ct)
    {
        var context = await ManageSubmissions.LoadAsync(db, versions, campaignId, unitId, ct);
        if (context?.Submission is null || context.Scheme.Scheme.Items.All(i => i.Id != itemId))
            return ProblemResponses.NotFound("复核记录");
        var record = await db.ItemReviews.AsNoTracking().FirstOrDefaultAsync(r => r.SubmissionId == context.Submission.Id && r.ItemId == itemId, ct);
        return TypedResults.Ok(await MapAsync(db, context, itemId, record, ct));
    }

    public static async Task<IResult> Review(long campaignId, long unitId, string itemId, ReviewItemRequest request, ChengxinDbContext db,
        SchemeVersions versions, AccessScope scope, TimeProvider clock, CancellationToken ct)
    {
        var context = await ManageSubmissions.LoadAsync(db, versions, campaignId, unitId, ct);
        if (context is null)
            return ProblemResponses.NotFound("报送");
        if (context.Scheme.Scheme.Items.FirstOrDefault(i => i.Id == itemId) is not { } item)
            return ProblemResponses.NotFound("指标");

        var action = request.Action?.Trim().ToLowerInvariant();
        var validation = new Validation()
            .Check(action is "confirm" or "correct" or "return", "action", "复核操作须为 confirm（确认）、correct（修正事实）或 return（退回补充）。")
            .Check(request.ExpectedVersion is >= 0, "expectedVersion", "请提供您看到的复核版本（尚无复核时为 0）。")
            .Check(item.AppliesTo(context.SchemeClass), "itemId", $"指标「{item.Title}」不适用于本单位的类别。")
            .Optional("reason", request.Reason, "理由", 2000);
        if (action is "correct" or "return" && string.IsNullOrWhiteSpace(request.Reason))
            validation.Add("reason", action == "correct" ? "修正事实须说明理由。" : "退回补充须说明需要补充的内容。");
        var facts = request.Facts ?? [];
        if (action == "correct")
        {
            if (facts.Count == 0)
                validation.Add("facts", "请填写修正后的事实。");
            ManageSubmissions.CheckFacts(validation, context, item, facts, "不能修正");
        }
        DateTimeOffset? supplementDue = null;
        if (action == "return")
        {
            supplementDue = ManageCampaigns.Instant(request.SupplementDue, "supplementDue", validation);
            if (supplementDue is null && string.IsNullOrWhiteSpace(request.SupplementDue))
                validation.Add("supplementDue", "退回补充须给出补充期限。");
            // A deadline already passed would make the unit's answer late before it could give one.
            if (supplementDue is { } sd && sd <= clock.GetUtcNow())
                validation.Add("supplementDue", "补充期限须晚于当前时间。");
        }
        if (!validation.IsValid)
            return validation.Problem();

        Chengxin.Domain.Campaigns.Campaign.EnsureUnderReview(context.Campaign.State);
        ItemReview.EnsureSubmitted(context.Submission?.State);
        var submission = context.Submission!;

        var now = clock.GetUtcNow();
        var record = await db.ItemReviews.FirstOrDefaultAsync(r => r.SubmissionId == submission.Id && r.ItemId == itemId, ct);
        if (record is null)
        {
            record = new ItemReviewRecord { TenantId = submission.TenantId, SubmissionId = submission.Id, UnitId = submission.UnitId, ItemId = itemId };
            db.ItemReviews.Add(record);
        }
        var row = await db.SubmissionItems.FirstOrDefaultAsync(i => i.SubmissionId == submission.Id && i.ItemId == itemId, ct);
        var domain = record.Restore();
        var reviewer = scope.UserId!.Value.ToString();
        var expected = request.ExpectedVersion!.Value;
        var factsVersion = row?.FactsVersion ?? 0;
        switch (action)
        {
            case "confirm":
                domain.Confirm(reviewer, factsVersion, expected);
                break;
            case "correct":
                // The reviewer's values make the item's next facts version, which the review itself has seen.
                domain.Correct(reviewer, request.Reason!.Trim(), factsVersion + 1, expected);
                if (row is null)
                {
                    row = new SubmissionItem { TenantId = submission.TenantId, SubmissionId = submission.Id, UnitId = submission.UnitId, ItemId = itemId };
                    db.SubmissionItems.Add(row);
                }
                row.FactsVersion = factsVersion + 1;
                await WriteReviewFactsAsync(db, scope, submission, itemId, facts, row.FactsVersion, now.UtcDateTime, ct);
                break;
            default:
                domain.Return(reviewer, request.Reason!.Trim(), factsVersion, expected);
                if (submission.State != SubmissionState.Returned)
                {
                    var stored = submission.Restore();
                    stored.Return($"指标 {item.No ?? item.Id}：{request.Reason!.Trim()}", supplementDue!.Value, now);
                    submission.Store(stored);
                }
                break;
        }
        record.Store(domain);
        record.ReviewerName = scope.ActorName;
        // A verdict after the review deadline is recorded all the same, and marked late.
        record.ReviewedAt = now.UtcDateTime;
        record.IsLate = context.Campaign.ReviewDue is { } reviewDue
            && Deadline.IsLate(BeijingTime.Utc(reviewDue), now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DatabaseConflicts.IsConflict(e))
        {
            // Another reviewer saved between our read and our write (or gave the item's first verdict, whose row now exists):
            // the same conflict the domain reports for a known newer version.
            return ProblemResponses.Conflict("该指标已被其他评审员更新，请刷新后再处理");
        }
        return TypedResults.Ok(await MapAsync(db, context with { Submission = submission }, itemId, record, ct));
    }

    private static async Task WriteReviewFactsAsync(ChengxinDbContext db, AccessScope scope, Data.Submission submission, string itemId,
        Dictionary<string, JsonElement> facts, long version, DateTime now, CancellationToken ct)
    {
        var stored = await db.SubmissionFacts.Where(f => f.SubmissionId == submission.Id && f.ItemId == itemId && f.Source == ReviewSource).ToListAsync(ct);
        foreach (var (key, value) in facts)
        {
            var current = stored.FirstOrDefault(f => f.FactKey == key);
            if (value.ValueKind == JsonValueKind.Null)
            {
                if (current is not null)
                    db.SubmissionFacts.Remove(current);
                continue;
            }
            if (current is null)
            {
                current = new SubmissionFact
                {
                    TenantId = submission.TenantId, SubmissionId = submission.Id, UnitId = submission.UnitId, ItemId = itemId, FactKey = key,
                    Source = ReviewSource, ValueJson = "", EnteredByName = "", EnteredRole = "",
                };
                db.SubmissionFacts.Add(current);
            }
            current.ValueJson = value.GetRawText();
            current.EnteredBy = scope.UserId;
            current.EnteredByName = scope.ActorName;
            current.EnteredRole = scope.Role ?? "";
            current.EnteredAt = now;
            current.ItemVersion = version;
        }
    }


    private static async Task<ItemReviewView> MapAsync(ChengxinDbContext db, ManageSubmissions.Context context, string itemId, ItemReviewRecord? record,
        CancellationToken ct)
    {
        var submissionId = context.Submission!.Id;
        var current = await db.SubmissionItems.AsNoTracking().Where(i => i.SubmissionId == submissionId && i.ItemId == itemId)
            .Select(i => i.FactsVersion).FirstOrDefaultAsync(ct);
        var sheet = await CampaignFacts.LoadAsync(db, context.Campaign.Id, context.Scheme,
            new FactsMember(context.Unit.Id, context.Unit.Name, context.SchemeClass), SpotCheckFindings.None, ct);
        var self = Scorer.Score(sheet.Facts(FactStage.Own));
        var reviewed = Scorer.Score(sheet.Facts(FactStage.Reviewed));
        var state = record?.State ?? ItemReviewState.Pending;
        var domain = record?.Restore();
        return new ItemReviewView(itemId, state, StateName(state), record?.ReviewerName, record?.Reason, record?.FactsVersionSeen ?? 0, current,
            record?.Version ?? 0, domain?.IsStale(current) ?? false, self[itemId].Score, reviewed[itemId].Score, Explainer.Explain(reviewed, itemId),
            record?.ReviewedAt is { } at ? BeijingTime.Local(at) : null, record?.IsLate ?? false);
    }

    public static string StateName(ItemReviewState s) => s switch
    {
        ItemReviewState.Pending => "待复核",
        ItemReviewState.Confirmed => "已确认",
        ItemReviewState.Corrected => "已修正",
        ItemReviewState.Returned => "已退回补充",
        _ => s.ToString(),
    };
}
