namespace Chengxin.Server.Infrastructure.Scheduling;

/// <summary>
/// Work that runs on a schedule, once across all instances: time is cut into slots of <see cref="Every"/> from the Unix epoch,
/// and each due slot runs exactly once, on the instance that claims it first (docs/adr/0010). A slot missed while no instance
/// ran is not made up; the next slot sees the same data, so rules must look at the state of things, not count ticks.
/// </summary>
public interface IScheduledWork
{
    /// <summary>A stable name, e.g. "follow-up-rules": it keys the claimed slots, so renaming it runs the current slot again.</summary>
    string Name { get; }

    TimeSpan Every { get; }

    /// <summary>
    /// Runs one slot in its own service scope. The scope has no caller: its <c>AccessScope</c> is empty, so the tenant query
    /// filters see nothing until the work names the office it works for.
    /// </summary>
    Task RunAsync(IServiceProvider services, DateTimeOffset now, CancellationToken ct);
}
