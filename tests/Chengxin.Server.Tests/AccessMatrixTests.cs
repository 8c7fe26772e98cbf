using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Audit;
using Chengxin.Server.Features.Auth;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Features.Disclosures;
using Chengxin.Server.Features.Letters;
using Chengxin.Server.Features.Providers;
using Chengxin.Server.Features.Results;
using Chengxin.Server.Features.Reviews;
using Chengxin.Server.Features.Submissions;
using Chengxin.Server.Features.Tokens;
using Chengxin.Server.Features.Units;
using Chengxin.Server.Features.Users;
using Chengxin.Server.Infrastructure;
using Chengxin.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Chengxin.Server.Tests;

/// <summary>
/// Every endpoint, as every role, against the caller's own unit, a sibling, the parent and a unit
/// of another credit office. A 2xx where the role lacks the permission or the unit is out of
/// scope fails, and so does any marker of an out-of-scope unit, campaign or token in a response body;
/// a refused state-changing call that changes any table's row count or the audit chain's head fails too.
/// </summary>
public abstract class AccessMatrixTests(AppFixture app, ITestOutputHelper output)
{
    private enum Target { Own, Sibling, Parent, Foreign }

    /// <summary>How to call one endpoint. Targeted cases aim at a unit; owner-only cases are refused for anyone else's object even in scope.</summary>
    /// <summary>AlsoNeeds: a permission without which the call is refused in the matrix world's state (results before publication).</summary>
    /// <summary>OfficeWide: the office's own business (its outbound channels), refused to a role holder whose scope is a part of the office.</summary>
    /// <summary>CampaignBound: aimed at the target's campaign by a query value rather than the route (reached only by who sees the campaign).</summary>
    private sealed record Case(string Key, bool Targeted, bool Reads, bool OwnerOnly, Func<TestWorld, string?, HttpRequestMessage> Build, string? AlsoNeeds = null,
        bool OfficeWide = false, bool CampaignBound = false);

    private static HttpRequestMessage Request(HttpMethod method, string url, object? body = null) =>
        new(method, url) { Content = body is null ? null : JsonContent.Create(body, options: Http.Json) };

    private static HttpRequestMessage Upload(string url, IReadOnlyList<string> header, params string?[] row)
    {
        var content = new ByteArrayContent(Xlsx.Write("Sheet1", header, [row]));
        content.Headers.ContentType = new MediaTypeHeaderValue(Xlsx.ContentType);
        return new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
    }

    private static string Unique() => "m" + Guid.NewGuid().ToString("N")[..10];

