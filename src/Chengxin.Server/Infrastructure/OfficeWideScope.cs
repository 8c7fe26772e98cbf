using Chengxin.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Infrastructure;

/// <summary>
/// Whether a scope takes in every unit of its office. Some things belong to the office as a whole and name units anywhere in
/// it (the outbound channels and what they failed to send, the audit events without a unit): a county's admin holds the
/// office admin's role over a part of the tree, and reads those only when the part is the whole.
/// </summary>
public static class OfficeWideScope
{
    /// <summary>Whether the caller's scope takes in every unit of the office; a scope by campaigns never does.</summary>
    public static Task<bool> CoversOfficeAsync(this ChengxinDbContext db, AccessScope scope, CancellationToken ct) =>
        scope.CampaignIds is not null ? Task.FromResult(false) : CoversAsync(db, scope.TenantId, scope.Units, ct);

    /// <summary>Whether these visible units are every unit of the office (asked at sign-in too, before a request's scope exists).</summary>
    public static async Task<bool> CoversAsync(ChengxinDbContext db, long tenantId, VisibleUnits units, CancellationToken ct)
    {
        if (units.ByCampaigns)
            return false;
        // Known when the scope was read (its root is the office's one top unit): no scan of the office's units.
        if (units.WholeOffice)
            return true;
        // Both filters are lifted and the office named: the question is about units the scope may not see.
        var office = db.Units.IgnoreQueryFilters().Where(u => u.TenantId == tenantId);
        return units.PathPattern is { } pattern
            ? !await office.AnyAsync(u => !EF.Functions.Like(u.Path, pattern), ct)
            : !await office.AnyAsync(ct);
    }

    /// <summary>
    /// Refuses, with 403 and the reason in Chinese, a caller whose scope is a part of the office; the endpoint's permission
    /// has already said the role may.
    /// </summary>
    public static RouteGroupBuilder RequireOfficeWideScope(this RouteGroupBuilder group, string what)
    {
        group.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var scope = http.RequestServices.GetRequiredService<AccessScope>();
            var db = http.RequestServices.GetRequiredService<ChengxinDbContext>();
            if (await db.CoversOfficeAsync(scope, http.RequestAborted))
                return await next(context);
            return TypedResults.Problem(title: "无权访问", detail: $"{what}由负责全辖区的信用办管理员管理。", statusCode: StatusCodes.Status403Forbidden);
        });
        return group;
    }
}
