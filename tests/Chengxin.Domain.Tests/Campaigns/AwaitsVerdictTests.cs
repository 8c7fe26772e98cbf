using Chengxin.Domain.Campaigns;

namespace Chengxin.Domain.Tests.Campaigns;

/// <summary>
/// The one rule for "is this item reviewed?": readiness counts the items that await a verdict as not reviewed, and the
/// reviewer's queue lists them.
/// </summary>
public class AwaitsVerdictTests
{
    private static ItemReview Verdict(ItemReviewState state, long factsVersionSeen) =>
        ItemReview.Restore("u1", "i1", state, "r1", state is ItemReviewState.Confirmed ? null : "理由", factsVersionSeen, 1);

    [Fact]
    public void AwaitsVerdict_NeverJudged_Awaits() =>
        ItemReview.AwaitsVerdict(null, 1, SubmissionState.Submitted).ShouldBeTrue();

    [Fact]
    public void AwaitsVerdict_Pending_Awaits() =>
        ItemReview.AwaitsVerdict(Verdict(ItemReviewState.Pending, 0), 1, SubmissionState.Submitted).ShouldBeTrue();

    [Theory]
    [InlineData(ItemReviewState.Confirmed)]
    [InlineData(ItemReviewState.Corrected)]
    public void AwaitsVerdict_JudgedOnTheCurrentFacts_Done(ItemReviewState state) =>
        ItemReview.AwaitsVerdict(Verdict(state, 3), 3, SubmissionState.Submitted).ShouldBeFalse();

    [Theory]
    [InlineData(ItemReviewState.Confirmed)]
    [InlineData(ItemReviewState.Corrected)]
    public void AwaitsVerdict_FactsChangedSinceTheVerdict_Awaits(ItemReviewState state) =>
        ItemReview.AwaitsVerdict(Verdict(state, 3), 4, SubmissionState.Submitted).ShouldBeTrue();

    [Fact]
    public void AwaitsVerdict_ReturnedAndNotYetAnswered_Done() =>
        ItemReview.AwaitsVerdict(Verdict(ItemReviewState.Returned, 3), 3, SubmissionState.Returned).ShouldBeFalse();

    [Fact]
    public void AwaitsVerdict_ReturnedAndTheUnitResubmitted_Awaits() =>
        ItemReview.AwaitsVerdict(Verdict(ItemReviewState.Returned, 3), 3, SubmissionState.Resubmitted).ShouldBeTrue();

    [Theory]
    [InlineData(ItemReviewState.Corrected, false, "已修正")]
    [InlineData(ItemReviewState.Corrected, true, "已评分")]
    [InlineData(ItemReviewState.Pending, false, "待复核")]
    public void StateName_Verdict_ReadsAsTheReviewerSaysIt(ItemReviewState state, bool judgement, string name) =>
        ItemReview.StateName(state, judgement).ShouldBe(name);
}
