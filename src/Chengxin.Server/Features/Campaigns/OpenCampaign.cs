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

/// <summary>Collection starts.</summary>
public static class OpenCampaign
{
    public static Task<IResult> Handle(long id, ChengxinDbContext db, AccessScope scope, TimeProvider clock, CancellationToken ct) =>
        CampaignContext.TransitionAsync(id, db, scope, clock, (c, _, _) => c.Open(), ct);
}
