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

/// <summary>The facts of one item, keyed by fact key, in the facts-file JSON form; null clears a fact.</summary>
public sealed record SaveItemRequest(Dictionary<string, JsonElement>? Facts, string? Explanation);

/// <summary>A later deadline for one unit, granted by the office with a reason (Beijing time unless an offset is given).</summary>
public sealed record DeadlineExceptionRequest(string? Due, string? Reason);

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

/// <summary>
/// A unit's submission: facts saved item by item as drafts, checked against the frozen scheme's declarations,
/// the live self-score from the engine, and submission stamped with the server's clock. A unit outside the
/// caller's scope, or not in the campaign, is not found.
/// </summary>
public static class ManageSubmissions
{
    public static readonly string UnitSource = FactSource.Unit.Name;

    /// <summary>A value a data provider entered through its grid (see Features/Providers).</summary>
    public static readonly string ProviderSource = FactSource.Provider.Name;

    internal sealed record Context(Data.Campaign Campaign, Unit Unit, string SchemeClass, CompiledScheme Scheme, Submission? Submission);

    public static async Task<IResult> Get(long campaignId, long unitId, ChengxinDbContext db, SchemeVersions versions, CancellationToken ct)
    {
        var context = await LoadAsync(db, versions, campaignId, unitId, ct);
        return context is null ? ProblemResponses.NotFound("报送") : TypedResults.Ok(await MapAsync(db, context, ct));
    }

    /// <summary>The submission as stored after a state change made on an already loaded context.</summary>
    internal static async Task<IResult> ViewAsync(ChengxinDbContext db, Context context, CancellationToken ct) => TypedResults.Ok(await MapAsync(db, context, ct));

