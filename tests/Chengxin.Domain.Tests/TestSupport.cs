using Chengxin.Domain.Schemes;
using Chengxin.Domain.Scoring;

namespace Chengxin.Domain.Tests;

/// <summary>Loads scheme files copied next to the tests and builds fact sets tersely.</summary>
public static class TestSupport
{
    public static string SchemeDirectory => Path.Combine(AppContext.BaseDirectory, "schemes");

    /// <summary>Loads schemes/&lt;relative path&gt; (e.g. "examples/every-part.yaml").</summary>
    public static Scheme LoadScheme(string relativePath)
    {
        var path = Path.Combine(SchemeDirectory, relativePath);
        return SchemeLoader.Parse(File.ReadAllText(path), relativePath);
    }

    public static CompiledScheme Compile(string relativePath) => new(LoadScheme(relativePath));

    public static LedgerRow Row(params (string Column, FactValue Value)[] cells) =>
        new(cells.ToDictionary(c => c.Column, c => c.Value));

    public static FactValue Ledger(params LedgerRow[] rows) => FactValue.Ledger(rows);

    /// <summary>A ledger of n rows with only the given bool column set.</summary>
    public static FactValue LedgerOf(int done, int notDone, string column = "done") =>
        FactValue.Ledger([.. Enumerable.Range(0, done).Select(_ => Row((column, FactValue.Bool(true)))),
                          .. Enumerable.Range(0, notDone).Select(_ => Row((column, FactValue.Bool(false))))]);

    /// <summary>Scores one item of a unit and returns its score.</summary>
    public static decimal ItemScore(UnitFacts facts, string itemId) => Scorer.Score(facts)[itemId].Score;
}
