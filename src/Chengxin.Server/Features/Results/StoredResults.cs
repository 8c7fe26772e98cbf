using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Chengxin.Domain.Campaigns;
using Chengxin.Domain.Scoring;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Campaigns;
using Microsoft.EntityFrameworkCore;

using Chengxin.Server.Infrastructure;

namespace Chengxin.Server.Features.Results;

/// <summary>One item of a stored result, in the scheme's item order; title and number are the scheme version's.</summary>
public sealed record StoredItemResult(string ItemId, ItemStatus Status, decimal Score, decimal SelfScore, string Explanation, decimal Earned,
    string? CarriedFrom);

/// <summary>A campaign's stored results as read: the rows in unit id order, the scheme they were computed with, and the campaign's period inputs.</summary>
public sealed record StoredCampaignResults(Data.Campaign Campaign, SchemeVersion Version, CompiledScheme Scheme, IReadOnlyList<UnitResultRow> Rows);

/// <summary>
/// Results are computed when facts change and read from their rows (ADR 0007). A save of facts marks its units' rows stale in its
/// transaction (<see cref="ChengxinDbContext"/>), and the result-refresh work recomputes them a few seconds later, a campaign's
/// writes in one batch (<see cref="StaleResultRefresh"/>, ADR 0011); a read recomputes whatever is still stale, missing, of another scheme version, or computed from other published results than
/// those there are now — so a result's correctness never rests on a writer. Ranks are stored once the campaign is ranked whole
/// (<see cref="StoredRanks"/>); the full results here still rank their rows on read.
/// </summary>
public static class StoredResults
{
    private static readonly JsonSerializerOptions Json = ManageResults.SnapshotJson;

    /// <summary>
    /// Up to this many outdated units of a campaign a read recomputes alone; more (an import of a whole campaign, say), or half the
    /// campaign, and it recomputes the campaign whole.
    /// </summary>
    public const int RecomputeSomeUpTo = 200;

    /// <summary>
    /// Recomputes and stores the given units' rows of a campaign (all when null; <paramref name="campaign"/> carries its members,
    /// all of them unless only some are recomputed). Rows written alone keep their last ranks, marked due; a campaign computed whole is ranked with them.
    /// </summary>
    public static Task RecomputeAsync(ChengxinDbContext db, SchemeVersions versions, DateTime now, Data.Campaign campaign,
        IReadOnlySet<long>? only, CancellationToken ct) => RecomputeAsync(db, versions, now, campaign, only, beforeStore: null, ct);

