using System.Globalization;
using System.Text.Json;
using Chengxin.Domain;
using Chengxin.Domain.Campaigns;
using Chengxin.Domain.Scoring;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Features.Facts;
using Chengxin.Server.Features.Submissions;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.SpotChecks;

public static class CompleteUnitSpotCheck
{
    public static async Task<IResult> Handle(long campaignId, long unitId, CompleteSpotCheckRequest request, ChengxinDbContext db, SchemeVersions versions,
        AccessScope scope, TimeProvider clock, CancellationToken ct)
    {
        var context = await SpotCheckContext.LoadAsync(db, versions, scope, campaignId, unitId, ct);
        var record = context is null ? null : await db.SpotChecks.FirstOrDefaultAsync(s => s.CampaignId == campaignId && s.UnitId == unitId, ct);
        if (context is null || record is null)
            return ProblemResponses.NotFound("抽查");
        var validation = new Validation().Required("summary", request.Summary, "抽查结论", 2000);
        if (!validation.IsValid)
            return validation.Problem();
        var items = await db.SpotCheckItems.AsNoTracking().Where(i => i.SpotCheckId == record.Id).ToListAsync(ct);
        var domain = record.Restore(items);
        domain.Complete(request.Summary!, context.Campaign.State);
        record.Store(domain);
        record.CompletedBy = scope.UserId;
        record.CompletedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await SpotCheckContext.MapAsync(db, context, record, ct));
    }
}