    private static readonly Case[] Cases =
    [
        new("GET /api/units/", false, true, false, (_, _) => Request(HttpMethod.Get, "/api/units?includeInactive=true")),
        new("GET /api/units/{id:long}", true, true, false, (w, c) => Request(HttpMethod.Get, $"/api/units/{w.Unit(c!).Id}")),
        new("GET /api/units/count", false, true, false, (_, _) => Request(HttpMethod.Get, "/api/units/count")),
        new("GET /api/units/roots", false, true, false, (_, _) => Request(HttpMethod.Get, "/api/units/roots?includeInactive=true")),
        new("GET /api/units/{id:long}/children", true, true, false, (w, c) => Request(HttpMethod.Get, $"/api/units/{w.Unit(c!).Id}/children?includeInactive=true")),
        new("GET /api/units/{id:long}/classes", true, true, false, (w, c) => Request(HttpMethod.Get, $"/api/units/{w.Unit(c!).Id}/classes")),
        // The marker every unit's name carries: a search that finds the whole office must still answer the caller's units only.
        new("GET /api/units/search", false, true, false, (_, _) => Request(HttpMethod.Get, "/api/units/search?q=%E5%8D%95%E4%BD%8D&limit=100&includeInactive=true")),
        new("GET /api/units/export", false, true, false, (_, _) => Request(HttpMethod.Get, "/api/units/export")),
        new("GET /api/units/populations", false, true, false, (_, _) => Request(HttpMethod.Get, "/api/units/populations")),
        new("PUT /api/units/{id:long}/population", true, false, false, (w, c) => Request(HttpMethod.Put, $"/api/units/{w.Unit(c!).Id}/population",
            new SetUnitPopulationRequest(123_456))),
        new("POST /api/units/", true, false, false, (w, c) => Request(HttpMethod.Post, "/api/units",
            new CreateUnitRequest(w.Unit(c!).Id, "矩阵新增", Unique(), "Department", null))),
        new("PUT /api/units/{id:long}", true, false, false, (w, c) => Request(HttpMethod.Put, $"/api/units/{w.Unit(c!).Id}",
            new UpdateUnitRequest(w.Unit(c!).Name, w.Unit(c!).Code, w.Unit(c!).Class))),
        new("POST /api/units/{id:long}/move", true, false, false, (w, c) => Request(HttpMethod.Post, $"/api/units/{w.Unit(c!).Id}/move",
            new MoveUnitRequest(w.Unit(c!).ParentId ?? w.Unit(c!).Id))),
        new("POST /api/units/{id:long}/deactivate", true, false, false, (w, c) => Request(HttpMethod.Post, $"/api/units/{w.Unit(c!).Id}/deactivate")),
        new("POST /api/units/{id:long}/activate", true, false, false, (w, c) => Request(HttpMethod.Post, $"/api/units/{w.Unit(c!).Id}/activate")),
        new("DELETE /api/units/{id:long}", true, false, false, (w, c) => Request(HttpMethod.Delete, $"/api/units/{w.Unit(c!).Id}")),
        new("POST /api/units/import", true, false, false, (_, c) => Upload("/api/units/import", ImportExportUnits.Header, Unique(), "矩阵导入", c, "部门", null, null)),

        new("GET /api/users/", false, true, false, (_, _) => Request(HttpMethod.Get, "/api/users")),
        new("GET /api/users/{id:guid}", true, true, false, (w, c) => Request(HttpMethod.Get, $"/api/users/{w.TargetUsers[c!].Id}")),
        new("GET /api/users/export", false, true, false, (_, _) => Request(HttpMethod.Get, "/api/users/export")),
        new("POST /api/users/", true, false, false, (w, c) => Request(HttpMethod.Post, "/api/users",
            new CreateUserRequest(Unique(), "矩阵用户", TestWorld.Password, w.Unit(c!).Id, Roles.OfficeAdmin, ScopeKind.Subtree, null))),
        new("PUT /api/users/{id:guid}", true, false, false, (w, c) => Request(HttpMethod.Put, $"/api/users/{w.TargetUsers[c!].Id}",
            new UpdateUserRequest("矩阵改名", w.Unit(c!).Id, Roles.OfficeAdmin, ScopeKind.Subtree, null))),
        new("POST /api/users/{id:guid}/disable", true, false, false, (w, c) => Request(HttpMethod.Post, $"/api/users/{w.TargetUsers[c!].Id}/disable")),
        new("POST /api/users/{id:guid}/enable", true, false, false, (w, c) => Request(HttpMethod.Post, $"/api/users/{w.TargetUsers[c!].Id}/enable")),
        new("POST /api/users/{id:guid}/password", true, false, false, (w, c) => Request(HttpMethod.Post, $"/api/users/{w.TargetUsers[c!].Id}/password",
            new ResetPasswordRequest("matrix-password-1"))),
        new("POST /api/users/import", true, false, false, (_, c) => Upload("/api/users/import", ImportExportUsers.Header, Unique(), "矩阵导入", c, "信用办管理员", null)),

        new("GET /api/tokens/", false, true, false, (_, _) => Request(HttpMethod.Get, "/api/tokens")),
        new("POST /api/tokens/", false, false, false, (_, _) => Request(HttpMethod.Post, "/api/tokens", new TokenEndpoints.CreateTokenRequest("矩阵", 1))),
        new("DELETE /api/tokens/{id:long}", true, false, true, (w, c) => Request(HttpMethod.Delete, $"/api/tokens/{w.TargetTokens[c!]}")),

        new("GET /api/audit/", false, true, false, (_, _) => Request(HttpMethod.Get, "/api/audit?take=500")),
        new("GET /api/audit/verify", false, true, false, (_, _) => Request(HttpMethod.Get, "/api/audit/verify")),
        // Verifying against a checkpoint needs one signed for the caller's own office; AuditAnchorTests covers the allowed calls.
        new("POST /api/audit/verify", false, false, false, (_, _) => Request(HttpMethod.Post, "/api/audit/verify",
            new AuditCheckpoint(AuditCheckpoints.Format, 0, "", 0, AuditChain.Genesis, default, "", ""))),
        new("POST /api/audit/checkpoint", false, false, false, (_, _) => Request(HttpMethod.Post, "/api/audit/checkpoint")),

        new("GET /api/schemes/", false, true, false, (_, _) => Request(HttpMethod.Get, "/api/schemes")),
        new("GET /api/schemes/{id}", false, true, false, (_, _) => Request(HttpMethod.Get, $"/api/schemes/{SchemeTests.SampleScheme}")),
        new("GET /api/schemes/{id}/lint", false, true, false, (_, _) => Request(HttpMethod.Get, $"/api/schemes/{SchemeTests.SampleScheme}/lint")),
        new("GET /api/schemes/{id}/facts", false, true, false, (_, _) => Request(HttpMethod.Get, $"/api/schemes/{SchemeTests.SampleScheme}/facts")),

        // Campaign cases aim at the campaign whose one unit is the target (TestWorld.CampaignsByUnit).
        new("GET /api/campaigns/", false, true, false, (_, _) => Request(HttpMethod.Get, "/api/campaigns")),
        new("GET /api/campaigns/{id:long}", true, true, false, (w, c) => Request(HttpMethod.Get, $"/api/campaigns/{w.CampaignsByUnit[c!]}")),
        new("POST /api/campaigns/", true, false, false, (w, c) => Request(HttpMethod.Post, "/api/campaigns", CampaignTests.OpenRequest(
            "矩阵批次", [w.Unit(c!).Id], classMap: new() { [w.Unit(c!).Class ?? "无"] = "town" }))),
        new("POST /api/campaigns/{id:long}/open", true, false, false, (w, c) => Request(HttpMethod.Post, $"/api/campaigns/{w.CampaignsByUnit[c!]}/open")),
        new("POST /api/campaigns/{id:long}/spot-check", true, false, false, (w, c) => Request(HttpMethod.Post, $"/api/campaigns/{w.CampaignsByUnit[c!]}/spot-check")),
        new("POST /api/campaigns/{campaignId:long}/units/{unitId:long}/deadline-exception", true, false, false, (w, c) =>
            Request(HttpMethod.Post, $"/api/campaigns/{w.CampaignsByUnit[c!]}/units/{w.Unit(c!).Id}/deadline-exception",
                new DeadlineExceptionRequest("2026-12-31T17:00", "矩阵"))),
        new("POST /api/campaigns/{campaignId:long}/units/{unitId:long}/submission/items/{itemId}/deadline-exception", true, false, false, (w, c) =>
            Request(HttpMethod.Post, $"/api/campaigns/{w.CampaignsByUnit[c!]}/units/{w.Unit(c!).Id}/submission/items/2.1/deadline-exception",
                new DeadlineExceptionRequest("2099-12-31T17:00", "矩阵"))),
        new("PUT /api/campaigns/{id:long}", true, false, false, (w, c) => Request(HttpMethod.Put, $"/api/campaigns/{w.CampaignsByUnit[c!]}",
            new EditCampaignRequest(null, "矩阵改名", null, null, null, null, "矩阵"))),
        new("POST /api/campaigns/{id:long}/void", true, false, false, (w, c) => Request(HttpMethod.Post, $"/api/campaigns/{w.CampaignsByUnit[c!]}/void",
            new VoidCampaignRequest("矩阵"))),
        new("GET /api/campaigns/{id:long}/readiness", true, true, false, (w, c) => Request(HttpMethod.Get, $"/api/campaigns/{w.CampaignsByUnit[c!]}/readiness")),
        new("POST /api/campaigns/{id:long}/start-review", true, false, false, (w, c) => Request(HttpMethod.Post, $"/api/campaigns/{w.CampaignsByUnit[c!]}/start-review", Overrides.GoOn)),
        // Units and providers read results only once published; the matrix world publishes nothing, so they are refused (404).
        new("GET /api/campaigns/{id:long}/results", true, true, false, (w, c) => Request(HttpMethod.Get, $"/api/campaigns/{w.CampaignsByUnit[c!]}/results"),
            ResultPermissions.Read),
        new("POST /api/campaigns/{id:long}/publication/request", true, false, false, (w, c) =>
            Request(HttpMethod.Post, $"/api/campaigns/{w.CampaignsByUnit[c!]}/publication/request", Overrides.GoOn)),
        new("POST /api/campaigns/{id:long}/publication/approve", true, false, false, (w, c) =>
            Request(HttpMethod.Post, $"/api/campaigns/{w.CampaignsByUnit[c!]}/publication/approve", Overrides.GoOn)),
        new("POST /api/campaigns/{id:long}/publication/reject", true, false, false, (w, c) =>
            Request(HttpMethod.Post, $"/api/campaigns/{w.CampaignsByUnit[c!]}/publication/reject", new RejectPublicationRequest("矩阵"))),
        new("POST /api/campaigns/{id:long}/results/rescore", true, false, false, (w, c) =>
            Request(HttpMethod.Post, $"/api/campaigns/{w.CampaignsByUnit[c!]}/results/rescore")),
        new("GET /api/campaigns/{id:long}/publication", true, true, false, (w, c) => Request(HttpMethod.Get, $"/api/campaigns/{w.CampaignsByUnit[c!]}/publication")),
        new("GET /api/campaigns/{id:long}/results/ranking", true, true, false, (w, c) =>
            Request(HttpMethod.Get, $"/api/campaigns/{w.CampaignsByUnit[c!]}/results/ranking")),
        new("GET /api/campaigns/{id:long}/results/units/{unitId:long}", true, true, false, (w, c) =>
            Request(HttpMethod.Get, $"/api/campaigns/{w.CampaignsByUnit[c!]}/results/units/{w.Unit(c!).Id}")),
        new("GET /api/campaigns/{campaignId:long}/appeals", true, true, false, (w, c) => Request(HttpMethod.Get, $"/api/campaigns/{w.CampaignsByUnit[c!]}/appeals")),

        // The world's campaigns are unpublished: a permitted role without export:unpublished is refused them, so the allowed
        // downloads are ExportTests' business and only the refusals are checked here (Reads false).
        new("GET /api/exports/campaigns/{id:long}/ranking", true, false, false, (w, c) =>
            Request(HttpMethod.Get, $"/api/exports/campaigns/{w.CampaignsByUnit[c!]}/ranking")),
        new("GET /api/exports/campaigns/{id:long}/score-sheet", true, false, false, (w, c) =>
            Request(HttpMethod.Get, $"/api/exports/campaigns/{w.CampaignsByUnit[c!]}/score-sheet")),
        new("GET /api/exports/campaigns/{id:long}/appeals", true, true, false, (w, c) =>
            Request(HttpMethod.Get, $"/api/exports/campaigns/{w.CampaignsByUnit[c!]}/appeals")),
        // A bulletin is generated from published results only and the world's campaigns are unpublished: refusals are checked here,
        // the documents in BulletinTests. A default template is the same file for every office.
        new("POST /api/bulletins/campaigns/{id:long}", true, false, false, (w, c) =>
            Request(HttpMethod.Post, $"/api/bulletins/campaigns/{w.CampaignsByUnit[c!]}?format=pdf")),
        new("POST /api/bulletins/periods", true, false, false, (w, c) => Request(HttpMethod.Post, "/api/bulletins/periods",
            new Features.Bulletins.PeriodBulletinRequest([w.CampaignsByUnit[c!]], null, "pdf"))),
        new("GET /api/bulletins/templates/{kind}", false, true, false, (_, _) => Request(HttpMethod.Get, "/api/bulletins/templates/lists")),
        new("GET /api/dashboard/campaigns/{id:long}", true, true, false, (w, c) => Request(HttpMethod.Get, $"/api/dashboard/campaigns/{w.CampaignsByUnit[c!]}")),
        new("GET /api/units/{unitId:long}/trend", true, true, false, (w, c) => Request(HttpMethod.Get, $"/api/units/{w.Unit(c!).Id}/trend?scheme=jiaxian-towns")),

        new("GET /api/campaigns/{campaignId:long}/units/{unitId:long}/appeals/", true, true, false, (w, c) =>
            Request(HttpMethod.Get, $"/api/campaigns/{w.CampaignsByUnit[c!]}/units/{w.Unit(c!).Id}/appeals")),
        new("POST /api/campaigns/{campaignId:long}/units/{unitId:long}/appeals/", true, false, false, (w, c) =>
            Request(HttpMethod.Post, $"/api/campaigns/{w.CampaignsByUnit[c!]}/units/{w.Unit(c!).Id}/appeals", new FileAppealRequest(null, "矩阵申诉"))),
        // No appeal exists in the world: every call that is not skipped as allowed must be refused before reaching one.
        new("POST /api/campaigns/{campaignId:long}/appeals/{appealId:long}/uphold", true, false, false, (w, c) =>
            Request(HttpMethod.Post, $"/api/campaigns/{w.CampaignsByUnit[c!]}/appeals/1/uphold", new DecideAppealRequest("矩阵"))),
        new("POST /api/campaigns/{campaignId:long}/appeals/{appealId:long}/reject", true, false, false, (w, c) =>
            Request(HttpMethod.Post, $"/api/campaigns/{w.CampaignsByUnit[c!]}/appeals/1/reject", new DecideAppealRequest("矩阵"))),

        // Submission cases aim at the target unit inside the campaign around it.
        new("GET /api/campaigns/{campaignId:long}/units/{unitId:long}/submission/", true, true, false, (w, c) =>
            Request(HttpMethod.Get, $"/api/campaigns/{w.CampaignsByUnit[c!]}/units/{w.Unit(c!).Id}/submission")),
        new("PUT /api/campaigns/{campaignId:long}/units/{unitId:long}/submission/items/{itemId}", true, false, false, (w, c) =>
            Request(HttpMethod.Put, $"/api/campaigns/{w.CampaignsByUnit[c!]}/units/{w.Unit(c!).Id}/submission/items/2.1", new SaveItemRequest(null, "矩阵"))),
        new("GET /api/campaigns/{campaignId:long}/units/{unitId:long}/submission/evidence/{evidenceId:long}", true, true, false, (w, c) =>
            Request(HttpMethod.Get, $"/api/campaigns/{w.CampaignsByUnit[c!]}/units/{w.Unit(c!).Id}/submission/evidence/{w.EvidenceByUnit[c!]}")),
        new("POST /api/campaigns/{campaignId:long}/units/{unitId:long}/submission/items/{itemId}/evidence", true, false, false, (w, c) =>
            new HttpRequestMessage(HttpMethod.Post, $"/api/campaigns/{w.CampaignsByUnit[c!]}/units/{w.Unit(c!).Id}/submission/items/2.1/evidence?fileName=m.txt")
            {
                Content = new ByteArrayContent("矩阵佐证"u8.ToArray()),
            }),
        new("POST /api/campaigns/{campaignId:long}/units/{unitId:long}/submission/items/{itemId}/links", true, false, false, (w, c) =>
            Request(HttpMethod.Post, $"/api/campaigns/{w.CampaignsByUnit[c!]}/units/{w.Unit(c!).Id}/submission/items/2.1/links",
                new EvidenceLinkRequest("https://example.gov.cn/m", "矩阵"))),
        new("POST /api/campaigns/{campaignId:long}/units/{unitId:long}/submission/items/{itemId}/screenshots", true, false, false, (w, c) =>
            new HttpRequestMessage(HttpMethod.Post, $"/api/campaigns/{w.CampaignsByUnit[c!]}/units/{w.Unit(c!).Id}/submission/items/2.1/screenshots?fileName=m.png")
            {
                Content = new ByteArrayContent([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0]),
            }),
        new("POST /api/campaigns/{campaignId:long}/units/{unitId:long}/submission/items/{itemId}/ledger-rows", true, false, false, (w, c) =>
            Request(HttpMethod.Post, $"/api/campaigns/{w.CampaignsByUnit[c!]}/units/{w.Unit(c!).Id}/submission/items/3.3/ledger-rows",
                new EvidenceLedgerRequest(null, [new() { ["矩阵"] = System.Text.Json.JsonSerializer.SerializeToElement("m") }]))),
        new("GET /api/campaigns/{campaignId:long}/units/{unitId:long}/submission/items/{itemId}/review/", true, true, false, (w, c) =>
            Request(HttpMethod.Get, $"/api/campaigns/{w.CampaignsByUnit[c!]}/units/{w.Unit(c!).Id}/submission/items/2.1/review")),
        new("POST /api/campaigns/{campaignId:long}/units/{unitId:long}/submission/items/{itemId}/review/", true, false, false, (w, c) =>
            Request(HttpMethod.Post, $"/api/campaigns/{w.CampaignsByUnit[c!]}/units/{w.Unit(c!).Id}/submission/items/2.1/review",
                new ReviewItemRequest("confirm", 0, null, null, null))),
        new("POST /api/campaigns/{campaignId:long}/reviews/confirm", true, false, false, (w, c) =>
            Request(HttpMethod.Post, $"/api/campaigns/{w.CampaignsByUnit[c!]}/reviews/confirm",
                new ConfirmItemsRequest([new ConfirmItemEntry(w.Unit(c!).Id, "2.1", 0)]))),
        new("POST /api/campaigns/{campaignId:long}/units/{unitId:long}/submission/confirm-baseline", true, false, false, (w, c) =>
            Request(HttpMethod.Post, $"/api/campaigns/{w.CampaignsByUnit[c!]}/units/{w.Unit(c!).Id}/submission/confirm-baseline")),
        new("POST /api/campaigns/{campaignId:long}/units/{unitId:long}/submission/submit", true, false, false, (w, c) =>
            Request(HttpMethod.Post, $"/api/campaigns/{w.CampaignsByUnit[c!]}/units/{w.Unit(c!).Id}/submission/submit")),
        new("POST /api/campaigns/{campaignId:long}/units/{unitId:long}/submission/withdraw", true, false, false, (w, c) =>
            Request(HttpMethod.Post, $"/api/campaigns/{w.CampaignsByUnit[c!]}/units/{w.Unit(c!).Id}/submission/withdraw")),
        new("POST /api/campaigns/{campaignId:long}/units/{unitId:long}/submission/return", true, false, false, (w, c) =>
            Request(HttpMethod.Post, $"/api/campaigns/{w.CampaignsByUnit[c!]}/units/{w.Unit(c!).Id}/submission/return",
                new ReturnSubmissionRequest("矩阵退回", "2030-01-01T09:00"))),
        new("DELETE /api/campaigns/{campaignId:long}/units/{unitId:long}/submission/evidence/{evidenceId:long}", true, false, false, (w, c) =>
            Request(HttpMethod.Delete, $"/api/campaigns/{w.CampaignsByUnit[c!]}/units/{w.Unit(c!).Id}/submission/evidence/{w.EvidenceByUnit[c!]}")),
        new("POST /api/campaigns/{campaignId:long}/units/{unitId:long}/submission/reviewed", true, false, false, (w, c) =>
            Request(HttpMethod.Post, $"/api/campaigns/{w.CampaignsByUnit[c!]}/units/{w.Unit(c!).Id}/submission/reviewed")),
        new("POST /api/campaigns/{campaignId:long}/units/{unitId:long}/submission/confirm", true, false, false, (w, c) =>
            Request(HttpMethod.Post, $"/api/campaigns/{w.CampaignsByUnit[c!]}/units/{w.Unit(c!).Id}/submission/confirm")),
        new("GET /api/campaigns/{campaignId:long}/units/{unitId:long}/spot-check/", true, true, false, (w, c) =>
            Request(HttpMethod.Get, $"/api/campaigns/{w.CampaignsByUnit[c!]}/units/{w.Unit(c!).Id}/spot-check")),
        new("POST /api/campaigns/{campaignId:long}/units/{unitId:long}/spot-check/open", true, false, false, (w, c) =>
            Request(HttpMethod.Post, $"/api/campaigns/{w.CampaignsByUnit[c!]}/units/{w.Unit(c!).Id}/spot-check/open")),
        new("PUT /api/campaigns/{campaignId:long}/units/{unitId:long}/spot-check/items/{itemId}", true, false, false, (w, c) =>
            Request(HttpMethod.Put, $"/api/campaigns/{w.CampaignsByUnit[c!]}/units/{w.Unit(c!).Id}/spot-check/items/2.1",
                new Features.SpotChecks.RecordSpotCheckItemRequest(null, "矩阵"))),
        new("POST /api/campaigns/{campaignId:long}/units/{unitId:long}/spot-check/complete", true, false, false, (w, c) =>
            Request(HttpMethod.Post, $"/api/campaigns/{w.CampaignsByUnit[c!]}/units/{w.Unit(c!).Id}/spot-check/complete",
                new Features.SpotChecks.CompleteSpotCheckRequest("矩阵"))),
        new("GET /api/campaigns/{id:long}/period-inputs", true, true, false, (w, c) => Request(HttpMethod.Get, $"/api/campaigns/{w.CampaignsByUnit[c!]}/period-inputs")),
        new("GET /api/periods/year-reference", false, true, false, (_, _) => Request(HttpMethod.Get, $"/api/periods/year-reference?schemeId={TestWorld.SchemeId}&year=2022")),
        new("GET /api/campaigns/{id:long}/reports", true, true, false, (w, c) => Request(HttpMethod.Get, $"/api/campaigns/{w.CampaignsByUnit[c!]}/reports")),

        // Letters: the signer's own unit inside the campaign around it; the office's lists aim at that campaign.
        new("GET /api/campaigns/{campaignId:long}/units/{unitId:long}/liaison-table", true, true, false, (w, c) =>
            Request(HttpMethod.Get, $"/api/campaigns/{w.CampaignsByUnit[c!]}/units/{w.Unit(c!).Id}/liaison-table")),
        new("PUT /api/campaigns/{campaignId:long}/units/{unitId:long}/liaison-table", true, false, false, (w, c) =>
            Request(HttpMethod.Put, $"/api/campaigns/{w.CampaignsByUnit[c!]}/units/{w.Unit(c!).Id}/liaison-table",
                new LiaisonTableRequest("矩阵", "主任", null, "13812345678", "m@example.gov.cn"))),
        new("GET /api/campaigns/{campaignId:long}/units/{unitId:long}/commitment-letter", true, true, false, (w, c) =>
            Request(HttpMethod.Get, $"/api/campaigns/{w.CampaignsByUnit[c!]}/units/{w.Unit(c!).Id}/commitment-letter")),
        new("POST /api/campaigns/{campaignId:long}/units/{unitId:long}/commitment-letter/accept", true, false, false, (w, c) =>
            Request(HttpMethod.Post, $"/api/campaigns/{w.CampaignsByUnit[c!]}/units/{w.Unit(c!).Id}/commitment-letter/accept")),
        new("POST /api/campaigns/{campaignId:long}/units/{unitId:long}/commitment-letter/scan", true, false, false, (w, c) =>
            new HttpRequestMessage(HttpMethod.Post, $"/api/campaigns/{w.CampaignsByUnit[c!]}/units/{w.Unit(c!).Id}/commitment-letter/scan?fileName=m.pdf")
            {
                Content = new ByteArrayContent("%PDF-1.4 矩阵"u8.ToArray()),
            }),
        new("GET /api/campaigns/{campaignId:long}/units/{unitId:long}/commitment-letter/scan", true, true, false, (w, c) =>
            Request(HttpMethod.Get, $"/api/campaigns/{w.CampaignsByUnit[c!]}/units/{w.Unit(c!).Id}/commitment-letter/scan")),
        new("GET /api/campaigns/{id:long}/liaison-tables", true, true, false, (w, c) => Request(HttpMethod.Get, $"/api/campaigns/{w.CampaignsByUnit[c!]}/liaison-tables")),
        new("GET /api/campaigns/{id:long}/liaison-tables/export", true, true, false, (w, c) =>
            Request(HttpMethod.Get, $"/api/campaigns/{w.CampaignsByUnit[c!]}/liaison-tables/export")),
        new("GET /api/campaigns/{id:long}/commitment-letters", true, true, false, (w, c) =>
            Request(HttpMethod.Get, $"/api/campaigns/{w.CampaignsByUnit[c!]}/commitment-letters")),

        // Provider grid: the caller's own department over the campaign around the target unit.
        new("GET /api/campaigns/{id:long}/provider-grid/", true, true, false, (w, c) => Request(HttpMethod.Get, $"/api/campaigns/{w.CampaignsByUnit[c!]}/provider-grid")),
        new("PUT /api/campaigns/{id:long}/provider-grid/cells", true, false, false, (w, c) =>
            Request(HttpMethod.Put, $"/api/campaigns/{w.CampaignsByUnit[c!]}/provider-grid/cells",
                new ProviderCellsRequest([new ProviderCellRequest(w.Unit(c!).Id, "reports_on_time", null)]))),
        new("GET /api/campaigns/{id:long}/provider-grid/export", true, true, false, (w, c) =>
            Request(HttpMethod.Get, $"/api/campaigns/{w.CampaignsByUnit[c!]}/provider-grid/export")),
        new("POST /api/campaigns/{id:long}/provider-grid/import", true, false, false, (w, c) =>
            Upload($"/api/campaigns/{w.CampaignsByUnit[c!]}/provider-grid/import", ProviderGrid.FixedHeader, w.Unit(c!).Name, w.Unit(c!).Code)),
        new("POST /api/campaigns/{id:long}/provider-grid/submit", true, false, false, (w, c) =>
            Request(HttpMethod.Post, $"/api/campaigns/{w.CampaignsByUnit[c!]}/provider-grid/submit")),

        new("GET /api/campaigns/{id:long}/progress", true, true, false, (w, c) => Request(HttpMethod.Get, $"/api/campaigns/{w.CampaignsByUnit[c!]}/progress")),
        new("GET /api/campaigns/{id:long}/progress/export", true, true, false, (w, c) => Request(HttpMethod.Get, $"/api/campaigns/{w.CampaignsByUnit[c!]}/progress/export")),
        new("POST /api/disclosures/uploads", false, false, false, (_, _) => new HttpRequestMessage(HttpMethod.Post, "/api/disclosures/uploads?fileName=m.csv")
            { Content = new ByteArrayContent("行政相对人名称,决定文书号\r\n"u8.ToArray()) }),
        new("POST /api/disclosures/records", false, false, false, (_, _) => Request(HttpMethod.Post, "/api/disclosures/records",
            new PushDisclosuresRequest([new("矩阵", null, null, Unique(), "2026-03-02", "2026-03-03", null, "无此单位", null)], false, null))),
        new("GET /api/disclosures/uploads", false, true, false, (_, _) => Request(HttpMethod.Get, "/api/disclosures/uploads")),
        new("GET /api/disclosures/uploads/{id:long}", true, true, false, (w, c) => Request(HttpMethod.Get, $"/api/disclosures/uploads/{w.DisclosureUploadsByUnit[c!]}")),
        new("GET /api/disclosures/uploads/{id:long}/rejections.xlsx", true, true, false, (w, c) =>
            Request(HttpMethod.Get, $"/api/disclosures/uploads/{w.DisclosureUploadsByUnit[c!]}/rejections.xlsx")),
        new("GET /api/disclosures/statistics", false, true, false, (_, _) => Request(HttpMethod.Get, "/api/disclosures/statistics")),
        new("GET /api/disclosures/records", true, true, false, (w, c) => Request(HttpMethod.Get, $"/api/disclosures/records?unitId={w.Unit(c!).Id}")),
        new("POST /api/disclosures/records/{id:long}/finding", false, false, false, (_, _) => Request(HttpMethod.Post, "/api/disclosures/records/0/finding",
            new RecordDisclosureFindingRequest("矩阵"))),
        new("GET /api/disclosures/settings", false, true, false, (_, _) => Request(HttpMethod.Get, "/api/disclosures/settings")),
        new("PUT /api/disclosures/settings", false, false, false, (_, _) => Request(HttpMethod.Put, "/api/disclosures/settings",
            new SaveDisclosureSettingsRequest(null, 7, null, null, 0))),
        new("GET /api/workspace/review-queue", false, true, false, (_, _) => Request(HttpMethod.Get, "/api/workspace/review-queue")),
        // The queue's unit search, aimed at the target's campaign: the matrix world's campaigns are collecting, so an allowed caller
        // finds no unit waiting (an empty list) and a reviewer not assigned to it is refused.
        new("GET /api/workspace/review-queue/units", true, true, false, (w, c) =>
            Request(HttpMethod.Get, $"/api/workspace/review-queue/units?campaignId={w.CampaignsByUnit[c!]}"), CampaignBound: true),
        new("GET /api/workspace/tasks", false, true, false, (_, _) => Request(HttpMethod.Get, "/api/workspace/tasks")),

        new("GET /api/auth/me", false, true, false, (_, _) => Request(HttpMethod.Get, "/api/auth/me")),
        // Dishonesty lists: office-wide snapshots; a person is entered for a unit (targeted). No snapshot or hit has the ids aimed at.
        new("GET /api/lists/snapshots", false, true, false, (_, _) => Request(HttpMethod.Get, "/api/lists/snapshots")),
        new("GET /api/lists/hits", false, true, false, (_, _) => Request(HttpMethod.Get, "/api/lists/hits")),
        new("GET /api/lists/persons", false, true, false, (_, _) => Request(HttpMethod.Get, "/api/lists/persons")),
        new("POST /api/lists/snapshots/import", false, false, false, (_, _) => new HttpRequestMessage(HttpMethod.Post,
            "/api/lists/snapshots/import?listKind=dishonest-debtor&source=m&snapshotDate=2024-01-01&fileName=m.csv")
        {
            Content = new ByteArrayContent("名称\n矩阵名单\n"u8.ToArray()),
        }),
        new("POST /api/lists/snapshots/{id:long}/screen", false, false, false, (_, _) => Request(HttpMethod.Post, "/api/lists/snapshots/999999999/screen")),
        new("POST /api/lists/persons", true, false, false, (w, c) => Request(HttpMethod.Post, "/api/lists/persons",
            new Features.DishonestLists.AddPersonRequest(w.Unit(c!).Id, "矩阵", "11010519491231002X", "录用", "2025-01-01"))),
        new("POST /api/lists/persons/import", true, false, false, (w, c) => Upload("/api/lists/persons/import", Features.DishonestLists.ImportPersons.Header,
            "矩阵", Monitoring.MonitoringData.IdNumber(), w.Unit(c!).Code, "调任", "2025-01-01")),
        new("POST /api/lists/hits/{id:long}/confirm", false, false, false, (_, _) => Request(HttpMethod.Post, "/api/lists/hits/999999999/confirm",
            new Features.DishonestLists.DecideHitRequest("矩阵", 0))),
        new("POST /api/lists/hits/{id:long}/dismiss", false, false, false, (_, _) => Request(HttpMethod.Post, "/api/lists/hits/999999999/dismiss",
            new Features.DishonestLists.DecideHitRequest("矩阵", 0))),

        // The register of complaints and opinion: an event is recorded about a unit (targeted); the machine intake names it by code.
        new("GET /api/events/", false, true, false, (_, _) => Request(HttpMethod.Get, "/api/events")),
        new("POST /api/events/", true, false, false, (w, c) => Request(HttpMethod.Post, "/api/events",
            new Features.Events.RecordEventRequest(Domain.Monitoring.EventKind.Complaint, "矩阵", "2025-01-01", "矩阵", "其他", [w.Unit(c!).Id]))),
        new("POST /api/events/{id:long}/verify", false, false, false, (_, _) => Request(HttpMethod.Post, "/api/events/999999999/verify",
            new Features.Events.VerifyEventRequest(true, "矩阵", 0))),
        new("POST /api/events/import", true, false, false, (w, c) => Upload("/api/events/import", Features.Events.ImportEvents.Header,
            "投诉", "矩阵", "2025-01-01", "矩阵", "其他", w.Unit(c!).Code)),
        new("POST /api/events/intake", true, false, false, (w, c) => Request(HttpMethod.Post, "/api/events/intake",
            new Features.Events.IntakeEventsRequest([new Features.Events.IntakeEvent(Domain.Monitoring.EventKind.Opinion, "矩阵", "2025-01-01", "矩阵",
                "其他", [w.Unit(c!).Code!])]))),

        // The inbox is the caller's own (every role); the outbound channels and their failed deliveries are the office's.
        new("GET /api/inbox/", false, true, false, (_, _) => Request(HttpMethod.Get, "/api/inbox")),
        new("GET /api/inbox/unread-count", false, true, false, (_, _) => Request(HttpMethod.Get, "/api/inbox/unread-count")),
        new("POST /api/inbox/{id:long}/read", false, false, false, (_, _) => Request(HttpMethod.Post, "/api/inbox/999999999/read")),
        new("POST /api/inbox/read-all", false, false, false, (_, _) => Request(HttpMethod.Post, "/api/inbox/read-all")),
        new("GET /api/notifications/channels", false, true, false, (_, _) => Request(HttpMethod.Get, "/api/notifications/channels"), OfficeWide: true),
        new("POST /api/notifications/channels", false, false, false, (_, _) => Request(HttpMethod.Post, "/api/notifications/channels",
            new Features.Notifications.ChannelRequest("webhook", "矩阵", false, null, null, null, null, null, null, false, "https://example.cn/robot", null, 0)), OfficeWide: true),
        new("PUT /api/notifications/channels/{id:long}", false, false, false, (_, _) => Request(HttpMethod.Put, "/api/notifications/channels/999999999",
            new Features.Notifications.ChannelRequest("webhook", "矩阵", false, null, null, null, null, null, null, false, "https://example.cn/robot", null, 0)), OfficeWide: true),
        new("POST /api/notifications/channels/{id:long}/test", false, false, false, (_, _) => Request(HttpMethod.Post,
            "/api/notifications/channels/999999999/test", new Features.Notifications.TestChannelRequest(null)), OfficeWide: true),
        new("GET /api/notifications/deliveries", false, true, false, (_, _) => Request(HttpMethod.Get, "/api/notifications/deliveries"), OfficeWide: true),
        new("POST /api/notifications/deliveries/{id:long}/retry", false, false, false, (_, _) => Request(HttpMethod.Post,
            "/api/notifications/deliveries/999999999/retry"), OfficeWide: true),
        // Satisfaction surveys: a campaign's questionnaire, aimed at the campaign whose one unit is the target.
        new("GET /api/surveys/campaigns/{campaignId:long}/", true, true, false, (w, c) => Request(HttpMethod.Get, $"/api/surveys/campaigns/{w.CampaignsByUnit[c!]}")),
        new("GET /api/surveys/campaigns/{campaignId:long}/progress", true, true, false, (w, c) =>
            Request(HttpMethod.Get, $"/api/surveys/campaigns/{w.CampaignsByUnit[c!]}/progress")),
        new("GET /api/surveys/campaigns/{campaignId:long}/answers", true, true, false, (w, c) =>
            Request(HttpMethod.Get, $"/api/surveys/campaigns/{w.CampaignsByUnit[c!]}/answers")),
        new("GET /api/surveys/campaigns/{campaignId:long}/export", true, true, false, (w, c) =>
            Request(HttpMethod.Get, $"/api/surveys/campaigns/{w.CampaignsByUnit[c!]}/export")),
        new("GET /api/surveys/campaigns/{campaignId:long}/invitations/export", true, true, false, (w, c) =>
            Request(HttpMethod.Get, $"/api/surveys/campaigns/{w.CampaignsByUnit[c!]}/invitations/export")),
        new("PUT /api/surveys/campaigns/{campaignId:long}/", true, false, false, (w, c) => Request(HttpMethod.Put, $"/api/surveys/campaigns/{w.CampaignsByUnit[c!]}",
            new Features.Surveys.SetUpSurveyRequest("矩阵问卷", null, [], 100, 80, 60, 30, 0, Domain.Surveys.SatisfactionDefinition.SatisfiedShare, 3, true, null,
                "2099-01-01T00:00:00+08:00", null, 0))),
        new("POST /api/surveys/campaigns/{campaignId:long}/close", true, false, false, (w, c) =>
            Request(HttpMethod.Post, $"/api/surveys/campaigns/{w.CampaignsByUnit[c!]}/close", new Features.Surveys.CloseSurveyRequest(0))),
        new("POST /api/surveys/campaigns/{campaignId:long}/answers/{responseId:long}/discard", true, false, false, (w, c) =>
            Request(HttpMethod.Post, $"/api/surveys/campaigns/{w.CampaignsByUnit[c!]}/answers/999999999/discard", new Features.Surveys.DiscardAnswerRequest("矩阵"))),
        new("POST /api/surveys/campaigns/{campaignId:long}/invitations", true, false, false, (w, c) =>
            Request(HttpMethod.Post, $"/api/surveys/campaigns/{w.CampaignsByUnit[c!]}/invitations", new Features.Surveys.CreateInvitationsRequest(w.Unit(c!).Id, 1))),
        // The follow-up chain: each unit has an order (with a file of evidence) and a reminder in the matrix world.
        new("GET /api/follow-up/reminders", false, true, false, (_, _) => Request(HttpMethod.Get, "/api/follow-up/reminders")),
        new("GET /api/follow-up/warnings", false, true, false, (_, _) => Request(HttpMethod.Get, "/api/follow-up/warnings")),
        new("GET /api/follow-up/orders", false, true, false, (_, _) => Request(HttpMethod.Get, "/api/follow-up/orders")),
        new("GET /api/follow-up/orders/{id:long}", true, true, false, (w, c) => Request(HttpMethod.Get, $"/api/follow-up/orders/{w.OrdersByUnit[c!]}")),
        new("GET /api/follow-up/orders/{id:long}/evidence/{evidenceId:long}", true, true, false, (w, c) => Request(HttpMethod.Get,
            $"/api/follow-up/orders/{w.OrdersByUnit[c!]}/evidence/{w.OrderEvidenceByUnit[c!]}")),
        // Printed as DOCX, whose text the leak check reads; the matrix world's orders are issued, so only the order itself prints.
        new("GET /api/follow-up/orders/{id:long}/document", true, true, false, (w, c) => Request(HttpMethod.Get,
            $"/api/follow-up/orders/{w.OrdersByUnit[c!]}/document?format=docx&kind=order")),
        new("GET /api/follow-up/reminders/{id:long}/document", true, true, false, (w, c) => Request(HttpMethod.Get,
            $"/api/follow-up/reminders/{w.RemindersByUnit[c!]}/document?format=docx")),
        new("POST /api/follow-up/reminders/{id:long}/acknowledge", true, false, false, (w, c) => Request(HttpMethod.Post,
            $"/api/follow-up/reminders/{w.RemindersByUnit[c!]}/acknowledge", new Features.FollowUp.AcknowledgeReminderRequest("矩阵", 0))),
        new("POST /api/follow-up/orders/{id:long}/evidence", true, false, false, (w, c) => new HttpRequestMessage(HttpMethod.Post,
            $"/api/follow-up/orders/{w.OrdersByUnit[c!]}/evidence?fileName=m.txt") { Content = new ByteArrayContent("整改材料"u8.ToArray()) }),
        new("POST /api/follow-up/orders/{id:long}/reply", true, false, false, (w, c) => Request(HttpMethod.Post,
            $"/api/follow-up/orders/{w.OrdersByUnit[c!]}/reply", new Features.FollowUp.ReplyToOrderRequest("矩阵", 0))),
        new("POST /api/follow-up/reminders", true, false, false, (w, c) => Request(HttpMethod.Post, "/api/follow-up/reminders",
            new Features.FollowUp.IssueReminderRequest([w.Unit(c!).Id], "矩阵", "矩阵", "矩阵", null))),
        new("POST /api/follow-up/instructions", true, false, false, (w, c) => Request(HttpMethod.Post, "/api/follow-up/instructions",
            new Features.FollowUp.LogInstructionRequest("矩阵", "2026-01-01", "矩阵", [w.Unit(c!).Id]))),
        new("POST /api/follow-up/warnings/{id:long}/clear", false, false, false, (_, _) => Request(HttpMethod.Post, "/api/follow-up/warnings/999999999/clear",
            new Features.FollowUp.ClearWarningRequest("矩阵", 0))),
        new("POST /api/follow-up/orders", true, false, false, (w, c) => Request(HttpMethod.Post, "/api/follow-up/orders",
            new Features.FollowUp.IssueOrderRequest(w.Unit(c!).Id, "矩阵", "矩阵", "2099-01-01T00:00:00+08:00", null))),
        new("POST /api/follow-up/orders/{id:long}/verify", true, false, false, (w, c) => Request(HttpMethod.Post,
            $"/api/follow-up/orders/{w.OrdersByUnit[c!]}/verify", new Features.FollowUp.VerifyReplyRequest(false, "矩阵", 0))),
        new("POST /api/follow-up/orders/{id:long}/interview", true, false, false, (w, c) => Request(HttpMethod.Post,
            $"/api/follow-up/orders/{w.OrdersByUnit[c!]}/interview",
            new Features.FollowUp.RecordInterviewRequest("2026-01-01T09:00:00+08:00", "矩阵", "矩阵", "矩阵", "2099-01-01T00:00:00+08:00", 0))),
        new("POST /api/follow-up/orders/{id:long}/referral", true, false, false, (w, c) => Request(HttpMethod.Post,
            $"/api/follow-up/orders/{w.OrdersByUnit[c!]}/referral", new Features.FollowUp.ReferCaseRequest("矩阵", "矩阵", 0))),
        new("GET /api/follow-up/rules", false, true, false, (_, _) => Request(HttpMethod.Get, "/api/follow-up/rules")),
        new("POST /api/follow-up/rules", false, false, false, (_, _) => Request(HttpMethod.Post, "/api/follow-up/rules",
            new Features.FollowUp.SaveRuleRequest("matrix-family", Domain.FollowUp.RuleKind.ScoreBelow, 60, true, null))),
        new("PUT /api/follow-up/rules/{id:long}", false, false, false, (_, _) => Request(HttpMethod.Put, "/api/follow-up/rules/999999999",
            new Features.FollowUp.SaveRuleRequest(null, null, 60, true, 0))),
        new("POST /api/follow-up/rules/run", false, false, false, (_, _) => Request(HttpMethod.Post, "/api/follow-up/rules/run")),

        new("GET /api/auth/antiforgery", false, true, false, (_, _) => Request(HttpMethod.Get, "/api/auth/antiforgery")),
        new("POST /api/auth/logout", false, false, false, (_, _) => Request(HttpMethod.Post, "/api/auth/logout")),
        new("PUT /api/auth/password", false, false, false, (_, _) => Request(HttpMethod.Put, "/api/auth/password",
            new AuthEndpoints.ChangePasswordRequest(TestWorld.Password, "matrix-password-2"))),
    ];

