using Chengxin.Domain;
using Chengxin.Domain.Campaigns;
using Chengxin.Domain.Collection;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Features.Submissions;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Letters;

public static class UploadLetterScan
{
    /// <summary>The signed and stamped scan: PDF, PNG or JPEG by its bytes, kept in the evidence store under its SHA-256.</summary>
    public static async Task<IResult> Handle(long campaignId, long unitId, string? fileName, HttpRequest http, ChengxinDbContext db,
        SchemeVersions versions, EvidenceStore store, AccessScope scope, TimeProvider clock, CancellationToken ct)
    {
        var signer = await SignerAccess.FindAsync(db, versions, scope, campaignId, unitId, ct);
        if (signer is null)
            return ProblemResponses.NotFound("信用承诺书");
        var validation = new Validation();
        var name = Uploads.FileName(fileName, validation);
        if (!validation.IsValid)
            return validation.Problem();
        var bytes = await store.ReadAsync(http, ct);
        var type = EvidenceStore.DetectOneOf(bytes, name!, validation, "盖章承诺书应为扫描件（PDF、PNG 或 JPEG）",
            EvidenceStore.Pdf, EvidenceStore.Png, EvidenceStore.Jpeg);
        if (!validation.IsValid)
            return validation.Problem();

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var row = await db.CommitmentLetters.FirstOrDefaultAsync(l => l.CampaignId == campaignId && l.UnitId == unitId, ct);
        CommitmentLetter.EnsureScanAllowed(accepted: row?.AcceptedAt is not null);
        var sha = await store.SaveAsync(bytes, ct);
        row.ScanFileName = name;
        row.ScanContentType = type!.ContentType;
        row.ScanSize = bytes.LongLength;
        row.ScanSha256 = sha;
        row.ScanUploadedAt = clock.GetUtcNow().UtcDateTime;
        row.ScanUploadedByName = scope.ActorName;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(LetterContext.MapLetter(signer.Campaign, signer.Unit, signer.SignerKind, (row.Title, row.Text), row));
    }
}
