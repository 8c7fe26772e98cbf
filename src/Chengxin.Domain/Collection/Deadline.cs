namespace Chengxin.Domain.Collection;

/// <summary>How late something arrived against a deadline: late is recorded, never refused.</summary>
public readonly record struct Lateness(bool IsLate, long LateBySeconds)
{
    public static readonly Lateness OnTime = new(false, 0);
}

public static class Deadline
{
    /// <summary>
    /// Arriving exactly at the deadline is on time; any fraction of a second after it counts as a whole
    /// second late, so a late record never reads as zero. No deadline means nothing can be late.
    /// </summary>
    public static Lateness Of(DateTimeOffset? due, DateTimeOffset at)
    {
        if (due is null || at <= due.Value)
            return Lateness.OnTime;
        return new Lateness(true, (long)Math.Ceiling((at - due.Value).TotalSeconds));
    }
}
