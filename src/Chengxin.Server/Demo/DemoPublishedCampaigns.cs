using System.Text.Json;
using Chengxin.Domain.Scoring;
using Chengxin.Domain.Campaigns;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Features.Results;
using Chengxin.Server.Features.Submissions;
using Chengxin.Server.Infrastructure;
using DomainCampaign = Chengxin.Domain.Campaigns.Campaign;

namespace Chengxin.Server.Demo;

/// <summary>
/// Two past quarters of the towns scheme (seed 004) over the city's towns and streets, already published, so the
/// results, dashboard and public pages have something to show. Only facts are invented: they are stored as a unit's
/// submission, the campaign walks the domain's states (the publication requested by one admin, approved by another)
/// and the scores, grades and ranks are the engine's, frozen by the same code as a real approval.
/// </summary>
public static class DemoPublishedCampaigns
{
    public static readonly string[] UnitCodes = ["YC-QS-SM", "YC-QS-LX", "YC-QS-DC", "YC-BH-HK", "YC-BH-XS", "YC-LJ-JB", "YC-LJ-JN"];

    /// <summary>(period, name, days before now it was published); the latest is still inside its seven-day appeal window.</summary>
    public static readonly (string Period, string Name, int PublishedDaysAgo)[] Quarters =
    [
        ("2025Q3", "2025年第三季度乡镇（街道）政务诚信评价", 60),
        ("2025Q4", "2025年第四季度乡镇（街道）政务诚信评价", 2),
    ];

    public static async Task SeedAsync(ChengxinDbContext db, AccessScope scope, SchemeVersions schemes, SchemeVersion version,
        IReadOnlyDictionary<string, Unit> units, IReadOnlyDictionary<string, AppUser> users, DateTimeOffset now, CancellationToken ct)
    {
        var compiled = schemes.Compile(version);
        var admin = users["admin"];
        var second = users["admin2"];
        for (var q = 0; q < Quarters.Length; q++)
        {
            var (periodKey, name, daysAgo) = Quarters[q];
            var publishedAt = now.AddDays(-daysAgo);
            var due = publishedAt.AddDays(-20);
            var campaign = new Data.Campaign
            {
                TenantId = version.TenantId, Name = name, SchemeVersionId = version.Id, PeriodKey = periodKey, State = CampaignState.Draft,
                EvidenceDue = due.UtcDateTime, AppealWindowSeconds = 7 * 86400, SelfAssessmentRequired = true, CreatedBy = admin.Id,
                CreatedAt = due.AddDays(-30).UtcDateTime,
            };
            foreach (var code in UnitCodes)
                campaign.Units.Add(new CampaignUnit
                {
                    UnitId = units[code].Id, SchemeClass = compiled.Scheme.Classes.First(k => k.Name == units[code].Class).Id,
                });
            // The office's reviewer reviewed these quarters; a reviewer sees only the campaigns assigned to it.
            campaign.Reviewers.Add(new CampaignReviewer { UserId = users["reviewer"].Id });
            db.Campaigns.Add(campaign);
            await db.SaveChangesAsync(ct);

            for (var i = 0; i < UnitCodes.Length; i++)
            {
                var unit = units[UnitCodes[i]];
                // One street reports a day late in the later quarter: late is recorded, never refused.
                var late = q == 1 && UnitCodes[i] == "YC-BH-XS";
                var submission = new Data.Submission
                {
                    TenantId = unit.TenantId, CampaignId = campaign.Id, UnitId = unit.Id, State = SubmissionState.Confirmed, Due = due.UtcDateTime,
                    SubmittedAt = due.AddDays(late ? 1 : -3).UtcDateTime, IsLate = late, LateBySeconds = late ? 86400 : 0, Round = 1,
                    CreatedAt = due.AddDays(-25).UtcDateTime,
                };
                db.Submissions.Add(submission);
                await db.SaveChangesAsync(ct);
                var liaison = users.Values.FirstOrDefault(u => u.Role == Roles.Liaison && u.UnitId == unit.Id);
                foreach (var item in compiled.Scheme.Items)
                {
                    var facts = item.Facts.Where(f => f.Supplier != "reviewer" && !Chengxin.Domain.Schemes.SystemFacts.IsSystem(f.Supplier)).Select(f => (f.Key, Value: FactValue(f.Key, Strength(i, q)))).ToList();
                    if (facts.Count == 0)
                        continue;
                    db.SubmissionItems.Add(new SubmissionItem { TenantId = unit.TenantId, SubmissionId = submission.Id, UnitId = unit.Id, ItemId = item.Id, FactsVersion = 1 });
                    foreach (var (key, value) in facts)
                        db.SubmissionFacts.Add(new SubmissionFact
                        {
                            TenantId = unit.TenantId, SubmissionId = submission.Id, UnitId = unit.Id, ItemId = item.Id, FactKey = key,
                            Source = FactSource.Unit.Name, ValueJson = JsonSerializer.Serialize(value), EnteredBy = liaison?.Id,
                            EnteredByName = liaison?.DisplayName ?? unit.Name + "联络员", EnteredRole = Roles.Liaison,
                            EnteredAt = submission.SubmittedAt!.Value.AddDays(-1), ItemVersion = 1,
                        });
                }
                await db.SaveChangesAsync(ct);
            }

            // The campaign walks the domain's states; the domain refuses an approval by the requester, so two admins act.
            var domain = new DomainCampaign(version.SchemeId, version.Version, Period.ParseKey(periodKey), DomainState.ScheduleOf(campaign));
            domain.Open();
            domain.StartReview();
            domain.RequestPublication(admin.Id.ToString());
            domain.ApprovePublication(second.Id.ToString(), publishedAt);
            campaign.Store(domain);
            await db.SaveChangesAsync(ct);
            await ManageResults.FreezeAsync(db, schemes, scope, campaign, publishedAt, ct);
        }
    }

    /// <summary>How well a unit did in a quarter, 0 (weak) to 4 (strong); it varies by unit and quarter so trends move.</summary>
    private static int Strength(int unit, int quarter) => (unit * 3 + quarter * 2 + 1) % 5;

    /// <summary>
    /// A middling town (JiaxianTownsCampaignTests' 甲镇) made stronger or weaker: the values a liaison would enter,
    /// in the facts-file JSON form of each fact's type.
    /// </summary>
    private static object FactValue(string key, int s) => key switch
    {
        "dedicated_printer" => s >= 1,
        "work_rules" => s >= 1,
        "reports_on_time" => 5 + s,
        "xinyidai_firms_reported" => 6 + s * 2,
        "credit_village_results" => s >= 2,
        "village_has_appraisal" => s >= 3,
        "village_has_results" => s >= 2,
        "firm_tiering_results" => s >= 1,
        "arrears_to_smes" => s < 2,
        "other_commitment_practices" => s % 3,
        "dishonesty_governance_results" => s >= 3,
        "integrity_education_activities" => 3 + s * 2,
        "civil_servant_integrity_activities" => 6 + s,
        _ => true,
    };
}
