using Chengxin.Domain.Campaigns;

namespace Chengxin.Domain.Tests.Campaigns;

public class CampaignLifeTests
{
    private static readonly DateTimeOffset Evidence = new(2023, 11, 10, 17, 0, 0, TimeSpan.FromHours(8));

    private static CampaignSchedule Schedule(TimeSpan? appeal = null) =>
        new(Evidence.AddDays(-21), Evidence, null, Evidence.AddDays(20), appeal ?? TimeSpan.FromDays(7));

    private static Campaign Published(DateTimeOffset at)
    {
        var c = new Campaign("heihe-third-party-2023", 1, Period.Range(new DateOnly(2022, 7, 1), new DateOnly(2023, 6, 30)), Schedule());
        c.Open();
        c.StartReview();
        c.RequestPublication("admin-a");
        c.ApprovePublication("admin-b", at);
        return c;
    }

    [Fact]
    public void Publish_NeedsASecondAdmin()
    {
        var c = new Campaign("s", 1, Period.Quarter(2022, 1), Schedule());
        c.Open();
        c.StartReview();
        c.RequestPublication("admin-a");
        Should.Throw<DomainRuleException>(() => c.ApprovePublication("admin-a", Evidence)).Message.ShouldContain("另一名管理员");
        c.ApprovePublication("admin-b", Evidence);
        c.State.ShouldBe(CampaignState.Published);
        c.PublishedVersion.ShouldBe(1);
    }

    [Fact]
    public void RejectPublication_GoesBackToReview()
    {
        var c = new Campaign("s", 1, Period.Quarter(2022, 1), Schedule());
        c.Open();
        c.StartReview();
        c.RequestPublication("admin-a");
        c.RejectPublication();
        c.State.ShouldBe(CampaignState.Reviewing);
    }

    public static TheoryData<string, Action<Campaign>> Refused() => new()
    {
        { "草稿不能复核", c => c.StartReview() },
        { "草稿不能申请发布", c => c.RequestPublication("a") },
        { "没有申请不能批准", c => { c.Open(); c.StartReview(); c.ApprovePublication("b", Evidence); } },
        { "启动后不能再启动", c => { c.Open(); c.Open(); } },
        { "复核中不能改日程", c => { c.Open(); c.StartReview(); c.Reschedule(Schedule()); } },
        { "未发布不能因申诉重开", c => c.ReopenForAppeal() },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Transition_NotAllowed_IsRefused(string why, Action<Campaign> act)
    {
        Should.Throw<DomainRuleException>(() => act(new Campaign("s", 1, Period.Quarter(2022, 1), Schedule())), why);
    }

    [Fact]
    public void Schedule_EvidenceBeforeLiaisonTable_IsRefused()
    {
        Should.Throw<DomainRuleException>(() => new CampaignSchedule(Evidence.AddDays(1), Evidence, null, null, TimeSpan.Zero).Check())
            .Message.ShouldContain("联络员联系表");
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(7 * 24 * 3600, true)]
    [InlineData(7 * 24 * 3600 + 1, false)]
    public void Appeal_WithinTheWindowToTheSecond_IsAccepted(int secondsAfterPublication, bool accepted)
    {
        var c = Published(Evidence);
        var at = Evidence.AddSeconds(secondsAfterPublication);
        if (accepted)
            Appeal.File(c, "u1", "17", "新增失信单位系误报，已于6月撤销", at).State.ShouldBe(AppealState.Filed);
        else
            Should.Throw<DomainRuleException>(() => Appeal.File(c, "u1", "17", "理由", at)).Message.ShouldContain("已过申诉期");
    }

    [Fact]
    public void Appeal_Upheld_ReopensReviewAndRepublishesAsANewVersion()
    {
        var c = Published(Evidence);
        var a = Appeal.File(c, "u1", null, "复核分数有误", Evidence.AddDays(1));
        a.Uphold("经复核，第17项改为4分");
        c.ReopenForAppeal();
        c.RequestPublication("admin-a");
        c.ApprovePublication("admin-c", Evidence.AddDays(3));
        c.PublishedVersion.ShouldBe(2);
        Should.Throw<DomainRuleException>(() => a.Reject("再次处理")).Message.ShouldBe("该申诉已处理");
    }

    [Fact]
    public void Appeal_RejectedWithoutReason_IsRefused()
    {
        var a = Appeal.File(Published(Evidence), "u1", null, "理由", Evidence);
        Should.Throw<DomainRuleException>(() => a.Reject(" ")).Message.ShouldContain("驳回申诉须说明理由");
    }

    [Fact]
    public void Appeal_BeforePublication_IsRefused()
    {
        var c = new Campaign("s", 1, Period.Quarter(2022, 1), Schedule());
        Should.Throw<DomainRuleException>(() => Appeal.File(c, "u1", null, "理由", Evidence)).Message.ShouldContain("尚未发布");
    }

    [Fact]
    public void Review_SecondReviewerOnAnOldVersion_GetsAConflictAndNothingIsLost()
    {
        var r = new ItemReview("u1", "3");
        r.Confirm("reviewer-a", factsVersion: 4, expectedVersion: 0);
        var e = Should.Throw<DomainRuleException>(() => r.Correct("reviewer-b", "会议次数应为3次", 4, expectedVersion: 0));
        e.Message.ShouldContain("已被其他评审员更新");
        r.State.ShouldBe(ItemReviewState.Confirmed);
        r.ReviewerId.ShouldBe("reviewer-a");
    }

    [Fact]
    public void Review_FactChangedAfterwards_MakesItStale()
    {
        var r = new ItemReview("u1", "3");
        r.Confirm("reviewer-a", factsVersion: 4, expectedVersion: 0);
        r.IsStale(4).ShouldBeFalse();
        r.IsStale(5).ShouldBeTrue();
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Review_CorrectOrReturnWithoutReason_IsRefused(string reason)
    {
        var r = new ItemReview("u1", "3");
        Should.Throw<DomainRuleException>(() => r.Correct("a", reason, 1, 0));
        Should.Throw<DomainRuleException>(() => r.Return("a", reason, 1, 0));
        r.Version.ShouldBe(0);
    }
}