    public static TheoryData<string> RoleUserNames => new(TestWorld.RoleUsers.Select(r => r.UserName));

    [Fact]
    public void Matrix_CoversEveryEndpointThatIsNotAnonymous()
    {
        var keys = EndpointPolicyTests.Endpoints(app.Factory.Services).Select(e => e.Key)
            .Where(k => !EndpointPolicyTests.AnonymousAllowList.Contains(k)).ToHashSet();
        keys.Except(Cases.Select(c => c.Key)).ShouldBeEmpty("endpoints missing from the access matrix");
        Cases.Select(c => c.Key).Except(keys).ShouldBeEmpty("matrix cases for endpoints that no longer exist");
    }

    [Fact]
    public async Task Anonymous_EveryProtectedEndpoint_Returns401AndChangesNothing()
    {
        using var client = app.NewClient();
        var failures = new List<string>();
        var before = await DatabaseStateAsync();
        foreach (var c in Cases)
        {
            using var request = c.Build(app.World, "A-C1");
            var response = await client.SendAsync(request);
            if (response.StatusCode != HttpStatusCode.Unauthorized)
                failures.Add($"{c.Key}: {(int)response.StatusCode}");
        }
        if (await DatabaseStateAsync() is var after && after != before)
            failures.Add($"anonymous calls changed the database: {Difference(before, after)}");
        failures.ShouldBeEmpty(string.Join("\n", failures));
    }

