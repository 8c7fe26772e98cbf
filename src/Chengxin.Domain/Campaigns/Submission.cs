namespace Chengxin.Domain.Campaigns;

public enum SubmissionState { Draft, Submitted, Returned, Resubmitted, Reviewed, Confirmed }

/// <summary>
/// One unit's answer to one campaign, as a state machine. A submission after the deadline is
/// accepted and recorded as late, never refused or dropped: lateness is a fact some rules read.
/// </summary>
public sealed class Submission
{
    public Submission(string unitId, DateTimeOffset due)
    {
        UnitId = unitId;
        Due = due;
    }

    /// <summary>A stored submission as it stands, without re-enacting how it got there.</summary>
    public static Submission Restore(string unitId, SubmissionState state, DateTimeOffset due, string? dueExceptionReason, DateTimeOffset? submittedAt,
        bool isLate, TimeSpan lateBy, string? returnReason, DateTimeOffset? returnDue, int round) =>
        new(unitId, due)
        {
            State = state,
            DueExceptionReason = dueExceptionReason,
            SubmittedAt = submittedAt,
            IsLate = isLate,
            LateBy = lateBy,
            ReturnReason = returnReason,
            ReturnDue = returnDue,
            Round = round,
        };

    public string UnitId { get; }
    public SubmissionState State { get; private set; } = SubmissionState.Draft;
    /// <summary>The deadline in force: the campaign's, or an exception the office granted.</summary>
    public DateTimeOffset Due { get; private set; }
    public string? DueExceptionReason { get; private set; }
    public DateTimeOffset? SubmittedAt { get; private set; }
    public bool IsLate { get; private set; }
    public TimeSpan LateBy { get; private set; }
    public string? ReturnReason { get; private set; }
    public DateTimeOffset? ReturnDue { get; private set; }
    public int Round { get; private set; }

    public void Submit(DateTimeOffset now)
    {
        if (State is not (SubmissionState.Draft or SubmissionState.Returned))
            throw new DomainRuleException($"当前状态（{StateName(State)}）不能提交");
        var due = State == SubmissionState.Returned ? ReturnDue ?? Due : Due;
        SubmittedAt = now;
        // At exactly the deadline is on time; one tick after is late.
        IsLate = now > due;
        LateBy = IsLate ? now - due : TimeSpan.Zero;
        State = State == SubmissionState.Returned ? SubmissionState.Resubmitted : SubmissionState.Submitted;
        Round++;
    }

    /// <summary>
    /// The unit takes its submission back to draft before review starts (the campaign still collecting): a report handed in
    /// too early can be corrected and handed in again. Once review has started the reviewers work on it, so it stays.
    /// </summary>
    public void Withdraw(bool reviewStarted)
    {
        if (State != SubmissionState.Submitted)
            throw new DomainRuleException($"当前状态（{StateName(State)}）不能撤回，只有已提交且尚未开始评审的报送可以撤回。");
        if (reviewStarted)
            throw new DomainRuleException("评审已经开始，不能撤回报送；如需修改，请联系信用办退回补充。");
        State = SubmissionState.Draft;
        SubmittedAt = null;
        IsLate = false;
        LateBy = TimeSpan.Zero;
        Round--;
    }

    public void Return(string reason, DateTimeOffset supplementDue)
    {
        if (State is not (SubmissionState.Submitted or SubmissionState.Resubmitted or SubmissionState.Reviewed))
            throw new DomainRuleException($"当前状态（{StateName(State)}）不能退回补充");
        if (string.IsNullOrWhiteSpace(reason))
            throw new DomainRuleException("退回补充须说明原因");
        ReturnReason = reason;
        ReturnDue = supplementDue;
        State = SubmissionState.Returned;
    }

    /// <summary>A return made now: its supplement deadline must lie after now (a deadline already passed would make every answer late).</summary>
    public void Return(string reason, DateTimeOffset supplementDue, DateTimeOffset now)
    {
        Deadline.EnsureFuture(supplementDue, now, "补充期限");
        Return(reason, supplementDue);
    }

