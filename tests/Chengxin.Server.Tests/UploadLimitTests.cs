using System.Net;
using System.Net.Http.Headers;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Infrastructure;
using Chengxin.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Chengxin.Server.Tests;

/// <summary>
/// Issue 11, defect 3: a 21 MB evidence file got the proper 413, a 29–50 MB one 「服务器错误」, because past about 28.6 MB
/// Kestrel itself refused the body and nobody turned that into an answer. The in-memory test server has no such limit,
/// so these run the app on real Kestrel (a second instance on the same database and data folder) and send bodies just
/// over each upload limit and far over it, with and without a declared length.
/// </summary>
public abstract class UploadLimitTests(AppFixture app)
{
    private const long FiftyMegabytes = 50L * 1024 * 1024;

    [Fact]
    public async Task EveryUploadRoute_BodyJustOrFarOverTheLimit_AnswersTheSameChinese413()
    {
        var admin = await app.SessionAsync("a-admin");
        var campaign = await (await admin.PostJsonAsync("/api/campaigns", CampaignTests.OpenRequest("上传上限", [app.World.Unit("A-C1-T1").Id],
            evidenceDue: app.Clock.GetUtcNow().AddDays(5).ToString("o")))).ReadAsync<CampaignResponse>();
        (await admin.PostAsync($"/api/campaigns/{campaign.Id}/open", null)).EnsureSuccessStatusCode();
        var unit = $"/api/campaigns/{campaign.Id}/units/{app.World.Unit("A-C1-T1").Id}";

        await using var kestrel = app.SecondInstance();
        kestrel.UseKestrel(0);
        kestrel.StartServer();
        using var liaison = kestrel.CreateClient();
        liaison.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync("a-liaison"));
        using var office = kestrel.CreateClient();
        office.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync("a-admin"));
        liaison.BaseAddress!.Scheme.ShouldBe("http");

        var evidenceLimit = Features.Submissions.EvidenceStore.DefaultMaxBytes;
        var cases = new List<(HttpClient Client, string Url, string ContentType, long Size, bool Declared, string Limit)>();
        foreach (var (url, size) in new[]
                 {
                     ($"{unit}/submission/items/2.1/evidence?fileName=a.pdf", evidenceLimit + 1),
                     ($"{unit}/submission/items/2.1/evidence?fileName=a.pdf", 29L * 1024 * 1024),
                     ($"{unit}/submission/items/2.1/evidence?fileName=a.pdf", FiftyMegabytes),
                     ($"{unit}/submission/items/2.1/screenshots?fileName=a.png", FiftyMegabytes),
                     ($"{unit}/commitment-letter/scan?fileName=a.pdf", FiftyMegabytes),
                 })
        {
            cases.Add((liaison, url, "application/octet-stream", size, true, "20"));
            cases.Add((liaison, url, "application/octet-stream", size, false, "20"));
        }
        foreach (var url in new[] { "/api/units/import", "/api/users/import" })
        {
            cases.Add((office, url, Xlsx.ContentType, Xlsx.MaxBytes + 1, true, "10"));
            cases.Add((office, url, Xlsx.ContentType, FiftyMegabytes, true, "10"));
            cases.Add((office, url, Xlsx.ContentType, FiftyMegabytes, false, "10"));
        }

        foreach (var (client, url, contentType, size, declared, limit) in cases)
        {
            var bytes = new byte[size];
            "%PDF-1.4\n"u8.CopyTo(bytes);
            HttpContent content = declared ? new ByteArrayContent(bytes) : new StreamContent(new UndeclaredLength(bytes));
            content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            using var response = await SendAsync(client, url, content, $"{url} {size} bytes, length {(declared ? "declared" : "not declared")}");
            var problem = await response.ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
            problem.GetProperty("title").GetString().ShouldBe("上传内容过大", $"{url} {size} bytes");
            problem.GetProperty("detail").GetString().ShouldBe($"文件超过 {limit} MB 的上限，请压缩或拆分后再上传。", $"{url} {size} bytes");
        }
    }

    [Fact]
    public async Task JsonRoute_BodyOverTheServersLimit_Answers413ProblemNot500()
    {
        await using var kestrel = app.SecondInstance();
        kestrel.UseKestrel(0);
        kestrel.StartServer();
        using var office = kestrel.CreateClient();
        office.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync("a-admin"));
        // Kestrel's default limit is 30,000,000 bytes; a name of 40 MB is past it.
        var body = "{\"name\":\"" + new string('x', 40 * 1024 * 1024) + "\"}";

        using var response = await SendAsync(office, "/api/units", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), "40 MB JSON");
        var problem = await response.ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        problem.GetProperty("title").GetString().ShouldBe("上传内容过大");
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string url, HttpContent content, string what)
    {
        try
        {
            return await client.PostAsync(url, content);
        }
        catch (HttpRequestException e)
        {
            throw new ShouldAssertException($"{what}: the connection broke before an answer ({e.Message})", e);
        }
    }

    private async Task<string> TokenAsync(string userName)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AccessScope>().SetSystemActor("测试数据");
        var db = scope.ServiceProvider.GetRequiredService<ChengxinDbContext>();
        var user = app.World.Users[userName];
        var secret = ApiTokenDefaults.NewToken();
        db.ApiTokens.Add(new ApiToken
        {
            TenantId = user.TenantId, UserId = user.Id, Name = "上传上限", Prefix = secret[..9], TokenHash = ApiTokenDefaults.Hash(secret),
            CreatedAt = app.Clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync();
        return secret;
    }

    /// <summary>A body sent chunked, with no Content-Length for the server to judge it by before reading.</summary>
    private sealed class UndeclaredLength(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}

[Collection(SqliteCollection.Name)]
public sealed class UploadLimitTestsOnSqlite(SqliteApp app) : UploadLimitTests(app);

[Collection(PostgresCollection.Name)]
public sealed class UploadLimitTestsOnPostgres(PostgresApp app) : UploadLimitTests(app);
