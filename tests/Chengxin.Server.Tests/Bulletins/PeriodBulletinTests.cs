using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Chengxin.Documents.Tests;
using Chengxin.Domain.Bulletins;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Bulletins;
using Chengxin.Server.Features.Results;
using Chengxin.Server.Tests.Infrastructure;
using Chengxin.Server.Tests.Walkthroughs;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Chengxin.Server.Tests.Bulletins;

/// <summary>
/// Seed 003's 「每季度通报各县（市、区）专班阶段性工作成绩」: the three published months of a quarter in one bulletin, each task
/// force ranked by its average over the months (a month without a result counted as 0), one task force missing a month and
/// late in another; and the refusals — nothing chosen, a campaign twice, one not published, one of another scheme, one of the
/// same month twice, one of another office — each in Chinese, with nothing audited.
/// </summary>
public abstract class PeriodBulletinTests(AppFixture app)
{
    private static readonly (string Key, object Value)[] Facts =
    [
        ("measures", Walk.Rows("name", "措施", "done", 4, 0)), ("spot_unfinished", 0),
        ("info_reports", new List<Dictionary<string, object>>()),
        ("added_tasks", Walk.Rows("name", "新增任务", "approved", 1)), ("raised_targets", Walk.Rows("name", "调高指标", "approved", 0)),
        ("local_firsts", Walk.Rows("name", "首创举措", "approved", 0)),
    ];

