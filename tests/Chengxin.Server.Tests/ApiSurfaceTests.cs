using System.Net;
using System.Text.Json;
using Chengxin.Server.Features.Auth;
using Chengxin.Server.Tests.Infrastructure;

namespace Chengxin.Server.Tests;

public abstract class ApiSurfaceTests(AppFixture app)
{
    [Fact]
    public async Task Health_WhenReady_Returns200()
    {
        using var client = app.NewClient();
        var response = await client.GetAsync("/health");
        var body = await response.ReadAsync<JsonElement>();
        body.GetProperty("status").GetString().ShouldBe("ok");
    }

    [Fact]
    public async Task OpenApi_DescribesEveryApiRoute()
    {
        using var client = app.NewClient();
        var document = await (await client.GetAsync("/openapi/v1.json")).ReadAsync<JsonElement>();

        document.GetProperty("openapi").GetString()!.ShouldStartWith("3.");
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        paths.ShouldContain("/api/units/{id}");
        paths.ShouldContain("/api/users/import");
        paths.ShouldContain("/api/audit/verify");
        var operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject()).Where(o => o.Value.ValueKind == JsonValueKind.Object).ToList();
        operations.Where(o => !o.Value.TryGetProperty("operationId", out var id) || string.IsNullOrEmpty(id.GetString()))
            .Select(o => o.Name).ShouldBeEmpty();
        // The web app's types are generated from these schemas, so responses must be described, errors included.
        var schemas = document.GetProperty("components").GetProperty("schemas");
        schemas.TryGetProperty("UnitResponse", out _).ShouldBeTrue();
        schemas.TryGetProperty("ProblemDetails", out _).ShouldBeTrue();
        var getUnit = document.GetProperty("paths").GetProperty("/api/units/{id}").GetProperty("get").GetProperty("responses");
        getUnit.GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString()
            .ShouldBe("#/components/schemas/UnitResponse");
        getUnit.GetProperty("404").GetProperty("content").TryGetProperty("application/problem+json", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task UnknownRoute_SignedIn_Returns404Problem()
    {
        var client = await app.SessionAsync("a-admin");
        var problem = await (await client.GetAsync("/api/no-such-thing")).ProblemAsync(HttpStatusCode.NotFound);
        problem.GetProperty("title").GetString().ShouldBe("未找到");
    }

    [Fact]
    public async Task MalformedJson_Returns400Problem()
    {
        var client = await app.SessionAsync("a-admin");
        var content = new StringContent("{ not json", System.Text.Encoding.UTF8, "application/json");
        var problem = await (await client.PostAsync("/api/units", content)).ProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("title").GetString().ShouldBe("请求无效");
    }

    [Fact]
    public async Task ForbiddenEndpoint_Returns403Problem()
    {
        var client = await app.SessionAsync("a-leader");
        var problem = await (await client.GetAsync("/api/users")).ProblemAsync(HttpStatusCode.Forbidden);
        problem.GetProperty("title").GetString().ShouldBe("无权访问");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ApiSurfaceTestsOnSqlite(SqliteApp app) : ApiSurfaceTests(app);

[Collection(PostgresCollection.Name)]
public sealed class ApiSurfaceTestsOnPostgres(PostgresApp app) : ApiSurfaceTests(app);

/// <summary>A separate instance with a tight sign-in limit, so the other tests' sign-ins do not count against it.</summary>
public sealed class RateLimitedApp : AppFixture
{
    public override string Provider => "SQLite";

    protected override int LoginPerMinute => 3;

    protected override Task<string?> CreateDatabaseAsync() => Task.FromResult<string?>(null);
}

public sealed class RateLimitTests(RateLimitedApp app) : IClassFixture<RateLimitedApp>
{
    [Fact]
    public async Task Login_OverTheLimit_Returns429WithRetryAfter_BeforeLockoutCanBite()
    {
        using var client = app.NewClient();
        for (var i = 0; i < 3; i++)
        {
            var attempt = await client.PostJsonAsync("/api/auth/login", new AuthEndpoints.LoginRequest("a-liaison", "wrong-password-1"));
            attempt.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        var limited = await client.PostJsonAsync("/api/auth/login", new AuthEndpoints.LoginRequest("a-liaison", TestWorld.Password));

        var problem = await limited.ProblemAsync(HttpStatusCode.TooManyRequests);
        problem.GetProperty("detail").GetString().ShouldBe("请求过于频繁，请稍后再试。");
        int.Parse(limited.Headers.GetValues("Retry-After").Single()).ShouldBeInRange(1, 60);
    }
}
