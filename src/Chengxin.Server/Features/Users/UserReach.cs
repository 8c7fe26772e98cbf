using Chengxin.Server.Data;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Users;

/// <summary>
/// Which accounts an admin may manage, and which settings it may give one. The unit filter keeps an admin to users whose
/// home unit is in its scope; that is not enough, because an account at home in a county may see the whole city (a court,
/// a city leader), and whoever resets its password takes over that wider scope. So an account is within reach only when
/// its whole scope lies inside the admin's own and its role does not outrank the admin's (<see cref="Roles.Rank"/>); an
/// account out of reach is answered as not found, and no setting may widen an account beyond the admin's own scope.
/// </summary>
public sealed class UserReach
{
    private readonly string? _role;
    private readonly HashSet<long> _own;
    private readonly ILookup<long, long> _children;
    private readonly HashSet<long> _office;
    private readonly ILookup<Guid, long> _campaignUnits;

    private UserReach(string? role, HashSet<long> own, ILookup<long, long> children, HashSet<long> office, ILookup<Guid, long> campaignUnits)
    {
        _role = role;
        _own = own;
        _children = children;
        _office = office;
        _campaignUnits = campaignUnits;
    }

    public static async Task<UserReach> LoadAsync(ChengxinDbContext db, AccessScope scope, CancellationToken ct)
    {
        // A scope is worked out over the whole office's tree, as AccessScopeMiddleware does for the account itself, so the
        // unit filter is lifted here; the tenant filter still holds.
        var units = await db.Units.IgnoreQueryFilters([ChengxinDbContext.UnitScopeFilter]).AsNoTracking()
            .Select(u => new { u.Id, u.ParentId, u.Path }).ToListAsync(ct);
        var campaignUnits = await (
                from r in db.CampaignReviewers
                join c in db.Campaigns.IgnoreQueryFilters([ChengxinDbContext.UnitScopeFilter]) on r.CampaignId equals c.Id
                join cu in db.CampaignUnits on c.Id equals cu.CampaignId
                select new { r.UserId, cu.UnitId })
            .Distinct().ToListAsync(ct);
        // The caller's own units, from the same rows: the scope's pattern over each path, or its campaigns' units.
        var own = scope.Units.ByCampaigns
            ? campaignUnits.Where(x => x.UserId == scope.UserId).Select(x => x.UnitId).ToHashSet()
            : units.Where(u => scope.Units.Matches(u.Path)).Select(u => u.Id).ToHashSet();
        return new UserReach(scope.Role, own,
            units.Where(u => u.ParentId is not null).ToLookup(u => u.ParentId!.Value, u => u.Id), units.Select(u => u.Id).ToHashSet(),
            campaignUnits.ToLookup(x => x.UserId, x => x.UnitId));
    }

    /// <summary>Whether the caller may read and manage this account.</summary>
    public bool Covers(AppUser user) => Allows(user.Id, user.Role, user.UnitId, user.ScopeKind, user.ScopeUnitId);

    /// <summary>Whether the account's whole scope lies inside the caller's, whatever its role: what the caller may watch, as in the audit log.</summary>
    public bool Sees(AppUser user) => _own.Contains(user.UnitId) && ScopeOf(user.Id, user.UnitId, user.ScopeKind, user.ScopeUnitId) is { } units && units.All(_own.Contains);

    /// <summary>Whether the caller may give an account (new, or existing with its id) these settings.</summary>
    public bool Allows(Guid? userId, string role, long unitId, ScopeKind kind, long? scopeUnitId) =>
        Roles.MayGrant(_role, role) && _own.Contains(unitId) && ScopeOf(userId, unitId, kind, scopeUnitId) is { } units && units.All(_own.Contains);

    /// <summary>Whether the caller may give an account this role.</summary>
    public bool MayGrant(string role) => Roles.MayGrant(_role, role);

    private IEnumerable<long>? ScopeOf(Guid? userId, long unitId, ScopeKind kind, long? scopeUnitId) => kind switch
    {
        ScopeKind.OwnUnit => [unitId],
        ScopeKind.Subtree => Subtree(scopeUnitId ?? unitId),
        // A firm's scope is the units of its campaigns: a new account has none yet, and assigning it is a campaign's business.
        ScopeKind.Campaigns => userId is { } id ? _campaignUnits[id] : [],
        _ => null,
    };

    private List<long> Subtree(long root)
    {
        // A root outside the office is no scope the caller can vouch for: it is returned as is and fails the check.
        if (!_office.Contains(root))
            return [root];
        var subtree = new List<long>();
        var queue = new Queue<long>([root]);
        while (queue.TryDequeue(out var id))
        {
            subtree.Add(id);
            foreach (var child in _children[id])
                queue.Enqueue(child);
        }
        return subtree;
    }
}
