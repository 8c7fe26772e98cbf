using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Chengxin.Domain.Scoring;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Features.Letters;
using Chengxin.Server.Features.Providers;
using Chengxin.Server.Features.Submissions;
using Chengxin.Server.Features.Units;
using Chengxin.Server.Features.Users;
using Chengxin.Server.Infrastructure;
using Chengxin.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Chengxin.Server.Tests;

/// <summary>
/// What a unit submits besides facts (the liaison table and the commitment letter), the data providers' grid,
/// and the supplier check: who may enter which fact.
/// </summary>
public abstract class CollectionTests(AppFixture app)
{
    private long T1 => app.World.Unit("A-C1-T1").Id;
    private long T2 => app.World.Unit("A-C1-T2").Id;

    private static string UnitUrl(long campaignId, long unitId) => $"/api/campaigns/{campaignId}/units/{unitId}";

    /// <summary>An open campaign on seed 004 towns with A-C1-T1 and A-C1-T2; the liaison table and evidence due where given.</summary>
    private async Task<CampaignResponse> OpenCampaignAsync(DateTimeOffset? liaisonDue = null, DateTimeOffset? evidenceDue = null,
        string period = "2022Q1", long? baselineCampaignId = null)
    {
        var admin = await app.SessionAsync("a-admin");
        var now = app.Clock.GetUtcNow();
        var request = new OpenCampaignRequest("收集测试", TestWorld.SchemeId, period, [T1, T2], null, null, null,
            new ScheduleRequest((liaisonDue ?? now.AddDays(5)).ToString("o", CultureInfo.InvariantCulture),
                (evidenceDue ?? now.AddDays(10)).ToString("o", CultureInfo.InvariantCulture), null, null, 10), null, 0.2m, true, baselineCampaignId);
        var created = await admin.PostJsonAsync("/api/campaigns", request);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var campaign = await created.ReadAsync<CampaignResponse>();
        return await (await admin.PostAsync($"/api/campaigns/{campaign.Id}/open", null)).ReadAsync<CampaignResponse>();
    }

    /// <summary>A department named as the scheme names a supplier, with a data-provider account that sees only its own unit.</summary>
    private async Task<(HttpClient Client, UnitResponse Unit)> ProviderAsync(string departmentName)
    {
        var admin = await app.SessionAsync("a-admin");
        var unit = await (await admin.PostJsonAsync("/api/units", new CreateUnitRequest(app.World.Unit("A-C1").Id, departmentName,
            "PV" + Guid.NewGuid().ToString("N")[..10], "Department", null))).ReadAsync<UnitResponse>();
        var userName = "pv" + Guid.NewGuid().ToString("N")[..10];
        var created = await admin.PostJsonAsync("/api/users", new CreateUserRequest(userName, departmentName + "数据员", TestWorld.Password, unit.Id,
            Roles.DataProvider, ScopeKind.OwnUnit, null));
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return (await app.SignInAsync(userName), unit);
    }

    private static ByteArrayContent Octets(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return content;
    }

    private static LiaisonTableRequest Contact(string mobile = "13812345678", string email = "liaison@example.gov.cn") =>
        new("张三", "办公室主任", "0456-8221234", mobile, email);

    [Fact]
    public async Task SaveLiaisonTable_ValidContact_IsStampedByTheServer()
    {
        var campaign = await OpenCampaignAsync();
        var liaison = await app.SessionAsync("a-liaison");
        var url = $"{UnitUrl(campaign.Id, T1)}/liaison-table";

        var blank = await (await liaison.GetAsync(url)).ReadAsync<LiaisonTableView>();
        blank.Name.ShouldBeNull();
        blank.TableTitle.ShouldBe("政务诚信评价工作联络员联系表");

        var saved = await (await liaison.PutJsonAsync(url, Contact())).ReadAsync<LiaisonTableView>();
        saved.Name.ShouldBe("张三");
        saved.Title.ShouldBe("办公室主任");
        saved.Mobile.ShouldBe("13812345678");
        saved.SubmittedAt.ShouldBe(app.Clock.GetUtcNow());
        saved.IsLate.ShouldBeFalse();
        saved.EnteredBy!.ShouldContain("a-liaison");
        (await (await liaison.GetAsync(url)).ReadAsync<LiaisonTableView>()).Email.ShouldBe("liaison@example.gov.cn");
    }

