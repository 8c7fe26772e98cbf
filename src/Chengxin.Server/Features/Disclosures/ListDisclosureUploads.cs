using Chengxin.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Disclosures;

/// <summary>The uploads within the caller's scope, newest first (a department sees its own).</summary>
public static class ListDisclosureUploads
{
    public static async Task<IResult> Handle(ChengxinDbContext db, Infrastructure.AccessScope scope, CancellationToken ct)
    {
        var uploads = await db.DisclosureUploads.AsNoTracking().Where(u => DisclosureOffice.Departments(db, scope).Contains(u.UploaderUnitId)).OrderByDescending(u => u.Id).Take(200).ToListAsync(ct);
        return TypedResults.Ok(uploads.Select(DisclosureOffice.Summary).ToList());
    }
}
