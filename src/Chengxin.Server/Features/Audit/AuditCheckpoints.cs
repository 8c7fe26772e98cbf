using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Chengxin.Server.Data;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Audit;

/// <summary>
/// A signed statement that an office's audit chain had <see cref="EventCount"/> events ending in
/// <see cref="HeadHash"/> at <see cref="At"/>. Kept outside the instance (the office's files, a
/// bulletin), it pins history up to that point: a later verify finds truncation and rewriting.
/// </summary>
public sealed record AuditCheckpoint(string Format, long TenantId, string Office, long EventCount, string HeadHash, DateTimeOffset At,
    string KeyId, string Signature);

/// <summary>Issuing checkpoints and checking their signatures (docs/adr/0003).</summary>
public static class AuditCheckpoints
{
    public const string Format = "chengxin-audit-checkpoint/1";
    public const string IssuedAction = "audit.checkpoint";

    public static readonly JsonSerializerOptions FileJson = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// Signs the office's chain as it stands and records the checkpoint in the chain itself. A chain that does not verify
    /// gets no checkpoint: signing it would vouch for tampered history. Returns the refusal in Chinese instead.
    /// </summary>
    public static async Task<(AuditCheckpoint? Checkpoint, string? Refusal)> IssueAsync(ChengxinDbContext db, CheckpointKey key, AccessScope scope,
        long tenantId, DateTimeOffset now, CancellationToken ct)
    {
        // Verified outside the transaction, which on SQLite holds the single writer: events appended meanwhile come after
        // the signed head and leave it in place.
        var report = await AuditVerifier.VerifyAsync(db, tenantId, checkpoint: null, ct);
        if (!report.IsIntact)
            return (null, $"审计校验未通过，不能签发检查点：{report.FirstProblem}");
        var office = await db.CreditOffices.IgnoreQueryFilters().AsNoTracking().Where(o => o.Id == tenantId).Select(o => o.Name).FirstOrDefaultAsync(ct);
        if (office is null)
            return (null, "信用办不存在。");
        using var signer = key.LoadOrCreate();
        var at = DateTimeOffset.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds()).ToOffset(now.Offset);
        var unsigned = new AuditCheckpoint(Format, tenantId, office, report.Chain.EventCount, report.Chain.HeadHash, at, CheckpointKey.IdOf(signer), "");
        var checkpoint = unsigned with { Signature = Convert.ToBase64String(signer.SignData(Canonical(unsigned), HashAlgorithmName.SHA256)) };

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var after = JsonSerializer.Serialize(new { eventCount = checkpoint.EventCount, headHash = checkpoint.HeadHash, keyId = checkpoint.KeyId }, FileJson);
        await AuditChain.AppendAsync(db, [new AuditDraft(tenantId, now.UtcDateTime, scope.UserId, scope.ActorName, IssuedAction, "audit",
            tenantId.ToString(CultureInfo.InvariantCulture), null, null, after)], ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return (checkpoint, null);
    }

    /// <summary>Why a checkpoint cannot be trusted (not ours, altered, malformed), in Chinese; null when its signature holds.</summary>
    public static string? Refusal(AuditCheckpoint? checkpoint, CheckpointKey key)
    {
        if (checkpoint is null || checkpoint.Format != Format)
            return "不是诚信审计检查点文件。";
        if (checkpoint.EventCount < 0 || checkpoint.HeadHash is not { Length: 64 } || !checkpoint.HeadHash.All(char.IsAsciiHexDigitLower))
            return "检查点的记录数或末端哈希格式错误。";
        using var verifier = key.LoadExisting();
        if (verifier is null)
            return "本实例从未签发过检查点，无法核对其签名（检查点来自其他实例或签名密钥已丢失）。";
        if (checkpoint.KeyId != CheckpointKey.IdOf(verifier))
            return "检查点不是由本实例的签名密钥签发的。";
        byte[] signature;
        try
        {
            signature = Convert.FromBase64String(checkpoint.Signature ?? "");
        }
        catch (FormatException)
        {
            return "检查点签名格式错误。";
        }
        return verifier.VerifyData(Canonical(checkpoint), signature, HashAlgorithmName.SHA256)
            ? null
            : "检查点签名无效：文件内容被修改，或是伪造的。";
    }

    public static string FileName(AuditCheckpoint checkpoint) =>
        $"audit-checkpoint-{checkpoint.TenantId.ToString(CultureInfo.InvariantCulture)}-{checkpoint.EventCount.ToString(CultureInfo.InvariantCulture)}.json";

    /// <summary>What is signed: a JSON array, like the chain's own hash input, so no field can bleed into the next.</summary>
    internal static byte[] Canonical(AuditCheckpoint c) =>
        Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new object?[]
        {
            c.Format, c.TenantId, c.Office, c.EventCount, c.HeadHash,
            c.At.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture), c.KeyId,
        }));
}
