using Chengxin.Domain;
using Chengxin.Domain.Campaigns;
using Chengxin.Domain.Collection;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Features.Submissions;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Letters;

public static class ListLiaisonTables
{
    /// <summary>The office's list: every unit of the campaign in the caller's scope (filled or not), then any provider department that filled one.</summary>
    public static async Task<IResult> Handle(long id, ChengxinDbContext db, SchemeVersions versions, CancellationToken ct)
    {
        var rows = await LetterContext.LiaisonRowsAsync(db, versions, id, ct);
        return rows is null ? ProblemResponses.NotFound("评价批次") : TypedResults.Ok(rows);
    }
}