    /// <summary>
    /// <see cref="RecomputeAsync(ChengxinDbContext, SchemeVersions, DateTime, Data.Campaign, IReadOnlySet{long}?, CancellationToken)"/>,
    /// with a step between the computation and the store (a test's write landing there). A row whose stale mark moved since it was
    /// read is not stored: the save throws <see cref="DbUpdateConcurrencyException"/> and stores none of the rows (ADR 0011).
    /// </summary>
    internal static async Task RecomputeAsync(ChengxinDbContext db, SchemeVersions versions, DateTime now, Data.Campaign campaign,
        IReadOnlySet<long>? only, Func<CancellationToken, Task>? beforeStore, CancellationToken ct)
    {
        // The rows' stale marks are read before the facts: a write that lands after this counts its row's mark up, and the store
        // below then refuses that row (StaleMark is the rows' concurrency token), so an old result never clears a newer mark.
        var version = await db.SchemeVersions.IgnoreQueryFilters().AsNoTracking().FirstAsync(v => v.Id == campaign.SchemeVersionId, ct);
        var marksOf = ScoreCampaign.ComparesUnits(versions.Compile(version)) ? null : only;
        var single = marksOf is { Count: 1 } ? marksOf.First() : (long?)null;
        var existing = await db.UnitResults.AsNoTracking().Where(r => r.CampaignId == campaign.Id && (single == null || r.UnitId == single))
            .Select(r => new { r.UnitId, r.Rank, r.ClassRank, r.StaleMark }).ToDictionaryAsync(r => r.UnitId, ct);
        var scored = await ScoreCampaign.ScoreAsync(db, versions, campaign, withPeriods: true, only, ct);
        var computed = Rows(scored, campaign, now);
        // Every member was scored (all asked for, or a scheme that compares units): the ranks are those of these rows.
        var whole = only is null || ScoreCampaign.ComparesUnits(scored.Scheme);
        if (whole)
        {
            var (_, overall, byClass) = Ranks(computed);
            for (var i = 0; i < computed.Count; i++)
                (computed[i].Rank, computed[i].ClassRank) = (overall[i], byClass[i]);
        }
        if (beforeStore is not null)
            await beforeStore(ct);
        // The stale marks were written past the change tracker; rows this context tracks would hide them, so they are let go
        // and every row is written whole.
        foreach (var entry in db.ChangeTracker.Entries<UnitResultRow>().Where(e => e.Entity.CampaignId == campaign.Id).ToList())
            entry.State = EntityState.Detached;
        foreach (var row in computed)
        {
            var found = existing.TryGetValue(row.UnitId, out var last);
            // A row written alone keeps its last ranks, marked due: the ranks worker ranks the campaign again (RankRefresh), and
            // until then a read shows these ranks as being refreshed, never as final.
            if (!whole)
                (row.Rank, row.ClassRank, row.RankDue) = found ? (last!.Rank, last.ClassRank, true) : (null, null, true);
            if (found)
            {
                row.StaleMark = last!.StaleMark;
                db.UnitResults.Update(row);
            }
            else
                db.UnitResults.Add(row);
        }
        await db.SaveChangesAsync(ct);
        foreach (var row in computed)
            db.Entry(row).State = EntityState.Detached;
        if (only is null)
        {
            // Units taken out of the campaign keep no result.
            await db.UnitResults.Where(r => r.CampaignId == campaign.Id && !db.CampaignUnits.Any(cu => cu.CampaignId == campaign.Id && cu.UnitId == r.UnitId))
                .ExecuteDeleteAsync(ct);
        }
    }

    /// <summary>The given units' rows of a campaign (all when null) as a computation makes them now, not stored.</summary>
    internal static async Task<List<UnitResultRow>> ComputeAsync(ChengxinDbContext db, SchemeVersions versions, DateTime now, Data.Campaign campaign,
        IReadOnlySet<long>? only, CancellationToken ct) =>
        Rows(await ScoreCampaign.ScoreAsync(db, versions, campaign, withPeriods: true, only, ct), campaign, now);

    /// <summary>
    /// A campaign's stored rows, brought up to date first: rows stale, missing, of another scheme version, or read from other
    /// published results than the campaign's period inputs are now, are recomputed (the whole campaign when its period inputs moved).
    /// </summary>
    public static async Task<StoredCampaignResults> ReadAsync(ChengxinDbContext db, SchemeVersions versions, DateTime now, Data.Campaign campaign,
        CancellationToken ct, bool withItems = true)
    {
        var version = await db.SchemeVersions.IgnoreQueryFilters().AsNoTracking().FirstAsync(v => v.Id == campaign.SchemeVersionId, ct);
        var scheme = versions.Compile(version);
        var rows = await LoadAsync(db, campaign.Id, withItems, ct);
        var inputs = JsonSerializer.Serialize(await PeriodInputs.PublishedIdsAsync(db, campaign, scheme, ct));
        var classes = campaign.Units.ToDictionary(u => u.UnitId, u => u.SchemeClass);
        var members = classes.Keys.ToHashSet();
        var outdated = members.Where(id => !rows.TryGetValue(id, out var row) || row.IsStale || row.SchemeVersionId != version.Id
            || row.PeriodSourcesJson != inputs || row.SchemeClass != classes[id]).ToHashSet();
        if (outdated.Count > 0 || rows.Keys.Any(id => !members.Contains(id)))
        {
            var only = outdated.Count >= members.Count / 2 || outdated.Count > RecomputeSomeUpTo ? null : outdated;
            try
            {
                await RecomputeAsync(db, versions, now, campaign, only, ct);
                rows = await LoadAsync(db, campaign.Id, withItems, ct);
            }
            catch (DbUpdateException)
            {
                // Two readers stored the same missing rows at once and this one lost: serve what it computed, stored by the other.
                foreach (var entry in db.ChangeTracker.Entries<UnitResultRow>().ToList())
                    entry.State = EntityState.Detached;
                foreach (var row in await ComputeAsync(db, versions, now, campaign, only, ct))
                    rows[row.UnitId] = row;
            }
        }
        return new StoredCampaignResults(campaign, version, scheme, [.. members.Order().Select(id => rows[id])]);
    }

