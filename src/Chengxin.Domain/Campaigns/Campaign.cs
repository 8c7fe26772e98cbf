namespace Chengxin.Domain.Campaigns;

/// <summary>Voided comes last: the states are stored by name, and a voided campaign stays on record, read-only.</summary>
public enum CampaignState { Draft, Open, Reviewing, PendingPublication, Published, Voided }

/// <summary>The deadlines of a campaign, as instants (Asia/Shanghai in the UI, UTC in storage).</summary>
public sealed record CampaignSchedule(
    DateTimeOffset? LiaisonDue,
    DateTimeOffset EvidenceDue,
    DateTimeOffset? SelfAssessmentDue,
    DateTimeOffset? ReviewDue,
    TimeSpan AppealWindow)
{
    public void Check()
    {
        if (LiaisonDue > EvidenceDue) throw new DomainRuleException("联络员联系表的截止时间不能晚于佐证材料的截止时间");
        if (SelfAssessmentDue < EvidenceDue) throw new DomainRuleException("自评截止时间不能早于佐证材料截止时间");
        if (ReviewDue < (SelfAssessmentDue ?? EvidenceDue)) throw new DomainRuleException("复核截止时间不能早于单位报送截止时间");
        if (AppealWindow < TimeSpan.Zero) throw new DomainRuleException("申诉期不能为负");
    }
}

/// <summary>
/// A campaign's life: opened on a frozen scheme version, collecting, under review, awaiting a
/// second admin's approval to publish, published. Publishing takes two different admins so
/// that no one person can put a result in front of the public.
/// </summary>
public sealed class Campaign
{
    public Campaign(string schemeId, int schemeVersion, Period period, CampaignSchedule schedule)
    {
        schedule.Check();
        SchemeId = schemeId;
        SchemeVersion = schemeVersion;
        Period = period;
        Schedule = schedule;
    }

    /// <summary>
    /// A stored campaign as it stands. Nothing is re-enacted: the schedule was checked and every transition decided
    /// when it happened, so the rules apply from here on.
    /// </summary>
    public static Campaign Restore(string schemeId, int schemeVersion, Period period, CampaignSchedule schedule, CampaignState state,
        string? publicationRequestedBy, string? publicationApprovedBy, DateTimeOffset? publishedAt, int publishedVersion = 0) =>
        new(schemeId, schemeVersion, period)
        {
            Schedule = schedule,
            State = state,
            PublicationRequestedBy = publicationRequestedBy,
            PublicationApprovedBy = publicationApprovedBy,
            PublishedAt = publishedAt,
            PublishedVersion = publishedVersion,
        };

    private Campaign(string schemeId, int schemeVersion, Period period)
    {
        SchemeId = schemeId;
        SchemeVersion = schemeVersion;
        Period = period;
        Schedule = null!;
    }

    public string SchemeId { get; }
    public int SchemeVersion { get; }
    public Period Period { get; }
    public CampaignSchedule Schedule { get; private set; }
    public CampaignState State { get; private set; } = CampaignState.Draft;
    public string? PublicationRequestedBy { get; private set; }
    public string? PublicationApprovedBy { get; private set; }
    public DateTimeOffset? PublishedAt { get; private set; }
    public int PublishedVersion { get; private set; }

    public void Open()
    {
        if (State != CampaignState.Draft) throw new DomainRuleException($"只有草稿状态的评价批次可以启动（当前：{Name(State)}）");
        State = CampaignState.Open;
    }

    /// <summary>The schedule may move while units are still collecting, never after.</summary>
    public void Reschedule(CampaignSchedule schedule)
    {
        if (State is not (CampaignState.Draft or CampaignState.Open)) throw new DomainRuleException($"当前状态（{Name(State)}）不能调整日程");
        schedule.Check();
        Schedule = schedule;
    }

    public void StartReview()
    {
        if (State != CampaignState.Open) throw new DomainRuleException($"只有收集中的评价批次可以进入复核（当前：{Name(State)}）");
        State = CampaignState.Reviewing;
    }

    public void RequestPublication(string adminId)
    {
        if (State != CampaignState.Reviewing) throw new DomainRuleException($"只有复核中的评价批次可以申请发布（当前：{Name(State)}）");
        PublicationRequestedBy = adminId;
        State = CampaignState.PendingPublication;
    }

