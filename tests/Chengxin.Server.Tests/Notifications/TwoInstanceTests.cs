using System.Collections.Concurrent;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Notifications;
using Chengxin.Server.Infrastructure.Scheduling;
using Chengxin.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Chengxin.Server.Tests.Notifications;

/// <summary>
/// Two instances of the app on one database, as a PostgreSQL deployment runs them (and two hosts on one SQLite file): each due
/// slot of scheduled work runs on one of them only, and a message both dispatch at once arrives exactly once.
/// </summary>
public abstract class TwoInstanceTests(AppFixture app) : IAsyncLifetime
{
    private ChengxinFactory _second = null!;

    public Task InitializeAsync()
    {
        _second = app.SecondInstance();
        // Started now, so that both hosts are up before the race.
        _ = _second.Services;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _second.DisposeAsync();

    [Fact]
    public async Task RunDue_TwoInstancesAtOnce_RunEachSlotOnce()
    {
        var first = app.Factory.Services.GetRequiredService<ScheduledWorkRunner>();
        var second = _second.Services.GetRequiredService<ScheduledWorkRunner>();
        var work = first.Works.Single(w => w.Name == "notification-outbox");

        for (var slot = 0; slot < 3; slot++)
        {
            // Into a slot no earlier test has claimed.
            app.Clock.Advance(work.Every);
            var ran = await Task.WhenAll(first.RunDueAsync(CancellationToken.None), second.RunDueAsync(CancellationToken.None));
            ran.SelectMany(r => r).Count(name => name == work.Name).ShouldBe(1);
            (await first.RunDueAsync(CancellationToken.None)).ShouldNotContain(work.Name);
        }

        // Each good run forgets the ones before it: the latest slot's row is what is left, and it names one instance.
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var latest = ScheduledWorkRunner.SlotOf(app.Clock.GetUtcNow(), work.Every);
        (await scope.ServiceProvider.GetRequiredService<ChengxinDbContext>().ScheduledRuns
            .Where(r => r.WorkName == work.Name && r.Error == null).Select(r => r.SlotStart).ToListAsync()).ShouldBe([latest]);
    }

    [Fact]
    public async Task Dispatch_TwoInstancesAtOnce_EveryMessageArrivesExactlyOnce()
    {
        using var receiver = new WebhookReceiver();
        var (admin, _) = await OfficeWideAdmin.NewAsync(app);
        var request = new ChannelRequest(ChannelKinds.Webhook, "双实例机器人", true, null, null, null, null, null, null, false, receiver.Url, null, 0);
        var channel = await (await admin.PostJsonAsync("/api/notifications/channels", request)).ReadAsync<ChannelView>();
        var tag = Guid.NewGuid().ToString("N")[..8];
        try
        {
            await using (var scope = app.Factory.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<ChengxinDbContext>();
                for (var i = 0; i < 20; i++)
                    await Notices.PostToOfficeAsync(db, app.World.TenantA, new Notice("warning", $"{tag}-{i}", "预警", null, $"two:{tag}:{i}"), CancellationToken.None);
                await db.SaveChangesAsync();
            }
            var dispatchers = new[] { app.Factory.Services, _second.Services }.Select(s => s.GetRequiredService<OutboxDispatcher>()).ToList();
            await Task.WhenAll(dispatchers.Concat(dispatchers).Select(d => Task.Run(() => d.DispatchDueAsync(CancellationToken.None))));
        }
        finally
        {
            (await admin.PutJsonAsync($"/api/notifications/channels/{channel.Id}", request with { IsEnabled = false })).EnsureSuccessStatusCode();
        }

        var arrived = receiver.Bodies.Where(b => b.Contains(tag)).ToList();
        arrived.Count.ShouldBe(20);
        Enumerable.Range(0, 20).ShouldAllBe(i => arrived.Count(b => b.StartsWith($"{tag}-{i}\n", StringComparison.Ordinal)) == 1);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class TwoInstanceTestsOnSqlite(SqliteApp app) : TwoInstanceTests(app);

[Collection(PostgresCollection.Name)]
public sealed class TwoInstanceTestsOnPostgres(PostgresApp app) : TwoInstanceTests(app);
