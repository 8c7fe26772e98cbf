using Chengxin.Server.Data;
using Chengxin.Server.Infrastructure;
using Chengxin.Server.Infrastructure.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.FollowUp;

/// <summary>
/// The office's rules on a schedule: every hour, once across all instances, each office's enabled rules run over all its units (as
/// the office itself would run them), and the unit and the office are told of orders that have become overdue. A slot missed is
/// not made up: the rules look at the state of things, and each cause fires once whichever run sees it first.
/// </summary>
public sealed class ScheduledFollowUpRules : IScheduledWork
{
    public const string WorkName = "follow-up-rules";

    public string Name => WorkName;

    public TimeSpan Every => TimeSpan.FromHours(1);

    public async Task RunAsync(IServiceProvider services, DateTimeOffset now, CancellationToken ct)
    {
        var scopes = services.GetRequiredService<IServiceScopeFactory>();
        List<long> offices;
        await using (var scope = scopes.CreateAsyncScope())
            offices = await scope.ServiceProvider.GetRequiredService<ChengxinDbContext>().CreditOffices.IgnoreQueryFilters()
                .Select(o => o.Id).OrderBy(id => id).ToListAsync(ct);
        foreach (var office in offices)
        {
            await using var scope = scopes.CreateAsyncScope();
            var access = scope.ServiceProvider.GetRequiredService<AccessScope>();
            access.SetSystemOffice(office, "系统（定时规则）");
            var db = scope.ServiceProvider.GetRequiredService<ChengxinDbContext>();
            await RunRules.RunAsync(db, access, now, ct);
            await FollowUpNotices.OverdueAsync(db, office, now, ct);
        }
    }
}