    [Fact]
    public async Task SaveLiaisonTable_BadMobileAndEmail_Returns400NamingEachField()
    {
        var campaign = await OpenCampaignAsync();
        var liaison = await app.SessionAsync("a-liaison");
        var problem = await (await liaison.PutJsonAsync($"{UnitUrl(campaign.Id, T1)}/liaison-table",
            new LiaisonTableRequest("", "主任", "abc", "12345", "not-an-address"))).ProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        errors.GetProperty("name")[0].GetString()!.ShouldContain("姓名");
        errors.GetProperty("mobile")[0].GetString()!.ShouldContain("手机号码");
        errors.GetProperty("email")[0].GetString()!.ShouldContain("电子邮箱");
        errors.GetProperty("landline")[0].GetString()!.ShouldContain("座机");
    }

    [Theory]
    [InlineData(-1, false, 0)]
    [InlineData(0, false, 0)]
    [InlineData(1, true, 1)]
    public async Task SaveLiaisonTable_AtTheDeadline_OneSecondBeforeAndAfter(int secondsAfterDue, bool late, long lateBy)
    {
        var now = app.Clock.GetUtcNow();
        var campaign = await OpenCampaignAsync(liaisonDue: now.AddSeconds(-secondsAfterDue));
        var liaison = await app.SessionAsync("a-liaison");
        var saved = await (await liaison.PutJsonAsync($"{UnitUrl(campaign.Id, T1)}/liaison-table", Contact())).ReadAsync<LiaisonTableView>();
        saved.IsLate.ShouldBe(late);
        saved.LateBySeconds.ShouldBe(lateBy);
    }

    [Fact]
    public async Task LiaisonTables_OfficeListAndExport_ShowEveryUnitOfTheCampaign()
    {
        var campaign = await OpenCampaignAsync();
        var liaison = await app.SessionAsync("a-liaison");
        (await liaison.PutJsonAsync($"{UnitUrl(campaign.Id, T1)}/liaison-table", Contact())).EnsureSuccessStatusCode();
        var admin = await app.SessionAsync("a-admin");

        var list = await (await admin.GetAsync($"/api/campaigns/{campaign.Id}/liaison-tables")).ReadAsync<List<LiaisonTableView>>();
        list.Select(r => r.UnitId).ShouldBe([T1, T2]);
        list[0].Name.ShouldBe("张三");
        list[1].SubmittedAt.ShouldBeNull();

        var export = await admin.GetAsync($"/api/campaigns/{campaign.Id}/liaison-tables/export");
        export.Content.Headers.ContentType!.MediaType.ShouldBe(Xlsx.ContentType);
        var rows = Xlsx.Read(await export.Content.ReadAsStreamAsync());
        rows[0].ShouldBe(ExportLiaisonTables.ExportHeader);
        rows[1][1].ShouldBe("张三");
        rows[1][4].ShouldBe("13812345678");
        rows[1][7].ShouldBe("按时");
        rows[2][7].ShouldBe("未报送");
    }

