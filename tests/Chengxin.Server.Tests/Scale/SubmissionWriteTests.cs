using System.Net;
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
}

[Collection(SqliteCollection.Name)]
public sealed class SubmissionWriteTestsOnSqlite(SqliteApp app) : SubmissionWriteTests(app);

[Collection(PostgresCollection.Name)]
public sealed class SubmissionWriteTestsOnPostgres(PostgresApp app) : SubmissionWriteTests(app);
