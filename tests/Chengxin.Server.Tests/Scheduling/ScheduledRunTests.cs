using Chengxin.Server.Data;
using Chengxin.Server.Infrastructure.Scheduling;
using Chengxin.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Chengxin.Server.Tests.Scheduling;

/// <summary>
/// The rows scheduled work leaves behind (docs/adr/0010): a slot's row claims it while it is the work's latest, the good runs before
/// it are forgotten, failed runs are kept, and no instance (not even one whose clock lags) runs a slot whose row is gone.
/// </summary>
public abstract class ScheduledRunTests(AppFixture app)
{
    /// <summary>A work of the test's own, with a name no other test claims slots of; it fails in the slots it is told to.</summary>
    private sealed class CountingWork(string name, Func<int, bool>? failsOnRun = null) : IScheduledWork
    {
        public int Runs;
        public string Name => name;
        public TimeSpan Every => TimeSpan.FromSeconds(5);

        public Task RunAsync(IServiceProvider services, DateTimeOffset now, CancellationToken ct)
        {
            var run = ++Runs;
            return failsOnRun?.Invoke(run) == true ? throw new InvalidOperationException("规则失败（测试）") : Task.CompletedTask;
        }
    }

    /// <summary>An instance's clock that runs behind the others by a fixed time.</summary>
    private sealed class LaggingClock(TimeProvider inner, TimeSpan lag) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => inner.GetUtcNow() - lag;
    }

    private ScheduledWorkRunner RunnerOf(IScheduledWork work, TimeProvider clock, string instance) =>
        new([work], app.Factory.Services.GetRequiredService<IServiceScopeFactory>(), clock,
            Options.Create(new SchedulingSettings { Enabled = false, Instance = instance }),
            app.Factory.Services.GetRequiredService<ILogger<ScheduledWorkRunner>>());

    private async Task<List<ScheduledRun>> RowsOf(string work)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ChengxinDbContext>().ScheduledRuns.AsNoTracking()
            .Where(r => r.WorkName == work).OrderBy(r => r.SlotStart).ToListAsync();
    }

    private static string NewName(string what) => $"test-{what}-{Guid.NewGuid():N}"[..40];

    [Fact]
    public async Task RunDue_TenGoodSlots_KeepsOnlyTheLatestRow()
    {
        var work = new CountingWork(NewName("quiet"));
        var runner = RunnerOf(work, app.Clock, "甲");

        for (var slot = 0; slot < 10; slot++)
        {
            app.Clock.Advance(work.Every);
            (await runner.RunDueAsync(CancellationToken.None)).ShouldBe([work.Name]);
        }

        work.Runs.ShouldBe(10);
        var rows = await RowsOf(work.Name);
        rows.Count.ShouldBe(1);
        rows[0].SlotStart.ShouldBe(ScheduledWorkRunner.SlotOf(app.Clock.GetUtcNow(), work.Every));
        rows[0].FinishedAt.ShouldNotBeNull();
    }

    [Fact]
    public async Task RunDue_FailedRun_KeptAfterTheGoodRunsThatFollow()
    {
        var work = new CountingWork(NewName("failing"), run => run == 2);
        var runner = RunnerOf(work, app.Clock, "甲");

        var slots = new List<DateTime>();
        for (var slot = 0; slot < 5; slot++)
        {
            app.Clock.Advance(work.Every);
            slots.Add(ScheduledWorkRunner.SlotOf(app.Clock.GetUtcNow(), work.Every));
            await runner.RunDueAsync(CancellationToken.None);
        }

        var rows = await RowsOf(work.Name);
        rows.Select(r => r.SlotStart).ShouldBe([slots[1], slots[4]]);
        rows[0].Error.ShouldBe("执行失败，详见服务器日志。");
        rows[1].Error.ShouldBeNull();
    }

    [Fact]
    public async Task RunDue_InstanceWhoseClockLags_DoesNotRunAForgottenSlotAgain()
    {
        var work = new CountingWork(NewName("lagging"));
        var onTime = RunnerOf(work, app.Clock, "甲");
        var behind = RunnerOf(work, new LaggingClock(app.Clock, 2 * work.Every), "乙");

        for (var slot = 0; slot < 4; slot++)
        {
            app.Clock.Advance(work.Every);
            (await onTime.RunDueAsync(CancellationToken.None)).ShouldBe([work.Name]);
            // Two slots behind: a slot the on-time instance ran and whose row it has since forgotten.
            (await behind.RunDueAsync(CancellationToken.None)).ShouldBeEmpty();
        }

        work.Runs.ShouldBe(4);
        (await RowsOf(work.Name)).Single().Instance.ShouldBe("甲");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ScheduledRunTestsOnSqlite(SqliteApp app) : ScheduledRunTests(app);

[Collection(PostgresCollection.Name)]
public sealed class ScheduledRunTestsOnPostgres(PostgresApp app) : ScheduledRunTests(app);
