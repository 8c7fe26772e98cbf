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

public static class OpenUnitSpotCheck
{
    public static async Task<IResult> Handle(long campaignId, long unitId, ChengxinDbContext db, SchemeVersions versions, AccessScope scope,
        TimeProvider clock, CancellationToken ct)
    {
        var context = await SpotCheckContext.LoadAsync(db, versions, scope, campaignId, unitId, ct);
        if (context is null)
            return ProblemResponses.NotFound("报送");
        var openedBefore = await db.SpotChecks.AnyAsync(s => s.CampaignId == campaignId && s.UnitId == unitId, ct);
        var version = await db.SchemeVersions.AsNoTracking().FirstAsync(v => v.Id == context.Campaign.SchemeVersionId, ct);
        var domain = UnitSpotCheck.Open(context.Campaign.Restore(version), SpotCheckContext.Drawn(context.Campaign), unitId.ToString(CultureInfo.InvariantCulture),
            openedBefore);
        var record = new SpotCheckRecord
        {
            TenantId = context.Campaign.TenantId, CampaignId = campaignId, UnitId = unitId, State = domain.State, OpenedBy = scope.UserId,
            OpenedByName = scope.ActorName, OpenedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.SpotChecks.Add(record);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/campaigns/{campaignId}/units/{unitId}/spot-check", await SpotCheckContext.MapAsync(db, context, record, ct));
    }
}
