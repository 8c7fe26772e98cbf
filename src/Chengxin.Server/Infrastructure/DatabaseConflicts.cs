using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Chengxin.Server.Infrastructure;

/// <summary>
/// The database's ways of saying "another request got there first": a conditional update that matched no row (a
/// concurrency token changed), a unique key another request has just taken, a PostgreSQL serialisation failure or
/// deadlock victim, a SQLite file busy past its timeout. The losing request's transaction is rolled back, so nothing
/// of it is stored; it is answered 409 and may be retried, never 500.
/// </summary>
public static class DatabaseConflicts
{
    public const string Message = "数据刚被其他操作修改，本次操作未生效，请刷新后重试。";

    // SQLite result codes (https://sqlite.org/rescode.html): the primary code is the low byte of the extended one.
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteConstraintPrimaryKey = 1555;
    private const int SqliteConstraintUnique = 2067;

    public static bool IsConflict(Exception exception) =>
        Chain(exception).Any(e => e switch
        {
            DbUpdateConcurrencyException => true,
            PostgresException pg => pg.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.SerializationFailure
                or PostgresErrorCodes.DeadlockDetected,
            SqliteException sqlite => (sqlite.SqliteErrorCode & 0xFF) is SqliteBusy or SqliteLocked
                || sqlite.SqliteExtendedErrorCode is SqliteConstraintUnique or SqliteConstraintPrimaryKey,
            _ => false,
        });

    /// <summary>A row with the same unique key exists already: a create-or-update lost its race to the create.</summary>
    public static bool IsUniqueViolation(Exception exception) =>
        Chain(exception).Any(e => e switch
        {
            PostgresException pg => pg.SqlState == PostgresErrorCodes.UniqueViolation,
            SqliteException sqlite => sqlite.SqliteExtendedErrorCode is SqliteConstraintUnique or SqliteConstraintPrimaryKey,
            _ => false,
        });

    private static IEnumerable<Exception> Chain(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
            yield return exception;
    }
}
