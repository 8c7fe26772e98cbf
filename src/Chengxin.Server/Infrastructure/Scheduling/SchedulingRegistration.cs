namespace Chengxin.Server.Infrastructure.Scheduling;

/// <summary>How the scheduler is configured: <c>Chengxin:Scheduling:Enabled</c> (true) and <c>PollSeconds</c> (5).</summary>
public sealed class SchedulingSettings
{
    /// <summary>Whether this instance's loop claims and runs due slots. Tests turn it off and run slots by hand.</summary>
    public bool Enabled { get; set; } = true;

    public int PollSeconds { get; set; } = 5;

    /// <summary>Names this instance in the claimed slots (the machine name and process id unless set).</summary>
    public string? Instance { get; set; }
}

public static class SchedulingRegistration
{
    /// <summary>Adds a piece of scheduled work; the runner and its loop are added once with the first.</summary>
    public static IServiceCollection AddScheduledWork<T>(this IServiceCollection s) where T : class, IScheduledWork
    {
        s.AddScheduling();
        s.AddSingleton<IScheduledWork, T>();
        return s;
    }

    /// <summary>The runner (<see cref="ScheduledWorkRunner"/>) and the hosted loop that calls it; idempotent.</summary>
    public static IServiceCollection AddScheduling(this IServiceCollection s)
    {
        if (s.Any(d => d.ServiceType == typeof(ScheduledWorkRunner)))
            return s;
        s.AddOptions<SchedulingSettings>().BindConfiguration("Chengxin:Scheduling");
        s.AddSingleton<ScheduledWorkRunner>();
        s.AddHostedService<ScheduledWorkLoop>();
        return s;
    }
}