    [Theory]
    [MemberData(nameof(RoleUserNames))]
    public async Task Role_EveryEndpointAndTarget_OnlyAllowedCallsSucceedAndNoForeignDataLeaks(string userName)
    {
        var user = TestWorld.RoleUsers.Single(r => r.UserName == userName);
        var client = await app.SessionAsync(user.UserName);
        var endpoints = EndpointPolicyTests.Endpoints(app.Factory.Services).ToDictionary(e => e.Key, e => e.Endpoint);
        var world = app.World;
        var visible = world.VisibleCodes(user);
        // The caller's home unit is named in their own profile even when their scope lies elsewhere (an external firm).
        var foreign = world.Units.Keys.Where(code => !visible.Contains(code) && code != user.HomeCode)
            .SelectMany(code => new[] { TestWorld.Marker(code), TestWorld.Marker("u-" + code) })
            .Concat(world.Units.Keys.Where(code => !world.SeesCampaign(user, code)).Select(TestWorld.CampaignMarker))
            // Another user's token is the owner's business and, in the audit log, an office-wide reader's.
            .Concat(world.Units.Keys.Where(code => !world.CoversOffice(user, code)).Select(TestWorld.TokenMarker))
            .Append(TestWorld.ForeignOfficeMarker(user)).ToList();
        var failures = new List<string>();
        var tally = new Tally();

        foreach (var c in Cases)
        {
            var permitted = Roles.Grants(user.Role, EndpointPolicyTests.Policy(endpoints[c.Key])!) && (c.AlsoNeeds is null || Roles.Grants(user.Role, c.AlsoNeeds))
                && (!c.OfficeWide || world.CoversOffice(user, user.HomeCode));
            var targets = c.Targeted
                ? new[] { (Target.Own, user.UnitCode), (Target.Sibling, user.SiblingCode), (Target.Parent, user.ParentCode), (Target.Foreign, user.ForeignCode) }
                : new[] { (Target.Own, (string?)null) }.Select(t => (t.Own, t.Item2!)).ToArray();
            foreach (var (target, code) in targets)
            {
                // A campaign's data is reached through the campaign: a reviewer not assigned to it is refused even on its own unit.
                var reachable = !c.Targeted || !IsCampaignBound(c) || world.SeesCampaign(user, code);
                // A unit in scope that is not the caller's own (a court sees the whole city) is open to reading the tree and the
                // campaigns around it, never to the unit's own data: its submission, evidence, appeals, letters and contact.
                var inReach = target == Target.Own || (visible.Contains(code) && !IsUnitsOwnData(c));
                var allowed = permitted && inReach && !(c.Targeted && c.OwnerOnly) && reachable;
                // Allowed changes are the other tests' business; running them here would reshape the world under the next case.
                if (allowed && !c.Reads)
                    continue;
                var before = !allowed && !c.Reads ? await DatabaseStateAsync() : null;
                using var request = c.Build(world, c.Targeted ? code : null);
                var response = await client.SendAsync(request);
                var status = (int)response.StatusCode;
                var label = $"{c.Key} as {user.UserName} on {target} ({code ?? "-"}): {status}";
                if (!allowed)
                {
                    var wrong = false;
                    if (status is < 400 or >= 500)
                    {
                        failures.Add($"{label}, expected a 4xx refusal");
                        wrong = true;
                    }
                    // A refused request changes nothing: every table's row count and the audit chain's head are as they were.
                    if (before is not null && await DatabaseStateAsync() is var after && after != before)
                    {
                        failures.Add($"{label} was refused but changed the database: {Difference(before, after)}");
                        wrong = true;
                    }
                    tally.Add(c.Reads ? "refused reads" : "refused writes (database unchanged)", wrong);
                    continue;
                }
                if (status is < 200 or >= 300)
                {
                    failures.Add($"{label}, expected success");
                    tally.Add("allowed reads (no foreign marker)", wrong: true);
                    continue;
                }
                var body = await ReadBodyAsync(response);
                var leaks = foreign.Where(m => body.Contains(m, StringComparison.Ordinal)).ToList();
                failures.AddRange(leaks.Select(marker => $"{label} leaked {marker}"));
                tally.Add("allowed reads (no foreign marker)", leaks.Count > 0);
            }
        }
        output.WriteLine($"{app.Provider} {user.UserName}: {tally}");
        failures.ShouldBeEmpty($"{tally}\n{string.Join("\n", failures)}");
    }

