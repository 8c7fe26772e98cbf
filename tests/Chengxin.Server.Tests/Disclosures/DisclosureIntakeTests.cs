using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Chengxin.Domain.Identifiers;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Disclosures;
using Chengxin.Server.Features.Tokens;
using Chengxin.Server.Infrastructure;
using Chengxin.Server.Tests.Infrastructure;
using Chengxin.Server.Tests.Walkthroughs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Chengxin.Server.Tests.Disclosures;

/// <summary>
/// 双公示 intake through HTTP: CSV in UTF-8 and GBK, Excel, the machine API with a token, every refusal reason with its row
/// and column, all-or-nothing against row-level, 文书号 duplicates, a department's scope, and the statistics' calendar.
/// </summary>
public abstract class DisclosureIntakeTests(AppFixture app)
{
    private const string Header = "行政相对人名称,统一社会信用代码,证件号码,决定文书号,决定日期,上报日期,处罚机关,数据来源单位,信息类别";

    /// <summary>A valid 统一社会信用代码 made from a body: the check character that GB 32100 accepts.</summary>
    public static string CreditCode(string body17) =>
        "0123456789ABCDEFGHJKLMNPQRTUWXY".Select(c => body17 + c).First(UnifiedSocialCreditCode.IsValid);

    public static string IdNumber(string body17) => "0123456789X".Select(c => body17 + c).First(ResidentIdNumber.IsValid);

    /// <summary>The same identifier with a wrong check character.</summary>
    private static string Flip(string valid) => valid[..^1] + (valid[^1] == '0' ? '1' : '0');

    private static string Number(string tag, int n) => $"郏市监罚〔2026〕{tag}-{n}号";

    private static string Row(string name, string code, string id, string number, string decided, string reported, string department) =>
        $"{name},{code},{id},{number},{decided},{reported},县市场监督管理局,{department},行政处罚";

