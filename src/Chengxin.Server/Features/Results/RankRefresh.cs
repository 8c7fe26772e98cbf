using Chengxin.Server.Data;
using Chengxin.Server.Infrastructure;
using Chengxin.Server.Infrastructure.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Chengxin.Server.Features.Results;

/// <summary>
/// How results are ranked (<c>Chengxin:Results</c>): a campaign of up to <see cref="RankOnReadUpTo"/> units (500) is ranked by the
/// first read after a write, which costs a few milliseconds at that size; a larger one by <see cref="RankRefresh"/> shortly after
/// the write, its reads meanwhile serving the last ranks marked as being refreshed (a province's 3,000 units took 330 ms a read).
/// </summary>
public sealed class ResultSettings
{
    public int RankOnReadUpTo { get; set; } = 500;

    /// <summary>How often the result-refresh work recomputes stale rows (<see cref="StaleResultRefresh"/>), in seconds.</summary>
    public int RefreshEverySeconds { get; set; } = 5;

    /// <summary>At most this many stale units of one campaign are recomputed and stored together (one save, one transaction).</summary>
    public int RefreshBatchUnits { get; set; } = 200;

    /// <summary>
    /// A run stops starting batches once it has scored this many units, so one run stays short; the next run goes on. A scheme that
    /// compares units counts its whole campaign.
    /// </summary>
    public int RefreshUnitsPerRun { get; set; } = 2_000;
}

/// <summary>
/// The ranks worker (issue 19): every ten seconds, once across all instances (the scheduled-work slots, docs/adr/0010), each
/// campaign with a row written since it was last ranked is ranked whole and its ranks stored, so that no read of a large campaign
/// ranks thousands of units in the request. The due campaigns are the few rows of the partial index on <c>RankDue</c>.
/// </summary>
public sealed class RankRefresh : IScheduledWork
{
    public const string WorkName = "result-ranks";

    public string Name => WorkName;

    public TimeSpan Every => TimeSpan.FromSeconds(10);

    public async Task RunAsync(IServiceProvider services, DateTimeOffset now, CancellationToken ct)
    {
        var scopes = services.GetRequiredService<IServiceScopeFactory>();
        var log = services.GetRequiredService<ILogger<RankRefresh>>();
        List<long> due;
        await using (var scope = scopes.CreateAsyncScope())
            due = await DueQuery(scope.ServiceProvider.GetRequiredService<ChengxinDbContext>()).ToListAsync(ct);
        foreach (var campaignId in due)
        {
            try
            {
                await RankAsync(scopes, campaignId, now.UtcDateTime, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One campaign that cannot be ranked (its scheme refused, say) must not hold up the others; its reads rank it as before.
                log.LogWarning(e, "Ranks of campaign {Campaign} could not be refreshed", campaignId);
            }
        }
    }

    /// <summary>The campaigns with a row due to be ranked again: read from <c>IX_UnitResults_CampaignId_RankDue</c> alone.</summary>
    internal static IQueryable<long> DueQuery(ChengxinDbContext db) =>
        db.UnitResults.Where(r => r.RankDue).Select(r => r.CampaignId).Distinct();

    /// <summary>Ranks one campaign as its office would (the office's scope, all its units), and stores the ranks.</summary>
    internal static async Task RankAsync(IServiceScopeFactory scopes, long campaignId, DateTime now, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChengxinDbContext>();
        var tenant = await db.Campaigns.IgnoreQueryFilters().Where(c => c.Id == campaignId).Select(c => (long?)c.TenantId).FirstOrDefaultAsync(ct);
        if (tenant is null)
            return;
        scope.ServiceProvider.GetRequiredService<AccessScope>().SetSystemOffice(tenant.Value, "系统（排名更新）");
        var campaign = await db.Campaigns.AsNoTracking().FirstAsync(c => c.Id == campaignId, ct);
        await StoredRanks.EnsureAsync(db, scope.ServiceProvider.GetRequiredService<SchemeVersions>(), now, campaign, ct);
    }
}

public static class ResultRegistration
{
    /// <summary>The ranking settings, the ranks worker and the result-refresh work on the scheduler.</summary>
    public static IServiceCollection AddResults(this IServiceCollection services)
    {
        services.AddOptions<ResultSettings>().BindConfiguration("Chengxin:Results");
        services.AddScheduledWork<RankRefresh>();
        services.AddScheduledWork<StaleResultRefresh>();
        return services;
    }
}
