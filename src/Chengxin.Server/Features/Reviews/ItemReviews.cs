using System.Text.Json;
using Chengxin.Domain;
using Chengxin.Domain.Campaigns;
using Chengxin.Domain.Reviews;
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
/// ConfirmAdoptsUnitAnswer: the unit has answered the item anew since a reviewer's correction, which still counts; confirming now
/// adopts the unit's answer and the correction no longer counts (StandingCorrection).
/// </summary>
public sealed record ItemReviewView(string ItemId, ItemReviewState State, string StateName, string? ReviewerName, string? Reason,
    long FactsVersionSeen, long CurrentFactsVersion, long Version, bool IsStale, decimal SelfScore, decimal ReviewedScore, string ReviewedExplanation,
    DateTimeOffset? ReviewedAt, bool IsLate, bool IsJudgement = false, decimal? JudgementMax = null, decimal? Points = null,
    bool ConfirmAdoptsUnitAnswer = false);

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

    /// <summary>
    /// Confirms an item as it stands, one at a time or in a batch: the verdict first (a stale expected version is refused before
    /// anything changes), then a correction the unit has answered since is retired, its facts removed in the verdict's save
    /// (audited, and the unit's stored result goes stale with them) and the review's note saying so.
    /// </summary>
    internal static async Task ConfirmAsync(ChengxinDbContext db, Data.Submission submission, Item item, ItemReview verdict, string reviewer,
        long factsVersion, long expectedVersion, CancellationToken ct)
    {
        var rows = await ItemFactsAsync(db, submission.Id, item.Id, ct);
        var adoption = StandingCorrection.OnConfirm(item, Statements(rows));
        verdict.Confirm(reviewer, factsVersion, expectedVersion, adoption?.Note);
        if (adoption is not null)
            db.SubmissionFacts.RemoveRange(rows.Where(r => r.Source == ReviewSource && adoption.Retired.Any(s => s.Key == r.FactKey)));
    }

    private static Task<List<SubmissionFact>> ItemFactsAsync(ChengxinDbContext db, long submissionId, string itemId, CancellationToken ct) =>
        db.SubmissionFacts.Where(f => f.SubmissionId == submissionId && f.ItemId == itemId).ToListAsync(ct);

    private static List<ItemStatement> Statements(IEnumerable<SubmissionFact> rows) =>
        [.. rows.Select(r => FactSource.Named(r.Source) is { } source ? new ItemStatement(r.FactKey, source, r.ItemVersion) : null).OfType<ItemStatement>()];

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
            record?.IsLate ?? false, judgement is not null, judgement is null ? null : item.Max, points,
            StandingCorrection.OnConfirm(item, Statements(await ItemFactsAsync(db, submissionId, itemId, ct))) is not null);
    }
}
