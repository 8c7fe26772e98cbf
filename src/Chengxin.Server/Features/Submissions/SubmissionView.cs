using System.Text.Json;
using Chengxin.Domain.Campaigns;
using Chengxin.Domain.Schemes;
using Chengxin.Domain.Scoring;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Features.Facts;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Chengxin.Server.Infrastructure.BeijingTime;
using DomainSubmission = Chengxin.Domain.Campaigns.Submission;
using Submission = Chengxin.Server.Data.Submission;

using Chengxin.Server.Features.Schemes;

namespace Chengxin.Server.Features.Submissions;

public sealed record FactEntryView(string Key, string Label, FactType Type, JsonElement? Value, string? EnteredBy, string? EnteredRole, DateTimeOffset? EnteredAt);

/// <summary>
/// What the uploader gets back: above all the SHA-256 under which the content is kept. Kind is file, link, screenshot or
/// ledger; a link carries its Url, a ledger its Rows (the SHA-256 is then of the URL's or the rows' UTF-8 text).
/// </summary>
public sealed record EvidenceReceipt(long Id, string ItemId, string FileName, string ContentType, long Size, string Sha256, string UploadedBy,
    DateTimeOffset UploadedAt, string Kind = EvidenceKinds.File, string? Url = null, JsonElement? Rows = null);

public sealed record SubmissionItemView(string ItemId, string? No, string Title, decimal Max, bool Applicable, string? Explanation, long FactsVersion,
    IReadOnlyList<FactEntryView> Facts, IReadOnlyList<EvidenceReceipt> Evidence, ItemStatus Status, decimal Score, string ScoreExplanation,
    DateTimeOffset? LateEditAt, DateTimeOffset? Due = null, string? DueExceptionReason = null, ReviewedItemView? Reviewed = null);

/// <summary>
/// An item's reviewed result as the unit sees it once review is complete: the score from the reviewed facts, its explanation,
/// the verdict and the reviewer's reason (null while the item is still under review).
/// </summary>
public sealed record ReviewedItemView(decimal Score, string Explanation, string StateName, string? Reason);

/// <summary>The reviewed total and grade beside the self-score, once review is complete.</summary>
public sealed record ReviewedScoreView(decimal Total, string? Grade, string Explanation);

/// <summary>The self-score: computed by the engine from the unit's own facts, never typed in.</summary>
public sealed record SelfScoreView(decimal Total, string? Grade, IReadOnlyList<string> Vetoes, string Explanation);

public sealed record SubmissionResponse(long CampaignId, long UnitId, string UnitName, string SchemeClass, SubmissionState State, string StateName,
    DateTimeOffset Due, DateTimeOffset? SubmittedAt, bool IsLate, long LateBySeconds, string? ReturnReason, DateTimeOffset? ReturnDue,
    string? DueExceptionReason, int Round,
    SelfScoreView SelfScore, IReadOnlyList<SubmissionItemView> Items,
    long? BaselineCampaignId = null, DateTimeOffset? BaselineConfirmedAt = null, string? BaselineConfirmedBy = null,
    IReadOnlyList<MissingPart>? Missing = null, ReviewedScoreView? ReviewedScore = null);

/// <summary>A unit's submission as the response shows it: its facts with who entered them, the live self-score, evidence, what is missing.</summary>
internal static class SubmissionView
{
    internal static EvidenceReceipt Receipt(Evidence e) =>
        new(e.Id, e.ItemId, e.FileName, e.ContentType, e.Size, e.Sha256, e.UploadedByName, Local(e.UploadedAt), e.Kind, e.Url,
            e.LedgerJson is null ? null : JsonDocument.Parse(e.LedgerJson).RootElement.Clone());

    // The submission's own rows, read on every view (every read and every write of a report): compiled once per model, the
    // query filters still applied.
    private static readonly CompiledQuery<Func<ChengxinDbContext, long, IAsyncEnumerable<SubmissionItem>>> ItemsOf = new(() =>
        EF.CompileAsyncQuery((ChengxinDbContext db, long submissionId) => db.SubmissionItems.AsNoTracking().Where(i => i.SubmissionId == submissionId)));

    private static readonly CompiledQuery<Func<ChengxinDbContext, long, IAsyncEnumerable<Evidence>>> EvidenceOf = new(() =>
        EF.CompileAsyncQuery<ChengxinDbContext, long, Evidence>((db, submissionId) =>
            db.Evidence.AsNoTracking().Where(e => e.SubmissionId == submissionId).OrderBy(e => e.Id)));

    private static readonly CompiledQuery<Func<ChengxinDbContext, long, IAsyncEnumerable<SubmissionFact>>> FactsOf = new(() =>
        EF.CompileAsyncQuery((ChengxinDbContext db, long submissionId) => db.SubmissionFacts.AsNoTracking().Where(f => f.SubmissionId == submissionId)));

