using Chengxin.Server.Data;
using Chengxin.Server.Infrastructure;
using Chengxin.Server.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace Chengxin.Server.Tests;

/// <summary>
/// Someone with the database file in hand drops the append-only triggers and edits, deletes,
/// inserts or reorders audit rows in a copy; verification must name the first broken link.
/// </summary>
public sealed class AuditTamperTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "chengxin-tamper", Guid.NewGuid().ToString("N"));
    private string Original => Path.Combine(_folder, "original.db");
    private long _tenant;
    private int _events;

    private static ChengxinDbContext Open(string file, AccessScope? scope = null) =>
        new ChengxinDbContext(new DbContextOptionsBuilder<ChengxinDbContext>().UseSqlite($"Data Source={file};Pooling=False").Options)
            .Bind(scope ?? new AccessScope(), new TestClock(new DateTimeOffset(2026, 4, 1, 8, 0, 0, TimeSpan.Zero)));

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        var scope = new AccessScope();
        scope.SetSystemActor("测试");
        await using var db = Open(Original, scope);
        await new DatabaseMigrator(db, NullLogger<DatabaseMigrator>.Instance, TimeProvider.System).MigrateAsync(CancellationToken.None);
        var office = new CreditOffice { Name = "篡改测试信用办", CreatedAt = new DateTime(2026, 4, 1, 0, 0, 0, DateTimeKind.Utc) };
        db.CreditOffices.Add(office);
        await db.SaveChangesAsync();
        var city = new Unit { TenantId = office.Id, Name = "市", Level = UnitLevel.City, CreatedAt = office.CreatedAt };
        db.Units.Add(city);
        await db.SaveChangesAsync();
        for (var i = 1; i <= 5; i++)
        {
            db.Units.Add(new Unit { TenantId = office.Id, ParentId = city.Id, Name = $"县{i}", Level = UnitLevel.County, CreatedAt = office.CreatedAt });
            await db.SaveChangesAsync();
        }
        city.Name = "市（改名）";
        await db.SaveChangesAsync();
        _tenant = office.Id;
        _events = await db.AuditEvents.IgnoreQueryFilters().CountAsync();
        await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);");
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    private async Task<AuditVerification> TamperAndVerifyAsync(Func<SqliteConnection, Task> tamper)
    {
        var copy = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".db");
        File.Copy(Original, copy);
        await using (var connection = new SqliteConnection($"Data Source={copy};Pooling=False"))
        {
            await connection.OpenAsync();
            await Execute(connection, "DROP TRIGGER \"AuditEvents_no_update\"; DROP TRIGGER \"AuditEvents_no_delete\";");
            await tamper(connection);
        }
        await using var db = Open(copy);
        return (await AuditChain.VerifyAsync(db, _tenant, CancellationToken.None)).Single();
    }

    private static async Task Execute(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task Verify_UntouchedCopy_IsIntact()
    {
        var result = await TamperAndVerifyAsync(_ => Task.CompletedTask);
        result.IsIntact.ShouldBeTrue();
        result.EventCount.ShouldBe(_events);
        _events.ShouldBe(8);
    }

    [Fact]
    public async Task Verify_EditedRow_NamesThatRow()
    {
        var result = await TamperAndVerifyAsync(c => Execute(c, "UPDATE \"AuditEvents\" SET \"After\" = replace(\"After\", '县2', '县X') WHERE \"Sequence\" = 4;"));
        result.FirstBreak.ShouldNotBeNull().Sequence.ShouldBe(4);
        result.FirstBreak.Reason.ShouldContain("内容哈希不匹配");
    }

    [Fact]
    public async Task Verify_EditedActor_NamesThatRow()
    {
        var result = await TamperAndVerifyAsync(c => Execute(c, "UPDATE \"AuditEvents\" SET \"ActorName\" = '别人' WHERE \"Sequence\" = 2;"));
        result.FirstBreak.ShouldNotBeNull().Sequence.ShouldBe(2);
    }

    [Fact]
    public async Task Verify_DeletedRow_NamesTheRowAfterTheGap()
    {
        var result = await TamperAndVerifyAsync(c => Execute(c, "DELETE FROM \"AuditEvents\" WHERE \"Sequence\" = 3;"));
        result.FirstBreak.ShouldNotBeNull().Sequence.ShouldBe(4);
        result.FirstBreak.Reason.ShouldContain("序号不连续");
    }

    [Fact]
    public async Task Verify_InsertedSelfConsistentRow_NamesTheRowItDisplaced()
    {
        // The forger renumbers the rows after position 3 and inserts a row whose own hash is right.
        var result = await TamperAndVerifyAsync(async c =>
        {
            await Execute(c, "UPDATE \"AuditEvents\" SET \"Sequence\" = \"Sequence\" + 1000 WHERE \"Sequence\" >= 3;");
            await Execute(c, "UPDATE \"AuditEvents\" SET \"Sequence\" = \"Sequence\" - 999 WHERE \"Sequence\" >= 1003;");
            await using var db = Open(c.DataSource);
            var second = await db.AuditEvents.IgnoreQueryFilters().AsNoTracking().SingleAsync(e => e.Sequence == 2);
            var forged = new AuditEvent
            {
                TenantId = second.TenantId, Sequence = 3, At = second.At, ActorName = "伪造", Action = "unit.created",
                EntityType = "unit", EntityId = "999", PreviousHash = second.Hash, Hash = "",
            };
            forged.Hash = AuditChain.ComputeHash(forged);
            await using var command = c.CreateCommand();
            command.CommandText = "INSERT INTO \"AuditEvents\" (\"TenantId\",\"Sequence\",\"At\",\"ActorName\",\"Action\",\"EntityType\",\"EntityId\",\"PreviousHash\",\"Hash\") " +
                                  "VALUES ($t, 3, $at, '伪造', 'unit.created', 'unit', '999', $p, $h);";
            command.Parameters.AddWithValue("$t", forged.TenantId);
            command.Parameters.AddWithValue("$at", forged.At.ToString("yyyy-MM-dd HH:mm:ss.fff"));
            command.Parameters.AddWithValue("$p", forged.PreviousHash);
            command.Parameters.AddWithValue("$h", forged.Hash);
            await command.ExecuteNonQueryAsync();
        });
        result.FirstBreak.ShouldNotBeNull().Sequence.ShouldBe(4);
        result.FirstBreak.Reason.ShouldContain("前一哈希不匹配");
    }

    [Fact]
    public async Task Verify_AppendedForgedRow_NamesIt()
    {
        var result = await TamperAndVerifyAsync(c => Execute(c,
            $"INSERT INTO \"AuditEvents\" (\"TenantId\",\"Sequence\",\"At\",\"ActorName\",\"Action\",\"EntityType\",\"EntityId\",\"PreviousHash\",\"Hash\") " +
            $"VALUES ({_tenant}, {_events + 1}, '2026-04-01 08:00:00', '伪造', 'unit.deleted', 'unit', '1', '{new string('a', 64)}', '{new string('b', 64)}');"));
        result.FirstBreak.ShouldNotBeNull().Sequence.ShouldBe(_events + 1);
    }

    [Fact]
    public async Task Verify_ReorderedRows_NamesTheFirstMovedRow()
    {
        var result = await TamperAndVerifyAsync(async c =>
        {
            await Execute(c, "UPDATE \"AuditEvents\" SET \"Sequence\" = -1 WHERE \"Sequence\" = 5;");
            await Execute(c, "UPDATE \"AuditEvents\" SET \"Sequence\" = 5 WHERE \"Sequence\" = 6;");
            await Execute(c, "UPDATE \"AuditEvents\" SET \"Sequence\" = 6 WHERE \"Sequence\" = -1;");
        });
        result.FirstBreak.ShouldNotBeNull().Sequence.ShouldBe(5);
        result.FirstBreak.Reason.ShouldContain("前一哈希不匹配");
    }
}
