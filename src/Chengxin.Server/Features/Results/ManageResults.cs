using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Chengxin.Domain.Campaigns;
using Chengxin.Domain.Schemes;
using Chengxin.Domain.Scoring;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Features.Facts;
using Chengxin.Server.Features.Submissions;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Results;

public sealed record ItemResultView(string ItemId, string? No, string Title, ItemStatus Status, decimal Score, decimal SelfScore, string Explanation);

public sealed record UnitResultView(long UnitId, string Name, string SchemeClass, decimal Base, decimal Bonus, decimal Total, string? Grade,
    IReadOnlyList<string> Vetoes, int Rank, int ClassRank, decimal SelfTotal, bool IsLate, string Explanation, IReadOnlyList<ItemResultView> Items,
    string? SchemeClassName = null);

public sealed record CampaignResultView(long CampaignId, string Name, string SchemeId, int SchemeVersion, string SchemeSha256, string PeriodKey,
    string PeriodLabel, int UnitCount, IReadOnlyList<UnitResultView> Units);

public sealed record RejectPublicationRequest(string? Reason);

/// <summary>A publication: the frozen snapshot's SHA-256 and that of its public view (what X-Result-Sha256 shows).</summary>
public sealed record PublicationReceipt(long CampaignId, int Version, string Sha256, DateTimeOffset PublishedAt, string PublicSha256);

/// <summary>
/// Results from the engine over the whole campaign (reviewed facts where a reviewer corrected, the unit's
/// own otherwise), and their publication: requested by one admin, approved by another, frozen as JSON
/// with its SHA-256 recorded in the audit chain.
/// </summary>
public static class ManageResults
{
    /// <summary>How snapshots are frozen; exports read them back with the same options.</summary>
    public static readonly JsonSerializerOptions SnapshotJson = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public static async Task<IResult> Get(long id, ChengxinDbContext db, SchemeVersions versions, AccessScope scope, CancellationToken ct)
    {
        var campaign = await db.Campaigns.AsNoTracking().Include(c => c.Units).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (campaign is null)
            return ProblemResponses.NotFound("评价批次");
        if (!Roles.Grants(scope.Role, ResultPermissions.Read))
            return await PublishedForUnitAsync(db, campaign, ct);
        return TypedResults.Ok(await InScopeAsync(db, await ComputeAsync(db, versions, campaign, ct), ct));
    }

    /// <summary>
    /// Publication waits while any drawn unit's spot check is open (the domain refuses with a 409), and while anything else is
    /// open (<see cref="Readiness"/>): refused, or passed with a reason that is recorded with the request.
    /// </summary>
    public static async Task<IResult> RequestPublication(long id, ReadinessOverrideRequest? request, ChengxinDbContext db, SchemeVersions versions,
        AccessScope scope, TimeProvider clock, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var campaign = await CampaignContext.FindManagedAsync(db, scope, id, ct);
        if (campaign is null)
            return ProblemResponses.NotFound("评价批次");
        var (refused, recordOverride) = await Readiness.CheckAsync(db, versions, scope, campaign, Readiness.RequestPublication, request, clock.GetUtcNow(), ct);
        if (refused is not null)
            return refused;
        var open = await SpotChecks.SpotCheckQueries.OpenCountAsync(db, id, ct);
        var result = await CampaignContext.TransitionAsync(id, db, scope, clock, (c, admin, _) => c.RequestPublication(admin, open), ct,
            (_, _) => recordOverride());
        if (result is Microsoft.AspNetCore.Http.HttpResults.Ok<CampaignResponse>)
            await transaction.CommitAsync(ct);
        return result;
    }

