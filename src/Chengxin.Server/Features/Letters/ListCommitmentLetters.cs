using Chengxin.Domain;
using Chengxin.Domain.Campaigns;
using Chengxin.Domain.Collection;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Features.Submissions;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Letters;

public static class ListCommitmentLetters
{
    /// <summary>The office's list of letter status: every unit of the campaign in scope, then provider departments that started one.</summary>
    public static async Task<IResult> Handle(long id, ChengxinDbContext db, SchemeVersions versions, CancellationToken ct)
    {
        var campaign = await db.Campaigns.AsNoTracking().Include(c => c.Units).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (campaign is null)
            return ProblemResponses.NotFound("评价批次");
        var version = await db.SchemeVersions.AsNoTracking().FirstAsync(v => v.Id == campaign.SchemeVersionId, ct);
        var scheme = versions.Compile(version);
        var letters = await db.CommitmentLetters.AsNoTracking().Where(l => l.CampaignId == id).ToListAsync(ct);
        var memberIds = campaign.Units.Select(u => u.UnitId).ToList();
        var unitIds = memberIds.Concat(letters.Select(l => l.UnitId)).Distinct().ToList();
        var units = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).OrderBy(u => u.Id).ToListAsync(ct);
        return TypedResults.Ok(units.Select(u =>
        {
            var kind = memberIds.Contains(u.Id) ? SignerAccess.UnitSigner : SignerAccess.ProviderSigner;
            return LetterContext.MapLetter(campaign, u, kind, LetterContext.Render(new SignerAccess.Signer(campaign, u, kind, scheme)), letters.FirstOrDefault(l => l.UnitId == u.Id));
        }).OrderBy(v => v.SignerKind == SignerAccess.UnitSigner ? 0 : 1).ToList());
    }
}
