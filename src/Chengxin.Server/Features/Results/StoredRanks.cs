using System.Data;
using System.Text.Json;
using Chengxin.Domain.Campaigns;
using Chengxin.Domain.Scoring;
using Chengxin.Server.Data;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Results;

/// <summary>
/// A campaign's ranks, stored with its result rows (V019) so that the ranking table and one unit's result read them instead of
/// ranking every unit per request (issue 19). A row written alone keeps its last ranks marked due (one unit's new total can move
/// every other unit's rank; V021), so a campaign's ranks are current when every member has a row, none is stale, none lacks a
/// rank and none is marked due: one count over the campaign's range of <c>IX_UnitResults_CampaignId_Rank_UnitId_IsStale</c> and
/// one seek into the partial index of due rows. When they are not, a small campaign is ranked by the read that finds out, once
/// for everyone after it; a large one by the ranks worker (<see cref="RankRefresh"/>) shortly after the write, its reads
/// meanwhile serving the last ranks marked as being refreshed.
/// </summary>
public static class StoredRanks
{
    /// <summary>
    /// What a ranking read serves from: the campaign's scheme version, its member count, and, only when the ranks could not be
    /// stored (a write came in between), the rows as read, which the caller then ranks itself the way the full results do.
    /// </summary>
    /// <paramref name="Refreshing"/>: the rows are current but their ranks are due, and the campaign is too large to rank in the
    /// request; the stored ranks are the last ones, served as being refreshed until the ranks worker (<see cref="RankRefresh"/>) has run.
    internal sealed record Current(SchemeVersion Version, CompiledScheme Scheme, int UnitCount, StoredCampaignResults? Unstored, bool Refreshing = false);

    /// <summary>How many rows the campaign has, how many of them are stale or unranked, and how many stale.</summary>
    internal sealed record RankState(int Rows, int Due, int Stale);

    /// <summary>The check a ranking read makes first: one aggregate over the campaign's range of the rank index.</summary>
    internal static IQueryable<RankState> StateQuery(ChengxinDbContext db, long campaignId) =>
        db.UnitResults.Where(r => r.CampaignId == campaignId).GroupBy(r => r.CampaignId)
            .Select(g => new RankState(g.Count(), g.Count(r => r.IsStale || r.Rank == null), g.Count(r => r.IsStale)));

    /// <summary>Whether a row of the campaign was written since it was last ranked: a seek into <c>IX_UnitResults_CampaignId_RankDue</c>.</summary>
    internal static IQueryable<UnitResultRow> DueRowsQuery(ChengxinDbContext db, long campaignId) =>
        db.UnitResults.Where(r => r.CampaignId == campaignId && r.RankDue);

    /// <summary>
    /// Makes sure the campaign's stored ranks are current, ranking it whole when they are not. The campaign is one the caller may
    /// see; rows and members are read past the unit scope, as ranks are a property of the whole campaign. A read passes
    /// <paramref name="rankOnReadUpTo"/>: when only the ranks are due (the rows are current, as a save leaves them) and the campaign
    /// has more members than that, the ranks are left to the ranks worker and the answer says they are being refreshed. Rows that
    /// are stale or missing are always brought up to date here: their totals, not only their ranks, would be wrong.
    /// </summary>
    internal static async Task<Current> EnsureAsync(ChengxinDbContext db, SchemeVersions versions, DateTime now, Data.Campaign campaign,
        CancellationToken ct, int? rankOnReadUpTo = null)
    {
        var version = await db.SchemeVersions.IgnoreQueryFilters().AsNoTracking().FirstAsync(v => v.Id == campaign.SchemeVersionId, ct);
        var scheme = versions.Compile(version);
        var members = await db.CampaignUnits.CountAsync(cu => cu.CampaignId == campaign.Id, ct);
        var state = await StateQuery(db, campaign.Id).FirstOrDefaultAsync(ct) ?? new RankState(0, 0, 0);
        if (state.Due == 0 && await DueRowsQuery(db, campaign.Id).AnyAsync(ct))
            state = state with { Due = 1 };
        // A composite's or a carrying scheme's rows also go out of date when an earlier period is published again (no write of
        // this campaign marks them): compared only for such schemes, where the published ids are not the empty list.
        var inputs = JsonSerializer.Serialize(await PeriodInputs.PublishedIdsAsync(db, campaign, scheme, ct));
        var rowsCurrent = state.Rows == members && state.Stale == 0
            && (inputs == "[]" || !await db.UnitResults.AnyAsync(r => r.CampaignId == campaign.Id && r.PeriodSourcesJson != inputs, ct));
        if (rowsCurrent && state.Due == 0)
            return new Current(version, scheme, members, null);
        if (rowsCurrent && members > rankOnReadUpTo)
            return new Current(version, scheme, members, null, Refreshing: true);

        campaign.Units = await db.CampaignUnits.AsNoTracking().Where(cu => cu.CampaignId == campaign.Id).OrderBy(cu => cu.UnitId).ToListAsync(ct);
        // After a save the rows are current and only their ranks are due (the save recomputed its unit): they are ranked as they
        // are. A stale or missing row is brought up to date first, the way the full results do.
        var stored = rowsCurrent ? null : await StoredResults.ReadAsync(db, versions, now, campaign, ct, withItems: false);
        if (await StoreAsync(db, campaign, ct))
            return new Current(version, scheme, members, null);
        return new Current(version, scheme, members, stored ?? await StoredResults.ReadAsync(db, versions, now, campaign, ct, withItems: false));
    }

