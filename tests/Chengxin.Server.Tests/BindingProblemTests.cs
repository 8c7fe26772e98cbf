using System.Net;
using System.Net.Http.Json;
using System.Text;
using Chengxin.Server.Infrastructure;
using Chengxin.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Chengxin.Server.Tests;

/// <summary>
/// A query or route value the endpoint cannot bind (<c>?limit=abc</c>) is answered with a Chinese 400 that names the value by its
/// label, never by its key, on every endpoint: the endpoints and their parameters are read from the app's own endpoint data source,
/// so a new endpoint is checked without being listed here.
/// </summary>
public abstract class BindingProblemTests(AppFixture app)
{
    /// <summary>Every endpoint's query and route parameters that parse to a number, flag, date or enum, with the endpoint's route.</summary>
    private IEnumerable<(string Key, RouteEndpoint Endpoint, BindingProblems.Parameter Parameter)> ParsedParameters() =>
        EndpointPolicyTests.Endpoints(app.Factory.Services)
            .SelectMany(e => BindingProblems.ParsedParameters(e.Endpoint).Select(p => (e.Key, (RouteEndpoint)e.Endpoint, p)));

    [Fact]
    public void EveryParsedQueryAndRouteParameter_HasAChineseLabel()
    {
        var all = ParsedParameters().ToList();
        all.Count.ShouldBeGreaterThan(20);
        // A route segment with a type constraint ({id:long}) is not among them: a value it refuses matches no route at all (404).
        all.ShouldNotContain(p => p.Parameter.FromRoute && p.Endpoint.RoutePattern.GetParameter(p.Parameter.Key)!.ParameterPolicies.Count > 0);
        var unlabelled = all.Where(p => !BindingProblems.Labels.ContainsKey(p.Parameter.Key))
            .Select(p => $"{p.Key}: {p.Parameter.Key} ({p.Parameter.Type.Name})").ToList();
        unlabelled.ShouldBeEmpty("Add these parameters to BindingProblems.Labels:\n" + string.Join("\n", unlabelled));
        BindingProblems.Labels.Values.ShouldAllBe(label => label.All(c => c > 127 || char.IsWhiteSpace(c)));
    }

    [Fact]
    public void Labels_NameOnlyParametersThatExist()
    {
        var keys = ParsedParameters().Select(p => p.Parameter.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        BindingProblems.Labels.Keys.Where(k => !keys.Contains(k)).ShouldBeEmpty();
    }

    [Fact]
    public async Task EveryEndpoint_MalformedQueryOrRouteValue_AnswersAChineseProblemNamingIt()
    {
        var failures = new List<string>();
        var checkedCount = 0;
        foreach (var (key, endpoint, parameter) in ParsedParameters())
        {
            var method = key[..key.IndexOf(' ', StringComparison.Ordinal)];
            var client = await CallerOf(endpoint);
            var url = UrlOf(endpoint, parameter);
            using var request = new HttpRequestMessage(new HttpMethod(method), url);
            // A body of the kind the endpoint takes, so that the query value is the only thing wrong (an upload takes its file's type).
            if (method is "POST" or "PUT" or "PATCH")
                request.Content = new StringContent("{}", Encoding.UTF8,
                    endpoint.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes.FirstOrDefault() ?? "application/json");
            using var response = await client.SendAsync(request);
            checkedCount++;
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.BadRequest)
            {
                failures.Add($"{key} ?{parameter.Key}=坏: {(int)response.StatusCode} {body}");
                continue;
            }
            var problem = System.Text.Json.JsonSerializer.Deserialize<ProblemDetails>(body, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))!;
            var expected = BindingProblems.MessageFor(BindingProblems.Labels.GetValueOrDefault(parameter.Key, "?"), parameter.Type);
            if (problem.Detail != expected || problem.Title != "请求数据有误" || body.Contains(parameter.Key, StringComparison.OrdinalIgnoreCase))
                failures.Add($"{key} ?{parameter.Key}=坏: {body}");
        }
        checkedCount.ShouldBeGreaterThan(20);
        failures.ShouldBeEmpty(string.Join("\n", failures));
    }

    [Fact]
    public async Task ReviewQueue_LimitNotANumber_SaysThePageSizeMustBeAWholeNumber()
    {
        var reviewer = await app.SessionAsync("a-reviewer");
        var response = await reviewer.GetAsync("/api/workspace/review-queue?limit=abc");
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>();
        problem!.Detail.ShouldBe("每页条数须为整数。");
    }

    [Fact]
    public async Task CreateUnit_MalformedJsonBody_StillAnswersAProblemWithoutStackText()
    {
        // No query or route value is at fault: the body is, and the answer stays the general one.
        var admin = await app.SessionAsync("a-admin");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/units") { Content = new StringContent("{不是 JSON", Encoding.UTF8, "application/json") };
        var response = await admin.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldNotContain("Exception");
    }

    private HttpClient? _officeWideAdmin;

    /// <summary>
    /// A signed-in user of office A whose role holds the endpoint's permission, or no one for an anonymous endpoint. An admin's
    /// endpoints are called by an admin of the whole office: some (the notification channels) refuse a county's admin before binding.
    /// </summary>
    private async Task<HttpClient> CallerOf(Endpoint endpoint)
    {
        var policy = EndpointPolicyTests.Policy(endpoint);
        if (policy is null)
            return app.NewClient();
        if (Roles.Grants(Roles.OfficeAdmin, policy))
            return _officeWideAdmin ??= (await Notifications.OfficeWideAdmin.NewAsync(app)).Client;
        var user = TestWorld.RoleUsers.FirstOrDefault(u => Roles.Grants(u.Role, policy))
            ?? throw new InvalidOperationException($"No role of the test world holds {policy}");
        return await app.SessionAsync(user.UserName);
    }

    /// <summary>The endpoint's address with a well-formed value in every parameter but the one under test, which gets "坏".</summary>
    private static string UrlOf(RouteEndpoint endpoint, BindingProblems.Parameter bad)
    {
        var path = new StringBuilder();
        foreach (var segment in endpoint.RoutePattern.PathSegments)
        {
            path.Append('/');
            foreach (var part in segment.Parts)
                path.Append(part switch
                {
                    RoutePatternLiteralPart literal => literal.Content,
                    RoutePatternSeparatorPart separator => separator.Content,
                    RoutePatternParameterPart p when bad.FromRoute && string.Equals(p.Name, bad.Key, StringComparison.OrdinalIgnoreCase) => "坏",
                    RoutePatternParameterPart => "1",
                    _ => "",
                });
        }
        var query = BindingProblems.ParsedParameters(endpoint).Where(p => !p.FromRoute)
            .Select(p => p == bad ? $"{p.Key}=坏" : p.Required ? $"{p.Key}={WellFormed(p.Type)}" : null)
            .Where(q => q is not null);
        return $"{path}?{string.Join('&', query)}";
    }

    private static string WellFormed(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsEnum ? Enum.GetNames(type)[0]
            : type == typeof(bool) ? "true"
            : type == typeof(DateOnly) ? "2026-03-02"
            : type == typeof(DateTimeOffset) || type == typeof(DateTime) ? "2026-03-02T01:00:00Z"
            : "1";
    }
}

[Collection(SqliteCollection.Name)]
public sealed class BindingProblemTestsOnSqlite(SqliteApp app) : BindingProblemTests(app);

[Collection(PostgresCollection.Name)]
public sealed class BindingProblemTestsOnPostgres(PostgresApp app) : BindingProblemTests(app);
