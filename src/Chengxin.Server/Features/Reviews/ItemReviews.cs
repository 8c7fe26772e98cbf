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

namespace Chengxin.Server.Features.Reviews;

/// <summary>
/// An item's review: its verdict, whether the facts changed since (stale), and the score from the reviewed facts.
/// IsJudgement: the rule leaves the points to the reviewer (评审给分, from 0 to JudgementMax), given with Points and its reason.
/// </summary>
public sealed record ItemReviewView(string ItemId, ItemReviewState State, string StateName, string? ReviewerName, string? Reason,
    long FactsVersionSeen, long CurrentFactsVersion, long Version, bool IsStale, decimal SelfScore, decimal ReviewedScore, string ReviewedExplanation,
    DateTimeOffset? ReviewedAt, bool IsLate, bool IsJudgement = false, decimal? JudgementMax = null, decimal? Points = null);

/// <summary>What the review use cases share: the verdict's stamp and the item's review as answered.</summary>
internal static class ItemReviews
{
    public static readonly string ReviewSource = FactSource.Reviewer.Name;

    /// <summary>Stores a verdict with who gave it when; one given after the review deadline is recorded all the same, and marked late.</summary>
    internal static void Stamp(ItemReviewRecord record, ItemReview verdict, Data.Campaign campaign, AccessScope scope, DateTimeOffset now)
    {
        record.Store(verdict);
        record.ReviewerName = scope.ActorName;
        record.ReviewedAt = now.UtcDateTime;
        record.IsLate = campaign.ReviewDue is { } reviewDue && Deadline.IsLate(BeijingTime.Utc(reviewDue), now);
    }

    internal static async Task<ItemReviewView> MapAsync(ChengxinDbContext db, SubmissionContext context, string itemId, ItemReviewRecord? record,
        CancellationToken ct)
    {
        var submissionId = context.Submission!.Id;
        var current = await db.SubmissionItems.AsNoTracking().Where(i => i.SubmissionId == submissionId && i.ItemId == itemId)
            .Select(i => i.FactsVersion).FirstOrDefaultAsync(ct);
        var sheet = await CampaignFacts.LoadAsync(db, context.Campaign.Id, context.Scheme,
            new FactsMember(context.Unit.Id, context.Unit.Name, context.SchemeClass), SpotCheckFindings.None, ct, context.Campaign.PeriodKey);
        var self = Scorer.Score(sheet.Facts(FactStage.Own));
        var reviewed = Scorer.Score(sheet.Facts(FactStage.Reviewed));
        var state = record?.State ?? ItemReviewState.Pending;
        var domain = record?.Restore();
        var item = context.Scheme.Scheme.Items.First(i => i.Id == itemId);
        var judgement = Manual.JudgementFactOf(item);
        decimal? points = null;
        if (judgement is not null)
        {
            var given = await db.SubmissionFacts.AsNoTracking()
                .Where(f => f.SubmissionId == submissionId && f.ItemId == itemId && f.FactKey == judgement && f.Source == ReviewSource)
                .Select(f => f.ValueJson).FirstOrDefaultAsync(ct);
            using var document = given is null ? null : JsonDocument.Parse(given);
            if (document is not null && document.RootElement.TryGetProperty("points", out var p) && p.TryGetDecimal(out var value))
                points = value;
        }
        // A returned item the unit has answered waits for a verdict again: said so, not still "returned".
        var stateName = state == ItemReviewState.Returned && context.Submission.State == SubmissionState.Resubmitted
            ? ItemReview.ResubmittedName : ItemReview.StateName(state, judgement is not null);
        return new ItemReviewView(itemId, state, stateName, record?.ReviewerName, record?.Reason,
            record?.FactsVersionSeen ?? 0, current, record?.Version ?? 0, domain?.IsStale(current) ?? false, self[itemId].Score,
            reviewed[itemId].Score, Explainer.Explain(reviewed, itemId), record?.ReviewedAt is { } at ? BeijingTime.Local(at) : null,
            record?.IsLate ?? false, judgement is not null, judgement is null ? null : item.Max, points);
    }
}
