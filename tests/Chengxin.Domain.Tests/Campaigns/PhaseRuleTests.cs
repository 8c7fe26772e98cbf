using Chengxin.Domain.Campaigns;
using Chengxin.Domain.Collection;

namespace Chengxin.Domain.Tests.Campaigns;

/// <summary>The phase and editability rules the server used to check itself, now decided by the domain types.</summary>
public class PhaseRuleTests
{
    private static readonly DateTimeOffset Due = new(2023, 11, 10, 17, 0, 0, TimeSpan.FromHours(8));

    [Theory]
    [InlineData(SubmissionState.Draft, CampaignState.Open)]
    [InlineData(SubmissionState.Returned, CampaignState.Open)]
    [InlineData(SubmissionState.Returned, CampaignState.Reviewing)]
    public void EnsureEditable_DraftWhileCollectingOrReturned_Passes(SubmissionState state, CampaignState campaign) =>
        Should.NotThrow(() => Submission.EnsureEditable(state, campaign));

    [Theory]
    [InlineData(SubmissionState.Draft, CampaignState.Reviewing, "不在收集阶段")]
    [InlineData(SubmissionState.Draft, CampaignState.Draft, "不在收集阶段")]
    [InlineData(SubmissionState.Submitted, CampaignState.Open, "报送当前状态（已提交）不能修改或提交")]
    [InlineData(SubmissionState.Confirmed, CampaignState.Open, "报送当前状态（已确认）不能修改或提交")]
    public void EnsureEditable_HandedInOrCampaignMovedOn_IsRefused(SubmissionState state, CampaignState campaign, string message) =>
        Should.Throw<DomainRuleException>(() => Submission.EnsureEditable(state, campaign)).Message.ShouldContain(message);

    [Fact]
    public void EnsureStillCollecting_CampaignClosedMeanwhile_RefusesAllButAReturn()
    {
        Should.Throw<DomainRuleException>(() => Submission.EnsureStillCollecting(SubmissionState.Draft, campaignStillOpen: false))
            .Message.ShouldBe("评价批次已结束收集，不能修改或提交报送。");
        Should.NotThrow(() => Submission.EnsureStillCollecting(SubmissionState.Returned, campaignStillOpen: false));
        Should.NotThrow(() => Submission.EnsureStillCollecting(SubmissionState.Draft, campaignStillOpen: true));
    }

    [Fact]
    public void MarkReviewed_ItemsWithoutAStandingVerdict_IsRefusedNamingThem()
    {
        var s = Submission.Restore("7", SubmissionState.Submitted, Due, null, Due, false, TimeSpan.Zero, null, null, round: 1);
        Should.Throw<DomainRuleException>(() => s.MarkReviewed(["1.1 制度建设", "2.3 信息公开"]))
            .Message.ShouldBe("尚有 2 项指标未复核或复核已过期：1.1 制度建设、2.3 信息公开");
        s.MarkReviewed([]);
        s.State.ShouldBe(SubmissionState.Reviewed);
    }

    [Theory]
    [InlineData(CampaignState.Open)]
    [InlineData(CampaignState.PendingPublication)]
    [InlineData(CampaignState.Published)]
    public void EnsureUnderReview_OutsideReview_IsRefused(CampaignState state) =>
        Should.Throw<DomainRuleException>(() => Campaign.EnsureUnderReview(state)).Message.ShouldBe($"评价批次当前{Campaign.Name(state)}，不在复核阶段。");

    [Fact]
    public void EnsureSubmitted_NoSubmissionOrDraft_IsRefused()
    {
        Should.Throw<DomainRuleException>(() => ItemReview.EnsureSubmitted(null)).Message.ShouldBe("该单位尚未提交报送，不能复核。");
        Should.Throw<DomainRuleException>(() => ItemReview.EnsureSubmitted(SubmissionState.Draft));
        Should.NotThrow(() => ItemReview.EnsureSubmitted(SubmissionState.Resubmitted));
    }

    [Fact]
    public void EnsureStarted_Draft_RefusesLetters()
    {
        Should.Throw<DomainRuleException>(() => Campaign.EnsureStarted(CampaignState.Draft)).Message.ShouldContain("尚未启动");
        Should.NotThrow(() => Campaign.EnsureStarted(CampaignState.Published));
    }

