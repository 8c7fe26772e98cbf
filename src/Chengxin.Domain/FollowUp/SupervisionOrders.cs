namespace Chengxin.Domain.FollowUp;

/// <summary>
/// A supervision order's (督办单) life: issued to a unit (待整改), answered with a rectification report (待核验), verified 通过 (closed)
/// or 不通过 (back to the unit, and a cause to escalate), then 约谈 and finally 移交问责 (seed 003 arts. 14 and 16).
/// </summary>
public enum OrderState
{
    Issued,
    Replied,
    Passed,
    Failed,
    Interviewed,
    Referred,
}

/// <summary>The rules of a supervision order: its number, its transitions and the days it has left. No I/O.</summary>
public static class SupervisionOrders
{
    /// <summary>〔2026〕第3号: the office numbers its orders per year from 1, without gaps.</summary>
    public static string Number(int year, int sequence) => $"〔{year}〕第{sequence}号";

    /// <summary>A work reminder's number: 〔2026〕提示第3号, its own series beside the orders'.</summary>
    public static string ReminderNumber(int year, int sequence) => $"〔{year}〕提示第{sequence}号";

    public static string StateName(OrderState state) => state switch
    {
        OrderState.Issued => "待整改",
        OrderState.Replied => "待核验",
        OrderState.Passed => "已通过",
        OrderState.Failed => "核验不通过",
        OrderState.Interviewed => "已约谈",
        _ => "已移交问责",
    };

    /// <summary>Whether the order is still on the 挂牌督办 list: anything but passed or referred.</summary>
    public static bool IsOpen(OrderState state) => state is not (OrderState.Passed or OrderState.Referred);

    /// <summary>
    /// Beijing days from today to the rectification deadline's day: 0 on the day itself, negative once it has passed.
    /// </summary>
    public static int DaysRemaining(DateOnly today, DateOnly deadline) => deadline.DayNumber - today.DayNumber;

    /// <summary>Whether the unit still owes its rectification past the deadline (not replied, or sent back).</summary>
    public static bool IsOverdue(OrderState state, DateTimeOffset deadline, DateTimeOffset now) =>
        state is OrderState.Issued or OrderState.Failed or OrderState.Interviewed && now > deadline;

    /// <summary>The unit answers with its rectification report: while it owes one (issued, sent back, or after an interview).</summary>
    public static OrderState Reply(OrderState current) => current is OrderState.Issued or OrderState.Failed or OrderState.Interviewed
        ? OrderState.Replied
        : throw new DomainRuleException($"督办单当前为“{StateName(current)}”，不能提交整改报告。");

    /// <summary>The office verifies a reply: 通过, or 不通过 with the reason the unit reads.</summary>
    public static OrderState Verify(OrderState current, bool passed, string? reason)
    {
        if (current != OrderState.Replied)
            throw new DomainRuleException($"督办单当前为“{StateName(current)}”，没有待核验的整改报告。");
        if (!passed && string.IsNullOrWhiteSpace(reason))
            throw new DomainRuleException("核验不通过须写明理由。");
        return passed ? OrderState.Passed : OrderState.Failed;
    }

    /// <summary>
    /// 约谈 follows an order that failed its verification or is overdue (art. 14: 经督办后仍没有达到……要求的……及时进行约谈提醒).
    /// </summary>
    public static OrderState Interview(OrderState current, DateTimeOffset deadline, DateTimeOffset now)
    {
        if (current == OrderState.Failed || (current == OrderState.Issued && now > deadline))
            return OrderState.Interviewed;
        throw new DomainRuleException(current == OrderState.Issued
            ? "督办单尚未逾期，整改核验也未不通过，不能约谈。"
            : $"督办单当前为“{StateName(current)}”，不能约谈。");
    }

    /// <summary>
    /// 移交问责 follows an interview after which the unit is still overdue or failed again (art. 16: 仍未按要求时限、质效推进工作的……报告).
    /// </summary>
    public static OrderState Refer(OrderState current, bool interviewed, DateTimeOffset deadline, DateTimeOffset now)
    {
        if (interviewed && (current == OrderState.Failed || (current == OrderState.Interviewed && now > deadline)))
            return OrderState.Referred;
        throw new DomainRuleException(interviewed
            ? "约谈后整改期限未过、整改也未再次核验不通过，不能移交问责。"
            : "须先约谈，才能移交问责线索。");
    }
}
