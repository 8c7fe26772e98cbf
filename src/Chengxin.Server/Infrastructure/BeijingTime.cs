namespace Chengxin.Server.Infrastructure;

/// <summary>
/// The one home for time on the server. Instants are stored as UTC <see cref="DateTime"/> (the model's value converter
/// marks every stored one UTC on the way in and out) and shown in Beijing time, as an office reads them.
/// </summary>
public static class BeijingTime
{
    /// <summary>China has kept UTC+8 without daylight saving since 1991; a fixed offset needs no time-zone data in the container.</summary>
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>A stored instant as UTC. Its ticks are read as UTC whatever its kind, so an entity not yet saved reads as a loaded one.</summary>
    public static DateTimeOffset Utc(DateTime stored) => new(stored.Ticks, TimeSpan.Zero);

    public static DateTimeOffset? Utc(DateTime? stored) => stored is { } at ? Utc(at) : null;

    /// <summary>A stored instant in Beijing time.</summary>
    public static DateTimeOffset Local(DateTime stored) => Utc(stored).ToOffset(Offset);

    public static DateTimeOffset? Local(DateTime? stored) => stored is { } at ? Local(at) : null;

    /// <summary>An instant in Beijing time.</summary>
    public static DateTimeOffset Local(DateTimeOffset at) => at.ToOffset(Offset);

    /// <summary>Wall-clock time as an office types it (no offset), read in Beijing time.</summary>
    public static DateTimeOffset FromWallClock(DateTime wall) => new(wall.Ticks, Offset);
}
