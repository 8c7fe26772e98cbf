using System.Globalization;
using System.Net;
using Chengxin.Domain.Campaigns;
using Chengxin.Server.Features.Submissions;
using Chengxin.Server.Tests.Infrastructure;
using Chengxin.Server.Tests.Walkthroughs;

namespace Chengxin.Server.Tests;

/// <summary>
/// Every deadline at exactly its instant, one second before and one after (seed 003 monthly): reports on record as on time,
/// late or missing; edits after the self-assessment deadline taken and marked late; a late review recorded, not refused;
/// a return's supplement deadline in the future.
/// </summary>
public abstract class DeadlineTests(AppFixture app)
{
    private const string Scheme = "heihe-taskforce-monthly-2022";
    private static readonly Dictionary<string, string> Map = new() { ["县区政府"] = "county" };

    [Fact]
    public async Task Reports_OneSecondBefore_AtAndAfterTheDeadline_AndNeverMade_AreOnTimeOnTimeLateMissing()
    {
        await using var walk = await Walk.StartAsync(app, Scheme);
        var early = await walk.UnitAsync("提前专班", "County", "县区政府", walk.City);
        var exact = await walk.UnitAsync("准点专班", "County", "县区政府", walk.City);
        var late = await walk.UnitAsync("逾期专班", "County", "县区政府", walk.City);
        var absent = await walk.UnitAsync("未报专班", "County", "县区政府", walk.City);
        var due = walk.Now.AddHours(1);
        await walk.OpenAsync("截止时间", "2022-06", [early, exact, late, absent], due, [walk.ReviewerId], Map);
        foreach (var member in new[] { early, exact, late })
            await walk.ExplainOneAsync(member);

        walk.Advance(TimeSpan.FromHours(1) - TimeSpan.FromSeconds(1));
        (await walk.SubmitAsync(early)).IsLate.ShouldBeFalse();
        walk.Advance(TimeSpan.FromSeconds(1));
        (await walk.SubmitAsync(exact)).IsLate.ShouldBeFalse();
        walk.Advance(TimeSpan.FromSeconds(1));
        var after = await walk.SubmitAsync(late);
        (after.IsLate, after.LateBySeconds).ShouldBe((true, 1L));
        await walk.StartReviewAsync();

        var reports = await (await walk.Admin.GetAsync($"/api/campaigns/{walk.CampaignId}/reports")).ReadAsync<List<ReportView>>();
        reports.Select(r => (r.UnitId, r.Kind, r.Status, r.LateBySeconds)).OrderBy(r => r.UnitId).ShouldBe(
        [
            (early.Id, "submission", ReportStatus.OnTime, 0L), (exact.Id, "submission", ReportStatus.OnTime, 0L),
            (late.Id, "submission", ReportStatus.Late, 1L), (absent.Id, "submission", ReportStatus.Missing, 0L),
        ]);
        reports.Single(r => r.UnitId == exact.Id).MadeAt.ShouldBe(due);
        reports.Single(r => r.UnitId == absent.Id).MadeAt.ShouldBeNull();
        reports.Single(r => r.UnitId == absent.Id).StatusName.ShouldBe("漏报");
        // A liaison sees its own unit's record only.
        var own = await (await late.Liaison.GetAsync($"/api/campaigns/{walk.CampaignId}/reports")).ReadAsync<List<ReportView>>();
        own.Select(r => r.UnitId).ShouldBe([late.Id]);
    }

