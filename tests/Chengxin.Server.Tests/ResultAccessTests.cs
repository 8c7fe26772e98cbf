using System.Net;
using Chengxin.Domain.Campaigns;
using Chengxin.Server.Features.Results;
using Chengxin.Server.Features.Submissions;
using Chengxin.Server.Infrastructure;
using Chengxin.Server.Tests.Infrastructure;
using Chengxin.Server.Tests.Walkthroughs;
using static Chengxin.Server.Tests.Walkthroughs.Walk;

namespace Chengxin.Server.Tests;

/// <summary>
/// Who reads results: the office, reviewers and leaders at any time (their scope); a unit's liaison nothing before
/// publication (404), afterwards the ranking list and its own unit's detail only. Also the submission's last states.
/// </summary>
public abstract class ResultAccessTests(AppFixture app)
{
    private static readonly (string Key, object Value)[] Facts =
    [
        ("measures", Rows("name", "措施", "done", 4, 0)), ("spot_unfinished", 0),
        ("info_reports", new List<Dictionary<string, object>>()),
        ("added_tasks", Rows("name", "新增任务", "approved", 1)), ("raised_targets", Rows("name", "调高指标", "approved", 0)),
        ("local_firsts", Rows("name", "首创举措", "approved", 0)),
    ];

    [Fact]
    public async Task Liaison_SeesNothingBeforePublication_ThenTheRankingAndOnlyItsOwnDetail()
    {
        await using var walk = await StartAsync(app, "heihe-taskforce-monthly-2022");
        var mine = await walk.UnitAsync("本专班", "County", "县区政府", walk.City);
        var theirs = await walk.UnitAsync("他专班", "County", "县区政府", walk.City);
        var leader = await walk.UserAsync("walk-leader-" + Guid.NewGuid().ToString("N")[..8], "领导", Roles.Leader, walk.City, Chengxin.Server.Data.ScopeKind.Subtree);
        var (firm, _) = await walk.FirmAsync("未受托机构");
        await walk.OpenAsync("结果访问", "2022-09", [mine, theirs], walk.Now.AddHours(1), [walk.ReviewerId], new() { ["县区政府"] = "county" });
        await walk.SaveAsync(mine, Facts);
        await walk.SubmitAsync(mine);
        await walk.SaveAsync(theirs, Walk.With(Facts, ("added_tasks", Rows("name", "新增任务", "approved", 3))));
        await walk.SubmitAsync(theirs);
        await walk.StartReviewAsync();

        var url = $"/api/campaigns/{walk.CampaignId}/results";
        (await (await mine.Liaison.GetAsync(url)).ProblemAsync(HttpStatusCode.NotFound)).GetProperty("detail").GetString()!.ShouldContain("已发布的结果");
        (await leader.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await walk.Reviewer.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await firm.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        await walk.PublishAsync();
        var seen = await (await mine.Liaison.GetAsync(url)).ReadAsync<CampaignResultView>();
        seen.Units.Select(u => u.UnitId).ShouldBe([theirs.Id, mine.Id]);
        var own = seen.Of(mine);
        own.Items.ShouldNotBeEmpty();
        own.Explanation.ShouldNotBeEmpty();
        var other = seen.Of(theirs);
        (other.Rank, other.Total, other.Items.Count, other.Explanation, other.SelfTotal).ShouldBe((1, own.Total + 1.4m, 0, "", 0m));
        // The other unit's submission stays out of reach.
        (await mine.Liaison.GetAsync(walk.SubmissionUrl(theirs.Id))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await firm.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Submission_IsReviewedWhenEveryItemHasAStandingVerdict_ThenConfirmedByTheUnit()
    {
        await using var walk = await StartAsync(app, "heihe-taskforce-monthly-2022");
        var unit = await walk.UnitAsync("确认专班", "County", "县区政府", walk.City);
        await walk.OpenAsync("复核确认", "2022-10", [unit], walk.Now.AddHours(1), [walk.ReviewerId], new() { ["县区政府"] = "county" });
        await walk.SaveAsync(unit, Facts);
        await walk.SubmitAsync(unit);
        await walk.StartReviewAsync();
        var reviewed = walk.SubmissionUrl(unit.Id) + "/reviewed";
        var confirm = walk.SubmissionUrl(unit.Id) + "/confirm";

        var items = walk.Scheme.Items.Select(i => i.Id).ToList();
        await walk.ConfirmAsync(unit.Id, items[0]);
        (await (await walk.Reviewer.PostAsync(reviewed, null)).ProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString()!
            .ShouldStartWith($"尚有 {items.Count - 1} 项指标未复核或复核已过期");
        (await (await unit.Liaison.PostAsync(confirm, null)).ProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString()!
            .ShouldContain("须先完成复核");
        await walk.ConfirmAsync(unit.Id, [.. items.Skip(1)]);
        (await unit.Liaison.PostAsync(reviewed, null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var marked = await (await walk.Reviewer.PostAsync(reviewed, null)).ReadAsync<SubmissionResponse>();
        (marked.State, marked.StateName).ShouldBe((SubmissionState.Reviewed, "已复核"));
        var confirmed = await (await unit.Liaison.PostAsync(confirm, null)).ReadAsync<SubmissionResponse>();
        (confirmed.State, confirmed.StateName).ShouldBe((SubmissionState.Confirmed, "已确认"));
        (await (await walk.Admin.PostAsync(confirm, null)).ProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString()!.ShouldContain("已确认");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ResultAccessTestsOnSqlite(SqliteApp app) : ResultAccessTests(app);

[Collection(PostgresCollection.Name)]
public sealed class ResultAccessTestsOnPostgres(PostgresApp app) : ResultAccessTests(app);
