using System.Net;
using System.Security.Cryptography;
using System.Text;
using Chengxin.Domain.Scoring;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Results;
using Chengxin.Server.Tests.Infrastructure;
using Chengxin.Server.Tests.Walkthroughs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Chengxin.Server.Tests;

/// <summary>
/// Issue 12 F9: the anonymous results hold only what the office publishes. The attack read every unit's item detail,
/// self-score, lateness and the reviewers' and spot checkers' free text (a phone number) from the public endpoint.
/// </summary>
public abstract class PublicResultsTests(AppFixture app)
{
    private static readonly (string Key, object Value)[] Facts =
    [
        ("measures", Walk.Rows("name", "措施", "done", 4, 0)), ("spot_unfinished", 0),
        ("info_reports", new List<Dictionary<string, object>>()),
        ("added_tasks", Walk.Rows("name", "新增任务", "approved", 1)), ("raised_targets", Walk.Rows("name", "调高指标", "approved", 0)),
        ("local_firsts", Walk.Rows("name", "首创举措", "approved", 0)),
    ];

    private async Task<(Walk Walk, CampaignResultView Snapshot)> PublishedAsync()
    {
        var walk = await Walk.StartAsync(app, "heihe-taskforce-monthly-2022");
        var late = await walk.UnitAsync("迟报专班", "County", "县区政府", walk.City);
        var other = await walk.UnitAsync("另一专班", "County", "县区政府", walk.City);
        await walk.OpenAsync("公开结果", "2022-10", [late, other], walk.Now.AddHours(1), [walk.ReviewerId], new() { ["县区政府"] = "county" });
        await walk.SaveAsync(other, Facts);
        await walk.SubmitAsync(other);
        walk.Advance(TimeSpan.FromHours(2));
        await walk.SaveAsync(late, Walk.With(Facts, ("added_tasks", Walk.Rows("name", "新增任务", "approved", 3))));
        await walk.SubmitAsync(late);
        await walk.StartReviewAsync();
        return (walk, await walk.PublishAsync());
    }

    [Fact]
    public async Task PublicResults_Published_HoldNoSelfScoresLatenessOrExplanations()
    {
        var (walk, snapshot) = await PublishedAsync();
        await using var _ = walk;
        snapshot.Units.ShouldContain(u => u.IsLate && u.SelfTotal > 0 && u.Explanation.Length > 0 && u.Items.Count > 0);

        using var anonymous = app.NewClient();
        var response = await anonymous.GetAsync($"/api/public/campaigns/{walk.CampaignId}/results");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await response.Content.ReadAsStringAsync();
        foreach (var hidden in new[] { "selfTotal", "selfScore", "isLate", "explanation", "items\":[" })
            body.ShouldNotContain(hidden, Case.Insensitive);
        foreach (var explanation in snapshot.Units.Select(u => u.Explanation).Concat(snapshot.Units.SelectMany(u => u.Items).Select(i => i.Explanation)).Where(e => e.Length > 4))
            body.ShouldNotContain(explanation);
        response.Headers.GetValues("X-Result-Sha256").Single().ShouldBe(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body))));
        var view = System.Text.Json.JsonSerializer.Deserialize<PublicCampaignResultView>(body, Http.Json)!;
        view.Units.Select(u => (u.Name, u.Total, u.Grade, u.Rank)).ShouldBe(snapshot.Units.Select(u => (u.Name, u.Total, u.Grade, u.Rank)));
    }

    [Fact]
    public async Task PublicResults_ServedAgainLater_HashAsRecordedInTheAuditChain()
    {
        var (walk, _) = await PublishedAsync();
        await using var __ = walk;

        using var anonymous = app.NewClient();
        var served = (await anonymous.GetAsync($"/api/public/campaigns/{walk.CampaignId}/results")).Headers.GetValues("X-Result-Sha256").Single();

        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChengxinDbContext>();
        var id = walk.CampaignId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var recorded = await db.AuditEvents.IgnoreQueryFilters()
            .Where(e => e.EntityType == "campaign" && e.EntityId == id && e.Action == "campaign.published").Select(e => e.After).SingleAsync();
        recorded!.ShouldContain($"\"publicSha256\":\"{served}\"");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class PublicResultsTestsOnSqlite(SqliteApp app) : PublicResultsTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PublicResultsTestsOnPostgres(PostgresApp app) : PublicResultsTests(app);

/// <summary>The public view as a function of a snapshot: item scores only when the scheme publishes them.</summary>
public sealed class PublicViewTests
{
    private static CampaignResultView Snapshot() => new(7, "2022年第一季度考核", "jiaxian-towns-2022", 1, new string('a', 64), "2022Q1", "2022年第一季度", 1,
    [
        new UnitResultView(3, "石门镇", "town", 40m, 2m, 42m, "不合格", [], 1, 1, 55m, true, "抽查结论：王五电话 13800000000",
            [new ItemResultView("1.1", "1", "组织建设情况", ItemStatus.Scored, 4m, 5m, "复核：李四说缺联络员")], "乡镇"),
    ]);

    [Fact]
    public void From_SchemeWithoutItemScores_KeepsTotalsGradesAndRanksOnly()
    {
        var view = PublicResults.From(Snapshot(), version: 2, itemScores: false);

        view.Version.ShouldBe(2);
        view.ItemScoresPublished.ShouldBeFalse();
        var unit = view.Units.Single();
        (unit.Name, unit.SchemeClassName, unit.Base, unit.Bonus, unit.Total, unit.Grade, unit.Rank, unit.ClassRank)
            .ShouldBe(("石门镇", "乡镇", 40m, 2m, 42m, "不合格", 1, 1));
        unit.Items.ShouldBeNull();
    }

    [Fact]
    public void From_SchemeThatPublishesItemScores_AddsScoresWithoutReasons()
    {
        var view = PublicResults.From(Snapshot(), version: 1, itemScores: true);

        view.Units.Single().Items!.ShouldBe([new PublicItemScoreView("1.1", "1", "组织建设情况", 4m)]);
    }

    [Fact]
    public void Loader_PublishItemScores_IsReadFromTheCampaignSection()
    {
        var yaml = File.ReadAllText(Path.Combine(RepositoryRoot(), "schemes", "004-jiaxian-towns-2022.yaml"));
        var plain = Domain.Schemes.SchemeLoader.Parse(yaml, "towns");
        var publishing = Domain.Schemes.SchemeLoader.Parse(yaml.Replace("campaign:\n", "campaign:\n  publishItemScores: true\n", StringComparison.Ordinal), "towns");

        plain.Campaign.PublishItemScores.ShouldBeFalse();
        publishing.Campaign.PublishItemScores.ShouldBeTrue();
        Domain.Schemes.SchemeLoader.Parse(Domain.Schemes.SchemeWriter.Write(publishing), "round trip").Campaign.PublishItemScores.ShouldBeTrue();
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Chengxin.slnx")))
                return dir.FullName;
        }
        throw new InvalidOperationException("Chengxin.slnx not found above " + AppContext.BaseDirectory);
    }
}
