using Chengxin.Domain;
using Chengxin.Domain.Monitoring;
using Chengxin.Server.Data;
using Chengxin.Server.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Disclosures;

/// <summary>Per source department in a period: records, on time, 迟报, 错报, 漏报 and the on-time share, by the office's rule and calendar.</summary>
public static class DisclosureStatisticsQuery
{
    public static async Task<IResult> Handle([FromQuery] DateOnly? from, [FromQuery] DateOnly? to, ChengxinDbContext db, AccessScope scope,
        IConfiguration config, TimeProvider clock, CancellationToken ct)
    {
        if (Period(from, to, clock) is not { } period)
            return new Validation().Check(false, "to", "结束日期不能早于开始日期。").Problem();
        var settings = await DisclosureOffice.LoadAsync(db, scope.TenantId, config, ct);
        var data = await DisclosureFacts.LoadAsync(db, scope.TenantId, DisclosureOffice.Departments(db, scope), null, period.From, period.To, ct);
        IReadOnlyDictionary<long, DepartmentDisclosureStatistics> statistics;
        try
        {
            statistics = DualDisclosureStatistics.ByDepartment(data.Records, data.Wrong, settings.Rule, DisclosureOffice.Index(settings));
        }
        catch (DomainRuleException e)
        {
            return ProblemResponses.Conflict(e.Message);
        }
        var ids = statistics.Keys.ToList();
        var names = await db.Units.IgnoreQueryFilters([ChengxinDbContext.UnitScopeFilter]).Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var rows = statistics.Values.OrderBy(s => names.GetValueOrDefault(s.DepartmentId), StringComparer.Ordinal)
            .Select(s => new DepartmentDisclosureView(s.DepartmentId, names.GetValueOrDefault(s.DepartmentId) ?? "", s.Records, s.OnTime, s.Late, s.Wrong, s.Missing, s.OnTimeShare))
            .ToList();
        return TypedResults.Ok(new DisclosureStatisticsView(period.From, period.To, settings.RuleText, rows));
    }

    /// <summary>The period asked for; by default the current year to date (Beijing time).</summary>
    public static (DateOnly From, DateOnly To)? Period(DateOnly? from, DateOnly? to, TimeProvider clock)
    {
        var today = DateOnly.FromDateTime(BeijingTime.Local(clock.GetUtcNow()).DateTime);
        var start = from ?? new DateOnly(today.Year, 1, 1);
        var end = to ?? new DateOnly(start.Year, 12, 31);
        return end < start ? null : (start, end);
    }
}
