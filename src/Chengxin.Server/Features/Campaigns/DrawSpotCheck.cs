using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Chengxin.Domain;
using Chengxin.Domain.Campaigns;
using Chengxin.Domain.Schemes;
using Chengxin.Server.Data;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Chengxin.Server.Infrastructure.BeijingTime;
using Campaign = Chengxin.Server.Data.Campaign;
using DomainCampaign = Chengxin.Domain.Campaigns.Campaign;

namespace Chengxin.Server.Features.Campaigns;

public static class DrawSpotCheck
{
    /// <summary>
    /// Draws the spot-check sample once per campaign, during review, with a fresh random seed that is stored (and so
    /// audited): the draw can be redone by anyone, and cannot be redrawn until a sample someone likes comes up.
    /// </summary>
    public static async Task<IResult> Handle(long id, ChengxinDbContext db, AccessScope scope, TimeProvider clock, CancellationToken ct)
    {
        var campaign = await CampaignContext.FindManagedAsync(db, scope, id, ct);
        if (campaign is null)
            return ProblemResponses.NotFound("评价批次");
        SpotCheck.EnsureDrawable(campaign.State, drawnBefore: campaign.SpotCheckSeed is not null);
        var seed = BitConverter.ToUInt64(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));
        var drawn = SpotCheck.Draw(campaign.Units.Select(u => u.UnitId.ToString(CultureInfo.InvariantCulture)), campaign.SpotCheckShare, seed);
        campaign.SpotCheckSeed = seed.ToString(CultureInfo.InvariantCulture);
        campaign.SpotCheckUnitIds = string.Join(",", drawn);
        campaign.SpotCheckDrawnAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok((await CampaignViews.MapAsync(db, [campaign], ct))[0]);
    }
}
