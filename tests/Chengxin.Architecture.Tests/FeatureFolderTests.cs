namespace Chengxin.Architecture.Tests;

public sealed class FeatureFolderTests
{
    [Fact]
    public void Features_UseOtherFeatures_OnlyThroughExposedTypes()
    {
        var violations = ServerModel.CrossFeatureReferences()
            .Where(r => !FeatureBoundaries.Exposed.ContainsKey(r.Type))
            .Select(r => $"{r.From} → {r.Type}")
            .ToList();

        violations.ShouldBeEmpty("a feature uses another feature's internals; call a query that feature exposes " +
            "(FeatureBoundaries.Exposed) or move the shared part to Infrastructure/, Data/ or the domain");
    }

    [Fact]
    public void Exposed_EveryListedType_IsUsedByAnotherFeature()
    {
        // An exposure nobody uses any more must leave the list, so that the list says what the folders really share.
        var used = ServerModel.CrossFeatureReferences().Select(r => r.Type).ToHashSet(StringComparer.Ordinal);
        // An enum's values are compiled into the caller, so its use leaves no reference to see; it is checked by existing.
        var server = typeof(Chengxin.Server.Data.ChengxinDbContext).Assembly;
        bool IsEnum(string key) => server.GetType("Chengxin.Server.Features." + key)?.IsEnum == true;

        FeatureBoundaries.Exposed.Keys.Where(k => !used.Contains(k) && !IsEnum(k)).ShouldBeEmpty();
    }

    [Fact]
    public void Features_DependOnEachOther_WithoutCycles()
    {
        var edges = ServerModel.CrossFeatureReferences().Select(r => (r.From, r.To)).Distinct().ToList();

        var cycles = StronglyConnected(edges).Where(c => c.Count > 1)
            .Select(c => string.Join(" ↔ ", c.Order(StringComparer.Ordinal)))
            .ToList();

        cycles.ShouldBeEmpty("feature folders depend on each other in a circle; the lower one exposes a query, the upper one calls it");
    }

    [Fact]
    public void StronglyConnected_ThreeFoldersInACircle_FindsOneCycle()
    {
        // The cycle finder itself: a → b → c → a is one cycle of three, d hangs off it.
        var groups = StronglyConnected([("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")]);

        groups.Where(g => g.Count > 1).Select(g => string.Join(",", g.Order(StringComparer.Ordinal))).ShouldBe(["a,b,c"]);
    }

    /// <summary>Tarjan's strongly connected components of a small graph.</summary>
    private static List<List<string>> StronglyConnected(IReadOnlyList<(string From, string To)> edges)
    {
        var nodes = edges.SelectMany(e => new[] { e.From, e.To }).Distinct().Order(StringComparer.Ordinal).ToList();
        var next = edges.ToLookup(e => e.From, e => e.To);
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var result = new List<List<string>>();

        void Visit(string v)
        {
            index[v] = low[v] = index.Count;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in next[v])
            {
                if (!index.ContainsKey(w))
                {
                    Visit(w);
                    low[v] = Math.Min(low[v], low[w]);
                }
                else if (onStack.Contains(w))
                {
                    low[v] = Math.Min(low[v], index[w]);
                }
            }
            if (low[v] != index[v])
                return;
            var group = new List<string>();
            string x;
            do
            {
                x = stack.Pop();
                onStack.Remove(x);
                group.Add(x);
            } while (x != v);
            result.Add(group);
        }

        foreach (var n in nodes.Where(n => !index.ContainsKey(n)))
            Visit(n);
        return result;
    }
}
