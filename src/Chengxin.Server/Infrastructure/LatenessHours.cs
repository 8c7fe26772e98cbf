namespace Chengxin.Server.Infrastructure;

/// <summary>The one unit of lateness on paper: hours, as every export and the progress board write it.</summary>
public static class LatenessHours
{
    public const string Header = "逾期（小时）";

    /// <summary>Hours late, to one decimal, rounded up so that a late report never reads as 0; null when on time.</summary>
    public static decimal? Of(long lateBySeconds) =>
        lateBySeconds > 0 ? Math.Ceiling(lateBySeconds / 360m) / 10m : null;
}
