using Chengxin.Domain;
using Chengxin.Server.Data;
using Chengxin.Server.Infrastructure;

namespace Chengxin.Server.Features.Units;

/// <summary>The shape of the unit tree: 市 → 县/区 → 乡镇/街道 → 村/社区, departments attached to a region.</summary>
public static class UnitRules
{
    public static readonly IReadOnlyDictionary<UnitLevel, string> LevelNames = new Dictionary<UnitLevel, string>
    {
        [UnitLevel.City] = "市",
        [UnitLevel.County] = "县/区",
        [UnitLevel.Town] = "乡镇/街道",
        [UnitLevel.Village] = "村/社区",
        [UnitLevel.Department] = "部门",
    };

    /// <summary>The classes the seed schemes evaluate; a scheme's applicability refers to these names.</summary>
    public static readonly IReadOnlyList<string> KnownClasses =
        ["县区政府", "乡镇", "街道", "社区", "村", "A类部门", "B类部门", "县直单位", "市直部门"];

    public static UnitLevel? ParseLevel(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        text = text.Trim();
        if (Enum.TryParse<UnitLevel>(text, ignoreCase: true, out var level) && Enum.IsDefined(level))
            return level;
        foreach (var (key, name) in LevelNames)
        {
            if (name == text || name.Split('/').Contains(text) || name.Replace("/", "", StringComparison.Ordinal) == text)
                return key;
        }
        return null;
    }

    public static void EnsureCanBeChildOf(UnitLevel child, Unit parent)
    {
        if (!parent.IsActive)
            throw new DomainRuleException($"上级单位“{parent.Name}”已停用，不能在其下添加或移入单位。");
        if (parent.Level == UnitLevel.Department)
            throw new DomainRuleException($"部门“{parent.Name}”下不能再设下级单位。");
        if (child != UnitLevel.Department && Depth(child) <= Depth(parent.Level))
            throw new DomainRuleException($"{LevelNames[child]}不能设在{LevelNames[parent.Level]}“{parent.Name}”之下。");
    }

    /// <summary>Moving a unit under itself or under one of its descendants would cut it off the tree.</summary>
    public static void EnsureNoCycle(Unit unit, Unit newParent)
    {
        // The new parent is the unit itself or below it exactly when its path starts with the unit's.
        if (newParent.Path.StartsWith(unit.Path, StringComparison.Ordinal))
            throw new DomainRuleException($"不能把“{unit.Name}”移到它自己或它的下级单位之下。");
    }

    public static void EnsureCanDeactivate(Unit unit, bool hasActiveChildren)
    {
        if (hasActiveChildren)
            throw new DomainRuleException($"“{unit.Name}”还有未停用的下级单位，请先停用下级单位。");
    }

    public static void EnsureCanDelete(Unit unit, bool hasChildren, bool hasUsers, bool hasCampaigns, bool hasHistory)
    {
        if (hasChildren)
            throw new DomainRuleException($"“{unit.Name}”还有下级单位，不能删除。");
        if (hasUsers)
            throw new DomainRuleException($"“{unit.Name}”还有用户，不能删除；可改为停用。");
        if (hasCampaigns || hasHistory)
            throw new DomainRuleException($"“{unit.Name}”已有考核记录或变更历史，不能删除，只能停用。");
    }

    private static int Depth(UnitLevel level) => level switch
    {
        UnitLevel.City => 0,
        UnitLevel.County => 1,
        UnitLevel.Town => 2,
        UnitLevel.Village => 3,
        _ => 4,
    };
}
