using Chengxin.Domain.Schemes;

namespace Chengxin.Domain.Collection;

/// <summary>
/// Who may enter a fact, read from the scheme's supplier declaration (unit, provider:&lt;部门&gt;, feed:&lt;数据源&gt;,
/// survey, reviewer). A provider is matched by name: the department named after "provider:" must equal the
/// provider's own unit name exactly (trimmed), so the office names the court's unit 市人民法院 when the scheme
/// says provider:市人民法院. Exact, because a loose match (法院 ⊂ 市人民法院) would let one department fill another's facts.
/// </summary>
public static class Suppliers
{
    public const string Unit = "unit";
    public const string ProviderPrefix = "provider:";

    public static bool IsUnit(string supplier) => supplier == Unit;

    /// <summary>The department named by a provider supplier, or null for any other supplier.</summary>
    public static string? ProviderName(string supplier) =>
        supplier.StartsWith(ProviderPrefix, StringComparison.Ordinal) ? supplier[ProviderPrefix.Length..].Trim() : null;

    public static bool IsSuppliedBy(string supplier, string providerUnitName) =>
        ProviderName(supplier) is { Length: > 0 } name && name == providerUnitName.Trim();

    /// <summary>The supplier in words, for messages: 被评价单位, 信息来源部门「市人民法院」, 监测数据「双公示」, 平台统计的「…」, 问卷测评, 评审员.</summary>
    public static string Describe(string supplier)
    {
        if (IsUnit(supplier))
            return "被评价单位";
        if (ProviderName(supplier) is { } provider)
            return $"信息来源部门「{provider}」";
        // A system fact is named by what the platform counts, never by its kind's key.
        if (SystemFacts.KindOf(supplier) is { } kind)
            return $"平台统计的「{SystemFacts.Name(kind)}」";
        if (supplier.StartsWith("feed:", StringComparison.Ordinal))
            return $"监测数据「{supplier["feed:".Length..]}」";
        return supplier switch
        {
            "survey" => "问卷测评",
            "reviewer" => "评审员",
            _ => supplier,
        };
    }

    /// <summary>Every fact of the scheme a provider of this name supplies, with its item.</summary>
    public static IReadOnlyList<(Item Item, FactDefinition Fact)> FactsOf(Scheme scheme, string providerUnitName) =>
        scheme.Items.SelectMany(i => i.Facts.Where(f => IsSuppliedBy(f.Supplier, providerUnitName)).Select(f => (i, f))).ToList();
}
