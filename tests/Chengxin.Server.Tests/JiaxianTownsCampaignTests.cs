using System.Net;
using System.Text.Json;
using Chengxin.Domain.Campaigns;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Features.Results;
using Chengxin.Server.Features.Reviews;
using Chengxin.Server.Features.Schemes;
using Chengxin.Server.Features.Submissions;
using Chengxin.Server.Features.Units;
using Chengxin.Server.Features.Users;
using Chengxin.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Chengxin.Server.Tests;

/// <summary>
/// Seed 004 towns (jiaxian-towns-2022) from opening to the published result, through HTTP only, with two
/// invented units: a middling town and a strong street (the hand-scored units of JiaxianTownsTests).
/// </summary>
public abstract class JiaxianTownsCampaignTests(AppFixture app)
{
    internal static readonly (string Key, object Value)[] MiddlingTown =
    [
        ("leader_assigned", true), ("lead_office_assigned", true), ("liaison_assigned", true), ("dedicated_computer", true),
        ("dedicated_printer", false), ("work_rules", true),                                        // 1.1 缺一项 5 − 1 = 4
        ("reports_on_time", 7),                                                                     // 2.1 7 × 1 = 7
        ("xinyidai_firms_reported", 12),                                                            // 2.2 12 → 最高 10
        ("credit_village_documents", true), ("credit_village_results", false),                      // 2.3 2
        ("village_has_documents", true), ("village_has_venue", true), ("village_has_carrier", true), ("village_has_appraisal", false),
        ("village_has_rewards_penalties", true), ("village_has_reports", true), ("village_has_results", false), // 2.4 5 × 2 = 10
        ("firm_tiering_document", true), ("firm_tiering_results", true),                            // 2.5 2 + 3 = 5
        // 3.1 5: not on a list snapshot (the platform's screening; nobody types it)
        ("arrears_to_smes", true),                                                                  // 3.2 0
        ("service_commitments_published", true), ("integrity_service_pledge_signed", true),
        ("complaints_accepted_and_rectified", true), ("other_commitment_practices", 1),             // 3.3 3 + 1 = 4
        ("dishonesty_governance_document", true), ("dishonesty_governance_results", false),         // 3.4 1
        ("integrity_education_activities", 4),                                                      // 4.1 4
        ("civil_servant_integrity_activities", 12),                                                 // 4.2 12 → 最高 10
    ];

    internal static readonly (string Key, object Value)[] StrongStreet =
    [
        ("leader_assigned", true), ("lead_office_assigned", true), ("liaison_assigned", true), ("dedicated_computer", true),
        ("dedicated_printer", true), ("work_rules", true),                                          // 1.1 5
        ("reports_on_time", 8),                                                                     // 2.1 8
        ("xinyidai_firms_reported", 10),                                                            // 2.2 10
        ("credit_village_documents", true), ("credit_village_results", true),                       // 2.3 6
        ("village_has_documents", true), ("village_has_venue", true), ("village_has_carrier", true), ("village_has_appraisal", true),
        ("village_has_rewards_penalties", true), ("village_has_reports", true), ("village_has_results", true), // 2.4 14
        ("firm_tiering_document", true), ("firm_tiering_results", true),                            // 2.5 5
        // 3.1 5: not on a list snapshot (the platform's screening; nobody types it)
        ("arrears_to_smes", false),                                                                 // 3.2 4
        ("service_commitments_published", true), ("integrity_service_pledge_signed", true),
        ("complaints_accepted_and_rectified", true), ("other_commitment_practices", 2),             // 3.3 5
        ("dishonesty_governance_document", true), ("dishonesty_governance_results", true),          // 3.4 4
        ("integrity_education_activities", 10),                                                     // 4.1 10
        ("civil_servant_integrity_activities", 10),                                                 // 4.2 10
    ];

    private static string NewCode() => "JX" + Guid.NewGuid().ToString("N")[..10];

    private async Task<long> NewUnitAsync(HttpClient admin, string name, string unitClass) =>
        (await (await admin.PostJsonAsync("/api/units", new CreateUnitRequest(app.World.Unit("A-C1").Id, name, NewCode(), "Town", unitClass)))
            .ReadAsync<UnitResponse>()).Id;

    private static Dictionary<string, JsonElement> Json(IEnumerable<(string Key, object Value)> facts) =>
        facts.ToDictionary(f => f.Key, f => JsonSerializer.SerializeToElement(f.Value, Http.Json));

