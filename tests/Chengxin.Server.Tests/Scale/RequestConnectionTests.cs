using System.Net;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Submissions;
using Chengxin.Server.Infrastructure;
using Chengxin.Server.Tests.Infrastructure;
using Chengxin.Server.Tests.Walkthroughs;
using Microsoft.Extensions.DependencyInjection;

namespace Chengxin.Server.Tests.Scale;

/// <summary>
/// One database connection for the whole of an API request (issue 19, B5, s31): left to itself EF Core opened and closed the
/// connection around each statement, and on PostgreSQL every opening sent Npgsql's session reset before the statement. Each
/// request of a liaison's deadline day, and one refused, takes the connection once and gives it back.
/// </summary>
public abstract class RequestConnectionTests(AppFixture app)
{
    [Fact]
    public async Task LiaisonRequests_OfManyStatements_TakeTheConnectionOnceAndGiveItBack()
    {
        var walk = await Walk.StartAsync(app, "example-relative-scores-and-quotas");
        await using var _ = walk;
        var town = await walk.UnitAsync("连接镇", "Town", "乡镇");
        var other = await walk.UnitAsync("邻镇", "Town", "乡镇");
        await walk.OpenAsync("连接计数", "2026", [town, other], walk.Now.AddDays(3), [walk.ReviewerId], new() { ["乡镇"] = "town" });
        var item = walk.Scheme.Items.First(i => i.Facts.Any(f => f.Key == "villages")).Id;
        var url = walk.SubmissionUrl(town.Id);
        (await town.Liaison.PutJsonAsync($"{url}/items/{item}", new SaveItemRequest(Walk.Json([("villages", 3)]), "第一次"))).EnsureSuccessStatusCode();
        string provider;
        await using (var scope = app.Factory.Services.CreateAsyncScope())
            provider = scope.ServiceProvider.GetRequiredService<ChengxinDbContext>().Database.ProviderName!;

        var requests = new (string Name, HttpStatusCode Expected, Func<Task<HttpResponseMessage>> Send)[]
        {
            ("保存", HttpStatusCode.OK, () => town.Liaison.PutJsonAsync($"{url}/items/{item}", new SaveItemRequest(Walk.Json([("villages", 4)]), "第二次"))),
            ("提交", HttpStatusCode.OK, () => town.Liaison.PostAsync($"{url}/submit", null)),
            ("本单位报送", HttpStatusCode.OK, () => town.Liaison.GetAsync(url)),
            ("撤回", HttpStatusCode.OK, () => town.Liaison.PostAsync($"{url}/withdraw", null)),
            ("我是谁", HttpStatusCode.OK, () => town.Liaison.GetAsync("/api/auth/me")),
            // Another unit's report is not the liaison's: refused after the caller and its scope were read.
            ("邻镇的报送", HttpStatusCode.NotFound, () => town.Liaison.PutJsonAsync($"{walk.SubmissionUrl(other.Id)}/items/{item}",
                new SaveItemRequest(Walk.Json([("villages", 9)]), "越权"))),
        };
        foreach (var (name, expected, send) in requests)
        {
            using var recorded = new ExecutedStatements();
            var response = await send();
            // Read to its end: the test server ends the body when the request's pipeline has returned, the connection given back.
            var body = await response.Content.ReadAsStringAsync();

            response.StatusCode.ShouldBe(expected, $"{name}: {body}");
            bool Liaison(AccessScope s) => s.Role == Roles.Liaison && s.UnitId == town.Id;
            recorded.Of(s => s.Provider == provider && Liaison(s.Scope)).Count.ShouldBeGreaterThan(1, name);
            recorded.ConnectionsOf(provider, Liaison).ShouldBe((1, 1), name);
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class RequestConnectionTestsOnSqlite(SqliteApp app) : RequestConnectionTests(app);

[Collection(PostgresCollection.Name)]
public sealed class RequestConnectionTestsOnPostgres(PostgresApp app) : RequestConnectionTests(app);
