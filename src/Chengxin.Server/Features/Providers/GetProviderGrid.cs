using System.Globalization;
using System.Text.Json;
using Chengxin.Domain;
using Chengxin.Domain.Campaigns;
using Chengxin.Domain.Collection;
using Chengxin.Domain.Schemes;
using Chengxin.Domain.Scoring;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Features.Submissions;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Providers;

public static class GetProviderGrid
{
    public static async Task<IResult> Handle(long id, ChengxinDbContext db, SchemeVersions versions, AccessScope scope, CancellationToken ct)
    {
        var grid = await ProviderGrid.LoadAsync(db, versions, scope, id, ct);
        return grid is null ? ProblemResponses.NotFound("评价批次") : TypedResults.Ok(await ProviderGrid.MapAsync(db, grid, ct));
    }
}
