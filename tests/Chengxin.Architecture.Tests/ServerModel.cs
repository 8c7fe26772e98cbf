using ArchUnitNET.Domain;
using ArchUnitNET.Loader;

namespace Chengxin.Architecture.Tests;

/// <summary>The server and domain assemblies as ArchUnitNET reads them (from their IL: every type, member and call).</summary>
internal static class ServerModel
{
    public const string FeaturesNamespace = "Chengxin.Server.Features.";

    private static readonly Lazy<ArchUnitNET.Domain.Architecture> Loaded = new(() => new ArchLoader()
        .LoadAssemblies(typeof(Chengxin.Server.Infrastructure.BeijingTime).Assembly, typeof(Chengxin.Domain.DomainRuleException).Assembly)
        .Build());

    public static ArchUnitNET.Domain.Architecture Architecture => Loaded.Value;

    /// <summary>The feature folder a type lives in (Features/&lt;Area&gt;/ is namespace Chengxin.Server.Features.&lt;Area&gt;), or null.</summary>
    public static string? FeatureOf(IType type)
    {
        var ns = type.Namespace.FullName;
        if (!ns.StartsWith(FeaturesNamespace, StringComparison.Ordinal))
            return null;
        var rest = ns[FeaturesNamespace.Length..];
        var dot = rest.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? rest : rest[..dot];
    }

    /// <summary>
    /// The type as a reader of the source names it: nested and compiler-made types (a handler's lambdas and async state
    /// machines) count as the top-level type that declares them, without generic arity.
    /// </summary>
    public static string SourceName(IType type)
    {
        var name = type.FullName;
        var plus = name.IndexOf('+', StringComparison.Ordinal);
        if (plus >= 0)
            name = name[..plus];
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        return tick >= 0 ? name[..tick] : name;
    }

    /// <summary>Every use of a type of one feature folder by a type of another: (from folder, to folder, the used type).</summary>
    public static IReadOnlyList<(string From, string To, string Type)> CrossFeatureReferences() =>
        Architecture.Types
            .Where(t => FeatureOf(t) is not null)
            .SelectMany(t => t.Dependencies.Select(d => (From: FeatureOf(t)!, Target: d.Target)))
            .Where(d => FeatureOf(d.Target) is { } to && to != d.From)
            .Select(d => (d.From, FeatureOf(d.Target)!, ShortName(SourceName(d.Target))))
            .Distinct()
            .OrderBy(r => r.Item1, StringComparer.Ordinal).ThenBy(r => r.Item2, StringComparer.Ordinal).ThenBy(r => r.Item3, StringComparer.Ordinal)
            .ToList();

    /// <summary>"Chengxin.Server.Features.Campaigns.Readiness" → "Campaigns.Readiness".</summary>
    public static string ShortName(string fullName) =>
        fullName.StartsWith(FeaturesNamespace, StringComparison.Ordinal) ? fullName[FeaturesNamespace.Length..] : fullName;
}
