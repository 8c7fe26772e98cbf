namespace Chengxin.Server.Infrastructure;

/// <summary>
/// The current caller's tenant and which units it sees. It starts empty, which the query filters read as "sees nothing";
/// only <see cref="AccessScopeMiddleware"/> (for requests) and the command-line verbs (as the system actor) fill it.
/// The units are a predicate, not a list: a pattern over <c>Unit.Path</c> for a part of the tree, or the units of the
/// caller's campaigns for an external firm (ADR 0005).
/// </summary>
public sealed class AccessScope
{
    public long TenantId { get; private set; }
    public Guid? UserId { get; private set; }
    public string ActorName { get; private set; } = "anonymous";
    public string? Role { get; private set; }
    public long? UnitId { get; private set; }

    /// <summary>Which units the caller sees; <see cref="VisibleUnits.None"/> until a user is set.</summary>
    public VisibleUnits Units { get; private set; } = VisibleUnits.None;

    /// <summary>For a user scoped by campaigns (an external firm, any reviewer): the campaigns assigned; null for everyone else.</summary>
    public IReadOnlyList<long>? CampaignIds { get; private set; }

    public bool IsAuthenticated => UserId is not null;

    public void SetUser(Guid userId, string actorName, string role, long tenantId, long unitId, VisibleUnits units,
        IReadOnlyList<long>? campaignIds = null)
    {
        CampaignIds = campaignIds;
        UserId = userId;
        ActorName = actorName;
        Role = role;
        TenantId = tenantId;
        UnitId = unitId;
        Units = units;
    }

    /// <summary>Names the actor of changes made outside a request (command line, demo seeding).</summary>
    public void SetSystemActor(string actorName) => ActorName = actorName;

    /// <summary>
    /// Acts for a whole office outside a request (scheduled rules): the office's tenant, every unit of it, the office's role,
    /// and no user.
    /// </summary>
    public void SetSystemOffice(long tenantId, string actorName)
    {
        TenantId = tenantId;
        ActorName = actorName;
        Role = Roles.OfficeAdmin;
        Units = VisibleUnits.Office;
    }
}

/// <summary>
/// Which units a scope takes in. <see cref="PathPattern"/> is a LIKE pattern over <c>Unit.Path</c>: <c>/1/5/%</c> takes in
/// unit 5 and everything below it, <c>/1/5/23/</c> (no wildcard) unit 23 alone. With no pattern, the scope takes in the units
/// of its campaigns (<see cref="ByCampaigns"/>) or nothing at all. <see cref="WholeOffice"/>: the pattern takes in every unit of
/// the office (a subtree from its one root), which the query filters then leave to the tenant filter alone (issue 19: a
/// province's admin no longer lists 40,000 units in each statement).
/// </summary>
public sealed record VisibleUnits(string? PathPattern, bool ByCampaigns, bool WholeOffice = false)
{
    public static readonly VisibleUnits None = new(null, false);

    /// <summary>The units of the campaigns in <see cref="AccessScope.CampaignIds"/> (an external firm).</summary>
    public static readonly VisibleUnits OfCampaigns = new(null, true);

    /// <summary>Every unit of the office, for work done for the office as a whole (scheduled rules), not for an account.</summary>
    public static readonly VisibleUnits Office = new("%", false, true);

    /// <summary>The unit with this path and every unit below it.</summary>
    public static VisibleUnits Subtree(string rootPath) => new(rootPath + "%", false);

    /// <summary>The unit with this path alone: a pattern without a wildcard matches one path.</summary>
    public static VisibleUnits Own(string path) => new(path, false);

    /// <summary>
    /// An account's visible units from its scope's kind and the path of the scope's root (null: none, or another office's).
    /// <paramref name="otherRoots"/>: whether the office has a top unit besides the scope's root, as read with that path; a
    /// subtree from a top unit of an office with no other covers the office.
    /// </summary>
    public static VisibleUnits Of(Data.ScopeKind kind, string? rootPath, bool otherRoots = true) => kind switch
    {
        Data.ScopeKind.Campaigns => OfCampaigns,
        _ when string.IsNullOrEmpty(rootPath) => None,
        Data.ScopeKind.Subtree when !otherRoots && IsTopPath(rootPath!) => Subtree(rootPath!) with { WholeOffice = true },
        Data.ScopeKind.Subtree => Subtree(rootPath!),
        Data.ScopeKind.OwnUnit => Own(rootPath!),
        _ => None,
    };

    /// <summary>Whether a path is that of a top unit of its office ("/7/": one id), the only paths a unit without a parent has.</summary>
    public static bool IsTopPath(string path) => path.Length > 2 && path[0] == '/' && path.IndexOf('/', 1) == path.Length - 1;

    /// <summary>
    /// The pattern as a range of paths, both ends included, which the unit-scope filter reads (null: no unit). A range is served
    /// by the path index whatever its values, so PostgreSQL can keep one plan for a statement and run it again without planning
    /// (a LIKE with a parameter needs the value to use the index: planned anew on every run, B5 s30). A subtree's range runs from
    /// its top unit's path to that path with its closing slash raised to '0', which is no unit's path (every path ends with a
    /// slash) and sorts after every path below the top ('/' is just below '0', and paths are digits and slashes).
    /// </summary>
    public string? PathFrom => PathPattern switch
    {
        [.. var prefix, '%'] => prefix,
        var exact => exact,
    };

    /// <inheritdoc cref="PathFrom"/>
    public string? PathTo => PathPattern switch
    {
        [.. var prefix, '/', '%'] => prefix + "0",
        // The whole office ("%"): every path, which begins with a slash.
        ['%'] => "0",
        [.., '%'] => throw new InvalidOperationException("A subtree's pattern is a path (ending with a slash) and a wildcard."),
        var exact => exact,
    };

    /// <summary>Whether a unit with this path is in the scope, as the query filter would answer; false for a scope by campaigns.</summary>
    public bool Matches(string path) => PathPattern switch
    {
        null => false,
        [.. var prefix, '%'] => path.StartsWith(prefix, StringComparison.Ordinal),
        var exact => path == exact,
    };
}