    /// <summary>
    /// What a campaign's units (and providers) may read: nothing before publication (404), afterwards the latest published
    /// snapshot, with the ranking list for everyone and the detail (items, explanation, self-score, lateness) only for
    /// the caller's own units.
    /// </summary>
    private static async Task<IResult> PublishedForUnitAsync(ChengxinDbContext db, Data.Campaign campaign, CancellationToken ct)
    {
        var published = await db.PublishedResults.AsNoTracking().Where(p => p.CampaignId == campaign.Id)
            .OrderByDescending(p => p.Version).FirstOrDefaultAsync(ct);
        if (published is null)
            return ProblemResponses.NotFound("已发布的结果");
        var snapshot = JsonSerializer.Deserialize<CampaignResultView>(published.Json, SnapshotJson)!;
        var ids = snapshot.Units.Select(u => u.UnitId).ToList();
        var own = (await db.Units.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => u.Id).ToListAsync(ct)).ToHashSet();
        return TypedResults.Ok(snapshot with
        {
            Units = snapshot.Units.Select(u => own.Contains(u.UnitId) ? u : u with { SelfTotal = 0, IsLate = false, Explanation = "", Items = [] }).ToList(),
        });
    }

    /// <summary>Rejecting a request sends the campaign back to review; the reason goes into the audit chain, where the requester reads it.</summary>
    public static async Task<IResult> RejectPublication(long id, RejectPublicationRequest? request, ChengxinDbContext db, AccessScope scope, TimeProvider clock,
        CancellationToken ct)
    {
        var validation = new Validation().Required("reason", request?.Reason, "驳回理由", 2000);
        if (!validation.IsValid)
            return validation.Problem();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var result = await CampaignContext.TransitionAsync(id, db, scope, clock, (c, _, _) => c.RejectPublication(), ct);
        if (result is not Microsoft.AspNetCore.Http.HttpResults.Ok<CampaignResponse>)
            return result;
        var campaign = await db.Campaigns.FirstAsync(c => c.Id == id, ct);
        await CampaignContext.RecordAsync(db, scope, campaign, RejectedAction, new { reason = request!.Reason!.Trim() }, clock.GetUtcNow().UtcDateTime, ct);
        await transaction.CommitAsync(ct);
        return result;
    }

    public const string RejectedAction = "campaign.publication-rejected";

    /// <summary>The event that carries a frozen snapshot's SHA-256; audit verify checks the stored snapshot against it.</summary>
    public const string PublishedAction = "campaign.published";

    /// <summary>The approving admin sees what is open as the requester did, and passes it only with a reason of their own.</summary>
    public static async Task<IResult> ApprovePublication(long id, ReadinessOverrideRequest? request, ChengxinDbContext db, SchemeVersions versions,
        AccessScope scope, TimeProvider clock, CancellationToken ct)
    {
        var campaign = await CampaignContext.FindManagedAsync(db, scope, id, ct);
        if (campaign is null)
            return ProblemResponses.NotFound("评价批次");
        var version = await db.SchemeVersions.AsNoTracking().FirstAsync(v => v.Id == campaign.SchemeVersionId, ct);
        var domain = campaign.Restore(version);
        var now = clock.GetUtcNow();
        // The domain refuses the requesting admin approving their own request (409).
        domain.ApprovePublication(scope.UserId!.Value.ToString(), now);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var (refused, recordOverride) = await Readiness.CheckAsync(db, versions, scope, campaign, Readiness.ApprovePublication, request, now, ct);
        if (refused is not null)
            return refused;
        campaign.Store(domain);
        var (published, publicSha) = await FreezeAsync(db, versions, scope, campaign, now, ct);
        await recordOverride();
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(new PublicationReceipt(id, published.Version, published.Sha256, now.ToOffset(BeijingTime.Offset), publicSha));
    }

    /// <summary>
    /// Freezes the engine's results of an approved campaign as the next published version, with its SHA-256 and that of
    /// its public view in the audit chain. The caller has applied the domain's approval to the campaign and owns the transaction.
    /// </summary>
    public static async Task<(PublishedResult Published, string PublicSha256)> FreezeAsync(ChengxinDbContext db, SchemeVersions versions,
        AccessScope scope, Data.Campaign campaign, DateTimeOffset now, CancellationToken ct)
    {
        var snapshot = JsonSerializer.Serialize(await ComputeAsync(db, versions, campaign, ct), SnapshotJson);
        var sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(snapshot)));
        var previous = await db.PublishedResults.Where(p => p.CampaignId == campaign.Id).MaxAsync(p => (int?)p.Version, ct) ?? 0;
        var published = new PublishedResult
        {
            TenantId = campaign.TenantId, CampaignId = campaign.Id, Version = previous + 1, Json = snapshot, Sha256 = sha,
            RequestedBy = campaign.PublicationRequestedBy!.Value, ApprovedBy = campaign.PublicationApprovedBy!.Value, PublishedAt = now.UtcDateTime,
        };
        db.PublishedResults.Add(published);
        await db.SaveChangesAsync(ct);
        var version = await db.SchemeVersions.AsNoTracking().FirstAsync(v => v.Id == campaign.SchemeVersionId, ct);
        var (_, publicSha) = PublicResults.Render(published, PublicResults.ItemScoresPublished(versions.Compile(version)));
        await CampaignContext.RecordAsync(db, scope, campaign, PublishedAction, new
        {
            version = published.Version, sha256 = sha, publicSha256 = publicSha, requestedBy = published.RequestedBy, approvedBy = published.ApprovedBy,
        }, now.UtcDateTime, ct);
        return (published, publicSha);
    }

    /// <summary>The latest frozen snapshot of a campaign, read back as published; null before the first publication.</summary>
    public static async Task<CampaignResultView?> LatestSnapshotAsync(ChengxinDbContext db, long campaignId, CancellationToken ct)
    {
        var json = await db.PublishedResults.AsNoTracking().Where(p => p.CampaignId == campaignId).OrderByDescending(p => p.Version)
            .Select(p => p.Json).FirstOrDefaultAsync(ct);
        return json is null ? null : JsonSerializer.Deserialize<CampaignResultView>(json, SnapshotJson);
    }

    /// <summary>Ranks stay those of the whole campaign; only the units in the caller's scope are kept.</summary>
    public static async Task<CampaignResultView> InScopeAsync(ChengxinDbContext db, CampaignResultView result, CancellationToken ct)
    {
        var ids = result.Units.Select(r => r.UnitId).ToList();
        var visible = (await db.Units.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => u.Id).ToListAsync(ct)).ToHashSet();
        return result with { Units = result.Units.Where(u => visible.Contains(u.UnitId)).ToList() };
    }

    /// <summary>
    /// Scores every unit of the campaign. The campaign itself is visible to the caller; its units' submissions are read
    /// past the unit scope, because totals and ranks are a property of the whole campaign (callers filter what they show).
    /// </summary>
    public static async Task<CampaignResultView> ComputeAsync(ChengxinDbContext db, SchemeVersions versions, Data.Campaign campaign, CancellationToken ct)
    {
        var scored = await ScoreAsync(db, versions, campaign, withPeriods: true, ct);
        var (version, scheme, members, units, reviewed, self) = (scored.Version, scored.Scheme, scored.Members, scored.Units, scored.Reviewed, scored.Self);
        var overall = Ranking.RankGroups(reviewed, null).Ranks;
        var byClass = Ranking.RankGroups(reviewed, r => r.UnitClass).Ranks;
        // The events and list hits behind monitoring facts, named in the items they cost points in.
        var monitored = await Features.Events.MonitoringFacts.LoadAsync(db, campaign.Id, scheme.Scheme.Facts.DistinctBy(f => f.Key).ToList(),
            members.Select(m => m.UnitId).ToList(), ct);

        // 双公示 items counted by the platform name the records that cost points (Features/Disclosures).
        bool CountsDisclosures(CompiledItem ci) => ci.Item.Facts.Any(f => SystemFacts.KindOf(f.Supplier) is { } k && SystemFacts.DualDisclosureKinds.Contains(k));
        var disclosures = scheme.Items.Any(CountsDisclosures)
            ? await Disclosures.DisclosureCampaignFacts.CostingAsync(db, campaign.Id, members.Select(m => m.UnitId).ToList(), ct)
            : [];
        var views = members.Select((member, i) =>
        {
            var r = reviewed[i];
            var check = scored.Spot.TryGetValue(member.UnitId, out var c) ? c : default;
            var explanation = r.Unreported ? $"逾期未报，按漏报计 0 分；{Explainer.ExplainTotal(r)}" : Explainer.ExplainTotal(r);
            if (check.Check is not null)
                explanation = $"抽查结果替代复核结果（复核总分 {scored.ReviewedOnly[member.UnitId].ToString("0.##########", System.Globalization.CultureInfo.InvariantCulture)}；"
                    + $"抽查结论：{check.Check.Summary}）；{explanation}";
            string ItemExplanation(CompiledItem ci)
            {
                var found = check.Items?.FirstOrDefault(x => x.ItemId == ci.Item.Id);
                if (r.Unreported)
                    return "逾期未报，按漏报计 0 分";
                var explained = Explainer.Explain(r, ci.Index) + Features.Events.MonitoringFacts.Note(monitored.GetValueOrDefault(member.UnitId), ci.Item);
                var text = found is null ? explained : $"抽查：{found.Reason}；{explained}";
                return CountsDisclosures(ci) && disclosures.TryGetValue(member.UnitId, out var records) ? $"{text}；{records}" : text;
            }
            return new UnitResultView(member.UnitId, units[member.UnitId].Name, member.SchemeClass, r.Base, r.Bonus, r.Total, r.Grade, r.Vetoes,
                overall[i], byClass[i], self[i].Total, scored.Submissions.TryGetValue(member.UnitId, out var s) && s.IsLate, explanation,
                scheme.Items.Select(ci => new ItemResultView(ci.Item.Id, ci.Item.No, ci.Item.Title, r.Items[ci.Index].Status, r.Items[ci.Index].Score,
                    self[i].Items[ci.Index].Score, ItemExplanation(ci))).ToList(),
                scheme.Scheme.Classes.FirstOrDefault(k => k.Id == member.SchemeClass)?.Name);
        }).OrderBy(v => v.Rank).ThenBy(v => v.UnitId).ToList();
        var period = Period.ParseKey(campaign.PeriodKey);
        return new CampaignResultView(campaign.Id, campaign.Name, version.SchemeId, version.Version, version.Sha256, campaign.PeriodKey, period.Label,
            members.Count, views);
    }

    /// <summary>A campaign scored: per member (in unit id order) the reviewed result and the self-score, and what went into them.</summary>
    internal sealed record Scored(SchemeVersion Version, CompiledScheme Scheme, List<CampaignUnit> Members, Dictionary<long, Unit> Units,
        Dictionary<long, Data.Submission> Submissions, List<UnitResult> Reviewed, List<UnitResult> Self,
        Dictionary<long, (SpotCheckRecord Check, List<SpotCheckItemRecord> Items)> Spot, Dictionary<long, decimal> ReviewedOnly,
        Chengxin.Server.Features.Periods.PeriodContext? Periods);

    /// <summary>
    /// The units on record as never having reported (逾期未报, recorded when collection closed) that still have not: they score 0
    /// as 漏报. Closing collection past such a unit takes the office's recorded reason (<see cref="Readiness"/>).
    /// </summary>
    private static async Task<HashSet<long>> UnreportedAsync(ChengxinDbContext db, long campaignId, Dictionary<long, Data.Submission> submissions,
        CancellationToken ct)
    {
        var missing = await db.ReportRecords.IgnoreQueryFilters([ChengxinDbContext.UnitScopeFilter]).AsNoTracking()
            .Where(r => r.CampaignId == campaignId && r.Kind == ReportLog.Submission && r.Status == Domain.Campaigns.ReportStatus.Missing)
            .Select(r => r.UnitId).ToListAsync(ct);
        return missing.Where(u => !submissions.TryGetValue(u, out var s) || s.State == SubmissionState.Draft).ToHashSet();
    }

    /// <summary>
    /// Scores every unit of the campaign: spot-check facts over reviewed facts over the unit's own, system facts counted
    /// from the record; with periods, a composite scheme's earlier published results and points carried from earlier
    /// published periods (seed 003's annual composite, seed 002's validFor). Earlier periods are scored without periods.
    /// </summary>
    internal static async Task<Scored> ScoreAsync(ChengxinDbContext db, SchemeVersions versions, Data.Campaign campaign, bool withPeriods, CancellationToken ct)
    {
        var version = await db.SchemeVersions.AsNoTracking().FirstAsync(v => v.Id == campaign.SchemeVersionId, ct);
        var scheme = versions.Compile(version);
        var unitIds = campaign.Units.Select(u => u.UnitId).ToList();
        var units = await db.Units.IgnoreQueryFilters([ChengxinDbContext.UnitScopeFilter]).AsNoTracking()
            .Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
        var submissions = await db.Submissions.IgnoreQueryFilters([ChengxinDbContext.UnitScopeFilter]).AsNoTracking()
            .Where(s => s.CampaignId == campaign.Id).ToDictionaryAsync(s => s.UnitId, ct);
        var periods = withPeriods ? await Chengxin.Server.Features.Periods.ManagePeriods.ContextAsync(db, versions, campaign, scheme, ct) : null;

        var members = campaign.Units.OrderBy(u => u.UnitId).ToList();
        var sheets = await CampaignFacts.LoadAsync(db, campaign.Id, scheme,
            members.Select(m => new FactsMember(m.UnitId, units[m.UnitId].Name, m.SchemeClass)).ToList(), SpotCheckFindings.Completed, ct, campaign.PeriodKey);
        var spot = await SpotChecks.SpotCheckQueries.CompletedAsync(db, campaign.Id, ct);
        var unreported = await UnreportedAsync(db, campaign.Id, submissions, ct);
        var reviewedOnly = new Dictionary<long, decimal>();
        var reviewed = new List<UnitResult>();
        var self = new List<UnitResult>();
        foreach (var member in members)
        {
            var sheet = sheets[member.UnitId];
            var composite = periods?.CompositeOf(member.UnitId);
            // A completed spot check replaces the reviewed result of its unit; the reviewed total stays on record beside it.
            if (spot.ContainsKey(member.UnitId))
                reviewedOnly[member.UnitId] = Scorer.Score(sheet.Facts(FactStage.Reviewed), composite).Total;
            var result = Scorer.Score(sheet.Facts(FactStage.SpotChecked), composite);
            if (periods?.EarlierOf(member.UnitId) is { Count: > 0 } earlier)
                CarryOver.Apply(result, earlier);
            if (unreported.Contains(member.UnitId))
                result.ScoreAsUnreported();
            reviewed.Add(result);
            self.Add(Scorer.Score(sheet.Facts(FactStage.Own), composite));
        }
        return new Scored(version, scheme, members, units, submissions, reviewed, self, spot, reviewedOnly, periods);
    }
}
