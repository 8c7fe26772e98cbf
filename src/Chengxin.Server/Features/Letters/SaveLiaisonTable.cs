using Chengxin.Domain;
using Chengxin.Domain.Campaigns;
using Chengxin.Domain.Collection;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Features.Submissions;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Letters;

public static class SaveLiaisonTable
{
    public static async Task<IResult> Handle(long campaignId, long unitId, LiaisonTableRequest request, ChengxinDbContext db,
        SchemeVersions versions, AccessScope scope, TimeProvider clock, CancellationToken ct)
    {
        var signer = await SignerAccess.FindAsync(db, versions, scope, campaignId, unitId, ct);
        if (signer is null)
            return ProblemResponses.NotFound("联络员联系表");
        var validation = new Validation()
            .Required("name", request.Name, "姓名", 50)
            .Required("title", request.Title, "职务", 50)
            .Optional("landline", request.Landline, "座机", 30)
            .Optional("mobile", request.Mobile, "手机", 30)
            .Optional("email", request.Email, "邮箱", 100);
        if (ContactChecks.Mobile(request.Mobile) is { } mobile)
            validation.Add("mobile", mobile);
        if (ContactChecks.Landline(request.Landline) is { } landline)
            validation.Add("landline", landline);
        if (ContactChecks.Email(request.Email) is { } email)
            validation.Add("email", email);
        if (!validation.IsValid)
            return validation.Problem();
        LetterContext.EnsureStarted(signer.Campaign);

        var now = clock.GetUtcNow();
        // The server's clock decides lateness; after the deadline the table is taken and recorded as late.
        var lateness = Deadline.Of(BeijingTime.Utc(signer.Campaign.LiaisonDue), now);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var row = await db.LiaisonContacts.FirstOrDefaultAsync(c => c.CampaignId == campaignId && c.UnitId == unitId, ct);
        if (row is null)
        {
            row = new LiaisonContact
            {
                TenantId = signer.Campaign.TenantId, CampaignId = campaignId, UnitId = unitId,
                ContactName = "", Title = "", Mobile = "", Email = "", EnteredByName = "",
            };
            db.LiaisonContacts.Add(row);
        }
        row.ContactName = request.Name!.Trim();
        row.Title = request.Title!.Trim();
        row.Landline = string.IsNullOrWhiteSpace(request.Landline) ? null : request.Landline.Trim();
        row.Mobile = request.Mobile!.Trim();
        row.Email = request.Email!.Trim();
        row.SubmittedAt = now.UtcDateTime;
        row.IsLate = lateness.IsLate;
        row.LateBySeconds = lateness.LateBySeconds;
        row.EnteredBy = scope.UserId;
        row.EnteredByName = scope.ActorName;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(LetterContext.Map(signer.Campaign, signer.Unit, signer.SignerKind, LetterContext.TableTitle(signer), row));
    }
}