    [Fact]
    public async Task SelfAssessmentEdits_AfterTheDeadline_AreAcceptedAndMarkedLate()
    {
        await using var walk = await Walk.StartAsync(app, Scheme);
        var unit = await walk.UnitAsync("自评专班", "County", "县区政府", walk.City);
        await walk.OpenAsync("自评截止", "2022-06", [unit], walk.Now.AddHours(1), [walk.ReviewerId], Map);

        SubmissionItemView Item(SubmissionResponse s) => s.Items.Single(i => i.ItemId == "3.1");
        walk.Advance(TimeSpan.FromHours(1) - TimeSpan.FromSeconds(1));
        Item(await walk.SaveAsync(unit, [("added_tasks", Walk.Rows("name", "任务", "approved", 1))])).LateEditAt.ShouldBeNull();
        walk.Advance(TimeSpan.FromSeconds(1));
        Item(await walk.SaveAsync(unit, [("added_tasks", Walk.Rows("name", "任务", "approved", 2))])).LateEditAt.ShouldBeNull();
        walk.Advance(TimeSpan.FromSeconds(1));
        var late = await walk.SaveAsync(unit, [("added_tasks", Walk.Rows("name", "任务", "approved", 3)),
            ("raised_targets", Walk.Rows("name", "指标", "approved", 0)), ("local_firsts", Walk.Rows("name", "首创", "approved", 0))]);
        Item(late).LateEditAt.ShouldBe(walk.Now);
        // Taken all the same: the late value is the one scored.
        Item(late).Score.ShouldBe(3m);
    }

    [Fact]
    public async Task Review_AfterTheReviewDeadline_IsRecordedAndMarkedLate()
    {
        await using var walk = await Walk.StartAsync(app, Scheme);
        var unit = await walk.UnitAsync("复核专班", "County", "县区政府", walk.City);
        await walk.OpenAsync("复核截止", "2022-06", [unit], walk.Now.AddHours(1), [walk.ReviewerId], Map, reviewDue: walk.Now.AddHours(2));
        await walk.ExplainOneAsync(unit);
        await walk.SubmitAsync(unit);
        await walk.StartReviewAsync();

        walk.Advance(TimeSpan.FromHours(2) - TimeSpan.FromSeconds(1));
        (await walk.ReviewAsync(walk.Reviewer, unit.Id, "1.1", "confirm", 0)).IsLate.ShouldBeFalse();
        walk.Advance(TimeSpan.FromSeconds(1));
        (await walk.ReviewAsync(walk.Reviewer, unit.Id, "2.2", "confirm", 0)).IsLate.ShouldBeFalse();
        walk.Advance(TimeSpan.FromSeconds(1));
        var late = await walk.ReviewAsync(walk.Reviewer, unit.Id, "3.1", "confirm", 0);
        (late.State, late.IsLate, late.ReviewedAt).ShouldBe((ItemReviewState.Confirmed, true, walk.Now));
    }

    [Fact]
    public async Task Return_TheSupplementDeadlineMustLieInTheFuture()
    {
        await using var walk = await Walk.StartAsync(app, Scheme);
        var unit = await walk.UnitAsync("退回专班", "County", "县区政府", walk.City);
        await walk.OpenAsync("补充期限", "2022-06", [unit], walk.Now.AddHours(1), [walk.ReviewerId], Map);
        await walk.ExplainOneAsync(unit);
        await walk.SubmitAsync(unit);
        await walk.StartReviewAsync();

        foreach (var offset in new[] { -1, 0 })
        {
            var refused = await walk.ReviewRawAsync(walk.Reviewer, unit.Id, "1.1", "return", 0, reason: "补充台账", supplementDue: walk.Now.AddSeconds(offset));
            (await refused.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("supplementDue")[0].GetString()
                .ShouldBe("补充期限须晚于当前时间。");
        }
        var returned = await walk.ReviewAsync(walk.Reviewer, unit.Id, "1.1", "return", 0, reason: "补充台账", supplementDue: walk.Now.AddSeconds(1));
        returned.State.ShouldBe(ItemReviewState.Returned);
        var submission = await (await unit.Liaison.GetAsync(walk.SubmissionUrl(unit.Id))).ReadAsync<SubmissionResponse>();
        (submission.State, submission.ReturnDue).ShouldBe((SubmissionState.Returned, walk.Now.AddSeconds(1)));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class DeadlineTestsOnSqlite(SqliteApp app) : DeadlineTests(app);

[Collection(PostgresCollection.Name)]
public sealed class DeadlineTestsOnPostgres(PostgresApp app) : DeadlineTests(app);
