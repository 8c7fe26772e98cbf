using System.Globalization;
using Chengxin.Server.Infrastructure;

namespace Chengxin.Server.Features.Campaigns;

/// <summary>
/// A campaign's deadlines checked field by field, named as the wizard and the edit dialog show them, so a refusal
/// points at the field to fix (400) instead of coming back as one sentence from the domain (409).
/// </summary>
public static class CampaignSchedules
{
    public const string LiaisonDue = "联络员联系表截止时间";
    public const string EvidenceDue = "佐证材料截止时间";
    public const string SelfAssessmentDue = "自评截止时间";
    public const string ReviewDue = "复核截止时间";

    /// <summary>The order the domain keeps (<see cref="Chengxin.Domain.Campaigns.CampaignSchedule.Check"/>), refused on the later field.</summary>
    public static void CheckOrder(DateTimeOffset? liaison, DateTimeOffset? evidence, DateTimeOffset? self, DateTimeOffset? review, Validation validation)
    {
        if (liaison is { } l && evidence is { } e && l > e)
            validation.Add("schedule.liaisonDue", $"{LiaisonDue}不能晚于{EvidenceDue}。");
        if (self is { } s && evidence is { } e2 && s < e2)
            validation.Add("schedule.selfAssessmentDue", $"{SelfAssessmentDue}不能早于{EvidenceDue}。");
        if (review is { } r && (self ?? evidence) is { } before && r < before)
            validation.Add("schedule.reviewDue", $"{ReviewDue}不能早于{(self is null ? EvidenceDue : SelfAssessmentDue)}。");
    }

    /// <summary>A deadline that is moved must not be moved into the past; one left as it was may already have passed.</summary>
    public static void CheckMovedNotPast(DateTimeOffset? moved, DateTime? current, DateTimeOffset now, string field, string label, Validation validation)
    {
        if (moved is { } at && at.UtcDateTime != current && at < now)
            validation.Add(field, $"{label}不能早于当前时间（{BeijingTime.Local(now).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}）。");
    }
}
