using System.Globalization;
using Chengxin.Domain.Campaigns;
using Chengxin.Server.Infrastructure;
using DomainAppeal = Chengxin.Domain.Campaigns.Appeal;
using DomainCampaign = Chengxin.Domain.Campaigns.Campaign;
using DomainSubmission = Chengxin.Domain.Campaigns.Submission;

namespace Chengxin.Server.Data;

/// <summary>
/// The one place where a stored row becomes a domain type and back (docs/adr/0007). A handler restores the domain type from
/// its row, calls one transition there, and stores the outcome; nothing is replayed, and no handler copies state by hand.
/// The stored state stays the row's concurrency token (adr 0006): the update matches the state the transition was decided on.
/// </summary>
public static class DomainState
{
    public static CampaignSchedule ScheduleOf(Campaign c) =>
        new(BeijingTime.Utc(c.LiaisonDue), BeijingTime.Utc(c.EvidenceDue), BeijingTime.Utc(c.SelfAssessmentDue), BeijingTime.Utc(c.ReviewDue),
            TimeSpan.FromSeconds(c.AppealWindowSeconds));

    public static DomainCampaign Restore(this Campaign c, SchemeVersion version) =>
        DomainCampaign.Restore(version.SchemeId, version.Version, Period.ParseKey(c.PeriodKey), ScheduleOf(c), c.State,
            c.PublicationRequestedBy?.ToString(), c.PublicationApprovedBy?.ToString(), BeijingTime.Utc(c.PublishedAt));

    public static void Store(this Campaign c, DomainCampaign domain)
    {
        c.State = domain.State;
        c.PublicationRequestedBy = domain.PublicationRequestedBy is { } requested ? Guid.Parse(requested) : null;
        c.PublicationApprovedBy = domain.PublicationApprovedBy is { } approved ? Guid.Parse(approved) : null;
        c.PublishedAt = domain.PublishedAt?.UtcDateTime;
        c.LiaisonDue = domain.Schedule.LiaisonDue?.UtcDateTime;
        c.EvidenceDue = domain.Schedule.EvidenceDue.UtcDateTime;
        c.SelfAssessmentDue = domain.Schedule.SelfAssessmentDue?.UtcDateTime;
        c.ReviewDue = domain.Schedule.ReviewDue?.UtcDateTime;
        c.AppealWindowSeconds = (long)domain.Schedule.AppealWindow.TotalSeconds;
    }

    public static DomainSubmission Restore(this Submission s) =>
        DomainSubmission.Restore(s.UnitId.ToString(CultureInfo.InvariantCulture), s.State, BeijingTime.Utc(s.Due), s.DueExceptionReason,
            BeijingTime.Utc(s.SubmittedAt), s.IsLate, TimeSpan.FromSeconds(s.LateBySeconds), s.ReturnReason, BeijingTime.Utc(s.ReturnDue), s.Round);

    public static void Store(this Submission s, DomainSubmission domain)
    {
        s.State = domain.State;
        s.Due = domain.Due.UtcDateTime;
        s.DueExceptionReason = domain.DueExceptionReason;
        s.SubmittedAt = domain.SubmittedAt?.UtcDateTime;
        s.IsLate = domain.IsLate;
        // Lateness is stored to the second, rounded up, so a late submission never reads as zero seconds late.
        s.LateBySeconds = (long)Math.Ceiling(domain.LateBy.TotalSeconds);
        s.ReturnReason = domain.ReturnReason;
        s.ReturnDue = domain.ReturnDue?.UtcDateTime;
        s.Round = domain.Round;
    }

    public static ItemReview Restore(this ItemReviewRecord r) =>
        ItemReview.Restore(r.UnitId.ToString(CultureInfo.InvariantCulture), r.ItemId, r.State, r.ReviewerId?.ToString(), r.Reason, r.FactsVersionSeen,
            r.Version);

    public static void Store(this ItemReviewRecord r, ItemReview domain)
    {
        r.State = domain.State;
        r.ReviewerId = domain.ReviewerId is { } reviewer ? Guid.Parse(reviewer) : null;
        r.Reason = domain.Reason;
        r.FactsVersionSeen = domain.FactsVersionSeen;
        r.Version = domain.Version;
    }

    public static DomainAppeal Restore(this AppealRecord r) =>
        DomainAppeal.Restore(r.UnitId.ToString(CultureInfo.InvariantCulture), r.ItemId, r.Grounds, BeijingTime.Utc(r.FiledAt), r.State, r.Decision);

    public static void Store(this AppealRecord r, DomainAppeal domain)
    {
        r.State = domain.State;
        r.Decision = domain.Decision;
    }

    public static UnitSpotCheck Restore(this SpotCheckRecord r, IEnumerable<SpotCheckItemRecord> items) =>
        UnitSpotCheck.Restore(r.UnitId.ToString(CultureInfo.InvariantCulture), r.State, items.Select(i => KeyValuePair.Create(i.ItemId, i.Reason)), r.Summary);

    public static void Store(this SpotCheckRecord r, UnitSpotCheck domain)
    {
        r.State = domain.State;
        r.Summary = domain.Summary;
    }
}
