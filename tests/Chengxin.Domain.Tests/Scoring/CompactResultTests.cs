using Chengxin.Domain.Schemes;
using Chengxin.Domain.Scoring;

namespace Chengxin.Domain.Tests.Scoring;

/// <summary>
/// A campaign keeps one result per unit, so a result is kept small (issue 19, B1): items packed one word each, the totals'
/// detail and pass two's outcomes made when read. What a caller reads must be what it read before, bit for bit.
/// </summary>
public class CompactResultTests
{
    private const string Yaml = """
        id: compact
        title: 紧凑结果
        period: year
        total: 100
        classes: [{ id: dept, name: 县直单位 }]
        rounding: { digits: 2 }
        penalties: { floorTotalAtZero: false }
        categories:
          - id: A
            title: 工作落实
            max: 100
            items:
              - id: "1"
                title: 工作落实
                max: 10
                facts:
                  - { key: done, label: 是否落实, type: bool, supplier: unit }
                  - { key: reprimands, label: 被通报批评次数, type: count, supplier: unit }
                  - { key: models, label: 诚信典型个数, type: count, supplier: unit }
                rule:
                  - all: { fact: done, points: 10 }
                  - penalty: { fact: reprimands, each: 0.5, label: 通报批评 }
                  - bonus: { fact: models, each: 0.25, cap: 2, label: 诚信典型 }
              - id: "2"
                title: 归集条数
                max: 90
                facts:
                  - { key: records, label: 归集条数, type: number, supplier: unit }
                rule:
                  - formula: { expr: "records / 1000" }
        """;

    private static readonly CompiledScheme Scheme = new(SchemeLoader.Parse(Yaml, "compact.yaml"));

    private static UnitFacts Unit(string id, long reprimands = 0, long models = 0, decimal records = 45_000) =>
        Scheme.NewFacts(id, "dept", $"单位{id}")
            .Set("done", FactValue.Bool(true)).Set("reprimands", FactValue.Count(reprimands))
            .Set("models", FactValue.Count(models)).Set("records", FactValue.Num(records));

    private static bool SameBits(decimal a, decimal b) => decimal.GetBits(a).SequenceEqual(decimal.GetBits(b));

    [Theory]
    [InlineData(0, false, 0)]        // 0
    [InlineData(0, false, 1)]        // 0.0
    [InlineData(0, true, 2)]         // −0.00
    [InlineData(375, true, 2)]       // −3.75
    [InlineData(4095, false, 2)]     // 40.95
    [InlineData(4194303, false, 2)]  // 41,943.03, the largest score a word holds at two digits
    public void PackedItem_ScoreThatFits_ComesBackBitForBit(int mantissa, bool negative, byte scale)
    {
        var score = new decimal(mantissa, 0, 0, negative, scale);
        var penalty = new decimal(0, 0, 0, true, 1);
        PackedItem.TryPack(ItemStatus.Scored, score, penalty, 0.50m, 3, out var packed).ShouldBeTrue();
        SameBits(PackedItem.Score(packed), score).ShouldBeTrue();
        SameBits(PackedItem.Penalty(packed), penalty).ShouldBeTrue();
        SameBits(PackedItem.Bonus(packed), 0.50m).ShouldBeTrue();
        (PackedItem.Status(packed), PackedItem.PartsMissing(packed)).ShouldBe((ItemStatus.Scored, 3));
    }

    [Theory]
    [InlineData("41943.04", "0", "0", 0)]   // the score's mantissa is beyond 22 bits
    [InlineData("1", "-40.96", "0", 0)]     // a penalty's mantissa is beyond 12 bits
    [InlineData("1", "0", "1.0000000", 0)]  // a bonus's scale is beyond 7
    [InlineData("1", "0", "0", 8)]          // more parts missing than 3 bits hold
    public void PackedItem_ValueBeyondItsField_DoesNotFit(string score, string penalty, string bonus, int missing)
    {
        static decimal D(string s) => decimal.Parse(s, System.Globalization.CultureInfo.InvariantCulture);
        PackedItem.TryPack(ItemStatus.Scored, D(score), D(penalty), D(bonus), missing, out _).ShouldBeFalse();
    }

    [Fact]
    public void Score_PenaltyAndBonusOfNone_KeepTheirScaleAsTheyAlwaysHave()
    {
        // 0.5 × 0 is 0.0 and 0.25 × 0 is 0.00: an export prints them as they come.
        var r = Scorer.Score(Unit("a"));
        r["1"].ShouldBe(new ItemResult(ItemStatus.Scored, 10, 0, 0) { Earned = 10 });
        (r["1"].Penalty.Scale, r["1"].Bonus.Scale).ShouldBe(((byte)1, (byte)2));
        r["2"].Score.ShouldBe(45m);
        r.Total.ShouldBe(55m);
    }