    /// <summary>Publication waits while a unit's spot check is still open: its result would replace the reviewed score.</summary>
    public void RequestPublication(string adminId, int openSpotChecks)
    {
        if (openSpotChecks > 0) throw new DomainRuleException($"还有 {openSpotChecks} 个单位的抽查尚未完成，不能申请发布");
        RequestPublication(adminId);
    }

    public void ApprovePublication(string adminId, DateTimeOffset now)
    {
        if (State != CampaignState.PendingPublication) throw new DomainRuleException($"没有待审批的发布申请（当前：{Name(State)}）");
        if (adminId == PublicationRequestedBy) throw new DomainRuleException("发布须由另一名管理员审批，申请人不能自己批准");
        PublicationApprovedBy = adminId;
        PublishedAt = now;
        PublishedVersion++;
        State = CampaignState.Published;
    }

    public void RejectPublication()
    {
        if (State != CampaignState.PendingPublication) throw new DomainRuleException($"没有待审批的发布申请（当前：{Name(State)}）");
        PublicationRequestedBy = null;
        State = CampaignState.Reviewing;
    }

    /// <summary>An upheld appeal reopens review; the published version stays on record and the next publication supersedes it.</summary>
    public void ReopenForAppeal()
    {
        if (State != CampaignState.Published) throw new DomainRuleException($"只有已发布的评价批次可以因申诉重新复核（当前：{Name(State)}）");
        PublicationRequestedBy = null;
        PublicationApprovedBy = null;
        State = CampaignState.Reviewing;
    }

    /// <summary>
    /// An office calls a campaign off (opened by mistake, the wrong units or scheme): it stays on record with its reason and
    /// takes no more reports, reviews or publication. A published result is public and is not withdrawn this way.
    /// </summary>
    public void Void()
    {
        if (State == CampaignState.Published) throw new DomainRuleException("已发布的评价批次不能作废（结果已公开）");
        if (State == CampaignState.Voided) throw new DomainRuleException("评价批次已作废");
        State = CampaignState.Voided;
    }

    /// <summary>Members and the schedule change only while a campaign is neither finished nor voided.</summary>
    public static void EnsureEditable(CampaignState state)
    {
        if (state is CampaignState.Published or CampaignState.Voided) throw new DomainRuleException($"评价批次{Name(state)}，不能再修改");
    }

    /// <summary>Units join or leave only until collection ends: after that, every unit's report is on record as it stands.</summary>
    public static void EnsureMembersEditable(CampaignState state)
    {
        if (state is not (CampaignState.Draft or CampaignState.Open)) throw new DomainRuleException($"评价批次当前{Name(state)}，不能再增减参评单位。");
    }

    /// <summary>Reviewers give verdicts, and submissions are marked reviewed, only while the campaign is under review.</summary>
    public static void EnsureUnderReview(CampaignState state)
    {
        if (state != CampaignState.Reviewing) throw new DomainRuleException($"评价批次当前{Name(state)}，不在复核阶段。");
    }

    /// <summary>The liaison table and the commitment letter are taken once the campaign has started, in any later state.</summary>
    /// <summary>A voided campaign is read-only for every change the office makes.</summary>
    public static void EnsureNotVoided(CampaignState state)
    {
        if (state == CampaignState.Voided) throw new DomainRuleException("评价批次已作废，不能再修改。");
    }

    /// <summary>Values are entered and submitted only while collection runs (a data provider's grid).</summary>
    public static void EnsureCollecting(CampaignState state)
    {
        if (state != CampaignState.Open) throw new DomainRuleException($"评价批次当前{Name(state)}，不在收集阶段，不能填报或提交数据。");
    }

    public static void EnsureStarted(CampaignState state)
    {
        if (state == CampaignState.Draft) throw new DomainRuleException("评价批次尚未启动，暂不能报送联络员联系表或信用承诺书。");
        if (state == CampaignState.Voided) throw new DomainRuleException("评价批次已作废，不能再报送。");
    }

    public bool AppealOpen(DateTimeOffset now) =>
        State == CampaignState.Published && PublishedAt is { } at && now <= at + Schedule.AppealWindow;

    public static string Name(CampaignState s) => s switch
    {
        CampaignState.Draft => "草稿",
        CampaignState.Open => "收集中",
        CampaignState.Reviewing => "复核中",
        CampaignState.PendingPublication => "待审批发布",
        CampaignState.Published => "已发布",
        CampaignState.Voided => "已作废",
        _ => s.ToString(),
    };
}