    private static readonly CompiledQuery<Func<ChengxinDbContext, long, IAsyncEnumerable<ItemReviewRecord>>> VerdictsOf = new(() =>
        EF.CompileAsyncQuery((ChengxinDbContext db, long submissionId) => db.ItemReviews.AsNoTracking().Where(r => r.SubmissionId == submissionId)));

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> rows, CancellationToken ct)
    {
        var list = new List<T>();
        await foreach (var row in rows.WithCancellation(ct))
            list.Add(row);
        return list;
    }

    internal static async Task<SubmissionResponse> MapAsync(ChengxinDbContext db, SubmissionContext context, CancellationToken ct)
    {
        var submission = context.Submission;
        var items = submission is null ? [] : await ToListAsync(ItemsOf.For(db)(db, submission.Id), ct);
        var evidence = submission is null ? [] : await ToListAsync(EvidenceOf.For(db)(db, submission.Id), ct);
        // The submission's entered rows once, for the facts, for who entered the deciding values and for what the checklist finds answered.
        var factRows = submission is null ? [] : await ToListAsync(FactsOf.For(db)(db, submission.Id), ct);
        // The unit's own answer: its values and the providers' (shown with the provider as who entered them), the counted ones over both.
        var sheet = await CampaignFacts.LoadAsync(db, context.Campaign.Id, context.Scheme,
            new FactsMember(context.Unit.Id, context.Unit.Name, context.SchemeClass), factRows, ct, context.Campaign.PeriodKey);
        var result = Scorer.Score(sheet.Facts(FactStage.Own));
        // The unit sees its reviewed result once the review is complete, not a reviewer's work in progress.
        var reviewDone = submission?.State is SubmissionState.Reviewed or SubmissionState.Confirmed;
        var reviewed = reviewDone ? Scorer.Score(sheet.Facts(FactStage.Reviewed)) : null;
        var verdicts = reviewDone ? (await ToListAsync(VerdictsOf.For(db)(db, submission!.Id), ct)).ToDictionary(r => r.ItemId) : [];
        var deciding = context.Scheme.FactDefinitions.Select(f => sheet.Deciding(f.Key, FactStage.Own)).OfType<FactEntry>()
            .ToDictionary(e => e.Key);
        var entered = factRows.ToDictionary(f => f.Id);
        FactEntryView Entry(FactDefinition f)
        {
            if (!deciding.TryGetValue(f.Key, out var d))
                return new FactEntryView(f.Key, f.Label, f.Type, null, null, null, null);
            if (d.Source.Counted)
                // Counted by the platform (reports, 双公示 records, registers, list hits): a yes/no stays a yes/no.
                return new FactEntryView(f.Key, f.Label, f.Type,
                    f.Type == FactType.Bool ? JsonSerializer.SerializeToElement(d.Value.Number != 0) : JsonSerializer.SerializeToElement((long)d.Value.Number),
                    "平台统计", ReportLog.SystemSource, null);
            var v = entered[d.Sequence];
            return new FactEntryView(f.Key, f.Label, f.Type, JsonDocument.Parse(v.ValueJson).RootElement.Clone(), v.EnteredByName, v.EnteredRole, Local(v.EnteredAt));
        }
        var views = context.Scheme.Items.Select(compiled =>
        {
            var item = compiled.Item;
            var row = items.FirstOrDefault(i => i.ItemId == item.Id);
            var score = result.Items[compiled.Index];
            return new SubmissionItemView(item.Id, item.No, item.Title, item.Max, item.AppliesToUnit(context.SchemeClass, context.Unit.Id, context.Unit.Name), row?.Explanation, row?.FactsVersion ?? 0,
                item.Facts.Select(Entry).ToList(),
                evidence.Where(e => e.ItemId == item.Id).Select(Receipt).ToList(),
                score.Status, score.Score, Explainer.Explain(result, compiled.Index), row?.LateEditAt is { } lateAt ? Local(lateAt) : null,
                submission is null ? null : ManageItemDeadlines.EditDeadline(context.Campaign, submission, row).ToOffset(BeijingTime.Offset),
                row?.ExceptionReason,
                reviewed is null || !item.AppliesToUnit(context.SchemeClass, context.Unit.Id, context.Unit.Name) ? null : new ReviewedItemView(reviewed.Items[compiled.Index].Score,
                    Explainer.Explain(reviewed, compiled.Index), verdicts.TryGetValue(item.Id, out var v) ? ItemReview.StateName(v.State) : "待复核",
                    verdicts.TryGetValue(item.Id, out var r) ? r.Reason : null));
        }).ToList();
        var checklist = await SubmissionChecklist.LoadAsync(db, context,
            factRows.Where(f => f.Source == FactSource.Unit.Name).Select(f => f.FactKey).ToHashSet(),
            items.Where(i => !string.IsNullOrEmpty(i.Explanation)).Select(i => i.ItemId).ToHashSet(), ct);
        var campaign = context.Campaign;
        return new SubmissionResponse(campaign.Id, context.Unit.Id, context.Unit.Name, context.SchemeClass,
            submission?.State ?? SubmissionState.Draft, DomainSubmission.StateName(submission?.State ?? SubmissionState.Draft),
            Local(submission?.Due ?? campaign.EvidenceDue), submission?.SubmittedAt is { } at ? Local(at) : null,
            submission?.IsLate ?? false, submission?.LateBySeconds ?? 0, submission?.ReturnReason,
            submission?.ReturnDue is { } rd ? Local(rd) : null, submission?.DueExceptionReason, submission?.Round ?? 0,
            new SelfScoreView(result.Total, result.Grade, result.Vetoes, Explainer.ExplainTotal(result)), views,
            submission?.BaselineCampaignId, submission?.BaselineConfirmedAt is { } bc ? Local(bc) : null, submission?.BaselineConfirmedBy,
            checklist.Missing, reviewed is null ? null : new ReviewedScoreView(reviewed.Total, reviewed.Grade, Explainer.ExplainTotal(reviewed)));
    }
}
