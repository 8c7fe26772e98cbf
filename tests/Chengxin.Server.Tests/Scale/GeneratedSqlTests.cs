using System.Net;
using System.Text.RegularExpressions;
using Chengxin.Server.Features.Submissions;
using Chengxin.Server.Infrastructure;
using Chengxin.Server.Tests.Infrastructure;
using Chengxin.Server.Tests.Walkthroughs;

namespace Chengxin.Server.Tests.Scale;

/// <summary>
/// The deadline day's requests (issue 19, B5) read through statements whose SQL EF Core generates once and keeps: a statement
/// whose text is generated again on every run (a value written into it, as EF.Constant did to every unit-scope filter until
/// s29) costs the server CPU on every request. EF Core hands a kept text to each run as the same string, so a query's text in a
/// second identical request that is not the same instance as in the first was generated again.
/// </summary>
public abstract class GeneratedSqlTests(AppFixture app)
{
    [Fact]
    public async Task LiaisonRequests_RunTwice_ReadThroughSqlGeneratedOnce()
    {
        var (walk, town) = await OpenAsync("生成镇");
        await using var _ = walk;
        var url = walk.SubmissionUrl(town.Id);
        var etag = (await town.Liaison.GetAsync(url)).Headers.ETag.ShouldNotBeNull().ToString();

        // Each request as the deadline day sends it: the own report revalidated (304) and in full, who am I, a save of an item.
        var requests = new (string Name, Func<Task<HttpResponseMessage>> Send)[]
        {
            ("own report, 304", () => town.Liaison.SendAsync(new HttpRequestMessage(HttpMethod.Get, url) { Headers = { { "If-None-Match", etag } } })),
            ("own report", () => town.Liaison.GetAsync(url)),
            ("who am I", () => town.Liaison.GetAsync("/api/auth/me")),
            ("save", () => town.Liaison.PutJsonAsync($"{url}/items/{walk.Scheme.Items.First(i => i.Facts.Any(f => f.Key == "liaison_assigned")).Id}", new SaveItemRequest(null, "说明"))),
        };
        var regenerated = await RegeneratedAsync(requests, s => s.Scope.Role == Roles.Liaison && s.Scope.UnitId == town.Id);

        regenerated.ShouldBeEmpty(string.Join("\n\n", regenerated));
    }

    /// <summary>
    /// The office's reads, on PostgreSQL, whose provider sends a list as one array parameter. On SQLite EF Core 10 writes a list as
    /// a parameter per element and generates that SQL on every run; the liaison's path there measured no CPU difference without it
    /// (bench/README, B5 s29), so SQLite keeps the default its planner estimates best.
    /// </summary>
    protected async Task OfficeReads_RunTwice_ReadThroughSqlGeneratedOnceAsync()
    {
        var (walk, town) = await OpenAsync("生成办镇");
        await using var _ = walk;
        (await town.Liaison.PostAsync($"{walk.SubmissionUrl(town.Id)}/submit", null)).EnsureSuccessStatusCode();
        var campaign = $"/api/campaigns/{walk.CampaignId}";

        // What the office opens on a deadline day (B5's office reads and the pages beside them), as the office's admin.
        var requests = new[] { "/api/campaigns", $"{campaign}/progress", $"{campaign}/reports", $"{campaign}/results", $"{campaign}/results/ranking",
                $"/api/dashboard/campaigns/{walk.CampaignId}", "/api/workspace/tasks" }
            .Select(url => (url, (Func<Task<HttpResponseMessage>>)(() => walk.Admin.GetAsync(url)))).ToArray();
        var admin = await UserOfAsync(walk.Admin);
        var regenerated = await RegeneratedAsync(requests, s => s.Scope.UserId == admin);

        regenerated.ShouldBeEmpty(string.Join("\n\n", regenerated));
    }

    /// <summary>A town of its own in a campaign of its own on seed 004, collecting, its first item answered.</summary>
    private async Task<(Walk Walk, Member Town)> OpenAsync(string townName)
    {
        var walk = await Walk.StartAsync(app, TestWorld.SchemeId);
        var town = await walk.UnitAsync(townName, "Town", "乡镇");
        await walk.OpenAsync($"语句缓存{townName}", "2022Q1", [town], walk.Now.AddDays(5), [walk.ReviewerId]);
        await walk.SaveAsync(town, [("liaison_assigned", true)]);
        return (walk, town);
    }

    private static async Task<Guid> UserOfAsync(HttpClient client) =>
        (await (await client.GetAsync("/api/auth/me")).ReadAsync<Chengxin.Server.Features.Auth.AuthEndpoints.MeResponse>()).Id;

    /// <summary>
    /// Each request sent three times; a query whose text in the third run is not the string of the second was generated again
    /// (the first run may have compiled). A statement one run has and the other not (the session's periodic check) is compared
    /// with nothing.
    /// </summary>
    private static async Task<List<string>> RegeneratedAsync((string Name, Func<Task<HttpResponseMessage>> Send)[] requests,
        Func<ExecutedStatements.Statement, bool> whose)
    {
        var regenerated = new List<string>();
        foreach (var (name, send) in requests)
        {
            var runs = new List<List<string>>();
            for (var run = 0; run < 3; run++)
            {
                using var recorded = new ExecutedStatements();
                using var response = await send();
                ((int)response.StatusCode).ShouldBeLessThan(400, $"{name}: {await response.Content.ReadAsStringAsync()}");
                runs.Add(recorded.Of(whose));
            }
            var (second, third) = (runs[1], runs[2]);
            foreach (var text in third.Where(IsQuery))
                if (second.FirstOrDefault(t => t == text) is { } earlier && !ReferenceEquals(earlier, text))
                    regenerated.Add($"{name}:\n{text}");
            third.Count(IsQuery).ShouldBeGreaterThan(0, name);
        }
        return regenerated;
    }

    // A query EF Core generated from LINQ: every table it reads has an alias (FROM "Units" AS "u", or AS u on PostgreSQL). Raw SQL
    // (the audit chain's advisory lock, the campaign held open FOR SHARE) is ours, formatted per run by design; SaveChanges' writes
    // are generated per run by EF Core itself. Neither is counted.
    private static bool IsQuery(string text) =>
        text.TrimStart().StartsWith("SELECT", StringComparison.Ordinal) && Regex.IsMatch(text, "FROM \"[A-Za-z]+\" AS ");
}

[Collection(SqliteCollection.Name)]
public sealed class GeneratedSqlTestsOnSqlite(SqliteApp app) : GeneratedSqlTests(app);

[Collection(PostgresCollection.Name)]
public sealed class GeneratedSqlTestsOnPostgres(PostgresApp app) : GeneratedSqlTests(app)
{
    [Fact]
    public Task OfficeReads_RunTwice_ReadThroughSqlGeneratedOnce() => OfficeReads_RunTwice_ReadThroughSqlGeneratedOnceAsync();
}
