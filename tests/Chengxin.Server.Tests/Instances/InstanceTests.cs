using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Auth;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Features.Submissions;
using Chengxin.Server.Features.Units;
using Chengxin.Server.Infrastructure;
using Chengxin.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Chengxin.Server.Tests.Instances;

/// <summary>
/// Several instances behind a proxy (issue 19): a session made on one is good on the other, cookie and antiforgery token
/// alike, and ends on both at sign-out; a file uploaded through one downloads through the other; instances started at once on
/// a fresh database apply every migration once.
/// </summary>
public abstract class InstanceTests(TwoInstances instances)
{
    private static readonly byte[] MinimalPdf = Encoding.ASCII.GetBytes(
        "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    private static Task SignInAsync(Browser browser, string userName) => browser.Client.SignInAsync(userName);

    private Task<HttpResponseMessage> CreateUnitAsync(HttpClient client, string name) =>
        client.PostJsonAsync("/api/units", new CreateUnitRequest(instances.World.Unit("A-C1").Id, name, "I" + Guid.NewGuid().ToString("N")[..10], "Town", "乡镇"));

    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 1)]
    public async Task SignIn_OnOneInstance_TheOtherAcceptsTheCookieAndTheAntiforgeryToken(int signInOn, int callOn)
    {
        using var browser = instances.NewBrowser();
        browser.Target = signInOn;
        await SignInAsync(browser, "a-admin");

        browser.Target = callOn;
        var me = await (await browser.Client.GetAsync("/api/auth/me")).ReadAsync<AuthEndpoints.MeResponse>();
        me.UserName.ShouldBe("a-admin");
        // A write needs the antiforgery token the first instance issued; the second checks it against the shared key ring.
        var created = await CreateUnitAsync(browser.Client, $"跨实例新建{signInOn}{callOn}");
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        // The token is what makes the write pass there: without it the same session is refused, and nothing is created.
        browser.Client.DefaultRequestHeaders.Remove(AntiforgeryCheck.HeaderName);
        (await CreateUnitAsync(browser.Client, "无防伪令牌")).IsSuccessStatusCode.ShouldBeFalse();
        await using var scope = instances.Second.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<ChengxinDbContext>().Units.IgnoreQueryFilters().AnyAsync(u => u.Name == "无防伪令牌")).ShouldBeFalse();
    }

    [Fact]
    public async Task SignOut_OnOneInstance_EndsTheSessionOnTheOther()
    {
        using var browser = instances.NewBrowser();
        browser.Target = 1;
        await SignInAsync(browser, "a-leader");
        using var replayed = browser.CopyTo(instances.First);
        (await replayed.GetAsync("/api/auth/me")).StatusCode.ShouldBe(HttpStatusCode.OK);

        browser.Target = 2;
        (await browser.Client.PostAsync("/api/auth/logout", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        // The security stamp is the account's, in the database: the first instance refuses the copy at its next request.
        (await replayed.GetAsync("/api/auth/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Upload_OnOneInstance_DownloadsFromTheOther()
    {
        using var admin = instances.NewBrowser();
        await SignInAsync(admin, "a-admin");
        var unit = instances.World.Unit("A-C1-T1").Id;
        var campaign = await (await admin.Client.PostJsonAsync("/api/campaigns", CampaignTests.OpenRequest("跨实例佐证", [unit],
            evidenceDue: instances.Clock.GetUtcNow().AddDays(5).ToString("o")))).ReadAsync<CampaignResponse>();
        (await admin.Client.PostAsync($"/api/campaigns/{campaign.Id}/open", null)).EnsureSuccessStatusCode();
        var url = $"/api/campaigns/{campaign.Id}/units/{unit}/submission";

        using var liaison = instances.NewBrowser();
        await SignInAsync(liaison, "u-a-c1-t1");
        var bytes = MinimalPdf.Concat(Encoding.ASCII.GetBytes($"% {Guid.NewGuid()}\n")).ToArray();
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var uploaded = await liaison.Client.PostAsync($"{url}/items/2.1/evidence?fileName={Uri.EscapeDataString("跨实例.pdf")}", content);
        uploaded.StatusCode.ShouldBe(HttpStatusCode.Created, await uploaded.Content.ReadAsStringAsync());
        var receipt = await uploaded.ReadAsync<EvidenceReceipt>();

        liaison.Target = 2;
        var download = await liaison.Client.GetAsync($"{url}/evidence/{receipt.Id}");
        download.StatusCode.ShouldBe(HttpStatusCode.OK, await download.Content.ReadAsStringAsync());
        (await download.Content.ReadAsByteArrayAsync()).ShouldBe(bytes);
        var submission = await (await liaison.Client.GetAsync(url)).ReadAsync<SubmissionResponse>();
        submission.Items.Single(i => i.ItemId == "2.1").Evidence.Select(e => e.Sha256).ShouldContain(receipt.Sha256);

        // Where the bytes are is the configured store's: the shared folder of one machine, or the database of several.
        var inSecondFolder = File.Exists(Path.Combine(instances.DataFolderOf(2), "content", receipt.Sha256[..2], receipt.Sha256));
        inSecondFolder.ShouldBe(instances.EvidenceStoreSetting == EvidenceContent.Folder);
    }

    [Fact]
    public async Task Start_TwoInstancesAtOnceOnAFreshDatabase_EachMigrationIsAppliedOnce()
    {
        // The fixture started both instances at the same moment on a database nobody had migrated.
        (await instances.First.CreateClient().GetAsync("/health")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await instances.Second.CreateClient().GetAsync("/health")).StatusCode.ShouldBe(HttpStatusCode.OK);

        await using var scope = instances.Second.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChengxinDbContext>();
        var applied = await db.Database.SqlQueryRaw<int>("SELECT version AS \"Value\" FROM schema_version ORDER BY version").ToListAsync();
        applied.ShouldBe(DatabaseMigrator.Scripts(instances.Provider == "PostgreSQL" ? "Postgres" : "Sqlite").Select(s => s.Version).ToList());
        // One key ring for both: the keys either instance created are in the database the other reads.
        (await db.DataProtectionKeys.CountAsync()).ShouldBeGreaterThan(0);
    }
}

public sealed class InstanceTestsOnSqlite(TwoInstancesOnSqlite instances) : InstanceTests(instances), IClassFixture<TwoInstancesOnSqlite>;

public sealed class InstanceTestsOnPostgres(TwoInstancesOnPostgres instances) : InstanceTests(instances), IClassFixture<TwoInstancesOnPostgres>;
