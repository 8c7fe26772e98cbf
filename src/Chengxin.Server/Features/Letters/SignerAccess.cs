using Chengxin.Domain.Collection;
using Chengxin.Domain.Schemes;
using Chengxin.Domain.Scoring;
using Chengxin.Server.Data;
using Chengxin.Server.Features.Campaigns;
using Chengxin.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengxin.Server.Features.Letters;

/// <summary>
/// Who signs for which campaign: a unit of the campaign, or a data-provider department whose unit name the
/// campaign's frozen scheme names as a supplier (provider:&lt;name&gt;). The unit must be in the caller's scope
/// (a liaison reaches only its own unit), and a provider reaches only its own department; the campaign is then looked up inside the office only, because a
/// provider's own unit is usually not one of the evaluated units and would otherwise never see the campaign.
/// </summary>
public static class SignerAccess
{
    public const string UnitSigner = "unit";
    public const string ProviderSigner = "provider";

    public sealed record Signer(Data.Campaign Campaign, Unit Unit, string SignerKind, CompiledScheme Scheme);

    public static async Task<Signer?> FindAsync(ChengxinDbContext db, SchemeVersions versions, AccessScope scope, long campaignId, long unitId,
        CancellationToken ct)
    {
        // A provider's scope is wide (a court sees the whole city) because it supplies facts about every unit; it still acts
        // only for its own department. A unit's letter, scan and contact are the unit's: its liaison's, or the office's on its behalf.
        if (scope.Role == Roles.DataProvider && unitId != scope.UnitId)
            return null;
        var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == unitId, ct);
        if (unit is null)
            return null;
        var campaign = await db.Campaigns.IgnoreQueryFilters([ChengxinDbContext.UnitScopeFilter]).AsNoTracking().Include(c => c.Units)
            .FirstOrDefaultAsync(c => c.Id == campaignId, ct);
        if (campaign is null)
            return null;
        var version = await db.SchemeVersions.AsNoTracking().FirstAsync(v => v.Id == campaign.SchemeVersionId, ct);
        var scheme = versions.Compile(version);
        if (campaign.Units.Any(u => u.UnitId == unitId))
            return new Signer(campaign, unit, UnitSigner, scheme);
        return Suppliers.FactsOf(scheme.Scheme, unit.Name).Count > 0 ? new Signer(campaign, unit, ProviderSigner, scheme) : null;
    }
}
