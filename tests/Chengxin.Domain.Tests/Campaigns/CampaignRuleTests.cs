using Chengxin.Domain.Campaigns;
using Chengxin.Domain.Schemes;

namespace Chengxin.Domain.Tests.Campaigns;

public class CampaignRuleTests
{
    private static readonly DateTimeOffset Due = new(2023, 11, 10, 17, 0, 0, TimeSpan.FromHours(8));

    [Theory]
    // "各有关部门将相关佐证文件于11月10日17时前发送": at the deadline is on time, one second after is late.
    [InlineData(-1, false)]
    [InlineData(0, false)]
    [InlineData(1, true)]
    public void Submit_AroundTheDeadline_RecordsLatenessToTheSecond(int secondsAfter, bool late)
    {
        var s = new Submission("u1", Due);
        s.Submit(Due.AddSeconds(secondsAfter));
        s.State.ShouldBe(SubmissionState.Submitted);
        s.IsLate.ShouldBe(late);
        s.LateBy.ShouldBe(late ? TimeSpan.FromSeconds(secondsAfter) : TimeSpan.Zero);
    }

    [Fact]
    public void Submit_AfterTheDeadline_IsAcceptedAndMarkedLate()
    {
        var s = new Submission("u1", Due);
        s.Submit(Due.AddDays(3));
        s.State.ShouldBe(SubmissionState.Submitted);
        s.IsLate.ShouldBeTrue();
        s.LateBy.ShouldBe(TimeSpan.FromDays(3));
    }

    [Fact]
    public void Return_ThenResubmit_UsesTheSupplementDeadline()
    {
        var s = new Submission("u1", Due);
        s.Submit(Due.AddHours(-1));
        s.Return("会议纪要缺少签到表", Due.AddDays(5));
        s.State.ShouldBe(SubmissionState.Returned);
        s.Submit(Due.AddDays(4));
        s.State.ShouldBe(SubmissionState.Resubmitted);
        s.IsLate.ShouldBeFalse();
        s.Round.ShouldBe(2);
    }

    [Fact]
    public void FullPath_DraftToConfirmed_Passes()
    {
        var s = new Submission("u1", Due);
        s.Submit(Due.AddHours(-1));
        s.MarkReviewed();
        s.Confirm();
        s.State.ShouldBe(SubmissionState.Confirmed);
    }

    public static TheoryData<string, Action<Submission>> Refused() => new()
    {
        { "草稿不能复核", s => s.MarkReviewed() },
        { "草稿不能确认", s => s.Confirm() },
        { "草稿不能退回", s => s.Return("x", Due) },
        { "已提交不能再次提交", s => { s.Submit(Due); s.Submit(Due); } },
        { "已提交不能确认", s => { s.Submit(Due); s.Confirm(); } },
        { "已确认不能退回", s => { s.Submit(Due); s.MarkReviewed(); s.Confirm(); s.Return("x", Due); } },
        { "已确认不能调整截止时间", s => { s.Submit(Due); s.MarkReviewed(); s.Confirm(); s.GrantDeadlineException(Due, "x"); } },
        { "退回须说明原因", s => { s.Submit(Due); s.Return(" ", Due); } },
        { "延期须说明原因", s => s.GrantDeadlineException(Due.AddDays(1), "") },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Transition_NotAllowed_IsADomainRuleViolation(string why, Action<Submission> act)
    {
        Should.Throw<DomainRuleException>(() => act(new Submission("u1", Due)), why);
    }

    [Fact]
    public void GrantDeadlineException_BeforeSubmitting_MovesTheDeadline()
    {
        var s = new Submission("u1", Due);
        s.GrantDeadlineException(Due.AddDays(2), "汛期抢险，经信用办同意延期");
        s.Submit(Due.AddDays(1));
        s.IsLate.ShouldBeFalse();
        s.DueExceptionReason.ShouldBe("汛期抢险，经信用办同意延期");
    }

    [Theory]
    [InlineData("2023-03", "2023年3月", "2023-03-01", "2023-03-31")]
    [InlineData("2022Q1", "2022年第一季度", "2022-01-01", "2022-03-31")]
    [InlineData("2022Q4", "2022年第四季度", "2022-10-01", "2022-12-31")]
    [InlineData("2022", "2022年度", "2022-01-01", "2022-12-31")]
    [InlineData("2022-07-01..2023-06-30", "2022年7月1日至2023年6月30日", "2022-07-01", "2023-06-30")]
    public void Period_Key_RoundTripsWithItsChineseLabelAndSpan(string key, string label, string from, string to)
    {
        var p = Period.ParseKey(key);
        p.Key.ShouldBe(key);
        p.Label.ShouldBe(label);
        p.From.ShouldBe(DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture));
        p.To.ShouldBe(DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Period_Previous_CrossesTheYear()
    {
        Period.Quarter(2023, 1).Previous().Key.ShouldBe("2022Q4");
        Period.Month(2023, 1).Previous().Key.ShouldBe("2022-12");
        Period.Year(2023).Previous().Kind.ShouldBe(PeriodKind.Year);
    }

    [Theory]
    [InlineData("2022Q5")]
    [InlineData("2023-13")]
    [InlineData("去年")]
    public void Period_BadKey_IsRefused(string key) => Should.Throw<DomainRuleException>(() => Period.ParseKey(key));

    [Fact]
    public void SpotCheck_SameSeed_DrawsTheSameUnitsWhateverTheInputOrder()
    {
        var units = Enumerable.Range(1, 40).Select(i => $"unit-{i:00}").ToList();
        var a = SpotCheck.Draw(units, 0.2m, 20231110);
        var b = SpotCheck.Draw(Enumerable.Reverse(units), 0.2m, 20231110);
        a.ShouldBe(b);
        a.Count.ShouldBe(8);
        a.Distinct().Count().ShouldBe(8);
        SpotCheck.Draw(units, 0.2m, 1).ShouldNotBe(a);
    }

    [Fact]
    public void SpotCheck_KnownSeed_GivesAFixedDrawForAuditors()
    {
        // Pinned: if this changes, earlier published draws could no longer be reproduced.
        SpotCheck.Draw(["a", "b", "c", "d", "e"], 0.4m, 42).ShouldBe(SpotCheck.Draw(["e", "d", "c", "b", "a"], 0.4m, 42));
        SpotCheck.Draw(["a", "b", "c", "d", "e"], 0.4m, 42).ShouldBe(["d", "e"]);
        SpotCheck.Draw(["a"], 0.01m, 7).ShouldBe(["a"]);
        SpotCheck.Draw(["a", "b"], 0m, 7).ShouldBeEmpty();
    }
}
