using System.Globalization;
using System.Net;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Submissions;
using Chengxin.Server.Tests.Infrastructure;
using Chengxin.Server.Tests.Walkthroughs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Chengxin.Server.Tests;

/// <summary>
/// Per-item deadline exceptions granted by the office (issue 5, seed 003 monthly): edits and evidence of the item after the
/// unit's deadline but by the item's are on time, one second after it they are taken and marked late; evidence after the
/// applicable deadline is marked late like an edit; granting needs a reason, the office and a unit of the campaign.
/// </summary>
public abstract class ItemDeadlineExceptionTests(AppFixture app)
{
    private const string Scheme = "heihe-taskforce-monthly-2022";
    private static readonly Dictionary<string, string> Map = new() { ["县区政府"] = "county" };

    private static string Iso(DateTimeOffset at) => at.ToString("o", CultureInfo.InvariantCulture);

    [Fact]
    public async Task ItemException_EditsAndEvidenceUpToTheItemsDue_AreOnTime_OneSecondAfter_AreMarkedLate()
    {
        await using var walk = await Walk.StartAsync(app, Scheme);
        var unit = await walk.UnitAsync("延期专班", "County", "县区政府", walk.City);
        var unitDue = walk.Now.AddHours(1);
        await walk.OpenAsync("指标延期", "2022-06", [unit], unitDue, [walk.ReviewerId], Map);
        var url = $"{walk.SubmissionUrl(unit.Id)}/items/3.1/deadline-exception";
        var itemDue = unitDue.AddHours(2);

        var granted = await (await walk.Admin.PostJsonAsync(url, new DeadlineExceptionRequest(Iso(itemDue), "任务台账待上级部门下发"))).ReadAsync<SubmissionResponse>();
        var view = granted.Items.Single(i => i.ItemId == "3.1");
        view.Due.ShouldBe(itemDue);
        view.DueExceptionReason.ShouldBe("任务台账待上级部门下发");
        // The unit's own deadline, and every other item, stay as they were.
        granted.Due.ShouldBe(unitDue);
        granted.Items.Single(i => i.ItemId == "2.2").Due.ShouldBe(unitDue);
        granted.Items.Single(i => i.ItemId == "2.2").DueExceptionReason.ShouldBeNull();

        SubmissionItemView Item(SubmissionResponse s, string id = "3.1") => s.Items.Single(i => i.ItemId == id);
        // An hour after the unit's deadline: on time for the excepted item.
        walk.Advance(TimeSpan.FromHours(2));
        Item(await walk.SaveAsync(unit, [("added_tasks", Walk.Rows("name", "任务", "approved", 1))])).LateEditAt.ShouldBeNull();
        await walk.EvidenceAsync(unit, "2.2", "信息报送记录.txt", "逾期上传的报送记录");
        // Evidence of an item without an exception is taken and marked late like an edit.
        var afterUnitDue = await (await unit.Liaison.GetAsync(walk.SubmissionUrl(unit.Id))).ReadAsync<SubmissionResponse>();
        Item(afterUnitDue, "2.2").LateEditAt.ShouldBe(walk.Now);
        Item(afterUnitDue).LateEditAt.ShouldBeNull();

        // Exactly at the item's deadline: still on time, for an edit and for evidence.
        walk.Advance(itemDue - walk.Now);
        Item(await walk.SaveAsync(unit, [("added_tasks", Walk.Rows("name", "任务", "approved", 2))])).LateEditAt.ShouldBeNull();
        await walk.EvidenceAsync(unit, "3.1", "任务台账.txt", "准点上传的任务台账");
        Item(await (await unit.Liaison.GetAsync(walk.SubmissionUrl(unit.Id))).ReadAsync<SubmissionResponse>()).LateEditAt.ShouldBeNull();

        // One second after: evidence taken and marked late, then an edit too; the late value is the one scored.
        walk.Advance(TimeSpan.FromSeconds(1));
        await walk.EvidenceAsync(unit, "3.1", "任务台账补充.txt", "逾期一秒上传的任务台账");
        Item(await (await unit.Liaison.GetAsync(walk.SubmissionUrl(unit.Id))).ReadAsync<SubmissionResponse>()).LateEditAt.ShouldBe(walk.Now);
        walk.Advance(TimeSpan.FromSeconds(1));
        var late = await walk.SaveAsync(unit, [("added_tasks", Walk.Rows("name", "任务", "approved", 3)),
            ("raised_targets", Walk.Rows("name", "指标", "approved", 0)), ("local_firsts", Walk.Rows("name", "首创", "approved", 0))]);
        Item(late).LateEditAt.ShouldBe(walk.Now);
        Item(late).Score.ShouldBe(3m);

        // On the audit chain: the item's row with the new deadline, the reason and who granted it.
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChengxinDbContext>();
        var row = await db.SubmissionItems.IgnoreQueryFilters().SingleAsync(i => i.UnitId == unit.Id && i.ItemId == "3.1");
        row.ExceptionReason.ShouldBe("任务台账待上级部门下发");
        row.ExceptionGrantedBy.ShouldBe(walk.AdminId);
        (await db.AuditEvents.IgnoreQueryFilters().Where(e => e.EntityType == "submission-item" && e.EntityId == row.Id.ToString())
            .AnyAsync(e => e.After!.Contains("任务台账待上级部门下发"))).ShouldBeTrue();
    }

