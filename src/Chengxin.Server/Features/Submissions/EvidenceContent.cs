using System.Data.Common;
using Chengxin.Server.Infrastructure;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Chengxin.Server.Features.Submissions;

/// <summary>
/// Where evidence bytes live, by their SHA-256. The hash is the whole address: a store never overwrites what it holds, so
/// two instances saving the same file at once both succeed, and a reader gets whole files or nothing.
/// </summary>
public interface IEvidenceContent
{
    /// <summary>A short name for the operator (logs, docs): <c>folder</c> or <c>database</c>.</summary>
    string Kind { get; }

    /// <summary>Stores the bytes under their hash unless something is already stored under it.</summary>
    Task SaveAsync(string sha256, byte[] bytes, CancellationToken ct);

    /// <summary>The bytes stored under the hash, or null.</summary>
    Task<byte[]?> ReadAsync(string sha256, CancellationToken ct);
}

public static class EvidenceContent
{
    public const string Folder = "folder";
    public const string Database = "database";

    /// <summary>
    /// The folder unless configuration names the database. One machine keeps files in its data folder (they are backed up
    /// with it); several instances share the database, which every one of them already reaches.
    /// </summary>
    public static IEvidenceContent Choose(string? setting, DatabaseSettings settings)
    {
        var folder = new FolderContent(Path.Combine(settings.DataFolder, "content"));
        return setting?.Trim().ToLowerInvariant() switch
        {
            null or "" or Folder => folder,
            Database => new DatabaseContent(settings, folder),
            _ => throw new InvalidOperationException(
                $"Chengxin:Evidence:Store 的取值“{setting}”无效，应为 folder（数据目录）或 database（数据库）。"),
        };
    }
}

/// <summary>One machine: files under the data folder's content folder, two hex digits of the hash as a subfolder.</summary>
public sealed class FolderContent(string folder) : IEvidenceContent
{
    public string Kind => EvidenceContent.Folder;

    public static string PathOf(string folder, string sha256) => Path.Combine(folder, sha256[..2], sha256);

    public async Task SaveAsync(string sha256, byte[] bytes, CancellationToken ct)
    {
        var path = PathOf(folder, sha256);
        if (File.Exists(path))
            return;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Written aside and moved into place, so a reader never sees half a file and two writers of one hash do not collide.
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        await File.WriteAllBytesAsync(temporary, bytes, ct);
        File.Move(temporary, path, overwrite: true);
    }

    public async Task<byte[]?> ReadAsync(string sha256, CancellationToken ct)
    {
        var path = PathOf(folder, sha256);
        return File.Exists(path) ? await File.ReadAllBytesAsync(path, ct) : null;
    }
}

/// <summary>
/// Several instances: a row per hash in EvidenceContent (V018), bytea on PostgreSQL and a BLOB on SQLite. A table rather than
/// PostgreSQL large objects: a file is at most Chengxin:Evidence:MaxBytes (20 MB), far inside bytea's 1 GB; the row commits
/// and replicates like any other, pg_dump and the SQLite backup carry it without options, and nothing has to be unlinked
/// by hand (a large object outlives its reference unless someone calls lo_unlink). An S3-compatible store would suit many
/// machines without a shared database, but no such service runs beside an office's PostgreSQL, and it is one more thing to
/// back up in step with the database. The bytes go over a connection of their own, not through the request's DbContext,
/// so they never sit in its change tracker. Files stored in the folder before the switch are still found there.
/// </summary>
public sealed class DatabaseContent(DatabaseSettings settings, FolderContent before) : IEvidenceContent
{
    public string Kind => EvidenceContent.Database;

    private DbConnection Connect() =>
        settings.IsPostgres ? new NpgsqlConnection(settings.ConnectionString) : new SqliteConnection(settings.ConnectionString);

    public async Task SaveAsync(string sha256, byte[] bytes, CancellationToken ct)
    {
        await using var connection = Connect();
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        // The hash is the key: a second writer of the same file (another instance, the same upload twice) changes nothing.
        command.CommandText = """
            INSERT INTO "EvidenceContent" ("Sha256", "Size", "Content") VALUES (@sha, @size, @content)
            ON CONFLICT ("Sha256") DO NOTHING
            """;
        Add(command, "@sha", sha256);
        Add(command, "@size", (long)bytes.Length);
        Add(command, "@content", bytes);
        await command.ExecuteNonQueryAsync(ct);
    }

    public async Task<byte[]?> ReadAsync(string sha256, CancellationToken ct)
    {
        await using (var connection = Connect())
        {
            await connection.OpenAsync(ct);
            await using var command = connection.CreateCommand();
            command.CommandText = """SELECT "Content" FROM "EvidenceContent" WHERE "Sha256" = @sha""";
            Add(command, "@sha", sha256);
            if (await command.ExecuteScalarAsync(ct) is byte[] bytes)
                return bytes;
        }
        return await before.ReadAsync(sha256, ct);
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
