using System.Globalization;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Users;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Audit;

/// <summary>
/// Who reads which audit events. An event about a unit's data carries the unit, and the unit scope filter decides. An event
/// with no unit is about something the office shares, and is shown only to whom it concerns:
/// <list type="bullet">
/// <item>a campaign's events to those who can see the campaign (its units in scope; a reviewer's or a firm's assignments);</item>
/// <item>a scheme version's events to those who can see a campaign frozen on it;</item>
/// <item>an API token's events to the token's owner (its name is the owner's business, not another admin's);</item>
/// <item>an account's events, though they carry its home unit, only to a reader whose scope takes in the account's whole scope
/// (<see cref="UserReach"/>): a county reader does not watch a city-wide account that happens to sit in the county;</item>
/// <item>every event, the office's own and other users' tokens included, to a reader whose scope is the whole office
/// (the city office's admin or leader), who answers for all of it.</item>
/// </list>
/// Anything else without a unit (the office record, and whatever kind comes next) is therefore office-wide only.
/// </summary>
public static class AuditVisibility
{
    public static async Task<IQueryable<AuditEvent>> ApplyAsync(IQueryable<AuditEvent> events, ChengxinDbContext db, AccessScope scope, CancellationToken ct)
    {
        if (await db.CoversOfficeAsync(scope, ct))
            return events;
        var campaigns = await db.Campaigns.AsNoTracking().Select(c => new { c.Id, c.SchemeVersionId }).ToListAsync(ct);
        var campaignIds = campaigns.Select(c => c.Id.ToString(CultureInfo.InvariantCulture)).ToList();
        var versionIds = campaigns.Select(c => c.SchemeVersionId.ToString(CultureInfo.InvariantCulture)).Distinct().ToList();
        var tokenIds = (await db.ApiTokens.AsNoTracking().Where(t => t.UserId == scope.UserId).Select(t => t.Id).ToListAsync(ct))
            .Select(id => id.ToString(CultureInfo.InvariantCulture)).ToList();
        var reach = await UserReach.LoadAsync(db, scope, ct);
        var userIds = (await db.Users.AsNoTracking().ToListAsync(ct)).Where(reach.Sees).Select(u => u.Id.ToString()).ToList();
        return events.Where(e => (e.UnitId != null && e.EntityType != "user")
                                 || (e.EntityType == "user" && userIds.Contains(e.EntityId))
                                 || (e.EntityType == "campaign" && campaignIds.Contains(e.EntityId))
                                 || (e.EntityType == "scheme-version" && versionIds.Contains(e.EntityId))
                                 || (e.EntityType == "api-token" && tokenIds.Contains(e.EntityId)));
    }
}
