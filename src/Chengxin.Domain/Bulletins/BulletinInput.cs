namespace Chengxin.Domain.Bulletins;

/// <summary>How a unit reported in the period: on time, after the deadline, or not at all (or still open past it).</summary>
public enum ReportTimeliness
{
    OnTime,
    Late,
    Missing,
}

/// <summary>A first-level category of the scheme, as the per-category averages show it.</summary>
public sealed record BulletinCategory(string Title, decimal Max);

/// <summary>
/// A unit's published result. Key identifies the unit across periods (the server's unit id, the CLI's unit code); the
/// category scores follow <see cref="BulletinInput.Categories"/>.
/// </summary>
public sealed record BulletinUnit(string Key, string Name, decimal Total, string? Grade, int Rank, IReadOnlyList<decimal> CategoryScores);

/// <summary>A unit's reporting in the period.</summary>
public sealed record BulletinReport(string Name, ReportTimeliness Timeliness);

/// <summary>The period before, to say what changed: its label and its units' results.</summary>
public sealed record BulletinPreviousPeriod(string PeriodLabel, IReadOnlyList<BulletinUnit> Units);

/// <summary>One point of the trend: a period's label and the average total of its units.</summary>
public sealed record BulletinTrendPoint(string PeriodLabel, decimal Average);

/// <summary>
/// What a bulletin is composed from: one published campaign (or period) with its grades in the scheme's order, its categories,
/// its units' results, how they reported, the period before and the averages of the periods so far. Reports, the previous period
/// and the trend may be empty: the sentences about them are then left out.
/// </summary>
public sealed record BulletinInput(string CampaignName, string PeriodLabel, IReadOnlyList<string> Grades, IReadOnlyList<BulletinCategory> Categories,
    IReadOnlyList<BulletinUnit> Units)
{
    public IReadOnlyList<BulletinReport> Reports { get; init; } = [];

    public BulletinPreviousPeriod? Previous { get; init; }

    public IReadOnlyList<BulletinTrendPoint> Trend { get; init; } = [];
}
