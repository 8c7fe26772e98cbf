using System.Net;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Audit;
using Chengxin.Server.Features.Units;
using Chengxin.Server.Infrastructure;
using Chengxin.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Chengxin.Server.Tests;

public abstract class AuditTests(AppFixture app)
{
    [Fact]
    public async Task UnitChange_RecordsBeforeAndAfter_ChainedToThePreviousEvent()
    {
        var admin = await app.SessionAsync("a-admin");
        var created = await (await admin.PostJsonAsync("/api/units", new CreateUnitRequest(app.World.Unit("A-C1").Id, "审计前", "AU" + Guid.NewGuid().ToString("N")[..8], "Town", "乡镇")))
            .ReadAsync<UnitResponse>();
        (await admin.PutJsonAsync($"/api/units/{created.Id}", new UpdateUnitRequest("审计后", created.Code, "街道"))).EnsureSuccessStatusCode();

        var page = await (await admin.GetAsync($"/api/audit?entityType=unit&entityId={created.Id}")).ReadAsync<AuditPage>();

        page.Items.Count.ShouldBe(2);
        var update = page.Items[0];
        update.Action.ShouldBe("unit.updated");
        update.Before!.ShouldContain("审计前");
        update.After!.ShouldContain("审计后");
        update.After!.ShouldContain("街道");
        update.Sequence.ShouldBeGreaterThan(page.Items[1].Sequence);
        update.At.ShouldBe(app.Clock.GetUtcNow().UtcDateTime, TimeSpan.FromMilliseconds(1));
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChengxinDbContext>();
        var stored = await db.AuditEvents.IgnoreQueryFilters().SingleAsync(e => e.Id == update.Id);
        var previous = await db.AuditEvents.IgnoreQueryFilters().SingleAsync(e => e.TenantId == stored.TenantId && e.Sequence == stored.Sequence - 1);
        stored.PreviousHash.ShouldBe(previous.Hash);
        AuditChain.ComputeHash(stored).ShouldBe(stored.Hash);
    }

    [Fact]
    public async Task UserChange_NeverRecordsPasswordHash()
    {
        var admin = await app.SessionAsync("a-admin");
        var target = app.World.TargetUsers["A-C1-T2"];
        (await admin.PostJsonAsync($"/api/users/{target.Id}/password", new Features.Users.ResetPasswordRequest("a-new-password-7"))).EnsureSuccessStatusCode();

        var page = await (await admin.GetAsync($"/api/audit?entityType=user&entityId={target.Id}")).ReadAsync<AuditPage>();

        var reset = page.Items.First();
        reset.Action.ShouldBe("user.updated");
        reset.After!.ShouldContain("\"PasswordHash\":\"(已更改)\"");
        page.Items.ShouldAllBe(e => e.After == null || !e.After.Contains("AQAAAA"));
    }

    [Fact]
    public async Task VerifyEndpoint_IntactChain_ReportsIntact()
    {
        var admin = await app.SessionAsync("a-admin");
        var result = await (await admin.GetAsync("/api/audit/verify")).ReadAsync<AuditVerifyResponse>();
        result.Intact.ShouldBeTrue();
        result.EventCount.ShouldBeGreaterThan(10);
        result.HeadHash.Length.ShouldBe(64);
    }

    [Fact]
    public async Task SaveChanges_ModifiedOrDeletedAuditEvent_Throws()
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChengxinDbContext>();
        var audit = await db.AuditEvents.IgnoreQueryFilters().OrderBy(e => e.Id).FirstAsync();

        audit.ActorName = "篡改";
        (await Should.ThrowAsync<InvalidOperationException>(() => db.SaveChangesAsync())).Message.ShouldContain("只能追加");
        db.Entry(audit).State = EntityState.Deleted;
        await Should.ThrowAsync<InvalidOperationException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task Database_UpdateOrDeleteOfAuditRow_IsRefusedByTrigger()
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChengxinDbContext>();

        var update = await Should.ThrowAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE \"AuditEvents\" SET \"ActorName\" = 'x'"));
        update.Message.ShouldContain("append-only");
        var delete = await Should.ThrowAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditEvents\""));
        delete.Message.ShouldContain("append-only");
        (await db.AuditEvents.IgnoreQueryFilters().CountAsync(e => e.ActorName == "x")).ShouldBe(0);
    }

    [Fact]
    public async Task ConcurrentChanges_KeepOneUnbrokenChain()
    {
        var admin = await app.SessionAsync("a-admin");
        var parent = app.World.Unit("A-C1").Id;
        var creates = Enumerable.Range(0, 8).Select(i =>
            admin.PostJsonAsync("/api/units", new CreateUnitRequest(parent, $"并发{i}", "CC" + Guid.NewGuid().ToString("N")[..8], "Town", null)));
        var responses = await Task.WhenAll(creates);

        responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.Created);
        var result = await (await admin.GetAsync("/api/audit/verify")).ReadAsync<AuditVerifyResponse>();
        result.Intact.ShouldBeTrue();
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AuditTestsOnSqlite(SqliteApp app) : AuditTests(app);

[Collection(PostgresCollection.Name)]
public sealed class AuditTestsOnPostgres(PostgresApp app) : AuditTests(app);
