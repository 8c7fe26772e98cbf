using System.Text.Json;
using Chengxin.Domain;
using Chengxin.Domain.Campaigns;
using Chengxin.Domain.Schemes;
using Chengxin.Domain.Scoring;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Features.Facts;
using Chengxin.Server.Features.Submissions;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

using Chengxin.Server.Features.Schemes;

namespace Chengxin.Server.Features.Reviews;

/// <summary>
/// A verdict on one item. action: confirm, correct (facts + reason), score (points + reason, on an item the rule leaves
/// to the reviewer's judgement: 评审给分) or return (reason + supplementDue, Beijing time unless an offset is given).
/// expectedVersion is the review version the reviewer saw (0 for none yet).
/// </summary>
public sealed record ReviewItemRequest(string? Action, long? ExpectedVersion, Dictionary<string, JsonElement>? Facts, string? Reason, string? SupplementDue,
    decimal? Points = null);

/// <summary>Reviewers work item by item through the domain's ItemReview: a stale expected version is a 409, never an overwrite.</summary>
public static class ReviewItem
{
    public static async Task<IResult> Handle(long campaignId, long unitId, string itemId, ReviewItemRequest request, ChengxinDbContext db,
        SchemeVersions versions, AccessScope scope, TimeProvider clock, CancellationToken ct)
    {
        var context = await SubmissionContext.LoadAsync(db, versions, campaignId, unitId, ct);
        if (context is null)
            return ProblemResponses.NotFound("报送");
        if (context.Scheme.Scheme.Items.FirstOrDefault(i => i.Id == itemId) is not { } item)
            return ProblemResponses.NotFound("指标");

        var action = request.Action?.Trim().ToLowerInvariant();
        var judgement = Manual.JudgementFactOf(item);
        var validation = new Validation()
            .Check(action is "confirm" or "correct" or "score" or "return", "action", "请选择复核操作：确认、修正事实、评审给分或退回补充。")
            .Check(request.ExpectedVersion is >= 0, "expectedVersion", "请提供您看到的复核版本（尚无复核时为 0）。")
            .Check(item.AppliesToUnit(context.SchemeClass, context.Unit.Id, context.Unit.Name), "itemId", $"指标「{item.Title}」不适用于本单位。")
            .Optional("reason", request.Reason, "理由", 2000);
        if (action is "correct" or "score" or "return" && string.IsNullOrWhiteSpace(request.Reason))
            validation.Add("reason", action switch { "correct" => "修正事实须说明理由。", "score" => "评审给分须说明理由。", _ => "退回补充须说明需要补充的内容。" });
        var facts = request.Facts ?? [];
        if (action == "score")
        {
            // The reviewer's points are the judgement fact the rule reads, its reason the verdict's: one answer, stored as a correction.
            if (judgement is null)
                validation.Add("action", $"指标「{item.Title}」不是评审给分指标，请确认或修正事实。");
            else if (request.Points is not { } points)
                validation.Add("points", $"请填写评审得分（0 至 {item.Max.Text()} 分）。");
            else
            {
                CheckPoints(validation, "points", item, points);
                if (!string.IsNullOrWhiteSpace(request.Reason))
                    facts = new() { [judgement] = JsonSerializer.SerializeToElement(new { points, reason = request.Reason.Trim() }) };
            }
        }
        if (action == "correct")
        {
            if (facts.Count == 0)
                validation.Add("facts", judgement is null ? "请填写修正后的事实。" : "请填写修正后的事实，或选择评审给分。");
            SubmissionContext.CheckFacts(validation, context, item, facts, "不能修正", reviewer: true);
            if (validation.IsValid && judgement is not null && facts.TryGetValue(judgement, out var given)
                && given.ValueKind == JsonValueKind.Object && given.TryGetProperty("points", out var p) && p.TryGetDecimal(out var pts))
                CheckPoints(validation, $"facts.{judgement}", item, pts);
        }
        DateTimeOffset? supplementDue = null;
        if (action == "return")
        {
            supplementDue = Instants.Parse(request.SupplementDue, "supplementDue", validation);
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
        // Confirming an unscored judgement would give it 0 without a word: the reviewer gives the points (0 included) with a reason.
        if (action == "confirm" && judgement is not null
            && !await db.SubmissionFacts.AnyAsync(f => f.SubmissionId == submission.Id && f.ItemId == itemId && f.FactKey == judgement, ct))
            return new Validation().Check(false, "action", $"指标「{item.Title}」由评审给分，请先给出得分并说明理由（可给 0 分）。").Problem();
        switch (action)
        {
            case "confirm":
                await ItemReviews.ConfirmAsync(db, submission, item, domain, reviewer, factsVersion, expected, ct);
                break;
            case "correct":
            case "score":
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
        ItemReviews.Stamp(record, domain, context.Campaign, scope, now);
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
        return TypedResults.Ok(await ItemReviews.MapAsync(db, context with { Submission = submission }, itemId, record, ct));
    }

    /// <summary>What the engine accepts for a judgement (0 to the item's max), in hundredths at most: points as a person gives them.</summary>
    private static void CheckPoints(Validation validation, string field, Item item, decimal points)
    {
        if (points < 0 || points > item.Max)
            validation.Add(field, $"评审得分须在 0 至 {item.Max.Text()} 分之间。");
        else if (decimal.Round(points, 2) != points)
            validation.Add(field, "评审得分最多保留两位小数。");
    }

    private static async Task WriteReviewFactsAsync(ChengxinDbContext db, AccessScope scope, Data.Submission submission, string itemId,
        Dictionary<string, JsonElement> facts, long version, DateTime now, CancellationToken ct)
    {
        var stored = await db.SubmissionFacts.Where(f => f.SubmissionId == submission.Id && f.ItemId == itemId && f.Source == ItemReviews.ReviewSource).ToListAsync(ct);
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
                    Source = ItemReviews.ReviewSource, ValueJson = "", EnteredByName = "", EnteredRole = "",
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
}