    public void MarkReviewed()
    {
        if (State is not (SubmissionState.Submitted or SubmissionState.Resubmitted))
            throw new DomainRuleException($"当前状态（{StateName(State)}）不能完成复核");
        State = SubmissionState.Reviewed;
    }

    /// <summary>
    /// Reviewed only when every applicable item has a standing verdict; <paramref name="unsettledItems"/> names those
    /// without one (no verdict, returned, or stale).
    /// </summary>
    public void MarkReviewed(IReadOnlyCollection<string> unsettledItems)
    {
        if (unsettledItems.Count > 0)
            throw new DomainRuleException($"尚有 {unsettledItems.Count} 项指标未复核或复核已过期：{string.Join("、", unsettledItems)}");
        MarkReviewed();
    }

    /// <summary>
    /// A unit edits its answer only in draft while the campaign collects, or when it was returned for supplement (answered
    /// during review); every other state has been handed in.
    /// </summary>
    public static void EnsureEditable(SubmissionState state, CampaignState campaign)
    {
        if (campaign == CampaignState.Voided)
            throw new DomainRuleException("评价批次已作废，不能修改或提交报送。");
        if (state != SubmissionState.Returned && campaign != CampaignState.Open)
            throw new DomainRuleException($"评价批次当前{Campaign.Name(campaign)}，不在收集阶段，不能修改或提交报送。");
        if (state is not (SubmissionState.Draft or SubmissionState.Returned))
            throw new DomainRuleException($"报送当前状态（{StateName(state)}）不能修改或提交。");
    }

    /// <summary>An answer outside a return commits only while the campaign is still collecting at that moment (it may have moved on since it was read).</summary>
    public static void EnsureStillCollecting(SubmissionState state, bool campaignStillOpen)
    {
        if (state != SubmissionState.Returned && !campaignStillOpen)
            throw new DomainRuleException("评价批次已结束收集，不能修改或提交报送。");
    }

    /// <summary>A submission started from an earlier campaign's answer (a baseline) is confirmed by the unit once, and only if it has one.</summary>
    public static void EnsureBaselineConfirmable(bool hasBaseline, bool confirmedBefore)
    {
        if (!hasBaseline) throw new DomainRuleException("本单位的报送没有从基准批次带入的数据，无需确认。");
        if (confirmedBefore) throw new DomainRuleException("基准数据已确认，不能重复确认。");
    }

    /// <summary>Carried-forward drafts are the last period's answer until the unit confirms them, so they are not submitted unread.</summary>
    public static void EnsureBaselineConfirmed(bool hasBaseline, bool confirmed)
    {
        if (hasBaseline && !confirmed) throw new DomainRuleException("本报送含有从上期批次带入的草稿数据，请先核对并确认基准数据，再提交。");
    }

    public void Confirm()
    {
        if (State != SubmissionState.Reviewed)
            throw new DomainRuleException($"当前状态（{StateName(State)}）不能确认，须先完成复核");
        State = SubmissionState.Confirmed;
    }

    /// <summary>The office grants this unit a later deadline; only before it has submitted.</summary>
    public void GrantDeadlineException(DateTimeOffset newDue, string reason)
    {
        if (State is not (SubmissionState.Draft or SubmissionState.Returned))
            throw new DomainRuleException($"当前状态（{StateName(State)}）不能调整截止时间");
        if (string.IsNullOrWhiteSpace(reason))
            throw new DomainRuleException("调整截止时间须说明原因");
        if (State == SubmissionState.Returned) ReturnDue = newDue;
        else Due = newDue;
        DueExceptionReason = reason;
    }

    public static string StateName(SubmissionState s) => s switch
    {
        SubmissionState.Draft => "草稿",
        SubmissionState.Submitted => "已提交",
        SubmissionState.Returned => "已退回补充",
        SubmissionState.Resubmitted => "已重新提交",
        SubmissionState.Reviewed => "已复核",
        SubmissionState.Confirmed => "已确认",
        _ => s.ToString(),
    };
}
