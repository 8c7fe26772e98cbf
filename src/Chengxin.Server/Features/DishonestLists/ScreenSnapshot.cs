using Chengxin.Domain.Monitoring;
using Chengxin.Server.Data;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.DishonestLists;

/// <summary>What a screening found, and what changed since the previous screened snapshot of the same list.</summary>
public sealed record ScreeningResult(ListSnapshotView Snapshot, int Hits, int Candidates, ListSnapshotView? Previous,
    IReadOnlyList<ScreeningHitView> New, IReadOnlyList<ScreeningHitView> Gone);

/// <summary>
/// Screens a snapshot once against the units in the caller's scope (by 统一社会信用代码, then by exact name) and the persons hired
/// or transferred still kept (by id number, masks honoured). A full identifier that agrees is a hit; a masked or name-only match
/// is a candidate for a person to confirm or dismiss. A candidate already decided on the previous snapshot of the same list
/// keeps that decision (the same unit or person on the same entry). The answer lists the new hits and those gone since then.
/// </summary>
public static class ScreenSnapshot
{
    public static async Task<IResult> Screen(long id, ChengxinDbContext db, AccessScope scope, TimeProvider clock, CancellationToken ct)
    {
        var snapshot = await db.ListSnapshots.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (snapshot is null)
            return ProblemResponses.NotFound("名单");
        if (snapshot.ScreenedAt is not null)
            return ProblemResponses.Conflict("该名单已比对过，结果见比对结果；导入新的名单后再比对。");

        var entries = await db.ListEntries.AsNoTracking().Where(e => e.SnapshotId == id).OrderBy(e => e.Id).ToListAsync(ct);
        var index = ScreeningIndex.Build([.. entries.Select(e => e.Code)], [.. entries.Select(e => e.Name)]);
        var today = ManagePersons.Today(clock);
        var units = await db.Units.AsNoTracking().Where(u => u.IsActive).Select(u => new { u.Id, u.Name, u.Code }).ToListAsync(ct);
        var persons = await db.ScreenedPersons.AsNoTracking().Where(p => p.RetainUntil >= today).ToListAsync(ct);

        var now = clock.GetUtcNow().UtcDateTime;
        var hits = new List<ScreeningHitRecord>();
        var found = new List<(int Entry, MatchKind Match)>();
        void Collect(long unitId, long? personId, string name, string? code)
        {
            found.Clear();
            index.Find(name, code, found);
            foreach (var (entry, match) in found)
            {
                hits.Add(new ScreeningHitRecord
                {
                    TenantId = scope.TenantId, SnapshotId = id, EntryId = entries[entry].Id, UnitId = unitId, PersonId = personId,
                    SubjectName = name, Match = match, FoundAt = now,
                    State = match == MatchKind.Identifier ? HitState.Confirmed : HitState.Candidate,
                    Reason = match == MatchKind.Identifier ? "证件号码一致，系统确认" : null,
                });
            }
        }
        foreach (var u in units)
            Collect(u.Id, null, u.Name, u.Code);
        foreach (var p in persons)
            Collect(p.UnitId, p.Id, p.Name, p.IdNumber);

        var previous = await db.ListSnapshots.AsNoTracking()
            .Where(s => s.ListKind == snapshot.ListKind && s.Id != id && s.ScreenedAt != null && s.SnapshotDate <= snapshot.SnapshotDate)
            .OrderByDescending(s => s.SnapshotDate).ThenByDescending(s => s.Id).FirstOrDefaultAsync(ct);
        var before = previous is null ? [] : await db.ScreeningHits.AsNoTracking().Where(h => h.SnapshotId == previous.Id).ToListAsync(ct);
        var beforeEntries = previous is null ? [] : await EntriesAsync(db, before, ct);
        var entryById = entries.ToDictionary(e => e.Id);
        var beforeByKey = before.GroupBy(h => Key(h, beforeEntries[h.EntryId])).ToDictionary(g => g.Key, g => g.First());
        foreach (var hit in hits.Where(h => h.State == HitState.Candidate))
        {
            // A person's decision on the same unit or person and the same entry stands; a system confirmation is not carried.
            if (beforeByKey.TryGetValue(Key(hit, entryById[hit.EntryId]), out var old) && old.DecidedBy is not null && old.Match == hit.Match)
            {
                hit.State = old.State;
                hit.DecidedBy = old.DecidedBy;
                hit.DecidedByName = old.DecidedByName;
                hit.DecidedAt = old.DecidedAt;
                hit.Reason = $"沿用上一期名单的处理：{old.Reason}";
            }
        }

        snapshot.ScreenedAt = now;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.ScreeningHits.AddRange(hits);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        var afterKeys = hits.Select(h => Key(h, entryById[h.EntryId])).ToHashSet();
        var fresh = hits.Where(h => !beforeByKey.ContainsKey(Key(h, entryById[h.EntryId]))).ToList();
        var gone = before.Where(h => !afterKeys.Contains(Key(h, beforeEntries[h.EntryId]))).ToList();
        return TypedResults.Ok(new ScreeningResult(ImportListSnapshot.View(snapshot), hits.Count, hits.Count(h => h.State == HitState.Candidate),
            previous is null ? null : ImportListSnapshot.View(previous), await ScreeningHits.ViewsAsync(db, fresh, ct),
            await ScreeningHits.ViewsAsync(db, gone, ct)));
    }

    private static async Task<Dictionary<long, ListEntryRecord>> EntriesAsync(ChengxinDbContext db, List<ScreeningHitRecord> hits, CancellationToken ct)
    {
        var ids = hits.Select(h => h.EntryId).Distinct().ToList();
        return await db.ListEntries.AsNoTracking().Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
    }

    // The same subject on the same entry: entries of different snapshots are different rows, so they compare by name and identifier.
    private static (long, long?, string, string?) Key(ScreeningHitRecord h, ListEntryRecord e) =>
        (h.UnitId, h.PersonId, ListScreening.NormaliseName(e.Name), e.Code);
}
