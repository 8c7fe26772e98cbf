using System.Globalization;

namespace Chengxin.Domain.Surveys;

/// <summary>The five answers of a satisfaction question, best first (the stored number is the level's place, 1 to 5).</summary>
public enum SatisfactionLevel
{
    VerySatisfied = 1,
    Satisfied = 2,
    FairlySatisfied = 3,
    Dissatisfied = 4,
    VeryDissatisfied = 5,
}

/// <summary>How the office turns a unit's answers into its satisfaction percentage (满意度).</summary>
public enum SatisfactionDefinition
{
    /// <summary>The share of answers 很满意, 满意 or 基本满意 among all answers, in per cent.</summary>
    SatisfiedShare,

    /// <summary>The mean of the answers' points over the most a level gives, in per cent.</summary>
    MeanPoints,
}

/// <summary>The points the office gives each level (默认 100/80/60/30/0); the most of them is the scale's top.</summary>
public sealed record LevelPoints(decimal VerySatisfied, decimal Satisfied, decimal FairlySatisfied, decimal Dissatisfied, decimal VeryDissatisfied)
{
    public static readonly LevelPoints Default = new(100m, 80m, 60m, 30m, 0m);

    public decimal Of(SatisfactionLevel level) => level switch
    {
        SatisfactionLevel.VerySatisfied => VerySatisfied,
        SatisfactionLevel.Satisfied => Satisfied,
        SatisfactionLevel.FairlySatisfied => FairlySatisfied,
        SatisfactionLevel.Dissatisfied => Dissatisfied,
        _ => VeryDissatisfied,
    };

    public decimal Max => Math.Max(Math.Max(Math.Max(VerySatisfied, Satisfied), Math.Max(FairlySatisfied, Dissatisfied)), VeryDissatisfied);

    /// <summary>Why the points cannot be used, or null: none negative, at least one above zero, none above 1000.</summary>
    public string? Problem() =>
        new[] { VerySatisfied, Satisfied, FairlySatisfied, Dissatisfied, VeryDissatisfied }.Any(p => p is < 0 or > 1000) ? "每一档的分值须在 0 至 1000 之间。"
        : Max <= 0 ? "至少一档的分值须大于 0。" : null;
}

/// <summary>
/// A unit's satisfaction on one item of the questionnaire: how many valid answer sheets, the mean points of each of the item's
/// questions, and the percentage by the office's definition; below the minimum sample the percentage is not counted (样本不足).
/// </summary>
public sealed record SatisfactionTally(int Responses, int MinimumSample, IReadOnlyList<decimal?> QuestionMeans, decimal? MeanPoints, decimal? Percent,
    SatisfactionDefinition Definition, decimal MaxPoints)
{
    /// <summary>Fewer valid answer sheets than the office's minimum: the item is not scored from the survey, a reviewer states it.</summary>
    public bool IsInsufficient => Responses < MinimumSample || Percent is null;

    /// <summary>The figure the items read, or null while the sample is insufficient.</summary>
    public decimal? Counted => IsInsufficient ? null : Percent;

    /// <summary>The explanation in words: N answers, the mean, the rule, and the figure (or why there is none).</summary>
    public string Words()
    {
        var mean = MeanPoints is { } m ? $"平均 {Text(m)} 分（满分 {Text(MaxPoints)} 分）" : "尚无作答";
        var rule = Definition == SatisfactionDefinition.SatisfiedShare
            ? "满意度 = 很满意、满意、基本满意的答案占全部答案的百分比"
            : "满意度 = 平均分 ÷ 满分 × 100";
        return IsInsufficient
            ? $"有效答卷 {Responses} 份，{mean}；{rule}；样本不足（最少 {MinimumSample} 份），不按问卷自动计分，交评审员复核"
            : $"有效答卷 {Responses} 份，{mean}；{rule}，得 {Text(Percent!.Value)}";
    }

    public static string Text(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}

/// <summary>The satisfaction rules: one answer's points, and a unit's tally over its valid answer sheets.</summary>
public static class Satisfaction
{
    public static readonly IReadOnlyList<SatisfactionLevel> Levels =
        [SatisfactionLevel.VerySatisfied, SatisfactionLevel.Satisfied, SatisfactionLevel.FairlySatisfied, SatisfactionLevel.Dissatisfied, SatisfactionLevel.VeryDissatisfied];

    public static string Name(SatisfactionLevel level) => level switch
    {
        SatisfactionLevel.VerySatisfied => "很满意",
        SatisfactionLevel.Satisfied => "满意",
        SatisfactionLevel.FairlySatisfied => "基本满意",
        SatisfactionLevel.Dissatisfied => "不满意",
        _ => "很不满意",
    };

    public static string Name(SatisfactionDefinition definition) => definition switch
    {
        SatisfactionDefinition.SatisfiedShare => "满意率（很满意、满意、基本满意占比）",
        _ => "平均分折算百分制（平均分 ÷ 满分 × 100）",
    };

    public static bool IsSatisfied(SatisfactionLevel level) => level <= SatisfactionLevel.FairlySatisfied;

    /// <summary>
    /// The tally of one item over the answers to its questions: <paramref name="answers"/> holds, per valid answer sheet, the level
    /// given to each of the item's questions (a question left unanswered is null and counts nowhere). Percentages are rounded to
    /// two decimals, half away from zero, as an office rounds a published figure.
    /// </summary>
    public static SatisfactionTally Tally(IReadOnlyList<IReadOnlyList<SatisfactionLevel?>> answers, int questionCount, LevelPoints points,
        SatisfactionDefinition definition, int minimumSample)
    {
        var means = new List<decimal?>();
        for (var q = 0; q < questionCount; q++)
        {
            var given = answers.Select(a => q < a.Count ? a[q] : null).OfType<SatisfactionLevel>().ToList();
            means.Add(given.Count == 0 ? null : Round(given.Average(l => points.Of(l))));
        }
        var all = answers.SelectMany(a => a).OfType<SatisfactionLevel>().ToList();
        var responses = answers.Count(a => a.Any(l => l is not null));
        if (all.Count == 0 || points.Max <= 0)
            return new SatisfactionTally(responses, minimumSample, means, null, null, definition, points.Max);
        var mean = all.Average(l => points.Of(l));
        var percent = definition == SatisfactionDefinition.SatisfiedShare
            ? 100m * all.Count(IsSatisfied) / all.Count
            : 100m * mean / points.Max;
        return new SatisfactionTally(responses, minimumSample, means, Round(mean), Round(percent), definition, points.Max);
    }

    private static decimal Round(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);
}
