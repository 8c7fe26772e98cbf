using System.Net;
using Chengxin.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Chengxin.Server.Features.Submissions;
using Chengxin.Server.Infrastructure;
using Chengxin.Server.Tests.Infrastructure;
using Chengxin.Server.Tests.Walkthroughs;

namespace Chengxin.Server.Tests.Scale;

/// <summary>
/// A liaison's save, a fifth of a deadline day's requests with submit and withdraw (issue 19, B5): every audited save passes the
/// data layer's bookkeeping, which must cost nothing when it has nothing to do.
/// </summary>
public abstract class SubmissionWriteTests(AppFixture app)
{
    [Fact]
    public async Task SaveItem_NoUnitAdded_ReadsNoParentPaths()
    {
        var walk = await Walk.StartAsync(app, "huaian-quarterly-2022");
        await using var _ = walk;
        var town = await walk.UnitAsync("写入镇", "Town", "乡镇");
        await walk.OpenAsync("2022年第一季度", "2022Q1", [town], walk.Now.AddDays(5), [walk.ReviewerId], new() { ["乡镇"] = "town" });
        var item = (await walk.ExplainOneAsync(town, "第一次说明")).Items.First(i => i.Explanation != null).ItemId;

        using var recorded = new ExecutedStatements();
        var saved = await town.Liaison.PutJsonAsync($"{walk.SubmissionUrl(town.Id)}/items/{item}", new SaveItemRequest(null, "第二次说明"));

        saved.StatusCode.ShouldBe(HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
        (await saved.ReadAsync<SubmissionResponse>()).Items.Single(i => i.ItemId == item).Explanation.ShouldBe("第二次说明");
        // A new unit's path is set from its parent's, read after the save; a save that adds no unit reads no unit rows for it.
        var liaisonOfTown = recorded.Of(s => s.RoleWhenRun == Roles.Liaison && s.UnitIdWhenRun == town.Id);
        liaisonOfTown.ShouldNotContain(s => s.TrimStart().StartsWith("SELECT \"u\".\"Id\", \"u\".\"Class\"", StringComparison.Ordinal),
            string.Join("\n\n", liaisonOfTown));
    }

    /// <summary>
    /// The statements of a deadline day's writes, counted exactly (issue 19, B5, s28): a second save of an item, a submit and a withdraw,
    /// each with its answer. A save: the report's context, holding the campaign open, the item's row with its entered facts (one
    /// statement), the write, the audit chain's head (after PostgreSQL's advisory lock) and its events, the stale mark, the review
    /// queue's mark, the report version, and the answered report's three reads. The facts' campaign and unit come from the submission the
    /// save holds, not from a read.
    /// </summary>
    [Fact]
    public async Task SaveSubmitWithdraw_RunTheStatementsCounted()
    {
        var (walk, town, _, item) = await DeadlineDayAsync("语句计数");
        await using var _ = walk;
        var url = walk.SubmissionUrl(town.Id);
        var provider = await ProviderNameAsync();
        var postgres = provider.Contains("Npgsql", StringComparison.Ordinal);

        List<string> Run(ExecutedStatements recorded) =>
            recorded.Of(s => s.Provider == provider && s.RoleWhenRun == Roles.Liaison && s.UnitIdWhenRun == town.Id);
        List<string> save, submit, withdraw;
        var marks = new List<long> { await StaleMarkAsync(walk.CampaignId, town.Id) };
        using (var recorded = new ExecutedStatements())
        {
            var saved = await town.Liaison.PutJsonAsync($"{url}/items/{item}", new SaveItemRequest(Walk.Json([("villages", 5)]), "第二次"));
            saved.StatusCode.ShouldBe(HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
            save = Run(recorded);
        }
        marks.Add(await StaleMarkAsync(walk.CampaignId, town.Id));
        using (var recorded = new ExecutedStatements())
        {
            var submitted = await town.Liaison.PostAsync($"{url}/submit", null);
            submitted.StatusCode.ShouldBe(HttpStatusCode.OK, await submitted.Content.ReadAsStringAsync());
            submit = Run(recorded);
        }
        marks.Add(await StaleMarkAsync(walk.CampaignId, town.Id));
        using (var recorded = new ExecutedStatements())
        {
            var withdrawn = await town.Liaison.PostAsync($"{url}/withdraw", null);
            withdrawn.StatusCode.ShouldBe(HttpStatusCode.OK, await withdrawn.Content.ReadAsStringAsync());
            withdraw = Run(recorded);
        }
        marks.Add(await StaleMarkAsync(walk.CampaignId, town.Id));

        // SQLite's provider sends each row's write as a statement of its own (the update of a fact and of its item, an audit event each,
        // a notice to each of the office's accounts, whose number depends on the tests run before); PostgreSQL's batches them in one command.
        static int Counted(List<string> statements) =>
            statements.Count(s => !s.TrimStart().StartsWith("INSERT INTO \"Notifications\"", StringComparison.Ordinal));
        new[] { Counted(save), Counted(submit), Counted(withdraw) }.ShouldBe(postgres ? [13, 18, 13] : [14, 20, 14],
            string.Join("\n\n=====\n\n", new[] { save, submit, withdraw }.Select(list => string.Join("\n\n", list))));
        // No read of the submission for the stale mark: the save holds it.
        save.ShouldNotContain(s => s.Replace("\"s\"", "s", StringComparison.Ordinal).TrimStart()
            .StartsWith("SELECT s.\"CampaignId\", s.\"UnitId\"", StringComparison.Ordinal), string.Join("\n\n", save));
        // One unit's stale mark is the same text for every unit (parameters, not inlined ids), so PostgreSQL plans it once per connection.
        save.Single(s => s.TrimStart().StartsWith("INSERT INTO \"UnitResults\"", StringComparison.Ordinal)).ShouldContain("\"UnitId\" = @");
        (await (await town.Liaison.GetAsync(url)).ReadAsync<SubmissionResponse>()).Items.Single(i => i.ItemId == item).Explanation.ShouldBe("第二次");
        // Every counted write moved the unit's stale mark by one, in its own transaction.
        marks.ShouldBe([marks[0], marks[0] + 1, marks[0] + 2, marks[0] + 3]);
    }

    /// <summary>
    /// One database connection for the whole of an API request (issue 19, B5, s31, ADR 0014): left to itself EF Core opened and
    /// closed the connection around each statement, and on PostgreSQL every opening sent Npgsql's session reset before the statement.
    /// Each request of a liaison's deadline day, and one refused, takes the connection once and gives it back.
    /// </summary>
    [Fact]
    public async Task LiaisonRequests_OfManyStatements_TakeTheConnectionOnceAndGiveItBack()
    {
        var (walk, town, other, item) = await DeadlineDayAsync("连接计数");
        await using var _ = walk;
        var url = walk.SubmissionUrl(town.Id);
        var provider = await ProviderNameAsync();

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

    /// <summary>
    /// A town (and a neighbour) in an open campaign of the relative-scores example, the town's liaison having saved one item once: the
    /// first save makes the submission and the item's row, so what follows is the deadline day's, a unit's later writes.
    /// </summary>
    private async Task<(Walk Walk, Member Town, Member Other, string Item)> DeadlineDayAsync(string campaign)
    {
        var walk = await Walk.StartAsync(app, "example-relative-scores-and-quotas");
        var town = await walk.UnitAsync("计数镇", "Town", "乡镇");
        var other = await walk.UnitAsync("邻镇", "Town", "乡镇");
        await walk.OpenAsync(campaign, "2026", [town, other], walk.Now.AddDays(3), [walk.ReviewerId], new() { ["乡镇"] = "town" });
        var item = walk.Scheme.Items.First(i => i.Facts.Any(f => f.Key == "villages")).Id;
        (await town.Liaison.PutJsonAsync($"{walk.SubmissionUrl(town.Id)}/items/{item}", new SaveItemRequest(Walk.Json([("villages", 3)]), "第一次")))
            .EnsureSuccessStatusCode();
        return (walk, town, other, item);
    }

    private async Task<long> StaleMarkAsync(long campaignId, long unitId)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChengxinDbContext>();
        return await db.UnitResults.Where(r => r.CampaignId == campaignId && r.UnitId == unitId).Select(r => r.StaleMark).SingleAsync();
    }

    private async Task<string> ProviderNameAsync()
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        return scope.ServiceProvider.GetRequiredService<ChengxinDbContext>().Database.ProviderName!;
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SubmissionWriteTestsOnSqlite(SqliteApp app) : SubmissionWriteTests(app);

[Collection(PostgresCollection.Name)]
public sealed class SubmissionWriteTestsOnPostgres(PostgresApp app) : SubmissionWriteTests(app);
