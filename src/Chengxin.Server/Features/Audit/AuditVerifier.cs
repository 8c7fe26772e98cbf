using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Results;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Audit;

/// <summary>A published result whose stored snapshot no longer matches what the chain recorded at publication.</summary>
public sealed record SnapshotProblem(long CampaignId, string CampaignName, int Version, string Reason);

/// <summary>Whether the chain still holds a checkpoint's head at its position; the reason names truncation or rewriting.</summary>
public sealed record CheckpointVerdict(long EventCount, string HeadHash, DateTimeOffset At, bool Holds, string? Reason);

public sealed record AuditReport(AuditVerification Chain, int SnapshotCount, IReadOnlyList<SnapshotProblem> SnapshotProblems, CheckpointVerdict? Checkpoint)
{
    public bool IsIntact => Chain.IsIntact && SnapshotProblems.Count == 0 && Checkpoint is null or { Holds: true };

    /// <summary>The first thing found wrong, as one Chinese sentence; null when intact.</summary>
    public string? FirstProblem =>
        Chain.FirstBreak is { } b ? $"审计链在第 {b.Sequence} 条处断裂：{b.Reason}"
        : SnapshotProblems.FirstOrDefault() is { } s ? $"评价批次“{s.CampaignName}”第 {s.Version} 版发布结果：{s.Reason}"
        : Checkpoint is { Holds: false } c ? c.Reason
        : null;
}

/// <summary>
/// Everything `audit verify` checks for one office (docs/adr/0003): the chain's own links, every published snapshot
/// against the hash its publication event recorded, and, when given, a signed checkpoint against the chain.
/// </summary>
public static class AuditVerifier
{
    /// <summary>The offices with anything to verify: audit events or published results.</summary>
    public static async Task<IReadOnlyList<long>> TenantsAsync(ChengxinDbContext db, CancellationToken ct)
    {
        var withEvents = await db.AuditEvents.IgnoreQueryFilters().Select(e => e.TenantId).Distinct().ToListAsync(ct);
        var withResults = await db.PublishedResults.IgnoreQueryFilters().Select(p => p.TenantId).Distinct().ToListAsync(ct);
        return [.. withEvents.Union(withResults).Order()];
    }

    /// <summary>Verifies one office; a checkpoint passed here must already have passed <see cref="AuditCheckpoints.Refusal"/>.</summary>
    public static async Task<AuditReport> VerifyAsync(ChengxinDbContext db, long tenantId, AuditCheckpoint? checkpoint, CancellationToken ct)
    {
        var chain = (await AuditChain.VerifyAsync(db, tenantId, ct)).Single();
        var (count, snapshots) = await VerifySnapshotsAsync(db, tenantId, ct);
        var verdict = checkpoint is null ? null : await CheckAsync(db, tenantId, checkpoint, ct);
        return new AuditReport(chain, count, snapshots, verdict);
    }

