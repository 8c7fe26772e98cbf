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

public static class GetUnitSpotCheck
{
    public static async Task<IResult> Handle(long campaignId, long unitId, ChengxinDbContext db, SchemeVersions versions, CancellationToken ct)
    {
        var context = await SubmissionContext.LoadAsync(db, versions, campaignId, unitId, ct);
        if (context is null)
            return ProblemResponses.NotFound("报送");
        var record = await db.SpotChecks.AsNoTracking().FirstOrDefaultAsync(s => s.CampaignId == campaignId && s.UnitId == unitId, ct);
        return TypedResults.Ok(new UnitSpotCheckStatusView(campaignId, unitId, SpotCheckContext.Drawn(context.Campaign).Contains(unitId.ToString(CultureInfo.InvariantCulture)),
            record is null ? null : await SpotCheckContext.MapAsync(db, context, record, ct)));
    }
}
