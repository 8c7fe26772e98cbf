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

namespace Chengxin.Server.Features.Submissions;

/// <summary>
/// A unit's submission loaded once for a request (its campaign, the unit, its scheme class, the compiled scheme, the stored
/// submission if any), and what every change to it shares: editability, the checks on entered facts, the view answered.
/// Review and spot check use it too; it is what Submissions exposes to them. A unit outside the
/// caller's scope, or not in the campaign, is not found.
/// </summary>
internal sealed record SubmissionContext(Data.Campaign Campaign, Unit Unit, string SchemeClass, CompiledScheme Scheme, Submission? Submission)
{
    /// <summary>The unit's report version as read with the rest (V023, <see cref="Data.ReportVersions"/>); 0 when it never moved.</summary>
    public long ReportVersion { get; init; }

    /// <summary>The submission as stored after a state change made on an already loaded context.</summary>
    internal static async Task<IResult> ViewAsync(ChengxinDbContext db, SubmissionContext context, CancellationToken ct) => TypedResults.Ok(await SubmissionView.MapAsync(db, context, ct));

    /// <summary>The deadline an edit is measured against: a return's supplement deadline, else the later of self-assessment and submission.</summary>
    internal static DateTimeOffset EditDeadline(Data.Campaign campaign, Submission submission)
    {
        if (submission.State == SubmissionState.Returned && submission.ReturnDue is { } returnDue)
            return Utc(returnDue);
        var due = Utc(submission.Due);
        return campaign.SelfAssessmentDue is { } self && Utc(self) > due ? Utc(self) : due;
    }

    /// <summary>
    /// <see cref="EnsureEditable"/> against the campaign as it is now, inside the caller's transaction: a unit answering
    /// outside a return holds the campaign open until it commits, so a start-review racing it waits and then counts it
    /// submitted, or has already begun and the answer is refused. The unit is never both submitted and missing.
    /// </summary>
    internal static async Task EnsureEditableNowAsync(ChengxinDbContext db, Data.Campaign campaign, Submission submission, CancellationToken ct)
    {
        EnsureEditable(campaign, submission);
        DomainSubmission.EnsureStillCollecting(submission.State,
            submission.State == SubmissionState.Returned || await CampaignContext.HoldStateAsync(db, campaign.Id, CampaignState.Open, ct));
    }

    internal static void EnsureEditable(Data.Campaign campaign, Submission submission) =>
        DomainSubmission.EnsureEditable(submission.State, campaign.State);

