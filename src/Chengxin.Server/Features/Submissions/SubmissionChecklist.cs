using Chengxin.Domain.Scoring;
using Chengxin.Domain.Collection;
using Chengxin.Domain.Schemes;
using Chengxin.Server.Data;
using Microsoft.EntityFrameworkCore;
using Chengxin.Server.Features.Schemes;

using Chengxin.Server.Infrastructure;

namespace Chengxin.Server.Features.Submissions;

/// <summary>
/// One thing a report still lacks. Kind: item (an applicable item whose facts the unit enters has neither all of them nor an
/// explanation why they cannot be supplied), liaison-table or commitment-letter (when the scheme's notice asks for them).
/// Name is what the liaison reads: the item's number and title, or the attachment's name.
/// </summary>
public sealed record MissingPart(string Kind, string? ItemId, string Name);

/// <summary>
/// What a unit's report still lacks before it is handed in, by the names the liaison sees on screen. Submit refuses a report
/// with nothing answered at all (an empty report tells the office nothing and cannot be taken back once review starts);
/// anything else missing is listed, so the liaison decides knowingly, and the items left out score as the rules say.
/// </summary>
public sealed record SubmissionChecklist(int ApplicableItems, int AnsweredItems, IReadOnlyList<MissingPart> Missing)
{
    public const string ItemKind = "item";
    public const string LiaisonTableKind = "liaison-table";
    public const string LetterKind = "commitment-letter";

    public bool IsEmpty => AnsweredItems == 0;

    /// <summary>The refusal of an empty report: 409 naming everything missing, with the list as <c>missing</c> for the form.</summary>
    public IResult EmptyProblem() => TypedResults.Problem(title: "报送内容为空", statusCode: StatusCodes.Status409Conflict,
        detail: $"尚未填写任何指标，不能提交。请先填写以下内容（无法提供的指标请在情况说明中写明原因）：{string.Join("、", Missing.Select(m => m.Name))}。",
        extensions: new Dictionary<string, object?> { ["missing"] = Missing });

    // Asked on every read and write of a report whose notice wants the attachments: compiled once per model, the filters still applied.
    private static readonly CompiledQuery<Func<ChengxinDbContext, long, long, CancellationToken, Task<bool>>> HasLiaisonTable = new(() =>
        EF.CompileAsyncQuery((ChengxinDbContext db, long campaignId, long unitId, CancellationToken ct) =>
            db.LiaisonContacts.Any(c => c.CampaignId == campaignId && c.UnitId == unitId)));

    private static readonly CompiledQuery<Func<ChengxinDbContext, long, long, CancellationToken, Task<bool>>> HasSignedLetter = new(() =>
        EF.CompileAsyncQuery((ChengxinDbContext db, long campaignId, long unitId, CancellationToken ct) =>
            db.CommitmentLetters.Any(l => l.CampaignId == campaignId && l.UnitId == unitId && l.AcceptedAt != null && l.ScanSha256 != null)));

    internal static async Task<SubmissionChecklist> LoadAsync(ChengxinDbContext db, SubmissionContext context, CancellationToken ct)
    {
        var submission = context.Submission;
        var entered = submission is null ? [] : (await db.SubmissionFacts.AsNoTracking()
            .Where(f => f.SubmissionId == submission.Id && f.Source == FactSource.Unit.Name).Select(f => f.FactKey).ToListAsync(ct)).ToHashSet();
        var explained = submission is null ? [] : (await db.SubmissionItems.AsNoTracking()
            .Where(i => i.SubmissionId == submission.Id && i.Explanation != null && i.Explanation != "").Select(i => i.ItemId).ToListAsync(ct)).ToHashSet();
        return await LoadAsync(db, context, entered, explained, ct);
    }

    /// <summary>The checklist from the unit's entered fact keys and explained items, already read by the caller (the view reads them anyway).</summary>
    internal static async Task<SubmissionChecklist> LoadAsync(ChengxinDbContext db, SubmissionContext context, IReadOnlySet<string> entered,
        IReadOnlySet<string> explained, CancellationToken ct)
    {
        var missing = new List<MissingPart>();
        var applicable = 0;
        var answered = 0;
        foreach (var item in context.Scheme.Scheme.Items.Where(i => i.AppliesToUnit(context.SchemeClass, context.Unit.Id, context.Unit.Name)))
        {
            // Only what the unit itself supplies is its to answer; providers', reviewers' and counted facts come from elsewhere.
            var own = item.Facts.Where(f => Suppliers.IsUnit(f.Supplier) && !ReportLog.IsSystemFact(item, f.Key)).ToList();
            if (own.Count == 0)
                continue;
            applicable++;
            var explainedItem = explained.Contains(item.Id);
            if (explainedItem || own.Any(f => entered.Contains(f.Key)))
                answered++;
            if (!explainedItem && own.Any(f => !entered.Contains(f.Key)))
                // Named by id and title, as the form's heading names it: the seed tables restart their numbers in every category.
                missing.Add(new MissingPart(ItemKind, item.Id, $"{item.Id} {item.Title}"));
        }

        var campaign = context.Scheme.Scheme.Campaign;
        var campaignId = context.Campaign.Id;
        var unitId = context.Unit.Id;
        if (campaign.LiaisonTable is { } table && !await HasLiaisonTable.For(db)(db, campaignId, unitId, ct))
            missing.Add(new MissingPart(LiaisonTableKind, null, table.Title));
        if (campaign.CommitmentLetter is { Signer: Signer.Unit or Signer.Both } letter && !await HasSignedLetter.For(db)(db, campaignId, unitId, ct))
            missing.Add(new MissingPart(LetterKind, null, $"{letter.Title}（确认内容并上传签字盖章扫描件）"));
        return new SubmissionChecklist(applicable, answered, missing);
    }
}