    /// <summary>
    /// Some units' self-scores per item from their stored rows (the review queue's page), brought up to date first the way
    /// <see cref="ReadAsync"/> does, but for these units only: a row stale, missing, of another scheme version or class, or read
    /// from other published results than there are now is recomputed. Units not in the campaign are left out. Only these units'
    /// memberships are read (IX_CampaignUnits by campaign and unit; a page is tens of units, the campaign thousands), and the
    /// campaign's others only when a row must be recomputed for a scheme that compares units, which scores the campaign whole.
    /// </summary>
    public static async Task<Dictionary<long, Dictionary<string, decimal>>> SelfScoresAsync(ChengxinDbContext db, SchemeVersions versions, DateTime now,
        Data.Campaign campaign, IReadOnlyCollection<long> unitIds, CancellationToken ct)
    {
        var version = await db.SchemeVersions.IgnoreQueryFilters().AsNoTracking().FirstAsync(v => v.Id == campaign.SchemeVersionId, ct);
        var scheme = versions.Compile(version);
        var asked = unitIds.Distinct().ToList();
        campaign.Units = await PageMembersQuery(db, campaign.Id, asked).ToListAsync(ct);
        var classes = campaign.Units.ToDictionary(u => u.UnitId, u => u.SchemeClass);
        var ids = asked.Where(classes.ContainsKey).ToHashSet();
        var rows = await db.UnitResults.AsNoTracking().Where(r => r.CampaignId == campaign.Id && ids.Contains(r.UnitId)).ToDictionaryAsync(r => r.UnitId, ct);
        var inputs = JsonSerializer.Serialize(await PeriodInputs.PublishedIdsAsync(db, campaign, scheme, ct));
        var outdated = ids.Where(id => !rows.TryGetValue(id, out var row) || row.IsStale || row.SchemeVersionId != version.Id
            || row.PeriodSourcesJson != inputs || row.SchemeClass != classes[id]).ToHashSet();
        if (outdated.Count > 0)
        {
            // Such a scheme's units move each other's results: the recompute scores every member (RecomputeAsync's contract).
            if (ScoreCampaign.ComparesUnits(scheme))
                campaign.Units = await db.CampaignUnits.AsNoTracking().Where(cu => cu.CampaignId == campaign.Id).OrderBy(cu => cu.UnitId).ToListAsync(ct);
            try
            {
                await RecomputeAsync(db, versions, now, campaign, outdated, ct);
                rows = await db.UnitResults.AsNoTracking().Where(r => r.CampaignId == campaign.Id && ids.Contains(r.UnitId)).ToDictionaryAsync(r => r.UnitId, ct);
            }
            catch (DbUpdateException)
            {
                // Another reader stored the same rows at once: serve what this one computed.
                foreach (var entry in db.ChangeTracker.Entries<UnitResultRow>().ToList())
                    entry.State = EntityState.Detached;
                foreach (var row in await ComputeAsync(db, versions, now, campaign, outdated, ct))
                    rows[row.UnitId] = row;
            }
        }
        return rows.Values.Where(r => ids.Contains(r.UnitId))
            .ToDictionary(r => r.UnitId, r => Items(r).ToDictionary(i => i.ItemId, i => i.SelfScore, StringComparer.Ordinal));
    }

    /// <summary>The memberships of some units of a campaign, in unit order: the review queue's page, by the membership key.</summary>
    internal static IQueryable<CampaignUnit> PageMembersQuery(ChengxinDbContext db, long campaignId, IReadOnlyCollection<long> unitIds) =>
        db.CampaignUnits.AsNoTracking().Where(cu => cu.CampaignId == campaignId && unitIds.Contains(cu.UnitId)).OrderBy(cu => cu.UnitId);