    private sealed record Quarter(Walk Walk, Member A, Member B, Member C, List<long> Months, List<CampaignResultView> Snapshots) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Walk.DisposeAsync();
    }

    /// <summary>A month: who takes part, how many added tasks each reports (its score), and who submits after the deadline.</summary>
    private static async Task<long> MonthAsync(Walk walk, string name, string period, (Member Member, int AddedTasks)[] members, Member? late = null)
    {
        await walk.OpenAsync(name, period, members.Select(m => m.Member), walk.Now.AddHours(1), [walk.ReviewerId], new() { ["县区政府"] = "county" });
        foreach (var (member, added) in members.Where(m => m.Member != late))
        {
            await walk.SaveAsync(member, Walk.With(Facts, ("added_tasks", Walk.Rows("name", "新增任务", "approved", added))));
            await walk.SubmitAsync(member);
        }
        if (late is not null)
        {
            walk.Advance(TimeSpan.FromHours(2));
            await walk.SaveAsync(late, Walk.With(Facts, ("added_tasks", Walk.Rows("name", "新增任务", "approved", members.Single(m => m.Member == late).AddedTasks))));
            await walk.SubmitAsync(late);
        }
        await walk.StartReviewAsync();
        return walk.CampaignId;
    }

    private async Task<Quarter> QuarterAsync(string tag, bool publishLast = true)
    {
        var walk = await Walk.StartAsync(app, "heihe-taskforce-monthly-2022");
        var a = await walk.UnitAsync("甲专班" + tag, "County", "县区政府", walk.City);
        var b = await walk.UnitAsync("乙专班" + tag, "County", "县区政府", walk.City);
        var c = await walk.UnitAsync("丙专班" + tag, "County", "县区政府", walk.City);
        var months = new List<long>();
        var snapshots = new List<CampaignResultView>();
        months.Add(await MonthAsync(walk, $"2024年10月{tag}组专班考评", "2024-10", [(a, 5), (b, 1), (c, 3)]));
        snapshots.Add(await walk.PublishAsync());
        // 丙 is not evaluated in November.
        months.Add(await MonthAsync(walk, $"2024年11月{tag}组专班考评", "2024-11", [(a, 1), (b, 5)]));
        snapshots.Add(await walk.PublishAsync());
        months.Add(await MonthAsync(walk, $"2024年12月{tag}组专班考评", "2024-12", [(a, 3), (b, 3), (c, 5)], late: c));
        if (publishLast)
            snapshots.Add(await walk.PublishAsync());
        return new Quarter(walk, a, b, c, months, snapshots);
    }

    private static Task<HttpResponseMessage> GenerateAsync(HttpClient client, IReadOnlyList<long> ids, string format = "docx", string? title = null) =>
        client.PostJsonAsync("/api/bulletins/periods", new PeriodBulletinRequest(ids, title, format, "黑专班〔2025〕1号"));

    private async Task<List<AuditEvent>> BulletinEventsAsync(IEnumerable<long> campaignIds)
    {
        var keys = campaignIds.Select(id => id.ToString(CultureInfo.InvariantCulture)).ToList();
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChengxinDbContext>();
        return await db.AuditEvents.IgnoreQueryFilters().AsNoTracking()
            .Where(e => e.EntityType == "campaign" && keys.Contains(e.EntityId!) && e.Action == GenerateBulletin.Action).ToListAsync();
    }

    [Fact]
    public async Task Generate_QuarterOfPublishedMonthsAsDocx_RanksByTheAverageWithAMissingMonthAsZeroAndAuditsTheSha256()
    {
        await using var q = await QuarterAsync("甲");

        var response = await GenerateAsync(q.Walk.Admin, [q.Months[2], q.Months[0], q.Months[1]]);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var file = await response.Content.ReadAsByteArrayAsync();
        File.WriteAllBytes(Path.Combine(Poppler.OutputFolder, $"period-bulletin-{app.Provider}.docx"), file);

        using var docx = WordprocessingDocument.Open(new MemoryStream(file), false);
        var body = docx.MainDocumentPart!.Document.Body!;
        var paragraphs = body.Elements<Paragraph>().Select(p => p.InnerText).ToList();
        paragraphs[1].ShouldBe("黑专班〔2025〕1号");
        // The campaigns' names without their months: 「甲组专班考评」; the quarter named from the months chosen.
        paragraphs.ShouldContain("关于2024年第四季度甲组专班考评结果的通报");
        paragraphs.ShouldContain(p => p.StartsWith("2024年第四季度，甲组专班考评共3期（2024年10月、2024年11月、2024年12月），参评单位3个", StringComparison.Ordinal));
        paragraphs.ShouldContain("各单位得分为2024年第四季度3期评价得分的平均数，某期没有评价结果的按0分计入（除数始终为3），与年度考评“考评平均得分”的算法一致。");
        paragraphs.ShouldContain($"{q.C.Name}：缺2024年11月的评价结果，按0分计入平均。");
        paragraphs.ShouldContain(p => p.Contains($"逾期报送的有{q.C.Name}1次", StringComparison.Ordinal));

        // The table's numbers are the published snapshots': each month's total, and their sum over three months.
        var rows = body.Elements<Table>().First().Elements<TableRow>().Select(r => r.Elements<TableCell>().Select(c => c.InnerText).ToList()).ToList();
        rows[0].ShouldBe(["名次", "单位", "10月", "11月", "12月", "平均分"]);
        decimal? Total(int month, Member m) => q.Snapshots[month].Units.SingleOrDefault(u => u.UnitId == m.Id)?.Total;
        foreach (var member in new[] { q.A, q.B, q.C })
        {
            var row = rows.Single(r => r[1] == member.Name);
            var totals = Enumerable.Range(0, 3).Select(m => Total(m, member)).ToList();
            row[2..5].ShouldBe(totals.Select(PeriodBulletinComposer.Cell).ToList());
            row[5].ShouldBe(BulletinComposer.Number(Math.Round(totals.Sum(t => t ?? 0m) / 3, 2, MidpointRounding.AwayFromZero)));
        }
        rows.Single(r => r[1] == q.C.Name)[3].ShouldBe("—");
        // 丙's missing month puts it last whatever its other months.
        rows[^1][1].ShouldBe(q.C.Name);

        var sha = Convert.ToHexStringLower(SHA256.HashData(file));
        response.Headers.GetValues("X-Bulletin-Sha256").ShouldBe([sha]);
        var audited = (await BulletinEventsAsync(q.Months)).ShouldHaveSingleItem();
        audited.EntityId.ShouldBe(q.Months[2].ToString(CultureInfo.InvariantCulture));
        audited.After!.ShouldContain(sha);
        audited.After!.ShouldContain("2024年第四季度");
    }

    [Fact]
    public async Task Generate_QuarterAsPdfWithTheOfficesTitle_TextReadBack()
    {
        await using var q = await QuarterAsync("乙");

        var response = await GenerateAsync(q.Walk.Admin, q.Months, "pdf", "2024年四季度");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        var pdf = await response.Content.ReadAsByteArrayAsync();
        Poppler.Pages(pdf, $"period-bulletin-{app.Provider}").Count.ShouldBeGreaterThan(0);
        var text = string.Concat(Poppler.Text(pdf).Where(c => !char.IsWhiteSpace(c)));

        text.ShouldContain("关于2024年四季度乙组专班考评结果的通报");
        text.ShouldContain("阶段排名");
        text.ShouldContain($"{q.C.Name}：缺2024年11月的评价结果");
        text.ShouldContain("图1各期平均得分");
        (await BulletinEventsAsync(q.Months)).ShouldHaveSingleItem().After!.ShouldContain(Convert.ToHexStringLower(SHA256.HashData(pdf)));
    }

    [Fact]
    public async Task Generate_RefusedRequests_EachSaysWhyInChineseAndNothingIsAudited()
    {
        await using var q = await QuarterAsync("丙", publishLast: false);
        var admin = q.Walk.Admin;
        string Error(System.Text.Json.JsonElement problem) => problem.GetProperty("errors").GetProperty("campaignIds")[0].GetString()!;

        Error(await (await GenerateAsync(admin, [])).ProblemAsync(HttpStatusCode.BadRequest)).ShouldBe("请选择要汇总通报的已发布批次。");
        Error(await (await GenerateAsync(admin, [q.Months[0], q.Months[0]])).ProblemAsync(HttpStatusCode.BadRequest))
            .ShouldBe("同一批次选择了两次，请去掉重复的批次。");

        // December is still in review.
        var unpublished = await (await GenerateAsync(admin, q.Months)).ProblemAsync(HttpStatusCode.Conflict);
        unpublished.GetProperty("detail").GetString().ShouldBe("「2024年12月丙组专班考评」的评价结果尚未发布，通报只能依据已发布的结果生成。请先完成发布或不选该批次。");

        // The test world's campaigns run on the towns' scheme.
        var towns = app.World.CampaignsByUnit["A-C1-T1"];
        Error(await (await GenerateAsync(admin, [q.Months[0], towns])).ProblemAsync(HttpStatusCode.BadRequest)).ShouldStartWith("所选批次不属于同一套指标体系");

        // A second October campaign is the same month as the first.
        var october = await MonthAsync(q.Walk, "2024年10月丙组专班考评（补充）", "2024-10", [(q.A, 2)]);
        Error(await (await GenerateAsync(admin, [q.Months[0], october])).ProblemAsync(HttpStatusCode.BadRequest))
            .ShouldBe("「2024年10月丙组专班考评」与「2024年10月丙组专班考评（补充）」是同一期（2024年10月），请只选其中一个。");

        // Another office's campaign is not there for this office.
        await (await GenerateAsync(admin, [q.Months[0], app.World.CampaignsByUnit["B-C1-T1"]])).ProblemAsync(HttpStatusCode.NotFound);

        (await BulletinEventsAsync([.. q.Months, october])).ShouldBeEmpty();
    }
}

[Collection(SqliteCollection.Name)]
public sealed class PeriodBulletinTestsOnSqlite(SqliteApp app) : PeriodBulletinTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PeriodBulletinTestsOnPostgres(PostgresApp app) : PeriodBulletinTests(app);
