using System.Data.Common;
using System.Reflection;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Data;

/// <summary>
/// Applies the hand-written, versioned SQL scripts of the database's provider
/// (Data/Migrations/&lt;Provider&gt;/Vnnn__name.sql) and records each in schema_version.
/// EF Core's design-time tooling does not restore here, and plain SQL reviews better anyway.
/// Several instances may start at once: the scripts run under a database-wide lock.
/// </summary>
public sealed class DatabaseMigrator(ChengxinDbContext db, ILogger<DatabaseMigrator> log, TimeProvider clock)
{
    // Any constant shared by all instances; it only has to differ from other advisory locks.
    private const long PostgresLockKey = 7245_0001;

    public static IReadOnlyList<(int Version, string Name, string Sql)> Scripts(string provider)
    {
        var assembly = typeof(DatabaseMigrator).Assembly;
        var prefix = $"Chengxin.Server.Data.Migrations.{provider}.";
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n =>
            {
                var name = n[prefix.Length..^4];
                return (Version: int.Parse(name[1..name.IndexOf("__", StringComparison.Ordinal)]), Name: name, Sql: Read(assembly, n));
            })
            .OrderBy(s => s.Version)
            .ToList();
    }

    public async Task MigrateAsync(CancellationToken ct)
    {
        var isPostgres = db.Database.IsNpgsql();
        var scripts = Scripts(isPostgres ? "Postgres" : "Sqlite");
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(ct);
        try
        {
            if (isPostgres)
                await MigratePostgresAsync(connection, scripts, ct);
            else
                await MigrateSqliteAsync(connection, scripts, ct);
        }
        finally
        {
            await connection.CloseAsync();
        }
    }

    private async Task MigrateSqliteAsync(DbConnection connection, IReadOnlyList<(int Version, string Name, string Sql)> scripts, CancellationToken ct)
    {
        // WAL lets readers go on while one writer writes; the setting stays with the file.
        await ExecuteAsync(connection, null, "PRAGMA journal_mode=WAL;", ct);
        // BEGIN IMMEDIATE takes the write lock up front: a second instance waits here.
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await ExecuteAsync(connection, transaction, CreateVersionTable, ct);
        await ApplyPendingAsync(connection, transaction, scripts, ct);
        await transaction.CommitAsync(ct);
    }

    private async Task MigratePostgresAsync(DbConnection connection, IReadOnlyList<(int Version, string Name, string Sql)> scripts, CancellationToken ct)
    {
        await using var transaction = await connection.BeginTransactionAsync(ct);
        // A second instance waits here until the first commits. The lock is the transaction's, so that it ends with it however the
        // transaction ends: a pooled connection is not reset when given back (ServerDefaults), and a session lock left on one would
        // hold every later start.
        await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({PostgresLockKey});", ct);
        await ExecuteAsync(connection, transaction, CreateVersionTable, ct);
        await ApplyPendingAsync(connection, transaction, scripts, ct);
        await transaction.CommitAsync(ct);
    }

    private const string CreateVersionTable =
        "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, name VARCHAR(200) NOT NULL, applied_at VARCHAR(40) NOT NULL);";

    private async Task ApplyPendingAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<(int Version, string Name, string Sql)> scripts, CancellationToken ct)
    {
        var applied = new HashSet<int>();
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = "SELECT version FROM schema_version;";
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                applied.Add(reader.GetInt32(0));
        }
        foreach (var (version, name, sql) in scripts.Where(s => !applied.Contains(s.Version)))
        {
            log.LogInformation("applying database migration {Name}", name);
            await ExecuteAsync(connection, transaction, sql, ct);
            await using var record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = "INSERT INTO schema_version (version, name, applied_at) VALUES (@v, @n, @a);";
            AddParameter(record, "@v", version);
            AddParameter(record, "@n", name);
            AddParameter(record, "@a", clock.GetUtcNow().ToString("O"));
            await record.ExecuteNonQueryAsync(ct);
        }
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        command.Parameters.Add(p);
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
