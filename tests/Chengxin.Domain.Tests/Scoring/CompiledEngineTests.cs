using System.Globalization;
using Chengxin.Domain.Calendar;
using Chengxin.Domain.Schemes;
using Chengxin.Domain.Scoring;
using Chengxin.Domain.Tests.Schemes;
using static Chengxin.Domain.Tests.TestSupport;

namespace Chengxin.Domain.Tests.Scoring;

/// <summary>
/// What the engine prepares once per scheme version so that a campaign scores faster (issue 19, B1): formulas compiled to
/// delegates, ledger records counted a bit per record, ranks taken from an order already sorted, applicability by class.
/// Each must give what the plain reading gives, value for value and error for error.
/// </summary>
public class CompiledEngineTests
{
    private const string Yaml = """
        id: compiled
        title: 编译后的公式
        period: year
        total: 10
        classes: [{ id: dept, name: 县直单位 }, { id: town, name: 乡镇 }]
        categories:
          - id: A
            title: 工作
            max: 10
            items:
              - id: "1"
                title: 工作
                max: 10
                facts:
                  - { key: a, label: 数值甲, type: number, supplier: unit }
                  - { key: b, label: 数值乙, type: number, supplier: unit }
                  - { key: m, label: 未填的数, type: number, supplier: unit }
                  - { key: t, label: 级别, type: text, supplier: unit }
                  - { key: d, label: 日期, type: date, supplier: unit }
                  - key: L
                    label: 台账
                    type: ledger
                    supplier: unit
                    columns:
                      - { key: done, label: 是否完成, type: bool }
                      - { key: amount, label: 金额, type: number }
                      - { key: kind, label: 类别, type: text }
                rule:
                  - formula: { expr: "a + b" }
              - id: "2"
                title: 乡镇专项
                max: 5
                classes: [town]
                facts:
                  - { key: town_done, label: 乡镇是否完成, type: bool, supplier: unit }
                rule:
                  - all: { fact: town_done, points: 5 }
              - id: "3"
                title: 责任单位
                max: 3
                units: [县财政局]
                facts:
                  - { key: listed_done, label: 责任单位是否完成, type: bool, supplier: unit }
                rule:
                  - all: { fact: listed_done, points: 3 }
        """;

    private static readonly CompiledScheme Scheme = new(SchemeLoader.Parse(Yaml, "compiled.yaml"));

    private static UnitFacts Facts() => Scheme.NewFacts("u1", "dept", "县发改局")
        .Set("a", FactValue.Num(8.50m)).Set("b", FactValue.Num(0m)).Set("t", FactValue.OfText("省级"))
        .Set("d", FactValue.Date(new DateOnly(2023, 5, 10)))
        .Set("L", Ledger(
            Row(("done", FactValue.Bool(true)), ("amount", FactValue.Num(120.5m)), ("kind", FactValue.OfText("甲"))),
            Row(("amount", FactValue.Num(3m)), ("done", FactValue.Bool(false)), ("kind", FactValue.OfText("乙"))),
            Row(("done", FactValue.Bool(true)), ("amount", FactValue.Num(7m)), ("kind", FactValue.OfText("乙")))));

    /// <summary>A value bit for bit (0.0 is not 0), or the exception's type and message.</summary>
    private static string Outcome(Func<decimal> evaluate)
    {
        try
        {
            var v = evaluate();
            return $"{v.ToString(CultureInfo.InvariantCulture)} [{string.Join(',', decimal.GetBits(v))}]";
        }
        catch (Exception e)
        {
            return $"{e.GetType().Name}: {e.Message}";
        }
    }