    /// <summary>
    /// Each stored snapshot must hash to its recorded SHA-256, and that SHA-256 must be the one its publication event put in
    /// the chain; each publication event must still have its snapshot. Editing a snapshot (with or without its hash column),
    /// deleting one, or inserting one that was never published is named per campaign and version.
    /// </summary>
    private static async Task<(int Count, List<SnapshotProblem> Problems)> VerifySnapshotsAsync(ChengxinDbContext db, long tenantId, CancellationToken ct)
    {
        var events = await db.AuditEvents.IgnoreQueryFilters().AsNoTracking()
            .Where(e => e.TenantId == tenantId && e.Action == ManageResults.PublishedAction && e.EntityType == "campaign")
            .Select(e => new { e.EntityId, e.After }).ToListAsync(ct);
        var recorded = new Dictionary<(long Campaign, int Version), string?>();
        foreach (var e in events)
        {
            if (long.TryParse(e.EntityId, NumberStyles.None, CultureInfo.InvariantCulture, out var campaign) && Published(e.After) is { } p)
                recorded[(campaign, p.Version)] = p.Sha256;
        }
        var names = await db.Campaigns.IgnoreQueryFilters().AsNoTracking().Where(c => c.TenantId == tenantId)
            .Select(c => new { c.Id, c.Name }).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        string Name(long campaign) => names.GetValueOrDefault(campaign, "（已删除的评价批次）");

        var problems = new List<SnapshotProblem>();
        var seen = new HashSet<(long, int)>();
        var count = 0;
        var stored = db.PublishedResults.IgnoreQueryFilters().AsNoTracking().Where(p => p.TenantId == tenantId)
            .OrderBy(p => p.CampaignId).ThenBy(p => p.Version)
            .Select(p => new { p.CampaignId, p.Version, p.Sha256, p.Json }).AsAsyncEnumerable();
        await foreach (var p in stored.WithCancellation(ct))
        {
            count++;
            seen.Add((p.CampaignId, p.Version));
            var actual = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(p.Json)));
            string? reason = null;
            if (!recorded.TryGetValue((p.CampaignId, p.Version), out var inChain))
                reason = "审计链中没有这一版的发布记录（发布记录被删除，或快照是事后插入的）";
            else if (actual != inChain)
                reason = actual == p.Sha256
                    ? "快照及其哈希与审计链中的发布记录不符（快照被替换）"
                    : "快照内容的哈希与发布时记录的不符（快照被修改）";
            if (reason is not null)
                problems.Add(new SnapshotProblem(p.CampaignId, Name(p.CampaignId), p.Version, reason));
        }
        foreach (var ((campaign, version), _) in recorded.Where(r => !seen.Contains(r.Key)).OrderBy(r => r.Key))
            problems.Add(new SnapshotProblem(campaign, Name(campaign), version, "审计链记录了这一版的发布，但快照已不存在（快照被删除）"));
        return (count, problems);
    }

    private static (int Version, string? Sha256)? Published(string? after)
    {
        if (after is null)
            return null;
        try
        {
            using var json = JsonDocument.Parse(after);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("version", out var v) || !v.TryGetInt32(out var version))
                return null;
            return (version, root.TryGetProperty("sha256", out var sha) && sha.ValueKind == JsonValueKind.String ? sha.GetString() : null);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// The chain must still reach the checkpoint's count and carry its head hash there. Fewer events means the newest were
    /// deleted; another hash at that position means the history before it was rewritten (even when every link recomputes).
    /// </summary>
    private static async Task<CheckpointVerdict> CheckAsync(ChengxinDbContext db, long tenantId, AuditCheckpoint checkpoint, CancellationToken ct)
    {
        CheckpointVerdict Verdict(string? reason) => new(checkpoint.EventCount, checkpoint.HeadHash, checkpoint.At, reason is null, reason);
        if (checkpoint.EventCount == 0)
            return Verdict(checkpoint.HeadHash == AuditChain.Genesis ? null : "检查点的末端哈希与空审计链不符。");
        var events = db.AuditEvents.IgnoreQueryFilters().AsNoTracking().Where(e => e.TenantId == tenantId);
        var last = await events.MaxAsync(e => (long?)e.Sequence, ct) ?? 0;
        if (last < checkpoint.EventCount)
            return Verdict($"审计链现只到第 {last} 条，检查点签发时已有 {checkpoint.EventCount} 条：最新的 {checkpoint.EventCount - last} 条记录被删除（截断）。");
        var head = await events.Where(e => e.Sequence == checkpoint.EventCount).Select(e => e.Hash).ToListAsync(ct);
        if (head.Count == 0)
            return Verdict($"审计链中没有第 {checkpoint.EventCount} 条记录（记录被删除）。");
        return Verdict(head.Count == 1 && head[0] == checkpoint.HeadHash
            ? null
            : $"第 {checkpoint.EventCount} 条记录的哈希与检查点不符：检查点签发之前的历史被改写。");
    }
}
