using Chengxin.Domain.Campaigns;

namespace Chengxin.Domain.Tests.Campaigns;

/// <summary>
/// Domain types restored from their stored state stand where they were stored: the rules apply from there, without
/// re-enacting the transitions that led there (and without inventing who made them).
/// </summary>
public class RestoreTests
{
    private static readonly DateTimeOffset Due = new(2023, 11, 10, 17, 0, 0, TimeSpan.FromHours(8));

    private static readonly CampaignSchedule Schedule = new(Due.AddDays(-21), Due, null, Due.AddDays(20), TimeSpan.FromDays(7));

    private static Campaign RestoredCampaign(CampaignState state, string? requestedBy = null, string? approvedBy = null, DateTimeOffset? publishedAt = null) =>
        Campaign.Restore("s", 1, Period.Quarter(2022, 1), Schedule, state, requestedBy, approvedBy, publishedAt);

    [Fact]
    public void RestoreCampaign_PendingPublication_RefusesTheRequesterAsApprover()
    {
        var c = RestoredCampaign(CampaignState.PendingPublication, requestedBy: "admin-a");
        Should.Throw<DomainRuleException>(() => c.ApprovePublication("admin-a", Due)).Message.ShouldContain("另一名管理员");
        c.ApprovePublication("admin-b", Due);
        c.State.ShouldBe(CampaignState.Published);
        c.PublicationApprovedBy.ShouldBe("admin-b");
    }

    [Fact]
    public void RestoreCampaign_Published_KeepsWhoPublishedAndWhen()
    {
        var c = RestoredCampaign(CampaignState.Published, "admin-a", "admin-b", Due, publishedVersion: 2);
        c.PublicationRequestedBy.ShouldBe("admin-a");
        c.PublicationApprovedBy.ShouldBe("admin-b");
        c.PublishedAt.ShouldBe(Due);
        c.PublishedVersion.ShouldBe(2);
        c.Schedule.ShouldBe(Schedule);
        c.AppealOpen(Due.AddDays(7)).ShouldBeTrue();
        c.AppealOpen(Due.AddDays(7).AddTicks(1)).ShouldBeFalse();
    }

    private static Campaign RestoredCampaign(CampaignState state, string requestedBy, string approvedBy, DateTimeOffset publishedAt, int publishedVersion) =>
        Campaign.Restore("s", 1, Period.Quarter(2022, 1), Schedule, state, requestedBy, approvedBy, publishedAt, publishedVersion);

    [Fact]
    public void RestoreCampaign_Reviewing_RefusesOpeningAgain()
    {
        var c = RestoredCampaign(CampaignState.Reviewing);
        Should.Throw<DomainRuleException>(c.Open).Message.ShouldContain("复核中");
        Should.Throw<DomainRuleException>(() => c.Reschedule(Schedule)).Message.ShouldContain("不能调整日程");
    }

    [Fact]
    public void RestoreSubmission_Returned_ResubmitsAgainstTheSupplementDeadlineAndCountsTheRound()
    {
        var s = Submission.Restore("7", SubmissionState.Returned, Due, null, Due.AddHours(-1), false, TimeSpan.Zero, "补充佐证", Due.AddDays(5), round: 1);
        s.Submit(Due.AddDays(5).AddSeconds(1));
        s.State.ShouldBe(SubmissionState.Resubmitted);
        s.IsLate.ShouldBeTrue();
        s.LateBy.ShouldBe(TimeSpan.FromSeconds(1));
        s.Round.ShouldBe(2);
        s.ReturnReason.ShouldBe("补充佐证");
    }

    [Fact]
    public void RestoreSubmission_Draft_KeepsTheGrantedDeadline()
    {
        var s = Submission.Restore("7", SubmissionState.Draft, Due.AddDays(3), "系统故障", null, false, TimeSpan.Zero, null, null, round: 0);
        s.Due.ShouldBe(Due.AddDays(3));
        s.DueExceptionReason.ShouldBe("系统故障");
        s.Submit(Due.AddDays(3));
        s.IsLate.ShouldBeFalse();
    }

    [Fact]
    public void RestoreSubmission_Confirmed_RefusesEveryFurtherStep()
    {
        var s = Submission.Restore("7", SubmissionState.Confirmed, Due, null, Due, false, TimeSpan.Zero, null, null, round: 1);
        Should.Throw<DomainRuleException>(() => s.Submit(Due)).Message.ShouldContain("已确认");
        Should.Throw<DomainRuleException>(() => s.Return("x", Due.AddDays(1))).Message.ShouldContain("不能退回补充");
        Should.Throw<DomainRuleException>(s.MarkReviewed).Message.ShouldContain("不能完成复核");
    }

    [Fact]
    public void RestoreItemReview_AtVersionThree_RefusesAnOlderVersionAndGoesOnFromThree()
    {
        var r = ItemReview.Restore("7", "1.2", ItemReviewState.Corrected, "reviewer-a", "台账有误", factsVersionSeen: 4, version: 3);
        Should.Throw<DomainRuleException>(() => r.Confirm("reviewer-b", 4, expectedVersion: 2)).Message.ShouldContain("第 3 版");
        r.IsStale(4).ShouldBeFalse();
        r.IsStale(5).ShouldBeTrue();
        r.Confirm("reviewer-b", 5, expectedVersion: 3);
        r.Version.ShouldBe(4);
        r.ReviewerId.ShouldBe("reviewer-b");
    }

    [Fact]
    public void RestoreAppeal_Filed_IsDecidedWhateverTheCampaignIsNow()
    {
        var a = Appeal.Restore("7", null, "计分有误", Due, AppealState.Filed, null);
        a.Uphold("重新复核");
        a.State.ShouldBe(AppealState.Upheld);
        a.Decision.ShouldBe("重新复核");
        a.FiledAt.ShouldBe(Due);
    }

    [Fact]
    public void RestoreAppeal_Decided_RefusesASecondDecision()
    {
        var a = Appeal.Restore("7", "1.2", "计分有误", Due, AppealState.Rejected, "理由不成立");
        Should.Throw<DomainRuleException>(() => a.Uphold("改判")).Message.ShouldBe("该申诉已处理");
    }
}
