using System.Data.Common;
using Chengxin.Server.Data;
using Chengxin.Server.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Chengxin.Server.Tests;

/// <summary>V008 fills the path of every unit that existed before it, on each provider, from the parents alone.</summary>
public sealed class UnitPathMigrationTests
{
    private const int PathsVersion = 8;

    private static async Task<Dictionary<long, string>> BackfillAsync(DbConnection connection, string provider)
    {
        var scripts = DatabaseMigrator.Scripts(provider);
        foreach (var script in scripts.Where(s => s.Version < PathsVersion))
            await ExecuteAsync(connection, script.Sql);
        // Two offices: a city with a county, a town under it and a department; another office's lone root.
        var now = provider == "Sqlite" ? "'2026-01-01T00:00:00'" : "now()";
        var active = provider == "Sqlite" ? "1" : "true";
        await ExecuteAsync(connection, $"""
            INSERT INTO "CreditOffices" ("Id", "Name", "CreatedAt") VALUES (1, '甲', {now}), (2, '乙', {now});
            INSERT INTO "Units" ("Id", "TenantId", "ParentId", "Name", "Level", "IsActive", "CreatedAt") VALUES
                (10, 1, NULL, '市', 'City', {active}, {now}),
                (11, 1, 10, '县', 'County', {active}, {now}),
                (12, 1, 11, '镇', 'Town', {active}, {now}),
                (13, 1, 10, '部门', 'Department', {active}, {now}),
                (20, 2, NULL, '乙市', 'City', {active}, {now});
            """);
        foreach (var script in scripts.Where(s => s.Version >= PathsVersion))
            await ExecuteAsync(connection, script.Sql);

        await using var read = connection.CreateCommand();
        read.CommandText = "SELECT \"Id\", \"Path\" FROM \"Units\"";
        await using var reader = await read.ExecuteReaderAsync();
        var paths = new Dictionary<long, string>();
        while (await reader.ReadAsync())
            paths[reader.GetInt64(0)] = reader.GetString(1);
        return paths;
    }

    private static readonly Dictionary<long, string> Expected = new()
    {
        [10] = "/10/", [11] = "/10/11/", [12] = "/10/11/12/", [13] = "/10/13/", [20] = "/20/",
    };

    [Fact]
    public async Task MigrateV008_ExistingUnitsOnSqlite_EachGetsItsPathFromTheRoot()
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();

        (await BackfillAsync(connection, "Sqlite")).ShouldBe(Expected, ignoreOrder: true);
    }

    [Fact]
    public async Task MigrateV008_ExistingUnitsOnPostgres_EachGetsItsPathFromTheRoot()
    {
        var admin = PostgresApp.BaseConnectionString;
        var name = "chengxin_p_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection).ExecuteNonQueryAsync();
        }
        try
        {
            await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString);
            await connection.OpenAsync();

            (await BackfillAsync(connection, "Postgres")).ShouldBe(Expected, ignoreOrder: true);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(admin);
            await connection.OpenAsync();
            await new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection).ExecuteNonQueryAsync();
        }
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
