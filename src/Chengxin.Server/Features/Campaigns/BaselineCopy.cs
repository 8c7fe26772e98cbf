using Chengxin.Domain.Scoring;
using Chengxin.Domain.Campaigns;
using Chengxin.Server.Data;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Chengxin.Server.Features.Schemes;

namespace Chengxin.Server.Features.Campaigns;

/// <summary>
/// A campaign opened on a baseline (the previous period's campaign of the same scheme) starts each unit that took part
/// in both from its earlier answer: the unit's and the providers' facts, the explanations and the evidence are copied
/// as drafts (the evidence content is shared, being stored by its SHA-256), and the unit confirms them before it can
/// submit. Every copied row is created through the audit chain like any other.
/// </summary>
public static class BaselineCopy
{
    /// <summary>The baseline campaign named by the request, or null after adding why it cannot serve (400).</summary>
    public static async Task<Data.Campaign?> FindAsync(ChengxinDbContext db, long? baselineCampaignId, string? schemeId, Validation validation, CancellationToken ct)
    {
        if (baselineCampaignId is not { } id)
            return null;
        var baseline = await db.Campaigns.AsNoTracking().Include(c => c.Units).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (baseline is null)
        {
            validation.Add("baselineCampaignId", "所选的基准批次不存在或不在您的权限范围内。");
            return null;
        }
        var baselineScheme = await db.SchemeVersions.AsNoTracking().Where(v => v.Id == baseline.SchemeVersionId)
            .Select(v => new { v.SchemeId, v.Title }).FirstAsync(ct);
        if (schemeId is not null && baselineScheme.SchemeId != schemeId)
        {
            // The schemes by their titles, as the office knows them: the ids are the platform's.
            var title = await db.SchemeVersions.AsNoTracking().Where(v => v.SchemeId == schemeId).OrderByDescending(v => v.Id)
                .Select(v => v.Title).FirstOrDefaultAsync(ct);
            validation.Add("baselineCampaignId",
                $"基准批次「{baseline.Name}」使用的指标体系是「{baselineScheme.Title}」，与本批次的{(title is null ? "指标体系" : $"「{title}」")}不同，不能作为基准。");
            return null;
        }
        return baseline;
    }