    /// <summary>
    /// A campaign's rows; without items, the per-item JSON and the explanation (nearly all of a row's size) stay in the database:
    /// what a ranking needs is a few columns.
    /// </summary>
    private static async Task<Dictionary<long, UnitResultRow>> LoadAsync(ChengxinDbContext db, long campaignId, bool withItems, CancellationToken ct)
    {
        var rows = db.UnitResults.AsNoTracking().Where(r => r.CampaignId == campaignId);
        if (withItems)
            return await rows.ToDictionaryAsync(r => r.UnitId, ct);
        return await rows.Select(r => new UnitResultRow
        {
            TenantId = r.TenantId, CampaignId = r.CampaignId, UnitId = r.UnitId, SchemeVersionId = r.SchemeVersionId, SchemeClass = r.SchemeClass,
            Base = r.Base, Bonus = r.Bonus, Total = r.Total, Grade = r.Grade, VetoesJson = r.VetoesJson, SelfTotal = r.SelfTotal,
            ReviewedOnlyTotal = r.ReviewedOnlyTotal, IsLate = r.IsLate, Explanation = "", ItemsJson = "[]", TieBreakJson = r.TieBreakJson,
            Composite = r.Composite, CompositeNote = r.CompositeNote, PeriodSourcesJson = r.PeriodSourcesJson, IsStale = r.IsStale, ComputedAt = r.ComputedAt,
            Rank = r.Rank, ClassRank = r.ClassRank,
        }).ToDictionaryAsync(r => r.UnitId, ct);
    }

    /// <summary>
    /// The campaign-wide pass over the stored per-unit rows, in one place: the ranks (overall and within the unit's class). The
    /// domain's second pass (points by rank, shares of the best, averages, grade quotas) has already run when the rows were
    /// computed, over the whole campaign (<see cref="ScoreCampaign.ComparesUnits"/>), so the stored totals and grades are final.
    /// </summary>
    public static CampaignResultView View(StoredCampaignResults stored, IReadOnlyDictionary<long, string> names)
    {
        var (campaign, version, scheme, rows) = (stored.Campaign, stored.Version, stored.Scheme, stored.Rows);
        var (vetoes, overall, byClass) = Ranks(rows);
        var classNames = scheme.Scheme.Classes.ToDictionary(k => k.Id, k => k.Name, StringComparer.Ordinal);
        var views = new UnitResultView[rows.Count];
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            for (var i = 0; i < rows.Count; i++)
            {
                var row = rows[i];
                views[i] = new UnitResultView(row.UnitId, names[row.UnitId], row.SchemeClass, row.Base, row.Bonus, row.Total, row.Grade,
                    vetoes[i], overall[i], byClass[i], row.SelfTotal, row.IsLate, row.Explanation, ItemViews(scheme, row.ItemsJson, ref buffer),
                    classNames.GetValueOrDefault(row.SchemeClass));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        return new CampaignResultView(campaign.Id, campaign.Name, version.SchemeId, version.Version, version.Sha256, campaign.PeriodKey,
            Period.ParseKey(campaign.PeriodKey).Label, rows.Count, [.. views.OrderBy(v => v.Rank).ThenBy(v => v.UnitId)]);
    }

    /// <summary>The ranks of stored rows over the whole campaign (overall and within the class), and each row's vetoes, in the rows' order.</summary>
    public static (List<List<string>> Vetoes, IReadOnlyList<int> Overall, IReadOnlyList<int> ByClass) Ranks(IReadOnlyList<UnitResultRow> rows)
    {
        // Read once per row: the vetoes serve both the rank and the view; a row without one (nearly all) is not parsed.
        var vetoes = rows.Select(r => r.VetoesJson == "[]" ? [] : JsonSerializer.Deserialize<List<string>>(r.VetoesJson, Json)!).ToList();
        var keys = rows.Select((r, i) => new StoredRank(r.UnitId.ToString(CultureInfo.InvariantCulture), r.SchemeClass, r.Total,
            vetoes[i].Count > 0, ReadDecimals(r.TieBreakJson))).ToList();
        return (vetoes, Ranking.RankStored(keys, null), Ranking.RankStored(keys, k => k.UnitClass));
    }

    /// <summary>One row's items as the results show them (the per-unit read of the results page).</summary>
    public static IReadOnlyList<ItemResultView> ItemViews(CompiledScheme scheme, string itemsJson)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            return ItemViews(scheme, itemsJson, ref buffer);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// A row's items as the results show them, read straight from the stored JSON (<see cref="StoredItemResult"/>, in the scheme's
    /// item order). A read of a campaign parses every unit's every item, several million characters for thousands of units, so
    /// this reads only what the view shows (the id, number and title are the scheme's), builds no intermediate records, and
    /// encodes every row into one rented buffer (grown when a row needs more).
    /// </summary>
    private static ItemResultView[] ItemViews(CompiledScheme scheme, string itemsJson, ref byte[] buffer)
    {
        var items = scheme.Items;
        var views = new ItemResultView[items.Count];
        var most = Encoding.UTF8.GetMaxByteCount(itemsJson.Length);
        if (buffer.Length < most)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = ArrayPool<byte>.Shared.Rent(most);
        }
        var reader = new Utf8JsonReader(buffer.AsSpan(0, Encoding.UTF8.GetBytes(itemsJson, buffer)));
        reader.Read();
        for (var i = 0; reader.Read() && reader.TokenType == JsonTokenType.StartObject; i++)
        {
            var (status, score, selfScore, explanation) = (ItemStatus.Scored, 0m, 0m, "");
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("status"u8))
                {
                    reader.Read();
                    status = Enum.Parse<ItemStatus>(reader.GetString()!);
                }
                else if (reader.ValueTextEquals("score"u8))
                {
                    reader.Read();
                    score = reader.GetDecimal();
                }
                else if (reader.ValueTextEquals("selfScore"u8))
                {
                    reader.Read();
                    selfScore = reader.GetDecimal();
                }
                else if (reader.ValueTextEquals("explanation"u8))
                {
                    reader.Read();
                    explanation = reader.GetString()!;
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
            var item = items[i].Item;
            views[i] = new ItemResultView(item.Id, item.No, item.Title, status, score, selfScore, explanation);
        }
        return views;
    }

