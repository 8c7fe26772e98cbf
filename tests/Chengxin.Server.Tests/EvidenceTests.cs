using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Features.Submissions;
using Chengxin.Server.Tests.Infrastructure;

namespace Chengxin.Server.Tests;

/// <summary>Evidence upload: real type by magic bytes, stored once by SHA-256, always downloaded as an attachment.</summary>
public abstract class EvidenceTests(AppFixture app)
{
    private static readonly byte[] MinimalPdf = Encoding.ASCII.GetBytes(
        "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    private static readonly byte[] PngHeader = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];

    private async Task<string> OpenCampaignUrlAsync()
    {
        var admin = await app.SessionAsync("a-admin");
        var campaign = await (await admin.PostJsonAsync("/api/campaigns", CampaignTests.OpenRequest("佐证测试", [app.World.Unit("A-C1-T1").Id],
            evidenceDue: app.Clock.GetUtcNow().AddDays(5).ToString("o")))).ReadAsync<CampaignResponse>();
        (await admin.PostAsync($"/api/campaigns/{campaign.Id}/open", null)).EnsureSuccessStatusCode();
        return $"/api/campaigns/{campaign.Id}/units/{app.World.Unit("A-C1-T1").Id}/submission";
    }

    private static Task<HttpResponseMessage> UploadAsync(HttpClient client, string url, string item, string fileName, byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return client.PostAsync($"{url}/items/{item}/evidence?fileName={Uri.EscapeDataString(fileName)}", content);
    }

    [Fact]
    public async Task GoodPdf_ReceiptCarriesItsSha256_DownloadIsAnAttachmentWithTheStoredType()
    {
        var url = await OpenCampaignUrlAsync();
        var liaison = await app.SessionAsync("a-liaison");

        var response = await UploadAsync(liaison, url, "2.1", "工作总结.pdf", MinimalPdf);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var receipt = await response.ReadAsync<EvidenceReceipt>();

        receipt.Sha256.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(MinimalPdf)));
        receipt.ContentType.ShouldBe("application/pdf");
        receipt.Size.ShouldBe(MinimalPdf.Length);
        receipt.FileName.ShouldBe("工作总结.pdf");
        File.Exists(Path.Combine(app.DataFolder, "content", receipt.Sha256[..2], receipt.Sha256)).ShouldBeTrue();

        var download = await liaison.GetAsync($"{url}/evidence/{receipt.Id}");
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        download.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        download.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        download.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
        (await download.Content.ReadAsByteArrayAsync()).ShouldBe(MinimalPdf);

        var submission = await (await liaison.GetAsync(url)).ReadAsync<SubmissionResponse>();
        submission.Items.Single(i => i.ItemId == "2.1").Evidence.Select(e => e.Sha256).ShouldBe([receipt.Sha256]);
    }

    [Fact]
    public async Task WrongMagicNumber_Returns400NamingTheReason()
    {
        var url = await OpenCampaignUrlAsync();
        var liaison = await app.SessionAsync("a-liaison");
        byte[] executable = [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00];

        var problem = await (await UploadAsync(liaison, url, "2.1", "总结.pdf", executable)).ProblemAsync(HttpStatusCode.BadRequest);
        var reason = problem.GetProperty("errors").GetProperty("file")[0].GetString()!;
        reason.ShouldContain("4D5A9000");
        reason.ShouldContain("不是允许的类型");

        var renamed = await (await UploadAsync(liaison, url, "2.1", "截图.pdf", PngHeader)).ProblemAsync(HttpStatusCode.BadRequest);
        renamed.GetProperty("errors").GetProperty("file")[0].GetString()!.ShouldBe("文件扩展名为 .pdf，但内容是 PNG；请上传与扩展名一致的文件。");

        var plainZip = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(plainZip, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
            zip.CreateEntry("payload.exe");
        await (await UploadAsync(liaison, url, "2.1", "表格.xlsx", plainZip.ToArray())).ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task SameFileTwice_IsStoredOnce_HtmlIsOnlyEverPlainTextToDownload()
    {
        var url = await OpenCampaignUrlAsync();
        var liaison = await app.SessionAsync("a-liaison");
        var html = Encoding.UTF8.GetBytes("<html><body><script>alert('x' + Date())</script></body></html>" + Guid.NewGuid());

        var first = await (await UploadAsync(liaison, url, "2.1", "说明.txt", html)).ReadAsync<EvidenceReceipt>();
        var second = await (await UploadAsync(liaison, url, "2.2", "说明副本.txt", html)).ReadAsync<EvidenceReceipt>();

        second.Sha256.ShouldBe(first.Sha256);
        second.Id.ShouldNotBe(first.Id);
        Directory.GetFiles(Path.Combine(app.DataFolder, "content", first.Sha256[..2]), first.Sha256 + "*").Length.ShouldBe(1);
        var download = await liaison.GetAsync($"{url}/evidence/{first.Id}");
        download.Content.Headers.ContentType!.MediaType.ShouldBe("text/plain");
        download.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        download.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
    }

    [Fact]
    public async Task FileOverTheLimit_Returns413()
    {
        var url = await OpenCampaignUrlAsync();
        var liaison = await app.SessionAsync("a-liaison");
        var tooLarge = new byte[EvidenceStore.DefaultMaxBytes + 1];
        MinimalPdf.CopyTo(tooLarge, 0);
        await (await UploadAsync(liaison, url, "2.1", "大文件.pdf", tooLarge)).ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Liaison_OtherUnitsEvidence_Gets404()
    {
        var liaison = await app.SessionAsync("a-liaison");
        var other = app.World.Unit("A-C1-T2");
        await (await liaison.GetAsync($"/api/campaigns/{app.World.CampaignsByUnit["A-C1-T2"]}/units/{other.Id}/submission/evidence/{app.World.EvidenceByUnit["A-C1-T2"]}"))
            .ProblemAsync(HttpStatusCode.NotFound);
        // Its own unit's file, asked for through another unit's path, is not found either.
        await (await liaison.GetAsync($"/api/campaigns/{app.World.CampaignsByUnit["A-C1-T2"]}/units/{other.Id}/submission/evidence/{app.World.EvidenceByUnit["A-C1-T1"]}"))
            .ProblemAsync(HttpStatusCode.NotFound);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class EvidenceTestsOnSqlite(SqliteApp app) : EvidenceTests(app);

[Collection(PostgresCollection.Name)]
public sealed class EvidenceTestsOnPostgres(PostgresApp app) : EvidenceTests(app);
