using Chengxin.Server.Data;
using Chengxin.Server.Infrastructure;
using Chengxin.Server.Infrastructure.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Chengxin.Server.Features.Results;

/// <summary>
/// The result-refresh work (issue 19, ADR 0011): a write of facts only marks its units' stored results stale, and every few seconds,
/// once across all instances (the scheduled-work slots, ADR 0010), this recomputes the stale rows campaign by campaign. The writes
/// of one campaign since the last run make one batch: a campaign of a scheme that compares units is scored once for all of them,
/// not once per write. A batch is one save, so it stores all its rows or none; a row a write marked again while the batch was being
/// computed makes the save refuse the batch (the rows' stale mark, V024), which stays stale for the next run. Reads recompute
/// whatever is still stale meanwhile, so nothing waits on this work for its correctness.
/// </summary>
public sealed class StaleResultRefresh(IOptions<ResultSettings> settings) : IScheduledWork
{
    public const string WorkName = "result-refresh";

    public string Name => WorkName;

    public TimeSpan Every => TimeSpan.FromSeconds(Math.Max(1, settings.Value.RefreshEverySeconds));

    public async Task RunAsync(IServiceProvider services, DateTimeOffset now, CancellationToken ct)
    {
        var scopes = services.GetRequiredService<IServiceScopeFactory>();
        var log = services.GetRequiredService<ILogger<StaleResultRefresh>>();
        var batchUnits = Math.Max(1, settings.Value.RefreshBatchUnits);
        var budget = Math.Max(1, settings.Value.RefreshUnitsPerRun);
        List<long> due;
        await using (var scope = scopes.CreateAsyncScope())
            due = await StaleCampaignsQuery(scope.ServiceProvider.GetRequiredService<ChengxinDbContext>()).ToListAsync(ct);
        foreach (var campaignId in due)
        {
            try
            {
                while (budget > 0)
                {
                    var (scored, more) = await RefreshBatchAsync(scopes, campaignId, now.UtcDateTime, batchUnits, beforeStore: null, ct);
                    budget -= scored;
                    if (!more)
                        break;
                }
            }
            catch (DbUpdateConcurrencyException)
            {
                // A write marked a row of the batch again while it was computed: the batch stored nothing, and the next run takes it.
                log.LogDebug("Stale results of campaign {Campaign} were written meanwhile; left for the next run", campaignId);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One campaign that cannot be scored (its scheme refused, say) must not hold up the others; its reads recompute it.
                log.LogWarning(e, "Stale results of campaign {Campaign} could not be refreshed", campaignId);
            }
            if (budget <= 0)
                break;
        }
    }

    /// <summary>The campaigns with a stale row: read from the partial index <c>IX_UnitResults_CampaignId_UnitId_Stale</c> alone.</summary>
    internal static IQueryable<long> StaleCampaignsQuery(ChengxinDbContext db) =>
        db.UnitResults.Where(r => r.IsStale).Select(r => r.CampaignId).Distinct();

    /// <summary>One campaign's stale units in unit order, the first of them: a range of <c>IX_UnitResults_CampaignId_UnitId_Stale</c>.</summary>
    internal static IQueryable<long> StaleUnitsQuery(ChengxinDbContext db, long campaignId, int count) =>
        db.UnitResults.Where(r => r.CampaignId == campaignId && r.IsStale).OrderBy(r => r.UnitId).Select(r => r.UnitId).Take(count);

    /// <summary>
    /// Recomputes one batch of a campaign's stale rows as its office would (the office's scope, past the unit filter): up to
    /// <paramref name="batchUnits"/> units, or the whole campaign for a scheme that compares units. Answers how many units were scored
    /// and whether stale rows are left beyond the batch. Throws <see cref="DbUpdateConcurrencyException"/>, having stored nothing, when
    /// a write marked one of the rows again meanwhile (<paramref name="beforeStore"/> lets a test land one there).
    /// </summary>
    internal static async Task<(int Scored, bool More)> RefreshBatchAsync(IServiceScopeFactory scopes, long campaignId, DateTime now, int batchUnits,
        Func<CancellationToken, Task>? beforeStore, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChengxinDbContext>();
        var tenant = await db.Campaigns.IgnoreQueryFilters().Where(c => c.Id == campaignId).Select(c => (long?)c.TenantId).FirstOrDefaultAsync(ct);
        if (tenant is null)
            return (0, false);
        scope.ServiceProvider.GetRequiredService<AccessScope>().SetSystemOffice(tenant.Value, "系统（结果更新）");
        var versions = scope.ServiceProvider.GetRequiredService<SchemeVersions>();
        var campaign = await db.Campaigns.AsNoTracking().FirstAsync(c => c.Id == campaignId, ct);
        var version = await db.SchemeVersions.IgnoreQueryFilters().AsNoTracking().FirstAsync(v => v.Id == campaign.SchemeVersionId, ct);
        var stale = await StaleUnitsQuery(db, campaignId, batchUnits + 1).ToListAsync(ct);
        if (stale.Count == 0)
            return (0, false);
        var more = stale.Count > batchUnits;
        var batch = stale.Take(batchUnits).ToHashSet();
        if (ScoreCampaign.ComparesUnits(versions.Compile(version)))
        {
            // One unit's facts move every other unit's result: the campaign is scored whole, once for all its stale rows.
            campaign.Units = await db.CampaignUnits.AsNoTracking().Where(cu => cu.CampaignId == campaignId).OrderBy(cu => cu.UnitId).ToListAsync(ct);
            await StoredResults.RecomputeAsync(db, versions, now, campaign, only: null, beforeStore, ct);
            return (campaign.Units.Count, false);
        }
        campaign.Units = await db.CampaignUnits.AsNoTracking().Where(cu => cu.CampaignId == campaignId && batch.Contains(cu.UnitId))
            .OrderBy(cu => cu.UnitId).ToListAsync(ct);
        var members = campaign.Units.Select(u => u.UnitId).ToHashSet();
        // A stale row of a unit no longer in the campaign is one a removal left behind: units taken out keep no result.
        var gone = batch.Where(id => !members.Contains(id)).ToList();
        if (gone.Count > 0)
            await db.UnitResults.Where(r => r.CampaignId == campaignId && gone.Contains(r.UnitId)).ExecuteDeleteAsync(ct);
        if (members.Count > 0)
            await StoredResults.RecomputeAsync(db, versions, now, campaign, members, beforeStore, ct);
        return (members.Count, more);
    }
}