    [Theory]
    [InlineData("a + b * 2")]
    [InlineData("a / b")]
    [InlineData("a / 4")]
    [InlineData("-a + 1")]
    [InlineData("not a")]
    [InlineData("max(8, 8.0, a)")]
    [InlineData("max(8.00, 8)")]
    [InlineData("min(a, 8.5, 9)")]
    [InlineData("clamp(a, 0, 7)")]
    [InlineData("clamp(a, 7, 0)")]
    [InlineData("if(b > 0 and a / b > 1, 1, 2)")]
    [InlineData("b == 0 or a / b > 1")]
    [InlineData("a >= 8.5")]
    [InlineData("a != 8.5")]
    [InlineData("m + 1")]
    [InlineData("undeclared * 2")]
    [InlineData("t == '省级'")]
    [InlineData("t != a")]
    [InlineData("t in ['国家级', '省级']")]
    [InlineData("year(d) * 100 + month(d)")]
    [InlineData("days(d, date('2023-06-01'))")]
    [InlineData("round(a / 3, 2) + abs(-b) + floor(a) + ceil(a)")]
    [InlineData("count(L)")]
    [InlineData("count(L, done)")]
    [InlineData("count(L, not done) * 100 / max(1, count(L))")]
    [InlineData("sum(L, amount, kind == '乙')")]
    [InlineData("avg(L, amount, amount > 1000)")]
    [InlineData("minOf(L, amount) + maxOf(L, amount, done)")]
    [InlineData("count(L, missing_column > 1)")]
    public void Compile_Expression_GivesTheTreesValueOrError(string expression)
    {
        var facts = Facts();
        var node = FormulaParser.Parse(expression);
        var compiled = CompiledFormula.Compile(node, Scheme);

        Outcome(() => compiled(new FormulaScope(facts))).ShouldBe(Outcome(() => node.Eval(new FormulaScope(facts))));
    }

    [Theory]
    [InlineData("done")]
    [InlineData("not done")]
    [InlineData("done and amount > 5")]
    [InlineData("kind == '乙' or amount >= 120.5")]
    [InlineData("kind in ['甲']")]
    [InlineData("missing_column")]
    public void Compile_RecordCondition_GivesTheTreesValueOrErrorOnEveryRecord(string condition)
    {
        var facts = Facts();
        var node = FormulaParser.ParseCondition(condition);
        var compiled = CompiledFormula.Compile(node, Scheme);

        foreach (var row in facts["L"].Rows!)
        {
            var treeScope = new FormulaScope(facts) { Row = row, RowLedger = "L" };
            var compiledScope = new FormulaScope(facts) { Row = row, RowLedger = "L" };
            Outcome(() => compiled(compiledScope)).ShouldBe(Outcome(() => node.Eval(treeScope)));
        }
    }