    internal static async Task<Submission> EnsureSubmissionAsync(ChengxinDbContext db, SubmissionContext context, AccessScope scope, DateTime now, CancellationToken ct)
    {
        if (context.Submission is not null)
            return context.Submission;
        var submission = new Submission
        {
            TenantId = context.Campaign.TenantId, CampaignId = context.Campaign.Id, UnitId = context.Unit.Id, State = SubmissionState.Draft,
            // The evidence deadline is the unit's deadline; an office-granted exception would replace it.
            Due = context.Campaign.EvidenceDue, CreatedAt = now,
        };
        db.Submissions.Add(submission);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DatabaseConflicts.IsUniqueViolation(e))
        {
            // Another request created the unit's submission between our read and our insert; this one goes on with that one.
            // The failed insert was rolled back to EF Core's savepoint, so a surrounding transaction is still usable.
            db.Entry(submission).State = EntityState.Detached;
            return await db.Submissions.SingleAsync(s => s.CampaignId == context.Campaign.Id && s.UnitId == context.Unit.Id, ct);
        }
        return submission;
    }

    internal static async Task<SubmissionContext?> LoadAsync(ChengxinDbContext db, SchemeVersions versions, long campaignId, long unitId, CancellationToken ct,
        bool tracked = true)
    {
        // Both filters apply: the unit must be in the caller's scope and the campaign visible to the caller (a reviewer sees only
        // the campaigns assigned to it: the scope filter narrows it, so no handler checks the assignment again). The member by its
        // key, its unit, the campaign without its members (a province's campaign has thousands) and the submission if any, in one
        // statement, with the unit's report version: this runs on every read and every write of a report.
        var found = await Load.For(db)(db, campaignId, unitId, ct);
        if (found is null)
            return null;
        var scheme = await versions.CompileAsync(db, found.Campaign.SchemeVersionId, ct);
        var submission = found.Submission;
        // A reader never saves the submission, so it is not tracked; a writer changes it in its transaction, tracked from the
        // values just read (the state, its concurrency token, among them).
        if (tracked && submission is not null)
            db.Submissions.Attach(submission);
        return new SubmissionContext(found.Campaign, found.Unit, found.SchemeClass, scheme, submission) { ReportVersion = found.ReportVersion };
    }

    private sealed record Loaded(Data.Campaign Campaign, Unit Unit, string SchemeClass, Submission? Submission, long ReportVersion);

    // Compiled once per model: the query filters' parameters (the caller's tenant and scope) are read from the context it runs on.
    private static readonly CompiledQuery<Func<ChengxinDbContext, long, long, CancellationToken, Task<Loaded?>>> Load = new(() =>
        EF.CompileAsyncQuery((ChengxinDbContext db, long campaignId, long unitId, CancellationToken ct) =>
            (from m in db.CampaignUnits
             where m.CampaignId == campaignId && m.UnitId == unitId
             join u in db.Units on m.UnitId equals u.Id
             join c in db.Campaigns on m.CampaignId equals c.Id
             join s in db.Submissions on new { m.CampaignId, m.UnitId } equals new { s.CampaignId, s.UnitId } into submissions
             from s in submissions.DefaultIfEmpty()
             // The report's version by the unit's key, in the same statement: what a conditional read compares (GetSubmission).
             join r in db.ReportStamps on m.UnitId equals r.UnitId into stamps
             from r in stamps.DefaultIfEmpty()
             select new Loaded(c, u, m.SchemeClass, s, r == null ? 0 : r.Version))
            .AsNoTracking()
            .FirstOrDefault()));

    /// <summary>
    /// What every entry of an item's facts passes, whoever enters them (a unit's save, a reviewer's correction, a spot
    /// check): keys the item has, no fact the system counts, and each value in its type's JSON form. The facts-file
    /// reader is the one place that knows every fact type's form; its messages name the fact.
    /// </summary>
    internal static void CheckFacts(Validation validation, SubmissionContext context, Item item, IReadOnlyDictionary<string, JsonElement> facts,
        string systemFactRefusal, bool reviewer = false)
    {
        foreach (var key in facts.Keys.Where(k => item.Facts.All(f => f.Key != k)))
            validation.Add($"facts.{key}", $"指标「{item.Title}」没有这一项（可填：{string.Join("、", item.Facts.Select(f => f.Label))}）。");
        // A survey below its minimum sample is not counted: the reviewer states that figure (SystemFacts.ReviewerStatesWhenUncounted).
        foreach (var fact in item.Facts.Where(f => facts.ContainsKey(f.Key) && ReportLog.IsSystemFact(item, f.Key)
                     && !(reviewer && SystemFacts.ReviewerStatesWhenUncounted(SystemFacts.KindOf(f.Supplier)!))))
            validation.Add($"facts.{fact.Key}", $"「{fact.Label}」由平台统计：{SystemFacts.Name(SystemFacts.KindOf(fact.Supplier)!)}，{systemFactRefusal}。");
        if (!validation.IsValid)
            return;
        try
        {
            // The first value that does not read is reported, as the engine's reader words it.
            foreach (var (key, value) in facts.Where(kv => kv.Value.ValueKind != JsonValueKind.Null))
                FactsFile.ReadFact(context.Scheme, context.Unit.Name, key, value);
        }
        catch (FactsFileException e)
        {
            validation.Add("facts", e.Message);
        }
    }
}
