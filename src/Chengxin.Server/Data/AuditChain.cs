using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Data;

/// <summary>An audit event before it takes its place in the chain.</summary>
public sealed record AuditDraft(
    long TenantId, DateTime At, Guid? ActorId, string ActorName, string Action,
    string EntityType, string EntityId, long? UnitId, string? Before, string? After);

/// <summary>The first place where the stored chain stops matching its own hashes.</summary>
public sealed record AuditBreak(long TenantId, long Sequence, long EventId, string Reason);

public sealed record AuditVerification(long TenantId, long EventCount, string HeadHash, AuditBreak? FirstBreak)
{
    public bool IsIntact => FirstBreak is null;
}

/// <summary>
/// One hash chain per credit office (docs/adr/0003-audit-chain-per-credit-office.md): each event's hash covers its
/// content, its sequence and the previous event's hash, so an edit, a deletion, an insertion or a
/// reordering breaks the chain at the first event it touches.
/// </summary>
public static class AuditChain
{
    public static readonly string Genesis = new('0', 64);

    public static async Task AppendAsync(ChengxinDbContext db, IReadOnlyList<AuditDraft> drafts, CancellationToken ct)
    {
        foreach (var tenant in drafts.GroupBy(d => d.TenantId))
        {
            // Appends to one tenant's chain are serialised: on PostgreSQL by a transaction-scoped
            // advisory lock, on SQLite by its single writer. The unique (tenant, sequence) index
            // turns any race that slips through into a failed save, never a forked chain.
            if (db.Database.IsNpgsql())
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(7246, {(int)tenant.Key})", ct);

            var head = await db.AuditEvents.IgnoreQueryFilters()
                .Where(e => e.TenantId == tenant.Key)
                .OrderByDescending(e => e.Sequence)
                .Select(e => new { e.Sequence, e.Hash })
                .FirstOrDefaultAsync(ct);
            var sequence = head?.Sequence ?? 0;
            var previous = head?.Hash ?? Genesis;
            foreach (var draft in tenant)
            {
                var audit = new AuditEvent
                {
                    TenantId = draft.TenantId,
                    Sequence = ++sequence,
                    // Millisecond precision survives both databases unchanged, so the hash recomputes.
                    At = Truncate(draft.At),
                    ActorId = draft.ActorId,
                    ActorName = draft.ActorName,
                    Action = draft.Action,
                    EntityType = draft.EntityType,
                    EntityId = draft.EntityId,
                    UnitId = draft.UnitId,
                    Before = draft.Before,
                    After = draft.After,
                    PreviousHash = previous,
                    Hash = "",
                };
                audit.Hash = ComputeHash(audit);
                previous = audit.Hash;
                db.AuditEvents.Add(audit);
            }
        }
    }

    public static string ComputeHash(AuditEvent e)
    {
        // A JSON array is an unambiguous encoding: no field can bleed into the next.
        var canonical = JsonSerializer.Serialize(new object?[]
        {
            e.TenantId, e.Sequence, e.At.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
            e.ActorId?.ToString(), e.ActorName, e.Action, e.EntityType, e.EntityId, e.UnitId,
            e.Before, e.After, e.PreviousHash,
        });
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    /// <summary>Recomputes every tenant's chain (or one tenant's) and names the first broken link of each.</summary>
    public static async Task<IReadOnlyList<AuditVerification>> VerifyAsync(ChengxinDbContext db, long? tenantId, CancellationToken ct)
    {
        var tenants = tenantId is { } only
            ? [only]
            : await db.AuditEvents.IgnoreQueryFilters().Select(e => e.TenantId).Distinct().OrderBy(t => t).ToListAsync(ct);
        var results = new List<AuditVerification>();
        foreach (var tenant in tenants)
            results.Add(await VerifyTenantAsync(db, tenant, ct));
        return results;
    }

    private static async Task<AuditVerification> VerifyTenantAsync(ChengxinDbContext db, long tenantId, CancellationToken ct)
    {
        var expectedSequence = 1L;
        var previous = Genesis;
        long count = 0;
        var events = db.AuditEvents.IgnoreQueryFilters().AsNoTracking()
            .Where(e => e.TenantId == tenantId)
            .OrderBy(e => e.Sequence).ThenBy(e => e.Id)
            .AsAsyncEnumerable();
        await foreach (var e in events.WithCancellation(ct))
        {
            count++;
            string? reason = null;
            if (e.Sequence != expectedSequence)
                reason = $"序号不连续：应为 {expectedSequence}，实为 {e.Sequence}（记录被删除、插入或重排）";
            else if (e.PreviousHash != previous)
                reason = "前一哈希不匹配（之前的记录被删除、插入或重排）";
            else if (ComputeHash(e) != e.Hash)
                reason = "内容哈希不匹配（记录被修改）";
            if (reason is not null)
                return new AuditVerification(tenantId, count, previous, new AuditBreak(tenantId, e.Sequence, e.Id, reason));
            previous = e.Hash;
            expectedSequence++;
        }
        return new AuditVerification(tenantId, count, previous, null);
    }

    private static DateTime Truncate(DateTime at) =>
        new(at.Ticks - at.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
}
