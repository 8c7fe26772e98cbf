using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Audit;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Features.Results;
using Chengxin.Server.Features.Submissions;
using Chengxin.Server.Features.Units;
using Chengxin.Server.Features.Users;
using Chengxin.Server.Infrastructure;
using Chengxin.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Chengxin.Server.Tests;

/// <summary>
/// What the chain alone cannot show (docs/adr/0003): someone with database access deletes the newest events, rewrites
/// history and recomputes every hash, or edits a published snapshot. Verification finds each through its anchors: the
/// publication events' snapshot hashes and a signed checkpoint kept outside the instance. Each test works in an office of
/// its own on a database of its own (a class fixture), whose append-only triggers the attacker has dropped.
/// </summary>
public abstract class AuditAnchorTests(AppFixture app) : IAsyncLifetime
{
    private sealed record Office(long TenantId, long RootId, HttpClient Admin);

    public async Task InitializeAsync()
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChengxinDbContext>();
        await db.Database.ExecuteSqlRawAsync(db.Database.IsNpgsql()
            ? "DROP TRIGGER IF EXISTS \"AuditEvents_no_update_delete\" ON \"AuditEvents\"; DROP TRIGGER IF EXISTS \"AuditEvents_no_truncate\" ON \"AuditEvents\";"
            : "DROP TRIGGER IF EXISTS \"AuditEvents_no_update\"; DROP TRIGGER IF EXISTS \"AuditEvents_no_delete\";");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>A credit office with a top unit, an admin signed in, and a few units created through the API (so a few events).</summary>
    private async Task<Office> NewOfficeAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        long tenant, root;
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<AccessScope>().SetSystemActor("测试");
            var db = scope.ServiceProvider.GetRequiredService<ChengxinDbContext>();
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var office = new CreditOffice { Name = "锚定测试信用办" + tag, CreatedAt = now };
            db.CreditOffices.Add(office);
            await db.SaveChangesAsync();
            var city = new Unit { TenantId = office.Id, Name = "锚定市" + tag, Level = UnitLevel.City, CreatedAt = now };
            db.Units.Add(city);
            await db.SaveChangesAsync();
            var created = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().CreateAsync(new AppUser
            {
                UserName = "anchor-" + tag, DisplayName = "锚定管理员", TenantId = office.Id, UnitId = city.Id, Role = Roles.OfficeAdmin,
                ScopeKind = ScopeKind.Subtree, CreatedAt = now,
            }, TestWorld.Password);
            created.Succeeded.ShouldBeTrue();
            (tenant, root) = (office.Id, city.Id);
        }
        var admin = await app.SignInAsync("anchor-" + tag);
        for (var i = 1; i <= 3; i++)
            (await admin.PostJsonAsync("/api/units", new CreateUnitRequest(root, $"锚定县{i}", "AN" + Guid.NewGuid().ToString("N")[..10], "County", null)))
                .StatusCode.ShouldBe(HttpStatusCode.Created);
        return new Office(tenant, root, admin);
    }

    private static async Task<AuditCheckpoint> CheckpointAsync(Office office)
    {
        var response = await office.Admin.PostAsync("/api/audit/checkpoint", null);
        response.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        return await response.ReadAsync<AuditCheckpoint>();
    }

    private static async Task<AuditVerifyResponse> VerifyAsync(Office office, AuditCheckpoint? checkpoint = null) =>
        await (checkpoint is null
            ? await office.Admin.GetAsync("/api/audit/verify")
            : await office.Admin.PostJsonAsync("/api/audit/verify", checkpoint)).ReadAsync<AuditVerifyResponse>();

    private async Task TamperAsync(Func<ChengxinDbContext, Task> tamper)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        await tamper(scope.ServiceProvider.GetRequiredService<ChengxinDbContext>());
    }

    [Fact]
    public async Task VerifyWithCheckpoint_UntouchedChainGrownSince_Holds()
    {
        var office = await NewOfficeAsync();
        var checkpoint = await CheckpointAsync(office);
        (await office.Admin.PostJsonAsync("/api/units", new CreateUnitRequest(office.RootId, "检查点之后", "AN" + Guid.NewGuid().ToString("N")[..10], "County", null)))
            .StatusCode.ShouldBe(HttpStatusCode.Created);

        var result = await VerifyAsync(office, checkpoint);

        result.Intact.ShouldBeTrue(result.Problem);
        result.Checkpoint.ShouldNotBeNull().Holds.ShouldBeTrue();
        // Office, top unit, admin, three counties: six events were signed; the checkpoint's own event and the later unit follow.
        checkpoint.EventCount.ShouldBe(6);
        result.EventCount.ShouldBe(8);
        var issued = await (await office.Admin.GetAsync("/api/audit?entityType=audit")).ReadAsync<AuditPage>();
        issued.Items.Single().Action.ShouldBe(AuditCheckpoints.IssuedAction);
        issued.Items.Single().After!.ShouldContain(checkpoint.HeadHash);
    }

    [Fact]
    public async Task VerifyWithCheckpoint_NewestEventsDeleted_NamesTheTruncation()
    {
        var office = await NewOfficeAsync();
        var checkpoint = await CheckpointAsync(office);
        await TamperAsync(db => db.Database.ExecuteSqlAsync(
            $"DELETE FROM \"AuditEvents\" WHERE \"TenantId\" = {office.TenantId} AND \"Sequence\" >= {checkpoint.EventCount - 1}"));

        // The remaining prefix is a perfect chain: without the checkpoint nothing is amiss.
        (await VerifyAsync(office)).Intact.ShouldBeTrue();
        var result = await VerifyAsync(office, checkpoint);

        result.Intact.ShouldBeFalse();
        result.Checkpoint.ShouldNotBeNull().Holds.ShouldBeFalse();
        result.Problem.ShouldBe($"审计链现只到第 {checkpoint.EventCount - 2} 条，检查点签发时已有 {checkpoint.EventCount} 条：最新的 2 条记录被删除（截断）。");
    }

    [Fact]
    public async Task VerifyWithCheckpoint_RewrittenAndRehashedChain_NamesTheRewrite()
    {
        var office = await NewOfficeAsync();
        var checkpoint = await CheckpointAsync(office);
        await TamperAsync(async db =>
        {
            // The forger changes who created the first county and recomputes every later link, as the algorithm is public.
            var events = await db.AuditEvents.IgnoreQueryFilters().AsNoTracking().Where(e => e.TenantId == office.TenantId).OrderBy(e => e.Sequence).ToListAsync();
            var previous = events[2].Hash;
            foreach (var e in events.Skip(3))
            {
                if (e.Sequence == 4)
                    e.ActorName = "他人";
                e.PreviousHash = previous;
                e.Hash = AuditChain.ComputeHash(e);
                previous = e.Hash;
                await db.Database.ExecuteSqlAsync(
                    $"UPDATE \"AuditEvents\" SET \"ActorName\" = {e.ActorName}, \"PreviousHash\" = {e.PreviousHash}, \"Hash\" = {e.Hash} WHERE \"Id\" = {e.Id}");
            }
        });

        (await VerifyAsync(office)).Intact.ShouldBeTrue();
        var result = await VerifyAsync(office, checkpoint);

        result.Intact.ShouldBeFalse();
        result.FirstBreak.ShouldBeNull();
        result.Problem.ShouldBe($"第 {checkpoint.EventCount} 条记录的哈希与检查点不符：检查点签发之前的历史被改写。");
    }

    [Fact]
    public async Task VerifyWithCheckpoint_AlteredOrForeignOrForged_IsRefused()
    {
        var office = await NewOfficeAsync();
        var checkpoint = await CheckpointAsync(office);
        var other = await NewOfficeAsync();
        var othersCheckpoint = await CheckpointAsync(other);
        using var forger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var forged = checkpoint with { EventCount = 2, KeyId = CheckpointKey.IdOf(forger) };
        forged = forged with { Signature = Convert.ToBase64String(forger.SignData(AuditCheckpoints.Canonical(forged), HashAlgorithmName.SHA256)) };

        async Task<string> RefusalAsync(AuditCheckpoint c) =>
            (await (await office.Admin.PostJsonAsync("/api/audit/verify", c)).ProblemAsync(HttpStatusCode.BadRequest))
            .GetProperty("errors").GetProperty("checkpoint")[0].GetString()!;

        (await RefusalAsync(checkpoint with { EventCount = checkpoint.EventCount - 1 })).ShouldBe("检查点签名无效：文件内容被修改，或是伪造的。");
        (await RefusalAsync(checkpoint with { HeadHash = new string('a', 64) })).ShouldBe("检查点签名无效：文件内容被修改，或是伪造的。");
        (await RefusalAsync(forged)).ShouldBe("检查点不是由本实例的签名密钥签发的。");
        (await RefusalAsync(forged with { KeyId = checkpoint.KeyId })).ShouldBe("检查点签名无效：文件内容被修改，或是伪造的。");
        (await RefusalAsync(othersCheckpoint)).ShouldBe("检查点属于其他信用办。");
        (await RefusalAsync(checkpoint with { Format = "other" })).ShouldBe("不是诚信审计检查点文件。");
    }

    [Fact]
    public async Task IssueCheckpoint_BrokenChain_Returns409AndRecordsNothing()
    {
        var office = await NewOfficeAsync();
        await TamperAsync(db => db.Database.ExecuteSqlAsync(
            $"UPDATE \"AuditEvents\" SET \"ActorName\" = '他人' WHERE \"TenantId\" = {office.TenantId} AND \"Sequence\" = 2"));

        var refused = await (await office.Admin.PostAsync("/api/audit/checkpoint", null)).ProblemAsync(HttpStatusCode.Conflict);

        refused.GetProperty("detail").GetString().ShouldBe("审计校验未通过，不能签发检查点：审计链在第 2 条处断裂：内容哈希不匹配（记录被修改）");
        (await (await office.Admin.GetAsync("/api/audit?entityType=audit")).ReadAsync<AuditPage>()).Total.ShouldBe(0);
    }

    [Fact]
    public async Task IssueCheckpoint_Leader_Returns403()
    {
        var leader = await app.SessionAsync("a-leader");
        var before = await (await leader.GetAsync("/api/audit/verify")).ReadAsync<AuditVerifyResponse>();

        (await leader.PostAsync("/api/audit/checkpoint", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        (await (await leader.GetAsync("/api/audit/verify")).ReadAsync<AuditVerifyResponse>()).HeadHash.ShouldBe(before.HeadHash);
    }

    [Fact]
    public async Task Verify_EditedReplacedOrDeletedSnapshot_NamesTheCampaignAndVersion()
    {
        var office = await NewOfficeAsync();
        var campaignId = await PublishedCampaignAsync(office);
        var intact = await VerifyAsync(office);
        intact.Intact.ShouldBeTrue(intact.Problem);
        intact.SnapshotCount.ShouldBe(1);

        // Edited in place: the stored hash no longer fits the content.
        await TamperAsync(db => db.Database.ExecuteSqlAsync(
            $"UPDATE \"PublishedResults\" SET \"Json\" = replace(\"Json\", '\"grade\":\"合格\"', '\"grade\":\"优秀\"') WHERE \"CampaignId\" = {campaignId}"));
        var edited = await VerifyAsync(office);
        edited.Intact.ShouldBeFalse();
        edited.FirstBreak.ShouldBeNull();
        edited.SnapshotProblems.Single().ShouldBe(new SnapshotProblem(campaignId, "锚定发布", 1, "快照内容的哈希与发布时记录的不符（快照被修改）"));
        edited.Problem.ShouldBe("评价批次“锚定发布”第 1 版发布结果：快照内容的哈希与发布时记录的不符（快照被修改）");

        // The hash column rewritten to match: the publication event in the chain still holds the original hash.
        await TamperAsync(async db =>
        {
            var json = await db.PublishedResults.IgnoreQueryFilters().Where(p => p.CampaignId == campaignId).Select(p => p.Json).SingleAsync();
            var sha = Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(json)));
            await db.Database.ExecuteSqlAsync($"UPDATE \"PublishedResults\" SET \"Sha256\" = {sha} WHERE \"CampaignId\" = {campaignId}");
        });
        (await VerifyAsync(office)).SnapshotProblems.Single().Reason.ShouldBe("快照及其哈希与审计链中的发布记录不符（快照被替换）");

        await TamperAsync(db => db.Database.ExecuteSqlAsync($"DELETE FROM \"PublishedResults\" WHERE \"CampaignId\" = {campaignId}"));
        var deleted = await VerifyAsync(office);
        deleted.SnapshotCount.ShouldBe(0);
        deleted.SnapshotProblems.Single().Reason.ShouldBe("审计链记录了这一版的发布，但快照已不存在（快照被删除）");
    }

    [Fact]
    public async Task Verify_DemoPublishedQuarters_SnapshotsMatchTheirPublicationEvents()
    {
        await using (var scope = app.Factory.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<Demo.DemoSeeder>().SeedAsync(CancellationToken.None);
        var admin = await app.SignInAsync("admin", Demo.DemoSeeder.Password);

        var result = await (await admin.GetAsync("/api/audit/verify")).ReadAsync<AuditVerifyResponse>();

        result.Intact.ShouldBeTrue(result.Problem);
        // Every published campaign of the demo has its snapshot: the towns' two quarters, seed 002's quarter and seed 003's three months.
        var published = (await (await admin.GetAsync("/api/campaigns")).ReadAsync<List<CampaignListItem>>())
            .Count(c => c.State == Domain.Campaigns.CampaignState.Published);
        (published, result.SnapshotCount).ShouldBe((6, 6));
    }

    /// <summary>Seed 004 towns with one invented town (62 points, 合格), requested by the office's admin and approved by a second.</summary>
    private async Task<long> PublishedCampaignAsync(Office office)
    {
        var admin = office.Admin;
        var town = (await (await admin.PostJsonAsync("/api/units", new CreateUnitRequest(office.RootId, "锚定镇", "AN" + Guid.NewGuid().ToString("N")[..10],
            "Town", "乡镇"))).ReadAsync<UnitResponse>()).Id;
        var second = "anchor2-" + Guid.NewGuid().ToString("N")[..8];
        (await admin.PostJsonAsync("/api/users", new CreateUserRequest(second, "第二管理员", TestWorld.Password, office.RootId, Roles.OfficeAdmin,
            ScopeKind.Subtree, null))).EnsureSuccessStatusCode();
        var campaign = await (await admin.PostJsonAsync("/api/campaigns", CampaignTests.OpenRequest("锚定发布", [town],
            evidenceDue: app.Clock.GetUtcNow().AddDays(7).ToString("o")))).ReadAsync<CampaignResponse>();
        (await admin.PostAsync($"/api/campaigns/{campaign.Id}/open", null)).EnsureSuccessStatusCode();
        var scheme = app.Factory.Services.GetRequiredService<Features.Schemes.SchemeCatalog>().Find(TestWorld.SchemeId)!;
        var facts = JiaxianTownsCampaignTests.MiddlingTown;
        var url = $"/api/campaigns/{campaign.Id}/units/{town}/submission";
        foreach (var item in scheme.Items.Where(i => i.Facts.Any(f => facts.Any(x => x.Key == f.Key))))
        {
            var values = facts.Where(x => item.Facts.Any(f => f.Key == x.Key)).ToDictionary(f => f.Key, f => JsonSerializer.SerializeToElement(f.Value, Http.Json));
            (await admin.PutJsonAsync($"{url}/items/{item.Id}", new SaveItemRequest(values, null))).EnsureSuccessStatusCode();
        }
        (await admin.PostAsync($"{url}/submit", null)).EnsureSuccessStatusCode();
        (await admin.PostJsonAsync($"/api/campaigns/{campaign.Id}/start-review", Overrides.GoOn)).EnsureSuccessStatusCode();
        (await admin.PostJsonAsync($"/api/campaigns/{campaign.Id}/publication/request", Overrides.GoOn)).EnsureSuccessStatusCode();
        var approver = await app.SignInAsync(second);
        (await (await approver.PostJsonAsync($"/api/campaigns/{campaign.Id}/publication/approve", Overrides.GoOn)).ReadAsync<PublicationReceipt>()).Version.ShouldBe(1);
        return campaign.Id;
    }
}

public sealed class AuditAnchorTestsOnSqlite(SqliteApp app) : AuditAnchorTests(app), IClassFixture<SqliteApp>;

public sealed class AuditAnchorTestsOnPostgres(PostgresApp app) : AuditAnchorTests(app), IClassFixture<PostgresApp>;
