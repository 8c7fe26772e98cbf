using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Chengxin.Documents.Tests;
using Chengxin.Server.Data;
using Chengxin.Server.Features.FollowUp;
using Chengxin.Server.Infrastructure;
using Chengxin.Server.Tests.Infrastructure;
using Chengxin.Server.Tests.Walkthroughs;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Chengxin.Server.Tests.FollowUp;

/// <summary>
/// Issue 17's documents: the supervision order, the interview record, the referral with the whole history and the work reminder,
/// printed as DOCX (read with the OpenXml SDK) and PDF (read with pdftotext) with the office's header. Whoever sees the case may
/// print it, and every file is audited with its SHA-256; a document the case has not reached is a 409, another unit's is a 404.
/// </summary>
public abstract class FollowUpPrintTests(AppFixture app)
{
    private static string At(DateTimeOffset instant) => instant.ToString("o", CultureInfo.InvariantCulture);

    private static async Task<OrderView> IssueOrderAsync(Walk walk, Member member, DateTimeOffset deadline) =>
        await (await walk.Admin.PostJsonAsync("/api/follow-up/orders",
            new IssueOrderRequest(member.Id, "政务诚信监测连续两期报送逾期", "建立报送台账，明确专人负责", At(deadline), null))).ReadAsync<OrderView>();