    [Fact]
    public async Task ItemException_NeedsAReason_ADueAfterTheUnitsAndNow_TheOffice_AndAUnitOfTheCampaign()
    {
        await using var walk = await Walk.StartAsync(app, Scheme);
        var unit = await walk.UnitAsync("申请专班", "County", "县区政府", walk.City);
        var outside = await walk.UnitAsync("未参评专班", "County", "县区政府", walk.City);
        var unitDue = walk.Now.AddHours(1);
        await walk.OpenAsync("指标延期校验", "2022-06", [unit], unitDue, [walk.ReviewerId], Map);
        var url = $"{walk.SubmissionUrl(unit.Id)}/items/3.1/deadline-exception";

        (await (await walk.Admin.PostJsonAsync(url, new DeadlineExceptionRequest(Iso(unitDue.AddHours(1)), " ")))
            .ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("reason")[0].GetString().ShouldBe("调整原因不能为空。");
        (await (await walk.Admin.PostJsonAsync(url, new DeadlineExceptionRequest(null, "延期")))
            .ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("due")[0].GetString().ShouldBe("请填写新的截止时间。");
        // Exactly the unit's deadline gives no more time: refused, naming the field.
        (await (await walk.Admin.PostJsonAsync(url, new DeadlineExceptionRequest(Iso(unitDue), "延期")))
            .ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("due")[0].GetString()!.ShouldStartWith("指标的截止时间须晚于本单位当前的截止时间");
        (await walk.Admin.PostJsonAsync(url, new DeadlineExceptionRequest(Iso(unitDue.AddSeconds(1)), "延期"))).StatusCode.ShouldBe(HttpStatusCode.OK);

        // A liaison cannot grant one, not even for its own unit.
        (await unit.Liaison.PostJsonAsync(url, new DeadlineExceptionRequest(Iso(unitDue.AddHours(1)), "自行延期"))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        // A unit that is not in the campaign, and an item the scheme does not have, are not found.
        (await walk.Admin.PostJsonAsync($"{walk.SubmissionUrl(outside.Id)}/items/3.1/deadline-exception",
            new DeadlineExceptionRequest(Iso(unitDue.AddHours(1)), "延期"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await walk.Admin.PostJsonAsync($"{walk.SubmissionUrl(unit.Id)}/items/9.9/deadline-exception",
            new DeadlineExceptionRequest(Iso(unitDue.AddHours(1)), "延期"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // After the unit's deadline a new item deadline must also lie after now.
        walk.Advance(TimeSpan.FromHours(3));
        (await (await walk.Admin.PostJsonAsync(url, new DeadlineExceptionRequest(Iso(walk.Now), "延期")))
            .ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("due")[0].GetString()!.ShouldStartWith("指标的截止时间须晚于当前时间");
        var later = await (await walk.Admin.PostJsonAsync(url, new DeadlineExceptionRequest(Iso(walk.Now.AddSeconds(1)), "再次延期"))).ReadAsync<SubmissionResponse>();
        later.Items.Single(i => i.ItemId == "3.1").Due.ShouldBe(walk.Now.AddSeconds(1));

        // Once submitted, the item can no longer change: a conflict, not a new deadline.
        await walk.ExplainOneAsync(unit);
        await walk.SubmitAsync(unit);
        (await (await walk.Admin.PostJsonAsync(url, new DeadlineExceptionRequest(Iso(walk.Now.AddHours(1)), "提交后延期")))
            .ProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString()!.ShouldContain("不能修改或提交");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ItemDeadlineExceptionTestsOnSqlite(SqliteApp app) : ItemDeadlineExceptionTests(app);

[Collection(PostgresCollection.Name)]
public sealed class ItemDeadlineExceptionTestsOnPostgres(PostgresApp app) : ItemDeadlineExceptionTests(app);
