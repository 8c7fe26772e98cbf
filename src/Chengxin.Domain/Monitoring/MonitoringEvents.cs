namespace Chengxin.Domain.Monitoring;

/// <summary>What a registered event is: a complaint (投诉) or a piece of negative public opinion (负面舆情).</summary>
public enum EventKind
{
    Complaint,
    Opinion,
}

/// <summary>An event's verification: 待核实 until someone finds it 属实 or 不属实, with a reason.</summary>
public enum EventState
{
    Pending,
    Confirmed,
    Rejected,
}

/// <summary>A candidate hit's decision: 待确认 until a person confirms or dismisses it, with a reason.</summary>
public enum HitState
{
    Candidate,
    Confirmed,
    Dismissed,
}

/// <summary>A registered event as the facts read it: its units, kind, category, date and state.</summary>
public sealed record MonitoringEvent(long Id, EventKind Kind, string Category, DateOnly OccurredOn, EventState State, IReadOnlyList<long> UnitIds);

/// <summary>
/// The register's rules: the categories the seeds count by, the one transition (待核实 → 属实 / 不属实, with a reason), and the
/// counts the campaigns read. Only confirmed events count; an event counts once for each unit it concerns.
/// </summary>
public static class MonitoringEvents
{
    /// <summary>失信违诺: seed 000 item 13 (每1件扣2.5分) and seed 001 item 23.</summary>
    public const string BrokenPromise = "失信违诺";

    /// <summary>政务公开: seed 000 item 8 (公共服务和优惠政策落实被投诉1次扣0.5分).</summary>
    public const string OpenGovernment = "政务公开";

    public static readonly IReadOnlyList<string> Categories = [BrokenPromise, OpenGovernment, "政务服务", "其他"];

    public static string KindName(EventKind kind) => kind == EventKind.Complaint ? "投诉" : "负面舆情";

    public static string StateName(EventState state) => state switch
    {
        EventState.Pending => "待核实",
        EventState.Confirmed => "属实",
        _ => "不属实",
    };

    public static string HitStateName(HitState state) => state switch
    {
        HitState.Candidate => "待确认",
        HitState.Confirmed => "已确认",
        _ => "已排除",
    };

    /// <summary>The state a verification leads to; refused unless the event is still 待核实 and a reason is given.</summary>
    public static EventState Verify(EventState current, bool confirmed, string? reason)
    {
        if (current != EventState.Pending)
            throw new DomainRuleException($"该事件已核实为“{StateName(current)}”，不能再次核实。");
        if (string.IsNullOrWhiteSpace(reason))
            throw new DomainRuleException("核实须写明理由。");
        return confirmed ? EventState.Confirmed : EventState.Rejected;
    }

    /// <summary>The state a decision on a candidate leads to; refused unless it is still 待确认 and a reason is given.</summary>
    public static HitState Decide(HitState current, bool confirmed, string? reason)
    {
        if (current != HitState.Candidate)
            throw new DomainRuleException($"该比对结果已{HitStateName(current)}，不能再次处理。");
        if (string.IsNullOrWhiteSpace(reason))
            throw new DomainRuleException("确认或排除须写明理由。");
        return confirmed ? HitState.Confirmed : HitState.Dismissed;
    }

    /// <summary>The confirmed events of a kind and category about a unit that happened in the period, oldest first.</summary>
    public static IReadOnlyList<MonitoringEvent> Counted(IEnumerable<MonitoringEvent> events, long unitId, EventKind kind, string? category,
        DateOnly from, DateOnly to) =>
        events.Where(e => e.State == EventState.Confirmed && e.Kind == kind && (category is null || e.Category == category)
                && e.OccurredOn >= from && e.OccurredOn <= to && e.UnitIds.Contains(unitId))
            .OrderBy(e => e.OccurredOn).ThenBy(e => e.Id).ToList();

    /// <summary>
    /// How many distinct units among <paramref name="units"/> (a unit and its departments) confirmed negative opinion of a
    /// category concerned in the period (seed 001 item 23: 涉及1个部门扣1分).
    /// </summary>
    public static int UnitsInvolved(IEnumerable<MonitoringEvent> events, IReadOnlySet<long> units, string category, DateOnly from, DateOnly to) =>
        events.Where(e => e.State == EventState.Confirmed && e.Kind == EventKind.Opinion && e.Category == category
                && e.OccurredOn >= from && e.OccurredOn <= to)
            .SelectMany(e => e.UnitIds).Where(units.Contains).Distinct().Count();
}