    private async Task<List<AuditEvent>> PrintedAsync(string entityType, long id)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChengxinDbContext>();
        return await db.AuditEvents.IgnoreQueryFilters().AsNoTracking()
            .Where(e => e.EntityType == entityType && e.EntityId == id.ToString(CultureInfo.InvariantCulture) && e.Action == $"{entityType}.printed")
            .ToListAsync();
    }

    private static List<string> Paragraphs(byte[] docx)
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(docx), false);
        return document.MainDocumentPart!.Document.Body!.Elements<Paragraph>().Select(p => p.InnerText).ToList();
    }

    /// <summary>The PDF's text without spaces and page numbers (「— 1 —」 comes in the middle of a paragraph that crosses a page).</summary>
    private static string PdfText(byte[] pdf) =>
        Regex.Replace(string.Concat(Poppler.Text(pdf).Where(c => !char.IsWhiteSpace(c))), "—[0-9]+—", "");

    [Fact]
    public async Task PrintOrder_AsDocx_HasTheNumberTheUnitAndTheRequirementAndIsAuditedWithItsSha256()
    {
        await using var walk = await Walk.StartAsync(app, "heihe-grassroots-2023");
        var town = await walk.UnitAsync("打印镇", "Town", "乡镇");
        var order = await IssueOrderAsync(walk, town, walk.Now.AddDays(10));

        var response = await walk.Admin.GetAsync($"/api/follow-up/orders/{order.Id}/document?format=docx&kind=order");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.ShouldBe(PrintFollowUpDocument.DocxType);
        response.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe($"督办单{order.Number}-打印镇.docx");
        var file = await response.Content.ReadAsByteArrayAsync();

        var paragraphs = Paragraphs(file);
        paragraphs[0].ShouldBe("甲市信用办#TA#");
        paragraphs[1].ShouldBe(order.Number);
        paragraphs.ShouldContain("关于督促打印镇限期整改的督办单");
        paragraphs.ShouldContain("打印镇：");
        paragraphs.ShouldContain("二、整改要求");
        paragraphs.ShouldContain("建立报送台账，明确专人负责。");
        paragraphs.ShouldContain(p => p.StartsWith($"请于{order.Deadline:yyyy年M月d日HH:mm}前完成整改", StringComparison.Ordinal));
        var sha = Convert.ToHexStringLower(SHA256.HashData(file));
        response.Headers.GetValues("X-Document-Sha256").ShouldBe([sha]);
        var audit = (await PrintedAsync("supervision-order", order.Id)).ShouldHaveSingleItem();
        (audit.UnitId, audit.ActorName).ShouldBe((town.Id, "市信用办管理员"));
        audit.After!.ShouldContain(sha);
        audit.After!.ShouldContain("\"document\":\"督办单\"");
    }

    [Fact]
    public async Task PrintReferral_AsPdf_CarriesTheWholeHistoryOrderReplyVerificationAndInterview()
    {
        await using var walk = await Walk.StartAsync(app, "heihe-grassroots-2023");
        var town = await walk.UnitAsync("移交镇", "Town", "乡镇");
        // Sessions end after a day; the clock moves by days here, so the office and the unit sign in again after each move.
        var adminName = "print-admin-" + Guid.NewGuid().ToString("N")[..8];
        var admin = await walk.UserAsync(adminName, "市信用办督办员", Roles.OfficeAdmin, walk.City, ScopeKind.Subtree);
        var liaison = town.Liaison;
        async Task MoveAsync(TimeSpan by)
        {
            walk.Advance(by);
            admin = await app.SignInAsync(adminName);
            liaison = await app.SignInAsync(town.UserName);
        }
        var order = await IssueOrderAsync(walk, town, walk.Now.AddDays(10));
        var url = $"/api/follow-up/orders/{order.Id}";
        await (await liaison.PostAsync($"{url}/evidence?fileName={Uri.EscapeDataString("报送台账.txt")}",
            new ByteArrayContent("报送台账（整改佐证）"u8.ToArray()))).ReadAsync<OrderEvidenceView>();
        await MoveAsync(TimeSpan.FromDays(3));
        await (await liaison.PostJsonAsync($"{url}/reply", new ReplyToOrderRequest("已建立报送台账并明确专人", 0))).ReadAsync<OrderCaseView>();
        await (await admin.PostJsonAsync($"{url}/verify", new VerifyReplyRequest(false, "整改报告未附制度文件", 1))).ReadAsync<OrderCaseView>();
        await MoveAsync(TimeSpan.FromDays(1));
        await (await admin.PostJsonAsync($"{url}/interview", new RecordInterviewRequest(At(walk.Now.AddHours(-2)),
            "移交镇镇长、市信用办主任", "指出报送台账流于形式", "一周内补齐制度文件", At(walk.Now.AddDays(7)), 2))).ReadAsync<OrderCaseView>();
        await MoveAsync(TimeSpan.FromDays(8));
        await (await admin.PostJsonAsync($"{url}/referral", new ReferCaseRequest("督导考核问责专班", "约谈后逾期仍未整改到位", 3))).ReadAsync<OrderCaseView>();

        var response = await admin.GetAsync($"{url}/document?format=pdf&kind=referral");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        response.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe($"问题线索移交函{order.Number}-移交镇.pdf");
        var pdf = await response.Content.ReadAsByteArrayAsync();
        Poppler.Pages(pdf, "follow-up-referral").Count.ShouldBeGreaterThan(0);
        var text = PdfText(pdf);

        text.ShouldContain("甲市信用办#TA#");
        text.ShouldContain(order.Number);
        text.ShouldContain("关于移交镇督办事项的问题线索移交函");
        text.ShouldContain("督导考核问责专班：");
        text.ShouldContain("下发督办（市信用办管理员）：存在问题：政务诚信监测连续两期报送逾期");
        text.ShouldContain("整改报告（移交镇联络员）：已建立报送台账并明确专人。佐证材料：报送台账.txt。");
        text.ShouldContain("核验不通过（市信用办督办员）：整改报告未附制度文件。");
        text.ShouldContain("约谈（市信用办督办员）：指出报送台账流于形式。");
        text.ShouldContain("参加人员：移交镇镇长、市信用办主任；整改承诺：一周内补齐制度文件。");
        text.ShouldContain("四、移交意见约谈后逾期仍未整改到位。");
        (await PrintedAsync("supervision-order", order.Id)).ShouldHaveSingleItem().After!
            .ShouldContain(Convert.ToHexStringLower(SHA256.HashData(pdf)));

        // The interview record of the same case, as the unit's liaison prints it for its own file.
        var interview = await liaison.GetAsync($"{url}/document?format=docx&kind=interview");
        interview.StatusCode.ShouldBe(HttpStatusCode.OK, await interview.Content.ReadAsStringAsync());
        var paragraphs = Paragraphs(await interview.Content.ReadAsByteArrayAsync());
        paragraphs.ShouldContain("关于移交镇督办整改事项的约谈记录");
        paragraphs.ShouldContain(p => p.Contains("整改报告经核验不通过（整改报告未附制度文件）", StringComparison.Ordinal));
        paragraphs.ShouldContain("移交镇镇长、市信用办主任");
        paragraphs.ShouldContain("一周内补齐制度文件。");
    }

    [Fact]
    public async Task PrintInterviewOrReferral_BeforeTheCaseReachedIt_Refused409AndNothingAudited()
    {
        await using var walk = await Walk.StartAsync(app, "heihe-grassroots-2023");
        var town = await walk.UnitAsync("未约镇", "Town", "乡镇");
        var order = await IssueOrderAsync(walk, town, walk.Now.AddDays(10));

        (await (await walk.Admin.GetAsync($"/api/follow-up/orders/{order.Id}/document?format=pdf&kind=interview")).ProblemAsync(HttpStatusCode.Conflict))
            .GetProperty("detail").GetString().ShouldBe("该督办单尚未约谈，还没有约谈记录可以打印。");
        (await (await walk.Admin.GetAsync($"/api/follow-up/orders/{order.Id}/document?format=docx&kind=referral")).ProblemAsync(HttpStatusCode.Conflict))
            .GetProperty("detail").GetString().ShouldBe("该督办单尚未移交问责，还没有问题线索移交函可以打印。");
        (await PrintedAsync("supervision-order", order.Id)).ShouldBeEmpty();
    }

    [Fact]
    public async Task PrintOrderAndReminder_AnotherUnitsLiaison_Returns404AndNothingAudited()
    {
        await using var walk = await Walk.StartAsync(app, "heihe-grassroots-2023");
        var own = await walk.UnitAsync("本印镇", "Town", "乡镇");
        var other = await walk.UnitAsync("他印镇", "Town", "乡镇");
        var theirs = await IssueOrderAsync(walk, other, walk.Now.AddDays(5));
        var reminder = (await (await walk.Admin.PostJsonAsync("/api/follow-up/reminders",
            new IssueReminderRequest([other.Id], "报送截止提示", "本期材料尚未报送", "请在截止时间前完成报送。", null))).ReadAsync<List<ReminderView>>()).Single();

        await (await own.Liaison.GetAsync($"/api/follow-up/orders/{theirs.Id}/document?format=pdf")).ProblemAsync(HttpStatusCode.NotFound);
        await (await own.Liaison.GetAsync($"/api/follow-up/reminders/{reminder.Id}/document?format=pdf")).ProblemAsync(HttpStatusCode.NotFound);
        (await PrintedAsync("supervision-order", theirs.Id)).ShouldBeEmpty();
        (await PrintedAsync("work-reminder", reminder.Id)).ShouldBeEmpty();
        (await other.Liaison.GetAsync($"/api/follow-up/orders/{theirs.Id}/document?format=pdf")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task PrintReminder_AsPdfAndDocx_HasTheNumberTheUnitTheContentAndTheResponseDate()
    {
        await using var walk = await Walk.StartAsync(app, "heihe-grassroots-2023");
        var town = await walk.UnitAsync("提示印镇", "Town", "乡镇");
        var respondBy = walk.Now.AddDays(3);
        var reminder = (await (await walk.Admin.PostJsonAsync("/api/follow-up/reminders",
            new IssueReminderRequest([town.Id], "报送截止提示", "本期政务诚信监测材料尚未报送", "请在截止时间前完成报送。", At(respondBy))))
            .ReadAsync<List<ReminderView>>()).Single();

        var response = await town.Liaison.GetAsync($"/api/follow-up/reminders/{reminder.Id}/document?format=pdf");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe($"工作提示单{reminder.Number}-提示印镇.pdf");
        var pdf = await response.Content.ReadAsByteArrayAsync();
        Poppler.Pages(pdf, "follow-up-reminder").Count.ShouldBe(1);
        var text = PdfText(pdf);
        text.ShouldContain(reminder.Number);
        text.ShouldContain("关于报送截止的工作提示单");
        text.ShouldContain("提示印镇：");
        text.ShouldContain("一、提示事项本期政务诚信监测材料尚未报送");
        text.ShouldContain($"请于{BeijingTime.Local(respondBy):yyyy年M月d日HH:mm}前反馈落实情况。");

        var docx = await walk.Admin.GetAsync($"/api/follow-up/reminders/{reminder.Id}/document");
        docx.Content.Headers.ContentType!.MediaType.ShouldBe(PrintFollowUpDocument.DocxType);
        Paragraphs(await docx.Content.ReadAsByteArrayAsync()).ShouldContain("请在截止时间前完成报送。");
        var printed = await PrintedAsync("work-reminder", reminder.Id);
        printed.Select(e => e.ActorName).ShouldBe(["提示印镇联络员", "市信用办管理员"], ignoreOrder: true);
    }

    [Theory]
    [InlineData("format=xlsx", "format", "格式只能是 Word（DOCX）或 PDF。")]
    [InlineData("kind=letter", "kind", "文书只能是督办单、约谈记录或问题线索移交函。")]
    public async Task PrintOrder_UnknownFormatOrKind_Returns400NamingIt(string query, string field, string message)
    {
        await using var walk = await Walk.StartAsync(app, "heihe-grassroots-2023");
        var town = await walk.UnitAsync("参数镇" + field, "Town", "乡镇");
        var order = await IssueOrderAsync(walk, town, walk.Now.AddDays(5));

        var problem = await (await walk.Admin.GetAsync($"/api/follow-up/orders/{order.Id}/document?{query}")).ProblemAsync(HttpStatusCode.BadRequest);

        problem.GetProperty("errors").GetProperty(field)[0].GetString().ShouldBe(message);
        (await PrintedAsync("supervision-order", order.Id)).ShouldBeEmpty();
    }
}

[Collection(SqliteCollection.Name)]
public sealed class FollowUpPrintTestsOnSqlite(SqliteApp app) : FollowUpPrintTests(app);

[Collection(PostgresCollection.Name)]
public sealed class FollowUpPrintTestsOnPostgres(PostgresApp app) : FollowUpPrintTests(app);