    [Fact]
    public async Task Liaison_ReachingAnotherUnitsLetterOrTable_Gets404()
    {
        var campaign = await OpenCampaignAsync();
        var liaison = await app.SessionAsync("a-liaison");
        var other = UnitUrl(campaign.Id, T2);
        await (await liaison.GetAsync($"{other}/commitment-letter")).ProblemAsync(HttpStatusCode.NotFound);
        await (await liaison.PostAsync($"{other}/commitment-letter/accept", null)).ProblemAsync(HttpStatusCode.NotFound);
        await (await liaison.GetAsync($"{other}/liaison-table")).ProblemAsync(HttpStatusCode.NotFound);
        await (await liaison.PutJsonAsync($"{other}/liaison-table", Contact())).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task CommitmentLetter_RenderedAcceptedAndScanUploaded()
    {
        var campaign = await OpenCampaignAsync();
        var liaison = await app.SessionAsync("a-liaison");
        var url = $"{UnitUrl(campaign.Id, T1)}/commitment-letter";

        var letter = await (await liaison.GetAsync(url)).ReadAsync<CommitmentLetterView>();
        letter.Status.ShouldBe("待确认");
        // Seed 004 carries no letter of its own: the standard text of seed 001 附件2, with the unit and the period.
        letter.Text.ShouldContain(app.World.Unit("A-C1-T1").Name);
        letter.Text.ShouldContain("2022年1月1日至2022年3月31日");
        letter.Text.ShouldContain("特此承诺");

        // No scan before the text is accepted.
        await (await liaison.PostAsync($"{url}/scan?fileName=承诺书.pdf", Octets("%PDF-1.4 早"u8.ToArray())))
            .ProblemAsync(HttpStatusCode.Conflict);

        var accepted = await (await liaison.PostAsync($"{url}/accept", null)).ReadAsync<CommitmentLetterView>();
        accepted.AcceptedAt.ShouldBe(app.Clock.GetUtcNow());
        accepted.AcceptedBy!.ShouldContain("a-liaison");
        accepted.Status.ShouldBe("已确认（待上传盖章件）");
        await (await liaison.PostAsync($"{url}/accept", null)).ProblemAsync(HttpStatusCode.Conflict);

        // The type comes from the bytes: a text file named .pdf is refused, and so is a text file as such.
        (await (await liaison.PostAsync($"{url}/scan?fileName=承诺书.pdf", Octets("不是扫描件"u8.ToArray())))
            .ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("file")[0].GetString()!.ShouldContain("PDF");
        (await (await liaison.PostAsync($"{url}/scan?fileName=承诺书.txt", Octets("不是扫描件"u8.ToArray())))
            .ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("file")[0].GetString()!.ShouldContain("扫描件");

        var pdf = "%PDF-1.4 盖章件"u8.ToArray();
        var scanned = await (await liaison.PostAsync($"{url}/scan?fileName=承诺书.pdf", Octets(pdf))).ReadAsync<CommitmentLetterView>();
        scanned.Scan!.Sha256.ShouldBe(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf)));
        scanned.Scan.ContentType.ShouldBe("application/pdf");
        scanned.Status.ShouldBe("已上传盖章件");

        var admin = await app.SessionAsync("a-admin");
        var download = await admin.GetAsync($"{url}/scan");
        (await download.Content.ReadAsByteArrayAsync()).ShouldBe(pdf);
        download.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        // The other town's liaison cannot fetch it; nor can anyone fetch a scan that was never uploaded.
        await (await liaison.GetAsync($"{UnitUrl(campaign.Id, T2)}/commitment-letter/scan")).ProblemAsync(HttpStatusCode.NotFound);
        await (await admin.GetAsync($"{UnitUrl(campaign.Id, T2)}/commitment-letter/scan")).ProblemAsync(HttpStatusCode.NotFound);
        var list = await (await admin.GetAsync($"/api/campaigns/{campaign.Id}/commitment-letters")).ReadAsync<List<CommitmentLetterView>>();
        list.Single(l => l.UnitId == T1).Status.ShouldBe("已上传盖章件");
        list.Single(l => l.UnitId == T2).Status.ShouldBe("待确认");
    }

    [Fact]
    public async Task ProviderDepartment_SignsItsOwnLetter_AndOnlyWhereItSuppliesFacts()
    {
        var campaign = await OpenCampaignAsync();
        var (provider, unit) = await ProviderAsync("县工信局");
        var letter = await (await provider.PostAsync($"{UnitUrl(campaign.Id, unit.Id)}/commitment-letter/accept", null)).ReadAsync<CommitmentLetterView>();
        letter.SignerKind.ShouldBe(SignerAccess.ProviderSigner);
        letter.Text.ShouldContain("县工信局");
        (await (await provider.PutJsonAsync($"{UnitUrl(campaign.Id, unit.Id)}/liaison-table", Contact())).ReadAsync<LiaisonTableView>())
            .SignerKind.ShouldBe(SignerAccess.ProviderSigner);

        var admin = await app.SessionAsync("a-admin");
        (await (await admin.GetAsync($"/api/campaigns/{campaign.Id}/commitment-letters")).ReadAsync<List<CommitmentLetterView>>())
            .Single(l => l.UnitId == unit.Id).SignerKind.ShouldBe(SignerAccess.ProviderSigner);

        // A department the scheme does not name has no letter to sign in this campaign.
        var (stranger, strangerUnit) = await ProviderAsync("县档案局");
        await (await stranger.GetAsync($"{UnitUrl(campaign.Id, strangerUnit.Id)}/commitment-letter")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ProviderGrid_ShowsOnlyItsFactsButEveryUnitOfTheCampaign_ThoughItsScopeIsItsOwnUnit()
    {
        var campaign = await OpenCampaignAsync();
        var (provider, _) = await ProviderAsync("县信用办");
        // A provider never reads a unit's submission (it has no submission:read) …
        await (await provider.GetAsync($"{UnitUrl(campaign.Id, T1)}/submission")).ProblemAsync(HttpStatusCode.Forbidden);

        // … yet its grid lists every unit of the campaign, with only the facts the scheme says 县信用办 supplies.
        var grid = await (await provider.GetAsync($"/api/campaigns/{campaign.Id}/provider-grid")).ReadAsync<ProviderGridView>();
        grid.ProviderName.ShouldBe("县信用办");
        grid.Columns.Select(c => c.FactKey).ShouldBe(["reports_on_time"]);
        grid.Rows.Select(r => r.UnitId).ShouldBe([T1, T2]);
        grid.Rows.ShouldAllBe(r => r.Cells.Count == 1 && r.Cells[0].Value == null);

        // A unit's own answers never appear in a provider's grid.
        var admin = await app.SessionAsync("a-admin");
        (await admin.PutJsonAsync($"{UnitUrl(campaign.Id, T1)}/submission/items/1.1",
            new SaveItemRequest(new() { ["work_rules"] = JsonSerializer.SerializeToElement(true) }, "单位自填"))).EnsureSuccessStatusCode();
        // A value of the wrong type is refused naming the unit, the item and the field in words, not the scheme's key or a number.
        (await (await admin.PutJsonAsync($"{UnitUrl(campaign.Id, T1)}/submission/items/1.1",
            new SaveItemRequest(new() { ["work_rules"] = JsonSerializer.SerializeToElement(3) }, "单位自填"))).ProblemAsync(HttpStatusCode.BadRequest))
            .GetProperty("errors").GetProperty("facts")[0].GetString()
            .ShouldBe($"单位「{app.World.Unit("A-C1-T1").Name}」指标 1「组织建设情况」的「有工作制度」 应为 true 或 false，实为 3");
        var body = await (await provider.GetAsync($"/api/campaigns/{campaign.Id}/provider-grid")).Content.ReadAsStringAsync();
        body.ShouldNotContain("work_rules");
        body.ShouldNotContain("单位自填");
    }

    [Fact]
    public async Task ProviderGrid_SavedCells_FlowIntoTheUnitsScoreWithTheProviderAsSource()
    {
        var campaign = await OpenCampaignAsync();
        var (provider, _) = await ProviderAsync("县信用办");
        var url = $"/api/campaigns/{campaign.Id}/provider-grid";
        var saved = (await (await provider.PutJsonAsync($"{url}/cells", new ProviderCellsRequest(
            [new(T1, "reports_on_time", JsonSerializer.SerializeToElement(7)), new(T2, "reports_on_time", JsonSerializer.SerializeToElement(3))])))
            .ReadAsync<ProviderGridSaved>()).Grid;
        saved.Rows.Single(r => r.UnitId == T1).Cells[0].Value!.Value.GetInt32().ShouldBe(7);
        saved.Rows.Single(r => r.UnitId == T1).Cells[0].EnteredBy!.ShouldStartWith("县信用办");

        // 2.1: seven reports on time → 7 × 1 = 7, in the unit's own self-score, entered by the provider.
        var admin = await app.SessionAsync("a-admin");
        var submission = await (await admin.GetAsync($"{UnitUrl(campaign.Id, T1)}/submission")).ReadAsync<SubmissionResponse>();
        var item = submission.Items.Single(i => i.ItemId == "2.1");
        item.Score.ShouldBe(7m);
        item.Facts.Single(f => f.Key == "reports_on_time").EnteredRole.ShouldBe(Roles.DataProvider);
        // With 3.1's 5 (信用良好: no confirmed list hit, the platform's own fact) the self-score is 12.
        submission.SelfScore.Total.ShouldBe(12m);

        // All or nothing, a wrong value or another supplier's fact: 400 naming it, and nothing of the request is written.
        var bad = await (await provider.PutJsonAsync($"{url}/cells", new ProviderCellsRequest(
            [new(T1, "reports_on_time", JsonSerializer.SerializeToElement(1)), new(T2, "reports_on_time", JsonSerializer.SerializeToElement("三"))], true)))
            .ProblemAsync(HttpStatusCode.BadRequest);
        bad.GetProperty("errors").GetProperty("cells[1]")[0].GetString()!.ShouldContain("「三」");
        var foreign = await (await provider.PutJsonAsync($"{url}/cells", new ProviderCellsRequest(
            [new(T1, "arrears_to_smes", JsonSerializer.SerializeToElement(true))], true))).ProblemAsync(HttpStatusCode.BadRequest);
        foreign.GetProperty("errors").GetProperty("cells[0]")[0].GetString()!.ShouldContain("县工信局");
        var after = await (await provider.GetAsync(url)).ReadAsync<ProviderGridView>();
        after.Rows.Single(r => r.UnitId == T1).Cells[0].Value!.Value.GetInt32().ShouldBe(7);
    }

    [Fact]
    public async Task ProviderGrid_XlsxRoundTrip_AndABadFileWritesNothing()
    {
        var campaign = await OpenCampaignAsync();
        var (provider, _) = await ProviderAsync("县信用办");
        var url = $"/api/campaigns/{campaign.Id}/provider-grid";
        (await provider.PutJsonAsync($"{url}/cells", new ProviderCellsRequest([new(T1, "reports_on_time", JsonSerializer.SerializeToElement(2))])))
            .EnsureSuccessStatusCode();

        var exported = Xlsx.Read(await (await provider.GetAsync($"{url}/export")).Content.ReadAsStreamAsync());
        exported[0].ShouldBe(["单位名称", "单位编码", "按时向县信用办报送的工作总结、工作简报、宣传稿件篇数"]);
        exported[1].ShouldBe([app.World.Unit("A-C1-T1").Name, "A-C1-T1", "2"]);

        HttpContent Workbook(params string?[][] rows)
        {
            var content = new ByteArrayContent(Xlsx.Write("数据来源", exported[0], rows));
            content.Headers.ContentType = new MediaTypeHeaderValue(Xlsx.ContentType);
            return content;
        }
        var t1 = app.World.Unit("A-C1-T1").Name;
        var t2 = app.World.Unit("A-C1-T2").Name;

        // Rows by name where the code is left blank.
        var imported = await (await provider.PostAsync($"{url}/import", Workbook([t1, "", "5"], [t2, "", "4"]))).ReadAsync<ProviderGridSaved>();
        imported.Grid.Rows.Select(r => r.Cells[0].Value!.Value.GetInt32()).ShouldBe([5, 4]);
        imported.Rejected.ShouldBeEmpty();

        // All or nothing: row 3, column 3 is not a number; the whole file is refused and row 2's change is not written either.
        var bad = await (await provider.PostAsync($"{url}/import?allOrNothing=true", Workbook([t1, "A-C1-T1", "9"], [t2, "A-C1-T2", "四篇"])))
            .ProblemAsync(HttpStatusCode.BadRequest);
        var message = bad.GetProperty("errors").GetProperty("file")[0].GetString()!;
        message.ShouldContain("第 3 行第 3 列");
        message.ShouldContain("四篇");
        var unknownUnit = await (await provider.PostAsync($"{url}/import?allOrNothing=true", Workbook(["无此单位", "", "1"]))).ProblemAsync(HttpStatusCode.BadRequest);
        unknownUnit.GetProperty("errors").GetProperty("file")[0].GetString()!.ShouldContain("第 2 行：「无此单位」不是本批次的参评单位");
        var notAWorkbook = new ByteArrayContent("不是表格"u8.ToArray());
        notAWorkbook.Headers.ContentType = new MediaTypeHeaderValue(Xlsx.ContentType);
        (await (await provider.PostAsync($"{url}/import", notAWorkbook)).ProblemAsync(HttpStatusCode.BadRequest))
            .GetProperty("errors").GetProperty("file")[0].GetString()!.ShouldContain("Excel");

        var after = await (await provider.GetAsync(url)).ReadAsync<ProviderGridView>();
        after.Rows.Select(r => r.Cells[0].Value!.Value.GetInt32()).ShouldBe([5, 4]);
    }

    [Fact]
    public async Task ProviderGrid_SubmitAfterTheDeadline_IsAcceptedAndRecordedAsLate()
    {
        var now = app.Clock.GetUtcNow();
        var campaign = await OpenCampaignAsync(liaisonDue: now.AddDays(-3), evidenceDue: now.AddSeconds(-90));
        var (provider, _) = await ProviderAsync("县信用办");
        (await provider.PutJsonAsync($"/api/campaigns/{campaign.Id}/provider-grid/cells", new ProviderCellsRequest(
            [new(T1, "reports_on_time", JsonSerializer.SerializeToElement(0)), new(T2, "reports_on_time", JsonSerializer.SerializeToElement(2))]))).EnsureSuccessStatusCode();
        var submitted = await (await provider.PostAsync($"/api/campaigns/{campaign.Id}/provider-grid/submit", null)).ReadAsync<ProviderGridView>();
        submitted.SubmittedAt.ShouldBe(now);
        submitted.IsLate.ShouldBeTrue();
        submitted.LateBySeconds.ShouldBe(90);
        submitted.Round.ShouldBe(1);
    }

    [Fact]
    public async Task ProviderGrid_DepartmentTheSchemeDoesNotName_SeesNoCampaign()
    {
        var campaign = await OpenCampaignAsync();
        var (stranger, _) = await ProviderAsync("县档案局");
        await (await stranger.GetAsync($"/api/campaigns/{campaign.Id}/provider-grid")).ProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.PutJsonAsync($"/api/campaigns/{campaign.Id}/provider-grid/cells",
            new ProviderCellsRequest([new(T1, "reports_on_time", JsonSerializer.SerializeToElement(1))]))).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task SaveItem_LiaisonEnteringAProvidersFact_Returns403NamingTheFactAndItsSupplier()
    {
        var campaign = await OpenCampaignAsync();
        var liaison = await app.SessionAsync("a-liaison");
        var url = $"{UnitUrl(campaign.Id, T1)}/submission/items/2.1";
        var problem = await (await liaison.PutJsonAsync(url, new SaveItemRequest(new() { ["reports_on_time"] = JsonSerializer.SerializeToElement(7) }, null)))
            .ProblemAsync(HttpStatusCode.Forbidden);
        var detail = problem.GetProperty("detail").GetString()!;
        // The fact by its label, never by the scheme's key.
        detail.ShouldBe("「按时向县信用办报送的工作总结、工作简报、宣传稿件篇数」由信息来源部门「县信用办」提供，联络员不能填写。");

        // 3.1 is the platform's screening of the list snapshots: nobody enters it, the office neither.
        var screened = await (await liaison.PutJsonAsync($"{UnitUrl(campaign.Id, T1)}/submission/items/3.1",
            new SaveItemRequest(new() { ["listed_dishonest_debtor"] = JsonSerializer.SerializeToElement(false) }, null))).ProblemAsync(HttpStatusCode.BadRequest);
        screened.GetProperty("errors").GetProperty("facts.listed_dishonest_debtor")[0].GetString()!
            .ShouldStartWith("「本单位被列入失信被执行人」由平台统计：是否被列入失信被执行人名单");

        // The office may enter it on the unit's behalf.
        var admin = await app.SessionAsync("a-admin");
        var saved = await (await admin.PutJsonAsync(url, new SaveItemRequest(new() { ["reports_on_time"] = JsonSerializer.SerializeToElement(7) }, null)))
            .ReadAsync<SubmissionResponse>();
        saved.Items.Single(i => i.ItemId == "2.1").Score.ShouldBe(7m);
    }

    [Fact]
    public async Task EvidenceKinds_LinkScreenshotAndLedgerRows_GetReceiptsLikeFiles()
    {
        var campaign = await OpenCampaignAsync();
        var liaison = await app.SessionAsync("a-liaison");
        var url = $"{UnitUrl(campaign.Id, T1)}/submission/items";

        var link = await liaison.PostJsonAsync($"{url}/1.1/links", new EvidenceLinkRequest("https://www.example.gov.cn/xinyong/2022/1.html", "分管领导文件"));
        link.StatusCode.ShouldBe(HttpStatusCode.Created);
        var linkReceipt = await link.ReadAsync<EvidenceReceipt>();
        linkReceipt.Kind.ShouldBe(EvidenceKinds.Link);
        linkReceipt.Url.ShouldBe("https://www.example.gov.cn/xinyong/2022/1.html");
        linkReceipt.FileName.ShouldBe("分管领导文件");
        linkReceipt.Sha256.ShouldBe(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("https://www.example.gov.cn/xinyong/2022/1.html"u8)));
        foreach (var bad in new[] { "javascript:alert(1)", "ftp://example.gov.cn/a", "www.example.gov.cn", "file:///etc/passwd" })
            (await (await liaison.PostJsonAsync($"{url}/1.1/links", new EvidenceLinkRequest(bad, null))).ProblemAsync(HttpStatusCode.BadRequest))
                .GetProperty("errors").GetProperty("url")[0].GetString()!.ShouldContain("http");

        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3];
        var shot = await liaison.PostAsync($"{url}/1.1/screenshots?fileName=电脑.png", Octets(png));
        shot.StatusCode.ShouldBe(HttpStatusCode.Created);
        var shotReceipt = await shot.ReadAsync<EvidenceReceipt>();
        shotReceipt.Kind.ShouldBe(EvidenceKinds.Screenshot);
        shotReceipt.ContentType.ShouldBe("image/png");
        shotReceipt.Sha256.ShouldBe(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(png)));
        (await (await liaison.PostAsync($"{url}/1.1/screenshots?fileName=电脑.png", Octets("%PDF-1.4 不是图片"u8.ToArray())))
            .ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("file")[0].GetString()!.ShouldContain("PNG");

        // 3.3 asks for 投诉受理及整改台账 (form: ledger); 1.1 asks for no ledger.
        var rows = new List<Dictionary<string, JsonElement>>
        {
            new() { ["投诉事项"] = JsonSerializer.SerializeToElement("窗口服务态度"), ["已整改"] = JsonSerializer.SerializeToElement(true) },
            new() { ["投诉事项"] = JsonSerializer.SerializeToElement("办理超时"), ["已整改"] = JsonSerializer.SerializeToElement(false) },
        };
        var ledger = await liaison.PostJsonAsync($"{url}/3.3/ledger-rows", new EvidenceLedgerRequest(null, rows));
        ledger.StatusCode.ShouldBe(HttpStatusCode.Created, await ledger.Content.ReadAsStringAsync());
        var ledgerReceipt = await ledger.ReadAsync<EvidenceReceipt>();
        ledgerReceipt.Kind.ShouldBe(EvidenceKinds.Ledger);
        ledgerReceipt.Rows!.Value.GetArrayLength().ShouldBe(2);
        ledgerReceipt.FileName.ShouldContain("2 行");
        (await (await liaison.PostJsonAsync($"{url}/1.1/ledger-rows", new EvidenceLedgerRequest(null, rows))).ProblemAsync(HttpStatusCode.BadRequest))
            .GetProperty("errors").GetProperty("itemId")[0].GetString()!.ShouldContain("不要求台账");
        await (await liaison.PostJsonAsync($"{url}/3.3/ledger-rows", new EvidenceLedgerRequest(null, []))).ProblemAsync(HttpStatusCode.BadRequest);

        // Every kind is listed with the item and downloads as an attachment, a link as its address.
        var submission = await (await liaison.GetAsync($"{UnitUrl(campaign.Id, T1)}/submission")).ReadAsync<SubmissionResponse>();
        submission.Items.Single(i => i.ItemId == "1.1").Evidence.Select(e => e.Kind).ShouldBe([EvidenceKinds.Link, EvidenceKinds.Screenshot]);
        var download = await liaison.GetAsync($"{UnitUrl(campaign.Id, T1)}/submission/evidence/{linkReceipt.Id}");
        (await download.Content.ReadAsStringAsync()).ShouldBe("https://www.example.gov.cn/xinyong/2022/1.html");
        download.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
    }

    [Fact]
    public async Task Baseline_CopiesFactsAndEvidenceAsDrafts_TheUnitConfirmsBeforeSubmitting()
    {
        var first = await OpenCampaignAsync();
        var liaison = await app.SessionAsync("a-liaison");
        var firstUrl = $"{UnitUrl(first.Id, T1)}/submission";
        (await liaison.PutJsonAsync($"{firstUrl}/items/1.1", new SaveItemRequest(new()
        {
            ["leader_assigned"] = JsonSerializer.SerializeToElement(true), ["lead_office_assigned"] = JsonSerializer.SerializeToElement(true),
            ["liaison_assigned"] = JsonSerializer.SerializeToElement(true), ["dedicated_computer"] = JsonSerializer.SerializeToElement(true),
            ["dedicated_printer"] = JsonSerializer.SerializeToElement(false), ["work_rules"] = JsonSerializer.SerializeToElement(true),
        }, null))).EnsureSuccessStatusCode();
        (await liaison.PutJsonAsync($"{firstUrl}/items/2.5", new SaveItemRequest(null, "本季度尚未开展"))).EnsureSuccessStatusCode();
        var link = await (await liaison.PostJsonAsync($"{firstUrl}/items/1.1/links", new EvidenceLinkRequest("https://example.gov.cn/a", null)))
            .ReadAsync<EvidenceReceipt>();
        var (provider, _) = await ProviderAsync("县信用办");
        (await provider.PutJsonAsync($"/api/campaigns/{first.Id}/provider-grid/cells",
            new ProviderCellsRequest([new(T1, "reports_on_time", JsonSerializer.SerializeToElement(7))]))).EnsureSuccessStatusCode();

        var admin = await app.SessionAsync("a-admin");
        (await (await admin.PostJsonAsync("/api/campaigns", CampaignTests.OpenRequest("无基准", [T1], baseline: 999999)))
            .ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("baselineCampaignId")[0].GetString().ShouldBe("所选的基准批次不存在或不在您的权限范围内。");

        var second = await OpenCampaignAsync(period: "2022Q2", baselineCampaignId: first.Id);
        second.BaselineCampaignId.ShouldBe(first.Id);
        var url = $"{UnitUrl(second.Id, T1)}/submission";
        var draft = await (await liaison.GetAsync(url)).ReadAsync<SubmissionResponse>();
        draft.BaselineCampaignId.ShouldBe(first.Id);
        draft.BaselineConfirmedAt.ShouldBeNull();
        // 1.1: 5 − 1 = 4 as before; 2.1: the provider's 7 carried forward with its provenance; the explanation and the link too.
        draft.Items.Single(i => i.ItemId == "1.1").Score.ShouldBe(4m);
        draft.Items.Single(i => i.ItemId == "2.1").Facts.Single().EnteredRole.ShouldBe(Roles.DataProvider);
        // 4 + 7, and 3.1's 5 that the platform counts (no confirmed list hit): 16.
        draft.SelfScore.Total.ShouldBe(16m);
        draft.Items.Single(i => i.ItemId == "2.5").Explanation.ShouldBe("本季度尚未开展");
        var copied = draft.Items.Single(i => i.ItemId == "1.1").Evidence.Single();
        copied.Sha256.ShouldBe(link.Sha256);
        copied.Url.ShouldBe("https://example.gov.cn/a");
        // The other unit had no answer in the baseline and starts empty.
        (await (await admin.GetAsync($"{UnitUrl(second.Id, T2)}/submission")).ReadAsync<SubmissionResponse>()).BaselineCampaignId.ShouldBeNull();

        (await (await liaison.PostAsync($"{url}/submit", null)).ProblemAsync(HttpStatusCode.Conflict))
            .GetProperty("detail").GetString()!.ShouldContain("确认基准数据");
        var confirmed = await (await liaison.PostAsync($"{url}/confirm-baseline", null)).ReadAsync<SubmissionResponse>();
        confirmed.BaselineConfirmedAt.ShouldBe(app.Clock.GetUtcNow());
        confirmed.BaselineConfirmedBy!.ShouldContain("a-liaison");
        await (await liaison.PostAsync($"{url}/confirm-baseline", null)).ProblemAsync(HttpStatusCode.Conflict);
        (await (await liaison.PostAsync($"{url}/submit", null)).ReadAsync<SubmissionResponse>()).State.ShouldBe(Chengxin.Domain.Campaigns.SubmissionState.Submitted);
        await (await liaison.PostAsync($"{UnitUrl(second.Id, T1)}/submission/confirm-baseline", null)).ProblemAsync(HttpStatusCode.Conflict);

        // The copy and the confirmation are in the audit chain.
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChengxinDbContext>();
        var submission = await db.Submissions.IgnoreQueryFilters().SingleAsync(s => s.CampaignId == second.Id && s.UnitId == T1);
        var events = await db.AuditEvents.IgnoreQueryFilters()
            .Where(e => e.EntityType == "submission" && e.EntityId == submission.Id.ToString(CultureInfo.InvariantCulture)).OrderBy(e => e.Sequence).ToListAsync();
        events.First().Action.ShouldBe("submission.created");
        events.First().After!.ShouldContain($"\"BaselineCampaignId\":{first.Id}");
        events.ShouldContain(e => e.Action == "submission.updated" && e.After!.Contains("BaselineConfirmedAt") && e.Before!.Contains("\"BaselineConfirmedAt\":null"));
        (await db.AuditEvents.IgnoreQueryFilters().CountAsync(e => e.EntityType == "submission-fact" && e.Action == "submission-fact.created" && e.UnitId == T1
            && e.After!.Contains($"\"SubmissionId\":{submission.Id}"))).ShouldBe(7);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class CollectionTestsOnSqlite(SqliteApp app) : CollectionTests(app);

[Collection(PostgresCollection.Name)]
public sealed class CollectionTestsOnPostgres(PostgresApp app) : CollectionTests(app);
