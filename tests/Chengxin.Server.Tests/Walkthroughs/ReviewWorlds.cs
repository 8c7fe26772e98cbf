using System.Net;
using System.Text.Json;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Features.Submissions;
using Chengxin.Server.Features.Units;
using Chengxin.Server.Tests.Infrastructure;

namespace Chengxin.Server.Tests.Walkthroughs;

/// <summary>The world the review tests of a corrected item share: a village of its own, in a campaign under review.</summary>
public static class ReviewWorlds
{
    public sealed record InReview(HttpClient Admin, long CampaignId, long UnitId, string Url);

    /// <summary>
    /// A new village under office A's first town (its code from <paramref name="codePrefix"/>, unique per call), in a campaign of its
    /// own with office A's reviewer, opened; the village answers <paramref name="item"/> with <paramref name="facts"/>, submits, and the
    /// review starts. <paramref name="Url"/> is the village's submission.
    /// </summary>
    public static async Task<InReview> VillageInReviewAsync(AppFixture app, string name, string codePrefix, string item,
        Dictionary<string, JsonElement> facts)
    {
        var admin = await app.SessionAsync("a-admin");
        var created = await admin.PostJsonAsync("/api/units", new CreateUnitRequest(app.World.Unit("A-C1-T1").Id, $"{name}村",
            codePrefix + Guid.NewGuid().ToString("N")[..10], "Village", "乡镇"));
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var unitId = (await created.ReadAsync<UnitResponse>()).Id;
        var response = await admin.PostJsonAsync("/api/campaigns", CampaignTests.OpenRequest(name, [unitId], classMap: new() { ["乡镇"] = "town" },
            reviewers: [app.World.Users["a-reviewer"].Id], evidenceDue: app.Clock.GetUtcNow().AddDays(1).ToString("o")));
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var campaignId = (await response.ReadAsync<CampaignResponse>()).Id;
        (await admin.PostAsync($"/api/campaigns/{campaignId}/open", null)).EnsureSuccessStatusCode();
        var url = $"/api/campaigns/{campaignId}/units/{unitId}/submission";
        (await admin.PutJsonAsync($"{url}/items/{item}", new SaveItemRequest(facts, null))).EnsureSuccessStatusCode();
        (await admin.PostAsync($"{url}/submit", null)).EnsureSuccessStatusCode();
        var started = await admin.PostJsonAsync($"/api/campaigns/{campaignId}/start-review", Overrides.GoOn);
        started.StatusCode.ShouldBe(HttpStatusCode.OK, await started.Content.ReadAsStringAsync());
        return new InReview(admin, campaignId, unitId, url);
    }
}
