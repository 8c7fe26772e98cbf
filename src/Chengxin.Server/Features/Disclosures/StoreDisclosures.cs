using System.Data.Common;
using System.Threading.Channels;
using Chengxin.Domain.Monitoring;
using Chengxin.Server.Data;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Chengxin.Server.Features.Disclosures;

/// <summary>What one intake came to: the stored upload, or the problem of the table as a whole (nothing stored).</summary>
public sealed record DisclosureIntakeOutcome(DisclosureUpload? Upload, List<DisclosureRejectionView> Rejections, string? TableProblem);

/// <summary>
/// The one intake behind the upload and the machine API: validates the rows by the office's column mapping, then stores the
/// upload (audited), its accepted records and its refused rows in one transaction, so that a failure part-way (a racing upload
/// of the same 文书号, a lost connection) leaves nothing behind. Records are written by a prepared insert on SQLite and by a
/// binary COPY on PostgreSQL, the fastest each offers: a city's year is hundreds of thousands of rows.
/// </summary>
public static class StoreDisclosures
{
    private const int ChunkSize = 500;

    /// <summary>Accepted rows handed from the reading thread to COPY at a time: few hand-overs, and COPY starts early.</summary>
    private const int CopyChunk = 4096;

    /// <summary>Rows given as text cells: a workbook's, or a machine push's.</summary>
    public static Task<DisclosureIntakeOutcome> RunAsync(ChengxinDbContext db, AccessScope scope, IConfiguration config, TimeProvider clock,
        IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows, string fileName, string format, string? encoding, bool allOrNothing,
        CancellationToken ct) =>
        RunAsync(db, scope, config, clock, (mapping, department) => DisclosureTableReading.Of(header, rows, mapping, department), fileName, format,
            encoding, allOrNothing, ct);

