using System.Globalization;
using Chengxin.Domain.Schemes;

namespace Chengxin.Server.Infrastructure;

/// <summary>
/// Whether an item applies to one unit of a campaign, by the domain's one rule: the unit's class in the scheme AND,
/// for an item with a responsibility list (「牵头单位：县发展改革局、县财政局」), the unit itself. Every screen, check and
/// export asks here rather than by class alone, so a department named in an item sees it and the others do not —
/// exactly as the scorer decides, which reads the unit as <see cref="Facts.CampaignFacts"/> hands it over (its id as
/// a number, its name).
/// </summary>
public static class UnitApplicability
{
    public static bool AppliesToUnit(this Item item, string schemeClass, long unitId, string unitName) =>
        item.AppliesTo(schemeClass, unitId.ToString(CultureInfo.InvariantCulture), unitName);
}
