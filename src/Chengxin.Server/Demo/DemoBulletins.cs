using System.Text.Json;
using Chengxin.Domain.Campaigns;
using Chengxin.Domain.Schemes;
using Chengxin.Domain.Scoring;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Results;
using Chengxin.Server.Infrastructure;
using DomainCampaign = Chengxin.Domain.Campaigns.Campaign;

namespace Chengxin.Server.Demo;

/// <summary>
/// A published campaign of each other seed family, so that each family's bulletin (通报) can be made from the demo: seed 002's
/// quarterly evaluation over the towns and the city's departments (its grades are the red, blue and yellow lists; one bureau
/// is found seriously dishonest, the veto to 黄名单), and seed 003's monthly task-force evaluation of the three counties for the
/// three months of a quarter (「每月通报」, and the quarter's 「每季度通报」 over them). As for the towns' quarters, only facts are
/// invented; the campaigns walk the domain's states and the scores are the engine's, frozen by the approval's own code.
/// </summary>
public static class DemoBulletins
{
    public const string ListsSchemeId = "huaian-quarterly-2022";
    public const string TaskforceSchemeId = "heihe-taskforce-monthly-2022";

    public static readonly (string Period, string Name, int PublishedDaysAgo) Lists = ("2025Q3", "2025年第三季度政务诚信建设综合信用评价", 58);

    /// <summary>The months of 2025's fourth quarter, each published after its month; none is still inside its appeal window.</summary>
    public static readonly (string Period, string Name, int PublishedDaysAgo)[] Months =
    [
        ("2025-10", "2025年10月政务守信践诺工作月度考评", 40),
        ("2025-11", "2025年11月政务守信践诺工作月度考评", 25),
        ("2025-12", "2025年12月政务守信践诺工作月度考评", 10),
    ];

    /// <summary>Seed 002's members: (unit code, the scheme's class, how well it did 0–4). 镇、街道 are the scheme's one class for both.</summary>
    private static readonly (string Code, string Class, int Strength)[] ListsUnits =
    [
        ("YC-QS-SM", "town", 4), ("YC-QS-LX", "town", 1), ("YC-QS-DC", "town", 3), ("YC-BH-HK", "town", 0), ("YC-BH-XS", "town", 2),
        ("YC-LJ-JB", "town", 4), ("YC-LJ-JN", "town", 2), ("YC-D-CZ", "dept_a", 4), ("YC-D-SF", "dept_a", 3), ("YC-D-WL", "dept_b", 4),
    ];

    /// <summary>The bureau the reviewer finds seriously dishonest: full marks elsewhere, 黄名单 all the same.</summary>
    private const string Dishonest = "YC-D-SF";

    private static readonly string[] Counties = ["YC-QS", "YC-BH", "YC-LJ"];

    public static async Task SeedAsync(ChengxinDbContext db, AccessScope scope, SchemeVersions schemes, long officeId, IReadOnlyDictionary<string, Unit> units,
        IReadOnlyDictionary<string, AppUser> users, DateTimeOffset now, CancellationToken ct)
    {
        var lists = await schemes.FreezeAsync(db, ListsSchemeId, officeId, now.UtcDateTime, ct)
            ?? throw new InvalidOperationException($"演示数据需要内置指标体系 {ListsSchemeId}。");
        var taskforce = await schemes.FreezeAsync(db, TaskforceSchemeId, officeId, now.UtcDateTime, ct)
            ?? throw new InvalidOperationException($"演示数据需要内置指标体系 {TaskforceSchemeId}。");
        await db.SaveChangesAsync(ct);

        await PublishAsync(db, scope, schemes, lists, Lists, users, now,
            ListsUnits.Select(u => new Member(units[u.Code], u.Class, Late: u.Code == "YC-BH-HK")).ToList(),
            (code, key) => ListsFact(code, ListsUnits.Single(u => u.Code == code).Strength, key), ct);

        for (var m = 0; m < Months.Length; m++)
        {
            var month = m;
            // 白河县 reports November's self-assessment late; the quarter's bulletin names it.
            await PublishAsync(db, scope, schemes, taskforce, Months[m], users, now,
                Counties.Select(c => new Member(units[c], "county", Late: month == 1 && c == "YC-BH")).ToList(),
                (code, key) => TaskforceFact((Array.IndexOf(Counties, code) * 2 + month * 3 + 1) % 5, key), ct);
        }
    }

    private sealed record Member(Unit Unit, string SchemeClass, bool Late);

