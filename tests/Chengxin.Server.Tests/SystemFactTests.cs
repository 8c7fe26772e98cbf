using System.Net;
using System.Text.Json;
using Chengxin.Server.Features.Submissions;
using Chengxin.Server.Tests.Infrastructure;
using Chengxin.Server.Tests.Walkthroughs;

namespace Chengxin.Server.Tests;

/// <summary>
/// Seed 003's 迟报、漏报 (item 2.1, 5 points less 1 per late or missing report) as a system fact: counted from the
/// campaign's report record, refused when anyone tries to enter it, the same for the self-score and the reviewed score.
/// </summary>
public abstract class SystemFactTests(AppFixture app)
{
    [Fact]
    public async Task LateOrMissingReports_AreCountedFromTheRecord_AndCannotBeEntered()
    {
        await using var walk = await Walk.StartAsync(app, "heihe-taskforce-monthly-2022");
        var onTime = await walk.UnitAsync("按时专班", "County", "县区政府", walk.City);
        var twiceLate = await walk.UnitAsync("两次迟报专班", "County", "县区政府", walk.City);
        var missing = await walk.UnitAsync("漏报专班", "County", "县区政府", walk.City);
        await walk.OpenAsync("系统事实", "2022-07", [onTime, twiceLate, missing], walk.Now.AddHours(1), [walk.ReviewerId],
            new() { ["县区政府"] = "county" });
        // A report with nothing answered is not taken: the two that report answer one item first.
        await walk.ExplainOneAsync(onTime);
        await walk.ExplainOneAsync(twiceLate);

        var entered = await onTime.Liaison.PutJsonAsync($"{walk.SubmissionUrl(onTime.Id)}/items/2.1",
            new SaveItemRequest(new() { ["late_or_missing_reports"] = JsonSerializer.SerializeToElement(0) }, null));
        (await entered.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("facts.late_or_missing_reports")[0].GetString()
            .ShouldBe("「迟报、漏报相关文件材料次数」由平台统计：迟报、漏报次数（按报送记录统计），不能填写。");

        var draft = await (await onTime.Liaison.GetAsync(walk.SubmissionUrl(onTime.Id))).ReadAsync<SubmissionResponse>();
        var fact = draft.Items.Single(i => i.ItemId == "2.1").Facts.Single();
        (fact.Value!.Value.GetInt32(), fact.EnteredRole).ShouldBe((0, "system"));
        await walk.SubmitAsync(onTime);
        walk.Advance(TimeSpan.FromHours(2));
        await walk.SubmitAsync(twiceLate);
        await walk.StartReviewAsync();

        // The late unit is returned and answers after its supplement deadline: a second late report.
        await walk.ReviewAsync(walk.Reviewer, twiceLate.Id, "1.1", "return", 0, reason: "补充台账", supplementDue: walk.Now.AddHours(1));
        walk.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        await walk.SubmitAsync(twiceLate);

        var results = await walk.ResultsAsync();
        Item(results.Of(onTime)).ShouldBe((5m, 5m));
        Item(results.Of(twiceLate)).ShouldBe((3m, 3m));
        // The unit that never reported counts its missing report (self-score 5 − 1 = 4), and scores 0 as 漏报 once collection closed past it.
        Item(results.Of(missing)).ShouldBe((0m, 4m));
        results.Of(missing).Items.Single(i => i.ItemId == "2.1").Explanation.ShouldBe("逾期未报，按漏报计 0 分");
    }

    private static (decimal Score, decimal Self) Item(Features.Results.UnitResultView unit)
    {
        var item = unit.Items.Single(i => i.ItemId == "2.1");
        return (item.Score, item.SelfScore);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SystemFactTestsOnSqlite(SqliteApp app) : SystemFactTests(app);

[Collection(PostgresCollection.Name)]
public sealed class SystemFactTestsOnPostgres(PostgresApp app) : SystemFactTests(app);
