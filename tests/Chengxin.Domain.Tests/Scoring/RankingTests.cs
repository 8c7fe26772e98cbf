using Chengxin.Domain.Schemes;
using Chengxin.Domain.Scoring;

namespace Chengxin.Domain.Tests.Scoring;

public class RankingTests
{
    private const string Yaml = """
        id: rank-test
        title: 排名测试
        period: quarter
        total: 20
        classes:
          - { id: town, name: 乡镇 }
          - { id: dept, name: 县直单位 }
        tieBreak: ["b", "a"]
        categories:
          - id: a
            title: 甲
            max: 10
            items:
              - id: a1
                title: 甲一
                max: 10
                facts: [ { key: x, label: 甲, type: number, supplier: unit } ]
                rule: [ formula: { expr: "x" } ]
          - id: b
            title: 乙
            max: 10
            items:
              - id: b1
                title: 乙一
                max: 10
                facts: [ { key: y, label: 乙, type: number, supplier: unit } ]
                rule: [ formula: { expr: "y" } ]
        """;

    private static readonly CompiledScheme Scheme = new(SchemeLoader.Parse(Yaml));

    private static UnitResult Unit(string id, decimal x, decimal y, string cls = "town") =>
        Scorer.Score(Scheme.NewFacts(id, cls).Set("x", FactValue.Num(x)).Set("y", FactValue.Num(y)));

    [Fact]
    public void Rank_EqualTotalsAndEqualTieBreaks_ShareARankAndSkipTheNext()
    {
        // 1, 2, 2, 4: standard competition ranking.
        var results = new[] { Unit("u1", 10, 9), Unit("u2", 8, 8), Unit("u3", 8, 8), Unit("u4", 5, 5) };
        Ranking.Rank(results).Select(r => r.Rank).ShouldBe([1, 2, 2, 4]);
    }

    [Fact]
    public void Rank_EqualTotals_AreSeparatedByTheTieBreakOrder()
    {
        // Both total 16; the scheme compares category b first: u2 has more in b.
        var results = new[] { Unit("u1", 10, 6), Unit("u2", 6, 10) };
        var ranked = Ranking.Rank(results);
        ranked.Single(r => r.Result.UnitId == "u2").Rank.ShouldBe(1);
        ranked.Single(r => r.Result.UnitId == "u1").Rank.ShouldBe(2);
    }

    [Fact]
    public void Rank_PerClass_RanksWithinTheClassOnly()
    {
        var results = new[] { Unit("t1", 10, 10), Unit("d1", 9, 9, "dept"), Unit("t2", 5, 5), Unit("d2", 9, 9, "dept") };
        var ranked = Ranking.Rank(results).ToDictionary(r => r.Result.UnitId);
        ranked["d1"].Rank.ShouldBe(2);
        ranked["d1"].GroupRank.ShouldBe(1);
        ranked["d2"].GroupRank.ShouldBe(1);
        ranked["t2"].Rank.ShouldBe(4);
        ranked["t2"].GroupRank.ShouldBe(2);
    }

    [Fact]
    public void Update_OneUnitImproves_MovesItAndShiftsTheOthers()
    {
        var results = Enumerable.Range(1, 10).Select(i => Unit($"u{i}", i, 0)).ToList();
        var table = new RankTable(results);
        table.RankOf(results[0]).ShouldBe(10);
        var better = Unit("u1", 9.5m, 0);
        table.Update(results[0], better);
        table.RankOf(better).ShouldBe(2);
        table.RankOf(results[8]).ShouldBe(3); // u9 had 9 points: one unit now sits ahead of it
        table.Count.ShouldBe(10);
    }

    [Fact]
    public void Update_UnitNotInTheTable_IsRefused()
    {
        var table = new RankTable([Unit("u1", 1, 1)]);
        Should.Throw<DomainRuleException>(() => table.Update(Unit("zz", 1, 1), Unit("zz", 2, 2)));
    }

    [Fact]
    public void Rank_DecimalTotalsThatBinaryFloatsWouldBlur_CompareExactly()
    {
        // 0.1 + 0.2 is 0.3 exactly in decimal; in double it is 0.30000000000000004 and would rank ahead.
        var results = new[] { Unit("u1", 0.1m, 0.2m), Unit("u2", 0.2m, 0.1m) };
        results[0].Total.ShouldBe(0.3m);
        results[0].Total.ShouldBe(results[1].Total);
        // Equal totals: the tie-break (category b first) decides, not a rounding error.
        Ranking.Rank(results).Select(r => r.Rank).ShouldBe([1, 2]);
    }
}
