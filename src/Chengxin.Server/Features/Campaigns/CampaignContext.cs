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

/// <summary>
/// What every feature that changes a campaign shares: the campaign the caller may manage, its state held for the caller's
/// transaction, one transition through the domain, and an audited event about it. Features outside Campaigns call these.
/// </summary>
public static class CampaignContext
{
    /// <summary>
    /// Loads a campaign the caller may manage (every one of its units in the caller's scope), restores it as the
    /// domain type, applies one transition there and stores the outcome. The domain refuses what its rules refuse (409).
    /// The update matches the campaign only in the state the transition was decided on: a request that loses a race
    /// changes nothing (409). Whatever else the transition records (<paramref name="afterwards"/>) is saved after the
    /// campaign's row, in the caller's transaction.
    /// </summary>
    public static async Task<IResult> TransitionAsync(long id, ChengxinDbContext db, AccessScope scope, TimeProvider clock,
        Action<DomainCampaign, string, DateTimeOffset> transition, CancellationToken ct, Func<Campaign, DateTimeOffset, Task>? afterwards = null)
    {
        var campaign = await FindManagedAsync(db, scope, id, ct);
        if (campaign is null)
            return ProblemResponses.NotFound("评价批次");
        var version = await db.SchemeVersions.AsNoTracking().FirstAsync(v => v.Id == campaign.SchemeVersionId, ct);
        var domain = campaign.Restore(version);
        var now = clock.GetUtcNow();
        transition(domain, scope.UserId!.Value.ToString(), now);
        campaign.Store(domain);
        await db.SaveChangesAsync(ct);
        if (afterwards is not null)
        {
            await afterwards(campaign, now);
            await db.SaveChangesAsync(ct);
        }
        return TypedResults.Ok((await CampaignViews.MapAsync(db, [campaign], ct))[0]);
    }

    /// <summary>
    /// Whether the campaign is still in the given state, holding it there until the caller's transaction ends: on
    /// PostgreSQL a share lock on its row, which a transition's update waits for; on SQLite the caller's transaction
    /// already holds the database's one write lock, so the read is current and no transition can come between.
    /// </summary>
    public static async Task<bool> HoldStateAsync(ChengxinDbContext db, long id, CampaignState state, CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
        {
            var name = state.ToString();
            var held = await db.Database.SqlQuery<long>($"""SELECT "Id" AS "Value" FROM "Campaigns" WHERE "Id" = {id} AND "State" = {name} FOR SHARE""")
                .ToListAsync(ct);
            return held.Count > 0;
        }
        return await db.Campaigns.IgnoreQueryFilters([ChengxinDbContext.UnitScopeFilter]).AnyAsync(c => c.Id == id && c.State == state, ct);
    }

    /// <summary>
    /// A campaign the caller may change: visible, none of its units outside the caller's scope, and not voided (409). Seeing a
    /// campaign through one of its units is not managing it; every handler that changes a campaign authorises it here first.
    /// </summary>
    public static async Task<Campaign?> FindManagedAsync(ChengxinDbContext db, AccessScope scope, long id, CancellationToken ct)
    {
        var campaign = await db.Campaigns.Include(c => c.Units).Include(c => c.Reviewers).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (campaign is null || !await db.SeesAllUnitsAsync(campaign.Units.Select(u => u.UnitId).ToList(), ct))
            return null;
        // A voided campaign is read-only for every change the office makes, decided here once, after the caller is authorised.
        DomainCampaign.EnsureNotVoided(campaign.State);
        return campaign;
    }

    /// <summary>An audit event for what the entity snapshot cannot show (a campaign's members), in the caller's transaction.</summary>
    public static async Task RecordAsync(ChengxinDbContext db, AccessScope scope, Campaign campaign, string action, object after, DateTime now, CancellationToken ct)
    {
        var json = JsonSerializer.Serialize(after, AuditJsonOptions);
        await AuditChain.AppendAsync(db, [new AuditDraft(campaign.TenantId, now, scope.UserId, scope.ActorName, action, "campaign", campaign.Id.ToString(CultureInfo.InvariantCulture), null, null, json)], ct);
        await db.SaveChangesAsync(ct);
    }

    private static readonly JsonSerializerOptions AuditJsonOptions = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