    [Fact]
    public async Task Walk_OpenSubmitReviewPublish_TotalsGradesAndRanksMatchTheArithmetic()
    {
        var admin = await app.SessionAsync("a-admin");
        var town = await NewUnitAsync(admin, "甲镇", "乡镇");
        var street = await NewUnitAsync(admin, "乙街道", "街道");
        var secondAdminName = "jx-admin-" + Guid.NewGuid().ToString("N")[..6];
        (await admin.PostJsonAsync("/api/users", new CreateUserRequest(secondAdminName, "第二管理员", TestWorld.Password,
            app.World.Unit("A-C1").Id, "office-admin", ScopeKind.Subtree, null))).EnsureSuccessStatusCode();

        // Open: seed 004 is quarterly; 乡镇 and 街道 map by name to the scheme's town and street.
        var campaign = await (await admin.PostJsonAsync("/api/campaigns", CampaignTests.OpenRequest("2022年第一季度乡镇（街道）考核", [town, street],
            reviewers: [app.World.Users["a-reviewer"].Id], evidenceDue: app.Clock.GetUtcNow().AddDays(7).ToString("o")))).ReadAsync<CampaignResponse>();
        campaign.Units.Select(u => u.SchemeClass).ShouldBe(["town", "street"]);
        (await admin.PostAsync($"/api/campaigns/{campaign.Id}/open", null)).EnsureSuccessStatusCode();
        var anonymous = app.NewClient();
        await (await anonymous.GetAsync($"/api/public/campaigns/{campaign.Id}/results")).ProblemAsync(HttpStatusCode.NotFound);

        // Collect: the office enters each unit's facts item by item (the units have no liaison accounts here).
        var scheme = app.Factory.Services.GetRequiredService<SchemeCatalog>().Find(TestWorld.SchemeId)!;
        foreach (var (unit, facts) in new[] { (town, MiddlingTown), (street, StrongStreet) })
        {
            var url = $"/api/campaigns/{campaign.Id}/units/{unit}/submission";
            foreach (var item in scheme.Items.Where(i => i.Facts.Any(f => facts.Any(x => x.Key == f.Key))))
            {
                var response = await admin.PutJsonAsync($"{url}/items/{item.Id}",
                    new SaveItemRequest(Json(facts.Where(x => item.Facts.Any(f => f.Key == x.Key))), null));
                response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            }
            var submitted = await (await admin.PostAsync($"{url}/submit", null)).ReadAsync<SubmissionResponse>();
            submitted.IsLate.ShouldBeFalse();
        }
        (await admin.PostJsonAsync($"/api/campaigns/{campaign.Id}/start-review", Overrides.GoOn)).EnsureSuccessStatusCode();

        // Review: 5.1 is the reviewer's judgement (附加分), entered as a correction with its reason.
        var reviewer = await app.SessionAsync("a-reviewer");
        foreach (var (unit, points) in new[] { (town, 6m), (street, 4m) })
        {
            var judged = await (await reviewer.PostJsonAsync($"/api/campaigns/{campaign.Id}/units/{unit}/submission/items/5.1/review",
                new ReviewItemRequest("correct", 0, Json([("integrity_case_publicity", new { points, reason = "市级媒体专题报道诚信案例" })]),
                    "按评审意见给分", null))).ReadAsync<ItemReviewView>();
            judged.ReviewedScore.ShouldBe(points);
            judged.SelfScore.ShouldBe(0m);
        }

        var results = await (await admin.GetAsync($"/api/campaigns/{campaign.Id}/results")).ReadAsync<CampaignResultView>();
        // 甲镇: 一 4; 二 7 + 10 + 2 + 10 + 5 = 34; 三 5 + 0 + 4 + 1 = 10; 四 4 + 10 = 14 → base 62; bonus 6 → 68, 合格 (60 ≤ 68 < 80).
        // 乙街道: 一 5; 二 8 + 10 + 6 + 14 + 5 = 43; 三 5 + 4 + 5 + 4 = 18; 四 10 + 10 = 20 → base 86; bonus 4 → 90, 优秀 (90 含本数).
        var t = results.Units.Single(u => u.UnitId == town);
        var s = results.Units.Single(u => u.UnitId == street);
        (t.Base, t.Bonus, t.Total, t.Grade).ShouldBe((4m + 34m + 10m + 14m, 6m, 68m, "合格"));
        (s.Base, s.Bonus, s.Total, s.Grade).ShouldBe((5m + 43m + 18m + 20m, 4m, 90m, "优秀"));
        // The self-scores leave out the reviewer's bonus: 62 and 86.
        (t.SelfTotal, s.SelfTotal).ShouldBe((62m, 86m));
        (s.Rank, t.Rank).ShouldBe((1, 2));
        (s.ClassRank, t.ClassRank).ShouldBe((1, 1));
        t.Items.Single(i => i.ItemId == "1.1").Score.ShouldBe(4m);
        t.Items.Single(i => i.ItemId == "5.1").SelfScore.ShouldBe(0m);
        t.Explanation.ShouldBe("基础得分 62（适用满分 88）；附加分 6；总分 68；等次 合格");

        // Publish: the requesting admin cannot approve; a second admin can; the anonymous endpoint serves the frozen snapshot.
        var snapshot = await Walkthroughs.Walk.PublishAsync(app, admin, await app.SignInAsync(secondAdminName), campaign.Id);
        snapshot.Units.Select(u => (u.Name, u.Total, u.Grade, u.Rank)).ShouldBe([("乙街道", 90m, "优秀", 1), ("甲镇", 68m, "合格", 2)]);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class JiaxianTownsCampaignTestsOnSqlite(SqliteApp app) : JiaxianTownsCampaignTests(app);

[Collection(PostgresCollection.Name)]
public sealed class JiaxianTownsCampaignTestsOnPostgres(PostgresApp app) : JiaxianTownsCampaignTests(app);