    [Fact]
    public void EnsureDrawable_OnceDuringReview_IsTheOnlyDraw()
    {
        Should.NotThrow(() => SpotCheck.EnsureDrawable(CampaignState.Reviewing, drawnBefore: false));
        Should.Throw<DomainRuleException>(() => SpotCheck.EnsureDrawable(CampaignState.Reviewing, drawnBefore: true)).Message.ShouldContain("不能重新抽取");
        Should.Throw<DomainRuleException>(() => SpotCheck.EnsureDrawable(CampaignState.Open, drawnBefore: false)).Message.ShouldContain("只有复核中");
    }

    [Fact]
    public void OpenSpotCheck_OpenedBefore_IsRefused()
    {
        var campaign = Campaign.Restore("s", 1, Period.Quarter(2022, 1), new CampaignSchedule(null, Due, null, null, TimeSpan.Zero),
            CampaignState.Reviewing, null, null, null);
        Should.Throw<DomainRuleException>(() => UnitSpotCheck.Open(campaign, ["7"], "7", openedBefore: true)).Message.ShouldContain("不能重复开始");
        UnitSpotCheck.Open(campaign, ["7"], "7", openedBefore: false).State.ShouldBe(SpotCheckState.Open);
    }

    [Fact]
    public void CompleteSpotCheck_CampaignNoLongerUnderReview_IsRefused()
    {
        var check = UnitSpotCheck.Restore("7", SpotCheckState.Open, [], null);
        Should.Throw<DomainRuleException>(() => check.Complete("属实", CampaignState.PendingPublication)).Message.ShouldContain("不能完成抽查");
        check.State.ShouldBe(SpotCheckState.Open);
        check.Complete("属实", CampaignState.Reviewing);
        check.State.ShouldBe(SpotCheckState.Completed);
    }

    [Fact]
    public void EnsureBaselineConfirmable_NoBaselineOrConfirmedBefore_IsRefused()
    {
        Should.Throw<DomainRuleException>(() => Submission.EnsureBaselineConfirmable(hasBaseline: false, confirmedBefore: false)).Message.ShouldContain("无需确认");
        Should.Throw<DomainRuleException>(() => Submission.EnsureBaselineConfirmable(hasBaseline: true, confirmedBefore: true)).Message.ShouldContain("不能重复确认");
        Should.NotThrow(() => Submission.EnsureBaselineConfirmable(hasBaseline: true, confirmedBefore: false));
    }

    [Fact]
    public void EnsureBaselineConfirmed_UnconfirmedBaseline_RefusesSubmitting()
    {
        Should.Throw<DomainRuleException>(() => Submission.EnsureBaselineConfirmed(hasBaseline: true, confirmed: false)).Message.ShouldContain("请先核对并确认基准数据");
        Should.NotThrow(() => Submission.EnsureBaselineConfirmed(hasBaseline: true, confirmed: true));
        Should.NotThrow(() => Submission.EnsureBaselineConfirmed(hasBaseline: false, confirmed: false));
    }

    [Fact]
    public void CommitmentLetter_AcceptedOnceThenScanned()
    {
        Should.Throw<DomainRuleException>(() => CommitmentLetter.EnsureScanAllowed(accepted: false)).Message.ShouldContain("请先确认信用承诺书");
        Should.NotThrow(() => CommitmentLetter.EnsureScanAllowed(accepted: true));
        Should.Throw<DomainRuleException>(() => CommitmentLetter.EnsureAcceptable(acceptedBefore: true)).Message.ShouldContain("不能重复确认");
        Should.NotThrow(() => CommitmentLetter.EnsureAcceptable(acceptedBefore: false));
    }

    [Fact]
    public void EnsureNotVoided_Voided_RefusesEveryChange()
    {
        Should.Throw<DomainRuleException>(() => Campaign.EnsureNotVoided(CampaignState.Voided)).Message.ShouldBe("评价批次已作废，不能再修改。");
        Should.NotThrow(() => Campaign.EnsureNotVoided(CampaignState.Reviewing));
    }

    [Theory]
    [InlineData(CampaignState.Draft, "评价批次当前草稿，不在收集阶段，不能填报或提交数据。")]
    [InlineData(CampaignState.Reviewing, "评价批次当前复核中，不在收集阶段，不能填报或提交数据。")]
    public void EnsureCollecting_OutsideCollection_RefusesProviderValues(CampaignState state, string message) =>
        Should.Throw<DomainRuleException>(() => Campaign.EnsureCollecting(state)).Message.ShouldBe(message);

    [Fact]
    public void EnsureCollecting_Open_Passes() => Should.NotThrow(() => Campaign.EnsureCollecting(CampaignState.Open));
}
