namespace Chengxin.Server.Infrastructure;

/// <summary>
/// The current caller's tenant and visible unit ids. It starts empty, which the query
/// filters read as "sees nothing"; only <see cref="AccessScopeMiddleware"/> (for requests)
/// and the command-line verbs (as the system actor) fill it.
/// </summary>
public sealed class AccessScope
{
    public long TenantId { get; private set; }
    public IReadOnlyList<long> UnitIds { get; private set; } = [];
    public Guid? UserId { get; private set; }
    public string ActorName { get; private set; } = "anonymous";
    public string? Role { get; private set; }
    public long? UnitId { get; private set; }

    /// <summary>For a user scoped by campaigns (an external firm): the campaigns assigned; null for everyone else.</summary>
    public IReadOnlyList<long>? CampaignIds { get; private set; }

    public bool IsAuthenticated => UserId is not null;

    public void SetUser(Guid userId, string actorName, string role, long tenantId, long unitId, IReadOnlyList<long> unitIds,
        IReadOnlyList<long>? campaignIds = null)
    {
        CampaignIds = campaignIds;
        UserId = userId;
        ActorName = actorName;
        Role = role;
        TenantId = tenantId;
        UnitId = unitId;
        UnitIds = unitIds;
    }

    /// <summary>Names the actor of changes made outside a request (command line, demo seeding).</summary>
    public void SetSystemActor(string actorName) => ActorName = actorName;
}
