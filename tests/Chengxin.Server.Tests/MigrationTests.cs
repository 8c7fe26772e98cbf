using Chengxin.Server.Data;
using Chengxin.Server.Infrastructure;
using Chengxin.Server.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Chengxin.Server.Tests;

/// <summary>The hand-written scripts on real databases: applied once under concurrency, and matching the model.</summary>
public sealed class MigrationTests
{
    private static ChengxinDbContext Context(bool postgres, string connection)
    {
        var options = new DbContextOptionsBuilder<ChengxinDbContext>();
        if (postgres)
            options.UseNpgsql(connection);
        else
            options.UseSqlite(connection);
        return new ChengxinDbContext(options.Options);
    }

    private static async Task MigrateConcurrentlyAndCheckAsync(bool postgres, string connection)
    {
        // Three instances starting at once, as behind a load balancer after a deploy.
        await Task.WhenAll(Enumerable.Range(0, 3).Select(async _ =>
        {
            await using var db = Context(postgres, connection);
            await new DatabaseMigrator(db, NullLogger<DatabaseMigrator>.Instance, TimeProvider.System).MigrateAsync(CancellationToken.None);
        }));

        await using var check = Context(postgres, connection);
        var versions = await check.Database.SqlQueryRaw<int>("SELECT version AS \"Value\" FROM schema_version ORDER BY version").ToListAsync();
        versions.ShouldBe(DatabaseMigrator.Scripts(postgres ? "Postgres" : "Sqlite").Select(s => s.Version).ToList());

        // Every mapped table and column exists as the model expects: a query over each entity type runs.
        (await check.CreditOffices.IgnoreQueryFilters().CountAsync()).ShouldBe(0);
        (await check.Units.IgnoreQueryFilters().CountAsync()).ShouldBe(0);
        (await check.Users.IgnoreQueryFilters().CountAsync()).ShouldBe(0);
        (await check.UserClaims.CountAsync()).ShouldBe(0);
        (await check.UserLogins.CountAsync()).ShouldBe(0);
        (await check.UserTokens.CountAsync()).ShouldBe(0);
        (await check.ApiTokens.IgnoreQueryFilters().CountAsync()).ShouldBe(0);
        (await check.Campaigns.IgnoreQueryFilters().Include(c => c.Units).Include(c => c.Reviewers).CountAsync()).ShouldBe(0);
        (await check.AuditEvents.IgnoreQueryFilters().CountAsync()).ShouldBe(0);
        (await check.DataProtectionKeys.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Migrate_ThreeInstancesAtOnceOnSqlite_AppliesEachScriptOnce()
    {
        var folder = Path.Combine(Path.GetTempPath(), "chengxin-migrate", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            await MigrateConcurrentlyAndCheckAsync(false, $"Data Source={Path.Combine(folder, "chengxin.db")};Default Timeout=30");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Migrate_ThreeInstancesAtOnceOnPostgres_AppliesEachScriptOnce()
    {
        var admin = PostgresApp.BaseConnectionString;
        var name = "chengxin_m_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection).ExecuteNonQueryAsync();
        }
        try
        {
            await MigrateConcurrentlyAndCheckAsync(true, new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(admin);
            await connection.OpenAsync();
            await new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection).ExecuteNonQueryAsync();
        }
    }
}