    [Fact]
    public void Score_ItemScoreTooLargeForOneWord_IsKeptAndTotalledAlike()
    {
        // 50,000.00 is beyond what a word holds: the unit keeps ItemResults, and adds them up the same way.
        var yaml = Yaml.Replace("total: 100", "total: 100000").Replace("max: 100\n", "max: 100000\n").Replace("max: 90", "max: 99990");
        var scheme = new CompiledScheme(SchemeLoader.Parse(yaml, "large.yaml"));
        var f = scheme.NewFacts("big", "dept", "大单位").Set("done", FactValue.Bool(true)).Set("reprimands", FactValue.Count(1))
            .Set("models", FactValue.Count(0)).Set("records", FactValue.Num(50_000_000.5m));
        var r = Scorer.Score(f);
        r["2"].Score.ShouldBe(50_000.00m);
        r.Total.ShouldBe(10m - 0.5m + 50_000.00m);
        r.SubtotalOf("A").ShouldBe(r.Total);
    }

    [Fact]
    public void Items_WrittenAfterScoring_AreWhatTheTotalsAddUp()
    {
        var r = Scorer.Score(Unit("a", reprimands: 2));
        var items = r.Items;
        items.ShouldBeSameAs(r.Items);
        items[1] = items[1] with { Score = 20 };
        Totals.Compute(r);
        (r.SubtotalOf("2"), r.Total).ShouldBe((20m, 29m));   // 10 − 1.0 + 20
    }

    [Fact]
    public void Detail_ReadBeforeTheTotalsChange_IsKeptCurrent()
    {
        var r = Scorer.Score(Unit("a", reprimands: 2, models: 3));
        (r.Base, r.Penalties, r.BonusRaw, r.ApplicableMax).ShouldBe((54m, -1m, 0.75m, 100m));
        r.ScoreAsUnreported();
        (r.Base, r.Penalties, r.BonusRaw, r.ApplicableMax).ShouldBe((0m, 0m, 0m, 100m));
    }

    [Fact]
    public void Detail_ReadOnlyAfterTheTotalsChange_IsTheNewOne()
    {
        var r = Scorer.Score(Unit("a", reprimands: 2, models: 3));
        r.ScoreAsUnreported();
        (r.Base, r.Penalties, r.BonusRaw).ShouldBe((0m, 0m, 0m));
    }

    [Fact]
    public void RelativeOutcomes_AfterPassTwo_SayWhatEachUnitWasComparedWith()
    {
        // Two towns on schemes/examples/relative-scores-and-quotas.yaml: 归集条数 as a share of the class's best, 诚信示范创建
        // exempt (容缺) for the second, which takes the first's score as the average.
        var scheme = TestSupport.Compile("examples/relative-scores-and-quotas.yaml");
        UnitFacts Town(string id, string name, long records, bool exempt)
        {
            var f = scheme.NewFacts(id, "town", name).Set("records_shared", FactValue.Count(records)).Set("late_rate", FactValue.Percent(5))
                .Set("plan_issued", FactValue.Bool(true)).Set("articles", FactValue.Count(1)).Set("villages", FactValue.Count(3))
                .Set("demo_exempt", FactValue.Bool(exempt));
            return exempt ? f : f.Set("demo_activities", FactValue.Count(4));
        }
        var results = new List<UnitResult> { Scorer.Score(Town("cg", "城关镇", 1500, false)), Scorer.Score(Town("xs", "西山乡", 900, true)) };
        results[1].RelativeOutcomes.ShouldBeNull();
        CampaignScoring.Finish(results);

        var share = scheme.Items.Single(i => i.Item.Id == "1.1").Index;
        var outcome = results[1].RelativeOutcomeOf(share).ShouldNotBeNull();
        (outcome.Points, outcome.Compared, outcome.Value, outcome.Reference, outcome.Rank).ShouldBe((12m, 2, (decimal?)900m, (decimal?)1500m, (int?)2));
        outcome.ReferenceUnits.ShouldBe(["城关镇"]);
        results[1].RelativeOutcomes![scheme.Items[share].RelativeSlot].ShouldBe(outcome);

        var average = scheme.Items.Single(i => i.Item.Id == "1.3").Index;
        var exempt = results[1].RelativeOutcomeOf(average).ShouldNotBeNull();
        (exempt.Points, exempt.Compared, exempt.Average, exempt.Rank).ShouldBe((10m, 1, (decimal?)10m, (int?)null));   // 城关镇's 4 activities: 10
        results[0].RelativeOutcomeOf(average).ShouldBeNull();
    }
}
