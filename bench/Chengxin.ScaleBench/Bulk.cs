using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Chengxin.ScaleBench;

/// <summary>
/// Writes many rows into one table the fast way each provider has: binary COPY on PostgreSQL, one prepared insert in one
/// transaction on SQLite. Values come typed as the column is (long, int, bool, DateTime in UTC, Guid, string); SQLite gets
/// a Guid as the upper-case text EF Core stores.
/// </summary>
internal sealed class Bulk(DbConnection connection)
{
    public bool IsPostgres => connection is NpgsqlConnection;

    public async Task<int> WriteAsync(string table, string[] columns, IEnumerable<object?[]> rows)
    {
        var names = string.Join(", ", columns.Select(c => $"\"{c}\""));
        var count = 0;
        if (connection is NpgsqlConnection pg)
        {
            await using var writer = await pg.BeginBinaryImportAsync($"COPY \"{table}\" ({names}) FROM STDIN (FORMAT BINARY)");
            foreach (var row in rows)
            {
                await writer.StartRowAsync();
                foreach (var value in row)
                {
                    if (value is null)
                        await writer.WriteNullAsync();
                    else
                        await writer.WriteAsync(value);
                }
                count++;
            }
            await writer.CompleteAsync();
            return count;
        }

        var sqlite = (SqliteConnection)connection;
        await using var transaction = sqlite.BeginTransaction();
        await using var command = sqlite.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO \"{table}\" ({names}) VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i))})";
        var parameters = columns.Select((_, i) => command.Parameters.Add(new SqliteParameter { ParameterName = "$p" + i })).ToArray();
        await command.PrepareAsync();
        foreach (var row in rows)
        {
            for (var i = 0; i < row.Length; i++)
                parameters[i].Value = row[i] switch
                {
                    null => DBNull.Value,
                    Guid g => g.ToString().ToUpperInvariant(),
                    var v => v,
                };
            await command.ExecuteNonQueryAsync();
            count++;
        }
        await transaction.CommitAsync();
        return count;
    }

    /// <summary>After rows written with their ids: PostgreSQL's identity goes on from the largest (SQLite's AUTOINCREMENT follows by itself).</summary>
    public async Task ResetIdentityAsync(string table)
    {
        if (!IsPostgres)
            return;
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'Id'), (SELECT MAX(\"Id\") FROM \"{table}\"))";
        await command.ExecuteScalarAsync();
    }

    public async Task<long> MaxIdAsync(string table)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COALESCE(MAX(\"Id\"), 0) FROM \"{table}\"";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task AnalyzeAsync()
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "ANALYZE";
        await command.ExecuteNonQueryAsync();
    }
}
