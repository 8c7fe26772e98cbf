using Chengxin.Server.Data;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Audit;

public sealed record AuditEventResponse(
    long Id, long Sequence, DateTime At, Guid? ActorId, string ActorName, string Action,
    string EntityType, string EntityId, long? UnitId, string? Before, string? After, string Hash);

public sealed record AuditPage(int Total, IReadOnlyList<AuditEventResponse> Items);

/// <summary>
/// The office's verification: the chain's first broken link, the published snapshots checked against the hashes their
/// publication events recorded, and the checkpoint's verdict when one was sent. problem is the first finding in Chinese.
/// </summary>
public sealed record AuditVerifyResponse(bool Intact, long EventCount, string HeadHash, AuditBreak? FirstBreak, int SnapshotCount,
    IReadOnlyList<SnapshotProblem> SnapshotProblems, CheckpointVerdict? Checkpoint, string? Problem)
{
    public static AuditVerifyResponse From(AuditReport r) =>
        new(r.IsIntact, r.Chain.EventCount, r.Chain.HeadHash, r.Chain.FirstBreak, r.SnapshotCount, r.SnapshotProblems, r.Checkpoint, r.FirstProblem);
}

public static class AuditEndpoints
{
    public static void MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/audit").WithTags("Audit").WithStandardProblems();
        group.MapGet("/", List).WithName("ListAuditEvents").WithSummary("审计记录（权限范围内）").Produces<AuditPage>()
            .RequireAuthorization(AuditPermissions.Read);
        group.MapGet("/verify", Verify).WithName("VerifyAuditChain").WithSummary("校验本信用办的审计链和已发布结果快照，指出第一处问题")
            .Produces<AuditVerifyResponse>().RequireAuthorization(AuditPermissions.Verify);
        group.MapPost("/verify", VerifyAgainstCheckpoint).WithName("VerifyAuditChainAgainstCheckpoint")
            .WithSummary("按已签发的检查点校验审计链：发现截断和改写").Produces<AuditVerifyResponse>().RequireAuthorization(AuditPermissions.Verify);
        group.MapPost("/checkpoint", IssueCheckpoint).WithName("IssueAuditCheckpoint")
            .WithSummary("签发本信用办审计链的检查点（末端哈希、记录数、时间，本实例签名），作为文件保存在实例之外")
            .Produces<AuditCheckpoint>().RequireAuthorization(AuditPermissions.Checkpoint);
    }

    private static async Task<IResult> List(ChengxinDbContext db, AccessScope scope, string? entityType, string? entityId, int? skip, int? take,
        CancellationToken ct)
    {
        var validation = new Validation()
            .Check(skip is null or >= 0, "skip", "skip 不能为负数。")
            .Check(take is null or (>= 1 and <= 500), "take", "take 须在 1 到 500 之间。");
        if (!validation.IsValid)
            return validation.Problem();
        var query = await AuditVisibility.ApplyAsync(db.AuditEvents.AsNoTracking(), db, scope, ct);
        if (!string.IsNullOrWhiteSpace(entityType))
            query = query.Where(e => e.EntityType == entityType);
        if (!string.IsNullOrWhiteSpace(entityId))
            query = query.Where(e => e.EntityId == entityId);
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(e => e.Sequence).Skip(skip ?? 0).Take(take ?? 50)
            .Select(e => new AuditEventResponse(e.Id, e.Sequence, e.At, e.ActorId, e.ActorName, e.Action,
                e.EntityType, e.EntityId, e.UnitId, e.Before, e.After, e.Hash))
            .ToListAsync(ct);
        return TypedResults.Ok(new AuditPage(total, items));
    }

    private static async Task<IResult> Verify(ChengxinDbContext db, AccessScope scope, CancellationToken ct)
    {
        // The chain spans the whole office, so verification reads past the unit scope; it returns only
        // counts, hashes and the position of a break, never another unit's content.
        return TypedResults.Ok(AuditVerifyResponse.From(await AuditVerifier.VerifyAsync(db, scope.TenantId, checkpoint: null, ct)));
    }

    /// <summary>A checkpoint that is not this instance's, altered, or another office's is refused (400); one that no longer holds is a finding (200).</summary>
    private static async Task<IResult> VerifyAgainstCheckpoint(AuditCheckpoint? checkpoint, ChengxinDbContext db, AccessScope scope, CheckpointKey key,
        CancellationToken ct)
    {
        var validation = new Validation();
        if (AuditCheckpoints.Refusal(checkpoint, key) is { } refusal)
            validation.Add("checkpoint", refusal);
        else if (checkpoint!.TenantId != scope.TenantId)
            validation.Add("checkpoint", "检查点属于其他信用办。");
        if (!validation.IsValid)
            return validation.Problem();
        return TypedResults.Ok(AuditVerifyResponse.From(await AuditVerifier.VerifyAsync(db, scope.TenantId, checkpoint, ct)));
    }

    /// <summary>Answers the checkpoint as a file to keep (Content-Disposition), and records its issue in the chain.</summary>
    private static async Task<IResult> IssueCheckpoint(ChengxinDbContext db, AccessScope scope, CheckpointKey key, TimeProvider clock, HttpResponse response,
        CancellationToken ct)
    {
        var (checkpoint, refusal) = await AuditCheckpoints.IssueAsync(db, key, scope, scope.TenantId, clock.GetUtcNow().ToOffset(BeijingTime.Offset), ct);
        if (checkpoint is null)
            return ProblemResponses.Conflict(refusal!);
        response.Headers.ContentDisposition = new System.Net.Http.Headers.ContentDispositionHeaderValue("attachment")
        {
            FileName = AuditCheckpoints.FileName(checkpoint),
        }.ToString();
        return TypedResults.Json(checkpoint, AuditCheckpoints.FileJson);
    }
}
