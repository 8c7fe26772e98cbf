using Chengxin.Domain;
using Chengxin.Domain.Campaigns;
using Chengxin.Domain.Collection;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Features.Submissions;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Letters;

public static class AcceptCommitmentLetter
{
    /// <summary>The liaison accepts the rendered text: who and when are recorded, and the text as accepted is kept.</summary>
    public static async Task<IResult> Handle(long campaignId, long unitId, ChengxinDbContext db, SchemeVersions versions, AccessScope scope,
        TimeProvider clock, CancellationToken ct)
    {
        var signer = await SignerAccess.FindAsync(db, versions, scope, campaignId, unitId, ct);
        if (signer is null)
            return ProblemResponses.NotFound("信用承诺书");
        LetterContext.EnsureStarted(signer.Campaign);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var row = await db.CommitmentLetters.FirstOrDefaultAsync(l => l.CampaignId == campaignId && l.UnitId == unitId, ct);
        CommitmentLetter.EnsureAcceptable(acceptedBefore: row?.AcceptedAt is not null);
        var (title, text) = LetterContext.Render(signer);
        if (row is null)
        {
            row = new CommitmentLetterRecord
            {
                TenantId = signer.Campaign.TenantId, CampaignId = campaignId, UnitId = unitId, SignerKind = signer.SignerKind, Title = title, Text = text,
            };
            db.CommitmentLetters.Add(row);
        }
        row.Title = title;
        row.Text = text;
        row.AcceptedAt = clock.GetUtcNow().UtcDateTime;
        row.AcceptedBy = scope.UserId;
        row.AcceptedByName = scope.ActorName;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(LetterContext.MapLetter(signer.Campaign, signer.Unit, signer.SignerKind, (title, text), row));
    }
}