    public static async Task<IResult> SaveItem(long campaignId, long unitId, string itemId, SaveItemRequest request, ChengxinDbContext db,
        SchemeVersions versions, AccessScope scope, TimeProvider clock, CancellationToken ct)
    {
        var context = await LoadAsync(db, versions, campaignId, unitId, ct);
        if (context is null)
            return ProblemResponses.NotFound("报送");
        var item = context.Scheme.Scheme.Items.FirstOrDefault(i => i.Id == itemId);
        if (item is null)
            return ProblemResponses.NotFound("指标");

        var validation = new Validation()
            .Check(item.AppliesToUnit(context.SchemeClass, context.Unit.Id, context.Unit.Name), "itemId", $"指标「{item.Title}」不适用于本单位。")
            .Optional("explanation", request.Explanation, "情况说明", 2000);
        var facts = request.Facts ?? [];
        // A liaison answers for its unit only: facts the scheme has a provider, a feed, a survey or a reviewer supply are theirs
        // to enter. The office (admins, reviewers correcting) may enter any fact on the unit's behalf.
        if (scope.Role == Roles.Liaison)
        {
            // System facts are nobody's to enter; they get the 400 below, for every role alike.
            var foreign = item.Facts.Where(f => facts.ContainsKey(f.Key) && !Chengxin.Domain.Collection.Suppliers.IsUnit(f.Supplier)
                && !ReportLog.IsSystemFact(item, f.Key)).ToList();
            if (foreign.Count > 0)
                return TypedResults.Problem(title: "无权填写该事实", statusCode: StatusCodes.Status403Forbidden,
                    detail: string.Join("；", foreign.Select(f =>
                        $"事实「{f.Label}」（{f.Key}）由{Chengxin.Domain.Collection.Suppliers.Describe(f.Supplier)}提供，联络员不能填写")) + "。");
        }
        CheckFacts(validation, context, item, facts, "不能填写");
        if (!validation.IsValid)
            return validation.Problem();

        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var submission = await EnsureSubmissionAsync(db, context, scope, now, ct);
        await EnsureEditableNowAsync(db, context.Campaign, submission, ct);

        var row = await db.SubmissionItems.FirstOrDefaultAsync(i => i.SubmissionId == submission.Id && i.ItemId == itemId, ct);
        if (row is null)
        {
            row = new SubmissionItem { TenantId = submission.TenantId, SubmissionId = submission.Id, UnitId = submission.UnitId, ItemId = itemId };
            db.SubmissionItems.Add(row);
        }
        var stored = await db.SubmissionFacts
            .Where(f => f.SubmissionId == submission.Id && f.ItemId == itemId && f.Source == UnitSource).ToListAsync(ct);
        var changes = new List<(string Key, string? Json)>();
        foreach (var (key, value) in facts)
        {
            var json = value.ValueKind == JsonValueKind.Null ? null : value.GetRawText();
            var current = stored.FirstOrDefault(f => f.FactKey == key);
            if (current?.ValueJson != json)
                changes.Add((key, json));
        }
        if (changes.Count > 0)
            row.FactsVersion++;
        foreach (var (key, json) in changes)
        {
            var current = stored.FirstOrDefault(f => f.FactKey == key);
            if (json is null)
            {
                db.SubmissionFacts.Remove(current!);
                continue;
            }
            if (current is null)
            {
                current = new SubmissionFact
                {
                    TenantId = submission.TenantId, SubmissionId = submission.Id, UnitId = submission.UnitId, ItemId = itemId, FactKey = key,
                    Source = UnitSource, ValueJson = json, EnteredByName = scope.ActorName, EnteredRole = scope.Role ?? "",
                };
                db.SubmissionFacts.Add(current);
            }
            // Provenance travels with the value: who entered it, in which role, when, and which item version it made.
            current.ValueJson = json;
            current.EnteredBy = scope.UserId;
            current.EnteredByName = scope.ActorName;
            current.EnteredRole = scope.Role ?? "";
            current.EnteredAt = now;
            current.ItemVersion = row.FactsVersion;
        }
        row.Explanation = string.IsNullOrWhiteSpace(request.Explanation) ? null : request.Explanation.Trim();
        // An edit after the self-assessment deadline (or the supplement deadline of a return, or the item's own exception) is taken and marked late.
        if (Chengxin.Domain.Campaigns.Deadline.IsLate(ManageItemDeadlines.EditDeadline(context.Campaign, submission, row), clock.GetUtcNow()))
            row.LateEditAt = now;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(await MapAsync(db, context with { Submission = submission }, ct));
    }

    public static async Task<IResult> Submit(long campaignId, long unitId, ChengxinDbContext db, SchemeVersions versions, AccessScope scope,
        TimeProvider clock, CancellationToken ct)
    {
        var context = await LoadAsync(db, versions, campaignId, unitId, ct);
        if (context is null)
            return ProblemResponses.NotFound("报送");
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var submission = await EnsureSubmissionAsync(db, context, scope, now.UtcDateTime, ct);
        await EnsureEditableNowAsync(db, context.Campaign, submission, ct);
        Baseline.EnsureConfirmed(submission);
        var checklist = await SubmissionChecklist.LoadAsync(db, context with { Submission = submission }, ct);
        if (checklist.IsEmpty)
            return checklist.EmptyProblem();

        var domain = submission.Restore();
        var answeringReturn = domain.State == SubmissionState.Returned;
        var due = answeringReturn ? domain.ReturnDue ?? domain.Due : domain.Due;
        // The server's clock decides; after the deadline the submission is taken and recorded as late, never refused.
        domain.Submit(now);
        ReportLog.Record(db, submission, answeringReturn ? ReportLog.Supplement : ReportLog.Submission, due, now, now);
        submission.Store(domain);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(await MapAsync(db, context with { Submission = submission }, ct));
    }