    /// <summary>
    /// Ranks the campaign's rows as they are and stores the ranks that changed, in one transaction that sees no write in between:
    /// SQLite's transaction takes the write lock before it reads; PostgreSQL's repeatable read refuses the update of a row a
    /// writer changed meanwhile. A writer that commits after the ranks marks its own row's rank due, so the campaign is due again.
    /// False when the rows are not all there and current (a write came in first): nothing is stored then.
    /// </summary>
    private static async Task<bool> StoreAsync(ChengxinDbContext db, Data.Campaign campaign, CancellationToken ct)
    {
        foreach (var entry in db.ChangeTracker.Entries<UnitResultRow>().Where(e => e.Entity.CampaignId == campaign.Id).ToList())
            entry.State = EntityState.Detached;
        var outer = db.Database.CurrentTransaction;
        var transaction = outer is null
            ? await db.Database.BeginTransactionAsync(db.Database.IsNpgsql() ? IsolationLevel.RepeatableRead : IsolationLevel.Serializable, ct)
            : null;
        try
        {
            var rows = await db.UnitResults.AsNoTracking().Where(r => r.CampaignId == campaign.Id).OrderBy(r => r.UnitId)
                .Select(r => new UnitResultRow
                {
                    CampaignId = r.CampaignId, UnitId = r.UnitId, SchemeClass = r.SchemeClass, Total = r.Total, VetoesJson = r.VetoesJson,
                    TieBreakJson = r.TieBreakJson, IsStale = r.IsStale, Rank = r.Rank, ClassRank = r.ClassRank, RankDue = r.RankDue,
                    StaleMark = r.StaleMark,
                    Explanation = "", ItemsJson = "", PeriodSourcesJson = "",
                }).ToListAsync(ct);
            if (rows.Count != campaign.Units.Count || rows.Any(r => r.IsStale))
                return false;
            var (_, overall, byClass) = StoredResults.Ranks(rows);
            var changed = 0;
            for (var i = 0; i < rows.Count; i++)
            {
                if (rows[i].Rank == overall[i] && rows[i].ClassRank == byClass[i] && !rows[i].RankDue)
                    continue;
                (rows[i].Rank, rows[i].ClassRank, rows[i].RankDue) = (overall[i], byClass[i], false);
                var entry = db.UnitResults.Attach(rows[i]);
                entry.Property(r => r.Rank).IsModified = true;
                entry.Property(r => r.ClassRank).IsModified = true;
                entry.Property(r => r.RankDue).IsModified = true;
                changed++;
            }
            if (changed > 0)
                await db.SaveChangesAsync(ct);
            if (transaction is not null)
                await transaction.CommitAsync(ct);
            return true;
        }
        catch (DbUpdateException) when (transaction is not null)
        {
            // A writer changed one of these rows after this transaction began: its rank is due again, and this read serves the
            // ranks it computed from the rows it read.
            return false;
        }
        finally
        {
            foreach (var entry in db.ChangeTracker.Entries<UnitResultRow>().Where(e => e.Entity.CampaignId == campaign.Id).ToList())
                entry.State = EntityState.Detached;
            if (transaction is not null)
                await transaction.DisposeAsync();
        }
    }
}
