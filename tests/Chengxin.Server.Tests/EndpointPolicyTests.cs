using Chengxin.Server.Infrastructure;
using Chengxin.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Chengxin.Server.Tests;

/// <summary>Every endpoint says who may call it: a permission policy, or anonymous from a short, reviewed list.</summary>
[Collection(SqliteCollection.Name)]
public sealed class EndpointPolicyTests(SqliteApp app)
{
    /// <summary>The only endpoints anyone may call without signing in.</summary>
    public static readonly IReadOnlySet<string> AnonymousAllowList = new HashSet<string>
    {
        "GET /health",
        "GET /openapi/{documentName}.json",
        "POST /api/auth/login",
        // Published results are public by law and by design: only snapshots frozen by a two-admin publication, 404 before.
        "GET /api/public/campaigns/{id:long}/results",
        // The list of published campaigns and the download of the same public view: nothing that is not on the page above.
        "GET /api/public/campaigns",
        "GET /api/public/campaigns/{id:long}/results/download",
        // The bulletin of the same published snapshot as PDF: ranks, grades and lists only, nothing the public view does not show.
        "GET /api/public/campaigns/{id:long}/bulletin",
        // The satisfaction survey's public pages: a unit's questionnaire by its unguessable link or an invitation code, its QR code
        // and poster. Anonymous by design (the public answers without an account); rate-limited, one sheet per device and invitation.
        "GET /s/{token}",
        "POST /s/{token}",
        "GET /s/i/{code}",
        "POST /s/i/{code}",
        "GET /s/{token}/qr.png",
        "GET /s/{token}/poster",
    };

    public static IReadOnlyList<(string Key, Endpoint Endpoint)> Endpoints(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["ANY"])
                .Select(m => ($"{m} {e.RoutePattern.RawText}", (Endpoint)e)))
            .ToList();

    public static string? Policy(Endpoint endpoint) =>
        endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).LastOrDefault(p => !string.IsNullOrEmpty(p));

    [Fact]
    public void EveryEndpoint_DeclaresAPermissionPolicyOrIsAllowListedAnonymous()
    {
        var endpoints = Endpoints(app.Factory.Services);
        endpoints.Count.ShouldBeGreaterThan(20);
        var problems = new List<string>();
        foreach (var (key, endpoint) in endpoints)
        {
            if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            {
                if (!AnonymousAllowList.Contains(key))
                    problems.Add($"{key} is anonymous but not on the allow-list");
                continue;
            }
            var policy = Policy(endpoint);
            if (policy is null)
                problems.Add($"{key} declares no authorization policy");
            else if (!Roles.AllPermissions.Contains(policy))
                problems.Add($"{key} uses '{policy}', which is not a permission any role is granted or denied");
        }
        problems.ShouldBeEmpty(string.Join("\n", problems));
    }

    [Fact]
    public void AllowList_NamesOnlyEndpointsThatExist()
    {
        var keys = Endpoints(app.Factory.Services).Select(e => e.Key).ToHashSet();
        AnonymousAllowList.ShouldAllBe(k => keys.Contains(k));
    }
}
