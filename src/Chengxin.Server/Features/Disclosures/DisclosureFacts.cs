using Chengxin.Domain.Monitoring;
using Chengxin.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Disclosures;

/// <summary>The 双公示 of some departments in a period as the domain reads it: stored records with their findings, and the 错报 rows.</summary>
public sealed record DisclosurePeriodData(List<StoredDisclosure> Records, List<WrongDisclosure> Wrong, Dictionary<long, string> Findings);

/// <summary>
/// The one query for 双公示 in a period, used by the statistics, the drill-down and the campaign's system facts (read past
/// the unit scope there: the campaign's facts are the campaign's, as <see cref="Facts.CampaignFacts"/> says). A record counts
/// in the period of its decision; a refused row in that of its decision date, or of its upload when it had none.
/// </summary>
public static class DisclosureFacts
{
    public static async Task<DisclosurePeriodData> LoadAsync(ChengxinDbContext db, long tenantId, IQueryable<long>? departments,
        IReadOnlyCollection<long>? unitIds, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var records = db.DisclosureRecords.IgnoreQueryFilters().AsNoTracking()
            .Where(r => r.TenantId == tenantId && r.DecisionDate >= from && r.DecisionDate <= to);
        var wrong = db.DisclosureRejections.IgnoreQueryFilters().AsNoTracking()
            .Where(r => r.TenantId == tenantId && r.CountsAsWrong && r.DepartmentUnitId != null && r.CountsOn >= from && r.CountsOn <= to);
        var findings = db.DisclosureFindings.IgnoreQueryFilters().AsNoTracking().Where(f => f.TenantId == tenantId);
        if (departments is not null)
        {
            records = records.Where(r => departments.Contains(r.DepartmentUnitId));
            wrong = wrong.Where(r => departments.Contains(r.DepartmentUnitId!.Value));
            findings = findings.Where(f => departments.Contains(f.DepartmentUnitId));
        }
        if (unitIds is { Count: 1 })
        {
            var only = unitIds.First();
            records = records.Where(r => r.DepartmentUnitId == only);
            wrong = wrong.Where(r => r.DepartmentUnitId == only);
            findings = findings.Where(f => f.DepartmentUnitId == only);
        }
        var found = await findings.Where(f => records.Select(r => r.Id).Contains(f.RecordId)).ToDictionaryAsync(f => f.RecordId, f => f.Reason, ct);
        var stored = (await records.Select(r => new { r.Id, r.DepartmentUnitId, r.DecisionNumber, r.SubjectName, r.DecisionDate, r.ReportedOn }).ToListAsync(ct))
            .Select(r => new StoredDisclosure(r.Id, r.DepartmentUnitId, r.DecisionNumber, r.SubjectName, r.DecisionDate, r.ReportedOn, found.ContainsKey(r.Id)))
            .ToList();
        var refused = (await wrong.Select(r => new { r.DepartmentUnitId, r.CountsOn, r.UploadId, r.Row, r.Column, r.Reason, r.DecisionNumber }).ToListAsync(ct))
            .Select(r => new WrongDisclosure(r.DepartmentUnitId!.Value, r.CountsOn, r.UploadId, r.Row, r.Column, r.Reason, r.DecisionNumber)).ToList();
        if (unitIds is { Count: > 1 })
        {
            var set = unitIds.ToHashSet();
            stored.RemoveAll(r => !set.Contains(r.DepartmentId));
            refused.RemoveAll(r => !set.Contains(r.DepartmentId));
        }
        return new(stored, refused, found);
    }
}
