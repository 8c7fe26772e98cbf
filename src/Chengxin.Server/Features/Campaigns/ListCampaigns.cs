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

/// <summary>The campaigns the caller sees.</summary>
public static class ListCampaigns
{
    /// <summary>Voided campaigns stay on record but leave the everyday list; <paramref name="includeVoided"/> brings them back.</summary>
    public static async Task<IResult> Handle(ChengxinDbContext db, CancellationToken ct, bool? includeVoided = null)
    {
        // Split: in one query each campaign's members would be repeated once per reviewer (a province's campaign has thousands).
        var query = db.Campaigns.AsNoTracking().Include(c => c.Units).Include(c => c.Reviewers).AsSplitQuery();
        var campaigns = await (includeVoided == true ? query : query.Where(c => c.State != CampaignState.Voided)).OrderByDescending(c => c.Id).ToListAsync(ct);
        return TypedResults.Ok(await CampaignViews.MapAsync(db, campaigns, ct));
    }
}
