using Chengxin.Domain.Surveys;
using static Chengxin.Domain.Surveys.SatisfactionLevel;

namespace Chengxin.Domain.Tests.Surveys;

/// <summary>
/// The satisfaction tally behind seed 000's 「群众满意度测评90分以上得4分，每少10个百分点扣1分」: the share of satisfied answers or the
/// mean points over the top, per item; below the office's minimum sample no figure is counted (样本不足).
/// </summary>
public sealed class SatisfactionTests
{
    private static IReadOnlyList<SatisfactionLevel?>[] Sheets(params SatisfactionLevel?[][] sheets) => [.. sheets.Select(s => (IReadOnlyList<SatisfactionLevel?>)s)];

    [Fact]
    public void Tally_SatisfiedShare_CountsVerySatisfiedSatisfiedAndFairlySatisfied()
    {
        var tally = Satisfaction.Tally(Sheets([VerySatisfied], [Satisfied], [FairlySatisfied], [Dissatisfied], [VeryDissatisfied]), 1, LevelPoints.Default,
            SatisfactionDefinition.SatisfiedShare, 5);
        (tally.Responses, tally.Percent, tally.MeanPoints, tally.Counted).ShouldBe((5, 60m, 54m, 60m));
    }

    [Fact]
    public void Tally_MeanPoints_IsTheMeanOverTheTopLevelsPoints()
    {
        var points = new LevelPoints(10, 8, 6, 3, 0);
        var tally = Satisfaction.Tally(Sheets([VerySatisfied, Satisfied], [Satisfied, FairlySatisfied]), 2, points, SatisfactionDefinition.MeanPoints, 1);
        tally.QuestionMeans.ShouldBe([9m, 7m]);
        (tally.MeanPoints, tally.Percent).ShouldBe((8m, 80m));
    }

    [Fact]
    public void Tally_FewerSheetsThanTheMinimum_IsInsufficientAndCountsNothing()
    {
        var tally = Satisfaction.Tally(Sheets([VerySatisfied], [VerySatisfied]), 1, LevelPoints.Default, SatisfactionDefinition.SatisfiedShare, 3);
        (tally.IsInsufficient, tally.Counted, tally.Percent).ShouldBe((true, (decimal?)null, 100m));
        tally.Words().ShouldBe("有效答卷 2 份，平均 100 分（满分 100 分）；满意度 = 很满意、满意、基本满意的答案占全部答案的百分比；样本不足（最少 3 份），不按问卷自动计分，交评审员复核");
    }

    [Fact]
    public void Tally_UnansweredQuestion_CountsNowhereAndThirdsRoundToTwoDecimals()
    {
        var tally = Satisfaction.Tally(Sheets([VerySatisfied, null], [Dissatisfied, null], [Satisfied, null]), 2, LevelPoints.Default,
            SatisfactionDefinition.SatisfiedShare, 1);
        tally.QuestionMeans.ShouldBe([70m, null]);
        tally.Percent.ShouldBe(66.67m);
    }

    [Fact]
    public void Points_NegativeOrAllZero_AreRefusedInWords()
    {
        new LevelPoints(100, 80, 60, 30, -1).Problem().ShouldBe("每一档的分值须在 0 至 1000 之间。");
        new LevelPoints(0, 0, 0, 0, 0).Problem().ShouldBe("至少一档的分值须大于 0。");
        LevelPoints.Default.Problem().ShouldBeNull();
    }
}
