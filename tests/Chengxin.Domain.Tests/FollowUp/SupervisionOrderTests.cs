using Chengxin.Domain;
using Chengxin.Domain.FollowUp;

namespace Chengxin.Domain.Tests.FollowUp;

/// <summary>
/// The order's chain as seed 003 art. 14 words it: 「及时下发督办单，实行挂牌督办。对经督办后仍没有达到时序进度要求或者完成质效的……及时进行约谈提醒」,
/// and art. 16: 「仍未按要求时限、质效推进工作的，市专班及时将问题线索向督导考核问责专班报告」.
/// </summary>
public sealed class SupervisionOrderTests
{
    private static readonly DateTimeOffset Deadline = new(2026, 3, 10, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly DateTimeOffset Before = Deadline.AddDays(-1);
    private static readonly DateTimeOffset After = Deadline.AddDays(1);

    [Fact]
    public void Number_YearAndSequence_ReadsAsTheOfficeWritesIt()
    {
        SupervisionOrders.Number(2026, 3).ShouldBe("〔2026〕第3号");
        SupervisionOrders.ReminderNumber(2026, 12).ShouldBe("〔2026〕提示第12号");
    }

    [Fact]
    public void Chain_ReplyFailInterviewFailAgain_EndsReferred()
    {
        var state = SupervisionOrders.Reply(OrderState.Issued);
        state.ShouldBe(OrderState.Replied);
        state = SupervisionOrders.Verify(state, passed: false, "整改报告未附制度文件");
        state.ShouldBe(OrderState.Failed);
        state = SupervisionOrders.Interview(state, Deadline, Before);
        state.ShouldBe(OrderState.Interviewed);
        state = SupervisionOrders.Reply(state);
        state = SupervisionOrders.Verify(state, passed: false, "仍未整改到位");
        SupervisionOrders.Refer(state, interviewed: true, Deadline, Before).ShouldBe(OrderState.Referred);
    }

    [Fact]
    public void Interview_IssuedOrderBeforeItsDeadline_IsRefused()
    {
        Should.Throw<DomainRuleException>(() => SupervisionOrders.Interview(OrderState.Issued, Deadline, Before)).Message
            .ShouldBe("督办单尚未逾期，整改核验也未不通过，不能约谈。");
        SupervisionOrders.Interview(OrderState.Issued, Deadline, After).ShouldBe(OrderState.Interviewed);
    }

    [Fact]
    public void Refer_WithoutAnInterview_IsRefused()
    {
        Should.Throw<DomainRuleException>(() => SupervisionOrders.Refer(OrderState.Failed, interviewed: false, Deadline, After)).Message
            .ShouldBe("须先约谈，才能移交问责线索。");
        Should.Throw<DomainRuleException>(() => SupervisionOrders.Refer(OrderState.Interviewed, interviewed: true, Deadline, Before));
        SupervisionOrders.Refer(OrderState.Interviewed, interviewed: true, Deadline, After).ShouldBe(OrderState.Referred);
    }

    [Theory]
    [InlineData(OrderState.Replied)]
    [InlineData(OrderState.Passed)]
    [InlineData(OrderState.Referred)]
    public void Reply_WhenNothingIsOwed_IsRefused(OrderState state) =>
        Should.Throw<DomainRuleException>(() => SupervisionOrders.Reply(state));

    [Fact]
    public void Verify_FailWithoutReason_IsRefused() =>
        Should.Throw<DomainRuleException>(() => SupervisionOrders.Verify(OrderState.Replied, passed: false, " ")).Message.ShouldBe("核验不通过须写明理由。");

    [Fact]
    public void DaysRemaining_BeijingDays_ZeroOnTheDayNegativeAfter()
    {
        SupervisionOrders.DaysRemaining(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 10)).ShouldBe(9);
        SupervisionOrders.DaysRemaining(new DateOnly(2026, 3, 10), new DateOnly(2026, 3, 10)).ShouldBe(0);
        SupervisionOrders.DaysRemaining(new DateOnly(2026, 3, 12), new DateOnly(2026, 3, 10)).ShouldBe(-2);
    }
}

/// <summary>The rules behind reminders and warnings: which causes hold, each with a key that fires once.</summary>
public sealed class FollowUpRuleTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));

    private static UnitReport Report(long campaign, long unit, int dueInDays, bool submitted = false, bool late = false) =>
        new(campaign, $"2026-0{campaign}", unit, submitted, late, Now.AddDays(dueInDays));

    [Fact]
    public void DeadlineReminders_UnsubmittedWithinTheDays_OnlyThose()
    {
        var causes = FollowUpRules.DeadlineReminders(7, 3, Now, [Report(1, 10, 2), Report(1, 11, 2, submitted: true), Report(1, 12, 5), Report(1, 13, -1)],
            _ => "一月监测").ToList();
        causes.Select(c => (c.UnitId, c.Key)).ShouldBe([(10L, "rule7:due:1:10")]);
        causes[0].Reason.ShouldBe("「一月监测」报送截止前 3 天内尚未提交");
    }

    [Fact]
    public void ScoresBelow_SixtyThreshold_BelowOnlyAndYellowListSeparately()
    {
        ScoreRecord[] scores = [new(5, "二季度", 1, 59.5m, "黄名单"), new(5, "二季度", 2, 60m, "蓝名单"), new(5, "二季度", 3, 88m, "红名单")];
        FollowUpRules.ScoresBelow(2, 60m, scores).Select(c => (c.UnitId, c.Reason)).ShouldBe([(1L, "「二季度」得分 59.5 分，低于 60 分")]);
        FollowUpRules.YellowListed(3, scores).Select(c => c.Key).ShouldBe(["rule3:yellow:5:1"]);
    }

    [Fact]
    public void ConsecutiveLate_TwoLateOrMissingInARow_KeyedByTheLastPeriod()
    {
        UnitReport[] reports =
        [
            Report(1, 10, -60, submitted: true, late: true), Report(2, 10, -30), Report(3, 10, 5),
            Report(1, 11, -60, submitted: true, late: true), Report(2, 11, -30, submitted: true),
        ];
        FollowUpRules.ConsecutiveLate(4, 2, Now, reports, id => $"第{id}期").Select(c => (c.UnitId, c.Key)).ShouldBe([(10L, "rule4:late:2:10")]);
    }

    [Theory]
    [InlineData(RuleKind.DeadlineReminder, "0", "提前天数须为 1 到 60 的整数。")]
    [InlineData(RuleKind.DeadlineReminder, "2.5", "提前天数须为 1 到 60 的整数。")]
    [InlineData(RuleKind.ScoreBelow, "0", "分数阈值须大于 0 且不超过 1000。")]
    [InlineData(RuleKind.ConsecutiveLate, "1", "连续逾期次数须为 2 到 12 的整数。")]
    public void CheckThreshold_OutOfRange_SaysWhy(RuleKind kind, string threshold, string reason) =>
        FollowUpRules.CheckThreshold(kind, decimal.Parse(threshold, System.Globalization.CultureInfo.InvariantCulture)).ShouldBe(reason);
}
