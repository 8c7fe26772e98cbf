using Chengxin.Domain;
using Chengxin.Domain.Monitoring;
using Chengxin.Server.Data;
using Chengxin.Server.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Disclosures;

/// <summary>The drill-down of a department's statistics: each record with its due date and verdict, and its refused (错报) rows.</summary>
public static class ListDisclosureRecords
{
    public static async Task<IResult> Handle([FromQuery] long unitId, [FromQuery] DateOnly? from, [FromQuery] DateOnly? to, ChengxinDbContext db,
        AccessScope scope, IConfiguration config, TimeProvider clock, CancellationToken ct)
    {
        var unit = await db.Units.AsNoTracking().Where(u => u.Id == unitId && DisclosureOffice.Departments(db, scope).Contains(u.Id))
            .Select(u => new { u.Id, u.Name }).FirstOrDefaultAsync(ct);
        if (unit is null)
            return ProblemResponses.NotFound("单位");
        if (DisclosureStatisticsQuery.Period(from, to, clock) is not { } period)
            return new Validation().Check(false, "to", "结束日期不能早于开始日期。").Problem();
        var settings = await DisclosureOffice.LoadAsync(db, scope.TenantId, config, ct);
        try
        {
            return TypedResults.Ok(await LoadAsync(db, scope.TenantId, unit.Id, unit.Name, period.From, period.To, settings, ct));
        }
        catch (DomainRuleException e)
        {
            // A record in a year the office's calendar lacks: the calendar's own words name the year to add.
            return ProblemResponses.Conflict(e.Message);
        }
    }

    public static async Task<DisclosureRecordsView> LoadAsync(ChengxinDbContext db, long tenantId, long unitId, string name, DateOnly from, DateOnly to,
        DisclosureOfficeSettings settings, CancellationToken ct)
    {
        var data = await DisclosureFacts.LoadAsync(db, tenantId, null, [unitId], from, to, ct);
        var rows = await db.DisclosureRecords.IgnoreQueryFilters([ChengxinDbContext.UnitScopeFilter]).AsNoTracking()
            .Where(r => r.TenantId == tenantId && r.DepartmentUnitId == unitId && r.DecisionDate >= from && r.DecisionDate <= to)
            .ToDictionaryAsync(r => r.Id, ct);
        var days = DisclosureOffice.Index(settings);
        var records = new List<DisclosureRecordView>();
        foreach (var r in data.Records.OrderBy(r => r.DecisionDate).ThenBy(r => r.DecisionNumber, StringComparer.Ordinal))
        {
            var verdict = DualDisclosureStatistics.Judge(r, settings.Rule, days);
            var row = rows[r.Id];
            var standing = r.Concealed ? "漏报" : verdict.Late ? "迟报" : "按时";
            records.Add(new(r.Id, DisclosureOffice.KindName(row.Kind), r.DecisionNumber, r.SubjectName, row.SubjectCode, row.Agency, r.DecisionDate,
                r.ReportedOn, verdict.Due, verdict.DaysTaken, standing, data.Findings.GetValueOrDefault(r.Id)));
        }
        var wrong = data.Wrong.OrderBy(w => w.On).ThenBy(w => w.Row)
            .Select(w => new DisclosureRejectionView(w.Row, w.Column, w.Reason, w.DecisionNumber, name)).ToList();
        return new(unitId, name, from, to, settings.RuleText, records, wrong);
    }
}