    /// <summary>
    /// A table opened by <paramref name="open"/> under the office's column mapping and the caller's departments (a CSV file is
    /// read where it lies, <see cref="DisclosureCsv"/>), then read and stored by <see cref="StoreCheckedAsync"/>.
    /// </summary>
    public static async Task<DisclosureIntakeOutcome> RunAsync(ChengxinDbContext db, AccessScope scope, IConfiguration config, TimeProvider clock,
        Func<DisclosureColumnMapping, Func<string, DepartmentMatch>, (DisclosureTableReading? Reading, string? TableProblem)> open, string fileName,
        string format, string? encoding, bool allOrNothing, CancellationToken ct)
    {
        var settings = await DisclosureOffice.LoadAsync(db, scope.TenantId, config, ct);
        var department = await DepartmentsAsync(db, scope, ct);
        var (reading, problem) = open(settings.Mapping, department);
        if (reading is null)
            return new(null, [], problem);

        var now = clock.GetUtcNow().UtcDateTime;
        DisclosureUpload? upload = null;
        var today = DateOnly.FromDateTime(BeijingTime.Local(now).DateTime);
        var departmentsByText = new Dictionary<string, long?>(StringComparer.Ordinal);
        long? DepartmentOf(string? text)
        {
            if (text is null)
                return null;
            if (!departmentsByText.TryGetValue(text, out var id))
                departmentsByText[text] = id = department(text).Department?.UnitId;
            return id;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var (result, storeRecords) = await StoreCheckedAsync(db, scope.TenantId, reading, allOrNothing, async (outcome, stores, id) =>
        {
            upload = new DisclosureUpload
            {
                Id = id,
                TenantId = scope.TenantId,
                UploaderUnitId = scope.UnitId!.Value,
                UploadedBy = scope.UserId,
                UploadedByName = scope.ActorName,
                UploadedAt = now,
                FileName = fileName,
                Format = format,
                Encoding = encoding,
                AllOrNothing = allOrNothing,
                Rows = outcome.Rows,
                Stored = stores ? outcome.Accepted.Count : 0,
                Refused = outcome.Rejected.Select(r => r.Row).Distinct().Count(),
            };
            db.DisclosureUploads.Add(upload);
            await db.SaveChangesAsync(ct);
            return upload.Id;
        }, ct);
        if (storeRecords)
        {
            // The records are written past the change tracker, so the stored results they change are marked here (ADR 0007),
            // and the report versions of the units that count them are moved on (V023).
            await StaleResults.MarkUnitsAsync(db, result.Accepted.Select(a => a.Department.UnitId).Distinct().ToList(), ct);
            await ReportVersions.MoveAsync(db, result.Accepted.Select(a => a.Department.UnitId).Distinct().ToList(), ct);
        }
        var rejections = result.Rejected.Select(r => new DisclosureRejection
        {
            TenantId = scope.TenantId,
            UploadId = upload!.Id,
            UploaderUnitId = upload.UploaderUnitId,
            DepartmentUnitId = DepartmentOf(r.Department),
            Row = r.Row,
            Column = r.Column,
            Reason = r.Reason.Length > 500 ? r.Reason[..500] : r.Reason,
            DecisionNumber = Clip(r.DecisionNumber, 200),
            DepartmentText = Clip(r.Department, 200),
            CountsOn = r.DecidedOn ?? today,
            // A refused file reported nothing: its rows are listed to be fixed, not counted against the department.
            CountsAsWrong = storeRecords,
        }).ToList();
        foreach (var chunk in rejections.Chunk(ChunkSize))
        {
            db.DisclosureRejections.AddRange(chunk);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        await transaction.CommitAsync(ct);
        return new(upload, rejections.Select(DisclosureOffice.View).ToList(), null);
    }

    private static string? Clip(string? text, int max) => text is null ? null : text.Length > max ? text[..max] : text;

    /// <summary>
    /// Who a row may name: a data-provider department only itself; the office any unit in its scope. A unit is found by its
    /// name or its code; one outside the tenant is unknown, one inside it but not the caller's to report is refused as such.
    /// </summary>
    private static async Task<Func<string, DepartmentMatch>> DepartmentsAsync(ChengxinDbContext db, AccessScope scope, CancellationToken ct)
    {
        var units = await db.Units.IgnoreQueryFilters([ChengxinDbContext.UnitScopeFilter]).AsNoTracking()
            .Where(u => u.IsActive).Select(u => new { u.Id, u.Name, u.Code, u.Path }).ToListAsync(ct);
        var byText = new Dictionary<string, (long Id, string Name, string Path)>(StringComparer.Ordinal);
        foreach (var u in units)
        {
            byText.TryAdd(u.Name.Trim(), (u.Id, u.Name, u.Path));
            if (!string.IsNullOrWhiteSpace(u.Code))
                byText.TryAdd(u.Code.Trim(), (u.Id, u.Name, u.Path));
        }
        var ownOnly = scope.Role == Roles.DataProvider;
        return text =>
        {
            if (!byText.TryGetValue(text.Trim(), out var u))
                return DepartmentMatch.Unknown(text);
            var allowed = ownOnly ? u.Id == scope.UnitId : scope.Units.Matches(u.Path);
            return allowed ? DepartmentMatch.Found(new(u.Id, u.Name)) : DepartmentMatch.NotYours(u.Name);
        };
    }

    /// <summary>
    /// Reads a table and stores it inside the caller's transaction: <paramref name="saveUpload"/> writes the upload with its
    /// counts (given the outcome, whether its records are stored, and the id to give it, 0 for the database's choice) and
    /// answers its id; the accepted records are written under it.
    /// <para>
    /// A file is almost always new reports, so it is written first and the unique index on (tenant, 文书号) finds a re-sent one:
    /// asking first would probe that index once per row before the insert probes it again (a sixth of a million-row intake).
    /// Only the numbers of rows refused anyway are asked about first, so that such a row lists every problem it has. When the
    /// index refuses, everything since the savepoint is rolled back (the upload and its audit event too), the stored numbers are
    /// asked for and the table finished and stored again — the outcome asking first would give, and how an upload racing this
    /// one is found. A second refusal means a racing upload committed in between: it surfaces as a conflict (409) and the
    /// caller's transaction leaves nothing behind. An all-or-nothing file with a refused row goes the second way too.
    /// </para>
    /// </summary>
    public static async Task<(DisclosureIntakeResult Result, bool Stored)> StoreCheckedAsync(ChengxinDbContext db, long tenantId,
        DisclosureTableReading reading, bool allOrNothing, Func<DisclosureIntakeResult, bool, long, Task<long>> saveUpload, CancellationToken ct)
    {
        var transaction = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("A 双公示 intake is stored inside one transaction.");
        const string savepoint = "disclosure_intake";
        await transaction.CreateSavepointAsync(savepoint, ct);
        try
        {
            var written = db.Database.GetDbConnection() is NpgsqlConnection npgsql
                ? await CopyWhileReadingAsync(db, npgsql, tenantId, reading, allOrNothing, saveUpload, ct)
                : await WriteAfterReadingAsync(db, tenantId, reading, allOrNothing, saveUpload, ct);
            if (written is { } stored)
            {
                await transaction.ReleaseSavepointAsync(savepoint, ct);
                return stored;
            }
        }
        catch (Exception e) when (DatabaseConflicts.IsUniqueViolation(e))
        {
        }
        await transaction.RollbackToSavepointAsync(savepoint, ct);
        db.ChangeTracker.Clear();

        var check = reading.Check;
        var result = check.Finish((await StoredNumbersAsync(db, tenantId, check.DecisionNumbers, ct)).Contains);
        var stores = !allOrNothing || result.Rejected.Count == 0;
        var uploadId = await saveUpload(result, stores, 0);
        if (stores)
            await WriteRecordsAsync(db, tenantId, uploadId, result.Accepted, ct);
        return (result, stores);
    }

    /// <summary>
    /// SQLite writes on the caller's thread, so the table is read first and then written. Null: an all-or-nothing file has a
    /// refused row, to be finished with every stored number known and stored as refused.
    /// </summary>
    private static async Task<(DisclosureIntakeResult, bool)?> WriteAfterReadingAsync(ChengxinDbContext db, long tenantId, DisclosureTableReading reading,
        bool allOrNothing, Func<DisclosureIntakeResult, bool, long, Task<long>> saveUpload, CancellationToken ct)
    {
        reading.ReadRows();
        var result = await FinishAsync(db, tenantId, reading.Check, ct);
        if (allOrNothing && result.Rejected.Count > 0)
            return null;
        await WriteRecordsAsync(db, tenantId, await saveUpload(result, true, 0), result.Accepted, ct);
        return (result, true);
    }

    /// <summary>
    /// On PostgreSQL the rows are read on another thread while COPY writes those accepted so far: the server's work on the
    /// records and the reading of the file overlap instead of following each other (for a million rows, the second of reading
    /// and checking disappears into COPY's four). The records name an upload that is written after them, once its counts are
    /// known: its id is taken from the sequence first and the foreign key waits for the end of the intake (the migration
    /// deferrable_disclosure_upload_key). Null as for SQLite; the rows written are then rolled back with the savepoint.
    /// </summary>
    private static async Task<(DisclosureIntakeResult, bool)?> CopyWhileReadingAsync(ChengxinDbContext db, NpgsqlConnection connection, long tenantId,
        DisclosureTableReading reading, bool allOrNothing, Func<DisclosureIntakeResult, bool, long, Task<long>> saveUpload, CancellationToken ct)
    {
        var uploadId = await db.Database
            .SqlQuery<long>($"""SELECT nextval(pg_get_serial_sequence('"DisclosureUploads"', 'Id')) AS "Value" """).SingleAsync(ct);
        await db.Database.ExecuteSqlRawAsync("SET CONSTRAINTS ALL DEFERRED", ct);

        var chunks = Channel.CreateUnbounded<AcceptedDisclosure[]>(new() { SingleReader = true, SingleWriter = true });
        var read = Task.Run(() =>
        {
            var chunk = new AcceptedDisclosure[CopyChunk];
            var count = 0;
            reading.Check.Accepted = accepted =>
            {
                chunk[count++] = accepted;
                if (count < CopyChunk)
                    return;
                chunks.Writer.TryWrite(chunk);
                (chunk, count) = (new AcceptedDisclosure[CopyChunk], 0);
            };
            try
            {
                reading.ReadRows();
                chunks.Writer.TryWrite(chunk[..count]);
                chunks.Writer.Complete();
            }
            catch (Exception e)
            {
                chunks.Writer.Complete(e);
            }
            finally
            {
                reading.Check.Accepted = null;
            }
        }, CancellationToken.None);
        try
        {
            await CopyRecordsAsync(connection, tenantId, uploadId, chunks.Reader.ReadAllAsync(ct), ct);
        }
        finally
        {
            // The table is read to its end whatever happened to the COPY: what follows finishes it.
            await read;
        }

        var result = await FinishAsync(db, tenantId, reading.Check, ct);
        if (allOrNothing && result.Rejected.Count > 0)
            return null;
        await saveUpload(result, true, uploadId);
        await db.Database.ExecuteSqlRawAsync("SET CONSTRAINTS ALL IMMEDIATE", ct);
        return (result, true);
    }

    /// <summary>The outcome once the rows are written: only the numbers of refused rows are asked about.</summary>
    private static async Task<DisclosureIntakeResult> FinishAsync(ChengxinDbContext db, long tenantId, DisclosureTableCheck check, CancellationToken ct)
    {
        var stored = await StoredNumbersAsync(db, tenantId, check.RefusedNumbers(), ct);
        return check.Finish(stored.Count == 0 ? DisclosureTableCheck.NothingStored : stored.Contains);
    }

    /// <summary>
    /// The file's 文书号 that the office has stored already. Each chunk goes as one parameter (a JSON array on SQLite, an array on
    /// PostgreSQL) rather than a parameter per number, so a million-row file is a hundred queries, not two thousand.
    /// </summary>
    public static async Task<HashSet<string>> StoredNumbersAsync(ChengxinDbContext db, long tenantId, IReadOnlyCollection<string> numbers, CancellationToken ct)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in numbers.Chunk(10_000))
            found.UnionWith(await db.DisclosureRecords.IgnoreQueryFilters()
                .Where(r => r.TenantId == tenantId && EF.Parameter(chunk).Contains(r.DecisionNumber)).Select(r => r.DecisionNumber).ToListAsync(ct));
        return found;
    }