    private static async Task PublishAsync(ChengxinDbContext db, AccessScope scope, SchemeVersions schemes, SchemeVersion version,
        (string Period, string Name, int PublishedDaysAgo) period, IReadOnlyDictionary<string, AppUser> users, DateTimeOffset now,
        IReadOnlyList<Member> members, Func<string, string, object?> fact, CancellationToken ct)
    {
        var compiled = schemes.Compile(version);
        var publishedAt = now.AddDays(-period.PublishedDaysAgo);
        var due = publishedAt.AddDays(-12);
        var campaign = new Data.Campaign
        {
            TenantId = version.TenantId, Name = period.Name, SchemeVersionId = version.Id, PeriodKey = period.Period, State = CampaignState.Draft,
            EvidenceDue = due.UtcDateTime, AppealWindowSeconds = 7 * 86400, SelfAssessmentRequired = true, CreatedBy = users["admin"].Id,
            CreatedAt = due.AddDays(-20).UtcDateTime,
        };
        foreach (var member in members)
            campaign.Units.Add(new CampaignUnit { UnitId = member.Unit.Id, SchemeClass = member.SchemeClass });
        campaign.Reviewers.Add(new CampaignReviewer { UserId = users["reviewer"].Id });
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync(ct);

        var reviewer = users["reviewer"];
        foreach (var member in members)
        {
            var unit = member.Unit;
            var submission = new Data.Submission
            {
                TenantId = unit.TenantId, CampaignId = campaign.Id, UnitId = unit.Id, State = SubmissionState.Confirmed, Due = due.UtcDateTime,
                SubmittedAt = due.AddDays(member.Late ? 2 : -2).UtcDateTime, IsLate = member.Late, LateBySeconds = member.Late ? 2 * 86400 : 0, Round = 1,
                CreatedAt = due.AddDays(-15).UtcDateTime,
            };
            db.Submissions.Add(submission);
            await db.SaveChangesAsync(ct);
            var liaison = users.Values.FirstOrDefault(u => u.Role == Roles.Liaison && u.UnitId == unit.Id);
            foreach (var item in compiled.Scheme.Items)
            {
                var facts = item.Facts.Where(f => !SystemFacts.IsSystem(f.Supplier))
                    .Select(f => (f.Key, ByReviewer: f.Supplier == "reviewer", Value: fact(unit.Code!, f.Key))).Where(f => f.Value is not null).ToList();
                if (facts.Count == 0)
                    continue;
                db.SubmissionItems.Add(new SubmissionItem { TenantId = unit.TenantId, SubmissionId = submission.Id, UnitId = unit.Id, ItemId = item.Id, FactsVersion = 1 });
                foreach (var (key, byReviewer, value) in facts)
                    db.SubmissionFacts.Add(new SubmissionFact
                    {
                        TenantId = unit.TenantId, SubmissionId = submission.Id, UnitId = unit.Id, ItemId = item.Id, FactKey = key,
                        // What the scheme leaves to the reviewer is the reviewer's statement, as a review records it.
                        Source = byReviewer ? FactSource.Reviewer.Name : FactSource.Unit.Name, ValueJson = JsonSerializer.Serialize(value),
                        EnteredBy = byReviewer ? reviewer.Id : liaison?.Id,
                        EnteredByName = byReviewer ? reviewer.DisplayName : liaison?.DisplayName ?? unit.Name + "联络员",
                        EnteredRole = byReviewer ? Roles.Reviewer : Roles.Liaison,
                        EnteredAt = (byReviewer ? due.AddDays(5) : submission.SubmittedAt!.Value.AddDays(-1)).UtcDateTime, ItemVersion = 1,
                    });
            }
            await db.SaveChangesAsync(ct);
        }

        // One admin asks, another approves: the domain refuses an approval by the requester.
        var domain = new DomainCampaign(version.SchemeId, version.Version, Period.ParseKey(period.Period), DomainState.ScheduleOf(campaign));
        domain.Open();
        domain.StartReview();
        domain.RequestPublication(users["admin"].Id.ToString());
        domain.ApprovePublication(users["admin2"].Id.ToString(), publishedAt);
        campaign.Store(domain);
        await db.SaveChangesAsync(ct);
        await ManageResults.FreezeAsync(db, schemes, scope, campaign, publishedAt, ct);
    }

    private static List<Dictionary<string, object>> Rows(string textColumn, string text, string flag, int yes, int no = 0) =>
        Enumerable.Range(1, yes + no).Select(i => new Dictionary<string, object> { [textColumn] = $"{text}{i}", [flag] = i <= yes }).ToList();

    /// <summary>Seed 002's facts of a unit that did well (4) or poorly (0) in the quarter, as its liaison and the reviewer state them.</summary>
    private static object? ListsFact(string code, int s, string key) => key switch
    {
        "other_admin_info_monthly_full" => s >= 2,
        "commitment_info_monthly" => s >= 1,
        "credit_review_in_administration" => s >= 1,
        "rewards_and_sanctions_by_rule" => s >= 2,
        "xinyipi_cases" => Rows("matter", "容缺受理事项", "fulfilled", s, s < 4 ? 1 : 0),
        "investment_breaches" => s == 0 ? 1 : 0,
        "serious_dishonesty" => code == Dishonest,
        "credit_law_trainings" => Rows("name", "信用条例宣贯会", "documented", Math.Min(s, 2)),
        "five_into_campaigns" => Rows("name", "诚信五进活动", "documented", s + 1, s < 3 ? 1 : 0),
        "town_creation_plan" => s >= 1,
        "credit_villages_accepted" => s >= 3 ? 1 : 0,
        "credit_village_on_record" => s >= 2,
        "new_honest_households" => s * 2,
        "pledging_enterprises" => Rows("enterprise", "承诺企业", "signed_and_published", s * 3),
        "public_pledge_areas" => 8 + s * 2,
        "innovation_promoted" => s >= 3,
        "noted_problem_deduction" => s == 0 ? 2 : 0,
        _ => null,
    };

    /// <summary>Seed 003's monthly facts of a county task force that did well (4) or poorly (0) that month.</summary>
    private static object? TaskforceFact(int s, string key) => key switch
    {
        "measures" => Rows("name", "政务守信践诺工作措施", "done", 4 + s, 4 - s),
        "spot_unfinished" => s == 0 ? 1 : 0,
        "info_reports" => Enumerable.Range(1, 2 + s).Select(i => new Dictionary<string, object>
        {
            ["title"] = $"政务守信践诺工作信息{i}", ["high_quality"] = i <= s, ["adopted"] = i <= s / 2,
        }).ToList(),
        "added_tasks" => Rows("name", "新增工作任务", "approved", s * 2),
        "raised_targets" => Rows("name", "调高工作指标", "approved", s),
        "local_firsts" => Rows("name", "首创举措", "approved", s >= 3 ? 1 : 0),
        _ => null,
    };
}
