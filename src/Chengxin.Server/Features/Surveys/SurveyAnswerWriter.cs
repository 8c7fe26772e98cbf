using System.Data;
using System.Data.Common;
using System.Diagnostics;
using System.Threading.Channels;
using Chengxin.Domain.Surveys;
using Chengxin.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Chengxin.Server.Features.Surveys;

/// <summary>A checked answer sheet on its way to the database.</summary>
public sealed record NewSheet(long TenantId, long SurveyId, long CampaignId, long UnitId, long? InvitationId, string DeviceHash, DateTime AnsweredAt,
    string? Comment, IReadOnlyList<(long QuestionId, SatisfactionLevel Level)> Answers);

/// <summary>What became of one sheet: stored, a duplicate of the device's or the invitation's earlier sheet, or not stored at all.</summary>
public enum SheetOutcome
{
    Stored,
    DeviceAnswered,
    InvitationUsed,
    NotStored,
}

/// <summary>The outcome of each sheet of a batch, in order, and how many stored results it marked stale.</summary>
public sealed record SheetBatch(IReadOnlyList<SheetOutcome> Outcomes, int StaleMarks);

/// <summary>
/// Writes answer sheets for every request through one in-process writer that commits whatever has arrived (up to
/// <see cref="MaxBatch"/>) in ONE transaction. SQLite on a plain disk manages a few hundred fsynced commits a second, so a commit
/// per sheet cannot carry hundreds of sheets a second with headroom; a commit per batch can, and the batch grows by itself while
/// the previous one commits. A request is answered only after its batch committed: an acknowledged sheet is never lost.
/// The duplicate check is the insert itself (ON CONFLICT DO NOTHING on the unique indexes of device and invitation), so the
/// database decides, also between several server instances on PostgreSQL and between two sheets of one batch.
/// </summary>
public sealed class SurveyAnswerWriter(IServiceScopeFactory scopes, ILogger<SurveyAnswerWriter> log) : BackgroundService
{
    public const int MaxBatch = 500;

    private sealed record Pending(NewSheet Sheet)
    {
        public TaskCompletionSource<SheetOutcome> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private long _batches;
    private long _sheets;
    private long _commitTicks;