    public static async Task<IResult> UploadEvidence(long campaignId, long unitId, string itemId, string? fileName, HttpRequest http,
        ChengxinDbContext db, SchemeVersions versions, EvidenceStore store, AccessScope scope, TimeProvider clock, CancellationToken ct)
    {
        var context = await LoadAsync(db, versions, campaignId, unitId, ct);
        if (context is null)
            return ProblemResponses.NotFound("报送");
        if (context.Scheme.Scheme.Items.FirstOrDefault(i => i.Id == itemId) is not { } item)
            return ProblemResponses.NotFound("指标");
        var validation = new Validation()
            .Check(item.AppliesToUnit(context.SchemeClass, context.Unit.Id, context.Unit.Name), "itemId", $"指标「{item.Title}」不适用于本单位。");
        var name = Uploads.FileName(fileName, validation);
        if (!validation.IsValid)
            return validation.Problem();

        var bytes = await store.ReadAsync(http, ct);
        var (type, reason) = EvidenceStore.Detect(bytes, name!);
        if (type is null)
        {
            validation.Add("file", reason!);
            return validation.Problem();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var submission = await EnsureSubmissionAsync(db, context, scope, now, ct);
        EnsureEditable(context.Campaign, submission);
        var sha = await store.SaveAsync(bytes, ct);
        await ManageItemDeadlines.MarkLateEvidenceAsync(db, context.Campaign, submission, itemId, now, ct);
        var evidence = new Evidence
        {
            TenantId = submission.TenantId, SubmissionId = submission.Id, UnitId = submission.UnitId, ItemId = itemId, FileName = name!,
            ContentType = type.ContentType, Size = bytes.LongLength, Sha256 = sha, UploadedBy = scope.UserId, UploadedByName = scope.ActorName, UploadedAt = now,
        };
        db.Evidence.Add(evidence);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Created($"/api/campaigns/{campaignId}/units/{unitId}/submission/evidence/{evidence.Id}", Receipt(evidence));
    }

    public static async Task<IResult> DownloadEvidence(long campaignId, long unitId, long evidenceId, HttpResponse response, ChengxinDbContext db,
        EvidenceStore store, CancellationToken ct)
    {
        var submission = await db.Submissions.AsNoTracking().FirstOrDefaultAsync(s => s.CampaignId == campaignId && s.UnitId == unitId, ct);
        var evidence = submission is null ? null
            : await db.Evidence.AsNoTracking().FirstOrDefaultAsync(e => e.Id == evidenceId && e.SubmissionId == submission.Id, ct);
        // The campaign must be visible too: a unit's evidence is not reachable through a campaign the caller cannot see.
        if (evidence is null || !await db.Campaigns.AnyAsync(c => c.Id == campaignId, ct))
            return ProblemResponses.NotFound("佐证材料");
        var path = store.PathOf(evidence.Sha256);
        if (!File.Exists(path))
            return ProblemResponses.NotFound("佐证材料文件");
        // Always a download with the type read at upload, and no sniffing: an uploaded file never renders as a page.
        response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.File(await File.ReadAllBytesAsync(path, ct), evidence.ContentType, evidence.FileName);
    }

    internal static EvidenceReceipt Receipt(Evidence e) =>
        new(e.Id, e.ItemId, e.FileName, e.ContentType, e.Size, e.Sha256, e.UploadedByName, Local(e.UploadedAt), e.Kind, e.Url,
            e.LedgerJson is null ? null : JsonDocument.Parse(e.LedgerJson).RootElement.Clone());

    /// <summary>The office grants one unit a later deadline, through the domain (only before it has submitted, always with a reason).</summary>
    public static async Task<IResult> GrantDeadlineException(long campaignId, long unitId, DeadlineExceptionRequest request, ChengxinDbContext db,
        SchemeVersions versions, AccessScope scope, TimeProvider clock, CancellationToken ct)
    {
        if (await ManageCampaigns.FindManagedAsync(db, scope, campaignId, ct) is null)
            return ProblemResponses.NotFound("评价批次");
        var context = await LoadAsync(db, versions, campaignId, unitId, ct);
        if (context is null)
            return ProblemResponses.NotFound("报送");
        var validation = new Validation().Required("reason", request.Reason, "调整原因", 500);
        var due = ManageCampaigns.Instant(request.Due, "due", validation);
        if (due is null && string.IsNullOrWhiteSpace(request.Due))
            validation.Add("due", "请填写新的截止时间。");
        if (!validation.IsValid)
            return validation.Problem();

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        var submission = await EnsureSubmissionAsync(db, context, scope, now.UtcDateTime, ct);
        // A draft's deadline moves only while collection runs: once it has closed, the unit is on record as 逾期未报.
        if (submission.State == SubmissionState.Draft && context.Campaign.State != CampaignState.Open)
            return ProblemResponses.Conflict($"评价批次{Chengxin.Domain.Campaigns.Campaign.Name(context.Campaign.State)}，收集已结束，不能再为未报送的单位延期。");
        if (DeadlineExceptionProblem(submission, due!.Value, now) is { } refused)
            return refused;
        var domain = submission.Restore();
        domain.GrantDeadlineException(due.Value, request.Reason!.Trim());
        submission.Store(domain);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(await MapAsync(db, context with { Submission = submission }, ct));
    }

    /// <summary>
    /// A later deadline gives time: it must lie after the unit's current one (the supplement deadline of a returned unit) and
    /// after now. Either refusal is about the given time, so a 400 on due naming the current deadline.
    /// </summary>
    private static IResult? DeadlineExceptionProblem(Submission submission, DateTimeOffset due, DateTimeOffset now)
    {
        var current = submission.State == SubmissionState.Returned ? submission.ReturnDue : submission.Due;
        var validation = new Validation();
        if (current is { } c && due <= BeijingTime.Utc(c))
            validation.Add("due", $"新的截止时间须晚于本单位当前的截止时间（{BeijingTime.Local(c):yyyy-MM-dd HH:mm}）。");
        else if (due <= now)
            validation.Add("due", $"新的截止时间须晚于当前时间（{BeijingTime.Local(now.UtcDateTime):yyyy-MM-dd HH:mm}）。");
        return validation.IsValid ? null : validation.Problem();
    }

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
            submission.State == SubmissionState.Returned || await ManageCampaigns.HoldStateAsync(db, campaign.Id, CampaignState.Open, ct));
    }

    internal static void EnsureEditable(Data.Campaign campaign, Submission submission) =>
        DomainSubmission.EnsureEditable(submission.State, campaign.State);

    internal static async Task<Submission> EnsureSubmissionAsync(ChengxinDbContext db, Context context, AccessScope scope, DateTime now, CancellationToken ct)
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

    internal static async Task<Context?> LoadAsync(ChengxinDbContext db, SchemeVersions versions, long campaignId, long unitId, CancellationToken ct)
    {
        // Both filters apply: the unit must be in the caller's scope and the campaign visible to the caller (a reviewer sees only
        // the campaigns assigned to it: the scope filter narrows it, so no handler checks the assignment again).
        var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == unitId, ct);
        if (unit is null)
            return null;
        var campaign = await db.Campaigns.AsNoTracking().Include(c => c.Units).FirstOrDefaultAsync(c => c.Id == campaignId, ct);
        var member = campaign?.Units.FirstOrDefault(u => u.UnitId == unitId);
        if (campaign is null || member is null)
            return null;
        var version = await db.SchemeVersions.AsNoTracking().FirstAsync(v => v.Id == campaign.SchemeVersionId, ct);
        var submission = await db.Submissions.FirstOrDefaultAsync(s => s.CampaignId == campaignId && s.UnitId == unitId, ct);
        return new Context(campaign, unit, member.SchemeClass, versions.Compile(version), submission);
    }

    /// <summary>
    /// What every entry of an item's facts passes, whoever enters them (a unit's save, a reviewer's correction, a spot
    /// check): keys the item has, no fact the system counts, and each value in its type's JSON form. The facts-file
    /// reader is the one place that knows every fact type's form; its messages name the fact.
    /// </summary>
    internal static void CheckFacts(Validation validation, Context context, Item item, IReadOnlyDictionary<string, JsonElement> facts,
        string systemFactRefusal)
    {
        foreach (var key in facts.Keys.Where(k => item.Facts.All(f => f.Key != k)))
            validation.Add($"facts.{key}", $"指标「{item.Title}」没有事实「{key}」（可填：{string.Join("、", item.Facts.Select(f => $"{f.Key} {f.Label}"))}）。");
        foreach (var key in facts.Keys.Where(k => ReportLog.IsSystemFact(item, k)))
            validation.Add($"facts.{key}", $"事实「{key}」由系统按报送记录统计，{systemFactRefusal}。");
        if (!validation.IsValid)
            return;
        try
        {
            // The first value that does not read is reported, as the engine's reader words it.
            foreach (var (key, value) in facts.Where(kv => kv.Value.ValueKind != JsonValueKind.Null))
                FactsFile.ReadFact(context.Scheme, context.Unit.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), key, value);
        }
        catch (FactsFileException e)
        {
            validation.Add("facts", e.Message);
        }
    }

    private static async Task<SubmissionResponse> MapAsync(ChengxinDbContext db, Context context, CancellationToken ct)
    {
        var submission = context.Submission;
        var items = submission is null ? [] : await db.SubmissionItems.AsNoTracking().Where(i => i.SubmissionId == submission.Id).ToListAsync(ct);
        var evidence = submission is null ? [] : await db.Evidence.AsNoTracking().Where(e => e.SubmissionId == submission.Id).OrderBy(e => e.Id).ToListAsync(ct);
        // The unit's own answer: its values and the providers' (shown with the provider as who entered them), the counted ones over both.
        var sheet = await CampaignFacts.LoadAsync(db, context.Campaign.Id, context.Scheme,
            new FactsMember(context.Unit.Id, context.Unit.Name, context.SchemeClass), SpotCheckFindings.None, ct, context.Campaign.PeriodKey);
        var result = Scorer.Score(sheet.Facts(FactStage.Own));
        // The unit sees its reviewed result once the review is complete, not a reviewer's work in progress.
        var reviewDone = submission?.State is SubmissionState.Reviewed or SubmissionState.Confirmed;
        var reviewed = reviewDone ? Scorer.Score(sheet.Facts(FactStage.Reviewed)) : null;
        var verdicts = reviewDone ? await db.ItemReviews.AsNoTracking().Where(r => r.SubmissionId == submission!.Id).ToDictionaryAsync(r => r.ItemId, ct) : [];
        var deciding = context.Scheme.FactDefinitions.Select(f => sheet.Deciding(f.Key, FactStage.Own)).OfType<FactEntry>()
            .ToDictionary(e => e.Key);
        var enteredIds = deciding.Values.Where(e => !e.Source.Counted).Select(e => e.Sequence).ToList();
        var entered = await db.SubmissionFacts.AsNoTracking().Where(f => enteredIds.Contains(f.Id)).ToDictionaryAsync(f => f.Id, ct);
        FactEntryView Entry(FactDefinition f)
        {
            if (!deciding.TryGetValue(f.Key, out var d))
                return new FactEntryView(f.Key, f.Label, f.Type, null, null, null, null);
            if (d.Source.Counted)
                return new FactEntryView(f.Key, f.Label, f.Type, JsonSerializer.SerializeToElement((long)d.Value.Number), "系统（报送记录）", ReportLog.SystemSource, null);
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
                    Explainer.Explain(reviewed, compiled.Index), verdicts.TryGetValue(item.Id, out var v) ? Reviews.ManageReviews.StateName(v.State) : "待复核",
                    verdicts.TryGetValue(item.Id, out var r) ? r.Reason : null));
        }).ToList();
        var checklist = await SubmissionChecklist.LoadAsync(db, context, ct);
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