    /// <summary>Copies the baseline's answers into the new campaign's (empty) submissions, inside the caller's transaction.</summary>
    public static async Task CopyAsync(ChengxinDbContext db, SchemeVersions versions, Data.Campaign campaign, Data.Campaign baseline, DateTime now, CancellationToken ct)
    {
        var version = await db.SchemeVersions.AsNoTracking().FirstAsync(v => v.Id == campaign.SchemeVersionId, ct);
        var compiled = versions.Compile(version);
        var scheme = compiled.Scheme;
        var shared = campaign.Units.Where(u => baseline.Units.Any(b => b.UnitId == u.UnitId)).ToList();
        var unitIds = shared.Select(u => u.UnitId).ToList();
        var names = await db.Units.IgnoreQueryFilters([ChengxinDbContext.UnitScopeFilter]).AsNoTracking()
            .Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var earlier = await db.Submissions.AsNoTracking().Where(s => s.CampaignId == baseline.Id && unitIds.Contains(s.UnitId)).ToListAsync(ct);
        var earlierIds = earlier.Select(s => s.Id).ToList();
        var facts = await db.SubmissionFacts.AsNoTracking().Where(f => earlierIds.Contains(f.SubmissionId)).ToListAsync(ct);
        var items = await db.SubmissionItems.AsNoTracking().Where(i => earlierIds.Contains(i.SubmissionId)).ToListAsync(ct);
        var evidence = await db.Evidence.AsNoTracking().Where(e => earlierIds.Contains(e.SubmissionId)).OrderBy(e => e.Id).ToListAsync(ct);

        foreach (var old in earlier)
        {
            var member = shared.First(u => u.UnitId == old.UnitId);
            // Only what the new scheme still asks of this unit's class: items gone or no longer applicable are left behind.
            var applicable = scheme.Items.Where(i => i.AppliesToUnit(member.SchemeClass, member.UnitId, names[member.UnitId])).ToDictionary(i => i.Id);
            var submission = new Data.Submission
            {
                TenantId = campaign.TenantId, CampaignId = campaign.Id, UnitId = old.UnitId, State = SubmissionState.Draft, Due = campaign.EvidenceDue,
                CreatedAt = now, BaselineCampaignId = baseline.Id,
            };
            db.Submissions.Add(submission);
            await db.SaveChangesAsync(ct);

            // The unit's own answer and the providers' values; a reviewer's correction belonged to that period's review.
            var own = OwnAnswer(compiled, old, member.SchemeClass, facts.Where(f => f.SubmissionId == old.Id).ToList())
                .Where(f => applicable.TryGetValue(f.ItemId, out var item) && item.Facts.Any(d => d.Key == f.FactKey)).ToList();
            var itemIds = own.Select(f => f.ItemId)
                .Concat(items.Where(i => i.SubmissionId == old.Id && i.Explanation is not null).Select(i => i.ItemId))
                .Concat(evidence.Where(e => e.SubmissionId == old.Id).Select(e => e.ItemId))
                .Where(applicable.ContainsKey).Distinct().ToList();
            foreach (var itemId in itemIds)
            {
                db.SubmissionItems.Add(new SubmissionItem
                {
                    TenantId = campaign.TenantId, SubmissionId = submission.Id, UnitId = old.UnitId, ItemId = itemId, FactsVersion = 1,
                    Explanation = items.FirstOrDefault(i => i.SubmissionId == old.Id && i.ItemId == itemId)?.Explanation,
                });
            }
            foreach (var f in own)
            {
                // Who entered it and when stay those of the earlier period: the copy is the same statement, carried forward.
                db.SubmissionFacts.Add(new SubmissionFact
                {
                    TenantId = campaign.TenantId, SubmissionId = submission.Id, UnitId = old.UnitId, ItemId = f.ItemId, FactKey = f.FactKey, Source = f.Source,
                    ValueJson = f.ValueJson, EnteredBy = f.EnteredBy, EnteredByName = f.EnteredByName, EnteredRole = f.EnteredRole, EnteredAt = f.EnteredAt,
                    ItemVersion = 1,
                });
            }
            foreach (var e in evidence.Where(e => e.SubmissionId == old.Id && applicable.ContainsKey(e.ItemId)))
            {
                db.Evidence.Add(new Evidence
                {
                    TenantId = campaign.TenantId, SubmissionId = submission.Id, UnitId = old.UnitId, ItemId = e.ItemId, FileName = e.FileName,
                    ContentType = e.ContentType, Size = e.Size, Sha256 = e.Sha256, UploadedBy = e.UploadedBy, UploadedByName = e.UploadedByName,
                    UploadedAt = e.UploadedAt, Kind = e.Kind, Url = e.Url, LedgerJson = e.LedgerJson,
                });
            }
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>The stored rows that make the unit's own answer, one per fact, as the domain's precedence picks them.</summary>
    private static IEnumerable<SubmissionFact> OwnAnswer(Chengxin.Domain.Scoring.CompiledScheme scheme, Data.Submission old, string schemeClass,
        List<SubmissionFact> rows)
    {
        var sheet = new FactSheet(scheme, old.UnitId.ToString(System.Globalization.CultureInfo.InvariantCulture), schemeClass);
        // Only which row counts matters here, not its value: the earlier period's values are copied as stored, never read
        // against this period's scheme (a fact's declaration may have changed between versions).
        foreach (var f in rows.OrderBy(f => f.Id))
        {
            if (FactSource.Named(f.Source) is { } source)
                sheet.Add(new FactEntry(f.FactKey, default, source, new DateTimeOffset(f.EnteredAt.Ticks, TimeSpan.Zero), f.Id));
        }
        var byId = rows.ToDictionary(f => f.Id);
        return sheet.Entries.Select(e => e.Key).Distinct().Select(key => sheet.Deciding(key, FactStage.Own))
            .OfType<FactEntry>().Where(e => !e.Source.Counted).Select(e => byId[e.Sequence]);
    }
}
