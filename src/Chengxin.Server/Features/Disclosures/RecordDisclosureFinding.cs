using Chengxin.Domain;
using Chengxin.Domain.Monitoring;
using Chengxin.Server.Data;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Disclosures;

/// <summary>
/// The office records that a spot comparison by the national or provincial information centre found a record 属实 (漏报瞒报):
/// from then on it counts as 漏报. Once per record; of two people recording it at once one is stored and the other gets 409.
/// </summary>
public static class RecordDisclosureFinding
{
    public static async Task<IResult> Handle(long id, RecordDisclosureFindingRequest request, ChengxinDbContext db, AccessScope scope,
        IConfiguration config, TimeProvider clock, CancellationToken ct)
    {
        var record = await db.DisclosureRecords.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (record is null)
            return ProblemResponses.NotFound("记录");
        var validation = new Validation().Required("reason", request.Reason, "比对结果说明", 1000);
        if (!validation.IsValid)
            return validation.Problem();
        if (await db.DisclosureFindings.AnyAsync(f => f.RecordId == id, ct))
            return ProblemResponses.Conflict("这条记录已记为抽查比对属实。");

        var finding = new DisclosureFinding
        {
            TenantId = scope.TenantId,
            RecordId = id,
            DepartmentUnitId = record.DepartmentUnitId,
            Reason = request.Reason!.Trim(),
            FoundBy = scope.UserId,
            FoundByName = scope.ActorName,
            FoundAt = clock.GetUtcNow().UtcDateTime,
        };
        db.DisclosureFindings.Add(finding);
        await db.SaveChangesAsync(ct);

        var settings = await DisclosureOffice.LoadAsync(db, scope.TenantId, config, ct);
        var stored = new StoredDisclosure(record.Id, record.DepartmentUnitId, record.DecisionNumber, record.SubjectName, record.DecisionDate, record.ReportedOn, true);
        DisclosureVerdict verdict;
        try
        {
            verdict = DualDisclosureStatistics.Judge(stored, settings.Rule, DisclosureOffice.Index(settings));
        }
        catch (DomainRuleException)
        {
            verdict = new(stored, record.DecisionDate, 0, false);
        }
        return TypedResults.Ok(new DisclosureRecordView(record.Id, DisclosureOffice.KindName(record.Kind), record.DecisionNumber, record.SubjectName,
            record.SubjectCode, record.Agency, record.DecisionDate, record.ReportedOn, verdict.Due, verdict.DaysTaken, "漏报", finding.Reason));
    }
}
