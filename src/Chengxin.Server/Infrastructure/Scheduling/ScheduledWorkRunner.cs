using Chengxin.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Chengxin.Server.Infrastructure.Scheduling;

/// <summary>
/// Runs the scheduled work that is due. <see cref="RunDueAsync"/> takes the time from the app's <see cref="TimeProvider"/>, so a
/// test resolves this runner from the app's services (<c>Factory.Services.GetRequiredService&lt;ScheduledWorkRunner&gt;()</c>),
/// moves the TestClock and calls it: each work whose current slot no instance has claimed yet runs once, here and now.
/// A slot is claimed by inserting its (work name, slot start) row: the primary key lets one insert win on SQLite and PostgreSQL
/// alike, the losers see a unique violation and skip the slot (docs/adr/0010). A slot's row is the claim only while its slot is
/// the work's latest: once the next slot of the work has run well, the rows of its earlier good runs are deleted (a 5-second work
/// would otherwise leave 17,280 rows a day that say nothing but "it ran"), so the table holds each work's last run and its failures.
/// </summary>
public sealed class ScheduledWorkRunner(IEnumerable<IScheduledWork> works, IServiceScopeFactory scopes, TimeProvider clock,
    IOptions<SchedulingSettings> settings, ILogger<ScheduledWorkRunner> log)
{
    /// <summary>How long the rows of failed runs are kept, for the office to see what failed and when.</summary>
    private static readonly TimeSpan Keep = TimeSpan.FromDays(30);

    private readonly string _instance = settings.Value.Instance is { Length: > 0 } name
        ? name
        : $"{Environment.MachineName}:{Environment.ProcessId}";

    private DateTime _lastCleanup = DateTime.MinValue;

    public IReadOnlyList<IScheduledWork> Works { get; } = works.ToList();

    /// <summary>The start of the slot of <paramref name="every"/> that <paramref name="now"/> falls in, counted from the Unix epoch.</summary>
    public static DateTime SlotOf(DateTimeOffset now, TimeSpan every)
    {
        var since = now.UtcDateTime - DateTime.UnixEpoch;
        return DateTime.UnixEpoch.AddTicks(since.Ticks / every.Ticks * every.Ticks);
    }

    /// <summary>Runs every work whose current slot this instance claims; answers the names of the works it ran.</summary>
    public async Task<IReadOnlyList<string>> RunDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var ran = new List<string>();
        foreach (var work in Works)
        {
            var slot = SlotOf(now, work.Every);
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ChengxinDbContext>();
            var run = new ScheduledRun { WorkName = work.Name, SlotStart = slot, Instance = _instance, StartedAt = now.UtcDateTime };
            if (!await ClaimAsync(db, run, ct))
                continue;
            try
            {
                await using (var workScope = scopes.CreateAsyncScope())
                    await work.RunAsync(workScope.ServiceProvider, now, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                // The slot stays claimed: a failing rule is not retried in a loop, and the next slot runs it afresh.
                log.LogError(e, "Scheduled work {Work} failed in slot {Slot:O}", work.Name, slot);
                run.Error = "执行失败，详见服务器日志。";
            }
            run.FinishedAt = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(CancellationToken.None);
            if (run.Error is null)
                await ForgetEarlierRunsAsync(db, run, CancellationToken.None);
            ran.Add(work.Name);
        }
        await CleanUpAsync(now.UtcDateTime, ct);
        return ran;
    }

    private static async Task<bool> ClaimAsync(ChengxinDbContext db, ScheduledRun run, CancellationToken ct)
    {
        // A later slot's row also refuses the claim: an instance whose clock lags would otherwise claim again a slot whose row has
        // been forgotten since (ForgetEarlierRunsAsync), and run it twice.
        if (await db.ScheduledRuns.AnyAsync(r => r.WorkName == run.WorkName && r.SlotStart >= run.SlotStart, ct))
            return false;
        db.ScheduledRuns.Add(run);
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException e) when (DatabaseConflicts.IsConflict(e))
        {
            return false;
        }
    }

    /// <summary>
    /// Deletes the work's earlier good runs once a later one has finished well: their rows claimed slots that are over, and a row per
    /// five seconds tells nobody anything the latest row does not. Failed runs stay (for <see cref="Keep"/>), so a failure is not
    /// hidden by the good runs after it; so do unfinished ones, as another instance may still be running that slot and will save its
    /// row when done. One range of the primary key (WorkName, SlotStart).
    /// </summary>
    private static Task<int> ForgetEarlierRunsAsync(ChengxinDbContext db, ScheduledRun run, CancellationToken ct) =>
        db.ScheduledRuns.Where(r => r.WorkName == run.WorkName && r.SlotStart < run.SlotStart && r.FinishedAt != null && r.Error == null)
            .ExecuteDeleteAsync(ct);

    private async Task CleanUpAsync(DateTime now, CancellationToken ct)
    {
        if (now - _lastCleanup < TimeSpan.FromHours(1))
            return;
        _lastCleanup = now;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChengxinDbContext>();
        var before = now - Keep;
        await db.ScheduledRuns.Where(r => r.SlotStart < before).ExecuteDeleteAsync(ct);
    }
}

/// <summary>The loop that asks the runner every few seconds; off when <c>Chengxin:Scheduling:Enabled</c> is false.</summary>
internal sealed class ScheduledWorkLoop(ScheduledWorkRunner runner, IOptions<SchedulingSettings> settings, ILogger<ScheduledWorkLoop> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!settings.Value.Enabled || runner.Works.Count == 0)
            return;
        var poll = TimeSpan.FromSeconds(Math.Max(1, settings.Value.PollSeconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await runner.RunDueAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // A database briefly away must not end the loop; the next poll tries again.
                log.LogWarning(e, "Scheduled work could not be run");
            }
            try
            {
                await Task.Delay(poll, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
