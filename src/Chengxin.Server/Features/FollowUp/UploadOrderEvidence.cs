using Chengxin.Domain.FollowUp;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Submissions;
using Chengxin.Server.Infrastructure;

namespace Chengxin.Server.Features.FollowUp;

/// <summary>
/// The unit uploads a file of rectification evidence for its next reply: the same checks as a campaign's evidence (size limit,
/// type read from the bytes against the allow-list, a safe file name), stored under its SHA-256. Audited.
/// </summary>
public static class UploadOrderEvidence
{
    public static async Task<IResult> Upload(long id, string? fileName, HttpRequest http, ChengxinDbContext db, EvidenceStore store, AccessScope scope,
        TimeProvider clock, CancellationToken ct)
    {
        var order = await FollowUpContext.FindOrderAsync(db, id, ct);
        if (order is null)
            return ProblemResponses.NotFound("督办单");
        var validation = new Validation();
        var name = Uploads.FileName(fileName, validation);
        if (!validation.IsValid)
            return validation.Problem();
        if (order.State is not (OrderState.Issued or OrderState.Failed or OrderState.Interviewed))
            return ProblemResponses.Conflict($"督办单当前为“{SupervisionOrders.StateName(order.State)}”，不能上传整改佐证。");
        var bytes = await store.ReadAsync(http, ct);
        var (type, reason) = EvidenceStore.Detect(bytes, name!);
        if (type is null)
        {
            validation.Add("file", reason!);
            return validation.Problem();
        }
        var evidence = new OrderEvidence
        {
            TenantId = order.TenantId, OrderId = order.Id, UnitId = order.UnitId, FileName = name!, ContentType = type.ContentType,
            Size = bytes.LongLength, Sha256 = await store.SaveAsync(bytes, ct), UploadedByName = scope.ActorName, UploadedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.OrderEvidence.Add(evidence);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/follow-up/orders/{order.Id}/evidence/{evidence.Id}", FollowUpDocuments.View(evidence));
    }
}
