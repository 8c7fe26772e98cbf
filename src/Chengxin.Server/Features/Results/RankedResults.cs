using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Chengxin.Domain.Scoring;
using Chengxin.Server.Data;
using Chengxin.Server.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Chengxin.Server.Features.Results;

/// <summary>
/// A campaign's live results with their items, in rank order and in the caller's scope, read a batch of units at a time as they are
/// written out (the score sheet of a province: 3,000 units × 40 items, 8.6 MB as XLSX). Read whole first, the first sheet left only after
/// every unit's items had been read and parsed (ScaleBench: first byte 800 ms on SQLite, 540 on PostgreSQL); a batch at a time, it
/// leaves after the first batch, and one batch is held at a time.
/// </summary>
/// <remarks>
/// The batches come from the stored rows in the order of their stored ranks (a keyset over <c>IX_UnitResults_CampaignId_Rank_UnitId_IsStale</c>),
/// so the campaign's ranks are made current first (<see cref="StoredRanks.EnsureAsync"/>: stale rows recomputed, the campaign ranked whole
/// if a write came in since; nothing to do when none did). All batches are read in one read-only view of the database (a transaction), in which the
/// ranks are checked current again: a write during the download (a save marking a row stale, the ranks worker moving ranks) can then
/// neither make a unit appear twice or not at all across batches nor put a stale row on the sheet as current. When the check fails (a
/// write landed between the two), the caller reads the whole view as before, which recomputes what is stale.
/// </remarks>
internal static class RankedResults
{
    /// <summary>Units per batch: about 3 KB of stored items each, so a batch is well under a megabyte.</summary>
    public const int DefaultBatch = 200;

    /// <summary>One unit's stored row as the score sheet shows it, with its name (in the caller's scope) and its stored ranks.</summary>
    internal sealed record Line(long UnitId, string Name, string SchemeClass, decimal Base, decimal Bonus, decimal Total, string? Grade,
        string VetoesJson, int Rank, int ClassRank, decimal SelfTotal, bool IsLate, string Explanation, string ItemsJson);

    /// <summary>
    /// The next batch after (<paramref name="afterRank"/>, <paramref name="afterUnitId"/>) in rank order: the campaign's range of the rank
    /// index from that key, each row's unit asked after by its key through the unit scope (which keeps the caller's units and gives their
    /// names), as the ranking table's lines are (<see cref="ResultRanking.LinesQuery"/>).
    /// </summary>
    internal static IQueryable<Line> BatchQuery(ChengxinDbContext db, long campaignId, int afterRank, long afterUnitId, int take) =>
        db.UnitResults.AsNoTracking()
            .Where(r => r.CampaignId == campaignId && (r.Rank > afterRank || (r.Rank == afterRank && r.UnitId > afterUnitId))
                && db.Units.Any(u => u.Id == r.UnitId))
            .OrderBy(r => r.Rank).ThenBy(r => r.UnitId).Take(take)
            .Select(r => new Line(r.UnitId, db.Units.Where(u => u.Id == r.UnitId).Select(u => u.Name).First(), r.SchemeClass, r.Base, r.Bonus,
                r.Total, r.Grade, r.VetoesJson, r.Rank ?? 0, r.ClassRank ?? 0, r.SelfTotal, r.IsLate, r.Explanation, r.ItemsJson));

    /// <summary>What <see cref="OpenAsync"/> found: the units to stream (null when none is in the caller's scope), or that the ranks moved.</summary>
    internal sealed record Opened(bool RanksCurrent, IAsyncEnumerable<UnitResultView>? Units);