    public static async Task<DisclosureUploadView> UploadAsync(HttpClient client, byte[] body, string fileName, bool allOrNothing = false,
        HttpStatusCode expected = HttpStatusCode.Created)
    {
        var response = await client.PostAsync($"/api/disclosures/uploads?fileName={Uri.EscapeDataString(fileName)}&allOrNothing={allOrNothing}",
            new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("text/csv") } });
        response.StatusCode.ShouldBe(expected);
        return await response.ReadAsync<DisclosureUploadView>();
    }

    public static byte[] Csv(params string[] rows) => Encoding.UTF8.GetBytes(string.Join("\r\n", [Header, .. rows]));

    [Fact]
    public async Task UploadCsv_RowLevel_StoresGoodRowsAndListsEveryRefusedRowWithColumnAndReason()
    {
        await using var walk = await Walk.StartAsync(app, "jiaxian-departments-2022");
        var bureau = await walk.UnitAsync("行级报送局", "Department", "县直单位");
        var code = await CodeOfAsync(walk, bureau.Id);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var good = CreditCode("91410425MA40000A1");
        var badCode = Flip(good);
        var csv = Csv(
            Row("郏县甲商贸有限公司", good, "", Number(tag, 1), "2026-03-02", "2026-03-05", code),
            Row("郏县乙商贸有限公司", badCode, "", Number(tag, 2), "2026-03-02", "2026-03-05", code),
            Row("张三", "", Flip(IdNumber("41042519800101001")), Number(tag, 3), "2026-03-02", "2026-03-05", code),
            Row("", good, "", Number(tag, 4), "2026-03-02", "2026-03-05", code),
            Row("郏县丙商贸有限公司", good, "", Number(tag, 5), "2026-03-09", "2026-03-05", code),
            Row("郏县丁商贸有限公司", good, "", Number(tag, 6), "三月二日", "2026-03-05", code),
            Row("郏县戊商贸有限公司", good, "", Number(tag, 1), "2026-03-02", "2026-03-05", code),
            Row("郏县己商贸有限公司", good, "", Number(tag, 8), "2026-03-02", "2026-03-05", "没有这个局"),
            Row("郏县庚商贸有限公司", "", "", Number(tag, 9), "2026-03-02", "2026-03-05", code),
            Row(new string('长', 501), good, "", Number(tag, 10), "2026-03-02", "2026-03-05", code));

        var result = await UploadAsync(walk.Admin, csv, "三月处罚.csv");

        (result.Upload.Rows, result.Upload.Stored, result.Upload.Refused, result.Upload.Encoding).ShouldBe((10, 1, 9, "UTF-8"));
        var reasons = result.Rejections.Select(r => (r.Row, r.Column)).ToList();
        reasons.ShouldBe([(3, "统一社会信用代码"), (4, "证件号码"), (5, "行政相对人名称"), (6, "上报日期"), (7, "决定日期"), (8, "决定文书号"),
            (9, "数据来源单位"), (10, "统一社会信用代码"), (11, "行政相对人名称")]);
        result.Rejections.Single(r => r.Row == 5).Reason.ShouldBe("必填项为空");
        result.Rejections.Single(r => r.Row == 6).Reason.ShouldBe("上报日期 2026-03-05 早于决定日期 2026-03-09");
        result.Rejections.Single(r => r.Row == 7).Reason.ShouldBe("「三月二日」不是日期（应写作 2024-03-05）");
        result.Rejections.Single(r => r.Row == 8).Reason.ShouldBe("文书号与第 2 行重复");
        result.Rejections.Single(r => r.Row == 9).Reason.ShouldBe("本信用办没有名称或代码为「没有这个局」的单位");
        result.Rejections.Single(r => r.Row == 10).Reason.ShouldBe("统一社会信用代码和证件号码都为空，至少填写一项");
        // Longer than the store holds: refused as a cell, never a write that fails half-way through the file.
        result.Rejections.Single(r => r.Row == 11).Reason.ShouldBe("内容过长（501 个字符，最多 500 个）");

        // The refused rows come back as a workbook to fix, in the uploader's words.
        var export = await walk.Admin.GetAsync($"/api/disclosures/uploads/{result.Upload.Id}/rejections.xlsx");
        export.StatusCode.ShouldBe(HttpStatusCode.OK);
        var sheet = Xlsx.Read(new MemoryStream(await export.Content.ReadAsByteArrayAsync()));
        sheet[0].ShouldBe(["行号", "列", "原因", "决定文书号", "数据来源单位"]);
        sheet.Count.ShouldBe(10);

        // The same 文书号 again is refused as already reported.
        var again = await UploadAsync(walk.Admin, Csv(Row("郏县甲商贸有限公司", good, "", Number(tag, 1), "2026-03-02", "2026-03-05", code)), "重报.csv");
        (again.Upload.Stored, again.Rejections.Single().Reason).ShouldBe((0, "文书号已报送过，不能重复报送"));
    }

    [Fact]
    public async Task UploadCsv_InGbk_IsDetectedAndStoredWithItsChineseIntact()
    {
        await using var walk = await Walk.StartAsync(app, "jiaxian-departments-2022");
        var bureau = await walk.UnitAsync("国标编码局", "Department", "县直单位");
        var tag = Guid.NewGuid().ToString("N")[..8];
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var text = string.Join("\r\n", Header,
            Row("郏县冠华陶瓷有限公司", CreditCode("91410425MA40000B1"), "", Number(tag, 1), "2026-03-02", "2026-03-04", "国标编码局"));
        var gbk = Encoding.GetEncoding("GBK").GetBytes(text);

        var result = await UploadAsync(walk.Admin, gbk, "gbk.csv");

        (result.Upload.Stored, result.Upload.Encoding).ShouldBe((1, "GB18030"));
        var records = await (await walk.Admin.GetAsync($"/api/disclosures/records?unitId={bureau.Id}&from=2026-01-01&to=2026-12-31"))
            .ReadAsync<DisclosureRecordsView>();
        records.Records.Single().SubjectName.ShouldBe("郏县冠华陶瓷有限公司");
    }

    [Fact]
    public async Task UploadCsv_SemicolonsQuotedCellsAndBlankLines_ReadAsASpreadsheetWroteThem()
    {
        await using var walk = await Walk.StartAsync(app, "jiaxian-departments-2022");
        var bureau = await walk.UnitAsync("引号报送局", "Department", "县直单位");
        var tag = Guid.NewGuid().ToString("N")[..8];
        var code = CreditCode("91410425MA40000D1");
        // A spreadsheet saved with semicolons: a quoted name holding the separator, a doubled quote and a line break; blank
        // lines between rows are not rows, so the refused row is numbered as the uploader counts its rows.
        var text = string.Join("\r\n", Header.Replace(',', ';'),
            $"\"郏县\"\"甲乙\"\";商贸\n有限公司\";{code};;{Number(tag, 1)};2026-03-02;2026-03-04;县市场监督管理局;引号报送局;行政处罚",
            "",
            $"郏县丙公司;{Flip(code)};;{Number(tag, 2)};2026-03-02;2026-03-04;县市场监督管理局;引号报送局;行政处罚",
            "");

        var result = await UploadAsync(walk.Admin, Encoding.UTF8.GetBytes(text), "分号.csv");

        (result.Upload.Rows, result.Upload.Stored, result.Rejections.Single().Row, result.Rejections.Single().Column).ShouldBe((2, 1, 3, "统一社会信用代码"));
        var records = await (await walk.Admin.GetAsync($"/api/disclosures/records?unitId={bureau.Id}&from=2026-01-01&to=2026-12-31"))
            .ReadAsync<DisclosureRecordsView>();
        records.Records.Single().SubjectName.ShouldBe("郏县\"甲乙\";商贸\n有限公司");
    }

    [Fact]
    public async Task UploadCsv_ResentNumberInARowWithAnotherProblem_ListsBothWithTheRowsDecisionDate()
    {
        await using var walk = await Walk.StartAsync(app, "jiaxian-departments-2022");
        var bureau = await walk.UnitAsync("重报错报局", "Department", "县直单位");
        var code = await CodeOfAsync(walk, bureau.Id);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var good = CreditCode("91410425MA40000E1");
        await UploadAsync(walk.Admin, Csv(Row("郏县甲公司", good, "", Number(tag, 1), "2026-03-02", "2026-03-05", code)), "首报.csv");

        var again = await UploadAsync(walk.Admin, Csv(Row("郏县甲公司", Flip(good), "", Number(tag, 1), "2026-04-01", "2026-04-03", code)), "重报.csv");

        again.Rejections.Select(r => (r.Row, r.Column)).ShouldBe([(2, "统一社会信用代码"), (2, "决定文书号")]);
        again.Rejections[1].Reason.ShouldBe("文书号已报送过，不能重复报送");
        // The refused row counts as 错报 in April, the month of its decision.
        var april = await (await walk.Admin.GetAsync($"/api/disclosures/records?unitId={bureau.Id}&from=2026-04-01&to=2026-04-30"))
            .ReadAsync<DisclosureRecordsView>();
        april.Wrong.Select(w => w.Row).Distinct().ShouldBe([2]);
    }

    [Fact]
    public async Task UploadCsv_FileMixingNewAndResentNumbers_StoresTheNewRefusesTheResentAndAuditsTheUploadOnceWithItsCounts()
    {
        await using var walk = await Walk.StartAsync(app, "jiaxian-departments-2022");
        var bureau = await walk.UnitAsync("补报混报局", "Department", "县直单位");
        var code = await CodeOfAsync(walk, bureau.Id);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var good = CreditCode("91410425MA40000F1");
        string Line(int n) => Row($"郏县第{n}公司", good, "", Number(tag, n), "2026-03-02", "2026-03-05", code);
        await UploadAsync(walk.Admin, Csv(Line(2), Line(4)), "首报.csv");

        // Written first, the unique index finds numbers 2 and 4; the write is rolled back and the file finished again.
        var again = await UploadAsync(walk.Admin, Csv(Line(1), Line(2), Line(3), Line(4), Line(5)), $"补报{tag}.csv");

        (again.Upload.Rows, again.Upload.Stored, again.Upload.Refused).ShouldBe((5, 3, 2));
        again.Rejections.Select(r => (r.Row, r.Reason)).ShouldBe([(3, "文书号已报送过，不能重复报送"), (5, "文书号已报送过，不能重复报送")]);
        var records = await (await walk.Admin.GetAsync($"/api/disclosures/records?unitId={bureau.Id}&from=2026-01-01&to=2026-12-31"))
            .ReadAsync<DisclosureRecordsView>();
        records.Records.Select(r => r.DecisionNumber).Order().ShouldBe(new[] { 1, 2, 3, 4, 5 }.Select(n => Number(tag, n)).Order());

        // The rolled-back attempt left nothing: one upload row and one audit event for it, with the counts the office sees.
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChengxinDbContext>();
        var uploads = await db.DisclosureUploads.IgnoreQueryFilters().Where(u => u.FileName == $"补报{tag}.csv")
            .ToListAsync();
        uploads.Select(u => u.Id).ShouldBe([again.Upload.Id]);
        var audit = await db.AuditEvents.IgnoreQueryFilters().Where(e => e.EntityType == "disclosure-upload" && e.EntityId == again.Upload.Id.ToString())
            .ToListAsync();
        audit.Single().After!.ShouldContain("\"Stored\":3");
        (await db.DisclosureRecords.IgnoreQueryFilters().CountAsync(r => r.UploadId == again.Upload.Id)).ShouldBe(3);
        (await AuditChain.VerifyAsync(db, audit.Single().TenantId, default)).ShouldAllBe(v => v.IsIntact);
    }

    [Fact]
    public async Task UploadCsv_ManyRowsWithAResentNumberNearTheEnd_StoresEveryNewRowUnderOneUploadAndTheKeyToItHolds()
    {
        await using var walk = await Walk.StartAsync(app, "jiaxian-departments-2022");
        var bureau = await walk.UnitAsync("大批补报局", "Department", "县直单位");
        var code = await CodeOfAsync(walk, bureau.Id);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var good = CreditCode("91410425MA40000K1");
        string Line(int n) => Row($"郏县第{n}公司", good, "", Number(tag, n), "2026-03-02", "2026-03-05", code);
        await UploadAsync(walk.Admin, Csv(Line(9_000)), "首报.csv");

        // Several thousand rows: on PostgreSQL the first are written while the rest are read, and the re-sent number near the
        // end is found after that; the written rows go back and the file is stored again without it.
        var again = await UploadAsync(walk.Admin, Csv([.. Enumerable.Range(1, 9_500).Select(Line)]), $"大批{tag}.csv");

        (again.Upload.Rows, again.Upload.Stored, again.Upload.Refused).ShouldBe((9_500, 9_499, 1));
        again.Rejections.Single().Row.ShouldBe(9_001);
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChengxinDbContext>();
        (await db.DisclosureRecords.IgnoreQueryFilters().CountAsync(r => r.UploadId == again.Upload.Id)).ShouldBe(9_499);
        (await db.DisclosureUploads.IgnoreQueryFilters().CountAsync(u => u.FileName == $"大批{tag}.csv")).ShouldBe(1);
        (await db.AuditEvents.IgnoreQueryFilters().CountAsync(e => e.EntityType == "disclosure-upload" && e.EntityId == again.Upload.Id.ToString()))
            .ShouldBe(1);

        // The intake alone waits for its upload row: any other write naming an upload that does not exist is refused at once.
        var tenant = await db.DisclosureUploads.IgnoreQueryFilters().Where(u => u.Id == again.Upload.Id).Select(u => u.TenantId).SingleAsync();
        var orphan = new DisclosureRecordRow
        {
            TenantId = tenant, UploadId = again.Upload.Id + 1_000_000, DepartmentUnitId = bureau.Id, Kind = "penalty",
            DecisionNumber = Number(tag, 0), SubjectName = "郏县孤儿公司", SubjectCode = good, Agency = "县市场监督管理局",
            DecisionDate = new DateOnly(2026, 3, 2), ReportedOn = new DateOnly(2026, 3, 5),
        };
        db.DisclosureRecords.Add(orphan);
        await Should.ThrowAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task Upload_AllOrNothingWithAResentNumber_StoresNothingAndNamesTheResentRow()
    {
        await using var walk = await Walk.StartAsync(app, "jiaxian-departments-2022");
        var bureau = await walk.UnitAsync("整表重报局", "Department", "县直单位");
        var code = await CodeOfAsync(walk, bureau.Id);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var good = CreditCode("91410425MA40000G1");
        string Line(int n) => Row($"郏县第{n}公司", good, "", Number(tag, n), "2026-03-02", "2026-03-05", code);
        await UploadAsync(walk.Admin, Csv(Line(3)), "首报.csv");

        var again = await UploadAsync(walk.Admin, Csv(Line(1), Line(2), Line(3)), "整表重报.csv", allOrNothing: true);

        (again.Upload.Rows, again.Upload.Stored, again.Upload.Refused).ShouldBe((3, 0, 1));
        again.Rejections.Single().Row.ShouldBe(4);
        var records = await (await walk.Admin.GetAsync($"/api/disclosures/records?unitId={bureau.Id}&from=2026-01-01&to=2026-12-31"))
            .ReadAsync<DisclosureRecordsView>();
        records.Records.Select(r => r.DecisionNumber).ShouldBe([Number(tag, 3)]);
    }

    [Fact]
    public async Task UploadXlsx_IsReadFromItsFirstSheet()
    {
        await using var walk = await Walk.StartAsync(app, "jiaxian-departments-2022");
        var bureau = await walk.UnitAsync("表格报送局", "Department", "县直单位");
        var code = await CodeOfAsync(walk, bureau.Id);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var workbook = Xlsx.Write("许可", Header.Split(','),
            [["郏县某某餐饮店", "", IdNumber("41042519800101001"), Number(tag, 1), "2026-03-02", "2026-03-03", "县市场监督管理局", code, "行政许可"]]);

        var result = await UploadAsync(walk.Admin, workbook, "许可.xlsx");

        (result.Upload.Format, result.Upload.Stored, result.Rejections.Count).ShouldBe(("xlsx", 1, 0));
        var record = (await (await walk.Admin.GetAsync($"/api/disclosures/records?unitId={bureau.Id}&from=2026-01-01&to=2026-12-31"))
            .ReadAsync<DisclosureRecordsView>()).Records.Single();
        (record.Kind, record.Standing).ShouldBe(("行政许可", "按时"));
    }

    [Fact]
    public async Task Upload_AllOrNothingWithOneBadRow_StoresNoRecord()
    {
        await using var walk = await Walk.StartAsync(app, "jiaxian-departments-2022");
        var bureau = await walk.UnitAsync("整表报送局", "Department", "县直单位");
        var code = await CodeOfAsync(walk, bureau.Id);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var good = CreditCode("91410425MA40000C1");

        var result = await UploadAsync(walk.Admin, Csv(
            Row("郏县甲公司", good, "", Number(tag, 1), "2026-03-02", "2026-03-03", code),
            Row("郏县乙公司", good, "", Number(tag, 2), "2026-03-02", "", code)), "整表.csv", allOrNothing: true);

        (result.Upload.Stored, result.Upload.Refused, result.Rejections.Single().Reason).ShouldBe((0, 1, "必填项为空"));
        var statistics = await (await walk.Admin.GetAsync("/api/disclosures/statistics?from=2026-01-01&to=2026-12-31")).ReadAsync<DisclosureStatisticsView>();
        // Nothing of the file was reported, so nothing counts against the department either, not even the refused row.
        statistics.Departments.ShouldNotContain(d => d.UnitId == bureau.Id);
    }

    [Fact]
    public async Task Push_WithApiTokenAndNoCookie_StoresRecordsAsAnOutsideSystemWould()
    {
        await using var walk = await Walk.StartAsync(app, "jiaxian-departments-2022");
        var bureau = await walk.UnitAsync("接口推送局", "Department", "县直单位");
        var code = await CodeOfAsync(walk, bureau.Id);
        var token = await (await walk.Admin.PostJsonAsync("/api/tokens", new TokenEndpoints.CreateTokenRequest("市信用平台推送", 30)))
            .ReadAsync<TokenEndpoints.CreatedTokenResponse>();
        using var platform = app.NewClient();
        platform.DefaultRequestHeaders.Authorization = new("Bearer", token.Secret);
        var tag = Guid.NewGuid().ToString("N")[..8];

        var response = await platform.PostJsonAsync("/api/disclosures/records", new PushDisclosuresRequest(
        [
            new("郏县甲公司", CreditCode("91410425MA40000D1"), null, Number(tag, 1), "2026-03-02", "2026-03-20", "县市场监督管理局", code, "行政处罚"),
            new("郏县乙公司", Flip(CreditCode("91410425MA40000D1")), null, Number(tag, 2), "2026-03-02", "2026-03-03", "县市场监督管理局", code, "行政处罚"),
        ], false, "3月推送"));

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var result = await response.ReadAsync<DisclosureUploadView>();
        (result.Upload.Format, result.Upload.Stored, result.Rejections.Single().Row).ShouldBe(("api", 1, 3));
        var statistics = await (await walk.Admin.GetAsync("/api/disclosures/statistics?from=2026-03-01&to=2026-03-31")).ReadAsync<DisclosureStatisticsView>();
        // 2026-03-02 + 7 working days = 03-11; reported 03-20: late. The refused row is the department's 错报.
        var row = statistics.Departments.Single(d => d.UnitId == bureau.Id);
        (row.Records, row.Late, row.Wrong, row.OnTimeShare).ShouldBe((1, 1, 1, 0m));
    }

    [Fact]
    public async Task Provider_UploadsOnlyForItsOwnDepartment_AndReadsOnlyItsOwn()
    {
        await using var walk = await Walk.StartAsync(app, "jiaxian-departments-2022");
        var own = await walk.UnitAsync("自报局", "Department", "县直单位");
        var other = await walk.UnitAsync("他报局", "Department", "县直单位");
        var provider = await walk.UserAsync("sgs-provider-" + Guid.NewGuid().ToString("N")[..6], "自报局报送员", Roles.DataProvider, own.Id, ScopeKind.Subtree);
        var (ownCode, otherCode) = (await CodeOfAsync(walk, own.Id), await CodeOfAsync(walk, other.Id));
        var tag = Guid.NewGuid().ToString("N")[..8];
        var good = CreditCode("91410425MA40000E1");

        var result = await UploadAsync(provider, Csv(
            Row("郏县甲公司", good, "", Number(tag, 1), "2026-03-02", "2026-03-03", ownCode),
            Row("郏县乙公司", good, "", Number(tag, 2), "2026-03-02", "2026-03-03", otherCode)), "本局.csv");

        (result.Upload.Stored, result.Rejections.Single().Reason).ShouldBe((1, "不能报送其他单位（他报局）的记录，只能报送本单位的"));
        (await provider.GetAsync($"/api/disclosures/records?unitId={other.Id}&from=2026-01-01&to=2026-12-31")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var seen = await (await provider.GetAsync("/api/disclosures/statistics?from=2026-01-01&to=2026-12-31")).ReadAsync<DisclosureStatisticsView>();
        seen.Departments.Select(d => d.UnitId).ShouldBe([own.Id]);
        // The office's settings and findings are not a department's to change.
        (await provider.PutJsonAsync("/api/disclosures/settings", new SaveDisclosureSettingsRequest(null, 5, null, null, 0))).StatusCode
            .ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Statistics_YearMissingFromTheCalendar_IsAnErrorNotAGuess()
    {
        await using var walk = await Walk.StartAsync(app, "jiaxian-departments-2022");
        var bureau = await walk.UnitAsync("远期报送局", "Department", "县直单位");
        var code = await CodeOfAsync(walk, bureau.Id);
        var tag = Guid.NewGuid().ToString("N")[..8];
        await UploadAsync(walk.Admin, Csv(Row("郏县甲公司", CreditCode("91410425MA40000F1"), "", Number(tag, 1), "2031-03-03", "2031-03-04", code)), "远期.csv");

        var problem = await (await walk.Admin.GetAsync("/api/disclosures/statistics?from=2031-01-01&to=2031-12-31")).ProblemAsync(HttpStatusCode.Conflict);

        problem.GetProperty("detail").GetString()!.ShouldContain("未包含 2031 年的节假日安排");
    }

    [Fact]
    public async Task Finding_MarksARecordAsMissingOnce_SecondIsRefused()
    {
        await using var walk = await Walk.StartAsync(app, "jiaxian-departments-2022");
        var bureau = await walk.UnitAsync("抽查比对局", "Department", "县直单位");
        var code = await CodeOfAsync(walk, bureau.Id);
        var tag = Guid.NewGuid().ToString("N")[..8];
        await UploadAsync(walk.Admin, Csv(Row("郏县甲公司", CreditCode("91410425MA40000G1"), "", Number(tag, 1), "2026-03-02", "2026-03-03", code)), "比对.csv");
        var record = (await (await walk.Admin.GetAsync($"/api/disclosures/records?unitId={bureau.Id}&from=2026-01-01&to=2026-12-31"))
            .ReadAsync<DisclosureRecordsView>()).Records.Single();

        var found = await (await walk.Admin.PostJsonAsync($"/api/disclosures/records/{record.Id}/finding",
            new RecordDisclosureFindingRequest("省信息中心2026年3月抽查比对通报：该条漏报属实"))).ReadAsync<DisclosureRecordView>();
        found.Standing.ShouldBe("漏报");
        await (await walk.Admin.PostJsonAsync($"/api/disclosures/records/{record.Id}/finding", new RecordDisclosureFindingRequest("再次")))
            .ProblemAsync(HttpStatusCode.Conflict);

        var row = (await (await walk.Admin.GetAsync("/api/disclosures/statistics?from=2026-01-01&to=2026-12-31")).ReadAsync<DisclosureStatisticsView>())
            .Departments.Single(d => d.UnitId == bureau.Id);
        (row.Records, row.OnTime, row.Missing).ShouldBe((1, 0, 1));
    }

    [Fact]
    public async Task Settings_OfficeAddsAYearWithAMakeUpDay_LatenessFollowsIt_AndAStaleSaveGets409()
    {
        await using var walk = await Walk.StartAsync(app, "jiaxian-departments-2022");
        var bureau = await walk.UnitAsync("日历调整局", "Department", "县直单位");
        var code = await CodeOfAsync(walk, bureau.Id);
        var tag = Guid.NewGuid().ToString("N")[..8];
        // 2032-01-02 (Fri) + 7 working days, with Saturday 01-10 worked (调休) and 01-12 off: due 01-13, reported 01-13 on time.
        await UploadAsync(walk.Admin, Csv(Row("郏县甲公司", CreditCode("91410425MA40000J1"), "", Number(tag, 1), "2032-01-02", "2032-01-13", code)), "2032.csv");
        await (await walk.Admin.GetAsync("/api/disclosures/statistics?from=2032-01-01&to=2032-12-31")).ProblemAsync(HttpStatusCode.Conflict);

        var settings = await (await walk.Admin.GetAsync("/api/disclosures/settings")).ReadAsync<DisclosureSettingsView>();
        var calendar = settings.Calendar.TrimEnd() + "\n  2032:\n    holidays: [2032-01-01, 2032-01-12]\n    workdays: [2032-01-10]\n";
        var saved = await (await walk.Admin.PutJsonAsync("/api/disclosures/settings",
            new SaveDisclosureSettingsRequest(null, null, null, calendar, settings.Version))).ReadAsync<DisclosureSettingsView>();
        saved.CalendarYears.ShouldContain(2032);
        await (await walk.Admin.PutJsonAsync("/api/disclosures/settings", new SaveDisclosureSettingsRequest(null, null, null, calendar, settings.Version)))
            .ProblemAsync(HttpStatusCode.Conflict);

        var record = (await (await walk.Admin.GetAsync($"/api/disclosures/records?unitId={bureau.Id}&from=2032-01-01&to=2032-12-31"))
            .ReadAsync<DisclosureRecordsView>()).Records.Single();
        (record.Due, record.Standing).ShouldBe((new DateOnly(2032, 1, 13), "按时"));
    }

    private static async Task<string> CodeOfAsync(Walk walk, long unitId) =>
        (await (await walk.Admin.GetAsync($"/api/units/{unitId}")).ReadAsync<Features.Units.UnitResponse>()).Code!;
}

[Collection(SqliteCollection.Name)]
public sealed class DisclosureIntakeTestsOnSqlite(SqliteApp app) : DisclosureIntakeTests(app);

[Collection(PostgresCollection.Name)]
public sealed class DisclosureIntakeTestsOnPostgres(PostgresApp app) : DisclosureIntakeTests(app);