    /// <summary>Cases aimed at what a unit itself answers within a campaign.</summary>
    private static bool IsUnitsOwnData(Case c) => c.Key.Contains("/campaigns/{campaignId:long}/units/{unitId:long}/", StringComparison.Ordinal)
        // A department's 双公示 is its own reporting: a court whose scope spans the city reads only its own.
        || c.Key.Contains("/api/disclosures/", StringComparison.Ordinal);

    /// <summary>Cases aimed at a campaign or at a unit inside one (results, exports and the dashboard included).</summary>
    private static bool IsCampaignBound(Case c) => c.CampaignBound || c.Key.Contains("/campaigns/", StringComparison.Ordinal);

    /// <summary>Requests tried per category, and how many of them went wrong.</summary>
    private sealed class Tally
    {
        private readonly SortedDictionary<string, (int Tried, int Wrong)> _counts = new(StringComparer.Ordinal);

        public void Add(string category, bool wrong)
        {
            var (tried, failed) = _counts.GetValueOrDefault(category);
            _counts[category] = (tried + 1, failed + (wrong ? 1 : 0));
        }

        public override string ToString() => string.Join("; ", _counts.Select(kv => $"{kv.Key}: {kv.Value.Tried} tried, {kv.Value.Wrong} wrong"));
    }