    /// <summary>
    /// Makes the campaign's ranks current, opens the consistent read the batches come from and reads the first batch, so that whatever
    /// refuses (no unit in scope) does so before the first byte. <see cref="Opened.RanksCurrent"/> false: a write came in between and
    /// nothing is streamed (the caller reads the whole view). The read ends when the units have been read or the reading stops.
    /// </summary>
    internal static async Task<Opened> OpenAsync(ChengxinDbContext db, SchemeVersions versions, DateTime now, Data.Campaign campaign, int batch,
        CancellationToken ct)
    {
        var current = await StoredRanks.EnsureAsync(db, versions, now, campaign, ct);
        if (current.Unstored is not null)
            return new Opened(false, null);
        var read = await ConsistentRead.BeginAsync(db, ct);
        try
        {
            var members = await db.CampaignUnits.CountAsync(cu => cu.CampaignId == campaign.Id, ct);
            var state = await StoredRanks.StateQuery(db, campaign.Id).FirstOrDefaultAsync(ct);
            if (state is null || state.Rows != members || state.Due > 0 || await StoredRanks.DueRowsQuery(db, campaign.Id).AnyAsync(ct))
            {
                await read.DisposeAsync();
                return new Opened(false, null);
            }
            var first = await BatchQuery(db, campaign.Id, int.MinValue, long.MinValue, batch).ToListAsync(ct);
            if (first.Count == 0)
            {
                await read.DisposeAsync();
                return new Opened(true, null);
            }
            var classNames = current.Scheme.Scheme.Classes.ToDictionary(k => k.Id, k => k.Name, StringComparer.Ordinal);
            return new Opened(true, Units(db, read, current.Scheme, classNames, campaign.Id, first, batch, ct));
        }
        catch
        {
            await read.DisposeAsync();
            throw;
        }
    }

    private static async IAsyncEnumerable<UnitResultView> Units(ChengxinDbContext db, ConsistentRead read, CompiledScheme scheme,
        Dictionary<string, string> classNames, long campaignId, List<Line> first, int batch, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var _ = read;
        var lines = first;
        while (true)
        {
            foreach (var l in lines)
                yield return new UnitResultView(l.UnitId, l.Name, l.SchemeClass, l.Base, l.Bonus, l.Total, l.Grade, ResultRanking.Vetoes(l.VetoesJson),
                    l.Rank, l.ClassRank, l.SelfTotal, l.IsLate, l.Explanation, StoredResults.ItemViews(scheme, l.ItemsJson),
                    classNames.GetValueOrDefault(l.SchemeClass));
            if (lines.Count < batch)
                yield break;
            var last = lines[^1];
            lines = await BatchQuery(db, campaignId, last.Rank, last.UnitId, batch).ToListAsync(ct);
            if (lines.Count == 0)
                yield break;
        }
    }

    /// <summary>
    /// A read-only view of the database as of its first read, for the length of a download. PostgreSQL: a repeatable-read transaction.
    /// SQLite: a deferred transaction, which takes no lock until it reads and then reads one state of the write-ahead log while writers
    /// go on; the provider's own BEGIN (IMMEDIATE) would take the write lock and hold every save back for the whole download.
    /// </summary>
    private sealed class ConsistentRead : IAsyncDisposable
    {
        private readonly ChengxinDbContext _db;
        private readonly IDbContextTransaction _transaction;
        private readonly DbTransaction? _own;
        private bool _disposed;

        private ConsistentRead(ChengxinDbContext db, IDbContextTransaction transaction, DbTransaction? own) =>
            (_db, _transaction, _own) = (db, transaction, own);

        public static async Task<ConsistentRead> BeginAsync(ChengxinDbContext db, CancellationToken ct)
        {
            if (db.Database.IsNpgsql())
                return new ConsistentRead(db, await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct), null);
            await db.Database.OpenConnectionAsync(ct);
            var own = ((SqliteConnection)db.Database.GetDbConnection()).BeginTransaction(deferred: true);
            return new ConsistentRead(db, (await db.Database.UseTransactionAsync(own, ct))!, own);
        }

        public async ValueTask DisposeAsync()
        {
            if (_disposed)
                return;
            _disposed = true;
            await _transaction.DisposeAsync();
            if (_own is not null)
            {
                // The transaction was the context's to use, not to end: it is rolled back (nothing was written) and the connection let go.
                await _own.DisposeAsync();
                await _db.Database.CloseConnectionAsync();
            }
        }
    }
}
