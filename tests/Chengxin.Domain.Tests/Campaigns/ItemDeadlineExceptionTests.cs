using Chengxin.Domain.Campaigns;

namespace Chengxin.Domain.Tests.Campaigns;

/// <summary>A per-item deadline exception: a reason, a due after the unit's and after now, and edits measured against it.</summary>
public class ItemDeadlineExceptionTests
{
    private static readonly DateTimeOffset UnitDue = new(2022, 6, 5, 17, 0, 0, TimeSpan.FromHours(8));

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, false)]
    [InlineData(1, true)]
    public void Grant_TheNewDueMustLieAfterTheUnitsDue(int secondsAfterUnitDue, bool accepted)
    {
        var now = UnitDue.AddDays(-1);
        var due = UnitDue.AddSeconds(secondsAfterUnitDue);
        if (accepted)
            ItemDeadlineException.Grant("3.1", due, " 台账由上级部门延后提供 ", UnitDue, now).ShouldBe(new ItemDeadlineException("3.1", due, "台账由上级部门延后提供"));
        else
            Should.Throw<DomainRuleException>(() => ItemDeadlineException.Grant("3.1", due, "延后", UnitDue, now)).Message
                .ShouldBe("指标的截止时间须晚于本单位当前的截止时间");
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, false)]
    [InlineData(1, true)]
    public void Grant_TheNewDueMustLieAfterNow(int secondsAfterNow, bool accepted)
    {
        // The unit's deadline has passed: the exception reopens the item, but only from now on.
        var now = UnitDue.AddDays(1);
        var due = now.AddSeconds(secondsAfterNow);
        if (accepted)
            ItemDeadlineException.Grant("3.1", due, "延后", UnitDue, now).Due.ShouldBe(due);
        else
            Should.Throw<DomainRuleException>(() => ItemDeadlineException.Grant("3.1", due, "延后", UnitDue, now)).Message
                .ShouldBe("指标的截止时间须晚于当前时间");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Grant_RequiresAReason(string? reason) =>
        Should.Throw<DomainRuleException>(() => ItemDeadlineException.Grant("3.1", UnitDue.AddDays(1), reason, UnitDue, UnitDue.AddHours(-1)))
            .Message.ShouldBe("调整指标截止时间须说明原因");

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, false)]
    [InlineData(1, true)]
    public void AnEdit_IsLateOnlyAfterTheItemsDue(int secondsAfterItemDue, bool late)
    {
        var itemDue = UnitDue.AddDays(2);
        ItemDeadlineException.IsLate(UnitDue, itemDue, itemDue.AddSeconds(secondsAfterItemDue)).ShouldBe(late);
        // Without an exception the unit's deadline decides; an exception before it never shortens it.
        ItemDeadlineException.IsLate(UnitDue, null, UnitDue.AddSeconds(secondsAfterItemDue)).ShouldBe(late);
        ItemDeadlineException.EditDeadline(UnitDue, UnitDue.AddDays(-1)).ShouldBe(UnitDue);
    }
}