    /// <summary>Batches committed, sheets in them, and the time spent writing them (for the load check in bench/).</summary>
    public (long Batches, long Sheets, TimeSpan Writing) Statistics =>
        (Interlocked.Read(ref _batches), Interlocked.Read(ref _sheets), Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _commitTicks)));

    /// <summary>Queues the sheet and completes when its batch has committed (or the server is stopping: not stored).</summary>
    public Task<SheetOutcome> WriteAsync(NewSheet sheet)
    {
        var pending = new Pending(sheet);
        return _queue.Writer.TryWrite(pending) ? pending.Done.Task : Task.FromResult(SheetOutcome.NotStored);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Pending>(MaxBatch);
        // Not stoppingToken: at shutdown the queue is closed and what is in it is still written and answered.
        while (await _queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending))
                batch.Add(pending);
            var started = Stopwatch.GetTimestamp();
            SheetBatch outcomes;
            try
            {
                outcomes = await CommitAsync(batch.Select(p => p.Sheet).ToList());
            }
            catch (Exception e)
            {
                // The loop must outlive a failure of the database (each request is told, nothing is thanked for unwritten), or every
                // later sheet would wait for ever.
                log.LogError(e, "A batch of {Count} survey sheets could not be written", batch.Count);
                outcomes = new SheetBatch(batch.Select(_ => SheetOutcome.NotStored).ToList(), 0);
            }
            Interlocked.Add(ref _commitTicks, Stopwatch.GetTimestamp() - started);
            Interlocked.Increment(ref _batches);
            Interlocked.Add(ref _sheets, batch.Count);
            for (var i = 0; i < batch.Count; i++)
                batch[i].Done.SetResult(outcomes.Outcomes[i]);
            batch.Clear();
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    /// <summary>
    /// Writes the sheets in one transaction. When the database refuses one of them (a question the office replaced meanwhile), the
    /// transaction is rolled back and each sheet is written alone, so that one refused sheet does not take the others with it.
    /// </summary>
    internal async Task<SheetBatch> CommitAsync(IReadOnlyList<NewSheet> sheets)
    {
        try
        {
            return await WriteBatchAsync(sheets);
        }
        catch (DbException e)
        {
            log.LogWarning(e, "A batch of {Count} survey sheets was refused; writing them one by one", sheets.Count);
        }
        var outcomes = new List<SheetOutcome>(sheets.Count);
        var stale = 0;
        foreach (var sheet in sheets)
        {
            try
            {
                var alone = await WriteBatchAsync([sheet]);
                outcomes.Add(alone.Outcomes[0]);
                stale += alone.StaleMarks;
            }
            catch (DbException e)
            {
                log.LogError(e, "A survey sheet for unit {UnitId} could not be stored", sheet.UnitId);
                outcomes.Add(SheetOutcome.NotStored);
            }
        }
        return new SheetBatch(outcomes, stale);
    }

    private async Task<SheetBatch> WriteBatchAsync(IReadOnlyList<NewSheet> sheets)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChengxinDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var connection = db.Database.GetDbConnection();
        var tx = transaction.GetDbTransaction();

        await using var insertSheet = Command(connection, tx, """
            INSERT INTO "SurveyResponses" ("TenantId", "SurveyId", "UnitId", "InvitationId", "DeviceHash", "AnsweredAt", "Comment")
            VALUES (@tenant, @survey, @unit, @invitation, @device, @at, @comment)
            ON CONFLICT DO NOTHING
            RETURNING "Id"
            """);
        var (tenant, survey, unit) = (Add(insertSheet, "@tenant", DbType.Int64), Add(insertSheet, "@survey", DbType.Int64), Add(insertSheet, "@unit", DbType.Int64));
        var (invitation, device, comment) = (Add(insertSheet, "@invitation", DbType.Int64), Add(insertSheet, "@device", DbType.String),
            Add(insertSheet, "@comment", DbType.String));
        // No DbType: a UTC DateTime is the provider's own timestamp type (text on SQLite, timestamptz on PostgreSQL), as EF writes it.
        var at = Add(insertSheet, "@at", null);

        await using var insertAnswer = Command(connection, tx,
            """INSERT INTO "SurveyAnswers" ("ResponseId", "QuestionId", "Level") VALUES (@response, @question, @level)""");
        var (response, question, level) = (Add(insertAnswer, "@response", DbType.Int64), Add(insertAnswer, "@question", DbType.Int64),
            Add(insertAnswer, "@level", DbType.Int32));

        var outcomes = new List<SheetOutcome>(sheets.Count);
        var stored = new HashSet<(long CampaignId, long UnitId)>();
        foreach (var sheet in sheets)
        {
            (tenant.Value, survey.Value, unit.Value) = (sheet.TenantId, sheet.SurveyId, sheet.UnitId);
            invitation.Value = sheet.InvitationId is { } id ? id : DBNull.Value;
            (device.Value, at.Value) = (sheet.DeviceHash, sheet.AnsweredAt);
            comment.Value = sheet.Comment is { } text ? text : DBNull.Value;
            if (await insertSheet.ExecuteScalarAsync() is not { } newId)
            {
                outcomes.Add(await DuplicateAsync(connection, tx, sheet));
                continue;
            }
            response.Value = Convert.ToInt64(newId, System.Globalization.CultureInfo.InvariantCulture);
            foreach (var (questionId, chosen) in sheet.Answers)
            {
                (question.Value, level.Value) = (questionId, (int)chosen);
                await insertAnswer.ExecuteNonQueryAsync();
            }
            stored.Add((sheet.CampaignId, sheet.UnitId));
            outcomes.Add(SheetOutcome.Stored);
        }

        // One mark per unit and batch (only if not already stale): nothing is scored on the answering path.
        foreach (var (campaignId, unitId) in stored)
            await SurveyResults.MarkStaleAsync(db, campaignId, unitId, CancellationToken.None);
        await transaction.CommitAsync();
        return new SheetBatch(outcomes, stored.Count);
    }

    /// <summary>Which earlier sheet the database kept: the invitation's when it has been used, else the device's.</summary>
    private static async Task<SheetOutcome> DuplicateAsync(DbConnection connection, DbTransaction tx, NewSheet sheet)
    {
        if (sheet.InvitationId is not { } id)
            return SheetOutcome.DeviceAnswered;
        await using var used = Command(connection, tx, """SELECT 1 FROM "SurveyResponses" WHERE "InvitationId" = @invitation""");
        Add(used, "@invitation", DbType.Int64).Value = id;
        return await used.ExecuteScalarAsync() is null ? SheetOutcome.DeviceAnswered : SheetOutcome.InvitationUsed;
    }

    private static DbCommand Command(DbConnection connection, DbTransaction tx, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        return command;
    }

    private static DbParameter Add(DbCommand command, string name, DbType? type)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        if (type is { } t)
            parameter.DbType = t;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