    /// <summary>Writes accepted records inside the caller's transaction: binary COPY on PostgreSQL, a prepared insert on SQLite.</summary>
    public static async Task WriteRecordsAsync(ChengxinDbContext db, long tenantId, long uploadId, IReadOnlyList<AcceptedDisclosure> records, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        if (connection is NpgsqlConnection npgsql)
        {
            await CopyRecordsAsync(npgsql, tenantId, uploadId, One(records), ct);
            return;
        }

        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = """
            INSERT INTO "DisclosureRecords" ("TenantId", "UploadId", "DepartmentUnitId", "Kind", "DecisionNumber", "SubjectName", "SubjectCode", "SubjectIsPerson", "Agency", "DecisionDate", "ReportedOn")
            VALUES ($t, $u, $d, $k, $n, $s, $c, $p, $a, $dd, $r)
            """;
        var parameters = new[] { "$t", "$u", "$d", "$k", "$n", "$s", "$c", "$p", "$a", "$dd", "$r" }.Select(name =>
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            command.Parameters.Add(p);
            return p;
        }).ToArray();
        await command.PrepareAsync(ct);
        foreach (var a in records)
        {
            var r = a.Record;
            Set(parameters, tenantId, uploadId, a.Department.UnitId, KindOf(r.Kind), r.DecisionNumber!, r.SubjectName!, r.SubjectCode!, r.SubjectIsPerson ? 1 : 0,
                r.Agency, r.DecisionDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                r.ReportedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    private static async IAsyncEnumerable<IReadOnlyList<AcceptedDisclosure>> One(IReadOnlyList<AcceptedDisclosure> records)
    {
        yield return records;
        await Task.CompletedTask;
    }

    /// <summary>A binary COPY of the records as they come, in the caller's transaction.</summary>
    private static async Task CopyRecordsAsync(NpgsqlConnection connection, long tenantId, long uploadId,
        IAsyncEnumerable<IReadOnlyList<AcceptedDisclosure>> chunks, CancellationToken ct)
    {
        await using var writer = await connection.BeginBinaryImportAsync(
            """COPY "DisclosureRecords" ("TenantId", "UploadId", "DepartmentUnitId", "Kind", "DecisionNumber", "SubjectName", "SubjectCode", "SubjectIsPerson", "Agency", "DecisionDate", "ReportedOn") FROM STDIN (FORMAT BINARY)""", ct);
        await foreach (var chunk in chunks.WithCancellation(ct))
            foreach (var a in chunk)
            {
                var r = a.Record;
                await writer.StartRowAsync(ct);
                await writer.WriteAsync(tenantId, NpgsqlDbType.Bigint, ct);
                await writer.WriteAsync(uploadId, NpgsqlDbType.Bigint, ct);
                await writer.WriteAsync(a.Department.UnitId, NpgsqlDbType.Bigint, ct);
                await writer.WriteAsync(KindOf(r.Kind), NpgsqlDbType.Varchar, ct);
                await writer.WriteAsync(r.DecisionNumber!, NpgsqlDbType.Varchar, ct);
                await writer.WriteAsync(r.SubjectName!, NpgsqlDbType.Varchar, ct);
                await writer.WriteAsync(r.SubjectCode!, NpgsqlDbType.Varchar, ct);
                await writer.WriteAsync(r.SubjectIsPerson, NpgsqlDbType.Boolean, ct);
                await writer.WriteAsync(r.Agency, NpgsqlDbType.Varchar, ct);
                await writer.WriteAsync(r.DecisionDate, NpgsqlDbType.Date, ct);
                await writer.WriteAsync(r.ReportedOn, NpgsqlDbType.Date, ct);
            }
        await writer.CompleteAsync(ct);
    }

    private static void Set(DbParameter[] parameters, params object[] values)
    {
        for (var i = 0; i < parameters.Length; i++)
            parameters[i].Value = values[i];
    }

    public static string KindOf(DisclosureKind kind) => kind == DisclosureKind.Penalty ? "penalty" : "license";
}
