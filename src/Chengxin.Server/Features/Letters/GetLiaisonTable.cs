using Chengxin.Domain;
using Chengxin.Domain.Campaigns;
using Chengxin.Domain.Collection;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Features.Submissions;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Letters;

public static class GetLiaisonTable
{
    public static async Task<IResult> Handle(long campaignId, long unitId, ChengxinDbContext db, SchemeVersions versions, AccessScope scope,
        CancellationToken ct)
    {
        var signer = await SignerAccess.FindAsync(db, versions, scope, campaignId, unitId, ct);
        if (signer is null)
            return ProblemResponses.NotFound("联络员联系表");
        var row = await db.LiaisonContacts.AsNoTracking().FirstOrDefaultAsync(c => c.CampaignId == campaignId && c.UnitId == unitId, ct);
        return TypedResults.Ok(LetterContext.Map(signer.Campaign, signer.Unit, signer.SignerKind, LetterContext.TableTitle(signer), row));
    }
}
