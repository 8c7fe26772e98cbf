using Chengxin.Domain;
using Chengxin.Domain.Campaigns;
using Chengxin.Domain.Collection;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Features.Submissions;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Letters;

public static class DownloadLetterScan
{
    /// <summary>
    /// The stored scan, always as a download. Readers of the campaign reach it within their unit scope; the campaign
    /// itself must be visible to them too, so an external firm reaches only the campaigns it is assigned to.
    /// </summary>
    public static async Task<IResult> Handle(long campaignId, long unitId, HttpResponse response, ChengxinDbContext db,
        SchemeVersions versions, EvidenceStore store, AccessScope scope, CancellationToken ct)
    {
        var signer = await SignerAccess.FindAsync(db, versions, scope, campaignId, unitId, ct);
        if (signer is null || !await db.Campaigns.AnyAsync(c => c.Id == campaignId, ct))
            return ProblemResponses.NotFound("盖章承诺书");
        var row = await db.CommitmentLetters.AsNoTracking().FirstOrDefaultAsync(l => l.CampaignId == campaignId && l.UnitId == unitId, ct);
        var bytes = row?.ScanSha256 is null ? null : await store.ReadContentAsync(row.ScanSha256, ct);
        if (bytes is null)
            return ProblemResponses.NotFound("盖章承诺书");
        response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.File(bytes, row!.ScanContentType, row.ScanFileName);
    }
}