    private static decimal[] ReadDecimals(string json)
    {
        if (json == "[]")
            return [];
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        var values = new List<decimal>();
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.Number)
            values.Add(reader.GetDecimal());
        return [.. values];
    }

    /// <summary>
    /// A campaign the caller may see, with all its units (the rows results are read for). Two plain queries: as one include,
    /// the scope filter's test of the campaign ran again with the units' rows and took several times as long for thousands of units.
    /// </summary>
    public static async Task<Data.Campaign?> FindCampaignAsync(ChengxinDbContext db, long id, CancellationToken ct)
    {
        var campaign = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (campaign is not null)
            campaign.Units = await db.CampaignUnits.AsNoTracking().Where(cu => cu.CampaignId == id).OrderBy(cu => cu.UnitId).ToListAsync(ct);
        return campaign;
    }

    /// <summary>The names results show: the units' current names, read past the scope (the caller filters what it shows).</summary>
    public static async Task<Dictionary<long, string>> NamesAsync(ChengxinDbContext db, long campaignId, CancellationToken ct) =>
        await db.Units.IgnoreQueryFilters().AsNoTracking().Where(u => db.CampaignUnits.Any(cu => cu.CampaignId == campaignId && cu.UnitId == u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.Name, ct);

    /// <summary>The items of a stored row, in the scheme's item order.</summary>
    public static IReadOnlyList<StoredItemResult> Items(UnitResultRow row) => JsonSerializer.Deserialize<List<StoredItemResult>>(row.ItemsJson, Json)!;

    private static List<UnitResultRow> Rows(ScoreCampaign.Scored scored, Data.Campaign campaign, DateTime now)
    {
        var scheme = scored.Scheme;
        var sources = JsonSerializer.Serialize(scored.Periods?.PublishedIds ?? []);
        var categoryOf = CategoryOfItems(scheme);
        var categories = scheme.Scheme.Categories.Count;
        return scored.Members.Select((member, i) =>
        {
            var r = scored.Reviewed[i];
            var self = scored.Self[i];
            var check = scored.Spot.TryGetValue(member.UnitId, out var c) ? c : default;
            var explanation = r.Unreported ? $"逾期未报，按漏报计 0 分；{Explainer.ExplainTotal(r)}" : Explainer.ExplainTotal(r);
            if (check.Check is not null)
                explanation = $"抽查结果替代复核结果（复核总分 {scored.ReviewedOnly[member.UnitId].ToString("0.##########", CultureInfo.InvariantCulture)}；"
                    + $"抽查结论：{check.Check.Summary}）；{explanation}";
            string ItemExplanation(CompiledItem ci)
            {
                var found = check.Items?.FirstOrDefault(x => x.ItemId == ci.Item.Id);
                if (r.Unreported)
                    return "逾期未报，按漏报计 0 分";
                var explained = Explainer.Explain(r, ci.Index) + scored.MonitoringNote(member.UnitId, ci);
                return found is null ? explained : $"抽查：{found.Reason}；{explained}";
            }
            var items = scheme.Items.Select(ci => new StoredItemResult(ci.Item.Id, r.Items[ci.Index].Status, r.Items[ci.Index].Score,
                self.Items[ci.Index].Score, ItemExplanation(ci), r.Items[ci.Index].Earned, r.Items[ci.Index].CarriedFrom)).ToList();
            return new UnitResultRow
            {
                TenantId = campaign.TenantId, CampaignId = campaign.Id, UnitId = member.UnitId, SchemeVersionId = scored.Version.Id, SchemeClass = member.SchemeClass,
                Base = r.Base, Bonus = r.Bonus, Total = r.Total, Grade = r.Grade, VetoesJson = JsonSerializer.Serialize(r.Vetoes, Json), SelfTotal = self.Total,
                ReviewedOnlyTotal = scored.ReviewedOnly.TryGetValue(member.UnitId, out var only) ? only : null,
                IsLate = scored.Submissions.TryGetValue(member.UnitId, out var s) && s.IsLate, Explanation = explanation,
                ItemsJson = JsonSerializer.Serialize(items, Json), TieBreakJson = JsonSerializer.Serialize(Ranking.TieBreakScores(r), Json),
                Composite = r.Composite, CompositeNote = r.CompositeNote, PeriodSourcesJson = sources, IsStale = false, ComputedAt = now,
                CategoryScoresJson = JsonSerializer.Serialize(CategorySums(r, scheme, categoryOf, categories), Json),
            };
        }).ToList();
    }

    /// <summary>
    /// Each item's first-level category, as an index into the scheme's categories (-1 for an item under none): a unit's points in a
    /// category are the sum of its applicable items under it.
    /// </summary>
    public static int[] CategoryOfItems(CompiledScheme scheme)
    {
        var index = scheme.Scheme.Categories.Select((c, i) => (c.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        return [.. scheme.Items.Select(ci => index.GetValueOrDefault(scheme.Nodes[ci.AncestorNodes[0]].Id, -1))];
    }

    /// <summary>A computed result's points per category, item by item in the scheme's order (as <see cref="CategoryOfItems"/> counts them).</summary>
    private static decimal[] CategorySums(UnitResult result, CompiledScheme scheme, int[] categoryOf, int categories)
    {
        var sums = new decimal[categories];
        for (var i = 0; i < scheme.Items.Count; i++)
        {
            var item = result.Items[scheme.Items[i].Index];
            if (categoryOf[i] >= 0 && item.Status != ItemStatus.NotApplicable)
                sums[categoryOf[i]] += item.Score;
        }
        return sums;
    }

    /// <summary>
    /// A row's points per category: its stored sums (V021), or for a row computed before them, its item list read for each item's
    /// status and score only (the explanations are skipped, never made into strings).
    /// </summary>
    public static decimal[] CategoryScores(string? categoryScoresJson, string? itemsJson, int[] categoryOf, int categories)
    {
        if (categoryScoresJson is not null)
        {
            var stored = ReadDecimals(categoryScoresJson);
            if (stored.Length == categories)
                return stored;
        }
        var sums = new decimal[categories];
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(itemsJson ?? "[]"));
        reader.Read();
        for (var i = 0; reader.Read() && reader.TokenType == JsonTokenType.StartObject; i++)
        {
            var (applicable, score) = (true, 0m);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("status"u8))
                {
                    reader.Read();
                    applicable = !reader.ValueTextEquals("NotApplicable"u8);
                }
                else if (reader.ValueTextEquals("score"u8))
                {
                    reader.Read();
                    score = reader.GetDecimal();
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
            if (applicable && i < categoryOf.Length && categoryOf[i] >= 0)
                sums[categoryOf[i]] += score;
        }
        return sums;
    }
}
