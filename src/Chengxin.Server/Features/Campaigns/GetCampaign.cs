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

public static class GetCampaign
{
    public static async Task<IResult> Handle(long id, ChengxinDbContext db, CancellationToken ct)
    {
        var campaign = await db.Campaigns.AsNoTracking().Include(c => c.Units).Include(c => c.Reviewers).FirstOrDefaultAsync(c => c.Id == id, ct);
        return campaign is null ? ProblemResponses.NotFound("评价批次") : TypedResults.Ok((await CampaignViews.MapAsync(db, [campaign], ct))[0]);
    }
}
