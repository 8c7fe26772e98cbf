using Chengxin.Domain.Campaigns;
using Chengxin.Domain.Schemes;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Features.Submissions;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Chengxin.Server.Features.Schemes;

namespace Chengxin.Server.Features.Reviews;

/// <summary>One item to confirm as it stands, with the review version the reviewer saw (0 for none yet).</summary>
public sealed record ConfirmItemEntry(long? UnitId, string? ItemId, long? ExpectedVersion);

/// <summary>Items of one campaign to confirm together (at most 500).</summary>
public sealed record ConfirmItemsRequest(List<ConfirmItemEntry>? Items);

/// <summary>A confirmed item and its new review version.</summary>
public sealed record ConfirmedItem(long UnitId, string ItemId, long Version, string StateName);

public sealed record ConfirmItemsResult(int Confirmed, List<ConfirmedItem> Items);

/// <summary>
/// Batch confirmation of items the reviewer leaves unchanged: every item is authorised (its unit in the caller's scope, the
/// campaign assigned), checked against the version the reviewer saw and confirmed by the same domain rule as one at a time.
/// All or nothing: the first refusal answers for the whole request and nothing is stored.
/// </summary>
public static class ConfirmItems
{
    public const int MaxItems = 500;

    public static async Task<IResult> Confirm(long campaignId, ConfirmItemsRequest request, ChengxinDbContext db, SchemeVersions versions,
        AccessScope scope, TimeProvider clock, CancellationToken ct)
    {
        var entries = request.Items ?? [];
        var validation = new Validation()
            .Check(entries.Count > 0, "items", "请选择要确认的指标。")
            .Check(entries.Count <= MaxItems, "items", $"一次最多确认 {MaxItems} 项指标。");
        for (var i = 0; i < entries.Count && validation.IsValid; i++)
        {
            var e = entries[i];
            validation.Check(e.UnitId is > 0, $"items[{i}].unitId", $"第 {i + 1} 项未指明单位。")
                .Check(!string.IsNullOrWhiteSpace(e.ItemId), $"items[{i}].itemId", $"第 {i + 1} 项未指明指标。")
                .Check(e.ExpectedVersion is >= 0, $"items[{i}].expectedVersion", $"第 {i + 1} 项请提供您看到的复核版本（尚无复核时为 0）。");
        }
        if (validation.IsValid && entries.GroupBy(e => (e.UnitId, e.ItemId!.Trim())).Any(g => g.Count() > 1))
            validation.Add("items", "同一单位的同一指标只能列出一次。");
        if (!validation.IsValid)
            return validation.Problem();

        // Every unit first: one out of reach refuses the whole request before anything is decided.
        var contexts = new Dictionary<long, SubmissionContext>();
        foreach (var unitId in entries.Select(e => e.UnitId!.Value).Distinct())
        {
            if (await SubmissionContext.LoadAsync(db, versions, campaignId, unitId, ct) is not { } context)
                return ProblemResponses.NotFound("报送");
            contexts[unitId] = context;
        }
        Chengxin.Domain.Campaigns.Campaign.EnsureUnderReview(contexts.Values.First().Campaign.State);

        var now = clock.GetUtcNow();
        var reviewer = scope.UserId!.Value.ToString();
        var confirmed = new List<(ItemReviewRecord Record, ConfirmedItem View)>();
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            var context = contexts[entry.UnitId!.Value];
            var itemId = entry.ItemId!.Trim();
            var item = context.Scheme.Scheme.Items.FirstOrDefault(x => x.Id == itemId);
            if (item is null || !item.AppliesToUnit(context.SchemeClass, context.Unit.Id, context.Unit.Name))
                return new Validation().Check(false, $"items[{i}].itemId", $"「{context.Unit.Name}」没有适用的指标 {itemId}。").Problem();
            ItemReview.EnsureSubmitted(context.Submission?.State);
            var submission = context.Submission!;
            var judgement = Manual.JudgementFactOf(item);
            // A judgement cannot be confirmed as it stands before the reviewer has given its points, one at a time or in a batch.
            if (judgement is not null
                && !await db.SubmissionFacts.AnyAsync(f => f.SubmissionId == submission.Id && f.ItemId == itemId && f.FactKey == judgement, ct))
                return new Validation().Check(false, $"items[{i}].itemId",
                    $"「{context.Unit.Name}」的指标「{item.Title}」由评审给分，请在该指标中给出得分并说明理由后再确认。").Problem();
            var record = await db.ItemReviews.FirstOrDefaultAsync(r => r.SubmissionId == submission.Id && r.ItemId == itemId, ct);
            if (record is null)
            {
                record = new ItemReviewRecord { TenantId = submission.TenantId, SubmissionId = submission.Id, UnitId = submission.UnitId, ItemId = itemId };
                db.ItemReviews.Add(record);
            }
            var factsVersion = await db.SubmissionItems.Where(x => x.SubmissionId == submission.Id && x.ItemId == itemId)
                .Select(x => x.FactsVersion).FirstOrDefaultAsync(ct);
            var domain = record.Restore();
            // A newer verdict than the one the reviewer saw refuses the batch (409) before anything is saved.
            await ItemReviews.ConfirmAsync(db, submission, item, domain, reviewer, factsVersion, entry.ExpectedVersion!.Value, ct);
            ItemReviews.Stamp(record, domain, context.Campaign, scope, now);
            confirmed.Add((record, new ConfirmedItem(context.Unit.Id, itemId, domain.Version, ItemReview.StateName(domain.State, judgement is not null))));
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DatabaseConflicts.IsConflict(e))
        {
            return ProblemResponses.Conflict("部分指标已被其他评审员更新，请刷新后再批量确认");
        }
        return TypedResults.Ok(new ConfirmItemsResult(confirmed.Count, confirmed.Select(c => c.View).ToList()));
    }
}