    /// <summary>
    /// The row count of every table the model maps, and the newest audit hash. Tests of one collection run one at a time,
    /// so nothing else writes between two readings.
    /// </summary>
    private async Task<string> DatabaseStateAsync()
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChengxinDbContext>();
        var tables = db.Model.GetEntityTypes().Select(t => t.GetTableName()).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT " + string.Join(", ", tables.Select(t => $"(SELECT COUNT(*) FROM \"{t}\")"))
            + ", (SELECT \"Hash\" FROM \"AuditEvents\" ORDER BY \"Id\" DESC LIMIT 1)";
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return string.Join("\n", tables.Append("audit head").Select((name, i) => $"{name}={reader.GetValue(i)}"));
    }

    private static string Difference(string before, string after) =>
        string.Join(", ", before.Split('\n').Zip(after.Split('\n')).Where(p => p.First != p.Second).Select(p => $"{p.First} → {p.Second}"));

    private static async Task<string> ReadBodyAsync(HttpResponseMessage response)
    {
        if (response.Content.Headers.ContentType?.MediaType == Xlsx.ContentType)
            return string.Join("\n", Xlsx.Read(await response.Content.ReadAsStreamAsync()).Select(r => string.Join("\t", r)));
        if (response.Content.Headers.ContentType?.MediaType == Features.FollowUp.PrintFollowUpDocument.DocxType)
        {
            using var docx = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(await response.Content.ReadAsStreamAsync(), false);
            return docx.MainDocumentPart!.Document.Body!.InnerText;
        }
        return await response.Content.ReadAsStringAsync();
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AccessMatrixTestsOnSqlite(SqliteApp app, ITestOutputHelper output) : AccessMatrixTests(app, output);

[Collection(PostgresCollection.Name)]
public sealed class AccessMatrixTestsOnPostgres(PostgresApp app, ITestOutputHelper output) : AccessMatrixTests(app, output);
