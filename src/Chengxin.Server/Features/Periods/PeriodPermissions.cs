using Chengxin.Server.Features.Results;

namespace Chengxin.Server.Features.Periods;

/// <summary>Period aggregates are results across campaigns: whoever may read results before publication may read them.</summary>
public static class PeriodPermissions
{
    public const string Read = ResultPermissions.Read;
}
