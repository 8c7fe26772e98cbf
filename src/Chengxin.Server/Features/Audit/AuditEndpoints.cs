using Chengxin.Server.Data;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Audit;

public sealed record AuditEventResponse(
    long Id, long Sequence, DateTime At, Guid? ActorId, string ActorName, string Action,
    string EntityType, string EntityId, long? UnitId, string? Before, string? After, string Hash);

public sealed record AuditPage(int Total, IReadOnlyList<AuditEventResponse> Items);

public sealed record AuditVerifyResponse(bool Intact, long EventCount, string HeadHash, AuditBreak? FirstBreak);

public static class AuditEndpoints
{
    public static void MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/audit").WithTags("Audit").WithStandardProblems();
        group.MapGet("/", List).WithName("ListAuditEvents").WithSummary("审计记录（权限范围内）").Produces<AuditPage>()
            .RequireAuthorization(AuditPermissions.Read);
        group.MapGet("/verify", Verify).WithName("VerifyAuditChain").WithSummary("校验本信用办的审计链，指出第一处断裂").Produces<AuditVerifyResponse>()
            .RequireAuthorization(AuditPermissions.Verify);
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
        var result = (await AuditChain.VerifyAsync(db, scope.TenantId, ct)).Single();
        return TypedResults.Ok(new AuditVerifyResponse(result.IsIntact, result.EventCount, result.HeadHash, result.FirstBreak));
    }
}