    private static readonly WorkingDayCalendar Official =
        WorkingDayCalendar.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "calendars", "cn-mainland.yaml")), "cn-mainland.yaml");

    /// <summary>The built-in schemes that have a formula, a record condition or a compared value.</summary>
    public static TheoryData<string> SchemesWithFormulas() =>
    [
        .. Directory.GetFiles(SchemeDirectory, "*.yaml", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(SchemeDirectory, p)).Order(StringComparer.Ordinal)
            .Where(file => new CompiledScheme(LoadScheme(file)).Items.Any(ci => ci.RelativeValue is not null
                || ci.Parts.Concat(ci.Parts.SelectMany(p => p.Lines ?? [])).Any(p => p.Formula is not null || p.Where is not null))),
    ];

    [Theory]
    [MemberData(nameof(SchemesWithFormulas))]
    public void Compile_EveryFormulaOfEveryScheme_GivesTheTreesValueOrErrorForRandomUnits(string file)
    {
        var scheme = new CompiledScheme(LoadScheme(file), Official);
        var random = new Random(19);
        var compared = 0;
        for (var unit = 0; unit < 40; unit++)
        {
            var facts = scheme.NewFacts($"u{unit}", scheme.Scheme.Classes.Count > 0 ? scheme.Scheme.Classes[unit % scheme.Scheme.Classes.Count].Id : "any",
                periodDates: new DateRange(new DateOnly(2022, 7, 1), new DateOnly(2023, 6, 30)));
            foreach (var f in scheme.FactDefinitions)
                if (random.Next(8) != 0) facts.Set(f.Key, RandomValue(f, random));
            foreach (var ci in scheme.Items)
            {
                if (ci.RelativeValue is { } value)
                    compared += Same(value, ci.RelativeValueOf!, facts);
                foreach (var cp in ci.Parts.Concat(ci.Parts.SelectMany(p => p.Lines ?? [])))
                {
                    if (cp.Formula is { } formula)
                        compared += Same(formula, cp.FormulaValue!, facts);
                    if (cp.Where is { } where && cp.Fact is { } ledger && facts[ledger].Rows is { } rows)
                        foreach (var row in rows)
                            compared += Same(where, cp.WhereValue!, facts, row, ledger);
                }
            }
        }
        compared.ShouldBeGreaterThan(0);
    }

    private static FactValue RandomValue(FactDefinition f, Random random) => f.Type switch
    {
        FactType.Date => FactValue.Date(new DateOnly(2022, 7, 1).AddDays(random.Next(540))),
        FactType.Text => FactValue.OfText(random.Next(2) == 0 ? "省级" : "县级"),
        _ => SchemeGenerator.RandomValue(f, random),
    };

    private static int Same(FormulaNode node, Func<FormulaScope, decimal> compiled, UnitFacts facts, LedgerRow? row = null, string? ledger = null)
    {
        var treeScope = new FormulaScope(facts) { Row = row, RowLedger = ledger };
        var compiledScope = new FormulaScope(facts) { Row = row, RowLedger = ledger };
        Outcome(() => compiled(compiledScope)).ShouldBe(Outcome(() => node.Eval(treeScope)));
        return 1;
    }

    [Theory]
    [InlineData("done and not verified")]
    [InlineData("done or verified")]
    [InlineData("not done")]
    [InlineData("not (done or verified) and done")]
    [InlineData("verified and done")]
    public void BitCondition_EveryRecord_MeetsItAsTheFormulaSaysOrDefersWhereTheFormulaFails(string condition)
    {
        var node = FormulaParser.ParseCondition(condition);
        var bits = BitCondition.Of(node).ShouldNotBeNull();
        LedgerRow[] rows =
        [
            Row(("done", FactValue.Bool(true)), ("verified", FactValue.Bool(false))),
            Row(("done", FactValue.Bool(true)), ("verified", FactValue.Bool(true))),
            Row(("done", FactValue.Bool(false)), ("verified", FactValue.Bool(true))),
            Row(("done", FactValue.Count(3)), ("verified", FactValue.Count(0))),
            Row(("done", FactValue.Bool(false))),
            Row(("done", FactValue.Bool(true))),
            Row(("verified", FactValue.Bool(true))),
        ];
        var at = new int[bits.Columns.Length];
        foreach (var row in rows)
        {
            for (var c = 0; c < at.Length; c++) at[c] = row.IndexOf(bits.Columns[c]);
            var facts = Facts();
            var expected = Outcome(() => node.Eval(new FormulaScope(facts) { Row = row, RowLedger = "L" }));
            var met = bits.Eval(row.PresentCells, row.TrueCells, at);

            (met < 0 ? expected.StartsWith(nameof(FormulaException), StringComparison.Ordinal) : expected.StartsWith($"{met} ", StringComparison.Ordinal))
                .ShouldBeTrue($"{condition} on {string.Join("、", row.Cells.Keys)}: bits {met}, formula {expected}");
        }
    }

    [Theory]
    [InlineData("amount > 5")]
    [InlineData("done and kind == '乙'")]
    public void BitCondition_ConditionReadingValues_IsLeftToTheFormula(string condition) =>
        BitCondition.Of(FormulaParser.ParseCondition(condition)).ShouldBeNull();

    [Fact]
    public void LedgerRow_Cells_AreTheCellsItWasMadeFrom()
    {
        var row = Row(("done", FactValue.Bool(true)), ("amount", FactValue.Num(2.50m)));

        row.Cells.Keys.ShouldBe(["done", "amount"], ignoreOrder: true);
        row["amount"].Number.ShouldBe(2.50m);
        ((int)row["amount"].Number.Scale).ShouldBe(2);
        row["done"].IsTrue.ShouldBeTrue();
        row["absent"].HasValue.ShouldBeFalse();
    }

    [Fact]
    public void Ledger_RecordsWithTheSameColumns_ShareOneArrayOfKeys()
    {
        var ledger = (LedgerRecords)Ledger(Row(("done", FactValue.Bool(true)), ("kind", FactValue.OfText("甲"))),
            Row(("done", FactValue.Bool(false)), ("kind", FactValue.OfText("乙")))).Rows!;

        ledger[0].Keys.ShouldBeSameAs(ledger[1].Keys);
        ledger.Keys.ShouldBeSameAs(ledger[0].Keys);
        ledger.TrueCells.ShouldBe([0b01UL, 0b00UL]);
    }

    [Theory]
    // Records whose columns come in another order, lack the column, or hold it as a count: each is read on its own.
    [InlineData(true)]
    [InlineData(false)]
    public void Score_LedgerRecordsOfMixedColumns_CountsEveryRecordWhoseColumnIsTrue(bool asList)
    {
        const string yaml = """
            id: mixed
            title: 混合台账
            period: year
            total: 10
            categories:
              - id: A
                title: 工作
                max: 10
                items:
                  - id: "1"
                    title: 完成事项
                    max: 10
                    facts:
                      - key: tasks
                        label: 任务台账
                        type: ledger
                        supplier: unit
                        columns:
                          - { key: name, label: 名称, type: text }
                          - { key: done, label: 是否完成, type: bool }
                    rule:
                      - perOccurrence: { fact: tasks, each: 1, where: "done" }
            """;
        var scheme = new CompiledScheme(SchemeLoader.Parse(yaml, "mixed.yaml"));
        LedgerRow[] rows =
        [
            Row(("name", FactValue.OfText("一")), ("done", FactValue.Bool(true))),
            Row(("done", FactValue.Bool(true)), ("name", FactValue.OfText("二"))),
            Row(("name", FactValue.OfText("三"))),
            Row(("done", FactValue.Bool(false))),
            Row(("done", FactValue.Count(2))),
        ];
        var facts = scheme.NewFacts("u1", "any").Set("tasks", FactValue.Ledger(asList ? [.. rows] : rows));

        var expected = rows.Count(r => r["done"].IsTrue);
        Scorer.Score(facts)["1"].Score.ShouldBe(expected);
        expected.ShouldBe(3);
    }

    [Fact]
    public void RankGroups_AfterAUnitMovedInTheSameList_SortsAgainAndRanksAsAFreshList()
    {
        var results = Enumerable.Range(0, 12).Select(i => Scorer.Score(Facts(i))).ToArray();
        CampaignScoring.Settle(results);
        var first = Ranking.RankGroups(results, null).Ranks;
        first.ShouldBe(Ranking.RankGroups([.. results], null).Ranks);

        // The last unit becomes the best: the order kept from the first ranking no longer holds.
        results[^1] = Scorer.Score(Facts(0).Set("a", FactValue.Num(99m)));
        var again = Ranking.RankGroups(results, r => r.UnitClass);
        var fresh = Ranking.RankGroups([.. results], r => r.UnitClass);

        again.Ranks.ShouldBe(fresh.Ranks);
        Ranking.RankGroups(results, null).Ranks[^1].ShouldBe(1);
        foreach (var (name, table) in fresh.Tables)
            again.Tables[name].InOrder.Select(r => r.UnitId).ShouldBe(table.InOrder.Select(r => r.UnitId));

        static UnitFacts Facts(int i) => Scheme.NewFacts($"u{i:D2}", i % 2 == 0 ? "dept" : "town", $"单位{i}")
            .Set("a", FactValue.Num(i % 5)).Set("b", FactValue.Num(1)).Set("town_done", FactValue.Bool(i % 3 == 0))
            .Set("listed_done", FactValue.Bool(true));
    }

    [Theory]
    [InlineData("dept", "县发改局", 10)]   // item 2 is the towns', item 3 the listed unit's
    [InlineData("town", "县发改局", 15)]
    [InlineData("dept", "县财政局", 13)]   // a listed unit: its class's applicable max plus item 3
    [InlineData("county", "县发改局", 10)] // a class the scheme does not declare: only the items for every class
    public void Score_ApplicableMax_IsTheMaximaOfTheItemsThatApplyToTheUnit(string unitClass, string name, decimal expected)
    {
        var facts = Scheme.NewFacts("u1", unitClass, name).Set("a", FactValue.Num(1)).Set("b", FactValue.Num(1))
            .Set("town_done", FactValue.Bool(true)).Set("listed_done", FactValue.Bool(true));

        var result = Scorer.Score(facts);

        result.ApplicableMax.ShouldBe(expected);
        CampaignScoring.Settle([result]);
        result.ApplicableMax.ShouldBe(expected);
    }
}
